// The deadline clock against hand-counted days of the 2026 State Council notice (国办发明电〔2025〕7号):
// 中秋节 09-25…09-27, 国庆节 10-01…10-07, make-up workday Saturday 10-10; China time is UTC+8.
import { describe, expect, it } from 'vitest'
import { deadlineClock, type ClockTimer } from './deadline-clock.ts'

const MID_AUTUMN = { zh: '中秋节', en: 'Mid-Autumn Festival' }
const NATIONAL = { zh: '国庆节', en: 'National Day' }

/** 20 working days from a decision of 2026-09-24 (SAMR-45 art. 9): the last day is Thursday 10-29. */
const publishBy = (over: Partial<ClockTimer> = {}): ClockTimer => ({
  unit: 'wd',
  startedAt: '2026-09-23T16:00:00.000Z', // 2026-09-24 00:00 in China
  dueAt: '2026-10-29T16:00:00.000Z', // 24:00 of 10-29
  status: 'SCHEDULED',
  endedAt: null,
  doneAt: null,
  ...over,
})

const at = (iso: string) => new Date(iso)

describe(deadlineClock.name, () => {
  it('counts working days over 国庆节 where calendar days would say 35', () => {
    const clock = deadlineClock(publishBy(), at('2026-09-24T02:00:00Z'))
    // (09-24, 10-29]: 09-28 09-29 09-30 | 10-08 10-09 10-10(make-up Sat) | 10-12…16 | 10-19…23 | 10-26…29 = 3+3+5+5+4
    expect(clock.remaining).toEqual({ amount: 20, unit: 'wd' })
    expect(deadlineClock(publishBy({ unit: 'cd' }), at('2026-09-24T02:00:00Z')).remaining).toEqual({ amount: 35, unit: 'cd' })
    expect(clock).toMatchObject({ unit: 'wd', dueAt: '2026-10-29T16:00:00.000Z', level: 'ok' })
    // 10 h of 36 days.
    expect(clock.usedFraction).toBe(0.0116)
    expect(clock.holidays).toEqual([
      ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, name: MID_AUTUMN })),
      ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: NATIONAL })),
    ])
  })

  it('counts from today during the holiday, listing only the holidays still ahead', () => {
    const clock = deadlineClock(publishBy(), at('2026-10-02T04:00:00Z'))
    // (10-02, 10-29]: 10-08 10-09 10-10 | 5 | 5 | 4
    expect(clock.remaining).toEqual({ amount: 17, unit: 'wd' })
    expect(deadlineClock(publishBy({ unit: 'cd' }), at('2026-10-02T04:00:00Z')).remaining).toEqual({ amount: 27, unit: 'cd' })
    expect(clock.holidays.map((h) => h.date)).toEqual(['2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])
  })

  it('turns at risk at two thirds of the time and overdue past the last day, in working days', () => {
    // 26.5 of 36 days; (10-20, 10-29]: 10-21 10-22 10-23 10-26 10-27 10-28 10-29
    expect(deadlineClock(publishBy(), at('2026-10-20T04:00:00Z'))).toMatchObject({ remaining: { amount: 7, unit: 'wd' }, usedFraction: 0.7361, level: 'at-risk', holidays: [] })
    // 23 of 36 days is under two thirds (0.6389).
    expect(deadlineClock(publishBy(), at('2026-10-16T16:00:00Z'))).toMatchObject({ usedFraction: 0.6389, level: 'ok' })
    // The last day itself: 0 left, still not overdue until 24:00.
    expect(deadlineClock(publishBy(), at('2026-10-29T15:59:00Z'))).toMatchObject({ remaining: { amount: 0, unit: 'wd' }, level: 'at-risk' })
    // Saturday 10-31: one working day (Friday 10-30) past the last day, two calendar days.
    const late = deadlineClock(publishBy(), at('2026-10-31T04:00:00Z'))
    expect(late).toMatchObject({ remaining: { amount: -1, unit: 'wd' }, usedFraction: 1.0417, level: 'overdue' })
    expect(deadlineClock(publishBy({ unit: 'cd' }), at('2026-10-31T04:00:00Z')).remaining).toEqual({ amount: -2, unit: 'cd' })
    // A missed duty still open (fired, not done) keeps counting.
    expect(deadlineClock(publishBy({ status: 'OVERDUE_DUTY', endedAt: '2026-10-29T16:00:00.000Z' }), at('2026-11-03T02:00:00Z')).remaining).toEqual({ amount: -3, unit: 'wd' })
  })

  it('reads an ended timer as it stood when it ended', () => {
    // Met on Friday 10-09: 15 working days to spare, whenever one looks.
    const met = deadlineClock(publishBy({ status: 'MET', endedAt: '2026-10-09T04:00:00.000Z', doneAt: '2026-10-09T04:00:00.000Z' }), at('2026-12-01T00:00:00Z'))
    expect(met).toMatchObject({ remaining: { amount: 15, unit: 'wd' }, usedFraction: 0.4306, level: 'ok', holidays: [] })
    // Done late on Tuesday 11-03: three working days late (10-30, 11-02, 11-03), for ever.
    const late = deadlineClock(publishBy({ status: 'OVERDUE_DUTY', endedAt: '2026-10-29T16:00:00.000Z', doneAt: '2026-11-03T02:00:00.000Z' }), at('2027-01-01T00:00:00Z'))
    expect(late).toMatchObject({ remaining: { amount: -3, unit: 'wd' }, level: 'overdue', holidays: [] })
    // A right's window that closed is not anyone's overdue duty.
    expect(deadlineClock(publishBy({ status: 'EXPIRED_RIGHT_LOST', endedAt: '2026-10-29T16:00:00.000Z', doneAt: '2026-10-29T16:00:00.000Z' }), at('2027-01-01T00:00:00Z')).level).toBe('ok')
  })

  it('counts hours for an hour period (R310 art. 7: 24 hours to sign the receipt)', () => {
    const t: ClockTimer = { unit: 'h', startedAt: '2026-03-04T12:00:00.000Z', dueAt: '2026-03-05T12:00:00.000Z', status: 'SCHEDULED', endedAt: null, doneAt: null }
    expect(deadlineClock(t, at('2026-03-04T14:00:00Z'))).toMatchObject({ remaining: { amount: 22, unit: 'h' }, usedFraction: 0.0833, level: 'ok', holidays: [] })
    // 3.5 hours left: 3 whole hours; 20.5 of 24 used.
    expect(deadlineClock(t, at('2026-03-05T08:30:00Z'))).toMatchObject({ remaining: { amount: 3, unit: 'h' }, usedFraction: 0.8542, level: 'at-risk' })
    expect(deadlineClock(t, at('2026-03-05T13:00:00Z'))).toMatchObject({ remaining: { amount: -1, unit: 'h' }, level: 'overdue' })
  })

  it('counts a month period in calendar days, showing 春节 ahead', () => {
    // One month from 2026-01-31 ends on 02-28 (Civil Code art. 202: the month has no 31st).
    const t: ClockTimer = { unit: 'mo', startedAt: '2026-01-31T01:00:00.000Z', dueAt: '2026-02-28T16:00:00.000Z', status: 'SCHEDULED', endedAt: null, doneAt: null }
    const clock = deadlineClock(t, at('2026-02-10T04:00:00Z'))
    expect(clock).toMatchObject({ unit: 'mo', remaining: { amount: 18, unit: 'cd' } })
    expect(clock.holidays.map((h) => h.date)).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'])
    expect(clock.holidays[0]!.name).toEqual({ zh: '春节', en: 'Spring Festival' })
  })

  it('lists at most 15 holidays', () => {
    const t: ClockTimer = { unit: 'y', startedAt: '2025-12-31T16:00:00.000Z', dueAt: '2026-12-31T16:00:00.000Z', status: 'SCHEDULED', endedAt: null, doneAt: null }
    const clock = deadlineClock(t, at('2026-01-01T04:00:00Z'))
    // 元旦 01-01…03, 春节 02-15…23, 清明节 04-04…06: 15; 劳动节 is left off.
    expect(clock.holidays).toHaveLength(15)
    expect(clock.holidays.at(-1)).toEqual({ date: '2026-04-06', name: { zh: '清明节', en: 'Qingming Festival' } })
    expect(clock.remaining).toEqual({ amount: 364, unit: 'cd' })
  })
})
