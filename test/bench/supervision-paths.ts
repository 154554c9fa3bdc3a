// The case histories the supervision benchmark seeds: per procedure a few paths through the
// statechart (command types, actors, DOMAIN state ids, the timers each step starts and ends,
// the notices it sends and their receipts), with their shares. Times are nominal hours
// between steps; each seeded case runs at its own pace, so a duty whose step takes longer
// than the law allows ends OVERDUE_DUTY. Payloads are JSON text with placeholders the
// seeding SQL fills in per case:
//   {{a}} city short name (白)   {{j}} jurisdiction division   {{y}} year   {{n}} case serial
//   {{s}} subject name   {{c}} its credit code   {{o}} offence   {{i}} IP category
//   {{v}} illegal business volume   {{g}} illegal gains   {{f}} fine   {{x}} a sha256 (hex)
//   {{t}} the step's instant (ISO)   {{d}} its date   {{b}} the basic court's division
//   {{p}} the court's number prefix (甘0402)   {{r}} the refusal reason of this case

export interface Send {
  /** Party key of the receiver. */
  to: string
  kind: string
  title: readonly [string, string]
  /** A task the receipt opens in the receiver's inbox. */
  task?: string
  /** The timer whose due instant the task carries. */
  dueTimer?: string
}

export interface Step {
  type: string
  /** `<party>.<user suffix>`, or `system` (receipts, timers firing). */
  by: string
  /** DOMAIN state ids after the step, comma separated. */
  after: string
  /** Hours after the previous step at the case's pace. */
  h?: number
  /** Hours after the previous step whatever the pace (a period running out). */
  fixed?: number
  payload?: Record<string, unknown>
  start?: string[]
  /** Timers this step ends (a duty done, a right used, a state left). */
  end?: string[]
  /** The timer whose expiry this system step is. */
  fire?: string
  send?: Send[]
  /** The kind of the dispatch this RECEIPT acknowledges (the oldest one not yet acknowledged). */
  receipt?: string
  /** A refusal the procedure counts (SupervisionSpec.refusals), with its possible reasons. */
  refusal?: { kind: string; reasons: string[] }
}

export interface PathDef {
  id: string
  procedure: 'criminal-transfer' | 'judicial-confirmation' | 'credit-listing'
  /** Share within the procedure. */
  share: number
  /** End code when the case ran the whole path. */
  end: string
  steps: Step[]
  /** Credit-listing: the publicity record (PUBLISH_PENALTY_INFO step) and how it ends. */
  publicity?: { at: number; untilHours: number; endAt?: number; endReason?: string }
  /** Credit-listing: the serious-violation listing (decided, published, removed). */
  listing?: { decidedAt: number; at: number; endAt?: number; endReason?: string }
}

/** Shares of the procedures among all cases. */
export const PROCEDURE_SHARES = { 'criminal-transfer': 0.5, 'judicial-confirmation': 0.3, 'credit-listing': 0.2 } as const

const doc = (name: string) => ({ name, sha256: '{{x}}' })

const CT_OPEN = {
  title: '{{s}}涉嫌{{o}}案',
  ipCategory: '{{i}}',
  suspicionBasis: 'reasonableSuspicion',
  offence: '{{o}}',
  suspectName: '{{s}}',
  suspectCreditCode: '{{c}}',
  illegalBusinessVolume: '{{v}}',
  illegalGains: '{{g}}',
  finePaidAmount: 0,
  copyToProcuratorate: true,
  violationDate: '{{d}}',
  adminCaseOpenedAt: '{{t}}',
}

const TRANSFER_DOCS = [
  { kind: 'transferLetter', ...doc('涉嫌犯罪案件移送书.pdf') },
  { kind: 'investigationReport', ...doc('涉嫌犯罪案件情况的调查报告.pdf') },
  { kind: 'itemList', ...doc('涉案物品清单.pdf') },
  { kind: 'testReport', ...doc('商标权利人鉴定意见.pdf') },
]

const ctHead: Step[] = [
  { type: 'CASE_OPENED', by: 'aea.officer1', after: 'F0', h: 0, payload: CT_OPEN, start: ['T47', 'T48'] },
  {
    type: 'FORM_TEAM', by: 'aea.officer1', after: 'F1', h: 20,
    payload: { officers: [{ userId: 'msa-{{j}}.officer1', name: '承办人甲' }, { userId: 'msa-{{j}}.officer2', name: '承办人乙' }] },
  },
]

const ctTransfer: Step[] = [
  ...ctHead,
  {
    type: 'SUBMIT_TRANSFER_REPORT', by: 'aea.officer1', after: 'F2', h: 150, start: ['T1'],
    payload: { report: doc('关于移送涉嫌犯罪案件的书面报告.pdf'), summary: '非法经营额{{v}}元，涉嫌{{o}}，建议移送公安机关' },
  },
  { type: 'APPROVE_TRANSFER', by: 'aea.head', after: 'F3', h: 56, end: ['T1'], start: ['T2'], payload: { note: '同意移送' } },
  {
    type: 'DISPATCH_TRANSFER', by: 'aea.officer1', after: 'F4', h: 19.5, end: ['T2', 'T47'],
    payload: { letterNo: '{{a}}市监移〔{{y}}〕{{n}}号', documents: TRANSFER_DOCS },
    send: [
      { to: 'police', kind: 'transfer', title: ['涉嫌犯罪案件移送书', 'Transfer of a suspected criminal case'], task: 'signReceipt' },
      { to: 'procuratorate', kind: 'transferCopy', title: ['涉嫌犯罪案件移送书（抄送）', 'Copy of the transfer'] },
    ],
  },
  { type: 'RECEIPT', by: 'system', after: 'F4', h: 3, receipt: 'transfer' },
  { type: 'RECEIPT', by: 'system', after: 'F4', h: 1, receipt: 'transferCopy' },
  { type: 'SIGN_RECEIPT', by: 'police.officer', after: 'F5', h: 8, start: ['T6'], payload: { receiptNo: '{{a}}公经回〔{{y}}〕{{n}}号' } },
]

const criminalTransfer: PathDef[] = [
  {
    id: 'ct-filed',
    procedure: 'criminal-transfer',
    share: 0.55,
    end: 'E1',
    steps: [
      ...ctTransfer,
      {
        type: 'EXTEND_REVIEW', by: 'police.head', after: 'F5', h: 58, end: ['T6'], start: ['T6x10'],
        payload: { days: 10, approvedBy: 'police-{{j}}.head', approverLevel: 'countyHead', reasons: '经济犯罪案件，需进一步审查涉案金额' },
      },
      {
        type: 'REQUEST_SUPPLEMENT', by: 'police.officer', after: 'F5,F5S', h: 14, payload: { items: ['检验报告原件', '权利人鉴定意见'] },
        send: [{ to: 'aea', kind: 'supplementRequest', title: ['补正材料通知书', 'Request to supplement the materials'], task: 'supplement' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'F5,F5S', h: 2, receipt: 'supplementRequest', start: ['T5'] },
      {
        type: 'SUPPLEMENT_PROVIDED', by: 'aea.officer1', after: 'F5', h: 58, end: ['T5'], payload: { documents: [doc('补充鉴定意见.pdf')] },
        send: [{ to: 'police', kind: 'supplement', title: ['补正材料', 'Supplementary materials'] }],
      },
      { type: 'RECEIPT', by: 'system', after: 'F5', h: 2, receipt: 'supplement' },
      {
        type: 'FILE_CASE', by: 'police.head', after: 'F6A', h: 60, end: ['T6x10'], payload: { decisionNo: '{{a}}公经立字〔{{y}}〕{{n}}号', offence: '{{o}}' },
        send: [
          { to: 'aea', kind: 'filingNotice', title: ['立案告知书', 'Notice of filing'], task: 'handOverItems' },
          { to: 'procuratorate', kind: 'filingCopy', title: ['立案告知书（抄送）', 'Copy of the notice of filing'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'F7', h: 3, receipt: 'filingNotice', start: ['T10'] },
      { type: 'RECEIPT', by: 'system', after: 'F7', h: 1, receipt: 'filingCopy' },
      {
        type: 'HAND_OVER_ITEMS', by: 'aea.officer1', after: 'F8', h: 58, end: ['T10'],
        payload: { itemList: doc('涉案物品移交清单.pdf'), aeaSignatory: '承办人甲', policeSignatory: '经侦民警' },
      },
      { type: 'ADVISE_AEA', by: 'procuratorate.procurator', after: 'F8', h: 300, payload: { summary: '公安机关已立案侦查，请配合做好后续工作' } },
      { type: 'CONCLUDE', by: 'procuratorate.procurator', after: 'F8', h: 1700, payload: { outcome: 'judgment', criminalFine: '{{f}}' } },
    ],
  },
  {
    id: 'ct-penalty',
    procedure: 'criminal-transfer',
    share: 0.4,
    end: 'E2',
    steps: [
      ...ctHead,
      { type: 'RESUME_ADMIN_CASE', by: 'aea.officer1', after: 'F11', h: 150, payload: { note: '经核实未达移送标准，依法作出行政处理' } },
      {
        type: 'EXTEND_ADMIN_DECISION', by: 'aea.head', after: 'F11', h: 1500, end: ['T47'], start: ['T47x30'],
        payload: { days: 30, reasons: '案情复杂，经负责人批准延长三十日' },
      },
      {
        type: 'IMPOSE_PENALTY', by: 'aea.head', after: 'F11', h: 400, end: ['T47x30'],
        payload: { decisionNo: '{{a}}市监罚〔{{y}}〕{{n}}号', penalties: ['fine', 'confiscation'], fineAmount: '{{f}}' },
        send: [
          { to: 'government', kind: 'penaltyRecord', title: ['行政处罚决定书（备案）', 'Penalty decision for the record'] },
          { to: 'procuratorate', kind: 'penaltyCopy', title: ['行政处罚决定书（抄送）', 'Copy of the penalty decision'] },
          { to: 'police', kind: 'penaltyCopy', title: ['行政处罚决定书（抄送）', 'Copy of the penalty decision'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'F11', h: 3, receipt: 'penaltyRecord' },
      { type: 'RECEIPT', by: 'system', after: 'F11', h: 2, receipt: 'penaltyCopy' },
      { type: 'RECEIPT', by: 'system', after: 'F11', h: 2, receipt: 'penaltyCopy' },
      { type: 'CLOSE_CASE', by: 'aea.head', after: 'F11', h: 72, payload: { reasons: '行政处罚决定已执行完毕，结案' } },
    ],
  },
  {
    id: 'ct-refused-supervised',
    procedure: 'criminal-transfer',
    share: 0.03,
    end: 'E1',
    steps: [
      ...ctTransfer,
      {
        type: 'REFUSE_FILING', by: 'police.head', after: 'F6B', h: 58, end: ['T6'],
        payload: { reasons: '{{r}}', returnedFiles: [doc('案卷材料.pdf')] },
        refusal: {
          kind: 'filingRefused',
          reasons: ['现有证据不足以证明非法经营数额达到立案追诉标准', '未达立案追诉标准', '犯罪事实显著轻微，不需要追究刑事责任', '涉案商品鉴定意见不明确', '不属于本机关管辖'],
        },
        send: [{ to: 'aea', kind: 'nonFilingNotice', title: ['不予立案通知书', 'Notice of non-filing'], task: 'decideReconsideration' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'F9', h: 3, receipt: 'nonFilingNotice', start: ['T7'] },
      {
        type: 'REQUEST_RECONSIDERATION', by: 'aea.head', after: 'F10', h: 48, end: ['T7'],
        payload: { reasons: '销售金额经审计已达{{v}}元，达到立案追诉标准，应当立案', documents: [doc('审计报告.pdf')] },
        send: [{ to: 'police', kind: 'reconsiderationRequest', title: ['提请复议书', 'Request for reconsideration'], task: 'reconsider' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'F10', h: 3, receipt: 'reconsiderationRequest', start: ['T8'] },
      {
        type: 'MAINTAIN_REFUSAL', by: 'police.head', after: 'F10B', h: 58, end: ['T8'], payload: { reasons: '经复议，维持不予立案决定' },
        send: [{ to: 'aea', kind: 'reconsiderationDecision', title: ['复议决定书', 'Reconsideration decision'] }],
      },
      { type: 'RECEIPT', by: 'system', after: 'F9', h: 3, receipt: 'reconsiderationDecision', start: ['T9'] },
      {
        type: 'SUGGEST_SUPERVISION', by: 'aea.head', after: 'S0', h: 48, end: ['T9'],
        payload: { reasons: '公安机关应当立案而不立案，建议人民检察院依法进行立案监督', basis: 'R310-art9', documents: [doc('立案监督建议书.pdf')] },
        send: [{ to: 'procuratorate', kind: 'supervisionSuggestion', title: ['立案监督建议书', 'Suggestion of filing supervision'], task: 'intake' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'S1', h: 3, receipt: 'supervisionSuggestion' },
      { type: 'ACCEPT_SUPERVISION', by: 'procuratorate.procurator', after: 'S1', h: 100, payload: { registrationNo: '{{a}}检立监〔{{y}}〕{{n}}号' } },
      {
        type: 'REQUIRE_EXPLANATION', by: 'procuratorate.procurator', after: 'S2', h: 50, payload: { reasons: '请在七日内书面说明不立案的理由' },
        send: [{ to: 'police', kind: 'explanationDemand', title: ['要求说明不立案理由通知书', 'Demand to explain the non-filing'], task: 'explain' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'S2', h: 3, receipt: 'explanationDemand', start: ['T11'] },
      {
        type: 'EXPLAIN_NON_FILING', by: 'police.head', after: 'S3', h: 130, end: ['T11'],
        payload: { reasons: '认为非法经营数额计算依据不足，故不予立案', evidence: [doc('不立案理由说明书.pdf')] },
        send: [{ to: 'procuratorate', kind: 'explanation', title: ['不立案理由说明书', 'Explanation of the non-filing'] }],
      },
      { type: 'RECEIPT', by: 'system', after: 'S3', h: 3, receipt: 'explanation' },
      {
        type: 'NOTIFY_TO_FILE', by: 'procuratorate.head', after: 'S4', h: 150, payload: { reasons: '不立案理由不能成立，通知公安机关立案', evidence: [doc('通知立案书.pdf')] },
        send: [{ to: 'police', kind: 'noticeToFile', title: ['通知立案书', 'Notice to file'], task: 'fileCase' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'S4', h: 3, receipt: 'noticeToFile', start: ['T13'] },
      { type: 'FILE_CASE', by: 'police.head', after: 'S6', h: 280, end: ['T13'], start: ['T14'], payload: { decisionNo: '{{a}}公经立字〔{{y}}〕{{n}}号', offence: '{{o}}' } },
      { type: 'ADVISE_AEA', by: 'procuratorate.procurator', after: 'S7', h: 100, payload: { summary: '公安机关已依通知立案' } },
      { type: 'CONCLUDE', by: 'procuratorate.procurator', after: 'F8', h: 1700, payload: { outcome: 'judgment', criminalFine: '{{f}}' } },
    ],
  },
  {
    id: 'ct-transfer-refused',
    procedure: 'criminal-transfer',
    share: 0.02,
    end: 'E4',
    steps: [
      ...ctHead,
      {
        type: 'SUBMIT_TRANSFER_REPORT', by: 'aea.officer1', after: 'F2', h: 150, start: ['T1'],
        payload: { report: doc('关于移送涉嫌犯罪案件的书面报告.pdf'), summary: '非法经营额{{v}}元，涉嫌{{o}}，建议移送公安机关' },
      },
      {
        type: 'REFUSE_TRANSFER', by: 'aea.head', after: 'F2R', h: 56, end: ['T1'], payload: { reasons: '{{r}}', noCrimeFound: false },
        refusal: { kind: 'transferNotApproved', reasons: ['证据尚不充分，不批准移送', '经核实不构成犯罪', '涉案金额计算有误，未达追诉标准'] },
      },
      { type: 'CLOSE_CASE', by: 'aea.head', after: 'F2R', h: 72, end: ['T47'], payload: { reasons: '不予批准的理由已记录在案' } },
    ],
  },
]

const JC_OPEN = {
  title: '{{s}}与{{s2}}调解协议司法确认案',
  agreement: { document: doc('人民调解协议书.pdf'), effectiveAt: '{{t}}', subject: '商标侵权损害赔偿', amount: '{{v}}' },
  parties: { applicant1: 'party-{{b}}-1', applicant2: 'party-{{b}}-2' },
  dispute: '{{i}}',
}

const jcApply: Step[] = [
  { type: 'CASE_OPENED', by: 'mediator.mediator', after: 'J0', h: 0, payload: JC_OPEN, start: ['T21'] },
  { type: 'APPLY_FOR_CONFIRMATION', by: 'applicant1.agent', after: 'J1', h: 100, payload: { court: 'court.basic-{{b}}', application: doc('司法确认申请书.pdf') } },
  {
    type: 'JOIN_APPLICATION', by: 'applicant2.agent', after: 'J2', h: 30, end: ['T21'], payload: { application: doc('共同申请书.pdf') },
    send: [{ to: 'filedCourt1', kind: 'application', title: ['司法确认申请书', 'Application for judicial confirmation'], task: 'decideAcceptance' }],
  },
  { type: 'RECEIPT', by: 'system', after: 'J3', h: 4, receipt: 'application', start: ['T22'] },
]

const jcAccepted: Step[] = [
  ...jcApply,
  {
    type: 'ORDER_SUPPLEMENT', by: 'filedCourt1.clerk', after: 'J2S', h: 30, end: ['T22'], payload: { dueDate: '{{d}}', items: ['调解协议原件', '身份证明材料'] },
    send: [{ to: 'applicant1', kind: 'supplementOrder', title: ['补交材料通知书', 'Order to supplement the materials'], task: 'supplyMaterials' }],
  },
  { type: 'RECEIPT', by: 'system', after: 'J2S', h: 12, receipt: 'supplementOrder' },
  { type: 'SUPPLY_MATERIALS', by: 'applicant1.agent', after: 'J3', h: 72, start: ['T22'], payload: { documents: [doc('调解协议原件.pdf'), doc('营业执照副本.pdf')] } },
  {
    type: 'ACCEPT_APPLICATION', by: 'filedCourt1.judge', after: 'J4', h: 56, end: ['T22'], start: ['T23', 'T23s'], payload: { caseNumber: '({{y}}){{p}}民特{{n}}号' },
    send: [
      { to: 'applicant1', kind: 'acceptanceNotice', title: ['受理通知书', 'Notice of acceptance'] },
      { to: 'applicant2', kind: 'acceptanceNotice', title: ['受理通知书', 'Notice of acceptance'] },
    ],
  },
  { type: 'RECEIPT', by: 'system', after: 'J4', h: 24, receipt: 'acceptanceNotice' },
  { type: 'RECEIPT', by: 'system', after: 'J4', h: 2, receipt: 'acceptanceNotice' },
  { type: 'QUESTION_PARTIES', by: 'court.judge', after: 'J4', h: 60, payload: { at: '{{t}}', record: doc('询问笔录.pdf') } },
]

const judicialConfirmation: PathDef[] = [
  {
    id: 'jc-confirmed',
    procedure: 'judicial-confirmation',
    share: 0.8,
    end: 'E1',
    steps: [
      ...jcAccepted,
      {
        type: 'ORDER_STATEMENTS', by: 'court.judge', after: 'J4', h: 20, payload: { dueDate: '{{d}}', items: ['补充陈述调解协议的履行方式'] },
        send: [{ to: 'applicant1', kind: 'statementsOrder', title: ['补充陈述通知书', 'Order for supplementary statements'], task: 'submitStatements' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'J4', h: 8, receipt: 'statementsOrder' },
      { type: 'SUBMIT_STATEMENTS', by: 'applicant1.agent', after: 'J4', h: 60, payload: { statement: doc('补充陈述.pdf') } },
      {
        type: 'CONFIRM_AGREEMENT', by: 'court.judge', after: 'J7', h: 114, end: ['T23', 'T23s'], payload: { rulingNo: '({{y}}){{p}}民特{{n}}号', ruling: doc('民事裁定书.pdf') },
        send: [
          { to: 'applicant1', kind: 'ruling', title: ['民事裁定书（确认调解协议有效）', 'Ruling confirming the agreement'] },
          { to: 'applicant2', kind: 'ruling', title: ['民事裁定书（确认调解协议有效）', 'Ruling confirming the agreement'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'J7', h: 24, receipt: 'ruling', start: ['T24'] },
      { type: 'RECEIPT', by: 'system', after: 'J7', fixed: 2, receipt: 'ruling' },
      { type: 'xstate.after.T24', by: 'system', after: 'J8', fixed: 358, fire: 'T24', start: ['T26'] },
      { type: 'RECORD_PERFORMANCE', by: 'applicant1.agent', after: 'J8', h: 800, end: ['T26'], payload: { performedAt: '{{d}}', note: '被申请人已按调解协议履行完毕' } },
    ],
  },
  {
    id: 'jc-not-accepted',
    procedure: 'judicial-confirmation',
    share: 0.03,
    end: 'E4',
    steps: [
      ...jcApply,
      {
        type: 'REFUSE_ACCEPTANCE', by: 'filedCourt1.judge', after: 'J3R', h: 56, end: ['T22'], payload: { reasons: '{{r}}', rulingNo: '({{y}}){{p}}民特{{n}}号' },
        refusal: { kind: 'notAccepted', reasons: ['调解协议内容不属于人民法院受理司法确认申请的范围', '不属于本院管辖', '涉及确认身份关系'] },
        send: [
          { to: 'applicant1', kind: 'notAcceptedRuling', title: ['不予受理裁定书', 'Ruling not to accept'] },
          { to: 'applicant2', kind: 'notAcceptedRuling', title: ['不予受理裁定书', 'Ruling not to accept'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'J3R', h: 24, receipt: 'notAcceptedRuling' },
      { type: 'RECEIPT', by: 'system', after: 'J3R', h: 2, receipt: 'notAcceptedRuling' },
    ],
  },
  {
    id: 'jc-rejected',
    procedure: 'judicial-confirmation',
    share: 0.02,
    end: 'E5',
    steps: [
      ...jcAccepted,
      {
        type: 'REJECT_APPLICATION', by: 'court.judge', after: 'J5B', h: 200, end: ['T23', 'T23s'], payload: { reasons: '{{r}}', rulingNo: '({{y}}){{p}}民特{{n}}号' },
        refusal: { kind: 'rejected', reasons: ['调解协议内容违反法律强制性规定', '损害国家利益、社会公共利益', '内容不明确，无法确认'] },
        send: [
          { to: 'applicant1', kind: 'rejection', title: ['驳回申请裁定书', 'Ruling rejecting the application'] },
          { to: 'applicant2', kind: 'rejection', title: ['驳回申请裁定书', 'Ruling rejecting the application'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'J5B', h: 24, receipt: 'rejection' },
      { type: 'RECEIPT', by: 'system', after: 'J5B', h: 2, receipt: 'rejection' },
    ],
  },
  {
    id: 'jc-mediation-failed',
    procedure: 'judicial-confirmation',
    share: 0.15,
    end: 'AMX',
    steps: [
      {
        type: 'CASE_OPENED', by: 'mediator.mediator', after: 'AM1', h: 0,
        payload: { title: '{{s}}与{{s2}}商标侵权纠纷行政调解案', request: doc('调解请求书.pdf'), parties: { applicant1: 'party-{{b}}-1', applicant2: 'party-{{b}}-2' }, dispute: '{{i}}' },
        send: [{ to: 'applicant2', kind: 'mediationRequestCopy', title: ['调解请求书副本', 'Copy of the mediation request'], task: 'answerMediation' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'AM1', h: 24, receipt: 'mediationRequestCopy', start: ['TAM1'] },
      { type: 'ANSWER_MEDIATION_REQUEST', by: 'applicant2.agent', after: 'AM2', h: 100, end: ['TAM1'], payload: { agrees: true } },
      { type: 'RECORD_MEDIATION_FAILURE', by: 'mediator.mediator', after: 'AMX', h: 300, payload: { reasons: '双方对赔偿数额分歧较大，调解不成' } },
    ],
  },
]

const CL_OPEN = {
  title: '{{s}}失信惩戒案',
  subject: 'party-{{b}}-1',
  penaltyDecisionNo: '{{a}}市监罚〔{{y}}〕{{n}}号',
  penaltyDecidedAt: '{{t}}',
  violation: '{{o}}',
  fineAmount: '{{f}}',
  procedureKind: 'ordinary',
}

const clPublicity: Step[] = [
  { type: 'CASE_OPENED', by: 'bureau.credit', after: 'A,L0,B,B0,C,C0', h: 0, payload: CL_OPEN },
  {
    type: 'ASSESS_CRITERIA', by: 'bureau.credit', after: 'A,L0,B,B1,C,C0', h: 48, start: ['T35'],
    payload: { criteria: { seriousViolation: true, repeated: false, badInfluence: true }, conclusion: 'publish', note: '依法公示行政处罚信息' },
  },
  { type: 'PUBLISH_PENALTY_INFO', by: 'bureau.credit', after: 'A,L0,B,B2,C,C0', h: 530, end: ['T35'], payload: { publishedAt: '{{t}}', channel: '国家企业信用信息公示系统' } },
]

const creditListing: PathDef[] = [
  {
    id: 'cl-listed-repaired',
    procedure: 'credit-listing',
    share: 0.5,
    end: 'L6',
    publicity: { at: 3, untilHours: 3 * 8766 },
    listing: { decidedAt: 7, at: 9, endAt: 17, endReason: 'repaired' },
    steps: [
      ...clPublicity.slice(0, 2),
      { ...clPublicity[2]!, start: ['T34y'] },
      {
        type: 'GIVE_PRIOR_NOTICE', by: 'bureau.credit', after: 'A,L1,B,B2,C,C0', h: 48, payload: { notice: doc('列入严重违法失信名单告知书.pdf') },
        send: [{ to: 'subject', kind: 'priorNotice', title: ['列入严重违法失信名单告知书', 'Prior notice of listing'], task: 'statement' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'A,L1,B,B2,C,C0', h: 24, receipt: 'priorNotice', start: ['T29'] },
      { type: 'SUBMIT_STATEMENT', by: 'subject.agent', after: 'A,L1H,B,B2,C,C0', h: 80, end: ['T29'], payload: { statement: doc('陈述申辩书.pdf'), requestsHearing: false } },
      {
        type: 'DECIDE_LISTING', by: 'bureau.head', after: 'A,L2,B,B2,C,C0', h: 200, start: ['T31'], payload: { decisionNo: '{{a}}市监信〔{{y}}〕{{n}}号', years: 3 },
        send: [{ to: 'subject', kind: 'listingDecision', title: ['列入严重违法失信名单决定书', 'Listing decision'] }],
      },
      { type: 'RECEIPT', by: 'system', after: 'A,L2,B,B2,C,C0', h: 24, receipt: 'listingDecision' },
      {
        type: 'PUBLISH_LISTING', by: 'bureau.credit', after: 'A,L4,B,B2,C,C0', h: 510, end: ['T31'], start: ['T40'], payload: { publishedAt: '{{t}}', channel: '国家企业信用信息公示系统' },
        send: [
          { to: 'partnerNdrc', kind: 'jointPunishment', title: ['失信联合惩戒信息推送', 'Joint punishment notice'] },
          { to: 'partnerPbc', kind: 'jointPunishment', title: ['失信联合惩戒信息推送', 'Joint punishment notice'] },
          { to: 'partnerTax', kind: 'jointPunishment', title: ['失信联合惩戒信息推送', 'Joint punishment notice'] },
          { to: 'partnerCustoms', kind: 'jointPunishment', title: ['失信联合惩戒信息推送', 'Joint punishment notice'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'A,L4,B,B2,C,C0', h: 4, receipt: 'jointPunishment' },
      { type: 'RECEIPT', by: 'system', after: 'A,L4,B,B2,C,C0', h: 4, receipt: 'jointPunishment' },
      { type: 'RECEIPT', by: 'system', after: 'A,L4,B,B2,C,C0', h: 4, receipt: 'jointPunishment' },
      { type: 'RECEIPT', by: 'system', after: 'A,L4,B,B2,C,C0', h: 4, receipt: 'jointPunishment' },
      { type: 'APPLY_EARLY_REMOVAL', by: 'subject.agent', after: 'A,L5,B,B2,C,C0', h: 4000, payload: { reasons: '已履行行政处罚决定并完成整改', documents: [doc('信用修复申请书.pdf'), doc('整改报告.pdf')] } },
      { type: 'ACCEPT_REPAIR', by: 'bureau.credit', after: 'A,L5B,B,B2,C,C0', h: 48, start: ['T38'], payload: { note: '材料齐全，予以受理' } },
      { type: 'GRANT_REPAIR', by: 'bureau.head', after: 'A,L5B,B,B2,C,C0', h: 400, end: ['T38'], start: ['T39'], payload: { decisionNo: '{{a}}市监信修〔{{y}}〕{{n}}号' } },
      { type: 'REMOVE_LISTING', by: 'bureau.credit', after: 'A,L6,B,B5,C,C0', h: 80, end: ['T39'], payload: { removedAt: '{{t}}', reason: 'repaired' } },
    ],
  },
  {
    id: 'cl-publicity-cnipa',
    procedure: 'credit-listing',
    share: 0.4,
    end: 'C4R',
    publicity: { at: 3, untilHours: 2191.5, endAt: 11, endReason: 'repaired' },
    steps: [
      ...clPublicity.slice(0, 2),
      { ...clPublicity[2]!, after: 'A,L0,B,B2,C,C0', start: ['T34m'] },
      {
        type: 'GIVE_CNIPA_NOTICE', by: 'bureau.credit', after: 'A,L0,B,B2,C,C1', h: 48, payload: { notice: doc('知识产权领域失信行为认定事先告知书.pdf') },
        send: [{ to: 'subject', kind: 'cnipaNotice', title: ['失信行为认定事先告知书', 'Prior notice of a CNIPA finding'], task: 'cnipaStatement' }],
      },
      { type: 'RECEIPT', by: 'system', after: 'A,L0,B,B2,C,C1', h: 24, receipt: 'cnipaNotice' },
      { type: 'SUBMIT_CNIPA_STATEMENT', by: 'subject.agent', after: 'A,L0,B,B2,C,C1', h: 60, payload: { statement: doc('陈述申辩书.pdf') } },
      {
        type: 'DECIDE_CNIPA_FINDING', by: 'bureau.head', after: 'A,L0,B,B2,C,C2', h: 120, start: ['T44'], payload: { decisionNo: '{{a}}市监知信〔{{y}}〕{{n}}号', measures: ['限制申请政府资金', '加强检查'] },
        send: [
          { to: 'subject', kind: 'cnipaFinding', title: ['失信行为认定决定书', 'CNIPA finding'] },
          { to: 'partnerNdrc', kind: 'cnipaMeasures', title: ['失信惩戒措施告知', 'Measures notice'] },
        ],
      },
      { type: 'RECEIPT', by: 'system', after: 'A,L0,B,B2,C,C2', h: 24, receipt: 'cnipaFinding' },
      { type: 'RECEIPT', by: 'system', after: 'A,L0,B,B2,C,C2', h: 4, receipt: 'cnipaMeasures' },
      { type: 'APPLY_PUBLICITY_REPAIR', by: 'subject.agent', after: 'A,L0,B,B3,C,C2', h: 300, start: ['T38p'], payload: { reasons: '已履行行政处罚并完成整改', documents: [doc('信用修复申请书.pdf')] } },
      { type: 'DECIDE_PUBLICITY_REPAIR', by: 'bureau.credit', after: 'A,L0,B,B4,C,C2', h: 400, end: ['T38p', 'T34m'], payload: { granted: true } },
      { type: 'APPLY_CNIPA_REPAIR', by: 'subject.agent', after: 'A,L0,B,B4,C,C3', h: 2000, payload: { reasons: '惩戒期间未再发生失信行为', documents: [doc('信用修复申请书.pdf')] } },
      { type: 'DECIDE_CNIPA_REPAIR', by: 'bureau.credit', after: 'A,L0,B,B4,C,C4', h: 200, end: ['T44'], payload: { granted: true } },
    ],
  },
  {
    id: 'cl-not-listed',
    procedure: 'credit-listing',
    share: 0.1,
    end: 'N1',
    publicity: { at: 3, untilHours: 2191.5, endAt: 4, endReason: 'expired' },
    steps: [
      ...clPublicity.slice(0, 2),
      { ...clPublicity[2]!, start: ['T34m'] },
      { type: 'xstate.after.T34m', by: 'system', after: 'A,L0,B,B5,C,C0', fixed: 2191.5, fire: 'T34m' },
    ],
  },
]

export const PATHS: PathDef[] = [...criminalTransfer, ...judicialConfirmation, ...creditListing]

/** The opening party of each procedure (its agency is the case's opening agency). */
export const OPEN_PARTY: Record<PathDef['procedure'], string> = { 'criminal-transfer': 'aea', 'judicial-confirmation': 'mediator', 'credit-listing': 'bureau' }
