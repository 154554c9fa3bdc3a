// Test support: sample input, sample command payloads and a `send` helper that builds
// MachineEventBase events the way the engine does.

import { initialTransition, transition } from 'xstate'
import { commandParties, type MachineEventBase } from '@xianjie/domain'

import { criminalTransferCommands } from './criminal-transfer.commands.ts'
import { criminalTransferMachine } from './criminal-transfer.machine.ts'
import type { CriminalTransferInput } from './criminal-transfer.types.ts'

export type CriminalTransferSnapshot = ReturnType<typeof criminalTransferMachine.resolveState>
export type ExecutableAction = ReturnType<typeof transition>[1][number]

export const AT = '2026-03-10T02:00:00.000Z'
const SHA = 'a'.repeat(64)

export const ACTORS: Record<string, MachineEventBase['actor']> = {
  aea: { userId: 'msa-620400.head', agencyId: 'msa-620400', roles: ['msa.officer', 'msa.head'] },
  police: { userId: 'police-620400.head', agencyId: 'police-620400', roles: ['police.officer', 'police.head'] },
  procuratorate: { userId: 'procuratorate-620400.head', agencyId: 'procuratorate-620400', roles: ['procurator', 'procuratorate.head'] },
  government: { userId: 'government-620400.supervisor', agencyId: 'government-620400', roles: ['supervisor'] },
  system: { userId: 'system', agencyId: 'system', roles: ['system'] },
}

export function sampleInput(overrides: Partial<CriminalTransferInput> = {}): CriminalTransferInput {
  return {
    caseId: '00000000-0000-4000-8000-000000000001',
    openedAt: '2026-03-02T02:00:00.000Z',
    parties: { aea: 'msa-620400', police: 'police-620400', procuratorate: 'procuratorate-620400', government: 'government-620400' },
    title: '白银某商贸公司销售假冒注册商标商品案',
    ipCategory: 'trademark',
    suspicionBasis: 'reasonableSuspicion',
    offence: '销售假冒注册商标的商品罪',
    illegalBusinessVolume: 86_000,
    finePaidAmount: 20_000,
    suspectName: '白银某商贸有限公司',
    violationDate: '2025-11-01',
    adminCaseOpenedAt: '2026-03-02T02:00:00.000Z',
    copyToProcuratorate: true,
    ...overrides,
  }
}

const doc = (name: string) => ({ name, sha256: SHA })
const transferDocs = [
  { kind: 'transferLetter', ...doc('涉嫌犯罪案件移送书.pdf') },
  { kind: 'investigationReport', ...doc('调查报告.pdf') },
  { kind: 'itemList', ...doc('涉案物品清单.pdf') },
  { kind: 'testReport', ...doc('鉴定结论.pdf') },
]

/** One or more valid payloads per command (variants exercise guarded branches). */
export const SAMPLE_PAYLOADS: Record<string, Array<Record<string, unknown>>> = {
  FORM_TEAM: [{ officers: [{ userId: 'msa-620400.officer1', name: '承办人甲' }, { userId: 'msa-620400.officer2', name: '承办人乙' }] }],
  SUBMIT_TRANSFER_REPORT: [{ report: doc('书面报告.pdf'), summary: '涉案金额八万六千元，已达追诉标准' }],
  APPROVE_TRANSFER: [{}],
  REFUSE_TRANSFER: [
    { reasons: '经核实不构成犯罪', noCrimeFound: true },
    { reasons: '证据尚不充分', noCrimeFound: false },
  ],
  DISPATCH_TRANSFER: [{ letterNo: '白市监移〔2026〕12号', documents: transferDocs }],
  SUPPLEMENT_PROVIDED: [{ documents: [doc('补充鉴定意见.pdf')] }],
  HAND_OVER_ITEMS: [{ itemList: doc('移交清单.pdf'), aeaSignatory: '承办人甲', policeSignatory: '侦查员乙' }],
  REQUEST_RECONSIDERATION: [{ reasons: '已达追诉标准，应当立案' }],
  SUGGEST_SUPERVISION: [
    { reasons: '公安机关应当立案而不立案', basis: 'R310-art9' },
    { reasons: '公安机关应当立案而不立案', basis: 'CPL-art113' },
  ],
  PETITION_PROCURATORATE: [{ reasons: '公安机关逾期未作出立案决定' }],
  ACCEPT_NON_FILING: [{}],
  RESUME_ADMIN_CASE: [{ note: '恢复办理' }],
  EXTEND_ADMIN_DECISION: [{ days: 30, reasons: '案情复杂，需要延长' }],
  IMPOSE_PENALTY: [{ decisionNo: '白市监罚〔2026〕30号', penalties: ['fine', 'confiscation'], fineAmount: 50_000 }],
  DECIDE_NO_PENALTY: [{ reasons: '违法行为轻微并及时改正' }],
  CLOSE_CASE: [{ reasons: '不予批准的理由已记录在案' }],
  SIGN_RECEIPT: [{ receiptNo: '回执001' }],
  FORWARD_CASE: [{ agencyId: 'police-620402', reasons: '犯罪地不在本辖区' }],
  NOT_POLICE_REMIT: [{ reasons: '不属于公安机关管辖', suggestedOrgan: '监察委员会' }],
  REQUEST_SUPPLEMENT: [{ items: ['检验报告原件'] }],
  EXTEND_REVIEW: [
    { days: 10, approvedBy: 'police-620400.head', approverLevel: 'countyHead', reasons: '经济犯罪案件' },
    { days: 30, approvedBy: 'police-620400.head', approverLevel: 'countyHead', reasons: '重大复杂案件' },
    { days: 60, approvedBy: 'police-620000.head', approverLevel: 'higher', reasons: '特殊案件' },
  ],
  FILE_CASE: [{ decisionNo: '白公经立字〔2026〕8号', offence: '销售假冒注册商标的商品罪' }],
  REFUSE_FILING: [{ reasons: '未达立案追诉标准', returnedFiles: [doc('案卷材料.pdf')] }],
  TRANSFER_BACK: [{ reasons: '犯罪事实显著轻微，应予行政处罚' }],
  RECONSIDER_FILE: [{ decisionNo: '白公经立字〔2026〕9号' }],
  MAINTAIN_REFUSAL: [{ reasons: '复议维持不予立案' }],
  EXPLAIN_NON_FILING: [{ reasons: '未达追诉标准，证据如附', evidence: [doc('说明材料.pdf')] }],
  MOVE_CASE: [{ agencyId: 'police-620402', mode: 'moved' }],
  NOTIFY_MOVED: [{}],
  WITHDRAW_CASE: [{ decisionNo: '白公撤字〔2026〕1号', reasons: '情节显著轻微' }],
  NOTIFY_WITHDRAWAL: [{}],
  ACCEPT_SUPERVISION: [{ registrationNo: '白检监〔2026〕3号' }],
  REJECT_INTAKE: [{ reasons: '公安机关不立案决定正确' }],
  REQUIRE_EXPLANATION: [{ reasons: '请说明不立案理由' }],
  ACCEPT_REASONS: [{ reasons: '不立案理由成立' }],
  INFORM_AEA: [{ summary: '不立案理由成立，依据如下' }],
  NOTIFY_TO_FILE: [{ reasons: '不立案理由不能成立' }],
  ISSUE_CORRECTION_NOTICE: [{ reasons: '收到通知立案书后超过15日未立案' }],
  ADVISE_AEA: [{ summary: '公安机关已立案' }],
  SEND_REMINDER: [{}],
  CONCLUDE: [{ outcome: 'judgment', criminalFine: 30_000 }],
  ORDER_TRANSFER: [{ deadline: '2026-03-20T09:00:00.000Z', reasons: '逾期未移送，责令限期移送' }],
}

const COMMAND_PARTY: Record<string, string> = Object.fromEntries(
  Object.values(criminalTransferCommands).map((spec) => [spec.type, commandParties(spec)[0]!]),
)

/** Builds an engine-shaped event; `actor` defaults to the party of the command. */
export function event(type: string, payload: Record<string, unknown> = {}, at = AT, party?: string): MachineEventBase {
  const key = party ?? COMMAND_PARTY[type] ?? 'system'
  return { type, at, actor: ACTORS[key] ?? ACTORS['system']!, payload }
}

export function receipt(dispatchKind: string, at = AT): MachineEventBase {
  return event('RECEIPT', { dispatchKind, agencyId: 'agency', receivedAt: at }, at, 'system')
}

export function start(overrides: Partial<CriminalTransferInput> = {}) {
  return initialTransition(criminalTransferMachine, sampleInput(overrides))
}

/** Sends one event; the payload defaults to the first sample of the command. */
export function send(snapshot: CriminalTransferSnapshot, type: string, payload?: Record<string, unknown>, at = AT) {
  const body = payload ?? SAMPLE_PAYLOADS[type]?.[0] ?? {}
  return transition(criminalTransferMachine, snapshot, event(type, body, at))
}

/** Sends a list of steps and returns the last snapshot and the actions of the last step. */
export function run(steps: Array<string | [string, Record<string, unknown>] | MachineEventBase>, overrides: Partial<CriminalTransferInput> = {}) {
  let [snapshot, actions] = start(overrides)
  for (const step of steps) {
    if (typeof step === 'string') [snapshot, actions] = send(snapshot, step)
    else if (Array.isArray(step)) [snapshot, actions] = send(snapshot, step[0], step[1])
    else [snapshot, actions] = transition(criminalTransferMachine, snapshot, step)
  }
  return { snapshot, actions }
}

/** The `xstate.after.<timer>.<state node id>` event the engine sends when a timer fires. */
export function afterEvent(timer: string, stateNodeId: string, at = AT): MachineEventBase {
  return event(`xstate.after.${timer}.${stateNodeId}`, {}, at, 'system')
}
