// Judicial confirmation of a mediation agreement (DOMAIN.md §3; docs/judicial-confirmation.md):
// administrative mediation on request (AM1–AMX), the agreement's 30-day window (J0–J1X), the
// joint application to one or more courts (J2–J3R), review and ruling (J4–J6W), then the
// objection and enforcement windows of a confirmed agreement (J7–J9).
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
  type AlertParams,
  type DispatchParams,
  type DocumentParams,
  type EffectAction,
  type StateMetaBase,
  type Bilingual,
} from '@xianjie/domain'

import { competentCourt, type CompetenceContext } from './judicial-confirmation.jurisdiction.ts'
import type { JudicialConfirmationRuleKey } from './judicial-confirmation.rules.ts'
import {
  interestedPartyObjectionDeadline,
  judicialConfirmationDelays,
  localDate,
  startOfLocalDay,
  type JudicialConfirmationTimerId,
} from './judicial-confirmation.timers.ts'
import {
  OWNERSHIP_MATTERS,
  type Agreement,
  type Application,
  type Contact,
  type AgreementInput,
  type ApplicantKey,
  type JudicialConfirmationContext,
  type JudicialConfirmationEvent,
  type JudicialConfirmationInput,
  type MaterialKind,
  type TreatAsWithdrawnReason,
} from './judicial-confirmation.types.ts'

export type EndCode = 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6' | 'E7' | 'E8' | 'AMN' | 'AMX'

export interface StateMeta extends StateMetaBase {
  /** DOMAIN.md state id (AM1, AM2, AMN, AMX, J0…J9, J1X, J2S, J3R, J5A, J5B, J6W). */
  id: string
  end?: EndCode
  refuses?: Record<string, JudicialConfirmationRuleKey>
}

function meta(id: string, zh: string, en: string, extra: Pick<StateMeta, 'end' | 'refuses'> = {}): StateMeta {
  return { id, title: { zh, en }, ...extra }
}

/** Every dispatch kind the machine sends, with its title. */
export const DISPATCH_KINDS = {
  mediationRequestCopy: { zh: '调解请求书副本', en: 'Copy of the mediation request' },
  mediationSessionNotice: { zh: '调解时间、地点通知', en: 'Notice of the mediation session' },
  mediationNotOpenedNotice: { zh: '不予受理调解请求通知', en: 'Notice: mediation not opened' },
  mediationClosedNotice: { zh: '调解不成撤销案件通知', en: 'Notice: mediation failed, case closed' },
  applicationToJoin: { zh: '司法确认申请（请共同申请）', en: 'Application for confirmation (join it)' },
  confirmationApplication: { zh: '司法确认申请', en: 'Application for judicial confirmation' },
  acceptanceNotice: { zh: '受理通知书', en: 'Notice of acceptance' },
  jurisdictionSettled: { zh: '他院已先立案通知', en: 'Notice: another court accepted first' },
  nonAcceptanceRuling: { zh: '不予受理民事裁定书', en: 'Ruling of non-acceptance' },
  supplementNotice: { zh: '限期补交材料通知书', en: 'Notice to supplement materials' },
  statementsNotice: { zh: '限期补充陈述、证明材料通知书', en: 'Notice to supplement statements or evidence' },
  confirmationRuling: { zh: '确认调解协议效力的民事裁定书', en: 'Ruling confirming the agreement' },
  rejectionRuling: { zh: '驳回申请民事裁定书', en: 'Ruling rejecting the application' },
  withdrawalRuling: { zh: '准许撤回（按撤回处理）民事裁定书', en: 'Ruling on the withdrawal' },
  objection: { zh: '对确认裁定的异议', en: 'Objection to the confirmation ruling' },
  objectionRuling: { zh: '撤销原裁定的民事裁定书', en: 'Ruling revoking the confirmation' },
  objectionDismissed: { zh: '驳回异议民事裁定书', en: 'Ruling dismissing the objection' },
  enforcementApplication: { zh: '强制执行申请书', en: 'Application for enforcement' },
  enforcementRegistered: { zh: '执行立案通知', en: 'Notice: enforcement case registered' },
} as const satisfies Record<string, Bilingual>

export type DispatchKind = keyof typeof DISPATCH_KINDS

/** Document kinds rendered by `judicialConfirmationDocuments`. */
export const DOCUMENT_TITLES = {
  agreement: { zh: '调解协议书', en: 'Mediation agreement' },
  acceptanceNotice: { zh: '受理通知书', en: 'Notice of acceptance' },
  nonAcceptanceRuling: { zh: '民事裁定书（不予受理）', en: 'Ruling of non-acceptance' },
  confirmationRuling: { zh: '民事裁定书（确认调解协议有效）', en: 'Ruling confirming the agreement' },
  rejectionRuling: { zh: '民事裁定书（驳回申请）', en: 'Ruling rejecting the application' },
  withdrawalRuling: { zh: '民事裁定书（撤回申请）', en: 'Ruling on the withdrawal' },
  objectionRuling: { zh: '民事裁定书（撤销原裁定）', en: 'Ruling revoking the confirmation' },
} as const satisfies Record<string, Bilingual>

export type DocumentKind = keyof typeof DOCUMENT_TITLES

const APPLICANT_KEYS: readonly ApplicantKey[] = ['applicant1', 'applicant2']
const FILED_COURT_KEYS = ['filedCourt1', 'filedCourt2', 'filedCourt3'] as const

function dispatchTo(to: string, kind: DispatchKind, source: string, task?: { task: string; dueTimer?: JudicialConfirmationTimerId }): EffectAction {
  return { type: 'dispatch', params: { to, kind, title: DISPATCH_KINDS[kind], source, ...task } }
}

/** The applicant whose agency is `agencyId`. */
export function applicantKeyOf(context: Pick<JudicialConfirmationContext, 'parties'>, agencyId: string): ApplicantKey | null {
  return APPLICANT_KEYS.find((key) => context.parties[key] === agencyId) ?? null
}

const otherApplicant = (key: ApplicantKey): ApplicantKey => (key === 'applicant1' ? 'applicant2' : 'applicant1')

/** `{ contacts }` with this applicant's contact added when the payload gives one; `{}` when there is none at all. */
function contactsWith(contacts: Application['contacts'], key: ApplicantKey, given: unknown): Pick<Application, 'contacts'> {
  const contact = given !== null && typeof given === 'object' && typeof (given as Contact).phone === 'string' ? (given as Contact) : undefined
  const next = contact ? { ...contacts, [key]: contact } : contacts
  return next ? { contacts: next } : {}
}

function agreementOf(input: AgreementInput, at: string): Agreement {
  return {
    text: input.text,
    effectiveDate: input.effectiveDate,
    effectiveAt: startOfLocalDay(input.effectiveDate),
    signedBy: input.signedBy ?? [],
    amount: input.amount ?? null,
    lastPerformanceDate: input.lastPerformanceDate ?? null,
    recordedAt: at,
  }
}

/** The places and tier facts of CivPL art. 205 for this case (and a property location stated in the application). */
export function competenceContextOf(context: JudicialConfirmationContext, propertyLocation?: string | null): CompetenceContext {
  const division = (key: string) => {
    const id = context.parties[key]
    return id === undefined ? undefined : context.agencies[id]?.division
  }
  const places = [division('applicant1'), division('applicant2'), context.dispute.subjectLocation, division('mediator'), propertyLocation]
  const ctx: CompetenceContext = {
    mode: context.mode,
    places: places.filter((place): place is string => typeof place === 'string'),
    subjectType: context.dispute.subjectType,
    intermediateLevel: context.dispute.intermediateLevel,
  }
  const inviting = context.parties['invitingCourt']
  return inviting === undefined ? ctx : { ...ctx, invitingCourtId: inviting }
}

const hasPendingObjection = (context: JudicialConfirmationContext) => context.objections.some((objection) => objection.outcome === 'pending')

const machineSetup = setup({
  types: {
    context: {} as JudicialConfirmationContext,
    events: {} as JudicialConfirmationEvent,
    input: {} as JudicialConfirmationInput,
    meta: {} as StateMeta,
  },
  delays: judicialConfirmationDelays,
  actions: {
    // Effects, declared only: the engine turns them into outbox rows, tasks, alerts and documents.
    dispatch: (_, _params: DispatchParams) => {},
    alert: (_, _params: AlertParams) => {},
    document: (_, _params: DocumentParams) => {},
    /** Renders a document from the context after the event and keeps a note of it. */
    issue: enqueueActions(({ context, event, enqueue }, params: { kind: DocumentKind }) => {
      // At open the event is xstate.init, which carries no instant: the case's opening is the instant.
      const at = typeof event.at === 'string' ? event.at : context.openedAt
      enqueue.assign({ documents: [...context.documents, { kind: params.kind, at }] })
      enqueueEffect(enqueue, { type: 'document', params: { kind: params.kind, title: DOCUMENT_TITLES[params.kind] } })
    }),
    notifyApplicants: enqueueActions(({ enqueue }, params: { kind: DispatchKind; source: string; task?: string; dueTimer?: JudicialConfirmationTimerId }) => {
      const task = params.task === undefined ? undefined : params.dueTimer === undefined ? { task: params.task } : { task: params.task, dueTimer: params.dueTimer }
      for (const key of APPLICANT_KEYS) enqueueEffect(enqueue, dispatchTo(key, params.kind, params.source, task))
    }),
    recordReceipt: assign({ receipts: ({ context, event }) => [...context.receipts, receiptOf(event)] }),
    markOverdue: assign({
      overdue: ({ context }, params: { timer: JudicialConfirmationTimerId }) => addOnce(context.overdue, params.timer),
    }),
    recordAnswer: assign({
      mediationAnswer: ({ event }) => ({ agrees: event.payload['agrees'] === true, opinion: String(event.payload['opinion'] ?? ''), at: event.at }),
    }),
    recordNotOpened: assign({
      mediationOutcome: ({ event }, params: { reasons: string }) => ({ kind: 'notOpened' as const, reasons: params.reasons, at: event.at }),
    }),
    recordAgreement: assign(({ event }) => {
      const agreement = agreementOf(event.payload['agreement'] as AgreementInput, event.at)
      return { agreement, agreementEffectiveAt: agreement.effectiveAt }
    }),
    recordApplication: enqueueActions(({ context, event, enqueue }) => {
      const by = applicantKeyOf(context, event.actor.agencyId) ?? 'applicant1'
      enqueue.assign({
        agencies: { ...context.agencies, ...agenciesOf(event.payload) },
        application: {
          by,
          at: event.at,
          courts: stringsOf(event.payload['courts']),
          form: event.payload['form'] === 'oral' ? 'oral' : 'written',
          materials: stringsOf(event.payload['materials']) as MaterialKind[],
          viaAgent: event.payload['viaAgent'] === true,
          propertyLocation: typeof event.payload['propertyLocation'] === 'string' ? event.payload['propertyLocation'] : null,
          joinedAt: null,
          ...contactsWith(undefined, by, event.payload['contact']),
        },
      })
      enqueueEffect(enqueue, dispatchTo(otherApplicant(by), 'applicationToJoin', 'CivPL art. 205; CivPL-I art. 351', { task: 'joinApplication' }))
    }),
    /** Both parties have applied: the courts become parties and each receives the application. */
    fileApplication: enqueueActions(({ context, event, enqueue }) => {
      const application = context.application!
      const courts = application.courts.slice(0, FILED_COURT_KEYS.length)
      const parties = { ...context.parties }
      courts.forEach((court, index) => (parties[FILED_COURT_KEYS[index]!] = court))
      const joined = stringsOf(event.payload['materials']) as MaterialKind[]
      enqueue.assign({
        parties,
        filedCourts: courts,
        pendingCourts: courts,
        application: {
          ...application,
          materials: [...new Set([...application.materials, ...joined])],
          viaAgent: application.viaAgent || event.payload['viaAgent'] === true,
          joinedAt: event.at,
          ...contactsWith(application.contacts, otherApplicant(application.by), event.payload['contact']),
        },
      })
      courts.forEach((_, index) =>
        enqueueEffect(
          enqueue,
          dispatchTo(FILED_COURT_KEYS[index]!, 'confirmationApplication', 'CivPL art. 205; SPC-2011 art. 4', { task: 'decideAcceptance', dueTimer: 'T22' }),
        ),
      )
    }),
    dropApplication: assign({
      withdrawnApplications: ({ context, event }) => [
        ...context.withdrawnApplications,
        { by: applicantKeyOf(context, event.actor.agencyId) ?? 'applicant1', at: event.at },
      ],
      application: null,
    }),
    /** CivPL-I art. 352: the first court to accept handles the case; the others are told. */
    recordAcceptance: enqueueActions(({ context, event, enqueue }) => {
      const court = event.actor.agencyId
      enqueue.assign({
        parties: { ...context.parties, court },
        acceptedAt: event.at,
        caseNumber: typeof event.payload['caseNumber'] === 'string' ? event.payload['caseNumber'] : null,
        pendingCourts: [],
      })
      FILED_COURT_KEYS.forEach((key) => {
        const other = context.parties[key]
        if (other !== undefined && other !== court) enqueueEffect(enqueue, dispatchTo(key, 'jurisdictionSettled', 'CivPL-I art. 352'))
      })
    }),
    recordAcceptanceRefusal: assign(({ context, event }) => ({
      pendingCourts: context.pendingCourts.filter((court) => court !== event.actor.agencyId),
      acceptanceRefusals: [
        ...context.acceptanceRefusals,
        { court: event.actor.agencyId, ground: Number(event.payload['ground']), reasons: String(event.payload['reasons']), at: event.at },
      ],
    })),
    orderByDate: assign(({ context, event }, params: { kind: 'materials' | 'statements' }) => {
      const dueDate = String(event.payload['dueDate'])
      return {
        orders: [...context.orders, { kind: params.kind, court: event.actor.agencyId, items: stringsOf(event.payload['items']), dueDate, at: event.at, lapsed: false }],
        courtSetDueFrom: startOfLocalDay(dueDate),
        courtSetDatePassed: false,
      }
    }),
    markCourtSetDatePassed: assign(({ context }) => ({
      courtSetDatePassed: true,
      orders: context.orders.map((order, index) => (index === context.orders.length - 1 ? { ...order, lapsed: true } : order)),
    })),
    recordSupply: assign(({ context, event }) => ({
      supplies: [
        ...context.supplies,
        {
          by: event.actor.agencyId,
          at: event.at,
          materials: stringsOf(event.payload['materials']),
          text: typeof event.payload['text'] === 'string' ? event.payload['text'] : null,
        },
      ],
      application: context.application && {
        ...context.application,
        materials: [...new Set([...context.application.materials, ...(stringsOf(event.payload['materials']) as MaterialKind[])])],
      },
      courtSetDatePassed: false,
    })),
    recordWithdrawal: assign({
      withdrawal: ({ event }, params: { kind: 'withdrawn' | 'treatedAsWithdrawn' }) => {
        const reasons: unknown = event.payload['reasons']
        const reason = params.kind === 'treatedAsWithdrawn' ? (String(event.payload['reason']) as TreatAsWithdrawnReason) : typeof reasons === 'string' ? reasons : null
        return { at: event.at, kind: params.kind, by: event.actor.agencyId, reason }
      },
    }),
    recordExtension: assign({
      extension: ({ event }) => ({ days: Number(event.payload['days']), reasons: String(event.payload['reasons']), by: event.actor.userId, at: event.at }),
    }),
    recordInquiry: assign({
      inquiries: ({ context, event }) => [
        ...context.inquiries,
        { at: event.at, record: String(event.payload['record']), summonedBoth: event.payload['summonedBoth'] === true },
      ],
    }),
    /**
     * CivPL art. 250(2): the enforcement period runs from the last day of performance (of the
     * last instalment), or, without one, from the day the ruling takes effect (on its making:
     * CivPL art. 185, final at first instance).
     */
    recordConfirmation: assign(({ context, event }) => {
      const rulingDate = localDate(event.at)
      const last = context.agreement?.lastPerformanceDate ?? null
      return {
        confirmation: { at: event.at, reasoning: String(event.payload['reasoning']) },
        enforcementFrom: startOfLocalDay(last !== null && last > rulingDate ? last : rulingDate),
        objectionWindows: { applicant1: 'awaitingService' as const, applicant2: 'awaitingService' as const },
      }
    }),
    recordRejection: assign({
      rejection: ({ event }) => {
        const ground = event.payload['ground'] as { article: '355' | '358'; item: number }
        return { at: event.at, article: ground.article, item: ground.item, reasons: String(event.payload['reasons']) }
      },
    }),
    setObjectionWindow: assign({
      objectionWindows: ({ context }, params: { party: ApplicantKey; window: 'open' | 'closed' }) => ({ ...context.objectionWindows, [params.party]: params.window }),
    }),
    recordPartyObjection: enqueueActions(({ context, event, enqueue }) => {
      enqueue.assign({
        objections: [
          ...context.objections,
          {
            kind: 'party',
            objector: applicantKeyOf(context, event.actor.agencyId) ?? event.actor.agencyId,
            knewAt: null,
            reasons: String(event.payload['reasons']),
            evidence: stringsOf(event.payload['evidence']),
            at: event.at,
            outcome: 'pending',
            decidedAt: null,
          },
        ],
      })
      enqueueEffect(enqueue, dispatchTo('court', 'objection', 'CivPL-I art. 372', { task: 'decideObjection' }))
    }),
    recordInterestedObjection: assign({
      objections: ({ context, event }) => [
        ...context.objections,
        {
          kind: 'interested' as const,
          objector: String(event.payload['objector']),
          knewAt: String(event.payload['knewAt']),
          reasons: String(event.payload['reasons']),
          evidence: stringsOf(event.payload['evidence']),
          at: event.at,
          outcome: 'pending' as const,
          decidedAt: null,
        },
      ],
    }),
    decideObjections: assign({
      objections: ({ context, event }, params: { outcome: 'upheld' | 'dismissed' }) =>
        context.objections.map((objection) => (objection.outcome === 'pending' ? { ...objection, outcome: params.outcome, decidedAt: event.at } : objection)),
    }),
    interruptLimitation: assign(({ context, event }) => {
      const demandedAt = String(event.payload['demandedAt'])
      return {
        interruptions: [...context.interruptions, { demandedAt, how: String(event.payload['how']), at: event.at }],
        enforcementFrom: startOfLocalDay(demandedAt),
      }
    }),
    recordPerformance: assign({ performance: ({ event }) => ({ at: event.at, note: String(event.payload['note']) }) }),
    recordEnforcementApplication: assign(({ context, event }) => {
      const court = String(event.payload['courtId'])
      return {
        agencies: { ...context.agencies, ...agenciesOf(event.payload) },
        parties: { ...context.parties, enforcementCourt: court },
        enforcement: {
          at: event.at,
          court,
          propertyLocation: typeof event.payload['propertyLocation'] === 'string' ? event.payload['propertyLocation'] : null,
          reasons: String(event.payload['reasons']),
          caseNo: null,
          registeredAt: null,
        },
      }
    }),
    registerEnforcement: assign({
      enforcement: ({ context, event }) => context.enforcement && { ...context.enforcement, caseNo: String(event.payload['enforcementCaseNo']), registeredAt: event.at },
    }),
  },
  guards: {
    // Law-carrying guards (named in judicialConfirmationRules).
    courtCompetent: ({ context, event }) => {
      const courts = stringsOf(event.payload['courts'])
      const facts = agenciesOf(event.payload)
      const ctx = competenceContextOf(context, typeof event.payload['propertyLocation'] === 'string' ? event.payload['propertyLocation'] : null)
      return courts.length > 0 && courts.every((id) => facts[id] !== undefined && competentCourt(ctx, facts[id]).ok)
    },
    jointApplication: ({ context, event }) =>
      context.application !== null && context.parties[otherApplicant(context.application.by)] === event.actor.agencyId,
    notOwnershipConfirmation: ({ context }) => !context.dispute.confirmsOwnership,
    courtStillPending: ({ context, event }) => context.pendingCourts.includes(event.actor.agencyId),
    // A court-set time limit gives the parties at least the rest of the day it is set.
    courtDateAhead: ({ event }) => typeof event.payload['dueDate'] === 'string' && event.payload['dueDate'] >= localDate(event.at),
    supplementDeadlinePassed: ({ context, event }) =>
      context.courtSetDatePassed || (event.payload['reason'] === 'refusedQuestioning' && context.acceptedAt !== null),
    extensionOnce: ({ context }) => context.extension === null,
    partyObjectionWindowOpen: ({ context, event }) => {
      const key = applicantKeyOf(context, event.actor.agencyId)
      return key !== null && context.objectionWindows[key] === 'open'
    },
    interestedPartyWithinSixMonths: ({ event }) => {
      const knewAt = String(event.payload['knewAt'])
      const today = localDate(event.at)
      return knewAt <= today && today <= interestedPartyObjectionDeadline(knewAt)
    },
    objectionPending: ({ context }) => hasPendingObjection(context),
    noObjectionPending: ({ context }) => !hasPendingObjection(context),
    enforcementCourtCompetent: ({ context, event }) => {
      const courtId = String(event.payload['courtId'])
      const issuingId = context.parties['court']
      if (courtId === issuingId) return true
      const issuing = issuingId === undefined ? undefined : context.agencies[issuingId]
      const court = agenciesOf(event.payload)[courtId] ?? context.agencies[courtId]
      const location = event.payload['propertyLocation']
      return (
        issuing !== undefined &&
        court !== undefined &&
        typeof location === 'string' &&
        court.kind === issuing.kind &&
        court.level === issuing.level &&
        divisionWithin(location, court.division)
      )
    },
    interruptionDateValid: ({ context, event }) => {
      const demandedAt = String(event.payload['demandedAt'])
      return context.enforcementFrom !== null && demandedAt <= localDate(event.at) && demandedAt >= localDate(context.enforcementFrom)
    },
    // Routing guards (no law of their own).
    isAdministrative: ({ context }) => context.mode === 'administrative',
    isReceipt: ({ event }, params: { kind: DispatchKind }) => event.payload['dispatchKind'] === params.kind,
    isRulingReceiptOf: ({ context, event }, params: { party: ApplicantKey }) =>
      event.payload['dispatchKind'] === 'confirmationRuling' && event.payload['agencyId'] === context.parties[params.party],
    answerAgrees: ({ event }) => event.payload['agrees'] === true,
    lastPendingCourt: ({ context, event }) => context.pendingCourts.every((court) => court === event.actor.agencyId),
  },
})

/** A DUTY timer of the court went overdue: recorded and reported, the case stays where it is. */
function courtOverdue(timer: JudicialConfirmationTimerId, zh: string, en: string, source: string) {
  return [
    { type: 'markOverdue', params: { timer } },
    { type: 'alert', params: { to: 'supervisor', timer, reason: { zh, en }, source } },
  ] as const
}

/** J7: one applicant's 15-day objection window, from its own receipt of the ruling (CivPL-I art. 372(2)). */
function objectionWindow(party: ApplicantKey) {
  const label = party === 'applicant1' ? '申请人一' : '申请人二'
  return machineSetup.createStateConfig({
    meta: meta('J7', `${label}异议期间`, `Objection window of ${party}`),
    initial: 'awaitingService',
    states: {
      awaitingService: {
        meta: meta('J7', '裁定待送达', 'Ruling not yet served'),
        on: {
          RECEIPT: {
            guard: { type: 'isRulingReceiptOf', params: { party } },
            target: 'windowOpen',
            actions: ['recordReceipt', { type: 'setObjectionWindow', params: { party, window: 'open' } }],
          },
        },
      },
      windowOpen: {
        meta: meta('J7', '异议期间（15日）', 'Objection window (15 days)'),
        after: { T24: { target: 'windowClosed', actions: { type: 'setObjectionWindow', params: { party, window: 'closed' } } } },
      },
      windowClosed: { meta: meta('J7', '异议期间届满', 'Objection window closed') },
    },
  })
}

const AFTER_RULING = { WITHDRAW_APPLICATION: 'withdrawBeforeRuling' } as const

/** The requester is told the respondent refused or did not answer (专利行政执法办法 ⚠️). */
const NOT_OPENED_NOTICE = {
  type: 'dispatch',
  params: { to: 'applicant1', kind: 'mediationNotOpenedNotice', title: DISPATCH_KINDS.mediationNotOpenedNotice, source: '专利行政执法办法 ⚠️' },
} as const

export const judicialConfirmationMachine = machineSetup.createMachine({
  id: 'judicialConfirmation',
  version: '1',
  context: ({ input }) => {
    const dispute = input.dispute
    const agreement = input.agreement === undefined ? null : agreementOf(input.agreement, input.openedAt)
    return {
      caseId: input.caseId,
      openedAt: input.openedAt,
      parties: { ...input.parties },
      agencies: { ...input.agencies },
      title: input.title ?? null,
      mode: input.mode,
      dispute: {
        subjectType: dispute.subjectType,
        matter: dispute.matter,
        confirmsOwnership: dispute.confirmsOwnership ?? (OWNERSHIP_MATTERS as readonly string[]).includes(dispute.matter),
        subjectLocation: dispute.subjectLocation ?? null,
        intermediateLevel: dispute.intermediateLevel ?? false,
        summary: dispute.summary,
      },
      request: input.request ?? null,
      remediationOf: input.parent ?? null,
      mediationAnswer: null,
      mediationOutcome: null,
      agreement,
      agreementEffectiveAt: agreement?.effectiveAt ?? null,
      application: null,
      withdrawnApplications: [],
      filedCourts: [],
      pendingCourts: [],
      acceptanceRefusals: [],
      orders: [],
      courtSetDueFrom: null,
      courtSetDatePassed: false,
      supplies: [],
      acceptedAt: null,
      caseNumber: null,
      extension: null,
      inquiries: [],
      confirmation: null,
      rejection: null,
      withdrawal: null,
      objectionWindows: { applicant1: 'awaitingService', applicant2: 'awaitingService' },
      objections: [],
      enforcementFrom: null,
      interruptions: [],
      performance: null,
      enforcement: null,
      documents: [],
      overdue: [],
      receipts: [],
    }
  },
  initial: 'opening',
  on: {
    // Receipts the current state does not wait for are recorded, never refused.
    RECEIPT: { actions: 'recordReceipt' },
  },
  states: {
    // Transient: a bureau's case starts with the request, an organisation's with the agreement.
    opening: {
      meta: meta('J0', '立案分流', 'Opening'),
      always: [{ guard: 'isAdministrative', target: 'adminMediation' }, { target: 'agreementEffective' }],
    },

    // ---- DOMAIN §3.4: administrative mediation on request ----------------------------
    adminMediation: {
      meta: meta('AM1', '行政调解请求', 'Administrative mediation requested'),
      initial: 'requested',
      states: {
        requested: {
          meta: meta('AM1', '调解请求已送被请求人', 'Request served on the respondent'),
          initial: 'requestServed',
          states: {
            requestServed: {
              meta: meta('AM1', '调解请求书副本待送达', 'Copy of the request in transit'),
              entry: {
                type: 'dispatch',
                params: {
                  to: 'applicant2',
                  kind: 'mediationRequestCopy',
                  title: DISPATCH_KINDS.mediationRequestCopy,
                  task: 'answerMediationRequest',
                  dueTimer: 'TAM1',
                  source: '专利行政执法办法 ⚠️',
                },
              },
              on: {
                RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'mediationRequestCopy' } }, target: 'awaitingAnswer', actions: 'recordReceipt' },
              },
            },
            awaitingAnswer: {
              meta: meta('AM1', '被请求人答复期间（15日）', 'Respondent’s answer period (15 days)'),
              after: {
                TAM1: {
                  target: '#judicialConfirmation.mediationNotOpened',
                  actions: [
                    { type: 'recordNotOpened', params: { reasons: '被请求人逾期未答复' } },
                    NOT_OPENED_NOTICE,
                  ],
                },
              },
            },
          },
          on: {
            // The respondent may answer before its receipt is recorded.
            ANSWER_MEDIATION_REQUEST: [
              {
                guard: 'answerAgrees',
                target: 'mediating',
                actions: ['recordAnswer', { type: 'notifyApplicants', params: { kind: 'mediationSessionNotice', source: '专利行政执法办法 ⚠️' } }],
              },
              {
                target: '#judicialConfirmation.mediationNotOpened',
                actions: [
                  'recordAnswer',
                  { type: 'recordNotOpened', params: { reasons: '被请求人不同意调解' } },
                  NOT_OPENED_NOTICE,
                ],
              },
            ],
          },
        },
        mediating: {
          meta: meta('AM2', '调解中', 'Mediating'),
          on: {
            RECORD_AGREEMENT: { target: '#judicialConfirmation.agreementEffective', actions: 'recordAgreement' },
            RECORD_MEDIATION_FAILURE: {
              target: '#judicialConfirmation.mediationFailed',
              actions: [
                assign({ mediationOutcome: ({ event }) => ({ kind: 'failed' as const, reasons: String(event.payload['reasons']), at: event.at }) }),
                { type: 'notifyApplicants', params: { kind: 'mediationClosedNotice', source: '专利行政执法办法 ⚠️; PatL art. 65' } },
              ],
            },
          },
        },
      },
    },
    mediationNotOpened: { type: 'final', meta: meta('AMN', '不予调解', 'Mediation not opened', { end: 'AMN' }) },
    mediationFailed: { type: 'final', meta: meta('AMX', '调解不成，撤销案件', 'Mediation failed, case closed', { end: 'AMX' }) },

    // ---- J0–J1X: the agreement and its 30-day window ---------------------------------
    agreementEffective: {
      meta: meta('J0', '调解协议生效', 'Agreement in force'),
      entry: { type: 'issue', params: { kind: 'agreement' } },
      initial: 'applicationWindow',
      states: {
        applicationWindow: {
          meta: meta('J1', '申请司法确认期间（30日）', 'Application window (30 days)'),
          after: { T21: { target: '#judicialConfirmation.windowLapsed' } },
          initial: 'idle',
          states: {
            idle: {
              meta: meta('J1', '待申请', 'No application yet'),
              on: {
                APPLY_FOR_CONFIRMATION: { guard: 'courtCompetent', target: 'awaitingJoinder', actions: 'recordApplication' },
              },
            },
            awaitingJoinder: {
              meta: meta('J1', '待另一方共同申请', 'Awaiting the other party'),
              on: {
                JOIN_APPLICATION: { guard: 'jointApplication', target: '#judicialConfirmation.applicationFiled', actions: 'fileApplication' },
                // No court holds it yet: the application is dropped and the window runs on.
                WITHDRAW_APPLICATION: { target: 'idle', actions: 'dropApplication' },
              },
            },
          },
        },
      },
    },
    windowLapsed: {
      type: 'final',
      meta: meta('J1X', '申请期间届满', 'Application window lapsed', {
        end: 'E8',
        refuses: { APPLY_FOR_CONFIRMATION: 'applicationWindowOpen', JOIN_APPLICATION: 'applicationWindowOpen' },
      }),
    },

    // ---- J2–J3R: filed with the court(s) ----------------------------------------------
    applicationFiled: {
      meta: meta('J2', '已提出申请', 'Application filed'),
      initial: 'acceptanceReview',
      states: {
        acceptanceReview: {
          meta: meta('J3', '受理审查（3日）', 'Acceptance review (3 days)'),
          after: {
            T22: { actions: courtOverdue('T22', '人民法院收到司法确认申请后三日内未决定是否受理', 'the court has not decided on acceptance within 3 days', 'SPC-2011 art. 4') },
          },
          on: {
            ACCEPT_APPLICATION: {
              guard: and(['notOwnershipConfirmation', 'courtStillPending']),
              target: '#judicialConfirmation.underReview',
              actions: [
                'recordAcceptance',
                { type: 'issue', params: { kind: 'acceptanceNotice' } },
                { type: 'notifyApplicants', params: { kind: 'acceptanceNotice', source: 'SPC-2011 art. 4' } },
              ],
            },
            REFUSE_ACCEPTANCE: [
              {
                guard: and(['courtStillPending', 'lastPendingCourt']),
                target: '#judicialConfirmation.notAccepted',
                actions: ['recordAcceptanceRefusal', ...nonAcceptanceRuling()],
              },
              // Another filed court still holds the application: the case stays in J3.
              { guard: 'courtStillPending', actions: ['recordAcceptanceRefusal', ...nonAcceptanceRuling()] },
            ],
            ORDER_SUPPLEMENT: {
              guard: and(['courtStillPending', 'courtDateAhead']),
              target: 'materialsIncomplete',
              actions: [
                { type: 'orderByDate', params: { kind: 'materials' } },
                { type: 'notifyApplicants', params: { kind: 'supplementNotice', task: 'supplyMaterials', dueTimer: 'TJ2S', source: 'CivPL-I art. 354(2)' } },
              ],
            },
          },
        },
        materialsIncomplete: {
          meta: meta('J2S', '限期补交材料', 'Materials incomplete'),
          initial: 'awaitingSupply',
          states: {
            awaitingSupply: {
              meta: meta('J2S', '补交期限内', 'Before the court-set date'),
              after: { TJ2S: { target: 'lapsed', actions: 'markCourtSetDatePassed' } },
            },
            lapsed: { meta: meta('J2S', '补交期限已过', 'Court-set date passed') },
          },
          on: {
            // Late supply is still taken: treating as withdrawn is the court's option.
            SUPPLY_MATERIALS: { target: 'acceptanceReview', actions: 'recordSupply' },
            TREAT_AS_WITHDRAWN: { guard: 'supplementDeadlinePassed', target: '#judicialConfirmation.withdrawn', actions: withdrawalRuling('treatedAsWithdrawn') },
          },
        },
      },
      on: {
        // SPC-2011 art. 5(2): a withdrawal before the ruling is to be permitted.
        WITHDRAW_APPLICATION: { target: '#judicialConfirmation.withdrawn', actions: withdrawalRuling('withdrawn') },
      },
    },
    notAccepted: { type: 'final', meta: meta('J3R', '裁定不予受理', 'Not accepted', { end: 'E4' }) },

    // ---- J4: review ---------------------------------------------------------------------
    underReview: {
      meta: meta('J4', '审查', 'Under review', { refuses: { ACCEPT_APPLICATION: 'courtStillPending', REFUSE_ACCEPTANCE: 'courtStillPending' } }),
      type: 'parallel',
      // CivPL art. 187: the statutory 30 days from filing; flagged, never extended here.
      after: {
        T23s: { actions: courtOverdue('T23s', '特别程序案件自立案之日起三十日内未审结', 'the special-procedure case is not concluded within 30 days of filing', 'CivPL art. 187') },
      },
      states: {
        progress: {
          meta: meta('J4', '审查进程', 'Review progress'),
          initial: 'reviewing',
          states: {
            reviewing: {
              meta: meta('J4', '审查中', 'Reviewing'),
              on: {
                ORDER_STATEMENTS: {
                  guard: 'courtDateAhead',
                  target: 'awaitingParties',
                  actions: [
                    { type: 'orderByDate', params: { kind: 'statements' } },
                    { type: 'notifyApplicants', params: { kind: 'statementsNotice', task: 'submitStatements', dueTimer: 'TJ4S', source: 'CivPL-I art. 356(2)' } },
                  ],
                },
              },
            },
            awaitingParties: {
              meta: meta('J4', '待当事人补充陈述或者证明材料', 'Awaiting supplementary statements'),
              initial: 'awaitingStatements',
              states: {
                awaitingStatements: {
                  meta: meta('J4', '补充期限内', 'Before the court-set date'),
                  after: { TJ4S: { target: 'lapsed', actions: 'markCourtSetDatePassed' } },
                },
                lapsed: { meta: meta('J4', '补充期限已过', 'Court-set date passed') },
              },
              on: {
                SUBMIT_STATEMENTS: { target: 'reviewing', actions: 'recordSupply' },
              },
            },
          },
        },
        deadline: {
          meta: meta('J4', '审查期限', 'Review period'),
          initial: 'standard',
          states: {
            standard: {
              meta: meta('J4', '审查期限（15日）', 'Review period (15 days)'),
              after: { T23: { actions: courtOverdue('T23', '自受理之日起十五日内未作出是否确认的裁定', 'no ruling within 15 days of acceptance', 'SPC-2011 art. 5') } },
            },
            extended: {
              meta: meta('J4', '审查期限（延长十日）', 'Review period (extended by 10 days)'),
              after: { T23x: { actions: courtOverdue('T23x', '延长后的审查期限届满仍未作出裁定', 'no ruling within the extended period', 'SPC-2011 art. 5') } },
            },
          },
          on: {
            // Switches T23 for T23x; T23s runs on untouched on the parent.
            EXTEND_REVIEW: { guard: 'extensionOnce', target: '.extended', actions: 'recordExtension' },
          },
        },
      },
      on: {
        QUESTION_PARTIES: { actions: 'recordInquiry' },
        CONFIRM_AGREEMENT: {
          guard: 'notOwnershipConfirmation',
          target: 'confirmed',
          actions: [
            'recordConfirmation',
            { type: 'issue', params: { kind: 'confirmationRuling' } },
            { type: 'notifyApplicants', params: { kind: 'confirmationRuling', source: 'CivPL art. 206' } },
          ],
        },
        REJECT_APPLICATION: {
          target: 'rejected',
          actions: [
            'recordRejection',
            { type: 'issue', params: { kind: 'rejectionRuling' } },
            { type: 'notifyApplicants', params: { kind: 'rejectionRuling', source: 'CivPL art. 206; CivPL-I arts 355(2), 358' } },
          ],
        },
        WITHDRAW_APPLICATION: { target: 'withdrawn', actions: withdrawalRuling('withdrawn') },
        // CivPL-I art. 357(2); SPC-2011 art. 6: after the court-set date, or on refusal to be questioned.
        TREAT_AS_WITHDRAWN: { guard: 'supplementDeadlinePassed', target: 'withdrawn', actions: withdrawalRuling('treatedAsWithdrawn') },
      },
    },
    withdrawn: { type: 'final', meta: meta('J6W', '撤回申请', 'Withdrawn', { end: 'E6' }) },
    rejected: { type: 'final', meta: meta('J5B', '裁定驳回申请', 'Application rejected', { end: 'E5', refuses: AFTER_RULING }) },

    // ---- J5A–J9: the agreement confirmed -------------------------------------------------
    confirmed: {
      meta: meta('J5A', '裁定调解协议有效', 'Agreement confirmed', { refuses: AFTER_RULING }),
      type: 'parallel',
      states: {
        objections: {
          meta: meta('J7', '异议期间', 'Objection windows'),
          type: 'parallel',
          states: { party1: objectionWindow('applicant1'), party2: objectionWindow('applicant2') },
        },
        enforcement: {
          meta: meta('J8', '申请执行期间', 'Enforcement window'),
          initial: 'window',
          states: {
            window: {
              meta: meta('J8', '申请执行期间（2年）', 'Period to apply for enforcement (2 years)'),
              after: { T26: { target: '#judicialConfirmation.timeBarred' } },
              on: {
                // CivPL art. 250(1): a demand for performance interrupts the period, which restarts.
                INTERRUPT_LIMITATION: { guard: 'interruptionDateValid', target: 'window', reenter: true, actions: 'interruptLimitation' },
                APPLY_ENFORCEMENT: {
                  guard: 'enforcementCourtCompetent',
                  target: 'applied',
                  actions: [
                    'recordEnforcementApplication',
                    dispatchTo('enforcementCourt', 'enforcementApplication', 'CivPL-I art. 460; SPC-2011 art. 9', { task: 'registerEnforcement' }),
                  ],
                },
              },
            },
            applied: {
              meta: meta('J9', '已申请执行', 'Enforcement applied for'),
              on: {
                REGISTER_ENFORCEMENT: {
                  target: '#judicialConfirmation.enforced',
                  actions: ['registerEnforcement', { type: 'notifyApplicants', params: { kind: 'enforcementRegistered', source: 'CivPL-I art. 460' } }],
                },
              },
            },
          },
          on: {
            RECORD_PERFORMANCE: { guard: 'noObjectionPending', target: '#judicialConfirmation.performed', actions: 'recordPerformance' },
          },
        },
      },
      on: {
        OBJECT_TO_RULING: { guard: 'partyObjectionWindowOpen', actions: 'recordPartyObjection' },
        RECORD_INTERESTED_OBJECTION: { guard: 'interestedPartyWithinSixMonths', actions: 'recordInterestedObjection' },
        UPHOLD_OBJECTION: {
          guard: 'objectionPending',
          target: 'revoked',
          actions: [
            { type: 'decideObjections', params: { outcome: 'upheld' } },
            { type: 'issue', params: { kind: 'objectionRuling' } },
            { type: 'notifyApplicants', params: { kind: 'objectionRuling', source: 'CivPL-I art. 372(1)' } },
          ],
        },
        DISMISS_OBJECTION: {
          guard: 'objectionPending',
          actions: [
            { type: 'decideObjections', params: { outcome: 'dismissed' } },
            { type: 'notifyApplicants', params: { kind: 'objectionDismissed', source: 'CivPL-I art. 372(1)' } },
          ],
        },
      },
    },
    performed: { type: 'final', meta: meta('J8', '已履行完毕', 'Performed', { end: 'E1', refuses: AFTER_RULING }) },
    enforced: { type: 'final', meta: meta('J9', '已申请执行并立案', 'Enforcement registered', { end: 'E2', refuses: AFTER_RULING }) },
    timeBarred: { type: 'final', meta: meta('J8', '申请执行期间届满', 'Enforcement period expired', { end: 'E3', refuses: AFTER_RULING }) },
    revoked: { type: 'final', meta: meta('J7', '异议成立，原裁定撤销', 'Confirmation revoked on objection', { end: 'E7', refuses: AFTER_RULING }) },
  },
})

// ---- Pieces used in several places ---------------------------------------------------
// Function declarations are hoisted, so the machine above can use them.

/** CivPL-I art. 355(1): each refusing court rules, and the applicants receive its ruling. */
function nonAcceptanceRuling() {
  return [
    { type: 'issue', params: { kind: 'nonAcceptanceRuling' } },
    { type: 'notifyApplicants', params: { kind: 'nonAcceptanceRuling', source: 'CivPL-I art. 355(1); SPC-2011 art. 4(2)' } },
  ] as const
}

/** CivPL-I art. 357; SPC-2011 arts 5(2), 6: the ruling permitting the withdrawal, or treating the application as withdrawn. */
function withdrawalRuling(kind: 'withdrawn' | 'treatedAsWithdrawn') {
  return [
    { type: 'recordWithdrawal', params: { kind } },
    { type: 'issue', params: { kind: 'withdrawalRuling' } },
    {
      type: 'notifyApplicants',
      params: { kind: 'withdrawalRuling', source: kind === 'withdrawn' ? 'CivPL-I art. 357(1); SPC-2011 art. 5(2)' : 'CivPL-I art. 357(2); SPC-2011 art. 6' },
    },
  ] as const
}
