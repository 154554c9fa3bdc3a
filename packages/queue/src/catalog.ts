// The job catalog: the only place job names, their queues, their payloads and their
// retry policy are defined. Payloads carry ids and document kinds, never personal data.

import { NOTIFY_QUEUE, TIMERS_QUEUE, agencyIdOfQueue } from './topology.ts'

export interface LocalizedText {
  zh: string
  en: string
}

/** A document or notice for one agency (queue `agency.<agencyId>`). */
export interface DispatchJobData {
  /** The outbox row id: the dispatch id the engine's `recordReceipt` takes. */
  outboxId: string
  caseId: string
  seq: number
  kind: string
  title: LocalizedText
  task: string | null
  stateId: string
  dueAt: string | null
  agencyId: string
}

/** A durable statutory deadline (queue `timers`). */
export interface TimerFireJobData {
  timerId: string
  caseId: string
  dueAt: string
  /** Set when the relay published it; absent when the scheduler rebuilt it from `timers`. */
  outboxId?: string
}

/** A supervision alert for an overdue duty (queue `notify`). */
export interface AlertJobData {
  outboxId: string
  caseId: string
  timer: string
  toAgencyId: string
  reason: LocalizedText
  source: string
}

export interface JobDataByName {
  dispatch: DispatchJobData
  'timer.fire': TimerFireJobData
  alert: AlertJobData
}
export type JobName = keyof JobDataByName
export type JobData<N extends JobName = JobName> = JobDataByName[N]

export interface JobSpec {
  /** The queue, or `agency` for the per-agency queues. */
  queue: 'agency' | typeof TIMERS_QUEUE | typeof NOTIFY_QUEUE
  /** Attempts before the job stays in the failed set. */
  attempts: number
  /** First retry delay; doubles on each attempt (exponential backoff). */
  backoffMs: number
}

export const JOBS = {
  dispatch: { queue: 'agency', attempts: 12, backoffMs: 1_000 },
  'timer.fire': { queue: TIMERS_QUEUE, attempts: 12, backoffMs: 2_000 },
  alert: { queue: NOTIFY_QUEUE, attempts: 8, backoffMs: 2_000 },
} as const satisfies Record<JobName, JobSpec>

export const JOB_NAMES = Object.keys(JOBS) as JobName[]

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(JOBS, name)
}

/** The one job name a queue carries, or null for a queue outside the topology. */
export function jobNameForQueue(queueName: string): JobName | null {
  if (agencyIdOfQueue(queueName) !== null) return 'dispatch'
  if (queueName === TIMERS_QUEUE) return 'timer.fire'
  if (queueName === NOTIFY_QUEUE) return 'alert'
  return null
}

// ---- Job ids ------------------------------------------------------------------------
// BullMQ dedupes a custom job id only while a job with that id exists, and refuses ids
// that contain ':' or are all digits.

/** Throws unless `id` is usable as a BullMQ custom job id. */
export function assertJobId(id: string): string {
  if (id === '' || id.includes(':') || /^\d+$/.test(id)) throw new Error(`invalid job id '${id}': no ':' and not all digits`)
  return id
}

/** Job id of a relayed outbox row (dispatch and alert): deterministic, so a relay restart publishes nothing twice. */
export function outboxJobId(outboxId: string): string {
  return assertJobId(`ob-${outboxId}`)
}

/** Job id of a deadline: the timer id itself (`<caseId>.<timer>.<seq>`). */
export function timerJobId(timerId: string): string {
  return assertJobId(timerId)
}

/** Job id of the `n`th re-arming of a timer that was picked up before it was due. */
export function timerRetryJobId(timerId: string, n: number): string {
  return assertJobId(`${timerId}.r${n}`)
}

/** How many times the job `jobId` re-armed timer `timerId` (0 for the original job). */
export function timerRetryCount(timerId: string, jobId: string): number {
  if (!jobId.startsWith(`${timerId}.r`)) return 0
  const n = Number(jobId.slice(timerId.length + 2))
  return Number.isInteger(n) && n > 0 ? n : 0
}

// ---- Payload validation ------------------------------------------------------------

/** A job payload that does not match the catalog. Retrying cannot fix it. */
export class JobPayloadError extends Error {
  readonly problems: string[]
  constructor(jobName: string, problems: string[]) {
    super(`invalid ${jobName} job payload: ${problems.join('; ')}`)
    this.name = 'JobPayloadError'
    this.problems = problems
  }
}

export type ParsedJob = { [N in JobName]: { name: N; data: JobDataByName[N] } }[JobName]

type Reader = ReturnType<typeof reader>

function reader(value: unknown, problems: string[]) {
  const obj: Record<string, unknown> = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  if (obj !== value) problems.push('payload must be an object')
  const fail = (key: string, what: string): never => {
    problems.push(`${key} must be ${what}`)
    return undefined as never
  }
  const string = (key: string): string => {
    const v = obj[key]
    return typeof v === 'string' && v !== '' ? v : fail(key, 'a non-empty string')
  }
  const instant = (key: string): string => {
    const v = obj[key]
    return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : fail(key, 'an ISO instant')
  }
  return {
    string,
    instant,
    /** Ids arrive as strings (bigserial) but numbers are accepted and normalised. */
    id: (key: string): string => {
      const v = obj[key]
      if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return String(v)
      return typeof v === 'string' && /^[1-9]\d*$/.test(v) ? v : fail(key, 'a positive integer id')
    },
    int: (key: string): number => {
      const v = obj[key]
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fail(key, 'a non-negative integer')
    },
    nullableString: (key: string): string | null => (obj[key] === null || obj[key] === undefined ? null : string(key)),
    nullableInstant: (key: string): string | null => (obj[key] === null || obj[key] === undefined ? null : instant(key)),
    text: (key: string): LocalizedText => {
      const v = obj[key] as Record<string, unknown> | null | undefined
      if (typeof v === 'object' && v !== null && typeof v.zh === 'string' && typeof v.en === 'string') return { zh: v.zh, en: v.en }
      return fail(key, 'a {zh, en} text')
    },
    has: (key: string): boolean => obj[key] !== undefined,
  }
}

const PARSERS: { [N in JobName]: (r: Reader) => JobDataByName[N] } = {
  dispatch: (r) => ({
    outboxId: r.id('outboxId'),
    caseId: r.string('caseId'),
    seq: r.int('seq'),
    kind: r.string('kind'),
    title: r.text('title'),
    task: r.nullableString('task'),
    stateId: r.string('stateId'),
    dueAt: r.nullableInstant('dueAt'),
    agencyId: r.string('agencyId'),
  }),
  'timer.fire': (r) => ({
    timerId: r.string('timerId'),
    caseId: r.string('caseId'),
    dueAt: r.instant('dueAt'),
    ...(r.has('outboxId') ? { outboxId: r.id('outboxId') } : {}),
  }),
  alert: (r) => ({
    outboxId: r.id('outboxId'),
    caseId: r.string('caseId'),
    timer: r.string('timer'),
    toAgencyId: r.string('toAgencyId'),
    reason: r.text('reason'),
    source: r.string('source'),
  }),
}

/**
 * Checks a job's payload against the catalog and returns it typed, keeping only the
 * catalog's fields (so nothing else, personal data included, travels on a queue).
 * Throws JobPayloadError listing every problem.
 */
export function parseJob(name: string, data: unknown): ParsedJob {
  if (!isJobName(name)) throw new JobPayloadError(name, [`unknown job name '${name}' (${JOB_NAMES.join(', ')})`])
  const problems: string[] = []
  const parsed = PARSERS[name](reader(data, problems))
  if (problems.length > 0) throw new JobPayloadError(name, problems)
  return { name, data: parsed } as ParsedJob
}
