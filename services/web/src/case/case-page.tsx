// The case page (/cases/:id): where the case is on its statechart, what this user may do now,
// the deadlines, the timeline, the receipts between agencies, the documents with their SHA-256,
// the hash-chain check and the printable report.
import './case.css'
import reportCss from './report-print.css?url'
import type { ComponentChildren } from 'preact'
import { useCallback, useEffect, useRef, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { Layout, Loading } from '../components/layout.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { formatDateTime, useT } from '../i18n.ts'
import { procedureTitle, useProcedures } from '../procedures.ts'
import { Link } from '../router.tsx'
import { stateTags } from '../states.ts'
import type { AllowedCommand, CaseView } from '../types.ts'
import { Actions } from './actions.tsx'
import { fetchBlob, openBlob, saveBlob } from './case-api.ts'
import { Documents } from './documents.tsx'
import { Statechart } from './statechart.tsx'
import { Deadlines, Receipts, Timeline } from './timeline.tsx'
import type { CaseReport, Chart, CommandResult, DocumentView, TimelineEntry, VerifyResult } from './types.ts'

/** Charts by procedure: they change only with a deployment. */
const charts = new Map<string, Promise<Chart>>()

function loadChart(procedure: string): Promise<Chart> {
  let chart = charts.get(procedure)
  if (!chart) {
    chart = api.get<Chart>(`/v1/procedures/${encodeURIComponent(procedure)}/chart`)
    chart.catch(() => charts.delete(procedure))
    charts.set(procedure, chart)
  }
  return chart
}

/**
 * Without the procedure's chart, the states the case passed through and the steps between
 * them still make a (smaller) chart.
 */
function chartFromPath(view: CaseView, timeline: TimelineEntry[]): Chart {
  const own = timeline.filter((e) => e.case.link === 'self')
  const ids = [...new Set([...own.flatMap((e) => [...e.stateBefore, ...e.stateAfter]), ...view.stateIds])]
  const titles = new Map(view.states.map((s) => [s.id, s.title]))
  return {
    procedure: view.procedure,
    initial: own[0]?.stateAfter[0] ?? view.stateIds[0] ?? '',
    states: ids.map((id) => ({ id, title: titles.get(id) ?? { zh: id, en: id }, parent: null, type: 'atomic' as const })),
    transitions: own.flatMap((e) =>
      e.stateBefore.filter((b) => !e.stateAfter.includes(b)).map((from) => ({ from, to: e.stateAfter.filter((a) => !e.stateBefore.includes(a)), event: e.type, title: e.title, kind: 'command' as const }))),
  }
}

interface Loaded {
  view: CaseView
  timeline: TimelineEntry[]
  timelineError: unknown
  documents: DocumentView[]
  documentsError: unknown
  report: CaseReport | null
  chart: Chart | null
  chartError: unknown
}

const settled = <T,>(r: PromiseSettledResult<T>): [T | null, unknown] => (r.status === 'fulfilled' ? [r.value, null] : [null, r.reason])

async function loadCase(id: string): Promise<Loaded> {
  const path = `/v1/cases/${encodeURIComponent(id)}`
  const view = await api.get<CaseView>(path)
  const [timeline, documents, report, chart] = await Promise.allSettled([
    api.get<{ entries: TimelineEntry[] }>(`${path}/timeline`),
    api.get<{ documents: DocumentView[] }>(`${path}/documents`),
    api.get<CaseReport>(`${path}/report`),
    loadChart(view.procedure),
  ])
  const [t, timelineError] = settled(timeline)
  const [d, documentsError] = settled(documents)
  const [r] = settled(report)
  const [c, chartError] = settled(chart)
  return {
    view,
    timeline: t?.entries ?? [],
    timelineError,
    documents: d?.documents ?? [],
    documentsError,
    report: r,
    chart: c,
    chartError,
  }
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="case-section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  )
}

function VerifyChain({ caseId }: { caseId: string }) {
  const { t } = useT()
  const [result, setResult] = useState<VerifyResult | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      setResult(await api.get<VerifyResult>(`/v1/cases/${encodeURIComponent(caseId)}/verify`))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <>
      <p class="field-hint">{t('每个事件都以 SHA-256 哈希与前一事件相连；校验会逐一重算。', 'Each event is linked to the one before by its SHA-256 hash; the check recomputes every link.')}</p>
      <button type="button" onClick={run} disabled={busy} data-verify>{busy ? t('校验中…', 'Checking…') : t('校验哈希链', 'Check the hash chain')}</button>
      <div role="status" class="verify-result">
        {result
          ? result.ok
            ? <p class="ok" data-verify-ok="true">{t(`✓ 哈希链完整：${result.events} 个事件均未被改动`, `✓ Chain intact: all ${result.events} events unaltered`)}</p>
            : (
                <p class="broken" data-verify-ok="false" data-broken-at={result.brokenAt}>
                  {t(`✗ 哈希链在第 ${result.brokenAt ?? '?'} 个事件处断开`, `✗ Chain broken at event ${result.brokenAt ?? '?'}`)}
                  {result.reason ? `：${result.reason}` : ''}
                </p>
              )
          : null}
      </div>
      <ProblemMessage error={error} />
    </>
  )
}

/**
 * The report page with its inline <style> (which the app's CSP, inherited by a blob page,
 * blocks) replaced by the same rules as a stylesheet of this origin.
 */
async function printableReport(path: string): Promise<Blob> {
  const html = await (await fetchBlob(path)).text()
  const link = `<link rel="stylesheet" href="${new URL(reportCss, window.location.origin).href}">`
  return new Blob([html.replace(/<style>[\s\S]*?<\/style>/, link)], { type: 'text/html;charset=utf-8' })
}

function ReportLinks({ view }: { view: CaseView }) {
  const { t } = useT()
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState<'html' | 'csv' | null>(null)
  const [blocked, setBlocked] = useState<string | null>(null)
  const base = `/v1/cases/${encodeURIComponent(view.id)}`
  const printable = async () => {
    setBusy('html')
    setError(null)
    try {
      setBlocked(openBlob(await printableReport(`${base}/report.html`)))
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }
  const csv = async () => {
    setBusy('csv')
    setError(null)
    try {
      saveBlob(await fetchBlob(`${base}/report.csv`), `case-${view.caseNumber ?? view.id}.csv`)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }
  return (
    <>
      <div class="report-links">
        <button type="button" onClick={printable} disabled={busy !== null} data-report="html">
          {busy === 'html' ? t('打开中…', 'Opening…') : t('打开可打印的案件报告', 'Open the printable report')}
        </button>
        <button type="button" class="secondary" onClick={csv} disabled={busy !== null} data-report="csv">
          {busy === 'csv' ? t('下载中…', 'Downloading…') : t('下载 CSV', 'Download CSV')}
        </button>
      </div>
      {blocked ? <p><a href={blocked} target="_blank" rel="noopener">{t('浏览器阻止了新窗口：点此打开报告', 'The browser blocked the new window: open the report here')}</a></p> : null}
      <ProblemMessage error={error} />
    </>
  )
}

export function CasePage({ id }: { id: string }) {
  const { t, tb, lang } = useT()
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [announcement, setAnnouncement] = useState('')
  const statusRef = useRef<HTMLParagraphElement>(null)
  const current = useRef(id)
  const { procedures } = useProcedures()

  const reload = useCallback(async () => {
    try {
      const next = await loadCase(id)
      // A slow answer for a case the reader has already left is dropped.
      if (current.current === id) {
        setLoaded(next)
        setError(null)
      }
    } catch (err) {
      if (current.current === id) setError(err)
    }
  }, [id])

  useEffect(() => {
    current.current = id
    setLoaded(null)
    setError(null)
    setAnnouncement('')
    void reload()
  }, [id, reload])

  const onDone = async (command: AllowedCommand, result: CommandResult) => {
    await reload()
    setAnnouncement(t(
      `已提交：${command.title.zh}。案件现处于 ${result.stateIds.join('、')}（第 ${result.event.seq} 步）。`,
      `Done: ${command.title.en}. The case is now in ${result.stateIds.join(', ')} (step ${result.event.seq}).`,
    ))
  }

  // The form that had focus is gone after a command: keyboard users continue from the message.
  useEffect(() => {
    if (announcement !== '') statusRef.current?.focus()
  }, [announcement])

  const onUploaded = async (doc: DocumentView) => {
    await reload()
    setAnnouncement(t(`已上传：${doc.name}（SHA-256 ${doc.sha256.slice(0, 12)}…）`, `Uploaded: ${doc.name} (SHA-256 ${doc.sha256.slice(0, 12)}…)`))
  }

  if (loaded === null) {
    return (
      <Layout title={t('案件', 'Case')}>
        <h1>{t('案件', 'Case')}</h1>
        {error ? <ProblemMessage error={error} /> : <Loading />}
      </Layout>
    )
  }

  const { view, timeline, documents, report, chart } = loaded
  return (
    <Layout title={view.caseNumber ?? view.title}>
      <h1 class="case-title">{view.title}</h1>
      <dl class="case-meta">
        <div><dt>{t('案号', 'Case number')}</dt><dd data-case-number>{view.caseNumber ?? t('（尚未编号）', '(not numbered yet)')}</dd></div>
        <div><dt>{t('程序', 'Procedure')}</dt><dd>{procedureTitle(procedures, view.procedure, tb)}</dd></div>
        <div><dt>{t('状态', 'Status')}</dt><dd data-case-status={view.status}>{view.status === 'open' ? t('办理中', 'open') : t('已结案', 'closed')}</dd></div>
        <div><dt>{t('辖区', 'Jurisdiction')}</dt><dd>{view.jurisdiction}</dd></div>
        <div><dt>{t('立案时间', 'Opened')}</dt><dd><time dateTime={view.openedAt}>{formatDateTime(view.openedAt, lang)}</time></dd></div>
        {view.closedAt ? <div><dt>{t('结案时间', 'Closed')}</dt><dd><time dateTime={view.closedAt}>{formatDateTime(view.closedAt, lang)}</time></dd></div> : null}
        {view.parentCaseId ? <div><dt>{t('原案件', 'Opened from')}</dt><dd><Link href={`/cases/${view.parentCaseId}`}>{view.parentCaseId}</Link></dd></div> : null}
      </dl>
      <nav class="case-toc" aria-label={t('本页目录', 'On this page')}>
        <ul>
          <li><a href="#state">{t('当前状态', 'Current state')}</a></li>
          <li><a href="#actions">{t('可执行的操作', 'Actions')}</a></li>
          <li><a href="#deadlines">{t('期限', 'Deadlines')}</a></li>
          <li><a href="#timeline">{t('时间线', 'Timeline')}</a></li>
          <li><a href="#receipts">{t('机关间回执', 'Receipts')}</a></li>
          <li><a href="#documents">{t('文书', 'Documents')}</a></li>
          <li><a href="#verify">{t('哈希链校验', 'Hash chain')}</a></li>
          <li><a href="#report">{t('案件报告', 'Report')}</a></li>
        </ul>
      </nav>
      <p class="announce" role="status" tabIndex={-1} ref={statusRef}>{announcement}</p>
      {error ? <ProblemMessage error={error} /> : null}

      <Section id="state" title={t('当前状态', 'Current state')}>
        <p class="current-states">
          {view.states.length > 0
            ? stateTags(view.states).map((s) => (
                <span class="state-tag" key={s.id} data-state-id={s.id}>
                  {s.id} {tb(s.title)}
                  {s.inner.length > 0 ? <span class="state-inner">（{s.inner.map((x) => tb(x)).join(t('；', '; '))}）</span> : null}
                </span>
              ))
            : view.stateIds.join('、')}
        </p>
        {chart === null
          ? <p class="field-hint">{t('程序状态图暂不可用，下图仅显示本案经过的状态。', 'The procedure’s statechart is unavailable; this drawing shows only the states the case passed.')}</p>
          : null}
        <Statechart chart={chart ?? chartFromPath(view, timeline)} current={view.stateIds} timeline={timeline} currentTitles={view.states} />
      </Section>

      <Section id="actions" title={t('可执行的操作', 'Actions you can take')}>
        <Actions key={view.id} view={view} storedDocuments={documents} onDone={onDone} onStale={() => void reload()} />
      </Section>

      <Section id="deadlines" title={t('期限', 'Deadlines')}>
        <Deadlines deadlines={view.deadlines} />
      </Section>

      <Section id="timeline" title={t('时间线', 'Timeline')}>
        {loaded.timelineError ? <ProblemMessage error={loaded.timelineError} /> : <Timeline entries={timeline} />}
      </Section>

      <Section id="receipts" title={t('机关间回执', 'Receipts between agencies')}>
        <Receipts receipts={report?.receipts ?? null} timeline={timeline} />
      </Section>

      <Section id="documents" title={t('文书', 'Documents')}>
        {loaded.documentsError ? <ProblemMessage error={loaded.documentsError} /> : null}
        <Documents key={view.id} caseId={view.id} documents={documents} onUploaded={onUploaded} />
      </Section>

      <Section id="verify" title={t('哈希链校验', 'Hash-chain check')}>
        <VerifyChain key={view.id} caseId={view.id} />
      </Section>

      <Section id="report" title={t('案件报告', 'Case report')}>
        <ReportLinks key={view.id} view={view} />
      </Section>
    </Layout>
  )
}
