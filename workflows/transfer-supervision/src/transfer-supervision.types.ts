// Context, input and event shapes of the procuratorate's supervision of an AEA that did not
// transfer a suspected crime (应当移送而不移送; DOMAIN.md §2.5, last part).
import type { MachineEventBase, ParentFacts, Receipt } from '@xianjie/domain'

/** The four grounds on which a procuratorate may issue the opinion (SPP-2001 §12 items 1–4). */
export const OPINION_GROUNDS = ['nonTransfer', 'reportedNonTransfer', 'concealedItems', 'penaltyInsteadOfTransfer'] as const
export type OpinionGround = (typeof OPINION_GROUNDS)[number]

export const OPINION_GROUND_TITLES: Record<OpinionGround, { zh: string; en: string; source: string }> = {
  nonTransfer: { zh: '检察机关发现行政执法机关应当移送的涉嫌犯罪案件而不移送', en: 'the procuratorate found a required transfer not made', source: 'SPP-2001 §12(1)' },
  reportedNonTransfer: { zh: '有关单位和个人举报行政执法机关应当移送的涉嫌犯罪案件而不移送', en: 'a required transfer not made, as reported by a unit or person', source: 'SPP-2001 §12(2); R310 art. 14(2)' },
  concealedItems: { zh: '隐匿、销毁涉案物品或者私分涉案财物', en: 'items hidden or destroyed, or property divided privately', source: 'SPP-2001 §12(3)' },
  penaltyInsteadOfTransfer: { zh: '以行政处罚代替刑事追究而不移送', en: 'a penalty used instead of criminal prosecution', source: 'SPP-2001 §12(4); R310 art. 11(1)' },
}

export type { Receipt }

/** What the flag rests on: the offence and threshold it meets, and the amounts recorded. */
export interface SupervisionBasis {
  offence: string
  /** The prosecution threshold (立案追诉标准) the flag matched, by its id. */
  thresholdId: string
  illegalBusinessVolume: number | null
  illegalGains: number | null
}

export interface TransferSupervisionInput {
  caseId: string
  openedAt: string
  parties: Record<string, string>
  title: string
  basis: { offence: string; thresholdId: string; illegalBusinessVolume?: number; illegalGains?: number }
  /** Why the matter was flagged (the complaint, report or the procuratorate's own finding). */
  reasons: string
  /** The criminal-transfer case it was opened from, as the engine adds it (null without one). */
  parent?: ParentFacts | null
}

/** A decision of the procuratorate or the AEA and who took it. */
export interface Decision {
  at: string
  by: string
  reasons: string
}

export interface Opinion extends Decision {
  grounds: OpinionGround[]
}

export interface TransferReport {
  at: string
  by: string
  transferCaseNumber: string
  transferredAt: string
  reasons: string | null
}

export interface TransferSupervisionContext {
  caseId: string
  openedAt: string
  /** Party key → agency id. */
  parties: Record<string, string>
  title: string
  parent: ParentFacts | null
  basis: SupervisionBasis
  flagReasons: string
  /** 检察意见, with the chief procurator's approval (SPP-R art. 557(3)). */
  opinion: Opinion | null
  /** SA0X: no opinion, the reasons on file. */
  declined: Decision | null
  /** SA3: the AEA's reasons for not transferring. */
  reply: Decision | null
  /** SA2: the AEA reports the transfer it made. */
  transferReport: TransferReport | null
  /** SA3A / SA3R: what the procuratorate made of the reply. */
  review: (Decision & { outcome: 'accepted' | 'referred' }) | null
  /** Ids of DUTY timers that fired (OVERDUE_DUTY). */
  overdue: string[]
  receipts: Receipt[]
}

export type TransferSupervisionEvent = MachineEventBase
