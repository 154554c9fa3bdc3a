import { describe, expect, it } from 'vitest'
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph'
import type { AnyStateNode } from '@xstate/graph'
import type { MachineEventBase } from '@xianjie/domain'

import { transferSupervisionCommands } from './transfer-supervision.commands.ts'
import { AT, event, receipt, SAMPLE_PAYLOADS, sampleInput, type TransferSupervisionSnapshot } from './transfer-supervision.fixtures.ts'
import { RECEIPT_KINDS, transferSupervisionMachine } from './transfer-supervision.machine.ts'
import { allStateNodes, definedTransitions, takenTransitions, unreachedStates, unsampledEvents } from '../../../test/support/statechart.ts'

const machine = transferSupervisionMachine

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

/** Transitions whose guard only ever refuses. This machine has none. */
const REFUSAL_ONLY = new Set<string>([])

const afterEvents = stateNodes().flatMap((node) =>
  [...node.transitions.keys()].filter((type) => type.startsWith('xstate.after.')).map((type) => event(type, {}, AT, 'system')),
)
const receiptEvents = [...Object.keys(RECEIPT_KINDS), 'unrelatedNotice'].map((kind) => receipt(kind))
const commandEvents = Object.entries(SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => event(type, payload)))
const EVENTS: MachineEventBase[] = [...commandEvents, ...receiptEvents, ...afterEvents]

/** No guard reads the context, so the state value alone tells states apart. */
const serializeState = (snapshot: TransferSupervisionSnapshot): string => JSON.stringify(snapshot.value)

const traversal = {
  events: EVENTS,
  input: sampleInput(),
  serializeState,
  stopWhen: (snapshot: TransferSupervisionSnapshot) => snapshot.status === 'done',
}

describe('transfer-supervision graph', () => {
  it('has a sample event for every event type the machine handles', () => {
    expect(unsampledEvents(machine.root, EVENTS)).toEqual([])
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual(Object.keys(transferSupervisionCommands).filter((t) => t !== 'RECEIPT').sort())
  })

  const paths = getShortestPaths(machine, traversal)
  const adjacency = getAdjacencyMap(machine, traversal)

  it('reaches every state node by some path', () => {
    expect(unreachedStates(machine.root, paths.map((path) => path.state))).toEqual([])
  })

  it('takes every transition of the definition on some path', () => {
    const taken = takenTransitions(machine, [adjacency])
    const defined = definedTransitions(machine.root)
    expect(defined.map(({ label }) => label).sort()).toEqual([
      'transferSupervision --RECEIPT[0]--> (self)',
      'transferSupervision.awaitingReply --REPLY_WITH_REASONS[0]--> transferSupervision.reviewingReply',
      'transferSupervision.awaitingReply --REPORT_TRANSFERRED[0]--> transferSupervision.transferred',
      'transferSupervision.awaitingReply.opinionInTransit --RECEIPT[0]--> transferSupervision.awaitingReply.replyPeriod',
      'transferSupervision.awaitingReply.replyPeriod --xstate.after.TS1.transferSupervision.awaitingReply.replyPeriod[0]--> transferSupervision.awaitingReply.replyOverdue',
      'transferSupervision.reviewingFlag --DECLINE_OPINION[0]--> transferSupervision.noOpinion',
      'transferSupervision.reviewingFlag --ISSUE_OPINION[0]--> transferSupervision.awaitingReply',
      'transferSupervision.reviewingReply --ACCEPT_REPLY[0]--> transferSupervision.replyAccepted',
      'transferSupervision.reviewingReply --REFER_TO_GOVERNMENT[0]--> transferSupervision.referredToGovernment',
    ])
    const missing = defined.filter(({ definition, label }) => !taken.has(definition) && !REFUSAL_ONLY.has(label)).map(({ label }) => label)
    expect(missing).toEqual([])
  })

  it('ends every path to a final state in a state that names its end', () => {
    const finals = paths.filter((path) => path.state.status === 'done')
    expect(finals.length).toBeGreaterThan(0)
    for (const path of finals) {
      const leaf = path.state._nodes.find((node) => node.type === 'final')
      expect(leaf?.meta).toMatchObject({ end: expect.stringMatching(/^E-[A-Z]+$/) })
    }
    const ends = new Set(finals.map((path) => path.state._nodes.find((node) => node.type === 'final')?.meta?.end))
    expect([...ends].sort()).toEqual(['E-ACCEPTED', 'E-COMPLIED', 'E-NO', 'E-REFERRED'])
    const finalNodes = stateNodes().filter((node) => node.type === 'final')
    expect(finalNodes.map((node) => [(node.meta as { id: string }).id, (node.meta as { end?: string }).end]).sort()).toEqual([
      ['SA0X', 'E-NO'],
      ['SA2', 'E-COMPLIED'],
      ['SA3A', 'E-ACCEPTED'],
      ['SA3R', 'E-REFERRED'],
    ])
  })

  it('gives every state node a state id and a bilingual title, and only final states an end', () => {
    const ids = /^SA(0|0X|1|2|3|3A|3R)$/
    for (const node of stateNodes().slice(1)) {
      expect(node.meta, node.id).toMatchObject({ id: expect.stringMatching(ids), title: { zh: expect.any(String), en: expect.any(String) } })
      if (node.type !== 'final') expect((node.meta as { end?: string }).end, node.id).toBeUndefined()
    }
    const covered = new Set(stateNodes().slice(1).map((node) => (node.meta as { id: string }).id))
    expect([...covered].sort()).toEqual(['SA0', 'SA0X', 'SA1', 'SA2', 'SA3', 'SA3A', 'SA3R'])
  })
})
