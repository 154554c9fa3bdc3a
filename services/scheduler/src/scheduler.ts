import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import type { Clock, Engine } from '@xianjie/engine'
import { TIMERS_QUEUE, timerJobId, timerRetryCount, timerRetryJobId, type QueueBackend, type QueueJob, type WorkerHandle } from '@xianjie/queue'

export interface SchedulerDeps {
  db: Kysely<Database>
  engine: Engine
  queues: QueueBackend
  log: Logger
  config: XianjieConfig
  /** Counts delays (due − now); defaults to the engine's clock. */
  clock?: Clock
}

export interface SchedulerOptions {
  /** Run the `timers` worker in this process. @default true */
  worker?: boolean
  /** Run the periodic sweep (every `config.sweepIntervalMs`). @default true */
  sweep?: boolean
  /** Timer jobs run at once. @default 4 */
  concurrency?: number
}

export interface Scheduler {
  /** Re-adds every SCHEDULED timer to the `timers` queue; returns how many. Safe to repeat. */
  rebuild(): Promise<number>
  /** Fires every timer due by the clock (`engine.fireDueTimers`); returns how many fired. */
  sweep(): Promise<number>
  close(): Promise<void>
}

const REBUILD_PAGE = 500

/**
 * Adds every SCHEDULED timer row to the `timers` queue with job id = timer id and
 * delay = max(0, due − now). A timer whose job still exists is left alone (the job id
 * dedupes), so this restores a wiped Redis without doubling anything.
 */
export async function rebuildTimers(deps: { db: Kysely<Database>; queues: QueueBackend; clock: Clock }): Promise<number> {
  const queue = deps.queues.queue(TIMERS_QUEUE)
  let after = ''
  let total = 0
  for (;;) {
    const rows = await deps.db
      .selectFrom('timers')
      .select(['id', 'case_id', 'due_at'])
      .where('status', '=', 'SCHEDULED')
      .where('id', '>', after)
      .orderBy('id')
      .limit(REBUILD_PAGE)
      .execute()
    if (rows.length === 0) return total
    const now = deps.clock.now().getTime()
    await Promise.all(
      rows.map((row) => {
        const dueAt = new Date(row.due_at)
        return queue.add('timer.fire', { timerId: row.id, caseId: row.case_id, dueAt: dueAt.toISOString() }, { jobId: timerJobId(row.id), delay: Math.max(0, dueAt.getTime() - now) })
      }),
    )
    total += rows.length
    after = rows[rows.length - 1]!.id
  }
}

/**
 * Starts the scheduler: rebuilds the `timers` queue from PostgreSQL, runs the worker
 * that fires each timer through the engine, and sweeps for due timers every
 * `config.sweepIntervalMs` (which also catches anything the queue missed).
 */
export async function startScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): Promise<Scheduler> {
  const { db, engine, queues, config } = deps
  const clock = deps.clock ?? engine.clock
  const log = deps.log.child({ component: 'scheduler' })
  const timers = queues.queue(TIMERS_QUEUE)

  const fire = async (job: QueueJob<'timer.fire'>) => {
    const { timerId, caseId } = job.data
    const result = await engine.fireTimer(timerId)
    if (result) {
      log.info({ jobId: job.id, timerId, caseId, seq: result.event.seq, stateIds: result.stateIds }, 'timer fired')
      return { fired: true, seq: result.event.seq }
    }
    const row = await db.selectFrom('timers').select(['status', 'due_at']).where('id', '=', timerId).executeTakeFirst()
    if (!row || row.status !== 'SCHEDULED') return { fired: false, status: row?.status ?? 'missing' }
    const dueMs = new Date(row.due_at).getTime()
    const now = clock.now().getTime()
    if (dueMs > now) {
      // Picked up before it is due by the engine's clock (clock skew, a changed due date):
      // arm it again rather than lose it.
      const retryId = timerRetryJobId(timerId, timerRetryCount(timerId, job.id) + 1)
      await timers.add('timer.fire', { timerId, caseId, dueAt: new Date(dueMs).toISOString() }, { jobId: retryId, delay: dueMs - now })
      log.info({ jobId: job.id, timerId, caseId, retryJobId: retryId, dueAt: new Date(dueMs).toISOString() }, 'timer not yet due; re-armed')
      return { fired: false, rearmed: retryId }
    }
    // Due and still scheduled, yet not fired: another firing holds the case. Retry.
    throw new Error(`timer ${timerId} is due but did not fire; retrying`)
  }

  const rebuild = async () => {
    const count = await rebuildTimers({ db, queues, clock })
    log.info({ timers: count }, 'timers queue rebuilt')
    return count
  }

  const sweep = async () => {
    const fired = await engine.fireDueTimers(clock.now())
    if (fired > 0) log.info({ fired }, 'sweep fired due timers')
    // The daily anchor of yesterday's heads, once (any scheduler may; the day is the key).
    const anchor = await engine.anchorYesterday()
    if (anchor) log.info({ day: anchor.day, cases: anchor.cases, root: anchor.root }, 'anchored the heads of all cases')
    // Supervisors hear of a duty once when two thirds of its time are used, once when it is overdue.
    for (;;) {
      const alerted = await engine.supervision.alertDuties()
      if (alerted.atRisk + alerted.overdue > 0) log.info(alerted, 'alerted supervisors of duties at risk or overdue')
      if (alerted.atRisk + alerted.overdue < 500) break
    }
    return fired
  }

  await rebuild()
  let worker: WorkerHandle | null = null
  if (options.worker !== false) {
    worker = queues.worker(TIMERS_QUEUE, { 'timer.fire': fire }, { concurrency: options.concurrency ?? 4 })
    await worker.waitUntilReady()
  }

  let stopped = false
  let sweepTimer: NodeJS.Timeout | null = null
  let sweeping: Promise<unknown> | null = null
  const scheduleSweep = () => {
    if (stopped || options.sweep === false || config.sweepIntervalMs <= 0) return
    sweepTimer = setTimeout(() => {
      sweeping = sweep()
        .catch((err: unknown) => log.warn({ err }, 'sweep failed; will retry'))
        .finally(() => {
          sweeping = null
          scheduleSweep()
        })
    }, config.sweepIntervalMs)
  }
  scheduleSweep()
  log.info({ backend: queues.kind, sweepIntervalMs: config.sweepIntervalMs, worker: worker !== null }, 'scheduler started')

  let closing: Promise<void> | null = null
  return {
    rebuild,
    sweep,
    close() {
      closing ??= (async () => {
        stopped = true
        if (sweepTimer) clearTimeout(sweepTimer)
        await sweeping
        await worker?.close()
        log.info('scheduler stopped')
      })()
      return closing
    },
  }
}
