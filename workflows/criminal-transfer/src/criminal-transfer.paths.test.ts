import { describe, expect, it } from 'vitest'
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph'
import type { AnyStateNode } from '@xstate/graph'
import type { MachineEventBase } from '@xianjie/domain'

import { criminalTransferCommands } from './criminal-transfer.commands.ts'
import { AT, event, receipt, SAMPLE_PAYLOADS, sampleInput, type CriminalTransferSnapshot } from './criminal-transfer.fixtures.ts'
import { criminalTransferMachine, RECEIPT_KINDS } from './criminal-transfer.machine.ts'
import { allStateNodes, definedTransitions, takenTransitions, unreachedStates, unsampledEvents } from '../../../test/support/statechart.ts'

const machine = criminalTransferMachine

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)


/**
 * Transitions whose guard only ever refuses: they exist so the engine answers 422 with the
 * rule instead of 409. They are checked in the rule tests, not by reachability.
 */
const REFUSAL_ONLY = new Set([
  'criminalTransfer --IMPOSE_PENALTY[0]--> (self)',
  'criminalTransfer.reconsiderationRefused --REQUEST_RECONSIDERATION[0]--> (self)',
])

const afterEvents = stateNodes().flatMap((node) =>
  [...node.transitions.keys()].filter((type) => type.startsWith('xstate.after.')).map((type) => event(type, {}, AT, 'system')),
)
const receiptEvents = [...Object.keys(RECEIPT_KINDS), 'unrelatedNotice'].map((kind) => receipt(kind))
const commandEvents = Object.entries(SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => event(type, payload)))
const EVENTS: MachineEventBase[] = [...commandEvents, ...receiptEvents, ...afterEvents]

/**
 * The state value plus the context that guards of that top-level state read, so the graph
 * stays small. A flag is kept only where it can still change which transition is taken.
 */
function serializeState(snapshot: CriminalTransferSnapshot): string {
  const c = snapshot.context
  const top = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]
  const flags: Record<string, unknown> = {}
  switch (top) {
    case 'transferRefused':
      flags['noCrimeFound'] = c.headRefusal?.noCrimeFound
      break
    case 'policeReview':
      flags['review'] = [c.reviewExtension, c.supplementNoticeWindowOpen, c.overdue.filter((id) => id.startsWith('T6'))]
      break
    case 'afterNonFiling':
    case 'reconsiderationRefused':
      flags['windows'] = [c.reconsiderationWindowOpen, c.supervisionWindowOpen, c.reconsiderationRequestedAt !== null]
      break
    case 'supervisionRequested':
    case 'procuratorateIntake':
      flags['route'] = c.supervision?.route
      break
    case 'policeToExplain':
      flags['route'] = [c.supervision?.route, c.overdue.filter((id) => id === 'T11' || id === 'T15')]
      break
    case 'filedUnderSupervision':
      flags['reminderGateOpen'] = c.reminderGateOpen
      break
    case 'adminHandling':
      flags['adminRoute'] = c.adminRoute
      break
  }
  return JSON.stringify({ value: snapshot.value, flags })
}

const traversal = {
  events: EVENTS,
  input: sampleInput(),
  serializeState: (snapshot: CriminalTransferSnapshot) => serializeState(snapshot),
  stopWhen: (snapshot: CriminalTransferSnapshot) => snapshot.status === 'done',
}

describe('criminal-transfer graph', () => {
  it('has a sample event for every event type the machine handles', () => {
    expect(unsampledEvents(machine.root, EVENTS)).toEqual([])
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual(Object.keys(criminalTransferCommands).filter((t) => t !== 'RECEIPT').sort())
  })

  const paths = getShortestPaths(machine, traversal)
  const adjacency = getAdjacencyMap(machine, traversal)

  it('reaches every state node by some path', () => {
    expect(unreachedStates(machine.root, paths.map((path) => path.state))).toEqual([])
  })

  it('takes every transition of the definition on some path', () => {
    const taken = takenTransitions(machine, [adjacency])
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
      expect(leaf?.meta).toMatchObject({ end: expect.stringMatching(/^E[1-5]$/) })
    }
    const ends = new Set(finals.map((path) => path.state._nodes.find((node) => node.type === 'final')?.meta?.end))
    expect([...ends].sort()).toEqual(['E1', 'E2', 'E3', 'E4', 'E5'])
  })

  it('gives every state node a DOMAIN id and a bilingual title', () => {
    const ids = /^(F([0-9]|1[01])|F2R|F4F|F4X|F5S|F6A|F6B|F8|F10B|F-ESC|S[0-7]|S1R|S3V|RP[1-3])$/
    for (const node of stateNodes().slice(1)) {
      expect(node.meta, node.id).toMatchObject({ id: expect.stringMatching(ids), title: { zh: expect.any(String), en: expect.any(String) } })
    }
    const covered = new Set(stateNodes().slice(1).map((node) => (node.meta as { id: string }).id))
    const expected = ['F0', 'F1', 'F2', 'F2R', 'F3', 'F4', 'F4F', 'F4X', 'F5', 'F5S', 'F6A', 'F6B', 'F7', 'F8', 'F9', 'F10', 'F10B', 'F11', 'F-ESC', 'S0', 'S1', 'S1R', 'S2', 'S3', 'S3V', 'S4', 'S5', 'S6', 'S7', 'RP1', 'RP2', 'RP3']
    expect(expected.filter((id) => !covered.has(id))).toEqual([])
  })
})
