// The bare PostgreSQL rate of the engine's core write pattern, on the same server and
// driver: BEGIN; version-checked UPDATE of the case; INSERT event; INSERT outbox; COMMIT.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { cpuBetween, cpuSample, type CpuReport } from './stats.ts'

export interface RowSizes {
  /** Average text length (bytes) of cases.snapshot, case_events.payload + facts, outbox.payload. */
  snapshot: number
  eventPayload: number
  eventFacts: number
  outboxPayload: number
}

/** The engine's average row sizes after the HTTP phases (fallbacks for an empty database). */
export async function measureRowSizes(pool: pg.Pool): Promise<RowSizes> {
  const { rows } = await pool.query<{ snapshot: string | null; payload: string | null; facts: string | null; outbox: string | null }>(`
    select (select avg(octet_length(snapshot::text)) from cases) as snapshot,
           (select avg(octet_length(payload::text)) from case_events) as payload,
           (select avg(octet_length(facts::text)) from case_events) as facts,
           (select avg(octet_length(payload::text)) from outbox) as outbox`)
  const r = rows[0]!
  const n = (v: string | null, fallback: number) => Math.round(v === null ? fallback : Number(v))
  return { snapshot: n(r.snapshot, 3000), eventPayload: n(r.payload, 300), eventFacts: n(r.facts, 300), outboxPayload: n(r.outbox, 300) }
}

/** A JSON object whose text is about `bytes` long, with varied content (no trivially compressible blob). */
function jsonOfSize(bytes: number, seed: string): string {
  const obj: Record<string, string> = {}
  let i = 0
  let len = 2
  while (len < bytes) {
    const key = `k${i}`
    const value = `${seed}-${i}-${randomUUID()}`.slice(0, Math.max(1, Math.min(48, bytes - len - key.length - 6)))
    obj[key] = value
    len += key.length + value.length + 6
    i++
  }
  return JSON.stringify(obj)
}

export interface BareResult {
  connections: number
  seconds: number
  transactions: number
  txnPerSecond: number
  conflicts: number
  latencyMs: number[]
  sizes: RowSizes
  /** CPU over the run; postgres = the bare clients' backends. */
  cpu: CpuReport
}

/**
 * `connections` clients in parallel for `seconds`; each owns a disjoint set of case rows,
 * so the version check always passes (as with one command in flight per case).
 */
export async function bareWriteRate(databaseUrl: string, opts: { connections: number; seconds: number; sizes: RowSizes; rowsPerConnection?: number }): Promise<BareResult> {
  const setup = new pg.Client({ connectionString: databaseUrl, application_name: 'xianjie-bench' })
  await setup.connect()
  const perConn = opts.rowsPerConnection ?? 50
  const snapshot = jsonOfSize(opts.sizes.snapshot, 'snapshot')
  const eventPayload = jsonOfSize(opts.sizes.eventPayload, 'payload')
  const eventFacts = jsonOfSize(opts.sizes.eventFacts, 'facts')
  const outboxPayload = jsonOfSize(opts.sizes.outboxPayload, 'outbox')
  const ids: string[][] = []
  try {
    await setup.query(`
      drop table if exists bench_outbox, bench_events, bench_cases;
      create table bench_cases (id uuid primary key, version integer not null, snapshot jsonb not null, head_hash text not null, updated_at timestamptz not null);
      create table bench_events (
        case_id uuid not null references bench_cases(id), seq integer not null, type text not null, actor_id text not null,
        payload jsonb not null, facts jsonb not null, occurred_at timestamptz not null, prev_hash text not null, hash text not null,
        primary key (case_id, seq));
      create table bench_outbox (
        id bigserial primary key, case_id uuid not null references bench_cases(id), seq integer not null, queue text not null,
        job_name text not null, payload jsonb not null, created_at timestamptz not null default now(), published_at timestamptz);
      create index bench_outbox_unpublished_idx on bench_outbox (id) where published_at is null;`)
    for (let c = 0; c < opts.connections; c++) {
      const mine = Array.from({ length: perConn }, () => randomUUID())
      ids.push(mine)
      await setup.query(
        `insert into bench_cases (id, version, snapshot, head_hash, updated_at) select id, 0, $2::jsonb, '', now() from unnest($1::uuid[]) as id`,
        [mine, snapshot],
      )
    }
    await setup.query('analyze bench_cases')
  } finally {
    await setup.end()
  }

  const clients = await Promise.all(
    ids.map(async () => {
      const c = new pg.Client({ connectionString: databaseUrl, application_name: 'xianjie-bench-bare' })
      await c.connect()
      return c
    }),
  )
  const pids = await Promise.all(clients.map(async (c) => (await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid))
  const hash = 'f'.repeat(64)
  const latencies: number[] = []
  let transactions = 0
  let conflicts = 0
  const t0 = performance.now()
  const end = t0 + opts.seconds * 1000
  const s0 = cpuSample(null, pids, 0)
  let cpu: CpuReport | null = null
  try {
    await Promise.all(
      clients.map(async (client, c) => {
        const mine = ids[c]!
        const versions = new Map(mine.map((id) => [id, 0]))
        let k = 0
        while (performance.now() < end) {
          const id = mine[k++ % mine.length]!
          const version = versions.get(id)!
          const started = performance.now()
          await client.query('begin')
          const updated = await client.query(
            'update bench_cases set version = version + 1, snapshot = $3::jsonb, head_hash = $4, updated_at = now() where id = $1 and version = $2',
            [id, version, snapshot, hash],
          )
          if (updated.rowCount !== 1) {
            conflicts++
            await client.query('rollback')
            continue
          }
          await client.query(
            'insert into bench_events (case_id, seq, type, actor_id, payload, facts, occurred_at, prev_hash, hash) values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, now(), $7, $8)',
            [id, version + 1, 'DISPATCH_TRANSFER', 'msa-620400.officer1', eventPayload, eventFacts, hash, hash],
          )
          await client.query('insert into bench_outbox (case_id, seq, queue, job_name, payload) values ($1, $2, $3, $4, $5::jsonb)', [
            id,
            version + 1,
            'agency.police-620400',
            'dispatch',
            outboxPayload,
          ])
          await client.query('commit')
          versions.set(id, version + 1)
          transactions++
          latencies.push(performance.now() - started)
        }
      }),
    )
    cpu = cpuBetween(s0, cpuSample(null, pids, 0))
  } finally {
    await Promise.all(clients.map((c) => c.end()))
  }
  const elapsed = (performance.now() - t0) / 1000
  return { connections: opts.connections, seconds: elapsed, transactions, txnPerSecond: transactions / elapsed, conflicts, latencyMs: latencies, sizes: opts.sizes, cpu: cpu! }
}
