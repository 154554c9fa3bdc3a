// Guards that carry law: when one refuses a command the engine answers 422 RULE_REFUSED with
// the rule below instead of 409 WRONG_STATE. Some are named only by `meta.refuses` of a state
// that does not take the command (no notice yet, a lapsed window, the party not yet heard).

import type { RuleSpec } from '@xianjie/domain'

export const creditListingRules = {
  priorNoticeGiven: {
    id: 'APL-art62-prior-notice',
    message: {
      zh: '作出列入严重违法失信名单决定前，应当告知当事人拟作出决定的事实、理由、依据及其依法享有的陈述、申辩、要求听证等权利；未履行告知程序的，不得作出决定',
      en: 'the party must first be told the facts, reasons and basis of the intended listing and its rights to state, defend and request a hearing',
    },
    source: 'APL art. 44; APL art. 62; SAMR-44 art. 14 ⚠️',
  },
  hearingRequestWindow: {
    id: 'APL-art64-hearing-request-5-days',
    message: {
      zh: '当事人要求听证的，应当在行政机关告知后五日内（工作日）提出；期间已经届满或者当事人已明确放弃',
      en: 'a hearing must be requested within 5 working days of the notice; that period has passed or the party waived it',
    },
    source: 'APL arts 64(1), 85',
  },
  presidingNotInvestigator: {
    id: 'APL-art64-4-presiding-officer',
    message: {
      zh: '听证由行政机关指定的非本案调查人员主持',
      en: 'the hearing is presided over by a person who did not investigate the case',
    },
    source: 'APL art. 64(4)',
  },
  hearingNoticeLeadTime: {
    id: 'APL-art64-2-seven-days-notice',
    message: {
      zh: '行政机关应当在举行听证的七日前通知当事人听证的时间、地点；通知后七日（工作日）尚未届满，不得举行听证',
      en: 'the party must be notified of the hearing 7 days before it; it may not be held before then',
    },
    source: 'APL arts 64(2), 85',
  },
  partyHeardFirst: {
    id: 'APL-art62-hear-the-party',
    message: {
      zh: '当事人的陈述、申辩、听证期间尚未届满或者听证尚未结束，不得作出决定；当事人明确放弃陈述、申辩权利的除外',
      en: 'no decision while the party may still state, defend or be heard, unless it expressly waived those rights',
    },
    source: 'APL art. 62; APL arts 63, 64',
  },
  upperLevelApproval: {
    id: 'Gansu-art3-upper-level-approval',
    message: {
      zh: '县级、设区的市级市场监督管理部门作出列入严重违法失信名单决定，应当报经上一级市场监督管理部门同意，并载明批准机关、文号和日期（批准日期不得晚于决定日）',
      en: 'a county- or city-level bureau needs the upper-level bureau’s approval (authority, reference, date not after the decision) to list',
    },
    source: 'Gansu measures art. 3 ☑️; SAMR-44 art. 13 ⚠️',
  },
  registrationBureauCompetent: {
    id: 'SAMR-45-art10-registration-bureau',
    message: {
      zh: '当事人登记地不在本省的，应当推送至当事人登记地（所在辖区）的市场监督管理部门',
      en: 'the information goes to a market-supervision bureau whose area covers the subject’s registration place',
    },
    source: 'SAMR-45 art. 10; SAMR-44 ⚠️',
  },
  publisherForPlace: {
    id: 'SAMR-45-art9-10-publisher',
    message: {
      zh: '当事人登记地在本省的，由作出决定的部门公示；不在本省的，由收到推送信息的登记地市场监督管理部门公示',
      en: 'the deciding bureau publishes for a subject registered in its province; otherwise the registration bureau that received the push publishes',
    },
    source: 'SAMR-45 arts 9, 10; SAMR-44 ⚠️',
  },
  earlyRemovalOneYear: {
    id: 'SAMR-44-early-removal-one-year',
    message: {
      zh: '列入严重违法失信名单满一年方可申请提前移出',
      en: 'early removal may be applied for only once the subject has been listed for 1 year',
    },
    source: 'SAMR-44; SAMR-CR art. 7 ☑️',
  },
  restrictionExpired: {
    id: 'SAMR-44-restriction-running',
    message: {
      zh: '依照法律、行政法规实施的限制开展生产经营活动、限制从业等措施的期限尚未届满的，不得申请提前移出',
      en: 'no early removal while a restriction imposed under law or administrative regulation still runs',
    },
    source: 'SAMR-44; SAMR-CR art. 7 ☑️',
  },
  earlyRemovalConditions: {
    id: 'SAMR-44-early-removal-conditions',
    message: {
      zh: '申请提前移出应当同时具备：已经自觉履行行政处罚决定中规定的义务；已经主动消除危害后果和不良影响；未再受到市场监督管理部门较重行政处罚',
      en: 'early removal needs all three: penalty obligations performed, harm eliminated, no further heavier SAMR penalty',
    },
    source: 'SAMR-44; SAMR-CR art. 7 ☑️',
  },
  reconsiderationWindow: {
    id: 'ARL-art20-60-days',
    message: {
      zh: '申请行政复议应当自知道该行政行为之日起六十日内提出；期间已经届满',
      en: 'reconsideration must be applied for within 60 days of knowing of the act; that period has passed',
    },
    source: 'ARL art. 20',
  },
  suitWindow: {
    id: 'ALL-art45-46-suit-period',
    message: {
      zh: '直接提起行政诉讼应当自知道作出行政行为之日起六个月内提出；经复议的，应当自收到复议决定书之日起十五日内提出；期间已经届满',
      en: 'a suit must be filed within 6 months of knowing of the act, or within 15 days of receiving the reconsideration decision; that period has passed',
    },
    source: 'ALL arts 45, 46',
  },
  remedyForum: {
    id: 'remedy-outcome-forum',
    message: {
      zh: '记录的救济结果应当与正在进行的复议或者诉讼相对应',
      en: 'the outcome recorded must be that of the pending reconsideration or suit',
    },
    source: 'ARL; ALL',
  },
  publicityRepairable: {
    id: 'SAMR-45-art14-3-no-early-stop',
    message: {
      zh: '受到责令停产停业、限制开展生产经营活动、限制从业、降低资质等级、吊销许可证件、营业执照等较重行政处罚的，不得提前停止公示',
      en: 'publicity of suspension, restriction of activity or practice, lowered qualification, revoked permit or licence and other heavier penalties never stops early',
    },
    source: 'SAMR-45 art. 14(3)',
  },
  publicityMinimumPeriod: {
    id: 'SAMR-CR-art6-minimum-publicity',
    message: {
      zh: '行政处罚信息公示满六个月（食品、药品、特种设备领域满一年）方可申请提前停止公示',
      en: 'early stop may be applied for after 6 months of publicity (1 year in food, drugs and special equipment)',
    },
    source: 'SAMR-45 art. 14; SAMR-CR art. 6 ☑️',
  },
  notOnSeriousList: {
    id: 'SAMR-45-art14-1-4-serious-list',
    message: {
      zh: '当事人被列入严重违法失信名单期间，不得申请提前停止公示行政处罚信息',
      en: 'while the subject is on the serious-violation list, its penalty publicity cannot stop early',
    },
    source: 'SAMR-45 art. 14(1)(4)',
  },
  publicityRepairConditions: {
    id: 'SAMR-45-art14-1-conditions',
    message: {
      zh: '申请提前停止公示应当同时具备：已经自觉履行行政处罚决定中规定的义务；已经主动消除危害后果和不良影响；未因同一类违法行为再次受到行政处罚，并作出信用承诺',
      en: 'early stop needs: obligations performed, harm eliminated, no repeat penalty for the same kind of violation, and a credit commitment',
    },
    source: 'SAMR-45 art. 14(1)',
  },
  cnipaRepairSixMonths: {
    id: 'CNIPA-CR-repair-six-months',
    message: {
      zh: '被认定为失信行为满六个月方可申请信用修复',
      en: 'CNIPA credit repair may be applied for 6 months after the finding',
    },
    source: 'CNIPA-CR ⚠️ (Nanning measures; Guangzhou IP guideline ☑️)',
  },
  cnipaRepairConditions: {
    id: 'CNIPA-CR-repair-conditions',
    message: {
      zh: '申请信用修复应当已经纠正失信行为、履行相关义务并消除不良影响',
      en: 'repair needs the conduct corrected, the obligations performed and the adverse effects eliminated',
    },
    source: 'CNIPA-CR ⚠️ (Nanning measures ☑️)',
  },
} satisfies Record<string, RuleSpec>

export type CreditListingRuleKey = keyof typeof creditListingRules
