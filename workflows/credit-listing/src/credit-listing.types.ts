// Context, input and event shapes of credit punishment and repair (DOMAIN.md §4): one conduct
// (one penalty decision against one enterprise) in three regimes that run in parallel: the
// SAMR serious-violation list (A), SAMR penalty-information publicity (B), CNIPA IP credit (C).
import type { AgencyFacts, MachineEventBase, OpenedCase, ParentFacts, Receipt } from '@xianjie/domain'

/** APL art. 9 and SAMR-44 art. 2(2): the penalty types a decision may carry. */
export const PENALTY_TYPES = [
  'warning',
  'circular',
  'fine',
  'confiscation',
  'qualificationLowered',
  'permitRevoked',
  'licenceRevoked',
  'productionRestricted',
  'suspension',
  'closure',
  'practiceRestricted',
  'otherHeavier',
] as const
export type PenaltyType = (typeof PENALTY_TYPES)[number]

export const PENALTY_PROCEDURES = ['ordinary', 'simplified'] as const
export type PenaltyProcedure = (typeof PENALTY_PROCEDURES)[number]

/** SAMR-CR art. 6: food, drugs and special equipment have a 1-year minimum publicity before repair. */
export const FIELDS = ['general', 'food', 'drugs', 'specialEquipment'] as const
export type Field = (typeof FIELDS)[number]

/** SAMR-44 arts 5–10: the categories of serious violation. */
export const VIOLATION_ARTICLES = [5, 6, 7, 8, 9, 10] as const
export type ViolationArticle = (typeof VIOLATION_ARTICLES)[number]

export const ART9_ITEM_KEYS = ['ipInfringement', 'abnormalPatentOrMaliciousTrademark', 'ipAgencyMisconduct', 'tradeSecrets', 'otherUnfairCompetition'] as const
export type Art9Item = (typeof ART9_ITEM_KEYS)[number]

/** SAMR-44 art. 12: what the bureau weighs for 性质恶劣、情节严重、社会危害较大. */
export const ART12_FACTOR_KEYS = ['malice', 'frequency', 'duration', 'penaltyType', 'fineAmount', 'goodsValue', 'healthHarm', 'propertyLoss', 'socialImpact'] as const
export type Art12Factor = (typeof ART12_FACTOR_KEYS)[number]

/** CNIPA-2022 art. 6: the seven kinds of untrustworthy conduct (1 … 7). */
export const CNIPA_CONDUCT_KEYS = [1, 2, 3, 4, 5, 6, 7] as const
export type CnipaConduct = (typeof CNIPA_CONDUCT_KEYS)[number]

export interface PenaltyInput {
  decisionNumber: string
  /** `YYYY-MM-DD`: the day the penalty was decided (T31, T32a count from it). */
  decidedAt: string
  procedure: PenaltyProcedure
  types: PenaltyType[]
  /** A fine under the discretion benchmark's heavier-penalty principle (SAMR-44 art. 2(2)). */
  heavierFine: boolean
  /** Below the provincial threshold (SAMR-45 art. 13(1): 3 months). */
  lowAmountFine: boolean
  fineAmount?: number
  confiscatedAmount?: number
  field: Field
  /** A restriction imposed under law (e.g. 限制从业) that ends on this date. */
  restrictionUntil?: string
  violation: { article: ViolationArticle; item: string }
  summary: string
}

export interface Penalty {
  decisionNumber: string
  decidedAt: string
  procedure: PenaltyProcedure
  types: PenaltyType[]
  heavierFine: boolean
  lowAmountFine: boolean
  fineAmount: number | null
  confiscatedAmount: number | null
  field: Field
  restrictionUntil: string | null
  violation: { article: ViolationArticle; item: string }
  summary: string
}

/** The open payload after validation, merged with what the engine adds. */
export interface CreditListingInput extends OpenedCase {
  title?: string
  penalty: PenaltyInput
  cnipa?: { conduct: CnipaConduct }
}

/** The criteria checklist of SAMR-44 arts 2, 5–10 and 12 (L0). */
export interface Assessment {
  at: string
  /** SAMR-44 art. 2(2): a heavier administrative penalty. */
  heavierPenalty: boolean
  /** SAMR-44 arts 5–10: the category (art. 9 IP items named). */
  category: { article: ViolationArticle; item: string; listed: boolean }
  /** SAMR-44 art. 12: the factors weighed and the finding of serious circumstances. */
  factors: Partial<Record<Art12Factor, string>>
  seriousCircumstances: boolean
  /** The party proved it had no subjective intent: never listed. */
  noIntentEvidence: boolean
  met: boolean
  /** The criteria that failed, in the order of the checklist. */
  failed: Array<'heavierPenalty' | 'category' | 'seriousCircumstances' | 'noIntentEvidence'>
  reasons: string
}

export type HearingRight = 'notInformed' | 'open' | 'requested' | 'exercised' | 'waived' | 'lapsed'

export interface HearingSession {
  at: string
  record: string
  attended: boolean
  goodReason: boolean
  outcome: 'held' | 'waivedByAbsence' | 'adjourned'
}

export interface Hearing {
  requestedAt: string
  scheduledAt: string | null
  hearingAt: string | null
  place: string | null
  presidingOfficer: string | null
  investigators: string[]
  sessions: HearingSession[]
}

export interface UpperLevelApproval {
  authority: string
  reference: string
  approvedAt: string
}

export type EndReason = 'expired' | 'repaired' | 'revoked' | 'withdrawn'

export interface Listing {
  decidedAt: string
  /** The listing instant (the decision): T40 and the early-removal gate count from it. */
  listedAt: string
  /** 24:00 of the last day: 3 years, or the end of a longer legal restriction. */
  until: string
  reasons: string
  approval: UpperLevelApproval | null
  publishedAt: string | null
  /** Agency that published on NECIPS (the bureau, or the registration bureau across provinces). */
  publishedBy: string | null
  endedAt: string | null
  endReason: 'expired' | 'repaired' | 'revoked' | null
}

export interface RepairApplication {
  at: string
  performed: boolean
  harmEliminated: boolean
  noFurtherHeavierPenalty: boolean
  commitment: string
  materials: string[]
  acceptedAt: string | null
  decidedAt: string | null
  outcome: 'pending' | 'refusedAcceptance' | 'accepted' | 'granted' | 'refused'
  reasons: string | null
}

export interface Revocation {
  /** `penalty`: the underlying penalty was revoked (PENALTY_REVOKED); `remedy`: reconsideration or a court revoked the listing. */
  source: 'penalty' | 'remedy'
  ground: 'revoked' | 'unlawful' | 'void'
  by: string
  reference: string
  /** `YYYY-MM-DD` of the revoking act. */
  date: string
  at: string
}

export type RemedyWindow = 'notStarted' | 'open' | 'lapsed' | 'used'

export interface RemedyStep {
  kind: 'reconsideration' | 'suit'
  at: string
  body: string
  outcome: 'pending' | 'upheld' | 'revoked'
  reference: string | null
  decidedAt: string | null
}

export interface Remedy {
  /** Instant the subject received the listing decision (T42, T43 run from it). */
  knownAt: string | null
  reconsiderationWindow: RemedyWindow
  suitWindow: RemedyWindow
  steps: RemedyStep[]
}

export interface Publicity {
  publishedAt: string
  publishedBy: string
  /** SAMR-45 art. 13: 3 months, 3 years, or the end of a longer restriction. */
  period: 'threeMonths' | 'threeYears' | 'restriction'
  until: string
  endedAt: string | null
  endReason: 'expired' | 'repaired' | 'withdrawn' | null
}

export interface PublicityRepair {
  at: string
  performed: boolean
  harmEliminated: boolean
  noRepeatSameKind: boolean
  commitment: string
  outcome: 'pending' | 'granted' | 'refused'
  decidedAt: string | null
  reasons: string | null
}

export interface CnipaFinding {
  /** The first finding: T44cap (3 years) counts from it. */
  firstAt: string
  /** The latest finding (first or repeat): T44 (1 year) counts from it. */
  lastAt: string
  until: string
  decisionNumber: string | null
  reasons: string
  repeats: Array<{ at: string; reasons: string }>
  endedAt: string | null
  endReason: 'expired' | 'repaired' | 'revoked' | null
}

export interface CnipaRepair {
  at: string
  corrected: boolean
  performed: boolean
  effectsEliminated: boolean
  outcome: 'pending' | 'granted' | 'refused'
  decidedAt: string | null
  reasons: string | null
}

export interface CnipaCase {
  conduct: CnipaConduct
  noticeAt: string | null
  facts: string | null
  statements: Array<{ at: string; text: string }>
  decision: { at: string; untrustworthy: boolean; correctedPromptly: boolean; reasons: string; found: boolean } | null
  finding: CnipaFinding | null
  repairs: CnipaRepair[]
}

export type { Receipt }

export interface CreditListingContext {
  caseId: string
  openedAt: string
  /** Party key → agency id; copied to the case after every event (PUSH_* add `registrationBureau`). */
  parties: Record<string, string>
  agencies: Record<string, AgencyFacts>
  title: string | null
  /** The criminal-transfer case this one follows (F11 non-filing, RP3/RS3 reverse transfer). */
  parent: ParentFacts | null
  penalty: Penalty
  /** 00:00 China time of the penalty decision's day: anchor of T31 and T32a. */
  penaltyDecidedAt: string
  /** 00:00 China time of the restriction's last day: anchor of T40r and T34r (due at its 24:00). */
  restrictionEndsAt: string | null
  /** The subject is registered in another province than the bureau's (SAMR-45 art. 10). */
  crossProvince: boolean

  // ---- (A) serious-violation list ----
  assessment: Assessment | null
  priorNotice: { at: string; statementDays: number; receivedAt: string | null } | null
  hearingRight: HearingRight
  statements: Array<{ at: string; text: string }>
  hearing: Hearing | null
  decision: { at: string; list: boolean; reasons: string; approval: UpperLevelApproval | null } | null
  listing: Listing | null
  /** Anchor of T40: the listing instant. */
  listedAt: string | null
  /** The list is published and not yet ended. */
  seriousListed: boolean
  repairs: RepairApplication[]
  /** The underlying penalty was revoked, found unlawful or void (both regimes take it). */
  penaltyRevocation: Omit<Revocation, 'source'> | null
  revocation: Revocation | null
  remedy: Remedy
  /** Anchor of T43r: when the subject received the reconsideration decision. */
  reconsiderationDecidedAt: string | null
  notListedReason: 'criteria' | 'penaltyRevoked' | 'decision' | null

  // ---- (B) penalty-information publicity ----
  publicity: Publicity | null
  /** Anchor of T34m / T34y: the publication instant. */
  publicityFrom: string | null
  publicityRepairs: PublicityRepair[]
  publicityWithdrawal: { at: string; reasons: string; wasPublished: boolean } | null

  // ---- (C) CNIPA IP credit ----
  cnipa: CnipaCase | null
  /** Anchor of T44cap: the first finding. */
  cnipaFirstFindingAt: string | null

  /** Documents issued (the engine stores their text). */
  documents: Array<{ kind: string; at: string }>
  /** Ids of DUTY timers that fired (OVERDUE_DUTY). */
  overdue: string[]
  receipts: Receipt[]
}

export type CreditListingEvent = MachineEventBase
