// Context, input and event shapes of the criminal-transfer procedure (DOMAIN.md §2).
import type { MachineEventBase, Receipt } from '@xianjie/domain'

export const IP_CATEGORIES = ['trademark', 'patent', 'copyright', 'tradeSecret', 'other'] as const
export type IpCategory = (typeof IP_CATEGORIES)[number]

/** R310 art. 3(1) threshold met, or the lower IP bar of art. 3(2) (reasonable suspicion). */
export const SUSPICION_BASES = ['thresholdMet', 'reasonableSuspicion'] as const
export type SuspicionBasis = (typeof SUSPICION_BASES)[number]

/** The documents R310 art. 6 lists; `otherMaterials` is optional. */
export const TRANSFER_DOCUMENT_KINDS = ['transferLetter', 'investigationReport', 'itemList', 'testReport', 'otherMaterials'] as const
export type TransferDocumentKind = (typeof TRANSFER_DOCUMENT_KINDS)[number]

export interface DocumentRef {
  name: string
  sha256: string
}

export interface TransferDocument extends DocumentRef {
  kind: TransferDocumentKind
}

export interface Officer {
  userId: string
  name: string
}

/** Where an AEA supervision request came from: a non-filing (R310 art. 9) or an overdue review (SPP-R art. 562). */
export type SupervisionRoute = 'nonFiling' | 'overdueReview'

/** R310 art. 9 inside its 3-day window, or CPL art. 113 / SPP-R art. 557 (no time limit, ⚠️). */
export type SupervisionBasis = 'R310-art9' | 'CPL-art113'

/** Why the AEA handles the case administratively (F11): after non-filing (E2) or a reverse transfer (E3). */
export type AdminRoute = 'nonFiling' | 'reverse'

export interface ReviewExtension {
  days: 10 | 30 | 60
  approvedBy: string
  approverLevel: 'countyHead' | 'higher'
  reasons: string
  at: string
}

export type { Receipt }

export interface GovernmentOrder {
  at: string
  by: string
  deadline: string
  reasons: string
  disciplinaryReferral: boolean
}

export interface CriminalTransferInput {
  caseId: string
  openedAt: string
  parties: Record<string, string>
  title: string
  ipCategory: IpCategory
  suspicionBasis: SuspicionBasis
  offence: string
  illegalBusinessVolume?: number
  illegalGains?: number
  finePaidAmount?: number
  suspectName: string
  /** An enterprise suspect's 统一社会信用代码. */
  suspectCreditCode?: string
  /** A person suspect's 居民身份证号 (never with a credit code). */
  suspectIdNumber?: string
  copyToProcuratorate?: boolean
  violationDate?: string
  /** APL art. 36: 5 years instead of 2 (life, health or financial safety, with harmful consequences). */
  aggravatedLimitation?: boolean
  adminCaseOpenedAt: string
}

export interface CriminalTransferContext {
  caseId: string
  openedAt: string
  /** Party key → agency id. */
  parties: Record<string, string>
  title: string
  ipCategory: IpCategory
  suspicionBasis: SuspicionBasis
  offence: string
  amounts: { illegalBusinessVolume: number | null; illegalGains: number | null; finePaidAmount: number }
  /** `idNumber` (居民身份证号) only for a person, and only when the bureau gave it: reads mask it (engine policy.ts). */
  suspect: { name: string; creditCode: string | null; idNumber?: string }
  /** §2.7 dual reporting: copy transfer, forwarding, filing and non-filing papers to the procuratorate. */
  copyToProcuratorate: boolean
  violationDate: string | null
  aggravatedLimitation: boolean
  /** Anchor of T47 / T47x30 (APL art. 60). */
  adminCaseOpenedAt: string
  team: Officer[]
  transferReport: { document: DocumentRef; summary: string; at: string } | null
  approval: { at: string; by: string } | null
  headRefusal: { at: string; by: string; reasons: string; noCrimeFound: boolean } | null
  transferDocuments: TransferDocument[]
  noTestingReason: string | null
  dispatchedAt: string | null
  /** Police acceptance (signed receipt); anchor of the ECR extensions T6x10/T6x30/T6x60. */
  acceptedAt: string | null
  reviewExtension: 0 | 10 | 30 | 60
  extensions: ReviewExtension[]
  /** False once T4 fired: a later supplement notice is recorded as late (PSP art. 180(2)). */
  supplementNoticeWindowOpen: boolean
  supplementRequests: Array<{ at: string; items: string[]; late: boolean }>
  supplements: Array<{ at: string; documents: DocumentRef[] }>
  filing: { at: string; decisionNo: string; underSupervision: boolean } | null
  nonFiling: { at: string; reasons: string; returnedFiles: Array<{ name: string; sha256?: string }> } | null
  reconsiderationRequestedAt: string | null
  reconsiderationDecision: { at: string; reasons: string } | null
  /** R310 art. 9(1): closed by T7. */
  reconsiderationWindowOpen: boolean
  /** R310 art. 9 supervision suggestion: closed by T7 (F9) and T9 (F10B). */
  supervisionWindowOpen: boolean
  supervision: { route: SupervisionRoute; basis: SupervisionBasis; at: string; reasons: string } | null
  explanation: { at: string; reasons: string } | null
  governmentOrders: GovernmentOrder[]
  handover: { at: string; itemList: DocumentRef; aeaSignatory: string; policeSignatory: string } | null
  /** T14 (SPP-R art. 564(3)): a reminder letter may be sent once three months have passed. */
  reminderGateOpen: boolean
  reminders: string[]
  movedTo: { agencyId: string; mode: 'moved' | 'merged'; at: string } | null
  withdrawal: { at: string; reasons: string; decisionNo: string } | null
  reverseTransfer: { at: string; reasons: string } | null
  adminRoute: AdminRoute | null
  adminExtensionDays: number
  adminDecision: { at: string; kind: 'penalty' | 'noPenalty'; decisionNo: string | null; fineAmount: number | null } | null
  criminalOutcome: { at: string; outcome: 'prosecuted' | 'judgment'; criminalFine: number | null } | null
  /** R310 art. 11 / APL art. 35(2): the paid administrative fine offset against a criminal fine. */
  fineOffset: number | null
  closure: { at: string; reasons: string } | null
  /** Ids of DUTY timers that fired (OVERDUE_DUTY). */
  overdue: string[]
  receipts: Receipt[]
}

export type CriminalTransferEvent = MachineEventBase
