// Time left on a deadline, counted the way the law counts it (the API's Clock): working days,
// calendar days or hours; amber at two thirds used, red when overdue, and always said in words.
import { formatDateTime, useT } from '../i18n.ts'
import type { Clock } from '../types.ts'
import { deadlineText } from './deadline-text.ts'

/** "含国庆节 10-01…10-07": holidays grouped into runs of the same name. */
function holidayRuns(holidays: Clock['holidays']): Array<{ name: { zh: string; en: string }; from: string; to: string }> {
  const runs: Array<{ name: { zh: string; en: string }; from: string; to: string }> = []
  for (const holiday of holidays) {
    const last = runs[runs.length - 1]
    if (last && last.name.zh === holiday.name.zh) last.to = holiday.date
    else runs.push({ name: holiday.name, from: holiday.date, to: holiday.date })
  }
  return runs
}

export function DeadlineBadge({ clock, timer }: { clock: Clock | null | undefined; timer?: string }) {
  const { t, tb, lang } = useT()
  if (!clock) return <span class="deadline none">{t('无期限', 'no deadline')}</span>
  const runs = holidayRuns(clock.holidays)
  const due = formatDateTime(clock.dueAt, lang)
  return (
    <span class={`deadline ${clock.level}`} data-timer={timer} data-level={clock.level}>
      <span class="deadline-text">{deadlineText(clock, t, lang)}</span>
      <span class="deadline-due">{t(`（${due} 到期）`, ` (due ${due})`)}</span>
      {runs.length > 0
        ? (
            <span class="deadline-holidays">
              {t('含', 'includes ')}
              {runs.map((run, i) => (
                <span key={run.from}>
                  {i > 0 ? t('、', ', ') : ''}
                  {tb(run.name)} {run.from.slice(5)}{run.to !== run.from ? `…${run.to.slice(5)}` : ''}
                </span>
              ))}
            </span>
          )
        : null}
    </span>
  )
}
