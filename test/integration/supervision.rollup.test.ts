// The statistics rollups (migration 0011) on PostgreSQL with a simulated clock: cases run over
// February to April, and the rollups must equal a recomputation from the raw rows after every
// kind of change; statistics of any period, aligned to months or not, must equal what the
// raw rows give (percentile_cont, as before the rollups); a group of more than 64 durations
// switches to its sketch and stays within 0.5 %.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import type { Actor } from '@xianjie/domain'
import { SAMPLE_PAYLOADS } from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { lawEngine, type LawEngine } from '../support/law.ts'
import { CASE_OPEN, demoActor as who } from '../support/samples.ts'

const officer = who('msa-620400.officer1', ['msa.officer'])
const head = who('msa-620400.head', ['msa.head'])
const police = who('police-620400.officer', ['police.officer'])
const policeHead = who('police-620400.head', ['police.head'])
const supervisor = who('government-620400.supervisor', ['supervisor'])
const luoyangOfficer = who('msa-410300.officer1', ['msa.officer'])
const luoyangSupervisor = who('government-410300.supervisor', ['supervisor'])

const sample = (type: string, i = 0) => SAMPLE_PAYLOADS[type]![i]!
const HOUR = 3_600_000
/** China-local midnight of a date, as an instant. */
const china = (day: string) => new Date(`${day}T00:00:00+08:00`)
const round2 = (n: number) => Math.round(n * 100) / 100
const days = (seconds: number | null) => (seconds === null ? null : round2(seconds / 86400))

describe('supervision statistics rollups', () => {
  let { t, clock, engine, deliver } = {} as LawEngine
  const cases: string[] = []

  const cmd = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = sample(type)) => engine.execute(caseId, { type, payload }, actor)

  /** Steps of the 白银 cases per period the way statistics() answered before the rollups: percentile_cont over `timers`. */
  async function rawSteps(from: Date, to: Date) {
    const { rows } = await sql<{ procedure: string; name: string; agency_id: string | null; expiry: string; n: number; pct: number[]; mean: number; met: number; late: number }>`
      select procedure, name, owner_agency_id as agency_id, expiry, count(*)::int as n,
             percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', done_at - started_at)) as pct,
             avg(date_part('epoch', done_at - started_at)) as mean,
             count(*) filter (where status = 'MET')::int as met, count(*) filter (where status = 'OVERDUE_DUTY')::int as late
        from timers where jurisdiction like '6204%' and done_at >= ${from} and done_at < ${to} and status in ('MET', 'OVERDUE_DUTY')
       group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(t.db)
    return rows.map((s) => ({
      procedure: s.procedure, timer: s.name, agencyId: s.agency_id, expiry: s.expiry, count: s.n, medianDays: days(s.pct[0]!), p90Days: days(s.pct[1]!), meanDays: days(s.mean),
      duties: s.expiry === 'DUTY' ? { met: s.met, overdue: s.late, share: s.met + s.late ? round2(s.met / (s.met + s.late)) : null } : null,
    }))
  }
  async function rawClosed(from: Date, to: Date) {
    const { rows } = await sql<{ procedure: string; agency_id: string; end_code: string | null; n: number; pct: number[] }>`
      select procedure, opening_agency_id as agency_id, end_code, count(*)::int as n,
             percentile_cont(array[0.5, 0.9]) within group (order by date_part('epoch', closed_at - opened_at)) as pct
        from case_index where jurisdiction like '6204%' and closed_at >= ${from} and closed_at < ${to}
       group by 1, 2, 3 order by 1, 2, 3`.execute(t.db)
    return rows.map((r) => ({ procedure: r.procedure, agencyId: r.agency_id, end: r.end_code, count: r.n, medianDays: days(r.pct[0]!), p90Days: days(r.pct[1]!) }))
  }
  async function rawOpened(from: Date, to: Date) {
    const { rows } = await sql<{ procedure: string; agency_id: string; n: number }>`
      select procedure, opening_agency_id as agency_id, count(*)::int as n from case_index
       where jurisdiction like '6204%' and opened_at >= ${from} and opened_at < ${to} group by 1, 2 order by 1, 2`.execute(t.db)
    return rows.map((r) => ({ procedure: r.procedure, agencyId: r.agency_id, count: r.n }))
  }
  /** statistics() of 白银 against the raw rows, for periods on and off the month boundaries. */
  async function expectRawAnswers() {
    const periods: Array<[string, string]> = [
      ['2026-03-01', '2026-04-01'], // one whole month
      ['2026-02-01', '2026-05-01'], // three whole months
      ['2026-02-10', '2026-04-20'], // edges on both sides of March
      ['2026-03-05', '2026-03-25'], // inside one month: raw only
      ['2026-03-15', '2026-05-01'], // an edge before April
      ['2026-01-01', '2026-03-04'], // whole January and February, an edge after
    ]
    for (const [from, to] of periods) {
      const period = { from: china(from), to: china(to) }
      const s = await engine.supervision.statistics(supervisor, period)
      expect(s.steps.length).toBeGreaterThan(0)
      expect({ period: [from, to], opened: s.opened, steps: s.steps.map(({ title: _, ...x }) => x), closed: s.closed }).toEqual({
        period: [from, to], opened: await rawOpened(period.from, period.to), steps: await rawSteps(period.from, period.to), closed: await rawClosed(period.from, period.to),
      })
    }
  }

  beforeAll(async () => {
    ;({ t, clock, engine, deliver } = await lawEngine('2026-02-01T00:00:00Z'))
    // Eight criminal transfers, one every 9 days from 10 Feb. Even ones go to the police, who
    // sign after 12 h and refuse to file 2 days later (T4, 24 h, late); odd ones are refused
    // by the head and fined, which closes them. The head decides after ½, 1½ or 2½ days, so
    // steps start in one month and end in the next. All commands run in time order.
    const plan: Array<{ at: number; run: () => Promise<unknown> }> = []
    const at = (ms: number, run: () => Promise<unknown>) => plan.push({ at: ms, run })
    for (let i = 0; i < 8; i++) {
      const opened = Date.parse('2026-02-10T02:00:00Z') + i * 9 * 24 * HOUR + i * 37 * 60_000
      const decided = opened + (12 + (i % 3) * 24) * HOUR
      at(opened, async () => {
        const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: { ...CASE_OPEN, adminCaseOpenedAt: new Date(opened).toISOString() } }, officer)
        cases[i] = caseId
        await cmd(caseId, officer, 'FORM_TEAM')
        await cmd(caseId, officer, 'SUBMIT_TRANSFER_REPORT')
      })
      if (i % 2 === 0) {
        at(decided, () => cmd(cases[i]!, head, 'APPROVE_TRANSFER'))
        at(decided + 6 * HOUR, () => cmd(cases[i]!, officer, 'DISPATCH_TRANSFER'))
        at(decided + 7 * HOUR, () => deliver(cases[i]!))
        at(decided + 19 * HOUR, () => cmd(cases[i]!, police, 'SIGN_RECEIPT'))
        at(decided + (67 + i) * HOUR, () => cmd(cases[i]!, policeHead, 'REFUSE_FILING'))
      } else {
        at(decided, () => cmd(cases[i]!, head, 'REFUSE_TRANSFER', sample('REFUSE_TRANSFER', 0)))
        at(decided + (5 + i) * 24 * HOUR, () => cmd(cases[i]!, head, 'IMPOSE_PENALTY'))
      }
    }
    // The scheduler fires what fell due now and then (the late T4s among them).
    for (const day of ['2026-02-20', '2026-03-01', '2026-03-13', '2026-03-29', '2026-04-10', '2026-04-25']) at(Date.parse(`${day}T04:00:00Z`), () => engine.fireDueTimers())
    for (const step of plan.sort((a, b) => a.at - b.at)) {
      clock.set(new Date(step.at))
      await step.run()
    }
    clock.set('2026-05-01T00:00:00Z')
  })
  afterAll(async () => t.drop())

  it('keeps the rollups equal to the raw rows through the commands, the timers fired and the alerts', async () => {
    await engine.supervision.alertDuties()
    expect(await engine.supervision.rollupDrift()).toEqual([])
    const { rows } = await sql<{ months: number; steps: number; closed: number }>`
      select (select count(distinct month)::int from step_rollup) as months, (select sum(n)::int from step_rollup) as steps,
             (select sum(n)::int from closed_rollup) as closed`.execute(t.db)
    // T1 of all eight, T2 T3 T4 T6 of the four transferred: 24 steps over February to April; four cases closed.
    expect(rows[0]).toEqual({ months: 3, steps: 24, closed: 4 })
  })

  it('answers periods on and off the month boundaries as percentile_cont over the raw rows', async () => {
    await expectRawAnswers()
  })

  it('follows finished steps and closings that change, move to another month or go', async () => {
    const finished = (await t.db.selectFrom('timers').select(['id', 'done_at']).where('done_at', 'is not', null).where('status', 'in', ['MET', 'OVERDUE_DUTY']).orderBy('id').execute())
    // A step done a month later; one whose status changes; one deleted; one finished again with the same values.
    await t.db.updateTable('timers').set({ done_at: new Date(new Date(finished[0]!.done_at!).getTime() + 31 * 24 * HOUR) }).where('id', '=', finished[0]!.id).execute()
    await t.db.updateTable('timers').set({ status: 'CANCELLED' }).where('id', '=', finished[1]!.id).execute()
    await t.db.deleteFrom('timers').where('id', '=', finished[2]!.id).execute()
    await sql`update timers set done_at = done_at, status = status where id = ${finished[3]!.id}`.execute(t.db)
    // An unfinished timer finished by hand, and a late duty's status changed back and forth.
    const running = await t.db.selectFrom('timers').select('id').where('status', 'not in', ['MET', 'OVERDUE_DUTY']).orderBy('id').executeTakeFirstOrThrow()
    await t.db.updateTable('timers').set({ status: 'MET', done_at: new Date('2026-04-30T10:00:00Z') }).where('id', '=', running.id).execute()
    const late = await t.db.selectFrom('timers').select('id').where('status', '=', 'OVERDUE_DUTY').where('done_at', 'is not', null).executeTakeFirstOrThrow()
    await t.db.updateTable('timers').set({ status: 'MET' }).where('id', '=', late.id).execute()
    await t.db.updateTable('timers').set({ status: 'OVERDUE_DUTY' }).where('id', '=', late.id).execute()
    // A closed case reopened, another closed under another end, a third closed a day later; one opened a month earlier.
    await t.db.updateTable('case_index').set({ opened_at: new Date('2026-01-20T00:00:00Z') }).where('case_id', '=', cases[7]!).execute()
    const closed = await t.db.selectFrom('case_index').select(['case_id', 'closed_at']).where('closed_at', 'is not', null).orderBy('case_id').execute()
    await t.db.updateTable('case_index').set({ closed_at: null, end_code: null }).where('case_id', '=', closed[0]!.case_id).execute()
    await t.db.updateTable('case_index').set({ end_code: 'E9' }).where('case_id', '=', closed[1]!.case_id).execute()
    await t.db.updateTable('case_index').set({ closed_at: new Date(new Date(closed[2]!.closed_at!).getTime() + 24 * HOUR) }).where('case_id', '=', closed[2]!.case_id).execute()
    expect(await engine.supervision.rollupDrift()).toEqual([])
    await expectRawAnswers()
  })

  it('keeps at most 64 durations per group and month, then answers from the sketch within 0.5 %', async () => {
    // 200 steps of one 洛阳 group in June, done by hand: 1 to 90 days each (a fixed pseudo-random draw).
    clock.set('2026-06-01T00:00:00Z')
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: { ...CASE_OPEN, suspectName: '洛阳某制造有限公司', adminCaseOpenedAt: '2026-06-01T00:00:00.000Z' } }, luoyangOfficer)
    let seed = 7
    const draw = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647)
    const durations = Array.from({ length: 200 }, () => Math.round((1 + 89 * draw()) * 86400 * 1000) / 1000)
    const rule = { title: { zh: '测试期限', en: 'Test period' }, unit: 'cd', duration: 90, expiry: 'DUTY', source: 'test', owner: 'aea' }
    const insert = (from: number, to: number) =>
      t.db.insertInto('timers').values(durations.slice(from, to).map((seconds, k) => {
        const done = new Date(Date.parse('2026-06-10T00:00:00Z') + (from + k) * 60_000)
        return {
          id: `${caseId}.TX.${from + k}`, case_id: caseId, name: 'TX', send_id: 'xstate.after.TX', state_id: 'F1', owner_agency_id: 'msa-410300', started_seq: 1,
          started_at: new Date(done.getTime() - seconds * 1000), due_at: done, status: 'MET', ended_at: done, done_at: done, rule: JSON.stringify(rule),
        }
      }) as never).execute()
    const june = { from: china('2026-06-01'), to: china('2026-07-01') }
    const row = async () => (await sql<{ n: number; exact: number[] | null }>`select n, exact from step_rollup where name = 'TX'`.execute(t.db)).rows[0]!
    const tx = async () => (await engine.supervision.statistics(luoyangSupervisor, june)).steps.find((s) => s.timer === 'TX')!

    await insert(0, 64)
    expect((await row()).exact).toHaveLength(64)
    const exact64 = [...durations.slice(0, 64)].sort((a, b) => a - b)
    // percentile_cont of 64 values: median at rank 31.5, p90 at rank 56.7.
    expect(await tx()).toMatchObject({
      count: 64, medianDays: days((exact64[31]! + exact64[32]!) / 2), p90Days: days(exact64[56]! + 0.7 * (exact64[57]! - exact64[56]!)),
    })

    await insert(64, 200)
    expect(await row()).toEqual({ n: 200, exact: null })
    expect(await engine.supervision.rollupDrift()).toEqual([])
    const sorted = [...durations].sort((a, b) => a - b)
    const s = await tx()
    expect(s.count).toBe(200)
    // The mean stays exact (sum / n).
    expect(s.meanDays).toBe(days(durations.reduce((a, b) => a + b, 0) / 200))
    for (const [p, got] of [[0.5, s.medianDays], [0.9, s.p90Days]] as const) {
      const rank = p * 199
      const lo = sorted[Math.floor(rank)]!
      const hi = sorted[Math.ceil(rank)]!
      const exact = lo + (rank - Math.floor(rank)) * (hi - lo)
      // Within α of the upper order statistic, plus the rounding to 0.01 day.
      expect(Math.abs(got! * 86400 - exact)).toBeLessThanOrEqual(0.005 * hi + 0.005 * 86400)
    }
  })
  it('counts the listings removed in a period from the register rows of the jurisdiction', async () => {
    // Two listings of 白银 cases ended in March (one before its `until`: early), one in April; none of 洛阳's counts.
    const listing = (caseId: string, endedAt: string, until: string) => ({
      case_id: caseId, regime: 'samr-serious', kind: 'listing', subject_credit_code: '91620400MA0000000X', subject_agency_id: 'party-620402-1',
      subject_name: '白银某商贸有限公司', authority_agency_id: 'msa-620400', title: JSON.stringify({ zh: '严重违法失信名单', en: 'Serious-violation list' }),
      decided_at: new Date('2026-01-05T00:00:00Z'), published_at: new Date('2026-01-06T00:00:00Z'), until: new Date(until), ended_at: new Date(endedAt),
      end_reason: 'repaired', measures: '[]', seq: 1,
    })
    await t.db.insertInto('credit_list').values([
      listing(cases[0]!, '2026-03-10T00:00:00Z', '2029-01-06T00:00:00Z'),
      listing(cases[1]!, '2026-03-20T00:00:00Z', '2026-03-20T00:00:00Z'),
      listing(cases[2]!, '2026-04-02T00:00:00Z', '2029-01-06T00:00:00Z'),
    ] as never).execute()
    const { rows } = await sql<{ jurisdiction: string }>`select distinct jurisdiction from credit_list`.execute(t.db)
    expect(rows).toEqual([{ jurisdiction: '620400' }])
    const march = { from: china('2026-03-01'), to: china('2026-04-01') }
    expect((await engine.supervision.statistics(supervisor, march)).listingRemovals).toEqual([
      { regime: 'samr-serious', reason: 'repaired', agencyId: 'msa-620400', count: 2, early: 1 },
    ])
    expect((await engine.supervision.statistics(supervisor, { ...march, procedure: 'credit-listing' })).listingRemovals).toEqual([])
    expect((await engine.supervision.statistics(supervisor, { ...march, procedure: 'criminal-transfer', agencyId: 'msa-620400' })).listingRemovals).toHaveLength(1)
    expect((await engine.supervision.statistics(luoyangSupervisor, march)).listingRemovals).toEqual([])
  })
})
