import type { PartySpec, ProcedureDefinition } from '@xianjie/domain'
import type { CreditListingContext } from './credit-listing.types.ts'

import { creditListingCommands, creditListingOpenPayload } from './credit-listing.commands.ts'
import { creditListingDocuments } from './credit-listing.documents.ts'
import { creditListingMachine } from './credit-listing.machine.ts'
import { creditListingPublicRecords } from './credit-listing.public-records.ts'
import { creditListingRules } from './credit-listing.rules.ts'
import { creditListingTimers } from './credit-listing.timers.ts'

export {
  assessCriteria,
  creditListingMachine,
  crossProvinceOf,
  DISPATCH_KINDS,
  DOCUMENT_TITLES,
  isHeavierPenalty,
  onSeriousList,
  publicityApplies,
  publicityPeriodOf,
  publicityRepairable,
  registrationBureauCompetent,
  upperLevelApprovalRequired,
} from './credit-listing.machine.ts'
export type { DispatchKind, DocumentKind, EndCode, StateMeta } from './credit-listing.machine.ts'
export {
  ART12_FACTORS,
  ART9_ITEMS,
  CATALOGUE_VERSION,
  CNIPA_CONDUCT,
  CNIPA_MEASURES,
  FIELD_TITLES,
  HEAVIER_TYPES,
  JOINT_MEASURES,
  JOINT_PUNISHMENT,
  LISTING_CONFIG,
  NO_EARLY_STOP_TYPES,
  PARTNER_KEYS,
  partnerMeasures,
  PENALTY_TYPE_TITLES,
  SERIOUS_LIST_MEASURES,
  VIOLATION_ARTICLE_TITLES,
} from './credit-listing.catalogues.ts'
export type { JointPunishment, ListingConfig, PartnerKey } from './credit-listing.catalogues.ts'
export { creditListingCommands, creditListingOpenPayload } from './credit-listing.commands.ts'
export { creditListingDocuments } from './credit-listing.documents.ts'
export { creditListingPublicRecords } from './credit-listing.public-records.ts'
export { creditListingRules } from './credit-listing.rules.ts'
export type { CreditListingRuleKey } from './credit-listing.rules.ts'
export {
  cnipaUntil,
  creditListingDelays,
  creditListingTimers,
  earliestCnipaRepair,
  earliestEarlyRemoval,
  earliestPublicityRepair,
  lastDayOf,
  listingUntil,
  periodEnd,
} from './credit-listing.timers.ts'
export type { CreditListingTimerId } from './credit-listing.timers.ts'
export {
  ART12_FACTOR_KEYS,
  ART9_ITEM_KEYS,
  CNIPA_CONDUCT_KEYS,
  FIELDS,
  PENALTY_PROCEDURES,
  PENALTY_TYPES,
  VIOLATION_ARTICLES,
} from './credit-listing.types.ts'
export type * from './credit-listing.types.ts'

export const creditListingParties: Record<string, PartySpec> = {
  // 谁处罚、谁列入、谁移出 (Gansu measures ☑️).
  bureau: { kind: 'msa', title: { zh: '作出行政处罚的市场监督管理部门', en: 'Penalising bureau' }, resolve: 'opener' },
  subject: { kind: 'party', title: { zh: '当事人（企业）', en: 'Subject (enterprise)' }, resolve: 'input' },
  // SAMR-45 art. 10: the bureau of the registration place publishes for a subject in another province.
  registrationBureau: { kind: 'msa', title: { zh: '当事人登记地市场监督管理部门', en: 'Registration-place bureau' }, resolve: 'assigned' },
  // ECIP art. 18; GB-49: the departments that apply joint punishment (a district bureau's sit at the city).
  partnerNdrc: { kind: 'partner.ndrc', title: { zh: '发展改革部门（信用办）', en: 'Development and reform (credit office)' }, resolve: 'sameDivision', enclosing: true },
  partnerPbc: { kind: 'partner.pbc', title: { zh: '人民银行', en: 'People’s Bank of China' }, resolve: 'sameDivision', enclosing: true },
  partnerTax: { kind: 'partner.tax', title: { zh: '税务部门', en: 'Tax bureau' }, resolve: 'sameDivision', enclosing: true },
  partnerCustoms: { kind: 'partner.customs', title: { zh: '海关', en: 'Customs' }, resolve: 'sameDivision', enclosing: true },
}

export const creditListing: ProcedureDefinition = {
  name: 'credit-listing',
  version: '1',
  title: { zh: '失信惩戒与信用修复', en: 'Credit punishment and repair' },
  machine: creditListingMachine,
  parties: creditListingParties,
  commands: creditListingCommands,
  timers: creditListingTimers,
  rules: creditListingRules,
  openPayload: creditListingOpenPayload,
  open: { roles: ['msa.officer', 'msa.credit'], party: 'bureau' },
  // The bureau's credit series: 白市监信〔2026〕1号.
  caseNumber: { party: 'bureau', series: '信' },
  documents: creditListingDocuments,
  // A penalty after the police did not file (F11) or after a reverse transfer (RP3/RS3).
  openFrom: [{ procedure: 'criminal-transfer', ends: ['E2', 'E3'] }],
  publicRecords: creditListingPublicRecords,
  supervision: {
    subjects: (c: CreditListingContext) => {
      const agency = c.agencies[c.parties['subject'] ?? '']
      return agency ? [{ name: agency.name, creditCode: agency.creditCode }] : []
    },
  },
}
