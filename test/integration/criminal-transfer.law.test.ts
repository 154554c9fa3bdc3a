// The law of DOMAIN.md §2 through the real engine, calendar and PostgreSQL, on a
// simulated clock. Dispatches are delivered the way the router does it (recordReceipt),
// synchronously, so each statutory instant is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@xianjie/domain'
import { SAMPLE_PAYLOADS } from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { lawEngine, refusal as refused, type LawEngine } from '../support/law.ts'
import { CASE_OPEN, demoActor } from '../support/samples.ts'

const who = demoActor
const officer = who('msa-620400.officer1', ['msa.officer'])
const head = who('msa-620400.head', ['msa.head'])
const police = who('police-620400.officer', ['police.officer'])
const policeHead = who('police-620400.head', ['police.head'])
const procurator = who('procuratorate-620400.procurator', ['procurator'])
const chief = who('procuratorate-620400.head', ['procuratorate.head'])

const sample = (type: string, i = 0) => SAMPLE_PAYLOADS[type]![i]!
const OPEN = { ...CASE_OPEN, violationDate: '2025-11-01', copyToProcuratorate: true, adminCaseOpenedAt: '2025-12-01T02:00:00.000Z' }

describe('criminal-transfer law through the engine', () => {
  let { t, clock, engine, deliver, timer } = {} as LawEngine
  beforeAll(async () => ({ t, clock, engine, deliver, timer } = await lawEngine('2026-03-02T02:00:00Z')))
  afterAll(async () => t.drop())

  const cmd = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = sample(type)) =>
    engine.execute(caseId, { type, payload }, actor)


  async function toDispatched(at = '2026-03-02T02:00:00Z') {
    clock.set(at)
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: OPEN }, officer)
    await cmd(caseId, officer, 'FORM_TEAM')
    await cmd(caseId, officer, 'SUBMIT_TRANSFER_REPORT')
    await cmd(caseId, head, 'APPROVE_TRANSFER')
    await cmd(caseId, officer, 'DISPATCH_TRANSFER')
    return caseId
  }
  async function toReview(signedAt: string) {
    const caseId = await toDispatched()
    await deliver(caseId)
    clock.set(signedAt)
    await cmd(caseId, police, 'SIGN_RECEIPT')
    return caseId
  }
  async function toNonFilingNotice(receivedAt: string) {
    const caseId = await toReview('2026-03-02T03:00:00Z')
    await cmd(caseId, policeHead, 'REFUSE_FILING')
    clock.set(receivedAt)
    await deliver(caseId)
    return caseId
  }

  it('gives the police review (T6) three calendar days from a receipt signed 2025-09-30 23:00, not rolled over National Day', async () => {
    const caseId = await toDispatched('2025-09-29T02:00:00Z')
    await deliver(caseId)
    clock.set('2025-09-30T15:00:00Z') // 23:00 Beijing
    const r = await cmd(caseId, police, 'SIGN_RECEIPT')
    expect(r.stateIds).toContain('F5')
    // The bureau's own transfer series, numbered per year in China local time.
    expect(r.caseNumber).toMatch(/^白市监移〔2025〕\d+号$/)
    const t6 = await timer(caseId, 'T6')
    // Start day 09-30 excluded; last day 10-03 ends at 24:00 Beijing. A duty does not roll.
    expect(new Date(t6.due_at).toISOString()).toBe('2025-10-03T16:00:00.000Z')
    expect(t6.rule).toMatchObject({ unit: 'cd', duration: 3, rollOnHoliday: false, source: expect.stringContaining('R310 art. 8') })
  })

  it('counts an ECR extension from the acceptance, with the county head approval recorded', async () => {
    const caseId = await toReview('2026-03-04T01:00:00Z') // 09:00 Beijing, 2026-03-04
    await cmd(caseId, policeHead, 'EXTEND_REVIEW', sample('EXTEND_REVIEW', 0))
    const t6x = await timer(caseId, 'T6x10')
    expect(new Date(t6x.due_at).toISOString()).toBe('2026-03-14T16:00:00.000Z')
    expect((await timer(caseId, 'T6')).status).toBe('MET')
    const view = await engine.readCase(caseId, policeHead)
    expect(view.context.extensions).toEqual([expect.objectContaining({ days: 10, approvedBy: 'police-620400.head', approverLevel: 'countyHead' })])
  })

  it('accepts a reconsideration request on the third day and refuses it on the fourth (R310 art. 9)', async () => {
    // The AEA receives the non-filing notice on Tuesday 2026-03-10, 10:00 Beijing: T7 runs to Friday 03-13, 24:00.
    const onTime = await toNonFilingNotice('2026-03-10T02:00:00Z')
    expect(new Date((await timer(onTime, 'T7')).due_at).toISOString()).toBe('2026-03-13T16:00:00.000Z')
    // The notice opens the AEA's task, due when the window closes.
    const task = (await engine.inbox(head)).find((x) => x.caseId === onTime)
    expect(task).toMatchObject({ stateId: 'F9', dueAt: '2026-03-13T16:00:00.000Z' })
    clock.set('2026-03-13T15:59:00Z') // day 3, 23:59
    await expect(cmd(onTime, head, 'REQUEST_RECONSIDERATION')).resolves.toMatchObject({ stateIds: expect.arrayContaining(['F10']) })

    const late = await toNonFilingNotice('2026-03-10T02:00:00Z')
    clock.set('2026-03-14T01:00:00Z') // day 4, 09:00
    const e = await refused(cmd(late, head, 'REQUEST_RECONSIDERATION'))
    expect(e.code).toBe('RULE_REFUSED')
    expect(e.details.source).toContain('R310 art. 9')
    expect((await timer(late, 'T7')).status).toBe('EXPIRED_RIGHT_LOST')
    // The supervision route stays open after the window (CPL art. 113, SPP-R art. 557).
    await expect(cmd(late, head, 'SUGGEST_SUPERVISION', sample('SUGGEST_SUPERVISION', 1))).resolves.toBeTruthy()
  })

  it('rolls the reconsideration window past a holiday: a notice received 2026-09-28 may be answered on 10-05', async () => {
    const caseId = await toNonFilingNotice('2026-09-28T02:00:00Z')
    // Last day 10-01 is National Day; the window runs to the first working day after the holiday.
    expect(new Date((await timer(caseId, 'T7')).due_at).toISOString()).toBe('2026-10-08T16:00:00.000Z')
    clock.set('2026-10-05T02:00:00Z')
    await expect(cmd(caseId, head, 'REQUEST_RECONSIDERATION')).resolves.toBeTruthy()
  })

  it('fires the 24-hour dispatch duty (T2) at its instant: overdue, F-ESC, alert to the government; the case waits', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: OPEN }, officer)
    await cmd(caseId, officer, 'FORM_TEAM')
    await cmd(caseId, officer, 'SUBMIT_TRANSFER_REPORT')
    clock.set('2026-03-03T06:30:00Z')
    await cmd(caseId, head, 'APPROVE_TRANSFER')
    const t2 = await timer(caseId, 'T2')
    expect(new Date(t2.due_at).toISOString()).toBe('2026-03-04T06:30:00.000Z')
    clock.set('2026-03-04T06:29:59Z')
    await engine.fireDueTimers()
    expect((await timer(caseId, 'T2')).status).toBe('SCHEDULED')
    clock.set('2026-03-04T06:30:00Z')
    await engine.fireDueTimers()
    expect((await timer(caseId, 'T2')).status).toBe('OVERDUE_DUTY')
    const view = await engine.readCase(caseId, head)
    expect(view.stateIds).toEqual(expect.arrayContaining(['F3', 'F-ESC']))
    const alert = await t.db.selectFrom('outbox').select('payload').where('case_id', '=', caseId).where('queue', '=', 'notify').executeTakeFirstOrThrow()
    expect(alert.payload).toMatchObject({ timer: 'T2', toAgencyId: 'government-620400' })
    // A late dispatch is still the duty: it is accepted and ends F-ESC.
    await expect(cmd(caseId, officer, 'DISPATCH_TRANSFER')).resolves.toMatchObject({ stateIds: expect.arrayContaining(['F4']) })
  })

  it('will not dispatch without the R310 art. 6 documents, and copies the procuratorate when it does', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: OPEN }, officer)
    await cmd(caseId, officer, 'FORM_TEAM')
    await cmd(caseId, officer, 'SUBMIT_TRANSFER_REPORT')
    await cmd(caseId, head, 'APPROVE_TRANSFER')
    const docs = (sample('DISPATCH_TRANSFER').documents as Array<{ kind: string }>).filter((d) => d.kind !== 'investigationReport')
    const e = await refused(cmd(caseId, officer, 'DISPATCH_TRANSFER', { documents: docs }))
    expect(e.code).toBe('RULE_REFUSED')
    expect(e.details.source).toContain('R310 art. 6')
    expect((await engine.readCase(caseId, head)).stateIds).toContain('F3')
    await cmd(caseId, officer, 'DISPATCH_TRANSFER')
    const queues = (await t.db.selectFrom('outbox').select('queue').where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()).map((r) => r.queue)
    expect(queues).toEqual(expect.arrayContaining(['agency.police-620400', 'agency.procuratorate-620400']))
  })

  it('refuses a penalty while the transfer is pending (R310 art. 11), and a refusal without reasons', async () => {
    clock.set('2026-03-02T02:00:00Z')
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: OPEN }, officer)
    await cmd(caseId, officer, 'FORM_TEAM')
    await cmd(caseId, officer, 'SUBMIT_TRANSFER_REPORT')
    const e = await refused(cmd(caseId, head, 'IMPOSE_PENALTY'))
    expect(e.code).toBe('RULE_REFUSED')
    expect(e.details.source).toContain('R310 art. 11')
    const noReasons = await refused(cmd(caseId, head, 'REFUSE_TRANSFER', { noCrimeFound: true }))
    expect(noReasons.code).toBe('VALIDATION_FAILED')
    expect(noReasons.details.fields).toEqual([expect.objectContaining({ path: '/reasons' })])
  })

  it('carries a transfer through refusal, reconsideration and supervision to filing and hand-over; replay and chain hold', async () => {
    const caseId = await toNonFilingNotice('2026-03-05T02:00:00Z')
    await cmd(caseId, head, 'REQUEST_RECONSIDERATION')
    await deliver(caseId)
    clock.advanceHours(30)
    await cmd(caseId, policeHead, 'MAINTAIN_REFUSAL')
    await deliver(caseId)
    await cmd(caseId, head, 'SUGGEST_SUPERVISION')
    await deliver(caseId)
    await cmd(caseId, procurator, 'ACCEPT_SUPERVISION')
    await cmd(caseId, procurator, 'REQUIRE_EXPLANATION')
    clock.advanceHours(20)
    await deliver(caseId)
    // T11: seven calendar days from the police receipt of the demand.
    const t11 = await timer(caseId, 'T11')
    expect(new Date(t11.due_at).getTime() - new Date(t11.started_at).getTime()).toBeGreaterThan(7 * 86_400_000 - 24 * 3_600_000)
    await cmd(caseId, policeHead, 'EXPLAIN_NON_FILING')
    await cmd(caseId, chief, 'NOTIFY_TO_FILE')
    clock.advanceHours(5)
    await deliver(caseId)
    const t13 = await timer(caseId, 'T13')
    expect(t13.rule).toMatchObject({ duration: 15, unit: 'cd' })
    await cmd(caseId, policeHead, 'FILE_CASE')
    clock.advanceHours(2)
    await deliver(caseId)
    const filed = await engine.readCase(caseId, head)
    expect(filed.stateIds).toEqual(expect.arrayContaining(['S6', 'F7']))
    await cmd(caseId, officer, 'HAND_OVER_ITEMS')
    const after = await engine.readCase(caseId, head)
    expect(after.stateIds).toEqual(expect.arrayContaining(['S6', 'F8']))
    expect((await timer(caseId, 'T13')).status).toBe('MET')
    expect((await timer(caseId, 'T10')).status).toBe('MET')
    expect(await engine.verify(caseId)).toMatchObject({ ok: true })
    expect((await engine.replay(caseId)).equal).toBe(true)
    const tl = await engine.timeline(caseId, head)
    expect(tl.filter((e) => e.type === 'RECEIPT').length).toBeGreaterThanOrEqual(6)
    expect(tl.find((e) => e.type === 'NOTIFY_TO_FILE')?.source).toMatch(/CPL art\. 113|SPP-R/)
  })

  it('moves S4 to the correction notice when the police let the 15 days pass (T13)', async () => {
    const caseId = await toNonFilingNotice('2026-03-05T02:00:00Z')
    await cmd(caseId, head, 'SUGGEST_SUPERVISION')
    await deliver(caseId)
    await cmd(caseId, procurator, 'ACCEPT_SUPERVISION')
    await cmd(caseId, procurator, 'REQUIRE_EXPLANATION')
    await deliver(caseId)
    await cmd(caseId, policeHead, 'EXPLAIN_NON_FILING')
    await cmd(caseId, chief, 'NOTIFY_TO_FILE')
    clock.set('2026-03-06T02:00:00Z')
    await deliver(caseId)
    // Received 03-06 (Beijing): day 15 is 03-21; at 03-22 00:00 Beijing the duty is overdue.
    clock.set('2026-03-21T15:59:59Z')
    await engine.fireDueTimers()
    expect((await engine.readCase(caseId, chief)).stateIds).toContain('S4')
    clock.set('2026-03-21T16:00:00Z')
    await engine.fireDueTimers()
    expect((await engine.readCase(caseId, chief)).stateIds).toContain('S5')
  })
})
