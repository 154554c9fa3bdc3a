// The law of DOMAIN.md §3 through the real engine, calendar and PostgreSQL, on a simulated
// clock. Dispatches are delivered the way the router does it (recordReceipt), so each
// statutory instant is exact.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@xianjie/domain'
import { lawEngine, refusal as refused, type LawEngine } from '../support/law.ts'
import { demoActor as who } from '../support/samples.ts'

const mediator = who('mediation-620400.mediator', ['mediator'])
const bureau = who('msa-410300.officer1', ['msa.officer'])
const party1 = who('party-620402-1.agent', ['party'])
const party2 = who('party-620402-2.agent', ['party'])
const strangerParty = who('party-370103-1.agent', ['party'])
const judge = who('court.basic-620402.judge', ['court.judge'])
const clerk = who('court.basic-620402.clerk', ['court.clerk'])
const president = who('court.basic-620402.president', ['court.president'])
const hangzhouJudge = who('court.basic-330106.judge', ['court.judge'])
const intermediateJudge = who('court.intermediate-620400.judge', ['court.judge'])
const luoyangParty1 = who('party-410305-1.agent', ['party'])
const luoyangParty2 = who('party-410305-2.agent', ['party'])
const luoyangCourt = who('court.intermediate-410300.judge', ['court.judge'])
const supervisor = who('government-620400.supervisor', ['supervisor'])

const AGREEMENT_TEXT = '被申请人于2026年6月30日前一次性支付申请人商标侵权赔偿金人民币八万元，并停止销售侵权商品。'

/** A people's-mediation trademark case in 白银: the agreement took effect on `effectiveDate`. */
function openPayload(overrides: { effectiveDate?: string; lastPerformanceDate?: string; dispute?: Record<string, unknown> } = {}) {
  return {
    title: '白银甲科技有限公司与白银乙贸易有限公司商标侵权纠纷调解协议司法确认',
    mode: 'people',
    parties: { applicant1: 'party-620402-1', applicant2: 'party-620402-2' },
    dispute: { subjectType: 'trademark', matter: 'damages', summary: '被申请人销售侵犯申请人注册商标专用权的商品，双方就赔偿数额达成调解协议。', ...overrides.dispute },
    agreement: {
      text: AGREEMENT_TEXT,
      effectiveDate: overrides.effectiveDate ?? '2026-03-10',
      amount: 80_000,
      ...(overrides.lastPerformanceDate ? { lastPerformanceDate: overrides.lastPerformanceDate } : {}),
    },
  }
}

const APPLY = { courts: ['court.basic-620402'], form: 'written', materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'], viaAgent: false }

describe('judicial-confirmation law through the engine', () => {
  let { t, clock, engine, deliver, timer } = {} as LawEngine
  beforeAll(async () => ({ t, clock, engine, deliver, timer } = await lawEngine('2026-03-10T02:00:00Z')))
  afterAll(async () => t.drop())

  const cmd = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = {}) => engine.execute(caseId, { type, payload }, actor)
  const iso = (d: Date | string) => new Date(d).toISOString()

  async function open(at = '2026-03-10T02:00:00Z', payload: Record<string, unknown> = openPayload()) {
    clock.set(at)
    return (await engine.openCase({ procedure: 'judicial-confirmation', payload }, mediator)).caseId
  }
  async function filed(at = '2026-03-12T02:00:00Z', payload?: Record<string, unknown>, apply: Record<string, unknown> = APPLY) {
    const caseId = await open('2026-03-10T02:00:00Z', payload)
    clock.set(at)
    await cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', apply)
    await cmd(caseId, party2, 'JOIN_APPLICATION', { materials: ['identity'], viaAgent: false })
    await deliver(caseId)
    return caseId
  }
  async function accepted(at = '2026-03-13T02:00:00Z', payload?: Record<string, unknown>) {
    const caseId = await filed('2026-03-12T02:00:00Z', payload)
    clock.set(at)
    const r = await cmd(caseId, judge, 'ACCEPT_APPLICATION', { note: '材料齐全，决定受理' })
    return { caseId, caseNumber: r.caseNumber }
  }
  async function confirmed(at = '2026-03-20T02:00:00Z', payload?: Record<string, unknown>) {
    const { caseId } = await accepted('2026-03-13T02:00:00Z', payload)
    clock.set(at)
    await cmd(caseId, judge, 'CONFIRM_AGREEMENT', { reasoning: '调解协议系双方自愿达成，内容不违反法律规定。' })
    return caseId
  }

  describe('the 30-day joint application window (T21, CivPL art. 205)', () => {
    it('accepts a joint application on day 30 and refuses one on day 31 with the rule', async () => {
      // Effective 2026-03-10; the start day is excluded, day 30 is 2026-04-09 (a Thursday).
      const onTime = await open()
      const t21 = await timer(onTime, 'T21')
      expect(iso(t21.due_at)).toBe('2026-04-09T16:00:00.000Z')
      expect(t21.rule).toMatchObject({ duration: 30, unit: 'cd', expiry: 'RIGHT', rollOnHoliday: true })
      clock.set('2026-04-09T15:30:00Z') // day 30, 23:30 Beijing
      await cmd(onTime, party1, 'APPLY_FOR_CONFIRMATION', APPLY)
      const joined = await cmd(onTime, party2, 'JOIN_APPLICATION', {})
      expect(joined.stateIds).toEqual(expect.arrayContaining(['J2', 'J3']))

      const late = await open()
      clock.set('2026-04-10T00:30:00Z') // day 31, 08:30 Beijing
      const e = await refused(cmd(late, party1, 'APPLY_FOR_CONFIRMATION', APPLY))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL art. 205')
      const view = await engine.readCase(late, party1)
      expect(view.stateIds).toEqual(['J1X'])
      expect(view.status).toBe('closed')
      expect((await timer(late, 'T21')).status).toBe('EXPIRED_RIGHT_LOST')
    })

    it('rolls the window over the Spring Festival when its last day is a holiday', async () => {
      // Effective 2026-01-20: day 30 is 2026-02-19, inside the 2026 Spring Festival holiday (02-15…02-23).
      const caseId = await open('2026-01-20T02:00:00Z', openPayload({ effectiveDate: '2026-01-20' }))
      const t21 = await timer(caseId, 'T21')
      expect(iso(t21.due_at)).toBe('2026-02-24T16:00:00.000Z')
    })

    it('needs both parties: the applicant cannot join its own application, the other party can', async () => {
      const caseId = await open()
      await cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', APPLY)
      const e = await refused(cmd(caseId, party1, 'JOIN_APPLICATION', {}))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL-I art. 351')
      const r = await cmd(caseId, party2, 'JOIN_APPLICATION', {})
      expect(r.stateIds).toContain('J3')
    })

    it('lets one party withdraw the joint application before it is filed; the window keeps running', async () => {
      const caseId = await open()
      await cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', APPLY)
      const r = await cmd(caseId, party2, 'WITHDRAW_APPLICATION', { reasons: '不同意申请' })
      expect(r.stateIds).toEqual(expect.arrayContaining(['J0', 'J1']))
      expect((await timer(caseId, 'T21')).status).toBe('SCHEDULED')
    })
  })

  describe('jurisdiction (CivPL art. 205, CivPL-I art. 352, IPJ-2022)', () => {
    it('files with the basic court of a party domicile and puts the case in the court inbox', async () => {
      const caseId = await filed()
      const view = await engine.readCase(caseId, judge)
      expect(view.parties).toMatchObject({ mediator: 'mediation-620400', applicant1: 'party-620402-1', applicant2: 'party-620402-2', filedCourt1: 'court.basic-620402' })
      const inbox = await engine.inbox(judge)
      const task = inbox.find((x) => x.caseId === caseId)
      expect(task).toMatchObject({ kind: 'decideAcceptance', stateId: 'J3' })
      // T22: three calendar days from the application reaching the court.
      expect(iso(task!.dueAt!)).toBe('2026-03-15T16:00:00.000Z')
    })

    it('refuses an invention-patent agreement at a basic court and at a non-designated intermediate court', async () => {
      const patent = openPayload({ dispute: { subjectType: 'inventionPatent', matter: 'damages' } })
      const caseId = await open('2026-03-10T02:00:00Z', patent)
      clock.set('2026-03-11T02:00:00Z')
      const basic = await refused(cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', APPLY))
      expect(basic.code).toBe('RULE_REFUSED')
      expect(basic.details.source).toContain('IPJ-2022')
      const intermediate = await refused(cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', { ...APPLY, courts: ['court.intermediate-620400'] }))
      expect(intermediate.code).toBe('RULE_REFUSED')
    })

    it('routes a Luoyang invention-patent agreement to the designated Luoyang intermediate court', async () => {
      clock.set('2026-03-10T02:00:00Z')
      const mediatorLy = who('mediation-410300.mediator', ['mediator'])
      const { caseId } = await engine.openCase({
        procedure: 'judicial-confirmation',
        payload: {
          mode: 'people',
          parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' },
          dispute: { subjectType: 'inventionPatent', matter: 'damages', summary: '发明专利侵权损害赔偿纠纷' },
          agreement: { text: '被申请人支付专利侵权赔偿金人民币十万元。', effectiveDate: '2026-03-10' },
        },
      }, mediatorLy)
      await cmd(caseId, luoyangParty1, 'APPLY_FOR_CONFIRMATION', { ...APPLY, courts: ['court.intermediate-410300'] })
      await cmd(caseId, luoyangParty2, 'JOIN_APPLICATION', {})
      const r = await cmd(caseId, luoyangCourt, 'ACCEPT_APPLICATION', {})
      expect(r.caseNumber).toMatch(/^\(2026\)豫03民特\d+号$/)
    })

    it('cites the rule that refused: a court that declined cannot accept later (CivPL-I art. 352)', async () => {
      const caseId = await filed('2026-03-12T02:00:00Z', openPayload({ dispute: { subjectLocation: '330106' } }), { ...APPLY, courts: ['court.basic-620402', 'court.basic-330106'] })
      clock.set('2026-03-13T02:00:00Z')
      const r = await cmd(caseId, judge, 'REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院对该申请无管辖权' })
      expect(r.stateIds).toContain('J3') // the Hangzhou court still decides
      const e = await refused(cmd(caseId, judge, 'ACCEPT_APPLICATION', {}))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL-I art. 352')
    })

    it('rejects an unknown court id as bad input naming the field', async () => {
      const caseId = await open()
      const e = await refused(cmd(caseId, party1, 'APPLY_FOR_CONFIRMATION', { ...APPLY, courts: ['court.basic-999999'] }))
      expect(e.code).toBe('VALIDATION_FAILED')
      expect(e.details.fields).toEqual([expect.objectContaining({ path: '/courts/0' })])
    })

    it('gives the case to the first of several courts to accept; the other is told and cannot accept', async () => {
      const caseId = await filed('2026-03-12T02:00:00Z', openPayload({ dispute: { subjectLocation: '330106' } }), { ...APPLY, courts: ['court.basic-620402', 'court.basic-330106'] })
      expect((await engine.inbox(hangzhouJudge)).some((x) => x.caseId === caseId)).toBe(true)
      clock.set('2026-03-13T02:00:00Z')
      const r = await cmd(caseId, hangzhouJudge, 'ACCEPT_APPLICATION', {})
      expect(r.caseNumber).toMatch(/^\(2026\)浙0106民特\d+号$/)
      const view = await engine.readCase(caseId, hangzhouJudge)
      expect(view.parties.court).toBe('court.basic-330106')
      const late = await refused(cmd(caseId, judge, 'ACCEPT_APPLICATION', {}))
      expect(['WRONG_STATE', 'FORBIDDEN', 'RULE_REFUSED']).toContain(late.code)
      const settled = await t.db.selectFrom('outbox').select('payload').where('case_id', '=', caseId).where('queue', '=', 'agency.court.basic-620402').execute()
      expect(settled.map((o) => (o.payload as { kind: string }).kind)).toContain('jurisdictionSettled')
      // The court that lost the race keeps no open task.
      expect((await engine.inbox(judge)).some((x) => x.caseId === caseId)).toBe(false)
    })
  })

  describe('acceptance and review (SPC-2011 arts 4–5, CivPL art. 187)', () => {
    it('numbers the case in the court series and counts the 15-day review and the 30-day cap from acceptance', async () => {
      const { caseId, caseNumber } = await accepted('2026-03-13T02:00:00Z') // 10:00 Beijing, Friday
      expect(caseNumber).toMatch(/^\(2026\)甘0402民特\d+号$/)
      const t23 = await timer(caseId, 'T23')
      expect(iso(t23.due_at)).toBe('2026-03-28T16:00:00.000Z')
      expect(t23.rule).toMatchObject({ duration: 15, unit: 'cd', expiry: 'DUTY', source: expect.stringContaining('SPC-2011 art. 5') })
      const t23s = await timer(caseId, 'T23s')
      expect(iso(t23s.due_at)).toBe('2026-04-12T16:00:00.000Z')
      expect((await timer(caseId, 'T22')).status).toBe('MET')
    })

    it('lets only the court president extend the review, once, to 25 days from acceptance', async () => {
      const { caseId } = await accepted('2026-03-13T02:00:00Z')
      const byJudge = await refused(cmd(caseId, judge, 'EXTEND_REVIEW', { days: 10, reasons: '案情复杂需核实' }))
      expect(byJudge.code).toBe('FORBIDDEN')
      await cmd(caseId, president, 'EXTEND_REVIEW', { days: 10, reasons: '案情复杂需核实' })
      const t23x = await timer(caseId, 'T23x')
      expect(iso(t23x.due_at)).toBe('2026-04-07T16:00:00.000Z')
      // The statutory cap is not moved by the extension.
      expect(iso((await timer(caseId, 'T23s')).due_at)).toBe('2026-04-12T16:00:00.000Z')
      const again = await refused(cmd(caseId, president, 'EXTEND_REVIEW', { days: 10, reasons: '再次延长审查期限' }))
      expect(again.code).toBe('RULE_REFUSED')
      expect(again.details.source).toContain('SPC-2011 art. 5')
    })

    it('records the review as overdue when 15 days pass, and the statutory cap at 30, without leaving J4', async () => {
      const { caseId } = await accepted('2026-03-13T02:00:00Z')
      clock.set('2026-04-13T02:00:00Z')
      expect(await engine.fireDueTimers()).toBeGreaterThanOrEqual(2)
      expect((await timer(caseId, 'T23')).status).toBe('OVERDUE_DUTY')
      expect((await timer(caseId, 'T23s')).status).toBe('OVERDUE_DUTY')
      const view = await engine.readCase(caseId, judge)
      expect(view.stateIds).toContain('J4')
      // The judge can still rule.
      const r = await cmd(caseId, judge, 'CONFIRM_AGREEMENT', { reasoning: '逾期审结，协议有效。' })
      expect(r.stateIds).toContain('J5A')
    })

    it('does not accept an agreement confirming IP ownership and rules non-acceptance on ground 5', async () => {
      const ownership = openPayload({ dispute: { subjectType: 'trademark', matter: 'ownership' } })
      const caseId = await filed('2026-03-12T02:00:00Z', ownership)
      clock.set('2026-03-13T02:00:00Z')
      const e = await refused(cmd(caseId, judge, 'ACCEPT_APPLICATION', {}))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL-I art. 355')
      const r = await cmd(caseId, judge, 'REFUSE_ACCEPTANCE', { ground: 5, reasons: '调解协议涉及确认知识产权权属' })
      expect(r.stateIds).toEqual(['J3R'])
      expect(r.status).toBe('closed')
      const docs = await engine.documents.list(caseId, party1)
      expect(docs.map((d) => d.kind)).toEqual(['agreement', 'nonAcceptanceRuling'])
      const ruling = await engine.documents.read(caseId, docs[1]!.id, party1)
      expect(ruling.content.toString('utf8')).toContain('第三百五十五条')
    })

    it('orders missing materials by a court-set date and treats the application as withdrawn only after it', async () => {
      const caseId = await filed()
      clock.set('2026-03-13T02:00:00Z')
      await cmd(caseId, judge, 'ORDER_SUPPLEMENT', { items: ['propertyProof'], dueDate: '2026-03-20' })
      expect(iso((await timer(caseId, 'TJ2S')).due_at)).toBe('2026-03-20T16:00:00.000Z')
      clock.set('2026-03-20T10:00:00Z')
      const early = await refused(cmd(caseId, judge, 'TREAT_AS_WITHDRAWN', { reason: 'materialsNotSupplied' }))
      expect(early.code).toBe('RULE_REFUSED')
      clock.set('2026-03-21T02:00:00Z')
      const r = await cmd(caseId, judge, 'TREAT_AS_WITHDRAWN', { reason: 'materialsNotSupplied' })
      expect(r.stateIds).toEqual(['J6W'])
    })

    it('lets a party withdraw before the ruling but not after it', async () => {
      const { caseId } = await accepted()
      const r = await cmd(caseId, party2, 'WITHDRAW_APPLICATION', { reasons: '双方已自行和解' })
      expect(r.stateIds).toEqual(['J6W'])
      const done = await confirmed()
      const e = await refused(cmd(done, party1, 'WITHDRAW_APPLICATION', { reasons: '申请撤回' }))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL-I art. 357')
    })
  })

  describe('court case numbers', () => {
    it('never gives two accepted cases the same number, even when courts accept at once', async () => {
      // Eight applications at the 白银区 court and eight at the 西湖区 court, accepted all at once.
      const baiyin: string[] = []
      const xihu: string[] = []
      for (let i = 0; i < 8; i++) {
        baiyin.push(await filed())
        xihu.push(await filed('2026-03-12T02:00:00Z', openPayload({ dispute: { subjectLocation: '330106' } }), { ...APPLY, courts: ['court.basic-330106'] }))
      }
      clock.set('2026-03-13T02:00:00Z')
      const results = await Promise.all([
        ...baiyin.map((caseId) => cmd(caseId, judge, 'ACCEPT_APPLICATION', {})),
        ...xihu.map((caseId) => cmd(caseId, hangzhouJudge, 'ACCEPT_APPLICATION', {})),
      ])
      const numbers = results.map((r) => r.caseNumber!)
      expect(new Set(numbers).size).toBe(numbers.length)
      for (const [prefix, count] of [['(2026)甘0402民特', 8], ['(2026)浙0106民特', 8]] as const) {
        const serials = numbers.filter((n) => n.startsWith(prefix)).map((n) => Number(/民特(\d+)号$/.exec(n)![1])).sort((a, b) => a - b)
        expect(serials).toHaveLength(count)
        // Consecutive: no number is skipped or taken twice.
        expect(serials.at(-1)! - serials[0]! + 1).toBe(count)
      }
      const stored = await t.db.selectFrom('cases').select('case_number').where('id', 'in', [...baiyin, ...xihu]).execute()
      expect(stored.map((c) => c.case_number).sort()).toEqual([...numbers].sort())
    })

    it('lets exactly one of two courts accept the same application when they race', async () => {
      const caseId = await filed('2026-03-12T02:00:00Z', openPayload({ dispute: { subjectLocation: '330106' } }), { ...APPLY, courts: ['court.basic-620402', 'court.basic-330106'] })
      clock.set('2026-03-13T02:00:00Z')
      const before = await t.db.selectFrom('case_numbers').selectAll().where('series', '=', '民特').execute()
      const outcomes = await Promise.allSettled([cmd(caseId, judge, 'ACCEPT_APPLICATION', {}), cmd(caseId, hangzhouJudge, 'ACCEPT_APPLICATION', {})])
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
      const after = await t.db.selectFrom('case_numbers').selectAll().where('series', '=', '民特').execute()
      const used = (rows: typeof before) => rows.reduce((sum, r) => sum + r.last, 0)
      // Exactly one number was consumed across both courts.
      expect(used(after) - used(before)).toBe(1)
    })
  })

  describe('after the ruling: objections and enforcement (CivPL-I arts 372, 460; CivPL art. 250)', () => {
    it('accepts a party objection within 15 days of service and refuses one after', async () => {
      const caseId = await confirmed('2026-03-20T02:00:00Z')
      clock.set('2026-03-23T02:00:00Z')
      await deliver(caseId) // both parties are served the ruling on Monday 2026-03-23
      const windows = await t.db.selectFrom('timers').selectAll().where('case_id', '=', caseId).where('name', '=', 'T24').execute()
      expect(windows.map((w) => iso(w.due_at))).toEqual(['2026-04-07T16:00:00.000Z', '2026-04-07T16:00:00.000Z'])
      clock.set('2026-04-07T15:30:00Z') // day 15, 23:30 Beijing
      await cmd(caseId, party2, 'OBJECT_TO_RULING', { reasons: '调解协议违反自愿原则，系受胁迫签订' })
      await cmd(caseId, judge, 'DISMISS_OBJECTION', { reasons: '异议人未提供证据证明受胁迫' })
      clock.set('2026-04-08T00:30:00Z') // day 16
      const e = await refused(cmd(caseId, party1, 'OBJECT_TO_RULING', { reasons: '调解协议内容显失公平' }))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('CivPL-I art. 372')
      expect((await engine.readCase(caseId, party1)).stateIds).toEqual(expect.arrayContaining(['J5A', 'J7', 'J8']))
    })

    it('accepts an interested party objection within 6 months of knowledge and refuses it after', async () => {
      const caseId = await confirmed('2026-03-20T02:00:00Z')
      clock.set('2026-08-28T10:00:00Z')
      const late = await refused(cmd(caseId, clerk, 'RECORD_INTERESTED_OBJECTION', { objector: '白银丙贸易有限公司', knewAt: '2026-02-27', reasons: '调解协议处分了异议人的财产' }))
      expect(late.code).toBe('RULE_REFUSED')
      expect(late.details.source).toContain('CivPL-I')
      await cmd(caseId, clerk, 'RECORD_INTERESTED_OBJECTION', { objector: '白银丙贸易有限公司', knewAt: '2026-02-28', reasons: '调解协议处分了异议人的财产' })
      const r = await cmd(caseId, judge, 'UPHOLD_OBJECTION', { reasons: '调解协议损害案外人合法权益' })
      expect(r.stateIds).toContain('J7')
      expect(r.status).toBe('closed')
    })

    it('counts the enforcement window from the last performance day and routes the application', async () => {
      const caseId = await confirmed('2026-03-20T02:00:00Z', openPayload({ lastPerformanceDate: '2026-06-30' }))
      const t26 = await timer(caseId, 'T26')
      expect(iso(t26.started_at)).toBe('2026-06-29T16:00:00.000Z')
      expect(iso(t26.due_at)).toBe('2028-06-30T16:00:00.000Z')
      expect(t26.provisional).toBe(true) // no 2028 holiday notice loaded yet
      clock.set('2026-07-10T02:00:00Z')
      const wrongLevel = await refused(cmd(caseId, party1, 'APPLY_ENFORCEMENT', { courtId: 'court.intermediate-620400', reasons: '被申请人拒不履行' }))
      expect(wrongLevel.code).toBe('RULE_REFUSED')
      await cmd(caseId, party1, 'APPLY_ENFORCEMENT', { courtId: 'court.basic-620402', reasons: '被申请人拒不履行' })
      await deliver(caseId)
      const r = await cmd(caseId, judge, 'REGISTER_ENFORCEMENT', { enforcementCaseNo: '(2026)甘0402执1号' })
      expect(r.stateIds).toContain('J9')
      expect(r.status).toBe('closed')
    })

    it('closes the case as time-barred when two years pass on the scheduler clock', async () => {
      const caseId = await confirmed('2026-03-20T02:00:00Z')
      clock.set('2028-03-22T02:00:00Z')
      await engine.fireDueTimers()
      const view = await engine.readCase(caseId, party1)
      expect(view.states.find((s) => s.end)?.end).toBe('E3')
    })
  })

  describe('parties, documents and re-mediation', () => {
    it('shows a party only its own matters and stores the agreement and rulings with their SHA-256', async () => {
      const caseId = await confirmed()
      await expect(engine.readCase(caseId, party1)).resolves.toMatchObject({ id: caseId })
      expect((await refused(engine.readCase(caseId, strangerParty))).code).toBe('FORBIDDEN')
      expect((await refused(engine.readCase(caseId, intermediateJudge))).code).toBe('FORBIDDEN')
      await expect(engine.readCase(caseId, supervisor)).resolves.toMatchObject({ id: caseId })
      const docs = await engine.documents.list(caseId, party2)
      expect(docs.map((d) => d.kind)).toEqual(['agreement', 'acceptanceNotice', 'confirmationRuling'])
      const agreement = await engine.documents.read(caseId, docs[0]!.id, party2)
      expect(agreement.content.toString('utf8')).toContain(AGREEMENT_TEXT)
      expect(agreement.sha256).toBe(createHash('sha256').update(agreement.content).digest('hex'))
      const ruling = (await engine.documents.read(caseId, docs[2]!.id, party2)).content.toString('utf8')
      const { case_number } = await t.db.selectFrom('cases').select('case_number').where('id', '=', caseId).executeTakeFirstOrThrow()
      expect(ruling).toContain(case_number!)
      expect(ruling).toContain('调解协议有效')
      // The event that rendered it cites the hash.
      const ev = await t.db.selectFrom('case_events').select('facts').where('case_id', '=', caseId).where('type', '=', 'CONFIRM_AGREEMENT').executeTakeFirstOrThrow()
      expect((ev.facts as { documents: Array<{ sha256: string }> }).documents[0]!.sha256).toBe(docs[2]!.sha256)
      expect(await engine.verify(caseId)).toMatchObject({ ok: true })
      expect(await engine.replay(caseId)).toMatchObject({ equal: true })
    })

    it('verifies a chain while events are being appended to it', async () => {
      const { caseId } = await accepted()
      let writing = true
      const writer = (async () => {
        for (let i = 0; i < 40; i++) await cmd(caseId, judge, 'QUESTION_PARTIES', { record: `第${i + 1}次询问笔录`, summonedBoth: true })
        writing = false
      })()
      const checks: Array<Awaited<ReturnType<LawEngine['engine']['verify']>>> = []
      while (writing) checks.push(await engine.verify(caseId))
      await writer
      expect(checks.length).toBeGreaterThan(0)
      expect(checks.filter((c) => !c.ok)).toEqual([])
    })

    it('opens a re-mediation linked to a rejected case, and refuses one from a confirmed case', async () => {
      const { caseId } = await accepted()
      await cmd(caseId, judge, 'REJECT_APPLICATION', { ground: { article: '358', item: 5 }, reasons: '协议内容不明确，无法执行' })
      clock.set('2026-03-25T02:00:00Z')
      const again = await engine.openCase({ procedure: 'judicial-confirmation', payload: openPayload({ effectiveDate: '2026-03-25' }), parentCaseId: caseId }, mediator)
      const view = await engine.readCase(again.caseId, party1)
      expect(view.parentCaseId).toBe(caseId)
      const done = await confirmed()
      const e = await refused(engine.openCase({ procedure: 'judicial-confirmation', payload: openPayload(), parentCaseId: done }, mediator))
      expect(e.code).toBe('RULE_REFUSED')
    })
  })

  describe('administrative mediation by the bureau (DOMAIN §3.4)', () => {
    const adminPayload = {
      mode: 'administrative',
      parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' },
      dispute: { subjectType: 'inventionPatent', matter: 'damages', summary: '请求人请求就专利侵权赔偿数额进行调解' },
      request: { text: '请求就侵犯发明专利权的赔偿数额进行调解', mediationRequested: true },
    }
    it('gives the respondent 15 days from receipt to answer, then closes with notice to the requester', async () => {
      clock.set('2026-03-10T02:00:00Z')
      const { caseId } = await engine.openCase({ procedure: 'judicial-confirmation', payload: adminPayload }, bureau)
      clock.set('2026-03-11T02:00:00Z')
      await deliver(caseId)
      const tam = await timer(caseId, 'TAM1')
      expect(iso(tam.due_at)).toBe('2026-03-26T16:00:00.000Z')
      clock.set('2026-03-27T02:00:00Z')
      await engine.fireDueTimers()
      const view = await engine.readCase(caseId, luoyangParty1)
      expect(view.stateIds).toEqual(['AMN'])
    })

    it('turns an agreement reached before the bureau into a confirmation case', async () => {
      clock.set('2026-03-10T02:00:00Z')
      const { caseId } = await engine.openCase({ procedure: 'judicial-confirmation', payload: adminPayload }, bureau)
      await cmd(caseId, luoyangParty2, 'ANSWER_MEDIATION_REQUEST', { agrees: true, opinion: '同意调解' })
      clock.set('2026-03-16T02:00:00Z')
      const r = await cmd(caseId, bureau, 'RECORD_AGREEMENT', { agreement: { text: '被请求人支付专利侵权赔偿金人民币十万元。', effectiveDate: '2026-03-16' } })
      expect(r.stateIds).toEqual(expect.arrayContaining(['J0', 'J1']))
      expect(iso((await timer(caseId, 'T21')).due_at)).toBe('2026-04-15T16:00:00.000Z')
    })
  })
})
