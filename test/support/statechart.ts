// Walks a statechart's definition for the graph and rule tests of every workflow.
import type { AnyStateNode } from '@xstate/graph'

/** Every state node under `root`, itself first, depth first. */
export function allStateNodes(root: AnyStateNode): AnyStateNode[] {
  return [root, ...Object.values(root.states).flatMap((child) => allStateNodes(child))]
}

/** Every transition of the definition: (source state node, event type, index among that event's candidates). */
export function definedTransitions(root: AnyStateNode) {
  return allStateNodes(root).flatMap((node) =>
    [...node.transitions.entries()].flatMap(([eventType, candidates]) =>
      candidates.map((definition, index) => ({
        definition,
        label: `${node.id} --${eventType}[${index}]--> ${definition.target?.map((t) => t.id).join(',') ?? '(self)'}`,
      })),
    ),
  )
}
