import { sql, type Kysely } from 'kysely'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '@xianjie/config'
import type { Database, NewTimerRow } from '@xianjie/db'
import { createEngine, PROCEDURES, type Engine } from '@xianjie/engine'
import { TIMERS_QUEUE, createQueueBackend, timerRetryJobId, type QueueBackend } from '@xianjie/queue'
import { calendar } from '@xianjie/calendar'
import { SimulatedClock } from '../../../test/support/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { CASE_OPEN, demoActor, SHA, TEAM } from '../../../test/support/samples.ts'
import { insertBareCase, until } from '../../../test/support/wait.ts'
import { cleanRedisPrefix, redisUrl } from '../../../test/support/env.ts'
import { rebuildTimers, startScheduler, type Scheduler } from './scheduler.ts'

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })
const START = '2026-03-10T02:00:00Z'

const insertCase = (db: Kysely<Database>) => insertBareCase(db, 'F2', 'scheduler test')

function timer(caseId: string, name: string, dueAt: string, status: NewTimerRow['status'] = 'SCHEDULED'): NewTimerRow {
  return {
    id: `${caseId}.${name}.1`,
    case_id: caseId,
    name,
    send_id: `xstate.after.${name}.ct.x`,
    state_id: 'F2',
    owner_agency_id: 'msa-620400',
    started_seq: 1,
    started_at: START,
    due_at: dueAt,
    provisional: false,
    status,
    rule: JSON.stringify({ unit: 'cd', duration: 3 }),
  }
}

describe.each(['redis', 'postgres'] as const)('timer rebuild on %s', (kind) => {
  let tdb: TestDatabase
  const backends: QueueBackend[] = []
  const open = (prefix: string) => {
    const b = createQueueBackend({ redisUrl: kind === 'redis' ? redisUrl() : undefined, databaseUrl: tdb.url, prefix, log })
    backends.push(b)
    return b
  }

  beforeAll(async () => {
    tdb = await createTestDatabase()
  })
  afterEach(async () => {
    for (const b of backends.splice(0)) await b.close()
  })
  afterAll(async () => {
    await tdb?.drop()
  })

  it('restores every scheduled timer after the queue store is wiped, and only once', async () => {
    const clock = new SimulatedClock(START)
    const caseId = await insertCase(tdb.db)
    const rows = [
      timer(caseId, 'T1', '2026-03-13T02:00:00Z'),
      timer(caseId, 'T2', '2026-03-11T02:00:00Z'),
      timer(caseId, 'T0', '2026-03-09T02:00:00Z'), // overdue while the scheduler was down
      timer(caseId, 'T4', '2026-03-12T02:00:00Z', 'CANCELLED'),
      timer(caseId, 'T5', '2026-03-08T02:00:00Z', 'MET'),
    ]
    await tdb.db.insertInto('timers').values(rows).execute()
    const prefix = `${tdb.queuePrefix}-rebuild-${kind}`
    const counts = (b: QueueBackend) => b.queue(TIMERS_QUEUE).getJobCounts('waiting', 'delayed')

    let queues = open(prefix)
    expect(await rebuildTimers({ db: tdb.db, queues, clock })).toBe(3)
    expect(await rebuildTimers({ db: tdb.db, queues, clock })).toBe(3)
    expect(await counts(queues)).toEqual({ waiting: 1, delayed: 2 })

    // Lose the queue store: Redis keys under this prefix, or the PostgreSQL queue schema.
    await queues.close()
    if (kind === 'redis') await cleanRedisPrefix(redisUrl(), prefix)
    else await sql`drop schema ${sql.id(queues.namespace)} cascade`.execute(tdb.db)
    queues = open(prefix)
    expect(await counts(queues)).toEqual({ waiting: 0, delayed: 0 })

    expect(await rebuildTimers({ db: tdb.db, queues, clock })).toBe(3)
    expect(await counts(queues)).toEqual({ waiting: 1, delayed: 2 })
    const t1 = await queues.queue(TIMERS_QUEUE).getJob(`${caseId}.T1.1`)
    expect(t1).toMatchObject({ state: 'delayed', delay: 3 * 86_400_000, data: { timerId: `${caseId}.T1.1`, caseId, dueAt: '2026-03-13T02:00:00.000Z' } })
    expect(await queues.queue(TIMERS_QUEUE).getJob(`${caseId}.T4.1`)).toBeNull()
  })
})

// ---- With the engine: firing deadlines of the criminal-transfer procedure -------------

const OFFICER = demoActor('msa-620400.officer1', ['msa.officer'])

/** Opens a case and submits the transfer report: T1 (head decides within 3 days) runs. */
async function caseAwaitingApproval(engine: Engine, clock: SimulatedClock): Promise<{ caseId: string; timerId: string }> {
  const opened = await engine.openCase(
    {
      procedure: 'criminal-transfer',
      payload: CASE_OPEN,
    },
    OFFICER,
  )
  clock.advance(60_000)
  await engine.execute(opened.caseId, { type: 'FORM_TEAM', payload: TEAM }, OFFICER)
  clock.advance(60_000)
  await engine.execute(opened.caseId, { type: 'SUBMIT_TRANSFER_REPORT', payload: { report: { name: '书面报告.pdf', sha256: 'a'.repeat(64) }, summary: '涉案金额八万六千元，已达追诉标准' } }, OFFICER)
  const view = await engine.readCase(opened.caseId, OFFICER)
  const t1 = view.deadlines.find((d) => d.name === 'T1' && d.status === 'SCHEDULED')
  if (!t1) throw new Error(`T1 not started: ${JSON.stringify(view.deadlines)}`)
  return { caseId: opened.caseId, timerId: t1.id }
}

describe.each(['redis', 'postgres'] as const)('scheduler with the engine on %s', (kind) => {
  let tdb: TestDatabase
  let clock: SimulatedClock
  let engine: Engine
  let queues: QueueBackend
  let scheduler: Scheduler
  const status = async (timerId: string) => (await tdb.db.selectFrom('timers').select('status').where('id', '=', timerId).executeTakeFirstOrThrow()).status

  beforeAll(async () => {
    tdb = await createTestDatabase()
    clock = new SimulatedClock(START)
    engine = createEngine({ db: tdb.db, procedures: PROCEDURES, calendar, clock })
    queues = createQueueBackend({ redisUrl: kind === 'redis' ? redisUrl() : undefined, databaseUrl: tdb.url, prefix: `${tdb.queuePrefix}-scheduler-${kind}`, log })
  })
  afterEach(async () => {
    await scheduler?.close()
  })
  afterAll(async () => {
    await queues?.close()
    await tdb?.drop()
  })

  const start = async () => {
    // sweepIntervalMs 0: the test sweeps by hand, against the simulated clock.
    scheduler = await startScheduler({ db: tdb.db, engine, queues, log, config: { ...loadConfig({}), sweepIntervalMs: 0 }, clock }, { concurrency: 1 })
    return scheduler
  }

  it('arms a started deadline at start, delayed until it is due', async () => {
    const { timerId } = await caseAwaitingApproval(engine, clock)
    await start()
    const job = await queues.queue(TIMERS_QUEUE).getJob(timerId)
    const due = await tdb.db.selectFrom('timers').select('due_at').where('id', '=', timerId).executeTakeFirstOrThrow()
    expect(job).toMatchObject({ state: 'delayed', delay: new Date(due.due_at).getTime() - clock.now().getTime() })
  })

  it('re-arms a timer job that runs before its deadline, without firing it', async () => {
    const { caseId, timerId } = await caseAwaitingApproval(engine, clock)
    await start()
    const due = (await tdb.db.selectFrom('timers').select('due_at').where('id', '=', timerId).executeTakeFirstOrThrow()).due_at
    const queue = queues.queue(TIMERS_QUEUE)
    await queue.add('timer.fire', { timerId, caseId, dueAt: new Date(due).toISOString() }, { jobId: timerRetryJobId(timerId, 1), delay: 0 })
    await until(async () => (await queue.getJob(timerRetryJobId(timerId, 1)))?.state === 'completed')
    expect((await queue.getJob(timerRetryJobId(timerId, 1)))?.returnValue).toEqual({ fired: false, rearmed: timerRetryJobId(timerId, 2) })
    expect(await queue.getJob(timerRetryJobId(timerId, 2))).toMatchObject({ state: 'delayed', delay: new Date(due).getTime() - clock.now().getTime() })
    expect(await status(timerId)).toBe('SCHEDULED')
  })

  it('fires a due timer when its job runs', async () => {
    const { caseId, timerId } = await caseAwaitingApproval(engine, clock)
    await start()
    clock.advanceDays(4)
    const queue = queues.queue(TIMERS_QUEUE)
    const jobId = timerRetryJobId(timerId, 1)
    await queue.add('timer.fire', { timerId, caseId, dueAt: clock.now().toISOString() }, { jobId, delay: 0 })
    await until(async () => (await queue.getJob(jobId))?.state === 'completed')
    expect((await queue.getJob(jobId))?.returnValue).toMatchObject({ fired: true, seq: expect.any(Number) })
    expect(await status(timerId)).toBe('OVERDUE_DUTY')
    // The overdue duty raised a supervision alert for the notify queue.
    const alert = await tdb.db.selectFrom('outbox').select(['job_name', 'payload']).where('case_id', '=', caseId).where('queue', '=', 'notify').executeTakeFirst()
    expect(alert?.payload).toMatchObject({ timer: 'T1', toAgencyId: 'government-620400' })
  })

  it('sweeps the timers due by the clock, and a second sweep fires nothing', async () => {
    await start()
    await scheduler.sweep() // earlier tests' cases share the database and the clock
    const a = await caseAwaitingApproval(engine, clock)
    const b = await caseAwaitingApproval(engine, clock)
    expect(await scheduler.sweep()).toBe(0)
    clock.advanceDays(4)
    expect(await scheduler.sweep()).toBeGreaterThanOrEqual(2)
    expect(await status(a.timerId)).toBe('OVERDUE_DUTY')
    expect(await status(b.timerId)).toBe('OVERDUE_DUTY')
    expect(await scheduler.sweep()).toBe(0)
    // The stale delayed job of a fired timer finds nothing to do when it runs.
    const queue = queues.queue(TIMERS_QUEUE)
    await queue.add('timer.fire', { timerId: a.timerId, caseId: a.caseId, dueAt: clock.now().toISOString() }, { jobId: timerRetryJobId(a.timerId, 9) })
    await until(async () => (await queue.getJob(timerRetryJobId(a.timerId, 9)))?.state === 'completed')
    expect((await queue.getJob(timerRetryJobId(a.timerId, 9)))?.returnValue).toEqual({ fired: false, status: 'OVERDUE_DUTY' })
  })

  it('alerts the supervisor once when a duty has used two thirds of its time', async () => {
    await start()
    await scheduler.sweep()
    const { caseId } = await caseAwaitingApproval(engine, clock)
    const alerts = async () => (await tdb.db.selectFrom('outbox').select('payload').where('case_id', '=', caseId).where('queue', '=', 'notify').execute()).map((r) => r.payload)
    await scheduler.sweep()
    expect(await alerts()).toEqual([])
    // T1, reported at about 10:00 Beijing, runs to 24:00 three days later (about 86 h): two
    // thirds (about 57 h) have passed after 3 days, and it is not yet due.
    clock.advanceDays(3)
    await scheduler.sweep()
    await scheduler.sweep()
    expect(await alerts()).toEqual([expect.objectContaining({ timer: 'T1', stage: 'atRisk', toAgencyId: 'government-620400' })])
  })

  it('sweeps on its own every sweepIntervalMs', async () => {
    const { timerId } = await caseAwaitingApproval(engine, clock)
    clock.advanceDays(4)
    scheduler = await startScheduler({ db: tdb.db, engine, queues, log, config: { ...loadConfig({}), sweepIntervalMs: 100 }, clock }, { worker: false })
    await until(async () => (await status(timerId)) === 'OVERDUE_DUTY', 5_000)
  })
})
