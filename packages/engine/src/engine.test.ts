import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assign, setup } from 'xstate'
import { sql } from 'kysely'
import { AppError, type DispatchParams, type MachineEventBase, type ProcedureDefinition } from '@xianjie/domain'
import { calendar } from '@xianjie/calendar'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { SimulatedClock } from '../../../test/support/clock.ts'
import { demoActor } from '../../../test/support/samples.ts'
import { createEngine } from './engine.ts'
import type { Engine } from './types.ts'

// A two-agency toy procedure: the engine's behaviour is tested apart from any real law.
const toyMachine = setup({
  types: { context: {} as { parties: Record<string, string>; overdue: string[]; windowOpen: boolean; receipts: number }, events: {} as MachineEventBase, input: {} as { parties: Record<string, string> } },
  delays: { D1: 3 * 86_400_000, R1: 86_400_000 },
  actions: {
    dispatch: (_: unknown, _p: DispatchParams) => {},
    alert: (_: unknown, _p: unknown) => {},
  },
  guards: { windowOpen: ({ context }) => context.windowOpen },
}).createMachine({
  id: 'toy',
  context: ({ input }) => ({ parties: input.parties, overdue: [], windowOpen: true, receipts: 0 }),
  initial: 'draft',
  on: { RECEIPT: { actions: assign({ receipts: ({ context }) => context.receipts + 1 }) } },
  states: {
    draft: { meta: { id: 'A0' }, on: { SEND: 'waiting' } },
    waiting: {
      meta: { id: 'A1' },
      entry: { type: 'dispatch', params: { to: 'police', kind: 'letter', title: { zh: '函', en: 'letter' }, task: 'answer', dueTimer: 'D1' } },
      after: {
        D1: { actions: [assign({ overdue: ({ context }) => [...context.overdue, 'D1'] }), { type: 'alert', params: { to: 'supervisor', timer: 'D1', reason: { zh: '逾期', en: 'overdue' }, source: 'toy art. 1' } }] },
        R1: { actions: assign({ windowOpen: false }) },
      },
      on: { ANSWER: 'done', OBJECT: { guard: 'windowOpen', target: 'done' } },
    },
    done: { meta: { id: 'A2', end: 'E1' }, type: 'final' },
  },
})

const rule = (id: string, duration: number, unit: 'cd' | 'h', expiry: 'DUTY' | 'RIGHT', owner: string) => ({
  id, title: { zh: id, en: id }, start: 'entering', duration, unit, rollOnHoliday: expiry === 'RIGHT', owner, expiry, source: `toy ${id}`, verification: '✅' as const,
})

const toy: ProcedureDefinition = {
  name: 'toy',
  version: '1',
  title: { zh: '测试程序', en: 'Toy' },
  machine: toyMachine,
  parties: {
    aea: { kind: 'msa', title: { zh: '行政机关', en: 'AEA' }, resolve: 'opener' },
    police: { kind: 'police', title: { zh: '公安', en: 'police' }, resolve: 'sameDivision' },
  },
  commands: {
    SEND: { type: 'SEND', title: { zh: '发送', en: 'send' }, roles: ['msa.head'], party: 'aea', payload: { type: 'object', additionalProperties: false, properties: { note: { type: 'string', minLength: 1 } }, required: ['note'] } },
    ANSWER: { type: 'ANSWER', title: { zh: '答复', en: 'answer' }, roles: ['police.officer'], party: 'police', payload: { type: 'object' } },
    OBJECT: { type: 'OBJECT', title: { zh: '异议', en: 'object' }, roles: ['msa.head'], party: 'aea', payload: { type: 'object' } },
  },
  timers: { D1: rule('D1', 3, 'cd', 'DUTY', 'police'), R1: rule('R1', 1, 'cd', 'RIGHT', 'aea') },
  rules: { windowOpen: { id: 'toy-window', message: { zh: '期限已过', en: 'the objection window has closed' }, source: 'toy art. 2' } },
  openPayload: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
  open: { roles: ['msa.officer'], party: 'aea' },
  caseNumber: { party: 'aea', series: '测' },
}

const officer = demoActor('msa-620400.officer1', ['msa.officer'])
const head = demoActor('msa-620400.head', ['msa.head'])
const police = demoActor('police-620400.officer', ['police.officer'])
const otherHead = demoActor('msa-370100.head', ['msa.head'])

async function expectCode(p: Promise<unknown>, code: string) {
  const err = await p.then(() => null, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  expect((err as AppError).code).toBe(code)
  return err as AppError
}

describe('engine', () => {
  let t: TestDatabase
  let clock: SimulatedClock
  let engine: Engine
  beforeAll(async () => {
    t = await createTestDatabase()
    clock = new SimulatedClock('2026-03-02T02:00:00Z')
    engine = createEngine({ db: t.db, procedures: [toy], calendar, clock })
  })
  afterAll(async () => t.drop())

  const open = () => engine.openCase({ procedure: 'toy', payload: { title: '样例' } }, officer)

  it('opens a case with parties, a case number and a hash-chained first event', async () => {
    const r = await open()
    expect(r.version).toBe(1)
    expect(r.stateIds).toEqual(['A0'])
    expect(r.caseNumber).toMatch(/^白市监测〔2026〕\d+号$/)
    const row = await t.db.selectFrom('cases').selectAll().where('id', '=', r.caseId).executeTakeFirstOrThrow()
    expect(row.parties).toEqual({ aea: 'msa-620400', police: 'police-620400' })
    expect((await engine.verify(r.caseId)).ok).toBe(true)
  })

  it('writes event, snapshot, outbox and timers in one transaction, with the calendar due date', async () => {
    const r = await open()
    const sent = await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    expect(sent.stateIds).toEqual(['A1'])
    const timers = await t.db.selectFrom('timers').selectAll().where('case_id', '=', r.caseId).orderBy('name').execute()
    expect(timers.map((x) => [x.name, x.status])).toEqual([['D1', 'SCHEDULED'], ['R1', 'SCHEDULED']])
    // 2026-03-02 10:00 Beijing + 3 calendar days → ends 2026-03-05 24:00 Beijing.
    expect(new Date(timers[0]!.due_at).toISOString()).toBe('2026-03-05T16:00:00.000Z')
    const outbox = await t.db.selectFrom('outbox').selectAll().where('case_id', '=', r.caseId).orderBy('id').execute()
    expect(outbox.map((o) => o.queue).sort()).toEqual(['agency.police-620400', 'timers', 'timers'])
    const dispatch = outbox.find((o) => o.job_name === 'dispatch')!
    expect(dispatch.payload).toMatchObject({ kind: 'letter', task: 'answer', stateId: 'A1', dueAt: '2026-03-05T16:00:00.000Z' })
  })

  it('decides again when PostgreSQL aborts its write as a deadlock, and records the event once', async () => {
    // Two events finishing steps of the same rollup groups in opposite order can deadlock; the
    // loser must be retried like a lost race, not answered with an error. Here the first write
    // of a SEND is aborted with SQLSTATE 40P01 (a sequence counts attempts: it is not rolled back).
    await sql`create sequence xj_test_deadlock_once`.execute(t.db)
    await sql`create function xj_test_deadlock() returns trigger language plpgsql as $$
      begin
        if new.type = 'SEND' and nextval('xj_test_deadlock_once') = 1 then
          raise exception 'deadlock detected (test)' using errcode = '40P01';
        end if;
        return new;
      end $$`.execute(t.db)
    await sql`create trigger xj_test_deadlock before insert on case_events for each row execute function xj_test_deadlock()`.execute(t.db)
    try {
      const r = await open()
      const sent = await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
      expect(sent.version).toBe(2)
      const attempts = await sql<{ n: string }>`select last_value as n from xj_test_deadlock_once`.execute(t.db)
      expect(Number(attempts.rows[0]!.n)).toBe(2)
      const events = await t.db.selectFrom('case_events').select(['seq', 'type']).where('case_id', '=', r.caseId).orderBy('seq').execute()
      expect(events).toEqual([{ seq: 1, type: 'CASE_OPENED' }, { seq: 2, type: 'SEND' }])
      expect((await engine.verify(r.caseId)).ok).toBe(true)
    } finally {
      await sql`drop trigger xj_test_deadlock on case_events`.execute(t.db)
      await sql`drop function xj_test_deadlock()`.execute(t.db)
      await sql`drop sequence xj_test_deadlock_once`.execute(t.db)
    }
  })

  it('refuses wrong role, other agency, a party the case has not reached, unknown command, bad payload and stale version without changing anything', async () => {
    const r = await open()
    await expectCode(engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, officer), 'FORBIDDEN')
    await expectCode(engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, otherHead), 'FORBIDDEN')
    await expectCode(engine.execute(r.caseId, { type: 'NOPE', payload: {} }, head), 'UNKNOWN_COMMAND')
    const bad = await expectCode(engine.execute(r.caseId, { type: 'SEND', payload: { note: '' } }, head), 'VALIDATION_FAILED')
    expect(bad.details.fields?.[0]?.path).toBe('/note')
    // The police are a party by division: before the letter is dispatched to them they may
    // neither read nor act (403, not the state's 409; WRONG_STATE is checked below).
    await expectCode(engine.execute(r.caseId, { type: 'ANSWER', payload: {} }, police), 'FORBIDDEN')
    await expectCode(engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' }, expectedVersion: 7 }, head), 'STALE_VERSION')
    const row = await t.db.selectFrom('cases').select(['version']).where('id', '=', r.caseId).executeTakeFirstOrThrow()
    expect(row.version).toBe(1)
    const events = await t.db.selectFrom('case_events').select('seq').where('case_id', '=', r.caseId).execute()
    expect(events).toHaveLength(1)
  })

  it('answers a replayed idempotency key with the first result and refuses the key with another body', async () => {
    const r = await open()
    const first = await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' }, idempotencyKey: 'k-1' }, head)
    const again = await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' }, idempotencyKey: 'k-1' }, head)
    expect(again).toEqual({ ...first, replayed: true })
    await expectCode(engine.execute(r.caseId, { type: 'SEND', payload: { note: 'y' }, idempotencyKey: 'k-1' }, head), 'IDEMPOTENCY_KEY_REUSED')
    const events = await t.db.selectFrom('case_events').select('seq').where('case_id', '=', r.caseId).execute()
    expect(events).toHaveLength(2)
  })

  it('serialises concurrent commands on one case: exactly one transition wins', async () => {
    const r = await open()
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)),
    )
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')
    expect(rejected.every((x) => (x.reason as AppError).code === 'WRONG_STATE')).toBe(true)
  })

  it('fires a duty deadline at its due instant: overdue recorded, alert queued, state kept', async () => {
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    const statusOf = async (name: string) =>
      (await t.db.selectFrom('timers').select('status').where('case_id', '=', r.caseId).where('name', '=', name).executeTakeFirstOrThrow()).status
    clock.set('2026-03-05T15:59:59Z')
    await engine.fireDueTimers()
    expect(await statusOf('R1')).toBe('EXPIRED_RIGHT_LOST')
    expect(await statusOf('D1')).toBe('SCHEDULED') // one second before 24:00 of the third day
    clock.set('2026-03-05T16:00:00Z')
    await engine.fireDueTimers()
    const view = await engine.readCase(r.caseId, head)
    expect(view.stateIds).toEqual(['A1'])
    expect(view.context.overdue).toEqual(['D1'])
    expect(view.deadlines.find((d) => d.name === 'D1')?.status).toBe('OVERDUE_DUTY')
    const alerts = await t.db.selectFrom('outbox').selectAll().where('case_id', '=', r.caseId).where('queue', '=', 'notify').execute()
    expect(alerts).toHaveLength(1)
    expect(alerts[0]!.payload).toMatchObject({ timer: 'D1', toAgencyId: 'government-620400', source: 'toy art. 1' })
    clock.set('2026-03-02T02:00:00Z')
  })

  it('refuses a right exercised after its window closed with 422 naming the rule, even before the scheduler ran', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    clock.set('2026-03-04T01:00:00Z') // day 2 after: R1 (1 cd) ended at 2026-03-03 24:00 Beijing
    const err = await expectCode(engine.execute(r.caseId, { type: 'OBJECT', payload: {} }, head), 'RULE_REFUSED')
    expect(err.details).toMatchObject({ rule: 'toy-window', source: 'toy art. 2' })
    const view = await engine.readCase(r.caseId, head)
    expect(view.deadlines.find((d) => d.name === 'R1')?.status).toBe('EXPIRED_RIGHT_LOST')
    clock.set('2026-03-02T02:00:00Z')
  })

  it('marks a deadline met when the state is left in time, and the timeline says so', async () => {
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    const done = await engine.execute(r.caseId, { type: 'ANSWER', payload: {} }, police)
    expect(done.status).toBe('closed')
    const tl = await engine.timeline(r.caseId, head)
    const last = tl[tl.length - 1]!
    expect(last.deadlines.find((d) => d.timer === 'D1')).toMatchObject({ status: 'MET', met: true })
    expect(tl.map((e) => e.type)).toEqual(['CASE_OPENED', 'SEND', 'ANSWER'])
  })

  it('records a receipt once, opens the task in the receiver inbox, and closes it when the state is left', async () => {
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    const dispatch = await t.db.selectFrom('outbox').select('id').where('case_id', '=', r.caseId).where('job_name', '=', 'dispatch').executeTakeFirstOrThrow()
    const first = await engine.recordReceipt(dispatch.id, clock.now())
    const second = await engine.recordReceipt(dispatch.id, clock.now())
    expect(first.recorded).toBe(true)
    expect(first.taskId).not.toBeNull()
    expect(second).toMatchObject({ recorded: false, reason: 'duplicate' })
    const inbox = await engine.inbox(police)
    expect(inbox.filter((x) => x.caseId === r.caseId)).toHaveLength(1)
    await engine.execute(r.caseId, { type: 'ANSWER', payload: {} }, police)
    expect((await engine.inbox(police)).filter((x) => x.caseId === r.caseId)).toHaveLength(0)
  })

  it('replays the events to the stored snapshot, and verify finds an altered event', async () => {
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    await engine.execute(r.caseId, { type: 'ANSWER', payload: {} }, police)
    expect((await engine.replay(r.caseId)).equal).toBe(true)
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      await sql`update case_events set payload = '{"note":"forged"}' where case_id = ${r.caseId} and seq = 2`.execute(trx)
    })
    expect(await engine.verify(r.caseId)).toMatchObject({ ok: false, brokenAt: 2 })
  })

  it('refuses to update or delete events (append-only)', async () => {
    const r = await open()
    await expect(sql`delete from case_events where case_id = ${r.caseId}`.execute(t.db)).rejects.toThrow(/append-only/)
  })

  it('hides a case from an agency that takes no part in it', async () => {
    const r = await open()
    await expectCode(engine.readCase(r.caseId, otherHead), 'FORBIDDEN')
    const supervisor = demoActor('government-620400.supervisor', ['supervisor'])
    expect((await engine.readCase(r.caseId, supervisor)).allowedCommands).toEqual([])
  })

  it('records a deadline that ended before a notice arrived ahead of its receipt, so events stay in legal order', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    const dispatch = await t.db.selectFrom('outbox').select('id').where('case_id', '=', r.caseId).where('job_name', '=', 'dispatch').executeTakeFirstOrThrow()
    // R1 (1 calendar day) ended at 2026-03-03 24:00 Beijing; the letter arrives a day later.
    await engine.recordReceipt(dispatch.id, new Date('2026-03-04T20:00:00Z'))
    const tl = await engine.timeline(r.caseId, head)
    expect(tl.map((e) => e.type)).toEqual(['CASE_OPENED', 'SEND', 'xstate.after.R1.toy.waiting', 'RECEIPT'])
    const times = tl.map((e) => Date.parse(e.occurredAt))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })

  it('records a receipt that arrives after the case closed, without reopening it or opening a task', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const r = await open()
    await engine.execute(r.caseId, { type: 'SEND', payload: { note: 'x' } }, head)
    await engine.execute(r.caseId, { type: 'ANSWER', payload: {} }, police)
    const closedAt = (await t.db.selectFrom('cases').select('closed_at').where('id', '=', r.caseId).executeTakeFirstOrThrow()).closed_at
    const dispatch = await t.db.selectFrom('outbox').select('id').where('case_id', '=', r.caseId).where('job_name', '=', 'dispatch').executeTakeFirstOrThrow()
    clock.advanceHours(2)
    expect(await engine.recordReceipt(dispatch.id, clock.now())).toEqual({ recorded: true, taskId: null, reason: 'state-left' })
    const row = await t.db.selectFrom('cases').select(['status', 'closed_at', 'state_ids']).where('id', '=', r.caseId).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'closed', closed_at: closedAt, state_ids: ['A2'] })
    expect((await engine.timeline(r.caseId, head)).map((e) => e.type)).toEqual(['CASE_OPENED', 'SEND', 'ANSWER', 'RECEIPT'])
    expect((await engine.replay(r.caseId)).equal).toBe(true)
    expect((await engine.verify(r.caseId)).ok).toBe(true)
  })

  it('numbers cases in the agency series without gaps or reuse when many open at once', async () => {
    const opened = await Promise.all(Array.from({ length: 12 }, () => open()))
    const numbers = opened.map((o) => Number(/〔2026〕(\d+)号$/.exec(o.caseNumber ?? '')?.[1]))
    expect(new Set(numbers).size).toBe(12)
    const sorted = [...numbers].sort((a, b) => a - b)
    expect(sorted[11]! - sorted[0]!).toBe(11)
  })
})
