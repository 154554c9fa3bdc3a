// Who may send each command of credit punishment and repair, and the JSON Schema of its
// payload. The engine validates payloads and authorizes role × party; the machine's guards
// check only what the law adds.

import { AGENCY_ID, DATE, ENGINE_AGENCIES, INSTANT, object, REASONS as STATED_REASONS, text, type CommandSpec, type Role, type Schema } from '@xianjie/domain'

import {
  ART12_FACTOR_KEYS,
  ART9_ITEM_KEYS,
  CNIPA_CONDUCT_KEYS,
  FIELDS,
  PENALTY_PROCEDURES,
  PENALTY_TYPES,
  VIOLATION_ARTICLES,
} from './credit-listing.types.ts'

/** Decisions and refusals state their reasons. */
const REASONS: Schema = { ...STATED_REASONS, description: '理由（决定、不予受理、撤回等应当说明理由）' }
const BOOL = (description: string): Schema => ({ type: 'boolean', description })

const BUREAU: Role[] = ['msa.officer', 'msa.credit']
const HEAD: Role[] = ['msa.head']
const PARTY: Role[] = ['party']
const PUBLISHERS = ['bureau', 'registrationBureau'] as const

interface Options {
  source?: string
  assigns?: CommandSpec['assigns']
}

function command(type: string, zh: string, en: string, roles: Role[], party: string | readonly string[], payload: Schema, options: Options = {}): CommandSpec {
  const spec: CommandSpec = { type, title: { zh, en }, roles, party, payload }
  if (options.source !== undefined) spec.source = options.source
  if (options.assigns !== undefined) spec.assigns = options.assigns
  return spec
}

const FACTORS: Schema = {
  ...object(Object.fromEntries(ART12_FACTOR_KEYS.map((key) => [key, text(2000)]))),
  minProperties: 1,
  description: '《市场监督管理严重违法失信名单管理办法》第十二条考量因素：主观恶意、违法频次、持续时间、处罚类型、罚没款数额、产品货值金额、对人民群众生命健康的危害、财产损失和社会影响（至少一项）',
}

const PUSH: Schema = object(
  { registrationBureau: { ...AGENCY_ID, description: '当事人登记地（住所地）所在辖区的市场监督管理部门' }, agencies: ENGINE_AGENCIES },
  ['registrationBureau'],
)
const PUBLISH: Schema = object({ publishedAt: { ...INSTANT, description: '在国家企业信用信息公示系统公示的时间（默认为操作时间）' } })

const list: CommandSpec[] = [
  // ---- (A) L0–L2: assessment, notice, hearing, decision ----------------------------------
  command('ASSESS_CRITERIA', '评估列入条件', 'Assess the listing criteria', BUREAU, 'bureau',
    object({
      factors: FACTORS,
      seriousCircumstances: BOOL('是否认定性质恶劣、情节严重、社会危害较大'),
      noIntentEvidence: BOOL('当事人是否有证据足以证明没有主观故意（有则不予列入）'),
      reasons: text(4000, '评估意见'),
    }, ['factors', 'seriousCircumstances', 'noIntentEvidence', 'reasons']),
    { source: 'SAMR-44 arts 2, 5–10, 12' }),
  command('GIVE_PRIOR_NOTICE', '送达告知书', 'Give the prior notice', BUREAU, 'bureau',
    object({ statementDays: { type: 'integer', minimum: 1, maximum: 30, default: 5, description: '陈述、申辩期限（工作日，默认5日）' } }),
    { source: 'APL arts 44, 45, 63, 64; SAMR-44 art. 14 ⚠️' }),
  command('SUBMIT_STATEMENT', '提出陈述、申辩', 'Submit a statement and defence', PARTY, 'subject',
    object({ statement: text(20_000, '陈述、申辩意见') }, ['statement']),
    { source: 'APL arts 7, 45' }),
  command('REQUEST_HEARING', '要求听证', 'Request a hearing', PARTY, 'subject',
    object({ reasons: text(4000, '要求听证的理由（可选）') }),
    { source: 'APL arts 63, 64' }),
  command('WAIVE_RIGHTS', '明确放弃陈述、申辩和听证权利', 'Expressly waive statement, defence and hearing', PARTY, 'subject',
    object({ declaration: text(4000, '放弃声明') }),
    { source: 'APL art. 62' }),
  command('SCHEDULE_HEARING', '安排听证并通知', 'Schedule the hearing and notify the party', BUREAU, 'bureau',
    object({
      hearingAt: { ...INSTANT, description: '听证时间' },
      place: text(300, '听证地点'),
      presidingOfficer: text(100, '听证主持人（非本案调查人员）'),
      investigators: { type: 'array', items: text(100), minItems: 1, maxItems: 20, description: '本案调查人员' },
    }, ['hearingAt', 'place', 'presidingOfficer', 'investigators']),
    { source: 'APL art. 64(2), (4)' }),
  command('HOLD_HEARING', '举行听证', 'Hold the hearing', BUREAU, 'bureau',
    object({
      record: text(20_000, '听证笔录'),
      attended: BOOL('当事人是否到场'),
      goodReason: BOOL('未到场是否有正当理由（无正当理由视为放弃听证）'),
    }, ['record', 'attended']),
    { source: 'APL art. 64' }),
  command('DECIDE_LISTING', '作出是否列入的决定', 'Decide whether to list', HEAD, 'bureau',
    object({
      list: BOOL('是否列入严重违法失信名单'),
      reasons: REASONS,
      upperLevelApproval: object({
        authority: text(200, '批准机关'),
        reference: text(100, '批准文号'),
        approvedAt: { ...DATE, description: '批准日期' },
      }, ['authority', 'reference', 'approvedAt'], { description: '县级、设区的市级市场监督管理部门作出列入决定须经上一级部门同意' }),
    }, ['list', 'reasons']),
    { source: 'SAMR-44 arts 13–14 ⚠️; Gansu measures art. 3 ☑️; APL art. 62' }),

  // ---- (A) L3–L8: publication, repair, removal -----------------------------------------
  command('PUSH_LISTING', '推送列入信息至登记地', 'Push the listing to the registration bureau', BUREAU, 'bureau', PUSH,
    { source: 'SAMR-44 ⚠️; cf. SAMR-45 art. 10', assigns: [{ field: 'registrationBureau', kinds: ['msa'] }] }),
  command('PUBLISH_LISTING', '公示列入信息', 'Publish the listing', BUREAU, PUBLISHERS, PUBLISH,
    { source: 'SAMR-44 ⚠️; cf. SAMR-45 arts 9, 10' }),
  command('APPLY_EARLY_REMOVAL', '申请提前移出（信用修复）', 'Apply for early removal (credit repair)', PARTY, 'subject',
    object({
      performed: BOOL('已经自觉履行行政处罚决定中规定的义务'),
      harmEliminated: BOOL('已经主动消除危害后果和不良影响'),
      noFurtherHeavierPenalty: BOOL('未再受到市场监督管理部门较重行政处罚'),
      commitment: text(4000, '守信承诺书'),
      materials: { type: 'array', items: text(300), maxItems: 50, description: '履行义务、纠正违法行为的证明材料等' },
    }, ['performed', 'harmEliminated', 'noFurtherHeavierPenalty', 'commitment', 'materials']),
    { source: 'SAMR-44; SAMR-CR art. 7 ☑️' }),
  command('ACCEPT_REPAIR', '受理信用修复申请', 'Accept the repair application', BUREAU, 'bureau',
    object({ note: text() }),
    { source: 'SAMR-CR ⚠️' }),
  command('REFUSE_REPAIR', '不予受理或者不予修复', 'Refuse the repair (acceptance or on the merits)', BUREAU, 'bureau',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'SAMR-CR ⚠️' }),
  command('GRANT_REPAIR', '准予信用修复', 'Grant the repair', HEAD, 'bureau',
    object({ reasons: text(4000, '核实意见') }),
    { source: 'SAMR-CR ⚠️' }),
  command('REMOVE_LISTING', '移出名单（信用修复）', 'Remove from the list (repaired)', BUREAU, 'bureau',
    object({}),
    { source: 'SAMR-CR art. 2 ☑️; timing ⚠️' }),
  command('RECORD_REMOVAL', '作出期满移出决定', 'Issue the removal decision after the period', BUREAU, 'bureau',
    object({}),
    { source: 'SAMR-44 ⚠️' }),
  command('PENALTY_REVOKED', '记录处罚决定被撤销、确认违法或者无效', 'Record that the penalty was revoked, found unlawful or void', BUREAU, 'bureau',
    object({
      ground: { type: 'string', enum: ['revoked', 'unlawful', 'void'], description: '被撤销、被确认违法或者被确认无效' },
      by: text(200, '作出撤销、确认的机关或者人民法院'),
      reference: text(200, '文书文号'),
      date: { ...DATE, description: '撤销、确认的日期' },
    }, ['ground', 'by', 'reference', 'date']),
    { source: 'SAMR-45 art. 11; APL art. 48; SAMR-44 ⚠️' }),
  command('REVOKE_LISTING', '撤销列入决定', 'Revoke the listing', HEAD, 'bureau',
    object({ reasons: text() }),
    { source: 'SAMR-44 ⚠️; cf. SAMR-45 art. 11' }),

  // ---- (A) L9: remedies ------------------------------------------------------------------
  command('APPLY_RECONSIDERATION', '申请行政复议', 'Apply for reconsideration', PARTY, 'subject',
    object({ body: text(200, '行政复议机关'), reasons: text(4000) }, ['body']),
    { source: 'ARL art. 20' }),
  command('FILE_SUIT', '提起行政诉讼', 'File an administrative suit', PARTY, 'subject',
    object({ body: text(200, '人民法院'), reasons: text(4000) }, ['body']),
    { source: 'ALL arts 45, 46' }),
  command('REMEDY_OUTCOME', '记录复议或者诉讼结果', 'Record the reconsideration or suit outcome', BUREAU, 'bureau',
    object({
      forum: { type: 'string', enum: ['reconsideration', 'litigation'] },
      outcome: { type: 'string', enum: ['upheld', 'revoked'], description: '维持（驳回）或者撤销列入决定' },
      reference: text(200, '复议决定书或者判决书文号'),
      receivedAt: { ...INSTANT, description: '当事人收到复议决定书的时间（复议后15日起诉期间自此起算；默认为记录时间）' },
    }, ['forum', 'outcome', 'reference']),
    { source: 'ARL; ALL art. 45' }),

  // ---- (B) publicity ---------------------------------------------------------------------
  command('PUSH_PENALTY_INFO', '推送行政处罚信息至登记地', 'Push the penalty information to the registration bureau', BUREAU, 'bureau', PUSH,
    { source: 'SAMR-45 art. 10', assigns: [{ field: 'registrationBureau', kinds: ['msa'] }] }),
  command('PUBLISH_PENALTY_INFO', '公示行政处罚信息', 'Publish the penalty information', BUREAU, PUBLISHERS, PUBLISH,
    { source: 'SAMR-45 arts 4, 9, 10' }),
  command('APPLY_PUBLICITY_REPAIR', '申请提前停止公示', 'Apply to stop the publicity early', PARTY, 'subject',
    object({
      performed: BOOL('已经自觉履行行政处罚决定中规定的义务'),
      harmEliminated: BOOL('已经主动消除危害后果和不良影响'),
      noRepeatSameKind: BOOL('未因同一类违法行为再次受到行政处罚'),
      commitment: text(4000, '信用承诺书'),
    }, ['performed', 'harmEliminated', 'noRepeatSameKind', 'commitment']),
    { source: 'SAMR-45 art. 14; SAMR-CR art. 6 ☑️' }),
  command('DECIDE_PUBLICITY_REPAIR', '决定是否提前停止公示', 'Decide the early stop of publicity', BUREAU, 'bureau',
    object({ grant: BOOL('是否准予提前停止公示'), reasons: REASONS }, ['grant', 'reasons']),
    { source: 'SAMR-45 art. 14; SAMR-CR ⚠️' }),
  command('WITHDRAW_PENALTY_INFO', '撤回行政处罚信息公示', 'Withdraw the penalty publicity', BUREAU, 'bureau',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'SAMR-45 art. 11' }),

  // ---- (C) CNIPA -------------------------------------------------------------------------
  command('GIVE_CNIPA_NOTICE', '失信行为认定事先告知', 'Give notice before the CNIPA finding', BUREAU, 'bureau',
    object({ facts: text(4000, '拟认定的事实、理由和依据') }, ['facts']),
    { source: 'CNIPA-2022 ⚠️ (procedure)' }),
  command('SUBMIT_CNIPA_STATEMENT', '对失信认定提出陈述、申辩', 'State and defend against the CNIPA finding', PARTY, 'subject',
    object({ statement: text(20_000) }, ['statement']),
    { source: 'CNIPA-2022 ⚠️ (procedure)' }),
  command('DECIDE_CNIPA_FINDING', '作出失信行为认定', 'Decide the CNIPA finding', HEAD, 'bureau',
    object({
      untrustworthy: BOOL('是否认定为失信行为'),
      correctedPromptly: BOOL('非正常专利申请是否及时纠正并主动消除后果（第七条，可以不予认定）'),
      reasons: REASONS,
      decisionNumber: text(100, '认定决定书文号'),
    }, ['untrustworthy', 'reasons']),
    { source: 'CNIPA-2022 arts 6, 7' }),
  command('REPEAT_FINDING', '一年内再次认定失信', 'Repeat finding within the year', BUREAU, 'bureau',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'CNIPA-CR ⚠️ (2021 draft arts 10–11)' }),
  command('APPLY_CNIPA_REPAIR', '申请知识产权信用修复', 'Apply for CNIPA credit repair', PARTY, 'subject',
    object({
      corrected: BOOL('已纠正失信行为'),
      performed: BOOL('已履行相关义务'),
      effectsEliminated: BOOL('已消除不良影响'),
    }, ['corrected', 'performed', 'effectsEliminated']),
    { source: 'CNIPA-CR ⚠️' }),
  command('DECIDE_CNIPA_REPAIR', '决定是否准予知识产权信用修复', 'Decide the CNIPA repair', BUREAU, 'bureau',
    object({ grant: BOOL('是否准予信用修复'), reasons: REASONS }, ['grant', 'reasons']),
    { source: 'CNIPA-CR ⚠️' }),
  command('REVOKE_CNIPA_FINDING', '撤销失信行为认定', 'Revoke the CNIPA finding', BUREAU, 'bureau',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'CNIPA-CR ⚠️ (draft)' }),

  // ---- System (router) -------------------------------------------------------------------
  command('RECEIPT', '送达回证', 'Receipt of a dispatched notice', ['system'], 'system',
    object({ dispatchId: text(100), dispatchKind: text(100), agencyId: AGENCY_ID, receivedAt: INSTANT }, ['dispatchKind', 'agencyId', 'receivedAt'])),
]

export const creditListingCommands: Record<string, CommandSpec> = Object.fromEntries(list.map((spec) => [spec.type, spec]))

/** JSON Schema of the open payload (the engine merges caseId, openedAt, parties, agencies and parent). */
export const creditListingOpenPayload: Record<string, unknown> = object({
  title: text(300, '案件名称'),
  parties: object({ subject: { ...AGENCY_ID, description: '当事人（企业）' } }, ['subject']),
  penalty: object({
    decisionNumber: { type: 'string', minLength: 1, maxLength: 64, description: '行政处罚决定书文号' },
    decidedAt: { ...DATE, description: '处罚决定日期' },
    procedure: { type: 'string', enum: [...PENALTY_PROCEDURES], description: '普通程序或者简易程序（简易程序不公示）' },
    types: { type: 'array', items: { type: 'string', enum: [...PENALTY_TYPES] }, minItems: 1, uniqueItems: true, description: '处罚种类（通报批评为 circular）' },
    heavierFine: BOOL('是否依照行政处罚裁量基准按照从重处罚原则处以罚款'),
    lowAmountFine: BOOL('是否为较低数额罚款（低于省级部门确定的标准，公示三个月）'),
    fineAmount: { type: 'number', minimum: 0, description: '罚款数额（元）' },
    confiscatedAmount: { type: 'number', minimum: 0, description: '没收数额（元）' },
    field: { type: 'string', enum: [...FIELDS], description: '领域（食品、药品、特种设备领域提前停止公示的最短期限为一年）' },
    restrictionUntil: { ...DATE, description: '依法实施的限制（如限制从业）的截止日期' },
    violation: object({
      article: { type: 'integer', enum: [...VIOLATION_ARTICLES], description: '《市场监督管理严重违法失信名单管理办法》第五条至第十条' },
      item: text(200, '具体情形（第九条为知识产权相关情形）'),
    }, ['article', 'item'], {
      if: { properties: { article: { const: 9 } }, required: ['article'] },
      then: { properties: { item: { enum: [...ART9_ITEM_KEYS] } } },
    }),
    summary: text(2000, '违法事实摘要'),
  }, ['decisionNumber', 'decidedAt', 'procedure', 'types', 'heavierFine', 'lowAmountFine', 'field', 'violation', 'summary']),
  cnipa: object({
    conduct: { type: 'integer', enum: [...CNIPA_CONDUCT_KEYS], description: '《知识产权信用管理规定》第六条失信行为类型（1–7）' },
  }, ['conduct'], { description: '涉及知识产权领域失信行为认定时填写' }),
}, ['parties', 'penalty'])
