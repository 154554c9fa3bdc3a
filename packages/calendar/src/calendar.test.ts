import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '@xianjie/domain'
import { calendar, createCalendar, elapsedFraction, type HolidayNotice, type PeriodRule } from './calendar.ts'
import { HOLIDAY_NOTICES } from './holidays.ts'
import { addDays, addMonths, endOfLocalDay, localDate } from './dates.ts'

const cd = (duration: number, rollOnHoliday = false): PeriodRule => ({ duration, unit: 'cd', rollOnHoliday })
const wd = (duration: number): PeriodRule => ({ duration, unit: 'wd', rollOnHoliday: false })

// A made-up 2027 notice: the real one is not published yet.
const fixture2027 = (): HolidayNotice => ({
  year: 2027,
  id: 'TEST-2027',
  title: 'test fixture: 2027 notice',
  issued: '2026-11-01',
  holidays: [{ name: "New Year's Day", nameZh: '元旦', dates: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  workdays: [],
})

describe('shipped holiday notices', () => {
  it('covers 2020–2026 with the State Council document numbers', () => {
    expect(HOLIDAY_NOTICES.map((n) => [n.year, n.id, n.issued])).toEqual([
      [2020, '国办发明电〔2019〕16号', '2019-11-21'],
      [2021, '国办发明电〔2020〕27号', '2020-11-25'],
      [2022, '国办发明电〔2021〕11号', '2021-10-25'],
      [2023, '国办发明电〔2022〕16号', '2022-12-08'],
      [2024, '国办发明电〔2023〕7号', '2023-10-25'],
      [2025, '国办发明电〔2024〕12号', '2024-11-12'],
      [2026, '国办发明电〔2025〕7号', '2025-11-04'],
    ])
    expect(calendar.hasNotice(2019)).toBe(false)
    for (let year = 2020; year <= 2026; year++) expect(calendar.hasNotice(year)).toBe(true)
  })

  it('has the published number of days off and make-up workdays each year', () => {
    const count = (n: HolidayNotice) => [n.year, n.holidays.flatMap((b) => b.dates).length, n.workdays.length]
    // 2024 counts the weekends joined to 元旦 and 端午 ("与周末连休"), so 32 rather than 28.
    expect(HOLIDAY_NOTICES.map(count)).toEqual([
      [2020, 30, 6],
      [2021, 31, 7],
      [2022, 31, 7],
      [2023, 27, 7],
      [2024, 32, 8],
      [2025, 28, 5],
      [2026, 33, 6],
    ])
  })

  it('gives the known number of working days in 2024, 2025 and 2026', () => {
    expect(calendar.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251)
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248)
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248)
  })

  it('carries the 2025 arrangement, the first under the two added statutory days', () => {
    const n2025 = HOLIDAY_NOTICES.find((n) => n.year === 2025)!
    const spring = n2025.holidays.find((b) => b.nameZh === '春节')!
    expect(spring.dates[0]).toBe('2025-01-28') // 除夕 is now a statutory day
    expect(spring.dates).toHaveLength(8)
    expect(n2025.holidays.find((b) => b.nameZh === '劳动节')!.dates).toEqual([
      '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
    ])
    expect(n2025.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
  })

  it('carries the 2026 arrangement', () => {
    const n2026 = HOLIDAY_NOTICES.find((n) => n.year === 2026)!
    const span = (nameZh: string) => {
      const dates = n2026.holidays.find((b) => b.nameZh === nameZh)!.dates
      return [dates[0], dates.at(-1), dates.length]
    }
    expect(span('元旦')).toEqual(['2026-01-01', '2026-01-03', 3])
    expect(span('春节')).toEqual(['2026-02-15', '2026-02-23', 9])
    expect(span('清明节')).toEqual(['2026-04-04', '2026-04-06', 3])
    expect(span('劳动节')).toEqual(['2026-05-01', '2026-05-05', 5])
    expect(span('端午节')).toEqual(['2026-06-19', '2026-06-21', 3])
    expect(span('中秋节')).toEqual(['2026-09-25', '2026-09-27', 3])
    expect(span('国庆节')).toEqual(['2026-10-01', '2026-10-07', 7])
    expect(n2026.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
  })

  it('applies the 2020 Spring Festival extension (国办发明电〔2020〕1号)', () => {
    expect(calendar.isWorkingDay('2020-01-19')).toBe(true) // Sunday make-up day kept
    expect(calendar.isWorkingDay('2020-01-31')).toBe(false)
    expect(calendar.isWorkingDay('2020-02-01')).toBe(false) // Saturday make-up day cancelled
    expect(calendar.isWorkingDay('2020-02-03')).toBe(true)
  })

  it('takes the 2023 New Year block back to 2022-12-31', () => {
    expect(calendar.dayInfo('2022-12-31')).toMatchObject({ kind: 'holiday', noticeId: '国办发明电〔2022〕16号' })
    expect(calendar.isWorkingDay('2023-01-02')).toBe(false)
  })
})

describe('isWorkingDay', () => {
  it('counts make-up workdays as working days', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true) // Sunday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true) // Saturday
    expect(calendar.dayInfo('2026-02-28')).toMatchObject({ kind: 'makeup-workday', working: true })
  })

  it('does not count a weekend inside a holiday block, nor weekday holidays', () => {
    expect(calendar.isWorkingDay('2025-10-04')).toBe(false) // Saturday in 10/1–10/8
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false) // Wednesday in 10/1–10/8
    expect(calendar.dayInfo('2025-10-06')).toMatchObject({
      kind: 'holiday',
      holiday: { nameZh: '国庆节、中秋节' },
      noticeId: '国办发明电〔2024〕12号',
    })
  })

  it('treats ordinary weekdays and weekends by the week', () => {
    expect(calendar.isWorkingDay('2025-03-05')).toBe(true)
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false)
    expect(calendar.isRestDay('2025-03-08')).toBe(true)
    expect(calendar.isRestDay('2025-01-26')).toBe(false)
  })

  it('holds for every shipped date: holidays rest, make-up days work and fall on weekends', () => {
    for (const notice of HOLIDAY_NOTICES) {
      for (const date of notice.holidays.flatMap((b) => b.dates)) expect(calendar.isRestDay(date), date).toBe(true)
      for (const date of notice.workdays) {
        expect(calendar.dayInfo(date).kind, date).toBe('makeup-workday')
      }
    }
  })
})

describe('due: hours', () => {
  it('runs 24 h from the event instant and records the next-whole-hour variant', () => {
    const deadline = calendar.due('2025-09-30T15:00:00Z', { duration: 24, unit: 'h', rollOnHoliday: false })
    expect(deadline).toEqual({
      dueAt: '2025-10-01T15:00:00.000Z',
      statutoryDueAt: '2025-10-01T16:00:00.000Z',
      lastDay: null,
      provisional: false,
    })
  })

  it('starts the statutory variant at the next whole hour and never rolls over holidays', () => {
    const deadline = calendar.due('2025-09-30T15:20:30Z', { duration: 24, unit: 'h', rollOnHoliday: true })
    expect(deadline.dueAt).toBe('2025-10-01T15:20:30.000Z')
    expect(deadline.statutoryDueAt).toBe('2025-10-01T16:00:00.000Z')
    expect(deadline.rolledFrom).toBeUndefined()
  })
})

describe('due: calendar days', () => {
  // A receipt signed at 23:00 Beijing time on 30 September 2025.
  const signed = '2025-09-30T15:00:00Z'

  it('ends at 24:00 local of start date + N, without rolling a duty deadline', () => {
    expect(calendar.due(signed, cd(3))).toEqual({ dueAt: '2025-10-03T16:00:00.000Z', lastDay: '2025-10-03', provisional: false })
  })

  it('rolls a right-exercise window past National Day and Mid-Autumn 2025', () => {
    expect(calendar.due(signed, cd(3, true))).toEqual({
      dueAt: '2025-10-09T16:00:00.000Z',
      lastDay: '2025-10-09',
      rolledFrom: '2025-10-03',
      provisional: false,
    })
  })

  it('rolls an ordinary Saturday onto a Sunday make-up workday', () => {
    const deadline = calendar.due('2025-09-25T02:00:00Z', cd(2, true))
    expect(deadline).toMatchObject({ lastDay: '2025-09-28', rolledFrom: '2025-09-27', dueAt: '2025-09-28T16:00:00.000Z' })
  })

  it('does not roll a last day that is a make-up workday', () => {
    const deadline = calendar.due('2025-10-10T01:00:00Z', cd(1, true))
    expect(deadline.lastDay).toBe('2025-10-11')
    expect(deadline.rolledFrom).toBeUndefined()
  })

  it('excludes the local start day whether the event is at 00:00:01 or 23:59 local', () => {
    expect(calendar.due('2025-03-02T16:00:01Z', cd(3)).lastDay).toBe('2025-03-06') // 03-03 00:00:01 local
    expect(calendar.due('2025-03-03T15:59:00Z', cd(3)).lastDay).toBe('2025-03-06') // 03-03 23:59 local
    expect(calendar.due('2025-03-02T15:59:59Z', cd(3)).lastDay).toBe('2025-03-05') // 03-02 23:59:59 local
    expect(calendar.due('2025-03-02T16:00:01Z', cd(3)).dueAt).toBe('2025-03-06T16:00:00.000Z')
  })
})

describe('due: working days', () => {
  it('counts 5 working days across Spring Festival 2026', () => {
    // 2/13 Fri, 2/14 Sat (make-up), [2/15–2/23 off], 2/24, 2/25, 2/26
    expect(calendar.due('2026-02-12T02:00:00Z', wd(5))).toEqual({
      dueAt: '2026-02-26T16:00:00.000Z',
      lastDay: '2026-02-26',
      provisional: false,
    })
  })

  it('counts 5 working days across Spring Festival 2025, including the Sunday make-up day', () => {
    // 1/25 Sat off, 1/26 Sun (make-up), 1/27, [1/28–2/4 off], 2/5, 2/6, 2/7
    expect(calendar.due('2025-01-24T01:00:00Z', wd(5)).lastDay).toBe('2025-02-07')
    // Without notices only weekends are skipped, and the result says so.
    expect(createCalendar({ notices: [] }).due('2025-01-24T01:00:00Z', wd(5))).toMatchObject({
      lastDay: '2025-01-31',
      provisional: true,
    })
  })

  it('counts 5 working days across National Day 2025 (T29 hearing request)', () => {
    // 9/27 Sat off, 9/28 Sun (make-up), 9/29, 9/30, [10/1–10/8 off], 10/9, 10/10
    expect(calendar.due('2025-09-26T03:00:00Z', wd(5)).lastDay).toBe('2025-10-10')
  })
})

describe('due: months and years', () => {
  it('ends on the last day of a month that lacks the start day (CC art. 202)', () => {
    const deadline = calendar.due('2026-01-31T02:00:00Z', { duration: 1, unit: 'mo', rollOnHoliday: true })
    // 2026-02-28 is a Saturday but a make-up workday, so it does not roll.
    expect(deadline).toEqual({ dueAt: '2026-02-28T16:00:00.000Z', lastDay: '2026-02-28', provisional: false })
    expect(calendar.due('2024-02-29T02:00:00Z', { duration: 1, unit: 'y', rollOnHoliday: false }).lastDay).toBe('2025-02-28')
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2025-12-31', -1)).toBe('2025-11-30')
  })

  it('rolls a month period landing on National Day when flagged', () => {
    const rule = { duration: 6, unit: 'mo', rollOnHoliday: true } as const
    expect(calendar.due('2025-04-01T02:00:00Z', rule)).toMatchObject({ lastDay: '2025-10-09', rolledFrom: '2025-10-01' })
    expect(calendar.due('2025-04-01T02:00:00Z', { ...rule, rollOnHoliday: false }).lastDay).toBe('2025-10-01')
  })
})

describe('provisional deadlines', () => {
  it('marks a period reaching into 2027 provisional until a 2027 notice is loaded', () => {
    const cal = createCalendar()
    // 12/29, 12/30, 12/31, then 2027-01-01 (a Friday, counted by the week) and 01-04
    expect(cal.due('2026-12-28T02:00:00Z', wd(5))).toMatchObject({ lastDay: '2027-01-04', provisional: true })
    cal.loadNotice(fixture2027())
    expect(cal.hasNotice(2027)).toBe(true)
    expect(cal.due('2026-12-28T02:00:00Z', wd(5))).toMatchObject({ lastDay: '2027-01-05', provisional: false })
  })

  it('is provisional only when the computation classified an unsettled day', () => {
    expect(calendar.due('2026-12-28T02:00:00Z', cd(10)).provisional).toBe(false)
    expect(calendar.due('2026-12-28T02:00:00Z', cd(10, true)).provisional).toBe(true)
    expect(calendar.due('2026-06-01T02:00:00Z', wd(20)).provisional).toBe(false)
  })

  it('leaves the last week of December unsettled until next year’s notice is loaded', () => {
    const cal = createCalendar()
    expect(cal.dayInfo('2026-12-24').provisional).toBe(false)
    expect(cal.dayInfo('2026-12-28').provisional).toBe(true)
    cal.loadNotice(fixture2027())
    expect(cal.dayInfo('2026-12-28').provisional).toBe(false)
  })

  it('replaces a year’s notice when one is loaded again', () => {
    const cal = createCalendar({ notices: [fixture2027()] })
    expect(cal.dayInfo('2027-01-02').kind).toBe('holiday')
    cal.loadNotice({ ...fixture2027(), id: 'TEST-2027-B', holidays: [{ name: "New Year's Day", nameZh: '元旦', dates: ['2027-01-01'] }] })
    expect(cal.dayInfo('2027-01-02').kind).toBe('weekend')
    expect(cal.notices().map((n) => n.id)).toEqual(['TEST-2027-B'])
  })
})

describe('loadNotice validation', () => {
  const load = (patch: Partial<HolidayNotice>) => () => createCalendar({ notices: [] }).loadNotice({ ...fixture2027(), ...patch })

  it('rejects a date outside the notice’s year', () => {
    expect(load({ workdays: ['2028-01-08'] })).toThrow(/holiday notice for 2027 is invalid: workdays\[0\]: 2028-01-08 is outside 2027/)
  })

  it('rejects malformed and impossible dates', () => {
    const bad = load({ holidays: [{ name: 'x', nameZh: 'x', dates: ['2027-1-1', '2027-02-30'] }] })
    expect(bad).toThrow(/"2027-1-1" is not a real YYYY-MM-DD date/)
    expect(bad).toThrow(/"2027-02-30" is not a real YYYY-MM-DD date/)
  })

  it('rejects a date that is both a holiday and a make-up workday', () => {
    expect(load({ workdays: ['2027-01-02'] })).toThrow(/2027-01-02 is both a holiday .* and a make-up workday/)
  })

  it('rejects a make-up workday on a weekday', () => {
    expect(load({ workdays: ['2027-01-06'] })).toThrow(/2027-01-06 is a weekday/)
  })

  it('reports every problem at once as VALIDATION_FAILED and leaves the calendar unchanged', () => {
    const cal = createCalendar({ notices: [] })
    let error: unknown
    try {
      cal.loadNotice({ ...fixture2027(), id: '', workdays: ['2027-01-06', '2026-06-06'] })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('VALIDATION_FAILED')
    expect((error as AppError).details.fields?.map((f) => f.path)).toEqual(['id', 'workdays[0]', 'workdays[1]'])
    expect(cal.hasNotice(2027)).toBe(false)
  })
})

describe('loadNoticeFile', () => {
  it('loads a notice from a JSON file and rejects a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xianjie-calendar-'))
    try {
      const good = join(dir, '2027.json')
      writeFileSync(good, JSON.stringify(fixture2027()))
      const bad = join(dir, 'bad.json')
      writeFileSync(bad, '{ "year": 2027, ')
      const cal = createCalendar()
      expect(cal.loadNoticeFile(good).id).toBe('TEST-2027')
      expect(cal.isWorkingDay('2027-01-01')).toBe(false)
      expect(() => cal.loadNoticeFile(bad)).toThrow(/is not valid JSON/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('working-day helpers', () => {
  it('steps over holidays in both directions', () => {
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09')
    expect(calendar.addWorkingDays('2025-10-09', -1)).toBe('2025-09-30')
    expect(calendar.addWorkingDays('2025-10-09', 0)).toBe('2025-10-09')
  })

  it('counts working days exclusive of the start and inclusive of the end', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1)
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5)
    expect(calendar.workingDaysBetween('2025-10-10', '2025-09-26')).toBe(-5)
    expect(calendar.workingDaysBetween('2025-10-10', '2025-10-10')).toBe(0)
  })

  it('agrees with addWorkingDays on every start date of 2025', () => {
    for (let date = '2025-01-01'; date <= '2025-12-31'; date = addDays(date, 1)) {
      for (const n of [1, 5, 20]) expect(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n))).toBe(n)
    }
  })

  it('converts instants to China local dates and local midnight', () => {
    expect(localDate('2025-09-30T15:59:59Z')).toBe('2025-09-30')
    expect(localDate('2025-09-30T16:00:00Z')).toBe('2025-10-01')
    expect(localDate('2025-10-01T00:30:00+08:00')).toBe('2025-10-01')
    expect(endOfLocalDay('2025-10-03')).toBe('2025-10-03T16:00:00.000Z')
  })
})

describe('elapsedFraction', () => {
  const start = '2025-10-01T00:00:00Z'
  const dueAt = '2025-10-04T00:00:00Z'

  it('gives the share of the period used', () => {
    expect(elapsedFraction(start, dueAt, '2025-10-03T00:00:00Z')).toBe(2 / 3)
    expect(elapsedFraction(start, dueAt, '2025-10-02T12:00:00Z')).toBe(0.5)
    expect(elapsedFraction(start, dueAt, dueAt)).toBe(1)
  })

  it('is 0 before the start and above 1 once overdue', () => {
    expect(elapsedFraction(start, dueAt, '2025-09-30T00:00:00Z')).toBe(0)
    expect(elapsedFraction(start, dueAt, '2025-10-05T00:00:00Z')).toBe(4 / 3)
  })

  it('works on a computed deadline (T6, 3 days from the signed receipt)', () => {
    const signed = '2025-09-30T15:00:00Z'
    const deadline = calendar.due(signed, cd(3))
    // 23:00 local on 9/30 to 24:00 local on 10/3 is 73 h; 49 h have passed at 10/3 00:00 local.
    expect(calendar.elapsedFraction(signed, deadline.dueAt, '2025-10-02T16:00:00Z')).toBe(49 / 73)
  })
})

describe('input checks', () => {
  it('rejects an instant without a zone, an impossible date and a bad duration', () => {
    expect(() => calendar.due('2025-09-30T15:00:00', cd(3))).toThrow(/not an ISO date-time with a zone/)
    expect(() => calendar.isWorkingDay('2025-02-29')).toThrow(/not a real YYYY-MM-DD date/)
    expect(() => calendar.due('2025-09-30T15:00:00Z', cd(-1))).toThrow(/must not be negative/)
    expect(() => calendar.due('2025-09-30T15:00:00Z', cd(1.5))).toThrow(/must be a whole number/)
  })
})
