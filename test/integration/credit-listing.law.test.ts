// The law of DOMAIN.md §4 through the real engine, calendar and PostgreSQL, on a simulated
// clock: the SAMR-44 serious-violation list (L0–L9), the SAMR-45 penalty publicity beside it,
// joint-punishment notices to the partners, and the public credit register they read.
// Dispatches are delivered the way the router does it (recordReceipt), so each statutory
// instant is exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '@xianjie/domain'
import { SAMPLE_PENALTY } from '../../workflows/credit-listing/src/credit-listing.fixtures.ts'
import { SAMPLE_PAYLOADS as TRANSFER } from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { lawEngine, refusal as refused, type LawEngine } from '../support/law.ts'
import { CASE_OPEN, demoActor as who } from '../support/samples.ts'

const officer = who('msa-620400.officer1', ['msa.officer'])
const credit = who('msa-620400.credit', ['msa.credit'])
const head = who('msa-620400.head', ['msa.head'])
const subject = who('party-620402-1.agent', ['party'])
const otherParty = who('party-620402-2.agent', ['party'])
const partner = who('partner.ndrc-620400.partner', ['partner'])
const hangzhouBureau = who('msa-330100.officer1', ['msa.officer'])
const luoyangDistrictOfficer = who('msa-410305.officer1', ['msa.officer'])

const SUBJECT = 'party-620402-1'
const SUBJECT_CODE = '91620402MA0000001U'
const PARTNERS = ['partner.customs-620400', 'partner.ndrc-620400', 'partner.pbc-620400', 'partner.tax-620400']

function openPayload(penalty: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    title: '白银甲科技有限公司故意侵犯注册商标专用权列入严重违法失信名单',
    parties: { subject: SUBJECT },
    penalty: {
      ...SAMPLE_PENALTY,
      decidedAt: '2026-03-02',
      ...penalty,
    },
    ...extra,
  }
}

const ASSESS = {
  factors: { malice: '收到权利人警告函后继续生产', frequency: '两年内第二次因商标侵权受罚', goodsValue: '货值金额八十余万元' },
  seriousCircumstances: true,
  noIntentEvidence: false,
  reasons: '故意侵犯知识产权，从重处罚，情节严重，社会危害较大',
}
const APPROVAL = { authority: '甘肃省市场监督管理局', reference: '甘市监信批〔2026〕8号', approvedAt: '2026-03-02' }
const DECIDE = { list: true, reasons: '符合列入严重违法失信名单的条件', upperLevelApproval: APPROVAL }
const EARLY = {
  performed: true,
  harmEliminated: true,
  noFurtherHeavierPenalty: true,
  commitment: '本企业承诺今后严格遵守知识产权法律法规，如有违反自愿接受惩戒。',
  materials: ['信用修复申请书', '守信承诺书', '罚没款缴纳凭证', '营业执照'],
}

describe('credit-listing law through the engine', () => {
  let { t, clock, engine, deliver, timer } = {} as LawEngine
  beforeAll(async () => ({ t, clock, engine, deliver, timer } = await lawEngine('2026-03-02T02:00:00Z')))
  afterAll(async () => t.drop())

  const cmd = (caseId: string, actor: Actor, type: string, payload: Record<string, unknown> = {}) => engine.execute(caseId, { type, payload }, actor)
  const iso = (d: Date | string) => new Date(d).toISOString()
  const dispatchesOf = async (caseId: string, kind: string) =>
    (await t.db.selectFrom('outbox').select(['queue', 'payload']).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').orderBy('id').execute()).filter(
      (r) => (r.payload as { kind: string }).kind === kind,
    )
  /** Removes earlier cases' register rows of the demo subject, so each test reads only its own. */
  const clearRegister = () => t.db.deleteFrom('credit_list').where('subject_credit_code', '=', SUBJECT_CODE).execute()

  async function open(at = '2026-03-02T02:00:00Z', payload: Record<string, unknown> = openPayload(), by: Actor = officer) {
    clock.set(at)
    await clearRegister()
    return (await engine.openCase({ procedure: 'credit-listing', payload }, by)).caseId
  }
  /** Notice given and received by the subject at `at`. */
  async function noticed(at = '2026-03-02T02:00:00Z', payload?: Record<string, unknown>) {
    const caseId = await open(at, payload)
    await cmd(caseId, officer, 'ASSESS_CRITERIA', ASSESS)
    await cmd(caseId, officer, 'GIVE_PRIOR_NOTICE', {})
    await deliver(caseId)
    return caseId
  }
  /** Decided on 2026-03-02 after the subject waived its rights; published the same day. */
  async function listed(payload?: Record<string, unknown>) {
    const caseId = await noticed('2026-03-02T02:00:00Z', payload)
    await cmd(caseId, subject, 'WAIVE_RIGHTS', {})
    await cmd(caseId, head, 'DECIDE_LISTING', DECIDE)
    await deliver(caseId)
    await cmd(caseId, credit, 'PUBLISH_LISTING', {})
    await deliver(caseId)
    return caseId
  }

  describe('the listing criteria (SAMR-44 arts 2, 9, 12)', () => {
    it('lists nobody who proves it had no intent, and no penalty that was not heavier', async () => {
      const noIntent = await open()
      const r = await cmd(noIntent, officer, 'ASSESS_CRITERIA', { ...ASSESS, noIntentEvidence: true })
      expect(r.stateIds).toContain('L0')
      expect((await engine.readCase(noIntent, officer)).states.some((s) => s.end === 'N1')).toBe(true)

      const light = await open('2026-03-02T02:00:00Z', openPayload({ types: ['fine'], heavierFine: false }))
      await cmd(light, officer, 'ASSESS_CRITERIA', ASSESS)
      expect((await engine.readCase(light, officer)).states.some((s) => s.end === 'N1')).toBe(true)
      const e = await refused(cmd(light, officer, 'GIVE_PRIOR_NOTICE', {}))
      expect(e.code).toMatch(/WRONG_STATE|RULE_REFUSED/)
    })

    it('refuses a listing decision before the party was told and heard (APL arts 44, 62)', async () => {
      const caseId = await open()
      const early = await refused(cmd(caseId, head, 'DECIDE_LISTING', DECIDE))
      expect(early.code).toBe('RULE_REFUSED')
      await cmd(caseId, officer, 'ASSESS_CRITERIA', ASSESS)
      await cmd(caseId, officer, 'GIVE_PRIOR_NOTICE', {})
      await deliver(caseId)
      const unheard = await refused(cmd(caseId, head, 'DECIDE_LISTING', DECIDE))
      expect(unheard.code).toBe('RULE_REFUSED')
      expect(unheard.details.source).toContain('APL art. 62')
    })
  })

  describe('the hearing (APL arts 64, 85; T29, T30)', () => {
    it('takes a hearing request on the 5th working day after the notice and refuses it on the 6th, across the Spring Festival', async () => {
      // Notice received Thu 2026-02-12. Working days: 02-13 (1), Sat 02-14 make-up day (2),
      // the holiday 02-15…02-23, then 02-24 (3), 02-25 (4), 02-26 (5). The 6th is 02-27.
      const onTime = await noticed('2026-02-12T02:00:00Z', openPayload({ decidedAt: '2026-02-12' }))
      const t29 = await timer(onTime, 'T29')
      expect(iso(t29.due_at)).toBe('2026-02-26T16:00:00.000Z')
      expect(t29.rule).toMatchObject({ duration: 5, unit: 'wd', expiry: 'RIGHT' })
      clock.set('2026-02-26T15:30:00Z') // 02-26 23:30 Beijing
      const requested = await cmd(onTime, subject, 'REQUEST_HEARING', {})
      expect(requested.stateIds).toContain('L1H')

      const late = await noticed('2026-02-12T02:00:00Z', openPayload({ decidedAt: '2026-02-12' }))
      clock.set('2026-02-27T01:00:00Z') // 02-27 09:00 Beijing, the 6th working day
      const e = await refused(cmd(late, subject, 'REQUEST_HEARING', {}))
      expect(e.code).toBe('RULE_REFUSED')
      expect(e.details.source).toContain('APL')
      expect((await timer(late, 'T29')).status).toBe('EXPIRED_RIGHT_LOST')
    })

    it('holds the hearing no earlier than 7 working days after its notice, before a presiding officer who did not investigate', async () => {
      const caseId = await noticed('2026-03-02T02:00:00Z')
      await cmd(caseId, subject, 'REQUEST_HEARING', {})
      clock.set('2026-03-05T02:00:00Z')
      const hearing = { hearingAt: '2026-03-17T02:00:00.000Z', place: '白银市市场监督管理局听证室', presidingOfficer: '法制科 王某', investigators: ['执法一科 张某', '执法一科 李某'] }
      const investigator = await refused(cmd(caseId, officer, 'SCHEDULE_HEARING', { ...hearing, presidingOfficer: '执法一科 张某' }))
      expect(investigator.details.source).toContain('APL art. 64')
      await cmd(caseId, officer, 'SCHEDULE_HEARING', hearing)
      const t30 = await timer(caseId, 'T30')
      expect(iso(t30.due_at)).toBe('2026-03-16T16:00:00.000Z')
      clock.set('2026-03-16T08:00:00Z')
      const tooSoon = await refused(cmd(caseId, officer, 'HOLD_HEARING', { record: '听证笔录', attended: true }))
      expect(tooSoon.code).toBe('RULE_REFUSED')
      clock.set('2026-03-17T02:00:00Z')
      await cmd(caseId, officer, 'HOLD_HEARING', { record: '当事人到场陈述申辩，听证笔录经其签字', attended: true })
      const decided = await cmd(caseId, head, 'DECIDE_LISTING', DECIDE)
      expect(decided.stateIds).toContain('L3')
    })
  })

  describe('the decision (SAMR-44 arts 13–14; upper-level approval)', () => {
    it('lets only the head decide, and a city bureau only with the approval of the level above', async () => {
      const caseId = await noticed()
      await cmd(caseId, subject, 'WAIVE_RIGHTS', {})
      const byOfficer = await refused(cmd(caseId, officer, 'DECIDE_LISTING', DECIDE))
      expect(byOfficer.code).toBe('FORBIDDEN')
      const noApproval = await refused(cmd(caseId, head, 'DECIDE_LISTING', { list: true, reasons: '符合条件' }))
      expect(noApproval.code).toBe('RULE_REFUSED')
      const r = await cmd(caseId, head, 'DECIDE_LISTING', DECIDE)
      expect(r.caseNumber).toMatch(/^白市监信〔2026〕\d+号$/)
      expect(r.stateIds).toEqual(expect.arrayContaining(['L3', 'L9']))
      const docs = await engine.documents.list(caseId, officer)
      const decision = docs.find((d) => d.kind === 'listingDecision')!
      const text = (await engine.documents.read(caseId, decision.id, officer)).content.toString('utf8')
      for (const field of [r.caseNumber!, '白银甲科技有限公司', SUBJECT_CODE, '白市监处罚〔2026〕31号', '甘市监信批〔2026〕8号', '2029年3月2日', '六十日', '六个月']) {
        expect(text, field).toContain(field)
      }
    })

    it('publishes within 20 working days and then tells every partner, each receipt recorded', async () => {
      const caseId = await noticed()
      await cmd(caseId, subject, 'WAIVE_RIGHTS', {})
      await cmd(caseId, head, 'DECIDE_LISTING', DECIDE)
      const t35 = await timer(caseId, 'T35')
      expect(t35.rule).toMatchObject({ duration: 20, unit: 'wd', expiry: 'DUTY' })
      // Nothing is public before publication.
      expect((await engine.creditList(SUBJECT_CODE)).listed).toBe(false)
      clock.set('2026-03-05T02:00:00Z')
      await cmd(caseId, credit, 'PUBLISH_LISTING', {})
      expect((await timer(caseId, 'T35')).status).toBe('MET')
      const notices = await dispatchesOf(caseId, 'jointPunishmentNotice')
      expect(notices.map((n) => n.queue).sort()).toEqual(PARTNERS.map((p) => `agency.${p}`))
      clock.set('2026-03-05T03:00:00Z')
      await deliver(caseId)
      const receipts = (await engine.timeline(caseId, officer)).filter((e) => e.type === 'RECEIPT').map((e) => e.agency.id)
      expect(receipts).toEqual(expect.arrayContaining(PARTNERS))
      expect((await engine.inbox(partner)).some((task) => task.caseId === caseId)).toBe(true)

      const register = await engine.creditList(SUBJECT_CODE)
      expect(register).toMatchObject({ listed: true, regimes: ['samr-serious'], subjectName: '白银甲科技有限公司' })
      const record = register.records.find((r) => r.regime === 'samr-serious')!
      expect(record.until).toBe('2029-03-02T16:00:00.000Z')
      expect(record.measures.length).toBeGreaterThan(0)
      expect(JSON.stringify(register)).not.toContain(caseId)
    })
  })

  it('detects a register row edited behind the engine’s back (verify)', async () => {
    const caseId = await listed()
    expect((await engine.verify(caseId)).ok).toBe(true)
    // Someone clears the listing directly in the table.
    await t.db.updateTable('credit_list').set({ ended_at: new Date(), end_reason: 'repaired' }).where('case_id', '=', caseId).where('regime', '=', 'samr-serious').execute()
    expect((await engine.creditList(SUBJECT_CODE)).listed).toBe(false)
    const check = await engine.verify(caseId)
    expect(check).toMatchObject({ ok: false, reason: 'the public credit register differs from what the events published' })
    expect(check.brokenAt).toBeGreaterThan(1)
  })

  describe('early removal by credit repair (SAMR-44; SAMR-CR art. 7; T36–T39)', () => {
    it('refuses an application 364 days after listing and takes it on the anniversary', async () => {
      const caseId = await listed()
      clock.set('2027-03-01T02:00:00Z') // listed 2026-03-02: 364 days
      const early = await refused(cmd(caseId, subject, 'APPLY_EARLY_REMOVAL', EARLY))
      expect(early.code).toBe('RULE_REFUSED')
      expect(early.details.source).toContain('SAMR-44')
      clock.set('2027-03-02T01:00:00Z') // the anniversary, 09:00 Beijing
      const applied = await cmd(caseId, subject, 'APPLY_EARLY_REMOVAL', EARLY)
      expect(applied.stateIds).toContain('L5')
      expect((await timer(caseId, 'T37')).rule).toMatchObject({ duration: 2, unit: 'wd' })
    })

    it('refuses an application missing a condition, then repairs: removed, partners told, register cleared', async () => {
      const caseId = await listed()
      clock.set('2027-03-10T02:00:00Z')
      const unpaid = await refused(cmd(caseId, subject, 'APPLY_EARLY_REMOVAL', { ...EARLY, performed: false }))
      expect(unpaid.code).toBe('RULE_REFUSED')
      const stranger = await refused(cmd(caseId, otherParty, 'APPLY_EARLY_REMOVAL', EARLY))
      expect(stranger.code).toBe('FORBIDDEN')
      await cmd(caseId, subject, 'APPLY_EARLY_REMOVAL', EARLY)
      await cmd(caseId, credit, 'ACCEPT_REPAIR', {})
      expect((await timer(caseId, 'T38')).rule).toMatchObject({ duration: 15, unit: 'wd' })
      await cmd(caseId, head, 'GRANT_REPAIR', {})
      expect((await timer(caseId, 'T39')).rule).toMatchObject({ duration: 3, unit: 'wd' })
      // Granted but not yet removed: still listed.
      expect((await engine.creditList(SUBJECT_CODE)).listed).toBe(true)
      clock.set('2027-03-11T02:00:00Z')
      const removed = await cmd(caseId, credit, 'REMOVE_LISTING', {})
      expect(removed.stateIds).toContain('L7E')
      const lifting = await dispatchesOf(caseId, 'liftingNotice')
      expect(lifting.map((n) => n.queue).sort()).toEqual(PARTNERS.map((p) => `agency.${p}`))
      const register = await engine.creditList(SUBJECT_CODE)
      expect(register.listed).toBe(false)
      expect(register.regimes).toEqual([])
      // The partners' task to apply the measures closed with the listing.
      expect((await engine.inbox(partner)).some((task) => task.caseId === caseId)).toBe(false)
      const docs = await engine.documents.list(caseId, officer)
      expect(docs.map((d) => d.kind)).toEqual(expect.arrayContaining(['priorNotice', 'listingDecision', 'removalDecision']))
      expect((await engine.verify(caseId)).ok).toBe(true)
    })
  })

  describe('automatic removal at 3 years (T40)', () => {
    it('removes the listing when the scheduler reaches the end of the third year, and tells the partners', async () => {
      const caseId = await listed()
      const t40 = await timer(caseId, 'T40')
      expect(iso(t40.due_at)).toBe('2029-03-02T16:00:00.000Z')
      clock.set('2029-03-02T15:00:00Z') // 23:00 Beijing on the last day
      await engine.fireDueTimers()
      expect((await timer(caseId, 'T40')).status).toBe('SCHEDULED')
      expect((await engine.creditList(SUBJECT_CODE)).listed).toBe(true)
      clock.set('2029-03-02T16:00:05Z')
      await engine.fireDueTimers()
      expect((await timer(caseId, 'T40')).status).toBe('ELAPSED')
      const view = await engine.readCase(caseId, officer)
      expect(view.stateIds).toContain('L6')
      expect((await engine.creditList(SUBJECT_CODE)).regimes).toEqual([])
      expect((await dispatchesOf(caseId, 'liftingNotice')).length).toBe(4)
      expect((await timer(caseId, 'T40e')).rule).toMatchObject({ duration: 3, unit: 'wd', expiry: 'DUTY' })
      await cmd(caseId, credit, 'RECORD_REMOVAL', {})
      expect((await engine.documents.list(caseId, officer)).map((d) => d.kind)).toContain('removalDecision')
    })
  })

  describe('revocation of the penalty (T41; SAMR-45 art. 11, T33)', () => {
    it('revokes the listing within 3 working days, tells every partner, and withdraws the penalty publicity', async () => {
      const caseId = await listed()
      await cmd(caseId, credit, 'PUBLISH_PENALTY_INFO', {})
      clock.set('2026-06-01T02:00:00Z')
      await cmd(caseId, officer, 'PENALTY_REVOKED', { ground: 'revoked', by: '甘肃省市场监督管理局', reference: '甘市监复决〔2026〕5号', date: '2026-05-29' })
      expect((await timer(caseId, 'T41')).rule).toMatchObject({ duration: 3, unit: 'wd' })
      expect((await timer(caseId, 'T33')).rule).toMatchObject({ duration: 3, unit: 'wd' })
      await cmd(caseId, head, 'REVOKE_LISTING', {})
      await cmd(caseId, credit, 'WITHDRAW_PENALTY_INFO', { reasons: '行政处罚决定已被复议机关撤销' })
      const lifting = await dispatchesOf(caseId, 'liftingNotice')
      expect(lifting.map((n) => n.queue).sort()).toEqual(PARTNERS.map((p) => `agency.${p}`))
      const register = await engine.creditList(SUBJECT_CODE)
      expect(register.records).toEqual([])
      const removal = (await engine.documents.list(caseId, officer)).find((d) => d.kind === 'removalDecision')!
      expect((await engine.documents.read(caseId, removal.id, officer)).content.toString('utf8')).toContain('甘市监复决〔2026〕5号')
    })
  })

  describe('penalty publicity (SAMR-45) beside the list', () => {
    it('refuses to repair the publicity of a party on the serious list (art. 14(1)), and takes it once the party has left', async () => {
      const caseId = await listed()
      await cmd(caseId, credit, 'PUBLISH_PENALTY_INFO', {})
      const repair = { performed: true, harmEliminated: true, noRepeatSameKind: true, commitment: '承诺守法经营' }
      await deliver(caseId)
      expect((await engine.inbox(partner)).filter((task) => task.caseId === caseId).map((task) => [task.kind, task.stateId])).toEqual([['applyMeasures', 'L4']])
      clock.set('2027-03-10T02:00:00Z')
      const onList = await refused(cmd(caseId, subject, 'APPLY_PUBLICITY_REPAIR', repair))
      expect(onList.code).toBe('RULE_REFUSED')
      expect(onList.details.source).toContain('SAMR-45 art. 14')
      await cmd(caseId, subject, 'APPLY_EARLY_REMOVAL', EARLY)
      await cmd(caseId, credit, 'ACCEPT_REPAIR', {})
      await cmd(caseId, head, 'GRANT_REPAIR', {})
      await cmd(caseId, credit, 'REMOVE_LISTING', {})
      const applied = await cmd(caseId, subject, 'APPLY_PUBLICITY_REPAIR', repair)
      expect(applied.stateIds).toContain('B3')
    })

    it('never repairs early the publicity of a licence revocation (art. 14(3))', async () => {
      const caseId = await open('2026-03-02T02:00:00Z', openPayload({ types: ['fine', 'licenceRevoked'] }))
      await cmd(caseId, officer, 'ASSESS_CRITERIA', { ...ASSESS, noIntentEvidence: true })
      await cmd(caseId, credit, 'PUBLISH_PENALTY_INFO', {})
      clock.set('2027-03-10T02:00:00Z')
      const e = await refused(cmd(caseId, subject, 'APPLY_PUBLICITY_REPAIR', { performed: true, harmEliminated: true, noRepeatSameKind: true, commitment: '承诺' }))
      expect(e.details.source).toContain('SAMR-45 art. 14')
      expect((await engine.creditList(SUBJECT_CODE)).records.map((r) => r.kind)).toEqual(['publicity'])
    })
  })

  describe('who may open, and from what', () => {
    it('opens a listing from a criminal-transfer case closed with a penalty, and shows both timelines', async () => {
      clock.set('2026-03-02T02:00:00Z')
      const transferOpen = { ...CASE_OPEN, violationDate: '2025-11-01', adminCaseOpenedAt: '2025-12-01T02:00:00.000Z' }
      const { caseId: transferId } = await engine.openCase({ procedure: 'criminal-transfer', payload: transferOpen }, officer)
      const stillOpen = await refused(engine.openCase({ procedure: 'credit-listing', payload: openPayload(), parentCaseId: transferId }, officer))
      expect(stillOpen.details.rule).toBe('open-from')
      for (const [actor, type] of [[officer, 'FORM_TEAM'], [officer, 'SUBMIT_TRANSFER_REPORT'], [head, 'REFUSE_TRANSFER'], [head, 'IMPOSE_PENALTY']] as const) {
        await cmd(transferId, actor, type, TRANSFER[type]![0]!)
      }
      await clearRegister()
      const listing = await engine.openCase({ procedure: 'credit-listing', payload: openPayload(), parentCaseId: transferId }, officer)
      const timeline = await engine.timeline(listing.caseId, officer)
      expect(timeline.filter((e) => e.case.link === 'parent').map((e) => e.type)).toEqual(expect.arrayContaining(['CASE_OPENED', 'IMPOSE_PENALTY']))
      expect(timeline.filter((e) => e.case.link === 'self').map((e) => e.type)).toEqual(['CASE_OPENED'])
      const fromParent = await engine.timeline(transferId, officer)
      expect(fromParent.some((e) => e.case.link === 'child' && e.case.id === listing.caseId)).toBe(true)
    })

    it('lets a district bureau open one (its partners are the city’s) but not a bureau for another bureau’s penalty subject of no kind', async () => {
      const caseId = await open('2026-03-02T02:00:00Z', openPayload({}, { parties: { subject: 'party-410305-1' } }), luoyangDistrictOfficer)
      const view = await engine.readCase(caseId, luoyangDistrictOfficer)
      expect(view.parties).toMatchObject({ bureau: 'msa-410305', partnerNdrc: 'partner.ndrc-410300', partnerCustoms: 'partner.customs-410300' })
      const notAParty = await refused(engine.openCase({ procedure: 'credit-listing', payload: openPayload({}, { parties: { subject: 'police-620400' } }) }, hangzhouBureau))
      expect(notAParty.code).toBe('VALIDATION_FAILED')
    })
  })
})
