// The case report a supervisor audits: every step (who, when, under which statute), every
// deadline that applied (its timer id, unit, source, whether it was met), how long each agency
// held the case, and the receipts between agencies. JSON, CSV and a printable page.
import type { Kysely } from 'kysely'
import { AppError, type Actor, type ProcedureDefinition, type TimerRule, type TimerStatus, type Bilingual } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import { personalDataAccess } from './policy.ts'
import { deadlineOf, iso, maskPersonalData } from './read.ts'
import type { Clock, TimelineEntry } from './types.ts'

export interface CaseReport {
  case: {
    id: string
    caseNumber: string | null
    procedure: string
    procedureTitle: Bilingual
    title: string
    jurisdiction: string
    status: 'open' | 'closed'
    stateIds: string[]
    openedAt: string
    closedAt: string | null
  }
  asOf: string
  /** The events of this case and of the cases linked to it (TimelineEntry.case says which). */
  steps: TimelineEntry[]
  deadlines: Array<{
    id: string
    timer: string
    title: Bilingual
    stateId: string
    holder: { agencyId: string | null; name: string | null }
    startedAt: string
    dueAt: string
    unit: string
    duration: number
    expiry: string
    source: string
    verification: string
    status: TimerStatus
    endedAt: string | null
    /** When the step was left: the deadline met, or the state of an overdue duty left. */
    doneAt: string | null
    met: boolean | null
  }>
  /**
   * Hours each agency held the case: the union of the periods in which it had an open task
   * of the case or one of its duties was running (until done, or until now).
   */
  holdings: Array<{ agencyId: string; name: string | null; hours: number }>
  /** Every dispatch between agencies and when the receiving agency got it. */
  receipts: Array<{
    dispatchId: string
    kind: string
    title: Bilingual
    to: { agencyId: string; name: string | null }
    sentAt: string
    receivedAt: string | null
    hours: number | null
  }>
}

const hoursBetween = (a: number, b: number): number => Math.round(((b - a) / 3_600_000) * 100) / 100

/** Total length of a set of [start, end) intervals with overlaps counted once. */
function unionMs(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])
  let total = 0
  let current: [number, number] | null = null
  for (const [a, b] of sorted) {
    if (current && a <= current[1]) current[1] = Math.max(current[1], b)
    else {
      if (current) total += current[1] - current[0]
      current = [a, b]
    }
  }
  return total + (current ? current[1] - current[0] : 0)
}

export function createReports(deps: {
  db: Kysely<Database>
  procedures: ReadonlyMap<string, ProcedureDefinition>
  clock: Clock
  timeline: (caseId: string, actor: Actor) => Promise<TimelineEntry[]>
}) {
  const { db } = deps

  async function report(caseId: string, actor: Actor): Promise<CaseReport> {
    // The timeline checks read access and records the read (查询留痕).
    const steps = await deps.timeline(caseId, actor)
    const now = deps.clock.now()
    const [row, timers, tasks, dispatches, agencies] = await Promise.all([
      db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow(),
      db.selectFrom('timers').selectAll().where('case_id', '=', caseId).orderBy('started_seq').orderBy('name').execute(),
      db.selectFrom('tasks').select(['agency_id', 'opened_at', 'closed_at']).where('case_id', '=', caseId).execute(),
      db.selectFrom('outbox').select(['id', 'seq', 'payload', 'created_at']).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').orderBy('id').execute(),
      db.selectFrom('agencies').select(['id', 'name']).execute(),
    ])
    const def = deps.procedures.get(row.procedure)
    if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${row.procedure} is not registered`)
    const names = new Map(agencies.map((a) => [a.id, a.name]))
    const own = steps.filter((s) => s.case.link === 'self')
    const eventAt = new Map(own.map((s) => [s.seq, s.occurredAt]))
    // RECEIPT events name their dispatch in the payload; the timeline does not carry payloads.
    const receipts = await db
      .selectFrom('case_events')
      .select(['seq', 'payload', 'occurred_at'])
      .where('case_id', '=', caseId)
      .where('type', '=', 'RECEIPT')
      .execute()
    const receivedAt = new Map<string, string>()
    for (const r of receipts) receivedAt.set(String((r.payload as { dispatchId?: string }).dispatchId), iso(r.occurred_at)!)

    const deadlines = timers.map((t) => {
      const rule = t.rule as unknown as TimerRule
      return {
        ...deadlineOf(t),
        title: rule.title,
        stateId: t.state_id,
        holder: { agencyId: t.owner_agency_id, name: t.owner_agency_id ? (names.get(t.owner_agency_id) ?? null) : null },
        startedAt: iso(t.started_at)!,
        verification: rule.verification,
        endedAt: iso(t.ended_at),
        doneAt: iso(t.done_at),
      }
    })

    const end = (d: Date | string | null) => (d === null ? now.getTime() : Math.min(new Date(d).getTime(), now.getTime()))
    const periods = new Map<string, Array<[number, number]>>()
    const hold = (agency: string | null, a: number, b: number) => {
      if (!agency) return
      periods.set(agency, [...(periods.get(agency) ?? []), [a, b]])
    }
    for (const t of tasks) hold(t.agency_id, new Date(t.opened_at).getTime(), end(t.closed_at))
    for (const t of timers) {
      if ((t.rule as unknown as TimerRule).expiry !== 'DUTY' || t.status === 'CANCELLED') continue
      hold(t.owner_agency_id, new Date(t.started_at).getTime(), end(t.status === 'SCHEDULED' ? null : t.status === 'OVERDUE_DUTY' ? t.done_at : t.ended_at))
    }
    const holdings = [...periods]
      .map(([agencyId, list]) => ({ agencyId, name: names.get(agencyId) ?? null, hours: hoursBetween(0, unionMs(list)) }))
      .sort((a, b) => b.hours - a.hours || a.agencyId.localeCompare(b.agencyId))

    const report: CaseReport = {
      case: {
        id: row.id,
        caseNumber: row.case_number,
        procedure: row.procedure,
        procedureTitle: def.title,
        title: row.title,
        jurisdiction: row.jurisdiction,
        status: row.status,
        stateIds: row.state_ids,
        openedAt: iso(row.opened_at)!,
        closedAt: iso(row.closed_at),
      },
      asOf: now.toISOString(),
      steps,
      deadlines,
      holdings,
      receipts: dispatches.map((d) => {
        const p = d.payload as { kind: string; title: Bilingual; agencyId: string }
        const sentAt = eventAt.get(d.seq) ?? iso(d.created_at as unknown as Date)!
        const got = receivedAt.get(String(d.id)) ?? null
        return {
          dispatchId: String(d.id),
          kind: p.kind,
          title: p.title,
          to: { agencyId: p.agencyId, name: names.get(p.agencyId) ?? null },
          sentAt,
          receivedAt: got,
          hours: got ? hoursBetween(Date.parse(sentAt), Date.parse(got)) : null,
        }
      }),
    }
    // The steps come masked from the timeline; the whole report passes the same mask, so a
    // field added later cannot carry personal data past it (the CSV and HTML render this).
    return maskPersonalData(report, personalDataAccess(row.procedure, actor, row))
  }

  return { report }
}

// ---- Renderers ----------------------------------------------------------------------------

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v)
  // A leading = + - @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** One CSV row per step (RFC 4180, UTF-8 with BOM so spreadsheet programs read the Chinese). */
export function reportCsv(r: CaseReport): string {
  const header = [
    'case_number', 'link', 'seq', 'occurred_at', 'step_zh', 'step_en', 'actor', 'agency', 'source', 'state_before', 'state_after',
    'deadlines', 'deadlines_met', 'hours_since_previous', 'hash',
  ]
  const rows = r.steps.map((s) => [
    s.case.caseNumber ?? s.case.id,
    s.case.link,
    s.seq,
    s.occurredAt,
    s.title.zh,
    s.title.en,
    s.actor.name ?? s.actor.userId,
    s.agency.name ?? s.agency.id,
    s.source ?? '',
    s.stateBefore.join('+'),
    s.stateAfter.join('+'),
    s.deadlines.map((d) => `${d.timer} (${d.duration} ${d.unit}, ${d.source}) due ${d.dueAt}: ${d.status}`).join('; '),
    s.deadlines.map((d) => (d.met === null ? '' : d.met ? 'met' : 'missed')).join('; '),
    s.sincePreviousHours ?? '',
    s.hash,
  ])
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

const esc = (v: unknown): string =>
  (v === null || v === undefined ? '' : String(v)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const local = (isoText: string | null): string =>
  isoText === null ? '' : new Date(isoText).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

const UNIT_ZH: Record<string, string> = { h: '小时', cd: '日', wd: '个工作日', mo: '个月', y: '年' }

/** A printable page (zh-CN first, English beside), self-contained, no script. */
export function reportHtml(r: CaseReport): string {
  const c = r.case
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  const met = (m: boolean | null) => (m === null ? '—' : m ? '按期 met' : '逾期 missed')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(c.caseNumber ?? c.id)} 案件流程记录</title>
<style>body{font-family:"Noto Sans SC","Source Han Sans SC",sans-serif;margin:2em;color:#111}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #999;padding:.25em .4em;text-align:left;vertical-align:top}
th{background:#eee}.en{color:#555}@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}</style></head>
<body>
<h1>案件流程记录 <span class="en">Case timeline</span></h1>
<p>${esc(c.procedureTitle.zh)} <span class="en">${esc(c.procedureTitle.en)}</span><br>
案号 Case number: ${esc(c.caseNumber ?? '—')}　案由 Title: ${esc(c.title)}<br>
辖区 Jurisdiction: ${esc(c.jurisdiction)}　状态 Status: ${esc(c.status)} (${esc(c.stateIds.join('+'))})<br>
立案 Opened: ${esc(local(c.openedAt))}　结案 Closed: ${esc(local(c.closedAt) || '—')}　生成 As of: ${esc(local(r.asOf))}（北京时间 China time）</p>
<h2>办理步骤 <span class="en">Steps</span></h2>
${table(
    ['#', '时间 Time', '步骤 Step', '办理人 Actor', '机关 Agency', '依据 Source', '期限 Deadlines'],
    r.steps.map((s) => [
      `${esc(s.case.link === 'self' ? '' : `${s.case.caseNumber ?? s.case.id} `)}${s.seq}`,
      esc(local(s.occurredAt)),
      `${esc(s.title.zh)}<br><span class="en">${esc(s.title.en)}</span>`,
      esc(s.actor.name ?? s.actor.userId),
      esc(s.agency.name ?? s.agency.id),
      esc(s.source ?? ''),
      s.deadlines.map((d) => `${esc(d.timer)} ${esc(d.duration)}${esc(UNIT_ZH[d.unit] ?? d.unit)}：${esc(met(d.met))}`).join('<br>'),
    ]),
  )}
<h2>期限 <span class="en">Deadlines</span></h2>
${table(
    ['期限 Timer', '名称 Title', '责任机关 Holder', '起算 Started', '届满 Due', '期间 Period', '依据 Source', '结果 Result'],
    r.deadlines.map((d) => [
      esc(d.timer),
      `${esc(d.title.zh)}<br><span class="en">${esc(d.title.en)}</span>`,
      esc(d.holder.name ?? d.holder.agencyId ?? ''),
      esc(local(d.startedAt)),
      esc(local(d.dueAt)),
      `${esc(d.duration)}${esc(UNIT_ZH[d.unit] ?? d.unit)} (${esc(d.expiry)})`,
      `${esc(d.source)} ${esc(d.verification)}`,
      `${esc(d.status)} ${esc(met(d.met))}`,
    ]),
  )}
<h2>各机关办理时长 <span class="en">Time held by each agency</span></h2>
${table(['机关 Agency', '小时 Hours'], r.holdings.map((h) => [esc(h.name ?? h.agencyId), esc(h.hours)]))}
<h2>送达回执 <span class="en">Receipts between agencies</span></h2>
${table(
    ['文书 Notice', '接收机关 To', '发出 Sent', '签收 Received', '小时 Hours'],
    r.receipts.map((x) => [`${esc(x.title.zh)}<br><span class="en">${esc(x.title.en)}</span>`, esc(x.to.name ?? x.to.agencyId), esc(local(x.sentAt)), esc(local(x.receivedAt) || '未签收 not received'), esc(x.hours ?? '')]),
  )}
</body></html>
`
}
