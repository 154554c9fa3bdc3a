// Bilingual names of the payload fields and enum values the procedures use, read from the
// workflows' command schemas (workflows/*/src/*.commands.ts, *.types.ts). Most schemas carry
// no title of their own, and the ones that do are Chinese only: these give forms readable
// labels in both languages. A field or value missing here falls back to its own name.
import type { Bilingual } from '../types.ts'

const b = (zh: string, en: string): Bilingual => ({ zh, en })

/** Payload property names → labels. */
const FIELD_LABELS: Record<string, Bilingual> = {
  // shared
  reasons: b('理由', 'Reasons'),
  note: b('备注', 'Note'),
  summary: b('摘要', 'Summary'),
  title: b('案件名称', 'Case title'),
  name: b('名称', 'Name'),
  userId: b('用户账号', 'User id'),
  sha256: b('SHA-256 哈希', 'SHA-256 hash'),
  kind: b('种类', 'Kind'),
  documents: b('文书材料', 'Documents'),
  evidence: b('证据材料', 'Evidence'),
  items: b('事项', 'Items'),
  days: b('天数', 'Days'),
  agencyId: b('机关', 'Agency'),
  decisionNo: b('决定书文号', 'Decision number'),
  decisionNumber: b('决定书文号', 'Decision number'),
  reference: b('文号', 'Reference'),
  date: b('日期', 'Date'),
  text: b('内容', 'Text'),
  record: b('笔录', 'Record'),
  outcome: b('结果', 'Outcome'),
  mode: b('方式', 'Mode'),
  // criminal transfer
  officers: b('专案组成员', 'Case team officers'),
  report: b('移送书面报告', 'Written transfer report'),
  noCrimeFound: b('未发现犯罪（可作行政处罚）', 'No crime found (administrative penalty allowed)'),
  letterNo: b('移送书文号', 'Transfer letter number'),
  noTestingRequired: b('无需检验、鉴定', 'No testing or appraisal needed'),
  noTestingReason: b('无需检验、鉴定的理由', 'Why no testing was needed'),
  itemList: b('涉案物品移交清单', 'Hand-over list of items'),
  aeaSignatory: b('移送机关签字人', 'AEA signatory'),
  policeSignatory: b('公安机关签字人', 'Police signatory'),
  basis: b('依据', 'Basis'),
  adminCaseOpenedAt: b('行政案件立案时间', 'Administrative case opened at'),
  penalties: b('处罚种类', 'Penalties'),
  fineAmount: b('罚款数额（元）', 'Fine (yuan)'),
  receiptNo: b('回执编号', 'Receipt number'),
  suggestedOrgan: b('建议移送的主管机关', 'Suggested competent organ'),
  approvedBy: b('批准人', 'Approved by'),
  approverLevel: b('批准层级', 'Approver level'),
  offence: b('涉嫌罪名', 'Suspected offence'),
  returnedFiles: b('退回的案卷材料', 'Returned case files'),
  registrationNo: b('受理登记号', 'Registration number'),
  criminalFine: b('刑事罚金（元）', 'Criminal fine (yuan)'),
  documentNo: b('文书文号', 'Document number'),
  deadline: b('限期', 'Deadline'),
  disciplinaryReferral: b('移送追究纪律责任', 'Refer for discipline'),
  ipCategory: b('知识产权类别', 'IP category'),
  suspicionBasis: b('移送依据', 'Ground for transfer'),
  illegalBusinessVolume: b('非法经营数额（元）', 'Illegal business volume (yuan)'),
  illegalGains: b('违法所得（元）', 'Illegal gains (yuan)'),
  finePaidAmount: b('已缴罚款（元）', 'Fine already paid (yuan)'),
  suspectName: b('涉嫌犯罪单位或个人', 'Suspect'),
  suspectCreditCode: b('统一社会信用代码', 'Unified social credit code'),
  suspectIdNumber: b('居民身份证号码', 'Resident ID number'),
  copyToProcuratorate: b('抄送人民检察院', 'Copy to the procuratorate'),
  violationDate: b('违法行为发生日期', 'Date of the violation'),
  aggravatedLimitation: b('涉及生命健康安全、金融安全且有危害后果（追责期限五年）', 'Life, health or financial safety with harm (5-year limitation)'),
  // transfer supervision
  grounds: b('检察意见的情形', 'Grounds of the opinion'),
  transferCaseNumber: b('移送案件编号', 'Transfer case number'),
  transferredAt: b('移送时间', 'Transferred at'),
  thresholdId: b('立案追诉标准', 'Prosecution threshold'),
  // credit listing
  factors: b('考量因素（第十二条）', 'Factors (art. 12)'),
  malice: b('主观恶意', 'Malice'),
  frequency: b('违法频次', 'Frequency'),
  duration: b('持续时间', 'Duration'),
  penaltyType: b('处罚类型', 'Type of penalty'),
  goodsValue: b('产品货值金额', 'Value of the goods'),
  'factors.fineAmount': b('罚没款数额', 'Fines and confiscations'),
  healthHarm: b('对人民群众生命健康的危害', 'Harm to life and health'),
  propertyLoss: b('财产损失', 'Property loss'),
  socialImpact: b('社会影响', 'Social impact'),
  statementDays: b('陈述、申辩期限（工作日）', 'Statement period (working days)'),
  statement: b('陈述、申辩意见', 'Statement and defence'),
  declaration: b('放弃声明', 'Declaration of waiver'),
  hearingAt: b('听证时间', 'Hearing at'),
  place: b('听证地点', 'Place'),
  presidingOfficer: b('听证主持人', 'Presiding officer'),
  investigators: b('本案调查人员', 'Investigators'),
  attended: b('当事人到场', 'The party attended'),
  goodReason: b('未到场有正当理由', 'Absent with good reason'),
  list: b('列入严重违法失信名单', 'List as seriously illegal and untrustworthy'),
  upperLevelApproval: b('上一级部门同意', 'Approval of the level above'),
  authority: b('批准机关', 'Approving authority'),
  approvedAt: b('批准日期', 'Approved on'),
  registrationBureau: b('登记地市场监督管理部门', 'Registration bureau'),
  publishedAt: b('公示时间', 'Published at'),
  performed: b('已履行义务', 'Obligations performed'),
  harmEliminated: b('已消除危害后果和不良影响', 'Harm and ill effects removed'),
  noFurtherHeavierPenalty: b('未再受到较重行政处罚', 'No further heavier penalty'),
  noRepeatSameKind: b('未因同类违法行为再受处罚', 'No repeat penalty of the same kind'),
  commitment: b('信用承诺书', 'Credit commitment'),
  materials: b('材料', 'Materials'),
  ground: b('理由（法定情形）', 'Ground'),
  by: b('作出机关', 'Decided by'),
  forum: b('救济途径', 'Forum'),
  receivedAt: b('收到时间', 'Received at'),
  body: b('受理机关', 'Body'),
  grant: b('准予', 'Grant'),
  facts: b('拟认定的事实、理由和依据', 'Facts, reasons and basis'),
  untrustworthy: b('认定为失信行为', 'Find untrustworthy conduct'),
  correctedPromptly: b('已及时纠正并主动消除后果', 'Corrected promptly'),
  corrected: b('已纠正失信行为', 'Conduct corrected'),
  effectsEliminated: b('已消除不良影响', 'Ill effects removed'),
  seriousCircumstances: b('性质恶劣、情节严重、社会危害较大', 'Serious circumstances'),
  noIntentEvidence: b('有证据足以证明没有主观故意', 'Evidence of no intent'),
  penalty: b('行政处罚', 'Administrative penalty'),
  parties: b('当事人', 'Parties'),
  subject: b('当事人（企业）', 'Subject (enterprise)'),
  cnipa: b('知识产权信用（国家知识产权局）', 'IP credit (CNIPA)'),
  conduct: b('失信行为类型', 'Kind of conduct'),
  violation: b('严重违法情形', 'Serious violation'),
  article: b('条款', 'Article'),
  item: b('项', 'Item'),
  types: b('处罚种类', 'Penalty types'),
  procedure: b('处罚程序', 'Procedure'),
  decidedAt: b('决定日期', 'Decided on'),
  heavierFine: b('从重处以罚款', 'Heavier fine'),
  lowAmountFine: b('较低数额罚款', 'Low-amount fine'),
  confiscatedAmount: b('没收数额（元）', 'Confiscated (yuan)'),
  field: b('领域', 'Field'),
  restrictionUntil: b('限制截止日期', 'Restriction until'),
  // judicial confirmation
  agrees: b('同意调解', 'Agrees to mediate'),
  opinion: b('意见', 'Opinion'),
  agreement: b('调解协议', 'Mediation agreement'),
  effectiveDate: b('协议生效日期', 'Effective date'),
  signedBy: b('签字人', 'Signed by'),
  amount: b('金额（元）', 'Amount (yuan)'),
  lastPerformanceDate: b('最后履行日期', 'Last performance date'),
  courts: b('受理法院', 'Courts'),
  form: b('申请形式', 'Form of application'),
  viaAgent: b('委托代理人申请', 'Through an agent'),
  propertyLocation: b('财产所在地（行政区划代码）', 'Property location (division code)'),
  contact: b('联系方式', 'Contact'),
  phone: b('联系电话', 'Phone'),
  serviceAddress: b('送达地址', 'Service address'),
  demandedAt: b('请求履行日期', 'Demanded on'),
  how: b('请求方式', 'How'),
  courtId: b('执行法院', 'Enforcement court'),
  dueDate: b('截止日期', 'Due date'),
  reason: b('情形', 'Reason'),
  summonedBoth: b('已通知双方到场', 'Both parties summoned'),
  reasoning: b('裁定理由', 'Reasoning'),
  objector: b('异议人', 'Objector'),
  knewAt: b('知道或应当知道之日', 'Knew on'),
  enforcementCaseNo: b('执行案号', 'Enforcement case number'),
  applicant1: b('申请人一', 'Applicant 1'),
  applicant2: b('申请人二', 'Applicant 2'),
  invitingCourt: b('委派调解的法院', 'Inviting court'),
  dispute: b('纠纷', 'Dispute'),
  subjectType: b('知识产权类型', 'Subject type'),
  matter: b('纠纷事项', 'Matter'),
  confirmsOwnership: b('涉及权属确认', 'Confirms ownership'),
  subjectLocation: b('标的物所在地（行政区划代码）', 'Subject location (division code)'),
  intermediateLevel: b('属中级人民法院管辖', 'Intermediate court level'),
  request: b('调解请求', 'Mediation request'),
}

/** Help shown under fields whose expected form is not obvious. */
export const FIELD_HINTS: Record<string, Bilingual> = {
  agencyId: b('机关编号，例如 police-620402', 'Agency id, e.g. police-620402'),
  courts: b('法院机关编号，每行一个，例如 court.basic-620402', 'Court agency ids, one per line, e.g. court.basic-620402'),
  courtId: b('法院机关编号，例如 court.basic-620402', 'Court agency id, e.g. court.basic-620402'),
  registrationBureau: b('机关编号，例如 msa-620402', 'Agency id, e.g. msa-620402'),
  applicant1: b('当事人机关编号，例如 party-620402-1', 'Party agency id, e.g. party-620402-1'),
  applicant2: b('当事人机关编号，例如 party-620402-2', 'Party agency id, e.g. party-620402-2'),
  invitingCourt: b('法院机关编号', 'Court agency id'),
  subject: b('当事人机关编号，例如 party-620402-1', 'Party agency id, e.g. party-620402-1'),
  propertyLocation: b('6 位行政区划代码', '6-digit division code'),
  subjectLocation: b('6 位行政区划代码', '6-digit division code'),
}

/** Enum values → labels; `field:value` entries win over plain `value` ones. */
const VALUE_LABELS: Record<string, Bilingual> = {
  // criminal transfer: R310 art. 6 documents
  transferLetter: b('涉嫌犯罪案件移送书', 'Transfer letter'),
  investigationReport: b('涉嫌犯罪案件情况的调查报告', 'Investigation report'),
  itemList: b('涉案物品清单', 'List of items involved'),
  testReport: b('有关检验报告或者鉴定结论', 'Test or appraisal report'),
  otherMaterials: b('其他有关涉嫌犯罪的材料', 'Other materials'),
  'R310-art9': b('《行政执法机关移送涉嫌犯罪案件的规定》第九条', 'R310 art. 9'),
  'CPL-art113': b('《刑事诉讼法》第一百一十三条', 'CPL art. 113'),
  warning: b('警告', 'Warning'),
  fine: b('罚款', 'Fine'),
  confiscation: b('没收违法所得、没收非法财物', 'Confiscation'),
  suspension: b('责令停产停业', 'Suspension of business'),
  licenceRevocation: b('吊销许可证件', 'Licence revocation'),
  other: b('其他', 'Other'),
  countyHead: b('县级以上公安机关负责人', 'County-level police head'),
  higher: b('上一级公安机关负责人', 'Next-higher police head'),
  moved: b('移送其他公安机关', 'Moved to another police organ'),
  merged: b('并案侦查', 'Merged'),
  prosecuted: b('提起公诉', 'Prosecuted'),
  judgment: b('作出判决', 'Judgment'),
  trademark: b('商标', 'Trademark'),
  patent: b('专利', 'Patent'),
  copyright: b('著作权', 'Copyright'),
  tradeSecret: b('商业秘密', 'Trade secret'),
  thresholdMet: b('达到立案追诉标准（第三条第一款）', 'Prosecution threshold met (art. 3(1))'),
  reasonableSuspicion: b('存在犯罪的合理嫌疑（第三条第二款）', 'Reasonable suspicion (art. 3(2))'),
  'days:10': b('延长至10日', 'Extend to 10 days'),
  'days:30': b('30日', '30 days'),
  'days:60': b('再延长30日（共60日）', 'A further 30 days (60 in all)'),
  // transfer supervision: SPP-2001 §12
  nonTransfer: b('发现应当移送而不移送', 'A required transfer not made'),
  reportedNonTransfer: b('举报应当移送而不移送', 'Reported non-transfer'),
  concealedItems: b('隐匿、销毁涉案物品或者私分涉案财物', 'Items hidden, destroyed or divided'),
  penaltyInsteadOfTransfer: b('以行政处罚代替刑事追究', 'Penalty instead of prosecution'),
  // credit listing
  circular: b('通报批评', 'Circular of criticism'),
  qualificationLowered: b('降低资质等级', 'Qualification lowered'),
  permitRevoked: b('吊销许可证件', 'Permit revoked'),
  licenceRevoked: b('吊销营业执照', 'Business licence revoked'),
  productionRestricted: b('限制开展生产经营活动', 'Production restricted'),
  closure: b('责令关闭', 'Closure'),
  practiceRestricted: b('限制从业', 'Practice restricted'),
  otherHeavier: b('其他较重的行政处罚', 'Other heavier penalty'),
  ordinary: b('普通程序', 'Ordinary procedure'),
  simplified: b('简易程序', 'Simplified procedure'),
  general: b('一般领域', 'General'),
  food: b('食品', 'Food'),
  drugs: b('药品', 'Drugs'),
  specialEquipment: b('特种设备', 'Special equipment'),
  ipInfringement: b('侵犯知识产权', 'IP infringement'),
  abnormalPatentOrMaliciousTrademark: b('非正常专利申请、恶意商标注册申请', 'Abnormal patent or malicious trademark filing'),
  ipAgencyMisconduct: b('知识产权代理违法', 'IP agency misconduct'),
  tradeSecrets: b('侵犯商业秘密', 'Trade secrets'),
  otherUnfairCompetition: b('其他不正当竞争', 'Other unfair competition'),
  'ground:revoked': b('被撤销', 'Revoked'),
  unlawful: b('被确认违法', 'Found unlawful'),
  void: b('被确认无效', 'Found void'),
  upheld: b('维持（驳回）', 'Upheld'),
  'outcome:revoked': b('撤销列入决定', 'Listing revoked'),
  reconsideration: b('行政复议', 'Reconsideration'),
  litigation: b('行政诉讼', 'Litigation'),
  'article:5': b('第五条', 'Art. 5'),
  'article:6': b('第六条', 'Art. 6'),
  'article:7': b('第七条', 'Art. 7'),
  'article:8': b('第八条', 'Art. 8'),
  'article:9': b('第九条（知识产权）', 'Art. 9 (IP)'),
  'article:10': b('第十条', 'Art. 10'),
  // judicial confirmation
  people: b('人民调解', 'People’s mediation'),
  courtInvited: b('法院委派调解', 'Court-invited mediation'),
  administrative: b('行政调解', 'Administrative mediation'),
  written: b('书面申请', 'Written'),
  oral: b('口头申请', 'Oral'),
  materialsNotSupplied: b('逾期未补交材料', 'Materials not supplied in time'),
  refusedQuestioning: b('拒不接受询问', 'Refused questioning'),
  applicationForm: b('司法确认申请书', 'Application form'),
  agreement: b('调解协议', 'Mediation agreement'),
  mediationProof: b('调解组织主持调解的证明', 'Proof of mediation'),
  propertyProof: b('财产权利证明', 'Proof of property rights'),
  identity: b('身份证明、资格证明', 'Identity certificates'),
  serviceAddress: b('送达地址、联系方式', 'Service address'),
  powerOfAttorney: b('授权委托书', 'Power of attorney'),
  inventionPatent: b('发明专利', 'Invention patent'),
  utilityModelPatent: b('实用新型专利', 'Utility-model patent'),
  designPatent: b('外观设计专利', 'Design patent'),
  plantVariety: b('植物新品种', 'Plant variety'),
  layoutDesign: b('集成电路布图设计', 'IC layout design'),
  technicalSecret: b('技术秘密', 'Technical secret'),
  software: b('计算机软件', 'Computer software'),
  monopoly: b('垄断', 'Monopoly'),
  wellKnownTrademark: b('驰名商标认定', 'Well-known trademark'),
  unfairCompetition: b('不正当竞争', 'Unfair competition'),
  damages: b('侵权赔偿', 'Damages'),
  ownership: b('权属', 'Ownership'),
  inventorship: b('发明人、设计人资格', 'Inventorship'),
  serviceInventionReward: b('职务发明奖励、报酬', 'Service-invention reward'),
  licenceFee: b('使用费', 'Licence fee'),
  contract: b('合同', 'Contract'),
  'article:355': b('第三百五十五条（不予受理情形）', 'Art. 355 (non-acceptance grounds)'),
  'article:358': b('第三百五十八条（驳回情形）', 'Art. 358 (rejection grounds)'),
}

/** CivPL-I art. 355(1): grounds of non-acceptance (REFUSE_ACCEPTANCE.ground, REJECT_APPLICATION with art. 355). */
const NON_ACCEPTANCE_GROUNDS: Bilingual[] = [
  b('不属于人民法院受理范围的', 'outside the scope of matters courts accept'),
  b('不属于收到申请的人民法院管辖的', 'not within the jurisdiction of the court that received it'),
  b('申请确认婚姻关系、亲子关系、收养关系等身份关系无效、有效或者解除的', 'seeks to confirm a status relation (marriage, parentage, adoption)'),
  b('涉及适用其他特别程序、公示催告程序、破产程序审理的', 'requires another special procedure, public notice or bankruptcy'),
  b('调解协议内容涉及物权、知识产权确权的', 'the agreement confirms real rights or IP rights'),
]

/** CivPL-I art. 358: grounds of rejection after review. */
const REJECTION_GROUNDS: Bilingual[] = [
  b('违反法律强制性规定的', 'violates mandatory provisions of law'),
  b('损害国家利益、社会公共利益、他人合法权益的', 'harms state, public or others’ lawful interests'),
  b('违背公序良俗的', 'violates public order or good morals'),
  b('违反自愿原则的', 'violates the principle of voluntariness'),
  b('内容不明确的', 'its content is unclear'),
  b('其他不能进行司法确认的情形', 'other reasons it cannot be confirmed'),
]

/** CNIPA-2022 art. 6: the seven kinds of untrustworthy conduct. */
const CNIPA_CONDUCTS: Bilingual[] = [
  b('不依法执行行政处罚决定和行政裁决', 'not executing a penalty or ruling'),
  b('提交虚假材料、隐瞒重要事实申请行政确认', 'false materials in an application'),
  b('非正常专利申请', 'abnormal patent filing'),
  b('恶意商标注册申请', 'malicious trademark filing'),
  b('违法从事知识产权代理', 'unlawful IP agency work'),
  b('故意侵犯知识产权', 'intentional IP infringement'),
  b('其他严重违反法律、行政法规的失信行为', 'other serious untrustworthy conduct'),
]

const numbered = (list: Bilingual[], value: number, prefix: Bilingual): Bilingual | null => {
  const text = list[value - 1]
  return text ? b(`${prefix.zh}第${value}项：${text.zh}`, `${prefix.en} item ${value}: ${text.en}`) : null
}

/** A field's dot path with its list indexes left out (`officers.1.name` → `officers.name`): the key these tables use. */
const withoutIndexes = (path: string): string => path.replace(/\.\d+(?=\.|$)/g, '')

/**
 * The label of an enum (or small integer range) value of field `fieldPath` (dot path inside
 * the payload), given the values of the same object (a ground's item depends on its article).
 */
export function valueLabel(fieldPath: string, value: string | number, siblings: Record<string, unknown> = {}): Bilingual | null {
  const path = withoutIndexes(fieldPath)
  const field = path.split('.').at(-1) ?? path
  if (typeof value === 'number') {
    if (path === 'ground') return numbered(NON_ACCEPTANCE_GROUNDS, value, b('《民诉法解释》第三百五十五条第一款', 'CivPL-I art. 355(1)'))
    if (path === 'ground.item') {
      return String(siblings['article']) === '355'
        ? numbered(NON_ACCEPTANCE_GROUNDS, value, b('第三百五十五条', 'art. 355'))
        : numbered(REJECTION_GROUNDS, value, b('第三百五十八条', 'art. 358'))
    }
    if (field === 'conduct') return numbered(CNIPA_CONDUCTS, value, b('第六条', 'art. 6'))
  }
  return VALUE_LABELS[`${field}:${value}`] ?? VALUE_LABELS[String(value)] ?? null
}

/** Whether a value of a closed range applies given its siblings (CivPL-I art. 355 has five items, art. 358 six). */
export function valueApplies(fieldPath: string, value: string | number | boolean, siblings: Record<string, unknown> = {}): boolean {
  if (withoutIndexes(fieldPath) === 'ground.item' && typeof value === 'number') return String(siblings['article']) === '355' ? value <= NON_ACCEPTANCE_GROUNDS.length : value <= REJECTION_GROUNDS.length
  return true
}

/** A field's label by its path (`factors.fineAmount`), else by its name. */
export function fieldLabel(name: string, path = name): Bilingual | null {
  return FIELD_LABELS[withoutIndexes(path)] ?? FIELD_LABELS[name] ?? null
}

/** Document kinds: the R310 art. 6 list, the materials of a confirmation, the rendered documents and uploads. */
export const DOCUMENT_KINDS: Record<string, Bilingual> = {
  transferLetter: VALUE_LABELS['transferLetter']!,
  investigationReport: VALUE_LABELS['investigationReport']!,
  itemList: VALUE_LABELS['itemList']!,
  testReport: VALUE_LABELS['testReport']!,
  otherMaterials: VALUE_LABELS['otherMaterials']!,
  transferReport: b('移送书面报告', 'Written transfer report'),
  applicationForm: VALUE_LABELS['applicationForm']!,
  agreement: b('调解协议书', 'Mediation agreement'),
  mediationProof: VALUE_LABELS['mediationProof']!,
  propertyProof: VALUE_LABELS['propertyProof']!,
  identity: VALUE_LABELS['identity']!,
  powerOfAttorney: VALUE_LABELS['powerOfAttorney']!,
  acceptanceNotice: b('受理通知书', 'Notice of acceptance'),
  nonAcceptanceRuling: b('民事裁定书（不予受理）', 'Ruling of non-acceptance'),
  confirmationRuling: b('民事裁定书（确认调解协议有效）', 'Ruling confirming the agreement'),
  rejectionRuling: b('民事裁定书（驳回申请）', 'Ruling rejecting the application'),
  withdrawalRuling: b('民事裁定书（撤回申请）', 'Ruling on the withdrawal'),
  objectionRuling: b('民事裁定书（撤销原裁定）', 'Ruling revoking the confirmation'),
  priorNotice: b('列入严重违法失信名单告知书', 'Prior notice of the listing'),
  listingDecision: b('列入严重违法失信名单决定书', 'Listing decision'),
  removalDecision: b('移出严重违法失信名单决定书', 'Removal decision'),
  evidence: b('证据材料', 'Evidence'),
  attachment: b('附件', 'Attachment'),
}

/** Kinds offered in the upload form (the API takes any `^[a-zA-Z][a-zA-Z0-9]{0,63}$`). */
export const UPLOAD_KINDS = ['attachment', 'evidence', 'transferLetter', 'investigationReport', 'itemList', 'testReport', 'otherMaterials', 'applicationForm', 'mediationProof', 'propertyProof', 'identity', 'powerOfAttorney'] as const

/** Units of statutory periods as the law writes them. */
const UNIT_LABELS: Record<string, Bilingual> = {
  h: b('小时', 'hours'),
  cd: b('日', 'calendar days'),
  wd: b('个工作日', 'working days'),
  mo: b('个月', 'months'),
  y: b('年', 'years'),
}

/** "3 日" / "3 calendar days". */
export function periodText(duration: number, unit: string, tb: (b: Bilingual | undefined) => string): string {
  const label = UNIT_LABELS[unit]
  return `${duration} ${label ? tb(label) : unit}`
}

export const TIMER_STATUS_LABELS: Record<string, Bilingual> = {
  SCHEDULED: b('计时中', 'running'),
  MET: b('按期完成', 'met'),
  OVERDUE_DUTY: b('逾期（未履行职责）', 'overdue (duty missed)'),
  EXPIRED_RIGHT_LOST: b('期满（权利丧失）', 'expired (right lost)'),
  ELAPSED: b('期满（自动处理）', 'elapsed (automatic)'),
  CANCELLED: b('已取消', 'cancelled'),
}

export const EXPIRY_LABELS: Record<string, Bilingual> = {
  DUTY: b('职责期限', 'duty'),
  RIGHT: b('权利行使期间', 'right window'),
  AUTO: b('自动期间', 'automatic'),
}

