// The supervisor's dashboard: duties overdue or at risk, statistics per agency with charts,
// a case search, and the 该移不移 flags.
import { useState } from 'preact/hooks'
import { api, query } from '../api.ts'
import { periodText } from '../case/labels.ts'
import { BarChart, type BarRow } from '../components/bar-chart.tsx'
import { deadlineText } from '../components/deadline-text.ts'
import { Layout, Loading } from '../components/layout.tsx'
import { CaseCell } from '../components/lists.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { creditCodeProblem } from '../credit-code.ts'
import { chinaDate, daysBefore } from '../dates.ts'
import { formatDate, formatDateTime, localeOf, useT, type Lang } from '../i18n.ts'
import { mayOpen, procedureTitle, useProcedures } from '../procedures.ts'
import { Link } from '../router.tsx'
import { hasRole, useSession } from '../session.ts'
import type { OverdueItem, SearchItem, Statistics, TransferFlag } from '../types.ts'
import { useFetch } from '../use-fetch.ts'

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}

function Overdue() {
  const { t, tb, lang } = useT()
  const { data, error, loading, reload } = useFetch<{ asOf: string; items: OverdueItem[] }>('/v1/supervision/overdue?limit=200')
  const items = [...(data?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  const overdueCount = items.filter((i) => i.status === 'overdue').length
  return (
    <section class="card" aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">{t('超期与临期职责', 'Overdue and at-risk duties')}</h2>
      <div aria-live="polite">
        {error ? <ProblemMessage error={error} /> : null}
        {loading && !data ? <Loading /> : null}
        {data
          ? (
              <p role="status">
                {t(`已超期 ${overdueCount} 项，临期 ${items.length - overdueCount} 项（截至 ${formatDateTime(data.asOf, lang)}）。`,
                  `${overdueCount} overdue, ${items.length - overdueCount} at risk (as of ${formatDateTime(data.asOf, lang)}).`)}
                {' '}<button type="button" class="link" onClick={reload}>{t('刷新', 'Refresh')}</button>
              </p>
            )
          : null}
      </div>
      {items.length > 0
        ? (
            <div class="table-wrap">
              <table class="overdue">
                <caption class="visually-hidden">{t('超期与临期职责，按到期时间排序', 'Overdue and at-risk duties, soonest due first')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('案件', 'Case')}</th>
                    <th scope="col">{t('职责', 'Duty')}</th>
                    <th scope="col">{t('承办机关', 'Held by')}</th>
                    <th scope="col">{t('到期时间', 'Due')}</th>
                    <th scope="col">{t('状态', 'Status')}</th>
                    <th scope="col">{t('依据', 'Source')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={`${item.caseId}-${item.timer}`} data-case-id={item.caseId} data-timer={item.timer} data-level={item.status}>
                      <CaseCell id={item.caseId} caseNumber={item.caseNumber} title={item.title} />
                      <td>{tb(item.timerTitle)}<span class="item-meta"> （{periodText(item.duration, item.unit, tb)}）</span></td>
                      <td>{item.holder.name ?? item.holder.agencyId ?? '—'}</td>
                      <td>{formatDateTime(item.dueAt, lang)}</td>
                      <td>
                        <span class={`deadline ${item.status}`}>
                          {/* The list holds only duties at risk or overdue, so the text says which. */}
                          {deadlineText(item.status === 'overdue' ? item.clock : { ...item.clock, level: 'at-risk' }, t, lang)}
                          {' · '}{t(`已用 ${percent(item.used)}`, `${percent(item.used)} used`)}
                        </span>
                      </td>
                      <td><code>{item.source}</code></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        : data ? <p class="muted">{t('没有超期或临期的职责。', 'No duty is overdue or at risk.')}</p> : null}
    </section>
  )
}

function sumBy<T>(rows: T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>()
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + value(row))
  return sums
}

function StatisticsCharts({ stats }: { stats: Statistics }) {
  const { t, tb } = useT()
  // An agency by its name (白银市市场监督管理局), its id only when the name is unknown.
  const agencyName = (id: string | null) => (id === null ? '—' : stats.agencies?.[id] ? tb(stats.agencies[id]) : id)
  const opened = sumBy(stats.opened, (r) => r.agencyId, (r) => r.count)
  const closed = sumBy(stats.closed, (r) => r.agencyId, (r) => r.count)
  const agencies = [...new Set([...opened.keys(), ...closed.keys()])].sort()
  const volume: BarRow[] = agencies.map((a) => ({ label: agencyName(a), values: [opened.get(a) ?? 0, closed.get(a) ?? 0] }))

  const steps = [...stats.steps].sort((a, b) => b.count - a.count).slice(0, 20)
  const stepRows: BarRow[] = steps.map((s) => ({ label: `${tb(s.title)} · ${agencyName(s.agencyId)}`, values: [s.medianDays, s.p90Days] }))

  const met = sumBy(stats.steps.filter((s) => s.duties), (s) => s.agencyId ?? '—', (s) => s.duties?.met ?? 0)
  const late = sumBy(stats.steps.filter((s) => s.duties), (s) => s.agencyId ?? '—', (s) => s.duties?.overdue ?? 0)
  const shareRows: BarRow[] = [...met.keys()].sort().map((a) => {
    const total = (met.get(a) ?? 0) + (late.get(a) ?? 0)
    return { label: agencyName(a === '—' ? null : a), values: [total === 0 ? null : Math.round(((met.get(a) ?? 0) / total) * 100)] }
  })
  const overall = stats.deadlinesMet.share
  return (
    <>
      <p role="status">
        {t('期内到期的法定职责：', 'Duties that came due in the period: ')}
        {t(`按期完成 ${stats.deadlinesMet.met} 项，超期 ${stats.deadlinesMet.overdue} 项`, `${stats.deadlinesMet.met} met, ${stats.deadlinesMet.overdue} overdue`)}
        {overall === null ? '' : t(`，按期率 ${percent(overall)}。`, `, ${percent(overall)} on time.`)}
      </p>
      <BarChart id="chart-volume" title={t('各机关立案与结案数', 'Cases opened and closed per agency')}
        description={t('每个机关两根横条：立案数与结案数。', 'Two bars per agency: cases opened and cases closed.')}
        series={[{ name: t('立案', 'Opened'), cls: 'bar-a' }, { name: t('结案', 'Closed'), cls: 'bar-b' }]} rows={volume} />
      <BarChart id="chart-steps" title={t('各环节用时（天）：中位数与第 90 百分位', 'Days per step: median and 90th percentile')}
        description={t('按件数排序的前 20 个环节，每个环节两根横条。', 'The 20 busiest steps, two bars each.')}
        series={[{ name: t('中位数', 'Median'), cls: 'bar-a' }, { name: t('第 90 百分位', '90th percentile'), cls: 'bar-b' }]}
        rows={stepRows} format={(n) => n.toFixed(1)} />
      <BarChart id="chart-met" title={t('各机关法定期限按期完成率', 'Share of deadlines met per agency')}
        description={t('每个机关一根横条，满格为 100%。', 'One bar per agency; a full bar is 100%.')}
        series={[{ name: t('按期率', 'Met'), cls: 'bar-c' }]} rows={shareRows} max={100} format={(n) => `${n}%`} />
      {stats.refusals.length > 0
        ? (
            <div class="table-wrap">
              <table>
                <caption>{t('不予移送、不予立案、不予受理等', 'Refusals')}</caption>
                <thead><tr><th scope="col">{t('类型', 'Kind')}</th><th scope="col">{t('机关', 'Agency')}</th><th scope="col" class="num">{t('件数', 'Count')}</th></tr></thead>
                <tbody>
                  {stats.refusals.map((r) => (
                    <tr key={`${r.kind}-${r.agencyId}`}><th scope="row">{tb(r.title)}</th><td>{agencyName(r.agencyId)}</td><td class="num">{r.count}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        : null}
    </>
  )
}

/** A filter by procedure: all of them, or one. */
function ProcedureSelect({ id, value, onChange }: { id: string; value: string; onChange: (procedure: string) => void }) {
  const { t, tb } = useT()
  const { procedures } = useProcedures()
  return (
    <div>
      <label for={id}>{t('程序', 'Procedure')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('全部', 'All')}</option>
        {(procedures ?? []).map((p) => <option key={p.name} value={p.name}>{tb(p.title)}</option>)}
      </select>
    </div>
  )
}

function StatisticsSection() {
  const { t } = useT()
  const today = chinaDate()
  const [form, setForm] = useState({ from: daysBefore(today, 89), to: today, procedure: '' })
  const [path, setPath] = useState(`/v1/supervision/statistics${query({ from: form.from, to: form.to })}`)
  const { data, error, loading } = useFetch<Statistics>(path)
  const onSubmit = (event: Event) => {
    event.preventDefault()
    setPath(`/v1/supervision/statistics${query(form)}`)
  }
  return (
    <section class="card" aria-labelledby="stats-heading">
      <h2 id="stats-heading">{t('各机关统计', 'Statistics per agency')}</h2>
      <form onSubmit={onSubmit} class="form-row">
        <div>
          <label for="stats-from">{t('开始日期', 'From')}</label>
          <input id="stats-from" type="date" required value={form.from} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
        </div>
        <div>
          <label for="stats-to">{t('结束日期（含）', 'To (inclusive)')}</label>
          <input id="stats-to" type="date" required value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
        </div>
        <ProcedureSelect id="stats-procedure" value={form.procedure} onChange={(procedure) => setForm({ ...form, procedure })} />
        <div><button type="submit">{t('统计', 'Show')}</button></div>
      </form>
      <div aria-live="polite">
        {error ? <ProblemMessage error={error} /> : null}
        {loading ? <Loading /> : data ? <StatisticsCharts stats={data} /> : null}
      </div>
    </section>
  )
}

const EMPTY_SEARCH = { party: '', creditCode: '', procedure: '', state: '', openedFrom: '', openedTo: '', overdue: false }

function SearchSection() {
  const { t, tb, lang } = useT()
  const { procedures } = useProcedures()
  const [form, setForm] = useState(EMPTY_SEARCH)
  const [result, setResult] = useState<{ items: SearchItem[]; next: string | null } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const run = async (after?: string) => {
    const codeProblem = form.creditCode.trim() === '' ? null : creditCodeProblem(form.creditCode.trim().toUpperCase())
    if (codeProblem) {
      setError(new Error(tb(codeProblem)))
      document.getElementById('search-credit-code')?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const params = { ...form, overdue: form.overdue ? true : undefined, creditCode: form.creditCode.trim().toUpperCase(), party: form.party.trim(), after, limit: 50 }
      const page = await api.get<{ items: SearchItem[]; next: string | null }>(`/v1/supervision/search${query(params)}`)
      setResult((prev) => (after && prev ? { items: [...prev.items, ...page.items], next: page.next } : page))
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  const field = (key: keyof typeof EMPTY_SEARCH, id: string, zh: string, en: string, extra: Record<string, unknown> = {}) => (
    <div>
      <label for={id}>{t(zh, en)}</label>
      <input id={id} value={form[key] as string} onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} {...extra} />
    </div>
  )
  return (
    <section class="card" aria-labelledby="search-heading">
      <h2 id="search-heading">{t('案件检索', 'Search cases')}</h2>
      <form onSubmit={(e) => { e.preventDefault(); void run() }}>
        <div class="form-row">
          {field('party', 'search-party', '当事人名称（至少 2 个字）', 'Party name (2+ characters)', { minLength: 2 })}
          {field('creditCode', 'search-credit-code', '统一社会信用代码', 'Unified social credit code', { maxLength: 18 })}
          <ProcedureSelect id="search-procedure" value={form.procedure} onChange={(procedure) => setForm({ ...form, procedure })} />
        </div>
        <div class="form-row">
          {field('state', 'search-state', '当前状态编号（如 F4）', 'State id (e.g. F4)', { maxLength: 16 })}
          {field('openedFrom', 'search-opened-from', '立案日期自', 'Opened from', { type: 'date' })}
          {field('openedTo', 'search-opened-to', '立案日期至', 'Opened to', { type: 'date' })}
        </div>
        <div>
          <input id="search-overdue" type="checkbox" checked={form.overdue} onChange={(e) => setForm({ ...form, overdue: e.currentTarget.checked })} />
          <label for="search-overdue" class="inline-label">{t('仅显示有超期职责的案件', 'Only cases with an overdue duty')}</label>
        </div>
        <div class="form-actions">
          <button type="submit" disabled={busy}>{t('检索', 'Search')}</button>
          <button type="button" class="secondary" onClick={() => { setForm(EMPTY_SEARCH); setResult(null) }}>{t('清空', 'Clear')}</button>
        </div>
      </form>
      <div aria-live="polite">
        <ProblemMessage error={error} />
        {busy ? <Loading /> : null}
        {result ? <p role="status">{t(`找到 ${result.items.length} 件${result.next ? '（还有更多）' : ''}。`, `${result.items.length} cases found${result.next ? ' (more available)' : ''}.`)}</p> : null}
      </div>
      {result && result.items.length > 0
        ? (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">{t('检索结果', 'Search results')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('案件', 'Case')}</th>
                    <th scope="col">{t('程序', 'Procedure')}</th>
                    <th scope="col">{t('当事人', 'Parties')}</th>
                    <th scope="col">{t('状态', 'State')}</th>
                    <th scope="col">{t('立案', 'Opened')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.items.map((item) => (
                    <tr key={item.caseId} data-case-id={item.caseId}>
                      <CaseCell id={item.caseId} caseNumber={item.caseNumber} title={item.title} />
                      <td>{procedureTitle(procedures, item.procedure, tb)}</td>
                      <td>{item.subjects}</td>
                      <td>
                        {item.status === 'closed' ? t(`已结案（${item.end ?? ''}）`, `closed (${item.end ?? ''})`) : item.stateIds.join(', ')}
                        {item.overdue ? <span class="level overdue"> {t('有超期职责', 'overdue duty')}</span> : null}
                      </td>
                      <td>{formatDate(item.openedAt, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        : null}
      {result?.next ? <p><button type="button" class="secondary" disabled={busy} onClick={() => void run(result.next ?? undefined)}>{t('加载更多', 'Load more')}</button></p> : null}
    </section>
  )
}

function amount(n: number | null, lang: Lang): string {
  return n === null ? '—' : `${n.toLocaleString(localeOf(lang))} ${lang === 'en' ? 'yuan' : '元'}`
}

function SuperviseFlag({ flag, onOpened }: { flag: TransferFlag; onOpened: () => void }) {
  const { t } = useT()
  const [reasons, setReasons] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const id = `flag-reasons-${flag.caseId}`
  const onSubmit = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await api.post(`/v1/supervision/transfer-flags/${flag.caseId}/supervision`, { reasons })
      onOpened()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <form onSubmit={onSubmit}>
      <label for={id}>{t('检察意见理由（至少 10 个字）', 'Reasons for the opinion (10+ characters)')}</label>
      <textarea id={id} rows={2} minLength={10} required value={reasons} onInput={(e) => setReasons(e.currentTarget.value)} />
      <div class="form-actions"><button type="submit" disabled={busy}>{t('提出检察意见，要求移送', 'Require the transfer')}</button></div>
      <div aria-live="polite"><ProblemMessage error={error} /></div>
    </form>
  )
}

function TransferFlags() {
  const { t, lang } = useT()
  const { me } = useSession()
  const { procedures } = useProcedures()
  const { data, error, loading, reload } = useFetch<{ items: TransferFlag[] }>('/v1/supervision/transfer-flags')
  const mayOpenSupervision = me !== null && mayOpen(procedures, 'transfer-supervision', me.roles)
  return (
    <section class="card" aria-labelledby="flags-heading">
      <h2 id="flags-heading">{t('该移不移线索', 'Cases that should have been transferred')}</h2>
      <p class="muted">{t('已作行政处罚、未移送公安，而记录的金额达到刑事立案追诉标准的案件。',
        'Closed with an administrative penalty, never transferred, while the recorded amounts meet a prosecution threshold.')}</p>
      <div aria-live="polite">
        {error ? <ProblemMessage error={error} /> : null}
        {loading && !data ? <Loading /> : null}
        {data && data.items.length === 0 ? <p role="status">{t('暂无线索。', 'No flagged cases.')}</p> : null}
      </div>
      {data && data.items.length > 0
        ? (
            <ul class="item-list">
              {data.items.map((flag) => (
                <li key={flag.caseId} data-case-id={flag.caseId}>
                  <div>
                    <p class="item-title"><Link href={`/cases/${flag.caseId}`}>{flag.title}</Link> <span class="item-meta">{flag.caseNumber ?? ''}</span></p>
                    <p class="item-meta">
                      {flag.offence} · {t('非法经营数额', 'Business volume')} {amount(flag.amounts.illegalBusinessVolume, lang)} ·
                      {' '}{t('违法所得', 'Gains')} {amount(flag.amounts.illegalGains, lang)} · {t('处罚决定', 'Penalty')} {flag.penalty.decisionNo ?? '—'}
                    </p>
                    <p class="item-meta">{t('达到标准', 'Threshold')}: <code>{flag.threshold.source}</code></p>
                  </div>
                  <div>
                    {flag.supervisionCaseId
                      ? <Link href={`/cases/${flag.supervisionCaseId}`}>{t('已立监督案件', 'Supervision opened')}</Link>
                      : mayOpenSupervision ? <SuperviseFlag flag={flag} onOpened={reload} /> : <span class="level at-risk">{t('尚未监督', 'Not yet supervised')}</span>}
                  </div>
                </li>
              ))}
            </ul>
          )
        : null}
    </section>
  )
}

export function SupervisionPage() {
  const { t } = useT()
  const { me } = useSession()
  if (!hasRole(me, 'supervisor')) {
    return (
      <Layout title={t('监督', 'Supervision')}>
        <h1>{t('监督看板', 'Supervision dashboard')}</h1>
        <p class="problem" role="alert">{t('仅监督人员可以查看此页面。', 'Only supervisors may see this page.')}</p>
      </Layout>
    )
  }
  return (
    <Layout title={t('监督', 'Supervision')}>
      <h1>{t('监督看板', 'Supervision dashboard')}</h1>
      <p class="lead">{t(`辖区：${me?.agencyName ?? ''}（${me?.division ?? ''}）`, `Jurisdiction: ${me?.agencyName ?? ''} (${me?.division ?? ''})`)}</p>
      <Overdue />
      <StatisticsSection />
      <SearchSection />
      <TransferFlags />
    </Layout>
  )
}
