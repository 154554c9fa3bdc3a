// The words of a deadline (no DOM, no i18n store, so it is testable alone): time left in the
// law's own unit for the period, and at risk or overdue said in words, never by colour alone.
import type { Clock } from '../types.ts'

const UNIT_TEXT = {
  h: { zh: '小时', en: ['hour', 'hours'] },
  cd: { zh: '天', en: ['day', 'days'] },
  wd: { zh: '个工作日', en: ['working day', 'working days'] },
} as const

function amountText(amount: number, unit: 'h' | 'cd' | 'wd', lang: string): string {
  const words = UNIT_TEXT[unit]
  if (lang === 'en') return `${amount} ${amount === 1 ? words.en[0] : words.en[1]}`
  return `${amount} ${words.zh}`
}

export function deadlineText(clock: Clock, t: (zh: string, en: string) => string, lang: string): string {
  const { amount, unit } = clock.remaining
  if (clock.level === 'overdue' || amount < 0) {
    const over = amountText(Math.abs(amount), unit, lang)
    return t(`已超期 ${over}`, `overdue by ${over}`)
  }
  // On the last day of a day period nothing whole is left: the period ends at 24:00 today.
  const left = amount === 0 && unit !== 'h' ? t('今日 24 时到期', 'due at midnight today') : t(`剩余 ${amountText(amount, unit, lang)}`, `${amountText(amount, unit, lang)} left`)
  if (clock.level === 'at-risk') return t(`临期：${left}`, `at risk: ${left}`)
  return left
}
