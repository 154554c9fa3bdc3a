import { readFileSync } from 'node:fs'
import { AppError, assertNever, type TimerUnit } from '@xianjie/domain'
import {
  HOUR_MS,
  addDays,
  addMonths,
  dayNumber,
  endOfLocalDay,
  fromDayNumber,
  isIsoDate,
  isWeekend,
  localDate,
  parseInstant,
} from './dates.ts'
import { HOLIDAY_NOTICES, type HolidayBlock, type HolidayNotice } from './holidays.ts'

export type { HolidayBlock, HolidayNotice, NoticeAmendment } from './holidays.ts'

/** The part of a timer rule the calendar needs; a domain `TimerRule` satisfies it. */
export interface PeriodRule {
  duration: number
  unit: TimerUnit
  /** Roll a last day that is a rest day to the next working day (ignored for `h`). */
  rollOnHoliday: boolean
}

/** A computed deadline (DOMAIN.md §1). Instants are UTC ISO strings; dates are China local. */
export interface Deadline {
  /** The instant the period ends: start + N h, or 24:00 local of the last day. */
  dueAt: string
  /** The last day of a day-based period, `YYYY-MM-DD`; null for hours. */
  lastDay: string | null
  /** Some day the computation classified lies where no holiday notice is loaded yet; recompute when it is. */
  provisional: boolean
  /** Hours only: the statutory reading, next whole hour after the start + N h (CivPL-I art. 125). */
  statutoryDueAt?: string
  /** The last day before it rolled over a rest day. */
  rolledFrom?: string
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday'

/** How the calendar classifies one date, and on what authority. */
export interface DayInfo {
  date: string
  kind: DayKind
  working: boolean
  /** For `holiday`: the block it belongs to. */
  holiday?: { name: string; nameZh: string }
  /** For `holiday` and `makeup-workday`: the notice that declared it. */
  noticeId?: string
  /** No loaded notice settles this date yet (weekday rules were used). */
  provisional: boolean
}

/** A working-day calendar for mainland China with a deadline calculator. */
export interface Calendar {
  /** Adds a year's notice, replacing any notice already loaded for that year. Throws VALIDATION_FAILED listing every problem. */
  loadNotice(notice: HolidayNotice): void
  /** Reads a notice from a JSON file (shape: `HolidayNotice`, see README), validates and loads it; returns it. */
  loadNoticeFile(path: string): HolidayNotice
  hasNotice(year: number): boolean
  /** The loaded notices, oldest first. */
  notices(): HolidayNotice[]
  dayInfo(date: string): DayInfo
  /** Monday to Friday unless a statutory holiday; Saturday and Sunday only as make-up workdays. */
  isWorkingDay(date: string): boolean
  /** Weekends and holidays (节假日 for the roll-forward rule): the opposite of `isWorkingDay`. */
  isRestDay(date: string): boolean
  /** The |n|th working day after `date` (before it when `n` is negative); `date` itself when n = 0. */
  addWorkingDays(date: string, n: number): string
  /** Working days in (fromDate, toDate]; negative when toDate is before fromDate. */
  workingDaysBetween(fromDate: string, toDate: string): number
  /** The China local date of an instant. */
  localDate(iso: string): string
  /** The deadline of a period that starts at `startIso` (DOMAIN.md §1). */
  due(startIso: string, rule: PeriodRule): Deadline
  /** Share of the period used at `nowIso`, see the standalone `elapsedFraction`. */
  elapsedFraction(startIso: string, dueIso: string, nowIso: string): number
}

// A notice may start in the last week of the year before: the 2023 notice's 元旦 begins on
// 2022-12-31, and the 2019 notice made 2018-12-29 a workday. So those days are settled only
// once the next year's notice is loaded too.
const DECEMBER_REACH_DAY = 25

type Mark = { kind: 'holiday'; block: HolidayBlock; noticeId: string } | { kind: 'workday'; noticeId: string }

interface Tally {
  provisional: boolean
}

/**
 * Creates a calendar holding the given notices.
 * @default notices the shipped State Council notices, 2020–2026
 */
export function createCalendar(options: { notices?: readonly HolidayNotice[] } = {}): Calendar {
  const byYear = new Map<number, HolidayNotice>()
  let marks = new Map<string, Mark>()

  function reindex(): void {
    const next = new Map<string, Mark>()
    // Ascending years, so a later notice settles a late-December date it also lists.
    for (const notice of [...byYear.values()].sort((a, b) => a.year - b.year)) {
      for (const block of notice.holidays) {
        for (const date of block.dates) next.set(date, { kind: 'holiday', block, noticeId: notice.id })
      }
      for (const date of notice.workdays) next.set(date, { kind: 'workday', noticeId: notice.id })
    }
    marks = next
  }

  function loadNotice(notice: HolidayNotice): void {
    const parsed = parseNotice(notice)
    byYear.set(parsed.year, parsed)
    reindex()
  }

  function isSettled(date: string): boolean {
    const year = Number(date.slice(0, 4))
    if (!byYear.has(year)) return false
    const lateDecember = date.slice(5, 7) === '12' && Number(date.slice(8, 10)) >= DECEMBER_REACH_DAY
    return !lateDecember || byYear.has(year + 1)
  }

  function dayInfo(date: string): DayInfo {
    dayNumber(date)
    const provisional = !isSettled(date)
    const mark = marks.get(date)
    if (mark?.kind === 'holiday') {
      const { name, nameZh } = mark.block
      return { date, kind: 'holiday', working: false, holiday: { name, nameZh }, noticeId: mark.noticeId, provisional }
    }
    if (mark?.kind === 'workday') return { date, kind: 'makeup-workday', working: true, noticeId: mark.noticeId, provisional }
    return isWeekend(date)
      ? { date, kind: 'weekend', working: false, provisional }
      : { date, kind: 'workday', working: true, provisional }
  }

  function isWorking(date: string, tally?: Tally): boolean {
    const info = dayInfo(date)
    if (tally && info.provisional) tally.provisional = true
    return info.working
  }

  function stepWorkingDays(date: string, n: number, tally?: Tally): string {
    requireInteger(n, 'working-day count')
    const step = n < 0 ? -1 : 1
    let day = date
    dayNumber(day)
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step)
      if (isWorking(day, tally)) left--
    }
    return day
  }

  function workingDaysBetween(fromDate: string, toDate: string): number {
    const from = dayNumber(fromDate)
    const to = dayNumber(toDate)
    if (to < from) return -workingDaysBetween(toDate, fromDate)
    let count = 0
    for (let day = from + 1; day <= to; day++) if (isWorking(fromDayNumber(day))) count++
    return count
  }

  function due(startIso: string, rule: PeriodRule): Deadline {
    const start = parseInstant(startIso)
    checkRule(rule)
    const n = rule.duration
    if (rule.unit === 'h') {
      // China's offset is a whole number of hours, so a whole UTC hour is a whole local hour.
      const nextWholeHour = (Math.floor(start / HOUR_MS) + 1) * HOUR_MS
      return {
        dueAt: new Date(start + n * HOUR_MS).toISOString(),
        lastDay: null,
        provisional: false,
        statutoryDueAt: new Date(nextWholeHour + n * HOUR_MS).toISOString(),
      }
    }
    const tally: Tally = { provisional: false }
    // The start day is excluded: every unit counts from the local start date.
    const startDay = localDate(startIso)
    let lastDay: string
    switch (rule.unit) {
      case 'cd':
        lastDay = addDays(startDay, n)
        break
      case 'wd':
        lastDay = stepWorkingDays(startDay, n, tally)
        break
      case 'mo':
        lastDay = addMonths(startDay, n)
        break
      case 'y':
        lastDay = addMonths(startDay, 12 * n)
        break
      default:
        return assertNever(rule.unit)
    }
    if (rule.rollOnHoliday && !isWorking(lastDay, tally)) {
      const rolled = stepWorkingDays(lastDay, 1, tally)
      return { dueAt: endOfLocalDay(rolled), lastDay: rolled, provisional: tally.provisional, rolledFrom: lastDay }
    }
    return { dueAt: endOfLocalDay(lastDay), lastDay, provisional: tally.provisional }
  }

  for (const notice of options.notices ?? HOLIDAY_NOTICES) loadNotice(notice)

  return {
    loadNotice,
    loadNoticeFile(path) {
      const notice = parseNotice(readNoticeJson(path))
      loadNotice(notice)
      return notice
    },
    hasNotice: (year) => byYear.has(year),
    notices: () => [...byYear.values()].sort((a, b) => a.year - b.year),
    dayInfo,
    isWorkingDay: (date) => isWorking(date),
    isRestDay: (date) => !isWorking(date),
    addWorkingDays: (date, n) => stepWorkingDays(date, n),
    workingDaysBetween,
    localDate,
    due,
    elapsedFraction,
  }
}

/**
 * Share of the period from `startIso` to `dueIso` used at `nowIso`: 0 before the start, 1 at
 * the due instant, above 1 once overdue. Supervisors flag a timer at 2/3.
 */
export function elapsedFraction(startIso: string, dueIso: string, nowIso: string): number {
  const start = parseInstant(startIso)
  const end = parseInstant(dueIso)
  const now = parseInstant(nowIso)
  if (end <= start) return now >= end ? 1 : 0
  return Math.max(0, (now - start) / (end - start))
}

/**
 * Validates a notice given as plain data (e.g. parsed JSON) and returns a frozen copy.
 * Throws VALIDATION_FAILED naming every problem: dates must be real `YYYY-MM-DD` dates in
 * the notice's year (or from 25 December of the year before), workdays must be Saturdays or
 * Sundays, and no date may be listed twice or as both holiday and workday.
 */
export function parseNotice(value: unknown): HolidayNotice {
  const problems: Array<{ path: string; message: string }> = []
  const fail = (path: string, message: string) => problems.push({ path, message })
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('', 'must be an object')

  const year = v.year
  const yearOk = typeof year === 'number' && Number.isInteger(year) && year >= 1950 && year <= 9999
  if (!yearOk) fail('year', `must be a four-digit year, got ${JSON.stringify(year)}`)
  for (const key of ['id', 'title'] as const) {
    if (!isText(v[key])) fail(key, 'must be a non-empty string')
  }
  if (!isIsoDate(v.issued)) fail('issued', `must be a real YYYY-MM-DD date, got ${JSON.stringify(v.issued)}`)

  const first = yearOk ? `${year - 1}-12-${DECEMBER_REACH_DAY}` : ''
  const last = yearOk ? `${year}-12-31` : ''
  const checkDate = (path: string, date: unknown): date is string => {
    if (!isIsoDate(date)) {
      fail(path, `${JSON.stringify(date)} is not a real YYYY-MM-DD date`)
      return false
    }
    if (yearOk && (date < first || date > last)) {
      fail(path, `${date} is outside ${year} (a notice may start from ${first})`)
      return false
    }
    return true
  }

  const holidayAt = new Map<string, string>()
  const holidays: HolidayBlock[] = []
  if (!Array.isArray(v.holidays)) fail('holidays', 'must be an array of blocks')
  else {
    v.holidays.forEach((raw: unknown, i) => {
      const block = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
      const at = `holidays[${i}]`
      if (!isText(block.name)) fail(`${at}.name`, 'must be a non-empty string')
      if (!isText(block.nameZh)) fail(`${at}.nameZh`, 'must be a non-empty string')
      if (!Array.isArray(block.dates) || block.dates.length === 0) {
        fail(`${at}.dates`, 'must be a non-empty array of dates')
        return
      }
      const dates: string[] = []
      block.dates.forEach((date: unknown, j) => {
        const path = `${at}.dates[${j}]`
        if (!checkDate(path, date)) return
        const earlier = holidayAt.get(date)
        if (earlier) fail(path, `${date} is already listed at ${earlier}`)
        holidayAt.set(date, path)
        dates.push(date)
      })
      holidays.push({ name: String(block.name), nameZh: String(block.nameZh), dates: dates.sort() })
    })
  }

  const workdays: string[] = []
  if (!Array.isArray(v.workdays)) fail('workdays', 'must be an array of dates (may be empty)')
  else {
    v.workdays.forEach((date: unknown, i) => {
      const path = `workdays[${i}]`
      if (!checkDate(path, date)) return
      if (holidayAt.has(date)) fail(path, `${date} is both a holiday (${holidayAt.get(date)}) and a make-up workday`)
      else if (workdays.includes(date)) fail(path, `${date} is listed twice`)
      else if (!isWeekend(date)) fail(path, `${date} is a weekday; make-up workdays are Saturdays or Sundays`)
      workdays.push(date)
    })
  }

  const amendedBy: NonNullable<HolidayNotice['amendedBy']> = []
  if (v.amendedBy !== undefined) {
    if (!Array.isArray(v.amendedBy)) fail('amendedBy', 'must be an array when present')
    else {
      v.amendedBy.forEach((raw: unknown, i) => {
        const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
        if (!isText(a.id) || !isText(a.title) || !isIsoDate(a.issued)) {
          fail(`amendedBy[${i}]`, 'needs id, title and a YYYY-MM-DD issued date')
        } else amendedBy.push({ id: a.id, title: a.title, issued: a.issued })
      })
    }
  }

  if (problems.length > 0) {
    const label = yearOk ? `for ${year}` : JSON.stringify(v.id ?? '(no id)')
    const list = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
    throw new AppError('VALIDATION_FAILED', `holiday notice ${label} is invalid: ${list}`, { details: { fields: problems } })
  }
  const notice: HolidayNotice = {
    year: year as number,
    id: v.id as string,
    title: v.title as string,
    issued: v.issued as string,
    holidays,
    workdays: workdays.sort(),
    ...(amendedBy.length > 0 ? { amendedBy } : {}),
  }
  return deepFreeze(notice)
}

function readNoticeJson(path: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new Error(`cannot read holiday notice file ${path}`, { cause })
  }
  try {
    return JSON.parse(text)
  } catch (cause) {
    throw new AppError('VALIDATION_FAILED', `holiday notice file ${path} is not valid JSON`, { cause })
  }
}

const UNITS: readonly string[] = ['h', 'cd', 'wd', 'mo', 'y'] satisfies TimerUnit[]

function checkRule(rule: PeriodRule): void {
  if (!UNITS.includes(rule.unit)) {
    throw new AppError('VALIDATION_FAILED', `period unit ${JSON.stringify(rule.unit)} is not one of ${UNITS.join(', ')}`)
  }
  requireInteger(rule.duration, 'period duration')
  if (rule.duration < 0) throw new AppError('VALIDATION_FAILED', `period duration ${rule.duration} must not be negative`)
}

function requireInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new AppError('VALIDATION_FAILED', `${what} ${JSON.stringify(n)} must be a whole number`)
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/** The default calendar, with the shipped notices 2020–2026 loaded. */
export const calendar: Calendar = createCalendar()
