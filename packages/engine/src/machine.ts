// The engine's only contact with xstate: pure transitions over persisted snapshots.
import { getNextTransitions, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate'
import type { ProcedureDefinition, Bilingual } from '@xianjie/domain'

export interface StateMeta {
  id?: string
  title?: Bilingual
  end?: string
}

export function machineOf(def: ProcedureDefinition): AnyStateMachine {
  return def.machine as AnyStateMachine
}

/** The persisted (JSON) form of a snapshot, as stored in cases.snapshot. */
export function persist(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot))) as Record<string, unknown>
}

export function restore(machine: AnyStateMachine, stored: Record<string, unknown>): AnyMachineSnapshot {
  return machine.resolveState(stored as never) as AnyMachineSnapshot
}

/** DOMAIN ids (meta.id) of the active state nodes, outermost first. */
export function activeStates(snapshot: AnyMachineSnapshot): Array<{ id: string; title: Bilingual; end?: string }> {
  const out: Array<{ id: string; title: Bilingual; end?: string }> = []
  for (const node of snapshot._nodes) {
    const meta = node.meta as StateMeta | undefined
    if (meta?.id) out.push({ id: meta.id, title: meta.title ?? { zh: meta.id, en: meta.id }, ...(meta.end ? { end: meta.end } : {}) })
  }
  return out
}

/** The end code of the final state a closed case rests in (the first one, for parallel regions). */
export function endOf(snapshot: AnyMachineSnapshot): string | null {
  return activeStates(snapshot).find((s) => s.end !== undefined)?.end ?? null
}

export function activeStateIds(snapshot: AnyMachineSnapshot): string[] {
  return [...new Set(activeStates(snapshot).map((s) => s.id))]
}

/** DOMAIN id of the innermost state node that holds a delayed event (for timer rows). */
export function stateIdOfSendId(machine: AnyStateMachine, sendId: string): string {
  // xstate.after.<delay>.<state node id>
  const nodeId = sendId.split('.').slice(3).join('.')
  try {
    let node = machine.getStateNodeById(nodeId) as { meta?: StateMeta; parent?: unknown } | undefined
    while (node) {
      if (node.meta?.id) return node.meta.id
      node = node.parent as typeof node
    }
  } catch {
    // fall through
  }
  return nodeId
}

/** Timer id (the `after` key) of a delayed-event id: `xstate.after.T6.ct.review` → `T6`. */
export function timerNameOfSendId(sendId: string): string | null {
  const m = /^xstate\.after\.([^.]+)\./.exec(sendId)
  return m ? m[1]! : null
}

/** Event types the current state handles (ignoring guards). */
export function handledEventTypes(snapshot: AnyMachineSnapshot): Set<string> {
  return new Set(getNextTransitions(snapshot).map((t) => t.eventType))
}

/** Names of the guards on the transitions the current state has for `type`. */
export function guardNamesFor(snapshot: AnyMachineSnapshot, type: string): string[] {
  const names: string[] = []
  const collect = (g: unknown): void => {
    if (!g) return
    if (typeof g === 'string') names.push(g)
    else if (typeof g === 'object') {
      const o = g as { type?: unknown; guards?: unknown[]; params?: unknown }
      if (typeof o.type === 'string' && !o.type.startsWith('xstate.')) names.push(o.type)
      for (const inner of o.guards ?? []) collect(inner)
      const p = o.params as { guards?: unknown[] } | undefined
      for (const inner of p?.guards ?? []) collect(inner)
    } else if (typeof g === 'function') {
      const f = g as { guards?: unknown[]; check?: unknown; name?: string }
      for (const inner of f.guards ?? []) collect(inner)
    }
  }
  for (const t of getNextTransitions(snapshot)) if (t.eventType === type) collect(t.guard)
  return names
}

export { initialTransition, transition }
export type { AnyMachineSnapshot, AnyStateMachine }
