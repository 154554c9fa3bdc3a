// Guards that carry law: when one refuses a command the engine answers 422 RULE_REFUSED
// with the rule below instead of 409 WRONG_STATE.

import type { RuleSpec } from '@xianjie/domain'

export const transferSupervisionRules = {
  opinionNamesGrounds: {
    id: 'SPP-2001-s12-opinion-grounds',
    message: {
      zh: '检察意见应当写明《人民检察院办理行政执法机关移送涉嫌犯罪案件的规定》第十二条所列的至少一种情形（不移送、举报不移送、隐匿销毁涉案物品或私分涉案财物、以行政处罚代替移送），且不得重复',
      en: 'the opinion must name at least one ground of SPP-2001 §12 (non-transfer, reported non-transfer, items hidden or destroyed, penalty instead of transfer), each once',
    },
    source: 'SPP-2001 §12; SPP-R art. 557(3)',
  },
  opinionStatesReasons: {
    id: 'SPP-R-art557-opinion-reasons',
    message: {
      zh: '检察意见应当说明要求移送的理由',
      en: 'the opinion must state why the transfer is required',
    },
    source: 'SPP-R art. 557(3); SPP-2001 §12',
  },
} satisfies Record<string, RuleSpec>

export type TransferSupervisionRuleKey = keyof typeof transferSupervisionRules
