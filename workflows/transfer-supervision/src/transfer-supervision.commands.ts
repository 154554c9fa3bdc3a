// Who may send each command of the supervision, and the JSON Schema of its payload. The
// engine validates payloads and authorizes role × party; the machine's guards only check
// what the law adds. Every decision states its reasons (REASONS).

import { AGENCY_ID, INSTANT, object, REASONS, text, type CommandSpec, type Role, type Schema } from '@xianjie/domain'

import { OPINION_GROUNDS } from './transfer-supervision.types.ts'

const AMOUNT: Schema = { type: 'number', minimum: 0 }
const GROUNDS: Schema = { type: 'array', minItems: 1, maxItems: OPINION_GROUNDS.length, uniqueItems: true, items: { type: 'string', enum: [...OPINION_GROUNDS] } }

const PROCURATORATE = 'procuratorate'
const AEA = 'aea'

function command(type: string, zh: string, en: string, roles: Role[], party: string, payload: Schema, source: string): CommandSpec {
  return { type, title: { zh, en }, roles, party, payload, source }
}

const list: CommandSpec[] = [
  // ---- Procuratorate ----------------------------------------------------------------
  // "经检察长批准": only the chief procurator (or a deputy acting for them) issues it.
  command('ISSUE_OPINION', '提出检察意见（要求移送）', 'Issue a procuratorial opinion requiring transfer', ['procuratorate.head'], PROCURATORATE,
    object({ grounds: GROUNDS, reasons: REASONS }, ['grounds', 'reasons']), 'SPP-R art. 557(3); SPP-2001 §12'),
  command('DECLINE_OPINION', '不提出检察意见（理由存档）', 'Decline to issue an opinion (reasons on file)', ['procurator'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'SPP-R art. 557(3); SPP-2001 §12'),
  command('ACCEPT_REPLY', '认为不移送理由成立', 'Accept the AEA’s reasons', ['procurator'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'SPP-2001 §12'),
  command('REFER_TO_GOVERNMENT', '提请人民政府责令移送', 'Refer to the government to order the transfer', ['procuratorate.head'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'R310 arts 14(2), 16(2)'),

  // ---- AEA (market-supervision bureau) ----------------------------------------------
  command('REPORT_TRANSFERRED', '回复：已向公安机关移送', 'Reply: the case was transferred to the police', ['msa.head'], AEA,
    object({ transferCaseNumber: text(100), transferredAt: INSTANT, reasons: REASONS }, ['transferCaseNumber', 'transferredAt']), 'R310 arts 3, 5'),
  command('REPLY_WITH_REASONS', '回复：说明不移送理由', 'Reply: reasons for not transferring', ['msa.head'], AEA,
    object({ reasons: REASONS }, ['reasons']), 'SPP-2001 §12'),

  // ---- System (router) ----------------------------------------------------------------
  command('RECEIPT', '送达回证', 'Receipt of a dispatched notice', ['system'], 'system',
    object({ dispatchKind: text(100), agencyId: AGENCY_ID, receivedAt: INSTANT }, ['dispatchKind', 'agencyId', 'receivedAt']),
    'DOMAIN.md §5 T49: receipt of the opinion starts TS1'),
]

export const transferSupervisionCommands: Record<string, CommandSpec> = Object.fromEntries(list.map((spec) => [spec.type, spec]))

/** JSON Schema of the open payload (the engine merges caseId, openedAt, parties and parent). */
export const transferSupervisionOpenPayload: Record<string, unknown> = object({
  title: text(300),
  basis: object({
    offence: text(300),
    thresholdId: text(100),
    illegalBusinessVolume: AMOUNT,
    illegalGains: AMOUNT,
  }, ['offence', 'thresholdId']),
  // The flag: a complaint, a report or the procuratorate's own finding (SPP-R art. 557(3)).
  reasons: REASONS,
}, ['title', 'basis', 'reasons'])
