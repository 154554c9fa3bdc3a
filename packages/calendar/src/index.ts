export {
  calendar,
  createCalendar,
  elapsedFraction,
  parseNotice,
  type Calendar,
  type DayInfo,
  type DayKind,
  type Deadline,
  type PeriodRule,
} from './calendar.ts'
export { HOLIDAY_NOTICES, type HolidayBlock, type HolidayNotice, type NoticeAmendment } from './holidays.ts'
export {
  CHINA_OFFSET_MS,
  addDays,
  addMonths,
  dayOfWeek,
  endOfLocalDay,
  isIsoDate,
  isWeekend,
  localDate,
  parseInstant,
  startOfLocalDay,
} from './dates.ts'
