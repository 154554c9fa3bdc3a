// Credit punishment and repair (DOMAIN.md §4): one conduct (a penalty decision against one
// enterprise) in three parallel regimes linked by the case id: (A) the SAMR serious-violation
// list L0–L9, (B) SAMR penalty-information publicity B0–B6, (C) CNIPA IP credit C0–C4. The
// case closes when all three regions are final.
// Pure: guards and assigns read time only from `event.at`; effects are `dispatch`, `alert`
// and `document`.

import { and, assign, enqueueActions, setup } from 'xstate'
import {
  addOnce,
  agenciesOf,
  divisionWithin,
  enqueueEffect,
  receiptOf,
  stringsOf,
  type AgencyFacts,
  type AlertParams,
  type DispatchParams,
  type DocumentParams,
  type EffectAction,
  type StateMetaBase,
  type Bilingual,
} from '@xianjie/domain'

import { HEAVIER_TYPES, LISTING_CONFIG, NO_EARLY_STOP_TYPES, PARTNER_KEYS, type ListingConfig } from './credit-listing.catalogues.ts'
import type { CreditListingRuleKey } from './credit-listing.rules.ts'
import {
  cnipaUntil,
  creditListingDelays,
  creditListingTimers,
  earliestCnipaRepair,
  earliestEarlyRemoval,
  earliestPublicityRepair,
  listingUntil,
  localDate,
  periodEnd,
  restrictionEnd,
  startOfLocalDay,
  type CreditListingTimerId,
} from './credit-listing.timers.ts'
import {
  ART12_FACTOR_KEYS,
  type Art12Factor,
  type Assessment,
  type CreditListingContext,
  type CreditListingEvent,
  type CreditListingInput,
  type HearingRight,
  type Penalty,
  type PenaltyInput,
  type Publicity,
  type RemedyStep,
  type UpperLevelApproval,
} from './credit-listing.types.ts'

/** End codes: N1 not listed; L6/L7E/L8 the listing's ends; L9 the remedy region; B0/B4/B5/B6 publicity; C0/C1/C4E/C4R/C4X CNIPA. */
export type EndCode = 'N1' | 'L6' | 'L7E' | 'L8' | 'L9' | 'B0' | 'B4' | 'B5' | 'B6' | 'C0' | 'C1' | 'C4E' | 'C4R' | 'C4X'

export interface StateMeta extends StateMetaBase {
  /** DOMAIN.md state id (L0…L9, L1H, L5B, L7E; B0…B6; C0…C4), or A/B/C for a regime's region. */
  id: string
  end?: EndCode
  refuses?: Record<string, CreditListingRuleKey>
}

function meta(id: string, zh: string, en: string, extra: Pick<StateMeta, 'end' | 'refuses'> = {}): StateMeta {
  return { id, title: { zh, en }, ...extra }
}

/** Every dispatch kind the machine sends, with its title. */
export const DISPATCH_KINDS = {
  priorNotice: { zh: '行政处罚（列入严重违法失信名单）告知书', en: 'Prior notice of the intended listing' },
  hearingRequest: { zh: '听证申请', en: 'Request for a hearing' },
  hearingNotice: { zh: '听证通知书', en: 'Notice of the hearing' },
  listingDecision: { zh: '列入严重违法失信名单决定书', en: 'Listing decision' },
  listingForPublication: { zh: '列入信息（请登记地公示）', en: 'Listing to publish at the registration place' },
  jointPunishmentNotice: { zh: '联合惩戒通知', en: 'Joint punishment notice' },
  repairApplication: { zh: '信用修复（提前移出）申请', en: 'Application for early removal' },
  repairAccepted: { zh: '信用修复申请受理通知', en: 'Repair application accepted' },
  repairRefused: { zh: '不予受理（不予修复）通知', en: 'Repair refused' },
  removalDecision: { zh: '移出严重违法失信名单决定书', en: 'Removal decision' },
  liftingNotice: { zh: '解除联合惩戒通知', en: 'Notice lifting the joint punishment' },
  remedyFiled: { zh: '当事人申请复议或者提起诉讼的告知', en: 'The party sought reconsideration or sued' },
  penaltyInfoForPublication: { zh: '行政处罚信息（请登记地公示）', en: 'Penalty information to publish at the registration place' },
  publicityRepairApplication: { zh: '提前停止公示申请', en: 'Application to stop the publicity early' },
  publicityRepairDecision: { zh: '提前停止公示决定', en: 'Decision on the early stop of publicity' },
  cnipaNotice: { zh: '失信行为认定事先告知书', en: 'Prior notice of the untrustworthiness finding' },
  cnipaFinding: { zh: '失信行为认定决定书', en: 'Untrustworthiness finding' },
  cnipaRepairApplication: { zh: '知识产权信用修复申请', en: 'CNIPA credit repair application' },
  cnipaRepairDecision: { zh: '知识产权信用修复决定', en: 'CNIPA credit repair decision' },
} as const satisfies Record<string, Bilingual>

export type DispatchKind = keyof typeof DISPATCH_KINDS

/** Document kinds rendered by `creditListingDocuments`. */
export const DOCUMENT_TITLES = {
  priorNotice: { zh: '行政处罚（列入严重违法失信名单）告知书', en: 'Prior notice of the intended listing' },
  listingDecision: { zh: '列入严重违法失信名单决定书', en: 'Decision to list as seriously illegal and untrustworthy' },
  removalDecision: { zh: '移出严重违法失信名单决定书', en: 'Decision to remove from the serious-violation list' },
} as const satisfies Record<string, Bilingual>

export type DocumentKind = keyof typeof DOCUMENT_TITLES

/** A task without a deadline names its state: with three regions the innermost active state may be another region's. */
function dispatchTo(to: string, kind: DispatchKind, source: string, task?: { task: string; dueTimer?: CreditListingTimerId; state?: string }): EffectAction {
  return { type: 'dispatch', params: { to, kind, title: DISPATCH_KINDS[kind], source, ...task } }
}

// ---- The law as pure functions (the guards and the tests use them) ------------------------

/** An ISO instant from a payload field, normalised to UTC, or `fallback`. */
function instantOf(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? fallback : new Date(ms).toISOString()
}

const notBefore = (at: string, gate: string) => Date.parse(at) >= Date.parse(gate)

export function penaltyOf(input: PenaltyInput): Penalty {
  return {
    decisionNumber: input.decisionNumber,
    decidedAt: input.decidedAt,
    procedure: input.procedure,
    types: [...input.types],
    heavierFine: input.heavierFine,
    lowAmountFine: input.lowAmountFine,
    fineAmount: input.fineAmount ?? null,
    confiscatedAmount: input.confiscatedAmount ?? null,
    field: input.field,
    restrictionUntil: input.restrictionUntil ?? null,
    violation: { article: input.violation.article, item: input.violation.item },
    summary: input.summary,
  }
}

/** SAMR-44 art. 2(2) ☑️: a fine under the heavier-penalty principle, or a heavier type. */
export function isHeavierPenalty(penalty: Pick<Penalty, 'heavierFine' | 'types'>): boolean {
  return (penalty.heavierFine && penalty.types.includes('fine')) || penalty.types.some((type) => (HEAVIER_TYPES as readonly string[]).includes(type))
}

/**
 * The L0 checklist (SAMR-44 arts 2, 5–10, 12): a heavier penalty, a listed category, serious
 * circumstances on the art. 12 factors; evidence of no subjective intent excludes listing.
 */
export function assessCriteria(penalty: Penalty, payload: Record<string, unknown>, at: string): Assessment {
  const raw = (typeof payload['factors'] === 'object' && payload['factors'] !== null ? payload['factors'] : {}) as Record<string, unknown>
  const factors: Partial<Record<Art12Factor, string>> = {}
  for (const key of ART12_FACTOR_KEYS) {
    const value = raw[key]
    if (typeof value === 'string' && value.trim() !== '') factors[key] = value
  }
  const heavierPenalty = isHeavierPenalty(penalty)
  const article = penalty.violation.article
  const listed = [5, 6, 7, 8, 9, 10].includes(article)
  const seriousCircumstances = payload['seriousCircumstances'] === true && Object.keys(factors).length > 0
  const noIntentEvidence = payload['noIntentEvidence'] === true
  const failed: Assessment['failed'] = []
  if (!heavierPenalty) failed.push('heavierPenalty')
  if (!listed) failed.push('category')
  if (!seriousCircumstances) failed.push('seriousCircumstances')
  if (noIntentEvidence) failed.push('noIntentEvidence')
  return {
    at,
    heavierPenalty,
    category: { article, item: penalty.violation.item, listed },
    factors,
    seriousCircumstances,
    noIntentEvidence,
    met: failed.length === 0,
    failed,
    reasons: String(payload['reasons'] ?? ''),
  }
}

/** SAMR-45 art. 10: the subject is registered in another province than the bureau (first two digits of GB/T 2260). */
export function crossProvinceOf(parties: Record<string, string>, agencies: Record<string, AgencyFacts>): boolean {
  const bureau = agencies[parties['bureau'] ?? '']
  const subject = agencies[parties['subject'] ?? '']
  return bureau !== undefined && subject !== undefined && bureau.division.slice(0, 2) !== subject.division.slice(0, 2)
}

/** Gansu measures art. 3 ☑️: county- and city-level listing decisions need the upper level’s approval (a flag). */
export function upperLevelApprovalRequired(bureau: Pick<AgencyFacts, 'level'> | undefined, config: Pick<ListingConfig, 'requiresUpperLevelApproval'> = LISTING_CONFIG): boolean {
  return config.requiresUpperLevelApproval && bureau !== undefined && (bureau.level === 'county' || bureau.level === 'city')
}

function approvalOf(value: unknown): UpperLevelApproval | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const text = (key: string) => (typeof v[key] === 'string' && (v[key] as string).trim() !== '' ? (v[key] as string) : null)
  const authority = text('authority')
  const reference = text('reference')
  const approvedAt = text('approvedAt')
  return authority && reference && approvedAt ? { authority, reference, approvedAt } : null
}

/** SAMR-45 art. 2: every ordinary-procedure penalty is published, except a warning alone. */
export function publicityApplies(penalty: Pick<Penalty, 'procedure' | 'types'>): boolean {
  return penalty.procedure === 'ordinary' && !penalty.types.every((type) => type === 'warning')
}

/**
 * SAMR-45 art. 13: 3 months when the penalty is only a circular of criticism or a lower-amount
 * fine (仅受到通报批评或者较低数额罚款), 3 years otherwise, the restriction's end when longer.
 */
export function publicityPeriodOf(penalty: Pick<Penalty, 'types' | 'lowAmountFine' | 'restrictionUntil'>, publishedAt: string): Pick<Publicity, 'period' | 'until'> {
  const short = penalty.types.every((type) => type === 'circular' || type === 'warning' || (type === 'fine' && penalty.lowAmountFine))
  const base = short ? periodEnd(publishedAt, creditListingTimers.T34m) : periodEnd(publishedAt, creditListingTimers.T34y)
  const restriction = restrictionEnd(penalty.restrictionUntil)
  if (restriction !== null && restriction > base) return { period: 'restriction', until: restriction }
  return { period: short ? 'threeMonths' : 'threeYears', until: base }
}

/** SAMR-45 art. 14(3) ✅: the heavier penalties whose publicity never stops early. */
export function publicityRepairable(penalty: Pick<Penalty, 'types'>): boolean {
  return !penalty.types.some((type) => (NO_EARLY_STOP_TYPES as readonly string[]).includes(type))
}

/** SAMR-45 art. 14(1)(4): listing decided and not ended. */
export function onSeriousList(context: Pick<CreditListingContext, 'listing'>): boolean {
  return context.listing !== null && context.listing.endedAt === null
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const pendingStep = (context: CreditListingContext): RemedyStep | undefined => context.remedy.steps.find((step) => step.outcome === 'pending')

/** The subject’s registration bureau named by a PUSH command is competent (SAMR-45 art. 10). */
export function registrationBureauCompetent(context: Pick<CreditListingContext, 'parties' | 'agencies'>, payload: Record<string, any>): boolean {
  const id = payload['registrationBureau']
  const bureau = typeof id === 'string' ? (agenciesOf(payload)[id] ?? context.agencies[id]) : undefined
  const subject = context.agencies[context.parties['subject'] ?? '']
  return (
    bureau !== undefined &&
    subject !== undefined &&
    bureau.kind === 'msa' &&
    bureau.division.slice(0, 2) === subject.division.slice(0, 2) &&
    divisionWithin(subject.division, bureau.division)
  )
}

interface PushParams {
  kind: 'listingForPublication' | 'penaltyInfoForPublication'
  task: string
  dueTimer: CreditListingTimerId
  source: string
}

const machineSetup = setup({
  types: {
    context: {} as CreditListingContext,
    events: {} as CreditListingEvent,
    input: {} as CreditListingInput,
    meta: {} as StateMeta,
  },
  delays: creditListingDelays,
  actions: {
    // Effects, declared only: the engine turns them into outbox rows, tasks, alerts and documents.
    dispatch: (_, _params: DispatchParams) => {},
    alert: (_, _params: AlertParams) => {},
    document: (_, _params: DocumentParams) => {},
    /** Renders a document from the context after the event and keeps a note of it. */
    issue: enqueueActions(({ context, event, enqueue }, params: { kind: DocumentKind }) => {
      const at = typeof event.at === 'string' ? event.at : context.openedAt
      enqueue.assign({ documents: [...context.documents, { kind: params.kind, at }] })
      enqueueEffect(enqueue, { type: 'document', params: { kind: params.kind, title: DOCUMENT_TITLES[params.kind] } })
    }),
    /** The same notice to the four joint-punishment partners. */
    notifyPartners: enqueueActions(({ enqueue }, params: { kind: 'jointPunishmentNotice' | 'liftingNotice'; source: string; task?: string }) => {
      // The partners' task lasts while the subject is listed (L4).
      for (const key of PARTNER_KEYS) enqueueEffect(enqueue, dispatchTo(key, params.kind, params.source, params.task === undefined ? undefined : { task: params.task, state: 'L4' }))
    }),
    recordReceipt: assign({ receipts: ({ context, event }) => [...context.receipts, receiptOf(event)] }),
    markOverdue: assign({
      overdue: ({ context }, params: { timer: CreditListingTimerId }) => addOnce(context.overdue, params.timer),
    }),

    // ---- (A) L0–L2 -------------------------------------------------------------------
    recordAssessment: assign(({ context, event }) => {
      const assessment = assessCriteria(context.penalty, event.payload, event.at)
      return { assessment, notListedReason: assessment.met ? null : ('criteria' as const) }
    }),
    recordPriorNotice: assign({
      priorNotice: ({ event }) => ({
        at: event.at,
        statementDays: typeof event.payload['statementDays'] === 'number' ? event.payload['statementDays'] : 5,
        receivedAt: null,
      }),
    }),
    recordNoticeReceived: assign(({ context, event }) => ({
      priorNotice: context.priorNotice && { ...context.priorNotice, receivedAt: instantOf(event.payload['receivedAt'], event.at) },
      hearingRight: 'open' as const,
    })),
    setHearingRight: assign({ hearingRight: (_, params: { right: HearingRight }) => params.right }),
    recordStatement: assign({
      statements: ({ context, event }) => [...context.statements, { at: event.at, text: text(event.payload['statement']) }],
    }),
    requestHearing: enqueueActions(({ event, enqueue }) => {
      enqueue.assign({
        hearingRight: 'requested',
        hearing: { requestedAt: event.at, scheduledAt: null, hearingAt: null, place: null, presidingOfficer: null, investigators: [], sessions: [] },
      })
      enqueueEffect(enqueue, dispatchTo('bureau', 'hearingRequest', 'APL art. 64(1)', { task: 'scheduleHearing', state: 'L1H' }))
    }),
    scheduleHearing: assign({
      hearing: ({ context, event }) =>
        context.hearing && {
          ...context.hearing,
          scheduledAt: event.at,
          hearingAt: instantOf(event.payload['hearingAt'], event.at),
          place: text(event.payload['place']),
          presidingOfficer: text(event.payload['presidingOfficer']),
          investigators: stringsOf(event.payload['investigators']),
        },
    }),
    recordHearingSession: assign(({ context, event }) => {
      const attended = event.payload['attended'] === true
      const goodReason = event.payload['goodReason'] === true
      const outcome = attended ? ('held' as const) : goodReason ? ('adjourned' as const) : ('waivedByAbsence' as const)
      const right: HearingRight = outcome === 'held' ? 'exercised' : outcome === 'waivedByAbsence' ? 'waived' : 'requested'
      return {
        hearingRight: right,
        hearing: context.hearing && {
          ...context.hearing,
          sessions: [...context.hearing.sessions, { at: event.at, record: text(event.payload['record']), attended, goodReason, outcome }],
        },
      }
    }),
    recordNoListing: assign(({ event }) => ({
      decision: { at: event.at, list: false, reasons: text(event.payload['reasons']), approval: approvalOf(event.payload['upperLevelApproval']) },
      notListedReason: 'decision' as const,
    })),
    recordListing: assign(({ context, event }) => {
      const approval = approvalOf(event.payload['upperLevelApproval'])
      const reasons = text(event.payload['reasons'])
      return {
        decision: { at: event.at, list: true, reasons, approval },
        listing: {
          decidedAt: event.at,
          listedAt: event.at,
          until: listingUntil(event.at, context.penalty.restrictionUntil),
          reasons,
          approval,
          publishedAt: null,
          publishedBy: null,
          endedAt: null,
          endReason: null,
        },
        listedAt: event.at,
      }
    }),

    // ---- (A) L3–L8 -------------------------------------------------------------------
    /** PUSH_LISTING / PUSH_PENALTY_INFO: the registration bureau becomes a party and receives the information. */
    pushToRegistrationBureau: enqueueActions(({ context, event, enqueue }, params: PushParams) => {
      const id = String(event.payload['registrationBureau'])
      enqueue.assign({ parties: { ...context.parties, registrationBureau: id }, agencies: { ...context.agencies, ...agenciesOf(event.payload) } })
      // The registration bureau's period (T35b / T32b) starts with its receipt: the task takes that due.
      enqueueEffect(enqueue, dispatchTo('registrationBureau', params.kind, params.source, { task: params.task, dueTimer: params.dueTimer }))
    }),
    publishListing: assign(({ context, event }) => ({
      listing: context.listing && {
        ...context.listing,
        publishedAt: instantOf(event.payload['publishedAt'], event.at),
        publishedBy: event.actor.agencyId,
      },
      seriousListed: true,
    })),
    applyEarlyRemoval: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({
        repairs: [
          ...context.repairs,
          {
            at: event.at,
            performed: event.payload['performed'] === true,
            harmEliminated: event.payload['harmEliminated'] === true,
            noFurtherHeavierPenalty: event.payload['noFurtherHeavierPenalty'] === true,
            commitment: text(event.payload['commitment']),
            materials: stringsOf(event.payload['materials']),
            acceptedAt: null,
            decidedAt: null,
            outcome: 'pending',
            reasons: null,
          },
        ],
      })
      enqueueEffect(enqueue, dispatchTo('bureau', 'repairApplication', 'SAMR-44; SAMR-CR art. 7', { task: 'decideRepairAcceptance', dueTimer: 'T37' }))
    }),
    decideRepair: enqueueActions(({ context, event, enqueue }, params: { outcome: 'accepted' | 'refusedAcceptance' | 'granted' | 'refused' }) => {
      const last = context.repairs.length - 1
      enqueue.assign({
        repairs: context.repairs.map((repair, index) =>
          index !== last
            ? repair
            : {
                ...repair,
                outcome: params.outcome,
                acceptedAt: params.outcome === 'accepted' ? event.at : repair.acceptedAt,
                decidedAt: params.outcome === 'accepted' ? repair.decidedAt : event.at,
                reasons: typeof event.payload['reasons'] === 'string' ? event.payload['reasons'] : repair.reasons,
              },
        ),
      })
      if (params.outcome === 'accepted') enqueueEffect(enqueue, dispatchTo('subject', 'repairAccepted', 'SAMR-CR'))
      if (params.outcome === 'refused' || params.outcome === 'refusedAcceptance') enqueueEffect(enqueue, dispatchTo('subject', 'repairRefused', 'SAMR-CR'))
    }),
    /** The listing ends: expired (at the due instant), repaired or revoked. */
    endListing: assign(({ context, event }, params: { reason: 'expired' | 'repaired' | 'revoked' }) => ({
      listing: context.listing && { ...context.listing, endedAt: event.at, endReason: params.reason },
      seriousListed: false,
    })),
    /** Partners lift the measures they applied; before publication nothing was applied. */
    liftMeasures: enqueueActions(({ context, enqueue }, params: { source: string }) => {
      if (context.listing?.publishedAt == null) return
      for (const key of PARTNER_KEYS) enqueueEffect(enqueue, dispatchTo(key, 'liftingNotice', params.source))
    }),
    recordPenaltyRevocation: assign(({ event }) => {
      const revocation = {
        ground: event.payload['ground'] as 'revoked' | 'unlawful' | 'void',
        by: text(event.payload['by']),
        reference: text(event.payload['reference']),
        date: text(event.payload['date']) || localDate(event.at),
        at: event.at,
      }
      return { penaltyRevocation: revocation }
    }),
    recordRevocation: assign({
      revocation: ({ context, event }, params: { source: 'penalty' | 'remedy' }) => {
        if (params.source === 'penalty') {
          return {
            source: 'penalty' as const,
            ground: event.payload['ground'] as 'revoked' | 'unlawful' | 'void',
            by: text(event.payload['by']),
            reference: text(event.payload['reference']),
            date: text(event.payload['date']) || localDate(event.at),
            at: event.at,
          }
        }
        const step = pendingStep(context)
        return {
          source: 'remedy' as const,
          ground: 'revoked' as const,
          by: step?.body ?? (event.payload['forum'] === 'litigation' ? '人民法院' : '行政复议机关'),
          reference: text(event.payload['reference']),
          date: localDate(event.at),
          at: event.at,
        }
      },
    }),

    // ---- (A) L9 remedies -------------------------------------------------------------
    openRemedies: assign({
      remedy: ({ context, event }) => ({
        ...context.remedy,
        knownAt: instantOf(event.payload['receivedAt'], event.at),
        reconsiderationWindow: 'open' as const,
        suitWindow: 'open' as const,
      }),
    }),
    setRemedyWindow: assign({
      remedy: ({ context }, params: { window: 'reconsiderationWindow' | 'suitWindow'; to: 'open' | 'lapsed' | 'used' }) => ({ ...context.remedy, [params.window]: params.to }),
    }),
    applyRemedy: enqueueActions(({ context, event, enqueue }, params: { kind: 'reconsideration' | 'suit' }) => {
      const window = params.kind === 'reconsideration' ? 'reconsiderationWindow' : 'suitWindow'
      enqueue.assign({
        remedy: {
          ...context.remedy,
          [window]: 'used',
          steps: [...context.remedy.steps, { kind: params.kind, at: event.at, body: text(event.payload['body']), outcome: 'pending', reference: null, decidedAt: null }],
        },
      })
      enqueueEffect(enqueue, dispatchTo('bureau', 'remedyFiled', params.kind === 'reconsideration' ? 'ARL art. 20' : 'ALL arts 45, 46', { task: 'recordRemedyOutcome', state: 'L9' }))
    }),
    recordRemedyOutcome: assign(({ context, event }) => {
      const outcome = event.payload['outcome'] === 'revoked' ? ('revoked' as const) : ('upheld' as const)
      const reconsidered = pendingStep(context)?.kind === 'reconsideration'
      return {
        remedy: {
          ...context.remedy,
          steps: context.remedy.steps.map((step) =>
            step.outcome === 'pending' ? { ...step, outcome, reference: text(event.payload['reference']), decidedAt: event.at } : step,
          ),
        },
        // T43r runs from the party's receipt of the reconsideration decision.
        reconsiderationDecidedAt: reconsidered ? instantOf(event.payload['receivedAt'], event.at) : context.reconsiderationDecidedAt,
      }
    }),

    // ---- (B) publicity ---------------------------------------------------------------
    publishPenaltyInfo: assign(({ context, event }) => {
      const publishedAt = instantOf(event.payload['publishedAt'], event.at)
      return {
        publicity: { publishedAt, publishedBy: event.actor.agencyId, ...publicityPeriodOf(context.penalty, publishedAt), endedAt: null, endReason: null },
        publicityFrom: publishedAt,
      }
    }),
    applyPublicityRepair: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({
        publicityRepairs: [
          ...context.publicityRepairs,
          {
            at: event.at,
            performed: event.payload['performed'] === true,
            harmEliminated: event.payload['harmEliminated'] === true,
            noRepeatSameKind: event.payload['noRepeatSameKind'] === true,
            commitment: text(event.payload['commitment']),
            outcome: 'pending',
            decidedAt: null,
            reasons: null,
          },
        ],
      })
      enqueueEffect(enqueue, dispatchTo('bureau', 'publicityRepairApplication', 'SAMR-45 art. 14; SAMR-CR art. 6', { task: 'decidePublicityRepair', dueTimer: 'T38p' }))
    }),
    decidePublicityRepair: enqueueActions(({ context, event, enqueue }) => {
      const grant = event.payload['grant'] === true
      enqueue.assign({
        publicityRepairs: context.publicityRepairs.map((repair) =>
          repair.outcome === 'pending' ? { ...repair, outcome: grant ? 'granted' : 'refused', decidedAt: event.at, reasons: text(event.payload['reasons']) } : repair,
        ),
        publicity: grant && context.publicity ? { ...context.publicity, endedAt: event.at, endReason: 'repaired' } : context.publicity,
      })
      enqueueEffect(enqueue, dispatchTo('subject', 'publicityRepairDecision', 'SAMR-45 art. 14; SAMR-CR'))
    }),
    endPublicity: assign({
      publicity: ({ context, event }, params: { reason: 'expired' | 'withdrawn' }) =>
        context.publicity && { ...context.publicity, endedAt: event.at, endReason: params.reason },
    }),
    recordWithdrawal: assign({
      publicityWithdrawal: ({ context, event }) => ({ at: event.at, reasons: text(event.payload['reasons']), wasPublished: context.publicity !== null }),
    }),

    // ---- (C) CNIPA -------------------------------------------------------------------
    giveCnipaNotice: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({ cnipa: context.cnipa && { ...context.cnipa, noticeAt: event.at, facts: text(event.payload['facts']) } })
      enqueueEffect(enqueue, dispatchTo('subject', 'cnipaNotice', 'CNIPA-2022 ⚠️ (procedure)', { task: 'respondToCnipaNotice', state: 'C1' }))
    }),
    recordCnipaStatement: assign({
      cnipa: ({ context, event }) => context.cnipa && { ...context.cnipa, statements: [...context.cnipa.statements, { at: event.at, text: text(event.payload['statement']) }] },
    }),
    recordCnipaDecision: enqueueActions(({ context, event, enqueue }, params: { found: boolean }) => {
      if (context.cnipa === null) return
      const decision = {
        at: event.at,
        untrustworthy: event.payload['untrustworthy'] === true,
        correctedPromptly: event.payload['correctedPromptly'] === true,
        reasons: text(event.payload['reasons']),
        found: params.found,
      }
      if (!params.found) {
        enqueue.assign({ cnipa: { ...context.cnipa, decision } })
        return
      }
      const decisionNumber = typeof event.payload['decisionNumber'] === 'string' ? event.payload['decisionNumber'] : null
      enqueue.assign({
        cnipa: {
          ...context.cnipa,
          decision,
          finding: {
            firstAt: event.at,
            lastAt: event.at,
            until: cnipaUntil(event.at, event.at),
            decisionNumber,
            reasons: decision.reasons,
            repeats: [],
            endedAt: null,
            endReason: null,
          },
        },
        cnipaFirstFindingAt: event.at,
      })
      enqueueEffect(enqueue, dispatchTo('subject', 'cnipaFinding', 'CNIPA-2022 arts 6, 9'))
    }),
    repeatFinding: enqueueActions(({ context, event, enqueue }) => {
      const finding = context.cnipa?.finding
      if (!context.cnipa || !finding) return
      enqueue.assign({
        cnipa: {
          ...context.cnipa,
          finding: {
            ...finding,
            lastAt: event.at,
            until: cnipaUntil(finding.firstAt, event.at),
            repeats: [...finding.repeats, { at: event.at, reasons: text(event.payload['reasons']) }],
          },
        },
      })
      enqueueEffect(enqueue, dispatchTo('subject', 'cnipaFinding', 'CNIPA-CR ⚠️ (repeat finding within the year)'))
    }),
    applyCnipaRepair: enqueueActions(({ context, event, enqueue }) => {
      if (context.cnipa === null) return
      enqueue.assign({
        cnipa: {
          ...context.cnipa,
          repairs: [
            ...context.cnipa.repairs,
            {
              at: event.at,
              corrected: event.payload['corrected'] === true,
              performed: event.payload['performed'] === true,
              effectsEliminated: event.payload['effectsEliminated'] === true,
              outcome: 'pending',
              decidedAt: null,
              reasons: null,
            },
          ],
        },
      })
      enqueueEffect(enqueue, dispatchTo('bureau', 'cnipaRepairApplication', 'CNIPA-CR ⚠️', { task: 'decideCnipaRepair', state: 'C3' }))
    }),
    decideCnipaRepair: enqueueActions(({ context, event, enqueue }) => {
      if (context.cnipa === null) return
      const grant = event.payload['grant'] === true
      enqueue.assign({
        cnipa: {
          ...context.cnipa,
          repairs: context.cnipa.repairs.map((repair) =>
            repair.outcome === 'pending' ? { ...repair, outcome: grant ? 'granted' : 'refused', decidedAt: event.at, reasons: text(event.payload['reasons']) } : repair,
          ),
        },
      })
      enqueueEffect(enqueue, dispatchTo('subject', 'cnipaRepairDecision', 'CNIPA-CR ⚠️'))
    }),
    endCnipaFinding: assign({
      cnipa: ({ context, event }, params: { reason: 'expired' | 'repaired' | 'revoked' }) =>
        context.cnipa && { ...context.cnipa, finding: context.cnipa.finding && { ...context.cnipa.finding, endedAt: event.at, endReason: params.reason } },
    }),
  },
  guards: {
    // Law-carrying guards (named in creditListingRules).
    presidingNotInvestigator: ({ event }) => {
      const presiding = text(event.payload['presidingOfficer']).trim()
      return presiding !== '' && !stringsOf(event.payload['investigators']).some((name) => name.trim() === presiding)
    },
    upperLevelApproval: ({ context, event }) => {
      if (event.payload['list'] !== true) return true
      if (!upperLevelApprovalRequired(context.agencies[context.parties['bureau'] ?? ''])) return true
      const approval = approvalOf(event.payload['upperLevelApproval'])
      return approval !== null && approval.approvedAt <= localDate(event.at)
    },
    registrationBureauCompetent: ({ context, event }) => registrationBureauCompetent(context, event.payload),
    publisherForPlace: ({ context, event }) =>
      context.crossProvince ? event.actor.agencyId === context.parties['registrationBureau'] : event.actor.agencyId === context.parties['bureau'],
    earlyRemovalOneYear: ({ context, event }) => context.listedAt !== null && notBefore(event.at, earliestEarlyRemoval(context.listedAt)),
    restrictionExpired: ({ context, event }) => {
      const end = restrictionEnd(context.penalty.restrictionUntil)
      return end === null || notBefore(event.at, end)
    },
    earlyRemovalConditions: ({ event }) =>
      event.payload['performed'] === true && event.payload['harmEliminated'] === true && event.payload['noFurtherHeavierPenalty'] === true,
    remedyForum: ({ context, event }) => {
      const step = pendingStep(context)
      return step !== undefined && (step.kind === 'reconsideration' ? 'reconsideration' : 'litigation') === event.payload['forum']
    },
    publicityRepairable: ({ context }) => publicityRepairable(context.penalty),
    publicityMinimumPeriod: ({ context, event }) =>
      context.publicity !== null && notBefore(event.at, earliestPublicityRepair(context.publicity.publishedAt, context.penalty.field)),
    notOnSeriousList: ({ context }) => !onSeriousList(context),
    publicityRepairConditions: ({ event }) =>
      event.payload['performed'] === true &&
      event.payload['harmEliminated'] === true &&
      event.payload['noRepeatSameKind'] === true &&
      text(event.payload['commitment']).trim() !== '',
    cnipaRepairSixMonths: ({ context, event }) => {
      const first = context.cnipa?.finding?.firstAt
      return first !== undefined && notBefore(event.at, earliestCnipaRepair(first))
    },
    cnipaRepairConditions: ({ event }) =>
      event.payload['corrected'] === true && event.payload['performed'] === true && event.payload['effectsEliminated'] === true,
    // Routing guards (no law of their own).
    listingCriteriaMet: ({ context, event }) => assessCriteria(context.penalty, event.payload, event.at).met,
    decidesNotToList: ({ event }) => event.payload['list'] === false,
    heardOrWaived: ({ event }) => event.payload['attended'] === true || event.payload['goodReason'] !== true,
    isCrossProvince: ({ context }) => context.crossProvince,
    restrictionOutlastsListing: ({ context, event }) => {
      const end = restrictionEnd(context.penalty.restrictionUntil)
      return end !== null && Date.parse(end) > Date.parse(event.at)
    },
    remedyWindowsLapsed: ({ context }) => context.remedy.reconsiderationWindow === 'lapsed' && context.remedy.suitWindow === 'lapsed',
    outcomeRevoked: ({ event }) => event.payload['outcome'] === 'revoked',
    publicityApplies: ({ context }) => publicityApplies(context.penalty),
    periodIs: ({ context }, params: { period: Publicity['period'] }) => context.publicity?.period === params.period,
    grants: ({ event }) => event.payload['grant'] === true,
    cnipaApplies: ({ context }) => context.cnipa !== null,
    cnipaNotFound: ({ context, event }) =>
      event.payload['untrustworthy'] !== true || (context.cnipa?.conduct === 1 && event.payload['correctedPromptly'] === true),
    isReceipt: ({ event }, params: { kind: DispatchKind }) => event.payload['dispatchKind'] === params.kind,
  },
})

// ---- Pieces used in several places ---------------------------------------------------

/** A DUTY timer went overdue: recorded and reported to the supervisor, the case stays where it is. */
function overdue(timer: CreditListingTimerId, zh: string, en: string, source: string) {
  return [
    { type: 'markOverdue', params: { timer } },
    { type: 'alert', params: { to: 'supervisor', timer, reason: { zh, en }, source } },
  ] as const
}

const A = '#creditListing.serious'
const MAIN = `${A}.listing.main`
const REMEDY = `${A}.listing.remedy`

/** L2: the listing decision, from `windowClosed` (rights lapsed or waived) or `heard`. */
const DECIDE_LISTING = [
  { guard: 'decidesNotToList', target: `${A}.decidedNotToList`, actions: 'recordNoListing' },
  {
    guard: 'upperLevelApproval',
    target: `${A}.listing`,
    actions: [
      'recordListing',
      { type: 'issue', params: { kind: 'listingDecision' } },
      dispatchTo('subject', 'listingDecision', 'SAMR-44 arts 13–14; APL art. 61'),
    ],
  },
] as const

/** L8: the underlying penalty was revoked, found unlawful or void. */
const PENALTY_REVOKED_A = {
  target: `${MAIN}.revocationDue`,
  actions: ['recordPenaltyRevocation', { type: 'recordRevocation', params: { source: 'penalty' } }],
} as const

/** L9 → L8: reconsideration or a court revoked the listing; the remedy region ends with it. */
function remedyOutcome(upheldTarget: string) {
  return [
    {
      guard: and(['remedyForum', 'outcomeRevoked']),
      target: [`${MAIN}.revocationDue`, `${REMEDY}.ended`],
      actions: [{ type: 'recordRevocation', params: { source: 'remedy' } }, 'recordRemedyOutcome'],
    },
    { guard: 'remedyForum', target: upheldTarget, actions: 'recordRemedyOutcome' },
  ] as const
}

/** T40 / T40r: the period ended; the listing ends at the due instant, partners lift the measures. */
const LISTING_EXPIRES = {
  target: [`${MAIN}.removalOnExpiry`, `${REMEDY}.ended`],
  actions: [{ type: 'endListing', params: { reason: 'expired' } }, { type: 'liftMeasures', params: { source: 'SAMR-44 ⚠️ (automatic removal)' } }],
} as const

/** B1–B3: the penalty changed or was revoked: withdraw within 3 working days. */
const PENALTY_REVOKED_B = { target: '#creditListing.publicity.withdrawalDue', actions: 'recordPenaltyRevocation' } as const

/** B2 → B5: the publicity period ended. */
const PUBLICITY_EXPIRES = { target: '#creditListing.publicity.ended', actions: { type: 'endPublicity', params: { reason: 'expired' } } } as const

const PUBLISH_PENALTY_INFO = {
  guard: 'publisherForPlace',
  target: '#creditListing.publicity.published',
  actions: 'publishPenaltyInfo',
} as const

const PUBLISH_LISTING = {
  guard: 'publisherForPlace',
  target: `${MAIN}.listed`,
  actions: [
    'publishListing',
    { type: 'notifyPartners', params: { kind: 'jointPunishmentNotice', task: 'applyMeasures', source: 'SAMR-44 art. 16 ⚠️; ECIP art. 18; GB-49' } },
  ],
} as const

/** The decision refusals while the party may still be heard (APL art. 62). */
const NOT_YET_HEARD = { DECIDE_LISTING: 'partyHeardFirst' } as const

export const creditListingMachine = machineSetup.createMachine({
  id: 'creditListing',
  version: '1',
  context: ({ input }) => {
    const penalty = penaltyOf(input.penalty)
    return {
      caseId: input.caseId,
      openedAt: input.openedAt,
      parties: { ...input.parties },
      agencies: { ...input.agencies },
      title: input.title ?? null,
      parent: input.parent ?? null,
      penalty,
      penaltyDecidedAt: startOfLocalDay(penalty.decidedAt),
      restrictionEndsAt: penalty.restrictionUntil === null ? null : startOfLocalDay(penalty.restrictionUntil),
      crossProvince: crossProvinceOf(input.parties, input.agencies),
      assessment: null,
      priorNotice: null,
      hearingRight: 'notInformed',
      statements: [],
      hearing: null,
      decision: null,
      listing: null,
      listedAt: null,
      seriousListed: false,
      repairs: [],
      penaltyRevocation: null,
      revocation: null,
      remedy: { knownAt: null, reconsiderationWindow: 'notStarted', suitWindow: 'notStarted', steps: [] },
      reconsiderationDecidedAt: null,
      notListedReason: null,
      publicity: null,
      publicityFrom: null,
      publicityRepairs: [],
      publicityWithdrawal: null,
      cnipa: input.cnipa === undefined ? null : { conduct: input.cnipa.conduct, noticeAt: null, facts: null, statements: [], decision: null, finding: null, repairs: [] },
      cnipaFirstFindingAt: null,
      documents: [],
      overdue: [],
      receipts: [],
    }
  },
  type: 'parallel',
  on: {
    // Receipts no region waits for are recorded, never refused (a region that takes one records it).
    RECEIPT: { actions: 'recordReceipt' },
  },
  states: {
    // ==== (A) SAMR serious-violation list (SAMR-44) =======================================
    serious: {
      meta: meta('A', '严重违法失信名单', 'Serious-violation list'),
      initial: 'assessing',
      states: {
        assessing: {
          meta: meta('L0', '评估列入条件', 'Assessing the listing criteria', { refuses: { DECIDE_LISTING: 'priorNoticeGiven' } }),
          initial: 'criteria',
          states: {
            criteria: {
              meta: meta('L0', '核查三项条件', 'Checking the three criteria'),
              on: {
                ASSESS_CRITERIA: [
                  { guard: 'listingCriteriaMet', target: 'criteriaMet', actions: 'recordAssessment' },
                  { target: `${A}.notListed`, actions: 'recordAssessment' },
                ],
              },
            },
            criteriaMet: {
              meta: meta('L0', '符合列入条件，待告知', 'Criteria met, notice to give'),
              on: {
                GIVE_PRIOR_NOTICE: {
                  target: `${A}.priorNotice`,
                  actions: [
                    'recordPriorNotice',
                    { type: 'issue', params: { kind: 'priorNotice' } },
                    dispatchTo('subject', 'priorNotice', 'APL arts 44, 63, 64; SAMR-44 art. 14 ⚠️', { task: 'respondToNotice', dueTimer: 'T29' }),
                  ],
                },
              },
            },
          },
          on: {
            PENALTY_REVOKED: { target: `${A}.notListed`, actions: ['recordPenaltyRevocation', assign({ notListedReason: 'penaltyRevoked' as const })] },
          },
        },
        priorNotice: {
          meta: meta('L1', '告知', 'Prior notice'),
          initial: 'awaitingReceipt',
          states: {
            awaitingReceipt: {
              meta: meta('L1', '告知书待送达', 'Notice in transit', { refuses: NOT_YET_HEARD }),
              on: {
                RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'priorNotice' } }, target: 'window', actions: ['recordReceipt', 'recordNoticeReceived'] },
              },
            },
            window: {
              meta: meta('L1', '陈述、申辩、要求听证期间（5个工作日）', 'Statement, defence and hearing-request period (5 working days)', { refuses: NOT_YET_HEARD }),
              after: { T29: { target: 'windowClosed', actions: { type: 'setHearingRight', params: { right: 'lapsed' } } } },
              on: {
                REQUEST_HEARING: { target: `${A}.hearing`, actions: 'requestHearing' },
                SUBMIT_STATEMENT: { actions: 'recordStatement' },
                // APL art. 62: an express waiver lets the bureau decide at once.
                WAIVE_RIGHTS: { target: 'windowClosed', actions: { type: 'setHearingRight', params: { right: 'waived' } } },
              },
            },
            windowClosed: {
              meta: meta('L1', '听证申请期间届满或者放弃', 'Hearing right lapsed or waived', { refuses: { REQUEST_HEARING: 'hearingRequestWindow' } }),
              on: {
                SUBMIT_STATEMENT: { actions: 'recordStatement' },
                DECIDE_LISTING,
              },
            },
          },
          on: {
            PENALTY_REVOKED: { target: `${A}.notListed`, actions: ['recordPenaltyRevocation', assign({ notListedReason: 'penaltyRevoked' as const })] },
          },
        },
        hearing: {
          meta: meta('L1H', '听证', 'Hearing'),
          initial: 'scheduling',
          states: {
            scheduling: {
              meta: meta('L1H', '待安排听证', 'Hearing to schedule', { refuses: NOT_YET_HEARD }),
              on: {
                SCHEDULE_HEARING: {
                  guard: 'presidingNotInvestigator',
                  target: 'noticeGiven',
                  actions: ['scheduleHearing', dispatchTo('subject', 'hearingNotice', 'APL art. 64(2)')],
                },
              },
            },
            noticeGiven: {
              meta: meta('L1H', '已通知听证（七日）', 'Hearing notified (7 days)', { refuses: { ...NOT_YET_HEARD, HOLD_HEARING: 'hearingNoticeLeadTime' } }),
              after: { T30: { target: 'mayHold' } },
            },
            mayHold: {
              meta: meta('L1H', '可以举行听证', 'Hearing may be held', { refuses: NOT_YET_HEARD }),
              on: {
                HOLD_HEARING: [
                  // APL art. 64(8): absence without good reason is a waiver; the hearing ends.
                  { guard: 'heardOrWaived', target: 'heard', actions: 'recordHearingSession' },
                  { target: 'scheduling', actions: 'recordHearingSession' },
                ],
              },
            },
            heard: {
              meta: meta('L1H', '听证结束', 'Hearing concluded'),
              on: { DECIDE_LISTING },
            },
          },
          on: {
            PENALTY_REVOKED: { target: `${A}.notListed`, actions: ['recordPenaltyRevocation', assign({ notListedReason: 'penaltyRevoked' as const })] },
          },
        },
        notListed: { type: 'final', meta: meta('L0', '不予列入', 'Not listed', { end: 'N1' }) },
        decidedNotToList: { type: 'final', meta: meta('L2', '决定不予列入', 'Decided not to list', { end: 'N1' }) },

        // ---- L2–L9: the listing decided ------------------------------------------------
        listing: {
          meta: meta('L2', '已决定列入', 'Listing decided'),
          type: 'parallel',
          states: {
            main: {
              meta: meta('L2', '列入、公示与移出', 'Listing, publication and removal'),
              initial: 'publication',
              states: {
                publication: {
                  meta: meta('L3', '公示列入信息', 'Publication'),
                  initial: 'routing',
                  states: {
                    // Transient: same province → the bureau publishes; otherwise it pushes (SAMR-45 arts 9–10 by analogy).
                    routing: {
                      meta: meta('L3', '确定公示机关', 'Who publishes'),
                      always: [{ guard: 'isCrossProvince', target: 'pushDue' }, { target: 'publishDue' }],
                    },
                    publishDue: {
                      meta: meta('L3', '待公示（20个工作日）', 'To publish (20 working days)'),
                      after: {
                        T35: {
                          actions: overdue('T35', '作出列入决定后20个工作日内未公示', 'the listing was not published within 20 working days of the decision', 'SAMR-44 ⚠️; cf. SAMR-45 art. 9'),
                        },
                      },
                      on: { PUBLISH_LISTING },
                    },
                    pushDue: {
                      meta: meta('L3', '待推送登记地（10个工作日）', 'To push to the registration bureau (10 working days)'),
                      after: {
                        T35a: {
                          actions: overdue('T35a', '作出列入决定后10个工作日内未推送登记地', 'the listing was not pushed within 10 working days', 'SAMR-44 ⚠️; cf. SAMR-45 art. 10'),
                        },
                      },
                      on: {
                        PUSH_LISTING: {
                          guard: 'registrationBureauCompetent',
                          target: 'awaitingReceipt',
                          actions: {
                            type: 'pushToRegistrationBureau',
                            params: { kind: 'listingForPublication', task: 'publishListing', dueTimer: 'T35b', source: 'SAMR-44 ⚠️; cf. SAMR-45 art. 10' },
                          },
                        },
                      },
                    },
                    awaitingReceipt: {
                      meta: meta('L3', '推送信息待登记地签收', 'Push in transit'),
                      on: {
                        RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'listingForPublication' } }, target: 'pushed', actions: 'recordReceipt' },
                      },
                    },
                    pushed: {
                      meta: meta('L3', '登记地待公示（10个工作日）', 'Registration bureau to publish (10 working days)'),
                      after: {
                        T35b: {
                          actions: overdue(
                            'T35b',
                            '登记地市场监管部门收到后10个工作日内未公示',
                            'the registration bureau did not publish within 10 working days of receipt',
                            'SAMR-44 ⚠️; cf. SAMR-45 art. 10',
                          ),
                        },
                      },
                      on: { PUBLISH_LISTING },
                    },
                  },
                  on: { PENALTY_REVOKED: PENALTY_REVOKED_A },
                },
                listed: {
                  meta: meta('L4', '列入期间', 'Listed'),
                  // Anchored at the listing: the same due however often `active` is re-entered.
                  after: {
                    T40: [{ guard: 'restrictionOutlastsListing', target: 'extendedByRestriction' }, LISTING_EXPIRES],
                  },
                  initial: 'active',
                  states: {
                    active: {
                      meta: meta('L4', '实施管理措施', 'Measures applied'),
                      on: {
                        APPLY_EARLY_REMOVAL: {
                          guard: and(['earlyRemovalOneYear', 'restrictionExpired', 'earlyRemovalConditions']),
                          target: 'repairApplied',
                          actions: 'applyEarlyRemoval',
                        },
                      },
                    },
                    repairApplied: {
                      meta: meta('L5', '申请提前移出，待受理（2个工作日）', 'Early removal applied for (acceptance: 2 working days)'),
                      after: {
                        T37: { actions: overdue('T37', '收到信用修复申请后2个工作日内未决定是否受理', 'no acceptance decision within 2 working days', 'SAMR-CR ⚠️') },
                      },
                      on: {
                        ACCEPT_REPAIR: { target: 'repairVerification', actions: { type: 'decideRepair', params: { outcome: 'accepted' } } },
                        REFUSE_REPAIR: { target: 'active', actions: { type: 'decideRepair', params: { outcome: 'refusedAcceptance' } } },
                      },
                    },
                    repairVerification: {
                      meta: meta('L5B', '信用修复核实（15个工作日）', 'Repair verification (15 working days)'),
                      after: {
                        T38: { actions: overdue('T38', '受理后15个工作日内未作出是否准予修复的决定', 'no repair decision within 15 working days of acceptance', 'SAMR-CR ⚠️') },
                      },
                      on: {
                        GRANT_REPAIR: { target: `${MAIN}.removalDue`, actions: { type: 'decideRepair', params: { outcome: 'granted' } } },
                        REFUSE_REPAIR: { target: 'active', actions: { type: 'decideRepair', params: { outcome: 'refused' } } },
                      },
                    },
                  },
                  on: { PENALTY_REVOKED: PENALTY_REVOKED_A },
                },
                extendedByRestriction: {
                  meta: meta('L4', '列入期间（至限制期限届满）', 'Listed until the restriction ends', { refuses: { APPLY_EARLY_REMOVAL: 'restrictionExpired' } }),
                  after: { T40r: LISTING_EXPIRES },
                  on: { PENALTY_REVOKED: PENALTY_REVOKED_A },
                },
                removalDue: {
                  meta: meta('L7E', '准予修复，待移出（3个工作日）', 'Repair granted, removal due (3 working days)'),
                  after: {
                    T39: { actions: overdue('T39', '准予信用修复后3个工作日内未移出名单', 'not removed within 3 working days of the grant', 'SAMR-CR ⚠️') },
                  },
                  on: {
                    REMOVE_LISTING: {
                      target: `${A}.removedEarly`,
                      actions: [
                        { type: 'endListing', params: { reason: 'repaired' } },
                        { type: 'issue', params: { kind: 'removalDecision' } },
                        { type: 'liftMeasures', params: { source: 'SAMR-CR art. 2' } },
                        dispatchTo('subject', 'removalDecision', 'SAMR-CR art. 2'),
                      ],
                    },
                  },
                },
                removalOnExpiry: {
                  meta: meta('L6', '期满移出，待作出移出决定（3个工作日）', 'Period ended, removal decision due (3 working days)'),
                  after: {
                    T40e: { actions: overdue('T40e', '列入期限届满后3个工作日内未作出移出决定', 'no removal decision within 3 working days of the end of the period', 'SAMR-44 ⚠️') },
                  },
                  on: {
                    RECORD_REMOVAL: {
                      target: `${A}.removedOnExpiry`,
                      actions: [{ type: 'issue', params: { kind: 'removalDecision' } }, dispatchTo('subject', 'removalDecision', 'SAMR-44 ⚠️')],
                    },
                  },
                },
                revocationDue: {
                  meta: meta('L8', '撤销列入（3个工作日）', 'Listing to revoke (3 working days)'),
                  after: {
                    T41: {
                      actions: overdue('T41', '处罚被撤销、确认违法或者无效后3个工作日内未撤销列入', 'the listing was not revoked within 3 working days', 'SAMR-44 ⚠️; cf. SAMR-45 art. 11'),
                    },
                  },
                  on: {
                    REVOKE_LISTING: {
                      target: `${A}.revoked`,
                      actions: [
                        { type: 'endListing', params: { reason: 'revoked' } },
                        { type: 'issue', params: { kind: 'removalDecision' } },
                        { type: 'liftMeasures', params: { source: 'SAMR-44 ⚠️; cf. SAMR-45 art. 11' } },
                        dispatchTo('subject', 'removalDecision', 'SAMR-44 ⚠️; cf. SAMR-45 art. 11'),
                      ],
                    },
                  },
                },
              },
            },

            // ---- L9: reconsideration and suit against the listing decision -------------
            remedy: {
              meta: meta('L9', '行政复议与行政诉讼', 'Reconsideration and suit'),
              initial: 'awaitingReceipt',
              states: {
                awaitingReceipt: {
                  meta: meta('L9', '列入决定书待送达', 'Decision in transit'),
                  on: {
                    RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'listingDecision' } }, target: 'open', actions: ['recordReceipt', 'openRemedies'] },
                  },
                },
                open: {
                  meta: meta('L9', '复议、诉讼期间', 'Remedy windows'),
                  type: 'parallel',
                  always: { guard: 'remedyWindowsLapsed', target: 'lapsed' },
                  states: {
                    reconsiderationWindow: {
                      meta: meta('L9', '复议期间（60日）', 'Reconsideration window (60 days)'),
                      initial: 'running',
                      states: {
                        running: {
                          meta: meta('L9', '可以申请复议', 'Reconsideration open'),
                          after: {
                            T42: { target: 'closed', actions: { type: 'setRemedyWindow', params: { window: 'reconsiderationWindow', to: 'lapsed' } } },
                          },
                          on: {
                            APPLY_RECONSIDERATION: { target: `${REMEDY}.reconsideration`, actions: { type: 'applyRemedy', params: { kind: 'reconsideration' } } },
                          },
                        },
                        closed: { meta: meta('L9', '复议期间届满', 'Reconsideration window closed', { refuses: { APPLY_RECONSIDERATION: 'reconsiderationWindow' } }) },
                      },
                    },
                    suitWindow: {
                      meta: meta('L9', '起诉期间（6个月）', 'Suit window (6 months)'),
                      initial: 'running',
                      states: {
                        running: {
                          meta: meta('L9', '可以直接起诉', 'Suit open'),
                          after: { T43: { target: 'closed', actions: { type: 'setRemedyWindow', params: { window: 'suitWindow', to: 'lapsed' } } } },
                          on: {
                            FILE_SUIT: { target: `${REMEDY}.litigation`, actions: { type: 'applyRemedy', params: { kind: 'suit' } } },
                          },
                        },
                        closed: { meta: meta('L9', '起诉期间届满', 'Suit window closed', { refuses: { FILE_SUIT: 'suitWindow' } }) },
                      },
                    },
                  },
                },
                reconsideration: {
                  meta: meta('L9', '行政复议中', 'Reconsideration pending'),
                  on: { REMEDY_OUTCOME: remedyOutcome(`${REMEDY}.suitAfterReconsideration`) },
                },
                suitAfterReconsideration: {
                  meta: meta('L9', '复议维持，起诉期间（15日）', 'Upheld on reconsideration: suit window (15 days)'),
                  entry: { type: 'setRemedyWindow', params: { window: 'suitWindow', to: 'open' } },
                  after: { T43r: { target: 'lapsed', actions: { type: 'setRemedyWindow', params: { window: 'suitWindow', to: 'lapsed' } } } },
                  on: {
                    FILE_SUIT: { target: 'litigation', actions: { type: 'applyRemedy', params: { kind: 'suit' } } },
                  },
                },
                litigation: {
                  meta: meta('L9', '行政诉讼中', 'Suit pending'),
                  on: { REMEDY_OUTCOME: remedyOutcome(`${REMEDY}.ended`) },
                },
                lapsed: {
                  type: 'final',
                  meta: meta('L9', '救济期间届满', 'Remedy windows lapsed', {
                    end: 'L9',
                    refuses: { APPLY_RECONSIDERATION: 'reconsiderationWindow', FILE_SUIT: 'suitWindow' },
                  }),
                },
                ended: { type: 'final', meta: meta('L9', '救济程序结束', 'Remedies concluded or moot', { end: 'L9' }) },
              },
            },
          },
        },
        removedOnExpiry: { type: 'final', meta: meta('L6', '期满移出', 'Removed on expiry', { end: 'L6' }) },
        removedEarly: { type: 'final', meta: meta('L7E', '信用修复提前移出', 'Removed early (repaired)', { end: 'L7E' }) },
        revoked: { type: 'final', meta: meta('L8', '撤销列入', 'Listing revoked', { end: 'L8' }) },
      },
    },

    // ==== (B) penalty-information publicity (SAMR-45) =====================================
    publicity: {
      meta: meta('B', '行政处罚信息公示', 'Penalty-information publicity'),
      initial: 'scoping',
      states: {
        // Transient: SAMR-45 art. 2.
        scoping: {
          meta: meta('B0', '是否公示', 'Whether published'),
          always: [{ guard: 'publicityApplies', target: 'publicationDue' }, { target: 'notApplicable' }],
        },
        notApplicable: { type: 'final', meta: meta('B0', '不予公示（简易程序或者仅警告）', 'Not published (simplified procedure or warning only)', { end: 'B0' }) },
        publicationDue: {
          meta: meta('B1', '待公示', 'Publication due'),
          initial: 'routing',
          states: {
            routing: {
              meta: meta('B1', '确定公示机关', 'Who publishes'),
              always: [{ guard: 'isCrossProvince', target: 'pushDue' }, { target: 'publishDue' }],
            },
            publishDue: {
              meta: meta('B1', '待公示（20个工作日）', 'To publish (20 working days)'),
              after: {
                T31: { actions: overdue('T31', '作出处罚决定后20个工作日内未公示', 'the penalty was not published within 20 working days', 'SAMR-45 art. 9') },
              },
              on: { PUBLISH_PENALTY_INFO },
            },
            pushDue: {
              meta: meta('B1', '待推送登记地（10个工作日）', 'To push to the registration bureau (10 working days)'),
              after: {
                T32a: { actions: overdue('T32a', '作出处罚决定后10个工作日内未推送登记地', 'the penalty information was not pushed within 10 working days', 'SAMR-45 art. 10') },
              },
              on: {
                PUSH_PENALTY_INFO: {
                  guard: 'registrationBureauCompetent',
                  target: 'awaitingReceipt',
                  actions: {
                    type: 'pushToRegistrationBureau',
                    params: { kind: 'penaltyInfoForPublication', task: 'publishPenaltyInfo', dueTimer: 'T32b', source: 'SAMR-45 art. 10' },
                  },
                },
              },
            },
            awaitingReceipt: {
              meta: meta('B1', '推送信息待登记地签收', 'Push in transit'),
              on: {
                RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'penaltyInfoForPublication' } }, target: 'pushed', actions: 'recordReceipt' },
              },
            },
            pushed: {
              meta: meta('B1', '登记地待公示（10个工作日）', 'Registration bureau to publish (10 working days)'),
              after: {
                T32b: { actions: overdue('T32b', '登记地市场监管部门收到后10个工作日内未公示', 'the registration bureau did not publish within 10 working days of receipt', 'SAMR-45 art. 10') },
              },
              on: { PUBLISH_PENALTY_INFO },
            },
          },
          on: { PENALTY_REVOKED: PENALTY_REVOKED_B },
        },
        published: {
          meta: meta('B2', '公示中', 'Published'),
          type: 'parallel',
          states: {
            // The period timer sits in its own region: a refused repair never restarts it.
            period: {
              meta: meta('B2', '公示期', 'Publicity period'),
              initial: 'choosing',
              states: {
                choosing: {
                  meta: meta('B2', '确定公示期', 'Choosing the period'),
                  always: [
                    { guard: { type: 'periodIs', params: { period: 'restriction' } }, target: 'untilRestrictionEnds' },
                    { guard: { type: 'periodIs', params: { period: 'threeMonths' } }, target: 'threeMonths' },
                    { target: 'threeYears' },
                  ],
                },
                threeMonths: { meta: meta('B2', '公示期三个月', 'Three months'), after: { T34m: PUBLICITY_EXPIRES } },
                threeYears: { meta: meta('B2', '公示期三年', 'Three years'), after: { T34y: PUBLICITY_EXPIRES } },
                untilRestrictionEnds: { meta: meta('B2', '公示期至限制期限届满', 'Until the restriction ends'), after: { T34r: PUBLICITY_EXPIRES } },
              },
            },
            repair: {
              meta: meta('B2', '提前停止公示', 'Early stop'),
              initial: 'standing',
              states: {
                standing: {
                  meta: meta('B2', '公示中', 'Standing'),
                  on: {
                    APPLY_PUBLICITY_REPAIR: {
                      guard: and(['publicityRepairable', 'publicityMinimumPeriod', 'notOnSeriousList', 'publicityRepairConditions']),
                      target: 'repairReview',
                      actions: 'applyPublicityRepair',
                    },
                  },
                },
                repairReview: {
                  meta: meta('B3', '提前停止公示审查（15个工作日）', 'Early-stop review (15 working days)'),
                  after: {
                    T38p: { actions: overdue('T38p', '15个工作日内未决定是否提前停止公示', 'no early-stop decision within 15 working days', 'SAMR-CR ⚠️') },
                  },
                  on: {
                    DECIDE_PUBLICITY_REPAIR: [
                      { guard: 'grants', target: '#creditListing.publicity.stoppedEarly', actions: 'decidePublicityRepair' },
                      { target: 'standing', actions: 'decidePublicityRepair' },
                    ],
                  },
                },
              },
            },
          },
          on: { PENALTY_REVOKED: PENALTY_REVOKED_B },
        },
        withdrawalDue: {
          meta: meta('B6', '撤回公示（3个工作日）', 'Publicity to withdraw (3 working days)'),
          after: {
            T33: { actions: overdue('T33', '处罚决定变更、撤销或者被确认违法、无效后3个工作日内未撤回公示', 'the publicity was not withdrawn within 3 working days', 'SAMR-45 art. 11') },
          },
          on: {
            WITHDRAW_PENALTY_INFO: { target: 'withdrawn', actions: ['recordWithdrawal', { type: 'endPublicity', params: { reason: 'withdrawn' } }] },
          },
        },
        stoppedEarly: { type: 'final', meta: meta('B4', '提前停止公示', 'Publicity stopped early (repaired)', { end: 'B4' }) },
        ended: { type: 'final', meta: meta('B5', '公示期满', 'Publicity period ended', { end: 'B5' }) },
        withdrawn: { type: 'final', meta: meta('B6', '撤回公示', 'Publicity withdrawn', { end: 'B6' }) },
      },
    },

    // ==== (C) CNIPA IP credit (CNIPA-2022) ================================================
    cnipa: {
      meta: meta('C', '知识产权信用管理', 'CNIPA IP credit'),
      initial: 'scoping',
      states: {
        scoping: {
          meta: meta('C0', '是否涉及知识产权领域失信行为', 'Whether CNIPA conduct is involved'),
          always: [{ guard: 'cnipaApplies', target: 'noticeDue' }, { target: 'notApplicable' }],
        },
        notApplicable: { type: 'final', meta: meta('C0', '不涉及', 'Not involved', { end: 'C0' }) },
        noticeDue: {
          meta: meta('C0', '待事先告知', 'Notice to give'),
          on: { GIVE_CNIPA_NOTICE: { target: 'statement', actions: 'giveCnipaNotice' } },
        },
        statement: {
          meta: meta('C1', '陈述、申辩', 'Statement and defence'),
          on: {
            SUBMIT_CNIPA_STATEMENT: { actions: 'recordCnipaStatement' },
            DECIDE_CNIPA_FINDING: [
              // CNIPA-2022 art. 7: promptly corrected abnormal patent applications may be left unlisted.
              { guard: 'cnipaNotFound', target: 'notFound', actions: { type: 'recordCnipaDecision', params: { found: false } } },
              { target: 'found', actions: { type: 'recordCnipaDecision', params: { found: true } } },
            ],
          },
        },
        notFound: { type: 'final', meta: meta('C1', '不予认定', 'Not found untrustworthy', { end: 'C1' }) },
        found: {
          meta: meta('C2', '认定失信，实施惩戒措施', 'Found untrustworthy: measures apply'),
          // The 3-year cap runs from the first finding, whatever repeats follow.
          after: { T44cap: { target: 'expired', actions: { type: 'endCnipaFinding', params: { reason: 'expired' } } } },
          initial: 'running',
          states: {
            running: {
              meta: meta('C2', '措施期间（一年）', 'Measures period (1 year)'),
              after: { T44: { target: '#creditListing.cnipa.expired', actions: { type: 'endCnipaFinding', params: { reason: 'expired' } } } },
              on: {
                // A repeat finding restarts the year (never beyond the cap).
                REPEAT_FINDING: { target: 'running', reenter: true, actions: 'repeatFinding' },
              },
              initial: 'standing',
              states: {
                standing: {
                  meta: meta('C2', '惩戒中', 'Measures applied'),
                  on: {
                    APPLY_CNIPA_REPAIR: { guard: and(['cnipaRepairSixMonths', 'cnipaRepairConditions']), target: 'repairReview', actions: 'applyCnipaRepair' },
                  },
                },
                repairReview: {
                  meta: meta('C3', '信用修复审查', 'Repair review'),
                  on: {
                    DECIDE_CNIPA_REPAIR: [
                      { guard: 'grants', target: '#creditListing.cnipa.repaired', actions: ['decideCnipaRepair', { type: 'endCnipaFinding', params: { reason: 'repaired' } }] },
                      { target: 'standing', actions: 'decideCnipaRepair' },
                    ],
                  },
                },
              },
            },
          },
          on: {
            REVOKE_CNIPA_FINDING: { target: 'revoked', actions: { type: 'endCnipaFinding', params: { reason: 'revoked' } } },
          },
        },
        expired: { type: 'final', meta: meta('C4', '惩戒期满', 'Measures period ended', { end: 'C4E' }) },
        repaired: { type: 'final', meta: meta('C4', '信用修复', 'Repaired', { end: 'C4R' }) },
        revoked: { type: 'final', meta: meta('C4', '撤销认定', 'Finding revoked', { end: 'C4X' }) },
      },
    },
  },
})
