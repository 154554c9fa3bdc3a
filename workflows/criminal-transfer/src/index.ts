import type { PartySpec, ProcedureDefinition } from '@xianjie/domain'
import type { CriminalTransferContext } from './criminal-transfer.types.ts'

import { criminalTransferCommands, criminalTransferOpenPayload } from './criminal-transfer.commands.ts'
import { criminalTransferMachine } from './criminal-transfer.machine.ts'
import { criminalTransferRules } from './criminal-transfer.rules.ts'
import { criminalTransferTimers } from './criminal-transfer.timers.ts'

export { criminalTransferMachine, discoveredWithinLimitation, RECEIPT_KINDS } from './criminal-transfer.machine.ts'
export type { StateMeta } from './criminal-transfer.machine.ts'
export { criminalTransferCommands, criminalTransferOpenPayload } from './criminal-transfer.commands.ts'
export { criminalTransferRules } from './criminal-transfer.rules.ts'
export { criminalTransferTimers, criminalTransferDelays } from './criminal-transfer.timers.ts'
export { TRANSFER_THRESHOLDS, thresholdMet, type TransferThreshold } from './criminal-transfer.thresholds.ts'
export type * from './criminal-transfer.types.ts'

/**
 * What the 该移不移 model reads (`case_index.summary`): the offence and amounts as recorded,
 * whether the case ever went to the police, and how the administrative case ended.
 */
export function criminalTransferSummary(c: CriminalTransferContext) {
  return {
    offence: c.offence,
    ipCategory: c.ipCategory,
    illegalBusinessVolume: c.amounts.illegalBusinessVolume,
    illegalGains: c.amounts.illegalGains,
    transferred: c.dispatchedAt !== null,
    penalty: c.adminDecision?.kind === 'penalty',
    penaltyDecisionNo: c.adminDecision?.decisionNo ?? null,
    fineAmount: c.adminDecision?.fineAmount ?? null,
    headRefusedTransfer: c.headRefusal !== null,
  }
}
export type CriminalTransferSummary = ReturnType<typeof criminalTransferSummary>

export const criminalTransferParties: Record<string, PartySpec> = {
  aea: { kind: 'msa', title: { zh: '移送案件的行政执法机关', en: 'Transferring enforcement agency' }, resolve: 'opener' },
  police: { kind: 'police', title: { zh: '同级公安机关', en: 'Same-level police' }, resolve: 'sameDivision' },
  procuratorate: { kind: 'procuratorate', title: { zh: '同级人民检察院', en: 'Same-level procuratorate' }, resolve: 'sameDivision' },
  government: { kind: 'government', title: { zh: '本级人民政府', en: 'Same-level government' }, resolve: 'sameDivision' },
  // R310 art. 7: the organ with jurisdiction the police forward the case to (FORWARD_CASE).
  forwardee: { kind: 'police', title: { zh: '有管辖权的机关', en: 'Competent organ (forwarded to)' }, resolve: 'assigned' },
}

export const criminalTransfer: ProcedureDefinition = {
  name: 'criminal-transfer',
  version: '1',
  title: { zh: '行政执法机关移送涉嫌犯罪案件', en: 'Transfer of suspected crimes from enforcement agencies' },
  machine: criminalTransferMachine,
  parties: criminalTransferParties,
  commands: criminalTransferCommands,
  timers: criminalTransferTimers,
  rules: criminalTransferRules,
  openPayload: criminalTransferOpenPayload,
  open: { roles: ['msa.officer', 'msa.head'], party: 'aea' },
  // The bureau's transfer series: 白市监移〔2026〕12号 (DOMAIN.md, identifiers).
  caseNumber: { party: 'aea', series: '移' },
  supervision: {
    subjects: (c: CriminalTransferContext) => [{ name: c.suspect.name, creditCode: c.suspect.creditCode }],
    summary: criminalTransferSummary,
    refusals: {
      REFUSE_TRANSFER: { kind: 'transferNotApproved', title: { zh: '负责人不批准移送', en: 'Transfer not approved by the head' }, why: 'reasons' },
      REFUSE_FILING: { kind: 'filingRefused', title: { zh: '公安机关不予立案', en: 'Police refused to file' }, why: 'reasons' },
      NOT_POLICE_REMIT: { kind: 'notPoliceRemit', title: { zh: '不属于公安机关职责范围', en: 'Outside police remit' }, why: 'reasons' },
    },
  },
}
