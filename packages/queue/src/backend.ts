import { createHash } from 'node:crypto'
import { Queue, UnrecoverableError, Worker, createPostgresBackend, withBackend, type Job, type KeepJobs } from 'bullmq'
import { Redis } from 'ioredis'
import { JOBS, assertJobId, jobNameForQueue, parseJob, JobPayloadError, type JobData, type JobName } from './catalog.ts'
import { listenToChannel, type ChannelListener } from './listen.ts'
import { silentLogger, type QueueLogger } from './logger.ts'

export interface QueueBackendOptions {
  /** Set → BullMQ on Redis; unset → BullMQ on its PostgreSQL backend in `databaseUrl`. */
  redisUrl?: string
  /** PostgreSQL: the queue store without Redis, and the database LISTEN uses. */
  databaseUrl: string
  /** Redis key prefix, or (sanitised) the PostgreSQL schema that holds the queues. */
  prefix: string
  log?: QueueLogger
  /** An add that takes longer fails (the backend is down or still connecting). @default 5000 */
  addTimeoutMs?: number
}

export type JobState = 'waiting' | 'wait' | 'active' | 'delayed' | 'prioritized' | 'paused' | 'completed' | 'failed' | 'waiting-children'

/** A job as stored, for inspection (supervision pages, tests). */
export interface JobInfo {
  id: string
  name: string
  data: unknown
  state: string
  attemptsMade: number
  delay: number
  timestamp: number
  processedOn: number | null
  finishedOn: number | null
  failedReason: string | null
  returnValue: unknown
}

export interface AddJobOptions {
  /** Deterministic id (see outboxJobId, timerJobId): a second add while the job exists is a no-op. */
  jobId: string
  /** Milliseconds before the job may run. @default 0 */
  delay?: number
}

/** A producer for one queue. Cached: `queues.queue(name)` returns the same handle. */
export interface QueueHandle {
  readonly name: string
  /** Adds a catalog job with the catalog's retry policy; returns the job id. Rejects fast when the backend is down. */
  add<N extends JobName>(name: N, data: JobData<N>, options: AddJobOptions): Promise<string>
  getJob(jobId: string): Promise<JobInfo | null>
  getJobs(states: JobState[], start?: number, end?: number): Promise<JobInfo[]>
  getJobCounts(...states: JobState[]): Promise<Record<string, number>>
}

/** A job handed to a processor, its payload already checked against the catalog. */
export interface QueueJob<N extends JobName = JobName> {
  id: string
  queueName: string
  name: N
  data: JobData<N>
  /** Attempts that already failed before this one. */
  attemptsMade: number
  timestamp: number
}
export type AnyQueueJob = { [N in JobName]: QueueJob<N> }[JobName]

/** One handler per job name the queue carries. */
export type JobHandlers = { [N in JobName]?: (job: QueueJob<N>) => Promise<unknown> }
export type JobProcessor = ((job: AnyQueueJob) => Promise<unknown>) | JobHandlers

export interface WorkerOptions {
  /** @default 1 */
  concurrency?: number
  /** Retention of completed jobs; `false` keeps them. @default { age: 86400 } */
  removeOnComplete?: KeepJobs | false
}

export interface WorkerHandle {
  readonly queueName: string
  waitUntilReady(): Promise<void>
  close(): Promise<void>
}

/**
 * The queue store behind Xianjie, Redis or PostgreSQL, with the same API either way.
 * `close()` closes every worker first, then the producers, then the connections.
 */
export interface QueueBackend {
  readonly kind: 'redis' | 'postgres'
  /** Redis key prefix, or the PostgreSQL schema of the queues. */
  readonly namespace: string
  queue(name: string): QueueHandle
  worker(name: string, processor: JobProcessor, options?: WorkerOptions): WorkerHandle
  /** LISTENs on a PostgreSQL channel of `databaseUrl` (reconnecting); closed with the backend. */
  listen(channel: string, onNotify: () => void): ChannelListener
  close(): Promise<void>
}

/** Completed jobs stay a day so a replayed add with the same job id stays a no-op. */
export const DEFAULT_REMOVE_ON_COMPLETE: KeepJobs = { age: 86_400 }

/**
 * The PostgreSQL schema for a queue prefix: lower case letters, digits and `_`, at most
 * 63 characters (a hash keeps long prefixes distinct).
 */
export function queueSchemaName(prefix: string): string {
  let schema = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  if (!/^[a-z_]/.test(schema)) schema = `q_${schema}`
  if (schema.length > 63) schema = `${schema.slice(0, 54)}_${createHash('sha256').update(prefix).digest('hex').slice(0, 8)}`
  return schema
}

// The slices of BullMQ's Queue and Worker used here, shared by both backends' classes.
interface BullQueue {
  add(name: string, data: unknown, opts: object): Promise<Job>
  getJob(id: string): Promise<Job | undefined>
  getJobs(types: JobState[], start?: number, end?: number, asc?: boolean): Promise<Job[]>
  getJobCounts(...types: JobState[]): Promise<Record<string, number>>
  on(event: 'error', fn: (err: Error) => void): unknown
  close(): Promise<void>
}
interface BullWorker {
  on(event: 'error', fn: (err: Error) => void): unknown
  on(event: 'failed', fn: (job: Job | undefined, err: Error) => void): unknown
  waitUntilReady(): Promise<unknown>
  close(): Promise<void>
}
type BullProcessor = (job: Job) => Promise<unknown>

interface Driver {
  kind: 'redis' | 'postgres'
  namespace: string
  newQueue(name: string): BullQueue
  newWorker(name: string, processor: BullProcessor, opts: { concurrency: number; removeOnComplete: KeepJobs | undefined }): BullWorker
  close(): Promise<void>
}

function redisDriver(url: string, prefix: string, log: QueueLogger): Driver {
  let producer: Redis | null = null
  let consumer: Redis | null = null
  const watch = (conn: Redis, role: string) => conn.on('error', (err) => log.warn({ err, role }, 'redis connection error'))
  // Producers fail fast while Redis is down (the outbox keeps the message); workers wait.
  const producerConnection = () => (producer ??= watch(new Redis(url, { enableOfflineQueue: false }), 'producer'))
  const workerConnection = () => (consumer ??= watch(new Redis(url, { maxRetriesPerRequest: null }), 'worker'))
  return {
    kind: 'redis',
    namespace: prefix,
    newQueue: (name) => new Queue(name, { connection: producerConnection(), prefix }) as unknown as BullQueue,
    newWorker: (name, processor, opts) =>
      new Worker(name, processor, { connection: workerConnection(), prefix, ...opts }) as unknown as BullWorker,
    async close() {
      await Promise.all([producer, consumer].map((c) => c?.quit().catch(() => c.disconnect())))
      producer = consumer = null
    },
  }
}

function postgresDriver(databaseUrl: string, prefix: string): Driver {
  const schema = queueSchemaName(prefix)
  const { Queue: PgQueue, Worker: PgWorker } = withBackend(createPostgresBackend)
  // Each Queue and Worker owns a pool (plus a LISTEN connection for a Worker): keep the
  // pools small and let idle connections go. `migrate: true` creates the schema when new.
  const connection = (max: number) => ({
    connectionString: databaseUrl,
    schema,
    migrate: true,
    max,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 10_000,
    application_name: `xianjie-queue-${schema}`.slice(0, 63),
  })
  return {
    kind: 'postgres',
    namespace: schema,
    newQueue: (name) => new PgQueue(name, { connection: connection(2) }) as unknown as BullQueue,
    newWorker: (name, processor, opts) =>
      new PgWorker(name, processor, { connection: connection(opts.concurrency + 2), ...opts }) as unknown as BullWorker,
    close: async () => {},
  }
}

// BullMQ waits for a connection before its first command, without limit; a producer must
// fail instead. A late add that still lands is harmless: job ids are deterministic.
function withTimeout<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms; is the queue backend up?`)), ms)
  })
  promise.catch(() => {})
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function toJobInfo(job: Job, state: string): JobInfo {
  return {
    id: job.id ?? '',
    name: job.name,
    data: job.data,
    state,
    attemptsMade: job.attemptsMade,
    delay: job.delay,
    timestamp: job.timestamp,
    processedOn: job.processedOn ?? null,
    finishedOn: job.finishedOn ?? null,
    failedReason: job.failedReason ?? null,
    returnValue: job.returnvalue,
  }
}

/**
 * Creates the queue backend: BullMQ on Redis when `redisUrl` is set, else on
 * PostgreSQL (schema = sanitised prefix, migrated on first use). Connections open
 * lazily, on the first queue or worker.
 */
export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  const log = options.log ?? silentLogger
  const addTimeoutMs = options.addTimeoutMs ?? 5_000
  const driver = options.redisUrl ? redisDriver(options.redisUrl, options.prefix, log) : postgresDriver(options.databaseUrl, options.prefix)
  const queues = new Map<string, { handle: QueueHandle; bull: BullQueue }>()
  const workers = new Set<BullWorker>()
  const listeners = new Set<ChannelListener>()
  let closing: Promise<void> | null = null

  const assertOpen = () => {
    if (closing) throw new Error('queue backend is closed')
  }

  const queue = (name: string): QueueHandle => {
    assertOpen()
    const cached = queues.get(name)
    if (cached) return cached.handle
    const expected = jobNameForQueue(name)
    if (!expected) throw new Error(`unknown queue '${name}'`)
    const bull = driver.newQueue(name)
    bull.on('error', (err) => log.warn({ err, queue: name }, 'queue error'))
    const handle: QueueHandle = {
      name,
      async add(jobName, data, opts) {
        if (jobName !== expected) throw new Error(`job '${jobName}' does not belong on queue '${name}' (expects '${expected}')`)
        const spec = JOBS[jobName]
        const job = await withTimeout(addTimeoutMs, `add to queue '${name}'`, bull.add(jobName, data, {
          jobId: assertJobId(opts.jobId),
          delay: Math.max(0, Math.round(opts.delay ?? 0)),
          attempts: spec.attempts,
          backoff: { type: 'exponential', delay: spec.backoffMs },
          // Jobs that keep failing stay in the failed set, visible and reported.
          removeOnFail: false,
        }))
        return job.id ?? opts.jobId
      },
      async getJob(jobId) {
        const job = await bull.getJob(jobId)
        return job ? toJobInfo(job, await job.getState()) : null
      },
      async getJobs(states, start = 0, end = -1) {
        const jobs = await bull.getJobs(states, start, end, true)
        return Promise.all(jobs.map(async (job) => toJobInfo(job, await job.getState())))
      },
      getJobCounts: (...states) => bull.getJobCounts(...states),
    }
    queues.set(name, { handle, bull })
    return handle
  }

  const worker = (name: string, processor: JobProcessor, opts: WorkerOptions = {}): WorkerHandle => {
    assertOpen()
    const expected = jobNameForQueue(name)
    if (!expected) throw new Error(`unknown queue '${name}'`)
    if (typeof processor !== 'function') {
      const names = Object.keys(processor)
      if (names.length !== 1 || names[0] !== expected) throw new Error(`a worker on '${name}' needs exactly one handler, for '${expected}' (got ${names.join(', ') || 'none'})`)
    }
    const run = async (job: Job): Promise<unknown> => {
      let parsed
      try {
        parsed = parseJob(job.name, job.data)
      } catch (err) {
        if (err instanceof JobPayloadError) throw new UnrecoverableError(err.message)
        throw err
      }
      if (parsed.name !== expected) throw new UnrecoverableError(`job '${parsed.name}' does not belong on queue '${name}'`)
      const queueJob = { id: job.id ?? '', queueName: name, name: parsed.name, data: parsed.data, attemptsMade: job.attemptsMade, timestamp: job.timestamp } as AnyQueueJob
      if (typeof processor === 'function') return processor(queueJob)
      const handler = processor[queueJob.name] as ((j: AnyQueueJob) => Promise<unknown>) | undefined
      return handler!(queueJob)
    }
    const concurrency = opts.concurrency ?? 1
    // BullMQ keeps completed jobs when the retention is undefined.
    const removeOnComplete = opts.removeOnComplete === false ? undefined : (opts.removeOnComplete ?? DEFAULT_REMOVE_ON_COMPLETE)
    const bull = driver.newWorker(name, run, { concurrency, removeOnComplete })
    bull.on('error', (err) => log.error({ err, queue: name }, 'queue worker error'))
    bull.on('failed', (job, err) => {
      const final = !job || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
      const fields = { err, queue: name, jobId: job?.id, job: job?.name, attemptsMade: job?.attemptsMade }
      // A job that will not be retried stays in the failed set for a person to look at.
      if (final) log.error(fields, 'job failed for good')
      else log.warn(fields, 'job failed; will retry')
    })
    workers.add(bull)
    return {
      queueName: name,
      waitUntilReady: async () => {
        await bull.waitUntilReady()
      },
      close: async () => {
        workers.delete(bull)
        await bull.close()
      },
    }
  }

  const listen = (channel: string, onNotify: () => void): ChannelListener => {
    assertOpen()
    const listener = listenToChannel({ connectionString: options.databaseUrl, channel, onNotify, log })
    listeners.add(listener)
    return {
      close: async () => {
        listeners.delete(listener)
        await listener.close()
      },
    }
  }

  return {
    kind: driver.kind,
    namespace: driver.namespace,
    queue,
    worker,
    listen,
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...listeners].map((l) => l.close()))
        await Promise.allSettled([...workers].map((w) => w.close()))
        await Promise.allSettled([...queues.values()].map((q) => q.bull.close()))
        await driver.close()
        workers.clear()
        queues.clear()
        listeners.clear()
      })()
      return closing
    },
  }
}
