import { describe, expect, it } from 'vitest'
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph'
import type { AnyStateNode } from '@xstate/graph'
import type { MachineEventBase } from '@xianjie/domain'

import { judicialConfirmationCommands } from './judicial-confirmation.commands.ts'
import {
  adminInput,
  AT,
  event,
  receipt,
  SAMPLE_PAYLOADS,
  sampleInput,
  start,
  type JudicialConfirmationSnapshot,
} from './judicial-confirmation.fixtures.ts'
import { DISPATCH_KINDS, judicialConfirmationMachine } from './judicial-confirmation.machine.ts'
import type { JudicialConfirmationInput } from './judicial-confirmation.types.ts'
import { allStateNodes, definedTransitions, takenTransitions, unreachedStates, unsampledEvents } from '../../../test/support/statechart.ts'

const machine = judicialConfirmationMachine

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)


/**
 * Transitions whose guard only ever refuses (kept so the engine answers 422 with the rule).
 * This machine has none: states that no longer take a command say so in `meta.refuses`.
 */
const REFUSAL_ONLY = new Set<string>([])

/** The transient node that routes the opening by mode; a snapshot never rests in it. */
const TRANSIENT = new Set(['judicialConfirmation.opening'])

const afterEvents = stateNodes().flatMap((node) =>
  [...node.transitions.keys()].filter((type) => type.startsWith('xstate.after.')).map((type) => event(type, {}, AT, 'system')),
)
const receiptEvents = [
  receipt('mediationRequestCopy', 'party-620402-2'),
  receipt('confirmationRuling', 'party-620402-1'),
  receipt('confirmationRuling', 'party-620402-2'),
  receipt('acceptanceNotice', 'party-620402-1'),
]
const commandEvents = Object.entries(SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => event(type, payload)))
/** The same commands from the other side: a second filed court, the other applicant. */
const otherActors = [
  event('ACCEPT_APPLICATION', { caseNumber: '(2026)浙0106民特8号' }, AT, 'hangzhouJudge'),
  event('REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院对该申请无管辖权' }, AT, 'hangzhouJudge'),
  event('JOIN_APPLICATION', {}, AT, 'applicant1'),
  event('OBJECT_TO_RULING', { reasons: '调解协议违反自愿原则' }, AT, 'applicant1'),
]
const EVENTS: MachineEventBase[] = [...commandEvents, ...otherActors, ...receiptEvents, ...afterEvents]

/**
 * The state value plus the context that guards of that top-level state read, so the graph
 * stays small. A flag is kept only where it can still change which transition is taken.
 */
function serializeState(snapshot: JudicialConfirmationSnapshot): string {
  const c = snapshot.context
  const top = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]
  const flags: Record<string, unknown> = {}
  switch (top) {
    case 'agreementEffective':
      flags['application'] = [c.application?.by, c.application?.courts]
      break
    case 'applicationFiled':
      flags['courts'] = [c.pendingCourts, c.courtSetDatePassed]
      break
    case 'underReview':
      flags['review'] = [c.extension !== null, c.courtSetDatePassed]
      break
    case 'confirmed':
      flags['objections'] = c.objections.filter((o) => o.outcome === 'pending').length > 0
      break
  }
  return JSON.stringify({ value: snapshot.value, flags })
}

function traverse(input: JudicialConfirmationInput) {
  const traversal = {
    events: EVENTS,
    input,
    serializeState: (snapshot: JudicialConfirmationSnapshot) => serializeState(snapshot),
    stopWhen: (snapshot: JudicialConfirmationSnapshot) => snapshot.status === 'done',
  }
  return { paths: getShortestPaths(machine, traversal), adjacency: getAdjacencyMap(machine, traversal) }
}

describe('judicial-confirmation graph', () => {
  it('has a sample event for every event type the machine handles', () => {
    expect(unsampledEvents(machine.root, EVENTS)).toEqual([])
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual(Object.keys(judicialConfirmationCommands).filter((t) => t !== 'RECEIPT').sort())
  })

  // An organisation's case starts at J0; a bureau's at AM1 and reaches J0 with RECORD_AGREEMENT.
  const runs = [traverse(sampleInput()), traverse(adminInput())]
  const paths = runs.flatMap((r) => r.paths)

  it('never rests in the transient opening node', () => {
    expect(start(sampleInput())[0].value).toEqual({ agreementEffective: { applicationWindow: 'idle' } })
    expect(start(adminInput())[0].value).toEqual({ adminMediation: { requested: 'requestServed' } })
  })

  it('reaches every state node by some path', () => {
    expect(unreachedStates(machine.root, paths.map((path) => path.state), TRANSIENT)).toEqual([])
  })

  it('takes every transition of the definition on some path', () => {
    const taken = takenTransitions(machine, runs.map((r) => r.adjacency))
    const missing = definedTransitions(machine.root)
      .filter(({ definition, label }) => !taken.has(definition) && !REFUSAL_ONLY.has(label))
      .map(({ label }) => label)
    expect(missing).toEqual([])
  })

  it('ends every path to a final state in a state that names its DOMAIN end', () => {
    const finals = paths.filter((path) => path.state.status === 'done')
    expect(finals.length).toBeGreaterThan(0)
    for (const path of finals) {
      const leaf = path.state._nodes.find((node) => node.type === 'final')
      expect(leaf?.meta).toMatchObject({ end: expect.stringMatching(/^(E[1-8]|AMN|AMX)$/) })
    }
    const ends = new Set(finals.map((path) => path.state._nodes.find((node) => node.type === 'final')?.meta?.end))
    expect([...ends].sort()).toEqual(['AMN', 'AMX', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8'])
    for (const node of stateNodes().filter((n) => n.type === 'final')) expect(node.meta, node.id).toHaveProperty('end')
  })

  it('gives every state node a DOMAIN id and a bilingual title', () => {
    const ids = /^(AM1|AM2|AMN|AMX|J0|J1|J1X|J2|J2S|J3|J3R|J4|J5A|J5B|J6W|J7|J8|J9)$/
    for (const node of stateNodes().slice(1)) {
      expect(node.meta, node.id).toMatchObject({ id: expect.stringMatching(ids), title: { zh: expect.any(String), en: expect.any(String) } })
    }
    const covered = new Set(stateNodes().slice(1).map((node) => (node.meta as { id: string }).id))
    const expected = ['J0', 'J1', 'J1X', 'J2', 'J2S', 'J3', 'J3R', 'J4', 'J5A', 'J5B', 'J6W', 'J7', 'J8', 'J9', 'AM1', 'AM2', 'AMN', 'AMX']
    expect(expected.filter((id) => !covered.has(id))).toEqual([])
    // …and every id is one a path actually shows.
    const shown = new Set(paths.flatMap((path) => path.state._nodes.map((node) => (node.meta as { id?: string } | undefined)?.id)))
    expect(expected.filter((id) => !shown.has(id))).toEqual([])
  })

  it('names a declared dispatch kind in every receipt the machine waits for', () => {
    const kinds = stateNodes().flatMap((node) =>
      (node.transitions.get('RECEIPT') ?? []).map((t) => (t.guard as { params?: { kind?: string } } | undefined)?.params?.kind).filter((k) => k !== undefined),
    )
    for (const kind of kinds) expect(DISPATCH_KINDS).toHaveProperty(kind!)
  })
})
