// Context, input and event shapes of judicial confirmation of mediation agreements (DOMAIN.md §3),
// and the statutory lists (grounds, materials) as data.
import type { AgencyFacts, MachineEventBase, OpenedCase, ParentFacts, Receipt, Bilingual } from '@xianjie/domain'

/** people: a mediation organisation mediated on its own; courtInvited: 先行调解 at a court's invitation; administrative: a bureau mediated on request. */
export const MODES = ['people', 'courtInvited', 'administrative'] as const
export type Mode = (typeof MODES)[number]

export const SUBJECT_TYPES = [
  'inventionPatent',
  'utilityModelPatent',
  'designPatent',
  'plantVariety',
  'layoutDesign',
  'technicalSecret',
  'software',
  'monopoly',
  'wellKnownTrademark',
  'trademark',
  'copyright',
  'unfairCompetition',
  'other',
] as const
export type SubjectType = (typeof SUBJECT_TYPES)[number]

export const SUBJECT_TYPE_TITLES: Record<SubjectType, Bilingual> = {
  inventionPatent: { zh: '发明专利', en: 'invention patent' },
  utilityModelPatent: { zh: '实用新型专利', en: 'utility-model patent' },
  designPatent: { zh: '外观设计专利', en: 'design patent' },
  plantVariety: { zh: '植物新品种', en: 'plant variety' },
  layoutDesign: { zh: '集成电路布图设计', en: 'integrated-circuit layout design' },
  technicalSecret: { zh: '技术秘密', en: 'technical secret' },
  software: { zh: '计算机软件', en: 'computer software' },
  monopoly: { zh: '垄断', en: 'monopoly' },
  wellKnownTrademark: { zh: '驰名商标认定', en: 'well-known trademark' },
  trademark: { zh: '商标', en: 'trademark' },
  copyright: { zh: '著作权', en: 'copyright' },
  unfairCompetition: { zh: '不正当竞争', en: 'unfair competition' },
  other: { zh: '其他知识产权', en: 'other IP' },
}

export const PATENT_TYPES = ['inventionPatent', 'utilityModelPatent', 'designPatent'] as const satisfies readonly SubjectType[]
export const TRADEMARK_TYPES = ['trademark', 'wellKnownTrademark'] as const satisfies readonly SubjectType[]

export const MATTERS = ['damages', 'ownership', 'inventorship', 'serviceInventionReward', 'licenceFee', 'contract', 'other'] as const
export type Matter = (typeof MATTERS)[number]

export const MATTER_TITLES: Record<Matter, Bilingual> = {
  damages: { zh: '侵权赔偿', en: 'damages' },
  ownership: { zh: '权属', en: 'ownership' },
  inventorship: { zh: '发明人、设计人资格', en: 'inventorship' },
  serviceInventionReward: { zh: '职务发明奖励、报酬', en: 'service-invention reward' },
  licenceFee: { zh: '使用费', en: 'licence fee' },
  contract: { zh: '合同', en: 'contract' },
  other: { zh: '其他', en: 'other' },
}

/** CivPL-I art. 355(1)(5): these matters confirm IP rights (知识产权确权) and are not confirmable by default (DOMAIN §6.4). */
export const OWNERSHIP_MATTERS = ['ownership', 'inventorship'] as const satisfies readonly Matter[]

/** CivPL-I art. 354; SPC-2011 art. 3. */
export const MATERIAL_KINDS = ['applicationForm', 'agreement', 'mediationProof', 'propertyProof', 'identity', 'serviceAddress', 'powerOfAttorney'] as const
export type MaterialKind = (typeof MATERIAL_KINDS)[number]

export const MATERIAL_TITLES: Record<MaterialKind, Bilingual> = {
  applicationForm: { zh: '司法确认申请书', en: 'application form' },
  agreement: { zh: '调解协议', en: 'mediation agreement' },
  mediationProof: { zh: '调解组织主持调解的证明', en: 'proof the organisation presided over the mediation' },
  propertyProof: { zh: '与调解协议相关的财产权利证明', en: 'proof of related property rights' },
  identity: { zh: '身份证明、资格证明', en: 'identity and qualification certificates' },
  serviceAddress: { zh: '送达地址、联系方式', en: 'service address and contact details' },
  powerOfAttorney: { zh: '授权委托书', en: 'power of attorney' },
}

export interface GroundText {
  item: number
  zh: string
  en: string
}

/** CivPL-I art. 355(1): grounds of non-acceptance (and, found after acceptance, of rejection: art. 355(2)). */
export const NON_ACCEPTANCE_GROUNDS: readonly GroundText[] = [
  { item: 1, zh: '不属于人民法院受理范围的', en: 'outside the scope of matters courts accept' },
  { item: 2, zh: '不属于收到申请的人民法院管辖的', en: 'not within the jurisdiction of the court that received the application' },
  { item: 3, zh: '申请确认婚姻关系、亲子关系、收养关系等身份关系无效、有效或者解除的', en: 'seeks to confirm the invalidity, validity or dissolution of a status relation (marriage, parentage, adoption)' },
  { item: 4, zh: '涉及适用其他特别程序、公示催告程序、破产程序审理的', en: 'requires another special procedure, the public-notice procedure or bankruptcy' },
  { item: 5, zh: '调解协议内容涉及物权、知识产权确权的', en: 'the agreement confirms real rights or intellectual-property rights' },
]

/** CivPL-I art. 358: grounds of rejecting the application after review. */
export const REJECTION_GROUNDS: readonly GroundText[] = [
  { item: 1, zh: '违反法律强制性规定的', en: 'violates mandatory provisions of law' },
  { item: 2, zh: '损害国家利益、社会公共利益、他人合法权益的', en: 'harms state or public interests or the lawful rights of others' },
  { item: 3, zh: '违背公序良俗的', en: 'violates public order or good morals' },
  { item: 4, zh: '违反自愿原则的', en: 'violates the principle of voluntariness' },
  { item: 5, zh: '内容不明确的', en: 'its content is unclear' },
  { item: 6, zh: '其他不能进行司法确认的情形', en: 'other reasons it cannot be confirmed' },
]

export const TREAT_AS_WITHDRAWN_REASONS = ['materialsNotSupplied', 'refusedQuestioning'] as const
export type TreatAsWithdrawnReason = (typeof TREAT_AS_WITHDRAWN_REASONS)[number]

export interface Dispute {
  subjectType: SubjectType
  matter: Matter
  /** The agreement confirms ownership of an IP right (CivPL-I art. 355(1)(5)). */
  confirmsOwnership: boolean
  /** 标的物所在地 (GB/T 2260), one of the places of CivPL art. 205(2). */
  subjectLocation: string | null
  /** The underlying dispute belongs to an intermediate court (CivPL art. 205(2), second clause). */
  intermediateLevel: boolean
  summary: string
}

export interface AgreementInput {
  text: string
  /** Mandatory: the 30-day window of CivPL art. 205 runs from it. */
  effectiveDate: string
  signedBy?: string[]
  amount?: number
  /** Last day of performance, or of the last instalment (CivPL art. 250(2)). */
  lastPerformanceDate?: string
}

export interface Agreement {
  text: string
  effectiveDate: string
  /** Start of the effective date in China time (anchor of T21). */
  effectiveAt: string
  signedBy: string[]
  amount: number | null
  lastPerformanceDate: string | null
  recordedAt: string
}

export interface DisputeInput {
  subjectType: SubjectType
  matter: Matter
  confirmsOwnership?: boolean
  subjectLocation?: string
  intermediateLevel?: boolean
  summary: string
}

/** The open payload after validation, merged with what the engine adds. */
export interface JudicialConfirmationInput extends OpenedCase {
  title?: string
  mode: Mode
  dispute: DisputeInput
  agreement?: AgreementInput
  request?: { text: string; mediationRequested: true }
}

export type ApplicantKey = 'applicant1' | 'applicant2'

/** An applicant's contact for service (CivPL-I art. 354; SPC-2011 art. 3). */
export interface Contact {
  phone: string
  serviceAddress?: string
}

export interface Application {
  by: ApplicantKey
  at: string
  courts: string[]
  form: 'written' | 'oral'
  materials: MaterialKind[]
  viaAgent: boolean
  propertyLocation: string | null
  joinedAt: string | null
  /** Each applicant's contact, by its party key, when it gave one (absent otherwise, so older cases replay as stored). */
  contacts?: Partial<Record<ApplicantKey, Contact>>
}

export interface AcceptanceRefusal {
  court: string
  ground: number
  reasons: string
  at: string
}

export interface CourtOrder {
  kind: 'materials' | 'statements'
  court: string
  items: string[]
  dueDate: string
  at: string
  lapsed: boolean
}

export interface Objection {
  kind: 'party' | 'interested'
  /** Party key of the objecting applicant, or the interested party's name. */
  objector: string
  knewAt: string | null
  reasons: string
  evidence: string[]
  at: string
  outcome: 'pending' | 'upheld' | 'dismissed'
  decidedAt: string | null
}

export type ObjectionWindow = 'awaitingService' | 'open' | 'closed'

export type { Receipt }

export interface JudicialConfirmationContext {
  caseId: string
  openedAt: string
  /** Party key → agency id; copied to the case after every event. */
  parties: Record<string, string>
  /** Facts of every agency named so far (open parties, filed and enforcement courts). */
  agencies: Record<string, AgencyFacts>
  title: string | null
  mode: Mode
  dispute: Dispute
  request: { text: string; mediationRequested: true } | null
  /** The case this one re-mediates after a rejection or a lapsed window. */
  remediationOf: ParentFacts | null
  mediationAnswer: { agrees: boolean; opinion: string; at: string } | null
  mediationOutcome: { kind: 'notOpened' | 'failed'; reasons: string; at: string } | null
  agreement: Agreement | null
  /** Anchor of T21 (the agreement's effective date, 00:00 China time). */
  agreementEffectiveAt: string | null
  application: Application | null
  withdrawnApplications: Array<{ by: ApplicantKey; at: string }>
  filedCourts: string[]
  /** Filed courts that have not refused; the first to accept handles the case (CivPL-I art. 352). */
  pendingCourts: string[]
  acceptanceRefusals: AcceptanceRefusal[]
  orders: CourtOrder[]
  /** Anchor of TJ2S / TJ4S: 00:00 China time of the court-set date (due at its 24:00). */
  courtSetDueFrom: string | null
  /** The court-set date of the current order passed without the act (CivPL-I art. 357(2)). */
  courtSetDatePassed: boolean
  supplies: Array<{ by: string; at: string; materials: string[]; text: string | null }>
  acceptedAt: string | null
  caseNumber: string | null
  extension: { days: number; reasons: string; by: string; at: string } | null
  inquiries: Array<{ at: string; record: string; summonedBoth: boolean }>
  confirmation: { at: string; reasoning: string } | null
  rejection: { at: string; article: '355' | '358'; item: number; reasons: string } | null
  withdrawal: { at: string; kind: 'withdrawn' | 'treatedAsWithdrawn'; by: string; reason: string | null } | null
  objectionWindows: Record<ApplicantKey, ObjectionWindow>
  objections: Objection[]
  /** Anchor of T26: the start of the period to apply for enforcement (CivPL art. 250). */
  enforcementFrom: string | null
  interruptions: Array<{ demandedAt: string; how: string; at: string }>
  performance: { at: string; note: string } | null
  enforcement: { at: string; court: string; propertyLocation: string | null; reasons: string; caseNo: string | null; registeredAt: string | null } | null
  /** Documents issued (the engine stores their text). */
  documents: Array<{ kind: string; at: string }>
  /** Ids of DUTY timers that fired (OVERDUE_DUTY). */
  overdue: string[]
  receipts: Receipt[]
}

export type JudicialConfirmationEvent = MachineEventBase
