// The documents of the serious-violation list, rendered from the context after the event (the
// engine stores each text with its SHA-256). A renderer throws when a field the document must
// carry is missing: better no document than an incomplete decision.

import { zhDate } from '@xianjie/calendar/dates'
import { plainTextDocument as document, requiredField as required, type DocumentRenderer } from '@xianjie/domain'

import {
  ART12_FACTORS,
  ART9_ITEMS,
  JOINT_PUNISHMENT,
  PARTNER_KEYS,
  partnerMeasures,
  PENALTY_TYPE_TITLES,
  SERIOUS_LIST_MEASURES,
  VIOLATION_ARTICLE_TITLES,
} from './credit-listing.catalogues.ts'
import { creditListingTimers, earliestEarlyRemoval, lastDayOf, periodEnd } from './credit-listing.timers.ts'
import type { Art12Factor, Art9Item, CreditListingContext } from './credit-listing.types.ts'

type Meta = Parameters<DocumentRenderer>[1]

const APL = '《中华人民共和国行政处罚法》'
const SAMR44 = '《市场监督管理严重违法失信名单管理办法》'
const SAMR_CR = '《市场监督管理信用修复管理办法》'
const ARL = '《中华人民共和国行政复议法》'
const ALL = '《中华人民共和国行政诉讼法》'
const ZH_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 第九条 for 9 (articles up to 99). */
function articleZh(n: number): string {
  if (n <= 10) return `第${ZH_NUMBERS[n]}条`
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `第${tens === 1 ? '' : ZH_NUMBERS[tens]}十${ones === 0 ? '' : ZH_NUMBERS[ones]}条`
}

function agencyName(context: CreditListingContext, partyKey: string, kind: string): string {
  const id = required(context.parties[partyKey], kind, `parties.${partyKey}`)
  return required(context.agencies[id]?.name, kind, `agencies.${id}.name`)
}

function subjectLines(context: CreditListingContext, kind: string): string[] {
  const id = required(context.parties['subject'], kind, 'parties.subject')
  const subject = required(context.agencies[id], kind, `agencies.${id}`)
  return [`当事人：${required(subject.name, kind, 'subject.name')}`, `统一社会信用代码：${required(subject.creditCode, kind, 'subject.creditCode')}`]
}

function penaltyTypes(context: CreditListingContext): string {
  return context.penalty.types.map((type) => PENALTY_TYPE_TITLES[type].zh).join('、')
}

/** The category found: the SAMR-44 article and, for art. 9, the IP item. */
function categoryLine(context: CreditListingContext): string {
  const { article, item } = context.penalty.violation
  const title = VIOLATION_ARTICLE_TITLES[article].zh
  const named = article === 9 && item in ART9_ITEMS ? `（${ART9_ITEMS[item as Art9Item].zh}）` : item ? `（${item}）` : ''
  return `${SAMR44}${articleZh(article)}规定的${title}${named}`
}

function factorLines(context: CreditListingContext, kind: string): string[] {
  const assessment = required(context.assessment, kind, 'assessment')
  const entries = Object.entries(assessment.factors) as Array<[Art12Factor, string]>
  required(entries.length > 0 ? entries : null, kind, 'assessment.factors')
  return entries.map(([key, value]) => `  ${ART12_FACTORS[key].zh}：${value}`)
}

function measureLines(): string[] {
  return SERIOUS_LIST_MEASURES.map((measure, index) => `  （${ZH_NUMBERS[index + 1] ?? index + 1}）${measure.zh}（${measure.source}）`)
}

function hearingOutcome(context: CreditListingContext): string {
  const statements = context.statements.length > 0 ? `当事人提交了陈述、申辩意见${context.statements.length}份，本机关已予复核。` : '当事人未提出陈述、申辩意见。'
  const last = context.hearing?.sessions.at(-1)
  switch (context.hearingRight) {
    case 'exercised':
      return `${statements}本机关于${zhDate(required(last?.at, 'listingDecision', 'hearing.sessions'))}依法举行了听证，当事人到场陈述、申辩。`
    case 'waived':
      return last !== undefined
        ? `${statements}当事人无正当理由未参加${zhDate(last.at)}的听证，视为放弃听证权利（${APL}第六十四条）。`
        : `${statements}当事人明确表示放弃陈述、申辩和听证的权利。`
    case 'lapsed':
      return `${statements}当事人在法定期限内未要求听证，视为放弃听证权利。`
    default:
      return statements
  }
}

/** 行政处罚（列入严重违法失信名单）告知书 (APL arts 44, 45, 63, 64; SAMR-44 art. 14 ⚠️). */
const priorNotice: DocumentRenderer = (context: CreditListingContext, meta: Meta) => {
  const kind = 'priorNotice'
  const bureau = agencyName(context, 'bureau', kind)
  const number = required(meta.caseNumber, kind, 'caseNumber')
  const assessment = required(context.assessment, kind, 'assessment')
  const notice = required(context.priorNotice, kind, 'priorNotice')
  const days = creditListingTimers.T29.duration
  return document(kind, `${bureau}\n行政处罚（列入严重违法失信名单）告知书`, [
    number,
    '',
    ...subjectLines(context, kind),
    '',
    `经查，${required(context.penalty.summary, kind, 'penalty.summary')}`,
    `本机关拟对你单位作出行政处罚（${penaltyTypes(context)}），处罚决定书文号：${required(context.penalty.decisionNumber, kind, 'penalty.decisionNumber')}。`,
    '',
    '本机关经审查认为，你单位的违法行为同时符合列入严重违法失信名单的下列条件：',
    `一、受到较重行政处罚：${penaltyTypes(context)}${context.penalty.heavierFine ? '（依照行政处罚裁量基准按照从重处罚原则处以罚款）' : ''}（${SAMR44}第二条第二款）；`,
    `二、违法行为属于${categoryLine(context)}；`,
    `三、性质恶劣、情节严重、社会危害较大（${SAMR44}第十二条），考量因素如下：`,
    ...factorLines(context, kind),
    assessment.reasons ? `  评估意见：${assessment.reasons}` : null,
    '',
    `依据${SAMR44}第二条、第九条、第十二条和${APL}第四十四条、第四十五条、第六十三条、第六十四条的规定，本机关拟将你单位列入严重违法失信名单，并依法实施下列管理措施：`,
    ...measureLines(),
    '',
    `你单位享有陈述、申辩和要求听证的权利。你单位可以在收到本告知书之日起${notice.statementDays}个工作日内提出陈述、申辩；要求听证的，应当在收到本告知书之日起${days}个工作日内提出（${APL}第六十四条、第八十五条）。逾期未提出的，视为放弃上述权利。`,
    `本机关不因你单位陈述、申辩而给予更重的处罚（${APL}第四十五条第二款）。`,
    '',
    bureau,
    zhDate(notice.at),
  ])
}

/** 列入严重违法失信名单决定书 (SAMR-44 arts 13–14 ⚠️). */
const listingDecision: DocumentRenderer = (context: CreditListingContext, meta: Meta) => {
  const kind = 'listingDecision'
  const bureau = agencyName(context, 'bureau', kind)
  const number = required(meta.caseNumber, kind, 'caseNumber')
  const listing = required(context.listing, kind, 'listing')
  const approval = listing.approval
  const restrictionLonger = listing.until !== periodEnd(listing.listedAt, creditListingTimers.T40)
  return document(kind, `${bureau}\n列入严重违法失信名单决定书`, [
    number,
    '',
    ...subjectLines(context, kind),
    '',
    `本机关于${zhDate(context.penalty.decidedAt)}对你单位作出行政处罚决定（${required(context.penalty.decisionNumber, kind, 'penalty.decisionNumber')}），处罚种类：${penaltyTypes(context)}。`,
    `经查，${required(context.penalty.summary, kind, 'penalty.summary')}`,
    '',
    `本机关认为，你单位受到较重行政处罚（${penaltyTypes(context)}），违法行为属于${categoryLine(context)}，性质恶劣、情节严重、社会危害较大。${required(listing.reasons, kind, 'listing.reasons')}`,
    `陈述、申辩和听证情况：${hearingOutcome(context)}本机关不因当事人陈述、申辩而加重处罚（${APL}第四十五条第二款）。`,
    approval === null ? null : `本决定已报经${approval.authority}同意（${approval.reference}，${zhDate(approval.approvedAt)}）。`,
    '',
    `依据${SAMR44}第二条、第九条、第十二条、第十三条、第十四条的规定，本机关决定将你单位列入严重违法失信名单，通过国家企业信用信息公示系统公示，并实施下列管理措施：`,
    ...measureLines(),
    `同时推送有关部门依法实施联合惩戒（${PARTNER_KEYS.map((key) => `${partnerMeasures(key).map((m) => m.zh).join('、')}`).join('；')}；${JOINT_PUNISHMENT.partnerNdrc.source}）。`,
    '',
    `列入期限：自${zhDate(listing.listedAt)}起至${zhDate(lastDayOf(listing.until))}止${restrictionLonger ? '（依法实施的限制期限长于三年，列入期限与限制期限相同）' : '（三年）'}。期限届满，本机关将你单位移出严重违法失信名单，停止公示并解除管理措施。`,
    `提前移出的条件和程序：你单位被列入名单满一年（自${zhDate(earliestEarlyRemoval(listing.listedAt))}起），且同时符合下列条件的，可以向本机关申请提前移出：` +
      '（一）已经自觉履行行政处罚决定中规定的义务；（二）已经主动消除危害后果和不良影响；（三）未再受到市场监督管理部门较重行政处罚。' +
      `依照法律、行政法规实施的限制措施期限尚未届满的，不得提前移出（${SAMR44}；${SAMR_CR}第七条）。` +
      '本机关自收到申请之日起2个工作日内决定是否受理，受理后15个工作日内作出决定，准予移出的，3个工作日内移出名单。',
    '',
    `如不服本决定，可以在知道本决定之日起六十日内依法申请行政复议（${ARL}第二十条），或者在六个月内依法向人民法院提起行政诉讼（${ALL}第四十六条）。`,
    '',
    bureau,
    zhDate(listing.decidedAt),
  ])
}

const GROUND_ZH = { revoked: '被撤销', unlawful: '被确认违法', void: '被确认无效' } as const

/** 移出严重违法失信名单决定书: on expiry (L6), after repair (L7E) or on revocation (L8). */
const removalDecision: DocumentRenderer = (context: CreditListingContext, meta: Meta) => {
  const kind = 'removalDecision'
  const bureau = agencyName(context, 'bureau', kind)
  const number = required(meta.caseNumber, kind, 'caseNumber')
  const listing = required(context.listing, kind, 'listing')
  const endedAt = required(listing.endedAt, kind, 'listing.endedAt')
  const reason = required(listing.endReason, kind, 'listing.endReason')
  let because: string
  let basis: string
  if (reason === 'expired') {
    because = `你单位列入严重违法失信名单的期限已于${zhDate(lastDayOf(endedAt))}届满（期满移出）。`
    basis = `${SAMR44}`
  } else if (reason === 'repaired') {
    const granted = required(context.repairs.filter((r) => r.outcome === 'granted').at(-1), kind, 'repairs (granted)')
    because =
      `你单位于${zhDate(granted.at)}申请提前移出，经核实，已经自觉履行行政处罚决定中规定的义务、主动消除危害后果和不良影响，且未再受到市场监督管理部门较重行政处罚，` +
      `本机关于${zhDate(required(granted.decidedAt, kind, 'repairs.decidedAt'))}决定准予信用修复。`
    basis = `${SAMR44}、${SAMR_CR}第七条`
  } else {
    const revocation = required(context.revocation, kind, 'revocation')
    because =
      revocation.source === 'penalty'
        ? `作为列入依据的行政处罚决定（${context.penalty.decisionNumber}）已于${zhDate(revocation.date)}经${required(revocation.by, kind, 'revocation.by')}` +
          `${GROUND_ZH[revocation.ground]}（${required(revocation.reference, kind, 'revocation.reference')}）（处罚被撤销），本机关决定撤销列入决定。`
        : `本机关的列入决定已于${zhDate(revocation.date)}经${required(revocation.by, kind, 'revocation.by')}撤销（${required(revocation.reference, kind, 'revocation.reference')}），本机关决定撤销列入决定。`
    basis = `${SAMR44}；参照《市场监督管理行政处罚信息公示规定》第十一条`
  }
  const published = listing.publishedAt !== null
  return document(kind, `${bureau}\n移出严重违法失信名单决定书`, [
    number,
    '',
    ...subjectLines(context, kind),
    '',
    `本机关于${zhDate(listing.decidedAt)}作出列入严重违法失信名单决定，将你单位列入严重违法失信名单。`,
    because,
    `依据${basis}的规定，本机关决定将你单位移出严重违法失信名单，移出自${zhDate(endedAt)}起生效。`,
    published
      ? `自移出之日起停止公示，并解除下列管理措施，同时通报有关部门解除联合惩戒：${SERIOUS_LIST_MEASURES.map((m) => m.zh).join('；')}。`
      : '列入信息尚未公示，相关管理措施不再实施。',
    '',
    bureau,
    zhDate(meta.at),
  ])
}

export const creditListingDocuments: Record<string, DocumentRenderer> = {
  priorNotice,
  listingDecision,
  removalDecision,
}
