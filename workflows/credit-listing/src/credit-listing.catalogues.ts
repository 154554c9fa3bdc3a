// The versioned catalogues of credit punishment (DOMAIN.md §4): the measures a record carries,
// the joint-punishment mapping, the SAMR-44 categories and the CNIPA-2022 conduct, each item
// with its source and how far it is verified (✅ text checked, ☑️ secondary sources, ⚠️ best understanding).

import type { PublicMeasure, Verification, Bilingual } from '@xianjie/domain'

import type { Art12Factor, Art9Item, CnipaConduct, Field, PenaltyType, ViolationArticle } from './credit-listing.types.ts'

/** Bumped whenever an item below changes: a public record names the measures as they stood. */
export const CATALOGUE_VERSION = '2026.1'

interface Sourced extends Bilingual {
  source: string
  verification: Verification
}

export const PENALTY_TYPE_TITLES: Record<PenaltyType, Bilingual> = {
  warning: { zh: '警告', en: 'warning' },
  circular: { zh: '通报批评', en: 'circular of criticism' },
  fine: { zh: '罚款', en: 'fine' },
  confiscation: { zh: '没收违法所得、没收非法财物', en: 'confiscation of unlawful gains or property' },
  qualificationLowered: { zh: '降低资质等级', en: 'qualification grade lowered' },
  permitRevoked: { zh: '吊销许可证件', en: 'permit revoked' },
  licenceRevoked: { zh: '吊销营业执照', en: 'business licence revoked' },
  productionRestricted: { zh: '限制开展生产经营活动', en: 'production or business activity restricted' },
  suspension: { zh: '责令停产停业', en: 'production or business suspended' },
  closure: { zh: '责令关闭', en: 'ordered closed' },
  practiceRestricted: { zh: '限制从业', en: 'practice restricted' },
  otherHeavier: { zh: '其他较重行政处罚', en: 'other heavier penalty' },
}

/** SAMR-44 art. 2(2) ☑️: besides a fine under the heavier-penalty principle, these types are 较重行政处罚. */
export const HEAVIER_TYPES = [
  'qualificationLowered',
  'permitRevoked',
  'licenceRevoked',
  'productionRestricted',
  'suspension',
  'closure',
  'practiceRestricted',
  'otherHeavier',
] as const satisfies readonly PenaltyType[]

/** SAMR-45 art. 14(3) ✅: publicity of these penalties never stops early. */
export const NO_EARLY_STOP_TYPES = [
  'suspension',
  'productionRestricted',
  'practiceRestricted',
  'qualificationLowered',
  'permitRevoked',
  'licenceRevoked',
  'otherHeavier',
] as const satisfies readonly PenaltyType[]

export const VIOLATION_ARTICLE_TITLES: Record<ViolationArticle, Sourced> = {
  5: { zh: '食品安全领域严重违法失信行为', en: 'food safety', source: 'SAMR-44 art. 5', verification: '☑️' },
  6: { zh: '药品、医疗器械、化妆品领域严重违法失信行为', en: 'drugs, medical devices and cosmetics', source: 'SAMR-44 art. 6', verification: '☑️' },
  7: { zh: '质量安全领域严重违法失信行为', en: 'quality and safety', source: 'SAMR-44 art. 7', verification: '☑️' },
  8: { zh: '侵害消费者权益的严重违法失信行为', en: 'consumer rights', source: 'SAMR-44 art. 8', verification: '☑️' },
  9: { zh: '破坏公平竞争秩序和扰乱市场秩序的严重违法失信行为', en: 'fair competition and market order', source: 'SAMR-44 art. 9', verification: '☑️' },
  10: { zh: '拒绝、阻碍、干扰市场监管部门依法开展监督检查和事故调查的行为', en: 'obstructing inspections and accident investigations', source: 'SAMR-44 art. 10', verification: '☑️' },
}

/** SAMR-44 art. 9 ☑️: the IP-relevant items of the fair-competition category. */
export const ART9_ITEMS: Record<Art9Item, Sourced> = {
  ipInfringement: { zh: '故意侵犯知识产权', en: 'intentional IP infringement', source: 'SAMR-44 art. 9', verification: '☑️' },
  abnormalPatentOrMaliciousTrademark: {
    zh: '提交非正常专利申请、恶意商标注册申请损害社会公共利益',
    en: 'abnormal patent or malicious trademark applications harming the public interest',
    source: 'SAMR-44 art. 9',
    verification: '☑️',
  },
  ipAgencyMisconduct: { zh: '从事严重违法专利、商标代理行为', en: 'seriously unlawful patent or trademark agency conduct', source: 'SAMR-44 art. 9', verification: '☑️' },
  tradeSecrets: { zh: '侵犯商业秘密', en: 'infringing trade secrets', source: 'SAMR-44 art. 9', verification: '☑️' },
  otherUnfairCompetition: {
    zh: '商业诋毁、组织虚假交易等严重破坏公平竞争秩序的不正当竞争行为',
    en: 'commercial defamation, fake transactions and other serious unfair competition',
    source: 'SAMR-44 art. 9',
    verification: '☑️',
  },
}

/** SAMR-44 art. 12 ☑️: the factors of 性质恶劣、情节严重、社会危害较大. */
export const ART12_FACTORS: Record<Art12Factor, Bilingual> = {
  malice: { zh: '主观恶意', en: 'subjective malice' },
  frequency: { zh: '违法频次', en: 'frequency' },
  duration: { zh: '持续时间', en: 'duration' },
  penaltyType: { zh: '处罚类型', en: 'penalty type' },
  fineAmount: { zh: '罚没款数额', en: 'amount of fines and confiscations' },
  goodsValue: { zh: '产品货值金额', en: 'value of the goods' },
  healthHarm: { zh: '对人民群众生命健康的危害', en: 'harm to life and health' },
  propertyLoss: { zh: '财产损失', en: 'property loss' },
  socialImpact: { zh: '社会影响', en: 'social impact' },
}

export const FIELD_TITLES: Record<Field, Bilingual> = {
  general: { zh: '一般领域', en: 'general' },
  food: { zh: '食品', en: 'food' },
  drugs: { zh: '药品', en: 'drugs' },
  specialEquipment: { zh: '特种设备', en: 'special equipment' },
}

/** CNIPA-2022 art. 6 ☑️: the seven kinds of untrustworthy conduct. */
export const CNIPA_CONDUCT: Record<CnipaConduct, Sourced> = {
  1: { zh: '不以保护创新为目的的非正常专利申请行为', en: 'abnormal patent applications not aimed at protecting innovation', source: 'CNIPA-2022 art. 6(1)', verification: '☑️' },
  2: { zh: '恶意商标注册申请行为', en: 'malicious trademark applications', source: 'CNIPA-2022 art. 6(2)', verification: '☑️' },
  3: {
    zh: '违反法律、行政法规从事专利、商标代理并受到国家知识产权局行政处罚',
    en: 'unlawful patent or trademark agency penalised by CNIPA',
    source: 'CNIPA-2022 art. 6(3)',
    verification: '☑️',
  },
  4: { zh: '提交虚假材料或者隐瞒重要事实申请行政确认', en: 'false materials or concealed facts in an application for administrative confirmation', source: 'CNIPA-2022 art. 6(4)', verification: '☑️' },
  5: { zh: '适用信用承诺被认定承诺不实或者未履行承诺', en: 'a credit commitment found untrue or not honoured', source: 'CNIPA-2022 art. 6(5)', verification: '☑️' },
  6: {
    zh: '对作出的行政处罚、行政裁决，有履行能力但拒不履行、逃避执行',
    en: 'refusing or evading an administrative penalty or ruling while able to perform',
    source: 'CNIPA-2022 art. 6(6)',
    verification: '☑️',
  },
  7: { zh: '其他被列入知识产权领域公共信用信息具体条目且应被认定为失信的行为', en: 'other items of the IP public-credit catalogue', source: 'CNIPA-2022 art. 6(7)', verification: '☑️' },
}

/**
 * The management measures of the serious-violation list: SAMR-44 art. 16 (⚠️ best
 * understanding of items (1)–(5)) and ECIP art. 18 ✅ (restrictions for listed enterprises).
 */
export const SERIOUS_LIST_MEASURES: PublicMeasure[] = [
  {
    code: 'samr44.16.1-consideration',
    zh: '在审查行政许可、资质、资格、委托承担政府采购项目、工程招投标时作为重要考量因素',
    en: 'an important consideration in licensing, qualification, government procurement and bidding',
    source: 'SAMR-44 art. 16(1)',
    verification: '⚠️',
  },
  { code: 'samr44.16.2-key-supervision', zh: '列为重点监管对象，提高检查频次', en: 'key supervision target with more frequent inspections', source: 'SAMR-44 art. 16(2)', verification: '⚠️' },
  { code: 'samr44.16.3-no-commitment', zh: '不适用告知承诺制度', en: 'the notice-and-commitment system does not apply', source: 'SAMR-44 art. 16(3)', verification: '⚠️' },
  { code: 'samr44.16.4-no-honours', zh: '不予授予市场监督管理部门荣誉称号等表彰奖励', en: 'no SAMR honours or awards', source: 'SAMR-44 art. 16(4)', verification: '⚠️' },
  {
    code: 'samr44.16.5-other',
    zh: '法律、行政法规和党中央、国务院政策文件规定的其他管理措施',
    en: 'other measures under law or central policy',
    source: 'SAMR-44 art. 16(5)',
    verification: '⚠️',
  },
  { code: 'ecip18.procurement', zh: '在政府采购中予以限制或者禁入', en: 'restricted or excluded in government procurement', source: 'ECIP art. 18', verification: '✅' },
  { code: 'ecip18.bidding', zh: '在工程招投标中予以限制或者禁入', en: 'restricted or excluded in construction bidding', source: 'ECIP art. 18', verification: '✅' },
  { code: 'ecip18.land', zh: '在国有土地出让中予以限制或者禁入', en: 'restricted or excluded in state land transfers', source: 'ECIP art. 18', verification: '✅' },
  { code: 'ecip18.honours', zh: '在授予荣誉称号等方面予以限制或者禁入', en: 'restricted or excluded from honours', source: 'ECIP art. 18', verification: '✅' },
]

/** CNIPA-2022 art. 9 ☑️: the measures against a subject found untrustworthy (不减损权益、不增加义务). */
export const CNIPA_MEASURES: PublicMeasure[] = [
  { code: 'cnipa9.1-fiscal-projects', zh: '对申请财政性资金项目从严审查', en: 'stricter review of applications for fiscal-fund projects', source: 'CNIPA-2022 art. 9(1)', verification: '☑️' },
  {
    code: 'cnipa9.2-preferences',
    zh: '对专利、商标有关费用减缴、优先审查等优惠政策从严审查',
    en: 'stricter review of fee reductions, priority examination and other preferences',
    source: 'CNIPA-2022 art. 9(2)',
    verification: '☑️',
  },
  { code: 'cnipa9.3-awards', zh: '取消参加国家知识产权局评优评先资格', en: 'disqualified from CNIPA awards', source: 'CNIPA-2022 art. 9(3)', verification: '☑️' },
  {
    code: 'cnipa9.4-demonstration',
    zh: '不得参加国家知识产权示范和优势企业申报、中国专利奖评选',
    en: 'disqualified from the national IP demonstration and advantage-enterprise schemes and the China Patent Award',
    source: 'CNIPA-2022 art. 9(4)',
    verification: '☑️',
  },
  { code: 'cnipa9.5-key-supervision', zh: '列为重点监管对象，提高检查频次', en: 'key supervision target with more frequent inspections', source: 'CNIPA-2022 art. 9(5)', verification: '☑️' },
  { code: 'cnipa9.6-no-commitment', zh: '不适用信用承诺制', en: 'the credit-commitment system does not apply', source: 'CNIPA-2022 art. 9(6)', verification: '☑️' },
  { code: 'cnipa9.7-other', zh: '依据法律、行政法规和党中央、国务院政策文件应采取的其他管理措施', en: 'other measures under law or central policy', source: 'CNIPA-2022 art. 9(7)', verification: '☑️' },
]

/** Measures the partners apply beyond the list's own (⚠️: the departments' own rules were not retrieved). */
export const JOINT_MEASURES: PublicMeasure[] = [
  {
    code: 'joint.pbc-credit-reference',
    zh: '在融资授信中作为参考',
    en: 'considered in financing and credit decisions',
    source: 'GB-49 (joint punishment scope); PBC rules not retrieved',
    verification: '⚠️',
  },
  { code: 'joint.tax-credit-assessment', zh: '在纳税信用评价中予以考虑', en: 'considered in the tax-credit assessment', source: 'GB-49; tax-credit rules not retrieved', verification: '⚠️' },
  {
    code: 'joint.customs-credit',
    zh: '在海关企业信用管理中予以参考',
    en: 'considered in customs enterprise credit management',
    source: 'GB-49; customs credit rules not retrieved',
    verification: '⚠️',
  },
]

export interface JointPunishment {
  kind: 'partner.ndrc' | 'partner.pbc' | 'partner.tax' | 'partner.customs'
  /** Codes of SERIOUS_LIST_MEASURES or JOINT_MEASURES this partner applies. */
  measures: string[]
  source: string
  /** Of the mapping (which department applies which measure), not of the measures themselves. */
  verification: Verification
  note: string
}

/**
 * Which partner applies which measure on a `jointPunishmentNotice`. A demo mapping: ECIP art. 18 ✅
 * names the measures, GB-49 ☑️ limits joint punishment to law and central policy, but which
 * department carries each measure in a given province is local practice, not verified (⚠️).
 */
export const JOINT_PUNISHMENT: Record<'partnerNdrc' | 'partnerPbc' | 'partnerTax' | 'partnerCustoms', JointPunishment> = {
  partnerNdrc: {
    kind: 'partner.ndrc',
    measures: ['ecip18.procurement', 'ecip18.bidding', 'ecip18.honours', 'ecip18.land'],
    source: 'ECIP art. 18 ✅; GB-49 ☑️',
    verification: '⚠️',
    note: '发展改革委（信用办）统筹联合惩戒；政府采购、招投标、土地出让的具体实施部门因地而异（演示映射）',
  },
  partnerPbc: {
    kind: 'partner.pbc',
    measures: ['joint.pbc-credit-reference'],
    source: 'GB-49 ☑️; PBC rules not retrieved',
    verification: '⚠️',
    note: '人民银行：融资授信参考（演示映射）',
  },
  partnerTax: {
    kind: 'partner.tax',
    measures: ['joint.tax-credit-assessment'],
    source: 'GB-49 ☑️; tax-credit rules not retrieved',
    verification: '⚠️',
    note: '税务：纳税信用评价（演示映射）',
  },
  partnerCustoms: {
    kind: 'partner.customs',
    measures: ['joint.customs-credit'],
    source: 'GB-49 ☑️; customs credit rules not retrieved',
    verification: '⚠️',
    note: '海关：企业信用管理（演示映射）',
  },
}

export const PARTNER_KEYS = ['partnerNdrc', 'partnerPbc', 'partnerTax', 'partnerCustoms'] as const
export type PartnerKey = (typeof PARTNER_KEYS)[number]

/** The measures (with titles) a partner applies. */
export function partnerMeasures(partner: PartnerKey): PublicMeasure[] {
  const all = [...SERIOUS_LIST_MEASURES, ...JOINT_MEASURES]
  return JOINT_PUNISHMENT[partner].measures.map((code) => {
    const measure = all.find((m) => m.code === code)
    if (measure === undefined) throw new Error(`JOINT_PUNISHMENT.${partner} names an unknown measure ${code}`)
    return measure
  })
}

/**
 * Whether the flag of the SAMR-44 approval step is on. Gansu measures art. 3 ☑️ (and the
 * SAMR 2025 draft-revision commentary) confirm that county- and city-level listing decisions
 * need the upper-level bureau's approval; the draft would drop it, so it is a flag.
 */
export interface ListingConfig {
  requiresUpperLevelApproval: boolean
  source: string
  verification: Verification
}

export const LISTING_CONFIG: Readonly<ListingConfig> = Object.freeze({
  requiresUpperLevelApproval: true,
  source: 'Gansu measures art. 3 ☑️; SAMR 2025 draft revision of SAMR-44 would drop it',
  verification: '☑️',
})
