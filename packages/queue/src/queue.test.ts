import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { redisUrl } from '../../../test/support/env.ts'
import {
  NOTIFY_QUEUE,
  TIMERS_QUEUE,
  agencyIdOfQueue,
  agencyQueueName,
  createQueueBackend,
  jobNameForQueue,
  outboxJobId,
  parseJob,
  queueSchemaName,
  timerJobId,
  timerRetryCount,
  timerRetryJobId,
  type DispatchJobData,
  type QueueBackend,
  type QueueJob,
} from './index.ts'

const dispatch = (over: Partial<DispatchJobData> = {}): DispatchJobData => ({
  outboxId: '17',
  caseId: randomUUID(),
  seq: 3,
  kind: 'transferLetter',
  title: { zh: '涉嫌犯罪案件移送书', en: 'Transfer letter' },
  task: 'reviewTransfer',
  stateId: 'S2',
  dueAt: '2026-03-04T00:00:00.000Z',
  agencyId: 'police-620400',
  ...over,
})

/** Resolves when `predicate` holds, polling every 25 ms, or rejects after `ms`. */
async function until(predicate: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('topology and catalog', () => {
  it('names queues and maps each to its one job', () => {
    expect(agencyQueueName('police-620400')).toBe('agency.police-620400')
    expect(agencyIdOfQueue('agency.court.basic-620402')).toBe('court.basic-620402')
    expect(agencyIdOfQueue(TIMERS_QUEUE)).toBeNull()
    expect(jobNameForQueue('agency.msa-620400')).toBe('dispatch')
    expect(jobNameForQueue(TIMERS_QUEUE)).toBe('timer.fire')
    expect(jobNameForQueue(NOTIFY_QUEUE)).toBe('alert')
    expect(jobNameForQueue('effects')).toBeNull()
    expect(() => agencyQueueName('a:b')).toThrow(/invalid agency id/)
  })

  it('builds job ids BullMQ accepts', () => {
    expect(outboxJobId('42')).toBe('ob-42')
    const timerId = `${randomUUID()}.T6.5`
    expect(timerJobId(timerId)).toBe(timerId)
    expect(timerRetryJobId(timerId, 2)).toBe(`${timerId}.r2`)
    expect(timerRetryCount(timerId, timerId)).toBe(0)
    expect(timerRetryCount(timerId, `${timerId}.r2`)).toBe(2)
    expect(() => timerJobId('case:T6:1')).toThrow(/invalid job id/)
    expect(() => timerJobId('123')).toThrow(/invalid job id/)
  })

  it('parses payloads, keeping only catalog fields', () => {
    const data = { ...dispatch(), outboxId: 17, partyName: '张三' }
    const parsed = parseJob('dispatch', data)
    expect(parsed.name).toBe('dispatch')
    expect(parsed.data).toEqual({ ...dispatch({ caseId: data.caseId }), outboxId: '17' })
    expect(parsed.data).not.toHaveProperty('partyName')
    expect(parseJob('timer.fire', { timerId: 'c.T6.5', caseId: 'c', dueAt: '2026-03-04T00:00:00Z' }).data).toEqual({
      timerId: 'c.T6.5',
      caseId: 'c',
      dueAt: '2026-03-04T00:00:00Z',
    })
  })

  it('lists every problem of a bad payload', () => {
    expect(() => parseJob('dispatch', { ...dispatch(), seq: -1, title: 'x', dueAt: 'tomorrow' })).toThrow(
      /seq must be a non-negative integer; title must be a \{zh, en\} text; dueAt must be an ISO instant/,
    )
    expect(() => parseJob('alert', null)).toThrow(/payload must be an object/)
    expect(() => parseJob('effects.send', {})).toThrow(/unknown job name/)
  })

  it('derives a valid PostgreSQL schema from a prefix', () => {
    expect(queueSchemaName('xj-abc-12ef')).toBe('xj_abc_12ef')
    expect(queueSchemaName('1st')).toBe('q_1st')
    const long = queueSchemaName('x'.repeat(80))
    expect(long).toHaveLength(63)
    expect(long).not.toBe(queueSchemaName(`${'x'.repeat(79)}y`))
  })
})

describe.each(['redis', 'postgres'] as const)('queue backend on %s', (kind) => {
  let tdb: TestDatabase
  let backend: QueueBackend
  let n = 0
  const open = (prefix = `${tdb.queuePrefix}-${kind}-${++n}`) =>
    createQueueBackend({ redisUrl: kind === 'redis' ? redisUrl() : undefined, databaseUrl: tdb.url, prefix })

  beforeAll(async () => {
    tdb = await createTestDatabase()
  })
  afterEach(async () => {
    await backend?.close()
  })
  afterAll(async () => {
    await tdb?.drop()
  })

  it(`is the ${kind} backend`, () => {
    backend = open()
    expect(backend.kind).toBe(kind)
  })

  it('delivers a validated job to its handler and dedupes a repeated job id', async () => {
    backend = open()
    const name = agencyQueueName('police-620400')
    const queue = backend.queue(name)
    expect(backend.queue(name)).toBe(queue)
    const data = dispatch()
    expect(await queue.add('dispatch', data, { jobId: outboxJobId('17') })).toBe('ob-17')
    expect(await queue.add('dispatch', data, { jobId: outboxJobId('17') })).toBe('ob-17')
    expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 1, delayed: 0 })

    const seen: Array<QueueJob<'dispatch'>> = []
    backend.worker(name, { dispatch: async (job) => void seen.push(job) })
    await until(async () => (await queue.getJob('ob-17'))?.state === 'completed')
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ id: 'ob-17', name: 'dispatch', queueName: name, data, attemptsMade: 0 })
    // Kept after completion, so a replayed add is still a no-op.
    await queue.add('dispatch', data, { jobId: outboxJobId('17') })
    await new Promise((r) => setTimeout(r, 300))
    expect(seen).toHaveLength(1)
  })

  it('refuses a job on the wrong queue and an id with a colon', async () => {
    backend = open()
    const queue = backend.queue(TIMERS_QUEUE)
    await expect(queue.add('dispatch' as 'timer.fire', dispatch() as never, { jobId: 'x' })).rejects.toThrow(/does not belong/)
    await expect(queue.add('timer.fire', { timerId: 'a:b', caseId: 'c', dueAt: new Date().toISOString() }, { jobId: 'a:b' })).rejects.toThrow(
      /invalid job id/,
    )
    expect(() => backend.queue('effects')).toThrow(/unknown queue/)
    expect(() => backend.worker(NOTIFY_QUEUE, { dispatch: async () => {} })).toThrow(/exactly one handler/)
  })

  it('fails a job with a bad payload at once and keeps it in the failed set', async () => {
    backend = open()
    const queue = backend.queue(NOTIFY_QUEUE)
    // Bypass the typed add: an old producer could still write such a job.
    await queue.add('alert', { caseId: 'c1' } as never, { jobId: 'ob-5' })
    let calls = 0
    backend.worker(NOTIFY_QUEUE, async () => void calls++)
    await until(async () => (await queue.getJob('ob-5'))?.state === 'failed')
    const job = await queue.getJob('ob-5')
    expect(job).toMatchObject({ attemptsMade: 1 })
    expect(job?.failedReason).toMatch(/invalid alert job payload/)
    expect(calls).toBe(0)
  })

  it('retries a failing job with backoff until it succeeds', async () => {
    backend = open()
    const queue = backend.queue(TIMERS_QUEUE)
    const timerId = `${randomUUID()}.T6.1`
    await queue.add('timer.fire', { timerId, caseId: randomUUID(), dueAt: new Date().toISOString() }, { jobId: timerJobId(timerId) })
    const attempts: number[] = []
    backend.worker(TIMERS_QUEUE, {
      'timer.fire': async (job) => {
        attempts.push(job.attemptsMade)
        if (attempts.length < 2) throw new Error('database busy')
        return 'fired'
      },
    })
    await until(async () => (await queue.getJob(timerId))?.state === 'completed', 20_000)
    expect(attempts).toEqual([0, 1])
    expect((await queue.getJob(timerId))?.returnValue).toBe('fired')
  })

  it('holds a delayed job until its delay has passed', async () => {
    backend = open()
    const queue = backend.queue(TIMERS_QUEUE)
    const timerId = `${randomUUID()}.T9.2`
    const added = Date.now()
    await queue.add('timer.fire', { timerId, caseId: randomUUID(), dueAt: new Date(added + 800).toISOString() }, { jobId: timerId, delay: 800 })
    expect((await queue.getJob(timerId))?.state).toBe('delayed')
    let ranAt = 0
    backend.worker(TIMERS_QUEUE, async () => void (ranAt = Date.now()))
    await until(() => ranAt > 0)
    expect(ranAt - added).toBeGreaterThanOrEqual(750)
  })

  it('wakes a listener on pg_notify', async () => {
    backend = open()
    let wakes = 0
    backend.listen('xianjie_outbox', () => void wakes++)
    await until(() => wakes >= 1) // the first wake follows the connect
    const c = new pg.Client({ connectionString: tdb.url })
    await c.connect()
    try {
      await until(async () => {
        await c.query(`select pg_notify('xianjie_outbox', '')`)
        return wakes >= 2
      })
    } finally {
      await c.end()
    }
  })

  it('closes idempotently and refuses use afterwards', async () => {
    backend = open()
    backend.queue(NOTIFY_QUEUE)
    backend.worker(NOTIFY_QUEUE, { alert: async () => {} })
    await Promise.all([backend.close(), backend.close()])
    expect(() => backend.queue(NOTIFY_QUEUE)).toThrow(/closed/)
  })

  if (kind === 'postgres') {
    it('creates its schema on a fresh database (migrate: true)', async () => {
      const prefix = `Fresh-${randomUUID()}`
      const schema = queueSchemaName(prefix)
      const c = new pg.Client({ connectionString: tdb.url })
      await c.connect()
      try {
        const exists = async () => (await c.query('select 1 from information_schema.schemata where schema_name = $1', [schema])).rowCount === 1
        expect(await exists()).toBe(false)
        backend = open(prefix)
        expect(backend.namespace).toBe(schema)
        const queue = backend.queue(NOTIFY_QUEUE)
        await queue.add(
          'alert',
          { outboxId: '9', caseId: randomUUID(), timer: 'T6', toAgencyId: 'government-620400', reason: { zh: '逾期', en: 'overdue' }, source: 'R310 art. 5' },
          { jobId: outboxJobId('9') },
        )
        expect(await exists()).toBe(true)
        expect((await queue.getJob('ob-9'))?.state).toBe('waiting')
        // A second backend on the same schema finds it migrated and sees the same job.
        const again = open(prefix)
        try {
          expect((await again.queue(NOTIFY_QUEUE).getJob('ob-9'))?.name).toBe('alert')
        } finally {
          await again.close()
        }
      } finally {
        await c.end()
      }
    })
  }
})
