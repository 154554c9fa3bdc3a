import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import type { Actor } from '@xianjie/domain'
import { createEngine, PROCEDURES, type Engine } from '@xianjie/engine'
import { NOTIFY_QUEUE, TIMERS_QUEUE, agencyQueueName, createQueueBackend, outboxJobId, type QueueBackend } from '@xianjie/queue'
import { calendar } from '@xianjie/calendar'
import { SimulatedClock } from '../../../test/support/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { CASE_OPEN, demoActor, SHA, TEAM } from '../../../test/support/samples.ts'
import { insertBareCase, until } from '../../../test/support/wait.ts'
import { redisUrl } from '../../../test/support/env.ts'
import { selectAgencies } from './agencies.ts'
import { createOutboxRelay, outboxRowToJob, type OutboxRelay } from './relay.ts'
import { startRouter, type Router } from './router.ts'

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })
const POLICE = 'police-620400'
const PROCURATORATE = 'procuratorate-620400'

const insertCase = (db: Kysely<Database>) => insertBareCase(db, 'F4', 'relay test')

type NewRow = { queue: string; job_name: string; payload: Record<string, unknown> }
const dispatchRow = (caseId: string, agencyId: string, seq = 2): NewRow => ({
  queue: agencyQueueName(agencyId),
  job_name: 'dispatch',
  payload: { caseId, seq, kind: 'transferLetter', title: { zh: '涉嫌犯罪案件移送书', en: 'Transfer letter' }, task: 'signReceipt', stateId: 'F4', dueAt: null, dueTimer: 'T3', agencyId },
})
const timerRow = (caseId: string, dueAt: Date, name = 'T3'): NewRow => ({
  queue: TIMERS_QUEUE,
  job_name: 'timer.fire',
  payload: { timerId: `${caseId}.${name}.${randomUUID().slice(0, 8)}`, caseId, dueAt: dueAt.toISOString() },
})
const alertRow = (caseId: string): NewRow => ({
  queue: NOTIFY_QUEUE,
  job_name: 'alert',
  payload: { caseId, seq: 3, timer: 'T3', toAgencyId: PROCURATORATE, reason: { zh: '逾期', en: 'overdue' }, source: 'R310 arts 7, 17' },
})

async function insertOutbox(db: Kysely<Database>, caseId: string, rows: NewRow[]): Promise<string[]> {
  const inserted = await db
    .insertInto('outbox')
    .values(rows.map((r, i) => ({ case_id: caseId, seq: i + 1, queue: r.queue, job_name: r.job_name, payload: JSON.stringify(r.payload) })))
    .returning('id')
    .execute()
  return inserted.map((r) => r.id)
}

describe(selectAgencies.name, () => {
  const agencies = [
    { id: 'msa-620400', division_code: '620400' },
    { id: 'police-620400', division_code: '620400' },
    { id: 'court.basic-620402', division_code: '620402' },
    { id: 'police-370100', division_code: '370100' },
  ]
  it('takes all, agency ids or division prefixes', () => {
    expect(selectAgencies(agencies, 'all').ids).toHaveLength(4)
    expect(selectAgencies(agencies, ' ').ids).toHaveLength(4)
    expect(selectAgencies(agencies, 'police-370100, 620400').ids).toEqual(['msa-620400', 'police-620400', 'police-370100'])
    expect(selectAgencies(agencies, '6204').ids).toEqual(['msa-620400', 'police-620400', 'court.basic-620402'])
    expect(selectAgencies(agencies, 'police-999999,62').unmatched).toEqual(['police-999999'])
  })
})

describe.each(['redis', 'postgres'] as const)('outbox relay on %s', (kind) => {
  let tdb: TestDatabase
  let caseId: string
  const opened: Array<{ close(): Promise<void> }> = []
  let n = 0
  const open = (prefix = `${tdb.queuePrefix}-relay-${kind}-${++n}`, over: { redisUrl?: string; databaseUrl?: string } = {}) => {
    const backend = createQueueBackend({
      redisUrl: kind === 'redis' ? (over.redisUrl ?? redisUrl()) : undefined,
      databaseUrl: over.databaseUrl ?? tdb.url,
      prefix,
      log,
      addTimeoutMs: 1_000,
    })
    opened.push(backend)
    return backend
  }
  const relayOn = (queues: QueueBackend, options: { batchSize?: number; pollIntervalMs?: number } = {}, clock = new SimulatedClock('2026-03-10T02:00:00Z')) => {
    const relay = createOutboxRelay({ db: tdb.db, queues, log, clock }, options)
    opened.unshift(relay)
    return relay
  }
  const unpublished = async () => Number((await tdb.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('published_at', 'is', null).executeTakeFirstOrThrow()).n)
  const waitingAndDelayed = async (queues: QueueBackend, name: string) => {
    const counts = await queues.queue(name).getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed')
    return Object.values(counts).reduce((a, b) => a + b, 0)
  }

  beforeAll(async () => {
    tdb = await createTestDatabase()
    caseId = await insertCase(tdb.db)
  })
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close()
    // Each test starts with an empty outbox.
    await tdb.db.updateTable('outbox').set({ published_at: sql`now()` }).where('published_at', 'is', null).execute()
  })
  afterAll(async () => {
    await tdb?.drop()
  })

  it('publishes each row exactly once while two relays race', async () => {
    const rows: NewRow[] = [
      ...Array.from({ length: 120 }, () => dispatchRow(caseId, POLICE)),
      ...Array.from({ length: 40 }, () => dispatchRow(caseId, PROCURATORATE)),
      ...Array.from({ length: 20 }, (_, i) => timerRow(caseId, new Date(Date.parse('2026-03-10T02:00:00Z') + (i - 10) * 3_600_000))),
      ...Array.from({ length: 20 }, () => alertRow(caseId)),
    ]
    const ids = await insertOutbox(tdb.db, caseId, rows)
    const prefix = `${tdb.queuePrefix}-race-${kind}`
    const a = open(prefix)
    const b = open(prefix)
    const relays = [relayOn(a, { batchSize: 15 }), relayOn(b, { batchSize: 15 })]
    const totals = [0, 0]
    for (;;) {
      const counts = await Promise.all(relays.map((r) => r.relayOnce()))
      counts.forEach((c, i) => (totals[i]! += c))
      if (counts.every((c) => c === 0) && (await unpublished()) === 0) break
    }
    expect(totals[0]! + totals[1]!).toBe(rows.length)
    expect(await waitingAndDelayed(a, agencyQueueName(POLICE))).toBe(120)
    expect(await waitingAndDelayed(a, agencyQueueName(PROCURATORATE))).toBe(40)
    expect(await waitingAndDelayed(a, TIMERS_QUEUE)).toBe(20)
    expect(await waitingAndDelayed(a, NOTIFY_QUEUE)).toBe(20)
    const published = await tdb.db.selectFrom('outbox').select(['id', 'published_at', 'attempts']).where('id', 'in', ids).execute()
    expect(published.every((r) => r.published_at !== null && r.attempts === 0)).toBe(true)
    const job = await a.queue(agencyQueueName(POLICE)).getJob(outboxJobId(ids[0]!))
    expect(job?.data).toMatchObject({ outboxId: ids[0], caseId, agencyId: POLICE, kind: 'transferLetter' })
    expect(job?.data).not.toHaveProperty('dueTimer')
  })

  it('publishes nothing twice after a relay died between the add and the commit', async () => {
    const [dispatchId, timerId] = await insertOutbox(tdb.db, caseId, [dispatchRow(caseId, POLICE), timerRow(caseId, new Date('2026-03-11T02:00:00Z'))])
    const queues = open()
    // The dead relay's work: both jobs added, neither row marked published. The dispatch
    // job has even run to completion already.
    const runs: string[] = []
    queues.worker(agencyQueueName(POLICE), { dispatch: async (job) => void runs.push(job.id) })
    const now = new Date('2026-03-10T02:00:00Z')
    for (const id of [dispatchId!, timerId!]) {
      const row = await tdb.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      const out = outboxRowToJob(row, now)
      await queues.queue(out.queue).add(out.job.name, out.job.data as never, { jobId: out.jobId, delay: out.delay })
    }
    await until(async () => (await queues.queue(agencyQueueName(POLICE)).getJob(outboxJobId(dispatchId!)))?.state === 'completed')

    expect(await relayOn(queues).relayOnce()).toBe(2)
    await new Promise((r) => setTimeout(r, 300))
    expect(runs).toEqual([outboxJobId(dispatchId!)])
    expect(await waitingAndDelayed(queues, agencyQueueName(POLICE))).toBe(1)
    expect(await waitingAndDelayed(queues, TIMERS_QUEUE)).toBe(1)
    expect(await unpublished()).toBe(0)
  })

  it('delays a timer by its due instant on the injected clock', async () => {
    const clock = new SimulatedClock('2026-03-10T02:00:00Z')
    const future = timerRow(caseId, new Date('2026-03-10T03:00:00Z'), 'T2')
    const past = timerRow(caseId, new Date('2026-03-09T02:00:00Z'), 'T1')
    await insertOutbox(tdb.db, caseId, [future, past])
    const queues = open()
    expect(await relayOn(queues, {}, clock).relayOnce()).toBe(2)
    const futureJob = await queues.queue(TIMERS_QUEUE).getJob(String(future.payload.timerId))
    expect(futureJob).toMatchObject({ state: 'delayed', delay: 3_600_000, name: 'timer.fire' })
    expect((await queues.queue(TIMERS_QUEUE).getJob(String(past.payload.timerId)))?.state).toBe('waiting')
  })

  it('leaves rows unpublished and counts attempts while the queue backend is down', async () => {
    const [id] = await insertOutbox(tdb.db, caseId, [alertRow(caseId)])
    const down = open(undefined, { redisUrl: 'redis://127.0.0.1:1', databaseUrl: 'postgres://postgres@127.0.0.1:1/none' })
    const relay = relayOn(down)
    expect(await relay.relayOnce()).toBe(0)
    expect(await relay.relayOnce()).toBe(0)
    const row = await tdb.db.selectFrom('outbox').select(['published_at', 'attempts']).where('id', '=', id!).executeTakeFirstOrThrow()
    expect(row).toEqual({ published_at: null, attempts: 2 })

    const up = open()
    expect(await relayOn(up).relayOnce()).toBe(1)
    expect((await up.queue(NOTIFY_QUEUE).getJob(outboxJobId(id!)))?.data).toMatchObject({ outboxId: id, timer: 'T3' })
  })

  it('reports a row that can never be published once and still publishes the rest', async () => {
    const bad = [
      { ...dispatchRow(caseId, POLICE), queue: TIMERS_QUEUE },
      { ...dispatchRow(caseId, POLICE), payload: { caseId, kind: 'transferLetter' } },
      { ...dispatchRow(caseId, POLICE), queue: agencyQueueName(PROCURATORATE) },
    ]
    const ids = await insertOutbox(tdb.db, caseId, [...bad, dispatchRow(caseId, POLICE)])
    const relay = relayOn(open())
    expect(await relay.relayOnce()).toBe(1)
    expect(await relay.relayOnce()).toBe(0)
    const rows = await tdb.db.selectFrom('outbox').select(['id', 'published_at', 'attempts']).where('id', 'in', ids).orderBy('id').execute()
    expect(rows.map((r) => [r.published_at === null, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 1],
      [false, 0],
    ])
  })

  it('wakes on NOTIFY and, without one, on its poll', async () => {
    const queues = open()
    const relay: OutboxRelay = relayOn(queues, { pollIntervalMs: 60_000 })
    relay.start()
    await new Promise((r) => setTimeout(r, 300)) // the loop's first pass and the LISTEN
    const [notified] = await tdb.db.transaction().execute(async (trx) => {
      const ids = await insertOutbox(trx, caseId, [alertRow(caseId)])
      await sql`select pg_notify('xianjie_outbox', '')`.execute(trx)
      return ids
    })
    await until(async () => (await queues.queue(NOTIFY_QUEUE).getJob(outboxJobId(notified!))) !== null, 5_000)

    const polling = relayOn(open(), { pollIntervalMs: 100 })
    polling.start()
    const [polled] = await insertOutbox(tdb.db, caseId, [alertRow(caseId)])
    await until(async () => (await unpublished()) === 0, 5_000)
    expect(polled).toBeDefined()
  })
})

// ---- With the engine: receipts and alerts over the criminal-transfer procedure ------

const OFFICER = demoActor('msa-620400.officer1', ['msa.officer'])
const HEAD = demoActor('msa-620400.head', ['msa.head'])
const POLICE_OFFICER = demoActor('police-620400.officer', ['police.officer'])

/** Opens a criminal-transfer case and carries it to F4: the transfer letter is on its way to the police. */
async function caseDispatchedToPolice(engine: Engine, clock: SimulatedClock): Promise<string> {
  const opened = await engine.openCase(
    {
      procedure: 'criminal-transfer',
      payload: CASE_OPEN,
    },
    OFFICER,
  )
  const run = async (who: Actor, type: string, payload: Record<string, unknown>) => {
    clock.advance(60_000)
    await engine.execute(opened.caseId, { type, payload }, who)
  }
  await run(OFFICER, 'FORM_TEAM', TEAM)
  await run(OFFICER, 'SUBMIT_TRANSFER_REPORT', { report: { name: '书面报告.pdf', sha256: SHA }, summary: '涉案金额八万六千元，已达追诉标准' })
  await run(HEAD, 'APPROVE_TRANSFER', {})
  await run(OFFICER, 'DISPATCH_TRANSFER', {
    letterNo: '白市监移〔2026〕12号',
    documents: ['transferLetter', 'investigationReport', 'itemList', 'testReport'].map((k) => ({ kind: k, name: `${k}.pdf`, sha256: SHA })),
  })
  return opened.caseId
}

describe.each(['redis', 'postgres'] as const)('router with the engine on %s', (kind) => {
  let tdb: TestDatabase
  let clock: SimulatedClock
  let engine: Engine
  let queues: QueueBackend
  let router: Router

  beforeAll(async () => {
    tdb = await createTestDatabase()
    clock = new SimulatedClock('2026-03-10T02:00:00Z')
    engine = createEngine({ db: tdb.db, procedures: PROCEDURES, calendar, clock })
    queues = createQueueBackend({ redisUrl: kind === 'redis' ? redisUrl() : undefined, databaseUrl: tdb.url, prefix: `${tdb.queuePrefix}-router-${kind}`, log })
    const config = { ...loadConfig({}), routerAgencies: `${POLICE},${PROCURATORATE}` }
    router = await startRouter({ db: tdb.db, engine, queues, log, config, clock }, { concurrency: 1 })
  })
  afterAll(async () => {
    await router?.close()
    await queues?.close()
    await tdb?.drop()
  })

  it('serves only the configured agencies', () => {
    expect([...router.agencies]).toEqual([POLICE, PROCURATORATE])
  })

  it('relays the transfer letter and records the police receipt, opening the task', async () => {
    const caseId = await caseDispatchedToPolice(engine, clock)
    const dispatch = await tdb.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).where('queue', '=', agencyQueueName(POLICE)).executeTakeFirstOrThrow()
    await until(async () => (await queues.queue(agencyQueueName(POLICE)).getJob(outboxJobId(dispatch.id)))?.state === 'completed')

    const job = await queues.queue(agencyQueueName(POLICE)).getJob(outboxJobId(dispatch.id))
    expect(job?.returnValue).toMatchObject({ recorded: true, taskId: expect.any(String) })
    const receipts = await tdb.db.selectFrom('case_events').select(['type', 'agency_id', 'occurred_at']).where('case_id', '=', caseId).where('type', '=', 'RECEIPT').execute()
    expect(receipts.filter((r) => r.agency_id === POLICE)).toHaveLength(1)
    expect(new Date(receipts.find((r) => r.agency_id === POLICE)!.occurred_at).getTime()).toBe(clock.now().getTime())
    const inbox = await engine.inbox(POLICE_OFFICER)
    expect(inbox).toContainEqual(expect.objectContaining({ caseId, agencyId: POLICE, kind: 'signReceipt' }))
    const view = await engine.readCase(caseId, POLICE_OFFICER)
    expect(view.deadlines).toContainEqual(expect.objectContaining({ name: 'T3', status: 'SCHEDULED' }))
  })

  it('records nothing when the same dispatch is delivered again', async () => {
    const caseId = await caseDispatchedToPolice(engine, clock)
    const dispatches = await tdb.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()
    expect(dispatches.map((d) => d.queue).sort()).toEqual([agencyQueueName(POLICE), agencyQueueName(PROCURATORATE)])
    // Both the letter and the procuratorate's copy are received before counting events.
    for (const d of dispatches) await until(async () => (await queues.queue(d.queue).getJob(outboxJobId(d.id)))?.state === 'completed')
    const dispatch = dispatches.find((d) => d.queue === agencyQueueName(POLICE))!
    const queue = queues.queue(agencyQueueName(POLICE))
    const events = async () => (await tdb.db.selectFrom('case_events').select('seq').where('case_id', '=', caseId).execute()).length
    const before = await events()

    // A redelivery after the first job was evicted: another job id, the same dispatch.
    const first = await queue.getJob(outboxJobId(dispatch.id))
    await queue.add('dispatch', first!.data as never, { jobId: `${outboxJobId(dispatch.id)}-again` })
    await until(async () => (await queue.getJob(`${outboxJobId(dispatch.id)}-again`))?.state === 'completed')
    expect((await queue.getJob(`${outboxJobId(dispatch.id)}-again`))?.returnValue).toEqual({ recorded: false, taskId: null, reason: 'duplicate' })
    expect(await events()).toBe(before)
  })

  it('relays an overdue-duty alert to the notify feed and keeps it', async () => {
    const caseId = await caseDispatchedToPolice(engine, clock)
    await until(async () => (await tdb.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('agency_id', '=', POLICE).executeTakeFirst()) !== undefined)
    clock.advanceHours(25) // T3: 24 h to sign the receipt or forward
    expect(await engine.fireDueTimers()).toBeGreaterThanOrEqual(1)
    const alert = await tdb.db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).where('queue', '=', NOTIFY_QUEUE).executeTakeFirstOrThrow()
    await until(async () => (await queues.queue(NOTIFY_QUEUE).getJob(outboxJobId(alert.id)))?.state === 'completed')
    const job = await queues.queue(NOTIFY_QUEUE).getJob(outboxJobId(alert.id))
    expect(job?.data).toMatchObject({ caseId, timer: 'T3', toAgencyId: PROCURATORATE, outboxId: alert.id })
    expect(job?.returnValue).toEqual({ logged: true })
  })

  it('re-adds at start a published dispatch whose job was lost with the queue store', async () => {
    await router.close()
    const caseId = await caseDispatchedToPolice(engine, clock)
    // Published, then the queue store was wiped before any worker took the job.
    await tdb.db.updateTable('outbox').set({ published_at: clock.now() }).where('case_id', '=', caseId).execute()
    const config = { ...loadConfig({}), routerAgencies: `${POLICE},${PROCURATORATE}` }
    router = await startRouter({ db: tdb.db, engine, queues, log, config, clock }, { concurrency: 1 })
    const receipts = () => tdb.db.selectFrom('case_events').select('agency_id').where('case_id', '=', caseId).where('type', '=', 'RECEIPT').execute()
    await until(async () => (await receipts()).length === 2)
    expect((await receipts()).map((r) => r.agency_id).sort()).toEqual([POLICE, PROCURATORATE])
    expect(await tdb.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).where('agency_id', '=', POLICE).execute()).toHaveLength(1)
  })
})
