// Supervision through the engine on PostgreSQL with a simulated clock: cases with known
// timings, and every figure of the report, the overdue view, the alerts, the statistics, the
// search and the 该移不移 flags checked against values computed by hand (in the comments).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@xianjie/domain'
import { reportCsv, reportHtml } from '@xianjie/engine'
import { SAMPLE_PAYLOADS } from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { lawEngine, refusal, type LawEngine } from '../support/law.ts'
import { CASE_OPEN, demoActor as who } from '../support/samples.ts'

const officer = who('msa-620400.officer1', ['msa.officer'])
const head = who('msa-620400.head', ['msa.head'])
const police = who('police-620400.officer', ['police.officer'])
const policeHead = who('police-620400.head', ['police.head'])
const supervisor = who('government-620400.supervisor', ['supervisor'])
const procuratorSupervisor = who('procuratorate-620400.supervisor', ['supervisor'])
const luoyangOfficer = who('msa-410300.officer1', ['msa.officer'])
const luoyangHead = who('msa-410300.head', ['msa.head'])
const luoyangSupervisor = who('government-410300.supervisor', ['supervisor'])

const sample = (type: string, i = 0) => SAMPLE_PAYLOADS[type]![i]!
const OPEN = { ...CASE_OPEN, violationDate: '2025-11-01', copyToProcuratorate: false, adminCaseOpenedAt: '2026-03-02T02:00:00.000Z' }
/** March 2026, China time: [03-01 00:00, 04-01 00:00). */
const MARCH = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-31T16:00:00Z') }

describe('supervision: timelines, open duties, alerts, statistics, search, 该移不移', () => {
  let { t, clock, engine, deliver } = {} as LawEngine
  const ids = { A: '', B: '', C: '', D: '', E: '' }

  const cmd = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = sample(type)) =>
    engine.execute(caseId, { type, payload }, actor)

  async function open(at: string, payload: Record<string, unknown> = OPEN, actor = officer) {
    clock.set(at)
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload }, actor)
    await cmd(caseId, actor, 'FORM_TEAM', actor === officer ? sample('FORM_TEAM') : { officers: [{ userId: 'msa-410300.officer1', name: '承办人甲' }, { userId: 'msa-410300.officer2', name: '承办人乙' }] })
    await cmd(caseId, actor, 'SUBMIT_TRANSFER_REPORT')
    return caseId
  }

  beforeAll(async () => {
    ;({ t, clock, engine, deliver } = await lawEngine('2026-03-02T02:00:00Z'))

    // A: transferred, the police refuse to file. Report at 06:00Z on 03-02 starts T1 (3 cd).
    ids.A = await open('2026-03-02T06:00:00Z')
    clock.set('2026-03-03T06:00:00Z') // approval: T1 held 1.00 d; T2 (24 h) starts
    await cmd(ids.A, head, 'APPROVE_TRANSFER')
    clock.set('2026-03-03T12:00:00Z') // dispatch: T2 held 0.25 d
    await cmd(ids.A, officer, 'DISPATCH_TRANSFER')
    clock.set('2026-03-03T13:00:00Z') // the police receive it 1 h later: T3 (24 h) starts
    await deliver(ids.A)
    clock.set('2026-03-04T01:00:00Z') // receipt signed: T3 held 0.50 d; T4 (24 h) and T6 (3 cd) start
    await cmd(ids.A, police, 'SIGN_RECEIPT')
    clock.set('2026-03-06T01:00:00Z') // non-filing: T4 overdue since 03-05 01:00, left now (2.00 d); T6 held 2.00 d
    await cmd(ids.A, policeHead, 'REFUSE_FILING')

    // B: the head refuses the transfer ("no crime") and the bureau fines: 该移不移 (sales 86,000 ≥ 50,000).
    // Every case here opens (and reports) at 06:00Z on 03-02 unless said otherwise.
    ids.B = await open('2026-03-02T06:00:00Z')
    clock.set('2026-03-04T06:00:00Z') // T1 held 2.00 d
    await cmd(ids.B, head, 'REFUSE_TRANSFER', sample('REFUSE_TRANSFER', 0))
    clock.set('2026-03-10T02:00:00Z') // closed E2: 7 d 20 h after opening at 06:00Z on 03-02
    await cmd(ids.B, head, 'IMPOSE_PENALTY')

    // C: the same, but sales of 40,000 stay below the threshold: not flagged.
    ids.C = await open('2026-03-02T06:00:00Z', { ...OPEN, illegalBusinessVolume: 40_000, suspectName: '白银某贸易有限公司' })
    clock.set('2026-03-03T06:00:00Z') // T1 held 1.00 d
    await cmd(ids.C, head, 'REFUSE_TRANSFER', sample('REFUSE_TRANSFER', 0))
    clock.set('2026-03-10T02:00:00Z') // closed E2: 7 d 20 h
    await cmd(ids.C, head, 'IMPOSE_PENALTY')

    // D: 洛阳 (410300), gains of 35,000 for 假冒注册商标罪 (≥ 30,000): flagged there, invisible to 白银.
    ids.D = await open(
      '2026-03-02T06:00:00Z',
      { ...OPEN, offence: '假冒注册商标罪', illegalBusinessVolume: 10_000, illegalGains: 35_000, suspectName: '洛阳某制造有限公司', title: '洛阳某制造公司假冒注册商标案' },
      luoyangOfficer,
    )
    clock.set('2026-03-03T06:00:00Z')
    await cmd(ids.D, luoyangHead, 'REFUSE_TRANSFER', sample('REFUSE_TRANSFER', 0))
    clock.set('2026-03-10T02:00:00Z')
    await cmd(ids.D, luoyangHead, 'IMPOSE_PENALTY', { decisionNo: '洛市监罚〔2026〕7号', penalties: ['fine'], fineAmount: 30_000 })

    // E: left under police review. Report 02:00Z on 03-09; approved 08:00 (T1 0.25 d); dispatched
    // 14:00 (T2 0.25 d); received 20:00; signed 01:00Z on 03-10 (T3 5 h = 0.2083 d).
    clock.set('2026-03-09T02:00:00Z')
    ids.E = await open('2026-03-09T02:00:00Z')
    clock.set('2026-03-09T08:00:00Z')
    await cmd(ids.E, head, 'APPROVE_TRANSFER')
    clock.set('2026-03-09T14:00:00Z')
    await cmd(ids.E, officer, 'DISPATCH_TRANSFER')
    clock.set('2026-03-09T20:00:00Z')
    await deliver(ids.E)
    clock.set('2026-03-10T01:00:00Z')
    await cmd(ids.E, police, 'SIGN_RECEIPT')
  })
  afterAll(async () => t.drop())

  it('lists the open duties at risk or overdue, soonest first, with the agency holding each, and alerts once each', async () => {
    // E's T4 (24 h from 01:00Z on 03-10): two thirds used at 17:00Z; due 01:00Z on 03-11.
    // E's T6 (3 cd from 03-10, to 24:00 on 03-13 = 16:00Z): 87 h; two thirds (58 h) at 11:00Z on 03-12.
    clock.set('2026-03-10T16:59:00Z')
    const alertsOf = async () =>
      (await t.db.selectFrom('outbox').select(['payload', 'queue']).where('case_id', '=', ids.E).where('job_name', '=', 'alert').orderBy('id').execute()).map(
        (r) => r.payload as { timer: string; stage: string; toAgencyId: string },
      )
    expect((await engine.supervision.overdue(supervisor)).items.filter((i) => i.caseId === ids.E)).toEqual([])
    await engine.supervision.alertDuties()
    expect(await alertsOf()).toEqual([])

    clock.set('2026-03-10T18:00:00Z')
    const atRisk = (await engine.supervision.overdue(supervisor)).items.filter((i) => i.caseId === ids.E)
    expect(atRisk).toEqual([
      expect.objectContaining({
        timer: 'T4',
        status: 'at-risk',
        holder: { agencyId: 'police-620400', name: expect.any(String) },
        startedAt: '2026-03-10T01:00:00.000Z',
        dueAt: '2026-03-11T01:00:00.000Z',
        atRiskAt: '2026-03-10T17:00:00.000Z',
        used: 0.71, // 17 h of 24
        unit: 'h',
        duration: 24,
        // 7 whole hours left of the 24, counted in hours as the period is.
        clock: expect.objectContaining({ unit: 'h', remaining: { amount: 7, unit: 'h' }, level: 'at-risk' }),
      }),
    ])
    await engine.supervision.alertDuties()
    await engine.supervision.alertDuties() // a second sweep sends nothing more
    expect(await alertsOf()).toEqual([expect.objectContaining({ timer: 'T4', stage: 'atRisk', toAgencyId: 'government-620400' })])

    // Past due, the scheduler fires T4 (OVERDUE_DUTY); the duty stays open while the case is in F5.
    clock.set('2026-03-11T12:00:00Z')
    await engine.fireDueTimers()
    await engine.supervision.alertDuties()
    await engine.supervision.alertDuties()
    expect((await alertsOf()).map((a) => `${a.timer}:${a.stage}`)).toEqual(['T4:atRisk', 'T4:overdue'])

    clock.set('2026-03-12T12:00:00Z')
    const both = (await engine.supervision.overdue(supervisor)).items.filter((i) => i.caseId === ids.E)
    expect(both.map((i) => [i.timer, i.status, i.used])).toEqual([
      ['T4', 'overdue', 2.46], // 59 h of 24
      ['T6', 'at-risk', 0.68], // 59 h of 87
    ])
    // T4 is 35 h past its due hour; T6's last day is tomorrow (03-13, China time): 1 day left.
    expect(both.map((i) => [i.timer, i.clock.remaining, i.clock.level])).toEqual([
      ['T4', { amount: -35, unit: 'h' }, 'overdue'],
      ['T6', { amount: 1, unit: 'cd' }, 'at-risk'],
    ])
    await engine.supervision.alertDuties()
    expect((await alertsOf()).map((a) => `${a.timer}:${a.stage}`)).toEqual(['T4:atRisk', 'T4:overdue', 'T6:atRisk'])

    // The whole list is soonest due first, and A's overdue T4 was done (left) on 03-06: not listed.
    const all = (await engine.supervision.overdue(supervisor)).items
    expect(all.map((i) => i.dueAt)).toEqual([...all.map((i) => i.dueAt)].sort())
    expect(all.some((i) => i.caseId === ids.A && i.timer === 'T4')).toBe(false)
    // A procuratorate's supervisor of the same city sees the same duties; 洛阳's sees none of them.
    expect((await engine.supervision.overdue(procuratorSupervisor)).items.map((i) => i.caseId)).toEqual(all.map((i) => i.caseId))
    expect((await engine.supervision.overdue(luoyangSupervisor)).items.filter((i) => Object.values(ids).slice(0, 3).includes(i.caseId) || i.caseId === ids.E)).toEqual([])
  })

  it('computes the statistics of March for 白银 by hand', async () => {
    clock.set('2026-03-20T00:00:00Z')
    const s = await engine.supervision.statistics(supervisor, MARCH)
    // Opened: A, B, C, E by msa-620400 (D is 洛阳's).
    expect(s.opened).toEqual([{ procedure: 'criminal-transfer', agencyId: 'msa-620400', count: 4 }])
    // Closed: B and C in E2, each opened 06:00Z on 03-02 and closed 02:00Z on 03-10: 7 d 20 h = 7.83 d.
    expect(s.closed).toEqual([{ procedure: 'criminal-transfer', agencyId: 'msa-620400', end: 'E2', count: 2, medianDays: 7.83, p90Days: 7.83 }])
    const step = (timer: string) => s.steps.find((x) => x.timer === timer)
    // T1: A 1.00, B 2.00, C 1.00, E 0.25 → sorted .25 1 1 2: median 1.00; p90 at rank 2.7 → 1 + .7 × 1 = 1.70; mean 4.25/4.
    expect(step('T1')).toMatchObject({ agencyId: 'msa-620400', count: 4, medianDays: 1, p90Days: 1.7, meanDays: 1.06, duties: { met: 4, overdue: 0, share: 1 } })
    // T2: A .25, E .25.
    expect(step('T2')).toMatchObject({ count: 2, medianDays: 0.25, p90Days: 0.25, duties: { met: 2, overdue: 0, share: 1 } })
    // T3 (police): A 12 h = .5, E 5 h = .2083 → median .3542; p90 .2083 + .9 × .2917 = .4708.
    expect(step('T3')).toMatchObject({ agencyId: 'police-620400', count: 2, medianDays: 0.35, p90Days: 0.47, duties: { met: 2, overdue: 0, share: 1 } })
    // T4: A overdue, left after 2.00 d; E's is overdue and still open, so not a finished step.
    expect(step('T4')).toMatchObject({ agencyId: 'police-620400', count: 1, medianDays: 2, p90Days: 2, duties: { met: 0, overdue: 1, share: 0 } })
    // T6: A met after 2.00 d; E's still runs.
    expect(step('T6')).toMatchObject({ count: 1, medianDays: 2, duties: { met: 1, overdue: 0, share: 1 } })
    expect(s.steps.map((x) => x.timer).sort()).toEqual(['T1', 'T2', 'T3', 'T4', 'T6'])
    // Deadlines met: 4 + 2 + 2 + 0 + 1 = 9 of 10.
    expect(s.deadlinesMet).toEqual({ met: 9, overdue: 1, share: 0.9 })
    // Refusals: the head refused B and C; the police refused A; each with its reasons.
    expect(s.refusals).toEqual([
      { procedure: 'criminal-transfer', kind: 'filingRefused', title: expect.objectContaining({ zh: '公安机关不予立案' }), agencyId: 'police-620400', count: 1 },
      { procedure: 'criminal-transfer', kind: 'transferNotApproved', title: expect.objectContaining({ zh: '负责人不批准移送' }), agencyId: 'msa-620400', count: 2 },
    ])
    expect(s.refusalReasons).toEqual([
      { procedure: 'criminal-transfer', kind: 'filingRefused', reasons: String(sample('REFUSE_FILING').reasons), count: 1 },
      { procedure: 'criminal-transfer', kind: 'transferNotApproved', reasons: '经核实不构成犯罪', count: 2 },
    ])
    expect(s.listingRemovals).toEqual([])
    // Every agency the figures name, by name; no other.
    expect(Object.keys(s.agencies).sort()).toEqual(['msa-620400', 'police-620400'])
    expect(s.agencies['msa-620400']!.zh).toContain('市场监督管理局')
    // 甘肃 has no plan target in the seeds; 浙江's applies only within 33.
    expect(s.targets).toEqual([])

    // One agency: the police only.
    const p = await engine.supervision.statistics(supervisor, { ...MARCH, agencyId: 'police-620400' })
    expect(p.steps.map((x) => x.timer).sort()).toEqual(['T3', 'T4', 'T6'])
    expect(p.opened).toEqual([])
    // February: nothing.
    const feb = await engine.supervision.statistics(supervisor, { from: new Date('2026-01-31T16:00:00Z'), to: MARCH.from })
    expect([feb.opened, feb.closed, feb.steps, feb.refusals]).toEqual([[], [], [], []])
    await expect(refusal(engine.supervision.statistics(supervisor, { from: MARCH.to, to: MARCH.from }))).resolves.toMatchObject({ code: 'VALIDATION_FAILED' })
  })

  it('keeps each city to its own cases', async () => {
    const codes = async (p: Promise<{ items: Array<{ caseId: string }> }>) => (await p).items.map((i) => i.caseId)
    expect(await codes(engine.supervision.search(supervisor, {}))).not.toContain(ids.D)
    expect(await codes(engine.supervision.search(luoyangSupervisor, {}))).toEqual([ids.D])
    expect((await engine.supervision.statistics(luoyangSupervisor, MARCH)).opened).toEqual([{ procedure: 'criminal-transfer', agencyId: 'msa-410300', count: 1 }])
    for (const call of [
      engine.supervision.search(supervisor, { within: '410300' }),
      engine.supervision.overdue(supervisor, { within: '410300' }),
      engine.supervision.statistics(supervisor, { ...MARCH, within: '410000' }),
      engine.supervision.transferFlags(supervisor, { within: '410300' }),
      engine.report(ids.D, supervisor),
    ]) {
      expect((await refusal(call)).code).toBe('FORBIDDEN')
    }
    // A district inside the city is fine; an officer is no supervisor.
    expect((await engine.supervision.search(supervisor, { within: '620402' })).items).toEqual([])
    expect((await refusal(engine.supervision.search(officer, {}))).code).toBe('FORBIDDEN')
  })

  it('searches by party, credit code, state, agency, dates and the overdue flag, a page at a time', async () => {
    clock.set('2026-03-12T12:00:00Z')
    const find = async (q: Parameters<typeof engine.supervision.search>[1]) => (await engine.supervision.search(supervisor, q)).items.map((i) => i.caseId)
    expect(await find({ party: '某贸易' })).toEqual([ids.C])
    // Newest first: E (03-09), then A and B (opened at the same instant, by id).
    const trade = await find({ party: '商贸' })
    expect(trade[0]).toBe(ids.E)
    expect(trade.slice(1).sort()).toEqual([ids.A, ids.B].sort())
    expect(await find({ creditCode: '91620402MA0000001U' })).toEqual([])
    expect(await find({ state: 'F5' })).toEqual([ids.E])
    expect(await find({ agencyId: 'police-620400' })).toEqual(expect.arrayContaining([ids.A, ids.E]))
    expect(await find({ overdue: true })).toEqual([ids.E])
    expect(await find({ openedFrom: new Date('2026-03-08T16:00:00Z') })).toEqual([ids.E])
    expect(await find({ procedure: 'judicial-confirmation' })).toEqual([])
    // Pages of 2 cover the four cases once each.
    const first = await engine.supervision.search(supervisor, { limit: 2 })
    const second = await engine.supervision.search(supervisor, { limit: 2, after: first.next! })
    expect(first.items).toHaveLength(2)
    expect(second.next).toBeNull()
    expect(new Set([...first.items, ...second.items].map((i) => i.caseId))).toEqual(new Set([ids.A, ids.B, ids.C, ids.E]))
    expect((await refusal(engine.supervision.search(supervisor, { after: 'nonsense' }))).code).toBe('VALIDATION_FAILED')
  })

  it('flags exactly the cases penalized without transfer whose amounts meet the threshold (该移不移)', async () => {
    const flags = await engine.supervision.transferFlags(supervisor)
    expect(flags.items.map((f) => f.caseId)).toEqual([ids.B])
    expect(flags.items[0]).toMatchObject({
      offence: '销售假冒注册商标的商品罪',
      amounts: { illegalBusinessVolume: 86_000, illegalGains: null },
      penalty: { decisionNo: '白市监罚〔2026〕30号', fineAmount: 50_000 },
      threshold: { id: 'CL-214', anyOf: { illegalBusinessVolume: 50_000 } },
      met: ['illegalBusinessVolume'],
    })
    const luoyang = await engine.supervision.transferFlags(luoyangSupervisor)
    expect(luoyang.items.map((f) => [f.caseId, f.threshold.id, f.met])).toEqual([[ids.D, 'CL-213', ['illegalGains']]])
    expect(await engine.supervision.transferFlagOf(ids.C)).toBeNull()
    expect(await engine.supervision.transferFlagOf(ids.A)).toBeNull()
  })

  it('reports every step, deadline, holding time and receipt of a case, as JSON, CSV and a printable page', async () => {
    clock.set('2026-03-06T02:00:00Z')
    await deliver(ids.A) // the bureau receives the non-filing notice 1 h after it was sent
    clock.set('2026-03-06T05:00:00Z')
    const r = await engine.report(ids.A, supervisor)
    expect(r.case).toMatchObject({ id: ids.A, procedure: 'criminal-transfer', status: 'open', stateIds: expect.arrayContaining(['F9']) })
    const d = (timer: string) => r.deadlines.find((x) => x.timer === timer)
    expect(d('T1')).toMatchObject({ unit: 'cd', duration: 3, expiry: 'DUTY', status: 'MET', met: true, startedAt: '2026-03-02T06:00:00.000Z', dueAt: '2026-03-05T16:00:00.000Z', doneAt: '2026-03-03T06:00:00.000Z', holder: { agencyId: 'msa-620400' } })
    expect(d('T2')).toMatchObject({ unit: 'h', duration: 24, met: true, doneAt: '2026-03-03T12:00:00.000Z', source: expect.stringContaining('R310 art. 5') })
    expect(d('T4')).toMatchObject({ status: 'OVERDUE_DUTY', met: false, dueAt: '2026-03-05T01:00:00.000Z', doneAt: '2026-03-06T01:00:00.000Z' })
    expect(d('T7')).toMatchObject({ expiry: 'RIGHT', status: 'SCHEDULED', met: null, startedAt: '2026-03-06T02:00:00.000Z' })
    // The bureau held it while T1 and T2 ran: 06:00Z 03-02 → 12:00Z 03-03 = 30 h, plus its open
    // task on the non-filing notice from 02:00Z to now 05:00Z on 03-06: 3 h → 33 h.
    // The police, from receiving the transfer 13:00Z 03-03 until the non-filing 01:00Z 03-06: 60 h.
    expect(r.holdings).toEqual([
      { agencyId: 'police-620400', name: expect.any(String), hours: 60 },
      { agencyId: 'msa-620400', name: expect.any(String), hours: 33 },
    ])
    expect(r.receipts.map((x) => [x.to.agencyId, x.sentAt, x.receivedAt, x.hours])).toEqual([
      ['police-620400', '2026-03-03T12:00:00.000Z', '2026-03-03T13:00:00.000Z', 1],
      ['msa-620400', '2026-03-06T01:00:00.000Z', '2026-03-06T02:00:00.000Z', 1],
    ])
    const steps = r.steps.filter((s) => s.case.link === 'self')
    expect(steps.filter((s) => s.type === 'RECEIPT').map((s) => s.agency.id)).toEqual(['police-620400', 'msa-620400'])
    const approve = steps.find((s) => s.type === 'APPROVE_TRANSFER')!
    expect(approve).toMatchObject({ actor: { userId: 'msa-620400.head' }, agency: { id: 'msa-620400' }, occurredAt: '2026-03-03T06:00:00.000Z' })
    expect(approve.deadlines).toEqual([expect.objectContaining({ timer: 'T1', unit: 'cd', duration: 3, met: true })])

    const csv = reportCsv(r)
    expect(csv.startsWith('\uFEFFcase_number,link,seq,occurred_at,step_zh,step_en,actor,agency,source')).toBe(true)
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(r.steps.length + 1)
    expect(csv).toContain('T1 (3 cd, R310 art. 5')
    const html = reportHtml(r)
    expect(html).toContain('<html lang="zh-CN">')
    expect(html).toContain('各机关办理时长')
    expect(html).not.toContain('<script')
    // Reading the report is recorded (查询留痕).
    // (views[0] is this very request for the list of views.)
    const views = await engine.views(ids.A, supervisor)
    expect(views[0]).toMatchObject({ what: 'views' })
    expect(views[1]).toMatchObject({ actor: { userId: 'government-620400.supervisor' }, what: 'timeline', allowed: true })
  })

  it('opens a 检察意见 case only from a case closed in F2R with a penalty (E2), not from F11/E2', async () => {
    const procurator = who('procuratorate-620400.procurator', ['procurator'])
    const openFrom = (parentCaseId: string) =>
      engine.openCase({ procedure: 'transfer-supervision', parentCaseId, payload: { title: '应当移送而未移送的监督', basis: { offence: '销售假冒注册商标的商品罪', thresholdId: 'CL-214', illegalBusinessVolume: 86_000 }, reasons: '以罚代刑，应当移送而未移送' } }, procurator)
    // A: the police refused to file; the bureau accepts that and fines (F11, E2).
    clock.set('2026-03-06T06:00:00Z')
    await cmd(ids.A, head, 'ACCEPT_NON_FILING')
    const fined = await cmd(ids.A, head, 'IMPOSE_PENALTY')
    expect([fined.stateIds, fined.status]).toEqual([['F11'], 'closed'])
    expect(await refusal(openFrom(ids.A))).toMatchObject({ code: 'RULE_REFUSED', details: { rule: 'open-from' } })
    expect(await refusal(openFrom(ids.E))).toMatchObject({ code: 'RULE_REFUSED', details: { rule: 'open-from' } })
    const opened = await openFrom(ids.B)
    expect(opened.stateIds).toEqual(['SA0'])
  })

  it('does not alert a supervisor twice when the deadline event already alerted it', async () => {
    // F: reported 02:00Z on 04-01; T1 (3 cd) is due at 16:00Z on 04-04 and fires late, at 04-06.
    const F = await open('2026-04-01T02:00:00Z')
    clock.set('2026-04-06T00:00:00Z')
    await engine.fireDueTimers()
    const alerts = async () =>
      (await t.db.selectFrom('outbox').select('payload').where('case_id', '=', F).where('job_name', '=', 'alert').execute()).map((r) => r.payload as { timer: string; toAgencyId: string })
    // The machine's own alert (R310 art. 16: the government) went with the deadline event.
    expect(await alerts()).toEqual([expect.objectContaining({ timer: 'T1', toAgencyId: 'government-620400' })])
    await engine.supervision.alertDuties()
    expect(await alerts()).toHaveLength(1)
    const row = await t.db.selectFrom('timers').select(['at_risk_alerted_at', 'overdue_alerted_at']).where('case_id', '=', F).where('name', '=', 'T1').executeTakeFirstOrThrow()
    expect(row.overdue_alerted_at).not.toBeNull()
    expect(row.at_risk_alerted_at).not.toBeNull()
    // Still listed as overdue until the head decides.
    expect((await engine.supervision.overdue(supervisor)).items.filter((i) => i.caseId === F).map((i) => [i.timer, i.status])).toEqual([['T1', 'overdue']])
  })

  it('counts confirmations rejected and why, and reports 杭州 against the Zhejiang 3-month target', async () => {
    const mediator = who('mediation-330100.mediator', ['mediator'])
    const party1 = who('party-330106-1.agent', ['party'])
    const party2 = who('party-330106-2.agent', ['party'])
    const judge = who('court.basic-330106.judge', ['court.judge'])
    const hangzhou = who('government-330100.supervisor', ['supervisor'])
    const jc = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = {}) => engine.execute(caseId, { type, payload }, actor)
    /** Filed at 02:00Z on 05-06 and received by the court then: T22 (3 cd) starts. */
    async function filed(): Promise<string> {
      clock.set('2026-05-04T02:00:00Z')
      const { caseId } = await engine.openCase({
        procedure: 'judicial-confirmation',
        payload: {
          title: '杭州甲公司与杭州乙公司商标侵权纠纷调解协议司法确认',
          mode: 'people',
          parties: { applicant1: 'party-330106-1', applicant2: 'party-330106-2' },
          dispute: { subjectType: 'trademark', matter: 'damages', subjectLocation: '330106', summary: '被申请人销售侵犯申请人注册商标专用权的商品，双方就赔偿数额达成调解协议。' },
          agreement: { text: '被申请人于2026年6月30日前支付赔偿金人民币五万元。', effectiveDate: '2026-05-04', amount: 50_000 },
        },
      }, mediator)
      clock.set('2026-05-06T02:00:00Z')
      await jc(caseId, party1, 'APPLY_FOR_CONFIRMATION', { courts: ['court.basic-330106'], form: 'written', materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'], viaAgent: false })
      await jc(caseId, party2, 'JOIN_APPLICATION', { materials: ['identity'], viaAgent: false })
      await deliver(caseId)
      return caseId
    }
    // G: accepted after 1 d (T22), rejected 10 d later (T23): the court held it 11 d.
    const G = await filed()
    clock.set('2026-05-07T02:00:00Z')
    await jc(G, judge, 'ACCEPT_APPLICATION', { note: '材料齐全，决定受理' })
    clock.set('2026-05-17T02:00:00Z')
    await jc(G, judge, 'REJECT_APPLICATION', { ground: { article: '358', item: 5 }, reasons: '协议内容不明确，无法执行' })
    // H: accepted after 1 d, confirmed 5 d later: 6 d. Mean (11 + 6) / 2 = 8.5 d ≤ 90: met.
    const H = await filed()
    clock.set('2026-05-07T02:00:00Z')
    await jc(H, judge, 'ACCEPT_APPLICATION', { note: '材料齐全，决定受理' })
    clock.set('2026-05-12T02:00:00Z')
    await jc(H, judge, 'CONFIRM_AGREEMENT', { reasoning: '调解协议系双方自愿达成，内容不违反法律规定。' })

    clock.set('2026-06-01T00:00:00Z')
    const may = { from: new Date('2026-04-30T16:00:00Z'), to: new Date('2026-05-31T16:00:00Z') }
    const s = await engine.supervision.statistics(hangzhou, may)
    expect(s.refusals).toEqual([{ procedure: 'judicial-confirmation', kind: 'rejected', title: expect.objectContaining({ zh: '裁定驳回申请' }), agencyId: 'court.basic-330106', count: 1 }])
    expect(s.refusalReasons).toEqual([{ procedure: 'judicial-confirmation', kind: 'rejected', reasons: '协议内容不明确，无法执行', count: 1 }])
    const t22 = s.steps.find((x) => x.timer === 'T22')
    const t23 = s.steps.find((x) => x.timer === 'T23')
    expect(t22).toMatchObject({ agencyId: 'court.basic-330106', count: 2, medianDays: 1, duties: { met: 2, overdue: 0, share: 1 } })
    // T23: 10 and 5 → median 7.5, p90 5 + .9 × 5 = 9.5.
    expect(t23).toMatchObject({ count: 2, medianDays: 7.5, p90Days: 9.5, duties: { met: 2, overdue: 0, share: 1 } })
    expect(s.targets).toEqual([expect.objectContaining({ id: 'ZJ-2020-trial-period', cases: 2, meanDays: 8.5, limitDays: 90, met: true })])
    // The cases of 杭州 are searchable by the applicants' names there, and not from 白银.
    expect((await engine.supervision.search(hangzhou, { procedure: 'judicial-confirmation' })).items.map((i) => i.caseId).sort()).toEqual([G, H].sort())
    expect((await engine.supervision.search(supervisor, { procedure: 'judicial-confirmation' })).items).toEqual([])
  })

  it('rebuilds the read models from the cases and their events, to the same rows', async () => {
    const read = async () => ({
      index: await t.db.selectFrom('case_index').selectAll().orderBy('case_id').execute(),
      refusals: await t.db.selectFrom('case_refusals').selectAll().orderBy('case_id').orderBy('seq').execute(),
    })
    const before = await read()
    expect(before.index.length).toBeGreaterThan(5)
    await t.db.deleteFrom('case_refusals').execute()
    await t.db.updateTable('case_index').set({ subject_names: '', subject_codes: [], summary: '{}', end_code: null }).execute()
    const progress: number[] = []
    const done = await engine.supervision.reindex({ batchSize: 3, onProgress: (p) => progress.push(p.cases) })
    expect(done).toEqual({ cases: before.index.length, refusals: before.refusals.length })
    expect(progress.at(-1)).toBe(before.index.length)
    expect(await read()).toEqual(before)
    // The statistics rollups followed every step and closing of this file, and the ends cleared and restored here.
    expect(await engine.supervision.rollupDrift()).toEqual([])
  })
})

