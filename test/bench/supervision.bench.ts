// `pnpm bench:supervision` / `node test/bench/supervision.bench.ts [--fresh] [--drop] [--plans]`:
// the supervision benchmark (not a test). On a database of a million cases (3 years of three
// procedures over the demo jurisdictions) it times what a city's supervisor asks through the
// engine itself: a case report and timeline, the overdue duties, the statistics of a quarter
// and of a year, the searches and the 该移不移 flags; beside each, the same answer computed
// the naive way (from the event log, or the same SQL without its indexes), and for the
// statistics also the percentile statements as they ran before the rollups (migration 0011).
// Progress goes to stderr, the report to stdout.
//
// The database is kept after the run: seeding a million cases takes minutes. The next run
// reuses it when it holds the requested number of cases (table bench_meta); `--fresh` seeds
// it again, `--drop` drops it at the end. `--plans` prints EXPLAIN (ANALYZE, BUFFERS) of the
// SQL the engine ran for (a)–(d), captured from the engine's own queries.
//
// Environment (all optional):
//   BENCH_PG_URL (or TEST_PG_URL)  admin URL of PostgreSQL   postgres://postgres@127.0.0.1:5432/postgres
//   BENCH_SUP_DB                 database name                       xianjie_bench_supervision
//   BENCH_SUP_CASES              cases to seed                       1000000
//   BENCH_SUP_REPEAT             timed runs per query                50 (after 3 warm-up runs)
//   BENCH_SUP_BASELINE_REPEAT    timed runs of each naive baseline   3
//   BENCH_SUP_CHUNK              cases per seeding transaction        100000
//   BENCH_SUP_CITY               the supervisor's city               620400 (白银)
//   BENCH_SUP_BUDGET_SECONDS     time budget per query: a query far over the target gets
//                                fewer runs (as many as fit, at least one)              120
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Kysely, PostgresDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import { calendar } from '@xianjie/calendar'
import { createDb, migrateToLatest, seedDemo, type Database } from '@xianjie/db'
import type { Actor } from '@xianjie/domain'
import { createEngine, PROCEDURES, type Engine } from '@xianjie/engine'
import { TRANSFER_THRESHOLDS, thresholdMet } from '@xianjie/criminal-transfer'
import { admin as adminOf, urlOf } from './setup.ts'
import { loadavg, summarize, type Summary } from './stats.ts'
import { SEED_VERSION, seedSupervision } from './supervision-seed.ts'

const TARGET_MS = 100
const WARMUP = 3

const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`)
  return n
}
const args = new Set(process.argv.slice(2))
for (const a of args) if (!['--fresh', '--drop', '--plans'].includes(a)) throw new Error(`unknown argument ${a} (known: --fresh --drop --plans)`)
const settings = {
  database: process.env.BENCH_SUP_DB || 'xianjie_bench_supervision',
  cases: envInt('BENCH_SUP_CASES', 1_000_000),
  repeat: Math.max(1, envInt('BENCH_SUP_REPEAT', 50)),
  baselineRepeat: Math.max(1, envInt('BENCH_SUP_BASELINE_REPEAT', 3)),
  chunk: Math.max(1000, envInt('BENCH_SUP_CHUNK', 100_000)),
  budgetSeconds: Math.max(1, envInt('BENCH_SUP_BUDGET_SECONDS', 120)),
  city: process.env.BENCH_SUP_CITY || '620400',
  fresh: args.has('--fresh'),
  drop: args.has('--drop'),
  plans: args.has('--plans'),
}
if (!/^[a-z_][a-z0-9_]*$/.test(settings.database)) throw new Error(`BENCH_SUP_DB must be a plain identifier, got '${settings.database}'`)
if (!/^\d{4}00$/.test(settings.city)) throw new Error(`BENCH_SUP_CITY must be a city's division code (dddd00), got '${settings.city}'`)

const benchStart = performance.now()
const loadAtStart = loadavg()
const progress = (msg: string) => process.stderr.write(`[bench-sup ${((performance.now() - benchStart) / 1000).toFixed(1).padStart(6)}s] ${msg}\n`)
const out = (line = '') => process.stdout.write(`${line}\n`)

const admin = <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => adminOf(work, 'xianjie-bench-supervision')

/** A fingerprint of the migrations: a database seeded under other migrations is reported. */
function migrationsHash(): string {
  const dir = new URL('../../packages/db/src/migrations/', import.meta.url)
  const h = createHash('sha256')
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) h.update(f).update(readFileSync(new URL(f, dir)))
  return h.digest('hex').slice(0, 16)
}

interface Meta {
  cases: number
  seed_version: number
  seeded_at: Date
  seed_seconds: number
  migrations: string
  counts: Record<string, number>
}

/** Makes sure the database holds the requested cases: reused, or created, migrated and seeded. */
async function ensureDatabase(url: string): Promise<{ meta: Meta; reused: boolean }> {
  const exists = await admin(async (c) => (await c.query('select 1 from pg_database where datname = $1', [settings.database])).rowCount === 1)
  if (exists && !settings.fresh) {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      const { rows } = await c.query<{ t: string | null }>(`select to_regclass('public.bench_meta')::text as t`)
      if (rows[0]?.t) {
        const meta = (await c.query<Meta>('select * from bench_meta order by seeded_at desc limit 1')).rows[0]
        if (meta && meta.cases === settings.cases && meta.seed_version === SEED_VERSION) {
          await migrateOnly(url)
          return { meta, reused: true }
        }
        progress(`${settings.database} holds ${meta ? `${meta.cases} cases (seed v${meta.seed_version})` : 'no seed record'}; seeding it again`)
      } else progress(`${settings.database} exists but was never seeded to the end; seeding it again`)
    } finally {
      await c.end()
    }
  }
  if (exists) {
    await admin((c) => c.query(`drop database ${settings.database} with (force)`))
    progress(`dropped ${settings.database}`)
  }
  await admin((c) => c.query(`create database ${settings.database}`))
  const db = createDb({ url, max: 2, applicationName: 'xianjie-bench-supervision' })
  try {
    await migrateToLatest(db)
    const s = await seedDemo(db)
    progress(`created ${settings.database}, migrated, ${s.agencies} agencies and ${s.users} users seeded`)
  } finally {
    await db.destroy()
  }
  const now = new Date()
  progress(`seeding ${settings.cases.toLocaleString('en-US')} cases in chunks of ${settings.chunk.toLocaleString('en-US')}`)
  const seeded = await seedSupervision(url, { cases: settings.cases, chunk: settings.chunk, now, progress })
  const meta: Meta = { cases: settings.cases, seed_version: SEED_VERSION, seeded_at: now, seed_seconds: Math.round(seeded.seconds), migrations: migrationsHash(), counts: seeded.counts }
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(`create table bench_meta (cases integer not null, seed_version integer not null, seeded_at timestamptz not null,
                     seed_seconds integer not null, migrations text not null, counts jsonb not null, recorded_at timestamptz not null default now())`)
    await c.query('insert into bench_meta (cases, seed_version, seeded_at, seed_seconds, migrations, counts) values ($1, $2, $3, $4, $5, $6)', [
      meta.cases, meta.seed_version, meta.seeded_at, meta.seed_seconds, meta.migrations, JSON.stringify(meta.counts),
    ])
  } finally {
    await c.end()
  }
  progress(`seeded in ${meta.seed_seconds} s: ${JSON.stringify(meta.counts)}`)
  return { meta, reused: false }
}

/**
 * What the reused database's indexes and statistics targets lack, or have beyond, a database
 * migrated now (the migrations may have changed since it was seeded): empty when it is current.
 */
async function schemaDrift(url: string): Promise<string[]> {
  const scratch = `${settings.database}_schema`
  const shape = async (u: string) => {
    const c = new pg.Client({ connectionString: u, application_name: 'xianjie-bench-supervision' })
    await c.connect()
    try {
      const { rows } = await c.query<{ d: string }>(`
        select indexdef as d from pg_indexes where schemaname = 'public' and tablename not like 'bench\\_%'
        union all
        select format('statistics %s.%s = %s', t.relname, a.attname, a.attstattarget)
          from pg_attribute a join pg_class t on t.oid = a.attrelid
         where t.relnamespace = 'public'::regnamespace and a.attstattarget > 0`)
      return new Set(rows.map((r) => r.d))
    } finally {
      await c.end()
    }
  }
  await admin((c) => c.query(`drop database if exists ${scratch} with (force)`))
  await admin((c) => c.query(`create database ${scratch}`))
  try {
    await migrateOnly(urlOf(scratch))
    const want = await shape(urlOf(scratch))
    const have = await shape(url)
    return [...[...want].filter((d) => !have.has(d)).map((d) => `missing ${d}`), ...[...have].filter((d) => !want.has(d)).map((d) => `extra ${d}`)]
  } finally {
    await admin((c) => c.query(`drop database if exists ${scratch} with (force)`))
  }
}

async function migrateOnly(url: string): Promise<void> {
  const db = createDb({ url, max: 1, applicationName: 'xianjie-bench-supervision' })
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}

// ---- the engine over the bench database, its SQL captured on demand -----------------------

interface Captured {
  sql: string
  parameters: readonly unknown[]
  ms: number
}
let capture: Captured[] | null = null

function engineOver(url: string): { engine: Engine; db: Kysely<Database> } {
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: 'xianjie-bench-supervision' })
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e: LogEvent) => {
      if (capture && e.level === 'query') capture.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis })
    },
  })
  return { engine: createEngine({ db, procedures: PROCEDURES, calendar }), db }
}

async function captured<T>(work: () => Promise<T>): Promise<{ result: T; queries: Captured[] }> {
  capture = []
  try {
    const result = await work()
    return { result, queries: capture }
  } finally {
    capture = null
  }
}

// ---- measuring ----------------------------------------------------------------------------

interface Row {
  id: string
  name: string
  /** The 100 ms target applies. */
  target: boolean
  summary: Summary
  /** What one run returned, for the reader. */
  answer: string
  baseline: { how: string; summary: Summary; agrees: string } | null
  /** What stands for the baseline when there is none. */
  note?: string
}

/**
 * `warmup` untimed calls, then `runs` timed ones. A query far beyond the target is not run 53
 * times: when the first call shows the runs would take more than the time budget, it gets
 * as many as fit (at least one; the first call itself when it alone takes half the budget).
 */
/**
 * An agency's newest cases as GET /v1/cases found them before migration 0012: every case that
 * names the agency under any party key (the parties GIN index), sorted, the first page kept.
 * (The engine then drops cases the caller may not read yet; an officer's bureau reads all its own.)
 */
async function casesByPartiesGin(pool: pg.Pool, agencyId: string, limit: number): Promise<string[]> {
  const keys = [...new Set(PROCEDURES.flatMap((d) => Object.keys(d.parties)))]
  const { rows } = await pool.query<{ id: string }>(
    `select id from cases where ${keys.map((_, i) => `parties @> jsonb_build_object($${i + 2}::text, $1::text)`).join(' or ')}
      order by opened_at desc, id desc limit ${Number(limit)}`,
    [agencyId, ...keys],
  )
  return rows.map((r) => r.id)
}

async function timed<T>(label: string, runs: number, warmup: number, fn: (i: number) => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const t0 = performance.now()
  let last = await fn(0)
  const first = performance.now() - t0
  const ms: number[] = warmup === 0 ? [first] : []
  let todo = warmup === 0 ? runs - 1 : runs
  let warm = warmup - 1
  if (first * (warmup + runs) > settings.budgetSeconds * 1000) {
    warm = 0
    todo = first > (settings.budgetSeconds * 1000) / 2 ? 0 : Math.max(1, Math.floor((settings.budgetSeconds * 1000 - first) / first) - ms.length)
    if (todo === 0 && ms.length === 0) ms.push(first)
    progress(`${label}: the first call took ${(first / 1000).toFixed(1)} s; ${ms.length + todo} timed run(s) within the ${settings.budgetSeconds} s budget`)
  }
  for (let i = 0; i < warm; i++) last = await fn(1 + i)
  for (let i = 0; i < todo; i++) {
    const t = performance.now()
    last = await fn(warmup + i)
    ms.push(performance.now() - t)
  }
  const s = summarize(ms)
  progress(`${label}: median ${s.p50.toFixed(1)} ms, p90 ${s.p90.toFixed(1)} ms, max ${s.max.toFixed(1)} ms over ${ms.length} runs`)
  return { ms, last }
}

/** The captured SELECTs (the read log's INSERT left out), run again without index scans. */
async function withoutIndexes(client: pg.PoolClient, queries: Captured[]): Promise<number> {
  let rows = 0
  await client.query('begin')
  try {
    await client.query('set local enable_indexscan = off; set local enable_indexonlyscan = off; set local enable_bitmapscan = off')
    for (const q of queries.filter((x) => /^\s*(with|select)\b/i.test(x.sql))) rows += (await client.query(q.sql, q.parameters as unknown[])).rowCount ?? 0
  } finally {
    await client.query('rollback')
  }
  return rows
}

const REFUSAL_TYPES = ['REFUSE_TRANSFER', 'REFUSE_FILING', 'NOT_POLICE_REMIT', 'REFUSE_ACCEPTANCE', 'REJECT_APPLICATION']

/** The statistics the naive way: one pass over the period's events of the division, joined to cases. */
async function statisticsFromLog(pool: pg.Pool, like: string, from: Date, to: Date) {
  const { rows } = await pool.query<{ r: { opened: number; closed: number; steps: number; met: number; refusals: number; groups: number } }>(
    `
    with ev as materialized (
      select e.case_id, e.seq, e.type, e.agency_id, e.occurred_at, c.procedure, c.status, c.version,
             case when e.facts ? 'timersEnded' then e.facts->'timersEnded' end as ended,
             case when e.type = any($4) then e.payload->>'reasons' end as reasons
        from case_events e join cases c on c.id = e.case_id
       where c.jurisdiction like $1 and e.occurred_at >= $2 and e.occurred_at < $3
    ),
    opened as (select procedure, agency_id, count(*)::int as n from ev where seq = 1 group by 1, 2),
    closed as (
      select ev.procedure, o.agency_id, count(*)::int as n,
             percentile_cont(0.5) within group (order by extract(epoch from ev.occurred_at - o.occurred_at)) / 86400 as median,
             percentile_cont(0.9) within group (order by extract(epoch from ev.occurred_at - o.occurred_at)) / 86400 as p90
        from ev join case_events o on o.case_id = ev.case_id and o.seq = 1
       where ev.status = 'closed' and ev.seq = ev.version group by 1, 2),
    ended as (
      select ev.case_id, ev.procedure, ev.occurred_at as done_at, x.id, x.name, x.status
        from ev cross join jsonb_to_recordset(ev.ended) as x(id text, name text, status text)
       where ev.ended is not null and x.status in ('MET', 'OVERDUE_DUTY')),
    steps as (
      select ended.procedure, ended.name, count(*)::int as n,
             percentile_cont(0.5) within group (order by extract(epoch from ended.done_at - s.occurred_at)) / 86400 as median,
             percentile_cont(0.9) within group (order by extract(epoch from ended.done_at - s.occurred_at)) / 86400 as p90,
             count(*) filter (where ended.status = 'MET')::int as met
        from ended join case_events s on s.case_id = ended.case_id and s.seq = split_part(ended.id, '.', 3)::int
       group by 1, 2),
    refusals as (select procedure, type, agency_id, count(*)::int as n from ev where reasons is not null group by 1, 2, 3),
    reasons as (select procedure, type, reasons, count(*)::int as n from ev where reasons is not null group by 1, 2, 3)
    select jsonb_build_object(
      'opened', (select coalesce(sum(n), 0) from opened), 'closed', (select coalesce(sum(n), 0) from closed),
      'steps', (select coalesce(sum(n), 0) from steps), 'met', (select coalesce(sum(met), 0) from steps),
      'refusals', (select coalesce(sum(n), 0) from refusals),
      'groups', (select count(*) from opened) + (select count(*) from closed) + (select count(*) from steps) + (select count(*) from reasons)) as r`,
    [like, from, to, REFUSAL_TYPES],
  )
  return rows[0]!.r
}

/**
 * The percentile statements of the statistics as they were before the rollups (migration
 * 0011): percentile_cont over the period's finished steps and closed cases, sorted on every
 * call, each with 32 MB to sort in, the two in parallel as the engine ran them.
 */
async function percentilesFromRawRows(pool: pg.Pool, within: string[], from: Date, to: Date): Promise<{ steps: number; closed: number }> {
  const roomy = async (text: string) => {
    const c = await pool.connect()
    try {
      await c.query('begin')
      await c.query(`set local work_mem = '32MB'`)
      const { rows } = await c.query<{ n: number }>(text, [within, from, to])
      await c.query('commit')
      return rows.reduce((n, r) => n + r.n, 0)
    } finally {
      c.release()
    }
  }
  const [closed, steps] = await Promise.all([
    roomy(`
      select procedure, opening_agency_id as agency_id, end_code, count(*)::int as n,
             percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', closed_at - opened_at)) as pct
        from case_index where jurisdiction = any($1::text[]) and closed_at >= $2 and closed_at < $3
       group by 1, 2, 3 order by 1, 2, 3`),
    roomy(`
      select procedure, name, owner_agency_id as agency_id, expiry, count(*)::int as n,
             percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', done_at - started_at)) as pct,
             avg(date_part('epoch', done_at - started_at)) as mean,
             count(*) filter (where status = 'MET')::int as met, count(*) filter (where status = 'OVERDUE_DUTY')::int as late
        from timers where jurisdiction = any($1::text[]) and done_at >= $2 and done_at < $3 and status in ('MET', 'OVERDUE_DUTY')
       group by 1, 2, 3, 4 order by 1, 2, 3`),
  ])
  return { steps, closed }
}

/** 该移不移 the naive way: closed transfers with a penalty event and no dispatch event, amounts from the opening event. */
async function flagsFromLog(pool: pg.Pool, like: string, limit: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string; offence: string | null; v: number | null; g: number | null }>(
    `
    select c.id, o.payload->>'offence' as offence, (o.payload->>'illegalBusinessVolume')::float8 as v, (o.payload->>'illegalGains')::float8 as g
      from cases c join case_events o on o.case_id = c.id and o.seq = 1
     where c.procedure = 'criminal-transfer' and c.jurisdiction like $1 and c.status = 'closed'
       and exists (select 1 from case_events p where p.case_id = c.id and p.type = 'IMPOSE_PENALTY')
       and not exists (select 1 from case_events d where d.case_id = c.id and d.type = 'DISPATCH_TRANSFER')
     order by c.closed_at desc, c.id
     limit $2`,
    [like, limit],
  )
  return rows
    .filter((r) => TRANSFER_THRESHOLDS.some((t) => thresholdMet(t, { offence: r.offence ?? '', illegalBusinessVolume: r.v, illegalGains: r.g })))
    .map((r) => r.id)
}

async function explain(pool: pg.Pool, title: string, queries: Captured[]): Promise<void> {
  out(`-- ${title}`)
  for (const q of queries) {
    if (!/^\s*(with|select)\b/i.test(q.sql)) {
      out(`-- (not explained: ${q.sql.trim().split('\n')[0]!.slice(0, 80)}… ${q.ms.toFixed(1)} ms)`)
      continue
    }
    const params = q.parameters.map((p) => (p instanceof Date ? p.toISOString() : Array.isArray(p) ? `{${p.join(',')}}` : String(p)))
    out(`-- ${q.ms.toFixed(1)} ms in the run; parameters: ${JSON.stringify(params)}`)
    out(q.sql.replace(/\s+/g, ' ').trim())
    // A statement that took minutes is explained without running it again.
    const analyze = q.ms < settings.budgetSeconds * 1000 / 4
    if (!analyze) out(`-- (EXPLAIN without ANALYZE: the statement took ${(q.ms / 1000).toFixed(0)} s)`)
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${analyze ? '(analyze, buffers)' : ''} ${q.sql}`, q.parameters as unknown[])
    for (const r of rows) out(`    ${r['QUERY PLAN']}`)
    out()
  }
}

/** Start of the quarter before the one `at` lies in, and of the next (China time). */
function lastQuarter(at: Date): { from: Date; to: Date; yearFrom: Date } {
  const china = new Date(at.getTime() + 8 * 3_600_000)
  const y = china.getUTCFullYear()
  const q = Math.floor(china.getUTCMonth() / 3) * 3
  const start = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 1) - 8 * 3_600_000)
  return { from: start(y, q - 3), to: start(y, q), yearFrom: start(y - 1, q) }
}

const pick = <T>(list: T[], i: number): T => list[i % list.length]!

async function main() {
  progress(`settings ${JSON.stringify(settings)}; machine: ${availableParallelism()} cores, load average ${loadAtStart.map((x) => x.toFixed(2)).join(' ')}`)
  const url = urlOf(settings.database)
  const { meta, reused } = await ensureDatabase(url)
  if (reused) {
    progress(`reusing ${settings.database}: ${meta.cases} cases seeded at ${new Date(meta.seeded_at).toISOString()} in ${meta.seed_seconds} s`)
    const drift = await schemaDrift(url)
    if (drift.length) {
      progress(`WARNING: the schema differs from the current migrations (changed since seeding); run with --fresh to measure the current schema:\n  ${drift.join('\n  ')}`)
    } else if (meta.migrations !== migrationsHash()) {
      progress('the migrations changed since seeding, but the indexes and statistics targets are those of the current migrations')
    }
  }

  const { engine, db } = engineOver(url)
  const pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'xianjie-bench-supervision' })
  const city = settings.city
  const like = `${city.slice(0, 4)}%`
  const actor: Actor = { userId: `government-${city}.supervisor`, agencyId: `government-${city}`, roles: ['supervisor'], division: city }
  const period = lastQuarter(new Date(meta.seeded_at))
  const rows: Row[] = []
  const planSets: Array<{ title: string; queries: Captured[] }> = []

  try {
    // Samples of the city: cases to read, credit codes and name fragments to search for.
    const { rows: sample } = await pool.query<{ case_id: string; subject_names: string; subject_codes: string[] }>(
      `select case_id, subject_names, subject_codes from case_index tablesample system (2) repeatable (42) where jurisdiction like $1 limit 2000`,
      [like],
    )
    if (sample.length < 10) throw new Error(`too few cases in ${city} to sample (${sample.length})`)
    const shuffled = sample.map((s) => ({ s, k: Math.random() })).sort((a, b) => a.k - b.k).map((x) => x.s)
    const caseIds = shuffled.map((s) => s.case_id)
    const codes = shuffled.map((s) => s.subject_codes[0]!).filter(Boolean)
    // '白银华信商贸有限公司第12分公司' → '华信商贸' (a trade name), and '华信' (the 2 characters the API accepts).
    const trade = (name: string) => name.split(' / ')[0]!.slice(2).split('有限公司')[0]!
    const fragments4 = shuffled.map((s) => trade(s.subject_names))
    const fragments2 = fragments4.map((f) => f.slice(0, 2))
    const { rows: cityCases } = await pool.query<{ n: string }>(`select count(*) as n from case_index where jurisdiction like $1`, [like])
    progress(`supervisor ${actor.userId} (${like}): ${Number(cityCases[0]!.n).toLocaleString('en-US')} cases; quarter ${period.from.toISOString()} – ${period.to.toISOString()}`)

    const R = settings.repeat
    const B = settings.baselineRepeat

    // (a) the case report and the timeline of random cases of the city.
    {
      const report = await timed('(a) report', R, WARMUP, (i) => engine.report(pick(caseIds, i), actor))
      const timeline = await timed('(a) timeline', R, WARMUP, (i) => engine.timeline(pick(caseIds, i + 1000), actor))
      rows.push({
        id: 'a1', name: '(a) report of one case', target: true, summary: summarize(report.ms),
        answer: `${report.last.steps.length} steps, ${report.last.deadlines.length} deadlines, ${report.last.receipts.length} receipts`, baseline: null,
      })
      rows.push({ id: 'a2', name: '(a) timeline of one case', target: true, summary: summarize(timeline.ms), answer: `${timeline.last.length} entries`, baseline: null })
      if (settings.plans) planSets.push({ title: '(a) report (includes the timeline)', queries: (await captured(() => engine.report(pick(caseIds, 7), actor))).queries })
      const one = await captured(() => engine.report(pick(caseIds, 11), actor))
      progress(`(a) report statements, slowest first: ${[...one.queries].sort((x, y) => y.ms - x.ms).slice(0, 5).map((q) => `${q.sql.trim().replace(/\s+/g, ' ').slice(0, 48)}… ${q.ms.toFixed(1)} ms`).join(' | ')}`)
    }

    // (b) the overdue duties of the city.
    {
      const r = await timed('(b) overdue', R, WARMUP, () => engine.supervision.overdue(actor))
      const cap = await captured(() => engine.supervision.overdue(actor))
      const client = await pool.connect()
      let base: number[] = []
      try {
        base = (await timed('(b) overdue baseline (same SQL, no index scans)', B, 0, () => withoutIndexes(client, cap.queries))).ms
      } finally {
        client.release()
      }
      const overdue = r.last.items.filter((x) => x.status === 'overdue').length
      rows.push({
        id: 'b', name: '(b) overdue duties (first page)', target: true, summary: summarize(r.ms),
        answer: `${r.last.items.length} items (${overdue} overdue, ${r.last.items.length - overdue} at risk)`,
        baseline: { how: 'same SQL, seq scan of timers', summary: summarize(base), agrees: 'same SQL' },
      })
      if (settings.plans) planSets.push({ title: '(b) overdue', queries: cap.queries })
    }

    // (c) statistics of the city over the last quarter and the last year.
    for (const [id, label, from] of [['c1', 'quarter', period.from], ['c2', 'year', period.yearFrom]] as const) {
      const q = { from, to: period.to }
      const r = await timed(`(c) statistics, ${label}`, R, WARMUP, () => engine.supervision.statistics(actor, q))
      const s = r.last
      const mine = {
        opened: s.opened.reduce((n, x) => n + x.count, 0),
        closed: s.closed.reduce((n, x) => n + x.count, 0),
        steps: s.steps.reduce((n, x) => n + x.count, 0),
        refusals: s.refusals.reduce((n, x) => n + x.count, 0),
      }
      let log: Awaited<ReturnType<typeof statisticsFromLog>> | null = null
      const base = await timed(`(c) statistics, ${label}, baseline (event log)`, B, 0, async () => (log = await statisticsFromLog(pool, like, from, period.to)))
      const l = log as Awaited<ReturnType<typeof statisticsFromLog>> | null
      const diffs = l
        ? (['opened', 'closed', 'steps', 'refusals'] as const).filter((k) => mine[k] !== l[k]).map((k) => `${k} ${mine[k]} vs ${l[k]}`)
        : ['no answer']
      rows.push({
        id, name: `(c) statistics, one ${label}`, target: true, summary: summarize(r.ms),
        answer: `opened ${mine.opened}, closed ${mine.closed}, steps ${mine.steps}, refusals ${mine.refusals}; deadlines met ${s.deadlinesMet.share ?? '—'}`,
        baseline: { how: 'scan of the period’s events joined to cases', summary: summarize(base.ms), agrees: diffs.length ? `DIFFERS: ${diffs.join(', ')}` : 'totals agree' },
      })
      // The same percentiles from the raw rows, as the engine computed them before the rollups.
      const { rows: divisions } = await pool.query<{ d: string }>(`select distinct division_code as d from agencies where division_code like $1`, [like])
      let raw = { steps: 0, closed: 0 }
      const rawRuns = await timed(`(c) statistics, ${label}, percentiles from raw rows (before 0011)`, R, WARMUP, async () => (raw = await percentilesFromRawRows(pool, divisions.map((d) => d.d), from, period.to)))
      const same = raw.steps === mine.steps && raw.closed === mine.closed
      rows.push({
        id: `${id}r`, name: `(c) ${label}: step and closing percentiles from raw rows (before 0011)`, target: false, summary: summarize(rawRuns.ms),
        answer: `steps ${raw.steps}, closed ${raw.closed} (${same ? 'the same totals as the engine' : 'DIFFERS from the engine'})`, baseline: null,
        note: 'this row is itself the baseline of the rollups: the two percentile_cont statements statistics() ran before migration 0011',
      })
      if (settings.plans && id === 'c1') planSets.push({ title: `(c) statistics, one quarter ${from.toISOString()} – ${period.to.toISOString()}`, queries: (await captured(() => engine.supervision.statistics(actor, q))).queries })
    }

    // (d) searches and the transfer flags.
    const searches = [
      { id: 'd1', name: '(d) search by credit code', q: (i: number) => ({ creditCode: pick(codes, i) }) },
      { id: 'd2', name: '(d) search by name, 4 characters', q: (i: number) => ({ party: pick(fragments4, i) }) },
      { id: 'd3', name: '(d) search by name, 2 characters', q: (i: number) => ({ party: pick(fragments2, i) }) },
    ]
    for (const s of searches) {
      const r = await timed(s.name, R, WARMUP, (i) => engine.supervision.search(actor, s.q(i)))
      const cap = await captured(() => engine.supervision.search(actor, s.q(5)))
      const client = await pool.connect()
      let base: number[] = []
      try {
        base = (await timed(`${s.name} baseline (same SQL, no index scans)`, B, 0, () => withoutIndexes(client, cap.queries))).ms
      } finally {
        client.release()
      }
      rows.push({
        id: s.id, name: s.name, target: false, summary: summarize(r.ms), answer: `${r.last.items.length} items${r.last.next ? ' and a next page' : ''} (last run: ${JSON.stringify(s.q(WARMUP + R - 1))})`,
        baseline: { how: 'same SQL, seq scan', summary: summarize(base), agrees: 'same SQL' },
      })
      if (settings.plans) planSets.push({ title: `${s.name} ${JSON.stringify(s.q(5))}`, queries: cap.queries })
    }
    {
      const r = await timed('(d) transfer flags', R, WARMUP, () => engine.supervision.transferFlags(actor))
      let ids: string[] = []
      const base = await timed('(d) transfer flags baseline (event log)', B, 0, async () => (ids = await flagsFromLog(pool, like, 200)))
      const mine = r.last.items.map((x) => x.caseId)
      const same = mine.length === ids.length && mine.every((x, i) => x === ids[i])
      rows.push({
        id: 'd4', name: '(d) 该移不移 transfer flags', target: false, summary: summarize(r.ms), answer: `${mine.length} flagged among the 200 latest closed with a penalty and no transfer`,
        baseline: { how: 'cases joined to their events (penalty, no dispatch)', summary: summarize(base.ms), agrees: same ? 'same cases' : `DIFFERS: ${mine.length} vs ${ids.length}` },
      })
      if (settings.plans) planSets.push({ title: '(d) transfer flags', queries: (await captured(() => engine.supervision.transferFlags(actor))).queries })
    }

    // (e) the bureau's own cases, newest first: the first page of an officer's home page.
    {
      const officer: Actor = { userId: `msa-${city}.officer1`, agencyId: `msa-${city}`, roles: ['msa.officer'], division: city }
      const r = await timed('(e) case list', R, WARMUP, () => engine.cases(officer, { limit: 20 }))
      let ids: string[] = []
      const base = await timed('(e) case list baseline (parties GIN, before 0012)', B, 0, async () => (ids = await casesByPartiesGin(pool, officer.agencyId, 20)))
      const mine = r.last.items.map((x) => x.id)
      const same = mine.length === ids.length && mine.every((x, i) => x === ids[i])
      rows.push({
        id: 'e1', name: "(e) an officer's case list (first page)", target: false, summary: summarize(r.ms), answer: `${mine.length} cases of msa-${city}`,
        baseline: { how: 'cases found by the parties GIN index, all sorted', summary: summarize(base.ms), agrees: same ? 'same cases' : `DIFFERS: ${mine.join(',')} vs ${ids.join(',')}` },
      })
      if (settings.plans) planSets.push({ title: '(e) case list', queries: (await captured(() => engine.cases(officer, { limit: 20 }))).queries })
    }

    if (settings.plans) {
      out('='.repeat(100))
      out('EXPLAIN (ANALYZE, BUFFERS) of the SQL the engine ran (captured from its own queries; parameters as sent)')
      out('='.repeat(100))
      for (const p of planSets) await explain(pool, p.title, p.queries)
    }

    // Sizes and counts.
    const { rows: sizes } = await pool.query<{ name: string; total: string; heap: string; indexes: string }>(
      `select c.relname as name, pg_total_relation_size(c.oid) as total, pg_relation_size(c.oid) as heap, pg_indexes_size(c.oid) as indexes
         from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
          and c.relname in ('cases', 'case_events', 'timers', 'outbox', 'tasks', 'case_index', 'case_refusals', 'credit_list', 'case_views')
        order by pg_total_relation_size(c.oid) desc`,
    )
    const { rows: indexSizes } = await pool.query<{ name: string; tbl: string; size: string }>(
      `select i.indexrelid::regclass::text as name, t.relname as tbl, pg_relation_size(i.indexrelid) as size
         from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relname in ('cases', 'case_events', 'timers', 'outbox', 'tasks', 'case_index', 'case_refusals', 'credit_list')
        order by t.relname, 1`,
    )
    const { rows: dbSize } = await pool.query<{ size: string }>(`select pg_database_size(current_database()) as size`)
    printSummary({ meta, reused, rows, sizes, indexSizes, dbSize: Number(dbSize[0]!.size), like, actor, period })
  } finally {
    await db.destroy().catch(() => undefined)
    await pool.end()
  }
}

const mb = (bytes: string | number) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`
const f1 = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1))

function printSummary(x: {
  meta: Meta
  reused: boolean
  rows: Row[]
  sizes: Array<{ name: string; total: string; heap: string; indexes: string }>
  indexSizes: Array<{ name: string; tbl: string; size: string }>
  dbSize: number
  like: string
  actor: Actor
  period: { from: Date; to: Date; yearFrom: Date }
}) {
  const c = x.meta.counts
  out('='.repeat(100))
  out(`Xianjie supervision benchmark: ${x.meta.cases.toLocaleString('en-US')} cases, supervisor ${x.actor.userId} (jurisdiction ${x.like})`)
  out(`machine: ${availableParallelism()} cores, load average at start ${loadAtStart.map((v) => v.toFixed(2)).join(' ')}, at end ${loadavg().map((v) => v.toFixed(2)).join(' ')}; Node ${process.versions.node}`)
  out(
    `database ${settings.database} (${mb(x.dbSize)}): ${x.reused ? 'reused, ' : ''}seeded ${new Date(x.meta.seeded_at).toISOString()} in ${x.meta.seed_seconds} s ` +
      `(load ${c['loadSeconds']} s = ${Math.round(x.meta.cases / Math.max(1, c['loadSeconds'] ?? 1)).toLocaleString('en-US')} cases/s, ` +
      `${Math.round((c['case_events'] ?? 0) / Math.max(1, c['loadSeconds'] ?? 1)).toLocaleString('en-US')} events/s; indexes ${c['indexSeconds']} s; vacuum analyze ${c['vacuumSeconds']} s)`,
  )
  out(
    `rows: cases ${n(c['cases'])} (${Math.round((c['closedShare'] ?? 0) * 100)}% closed), case_events ${n(c['case_events'])} (${((c['case_events'] ?? 0) / x.meta.cases).toFixed(1)} per case), ` +
      `timers ${n(c['timers'])} (${((c['timers'] ?? 0) / x.meta.cases).toFixed(1)} per case; ${n(c['openOverdueDuties'])} overdue duties not done), outbox ${n(c['outbox'])}, tasks ${n(c['tasks'])}, ` +
      `case_index ${n(c['case_index'])}, case_refusals ${n(c['case_refusals'])}, credit_list ${n(c['credit_list'])}`,
  )
  out(`periods: quarter ${x.period.from.toISOString()} – ${x.period.to.toISOString()}, year ${x.period.yearFrom.toISOString()} – ${x.period.to.toISOString()}`)
  out(`timed runs: ${settings.repeat} per query after ${WARMUP} warm-up runs; baselines: ${settings.baselineRepeat} runs, no warm-up`)
  out()
  const head = ['query', 'runs', 'median', 'p90', 'max', `< ${TARGET_MS} ms`, 'baseline runs', 'baseline median', 'baseline max', 'speed-up']
  const table = x.rows.map((r) => [
    r.name,
    String(r.summary.count),
    f1(r.summary.p50),
    f1(r.summary.p90),
    f1(r.summary.max),
    r.target ? (r.summary.p90 < TARGET_MS ? 'PASS' : 'MISS') : '—',
    r.baseline ? String(r.baseline.summary.count) : '',
    r.baseline ? f1(r.baseline.summary.p50) : 'n/a',
    r.baseline ? f1(r.baseline.summary.max) : '',
    r.baseline && r.summary.p50 > 0 ? `×${f1(r.baseline.summary.p50 / r.summary.p50)}` : '',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)))
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')
  out(line(head))
  out(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of table) out(line(row))
  out('(ms; the target is checked on p90)')
  out()
  for (const r of x.rows) {
    out(`${r.name}: ${r.answer}`)
    if (r.baseline) out(`    baseline: ${r.baseline.how}; ${r.baseline.agrees}`)
    else out(`    baseline: ${r.note ?? 'n/a (a case’s own events are read by primary key either way)'}`)
  }
  out()
  out('sizes (pg_total_relation_size = heap + TOAST + indexes):')
  for (const s of x.sizes) out(`  ${s.name.padEnd(14)} total ${mb(s.total).padStart(9)}   heap ${mb(s.heap).padStart(9)}   indexes ${mb(s.indexes).padStart(8)}`)
  out('indexes:')
  for (const i of x.indexSizes) out(`  ${i.tbl.padEnd(14)} ${i.name.padEnd(36)} ${mb(i.size).padStart(8)}`)
  const misses = x.rows.filter((r) => r.target && r.summary.p90 >= TARGET_MS)
  out()
  out(misses.length ? `MISS: ${misses.map((r) => `${r.name} (p90 ${f1(r.summary.p90)} ms)`).join('; ')}` : `all of (a)(b)(c) under ${TARGET_MS} ms at p90`)
  out(`total run time ${((performance.now() - benchStart) / 1000).toFixed(0)} s`)
}

const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US')

process.on('SIGINT', () => {
  progress('SIGINT: stopping (the database is kept; an unfinished seeding is redone on the next run)')
  process.exit(130)
})

try {
  await main()
} catch (err) {
  progress(`failed: ${(err as Error).stack ?? err}`)
  process.exitCode = 2
} finally {
  if (settings.drop) {
    try {
      await admin((c) => c.query(`drop database if exists ${settings.database} with (force)`))
      progress(`dropped ${settings.database}`)
    } catch (err) {
      progress(`drop failed: ${(err as Error).message} (drop ${settings.database} by hand)`)
    }
  }
}
