// Who may send each command of the transfer procedure, and the JSON Schema of its payload.
// The engine validates payloads; the machine's guards only check what the law adds. Every
// refusal states its reasons (REASONS: R310 arts 5(2), 8; PSP arts 180, 181).

import { AGENCY_ID, CREDIT_CODE_SCHEMA, DATE, INSTANT, object, REASONS, RESIDENT_ID_SCHEMA, text, type CommandSpec, type Role, type Schema } from '@xianjie/domain'

import { IP_CATEGORIES, SUSPICION_BASES, TRANSFER_DOCUMENT_KINDS } from './criminal-transfer.types.ts'

const SHA256: Schema = { type: 'string', pattern: '^[0-9a-f]{64}$' }
const DOCUMENT: Schema = object({ name: text(300), sha256: SHA256 }, ['name', 'sha256'])
const DOCUMENTS: Schema = { type: 'array', items: DOCUMENT, minItems: 1, maxItems: 200 }
const AMOUNT: Schema = { type: 'number', minimum: 0 }

const AEA = 'aea'
const POLICE = 'police'
const PROCURATORATE = 'procuratorate'
const GOVERNMENT = 'government'

function command(
  type: string,
  zh: string,
  en: string,
  roles: Role[],
  party: string,
  payload: Schema,
  source?: string,
): CommandSpec {
  return source === undefined
    ? { type, title: { zh, en }, roles, party, payload }
    : { type, title: { zh, en }, roles, party, payload, source }
}

const list: CommandSpec[] = [
  // ---- AEA (market-supervision bureau) ---------------------------------------------
  command('FORM_TEAM', '组成专案组', 'Form the case team', ['msa.officer', 'msa.head'], AEA,
    object({ officers: { type: 'array', minItems: 1, maxItems: 20, items: object({ userId: text(100), name: text(100) }, ['userId', 'name']) } }, ['officers']),
    'R310 art. 5(1)'),
  command('SUBMIT_TRANSFER_REPORT', '提出移送书面报告', 'Submit the written transfer report', ['msa.officer'], AEA,
    object({ report: DOCUMENT, summary: { type: 'string', minLength: 4, maxLength: 4000 } }, ['report', 'summary']),
    'R310 art. 5(1)'),
  command('APPROVE_TRANSFER', '批准移送', 'Approve the transfer', ['msa.head'], AEA,
    object({ note: text() }), 'R310 art. 5(2)'),
  command('REFUSE_TRANSFER', '不批准移送', 'Refuse the transfer', ['msa.head'], AEA,
    object({ reasons: REASONS, noCrimeFound: { type: 'boolean' } }, ['reasons', 'noCrimeFound']), 'R310 art. 5(2)'),
  command('DISPATCH_TRANSFER', '向公安机关移送', 'Deliver the transfer to the police', ['msa.officer', 'msa.head'], AEA,
    object({
      letterNo: text(100),
      documents: {
        type: 'array', minItems: 1, maxItems: 200,
        items: object({ kind: { type: 'string', enum: [...TRANSFER_DOCUMENT_KINDS] }, name: text(300), sha256: SHA256 }, ['kind', 'name', 'sha256']),
      },
      noTestingRequired: { type: 'boolean' },
      noTestingReason: REASONS,
    }, ['documents']),
    'R310 arts 5(2), 6'),
  command('SUPPLEMENT_PROVIDED', '补正材料', 'Provide the missing materials', ['msa.officer'], AEA,
    object({ documents: DOCUMENTS }, ['documents']), 'PSP art. 180(2)'),
  command('HAND_OVER_ITEMS', '移交涉案物品', 'Hand over the items involved', ['msa.officer'], AEA,
    object({ itemList: DOCUMENT, aeaSignatory: text(100), policeSignatory: text(100) }, ['itemList', 'aeaSignatory', 'policeSignatory']),
    'R310 art. 12; PSP art. 185(2)'),
  command('REQUEST_RECONSIDERATION', '提请复议', 'Request reconsideration', ['msa.head'], AEA,
    object({ reasons: REASONS, documents: DOCUMENTS }, ['reasons']), 'R310 art. 9(1); PSP art. 181'),
  command('SUGGEST_SUPERVISION', '建议立案监督', 'Suggest procuratorate supervision', ['msa.head'], AEA,
    object({ reasons: REASONS, basis: { type: 'string', enum: ['R310-art9', 'CPL-art113'] }, documents: DOCUMENTS }, ['reasons']),
    'R310 art. 9; CPL art. 113; SPP-R art. 557'),
  command('PETITION_PROCURATORATE', '公安逾期未决定，提请检察院监督', 'Petition the procuratorate: police review overdue', ['msa.head'], AEA,
    object({ reasons: REASONS }, ['reasons']), 'SPP-R art. 562'),
  command('ACCEPT_NON_FILING', '接受不予立案，依法处理', 'Accept the non-filing and handle administratively', ['msa.head'], AEA,
    object({ note: text() }), 'R310 art. 10'),
  command('RESUME_ADMIN_CASE', '恢复或立案办理行政案件', 'Resume the administrative case', ['msa.officer', 'msa.head'], AEA,
    object({ adminCaseOpenedAt: INSTANT, note: text() }), 'R310 art. 13; APL art. 27(1)'),
  command('EXTEND_ADMIN_DECISION', '延长行政处罚决定期限', 'Extend the administrative decision period', ['msa.head'], AEA,
    object({ days: { type: 'integer', enum: [30] }, reasons: REASONS }, ['days', 'reasons']), 'APL art. 60; SAMR practice'),
  command('IMPOSE_PENALTY', '作出行政处罚决定', 'Impose an administrative penalty', ['msa.head'], AEA,
    object({
      decisionNo: text(100),
      penalties: { type: 'array', minItems: 1, items: { type: 'string', enum: ['warning', 'fine', 'confiscation', 'suspension', 'licenceRevocation', 'other'] } },
      fineAmount: AMOUNT,
    }, ['decisionNo', 'penalties']),
    'R310 arts 10, 11; APL art. 57'),
  command('DECIDE_NO_PENALTY', '不予行政处罚', 'Decide not to impose a penalty', ['msa.head'], AEA,
    object({ reasons: REASONS }, ['reasons']), 'APL art. 57'),
  command('CLOSE_CASE', '结案（记录在案）', 'Close with reasons on file', ['msa.head'], AEA,
    object({ reasons: REASONS }, ['reasons']), 'R310 art. 5(2)'),

  // ---- Police -----------------------------------------------------------------------
  command('SIGN_RECEIPT', '在移送书回执上签字', 'Sign the receipt of the transfer letter', ['police.officer'], POLICE,
    object({ receiptNo: text(100) }), 'R310 art. 7'),
  command('FORWARD_CASE', '转送有管辖权的机关', 'Forward to the competent organ', ['police.officer', 'police.head'], POLICE,
    object({ agencyId: AGENCY_ID, reasons: REASONS }, ['agencyId', 'reasons']), 'R310 art. 7; PSP art. 175'),
  command('NOT_POLICE_REMIT', '不属于公安机关职责范围', 'Outside police remit', ['police.head'], POLICE,
    object({ reasons: REASONS, suggestedOrgan: text(300) }, ['reasons']), 'PSP art. 180(3)'),
  command('REQUEST_SUPPLEMENT', '告知补正材料', 'Ask the AEA to supplement materials', ['police.officer'], POLICE,
    object({ items: { type: 'array', minItems: 1, maxItems: 100, items: text(300) } }, ['items']), 'PSP art. 180(2)'),
  command('EXTEND_REVIEW', '延长立案审查期限', 'Extend the filing review', ['police.head'], POLICE,
    object({
      days: { type: 'integer', enum: [10, 30, 60] },
      approvedBy: text(100),
      approverLevel: { type: 'string', enum: ['countyHead', 'higher'] },
      reasons: REASONS,
    }, ['days', 'approvedBy', 'approverLevel', 'reasons']),
    'ECR art. 16'),
  command('FILE_CASE', '决定立案', 'File the case', ['police.head'], POLICE,
    object({ decisionNo: text(100), offence: text(300) }, ['decisionNo']), 'R310 art. 8; PSP arts 178, 180(1)'),
  command('REFUSE_FILING', '决定不予立案', 'Refuse to file', ['police.head'], POLICE,
    object({
      reasons: REASONS,
      returnedFiles: { type: 'array', maxItems: 200, items: object({ name: text(300), sha256: SHA256 }, ['name']) },
    }, ['reasons', 'returnedFiles']),
    'R310 art. 8; PSP arts 178, 180(1)'),
  command('TRANSFER_BACK', '移送行政执法机关处理', 'Transfer the case back to the AEA', ['police.head'], POLICE,
    object({ reasons: REASONS }, ['reasons']), 'R310 art. 13; PSP art. 177'),
  command('RECONSIDER_FILE', '复议后立案', 'File on reconsideration', ['police.head'], POLICE,
    object({ decisionNo: text(100), offence: text(300) }, ['decisionNo']), 'R310 art. 9(2); PSP art. 181'),
  command('MAINTAIN_REFUSAL', '复议维持不予立案', 'Maintain the non-filing on reconsideration', ['police.head'], POLICE,
    object({ reasons: REASONS }, ['reasons']), 'R310 art. 9(2); PSP art. 181'),
  command('EXPLAIN_NON_FILING', '书面说明不立案理由', 'Explain the non-filing in writing', ['police.head'], POLICE,
    object({ reasons: REASONS, evidence: DOCUMENTS }, ['reasons']), 'SPP-R art. 560; PSP art. 182(1)'),
  command('MOVE_CASE', '移送其他公安机关或并案', 'Move the case to another police organ or merge it', ['police.head'], POLICE,
    object({ agencyId: AGENCY_ID, mode: { type: 'string', enum: ['moved', 'merged'] } }, ['agencyId', 'mode']), 'PSP art. 184'),
  command('NOTIFY_MOVED', '书面通知移送机关（移送或并案）', 'Notify the AEA of the move', ['police.officer', 'police.head'], POLICE,
    object({ note: text() }), 'PSP art. 184'),
  command('WITHDRAW_CASE', '撤销案件', 'Withdraw the case', ['police.head'], POLICE,
    object({ decisionNo: text(100), reasons: REASONS }, ['decisionNo', 'reasons']), 'PSP art. 186'),
  command('NOTIFY_WITHDRAWAL', '通知案件移送机关（撤销案件）', 'Notify the AEA of the withdrawal', ['police.officer', 'police.head'], POLICE,
    object({ note: text() }), 'PSP art. 189'),

  // ---- Procuratorate ----------------------------------------------------------------
  command('ACCEPT_SUPERVISION', '受理立案监督', 'Accept the supervision request', ['procurator'], PROCURATORATE,
    object({ registrationNo: text(100) }), 'SPP-R art. 557'),
  command('REJECT_INTAKE', '审查后不需监督，书面答复', 'Answer that no supervision is needed', ['procurator'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'SPP-R art. 558'),
  command('REQUIRE_EXPLANATION', '要求公安机关说明不立案理由', 'Require the police to explain', ['procurator'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'CPL art. 113; SPP-R arts 559–560, 562'),
  command('ACCEPT_REASONS', '认为不立案理由成立', 'Accept the police reasons', ['procurator'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'SPP-R art. 561'),
  command('INFORM_AEA', '告知行政执法机关', 'Inform the AEA of the basis and reasons', ['procurator'], PROCURATORATE,
    object({ summary: text() }, ['summary']), 'SPP-R art. 561(2)'),
  command('NOTIFY_TO_FILE', '通知公安机关立案', 'Notify the police to file', ['procuratorate.head'], PROCURATORATE,
    object({ reasons: REASONS, evidence: DOCUMENTS }, ['reasons']), 'CPL art. 113; SPP-R arts 561–563'),
  command('ISSUE_CORRECTION_NOTICE', '发出纠正违法通知书', 'Issue a correction notice', ['procurator', 'procuratorate.head'], PROCURATORATE,
    object({ reasons: REASONS }, ['reasons']), 'SPP-R art. 564(2)'),
  command('ADVISE_AEA', '告知行政执法机关监督结果', 'Advise the AEA of the outcome', ['procurator'], PROCURATORATE,
    object({ summary: text() }, ['summary']), 'SPP-2001 §11'),
  command('SEND_REMINDER', '发出立案监督案件催办函', 'Send a reminder letter', ['procurator'], PROCURATORATE,
    object({ note: text() }), 'SPP-R art. 564(3)'),
  command('CONCLUDE', '刑事程序终结（起诉或判决）', 'Record the criminal outcome (prosecution or judgment)', ['procurator', 'procuratorate.head'], PROCURATORATE,
    object({ outcome: { type: 'string', enum: ['prosecuted', 'judgment'] }, criminalFine: AMOUNT, documentNo: text(100) }, ['outcome']),
    'R310 art. 11(3); APL art. 35'),

  // ---- Government (superior government, F-ESC) ----------------------------------------
  // The contract has no government role; `supervisor` of the government party stands in.
  command('ORDER_TRANSFER', '责令限期移送', 'Order the transfer within a set time', ['supervisor'], GOVERNMENT,
    object({ deadline: INSTANT, reasons: REASONS, disciplinaryReferral: { type: 'boolean' } }, ['deadline', 'reasons']),
    'R310 art. 16'),

  // ---- System (router) ----------------------------------------------------------------
  command('RECEIPT', '送达回证', 'Receipt of a dispatched notice', ['system'], 'system',
    object({ dispatchKind: text(100), agencyId: AGENCY_ID, receivedAt: INSTANT }, ['dispatchKind', 'agencyId', 'receivedAt'])),
]

export const criminalTransferCommands: Record<string, CommandSpec> = Object.fromEntries(list.map((spec) => [spec.type, spec]))

/** JSON Schema of the open payload (the engine merges caseId, openedAt and parties). */
export const criminalTransferOpenPayload: Record<string, unknown> = object({
  title: text(300),
  ipCategory: { type: 'string', enum: [...IP_CATEGORIES] },
  // R310 art. 3(2): in IP cases a reasonable suspicion suffices.
  suspicionBasis: { type: 'string', enum: [...SUSPICION_BASES] },
  offence: text(300),
  illegalBusinessVolume: AMOUNT,
  illegalGains: AMOUNT,
  finePaidAmount: AMOUNT,
  suspectName: text(300),
  // A suspect that is an enterprise has a 统一社会信用代码; a person a 居民身份证号 (GB 11643-1999,
  // its check digit and birth date checked). Never both. Reads mask the number for everyone
  // but the agencies working the case (engine policy.ts); the stored event keeps it whole.
  suspectCreditCode: CREDIT_CODE_SCHEMA,
  suspectIdNumber: RESIDENT_ID_SCHEMA,
  copyToProcuratorate: { type: 'boolean', default: true },
  violationDate: DATE,
  aggravatedLimitation: { type: 'boolean', default: false },
  adminCaseOpenedAt: INSTANT,
}, ['title', 'ipCategory', 'suspicionBasis', 'offence', 'suspectName', 'adminCaseOpenedAt'], {
  if: { required: ['suspectIdNumber'] },
  then: { properties: { suspectCreditCode: false } },
})
