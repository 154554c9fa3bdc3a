// Who may send each command of judicial confirmation, and the JSON Schema of its payload.
// The engine validates payloads and authorizes role × party; the machine's guards check only
// what the law adds.

import {
  AGENCY_ID,
  DATE,
  ENGINE_AGENCIES,
  ENGINE_CASE_NUMBER,
  INSTANT,
  object,
  REASONS,
  text,
  type AgencyKind,
  type CommandSpec,
  type Role,
  type Schema,
} from '@xianjie/domain'

import {
  MATERIAL_KINDS,
  MATTERS,
  MODES,
  PATENT_TYPES,
  SUBJECT_TYPES,
  TRADEMARK_TYPES,
  TREAT_AS_WITHDRAWN_REASONS,
} from './judicial-confirmation.types.ts'

const DIVISION: Schema = { type: 'string', pattern: '^[1-8][0-9]{5}$' }
const MATERIALS: Schema = { type: 'array', items: { type: 'string', enum: [...MATERIAL_KINDS] }, uniqueItems: true, maxItems: MATERIAL_KINDS.length }

const COURT_KINDS: readonly AgencyKind[] = ['court.basic', 'court.intermediate']

/** A mainland mobile number (13812345678) or a landline with its area code (0931-8123456, extension optional). */
export const PHONE_SCHEMA: Schema = { type: 'string', pattern: '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8}(-[0-9]{1,6})?)$', description: '联系电话：手机号或带区号的固定电话' }

/**
 * The applicant's contact for service (CivPL-I art. 354: 身份、住所、联系方式; SPC-2011 art. 3:
 * 送达地址、联系方式). Reads show the phone in full to the courts and to the applicant itself,
 * masked (138****5678) to everyone else (engine policy.ts).
 */
export const CONTACT_SCHEMA: Schema = object({ phone: PHONE_SCHEMA, serviceAddress: text(300) }, ['phone'])
const APPLICANTS = ['applicant1', 'applicant2'] as const
const FILED_COURTS = ['filedCourt1', 'filedCourt2', 'filedCourt3'] as const

/** The agreement as the mediator records it; the effective date is mandatory (T21 runs from it). */
export const AGREEMENT_SCHEMA: Schema = object({
  text: { type: 'string', minLength: 10, maxLength: 20_000 },
  effectiveDate: DATE,
  signedBy: { type: 'array', items: text(200), maxItems: 20 },
  amount: { type: 'number', minimum: 0 },
  lastPerformanceDate: DATE,
}, ['text', 'effectiveDate'])

interface Options {
  source?: string
  assigns?: CommandSpec['assigns']
  number?: CommandSpec['number']
}

function command(type: string, zh: string, en: string, roles: Role[], party: string | readonly string[], payload: Schema, options: Options = {}): CommandSpec {
  const spec: CommandSpec = { type, title: { zh, en }, roles, party, payload }
  if (options.source !== undefined) spec.source = options.source
  if (options.assigns !== undefined) spec.assigns = options.assigns
  if (options.number !== undefined) spec.number = options.number
  return spec
}

const list: CommandSpec[] = [
  // ---- Administrative mediation (DOMAIN §3.4) ----------------------------------------
  command('ANSWER_MEDIATION_REQUEST', '被请求人答复是否同意调解', 'Respondent answers the mediation request', ['party'], 'applicant2',
    object({ agrees: { type: 'boolean' }, opinion: text() }, ['agrees', 'opinion']),
    { source: '专利行政执法办法 ⚠️' }),
  command('RECORD_AGREEMENT', '记录调解协议', 'Record the mediation agreement', ['msa.officer', 'mediator'], 'mediator',
    object({ agreement: AGREEMENT_SCHEMA }, ['agreement']),
    { source: 'PatL art. 65; TML art. 60(3); 专利行政执法办法 ⚠️' }),
  command('RECORD_MEDIATION_FAILURE', '调解不成，撤销案件', 'Mediation failed: close the case', ['msa.officer', 'mediator'], 'mediator',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'PatL art. 65; TML art. 60(3); 专利行政执法办法 ⚠️' }),

  // ---- Parties ------------------------------------------------------------------------
  command('APPLY_FOR_CONFIRMATION', '申请司法确认', 'Apply for judicial confirmation', ['party'], APPLICANTS,
    object({
      courts: { type: 'array', items: AGENCY_ID, minItems: 1, maxItems: 3, uniqueItems: true },
      form: { type: 'string', enum: ['written', 'oral'] },
      materials: MATERIALS,
      viaAgent: { type: 'boolean' },
      propertyLocation: DIVISION,
      contact: CONTACT_SCHEMA,
      agencies: ENGINE_AGENCIES,
    }, ['courts', 'form', 'materials', 'viaAgent']),
    { source: 'CivPL art. 205; CivPL-I arts 351–354; SPC-2011 art. 3', assigns: [{ field: 'courts', kinds: COURT_KINDS }] }),
  command('JOIN_APPLICATION', '另一方当事人共同申请', 'The other party joins the application', ['party'], APPLICANTS,
    object({ materials: MATERIALS, viaAgent: { type: 'boolean' }, note: text(), contact: CONTACT_SCHEMA }),
    { source: 'CivPL art. 205; CivPL-I art. 351' }),
  command('WITHDRAW_APPLICATION', '撤回司法确认申请', 'Withdraw the application', ['party'], APPLICANTS,
    object({ reasons: text() }),
    { source: 'CivPL-I art. 357(1); SPC-2011 art. 5(2)' }),
  command('SUPPLY_MATERIALS', '补交材料', 'Supply the missing materials', ['party'], APPLICANTS,
    object({ materials: { ...MATERIALS, minItems: 1 }, note: text() }, ['materials']),
    { source: 'CivPL-I art. 354(2)' }),
  command('SUBMIT_STATEMENTS', '补充陈述或者证明材料', 'Submit supplementary statements or evidence', ['party'], APPLICANTS,
    object({ text: text(20_000) }, ['text']),
    { source: 'CivPL-I art. 356(2); SPC-2011 art. 6' }),
  command('OBJECT_TO_RULING', '对确认裁定提出异议', 'Object to the confirmation ruling', ['party'], APPLICANTS,
    object({ reasons: REASONS, evidence: { type: 'array', items: text(300), maxItems: 50 } }, ['reasons']),
    { source: 'CivPL-I art. 372' }),
  command('INTERRUPT_LIMITATION', '请求履行（申请执行时效中断）', 'Demand performance (interrupts the enforcement period)', ['party'], APPLICANTS,
    object({ demandedAt: DATE, how: text(1000) }, ['demandedAt', 'how']),
    { source: 'CivPL art. 250(1); Civil Code art. 195' }),
  command('RECORD_PERFORMANCE', '确认已履行完毕', 'Record full performance', ['party'], APPLICANTS,
    object({ note: text() }, ['note']),
    { source: 'PML art. 31; CivPL art. 206' }),
  command('APPLY_ENFORCEMENT', '申请强制执行', 'Apply for enforcement', ['party'], APPLICANTS,
    object({ courtId: AGENCY_ID, propertyLocation: DIVISION, reasons: REASONS, agencies: ENGINE_AGENCIES }, ['courtId', 'reasons']),
    { source: 'CivPL arts 206, 250; CivPL-I art. 460; SPC-2011 art. 9', assigns: [{ field: 'courtId', kinds: COURT_KINDS }] }),

  // ---- Courts -------------------------------------------------------------------------
  command('ACCEPT_APPLICATION', '决定受理', 'Accept the application', ['court.judge'], FILED_COURTS,
    object({ note: text(), caseNumber: ENGINE_CASE_NUMBER }),
    // The court's 民特 series (SPC-2011 art. 4 named the series 调确字 before the 2016 case-number rules).
    { source: 'SPC-2011 art. 4; CivPL-I art. 352', number: { series: '民特', style: 'court' } }),
  command('REFUSE_ACCEPTANCE', '裁定不予受理', 'Rule not to accept the application', ['court.judge'], FILED_COURTS,
    object({ ground: { type: 'integer', minimum: 1, maximum: 5 }, reasons: REASONS }, ['ground', 'reasons']),
    { source: 'CivPL-I art. 355(1); SPC-2011 art. 4(2)' }),
  command('ORDER_SUPPLEMENT', '限期补交材料', 'Order the materials supplemented by a date', ['court.judge', 'court.clerk'], FILED_COURTS,
    object({ items: { ...MATERIALS, minItems: 1 }, dueDate: DATE, note: text() }, ['items', 'dueDate']),
    { source: 'CivPL-I art. 354(2)' }),
  command('TREAT_AS_WITHDRAWN', '按撤回申请处理', 'Treat the application as withdrawn', ['court.judge'], [...FILED_COURTS, 'court'],
    object({ reason: { type: 'string', enum: [...TREAT_AS_WITHDRAWN_REASONS] }, note: text() }, ['reason']),
    { source: 'CivPL-I art. 357(2); SPC-2011 art. 6' }),
  command('EXTEND_REVIEW', '院长批准延长审查期限', 'President extends the review period', ['court.president'], 'court',
    object({ days: { type: 'integer', enum: [10] }, reasons: REASONS }, ['days', 'reasons']),
    { source: 'SPC-2011 art. 5' }),
  command('QUESTION_PARTIES', '通知双方到场核实、询问', 'Question both parties', ['court.judge'], 'court',
    object({ record: text(20_000), summonedBoth: { type: 'boolean' } }, ['record', 'summonedBoth']),
    { source: 'CivPL-I art. 356(1); SPC-2011 art. 6' }),
  command('ORDER_STATEMENTS', '限期补充陈述或者证明材料', 'Order supplementary statements or evidence by a date', ['court.judge'], 'court',
    object({ items: { type: 'array', items: text(300), minItems: 1, maxItems: 50 }, dueDate: DATE }, ['items', 'dueDate']),
    { source: 'CivPL-I art. 356(2); SPC-2011 art. 6' }),
  command('CONFIRM_AGREEMENT', '裁定调解协议有效', 'Rule the agreement valid', ['court.judge'], 'court',
    object({ reasoning: text(20_000) }, ['reasoning']),
    { source: 'CivPL arts 185, 206' }),
  command('REJECT_APPLICATION', '裁定驳回申请', 'Reject the application', ['court.judge'], 'court',
    object({
      ground: object({ article: { type: 'string', enum: ['358', '355'] }, item: { type: 'integer', minimum: 1, maximum: 6 } }, ['article', 'item'], {
        // CivPL-I art. 355 has five items, art. 358 six.
        if: { properties: { article: { const: '355' } } },
        then: { properties: { item: { maximum: 5 } } },
      }),
      reasons: REASONS,
    }, ['ground', 'reasons']),
    { source: 'CivPL art. 206; CivPL-I arts 355(2), 358' }),
  command('RECORD_INTERESTED_OBJECTION', '登记利害关系人异议', 'Record an interested party’s objection', ['court.judge', 'court.clerk'], 'court',
    object({ objector: text(300), knewAt: DATE, reasons: REASONS, evidence: { type: 'array', items: text(300), maxItems: 50 } }, ['objector', 'knewAt', 'reasons']),
    { source: 'CivPL-I arts 372, 127' }),
  command('UPHOLD_OBJECTION', '异议成立，撤销原裁定', 'Uphold the objection and revoke the ruling', ['court.judge'], 'court',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'CivPL-I art. 372(1)' }),
  command('DISMISS_OBJECTION', '异议不成立，裁定驳回', 'Dismiss the objection', ['court.judge'], 'court',
    object({ reasons: REASONS }, ['reasons']),
    { source: 'CivPL-I art. 372(1)' }),
  command('REGISTER_ENFORCEMENT', '执行立案', 'Register the enforcement case', ['court.judge'], 'enforcementCourt',
    object({ enforcementCaseNo: text(100) }, ['enforcementCaseNo']),
    { source: 'CivPL-I art. 460' }),

  // ---- System (router) ----------------------------------------------------------------
  command('RECEIPT', '送达回证', 'Receipt of a dispatched notice', ['system'], 'system',
    object({ dispatchId: text(100), dispatchKind: text(100), agencyId: AGENCY_ID, receivedAt: INSTANT }, ['dispatchKind', 'agencyId', 'receivedAt'])),
]

export const judicialConfirmationCommands: Record<string, CommandSpec> = Object.fromEntries(list.map((spec) => [spec.type, spec]))

const SUBJECT_TYPE: Schema = { type: 'string', enum: [...SUBJECT_TYPES] }

/** JSON Schema of the open payload (the engine merges caseId, openedAt, parties, agencies and parent). */
export const judicialConfirmationOpenPayload: Record<string, unknown> = object({
  title: text(300),
  mode: { type: 'string', enum: [...MODES] },
  parties: object({ applicant1: AGENCY_ID, applicant2: AGENCY_ID, invitingCourt: AGENCY_ID }, ['applicant1', 'applicant2']),
  dispute: object({
    subjectType: SUBJECT_TYPE,
    matter: { type: 'string', enum: [...MATTERS] },
    // Defaults in the context: true for ownership and inventorship (CivPL-I art. 355(1)(5)).
    confirmsOwnership: { type: 'boolean' },
    subjectLocation: DIVISION,
    intermediateLevel: { type: 'boolean' },
    summary: text(4000),
  }, ['subjectType', 'matter', 'summary']),
  agreement: AGREEMENT_SCHEMA,
  // Administrative mediation happens only on a party's request (PatL art. 65; TML art. 60(3)).
  request: object({ text: text(4000), mediationRequested: { const: true } }, ['text', 'mediationRequested']),
}, ['mode', 'parties', 'dispute'], {
  allOf: [
    // CivPL art. 205(1): the inviting court is named exactly when a court invited the mediation.
    {
      if: { properties: { mode: { const: 'courtInvited' } }, required: ['mode'] },
      then: { properties: { parties: { required: ['applicant1', 'applicant2', 'invitingCourt'] } } },
      else: { properties: { parties: { not: { required: ['invitingCourt'] } } } },
    },
    // A bureau mediates on request and the agreement comes later (RECORD_AGREEMENT); a
    // mediation organisation opens the case with the agreement already reached.
    {
      if: { properties: { mode: { const: 'administrative' } }, required: ['mode'] },
      then: {
        required: ['request'],
        not: { required: ['agreement'] },
        properties: {
          dispute: {
            properties: { subjectType: { enum: [...PATENT_TYPES, ...TRADEMARK_TYPES] } },
            // TML art. 60(3): a trademark bureau mediates only the damages.
            if: { properties: { subjectType: { enum: [...TRADEMARK_TYPES] } } },
            then: { properties: { matter: { const: 'damages' } } },
          },
        },
      },
      else: { required: ['agreement'], not: { required: ['request'] } },
    },
  ],
})
