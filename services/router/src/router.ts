import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import { isAppError, type ErrorCode } from '@xianjie/domain'
import type { Clock, Engine, ReceiptResult } from '@xianjie/engine'
import { NOTIFY_QUEUE, UnrecoverableError, agencyQueueName, type QueueBackend, type QueueJob, type WorkerHandle } from '@xianjie/queue'
import { selectAgencies } from './agencies.ts'
import { createOutboxRelay, redeliverUnreceipted, type OutboxRelayOptions } from './relay.ts'

export interface RouterDeps {
  db: Kysely<Database>
  engine: Engine
  queues: QueueBackend
  log: Logger
  config: XianjieConfig
  /** Receipt times and timer delays; defaults to the engine's clock. */
  clock?: Clock
}

export interface RouterOptions extends OutboxRelayOptions {
  /** Run the outbox relay in this process. @default true */
  relay?: boolean
  /** Run the `notify` worker in this process. @default true */
  notify?: boolean
  /** Jobs each agency worker runs at once. @default 4 */
  concurrency?: number
}

export interface Router {
  /** The agencies whose queues this process serves. */
  readonly agencies: readonly string[]
  /** Publishes one batch of the outbox now; returns how many rows it published. */
  relayOnce(): Promise<number>
  close(): Promise<void>
}

// Engine refusals that a retry cannot change: the job fails at once and stays visible.
const PERMANENT_CODES = new Set<ErrorCode>(['NOT_FOUND', 'CASE_NOT_FOUND', 'VALIDATION_FAILED', 'FORBIDDEN', 'WRONG_STATE', 'RULE_REFUSED'])

/**
 * Starts the router: the outbox relay, one worker per served agency queue (each job
 * records the receipt, which opens the task in the agency's inbox) and the `notify`
 * worker (the supervisors' feed of overdue-duty alerts).
 */
export async function startRouter(deps: RouterDeps, options: RouterOptions = {}): Promise<Router> {
  const { db, engine, queues, config } = deps
  const clock = deps.clock ?? engine.clock
  const log = deps.log.child({ component: 'router' })

  const rows = await db.selectFrom('agencies').select(['id', 'division_code']).orderBy('id').execute()
  const { ids: agencies, unmatched } = selectAgencies(rows, config.routerAgencies)
  if (unmatched.length > 0) log.warn({ unmatched, routerAgencies: config.routerAgencies }, 'router agencies match no agency')

  const recordReceipt = async (job: QueueJob<'dispatch'>): Promise<ReceiptResult> => {
    const { outboxId, caseId, agencyId } = job.data
    const jobLog = log.child({ jobId: job.id, caseId, outboxId, agencyId })
    let receipt: ReceiptResult
    try {
      receipt = await engine.recordReceipt(outboxId, clock.now())
    } catch (err) {
      if (isAppError(err) && PERMANENT_CODES.has(err.code)) throw new UnrecoverableError(`receipt for dispatch ${outboxId} refused: ${err.code} ${err.message}`)
      throw err
    }
    if (receipt.recorded) jobLog.info({ taskId: receipt.taskId }, 'receipt recorded')
    else jobLog.info({ reason: receipt.reason }, 'receipt not recorded')
    return receipt
  }

  const logAlert = async (job: QueueJob<'alert'>) => {
    const { outboxId, caseId, timer, toAgencyId, reason, source } = job.data
    // The engine already recorded the alert in the case's deadline event; this is the feed.
    log.warn({ jobId: job.id, outboxId, caseId, timer, agencyId: toAgencyId, reason: reason.en, reasonZh: reason.zh, source }, 'supervision alert')
    return { logged: true }
  }

  const workers: WorkerHandle[] = []
  const relay = options.relay === false ? null : createOutboxRelay({ db, queues, log, clock }, options)
  try {
    for (const agencyId of agencies) {
      workers.push(queues.worker(agencyQueueName(agencyId), { dispatch: recordReceipt }, { concurrency: options.concurrency ?? 4 }))
    }
    if (options.notify !== false) workers.push(queues.worker(NOTIFY_QUEUE, { alert: logAlert }, { removeOnComplete: false }))
    await Promise.all(workers.map((w) => w.waitUntilReady()))
  } catch (err) {
    await Promise.allSettled(workers.map((w) => w.close()))
    throw err
  }
  // Redis may have been wiped: dispatches published before and never receipted go out again.
  await redeliverUnreceipted({ db, queues, log, clock }, new Set(agencies.map(agencyQueueName)))
  relay?.start()
  log.info({ agencies: agencies.length, backend: queues.kind, relay: relay !== null }, 'router started')

  let closing: Promise<void> | null = null
  return {
    agencies,
    relayOnce: () => (relay ?? createOutboxRelay({ db, queues, log, clock }, options)).relayOnce(),
    close() {
      closing ??= (async () => {
        await relay?.close()
        await Promise.allSettled(workers.map((w) => w.close()))
        log.info('router stopped')
      })()
      return closing
    },
  }
}
