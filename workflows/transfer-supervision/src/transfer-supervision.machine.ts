// The procuratorate's supervision of an administrative enforcement agency that penalized or
// closed a case it should have transferred to the police (应当移送而不移送, 该移不移;
// DOMAIN.md §2.5 "Procuratorate supervision of the AEA's own non-transfer"). The state ids
// (SA0…SA3R) are Xianjie's own: DOMAIN.md names none.
// Pure: guards and assigns read time only from `event.at`; effects are `dispatch` and `alert`.

import { and, assign, setup } from 'xstate'
import { addOnce, REASONS, receiptOf, stringsOf, type AlertParams, type DispatchParams, type Bilingual } from '@xianjie/domain'

import { transferSupervisionDelays } from './transfer-supervision.timers.ts'
import {
  OPINION_GROUNDS,
  type OpinionGround,
  type TransferSupervisionContext,
  type TransferSupervisionEvent,
  type TransferSupervisionInput,
} from './transfer-supervision.types.ts'

export type EndCode = 'E-NO' | 'E-COMPLIED' | 'E-ACCEPTED' | 'E-REFERRED'

export interface StateMeta {
  /** Xianjie's state id (SA0, SA0X, SA1, SA2, SA3, SA3A, SA3R). */
  id: string
  title: Bilingual
  end?: EndCode
}

const meta = (id: string, zh: string, en: string, end?: EndCode): StateMeta =>
  end === undefined ? { id, title: { zh, en } } : { id, title: { zh, en }, end }

/** Dispatch kinds whose receipt by the other agency starts a timer (the router sends RECEIPT). */
export const RECEIPT_KINDS = {
  procuratorialOpinion: 'TS1',
} as const

/** The least a stated reason may be, as the payload schema has it. */
const MIN_REASONS = Number(REASONS['minLength'])

const isGround = (value: string): value is OpinionGround => (OPINION_GROUNDS as readonly string[]).includes(value)

/** The grounds of an opinion payload when every item is a known ground named once; else null. */
export function opinionGroundsOf(payload: Record<string, unknown>): OpinionGround[] | null {
  const raw: unknown = payload['grounds']
  if (!Array.isArray(raw) || raw.length === 0) return null
  const grounds = stringsOf(raw)
  if (grounds.length !== raw.length || new Set(grounds).size !== grounds.length || !grounds.every(isGround)) return null
  return grounds as OpinionGround[]
}

const reasonsOf = (payload: Record<string, unknown>): string => String(payload['reasons'] ?? '')

const decision = (event: TransferSupervisionEvent) => ({ at: event.at, by: event.actor.userId, reasons: reasonsOf(event.payload) })

const machineSetup = setup({
  types: {
    context: {} as TransferSupervisionContext,
    events: {} as TransferSupervisionEvent,
    input: {} as TransferSupervisionInput,
    meta: {} as StateMeta,
  },
  delays: transferSupervisionDelays,
  actions: {
    // Effects, declared only: the engine turns them into outbox rows, tasks and alerts.
    dispatch: (_, _params: DispatchParams) => {},
    alert: (_, _params: AlertParams) => {},
    recordReceipt: assign({ receipts: ({ context, event }) => [...context.receipts, receiptOf(event)] }),
    markOverdue: assign({
      overdue: ({ context }, params: { timer: string }) => addOnce(context.overdue, params.timer),
    }),
    recordOpinion: assign({
      opinion: ({ event }) => ({ ...decision(event), grounds: opinionGroundsOf(event.payload) ?? [] }),
    }),
  },
  guards: {
    // Law-carrying guards (named in transferSupervisionRules).
    opinionNamesGrounds: ({ event }) => opinionGroundsOf(event.payload) !== null,
    opinionStatesReasons: ({ event }) => reasonsOf(event.payload).trim().length >= MIN_REASONS,
    // Routing guard (no law of its own).
    isReceipt: ({ event }, params: { kind: string }) => event.payload['dispatchKind'] === params.kind,
  },
})

export const transferSupervisionMachine = machineSetup.createMachine({
  id: 'transferSupervision',
  version: '1',
  context: ({ input }) => ({
    caseId: input.caseId,
    openedAt: input.openedAt,
    parties: { ...input.parties },
    title: input.title,
    parent: input.parent ?? null,
    basis: {
      offence: input.basis.offence,
      thresholdId: input.basis.thresholdId,
      illegalBusinessVolume: input.basis.illegalBusinessVolume ?? null,
      illegalGains: input.basis.illegalGains ?? null,
    },
    flagReasons: input.reasons,
    opinion: null,
    declined: null,
    reply: null,
    transferReport: null,
    review: null,
    overdue: [],
    receipts: [],
  }),
  initial: 'reviewingFlag',
  on: {
    // Receipts the current state does not wait for are recorded, never refused.
    RECEIPT: { actions: 'recordReceipt' },
  },
  states: {
    reviewingFlag: {
      meta: meta('SA0', '审查移送线索', 'Reviewing the non-transfer flag'),
      on: {
        ISSUE_OPINION: {
          guard: and(['opinionNamesGrounds', 'opinionStatesReasons']),
          target: 'awaitingReply',
          actions: [
            'recordOpinion',
            {
              type: 'dispatch',
              params: {
                to: 'aea',
                kind: 'procuratorialOpinion',
                title: { zh: '检察意见书（要求移送涉嫌犯罪案件）', en: 'Procuratorial opinion requiring transfer' },
                task: 'replyToOpinion',
                dueTimer: 'TS1',
                source: 'SPP-R art. 557(3); SPP-2001 §12',
              },
            },
          ],
        },
        DECLINE_OPINION: {
          target: 'noOpinion',
          actions: assign({ declined: ({ event }) => decision(event) }),
        },
      },
    },

    noOpinion: { type: 'final', meta: meta('SA0X', '不提出检察意见（理由存档）', 'No opinion issued (reasons on file)', 'E-NO') },

    awaitingReply: {
      meta: meta('SA1', '检察意见已送达，待行政执法机关回复', 'Opinion served, awaiting the AEA’s reply'),
      initial: 'opinionInTransit',
      states: {
        opinionInTransit: {
          meta: meta('SA1', '检察意见待送达', 'Opinion in transit'),
          on: {
            RECEIPT: { guard: { type: 'isReceipt', params: { kind: 'procuratorialOpinion' } }, target: 'replyPeriod', actions: 'recordReceipt' },
          },
        },
        replyPeriod: {
          meta: meta('SA1', '检察意见已送达，回复期间', 'Opinion served, reply period running'),
          after: {
            TS1: {
              // The duty remains: the case stays in SA1 and the government is told.
              target: 'replyOverdue',
              actions: [
                { type: 'markOverdue', params: { timer: 'TS1' } },
                {
                  type: 'alert',
                  params: {
                    to: 'government',
                    timer: 'TS1',
                    reason: {
                      zh: '行政执法机关逾期未回复检察意见，既未移送也未说明理由',
                      en: 'the AEA neither transferred nor gave reasons within the reply period of the procuratorial opinion',
                    },
                    source: 'R310 arts 14, 16(2); SPP-2001 §12',
                  },
                },
              ],
            },
          },
        },
        replyOverdue: { meta: meta('SA1', '逾期未回复检察意见', 'Reply to the opinion overdue') },
      },
      on: {
        REPORT_TRANSFERRED: {
          target: 'transferred',
          actions: [
            assign({
              transferReport: ({ event }) => ({
                at: event.at,
                by: event.actor.userId,
                transferCaseNumber: String(event.payload['transferCaseNumber']),
                transferredAt: String(event.payload['transferredAt']),
                reasons: typeof event.payload['reasons'] === 'string' ? event.payload['reasons'] : null,
              }),
            }),
            {
              type: 'dispatch',
              params: { to: 'procuratorate', kind: 'transferReport', title: { zh: '移送情况回复', en: 'Reply: transfer made' }, source: 'R310 arts 3, 5' },
            },
          ],
        },
        REPLY_WITH_REASONS: {
          target: 'reviewingReply',
          actions: [
            assign({ reply: ({ event }) => decision(event) }),
            {
              type: 'dispatch',
              params: {
                to: 'procuratorate',
                kind: 'opinionReply',
                title: { zh: '不移送理由说明', en: 'Reasons for not transferring' },
                task: 'reviewReply',
                source: 'SPP-2001 §12',
              },
            },
          ],
        },
      },
    },

    transferred: { type: 'final', meta: meta('SA2', '已向公安机关移送', 'Transferred to the police', 'E-COMPLIED') },

    reviewingReply: {
      meta: meta('SA3', '检察院审查回复', 'Procuratorate reviews the reply'),
      on: {
        ACCEPT_REPLY: {
          target: 'replyAccepted',
          actions: assign({ review: ({ event }) => ({ ...decision(event), outcome: 'accepted' as const }) }),
        },
        REFER_TO_GOVERNMENT: {
          target: 'referredToGovernment',
          actions: [
            assign({ review: ({ event }) => ({ ...decision(event), outcome: 'referred' as const }) }),
            {
              type: 'dispatch',
              params: {
                to: 'government',
                kind: 'supervisionReferral',
                title: { zh: '关于责令行政执法机关移送涉嫌犯罪案件的函', en: 'Referral: order the AEA to transfer' },
                task: 'superviseTransfer',
                source: 'R310 arts 14(2), 16(2)',
              },
            },
          ],
        },
      },
    },

    replyAccepted: { type: 'final', meta: meta('SA3A', '不移送理由成立', 'AEA’s reasons accepted', 'E-ACCEPTED') },
    referredToGovernment: { type: 'final', meta: meta('SA3R', '提请人民政府责令移送', 'Referred to the government to order the transfer', 'E-REFERRED') },
  },
})
