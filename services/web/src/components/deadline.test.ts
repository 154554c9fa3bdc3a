// What a deadline badge says: the time left in the law's own unit, and at risk or overdue in words.
import { describe, expect, it } from 'vitest'
import type { Clock } from '../types.ts'
import { deadlineText } from './deadline-text.ts'

const zh = (z: string) => z
const en = (_z: string, e: string) => e
const clock = (amount: number, unit: 'h' | 'cd' | 'wd', level: Clock['level']): Clock => ({
  unit, dueAt: '2026-10-09T16:00:00.000Z', remaining: { amount, unit }, usedFraction: 0.5, level, holidays: [],
})

describe(deadlineText.name, () => {
  it('counts what is left in the period’s unit: working days, days or hours', () => {
    expect(deadlineText(clock(3, 'wd', 'ok'), zh, 'zh-CN')).toBe('剩余 3 个工作日')
    expect(deadlineText(clock(3, 'wd', 'ok'), en, 'en')).toBe('3 working days left')
    expect(deadlineText(clock(1, 'h', 'ok'), en, 'en')).toBe('1 hour left')
  })

  it('says at risk in words, and that a day period ends at midnight on its last day', () => {
    expect(deadlineText(clock(2, 'cd', 'at-risk'), zh, 'zh-CN')).toBe('临期：剩余 2 天')
    expect(deadlineText(clock(0, 'cd', 'at-risk'), zh, 'zh-CN')).toBe('临期：今日 24 时到期')
    expect(deadlineText(clock(0, 'h', 'at-risk'), en, 'en')).toBe('at risk: 0 hours left')
  })

  it('says how long a deadline is overdue, in its unit', () => {
    expect(deadlineText(clock(-35, 'h', 'overdue'), zh, 'zh-CN')).toBe('已超期 35 小时')
    expect(deadlineText(clock(-2, 'wd', 'overdue'), en, 'en')).toBe('overdue by 2 working days')
  })
})
