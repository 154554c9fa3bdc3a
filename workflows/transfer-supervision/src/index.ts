import { delaysOf, type PartySpec, type ProcedureDefinition } from '@xianjie/domain'

import { transferSupervisionCommands, transferSupervisionOpenPayload } from './transfer-supervision.commands.ts'
import { transferSupervisionMachine } from './transfer-supervision.machine.ts'
import { transferSupervisionRules } from './transfer-supervision.rules.ts'
import { TRANSFER_SUPERVISION_CONFIG, transferSupervisionTimers, transferSupervisionTimersFor, type TransferSupervisionConfig } from './transfer-supervision.timers.ts'

export { RECEIPT_KINDS, transferSupervisionMachine } from './transfer-supervision.machine.ts'
export type { EndCode, StateMeta } from './transfer-supervision.machine.ts'
export { transferSupervisionCommands, transferSupervisionOpenPayload } from './transfer-supervision.commands.ts'
export { transferSupervisionRules } from './transfer-supervision.rules.ts'
export type { TransferSupervisionRuleKey } from './transfer-supervision.rules.ts'
export {
  TRANSFER_SUPERVISION_CONFIG,
  transferSupervisionDelays,
  transferSupervisionTimers,
  transferSupervisionTimersFor,
} from './transfer-supervision.timers.ts'
export type { TransferSupervisionConfig, TransferSupervisionTimerId } from './transfer-supervision.timers.ts'
export { OPINION_GROUND_TITLES, OPINION_GROUNDS } from './transfer-supervision.types.ts'
export type * from './transfer-supervision.types.ts'

export const transferSupervisionParties: Record<string, PartySpec> = {
  procuratorate: { kind: 'procuratorate', title: { zh: '提出检察意见的人民检察院', en: 'Supervising procuratorate' }, resolve: 'opener' },
  aea: { kind: 'msa', title: { zh: '应当移送而未移送的行政执法机关', en: 'Enforcement agency that did not transfer' }, resolve: 'sameDivision' },
  // R310 art. 16(2): the same-level government orders the correction (责令改正).
  government: { kind: 'government', title: { zh: '本级人民政府', en: 'Same-level government' }, resolve: 'sameDivision' },
}

export const transferSupervision: ProcedureDefinition = {
  name: 'transfer-supervision',
  version: '1',
  title: { zh: '行政执法机关应当移送而不移送的检察监督', en: 'Procuratorate supervision of a transfer the AEA did not make' },
  machine: transferSupervisionMachine,
  parties: transferSupervisionParties,
  commands: transferSupervisionCommands,
  timers: transferSupervisionTimers,
  rules: transferSupervisionRules,
  openPayload: transferSupervisionOpenPayload,
  open: { roles: ['procurator'], party: 'procuratorate' },
  // The procuratorate's series: 白检行监〔2026〕1号.
  caseNumber: { party: 'procuratorate', series: '行监' },
  // A criminal-transfer case closed in F2R with a penalty (E2): the head refused the transfer and
  // the bureau fined instead. Both must hold, so F11/E2 (after the police refused to file) is not one.
  openFrom: [{ procedure: 'criminal-transfer', states: ['F2R'], ends: ['E2'] }],
}

/**
 * The procedure with another reply period (TS1 is ⚠️ unverified, DOMAIN.md §6.8): its timer
 * rule and the machine's nominal delay both follow `config`. Register the result instead of
 * `transferSupervision` to change the period without touching the statechart.
 */
export function transferSupervisionFor(config: TransferSupervisionConfig = TRANSFER_SUPERVISION_CONFIG): ProcedureDefinition {
  const timers = transferSupervisionTimersFor(config)
  return { ...transferSupervision, timers, machine: transferSupervisionMachine.provide({ delays: delaysOf(timers) }) }
}
