// Civil-date and instant arithmetic in China local time. Dates are `YYYY-MM-DD` strings;
// instants are ISO strings with a zone, stored and returned in UTC.

import { AppError } from '@xianjie/domain'

export const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** China local time is UTC+8 all year: no daylight saving since 1991. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
// A zone is required: without one, JavaScript reads the string in the machine's zone.
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or null when it is malformed or not a real date. */
export function toDayNumber(date: string): number | null {
  const m = DATE_RE.exec(date)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(0)
  t.setUTCFullYear(y, mo - 1, d)
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null
  return Math.round(t.getTime() / DAY_MS)
}

/** The `YYYY-MM-DD` date of a day number (days since 1970-01-01). */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && toDayNumber(value) !== null
}

/** Parses a `YYYY-MM-DD` date into its day number; throws VALIDATION_FAILED when it is not one. */
export function dayNumber(date: string): number {
  const day = typeof date === 'string' ? toDayNumber(date) : null
  if (day === null) throw new AppError('VALIDATION_FAILED', `date ${JSON.stringify(date)} is not a real YYYY-MM-DD date`)
  return day
}

/** Epoch milliseconds of an ISO instant with a zone (`Z` or `±hh:mm`); throws VALIDATION_FAILED otherwise. */
export function parseInstant(iso: string): number {
  const m = typeof iso === 'string' ? INSTANT_RE.exec(iso) : null
  const ms = m && toDayNumber(m[1]!) !== null ? Date.parse(iso) : Number.NaN
  if (Number.isNaN(ms)) {
    throw new AppError('VALIDATION_FAILED', `instant ${JSON.stringify(iso)} is not an ISO date-time with a zone, e.g. 2025-09-30T15:00:00Z`)
  }
  return ms
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7
}

/** True on Saturday and Sunday. */
export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date)
  return dow === 0 || dow === 6
}

/** The date `n` days after `date` (before it when `n` is negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(dayNumber(date) + n)
}

/**
 * The corresponding date `n` months after `date`; when the target month has no such day,
 * its last day (Civil Code art. 202): 2026-01-31 + 1 month = 2026-02-28.
 */
export function addMonths(date: string, n: number): string {
  dayNumber(date)
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + n
  const ty = Math.floor(index / 12)
  const tm = index - ty * 12
  const last = new Date(0)
  last.setUTCFullYear(ty, tm + 1, 0)
  const day = Math.min(d, last.getUTCDate())
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The China local date (UTC+8) of an instant: `2025-09-30T16:00:01Z` → `2025-10-01`. */
export function localDate(iso: string): string {
  return new Date(parseInstant(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** 24:00 China local time at the end of `date`, as a UTC instant: `2025-10-03` → `2025-10-03T16:00:00.000Z`. */
export function endOfLocalDay(date: string): string {
  return new Date((dayNumber(date) + 1) * DAY_MS - CHINA_OFFSET_MS).toISOString()
}

/** 00:00 China local time at the start of `date`, as a UTC instant: `2025-10-01` → `2025-09-30T16:00:00.000Z`. */
export function startOfLocalDay(date: string): string {
  return new Date(dayNumber(date) * DAY_MS - CHINA_OFFSET_MS).toISOString()
}

/** 2026年3月10日 for a `YYYY-MM-DD` date or an ISO instant (China time), as documents write dates. */
export function zhDate(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localDate(value)
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return `${y}年${m}月${d}日`
}
