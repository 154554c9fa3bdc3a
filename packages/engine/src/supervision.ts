// Supervision reads (issue: supervisors auditing case timelines): open duties soonest first,
// statistics per agency, procedure and period, search, and the 该移不移 model. Each answers
// from the read models of migration 0008 (and the statistics from the monthly rollups of
// 0011) through an index; none scans the event log.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { AppError, type Actor, type ProcedureDefinition, type TimerRule, type TimerStatus, type Bilingual } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import { canonicalJson } from './canonical.ts'
import { endOf, machineOf, restore } from './machine.ts'
import { TRANSFER_THRESHOLDS, thresholdMet, type CriminalTransferSummary, type TransferThreshold } from '@xianjie/criminal-transfer'
import { iso } from './read.ts'
import { supervisionScope } from './policy.ts'
import { addCounts, addValues, exactPercentiles, sketchPercentiles } from './sketch.ts'
import type { Clock, DeadlineClock } from './types.ts'
import { clockCalendarOf, deadlineClock } from './deadline-clock.ts'

const round2 = (n: number): number => Math.round(n * 100) / 100

/** Plan targets a city reports against (../shared/seeds), as data with their source. */
export const PLAN_TARGETS = [
  {
    id: 'ZJ-2020-trial-period',
    plan: '浙江省全面强化知识产权保护行动计划（2020—2021年）',
    text: '到2021年，知识产权民事一审案件平均审理周期压缩至3个月以内',
    province: '33',
    // Xianjie runs no civil trial; the nearest court work it times is judicial confirmation,
    // from the court's receipt of the application (T22) to its ruling (T23, T23x).
    procedure: 'judicial-confirmation',
    timers: ['T22', 'T23', 'T23x'],
    /** A case counts in the period of its ruling: the end of one of these steps. */
    ends: ['T23', 'T23x'],
    limitDays: 90,
    measure: {
      zh: '司法确认案件法院办理天数（收到申请至作出裁定）的平均值；3个月按90日计',
      en: 'Mean days a court held a judicial-confirmation case (application received to ruling); 3 months counted as 90 days',
    },
    verification: '⚠️',
  },
] as const

export interface SupervisionScope {
  /** GB/T 2260 division; defaults to the supervisor's own. Must lie within it. */
  within?: string
}

export interface OverdueItem {
  caseId: string
  caseNumber: string | null
  procedure: string
  title: string
  timer: string
  timerTitle: Bilingual
  stateId: string
  holder: { agencyId: string | null; name: string | null }
  startedAt: string
  dueAt: string
  atRiskAt: string
  /** `overdue`: the deadline passed and the duty is not done; `at-risk`: two thirds of the time used. */
  status: 'at-risk' | 'overdue'
  /** Share of the period used at `asOf` (1 = due now). */
  used: number
  unit: string
  duration: number
  source: string
  /** Time left (negative: past) as the law counts it, its level and the holidays before it. */
  clock: DeadlineClock
}

export interface StatisticsQuery extends SupervisionScope {
  from: Date
  to: Date
  procedure?: string
  agencyId?: string
}

export interface SearchQuery extends SupervisionScope {
  /** Part of a subject's name (at least 2 characters). */
  party?: string
  creditCode?: string
  procedure?: string
  /** A DOMAIN state id the case is in now. */
  state?: string
  /** An agency taking part in the case (any party). */
  agencyId?: string
  openedFrom?: Date
  openedTo?: Date
  /** Only cases with an open duty past its deadline (true), or none (false). */
  overdue?: boolean
  limit?: number
  /** The `next` cursor of the previous page. */
  after?: string
}

export function createSupervision(deps: { db: Kysely<Database>; procedures: ReadonlyMap<string, ProcedureDefinition>; clock: Clock; calendar?: object }) {
  const cal = clockCalendarOf(deps.calendar)
  const { db, procedures } = deps

  /** The division a supervisor asks about: its own, or one inside it; anyone else is refused (policy.ts). */
  function scopeOf(actor: Actor, scope: SupervisionScope): { division: string; like: string } {
    return supervisionScope(actor, scope.within)
  }

  /**
   * Every open duty in the jurisdiction that is overdue or has used two thirds of its time,
   * soonest due first, with the agency that holds it.
   */
  async function overdue(actor: Actor, options: SupervisionScope & { limit?: number } = {}): Promise<{ asOf: string; within: string; items: OverdueItem[] }> {
    const { division, like } = scopeOf(actor, options)
    const now = deps.clock.now()
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000)
    const rows = await sql<{
      id: string; case_id: string; name: string; state_id: string; owner_agency_id: string | null; started_at: Date; due_at: Date; at_risk_at: Date
      status: string; rule: TimerRule; procedure: string; case_number: string | null; title: string; holder: string | null
    }>`
      select t.id, t.case_id, t.name, t.state_id, t.owner_agency_id, t.started_at, t.due_at, t.at_risk_at, t.status, t.rule,
             t.procedure, c.case_number, c.title, a.name as holder
        from timers t
        join cases c on c.id = t.case_id
        left join agencies a on a.id = t.owner_agency_id
       where t.expiry = 'DUTY' and (t.status = 'SCHEDULED' or (t.status = 'OVERDUE_DUTY' and t.done_at is null))
         and t.at_risk_at <= ${now} and t.jurisdiction like ${like}
       order by t.due_at, t.id
       limit ${limit}`.execute(db)
    return {
      asOf: now.toISOString(),
      within: division,
      items: rows.rows.map((r) => {
        const started = new Date(r.started_at).getTime()
        const due = new Date(r.due_at).getTime()
        return {
          caseId: r.case_id,
          caseNumber: r.case_number,
          procedure: r.procedure,
          title: r.title,
          timer: r.name,
          timerTitle: r.rule.title,
          stateId: r.state_id,
          holder: { agencyId: r.owner_agency_id, name: r.holder },
          startedAt: iso(r.started_at)!,
          dueAt: iso(r.due_at)!,
          atRiskAt: iso(r.at_risk_at)!,
          status: r.status === 'OVERDUE_DUTY' || due <= now.getTime() ? 'overdue' : 'at-risk',
          used: due > started ? round2((now.getTime() - started) / (due - started)) : 1,
          unit: r.rule.unit,
          duration: r.rule.duration,
          source: r.rule.source,
          // Time left (or past) counted as the law counts this period: hours, days or working days.
          clock: deadlineClock({ unit: r.rule.unit, startedAt: r.started_at, dueAt: r.due_at, status: r.status as TimerStatus, endedAt: null, doneAt: null }, now, cal),
        }
      }),
    }
  }

  /**
   * Alerts to the supervisors' queue: once when a duty has used two thirds of its time, once
   * when it is overdue. The supervisor is the government office of the division of the agency
   * that holds the duty (of the case's jurisdiction when no agency holds it).
   */
  async function alertDuties(): Promise<{ atRisk: number; overdue: number }> {
    const now = deps.clock.now()
    return db.transaction().execute(async (trx) => {
      const picked = await sql<{ id: string; case_id: string; name: string; started_seq: number; rule: TimerRule; stage: 'atRisk' | 'overdue'; to_agency: string | null; told: boolean }>`
        with due as (
          select t.id, 'atRisk' as stage from timers t
           where t.expiry = 'DUTY' and t.status = 'SCHEDULED' and t.at_risk_alerted_at is null and t.at_risk_at <= ${now}
          union all
          select t.id, 'overdue' as stage from timers t
           where t.status = 'OVERDUE_DUTY' and t.overdue_alerted_at is null
        )
        , picked as (
        select t.id, t.case_id, t.name, t.started_seq, t.rule, due.stage,
               coalesce((select g.id from agencies o join agencies g on g.division_code = o.division_code and g.kind = 'government' where o.id = t.owner_agency_id limit 1),
                        (select g.id from agencies g where g.kind = 'government' and g.division_code = t.jurisdiction limit 1)) as to_agency,
               t.ended_seq
          from due join timers t on t.id = due.id
         order by t.id
         limit 500
         for update of t skip locked)
        -- The deadline event itself may have alerted the same supervisor (a machine's alert effect): once is enough.
        select p.*, exists (select 1 from case_events e where p.stage = 'overdue' and e.case_id = p.case_id and e.seq = p.ended_seq
                              and e.facts->'alerts' @> jsonb_build_array(jsonb_build_object('timer', p.name, 'agencyId', p.to_agency))) as told
          from picked p`.execute(trx)
      const rows = picked.rows
      if (rows.length === 0) return { atRisk: 0, overdue: 0 }
      const outbox = rows
        .filter((r) => r.to_agency !== null && !r.told)
        .map((r) => ({
          case_id: r.case_id,
          seq: r.started_seq,
          queue: 'notify',
          job_name: 'alert',
          payload: JSON.stringify({
            caseId: r.case_id,
            seq: r.started_seq,
            timer: r.name,
            toAgencyId: r.to_agency,
            stage: r.stage,
            reason:
              r.stage === 'atRisk'
                ? { zh: `${r.rule.title.zh}：期限已用去三分之二`, en: `${r.rule.title.en}: two thirds of the time used` }
                : { zh: `${r.rule.title.zh}：已逾期`, en: `${r.rule.title.en}: overdue` },
            source: r.rule.source,
          }),
        }))
      if (outbox.length) {
        await trx.insertInto('outbox').values(outbox).execute()
        await sql`select pg_notify('xianjie_outbox', '')`.execute(trx)
      }
      const atRisk = rows.filter((r) => r.stage === 'atRisk').map((r) => r.id)
      const late = rows.filter((r) => r.stage === 'overdue').map((r) => r.id)
      if (atRisk.length) await trx.updateTable('timers').set({ at_risk_alerted_at: now }).where('id', 'in', atRisk).execute()
      if (late.length) {
        // An overdue duty's at-risk alert is moot once it is overdue: never sent after.
        await trx.updateTable('timers').set({ overdue_alerted_at: now }).where('id', 'in', late).execute()
        await trx.updateTable('timers').set({ at_risk_alerted_at: now }).where('id', 'in', late).where('at_risk_alerted_at', 'is', null).execute()
      }
      return { atRisk: atRisk.length, overdue: late.length }
    })
  }

  /**
   * The jurisdictions a division prefix covers, as equality keys for the period queries. A
   * case's jurisdiction is the division of its opening agency, so the agencies' divisions are
   * every jurisdiction there is. `jurisdiction = any(…)` bounds the (jurisdiction, instant)
   * indexes on both columns; with `like '6204%'` only the first is bounded and the instant is
   * checked on every entry of the division, of every period (test/bench/supervision.bench.ts).
   */
  async function jurisdictionsOf(like: string): Promise<string[]> {
    const rows = await db.selectFrom('agencies').select('division_code').distinct().where('division_code', 'like', like).execute()
    return rows.map((r) => r.division_code)
  }

  /**
   * Counts and percentiles per group from the rows of `sources` (rollup months and raw edges,
   * see stepSources), summed in SQL in the order of the keys. A group's percentiles are exact
   * when every row of it still holds its durations (they come as arrays), else from its rows'
   * sketches merged here, with the durations of the raw rows added (within 0.5 %, sketch.ts).
   * Merging in SQL (unnest, group by bucket) took 25 ms for a city's year; sending the arrays
   * as JSON takes 4.
   */
  async function rolled<K extends Record<string, unknown>>(sources: RawBuilder<unknown>, keys: readonly string[]) {
    const k = sql.raw(keys.join(', '))
    const rows = await sql<K & { n: number; met: number; late: number; total: number; exact_all: boolean; vals: number[][] | null; sketches: Array<[number, Array<number | null>]> | null }>`
      with r as (${sources}),
      w as (select r.*, bool_and(r.exact is not null) over (partition by ${k}) as exact_all from r)
      select ${k}, sum(n)::int as n, sum(met)::int as met, sum(late)::int as late, sum(sum_seconds) as total, bool_and(exact_all) as exact_all,
             json_agg(exact) filter (where exact_all or sketch is null) as vals,
             json_agg(json_build_array(array_lower(sketch, 1), sketch)) filter (where not exact_all and sketch is not null) as sketches
        from w group by ${k} order by ${k}`.execute(db)
    return rows.rows.map((r) => ({ ...r, pct: percentilesOf(r) }))
  }

  /** Statistics of one jurisdiction and period [from, to). */
  async function statistics(actor: Actor, q: StatisticsQuery) {
    const { division, like } = scopeOf(actor, q)
    if (!(q.from < q.to)) {
      throw new AppError('VALIDATION_FAILED', `the period must end after it starts (from ${q.from.toISOString()}, to ${q.to.toISOString()})`, {
        details: { fields: [{ path: '/to', message: 'before from' }], messageZh: '统计期间的结束日期应晚于开始日期' },
      })
    }
    const procedure = q.procedure ?? null
    const agency = q.agencyId ?? null
    const within = await jurisdictionsOf(like)
    const [opened, closed, steps, refusals, reasons, removals] = await Promise.all([
      sql<{ procedure: string; agency_id: string; n: number }>`
        select procedure, agency_id, sum(n)::int as n from (${openedSources(within, q.from, q.to, procedure, agency)}) o
         group by 1, 2 having sum(n) > 0 order by 1, 2`.execute(db),
      rolled<{ procedure: string; agency_id: string; end_code: string | null }>(closedSources(within, q.from, q.to, procedure, agency), ['procedure', 'agency_id', 'end_code']),
      rolled<{ procedure: string; name: string; agency_id: string | null; expiry: string }>(stepSources(within, q.from, q.to, procedure, agency), ['procedure', 'name', 'agency_id', 'expiry']),
      sql<{ procedure: string; kind: string; agency_id: string; n: number }>`
        select procedure, kind, agency_id, count(*)::int as n from case_refusals
         where jurisdiction = any(${within}::text[]) and at >= ${q.from} and at < ${q.to}
           and (${procedure}::text is null or procedure = ${procedure}) and (${agency}::text is null or agency_id = ${agency})
         group by 1, 2, 3 order by 1, 2, 3`.execute(db),
      sql<{ procedure: string; kind: string; reasons: string; n: number }>`
        select procedure, kind, reasons, n from (
          select procedure, kind, reasons, count(*)::int as n,
                 row_number() over (partition by procedure, kind order by count(*) desc, reasons) as rank
            from case_refusals
           where jurisdiction = any(${within}::text[]) and at >= ${q.from} and at < ${q.to}
             and (${procedure}::text is null or procedure = ${procedure}) and (${agency}::text is null or agency_id = ${agency})
           group by 1, 2, 3) r
         where rank <= 5 order by 1, 2, 4 desc, 3`.execute(db),
      sql<{ regime: string; end_reason: string; agency_id: string; n: number; early: number }>`
        select l.regime, l.end_reason, l.authority_agency_id as agency_id, count(*)::int as n,
               count(*) filter (where l.until is null or l.ended_at < l.until)::int as early
          from credit_list l
         where l.kind = 'listing' and l.ended_at is not null and l.jurisdiction = any(${within}::text[]) and l.ended_at >= ${q.from} and l.ended_at < ${q.to}
           and (${procedure}::text is null or exists (select 1 from case_index i where i.case_id = l.case_id and i.procedure = ${procedure}))
           and (${agency}::text is null or l.authority_agency_id = ${agency})
         group by 1, 2, 3 order by 1, 2, 3`.execute(db),
    ])
    // Seconds (float8, from date_part) to days, two decimals.
    const days = (seconds: number | null) => (seconds === null ? null : round2(Number(seconds) / 86400))
    const refusalTitle = (p: string, kind: string) =>
      Object.values(procedures.get(p)?.supervision?.refusals ?? {}).find((r) => r.kind === kind)?.title ?? { zh: kind, en: kind }
    const stepRows = steps.map((s) => ({
      procedure: s.procedure,
      timer: s.name,
      title: (procedures.get(s.procedure)?.timers[s.name]?.title ?? { zh: s.name, en: s.name }) as Bilingual,
      agencyId: s.agency_id,
      expiry: s.expiry,
      count: s.n,
      medianDays: days(s.pct[0]),
      p90Days: days(s.pct[1]),
      meanDays: days(s.total / s.n),
      // Deadlines met: duties only (a right used in time is the party's, not the agency's).
      duties: s.expiry === 'DUTY' ? { met: s.met, overdue: s.late, share: s.met + s.late ? round2(s.met / (s.met + s.late)) : null } : null,
    }))
    const dutyTotals = stepRows.reduce((acc, s) => (s.duties ? { met: acc.met + s.duties.met, overdue: acc.overdue + s.duties.overdue } : acc), { met: 0, overdue: 0 })
    // The names of the agencies the figures name, so a report shows 白银市市场监督管理局, not its id.
    const agencyIds = [...new Set([...opened.rows, ...closed, ...stepRows, ...refusals.rows, ...removals.rows]
      .map((r) => ('agencyId' in r ? r.agencyId : r.agency_id)).filter((id): id is string => typeof id === 'string'))]
    const agencyRows = agencyIds.length === 0 ? [] : await db.selectFrom('agencies').select(['id', 'name', 'name_en']).where('id', 'in', agencyIds).execute()
    return {
      agencies: Object.fromEntries(agencyRows.map((a) => [a.id, { zh: a.name, en: a.name_en ?? a.name }])) as Record<string, Bilingual>,
      within: division,
      from: q.from.toISOString(),
      to: q.to.toISOString(),
      ...(procedure ? { procedure } : {}),
      ...(agency ? { agencyId: agency } : {}),
      opened: opened.rows.map((r) => ({ procedure: r.procedure, agencyId: r.agency_id, count: r.n })),
      closed: closed.map((r) => ({ procedure: r.procedure, agencyId: r.agency_id, end: r.end_code, count: r.n, medianDays: days(r.pct[0]), p90Days: days(r.pct[1]) })),
      steps: stepRows,
      deadlinesMet: { ...dutyTotals, share: dutyTotals.met + dutyTotals.overdue ? round2(dutyTotals.met / (dutyTotals.met + dutyTotals.overdue)) : null },
      refusals: refusals.rows.map((r) => ({
        procedure: r.procedure,
        kind: r.kind,
        title: refusalTitle(r.procedure, r.kind),
        agencyId: r.agency_id,
        count: r.n,
      })),
      refusalReasons: reasons.rows.map((r) => ({ procedure: r.procedure, kind: r.kind, reasons: r.reasons, count: r.n })),
      listingRemovals: removals.rows.map((r) => ({ regime: r.regime, reason: r.end_reason, agencyId: r.agency_id, count: r.n, early: r.early })),
      targets: await targets(within, division, q.from, q.to),
    }
  }

  /** The plan targets that apply to the division, with the period's figure. */
  async function targets(within: string[], division: string, from: Date, to: Date) {
    const applicable = PLAN_TARGETS.filter((t) => division.startsWith(t.province))
    return Promise.all(
      applicable.map(async (t) => {
        const r = await sql<{ cases: number; mean: number | null }>`
          select count(*)::int as cases, avg(held) / 86400 as mean from (
            select case_id, sum(date_part('epoch', done_at - started_at)) as held from timers
             where jurisdiction = any(${within}::text[]) and procedure = ${t.procedure} and name in (${sql.join([...t.timers])})
               and done_at is not null and status in ('MET', 'OVERDUE_DUTY')
               and case_id in (select case_id from timers where jurisdiction = any(${within}::text[]) and done_at >= ${from} and done_at < ${to}
                                  and procedure = ${t.procedure} and name in (${sql.join([...t.ends])}) and status in ('MET', 'OVERDUE_DUTY'))
             group by case_id) per_case`.execute(db)
        const row = r.rows[0]!
        const mean = row.mean === null ? null : round2(Number(row.mean))
        return { id: t.id, plan: t.plan, text: t.text, measure: t.measure, limitDays: t.limitDays, cases: row.cases, meanDays: mean, met: mean === null ? null : mean <= t.limitDays, verification: t.verification }
      }),
    )
  }

  /** Cases the supervisor may see, newest first, a page at a time (keyset on opened_at, id). */
  async function search(actor: Actor, q: SearchQuery) {
    const { division, like } = scopeOf(actor, q)
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200)
    const now = deps.clock.now()
    if (q.party !== undefined && q.party.trim().length < 2) {
      throw new AppError('VALIDATION_FAILED', 'party must have at least 2 characters', { details: { fields: [{ path: '/party', message: 'too short' }], messageZh: '当事人名称至少输入两个字' } })
    }
    const cursor = q.after ? decodeCursor(q.after) : null
    // A duty past its deadline and not done (the timer fired, or is due and about to).
    const pastDue = sql`exists (select 1 from timers t where t.case_id = i.case_id and t.expiry = 'DUTY'
                      and ((t.status = 'SCHEDULED' and t.due_at <= ${now}) or (t.status = 'OVERDUE_DUTY' and t.done_at is null)))`
    const rows = await sql<{
      case_id: string; procedure: string; jurisdiction: string; opened_at: Date; closed_at: Date | null; end_code: string | null; subject_names: string
      subject_codes: string[]; case_number: string | null; title: string; status: string; state_ids: string[]; parties: Record<string, string>; overdue: boolean
    }>`
      select i.case_id, i.procedure, i.jurisdiction, i.opened_at, i.closed_at, i.end_code, i.subject_names, i.subject_codes,
             c.case_number, c.title, c.status, c.state_ids, c.parties,
             ${pastDue} as overdue
        from case_index i join cases c on c.id = i.case_id
       where i.jurisdiction like ${like}
         ${q.party ? sql`and i.subject_names ilike ${'%' + escapeLike(q.party.trim()) + '%'}` : sql``}
         ${q.creditCode ? sql`and i.subject_codes @> array[${q.creditCode}]::text[]` : sql``}
         ${q.procedure ? sql`and i.procedure = ${q.procedure}` : sql``}
         ${q.state ? sql`and ${q.state} = any(c.state_ids)` : sql``}
         ${q.agencyId ? sql`and exists (select 1 from jsonb_each_text(c.parties) p where p.value = ${q.agencyId})` : sql``}
         ${q.openedFrom ? sql`and i.opened_at >= ${q.openedFrom}` : sql``}
         ${q.openedTo ? sql`and i.opened_at < ${q.openedTo}` : sql``}
         ${q.overdue === undefined ? sql`` : q.overdue ? sql`and ${pastDue}` : sql`and not ${pastDue}`}
         ${cursor ? sql`and (i.opened_at, i.case_id) < (${cursor.openedAt}::timestamptz, ${cursor.caseId}::uuid)` : sql``}
       order by i.opened_at desc, i.case_id desc
       limit ${limit + 1}`.execute(db)
    const page = rows.rows.slice(0, limit)
    const last = page[page.length - 1]
    return {
      within: division,
      items: page.map((r) => ({
        caseId: r.case_id,
        caseNumber: r.case_number,
        procedure: r.procedure,
        title: r.title,
        jurisdiction: r.jurisdiction,
        status: r.status,
        stateIds: r.state_ids,
        end: r.end_code,
        subjects: r.subject_names,
        creditCodes: r.subject_codes,
        parties: r.parties,
        openedAt: iso(r.opened_at)!,
        closedAt: iso(r.closed_at),
        overdue: r.overdue,
      })),
      next: rows.rows.length > limit && last ? encodeCursor(new Date(last.opened_at), last.case_id) : null,
    }
  }

  /**
   * 该移不移: criminal-transfer cases closed with an administrative penalty that never went
   * to the police although the recorded amounts meet the prosecution threshold of the offence.
   */
  async function transferFlags(actor: Actor, options: SupervisionScope & { limit?: number } = {}) {
    const { division, like } = scopeOf(actor, options)
    const limit = Math.min(Math.max(options.limit ?? 200, 1), 1000)
    const rows = await sql<{ case_id: string; case_number: string | null; title: string; opened_at: Date; closed_at: Date | null; summary: Record<string, unknown>; opening_agency_id: string; supervision_case: string | null }>`
      select i.case_id, c.case_number, c.title, i.opened_at, i.closed_at, i.summary, i.opening_agency_id,
             (select s.id from cases s where s.parent_case_id = i.case_id and s.procedure = 'transfer-supervision' order by s.opened_at limit 1) as supervision_case
        from case_index i join cases c on c.id = i.case_id
       where i.procedure = 'criminal-transfer' and i.jurisdiction like ${like} and i.closed_at is not null
         and (i.summary->>'penalty') = 'true' and (i.summary->>'transferred') = 'false'
       order by i.closed_at desc, i.case_id
       limit ${limit}`.execute(db)
    const items = rows.rows.flatMap((r) => {
      const s = r.summary as Partial<CriminalTransferSummary>
      const hit = flagOf(s)
      if (!hit) return []
      return [{
        caseId: r.case_id,
        caseNumber: r.case_number,
        title: r.title,
        agencyId: r.opening_agency_id,
        openedAt: iso(r.opened_at)!,
        closedAt: iso(r.closed_at),
        offence: s.offence ?? '',
        amounts: { illegalBusinessVolume: s.illegalBusinessVolume ?? null, illegalGains: s.illegalGains ?? null },
        penalty: { decisionNo: s.penaltyDecisionNo ?? null, fineAmount: s.fineAmount ?? null },
        threshold: hit.threshold,
        met: hit.met,
        supervisionCaseId: r.supervision_case,
      }]
    })
    return { within: division, thresholds: TRANSFER_THRESHOLDS, items }
  }

  /** The flag of one case, or null: what `transferFlags` lists, for opening a supervision step. */
  async function transferFlagOf(caseId: string) {
    const row = await db.selectFrom('case_index').select(['procedure', 'closed_at', 'summary']).where('case_id', '=', caseId).executeTakeFirst()
    if (!row || row.procedure !== 'criminal-transfer' || row.closed_at === null) return null
    const s = row.summary as Partial<CriminalTransferSummary>
    return s.penalty === true && s.transferred === false ? flagOf(s) : null
  }

  /**
   * Where the rollups (migration 0011) differ from a recomputation from the raw rows: none
   * when the triggers kept them right. A row's count, duties met and late, bucket counts and
   * (while it holds them) durations must agree exactly; the sum of seconds to 1e-9.
   */
  async function rollupDrift(): Promise<Array<{ table: string; kept: Record<string, unknown> | null; recomputed: Record<string, unknown> | null }>> {
    const counts = (col: string) => `(select jsonb_object_agg(u.i + array_lower(${col}, 1) - 1, u.c) from unnest(${col}) with ordinality u(c, i) where u.c <> 0)`
    const sorted = (col: string) => `(select array_agg(v order by v) from unnest(${col}) v)`
    const durations = [
      `a.met is distinct from b.met or a.late is distinct from b.late`,
      `abs(a.sum_seconds - b.sum_seconds) > 1e-9 * greatest(1, abs(b.sum_seconds))`,
      `${counts('a.sketch')} is distinct from ${counts('b.sketch')}`,
      `(a.exact is not null and ${sorted('a.exact')} is distinct from ${sorted('b.exact')})`,
    ]
    const compare = async (table: string, keys: string[], checks: string[]) => {
      const on = keys.map((c) => `coalesce(a.${c}::text, '') = coalesce(b.${c}::text, '')`).join(' and ')
      const { rows } = await sql<{ kept: Record<string, unknown> | null; recomputed: Record<string, unknown> | null }>`
        select to_jsonb(a) as kept, to_jsonb(b) as recomputed
          from (select * from ${sql.table(table)} where n <> 0) a full join ${sql.raw(`xj_${table}_computed()`)} b on ${sql.raw(on)}
         where ${sql.raw(['a.n is null', 'b.n is null', 'a.n <> b.n', ...checks].join(' or '))}`.execute(db)
      return rows.map((row) => ({ table, ...row }))
    }
    const found = await Promise.all([
      compare('step_rollup', ['jurisdiction', 'month', 'procedure', 'name', 'owner_agency_id', 'expiry'], durations),
      // closed_rollup has no met or late: the first check is left out.
      compare('closed_rollup', ['jurisdiction', 'month', 'procedure', 'opening_agency_id', 'end_code'], durations.slice(1)),
      compare('opened_rollup', ['jurisdiction', 'month', 'procedure', 'opening_agency_id'], []),
    ])
    return found.flat()
  }

  /**
   * Rebuilds the read models of every case from its stored snapshot and events: for a
   * database migrated from before 0008 (whose cases have no subjects or summary yet until
   * their next event), or after a procedure's `supervision` functions changed.
   */
  async function reindex(options: { batchSize?: number; onProgress?: (done: { cases: number; refusals: number }) => void } = {}) {
    const batchSize = options.batchSize ?? 500
    let after = '00000000-0000-0000-0000-000000000000'
    let cases = 0
    let refusals = 0
    for (;;) {
      const rows = await db
        .selectFrom('cases')
        .select(['id', 'procedure', 'status', 'snapshot', 'parties'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute()
      if (rows.length === 0) break
      after = rows[rows.length - 1]!.id
      await db.transaction().execute(async (trx) => {
        for (const row of rows) {
          const def = procedures.get(row.procedure)
          if (!def) continue
          const snapshot = row.snapshot as { context?: Record<string, unknown> }
          const end = row.status === 'closed' ? endOf(restore(machineOf(def), row.snapshot as Record<string, unknown>)) : null
          const parties = row.parties as Record<string, string>
          const index = supervisionIndex(def, true, parties[def.open.party] ?? '', undefined, snapshot.context ?? {}, end)!
          await sql`
            insert into case_index as ci (case_id, procedure, jurisdiction, opening_agency_id, opened_at, closed_at, end_code, subject_names, subject_codes, summary)
            select c.id, c.procedure, c.jurisdiction, coalesce(nullif(${index.openingAgencyId}, ''), u.agency_id, ''), c.opened_at, c.closed_at, ${index.end},
                   ${index.subjectNames}, ${index.subjectCodes}::text[], ${JSON.stringify(index.summary)}::jsonb
              from cases c left join users u on u.id = c.opened_by where c.id = ${row.id}
            on conflict (case_id) do update
               set closed_at = excluded.closed_at, end_code = excluded.end_code, subject_names = excluded.subject_names,
                   subject_codes = excluded.subject_codes, summary = excluded.summary`.execute(trx)
        }
        const ids = rows.map((r) => r.id)
        for (const def of procedures.values()) {
          for (const [type, spec] of Object.entries(def.supervision?.refusals ?? {})) {
            const inserted = await sql`
              insert into case_refusals (case_id, seq, procedure, jurisdiction, agency_id, kind, reasons, at)
              select e.case_id, e.seq, c.procedure, c.jurisdiction, e.agency_id, ${spec.kind},
                     case jsonb_typeof(e.payload->${spec.why})
                       when 'array' then (select string_agg(x, '; ') from jsonb_array_elements_text(e.payload->${spec.why}) x)
                       else coalesce(e.payload->>${spec.why}, '') end,
                     e.occurred_at
                from case_events e join cases c on c.id = e.case_id
               where e.case_id = any(${ids}::uuid[]) and c.procedure = ${def.name} and e.type = ${type}
              on conflict (case_id, seq) do nothing`.execute(trx)
            refusals += Number(inserted.numAffectedRows ?? 0)
          }
        }
      })
      cases += rows.length
      options.onProgress?.({ cases, refusals })
    }
    return { cases, refusals }
  }

  return { overdue, alertDuties, statistics, search, transferFlags, transferFlagOf, reindex, rollupDrift }
}

/**
 * The case's row of the supervision index (migration 0008), when this event changes it: on
 * opening, on closing, or when the procedure's subjects or summary changed.
 */
export function supervisionIndex(def: ProcedureDefinition, opening: boolean, openingAgencyId: string, before: unknown, after: Record<string, unknown>, end: string | null) {
  const spec = def.supervision
  const of = (context: unknown) => ({
    subjects: context && spec?.subjects ? spec.subjects(context) : [],
    summary: context && spec?.summary ? spec.summary(context) : {},
  })
  const next = of(after)
  if (!opening && end === null && canonicalJson(next) === canonicalJson(of(before))) return null
  return {
    openingAgencyId,
    end,
    subjectNames: next.subjects.map((s) => s.name).join(' / '),
    subjectCodes: [...new Set(next.subjects.flatMap((s) => (s.creditCode ? [s.creditCode] : [])))],
    summary: next.summary,
  }
}

/** China keeps +08:00 all year (no daylight saving since 1991): its months start at 16:00Z. */
const CHINA_OFFSET_MS = 8 * 3_600_000

/** The start of the China-local month `at` lies in, and of the month `k` months later. */
function chinaMonth(at: Date, k = 0): Date {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS)
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + k, 1) - CHINA_OFFSET_MS)
}

/** A month start as the rollups' `month` (a date, 'YYYY-MM-01'). */
const monthKey = (start: Date): string => new Date(start.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)

/**
 * [from, to) split into the whole China-local months inside it, read from the rollups, and
 * the parts before and after them (or the whole period when no month fits), read raw.
 */
function splitByMonth(from: Date, to: Date): { months: { from: string; to: string } | null; edges: Array<[Date, Date]> } {
  const first = chinaMonth(from).getTime() === from.getTime() ? from : chinaMonth(from, 1)
  const last = chinaMonth(to)
  if (!(first < last)) return { months: null, edges: [[from, to]] }
  const edges: Array<[Date, Date]> = []
  if (from < first) edges.push([from, first])
  if (last < to) edges.push([last, to])
  return { months: { from: monthKey(first), to: monthKey(last) }, edges }
}

/** The statements that are there, one after the other (`union all`). */
function unionAll(parts: Array<RawBuilder<unknown> | null>): RawBuilder<unknown> {
  return sql.join(parts.filter((p): p is RawBuilder<unknown> => p !== null), sql` union all `)
}

/**
 * The finished steps of [from, to): whole months from `step_rollup`, the edges from `timers`
 * (timers_done_idx, one bounded index scan per edge), each edge group with all its durations.
 */
function stepSources(within: string[], from: Date, to: Date, procedure: string | null, agency: string | null): RawBuilder<unknown> {
  const { months, edges } = splitByMonth(from, to)
  const filter = sql`(${procedure}::text is null or procedure = ${procedure}) and (${agency}::text is null or owner_agency_id = ${agency})`
  const rollup = months
    ? sql`select procedure, name, owner_agency_id as agency_id, expiry, n, met, late, sum_seconds, exact, sketch from step_rollup
           where jurisdiction = any(${within}::text[]) and month >= ${months.from}::date and month < ${months.to}::date and n > 0 and ${filter}`
    : null
  const raw = edges.length
    ? sql`select procedure, name, agency_id, expiry, count(*)::int as n, (count(*) filter (where status = 'MET'))::int as met,
                 (count(*) filter (where status = 'OVERDUE_DUTY'))::int as late, sum(s) as sum_seconds, array_agg(s) as exact, null::integer[] as sketch
            from (${unionAll(edges.map(([a, b]) => sql`
              select procedure, name, owner_agency_id as agency_id, expiry, status, date_part('epoch', done_at - started_at) as s from timers
               where jurisdiction = any(${within}::text[]) and done_at >= ${a} and done_at < ${b} and status in ('MET', 'OVERDUE_DUTY') and ${filter}`))}) t
           group by 1, 2, 3, 4`
    : null
  return unionAll([rollup, raw])
}

/** The cases opened in [from, to): whole months from `opened_rollup`, the edges counted in `case_index` (case_index_opened_idx). */
function openedSources(within: string[], from: Date, to: Date, procedure: string | null, agency: string | null): RawBuilder<unknown> {
  const { months, edges } = splitByMonth(from, to)
  const filter = sql`(${procedure}::text is null or procedure = ${procedure}) and (${agency}::text is null or opening_agency_id = ${agency})`
  return unionAll([
    months
      ? sql`select procedure, opening_agency_id as agency_id, n from opened_rollup
             where jurisdiction = any(${within}::text[]) and month >= ${months.from}::date and month < ${months.to}::date and ${filter}`
      : null,
    ...edges.map(([a, b]) => sql`
      select procedure, opening_agency_id as agency_id, count(*)::int as n from case_index
       where jurisdiction = any(${within}::text[]) and opened_at >= ${a} and opened_at < ${b} and ${filter}
       group by 1, 2`),
  ])
}

/** The cases closed in [from, to), days from opening: whole months from `closed_rollup`, the edges from `case_index`. */
function closedSources(within: string[], from: Date, to: Date, procedure: string | null, agency: string | null): RawBuilder<unknown> {
  const { months, edges } = splitByMonth(from, to)
  const filter = sql`(${procedure}::text is null or procedure = ${procedure}) and (${agency}::text is null or opening_agency_id = ${agency})`
  const rollup = months
    ? sql`select procedure, opening_agency_id as agency_id, end_code, n, 0 as met, 0 as late, sum_seconds, exact, sketch from closed_rollup
           where jurisdiction = any(${within}::text[]) and month >= ${months.from}::date and month < ${months.to}::date and n > 0 and ${filter}`
    : null
  const raw = edges.length
    ? sql`select procedure, agency_id, end_code, count(*)::int as n, 0 as met, 0 as late, sum(s) as sum_seconds, array_agg(s) as exact, null::integer[] as sketch
            from (${unionAll(edges.map(([a, b]) => sql`
              select procedure, opening_agency_id as agency_id, end_code, date_part('epoch', closed_at - opened_at) as s from case_index
               where jurisdiction = any(${within}::text[]) and closed_at >= ${a} and closed_at < ${b} and ${filter}`))}) t
           group by 1, 2, 3`
    : null
  return unionAll([rollup, raw])
}

/** Median and p90 of a group: exact from its durations, or from its rows' sketches ([lowest bucket, counts]) merged. */
function percentilesOf(r: { exact_all: boolean; vals: number[][] | null; sketches: Array<[number, Array<number | null>]> | null }): [number | null, number | null] {
  const vals = (r.vals ?? []).flat()
  if (r.exact_all) {
    const [median = null, p90 = null] = exactPercentiles(vals, [0.5, 0.9])
    return [median, p90]
  }
  const sketch = addValues(new Map(), vals)
  for (const [lowest, counts] of r.sketches ?? []) addCounts(sketch, lowest, counts)
  const [median = null, p90 = null] = sketchPercentiles(sketch, [0.5, 0.9])
  return [median, p90]
}

/** The threshold a criminal-transfer case's recorded amounts meet (`case_index.summary`), if any. */
function flagOf(s: Partial<CriminalTransferSummary>): { threshold: TransferThreshold; met: string[] } | null {
  const amounts = { offence: s.offence ?? '', illegalBusinessVolume: s.illegalBusinessVolume ?? null, illegalGains: s.illegalGains ?? null }
  for (const threshold of TRANSFER_THRESHOLDS) {
    const met = thresholdMet(threshold, amounts)
    if (met) return { threshold, met }
  }
  return null
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

function encodeCursor(openedAt: Date, caseId: string): string {
  return Buffer.from(`${openedAt.toISOString()}|${caseId}`).toString('base64url')
}

function decodeCursor(cursor: string): { openedAt: string; caseId: string } {
  const [openedAt, caseId] = Buffer.from(cursor, 'base64url').toString().split('|')
  if (!openedAt || !caseId || Number.isNaN(Date.parse(openedAt)) || !/^[0-9a-f-]{36}$/.test(caseId)) {
    throw new AppError('VALIDATION_FAILED', `after ${JSON.stringify(cursor)} is not a cursor this search returned`, {
      details: { fields: [{ path: '/after', message: 'bad cursor' }], messageZh: '翻页参数无效' },
    })
  }
  return { openedAt, caseId }
}

