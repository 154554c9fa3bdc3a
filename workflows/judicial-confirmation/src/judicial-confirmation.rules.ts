// Guards that carry law: when one refuses a command the engine answers 422 RULE_REFUSED with
// the rule below instead of 409 WRONG_STATE. Some are named only by `meta.refuses` of a state
// that no longer takes the command (a lapsed window, a ruling already made).

import type { RuleSpec } from '@xianjie/domain'

export const judicialConfirmationRules = {
  applicationWindowOpen: {
    id: 'CivPL-art205-application-window',
    message: {
      zh: '申请司法确认应当自调解协议生效之日起三十日内共同提出，期间已经届满；当事人可以就调解协议的履行或者内容提起诉讼，或者重新调解',
      en: 'the joint application must be made within 30 days of the agreement taking effect; the window has closed (the parties may sue or re-mediate)',
    },
    source: 'CivPL art. 205; PML art. 33',
  },
  courtCompetent: {
    id: 'CivPL-art205-competent-court',
    message: {
      zh: '所选人民法院对本案无管辖权：先行调解的向作出邀请的人民法院提出；调解组织自行调解的向当事人住所地、标的物所在地、调解组织所在地的基层人民法院提出，应由中级人民法院管辖的向相应的中级人民法院提出',
      en: 'a court named has no jurisdiction: the inviting court after pre-filing mediation; otherwise the basic court of a party’s domicile, the subject’s location or the mediator’s seat, or the corresponding intermediate court',
    },
    source: 'CivPL art. 205; CivPL-I art. 352; IPJ-2022 arts 1–3',
  },
  jointApplication: {
    id: 'CivPL-art205-joint-application',
    message: {
      zh: '司法确认应当由双方当事人共同申请：须由另一方当事人加入申请',
      en: 'confirmation needs a joint application: the other party must join',
    },
    source: 'CivPL art. 205; CivPL-I art. 351',
  },
  notOwnershipConfirmation: {
    id: 'CivPL-I-art355-1-5-ip-ownership',
    message: {
      zh: '调解协议内容涉及物权、知识产权确权的，人民法院裁定不予受理；受理后发现的，裁定驳回申请（最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第三百五十五条第一款第五项、第二款）',
      en: 'an agreement confirming real rights or IP rights is not accepted, and is rejected if found after acceptance (CivPL-I art. 355(1)(5), (2))',
    },
    source: 'CivPL-I art. 355(1)(5)',
  },
  courtStillPending: {
    id: 'CivPL-I-art352-first-to-file',
    message: {
      zh: '向两个以上有管辖权的人民法院申请的，由最先立案的人民法院管辖；本院已不再审查该申请',
      en: 'when several competent courts received the application, the first to accept it handles the case; this court no longer holds it',
    },
    source: 'CivPL-I art. 352',
  },
  courtDateAhead: {
    id: 'CivPL-I-art354-court-set-date',
    message: {
      zh: '人民法院指定的补正或者补充期限不得早于指定之日',
      en: 'a time limit the court sets for supplementing may not end before the day it is set',
    },
    source: 'CivPL-I arts 354(2), 356(2)',
  },
  supplementDeadlinePassed: {
    id: 'CivPL-I-art357-2-treat-as-withdrawn',
    message: {
      zh: '当事人无正当理由未在限期内补充陈述、补充证明材料或者拒不接受询问的，方可按撤回申请处理；人民法院限定的期限尚未届满',
      en: 'an application is treated as withdrawn only once the court-set date has passed without the supplement, or when a party refuses questioning',
    },
    source: 'CivPL-I art. 357(2); SPC-2011 art. 6',
  },
  extensionOnce: {
    id: 'SPC-2011-art5-extension',
    message: {
      zh: '因特殊情况需要延长的，经本院院长批准，可以延长十日，且只能延长一次',
      en: 'the review period may be extended once, by 10 days, with the president’s approval',
    },
    source: 'SPC-2011 art. 5',
  },
  withdrawBeforeRuling: {
    id: 'CivPL-I-art357-withdraw-before-ruling',
    message: {
      zh: '撤回申请应当在人民法院作出是否确认的裁定前提出，裁定已经作出',
      en: 'an application may be withdrawn only before the court rules on it; the ruling has been made',
    },
    source: 'CivPL-I art. 357(1); SPC-2011 art. 5(2)',
  },
  partyObjectionWindowOpen: {
    id: 'CivPL-I-art372-party-objection-15-days',
    message: {
      zh: '当事人对确认调解协议的裁定有异议的，应当自收到裁定之日起十五日内提出',
      en: 'a party must object within 15 days of receiving the confirmation ruling',
    },
    source: 'CivPL-I art. 372(2)',
  },
  interestedPartyWithinSixMonths: {
    id: 'CivPL-I-art372-interested-party-6-months',
    message: {
      zh: '利害关系人有异议的，应当自知道或者应当知道其民事权益受到侵害之日起六个月内提出；该期间为不变期间，不适用中止、中断、延长',
      en: 'an interested party must object within 6 months of knowing of the harm; the period is invariable (no suspension, interruption or extension)',
    },
    source: 'CivPL-I arts 372(2), 127',
  },
  objectionPending: {
    id: 'CivPL-I-art372-objection-pending',
    message: {
      zh: '没有待审查的异议',
      en: 'there is no objection pending',
    },
    source: 'CivPL-I art. 372(1)',
  },
  noObjectionPending: {
    id: 'CivPL-I-art372-objection-first',
    message: {
      zh: '对确认裁定的异议尚在审查中，待人民法院裁定后再记录履行完毕',
      en: 'an objection to the ruling is pending; record performance after the court decides it',
    },
    source: 'CivPL-I art. 372(1)',
  },
  enforcementCourtCompetent: {
    id: 'CivPL-I-art460-enforcement-court',
    message: {
      zh: '确认调解协议裁定由作出裁定的人民法院或者与其同级的被执行财产所在地的人民法院执行',
      en: 'the ruling is enforced by the court that made it or a court of the same level where the property is',
    },
    source: 'CivPL-I art. 460; SPC-2011 art. 9',
  },
  interruptionDateValid: {
    id: 'CivPL-art250-interruption',
    message: {
      zh: '申请执行时效因请求履行而中断，应自中断之日重新计算：请求履行之日不得晚于今日，也不得早于现行期间的起算日',
      en: 'a demand for performance interrupts the period from its date, which may be neither in the future nor before the current start',
    },
    source: 'CivPL art. 250(1); Civil Code art. 195',
  },
} satisfies Record<string, RuleSpec>

export type JudicialConfirmationRuleKey = keyof typeof judicialConfirmationRules
