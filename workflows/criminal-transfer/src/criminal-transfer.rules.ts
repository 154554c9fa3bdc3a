// Guards that carry law: when one refuses a command the engine answers 422 RULE_REFUSED
// with the rule below instead of 409 WRONG_STATE.

import type { RuleSpec } from '@xianjie/domain'

export const criminalTransferRules = {
  teamOfTwo: {
    id: 'R310-art5-team-of-two',
    message: {
      zh: '专案组应由2名或者2名以上行政执法人员组成',
      en: 'the case team must have at least 2 enforcement officers',
    },
    source: 'R310 art. 5(1)',
  },
  transferDocumentsComplete: {
    id: 'R310-art6-required-documents',
    message: {
      zh: '移送材料不全：应附移送书、调查报告、涉案物品清单和检验报告或者鉴定结论（无需检验的应说明理由）',
      en: 'transfer documents missing: the transfer letter, investigation report, item list and test or appraisal report (or a reason why no testing was needed) are required',
    },
    source: 'R310 art. 6',
  },
  penaltyMayNotReplaceTransfer: {
    id: 'R310-art11-no-penalty-instead-of-transfer',
    message: {
      zh: '对应当移送的涉嫌犯罪案件，不得以行政处罚代替移送',
      en: 'an administrative penalty may not replace the transfer of a suspected crime',
    },
    source: 'R310 art. 11(1); APL art. 82; APL art. 35(2)',
  },
  reviewExtensionAllowed: {
    id: 'ECR-art16-review-extension',
    message: {
      zh: '立案审查期限只能依次延长：至10日；经县级以上公安机关负责人批准至30日；经上一级公安机关负责人批准再延长30日',
      en: 'the filing review may only be extended step by step: to 10 days, to 30 days (county-level head), then a further 30 days (next-higher head)',
    },
    source: 'ECR art. 16',
  },
  reconsiderationWindowOpen: {
    id: 'R310-art9-reconsideration-window',
    message: {
      zh: '提请复议应当自接到不予立案通知书之日起3日内提出，期限已过',
      en: 'reconsideration must be requested within 3 days of receiving the non-filing notice; the window has closed',
    },
    source: 'R310 art. 9(1); PSP art. 181',
  },
  reconsiderationNotYetRequested: {
    id: 'R310-art9-single-reconsideration',
    message: {
      zh: '复议已经作出；对复议决定仍有异议的，应当建议人民检察院立案监督',
      en: 'reconsideration was already decided; an AEA that still objects suggests procuratorate supervision instead',
    },
    source: 'R310 art. 9(2)',
  },
  supervisionBasisAvailable: {
    id: 'R310-art9-supervision-window',
    message: {
      zh: '依《行政执法机关移送涉嫌犯罪案件的规定》第九条建议立案监督的3日期限已过；仍可依刑事诉讼法第113条请求监督（basis: CPL-art113）',
      en: 'the 3-day window to suggest supervision under R310 art. 9 has closed; supervision may still be sought under CPL art. 113 (basis: CPL-art113)',
    },
    source: 'R310 art. 9; CPL art. 113; SPP-R art. 557',
  },
  reviewPeriodExpired: {
    id: 'SPP-R-art562-review-not-overdue',
    message: {
      zh: '公安机关立案审查期限尚未届满，人民检察院应将材料移送公安机关并答复行政执法机关',
      en: 'the police review period has not expired; the procuratorate would pass the matter to the police and reply',
    },
    source: 'SPP-R art. 562',
  },
  explanationOverdue: {
    id: 'SPP-R-art562-notify-after-silence',
    message: {
      zh: '公安机关说明理由的7日期限届满前，人民检察院不得未经审查理由径行通知立案',
      en: 'before the 7-day explanation period has passed the procuratorate evaluates the reasons instead of notifying filing directly',
    },
    source: 'SPP-R arts 560–562',
  },
  reminderGateOpen: {
    id: 'SPP-R-art564-reminder-after-3-months',
    message: {
      zh: '立案后3个月未侦查终结的，方可发出立案监督案件催办函',
      en: 'a reminder letter may be sent only when the investigation is not concluded 3 months after filing',
    },
    source: 'SPP-R art. 564(3)',
  },
  penaltyWithinLimitation: {
    id: 'APL-art36-limitation',
    message: {
      zh: '违法行为在2年内未被发现的（涉及公民生命健康安全、金融安全且有危害后果的为5年），不再给予行政处罚',
      en: 'no penalty for a violation not discovered within 2 years (5 years for life, health or financial safety with harmful consequences)',
    },
    source: 'APL art. 36',
  },
} satisfies Record<string, RuleSpec>

export type CriminalTransferGuardWithRule = keyof typeof criminalTransferRules
