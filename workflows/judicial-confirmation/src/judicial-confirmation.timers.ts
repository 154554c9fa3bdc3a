// Statutory time limits of judicial confirmation, as data (DOMAIN.md §3, §5 T21–T26), and the
// pure civil-date helpers the guards need. The engine computes due instants with the calendar;
// the machine reads time only from `event.at`.

import { addMonths } from '@xianjie/calendar/dates'
import { delaysOf, type TimerRule } from '@xianjie/domain'

export const judicialConfirmationTimers = {
  TAM1: {
    id: 'TAM1',
    title: { zh: '被请求人答复是否同意调解', en: 'Respondent answers the mediation request' },
    start: 'respondent receives the copy of the mediation request',
    duration: 15,
    unit: 'cd',
    rollOnHoliday: true,
    owner: 'applicant2',
    // Silence counts as refusing mediation: the window closes, the case is not opened.
    expiry: 'RIGHT',
    source: '专利行政执法办法 (CNIPA; which version is in force is unverified)',
    verification: '⚠️',
  },
  T21: {
    id: 'T21',
    title: { zh: '共同申请司法确认期间', en: 'Window for the joint application' },
    start: 'mediation agreement takes effect',
    duration: 30,
    unit: 'cd',
    rollOnHoliday: true,
    owner: 'applicant1',
    expiry: 'RIGHT',
    source: 'CivPL art. 205; PML art. 33',
    verification: '✅',
    anchor: 'agreementEffectiveAt',
  },
  T22: {
    id: 'T22',
    title: { zh: '决定是否受理', en: 'Court decides on acceptance' },
    start: 'court receives the confirmation application',
    duration: 3,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'filedCourt1',
    expiry: 'DUTY',
    source: 'SPC-2011 art. 4',
    verification: '✅',
  },
  T23: {
    id: 'T23',
    title: { zh: '作出是否确认的裁定', en: 'Court decides on confirmation' },
    start: 'application accepted (decision)',
    duration: 15,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'court',
    expiry: 'DUTY',
    source: 'SPC-2011 art. 5',
    verification: '✅',
    anchor: 'acceptedAt',
  },
  T23x: {
    id: 'T23x',
    title: { zh: '经院长批准延长十日', en: 'Decision period extended by 10 days (president)' },
    start: 'application accepted (15 + 10 days with the president’s approval)',
    duration: 25,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'court',
    expiry: 'DUTY',
    source: 'SPC-2011 art. 5',
    verification: '✅',
    anchor: 'acceptedAt',
  },
  T23s: {
    id: 'T23s',
    title: { zh: '特别程序审结期限', en: 'Statutory limit for special-procedure cases' },
    start: 'case filed (statutory cap)',
    duration: 30,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'court',
    expiry: 'DUTY',
    source: 'CivPL art. 187',
    verification: '✅',
    anchor: 'acceptedAt',
  },
  TJ2S: {
    id: 'TJ2S',
    title: { zh: '限期补交材料', en: 'Supplement materials by the court-set date' },
    start: 'court orders a supplement (due at 24:00 of the date it sets)',
    duration: 0,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'applicant1',
    expiry: 'RIGHT',
    source: 'CivPL-I arts 354(2), 357(2)',
    verification: '✅',
    anchor: 'courtSetDueFrom',
  },
  TJ4S: {
    id: 'TJ4S',
    title: { zh: '限期补充陈述或者证明材料', en: 'Supplementary statements by the court-set date' },
    start: 'court orders supplementary statements or evidence (due at 24:00 of the date it sets)',
    duration: 0,
    unit: 'cd',
    rollOnHoliday: false,
    owner: 'applicant1',
    expiry: 'RIGHT',
    source: 'CivPL-I arts 356(2), 357(2); SPC-2011 art. 6',
    verification: '✅',
    anchor: 'courtSetDueFrom',
  },
  T24: {
    id: 'T24',
    title: { zh: '当事人对确认裁定提出异议', en: 'Party objects to the confirmation ruling' },
    start: 'party receives the confirmation ruling (objection)',
    duration: 15,
    unit: 'cd',
    rollOnHoliday: true,
    // One rule serves both applicants' windows; each runs from that applicant's own receipt.
    owner: 'applicant1',
    expiry: 'RIGHT',
    source: 'CivPL-I art. 372(2)',
    verification: '✅',
  },
  T25: {
    id: 'T25',
    title: { zh: '利害关系人提出异议', en: 'Interested party objects' },
    start: 'interested party knows or should know of the harm',
    duration: 6,
    unit: 'mo',
    // CivPL-I art. 127: an invariable period, never suspended, interrupted, extended or rolled.
    rollOnHoliday: false,
    // The interested party is no party of the case; the court records its objection.
    owner: 'court',
    expiry: 'RIGHT',
    source: 'CivPL-I arts 372(2), 127',
    verification: '✅',
  },
  T26: {
    id: 'T26',
    title: { zh: '申请执行期间', en: 'Period to apply for enforcement' },
    start: 'last day of performance (enforcement)',
    duration: 2,
    unit: 'y',
    rollOnHoliday: true,
    owner: 'applicant1',
    expiry: 'RIGHT',
    source: 'CivPL art. 250',
    verification: '✅',
    anchor: 'enforcementFrom',
  },
} satisfies Record<string, TimerRule>

export type JudicialConfirmationTimerId = keyof typeof judicialConfirmationTimers

export const judicialConfirmationDelays: Record<string, number> = delaysOf(judicialConfirmationTimers)

// Civil dates in China time (UTC+8): the calendar's pure date arithmetic. The machine reads
// no holidays; periods that depend on them are engine timers counted by the calendar.
export { addMonths, localDate, startOfLocalDay } from '@xianjie/calendar/dates'

/**
 * Last day on which an interested party may object (CivPL-I art. 372(2)): T25's months after
 * the day it knew of the harm, that day not counted (Civil Code art. 201). Never rolled over
 * a holiday: the period is invariable (CivPL-I art. 127).
 */
export function interestedPartyObjectionDeadline(knewAt: string): string {
  // T25 counts in months ('mo').
  return addMonths(knewAt, judicialConfirmationTimers.T25.duration)
}
