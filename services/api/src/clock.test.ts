// Deadlines at a glance: the `clock` of every deadline of a case and of every inbox task, on a
// simulated clock, against hand-counted days and hours (China time is UTC+8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROCEDURES } from '@xianjie/engine'
import { startTestApi, type TestApi } from './test-app.ts'
import { SimulatedClock } from '../../../test/support/clock.ts'
import { openPayload, PAYLOADS } from '../../../test/support/transfer-flow.ts'

const OFFICER = 'msa-620400.officer1'
const HEAD = 'msa-620400.head'
const POLICE = 'police-620400.officer'

interface Clock {
  unit: string
  dueAt: string
  remaining: { amount: number; unit: string }
  usedFraction: number
  level: string
  holidays: Array<{ date: string; name: { zh: string; en: string } }>
}

describe('deadline clocks', () => {
  const clock = new SimulatedClock('2026-09-24T02:00:00Z')
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES, {}, { clock })
  })
  afterAll(async () => {
    await api?.close()
  })

  const get = async (user: string, url: string) => {
    const res = await api.app.inject({ method: 'GET', url, headers: api.as(user) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const post = async (user: string, url: string, payload: unknown) => {
    const res = await api.app.inject({ method: 'POST', url, headers: api.as(user), payload: payload as object })
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res.json()
  }
  const deadline = async (user: string, caseId: string, name: string) => {
    const view = await get(user, `/v1/cases/${caseId}`)
    const timer = (view.deadlines as Array<{ name: string; status: string; clock: Clock }>).find((t) => t.name === name)
    expect(timer, name).toBeDefined()
    return timer!
  }

  it('counts the 20 working days to publish a penalty over 中秋节 and 国庆节 (SAMR-45 art. 9)', async () => {
    clock.set('2026-09-24T02:00:00Z') // Thursday 10:00
    const { caseId } = await post(OFFICER, '/v1/cases', {
      procedure: 'credit-listing',
      payload: {
        title: '白银甲科技有限公司故意侵犯注册商标专用权',
        parties: { subject: 'party-620402-1' },
        penalty: {
          decisionNumber: '白市监处罚〔2026〕31号', decidedAt: '2026-09-24', procedure: 'ordinary', types: ['fine'],
          heavierFine: true, lowAmountFine: false, fineAmount: 250_000, field: 'general', violation: { article: 9, item: 'ipInfringement' }, summary: '当事人明知他人注册商标，仍大量销售假冒该注册商标的商品。',
        },
      },
    })
    // (09-24, 10-29]: 09-28…30 | 10-08, 10-09, Saturday 10-10 (make-up) | 10-12…16 | 10-19…23 | 10-26…29
    const opened = await deadline(OFFICER, caseId, 'T31')
    expect(opened.clock).toEqual({
      unit: 'wd',
      dueAt: '2026-10-29T16:00:00.000Z',
      remaining: { amount: 20, unit: 'wd' },
      usedFraction: 0.0116, // 10 h of 36 days, from 00:00 of the decision day
      level: 'ok',
      holidays: [
        ...['25', '26', '27'].map((d) => ({ date: `2026-09-${d}`, name: { zh: '中秋节', en: 'Mid-Autumn Festival' } })),
        ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, name: { zh: '国庆节', en: 'National Day' } })),
      ],
    })

    clock.set('2026-10-02T04:00:00Z') // in the holiday: 17 working days, 27 calendar days
    expect((await deadline(OFFICER, caseId, 'T31')).clock).toMatchObject({ remaining: { amount: 17, unit: 'wd' }, level: 'ok', holidays: expect.arrayContaining([{ date: '2026-10-07', name: { zh: '国庆节', en: 'National Day' } }]) })

    clock.set('2026-10-20T04:00:00Z') // 26.5 of 36 days used
    expect((await deadline(OFFICER, caseId, 'T31')).clock).toMatchObject({ remaining: { amount: 7, unit: 'wd' }, usedFraction: 0.7361, level: 'at-risk', holidays: [] })

    clock.set('2026-10-31T04:00:00Z') // Saturday: Friday 10-30 was one working day past the last day
    expect((await deadline(OFFICER, caseId, 'T31')).clock).toMatchObject({ remaining: { amount: -1, unit: 'wd' }, usedFraction: 1.0417, level: 'overdue' })
    // Fired by the scheduler: a missed duty, still open, keeps counting.
    await api.engine.fireDueTimers()
    clock.set('2026-11-03T02:00:00Z') // Tuesday: 10-30, 11-02, 11-03
    const missed = await deadline(OFFICER, caseId, 'T31')
    expect(missed.status).toBe('OVERDUE_DUTY')
    expect(missed.clock).toMatchObject({ remaining: { amount: -3, unit: 'wd' }, level: 'overdue' })
  })

  it("shows the police's inbox task the hours left to sign the receipt (R310 art. 7, 24 h), then the case's next deadline in calendar days", async () => {
    clock.set('2026-03-04T02:00:00Z')
    const { caseId } = await post(OFFICER, '/v1/cases', { procedure: 'criminal-transfer', payload: openPayload(clock.now()) })
    await post(OFFICER, `/v1/cases/${caseId}/commands`, { type: 'FORM_TEAM', payload: PAYLOADS.FORM_TEAM })
    await post(OFFICER, `/v1/cases/${caseId}/commands`, { type: 'SUBMIT_TRANSFER_REPORT', payload: PAYLOADS.SUBMIT_TRANSFER_REPORT })
    await post(HEAD, `/v1/cases/${caseId}/commands`, { type: 'APPROVE_TRANSFER', payload: PAYLOADS.APPROVE_TRANSFER })
    await post(OFFICER, `/v1/cases/${caseId}/commands`, { type: 'DISPATCH_TRANSFER', payload: PAYLOADS.DISPATCH_TRANSFER })
    // The router records the receipts two hours later; the 24 hours run from there.
    clock.set('2026-03-04T04:00:00Z')
    const dispatches = await api.db.db.selectFrom('outbox').select('id').where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()
    for (const d of dispatches) await api.engine.recordReceipt(d.id, clock.now())

    const task = async (user: string) => {
      const { tasks } = await get(user, '/v1/inbox')
      return (tasks as Array<{ caseId: string; kind: string; clock: Clock | null }>).filter((t) => t.caseId === caseId)
    }
    clock.set('2026-03-04T06:00:00Z')
    const [sign] = await task(POLICE)
    expect(sign).toMatchObject({ kind: 'signReceipt' })
    expect(sign!.clock).toEqual({ unit: 'h', dueAt: '2026-03-05T04:00:00.000Z', remaining: { amount: 22, unit: 'h' }, usedFraction: 0.0833, level: 'ok', holidays: [] })

    clock.set('2026-03-05T00:30:00Z') // 3.5 hours left: 3 whole hours; 20.5 of 24 used
    expect((await task(POLICE))[0]!.clock).toMatchObject({ remaining: { amount: 3, unit: 'h' }, usedFraction: 0.8542, level: 'at-risk' })
    // The case page shows the same clock on the open task and on the deadline.
    const view = await get(POLICE, `/v1/cases/${caseId}`)
    const t3 = view.deadlines.find((d: { name: string }) => d.name === 'T3')
    expect(view.openTasks.find((t: { kind: string }) => t.kind === 'signReceipt').clock).toEqual(t3.clock)

    clock.set('2026-03-05T05:00:00Z')
    expect((await task(POLICE))[0]!.clock).toMatchObject({ remaining: { amount: -1, unit: 'h' }, level: 'overdue' })

    // Signed an hour late: the task closes; T3 stays an overdue duty, read as it was when done.
    await post(POLICE, `/v1/cases/${caseId}/commands`, { type: 'SIGN_RECEIPT', payload: PAYLOADS.SIGN_RECEIPT })
    clock.set('2026-03-06T02:00:00Z')
    expect((await task(POLICE)).filter((t) => t.kind === 'signReceipt')).toEqual([])
    // A closed task has no clock running.
    const { tasks: everything } = await get(POLICE, '/v1/inbox?includeClosed=true')
    expect(everything.find((t: { caseId: string; kind: string }) => t.caseId === caseId && t.kind === 'signReceipt')).toMatchObject({ closedAt: expect.any(String), clock: null })
    const signed = await deadline(POLICE, caseId, 'T3')
    expect(signed.status).toBe('OVERDUE_DUTY')
    expect(signed.clock).toMatchObject({ remaining: { amount: -1, unit: 'h' }, level: 'overdue', holidays: [] })
    // Three calendar days of review from Thursday 03-05 (R310 art. 8): the last day is Sunday 03-08.
    const review = await deadline(POLICE, caseId, 'T6')
    expect(review.clock).toMatchObject({ unit: 'cd', dueAt: '2026-03-08T16:00:00.000Z', remaining: { amount: 2, unit: 'cd' }, level: 'ok' })
  })
})
