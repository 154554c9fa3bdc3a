// Calendar dates as China counts them (Asia/Shanghai), for date inputs and query strings.

/** The day in China: the options every date the pages show or send is formatted with. */
export const CHINA_DAY = { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' } as const

/** YYYY-MM-DD in China time. */
export function chinaDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', CHINA_DAY).format(at)
}

export function daysBefore(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00+08:00`)
  at.setUTCDate(at.getUTCDate() - days)
  return chinaDate(at)
}
