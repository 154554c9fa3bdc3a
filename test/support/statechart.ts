// Walks a statechart's definition for the graph and rule tests of every workflow.
import type { AdjacencyMap, AnyStateNode } from '@xstate/graph'
import { getNextTransitions, transition, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate'
import type { RuleSpec, StateMetaBase } from '@xianjie/domain'

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

/**
 * The transition definitions some edge of these adjacency maps (`getAdjacencyMap`) takes: the
 * graph tests compare them with `definedTransitions` to prove every transition is reachable.
 */
export function takenTransitions(
  machine: AnyStateMachine,
  adjacencies: ReadonlyArray<AdjacencyMap<AnyMachineSnapshot, EventObject>>,
): Set<unknown> {
  const taken = new Set<unknown>()
  for (const adjacency of adjacencies) {
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event } of Object.values(transitions) as Array<{ event: EventObject }>) {
        for (const definition of machine.getTransitionData(state, event)) taken.add(definition)
      }
    }
  }
  return taken
}

/** The ids of every state node active in some of these snapshots. */
export function reachedStateIds(snapshots: ReadonlyArray<{ _nodes: ReadonlyArray<{ id: string }> }>): Set<string> {
  return new Set(snapshots.flatMap((snapshot) => snapshot._nodes.map((node) => node.id)))
}

/** Event types some state node of `root` handles for which `events` holds no sample. */
export function unsampledEvents(root: AnyStateNode, events: ReadonlyArray<{ type: string }>): string[] {
  const handled = new Set(allStateNodes(root).flatMap((node) => [...node.transitions.keys()]))
  const sampled = new Set(events.map((e) => e.type))
  return [...handled].filter((type) => !sampled.has(type))
}

/** Ids of the state nodes of `root` active in none of these snapshots, except those in `transient`. */
export function unreachedStates(
  root: AnyStateNode,
  snapshots: ReadonlyArray<{ _nodes: ReadonlyArray<{ id: string }> }>,
  transient: ReadonlySet<string> = new Set(),
): string[] {
  const reached = reachedStateIds(snapshots)
  return allStateNodes(root).map((node) => node.id).filter((id) => !reached.has(id) && !transient.has(id))
}

/** The names of the guards a transition's guard is made of (`and([...])` included). */
export function guardNames(guard: unknown): string[] {
  if (typeof guard === 'string') return [guard]
  if (typeof guard === 'function') return ((guard as { guards?: unknown[] }).guards ?? []).flatMap(guardNames)
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return [String((guard as { type: unknown }).type)]
  return []
}

export type EngineAnswer<S, A> = { status: 'accepted'; snapshot: S; actions: A[] } | { status: 422; rule: RuleSpec | undefined } | { status: 409 }

/**
 * What the engine answers a command (engine.ts `execute` and `refuse`), computed on the pure
 * machine: the transition when one is enabled; else the rule an active state's `meta.refuses`
 * names (innermost first, also on a closed case); else, when the state handles the event, the
 * law-carrying guard that refuses (the first one named when none is known to); else 409.
 */
export function engineAnswer<S extends AnyMachineSnapshot>(
  machine: AnyStateMachine,
  rules: Record<string, RuleSpec>,
  snapshot: S,
  sent: { type: string },
): EngineAnswer<S, ReturnType<typeof transition>[1][number]> {
  if (snapshot.status === 'active' && snapshot.can(sent)) {
    const [next, actions] = transition(machine, snapshot, sent)
    return { status: 'accepted', snapshot: next as S, actions }
  }
  for (const node of [...snapshot._nodes].reverse()) {
    const key = (node.meta as StateMetaBase | undefined)?.refuses?.[sent.type]
    if (key !== undefined) return { status: 422, rule: rules[key] }
  }
  const candidates = snapshot.status === 'active' ? getNextTransitions(snapshot).filter((t) => t.eventType === sent.type) : []
  if (candidates.length > 0) {
    const named = candidates.flatMap((t) => guardNames(t.guard)).filter((g) => g in rules)
    const implementations = machine.implementations.guards as Record<string, (args: unknown, params: unknown) => boolean>
    const name = named.find((g) => implementations[g]?.({ context: snapshot.context, event: sent }, undefined) === false) ?? named[0]
    return { status: 422, rule: name === undefined ? undefined : rules[name] }
  }
  return { status: 409 }
}

/** `engineAnswer` when the command must be taken; throws with the answer otherwise. */
export function engineAccepts<S extends AnyMachineSnapshot>(machine: AnyStateMachine, rules: Record<string, RuleSpec>, snapshot: S, sent: { type: string }) {
  const result = engineAnswer(machine, rules, snapshot, sent)
  if (result.status !== 'accepted') throw new Error(`${sent.type} was not accepted: ${JSON.stringify(result)}`)
  return result
}

type Action = { type: string; params?: unknown }

/** The params of the declared effects of one kind (`dispatch`, `alert`, `document`) among a transition's actions. */
export function effectsOf<P>(actions: readonly Action[], type: 'dispatch' | 'alert' | 'document'): P[] {
  return actions.filter((action) => action.type === type).map((action) => action.params as P)
}

/** The timer ids (the `after` keys) a transition starts (`xstate.raise`) or cancels (`xstate.cancel`). */
export function delayedTimers(actions: readonly Action[], type: 'xstate.raise' | 'xstate.cancel'): string[] {
  return actions
    .filter((action) => String(action.type) === type)
    .map((action) => String((action.params as { id?: string; sendId?: string }).id ?? (action.params as { sendId?: string }).sendId ?? ''))
    .filter((id) => id.startsWith('xstate.after.'))
    .map((id) => id.split('.')[2] ?? '')
}
