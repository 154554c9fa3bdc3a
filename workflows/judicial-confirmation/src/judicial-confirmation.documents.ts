// The documents of judicial confirmation, rendered from the context after the event (the
// engine stores each text with its SHA-256). A renderer throws when a field the document must
// carry is missing: better no document than an incomplete ruling.

import { zhDate } from '@xianjie/calendar/dates'
import { plainTextDocument as document, requiredField as required, type DocumentRenderer } from '@xianjie/domain'

import {
  MATTER_TITLES,
  NON_ACCEPTANCE_GROUNDS,
  REJECTION_GROUNDS,
  SUBJECT_TYPE_TITLES,
  type JudicialConfirmationContext,
} from './judicial-confirmation.types.ts'

type Meta = Parameters<DocumentRenderer>[1]

const CIVPL = '《中华人民共和国民事诉讼法》'
const CIVPL_I = '《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》'
const SPC_2011 = '《最高人民法院关于人民调解协议司法确认程序的若干规定》'
const ITEM_ZH = ['一', '二', '三', '四', '五', '六']

function nameOf(context: JudicialConfirmationContext, partyKey: string, kind: string): string {
  const id = required(context.parties[partyKey], kind, `parties.${partyKey}`)
  return required(context.agencies[id]?.name, kind, `agencies.${id}.name`)
}

function applicants(context: JudicialConfirmationContext, kind: string): [string, string] {
  return [nameOf(context, 'applicant1', kind), nameOf(context, 'applicant2', kind)]
}

/** The court that issues a ruling: the accepting court, or else the filed courts still seized of the application. */
function courtName(context: JudicialConfirmationContext, kind: string, agencyId?: string): string {
  const court = context.parties['court']
  const ids = agencyId !== undefined ? [agencyId] : court !== undefined ? [court] : context.pendingCourts.length > 0 ? context.pendingCourts : context.filedCourts
  const names = ids.map((id) => required(context.agencies[id]?.name, kind, `agencies.${id}.name`))
  return required(names.join('、'), kind, 'court')
}

function caseNumberLine(meta: Meta, context: JudicialConfirmationContext): string[] {
  const number = meta.caseNumber ?? context.caseNumber
  return number ? [number, ''] : []
}

/** 调解协议书: the agreement as the mediator recorded it. */
const agreement: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'agreement'
  const a = required(context.agreement, kind, 'agreement')
  const [first, second] = applicants(context, kind)
  const mediator = nameOf(context, 'mediator', kind)
  const dispute = context.dispute
  const basis = context.mode === 'people' ? `${CIVPL}第二百零五条、《中华人民共和国人民调解法》第三十三条` : `${CIVPL}第二百零五条`
  return document(kind, '调解协议书', [
    `调解组织：${mediator}`,
    `当事人：${first}`,
    `当事人：${second}`,
    `纠纷类型：${SUBJECT_TYPE_TITLES[dispute.subjectType].zh}（${MATTER_TITLES[dispute.matter].zh}）`,
    `纠纷简要情况：${required(dispute.summary, kind, 'dispute.summary')}`,
    '',
    '经调解，当事人自愿达成如下协议：',
    required(a.text, kind, 'agreement.text'),
    a.amount === null ? null : `给付金额：人民币${a.amount}元`,
    a.lastPerformanceDate === null ? null : `履行期限：${zhDate(a.lastPerformanceDate)}前履行完毕`,
    '',
    `本协议自${zhDate(required(a.effectiveDate, kind, 'agreement.effectiveDate'))}起生效。`,
    a.signedBy.length === 0 ? null : `签名：${a.signedBy.join('、')}`,
    `当事人可以自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认（${basis}）。`,
    '',
    `${mediator}`,
    `记录日期：${zhDate(meta.at)}`,
  ])
}

/** 受理通知书 (SPC-2011 art. 4). */
const acceptanceNotice: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'acceptanceNotice'
  const court = courtName(context, kind)
  const [first, second] = applicants(context, kind)
  const number = required(meta.caseNumber ?? context.caseNumber, kind, 'caseNumber')
  const appliedAt = required(context.application?.joinedAt, kind, 'application.joinedAt')
  const acceptedAt = required(context.acceptedAt, kind, 'acceptedAt')
  return document(kind, `${court}\n受理通知书`, [
    number,
    '',
    `${first}、${second}：`,
    `你们于${zhDate(appliedAt)}共同提出的司法确认调解协议申请，经审查，符合受理条件，本院已于${zhDate(acceptedAt)}立案受理。`,
    `本院将自受理之日起十五日内作出是否确认的裁定；因特殊情况需要延长的，经本院院长批准，可以延长十日（${SPC_2011}第四条、第五条）。`,
    `本院作出是否确认的裁定前，当事人可以撤回申请（${CIVPL_I}第三百五十七条；${SPC_2011}第五条第二款）。`,
    '特此通知。',
    '',
    court,
    zhDate(meta.at),
  ])
}

/** 民事裁定书（不予受理） (CivPL-I art. 355(1)): the latest refusing court's ruling. */
const nonAcceptanceRuling: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'nonAcceptanceRuling'
  const refusal = required(context.acceptanceRefusals.at(-1), kind, 'acceptanceRefusals')
  const ground = required(NON_ACCEPTANCE_GROUNDS.find((g) => g.item === refusal.ground), kind, 'ground')
  const court = courtName(context, kind, refusal.court)
  const [first, second] = applicants(context, kind)
  const appliedAt = required(context.application?.joinedAt, kind, 'application.joinedAt')
  return document(kind, `${court}\n民事裁定书`, [
    ...caseNumberLine(meta, context),
    `申请人：${first}`,
    `申请人：${second}`,
    '',
    `申请人${first}与${second}于${zhDate(appliedAt)}向本院申请司法确认调解协议。`,
    `本院经审查认为，该申请属于${CIVPL_I}第三百五十五条第一款第${ITEM_ZH[ground.item - 1]}项规定的“${ground.zh}”情形。${required(refusal.reasons, kind, 'reasons')}`,
    `依照${CIVPL_I}第三百五十五条第一款第${ITEM_ZH[ground.item - 1]}项的规定，裁定如下：`,
    '对申请人的司法确认调解协议申请，不予受理。',
    // ⚠️ Closing formula unverified against court practice: special-procedure cases are final at first instance (CivPL art. 185).
    `本裁定立即生效（${CIVPL}第一百八十五条：一审终审）。`,
    '',
    court,
    zhDate(refusal.at),
  ])
}

/** 民事裁定书（确认调解协议有效） (CivPL arts 205–206). */
const confirmationRuling: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'confirmationRuling'
  const court = courtName(context, kind)
  const number = required(meta.caseNumber ?? context.caseNumber, kind, 'caseNumber')
  const [first, second] = applicants(context, kind)
  const mediator = nameOf(context, 'mediator', kind)
  const a = required(context.agreement, kind, 'agreement')
  const confirmation = required(context.confirmation, kind, 'confirmation')
  const appliedAt = required(context.application?.joinedAt, kind, 'application.joinedAt')
  return document(kind, `${court}\n民事裁定书`, [
    number,
    '',
    `申请人：${first}`,
    `申请人：${second}`,
    '',
    `申请人${first}与${second}于${zhDate(appliedAt)}向本院申请司法确认调解协议。本院受理后，依法进行了审查。`,
    `申请人${first}与${second}经${mediator}主持调解，于${zhDate(a.effectiveDate)}达成如下调解协议：`,
    required(a.text, kind, 'agreement.text'),
    '',
    `本院经审查认为，${required(confirmation.reasoning, kind, 'reasoning')}`,
    `依照${CIVPL}第二百零五条、第二百零六条的规定，裁定如下：`,
    `申请人${first}与${second}于${zhDate(a.effectiveDate)}经${mediator}主持调解达成的调解协议有效。`,
    '当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。',
    `本裁定立即生效（${CIVPL}第一百八十五条：一审终审）。当事人有异议的，应当自收到本裁定之日起十五日内向本院提出（${CIVPL_I}第三百七十二条）。`,
    '',
    court,
    zhDate(confirmation.at),
  ])
}

/** 民事裁定书（驳回申请） (CivPL art. 206; CivPL-I art. 358, or art. 355(2) for a ground found after acceptance). */
const rejectionRuling: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'rejectionRuling'
  const rejection = required(context.rejection, kind, 'rejection')
  const grounds = rejection.article === '355' ? NON_ACCEPTANCE_GROUNDS : REJECTION_GROUNDS
  const ground = required(grounds.find((g) => g.item === rejection.item), kind, 'ground')
  const article = rejection.article === '355'
    ? `${CIVPL_I}第三百五十五条第二款、第一款第${ITEM_ZH[ground.item - 1]}项`
    : `${CIVPL_I}第三百五十八条第${ITEM_ZH[ground.item - 1]}项`
  const court = courtName(context, kind)
  const number = required(meta.caseNumber ?? context.caseNumber, kind, 'caseNumber')
  const [first, second] = applicants(context, kind)
  return document(kind, `${court}\n民事裁定书`, [
    number,
    '',
    `申请人：${first}`,
    `申请人：${second}`,
    '',
    `申请人${first}与${second}申请司法确认调解协议一案，本院受理后依法进行了审查。`,
    `本院经审查认为，该调解协议存在“${ground.zh}”情形。${required(rejection.reasons, kind, 'reasons')}`,
    `依照${CIVPL}第二百零六条、${article}的规定，裁定如下：`,
    `驳回申请人${first}、${second}的司法确认申请。`,
    '当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼。',
    '',
    court,
    zhDate(rejection.at),
  ])
}

/** 民事裁定书（准许撤回申请 / 按撤回申请处理） (CivPL-I art. 357; SPC-2011 arts 5(2), 6). */
const withdrawalRuling: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'withdrawalRuling'
  const withdrawal = required(context.withdrawal, kind, 'withdrawal')
  const court = courtName(context, kind)
  const [first, second] = applicants(context, kind)
  const by = Object.entries(context.parties).find(([key, id]) => (key === 'applicant1' || key === 'applicant2') && id === withdrawal.by)
  const withdrawer = by === undefined ? `${first}、${second}` : nameOf(context, by[0], kind)
  const order = context.orders.at(-1)
  const body = withdrawal.kind === 'withdrawn'
    ? [
        `申请人${withdrawer}在本院作出是否确认的裁定前申请撤回司法确认申请。`,
        `本院认为，在确认调解协议的裁定作出前当事人撤回申请的，应予准许。依照${CIVPL_I}第三百五十七条第一款、${SPC_2011}第五条第二款的规定，裁定如下：`,
        `准许申请人${withdrawer}撤回司法确认申请。`,
      ]
    : [
        withdrawal.reason === 'refusedQuestioning'
          ? '申请人无正当理由拒不接受本院询问。'
          : `本院要求申请人于${zhDate(required(order?.dueDate, kind, 'orders.dueDate'))}前补充${order?.kind === 'statements' ? '陈述或者证明材料' : '材料'}，申请人无正当理由未在期限内补充。`,
        `依照${CIVPL_I}第三百五十七条第二款、${SPC_2011}第六条的规定，裁定如下：`,
        '本案按申请人撤回司法确认申请处理。',
      ]
  return document(kind, `${court}\n民事裁定书`, [
    ...caseNumberLine(meta, context),
    `申请人：${first}`,
    `申请人：${second}`,
    '',
    ...body,
    '',
    court,
    zhDate(withdrawal.at),
  ])
}

/** 民事裁定书（撤销原裁定） (CivPL-I art. 372(1)). */
const objectionRuling: DocumentRenderer = (context: JudicialConfirmationContext, meta) => {
  const kind = 'objectionRuling'
  const upheld = context.objections.filter((o) => o.outcome === 'upheld')
  required(upheld.length > 0 ? upheld : null, kind, 'objections')
  const court = courtName(context, kind)
  const number = required(meta.caseNumber ?? context.caseNumber, kind, 'caseNumber')
  const confirmation = required(context.confirmation, kind, 'confirmation')
  const names = upheld.map((o) => (o.kind === 'party' && (o.objector === 'applicant1' || o.objector === 'applicant2') ? nameOf(context, o.objector, kind) : o.objector))
  const decidedAt = required(upheld.at(-1)?.decidedAt, kind, 'decidedAt')
  return document(kind, `${court}\n民事裁定书`, [
    `${number}之一`,
    '',
    `异议人：${names.join('、')}`,
    '',
    `异议人对本院于${zhDate(confirmation.at)}作出的${number}民事裁定提出异议。理由：${upheld.map((o) => o.reasons).join('；')}`,
    '本院经审查认为，异议成立。',
    `依照${CIVPL_I}第三百七十二条的规定，裁定如下：`,
    `撤销本院${number}民事裁定。`,
    '',
    court,
    zhDate(decidedAt),
  ])
}

export const judicialConfirmationDocuments: Record<string, DocumentRenderer> = {
  agreement,
  acceptanceNotice,
  nonAcceptanceRuling,
  confirmationRuling,
  rejectionRuling,
  withdrawalRuling,
  objectionRuling,
}
