import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Database, OutboxRow } from '@xianjie/db'
import type { Clock } from '@xianjie/engine'
import {
  JobPayloadError,
  OUTBOX_CHANNEL,
  agencyIdOfQueue,
  jobNameForQueue,
  outboxJobId,
  parseJob,
  timerJobId,
  type ChannelListener,
  type ParsedJob,
  type QueueBackend,
} from '@xianjie/queue'

export interface OutboxRelayDeps {
  db: Kysely<Database>
  queues: QueueBackend
  log: Logger
  /** Counts timer delays (due − now). */
  clock: Clock
}

export interface OutboxRelayOptions {
  /** Rows claimed per transaction. @default 200 */
  batchSize?: number
  /** Fallback poll when no NOTIFY arrives. @default 250 */
  pollIntervalMs?: number
  /** Ceiling of the backoff while the queue backend is down. @default 30000 */
  maxBackoffMs?: number
}

export interface OutboxRelay {
  /** Claims one batch, publishes it and marks it published; returns how many rows it published. */
  relayOnce(): Promise<number>
  /** Starts the loop: LISTEN `xianjie_outbox`, poll as a fallback, back off on failures. */
  start(): void
  close(): Promise<void>
}

interface BatchOutcome {
  claimed: number
  published: number
  /** Rows whose add failed (queue backend down): retried after a backoff. */
  failed: number
}

interface OutboundJob {
  queue: string
  job: ParsedJob
  jobId: string
  delay: number
}

/** The job an outbox row becomes; throws JobPayloadError when the row can never be published. */
export function outboxRowToJob(row: OutboxRow, now: Date): OutboundJob {
  const expected = jobNameForQueue(row.queue)
  if (expected === null || expected !== row.job_name) {
    throw new JobPayloadError(row.job_name, [`job '${row.job_name}' cannot go on queue '${row.queue}'`])
  }
  const job = parseJob(row.job_name, { ...row.payload, outboxId: row.id })
  switch (job.name) {
    case 'dispatch':
      if (agencyIdOfQueue(row.queue) !== job.data.agencyId) {
        throw new JobPayloadError(job.name, [`agencyId '${job.data.agencyId}' does not match queue '${row.queue}'`])
      }
      return { queue: row.queue, job, jobId: outboxJobId(row.id), delay: 0 }
    case 'alert':
      return { queue: row.queue, job, jobId: outboxJobId(row.id), delay: 0 }
    case 'timer.fire':
      return { queue: row.queue, job, jobId: timerJobId(job.data.timerId), delay: Math.max(0, Date.parse(job.data.dueAt) - now.getTime()) }
    default: {
      const never: never = job
      throw new Error(`unexpected job ${JSON.stringify(never)}`)
    }
  }
}

/**
 * The transactional outbox relay. Rows are claimed with `for update skip locked`, so
 * relays in several processes never publish the same row; each job carries a
 * deterministic id, so a relay that dies between the add and the commit publishes
 * nothing twice when the row is claimed again.
 */
export function createOutboxRelay(deps: OutboxRelayDeps, options: OutboxRelayOptions = {}): OutboxRelay {
  const { db, queues, clock } = deps
  const log = deps.log
  const batchSize = options.batchSize ?? 200
  const pollMs = options.pollIntervalMs ?? 250
  const maxBackoffMs = options.maxBackoffMs ?? 30_000
  // Rows that can never become a job (an engine bug): reported once, then skipped by this process.
  const poisoned = new Set<string>()

  const relayBatch = async (): Promise<BatchOutcome> => {
    const outcome = await db.transaction().execute(async (trx) => {
      let query = trx.selectFrom('outbox').selectAll().where('published_at', 'is', null)
      if (poisoned.size > 0) query = query.where('id', 'not in', [...poisoned])
      const rows = await query.orderBy('id').limit(batchSize).forUpdate().skipLocked().execute()
      if (rows.length === 0) return { claimed: 0, published: [], failed: [], poison: [] }

      const now = clock.now()
      const published: string[] = []
      const failed: string[] = []
      const poison: string[] = []
      const byQueue = Map.groupBy(rows, (row) => row.queue)
      // Queues in parallel; rows of one queue in order, stopping at the first failure.
      await Promise.all(
        [...byQueue.values()].map(async (queueRows) => {
          for (const row of queueRows) {
            let outbound: OutboundJob
            try {
              outbound = outboxRowToJob(row, now)
            } catch (err) {
              poison.push(row.id)
              log.error({ err, outboxId: row.id, caseId: row.case_id, queue: row.queue }, 'outbox row cannot be published')
              continue
            }
            try {
              await queues.queue(outbound.queue).add(outbound.job.name, outbound.job.data as never, { jobId: outbound.jobId, delay: outbound.delay })
              published.push(row.id)
            } catch (err) {
              failed.push(row.id)
              log.warn({ err, outboxId: row.id, queue: row.queue, attempts: row.attempts + 1 }, 'outbox publish failed; will retry')
              break
            }
          }
        }),
      )
      if (published.length > 0) {
        await trx.updateTable('outbox').set({ published_at: sql<Date>`now()` }).where('id', 'in', published).execute()
      }
      const bumped = [...failed, ...poison]
      if (bumped.length > 0) {
        await trx
          .updateTable('outbox')
          .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
          .where('id', 'in', bumped)
          .execute()
      }
      return { claimed: rows.length, published, failed, poison }
    })
    for (const id of outcome.poison) poisoned.add(id)
    if (outcome.published.length > 0) log.debug({ published: outcome.published.length }, 'outbox rows published')
    return { claimed: outcome.claimed, published: outcome.published.length, failed: outcome.failed.length }
  }

  let stopped = false
  let running: Promise<void> | null = null
  let listener: ChannelListener | null = null
  let woken = false
  let wake: (() => void) | null = null

  const sleep = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      if (stopped || (wakeable && woken)) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        wake = null
        resolve()
      }
      wake = () => {
        if (wakeable || stopped) done()
      }
    })

  const loop = async () => {
    let failures = 0
    while (!stopped) {
      woken = false
      let outcome: BatchOutcome
      try {
        outcome = await relayBatch()
      } catch (err) {
        log.warn({ err }, 'outbox relay batch failed; will retry')
        outcome = { claimed: 0, published: 0, failed: 1 }
      }
      if (outcome.failed > 0) {
        failures++
        // Back off while the backend is down: a NOTIFY does not cut this short.
        await sleep(Math.min(maxBackoffMs, pollMs * 2 ** failures), false)
        continue
      }
      failures = 0
      if (outcome.claimed < batchSize) await sleep(pollMs, true)
    }
  }

  return {
    async relayOnce() {
      return (await relayBatch()).published
    },
    start() {
      if (running || stopped) return
      listener = queues.listen(OUTBOX_CHANNEL, () => {
        woken = true
        wake?.()
      })
      running = loop()
    },
    async close() {
      stopped = true
      wake?.()
      await running
      await listener?.close()
    },
  }
}

/**
 * Re-adds every published dispatch whose receipt was never recorded (its job was lost
 * with Redis, or is still waiting). The deterministic job id makes this a no-op for a job
 * that still exists, and recordReceipt is idempotent, so running it at every start is safe.
 */
export async function redeliverUnreceipted(deps: Pick<OutboxRelayDeps, 'db' | 'queues' | 'log' | 'clock'>, agencyQueues: ReadonlySet<string>): Promise<number> {
  const { db, queues, log, clock } = deps
  const rows = await db
    .selectFrom('outbox')
    .innerJoin('cases', 'cases.id', 'outbox.case_id')
    .selectAll('outbox')
    .where('outbox.job_name', '=', 'dispatch')
    .where('outbox.published_at', 'is not', null)
    .where('cases.status', '=', 'open')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('commands')
            .select('commands.actor_id')
            .where('commands.actor_id', '=', 'system')
            .whereRef('commands.idempotency_key', '=', sql<string>`'receipt:' || outbox.id`),
        ),
      ),
    )
    .orderBy('outbox.id')
    .execute()
  let added = 0
  for (const row of rows) {
    if (!agencyQueues.has(row.queue)) continue
    const outbound = outboxRowToJob(row, clock.now())
    await queues.queue(outbound.queue).add(outbound.job.name, outbound.job.data as never, { jobId: outbound.jobId, delay: 0 })
    added++
  }
  if (added > 0) log.info({ dispatches: added }, 'pending dispatches re-added from PostgreSQL')
  return added
}
