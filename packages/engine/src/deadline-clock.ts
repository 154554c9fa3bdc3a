// The time left on a deadline, counted the way the law counts its period (DOMAIN.md §1):
// hours for `h`, working days on the China calendar for `wd`, calendar days otherwise.
import { calendar as chinaCalendar, elapsedFraction, localDate, type Calendar } from '@xianjie/calendar'
import { dayNumber, HOUR_MS } from '@xianjie/calendar/dates'
import type { TimerStatus, TimerUnit } from '@xianjie/domain'
import type { DeadlineClock } from './types.ts'

/** The part of the calendar a clock reads. */
export type ClockCalendar = Pick<Calendar, 'dayInfo' | 'workingDaysBetween' | 'notices'>

/** The timer fields a clock needs (a `timers` row, mapped). */
export interface ClockTimer {
  unit: TimerUnit
  startedAt: Date | string
  dueAt: Date | string
  status: TimerStatus
  endedAt: Date | string | null
  /** When the step was left; for an overdue duty, when it was finally done. */
  doneAt: Date | string | null
}

/** The engine's calendar when it can count working days (packages/calendar can), else the China calendar. */
export function clockCalendarOf(candidate: object | undefined): ClockCalendar {
  const c = candidate as Partial<ClockCalendar> | undefined
  return typeof c?.dayInfo === 'function' && typeof c.workingDaysBetween === 'function' && typeof c.notices === 'function' ? (c as ClockCalendar) : chinaCalendar
}

/** The share of a period after which a deadline is at risk (supervision flags it too). */
const AT_RISK_FRACTION = 2 / 3
const MAX_CLOCK_HOLIDAYS = 15

/** Whether the deadline still runs: scheduled, or a missed duty not yet done. */
export function isRunning(t: Pick<ClockTimer, 'status' | 'doneAt'>): boolean {
  return t.status === 'SCHEDULED' || (t.status === 'OVERDUE_DUTY' && t.doneAt === null)
}

const ms = (d: Date | string): number => new Date(d).getTime()
const isoOf = (d: Date | string): string => new Date(d).toISOString()

/**
 * The clock of one timer at `now`; a timer that has ended is read as it stood when it ended.
 * Day periods end at 24:00 (China time) of their last day, so the last day is the local date
 * just before `dueAt`: 0 days remain on the last day itself, -1 the day after.
 */
export function deadlineClock(t: ClockTimer, now: Date, cal: ClockCalendar = chinaCalendar): DeadlineClock {
  const running = isRunning(t)
  const at = running ? now : new Date(t.doneAt ?? t.endedAt ?? now)
  const due = ms(t.dueAt)
  const dueAt = isoOf(t.dueAt)
  const today = localDate(at.toISOString())
  const lastDay = localDate(new Date(t.unit === 'h' ? due : due - 1).toISOString())
  let remaining: DeadlineClock['remaining']
  if (t.unit === 'h') remaining = { amount: Math.floor((due - at.getTime()) / HOUR_MS), unit: 'h' }
  else if (t.unit === 'wd') remaining = { amount: cal.workingDaysBetween(today, lastDay), unit: 'wd' }
  else remaining = { amount: dayNumber(lastDay) - dayNumber(today), unit: 'cd' }
  const usedFraction = Math.round(elapsedFraction(isoOf(t.startedAt), dueAt, at.toISOString()) * 10_000) / 10_000
  const level: DeadlineClock['level'] = running
    ? at.getTime() >= due ? 'overdue' : usedFraction >= AT_RISK_FRACTION ? 'at-risk' : 'ok'
    : t.status === 'OVERDUE_DUTY' ? 'overdue' : 'ok'
  return { unit: t.unit, dueAt, remaining, usedFraction, level, holidays: running ? holidaysBetween(cal, today, lastDay) : [] }
}

/** Statutory holidays from `from` to `to`, both included, oldest first, at most MAX_CLOCK_HOLIDAYS. */
function holidaysBetween(cal: ClockCalendar, from: string, to: string): DeadlineClock['holidays'] {
  if (to < from) return []
  // The notices list every holiday: walk their dates, not every day of a long period.
  const dates = new Set<string>()
  for (const notice of cal.notices()) {
    for (const block of notice.holidays) for (const date of block.dates) if (date >= from && date <= to) dates.add(date)
  }
  const out: DeadlineClock['holidays'] = []
  for (const date of [...dates].sort()) {
    // A later notice may have settled the date otherwise (a December day of the next year's notice).
    const info = cal.dayInfo(date)
    if (info.kind !== 'holiday' || !info.holiday) continue
    out.push({ date, name: { zh: info.holiday.nameZh, en: info.holiday.name } })
    if (out.length === MAX_CLOCK_HOLIDAYS) break
  }
  return out
}
