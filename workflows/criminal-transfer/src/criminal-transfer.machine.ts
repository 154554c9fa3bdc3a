// The transfer of a suspected IP crime from a market-supervision bureau to the police, with
// the AEA's remedies, procuratorate supervision and the reverse transfer (DOMAIN.md §2).
// Pure: guards and assigns read time only from `event.at`; effects are `dispatch` and `alert`.

import { assign, enqueueActions, setup } from 'xstate'
import { addOnce, enqueueEffect, receiptOf, type AlertParams, type DispatchParams, type Bilingual } from '@xianjie/domain'

import { criminalTransferDelays, criminalTransferTimers, LIMITATION_YEARS_AGGRAVATED } from './criminal-transfer.timers.ts'
import type {
  AdminRoute,
  CriminalTransferContext,
  CriminalTransferEvent,
  CriminalTransferInput,
  DocumentRef,
  SupervisionBasis,
  SupervisionRoute,
  TransferDocument,
} from './criminal-transfer.types.ts'

export interface StateMeta {
  /** DOMAIN.md state id (F0…F11, F-ESC, S0…S7, RP1…RP3). */
  id: string
  title: Bilingual
  end?: 'E1' | 'E2' | 'E3' | 'E4' | 'E5'
}

const meta = (id: string, zh: string, en: string, end?: StateMeta['end']): StateMeta =>
  end === undefined ? { id, title: { zh, en } } : { id, title: { zh, en }, end }

/** Dispatch kinds whose receipt by the other agency starts a timer (the router sends RECEIPT). */
export const RECEIPT_KINDS = {
  transferLetter: 'T3',
  supplementNotice: 'T5',
  nonFilingNotice: 'T7',
  reconsiderationRequest: 'T8',
  reconsiderationDecision: 'T9',
  filingNotice: 'T10',
  explanationDemand: 'T11',
  noticeToFile: 'T13',
  reverseTransferLetter: 'RP3',
} as const

const REVIEW_TIMER = { 0: 'T6', 10: 'T6x10', 30: 'T6x30', 60: 'T6x60' } as const

function hasAll(kinds: Set<string>, required: readonly string[]): boolean {
  return required.every((kind) => kinds.has(kind))
}

/** APL art. 36: whether the case was discovered (opened) within the limitation period after the violation. */
export function discoveredWithinLimitation(context: CriminalTransferContext): boolean {
  if (context.violationDate === null) return true
  const years = context.aggravatedLimitation ? LIMITATION_YEARS_AGGRAVATED : criminalTransferTimers.T48.duration
  const limit = new Date(`${context.violationDate}T00:00:00+08:00`)
  limit.setUTCFullYear(limit.getUTCFullYear() + years)
  return Date.parse(context.adminCaseOpenedAt) < limit.getTime() + 24 * 3_600_000
}

function documentsOf(payload: Record<string, any>): DocumentRef[] {
  const documents: unknown = payload['documents']
  return Array.isArray(documents) ? (documents as DocumentRef[]) : []
}

const machineSetup = setup({
  types: {
    context: {} as CriminalTransferContext,
    events: {} as CriminalTransferEvent,
    input: {} as CriminalTransferInput,
    meta: {} as StateMeta,
  },
  delays: criminalTransferDelays,
  actions: {
    // Effects, declared only: the engine turns them into outbox rows, tasks and alerts.
    dispatch: (_, _params: DispatchParams) => {},
    alert: (_, _params: AlertParams) => {},
    /** §2.7 dual reporting: a copy to the same-level procuratorate when the case enables it. */
    copyToProcuratorate: enqueueActions(({ context, enqueue }, params: { kind: string; title: Bilingual }) => {
      if (!context.copyToProcuratorate) return
      const copy: DispatchParams = { to: 'procuratorate', kind: params.kind, title: params.title, source: '中办发〔2011〕8号; DOMAIN §2.7' }
      enqueueEffect(enqueue, { type: 'dispatch', params: copy })
    }),
    recordReceipt: assign({ receipts: ({ context, event }) => [...context.receipts, receiptOf(event)] }),
    markOverdue: assign({
      overdue: ({ context }, params: { timer: string }) => addOnce(context.overdue, params.timer),
    }),
    recordGovernmentOrder: assign({
      governmentOrders: ({ context, event }) => [
        ...context.governmentOrders,
        {
          at: event.at,
          by: event.actor.userId,
          deadline: String(event.payload['deadline']),
          reasons: String(event.payload['reasons']),
          disciplinaryReferral: event.payload['disciplinaryReferral'] === true,
        },
      ],
    }),
    recordFiling: assign({
      filing: ({ event }, params: { underSupervision: boolean }) => ({
        at: event.at,
        decisionNo: String(event.payload['decisionNo']),
        underSupervision: params.underSupervision,
      }),
    }),
    recordSupervisionRequest: assign({
      supervision: ({ context, event }, params: { route: SupervisionRoute }) => {
        const requested = event.payload['basis'] as SupervisionBasis | undefined
        const basis: SupervisionBasis = requested ?? (context.supervisionWindowOpen ? 'R310-art9' : 'CPL-art113')
        return { route: params.route, basis: params.route === 'overdueReview' ? 'CPL-art113' : basis, at: event.at, reasons: String(event.payload['reasons']) }
      },
    }),
    startAdminHandling: assign({
      adminRoute: (_, params: { route: AdminRoute }) => params.route,
      adminCaseOpenedAt: ({ context, event }) =>
        typeof event.payload['adminCaseOpenedAt'] === 'string' ? event.payload['adminCaseOpenedAt'] : context.adminCaseOpenedAt,
    }),
    recordPenalty: assign({
      adminDecision: ({ event }) => ({
        at: event.at,
        kind: 'penalty' as const,
        decisionNo: String(event.payload['decisionNo']),
        fineAmount: typeof event.payload['fineAmount'] === 'number' ? event.payload['fineAmount'] : null,
      }),
    }),
    recordNoPenalty: assign({
      adminDecision: ({ event }) => ({ at: event.at, kind: 'noPenalty' as const, decisionNo: null, fineAmount: null }),
      closure: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']) }),
    }),
    recordExtension: assign({
      reviewExtension: ({ event }) => event.payload['days'] as 10 | 30 | 60,
      extensions: ({ context, event }) => [
        ...context.extensions,
        {
          days: event.payload['days'] as 10 | 30 | 60,
          approvedBy: String(event.payload['approvedBy']),
          approverLevel: event.payload['approverLevel'] === 'higher' ? ('higher' as const) : ('countyHead' as const),
          reasons: String(event.payload['reasons']),
          at: event.at,
        },
      ],
    }),
    requestSupplement: enqueueActions(({ context, event, enqueue }) => {
      const items = (event.payload['items'] as string[] | undefined) ?? []
      enqueue.assign({
        supplementRequests: [...context.supplementRequests, { at: event.at, items, late: !context.supplementNoticeWindowOpen }],
        // A notice after T4 breaches the 24-hour duty of PSP art. 180(2).
        overdue: context.supplementNoticeWindowOpen ? context.overdue : addOnce(context.overdue, 'T4'),
      })
      const notice: DispatchParams = {
        to: 'aea',
        kind: 'supplementNotice',
        title: { zh: '补正材料通知书', en: 'Notice to supplement materials' },
        task: 'supplementMaterials',
        dueTimer: 'T5',
        source: 'PSP art. 180(2)',
      }
      enqueueEffect(enqueue, { type: 'dispatch', params: notice })
    }),
    recordHandover: assign({
      handover: ({ event }) => ({
        at: event.at,
        itemList: event.payload['itemList'] as DocumentRef,
        aeaSignatory: String(event.payload['aeaSignatory']),
        policeSignatory: String(event.payload['policeSignatory']),
      }),
    }),
    recordMove: assign({
      movedTo: ({ event }) => ({
        agencyId: String(event.payload['agencyId']),
        mode: event.payload['mode'] === 'merged' ? ('merged' as const) : ('moved' as const),
        at: event.at,
      }),
    }),
    recordWithdrawal: assign({
      withdrawal: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']), decisionNo: String(event.payload['decisionNo']) }),
    }),
    recordReverseTransfer: assign({
      reverseTransfer: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']) }),
    }),
    recordOutcome: assign(({ context, event }) => {
      const criminalFine = typeof event.payload['criminalFine'] === 'number' ? event.payload['criminalFine'] : null
      return {
        criminalOutcome: { at: event.at, outcome: event.payload['outcome'] === 'judgment' ? ('judgment' as const) : ('prosecuted' as const), criminalFine },
        // R310 art. 11(3), APL art. 35(2): the fine already paid is offset against the criminal fine.
        fineOffset: criminalFine === null ? null : Math.min(context.amounts.finePaidAmount, criminalFine),
      }
    }),
    recordClosure: assign({ closure: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']) }) }),
  },
  guards: {
    // Law-carrying guards (named in criminalTransferRules).
    teamOfTwo: ({ event }) => {
      const officers: unknown = event.payload['officers']
      if (!Array.isArray(officers)) return false
      return new Set(officers.map((officer: { userId?: unknown }) => officer.userId)).size >= 2
    },
    transferDocumentsComplete: ({ event }) => {
      const kinds = new Set(
        (Array.isArray(event.payload['documents']) ? (event.payload['documents'] as TransferDocument[]) : []).map((doc) => doc.kind),
      )
      if (!hasAll(kinds, ['transferLetter', 'investigationReport', 'itemList'])) return false
      if (kinds.has('testReport')) return true
      const reason: unknown = event.payload['noTestingReason']
      return event.payload['noTestingRequired'] === true && typeof reason === 'string' && reason.trim().length >= 4
    },
    penaltyMayNotReplaceTransfer: ({ context }, params: { transferPending: boolean }) =>
      !params.transferPending && context.headRefusal?.noCrimeFound === true,
    reviewExtensionAllowed: ({ context, event }, params: { days: 10 | 30 | 60 }) => {
      if (event.payload['days'] !== params.days) return false
      if (params.days === 10) return context.reviewExtension === 0
      if (params.days === 30) return context.reviewExtension === 0 || context.reviewExtension === 10
      return context.reviewExtension === 30 && event.payload['approverLevel'] === 'higher'
    },
    reconsiderationWindowOpen: ({ context }) => context.reconsiderationWindowOpen,
    reconsiderationNotYetRequested: ({ context }) => context.reconsiderationRequestedAt === null,
    supervisionBasisAvailable: ({ context, event }) => event.payload['basis'] !== 'R310-art9' || context.supervisionWindowOpen,
    reviewPeriodExpired: ({ context }) => context.overdue.includes(REVIEW_TIMER[context.reviewExtension]),
    explanationOverdue: ({ context }) => context.overdue.includes('T11') || context.overdue.includes('T15'),
    reminderGateOpen: ({ context }) => context.reminderGateOpen,
    penaltyWithinLimitation: ({ context }, params: { route: AdminRoute }) =>
      context.adminRoute === params.route && discoveredWithinLimitation(context),
    // Routing guards (no law of their own).
    isReceipt: ({ context, event }, params: { kind: string; route?: SupervisionRoute }) =>
      event.payload['dispatchKind'] === params.kind && (params.route === undefined || context.supervision?.route === params.route),
  },
})

/** F-ESC: an AEA duty went overdue; the government may order the transfer within a set time (R310 art. 16). */
function escalatedToGovernment() {
  return {
    meta: meta('F-ESC', '逾期移送，上级督办', 'Overdue transfer escalated'),
    on: {
      ORDER_TRANSFER: {
        actions: [
          'recordGovernmentOrder',
          {
            type: 'dispatch',
            params: { to: 'aea', kind: 'governmentOrder', title: { zh: '责令限期移送通知', en: 'Order to transfer within a set time' }, task: 'complyWithOrder', source: 'R310 art. 16' },
          },
        ],
      },
    },
  } as const
}

export const criminalTransferMachine = machineSetup.createMachine({
  id: 'criminalTransfer',
  version: '1',
  context: ({ input }) => ({
    caseId: input.caseId,
    openedAt: input.openedAt,
    parties: { ...input.parties },
    title: input.title,
    ipCategory: input.ipCategory,
    suspicionBasis: input.suspicionBasis,
    offence: input.offence,
    amounts: {
      illegalBusinessVolume: input.illegalBusinessVolume ?? null,
      illegalGains: input.illegalGains ?? null,
      finePaidAmount: input.finePaidAmount ?? 0,
    },
    // The key is there only when given, so cases opened before the field replay as stored.
    suspect: { name: input.suspectName, creditCode: input.suspectCreditCode ?? null, ...(input.suspectIdNumber ? { idNumber: input.suspectIdNumber } : {}) },
    copyToProcuratorate: input.copyToProcuratorate ?? true,
    violationDate: input.violationDate ?? null,
    aggravatedLimitation: input.aggravatedLimitation ?? false,
    adminCaseOpenedAt: input.adminCaseOpenedAt,
    team: [],
    transferReport: null,
    approval: null,
    headRefusal: null,
    transferDocuments: [],
    noTestingReason: null,
    dispatchedAt: null,
    acceptedAt: null,
    reviewExtension: 0,
    extensions: [],
    supplementNoticeWindowOpen: true,
    supplementRequests: [],
    supplements: [],
    filing: null,
    nonFiling: null,
    reconsiderationRequestedAt: null,
    reconsiderationDecision: null,
    reconsiderationWindowOpen: true,
    supervisionWindowOpen: true,
    supervision: null,
    explanation: null,
    governmentOrders: [],
    handover: null,
    reminderGateOpen: false,
    reminders: [],
    movedTo: null,
    withdrawal: null,
    reverseTransfer: null,
    adminRoute: null,
    adminExtensionDays: 0,
    adminDecision: null,
    criminalOutcome: null,
    fineOffset: null,
    closure: null,
    overdue: [],
    receipts: [],
  }),
  initial: 'investigating',
  on: {
    // Receipts the current state does not wait for are recorded, never refused.
    RECEIPT: { actions: 'recordReceipt' },
    // R310 art. 11(1), APL art. 82: no penalty while a suspected crime is being transferred,
    // and APL art. 35(2): none beside a criminal case. Only F2R and F11 override this.
    IMPOSE_PENALTY: { guard: { type: 'penaltyMayNotReplaceTransfer', params: { transferPending: true } } },
  },
  states: {
    investigating: {
      meta: meta('F0', '查处中', 'Investigating'),
      on: {
        FORM_TEAM: {
          guard: 'teamOfTwo',
          target: 'teamFormed',
          actions: assign({
            team: ({ event }) => (event.payload['officers'] as Array<{ userId: string; name: string }>).map(({ userId, name }) => ({ userId, name })),
          }),
        },
      },
    },

    teamFormed: {
      meta: meta('F1', '专案组核实', 'Case team verifying'),
      on: {
        SUBMIT_TRANSFER_REPORT: {
          target: 'pendingHeadApproval',
          actions: assign({
            transferReport: ({ event }) => ({
              document: event.payload['report'] as DocumentRef,
              summary: String(event.payload['summary']),
              at: event.at,
            }),
          }),
        },
      },
    },

    pendingHeadApproval: {
      meta: meta('F2', '待负责人审批', 'Pending head approval'),
      initial: 'onTime',
      states: {
        onTime: {
          meta: meta('F2', '待负责人审批', 'Pending head approval'),
          after: {
            T1: {
              target: 'escalated',
              actions: [
                { type: 'markOverdue', params: { timer: 'T1' } },
                {
                  type: 'alert',
                  params: {
                    to: 'government',
                    timer: 'T1',
                    reason: { zh: '负责人逾期未作出是否批准移送的决定', en: 'the head has not decided on the transfer within 3 days' },
                    source: 'R310 arts 5(2), 16(1)',
                  },
                },
              ],
            },
          },
        },
        escalated: escalatedToGovernment(),
      },
      on: {
        APPROVE_TRANSFER: {
          target: 'approvedAwaitingDispatch',
          actions: assign({ approval: ({ event }) => ({ at: event.at, by: event.actor.userId }) }),
        },
        REFUSE_TRANSFER: {
          target: 'transferRefused',
          actions: assign({
            headRefusal: ({ event }) => ({
              at: event.at,
              by: event.actor.userId,
              reasons: String(event.payload['reasons']),
              noCrimeFound: event.payload['noCrimeFound'] === true,
            }),
          }),
        },
      },
    },

    transferRefused: {
      meta: meta('F2R', '不批准移送', 'Transfer refused'),
      on: {
        IMPOSE_PENALTY: {
          guard: { type: 'penaltyMayNotReplaceTransfer', params: { transferPending: false } },
          target: 'penalizedWithoutTransfer',
          actions: 'recordPenalty',
        },
        CLOSE_CASE: { target: 'closedAfterRefusal', actions: 'recordClosure' },
        // R310 art. 16(2): the government orders the transfer the AEA refused.
        ORDER_TRANSFER: {
          target: 'approvedAwaitingDispatch',
          actions: [
            'recordGovernmentOrder',
            assign({ approval: ({ event }) => ({ at: event.at, by: event.actor.userId }) }),
            {
              type: 'dispatch',
              params: { to: 'aea', kind: 'governmentOrder', title: { zh: '责令限期移送通知', en: 'Order to transfer within a set time' }, task: 'complyWithOrder', source: 'R310 art. 16' },
            },
          ],
        },
      },
    },

    approvedAwaitingDispatch: {
      meta: meta('F3', '已批准待移送', 'Approved, awaiting dispatch'),
      initial: 'onTime',
      states: {
        onTime: {
          meta: meta('F3', '已批准待移送', 'Approved, awaiting dispatch'),
          after: {
            T2: {
              target: 'escalated',
              actions: [
                { type: 'markOverdue', params: { timer: 'T2' } },
                {
                  type: 'alert',
                  params: {
                    to: 'government',
                    timer: 'T2',
                    reason: { zh: '批准移送后24小时内未向公安机关移送', en: 'the approved transfer was not delivered to the police within 24 hours' },
                    source: 'R310 arts 5(2), 16(1)',
                  },
                },
              ],
            },
          },
        },
        escalated: escalatedToGovernment(),
      },
      on: {
        DISPATCH_TRANSFER: {
          guard: 'transferDocumentsComplete',
          target: 'deliveredAwaitingReceipt',
          actions: [
            assign({
              transferDocuments: ({ event }) => event.payload['documents'] as TransferDocument[],
              noTestingReason: ({ event }) => (typeof event.payload['noTestingReason'] === 'string' ? event.payload['noTestingReason'] : null),
              dispatchedAt: ({ event }) => event.at,
            }),
            {
              type: 'dispatch',
              params: {
                to: 'police',
                kind: 'transferLetter',
                title: { zh: '涉嫌犯罪案件移送书', en: 'Transfer letter of a suspected crime' },
                task: 'signReceipt',
                dueTimer: 'T3',
                source: 'R310 arts 6, 7',
              },
            },
            { type: 'copyToProcuratorate', params: { kind: 'transferLetterCopy', title: { zh: '涉嫌犯罪案件移送书（抄送）', en: 'Transfer letter (copy)' } } },
          ],
        },
      },
    },

    deliveredAwaitingReceipt: {
      meta: meta('F4', '已送达待签收', 'Delivered, awaiting receipt'),
      initial: 'awaitingReceipt',
      states: {
        awaitingReceipt: {
          meta: meta('F4', '已送达待签收', 'Delivered, awaiting receipt'),
          on: {
            RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'transferLetter' } }, target: 'received', actions: 'recordReceipt' },
          },
        },
        received: {
          meta: meta('F4', '公安机关已收到，待签收回执', 'Received by the police, receipt not yet signed'),
          after: {
            T3: {
              actions: [
                { type: 'markOverdue', params: { timer: 'T3' } },
                {
                  type: 'alert',
                  params: {
                    to: 'procuratorate',
                    timer: 'T3',
                    reason: { zh: '公安机关24小时内未签收回执或转送', en: 'the police neither signed the receipt nor forwarded the case within 24 hours' },
                    source: 'R310 arts 7, 17',
                  },
                },
              ],
            },
          },
        },
      },
      on: {
        SIGN_RECEIPT: { target: 'policeReview', actions: assign({ acceptedAt: ({ event }) => event.at }) },
        FORWARD_CASE: {
          target: 'forwarded',
          actions: [
            assign({ parties: ({ context, event }) => ({ ...context.parties, forwardee: String(event.payload['agencyId']) }) }),
            {
              type: 'dispatch',
              params: ({ event }) => ({
                to: 'forwardee',
                agencyId: String(event.payload['agencyId']),
                kind: 'transferLetter',
                title: { zh: '涉嫌犯罪案件移送书（转送）', en: 'Transfer letter (forwarded)' },
                task: 'signReceipt',
                source: 'R310 art. 7; PSP art. 175',
              }),
            },
            {
              type: 'dispatch',
              params: { to: 'aea', kind: 'forwardingNotice', title: { zh: '案件转送告知书', en: 'Notice of forwarding' }, source: 'R310 art. 7' },
            },
            { type: 'copyToProcuratorate', params: { kind: 'forwardingNoticeCopy', title: { zh: '案件转送告知书（抄送）', en: 'Notice of forwarding (copy)' } } },
          ],
        },
        NOT_POLICE_REMIT: {
          target: 'notPoliceRemit',
          actions: {
            type: 'dispatch',
            params: { to: 'aea', kind: 'notPoliceRemitNotice', title: { zh: '不属于公安机关职责范围告知书', en: 'Notice: outside police remit' }, source: 'PSP art. 180(3)' },
          },
        },
      },
    },

    forwarded: { type: 'final', meta: meta('F4F', '已转送有管辖权的机关', 'Forwarded to the competent organ', 'E5') },
    notPoliceRemit: { type: 'final', meta: meta('F4X', '不属于公安机关职责范围', 'Outside police remit', 'E5') },

    policeReview: {
      meta: meta('F5', '立案审查', 'Police filing review'),
      // PSP art. 180(2): the police may not refuse acceptance for missing materials; the
      // review runs on while the AEA supplements them, so the two run in parallel.
      type: 'parallel',
      states: {
        review: {
          meta: meta('F5', '立案审查期限', 'Filing review period'),
          initial: 'standard',
          states: {
            standard: {
              meta: meta('F5', '立案审查（3日）', 'Filing review (3 days)'),
              after: { T6: { actions: reviewOverdue('T6') } },
            },
            extended10: {
              meta: meta('F5', '立案审查（延长至10日）', 'Filing review (extended to 10 days)'),
              after: { T6x10: { actions: reviewOverdue('T6x10') } },
            },
            extended30: {
              meta: meta('F5', '立案审查（延长至30日）', 'Filing review (extended to 30 days)'),
              after: { T6x30: { actions: reviewOverdue('T6x30') } },
            },
            extended60: {
              meta: meta('F5', '立案审查（再延长30日）', 'Filing review (further 30 days)'),
              after: { T6x60: { actions: reviewOverdue('T6x60') } },
            },
          },
          on: {
            EXTEND_REVIEW: [
              { guard: { type: 'reviewExtensionAllowed', params: { days: 10 } }, target: '.extended10', actions: 'recordExtension' },
              { guard: { type: 'reviewExtensionAllowed', params: { days: 30 } }, target: '.extended30', actions: 'recordExtension' },
              { guard: { type: 'reviewExtensionAllowed', params: { days: 60 } }, target: '.extended60', actions: 'recordExtension' },
            ],
          },
        },
        materials: {
          meta: meta('F5', '移送材料', 'Transfer materials'),
          initial: 'asReceived',
          states: {
            asReceived: {
              meta: meta('F5', '材料已接收', 'Materials as received'),
              after: { T4: { actions: assign({ supplementNoticeWindowOpen: false }) } },
              on: { REQUEST_SUPPLEMENT: { target: 'supplementRequested', actions: 'requestSupplement' } },
            },
            supplementRequested: {
              meta: meta('F5S', '要求补正材料', 'Supplement requested'),
              initial: 'awaitingReceipt',
              states: {
                awaitingReceipt: {
                  meta: meta('F5S', '补正通知待送达', 'Supplement notice in transit'),
                  on: {
                    RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'supplementNotice' } }, target: 'supplementing', actions: 'recordReceipt' },
                  },
                },
                supplementing: {
                  meta: meta('F5S', '补正期间', 'Supplement period'),
                  // No sanction is stated (⚠️): the lapse is recorded, the review goes on.
                  after: { T5: { actions: { type: 'markOverdue', params: { timer: 'T5' } } } },
                },
              },
              on: {
                SUPPLEMENT_PROVIDED: {
                  target: 'supplemented',
                  actions: assign({ supplements: ({ context, event }) => [...context.supplements, { at: event.at, documents: documentsOf(event.payload) }] }),
                },
              },
            },
            supplemented: {
              meta: meta('F5', '材料已补正', 'Materials supplemented'),
              on: { REQUEST_SUPPLEMENT: { target: 'supplementRequested', actions: 'requestSupplement' } },
            },
          },
        },
      },
      on: {
        FILE_CASE: {
          target: 'filed',
          actions: [{ type: 'recordFiling', params: { underSupervision: false } }, ...filingNotices()],
        },
        REFUSE_FILING: {
          target: 'afterNonFiling',
          actions: [
            assign({
              nonFiling: ({ event }) => ({
                at: event.at,
                reasons: String(event.payload['reasons']),
                returnedFiles: event.payload['returnedFiles'] as Array<{ name: string; sha256?: string }>,
              }),
            }),
            {
              type: 'dispatch',
              params: {
                to: 'aea',
                kind: 'nonFilingNotice',
                title: { zh: '不予立案通知书', en: 'Notice of non-filing' },
                task: 'decideAfterNonFiling',
                dueTimer: 'T7',
                source: 'R310 art. 8; PSP art. 180(1)',
              },
            },
            { type: 'copyToProcuratorate', params: { kind: 'nonFilingNoticeCopy', title: { zh: '不予立案通知书（抄送）', en: 'Notice of non-filing (copy)' } } },
          ],
        },
        TRANSFER_BACK: { target: 'reverseTransfer', actions: transferBack() },
        PETITION_PROCURATORATE: {
          guard: 'reviewPeriodExpired',
          target: 'supervisionRequested',
          actions: [{ type: 'recordSupervisionRequest', params: { route: 'overdueReview' } }, supervisionLetter('overdueReview')],
        },
      },
    },

    ...criminalTrack(),

    afterNonFiling: {
      meta: meta('F9', '不予立案后行政执法机关的选择', 'AEA options after non-filing'),
      initial: 'noticeInTransit',
      states: {
        noticeInTransit: {
          meta: meta('F6B', '不予立案', 'Not filed'),
          on: {
            RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'nonFilingNotice' } }, target: 'noticeReceived', actions: 'recordReceipt' },
          },
        },
        noticeReceived: {
          meta: meta('F9', '不予立案后行政执法机关的选择', 'AEA options after non-filing'),
          after: {
            // RIGHT: R310 art. 9(1) gives 3 days for both reconsideration and the suggestion.
            T7: { actions: assign({ reconsiderationWindowOpen: false, supervisionWindowOpen: false }) },
          },
        },
      },
      on: {
        REQUEST_RECONSIDERATION: {
          guard: 'reconsiderationWindowOpen',
          target: 'policeReconsideration',
          actions: [
            assign({ reconsiderationRequestedAt: ({ event }) => event.at }),
            {
              type: 'dispatch',
              params: {
                to: 'police',
                kind: 'reconsiderationRequest',
                title: { zh: '提请复议书', en: 'Request for reconsideration' },
                task: 'decideReconsideration',
                dueTimer: 'T8',
                source: 'R310 art. 9(1); PSP art. 181',
              },
            },
          ],
        },
        SUGGEST_SUPERVISION: {
          guard: 'supervisionBasisAvailable',
          target: 'supervisionRequested',
          actions: [{ type: 'recordSupervisionRequest', params: { route: 'nonFiling' } }, supervisionLetter('nonFiling')],
        },
        ACCEPT_NON_FILING: { target: 'adminHandling', actions: { type: 'startAdminHandling', params: { route: 'nonFiling' } } },
      },
    },

    policeReconsideration: {
      meta: meta('F10', '公安机关复议', 'Police reconsideration'),
      initial: 'awaitingReceipt',
      states: {
        awaitingReceipt: {
          meta: meta('F10', '复议申请待送达', 'Reconsideration request in transit'),
          on: {
            RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'reconsiderationRequest' } }, target: 'deciding', actions: 'recordReceipt' },
          },
        },
        deciding: {
          meta: meta('F10', '复议审查', 'Reconsidering'),
          after: {
            T8: {
              actions: [
                { type: 'markOverdue', params: { timer: 'T8' } },
                {
                  type: 'alert',
                  params: {
                    to: 'procuratorate',
                    timer: 'T8',
                    reason: { zh: '公安机关3日内未作出复议决定', en: 'the police did not decide the reconsideration within 3 days' },
                    source: 'R310 arts 9(2), 17',
                  },
                },
              ],
            },
          },
        },
      },
      on: {
        RECONSIDER_FILE: {
          target: 'filed',
          actions: [{ type: 'recordFiling', params: { underSupervision: false } }, ...filingNotices()],
        },
        MAINTAIN_REFUSAL: {
          target: 'reconsiderationRefused',
          actions: [
            assign({ reconsiderationDecision: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']) }) }),
            {
              type: 'dispatch',
              params: {
                to: 'aea',
                kind: 'reconsiderationDecision',
                title: { zh: '复议决定书（维持不予立案）', en: 'Reconsideration decision (non-filing maintained)' },
                task: 'decideSupervision',
                dueTimer: 'T9',
                source: 'R310 art. 9(2); PSP art. 181',
              },
            },
          ],
        },
      },
    },

    reconsiderationRefused: {
      meta: meta('F10B', '复议维持不予立案', 'Reconsideration refused'),
      initial: 'decisionInTransit',
      states: {
        decisionInTransit: {
          meta: meta('F10B', '复议决定待送达', 'Reconsideration decision in transit'),
          on: {
            RECEIPT: {
              guard: { type: 'isReceipt', params: { kind: 'reconsiderationDecision' } },
              target: 'decisionReceived',
              actions: ['recordReceipt', assign({ supervisionWindowOpen: true })],
            },
          },
        },
        decisionReceived: {
          meta: meta('F10B', '复议维持不予立案', 'Reconsideration refused'),
          after: { T9: { actions: assign({ supervisionWindowOpen: false }) } },
        },
      },
      on: {
        SUGGEST_SUPERVISION: {
          guard: 'supervisionBasisAvailable',
          target: 'supervisionRequested',
          actions: [{ type: 'recordSupervisionRequest', params: { route: 'nonFiling' } }, supervisionLetter('nonFiling')],
        },
        ACCEPT_NON_FILING: { target: 'adminHandling', actions: { type: 'startAdminHandling', params: { route: 'nonFiling' } } },
        // Refusal only: reconsideration was already decided (R310 art. 9(2)).
        REQUEST_RECONSIDERATION: { guard: 'reconsiderationNotYetRequested' },
      },
    },

    supervisionRequested: {
      meta: meta('S0', '建议立案监督', 'Supervision requested'),
      on: { ACCEPT_SUPERVISION: 'procuratorateIntake' },
    },

    procuratorateIntake: {
      meta: meta('S1', '检察院受理审查', 'Procuratorate intake'),
      on: {
        REQUIRE_EXPLANATION: {
          target: 'policeToExplain',
          actions: {
            type: 'dispatch',
            params: ({ context }) => ({
              to: 'police',
              kind: 'explanationDemand',
              title: { zh: '要求说明不立案理由通知书', en: 'Demand to explain the non-filing' },
              task: 'explainNonFiling',
              dueTimer: context.supervision?.route === 'overdueReview' ? 'T15' : 'T11',
              source: context.supervision?.route === 'overdueReview' ? 'SPP-R art. 562' : 'CPL art. 113; SPP-R art. 560',
            }),
          },
        },
        REJECT_INTAKE: {
          target: 'intakeRejected',
          actions: {
            type: 'dispatch',
            params: { to: 'aea', kind: 'intakeReply', title: { zh: '立案监督审查答复', en: 'Reply: no supervision needed' }, task: 'decideAfterIntakeReply', source: 'SPP-R art. 558' },
          },
        },
      },
    },

    intakeRejected: {
      meta: meta('S1R', '不予监督，书面答复', 'Intake rejected'),
      on: {
        ACCEPT_NON_FILING: { target: 'adminHandling', actions: { type: 'startAdminHandling', params: { route: 'nonFiling' } } },
        CLOSE_CASE: { target: 'closedAfterIntakeRejected', actions: 'recordClosure' },
      },
    },

    policeToExplain: {
      meta: meta('S2', '公安机关说明不立案理由', 'Police to explain'),
      initial: 'awaitingReceipt',
      states: {
        awaitingReceipt: {
          meta: meta('S2', '说明理由通知待送达', 'Demand in transit'),
          on: {
            RECEIPT: [
              {
                guard: { type: 'isReceipt', params: { kind: 'explanationDemand', route: 'overdueReview' } },
                target: 'explainingOverdue',
                actions: 'recordReceipt',
              },
              { guard: { type: 'isReceipt', params: { kind: 'explanationDemand' } }, target: 'explaining', actions: 'recordReceipt' },
            ],
          },
        },
        explaining: {
          meta: meta('S2', '说明不立案理由（7日）', 'Explaining the non-filing (7 days)'),
          after: { T11: { actions: explanationOverdueActions('T11', 'SPP-R art. 560; PSP art. 182(1)') } },
        },
        explainingOverdue: {
          meta: meta('S2', '逾期未决定的说明（7日）', 'Explaining the overdue review (7 days)'),
          after: { T15: { actions: explanationOverdueActions('T15', 'SPP-R art. 562') } },
        },
      },
      on: {
        EXPLAIN_NON_FILING: {
          target: 'procuratorateEvaluates',
          actions: [
            assign({ explanation: ({ event }) => ({ at: event.at, reasons: String(event.payload['reasons']) }) }),
            {
              type: 'dispatch',
              params: { to: 'procuratorate', kind: 'nonFilingExplanation', title: { zh: '不立案理由说明书', en: 'Explanation of the non-filing' }, task: 'evaluateExplanation', source: 'SPP-R art. 560' },
            },
          ],
        },
        FILE_CASE: { target: 'filedUnderSupervision', actions: [{ type: 'recordFiling', params: { underSupervision: true } }, ...supervisedFilingNotices()] },
        NOTIFY_TO_FILE: { guard: 'explanationOverdue', target: 'notifiedToFile', actions: noticeToFile() },
      },
    },

    procuratorateEvaluates: {
      meta: meta('S3', '检察院审查理由', 'Procuratorate evaluates'),
      on: {
        ACCEPT_REASONS: 'reasonsAccepted',
        NOTIFY_TO_FILE: { target: 'notifiedToFile', actions: noticeToFile() },
      },
    },

    reasonsAccepted: {
      meta: meta('S3V', '理由成立', 'Reasons accepted'),
      after: {
        T12: {
          actions: [
            { type: 'markOverdue', params: { timer: 'T12' } },
            {
              type: 'alert',
              params: {
                to: 'supervisor',
                timer: 'T12',
                reason: { zh: '10日内未告知行政执法机关不立案理由成立', en: 'the AEA was not informed within 10 days that the reasons hold' },
                source: 'SPP-R art. 561(2)',
              },
            },
          ],
        },
      },
      on: {
        INFORM_AEA: {
          target: 'adminHandling',
          actions: [
            { type: 'startAdminHandling', params: { route: 'nonFiling' } },
            {
              type: 'dispatch',
              params: { to: 'aea', kind: 'reasonsAcceptedNotice', title: { zh: '不立案理由成立告知书', en: 'Notice: the non-filing reasons hold' }, task: 'handleAdministratively', dueTimer: 'T47', source: 'SPP-R art. 561(2)' },
            },
          ],
        },
      },
    },

    notifiedToFile: {
      meta: meta('S4', '通知立案', 'Notified to file'),
      initial: 'awaitingReceipt',
      states: {
        awaitingReceipt: {
          meta: meta('S4', '通知立案书待送达', 'Notice to file in transit'),
          on: {
            RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'noticeToFile' } }, target: 'running', actions: 'recordReceipt' },
          },
        },
        running: {
          meta: meta('S4', '通知立案（15日）', 'Notified to file (15 days)'),
          after: {
            T13: {
              target: '#criminalTransfer.correctionNotice',
              actions: [
                { type: 'markOverdue', params: { timer: 'T13' } },
                {
                  type: 'alert',
                  params: {
                    to: 'procuratorate',
                    timer: 'T13',
                    reason: { zh: '公安机关收到通知立案书后15日内未立案', en: 'the police did not file within 15 days of the notice to file' },
                    source: 'SPP-R arts 563–564; PSP art. 182(2)',
                  },
                },
              ],
            },
          },
        },
      },
      on: {
        FILE_CASE: { target: 'filedUnderSupervision', actions: [{ type: 'recordFiling', params: { underSupervision: true } }, ...supervisedFilingNotices()] },
      },
    },

    correctionNotice: {
      meta: meta('S5', '纠正违法', 'Correction notice'),
      initial: 'correctionPending',
      states: {
        correctionPending: {
          meta: meta('S5', '待发纠正违法通知书', 'Correction notice due'),
          on: {
            ISSUE_CORRECTION_NOTICE: {
              target: 'correctionIssued',
              actions: {
                type: 'dispatch',
                params: { to: 'police', kind: 'correctionNotice', title: { zh: '纠正违法通知书', en: 'Correction notice' }, task: 'fileCase', source: 'SPP-R art. 564(2)' },
              },
            },
          },
        },
        correctionIssued: { meta: meta('S5', '已发纠正违法通知书', 'Correction notice issued') },
      },
      on: {
        FILE_CASE: { target: 'filedUnderSupervision', actions: [{ type: 'recordFiling', params: { underSupervision: true } }, ...supervisedFilingNotices()] },
      },
    },

    filedUnderSupervision: {
      meta: meta('S6', '监督立案', 'Filed under supervision'),
      // The procuratorate follows the case while the AEA hands over the items (SPP-R art. 564; R310 art. 12).
      type: 'parallel',
      after: { T14: { actions: assign({ reminderGateOpen: true }) } },
      on: {
        SEND_REMINDER: {
          guard: 'reminderGateOpen',
          actions: [
            assign({ reminders: ({ context, event }) => [...context.reminders, event.at] }),
            {
              type: 'dispatch',
              params: { to: 'police', kind: 'reminderLetter', title: { zh: '立案监督案件催办函', en: 'Reminder on a supervised case' }, source: 'SPP-R art. 564(3)' },
            },
          ],
        },
      },
      states: {
        supervision: {
          meta: meta('S6', '跟踪监督', 'Following the case'),
          initial: 'monitoring',
          states: {
            monitoring: {
              meta: meta('S6', '跟踪监督', 'Following the case'),
              on: {
                ADVISE_AEA: {
                  target: 'aeaAdvised',
                  actions: {
                    type: 'dispatch',
                    params: { to: 'aea', kind: 'supervisionOutcome', title: { zh: '立案监督结果告知', en: 'Outcome of the supervision' }, source: 'SPP-2001 §11' },
                  },
                },
              },
            },
            aeaAdvised: { meta: meta('S7', '已告知行政执法机关', 'AEA advised') },
          },
        },
        criminal: {
          meta: meta('F6A', '刑事立案', 'Criminal case'),
          initial: 'filed',
          states: criminalTrack(),
        },
      },
    },

    reverseTransfer: {
      meta: meta('RP1', '公安机关移送行政执法机关', 'Police transfer back'),
      on: {
        RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'reverseTransferLetter' } }, target: 'aeaHandles', actions: 'recordReceipt' },
        RESUME_ADMIN_CASE: { target: 'adminHandling', actions: { type: 'startAdminHandling', params: { route: 'reverse' } } },
      },
    },

    withdrawalNotice: {
      meta: meta('RP2', '撤销案件待通知', 'Withdrawal notice due'),
      after: {
        T17: {
          actions: [
            { type: 'markOverdue', params: { timer: 'T17' } },
            {
              type: 'alert',
              params: {
                to: 'procuratorate',
                timer: 'T17',
                reason: { zh: '撤销案件后3日内未通知案件移送机关', en: 'the AEA was not notified within 3 days of the withdrawal' },
                source: 'PSP art. 189',
              },
            },
          ],
        },
      },
      on: {
        NOTIFY_WITHDRAWAL: {
          target: 'aeaHandles',
          actions: {
            type: 'dispatch',
            params: { to: 'aea', kind: 'withdrawalNotice', title: { zh: '撤销案件通知书', en: 'Notice of withdrawal' }, task: 'handleReverseTransfer', source: 'PSP art. 189' },
          },
        },
      },
    },

    aeaHandles: {
      meta: meta('RP3', '行政执法机关依法处理', 'AEA handles the case'),
      on: {
        RESUME_ADMIN_CASE: { target: 'adminHandling', actions: { type: 'startAdminHandling', params: { route: 'reverse' } } },
      },
    },

    adminHandling: {
      meta: meta('F11', '行政处理', 'Administrative handling'),
      initial: 'standard',
      states: {
        standard: {
          meta: meta('F11', '行政处理（90日）', 'Administrative handling (90 days)'),
          after: { T47: { actions: adminOverdue('T47') } },
          on: {
            EXTEND_ADMIN_DECISION: { target: 'extended', actions: assign({ adminExtensionDays: ({ event }) => Number(event.payload['days']) }) },
          },
        },
        extended: {
          meta: meta('F11', '行政处理（延长30日）', 'Administrative handling (extended by 30 days)'),
          after: { T47x30: { actions: adminOverdue('T47x30') } },
        },
      },
      on: {
        IMPOSE_PENALTY: [
          { guard: { type: 'penaltyWithinLimitation', params: { route: 'nonFiling' } }, target: 'penalizedAfterNonFiling', actions: 'recordPenalty' },
          { guard: { type: 'penaltyWithinLimitation', params: { route: 'reverse' } }, target: 'penalizedAfterReverseTransfer', actions: 'recordPenalty' },
        ],
        DECIDE_NO_PENALTY: { target: 'closedNoPenalty', actions: 'recordNoPenalty' },
      },
    },

    concluded: { type: 'final', meta: meta('F8', '刑事程序终结', 'Criminal case concluded', 'E1') },
    penalizedAfterNonFiling: { type: 'final', meta: meta('F11', '不予立案后行政处罚', 'Administrative penalty after non-filing', 'E2') },
    penalizedAfterReverseTransfer: { type: 'final', meta: meta('RP3', '反向移送后行政处罚', 'Administrative penalty after reverse transfer', 'E3') },
    penalizedWithoutTransfer: { type: 'final', meta: meta('F2R', '不批准移送后行政处罚（无犯罪）', 'Administrative penalty, transfer refused (no crime)', 'E2') },
    closedAfterRefusal: { type: 'final', meta: meta('F2R', '不批准移送，记录在案', 'Transfer refused, reasons on file', 'E4') },
    closedAfterIntakeRejected: { type: 'final', meta: meta('S1R', '不予监督后结案', 'Closed after the procuratorate’s reply', 'E4') },
    closedNoPenalty: { type: 'final', meta: meta('F11', '不予行政处罚', 'Closed without a penalty', 'E4') },
  },
})

// ---- Pieces used in several places ---------------------------------------------------
// Function declarations are hoisted, so the machine above can use them.

function reviewOverdue(timer: 'T6' | 'T6x10' | 'T6x30' | 'T6x60') {
  return [
    { type: 'markOverdue', params: { timer } },
    {
      type: 'alert',
      params: {
        to: 'procuratorate',
        timer,
        reason: { zh: '公安机关立案审查逾期未作出决定', en: 'the police filing review is overdue without a decision' },
        source: timer === 'T6' ? 'R310 arts 8, 17; SPP-R art. 562' : 'ECR art. 16; SPP-R art. 562',
      },
    },
  ] as const
}

function explanationOverdueActions(timer: 'T11' | 'T15', source: string) {
  return [
    { type: 'markOverdue', params: { timer } },
    {
      type: 'alert',
      params: {
        to: 'procuratorate',
        timer,
        reason: { zh: '公安机关7日内未说明理由；可发纠正意见或通知立案', en: 'the police gave no reasons within 7 days; a correction opinion or a notice to file may follow' },
        source,
      },
    },
  ] as const
}

function adminOverdue(timer: 'T47' | 'T47x30') {
  return [
    { type: 'markOverdue', params: { timer } },
    {
      type: 'alert',
      params: {
        to: 'supervisor',
        timer,
        reason: { zh: '行政处罚决定逾期未作出', en: 'the administrative decision is overdue' },
        source: 'APL art. 60',
      },
    },
  ] as const
}

function filingNotices() {
  return [
    {
      type: 'dispatch',
      params: {
        to: 'aea',
        kind: 'filingNotice',
        title: { zh: '立案通知书', en: 'Notice of filing' },
        task: 'handOverItems',
        dueTimer: 'T10',
        source: 'R310 arts 8, 12; PSP art. 180(1)',
      },
    },
    { type: 'copyToProcuratorate', params: { kind: 'filingNoticeCopy', title: { zh: '立案通知书（抄送）', en: 'Notice of filing (copy)' } } },
  ] as const
}

function supervisedFilingNotices() {
  return [
    {
      type: 'dispatch',
      params: { to: 'procuratorate', kind: 'filingDecision', title: { zh: '立案决定书（监督立案）', en: 'Filing decision (under supervision)' }, source: 'SPP-R art. 563; PSP art. 182(2)' },
    },
    {
      type: 'dispatch',
      params: {
        to: 'aea',
        kind: 'filingNotice',
        title: { zh: '立案通知书', en: 'Notice of filing' },
        task: 'handOverItems',
        dueTimer: 'T10',
        source: 'R310 arts 8, 12',
      },
    },
  ] as const
}

function noticeToFile() {
  return {
    type: 'dispatch',
    params: {
      to: 'police',
      kind: 'noticeToFile',
      title: { zh: '通知立案书', en: 'Notice to file' },
      task: 'fileCase',
      dueTimer: 'T13',
      source: 'CPL art. 113; SPP-R art. 563',
    },
  } as const
}

function supervisionLetter(route: SupervisionRoute) {
  return {
    type: 'dispatch',
    params: {
      to: 'procuratorate',
      kind: route === 'nonFiling' ? 'supervisionSuggestion' : 'overdueReviewPetition',
      title: route === 'nonFiling'
        ? { zh: '立案监督建议书', en: 'Suggestion of case-filing supervision' }
        : { zh: '公安机关逾期未作出立案决定的监督申请', en: 'Petition: the police review is overdue' },
      task: 'reviewSupervisionRequest',
      source: route === 'nonFiling' ? 'R310 art. 9; SPP-R art. 557' : 'SPP-R art. 562',
    },
  } as const
}

function transferBack() {
  return [
    'recordReverseTransfer',
    {
      type: 'dispatch',
      params: {
        to: 'aea',
        kind: 'reverseTransferLetter',
        title: { zh: '移送案件通知书（行政处理）', en: 'Case transferred back for administrative handling' },
        task: 'handleReverseTransfer',
        source: 'R310 art. 13; PSP art. 177',
      },
    },
  ] as const
}

/** F6A → F7 → F8 (with F8a, and the exits to RP1/RP2/E1); used plain and under supervision (S6). */
function criminalTrack() {
  const filed = machineSetup.createStateConfig({
    meta: meta('F6A', '已立案', 'Filed'),
    initial: 'awaitingReceipt',
    states: {
      awaitingReceipt: {
        meta: meta('F6A', '立案通知书待送达', 'Filing notice in transit'),
        on: {
          RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'filingNotice' } }, target: 'handover', actions: 'recordReceipt' },
        },
      },
      handover: {
        meta: meta('F7', '移交涉案物品', 'Hand-over of items'),
        initial: 'onTime',
        states: {
          onTime: {
            meta: meta('F7', '移交涉案物品（3日）', 'Hand-over of items (3 days)'),
            after: {
              T10: {
                target: 'escalated',
                actions: [
                  { type: 'markOverdue', params: { timer: 'T10' } },
                  {
                    type: 'alert',
                    params: {
                      to: 'government',
                      timer: 'T10',
                      reason: { zh: '接到立案通知书后3日内未移交涉案物品', en: 'the items were not handed over within 3 days of the filing notice' },
                      source: 'R310 arts 12, 16',
                    },
                  },
                ],
              },
            },
          },
          escalated: {
            meta: meta('F-ESC', '逾期移交，上级督办', 'Overdue hand-over escalated'),
            on: {
              ORDER_TRANSFER: {
                actions: [
                  'recordGovernmentOrder',
                  {
                    type: 'dispatch',
                    params: { to: 'aea', kind: 'governmentOrder', title: { zh: '责令限期移交通知', en: 'Order to hand over within a set time' }, task: 'complyWithOrder', source: 'R310 art. 16' },
                  },
                ],
              },
            },
          },
        },
      },
    },
    on: {
      HAND_OVER_ITEMS: {
        target: 'criminalProceeding',
        actions: [
          'recordHandover',
          {
            type: 'dispatch',
            params: { to: 'police', kind: 'handoverRecord', title: { zh: '涉案物品移交清单', en: 'Hand-over list of items' }, source: 'R310 art. 12; PSP art. 185(2)' },
          },
        ],
      },
    },
  })
  const criminalProceeding = machineSetup.createStateConfig({
    meta: meta('F8', '刑事诉讼', 'Criminal proceeding'),
    initial: 'investigation',
    states: {
      investigation: {
        meta: meta('F8', '侦查', 'Investigation'),
        on: {
          MOVE_CASE: {
            target: 'moved',
            actions: 'recordMove',
          },
        },
      },
      moved: {
        meta: meta('F8', '移送其他公安机关或并案（F8a）', 'Moved to another police organ (F8a)'),
        after: {
          T16: {
            actions: [
              { type: 'markOverdue', params: { timer: 'T16' } },
              {
                type: 'alert',
                params: {
                  to: 'procuratorate',
                  timer: 'T16',
                  reason: { zh: '移送或并案后3日内未通知行政执法机关', en: 'the AEA was not notified within 3 days of the move' },
                  source: 'PSP art. 184',
                },
              },
            ],
          },
        },
        on: {
          NOTIFY_MOVED: {
            target: 'investigation',
            actions: {
              type: 'dispatch',
              params: { to: 'aea', kind: 'moveNotice', title: { zh: '案件移送（并案）通知书', en: 'Notice of the move' }, source: 'PSP art. 184' },
            },
          },
        },
      },
    },
    on: {
      WITHDRAW_CASE: { target: '#criminalTransfer.withdrawalNotice', actions: 'recordWithdrawal' },
      TRANSFER_BACK: { target: '#criminalTransfer.reverseTransfer', actions: transferBack() },
      CONCLUDE: {
        target: '#criminalTransfer.concluded',
        actions: [
          'recordOutcome',
          {
            type: 'dispatch',
            params: { to: 'aea', kind: 'criminalOutcome', title: { zh: '刑事处理结果（罚款折抵）', en: 'Criminal outcome (fine offset)' }, source: 'R310 art. 11(3); APL art. 35(2)' },
          },
        ],
      },
    },
  })
  return { filed, criminalProceeding }
}
