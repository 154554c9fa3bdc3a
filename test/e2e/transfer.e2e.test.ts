// End to end: Xianjie as real processes (one api, two routers, two schedulers) over a fresh
// PostgreSQL database and, per backend, BullMQ on Redis or on PostgreSQL. A transfer is
// carried over HTTP from opening to hand-over while a router is killed and replaced; then
// a statutory deadline fires after the queue state is wiped and the schedulers come back
// "4 days later".
import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueSchemaName } from '@xianjie/queue'
import { createClient, waitFor, type XianjieClient } from '../support/api-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { cleanRedisPrefix, redisUrl } from '../support/env.ts'
import { freePort, startProcess, stopAll, xianjieEnv, type XianjieProcess } from '../support/processes.ts'
import { carryThroughSupervision, carryToHandover, createTransferFlow, USERS, type TransferFlow } from '../support/transfer-flow.ts'

const WAIT = { timeoutMs: 20_000, intervalMs: 100 }
// The parties of a 白银 (620400) case. On the PostgreSQL queue backend every agency queue a
// router serves costs it a worker pool and a LISTEN connection; all ten 620400 agencies on
// three routers come near the test server's max_connections=100, so serve only these.
const ROUTER_AGENCIES = 'msa-620400,police-620400,procuratorate-620400,government-620400'
const DAY_MS = 86_400_000

describe.each([{ backend: 'redis' as const }, { backend: 'postgres' as const }])('criminal transfer end to end, BullMQ on $backend', ({ backend }) => {
  let tdb: TestDatabase
  let api: XianjieProcess
  let client: XianjieClient
  let flow: TransferFlow
  const routers: XianjieProcess[] = []
  let schedulers: XianjieProcess[] = []
  const authSecret = randomBytes(32).toString('hex')
  let seq = 0

  const env = (services: string, extra: Record<string, string> = {}) =>
    xianjieEnv({ databaseUrl: tdb.url, redisUrl: backend === 'redis' ? redisUrl() : undefined, queuePrefix: tdb.queuePrefix, authSecret, routerAgencies: ROUTER_AGENCIES, services, extra })
  const start = (role: 'router' | 'scheduler', extra: Record<string, string> = {}) =>
    startProcess(`${backend}-${role}-${++seq}`, env(role, extra))

  beforeAll(async () => {
    tdb = await createTestDatabase()
    const port = await freePort()
    // The api first (it migrates and seeds; the others find it done), then the workers together.
    api = await startProcess(`${backend}-api`, env('api', { HOST: '127.0.0.1', PORT: String(port) }))
    expect(api.url).toBe(`http://127.0.0.1:${port}`)
    const started = await Promise.all([start('router'), start('router'), start('scheduler'), start('scheduler')])
    routers.push(started[0], started[1])
    schedulers = [started[2], started[3]]
    client = createClient(api.url!)
    flow = createTransferFlow(client, { receiptTimeoutMs: WAIT.timeoutMs })
  }, 90_000)

  afterAll(async () => {
    await stopAll()
    await tdb?.drop()
  }, 60_000)

  it('carries case A from opening to hand-over while a router is killed and replaced; every dispatch is received exactly once', async () => {
    let killed: XianjieProcess | null = null
    let killedAt = 0
    let receiptAfterKillMs = -1
    let replacement: Promise<XianjieProcess> | null = null
    const { caseId, last } = await carryToHandover(
      createTransferFlow(client, {
        // A job the killed router held is given back by BullMQ's stalled-job check (lock 30 s,
        // checked every 30 s), so the receipt right after the kill may take up to a minute.
        receiptTimeoutMs: 75_000,
        onStep: (step) => {
          if (step.kind === 'receipt' && step.dispatchKind === 'transferLetter') receiptAfterKillMs = Date.now() - killedAt
        },
      }),
      {
        afterDispatch: async () => {
          killed = routers.shift()!
          killed.kill('SIGKILL')
          killedAt = Date.now()
          expect((await killed.exited).signal).toBe('SIGKILL')
          // The replacement starts while the surviving router carries on.
          replacement = start('router')
          replacement.catch(() => {})
        },
      },
    )
    const replacementRouter = await replacement!
    routers.push(replacementRouter)
    const recordedBy = [killed!, ...routers].filter((p) =>
      p.lines.some((l) => l['msg'] === 'receipt recorded' && l['caseId'] === caseId && l['agencyId'] === 'police-620400'),
    )
    console.info(
      `[${backend}] router ${killed!.name} SIGKILLed right after the dispatch; transfer letter receipt seen ${receiptAfterKillMs} ms later; ` +
        `police receipts of case A recorded by ${recordedBy.map((p) => p.name).join(', ') || '?'}`,
    )
    expect(receiptAfterKillMs).toBeGreaterThanOrEqual(0)
    expect(last.stateIds).toContain('F8')

    const view = await client.getCase(USERS.aeaHead, caseId)
    expect(view.status).toBe(200)
    expect(view.body.stateIds).toContain('F8')
    expect(view.body.context['handover']).toMatchObject({ aeaSignatory: '承办人甲' })

    const db = tdb.db
    const dispatches = await db
      .selectFrom('outbox')
      .select(['id', 'payload'])
      .where('case_id', '=', caseId)
      .where('job_name', '=', 'dispatch')
      .orderBy('id')
      .execute()
    const kinds = dispatches.map((d) => (d.payload as { kind: string }).kind)
    expect(kinds).toEqual(['transferLetter', 'transferLetterCopy', 'filingNotice', 'filingNoticeCopy', 'handoverRecord'])

    // Every dispatch is received: the last ones (hand-over record, copies) may still be on their way.
    const receipts = await waitFor(async () => {
      const rows = await db
        .selectFrom('case_events')
        .select([sql<string>`payload->>'dispatchId'`.as('dispatch_id'), db.fn.countAll<string>().as('n')])
        .where('case_id', '=', caseId)
        .where('type', '=', 'RECEIPT')
        .groupBy(sql`payload->>'dispatchId'`)
        .execute()
      return rows.length >= dispatches.length ? rows : undefined
      // A dispatch job the killed router held comes back after BullMQ's stalled-job check.
    }, { timeoutMs: 75_000, intervalMs: 200, what: `a RECEIPT for each of the ${dispatches.length} dispatches` })
    // Exactly one RECEIPT event per dispatch, and none for anything else.
    expect(receipts.map((r) => r.dispatch_id).sort()).toEqual(dispatches.map((d) => d.id).sort())
    for (const r of receipts) expect(Number(r.n), `RECEIPT events of dispatch ${r.dispatch_id}`).toBe(1)

    // Exactly one task per dispatch that opens a task (dispatch_id is unique, counts agree).
    const withTask = dispatches.filter((d) => (d.payload as { task: string | null }).task !== null)
    expect(withTask.map((d) => (d.payload as { task: string }).task)).toEqual(['signReceipt', 'handOverItems'])
    const tasks = await db.selectFrom('tasks').select(['dispatch_id', 'kind', 'closed_at']).where('case_id', '=', caseId).execute()
    expect(tasks.map((t) => t.dispatch_id).sort()).toEqual(withTask.map((d) => d.id).sort())
    expect(new Set(tasks.map((t) => t.dispatch_id)).size).toBe(tasks.length)
    // Both were answered: signing closes signReceipt, the hand-over closes handOverItems.
    expect(tasks.every((t) => t.closed_at !== null)).toBe(true)

    // No duplicate events: seq runs 1..n without a gap, the chain verifies, replay gives the snapshot.
    const events = await db.selectFrom('case_events').select(['seq', 'type']).where('case_id', '=', caseId).orderBy('seq').execute()
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    const commands = events.filter((e) => e.type !== 'RECEIPT').map((e) => e.type)
    expect(commands).toEqual(['CASE_OPENED', 'FORM_TEAM', 'SUBMIT_TRANSFER_REPORT', 'APPROVE_TRANSFER', 'DISPATCH_TRANSFER', 'SIGN_RECEIPT', 'FILE_CASE', 'HAND_OVER_ITEMS'])
    const caseRow = await db.selectFrom('cases').select(['version']).where('id', '=', caseId).executeTakeFirstOrThrow()
    expect(caseRow.version).toBe(events.length)

    const verify = await client.verify(USERS.aeaHead, caseId)
    expect(verify.status).toBe(200)
    expect(verify.body).toMatchObject({ ok: true, events: events.length })
    const replay = await client.replay(USERS.aeaHead, caseId)
    expect(replay.status).toBe(200)
    expect(replay.body).toMatchObject({ equal: true, events: events.length })

    // Every outbox row (dispatches, timers) was published.
    await waitFor(async () => {
      const { n } = await db.selectFrom('outbox').select(db.fn.countAll<string>().as('n')).where('published_at', 'is', null).executeTakeFirstOrThrow()
      return Number(n) === 0
    }, { ...WAIT, what: 'every outbox row published' })

    // The timeline tells the same story to the AEA.
    const timeline = await client.timeline(USERS.aeaHead, caseId)
    expect(timeline.status).toBe(200)
    expect(timeline.body.entries.map((e) => e.seq)).toEqual(events.map((e) => e.seq))
  }, 150_000)

  // The demo's path. Run on one backend: the queue mechanics are covered above.
  it.runIf(backend === 'redis')('carries case C through refusal, reconsideration and supervision; each receipt opens the task its dispatch asks for', async () => {
    const { caseId, last } = await carryThroughSupervision(flow)
    expect(last.stateIds).toEqual(expect.arrayContaining(['S6', 'F8']))
    await flow.waitForReceipt(caseId, 'handoverRecord')
    const db = tdb.db
    const dispatches = await db.selectFrom('outbox').select(['id', 'payload']).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()
    const withTask = dispatches.filter((d) => (d.payload as { task: string | null }).task !== null)
    const tasks = await db.selectFrom('tasks').select(['dispatch_id', 'kind']).where('case_id', '=', caseId).execute()
    expect(tasks.map((t) => t.kind).sort()).toEqual(withTask.map((d) => (d.payload as { task: string }).task).sort())
    const receipts = await db.selectFrom('case_events').select(sql<string>`payload->>'dispatchId'`.as('dispatch_id')).where('case_id', '=', caseId).where('type', '=', 'RECEIPT').execute()
    expect(receipts.map((r) => r.dispatch_id).sort()).toEqual(dispatches.map((d) => d.id).sort())
    expect((await client.verify(USERS.aeaHead, caseId)).body).toMatchObject({ ok: true })
    expect((await client.replay(USERS.aeaHead, caseId)).body).toMatchObject({ equal: true })
  }, 60_000)

  it('fires a statutory deadline after the queue state is wiped and the schedulers come back 4 days later', async () => {
    const db = tdb.db
    // Case B waits for the head's decision: T1, 3 calendar days, a duty of the AEA.
    const { caseId } = await flow.open()
    await flow.formTeam(caseId)
    const reported = await flow.submitReport(caseId)
    expect(reported.stateIds).toContain('F2')
    const timer = await db.selectFrom('timers').selectAll().where('case_id', '=', caseId).where('name', '=', 'T1').executeTakeFirstOrThrow()
    expect(timer.status).toBe('SCHEDULED')
    // The timer's job reached the queue before it is wiped.
    await waitFor(async () => {
      const row = await db.selectFrom('outbox').select('published_at').where('case_id', '=', caseId).where('queue', '=', 'timers').executeTakeFirst()
      return row?.published_at != null
    }, { ...WAIT, what: 'the T1 timer job published' })

    await Promise.all(schedulers.map((s) => s.stop()))
    if (backend === 'redis') {
      await cleanRedisPrefix(redisUrl(), tdb.queuePrefix)
    } else {
      await sql`drop schema if exists ${sql.id(queueSchemaName(tdb.queuePrefix))} cascade`.execute(db)
    }

    // 4 days on (or just past the due date, should a 3-day count ever end later than that).
    const offsetMs = Math.max(4 * DAY_MS, new Date(timer.due_at).getTime() - Date.now() + 3_600_000)
    schedulers = await Promise.all([start('scheduler', { XIANJIE_CLOCK_OFFSET_MS: String(offsetMs) }), start('scheduler', { XIANJIE_CLOCK_OFFSET_MS: String(offsetMs) })])

    // The new schedulers rebuilt the timers queue from PostgreSQL (the first to start found T1).
    expect(schedulers.some((p) => p.lines.some((l) => l['msg'] === 'timers queue rebuilt' && Number(l['timers']) >= 1))).toBe(true)

    const fired = await waitFor(async () => {
      const row = await db.selectFrom('timers').selectAll().where('id', '=', timer.id).executeTakeFirstOrThrow()
      return row.status === 'OVERDUE_DUTY' ? row : undefined
    }, { ...WAIT, what: `timer ${timer.id} OVERDUE_DUTY` })
    expect(fired.ended_seq).not.toBeNull()

    // The deadline event is on the timeline, at the statutory due time, with the deadline missed.
    const entry = await waitFor(async () => {
      const res = await client.timeline(USERS.aeaHead, caseId)
      return res.body.entries?.find((e) => e.deadlines.some((d) => d.timer === 'T1'))
    }, { ...WAIT, what: 'the T1 deadline event on the timeline' })
    expect(entry.seq).toBe(fired.ended_seq)
    expect(entry.type).toMatch(/^xstate\.after\.T1\./)
    expect(entry.stateBefore).toContain('F2')
    expect(entry.stateAfter).toContain('F-ESC')
    expect(entry.deadlines).toEqual([expect.objectContaining({ timer: 'T1', status: 'OVERDUE_DUTY', met: false })])
    expect(new Date(entry.occurredAt).getTime()).toBe(new Date(timer.due_at).getTime())

    // The supervision alert to the government is in the outbox, on the notify queue.
    const alert = await db.selectFrom('outbox').selectAll().where('case_id', '=', caseId).where('queue', '=', 'notify').execute()
    expect(alert).toHaveLength(1)
    expect(alert[0]!.seq).toBe(fired.ended_seq)
    expect(alert[0]!.payload).toMatchObject({ timer: 'T1', toAgencyId: 'government-620400' })

    // The routers, which kept running through the wipe, publish it to the notify queue and log it.
    await waitFor(async () => {
      const row = await db.selectFrom('outbox').select('published_at').where('id', '=', alert[0]!.id).executeTakeFirstOrThrow()
      return row.published_at !== null
    }, { ...WAIT, what: 'the T1 alert published' })
    await waitFor(
      () => routers.some((r) => r.lines.some((l) => l['msg'] === 'supervision alert' && l['caseId'] === caseId && l['timer'] === 'T1')),
      { ...WAIT, what: 'a router logging the T1 supervision alert' },
    )

    // Two schedulers, a rebuilt queue and the sweep: it fired once.
    const firings = await db.selectFrom('case_events').select('seq').where('case_id', '=', caseId).where('type', 'like', 'xstate.after.T1.%').execute()
    expect(firings).toHaveLength(1)
    const view = await client.getCase(USERS.aeaHead, caseId)
    expect(view.body.context['overdue']).toEqual(['T1'])
    expect(view.body.deadlines.find((d) => d.name === 'T1')).toMatchObject({ status: 'OVERDUE_DUTY' })
    expect((await client.verify(USERS.aeaHead, caseId)).body).toMatchObject({ ok: true })
    expect((await client.replay(USERS.aeaHead, caseId)).body).toMatchObject({ equal: true })
  }, 90_000)
})
