// The case's record in tables: every step (who, when, under which statute, which deadlines it
// ended and whether each was met), the running and ended deadlines, and the receipts between
// agencies.
import { DeadlineBadge } from '../components/deadline.tsx'
import { formatDateTime, useT } from '../i18n.ts'
import { Link } from '../router.tsx'
import type { Bilingual, TimerView } from '../types.ts'
import { EXPIRY_LABELS, periodText, TIMER_STATUS_LABELS } from './labels.ts'
import type { ReceiptView, TimelineDeadline, TimelineEntry } from './types.ts'

function MetText({ met, status }: { met: boolean | null; status: string }) {
  const { t, tb } = useT()
  const label = tb(TIMER_STATUS_LABELS[status]) || status
  if (met === true) return <span class="met yes" data-met="true">{t('✓ 按期', '✓ met')}（{label}）</span>
  if (met === false) return <span class="met no" data-met="false">{t('✗ 逾期', '✗ late')}（{label}）</span>
  return <span class="met none">{label}</span>
}

function EndedDeadlines({ deadlines }: { deadlines: TimelineDeadline[] }) {
  const { t, tb, lang } = useT()
  if (deadlines.length === 0) return null
  return (
    <ul class="ended-deadlines">
      {deadlines.map((d) => (
        <li key={d.id} data-timer={d.timer}>
          <strong>{d.timer}</strong> {periodText(d.duration, d.unit, tb)}
          {' · '}{t('依据 ', 'under ')}{d.source}
          {' · '}{t('届满 ', 'due ')}<time dateTime={d.dueAt}>{formatDateTime(d.dueAt, lang)}</time>
          {' · '}<MetText met={d.met} status={d.status} />
        </li>
      ))}
    </ul>
  )
}

const LINK_LABELS: Record<TimelineEntry['case']['link'], Bilingual> = {
  self: { zh: '本案', en: 'this case' },
  parent: { zh: '原案件', en: 'parent case' },
  child: { zh: '后续案件', en: 'linked case' },
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, tb, lang } = useT()
  if (entries.length === 0) return <p class="empty">{t('尚无记录', 'No events yet')}</p>
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-label={t('时间线（可横向滚动）', 'Timeline (scrolls sideways)')}>
      <table class="timeline">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('时间', 'When')}</th>
            <th scope="col">{t('步骤', 'Step')}</th>
            <th scope="col">{t('办理人（机关）', 'Who (agency)')}</th>
            <th scope="col">{t('依据', 'Statute')}</th>
            <th scope="col">{t('状态变化', 'State change')}</th>
            <th scope="col">{t('结束的期限', 'Deadlines ended')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={`${e.case.id}-${e.seq}`} data-seq={e.seq} data-type={e.type} class={`link-${e.case.link}`}>
              <td>
                {e.case.link === 'self'
                  ? e.seq
                  : <><Link href={`/cases/${e.case.id}`}>{tb(LINK_LABELS[e.case.link])} {e.case.caseNumber ?? ''}</Link> #{e.seq}</>}
              </td>
              <td>
                <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, lang)}</time>
                {e.sincePreviousHours !== null ? <span class="since">{t(`（距上一步 ${e.sincePreviousHours} 小时）`, ` (${e.sincePreviousHours} h after the previous)`)}</span> : null}
              </td>
              <td>
                <span class="step-title">{tb(e.title)}</span>
                <code class="step-type">{e.type}</code>
              </td>
              <td>
                <span class="person">{e.actor.name ?? e.actor.userId}</span>
                <span class="agency">（{e.agency.name ?? e.agency.id}）</span>
              </td>
              <td>{e.source ?? '—'}</td>
              <td class="state-change">
                {e.stateBefore.join('+') === e.stateAfter.join('+')
                  ? <>{e.stateAfter.join('+')}<span class="unchanged">{t('（不变）', ' (unchanged)')}</span></>
                  : <>{e.stateBefore.length > 0 ? `${e.stateBefore.join('+')} → ` : ''}{e.stateAfter.join('+')}</>}
              </td>
              <td><EndedDeadlines deadlines={e.deadlines} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function Deadlines({ deadlines }: { deadlines: TimerView[] }) {
  const { t, tb, lang } = useT()
  if (deadlines.length === 0) return <p class="empty">{t('本案没有法定期限', 'No statutory deadlines on this case')}</p>
  // Running deadlines first (soonest due), then the ended ones as they ended.
  const running = deadlines.filter((d) => d.status === 'SCHEDULED').sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
  const ended = deadlines.filter((d) => d.status !== 'SCHEDULED')
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-label={t('期限（可横向滚动）', 'Deadlines (scrolls sideways)')}>
      <table class="deadlines">
        <thead>
          <tr>
            <th scope="col">{t('期限', 'Deadline')}</th>
            <th scope="col">{t('期间', 'Period')}</th>
            <th scope="col">{t('状态', 'Status')}</th>
            <th scope="col">{t('起算', 'Started')}</th>
            <th scope="col">{t('届满', 'Due')}</th>
            <th scope="col">{t('依据', 'Statute')}</th>
          </tr>
        </thead>
        <tbody>
          {[...running, ...ended].map((d) => (
            <tr key={d.id} data-timer={d.name} data-status={d.status}>
              <td>
                <strong>{d.name}</strong> {tb(d.title)}
                <span class="state-ref">{t(`（状态 ${d.stateId}）`, ` (state ${d.stateId})`)}</span>
              </td>
              <td>{periodText(d.duration, d.unit, tb)}<span class="expiry">{tb(EXPIRY_LABELS[d.expiry]) || d.expiry}</span></td>
              <td>
                {d.status === 'SCHEDULED'
                  ? <DeadlineBadge clock={d.clock} timer={d.name} />
                  : <MetText met={d.status === 'MET' ? true : d.status === 'OVERDUE_DUTY' || d.status === 'EXPIRED_RIGHT_LOST' ? false : null} status={d.status} />}
                {d.provisional ? <span class="provisional">{t('（节假日安排未公布，暂定）', ' (holiday notice not yet published: provisional)')}</span> : null}
              </td>
              <td><time dateTime={d.startedAt}>{formatDateTime(d.startedAt, lang)}</time></td>
              <td>
                <time dateTime={d.dueAt}>{formatDateTime(d.dueAt, lang)}</time>
                {d.endedAt ? <span class="ended-at">{t('结束于 ', 'ended ')}<time dateTime={d.endedAt}>{formatDateTime(d.endedAt, lang)}</time></span> : null}
              </td>
              <td>{d.source} {d.verification}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Receipts between agencies: every dispatch (from the case report) and when the receiving
 * agency got it; without the report, the timeline's RECEIPT events.
 */
export function Receipts({ receipts, timeline }: { receipts: ReceiptView[] | null; timeline: TimelineEntry[] }) {
  const { t, tb, lang } = useT()
  if (receipts === null) {
    const recorded = timeline.filter((e) => e.type === 'RECEIPT' && e.case.link === 'self')
    if (recorded.length === 0) return <p class="empty">{t('尚无机关间回执', 'No receipts between agencies yet')}</p>
    return (
      <ul class="receipts-list">
        {recorded.map((e) => (
          <li key={e.seq}>
            <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt, lang)}</time> {tb(e.title)}（{e.agency.name ?? e.agency.id}）
          </li>
        ))}
      </ul>
    )
  }
  if (receipts.length === 0) return <p class="empty">{t('尚无机关间往来文书', 'Nothing sent between agencies yet')}</p>
  return (
    <div class="table-scroll" tabIndex={0} role="group" aria-label={t('机关间回执（可横向滚动）', 'Receipts (scrolls sideways)')}>
      <table class="receipts">
        <thead>
          <tr>
            <th scope="col">{t('文书', 'Notice')}</th>
            <th scope="col">{t('接收机关', 'To')}</th>
            <th scope="col">{t('发出', 'Sent')}</th>
            <th scope="col">{t('签收', 'Received')}</th>
            <th scope="col">{t('用时（小时）', 'Hours')}</th>
          </tr>
        </thead>
        <tbody>
          {receipts.map((r) => (
            <tr key={r.dispatchId} data-dispatch={r.dispatchId} data-kind={r.kind} data-received={r.receivedAt ? 'true' : 'false'}>
              <td>{tb(r.title)}</td>
              <td>{r.to.name ?? r.to.agencyId}</td>
              <td><time dateTime={r.sentAt}>{formatDateTime(r.sentAt, lang)}</time></td>
              <td>{r.receivedAt ? <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt, lang)}</time> : <span class="not-received">{t('未签收', 'not received')}</span>}</td>
              <td>{r.hours ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
