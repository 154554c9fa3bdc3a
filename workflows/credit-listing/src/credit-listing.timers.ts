// Statutory time limits of credit punishment and repair, as data (DOMAIN.md §4, §5 T29–T46),
// and the pure civil-date helpers the guards and the public record need. The engine computes
// due instants with the calendar; the machine reads time only from `event.at`.

import { addMonths, endOfLocalDay, localDate, startOfLocalDay } from '@xianjie/calendar/dates'
import { delaysOf, type TimerRule } from '@xianjie/domain'

export const creditListingTimers = {
  T29: {
    id: 'T29',
    title: { zh: '当事人要求听证期间', en: 'Period to request a hearing' },
    start: 'the party receives the prior notice (告知书)',
    duration: 5,
    unit: 'wd',
    // A working-day period never ends on a holiday.
    rollOnHoliday: false,
    owner: 'subject',
    expiry: 'RIGHT',
    source: 'APL arts 64, 85',
    verification: '✅',
  },
  T30: {
    id: 'T30',
    title: { zh: '听证通知提前期（七日）', en: 'Hearing notice lead time (7 days)' },
    start: 'the bureau notifies the hearing time and place',
    duration: 7,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    // From its end the hearing may be held.
    expiry: 'GATE',
    source: 'APL arts 64, 85',
    verification: '✅',
  },
  T31: {
    id: 'T31',
    title: { zh: '公示行政处罚信息（本省）', en: 'Publish the penalty information (same province)' },
    start: 'penalty decision',
    duration: 20,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-45 art. 9',
    verification: '✅',
    anchor: 'penaltyDecidedAt',
  },
  T32a: {
    id: 'T32a',
    title: { zh: '推送行政处罚信息至登记地（跨省）', en: 'Push the penalty information to the registration bureau (cross-province)' },
    start: 'penalty decision',
    duration: 10,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-45 art. 10',
    verification: '✅',
    anchor: 'penaltyDecidedAt',
  },
  T32b: {
    id: 'T32b',
    title: { zh: '登记地市场监管部门公示', en: 'Registration bureau publishes' },
    start: 'the registration bureau receives the pushed information',
    duration: 10,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'registrationBureau',
    expiry: 'DUTY',
    source: 'SAMR-45 art. 10',
    verification: '✅',
  },
  T33: {
    id: 'T33',
    title: { zh: '撤回行政处罚信息公示', en: 'Withdraw the penalty publicity' },
    start: 'the penalty is changed, revoked, found unlawful or void',
    duration: 3,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-45 art. 11; APL art. 48',
    verification: '✅',
  },
  T34m: {
    id: 'T34m',
    title: { zh: '公示期（三个月）届满', en: 'Publicity period ends (3 months)' },
    start: 'publication of a circular of criticism or a lower-amount fine',
    duration: 3,
    unit: 'mo',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'SAMR-45 art. 13(1)',
    verification: '✅',
    anchor: 'publicityFrom',
  },
  T34y: {
    id: 'T34y',
    title: { zh: '公示期（三年）届满', en: 'Publicity period ends (3 years)' },
    start: 'publication of other penalties',
    duration: 3,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'SAMR-45 art. 13(2)',
    verification: '✅',
    anchor: 'publicityFrom',
  },
  T34r: {
    id: 'T34r',
    title: { zh: '公示期与限制期限相同，限制期限届满', en: 'Publicity ends with the longer restriction' },
    start: 'the last day of a restriction longer than 3 years (due at its 24:00)',
    duration: 0,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'SAMR-45 art. 13(3)',
    verification: '✅',
    anchor: 'restrictionEndsAt',
  },
  T35: {
    id: 'T35',
    title: { zh: '公示列入信息（本省）', en: 'Publish the listing (same province)' },
    start: 'listing decision',
    duration: 20,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-44 (best understanding, mirroring SAMR-45 art. 9)',
    verification: '⚠️',
  },
  T35a: {
    id: 'T35a',
    title: { zh: '推送列入信息至登记地（跨省）', en: 'Push the listing to the registration bureau (cross-province)' },
    start: 'listing decision',
    duration: 10,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-44 (best understanding, mirroring SAMR-45 art. 10)',
    verification: '⚠️',
  },
  T35b: {
    id: 'T35b',
    title: { zh: '登记地市场监管部门公示列入信息', en: 'Registration bureau publishes the listing' },
    start: 'the registration bureau receives the pushed listing',
    duration: 10,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'registrationBureau',
    expiry: 'DUTY',
    source: 'SAMR-44 (best understanding, mirroring SAMR-45 art. 10)',
    verification: '⚠️',
  },
  T36: {
    id: 'T36',
    title: { zh: '列入满一年方可申请提前移出', en: 'Earliest early-removal application (1 year)' },
    start: 'listing (the guard `earlyRemovalOneYear` reads it; not scheduled)',
    duration: 1,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'subject',
    expiry: 'GATE',
    source: 'SAMR-44; SAMR-CR art. 7',
    verification: '☑️',
  },
  T37: {
    id: 'T37',
    title: { zh: '决定是否受理信用修复申请', en: 'Accept or refuse the repair application' },
    start: 'repair application received',
    duration: 2,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-CR',
    verification: '⚠️',
  },
  T38: {
    id: 'T38',
    title: { zh: '核实并决定是否准予信用修复', en: 'Verify and decide the repair' },
    start: 'repair application accepted',
    duration: 15,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-CR',
    verification: '⚠️',
  },
  T38p: {
    id: 'T38p',
    title: { zh: '决定是否提前停止公示', en: 'Decide the early stop of publicity' },
    start: 'publicity repair application received',
    duration: 15,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-CR',
    verification: '⚠️',
  },
  T39: {
    id: 'T39',
    title: { zh: '准予修复后移出名单、停止公示', en: 'Remove from the list after the repair is granted' },
    start: 'repair granted',
    duration: 3,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-CR',
    verification: '⚠️',
  },
  T40: {
    id: 'T40',
    title: { zh: '列入期限（三年）届满', en: 'Listing period ends (3 years)' },
    start: 'listing',
    duration: 3,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'SAMR-44',
    verification: '⚠️',
    anchor: 'listedAt',
  },
  T40r: {
    id: 'T40r',
    title: { zh: '较长的法定限制期限届满', en: 'A longer legal restriction ends' },
    start: 'the last day of a restriction longer than 3 years (due at its 24:00)',
    duration: 0,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'SAMR-44 (⚠️); cf. SAMR-45 art. 13(3) ✅',
    verification: '⚠️',
    anchor: 'restrictionEndsAt',
  },
  T40e: {
    id: 'T40e',
    title: { zh: '期满移出决定', en: 'Removal decision after the period ends' },
    start: 'the listing period ends',
    duration: 3,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-44',
    verification: '⚠️',
  },
  T41: {
    id: 'T41',
    title: { zh: '撤销列入决定', en: 'Revoke the listing' },
    start: 'the underlying penalty is revoked, found unlawful or void',
    duration: 3,
    unit: 'wd',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'DUTY',
    source: 'SAMR-44 (⚠️); cf. SAMR-45 art. 11 ✅; APL art. 48 ✅',
    verification: '⚠️',
  },
  T42: {
    id: 'T42',
    title: { zh: '申请行政复议期间', en: 'Period to apply for reconsideration' },
    start: 'the party knows of the listing decision (receives it)',
    duration: 60,
    unit: 'cd',
    rollOnHoliday: true,
    owner: 'subject',
    expiry: 'RIGHT',
    source: 'ARL art. 20',
    verification: '✅',
  },
  T43: {
    id: 'T43',
    title: { zh: '直接提起行政诉讼期间', en: 'Period to sue directly' },
    start: 'the party knows of the listing decision (receives it)',
    duration: 6,
    unit: 'mo',
    rollOnHoliday: true,
    owner: 'subject',
    expiry: 'RIGHT',
    source: 'ALL art. 46',
    verification: '✅',
  },
  T43r: {
    id: 'T43r',
    title: { zh: '复议后起诉期间', en: 'Period to sue after reconsideration' },
    start: 'the party receives the reconsideration decision',
    duration: 15,
    unit: 'cd',
    rollOnHoliday: true,
    owner: 'subject',
    expiry: 'RIGHT',
    source: 'ALL art. 45',
    verification: '✅',
    anchor: 'reconsiderationDecidedAt',
  },
  T44: {
    id: 'T44',
    title: { zh: '失信惩戒措施期间（一年）', en: 'CNIPA measures period (1 year)' },
    start: 'CNIPA finding, or a repeat finding within the year',
    duration: 1,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'CNIPA-CR (2021 draft arts 10–11; Nanning measures)',
    verification: '⚠️',
  },
  T44cap: {
    id: 'T44cap',
    title: { zh: '失信惩戒措施最长期间（三年）', en: 'CNIPA measures cap (3 years)' },
    start: 'the first CNIPA finding',
    duration: 3,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'bureau',
    expiry: 'AUTO',
    source: 'CNIPA-CR (2021 draft arts 10–11; Nanning measures)',
    verification: '⚠️',
    anchor: 'cnipaFirstFindingAt',
  },
  T45: {
    id: 'T45',
    title: { zh: '认定满六个月方可申请信用修复', en: 'Earliest CNIPA repair application (6 months)' },
    start: 'the first CNIPA finding (the guard `cnipaRepairSixMonths` reads it; not scheduled)',
    duration: 6,
    unit: 'mo',
    rollOnHoliday: false,
    owner: 'subject',
    expiry: 'GATE',
    source: 'CNIPA-CR (Nanning measures; Guangzhou IP guideline)',
    verification: '⚠️',
  },
  T46: {
    id: 'T46',
    title: { zh: '公示满六个月方可申请提前停止公示', en: 'Earliest early stop of publicity (6 months)' },
    start: 'publication (the guard `publicityMinimumPeriod` reads it; not scheduled)',
    duration: 6,
    unit: 'mo',
    rollOnHoliday: false,
    owner: 'subject',
    expiry: 'GATE',
    source: 'SAMR-CR art. 6',
    verification: '☑️',
  },
  T46y: {
    id: 'T46y',
    title: { zh: '食品、药品、特种设备领域公示满一年方可申请', en: 'Earliest early stop in food, drugs, special equipment (1 year)' },
    start: 'publication (the guard `publicityMinimumPeriod` reads it; not scheduled)',
    duration: 1,
    unit: 'y',
    rollOnHoliday: false,
    owner: 'subject',
    expiry: 'GATE',
    source: 'SAMR-CR art. 6',
    verification: '☑️',
  },
} satisfies Record<string, TimerRule>

export type CreditListingTimerId = keyof typeof creditListingTimers

export const creditListingDelays: Record<string, number> = delaysOf(creditListingTimers)

export { addMonths, endOfLocalDay, localDate, startOfLocalDay } from '@xianjie/calendar/dates'

const monthsOf = (rule: { duration: number; unit: string }): number => (rule.unit === 'y' ? 12 * rule.duration : rule.duration)

/** 24:00 China time of the last day of a month/year period from `startIso`, as the calendar counts it (no roll). */
export function periodEnd(startIso: string, rule: { duration: number; unit: 'mo' | 'y' }): string {
  return endOfLocalDay(addMonths(localDate(startIso), monthsOf(rule)))
}

/** 00:00 China time of the day a GATE period opens: the same date `months` later (the corresponding day, Civil Code art. 202). */
export function gateOpens(startIso: string, rule: { duration: number; unit: 'mo' | 'y' }): string {
  return startOfLocalDay(addMonths(localDate(startIso), monthsOf(rule)))
}

/** The China-time date of the last day of a period that ends at `dueAt` (24:00 of that day). */
export function lastDayOf(dueAt: string): string {
  return localDate(new Date(Date.parse(dueAt) - 1).toISOString())
}

/** The end of a restriction's last day (24:00), or null. */
export function restrictionEnd(restrictionUntil: string | null): string | null {
  return restrictionUntil === null ? null : endOfLocalDay(restrictionUntil)
}

/** SAMR-44 ⚠️: the listing ends 3 years after the listing day, or with a longer legal restriction. */
export function listingUntil(listedAt: string, restrictionUntil: string | null): string {
  const base = periodEnd(listedAt, creditListingTimers.T40)
  const restriction = restrictionEnd(restrictionUntil)
  return restriction !== null && restriction > base ? restriction : base
}

/** SAMR-44; SAMR-CR art. 7 ☑️: the first instant an early removal may be applied for (listing date + 1 year). */
export function earliestEarlyRemoval(listedAt: string): string {
  return gateOpens(listedAt, creditListingTimers.T36)
}

/** SAMR-CR art. 6 ☑️: 6 months of publicity in general, 1 year in food, drugs and special equipment. */
export function publicityGateRule(field: string) {
  return field === 'general' ? creditListingTimers.T46 : creditListingTimers.T46y
}

export function earliestPublicityRepair(publishedAt: string, field: string): string {
  return gateOpens(publishedAt, publicityGateRule(field))
}

/** CNIPA-CR ⚠️: repair may be applied for 6 months after the (first) finding. */
export function earliestCnipaRepair(firstFindingAt: string): string {
  return gateOpens(firstFindingAt, creditListingTimers.T45)
}

/** CNIPA-CR ⚠️: 1 year from the latest finding, never beyond 3 years from the first. */
export function cnipaUntil(firstAt: string, lastAt: string): string {
  const year = periodEnd(lastAt, creditListingTimers.T44)
  const cap = periodEnd(firstAt, creditListingTimers.T44cap)
  return year < cap ? year : cap
}
