// A procedure's statechart as the web pages draw it: the machine's state nodes folded onto the
// DOMAIN state ids the engine reports in `CaseView.stateIds`, and its transitions between them.
import type { AnyStateMachine, AnyStateNode } from 'xstate'
import type { Bilingual, ProcedureDefinition } from '@xianjie/domain'
import type { StateMeta } from './machine.ts'
import type { ChartState, ChartTransition, ProcedureChart } from './types.ts'

/** What the timeline calls a receipt; the machines take it on their root. */
const RECEIPT_TITLE: Bilingual = { zh: '送达回执', en: 'Receipt' }

const AFTER = /^xstate\.after\.([^.]+)\./

const metaOf = (node: AnyStateNode): StateMeta | undefined => node.meta as StateMeta | undefined

/** The DOMAIN id a node shows as: its own, else its nearest ancestor's (null for the root). */
function ownId(node: AnyStateNode | undefined): string | null {
  for (let n = node; n !== undefined; n = n.parent) {
    const id = metaOf(n)?.id
    if (id) return id
  }
  return null
}

/** The DOMAIN id entering `node` shows: its own or an ancestor's, else that of the state it starts in. */
function enteredId(node: AnyStateNode): string | null {
  const id = ownId(node)
  if (id !== null) return id
  const first = node.type === 'parallel' ? Object.values(node.states)[0] : node.initial?.target[0]
  return first === undefined ? null : enteredId(first)
}

/**
 * The statechart of a procedure over DOMAIN state ids. Nested nodes that carry their parent's
 * id (a state's substates, e.g. F5's review periods) fold into it. A DOMAIN id used by several
 * nodes (F11 in progress and F11 ended, F-ESC under F2, F3 and F7) is one state, titled and
 * typed by its first node in document order that is not final (else its first), inside the
 * innermost DOMAIN state that holds every one of its nodes (none for F-ESC); a container whose
 * children all fold into it is drawn `atomic`. A transition that stays
 * within one DOMAIN state, or has no target, is a loop (`to` = `[from]`). The root's own
 * transitions (receipts) are left out: they change no state. Kinds: `command` (a command type,
 * titled from the definition), `timer` (`event` is the timer id, e.g. `T6`, titled from its
 * rule), `always` (an eventless step), `other`.
 */
export function procedureChart(def: ProcedureDefinition): ProcedureChart {
  // A chart depends only on the definition: derived once per registered procedure.
  let chart = charts.get(def)
  if (chart === undefined) charts.set(def, (chart = deriveChart(def)))
  return chart
}

const charts = new WeakMap<ProcedureDefinition, ProcedureChart>()

function deriveChart(def: ProcedureDefinition): ProcedureChart {
  const machine = def.machine as AnyStateMachine
  const nodesById = new Map<string, AnyStateNode[]>()
  const transitions = new Map<string, ChartTransition>()

  const add = (from: string, targets: readonly AnyStateNode[] | undefined, eventType: string, always: boolean): void => {
    const to = [...new Set((targets ?? []).map(enteredId).filter((id): id is string => id !== null))]
    const transition: ChartTransition = { from, to: to.length > 0 ? to : [from], ...describeEvent(def, eventType, always) }
    const key = JSON.stringify([transition.from, transition.to, transition.event])
    if (!transitions.has(key)) transitions.set(key, transition)
  }

  const walk = (node: AnyStateNode): void => {
    const id = metaOf(node)?.id
    if (id) nodesById.set(id, [...(nodesById.get(id) ?? []), node])
    const from = ownId(node)
    if (from !== null) {
      for (const [eventType, candidates] of node.transitions) {
        for (const t of candidates) add(from, t.target, eventType, false)
      }
      for (const t of node.always ?? []) add(from, t.target, 'always', true)
    }
    for (const child of Object.values(node.states)) walk(child)
  }
  walk(machine.root)

  const states: ChartState[] = [...nodesById].map(([id, nodes]) => {
    const node = nodes.find((n) => n.type !== 'final') ?? nodes[0]!
    const meta = metaOf(node)!
    return {
      id,
      title: meta.title ?? { zh: id, en: id },
      parent: commonParent(id, nodes),
      type: node.type === 'history' ? 'atomic' : node.type,
      ...(meta.end ? { end: meta.end } : {}),
    }
  })
  const parents = new Set(states.map((s) => s.parent))
  for (const state of states) {
    if ((state.type === 'compound' || state.type === 'parallel') && !parents.has(state.id)) state.type = 'atomic'
  }
  return {
    procedure: def.name,
    initial: enteredId(machine.root) ?? '',
    states,
    transitions: [...transitions.values()],
  }
}

/** The DOMAIN ids around a node other than `id`, innermost first. */
function enclosingIds(id: string, node: AnyStateNode): string[] {
  const out: string[] = []
  for (let n = node.parent; n !== undefined; n = n.parent) {
    const own = metaOf(n)?.id
    if (own && own !== id && !out.includes(own)) out.push(own)
  }
  return out
}

/** The innermost DOMAIN state enclosing every node of `id`; null when they share none. */
function commonParent(id: string, nodes: readonly AnyStateNode[]): string | null {
  const [first, ...rest] = nodes.map((n) => enclosingIds(id, n))
  return first?.find((candidate) => rest.every((chain) => chain.includes(candidate))) ?? null
}

function describeEvent(def: ProcedureDefinition, eventType: string, always: boolean): Pick<ChartTransition, 'event' | 'title' | 'kind'> {
  if (always) return { event: 'always', title: null, kind: 'always' }
  const command = def.commands[eventType]
  if (command) return { event: eventType, title: command.title, kind: 'command' }
  const timer = AFTER.exec(eventType)?.[1]
  if (timer !== undefined) return { event: timer, title: def.timers[timer]?.title ?? null, kind: 'timer' }
  return { event: eventType, title: eventType === 'RECEIPT' ? RECEIPT_TITLE : null, kind: 'other' }
}
