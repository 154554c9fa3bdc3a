// What the case publishes (ProcedureDefinition.publicRecords): the engine calls this after
// every event and keeps the public credit register equal to its result. Only records that
// became public are returned; an ended record stays, with `endedAt` and `endReason`.

import type { PublicRecord } from '@xianjie/domain'

import { CNIPA_MEASURES, SERIOUS_LIST_MEASURES } from './credit-listing.catalogues.ts'
import type { CreditListingContext } from './credit-listing.types.ts'

const TITLES = {
  'samr-serious': { zh: '市场监督管理严重违法失信名单', en: 'SAMR serious-violation list' },
  'samr-publicity': { zh: '行政处罚信息公示', en: 'Penalty-information publicity' },
  'cnipa-credit': { zh: '知识产权领域失信行为认定', en: 'CNIPA untrustworthy-conduct finding' },
} as const

/**
 * The public records of the case. Subject fields come from the subject's agency facts; the
 * authority is always the bureau that decided (谁认定、谁移出), also when the registration
 * bureau published. `decisionNumber` of the two SAMR records is the penalty decision number:
 * the listing decision's own number is the case number, which the engine gives only to the
 * document renderers, so the listing is identified by that penalty number and `decidedAt`
 * (the listing decision's instant).
 */
export function creditListingPublicRecords(context: CreditListingContext): PublicRecord[] {
  const subjectId = context.parties['subject'] ?? ''
  const subject = context.agencies[subjectId]
  const base = {
    subjectAgencyId: subjectId,
    subjectCreditCode: subject?.creditCode ?? '',
    subjectName: subject?.name ?? '',
    authorityAgencyId: context.parties['bureau'] ?? '',
  }
  const records: PublicRecord[] = []
  const listing = context.listing
  if (listing !== null && listing.publishedAt !== null) {
    records.push({
      regime: 'samr-serious',
      kind: 'listing',
      title: { ...TITLES['samr-serious'] },
      ...base,
      decisionNumber: context.penalty.decisionNumber,
      decidedAt: listing.decidedAt,
      publishedAt: listing.publishedAt,
      until: listing.until,
      endedAt: listing.endedAt,
      endReason: listing.endReason,
      measures: SERIOUS_LIST_MEASURES.map((measure) => ({ ...measure })),
    })
  }
  const publicity = context.publicity
  if (publicity !== null) {
    records.push({
      regime: 'samr-publicity',
      kind: 'publicity',
      title: { ...TITLES['samr-publicity'] },
      ...base,
      decisionNumber: context.penalty.decisionNumber,
      decidedAt: context.penaltyDecidedAt,
      publishedAt: publicity.publishedAt,
      until: publicity.until,
      endedAt: publicity.endedAt,
      endReason: publicity.endReason,
      measures: [],
    })
  }
  const finding = context.cnipa?.finding ?? null
  if (finding !== null) {
    records.push({
      regime: 'cnipa-credit',
      // A finding carries measures: the subject is listed in that regime.
      kind: 'listing',
      title: { ...TITLES['cnipa-credit'] },
      ...base,
      decisionNumber: finding.decisionNumber,
      decidedAt: finding.firstAt,
      // Published at once with the finding.
      publishedAt: finding.firstAt,
      until: finding.until,
      endedAt: finding.endedAt,
      endReason: finding.endReason,
      measures: CNIPA_MEASURES.map((measure) => ({ ...measure })),
    })
  }
  return records
}
