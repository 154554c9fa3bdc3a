// Test support: sample input, sample command payloads and helpers that build
// MachineEventBase events the way the engine does.

import { initialTransition, transition } from 'xstate'
import type { MachineEventBase, ParentFacts } from '@xianjie/domain'

import { transferSupervisionMachine } from './transfer-supervision.machine.ts'
import type { TransferSupervisionInput } from './transfer-supervision.types.ts'

export type TransferSupervisionSnapshot = ReturnType<typeof transferSupervisionMachine.resolveState>
export type ExecutableAction = ReturnType<typeof transition>[1][number]
export type Step = string | [string, Record<string, unknown>] | MachineEventBase

export const OPENED_AT = '2026-06-01T02:00:00.000Z'
export const AT = '2026-06-10T02:00:00.000Z'

const actor = (agencyId: string, userId: string, roles: string[]): MachineEventBase['actor'] => ({ userId: `${agencyId}.${userId}`, agencyId, roles })

/** Demo users: a procurator, the chief procurator (who is also a procurator), the bureau's officer and head. */
export const ACTORS: Record<string, MachineEventBase['actor']> = {
  procurator: actor('procuratorate-620400', 'procurator1', ['procurator']),
  chief: actor('procuratorate-620400', 'head', ['procurator', 'procuratorate.head']),
  aeaOfficer: actor('msa-620400', 'officer1', ['msa.officer']),
  aeaHead: actor('msa-620400', 'head', ['msa.officer', 'msa.head']),
  government: actor('government-620400', 'supervisor', ['supervisor']),
  system: { userId: 'system', agencyId: 'system', roles: ['system'] },
}

/** Who sends each command in the samples (an actor the engine would let through). */
export const SENDER: Record<string, string> = {
  ISSUE_OPINION: 'chief',
  DECLINE_OPINION: 'procurator',
  ACCEPT_REPLY: 'procurator',
  REFER_TO_GOVERNMENT: 'chief',
  REPORT_TRANSFERRED: 'aeaHead',
  REPLY_WITH_REASONS: 'aeaHead',
  RECEIPT: 'system',
}

/** The criminal-transfer case it is opened from: penalized after the head refused the transfer. */
export const PARENT: ParentFacts = {
  id: '00000000-0000-4000-8000-000000000001',
  procedure: 'criminal-transfer',
  stateIds: ['F2R'],
  caseNumber: '白市监移〔2026〕12号',
  end: 'E2',
}

export function sampleInput(overrides: Partial<TransferSupervisionInput> = {}): TransferSupervisionInput {
  return {
    caseId: '00000000-0000-4000-8000-000000000002',
    openedAt: OPENED_AT,
    parties: { procuratorate: 'procuratorate-620400', aea: 'msa-620400', government: 'government-620400' },
    title: '白银某商贸公司销售假冒注册商标商品案（以罚代刑线索）',
    basis: { offence: '销售假冒注册商标的商品罪', thresholdId: 'CL-214', illegalBusinessVolume: 86_000 },
    reasons: '非法经营数额八万六千元，已达立案追诉标准，行政执法机关作出罚款后未移送',
    parent: PARENT,
    ...overrides,
  }
}

/** One or more valid payloads per command. */
export const SAMPLE_PAYLOADS: Record<string, Array<Record<string, unknown>>> = {
  ISSUE_OPINION: [
    { grounds: ['penaltyInsteadOfTransfer'], reasons: '涉案金额已达追诉标准，以行政处罚代替移送' },
    { grounds: ['nonTransfer', 'concealedItems'], reasons: '应当移送而不移送，并销毁涉案物品' },
  ],
  DECLINE_OPINION: [{ reasons: '经审查，涉案金额未达追诉标准' }],
  REPORT_TRANSFERRED: [
    { transferCaseNumber: '白市监移〔2026〕15号', transferredAt: '2026-07-01T02:00:00.000Z' },
    { transferCaseNumber: '白市监移〔2026〕15号', transferredAt: '2026-07-01T02:00:00.000Z', reasons: '已按检察意见移送' },
  ],
  REPLY_WITH_REASONS: [{ reasons: '经复核，鉴定结论显示涉案商品非假冒，不构成犯罪' }],
  ACCEPT_REPLY: [{ reasons: '不移送理由成立' }],
  REFER_TO_GOVERNMENT: [{ reasons: '不移送理由不能成立，提请人民政府责令移送' }],
}

/** Builds an engine-shaped event; `by` defaults to the sample sender of the command. */
export function event(type: string, payload: Record<string, unknown> = {}, at = AT, by?: string): MachineEventBase {
  const key = by ?? SENDER[type] ?? 'system'
  return { type, at, actor: ACTORS[key] ?? ACTORS['system']!, payload }
}

export function receipt(dispatchKind: string, at = AT, agencyId = 'msa-620400'): MachineEventBase {
  return event('RECEIPT', { dispatchKind, agencyId, receivedAt: at }, at, 'system')
}

/** The `xstate.after.<timer>.<state node id>` event the engine sends when a timer fires. */
export function afterEvent(timer: string, stateNodeId: string, at = AT): MachineEventBase {
  return event(`xstate.after.${timer}.${stateNodeId}`, {}, at, 'system')
}

export function start(overrides: Partial<TransferSupervisionInput> = {}) {
  return initialTransition(transferSupervisionMachine, sampleInput(overrides))
}

/** Sends one event; the payload defaults to the first sample of the command. */
export function send(snapshot: TransferSupervisionSnapshot, type: string, payload?: Record<string, unknown>, at = AT) {
  const body = payload ?? SAMPLE_PAYLOADS[type]?.[0] ?? {}
  return transition(transferSupervisionMachine, snapshot, event(type, body, at))
}

/** Sends a list of steps and returns the last snapshot and the actions of the last step. */
export function run(steps: Step[], overrides: Partial<TransferSupervisionInput> = {}) {
  let [snapshot, actions] = start(overrides)
  for (const step of steps) {
    if (typeof step === 'string') [snapshot, actions] = send(snapshot, step)
    else if (Array.isArray(step)) [snapshot, actions] = send(snapshot, step[0], step[1])
    else [snapshot, actions] = transition(transferSupervisionMachine, snapshot, step)
  }
  return { snapshot, actions }
}

/** SA1 with the opinion received (TS1 running). */
export const TO_REPLY_PERIOD: Step[] = ['ISSUE_OPINION', receipt('procuratorialOpinion')]
/** SA1 with TS1 fired. */
export const TO_OVERDUE: Step[] = [...TO_REPLY_PERIOD, afterEvent('TS1', 'transferSupervision.awaitingReply.replyPeriod')]
/** SA3: the AEA replied with reasons. */
export const TO_SA3: Step[] = [...TO_REPLY_PERIOD, 'REPLY_WITH_REASONS']
