import { describe, expect, it } from 'vitest'
import { getNextTransitions, transition } from 'xstate'
import type { AnyStateNode } from '@xstate/graph'
import { calendar } from '@xianjie/calendar'
import type { AlertParams, DispatchParams, MachineEventBase, RuleSpec } from '@xianjie/domain'

import { creditListing, creditListingParties } from './index.ts'
import {
  CNIPA_MEASURES,
  HEAVIER_TYPES,
  JOINT_PUNISHMENT,
  LISTING_CONFIG,
  NO_EARLY_STOP_TYPES,
  PARTNER_KEYS,
  partnerMeasures,
  SERIOUS_LIST_MEASURES,
} from './credit-listing.catalogues.ts'
import { creditListingDocuments } from './credit-listing.documents.ts'
import {
  AGENCIES,
  agenciesFor,
  afterEvent,
  APPROVAL,
  AT,
  china,
  crossProvinceInput,
  demoCreditCode,
  event,
  LATER,
  receipt,
  run,
  SAMPLE_FACTORS,
  SAMPLE_PAYLOADS,
  SAMPLE_PENALTY,
  sampleInput,
  send,
  SERIOUS_ONLY,
  TO_DECISION,
  TO_LISTED,
  TO_LISTED_UNPUBLISHED,
  TO_WINDOW,
  type CreditListingSnapshot,
  type ExecutableAction,
  type Step,
} from './credit-listing.fixtures.ts'
import {
  assessCriteria,
  creditListingMachine as machine,
  isHeavierPenalty,
  penaltyOf,
  publicityApplies,
  publicityPeriodOf,
  publicityRepairable,
  upperLevelApprovalRequired,
  type StateMeta,
} from './credit-listing.machine.ts'
import { creditListingPublicRecords } from './credit-listing.public-records.ts'
import { creditListingRules as rules } from './credit-listing.rules.ts'
import { creditListingTimers as timers, localDate, startOfLocalDay } from './credit-listing.timers.ts'
import type { CreditListingInput, PenaltyInput, PenaltyType } from './credit-listing.types.ts'
import { allStateNodes, delayedTimers, effectsOf, engineAccepts, engineAnswer, guardNames } from '../../../test/support/statechart.ts'

const RULES: Record<string, RuleSpec> = rules
const CASE_NUMBER = '白市监信〔2026〕1号'
const SUBJECT_CODE = demoCreditCode('620402', 1)
const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

const answer = (snapshot: CreditListingSnapshot, sent: MachineEventBase) => engineAnswer(machine, RULES, snapshot, sent)

const accepted = (snapshot: CreditListingSnapshot, sent: MachineEventBase) => engineAccepts(machine, RULES, snapshot, sent)

const refusedWith = (key: keyof typeof rules) => ({ status: 422, rule: rules[key] })

/** A command event: the sample payload unless given, the sample actor unless `by`, at `at` (or the sample instant). */
const cmd = (type: string, payload: Record<string, unknown> = SAMPLE_PAYLOADS[type]?.[0] ?? {}, at?: string, by?: string) => event(type, payload, at, by)

const dispatches = (actions: ExecutableAction[]) => effectsOf<DispatchParams>(actions, 'dispatch')
const alerts = (actions: ExecutableAction[]) => effectsOf<AlertParams>(actions, 'alert')
const documents = (actions: ExecutableAction[]) => effectsOf<{ kind: string }>(actions, 'document').map((d) => String(d.kind))
const raised = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.raise')
const cancelled = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.cancel')
const partnersOf = (list: DispatchParams[], kind: string) => list.filter((d) => d.kind === kind).map((d) => d.to).sort()

const stateIds = (snapshot: CreditListingSnapshot) => [...new Set(snapshot._nodes.map((node) => (node.meta as StateMeta | undefined)?.id).filter(Boolean))]
/** The end codes of the final states active in each region. */
const endsOf = (snapshot: CreditListingSnapshot) => snapshot._nodes.filter((n) => n.type === 'final').map((n) => (n.meta as StateMeta).end)

const docMeta = (at = AT) => ({ caseId: '00000000-0000-4000-8000-000000000301', caseNumber: CASE_NUMBER, at })
const render = (kind: string, snapshot: CreditListingSnapshot, at = AT) => creditListingDocuments[kind]!(snapshot.context, docMeta(at)).text

/** Runs `steps`, then returns the answer to `last`. */
const answerAfter = (steps: Step[], last: MachineEventBase, input?: CreditListingInput) => answer(run(steps, input).snapshot, last)
const withPenalty = (penalty: Partial<PenaltyInput>, overrides: Partial<CreditListingInput> = {}) => sampleInput(overrides, penalty)

const ALL_PARTNERS = [...PARTNER_KEYS].sort()

// ==== (A) L0: the three criteria ===========================================================

describe('SAMR-44 arts 2, 9, 12: the listing criteria (L0)', () => {
  const base = penaltyOf(SAMPLE_PENALTY)

  it('counts a fine under the heavier-penalty principle and every heavier type, nothing lighter (art. 2(2))', () => {
    expect(isHeavierPenalty({ heavierFine: true, types: ['fine'] })).toBe(true)
    expect(isHeavierPenalty({ heavierFine: false, types: ['fine', 'confiscation'] })).toBe(false)
    // The flag alone is not a heavier fine: there must be a fine.
    expect(isHeavierPenalty({ heavierFine: true, types: ['confiscation'] })).toBe(false)
    for (const type of HEAVIER_TYPES) expect(isHeavierPenalty({ heavierFine: false, types: [type] }), type).toBe(true)
    for (const type of ['warning', 'circular', 'fine', 'confiscation'] as PenaltyType[]) expect(isHeavierPenalty({ heavierFine: false, types: [type] }), type).toBe(false)
  })

  it('meets the checklist only when all three hold and no absence of intent is proved', () => {
    const payload = SAMPLE_PAYLOADS['ASSESS_CRITERIA']![0]!
    expect(assessCriteria(base, payload, AT)).toMatchObject({ met: true, failed: [], heavierPenalty: true, category: { article: 9, item: 'ipInfringement', listed: true } })
    expect(assessCriteria({ ...base, heavierFine: false }, payload, AT)).toMatchObject({ met: false, failed: ['heavierPenalty'] })
    expect(assessCriteria(base, { ...payload, seriousCircumstances: false }, AT)).toMatchObject({ met: false, failed: ['seriousCircumstances'] })
    // Serious circumstances need at least one art. 12 factor.
    expect(assessCriteria(base, { ...payload, factors: {} }, AT)).toMatchObject({ met: false, failed: ['seriousCircumstances'] })
    expect(assessCriteria(base, { ...payload, noIntentEvidence: true }, AT)).toMatchObject({ met: false, failed: ['noIntentEvidence'] })
    expect(assessCriteria(base, payload, AT).factors).toEqual(SAMPLE_FACTORS)
  })

  it('moves to criteriaMet, or ends N1 recording which criterion failed', () => {
    const met = run(['ASSESS_CRITERIA']).snapshot
    expect(met.value).toMatchObject({ serious: { assessing: 'criteriaMet' } })
    const noIntent = run([['ASSESS_CRITERIA', SAMPLE_PAYLOADS['ASSESS_CRITERIA']![1]!]]).snapshot
    expect(noIntent.value).toMatchObject({ serious: 'notListed' })
    expect(endsOf(noIntent)).toContain('N1')
    expect(noIntent.context.assessment?.failed).toEqual(['noIntentEvidence'])
    expect(noIntent.context.notListedReason).toBe('criteria')
    const light = run(['ASSESS_CRITERIA'], withPenalty({ types: ['fine'], heavierFine: false })).snapshot
    expect(light.value).toMatchObject({ serious: 'notListed' })
    expect(answer(light, cmd('GIVE_PRIOR_NOTICE'))).toEqual({ status: 409 })
  })

  it('refuses a listing decision before the notice (APL arts 44, 62)', () => {
    expect(answerAfter([], cmd('DECIDE_LISTING'))).toEqual(refusedWith('priorNoticeGiven'))
    expect(answerAfter(['ASSESS_CRITERIA'], cmd('DECIDE_LISTING'))).toEqual(refusedWith('priorNoticeGiven'))
  })
})

// ==== (A) L1 / L1H: the party is told and heard ===========================================

describe('APL arts 44, 45, 62–64: notice, statement, hearing (L1, L1H; T29, T30)', () => {
  it('issues the notice and serves it with a task whose due is T29 from the receipt', () => {
    const { snapshot, actions } = run(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'])
    expect(snapshot.value).toMatchObject({ serious: { priorNotice: 'awaitingReceipt' } })
    expect(documents(actions)).toEqual(['priorNotice'])
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'priorNotice', task: 'respondToNotice', dueTimer: 'T29' })])
    // T29 runs from the receipt, not from the dispatch.
    expect(raised(actions)).toEqual([])
    const received = send(snapshot, receipt('priorNotice', 'party-620402-1', china('2026-03-11')))
    expect(received[0].value).toMatchObject({ serious: { priorNotice: 'window' } })
    expect(raised(received[1])).toEqual(['T29'])
    expect(received[0].context.priorNotice?.receivedAt).toBe(china('2026-03-11'))
    expect(received[0].context.receipts).toHaveLength(1)
  })

  it('refuses a decision while the party may still be heard (APL art. 62)', () => {
    const partyHeardFirst = refusedWith('partyHeardFirst')
    expect(answerAfter(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'], cmd('DECIDE_LISTING'))).toEqual(partyHeardFirst)
    expect(answerAfter(TO_WINDOW, cmd('DECIDE_LISTING'))).toEqual(partyHeardFirst)
    expect(answerAfter([...TO_WINDOW, 'REQUEST_HEARING'], cmd('DECIDE_LISTING'))).toEqual(partyHeardFirst)
    expect(answerAfter([...TO_WINDOW, 'REQUEST_HEARING', 'SCHEDULE_HEARING'], cmd('DECIDE_LISTING'))).toEqual(partyHeardFirst)
    const mayHold = [...TO_WINDOW, 'REQUEST_HEARING', 'SCHEDULE_HEARING', afterEvent('T30', 'serious.hearing.noticeGiven')]
    expect(answerAfter(mayHold, cmd('DECIDE_LISTING'))).toEqual(partyHeardFirst)
    expect(rules.partyHeardFirst.source).toContain('APL art. 62')
  })

  it('takes statements only after the receipt, also once the hearing window closed', () => {
    expect(answerAfter(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'], cmd('SUBMIT_STATEMENT'))).toEqual({ status: 409 })
    const inWindow = accepted(run(TO_WINDOW).snapshot, cmd('SUBMIT_STATEMENT'))
    expect(inWindow.snapshot.value).toMatchObject({ serious: { priorNotice: 'window' } })
    expect(cancelled(inWindow.actions)).toEqual([])
    const closed = run([...TO_WINDOW, afterEvent('T29', 'serious.priorNotice.window')]).snapshot
    expect(accepted(closed, cmd('SUBMIT_STATEMENT')).snapshot.context.statements).toHaveLength(1)
  })

  it('lets the hearing right lapse with T29 and refuses a late request (APL arts 64(1), 85)', () => {
    const closed = run([...TO_WINDOW, afterEvent('T29', 'serious.priorNotice.window')]).snapshot
    expect(closed.value).toMatchObject({ serious: { priorNotice: 'windowClosed' } })
    expect(closed.context.hearingRight).toBe('lapsed')
    expect(answer(closed, cmd('REQUEST_HEARING'))).toEqual(refusedWith('hearingRequestWindow'))
    expect(timers.T29).toMatchObject({ duration: 5, unit: 'wd', expiry: 'RIGHT', rollOnHoliday: false, owner: 'subject' })
  })

  it('takes an express waiver at once (APL art. 62), stopping T29', () => {
    const { snapshot, actions } = accepted(run(TO_WINDOW).snapshot, cmd('WAIVE_RIGHTS'))
    expect(snapshot.context.hearingRight).toBe('waived')
    expect(cancelled(actions)).toEqual(['T29'])
    expect(answer(snapshot, cmd('REQUEST_HEARING'))).toEqual(refusedWith('hearingRequestWindow'))
    expect(answer(snapshot, cmd('DECIDE_LISTING')).status).toBe('accepted')
  })

  it('refuses a presiding officer who investigated the case (APL art. 64(4))', () => {
    const requested = run([...TO_WINDOW, 'REQUEST_HEARING'])
    expect(requested.snapshot.value).toMatchObject({ serious: { hearing: 'scheduling' } })
    expect(dispatches(requested.actions)).toEqual([expect.objectContaining({ to: 'bureau', kind: 'hearingRequest', task: 'scheduleHearing' })])
    const investigator = SAMPLE_PAYLOADS['SCHEDULE_HEARING']![1]!
    expect(answer(requested.snapshot, cmd('SCHEDULE_HEARING', investigator))).toEqual(refusedWith('presidingNotInvestigator'))
    expect(answer(requested.snapshot, cmd('SCHEDULE_HEARING', { ...investigator, presidingOfficer: ' 执法一科 张某 ' }))).toEqual(refusedWith('presidingNotInvestigator'))
    const scheduled = accepted(requested.snapshot, cmd('SCHEDULE_HEARING'))
    expect(raised(scheduled.actions)).toEqual(['T30'])
    expect(dispatches(scheduled.actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'hearingNotice' })])
  })

  it('refuses to hold the hearing before T30 (7 days’ notice, APL art. 64(2)) and holds it after', () => {
    const noticeGiven = run([...TO_WINDOW, 'REQUEST_HEARING', 'SCHEDULE_HEARING']).snapshot
    expect(answer(noticeGiven, cmd('HOLD_HEARING'))).toEqual(refusedWith('hearingNoticeLeadTime'))
    expect(timers.T30).toMatchObject({ duration: 7, unit: 'wd', expiry: 'GATE' })
    const mayHold = send(noticeGiven, afterEvent('T30', 'serious.hearing.noticeGiven'))[0]
    const heard = accepted(mayHold, cmd('HOLD_HEARING'))
    expect(heard.snapshot.value).toMatchObject({ serious: { hearing: 'heard' } })
    expect(heard.snapshot.context.hearingRight).toBe('exercised')
    expect(answer(heard.snapshot, cmd('DECIDE_LISTING')).status).toBe('accepted')
  })

  it('treats absence without good reason as a waiver, and reschedules after an absence with one (APL art. 64(8))', () => {
    const mayHold = run([...TO_WINDOW, 'REQUEST_HEARING', 'SCHEDULE_HEARING', afterEvent('T30', 'serious.hearing.noticeGiven')]).snapshot
    const absent = accepted(mayHold, cmd('HOLD_HEARING', { record: '当事人经通知无正当理由未到场', attended: false }))
    expect(absent.snapshot.value).toMatchObject({ serious: { hearing: 'heard' } })
    expect(absent.snapshot.context.hearingRight).toBe('waived')
    const excused = accepted(mayHold, cmd('HOLD_HEARING', SAMPLE_PAYLOADS['HOLD_HEARING']![1]!))
    expect(excused.snapshot.value).toMatchObject({ serious: { hearing: 'scheduling' } })
    expect(excused.snapshot.context.hearing?.sessions.map((s) => s.outcome)).toEqual(['adjourned'])
    expect(answer(excused.snapshot, cmd('DECIDE_LISTING'))).toEqual(refusedWith('partyHeardFirst'))
  })

  it('ends without a listing when the penalty is revoked before the decision', () => {
    for (const steps of [[], TO_WINDOW, [...TO_WINDOW, 'REQUEST_HEARING']] as Step[][]) {
      const { snapshot } = accepted(run(steps, sampleInput({}, SERIOUS_ONLY)).snapshot, cmd('PENALTY_REVOKED'))
      expect(snapshot.value).toMatchObject({ serious: 'notListed' })
      expect(snapshot.context.notListedReason).toBe('penaltyRevoked')
      expect(snapshot.status).toBe('done')
    }
  })
})

// ==== (A) L2: the decision ================================================================

describe('SAMR-44 arts 13–14; Gansu measures art. 3: the listing decision (L2)', () => {
  it('needs the upper level’s approval for county and city bureaus while the flag is on', () => {
    expect(LISTING_CONFIG.requiresUpperLevelApproval).toBe(true)
    expect(upperLevelApprovalRequired({ level: 'city' })).toBe(true)
    expect(upperLevelApprovalRequired({ level: 'county' })).toBe(true)
    expect(upperLevelApprovalRequired({ level: 'province' })).toBe(false)
    // SAMR 2025 draft: the step may be dropped.
    expect(upperLevelApprovalRequired({ level: 'city' }, { requiresUpperLevelApproval: false })).toBe(false)
    const ready = run(TO_DECISION).snapshot
    expect(answer(ready, cmd('DECIDE_LISTING', SAMPLE_PAYLOADS['DECIDE_LISTING']![2]!))).toEqual(refusedWith('upperLevelApproval'))
    // An approval dated after the decision is no approval.
    const lateApproval = { list: true, reasons: '符合条件', upperLevelApproval: { ...APPROVAL, approvedAt: '2026-03-11' } }
    expect(answer(ready, cmd('DECIDE_LISTING', lateApproval))).toEqual(refusedWith('upperLevelApproval'))
    expect(answer(ready, cmd('DECIDE_LISTING', { list: true, reasons: '符合条件', upperLevelApproval: { ...APPROVAL, approvedAt: localDate(AT) } })).status).toBe('accepted')
  })

  it('lets a provincial bureau list without approval, and needs none to decide not to list', () => {
    const parties = { ...sampleInput().parties, bureau: 'msa-620000' }
    const provincial = sampleInput({ parties, agencies: agenciesFor(...Object.values(parties)) })
    const ready = run(TO_DECISION, provincial).snapshot
    expect(answer(ready, cmd('DECIDE_LISTING', SAMPLE_PAYLOADS['DECIDE_LISTING']![2]!, AT, 'provinceHead')).status).toBe('accepted')
    const notListed = accepted(run(TO_DECISION).snapshot, cmd('DECIDE_LISTING', SAMPLE_PAYLOADS['DECIDE_LISTING']![1]!))
    expect(notListed.snapshot.value).toMatchObject({ serious: 'decidedNotToList' })
    expect(stateIds(notListed.snapshot)).toContain('L2')
    expect(endsOf(notListed.snapshot)).toContain('N1')
    expect(notListed.snapshot.context.listing).toBeNull()
  })

  it('lists for 3 years from the decision, issues and serves the decision, and starts publication and remedies', () => {
    const { snapshot, actions } = accepted(run(TO_DECISION).snapshot, cmd('DECIDE_LISTING'))
    expect(stateIds(snapshot)).toEqual(expect.arrayContaining(['L2', 'L3', 'L9']))
    expect(snapshot.context.listing).toMatchObject({ decidedAt: AT, listedAt: AT, approval: APPROVAL, publishedAt: null, endedAt: null })
    expect(snapshot.context.listedAt).toBe(AT)
    // As the calendar counts T40: 24:00 of the same date three years on.
    expect(snapshot.context.listing?.until).toBe(calendar.due(AT, timers.T40).dueAt)
    expect(snapshot.context.listing?.until).toBe('2029-03-10T16:00:00.000Z')
    expect(documents(actions)).toEqual(['listingDecision'])
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'listingDecision' })])
    expect(raised(actions)).toEqual(['T35'])
    // Nothing is public before publication.
    expect(creditListingPublicRecords(snapshot.context)).toEqual([])
  })

  it('keeps a longer legal restriction as the listing period (SAMR-44 ⚠️; cf. SAMR-45 art. 13(3))', () => {
    const longer = run([...TO_DECISION, 'DECIDE_LISTING'], withPenalty({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' })).snapshot
    expect(longer.context.listing?.until).toBe('2031-06-30T16:00:00.000Z')
    const shorter = run([...TO_DECISION, 'DECIDE_LISTING'], withPenalty({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2027-06-30' })).snapshot
    expect(shorter.context.listing?.until).toBe('2029-03-10T16:00:00.000Z')
    const same = run([...TO_DECISION, 'DECIDE_LISTING'], withPenalty({ restrictionUntil: '2029-03-10' })).snapshot
    expect(same.context.listing?.until).toBe('2029-03-10T16:00:00.000Z')
  })
})

// ==== (A) L3: publication ==================================================================

describe('SAMR-44 ⚠️ mirroring SAMR-45 arts 9–10: publication of the listing (L3; T35, T35a, T35b)', () => {
  it('records T35 overdue and alerts the supervisor without leaving L3', () => {
    const decided = run(TO_LISTED_UNPUBLISHED).snapshot
    const [late, actions] = send(decided, afterEvent('T35', 'serious.listing.main.publication.publishDue'))
    expect(late.value).toMatchObject({ serious: { listing: { main: { publication: 'publishDue' } } } })
    expect(late.context.overdue).toEqual(['T35'])
    expect(alerts(actions)).toEqual([expect.objectContaining({ to: 'supervisor', timer: 'T35' })])
    expect(timers.T35).toMatchObject({ duration: 20, unit: 'wd', expiry: 'DUTY', verification: '⚠️' })
  })

  it('publishes in the same province by the bureau only, then tells every partner with a task', () => {
    const decided = run(TO_LISTED_UNPUBLISHED).snapshot
    expect(answer(decided, cmd('PUBLISH_LISTING', {}, AT, 'luoyangBureau'))).toEqual(refusedWith('publisherForPlace'))
    const { snapshot, actions } = accepted(decided, cmd('PUBLISH_LISTING', { publishedAt: '2026-03-11T10:00:00+08:00' }))
    expect(stateIds(snapshot)).toEqual(expect.arrayContaining(['L4', 'L9']))
    expect(snapshot.context.listing).toMatchObject({ publishedAt: '2026-03-11T02:00:00.000Z', publishedBy: 'msa-620400' })
    expect(snapshot.context.seriousListed).toBe(true)
    expect(cancelled(actions)).toEqual(['T35'])
    expect(raised(actions)).toEqual(['T40'])
    expect(partnersOf(dispatches(actions), 'jointPunishmentNotice')).toEqual(ALL_PARTNERS)
    for (const d of dispatches(actions)) expect(d).toMatchObject({ task: 'applyMeasures' })
  })

  it('across provinces pushes to a competent registration bureau, which publishes within 10 working days of receipt', () => {
    const decided = run([...TO_WINDOW.slice(0, 2), receipt('priorNotice', 'party-410305-1'), 'WAIVE_RIGHTS', 'DECIDE_LISTING'], crossProvinceInput()).snapshot
    expect(decided.context.crossProvince).toBe(true)
    expect(decided.value).toMatchObject({ serious: { listing: { main: { publication: 'pushDue' } } } })
    const [late] = send(decided, afterEvent('T35a', 'serious.listing.main.publication.pushDue'))
    expect(late.context.overdue).toEqual(['T35a'])
    // 杭州 (another province) and 白银 (the bureau's own) are not the subject's registration bureau.
    for (const id of ['msa-330100', 'msa-620400']) {
      expect(answer(decided, cmd('PUSH_LISTING', { registrationBureau: id, agencies: agenciesFor(id) })), id).toEqual(refusedWith('registrationBureauCompetent'))
    }
    expect(answer(decided, cmd('PUSH_LISTING', { registrationBureau: 'msa-410305', agencies: agenciesFor('msa-410305') })).status).toBe('accepted')
    const pushed = accepted(decided, cmd('PUSH_LISTING'))
    expect(pushed.snapshot.context.parties['registrationBureau']).toBe('msa-410300')
    expect(dispatches(pushed.actions)).toEqual([
      expect.objectContaining({ to: 'registrationBureau', kind: 'listingForPublication', task: 'publishListing', dueTimer: 'T35b' }),
    ])
    expect(cancelled(pushed.actions)).toEqual(['T35a'])
    const [received, onReceipt] = send(pushed.snapshot, receipt('listingForPublication', 'msa-410300'))
    expect(raised(onReceipt)).toEqual(['T35b'])
    expect(answer(received, cmd('PUBLISH_LISTING'))).toEqual(refusedWith('publisherForPlace'))
    const published = accepted(received, cmd('PUBLISH_LISTING', {}, AT, 'luoyangBureau'))
    expect(stateIds(published.snapshot)).toContain('L4')
    // 谁认定、谁移出: the record names the deciding bureau, not the publisher.
    expect(creditListingPublicRecords(published.snapshot.context)[0]).toMatchObject({ authorityAgencyId: 'msa-620400', subjectCreditCode: demoCreditCode('410305', 1) })
  })
})

// ==== (A) L4–L7E: early removal by credit repair ==========================================

describe('SAMR-44; SAMR-CR art. 7: early removal (L4, L5, L5B, L7E; T36–T39)', () => {
  const listedOn = (date: string) => {
    const { snapshot } = run(TO_DECISION)
    const [decided] = send(snapshot, cmd('DECIDE_LISTING', undefined, china(date)))
    return send(decided, cmd('PUBLISH_LISTING', {}, china(date)))[0]
  }
  const apply = (at: string, payload: Record<string, unknown> = SAMPLE_PAYLOADS['APPLY_EARLY_REMOVAL']![0]!) => cmd('APPLY_EARLY_REMOVAL', payload, at)

  it('refuses an application 364 days after listing and takes it on the anniversary', () => {
    const listed = listedOn('2026-03-10')
    expect(answer(listed, apply(china('2027-03-09', '23:59')))).toEqual(refusedWith('earlyRemovalOneYear'))
    expect(answer(listed, apply(china('2027-03-10', '00:00'))).status).toBe('accepted')
    expect(timers.T36).toMatchObject({ duration: 1, unit: 'y', expiry: 'GATE' })
  })

  it('counts the year from 29 February to 28 February (Civil Code art. 202)', () => {
    const listed = listedOn('2028-02-29')
    expect(answer(listed, apply(china('2029-02-27', '23:59')))).toEqual(refusedWith('earlyRemovalOneYear'))
    expect(answer(listed, apply(china('2029-02-28', '00:00'))).status).toBe('accepted')
  })

  it('refuses while a legal restriction still runs, and takes the application once it ended', () => {
    const input = withPenalty({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2027-12-31' })
    const listed = run(TO_LISTED, input).snapshot
    expect(answer(listed, apply(LATER))).toEqual(refusedWith('restrictionExpired'))
    expect(answer(listed, apply(china('2027-12-31', '23:59')))).toEqual(refusedWith('restrictionExpired'))
    expect(answer(listed, apply(china('2028-01-01', '00:00'))).status).toBe('accepted')
  })

  it('refuses an application missing any of the three conditions, citing the first rule that fails', () => {
    const listed = run(TO_LISTED).snapshot
    const full = SAMPLE_PAYLOADS['APPLY_EARLY_REMOVAL']![0]!
    for (const missing of ['performed', 'harmEliminated', 'noFurtherHeavierPenalty']) {
      expect(answer(listed, apply(LATER, { ...full, [missing]: false })), missing).toEqual(refusedWith('earlyRemovalConditions'))
    }
    // Too early and incomplete: the year is cited first.
    expect(answer(listed, apply(china('2026-12-01'), { ...full, performed: false }))).toEqual(refusedWith('earlyRemovalOneYear'))
  })

  it('accepts, verifies and grants within T37, T38, T39; refusals go back to L4 without restarting T40', () => {
    const listed = run(TO_LISTED).snapshot
    const applied = accepted(listed, apply(LATER))
    expect(stateIds(applied.snapshot)).toEqual(expect.arrayContaining(['L4', 'L5']))
    expect(raised(applied.actions)).toEqual(['T37'])
    expect(dispatches(applied.actions)).toEqual([expect.objectContaining({ to: 'bureau', kind: 'repairApplication', dueTimer: 'T37' })])
    const [overdue, overdueActions] = send(applied.snapshot, afterEvent('T37', 'serious.listing.main.listed.repairApplied'))
    expect(overdue.context.overdue).toEqual(['T37'])
    expect(alerts(overdueActions)).toHaveLength(1)

    const refusedAcceptance = accepted(applied.snapshot, cmd('REFUSE_REPAIR'))
    expect(refusedAcceptance.snapshot.value).toMatchObject({ serious: { listing: { main: { listed: 'active' } } } })
    expect(dispatches(refusedAcceptance.actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'repairRefused' })])
    expect(raised(refusedAcceptance.actions)).not.toContain('T40')
    expect(cancelled(refusedAcceptance.actions)).not.toContain('T40')

    const verifying = accepted(applied.snapshot, cmd('ACCEPT_REPAIR'))
    expect(stateIds(verifying.snapshot)).toContain('L5B')
    expect(raised(verifying.actions)).toEqual(['T38'])
    const refused = accepted(verifying.snapshot, cmd('REFUSE_REPAIR'))
    expect(refused.snapshot.context.repairs.at(-1)).toMatchObject({ outcome: 'refused' })
    expect(raised(refused.actions)).not.toContain('T40')

    const granted = accepted(verifying.snapshot, cmd('GRANT_REPAIR'))
    expect(stateIds(granted.snapshot)).toContain('L7E')
    expect(raised(granted.actions)).toEqual(['T39'])
    // Granted, not yet removed: still listed and public.
    expect(creditListingPublicRecords(granted.snapshot.context)[0]).toMatchObject({ endedAt: null })
    const at = china('2027-06-03')
    const removed = accepted(granted.snapshot, cmd('REMOVE_LISTING', {}, at))
    expect(removed.snapshot.value).toMatchObject({ serious: 'removedEarly' })
    expect(endsOf(removed.snapshot)).toContain('L7E')
    expect(removed.snapshot.context.listing).toMatchObject({ endedAt: at, endReason: 'repaired' })
    expect(documents(removed.actions)).toEqual(['removalDecision'])
    expect(partnersOf(dispatches(removed.actions), 'liftingNotice')).toEqual(ALL_PARTNERS)
    expect(dispatches(removed.actions)).toContainEqual(expect.objectContaining({ to: 'subject', kind: 'removalDecision' }))
  })
})

// ==== (A) L4 → L6: expiry ==================================================================

describe('SAMR-44 ⚠️: automatic removal at the end of the period (T40, T40r, T40e)', () => {
  it('ends the listing at T40’s due instant, lifts the measures and leaves 3 working days for the removal decision', () => {
    const listed = run(TO_LISTED).snapshot
    const due = listed.context.listing!.until
    const [expired, actions] = send(listed, afterEvent('T40', 'serious.listing.main.listed', due))
    expect(stateIds(expired)).toContain('L6')
    expect(expired.value).toMatchObject({ serious: { listing: { main: 'removalOnExpiry', remedy: 'ended' } } })
    expect(expired.context.listing).toMatchObject({ endedAt: due, endReason: 'expired' })
    expect(expired.context.seriousListed).toBe(false)
    expect(partnersOf(dispatches(actions), 'liftingNotice')).toEqual(ALL_PARTNERS)
    expect(raised(actions)).toEqual(['T40e'])
    expect(creditListingPublicRecords(expired.context)[0]).toMatchObject({ until: due, endedAt: due, endReason: 'expired' })
    const [late, lateActions] = send(expired, afterEvent('T40e', 'serious.listing.main.removalOnExpiry'))
    expect(late.context.overdue).toEqual(['T40e'])
    expect(alerts(lateActions)).toEqual([expect.objectContaining({ timer: 'T40e', to: 'supervisor' })])
    const recorded = accepted(expired, cmd('RECORD_REMOVAL', {}, china('2029-03-12')))
    expect(recorded.snapshot.value).toMatchObject({ serious: 'removedOnExpiry' })
    expect(endsOf(recorded.snapshot)).toContain('L6')
    expect(documents(recorded.actions)).toEqual(['removalDecision'])
  })

  it('keeps the listing until a longer restriction ends at 24:00 of its last day', () => {
    const input = withPenalty({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' })
    const listed = run(TO_LISTED, input).snapshot
    expect(listed.context.restrictionEndsAt).toBe(startOfLocalDay('2031-06-30'))
    const [extended, actions] = send(listed, afterEvent('T40', 'serious.listing.main.listed', '2029-03-10T16:00:00.000Z'))
    expect(extended.value).toMatchObject({ serious: { listing: { main: 'extendedByRestriction' } } })
    expect(stateIds(extended)).toContain('L4')
    expect(raised(actions)).toEqual(['T40r'])
    expect(calendar.due(extended.context.restrictionEndsAt!, timers.T40r).dueAt).toBe('2031-06-30T16:00:00.000Z')
    expect(answer(extended, cmd('APPLY_EARLY_REMOVAL', undefined, china('2030-01-01')))).toEqual(refusedWith('restrictionExpired'))
    const [ended] = send(extended, afterEvent('T40r', 'serious.listing.main.extendedByRestriction', '2031-06-30T16:00:00.000Z'))
    expect(ended.context.listing).toMatchObject({ endedAt: '2031-06-30T16:00:00.000Z', endReason: 'expired' })
    expect(stateIds(ended)).toContain('L6')
  })
})

// ==== (A) L8: revocation ===================================================================

describe('SAMR-44 ⚠️; cf. SAMR-45 art. 11: revocation of the listing (L8; T41)', () => {
  it('after publication revokes within T41, tells all four partners and serves the decision', () => {
    const listed = run(TO_LISTED).snapshot
    const revokedPenalty = accepted(listed, cmd('PENALTY_REVOKED'))
    expect(stateIds(revokedPenalty.snapshot)).toContain('L8')
    expect(raised(revokedPenalty.actions)).toEqual(expect.arrayContaining(['T41']))
    expect(revokedPenalty.snapshot.context.revocation).toMatchObject({ source: 'penalty', ground: 'revoked', reference: '甘市监复决〔2026〕5号' })
    const [late] = send(revokedPenalty.snapshot, afterEvent('T41', 'serious.listing.main.revocationDue'))
    expect(late.context.overdue).toContain('T41')
    const revoked = accepted(revokedPenalty.snapshot, cmd('REVOKE_LISTING'))
    expect(revoked.snapshot.value).toMatchObject({ serious: 'revoked' })
    expect(endsOf(revoked.snapshot)).toContain('L8')
    expect(partnersOf(dispatches(revoked.actions), 'liftingNotice')).toEqual(ALL_PARTNERS)
    expect(documents(revoked.actions)).toEqual(['removalDecision'])
    expect(revoked.snapshot.context.listing).toMatchObject({ endReason: 'revoked', endedAt: AT })
  })

  it('before publication revokes with no lifting notice: nothing was public', () => {
    const decided = run(TO_LISTED_UNPUBLISHED).snapshot
    const revoked = accepted(accepted(decided, cmd('PENALTY_REVOKED')).snapshot, cmd('REVOKE_LISTING'))
    expect(partnersOf(dispatches(revoked.actions), 'liftingNotice')).toEqual([])
    expect(dispatches(revoked.actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'removalDecision' })])
    expect(creditListingPublicRecords(revoked.snapshot.context)).toEqual([])
  })

  it('revokes also when reconsideration or a court revokes the listing', () => {
    const pending = run([...TO_LISTED, 'APPLY_RECONSIDERATION']).snapshot
    const outcome = accepted(pending, cmd('REMEDY_OUTCOME', SAMPLE_PAYLOADS['REMEDY_OUTCOME']![1]!))
    expect(outcome.snapshot.value).toMatchObject({ serious: { listing: { main: 'revocationDue', remedy: 'ended' } } })
    expect(outcome.snapshot.context.revocation).toMatchObject({ source: 'remedy', by: '甘肃省市场监督管理局', reference: '甘市监复决〔2026〕10号' })
    expect(raised(outcome.actions)).toEqual(['T41'])
  })
})

// ==== (A) L9: remedies =====================================================================

describe('ARL art. 20; ALL arts 45–46: reconsideration and suit (L9; T42, T43, T43r)', () => {
  it('opens both windows from the subject’s receipt of the decision', () => {
    const decided = run([...TO_DECISION, 'DECIDE_LISTING']).snapshot
    expect(decided.value).toMatchObject({ serious: { listing: { remedy: 'awaitingReceipt' } } })
    const [open, actions] = send(decided, receipt('listingDecision', 'party-620402-1', china('2026-03-12')))
    expect(raised(actions).sort()).toEqual(['T42', 'T43'])
    expect(open.context.remedy).toMatchObject({ knownAt: china('2026-03-12'), reconsiderationWindow: 'open', suitWindow: 'open' })
    expect(timers.T42).toMatchObject({ duration: 60, unit: 'cd', rollOnHoliday: true, expiry: 'RIGHT' })
    expect(timers.T43).toMatchObject({ duration: 6, unit: 'mo', rollOnHoliday: true, expiry: 'RIGHT' })
  })

  it('closes each window on its own, refusing late applications, and ends the region when both closed', () => {
    const listed = run(TO_LISTED).snapshot
    const [after60] = send(listed, afterEvent('T42', 'serious.listing.remedy.open.reconsiderationWindow.running'))
    expect(answer(after60, cmd('APPLY_RECONSIDERATION'))).toEqual(refusedWith('reconsiderationWindow'))
    expect(answer(after60, cmd('FILE_SUIT')).status).toBe('accepted')
    const [after6m] = send(after60, afterEvent('T43', 'serious.listing.remedy.open.suitWindow.running'))
    expect(after6m.value).toMatchObject({ serious: { listing: { remedy: 'lapsed' } } })
    expect(endsOf(after6m)).toContain('L9')
    expect(answer(after6m, cmd('FILE_SUIT'))).toEqual(refusedWith('suitWindow'))
    expect(answer(after6m, cmd('APPLY_RECONSIDERATION'))).toEqual(refusedWith('reconsiderationWindow'))
    // The listing itself runs on.
    expect(stateIds(after6m)).toContain('L4')
  })

  it('after an upheld reconsideration allows a suit within 15 days of receiving the decision', () => {
    const pending = run([...TO_LISTED, 'APPLY_RECONSIDERATION']).snapshot
    expect(answer(pending, cmd('REMEDY_OUTCOME', SAMPLE_PAYLOADS['REMEDY_OUTCOME']![2]!))).toEqual(refusedWith('remedyForum'))
    expect(answer(pending, cmd('FILE_SUIT'))).toEqual({ status: 409 })
    const receivedAt = china('2026-05-20')
    const upheld = accepted(pending, cmd('REMEDY_OUTCOME', { ...SAMPLE_PAYLOADS['REMEDY_OUTCOME']![0]!, receivedAt }))
    expect(upheld.snapshot.value).toMatchObject({ serious: { listing: { remedy: 'suitAfterReconsideration' } } })
    expect(raised(upheld.actions)).toEqual(['T43r'])
    expect(upheld.snapshot.context.reconsiderationDecidedAt).toBe(receivedAt)
    expect(timers.T43r).toMatchObject({ duration: 15, unit: 'cd', anchor: 'reconsiderationDecidedAt' })
    const [lapsed] = send(upheld.snapshot, afterEvent('T43r', 'serious.listing.remedy.suitAfterReconsideration'))
    expect(answer(lapsed, cmd('FILE_SUIT'))).toEqual(refusedWith('suitWindow'))
    const suing = accepted(upheld.snapshot, cmd('FILE_SUIT'))
    const judged = accepted(suing.snapshot, cmd('REMEDY_OUTCOME', SAMPLE_PAYLOADS['REMEDY_OUTCOME']![2]!))
    expect(judged.snapshot.value).toMatchObject({ serious: { listing: { remedy: 'ended' } } })
    expect(judged.snapshot.context.remedy.steps.map((s) => [s.kind, s.outcome])).toEqual([['reconsideration', 'upheld'], ['suit', 'upheld']])
  })
})

// ==== (B) penalty-information publicity ====================================================

describe('SAMR-45: penalty-information publicity (B0–B6; T31–T34, T38p)', () => {
  it('publishes ordinary-procedure penalties except a warning alone (art. 2)', () => {
    expect(publicityApplies({ procedure: 'ordinary', types: ['fine'] })).toBe(true)
    expect(publicityApplies({ procedure: 'ordinary', types: ['warning', 'fine'] })).toBe(true)
    expect(publicityApplies({ procedure: 'ordinary', types: ['warning'] })).toBe(false)
    expect(publicityApplies({ procedure: 'simplified', types: ['fine'] })).toBe(false)
    const off = run([], withPenalty(SERIOUS_ONLY)).snapshot
    expect(endsOf(off)).toContain('B0')
  })

  it('counts T31 (same province) and T32a (cross-province) from the penalty decision’s day', () => {
    const { snapshot, actions } = run([])
    expect(snapshot.context.penaltyDecidedAt).toBe(startOfLocalDay('2026-03-02'))
    expect(raised(actions)).toEqual(['T31'])
    expect(timers.T31).toMatchObject({ duration: 20, unit: 'wd', anchor: 'penaltyDecidedAt', expiry: 'DUTY' })
    expect(calendar.due(snapshot.context.penaltyDecidedAt, timers.T31).lastDay).toBe('2026-03-30')
    const [late] = send(snapshot, afterEvent('T31', 'publicity.publicationDue.publishDue'))
    expect(late.context.overdue).toEqual(['T31'])
    expect(raised(run([], crossProvinceInput()).actions)).toEqual(['T32a'])
  })

  it('across provinces, only the competent registration bureau publishes, 10 working days from its receipt', () => {
    const start = run([], crossProvinceInput()).snapshot
    expect(answer(start, cmd('PUSH_PENALTY_INFO', { registrationBureau: 'msa-330100', agencies: agenciesFor('msa-330100') }))).toEqual(refusedWith('registrationBureauCompetent'))
    expect(answer(start, cmd('PUBLISH_PENALTY_INFO'))).toEqual({ status: 409 })
    const pushed = accepted(start, cmd('PUSH_PENALTY_INFO'))
    expect(dispatches(pushed.actions)).toEqual([expect.objectContaining({ to: 'registrationBureau', kind: 'penaltyInfoForPublication', dueTimer: 'T32b' })])
    const [received, actions] = send(pushed.snapshot, receipt('penaltyInfoForPublication', 'msa-410300'))
    expect(raised(actions)).toEqual(['T32b'])
    expect(answer(received, cmd('PUBLISH_PENALTY_INFO'))).toEqual(refusedWith('publisherForPlace'))
    const published = accepted(received, cmd('PUBLISH_PENALTY_INFO', {}, AT, 'luoyangBureau'))
    expect(stateIds(published.snapshot)).toContain('B2')
    expect(published.snapshot.context.publicity).toMatchObject({ publishedBy: 'msa-410300' })
  })

  it('sets the period by art. 13: 3 months for only a circular or a lower fine, 3 years otherwise, or a longer restriction', () => {
    const period = (penalty: Partial<PenaltyInput>) => publicityPeriodOf(penaltyOf({ ...SAMPLE_PENALTY, ...penalty }), AT)
    expect(period({ types: ['circular'] })).toEqual({ period: 'threeMonths', until: calendar.due(AT, timers.T34m).dueAt })
    expect(period({ types: ['fine'], lowAmountFine: true })).toEqual({ period: 'threeMonths', until: '2026-06-10T16:00:00.000Z' })
    expect(period({ types: ['fine', 'circular'], lowAmountFine: true }).period).toBe('threeMonths')
    // 仅: a lower fine together with a confiscation is no longer "only" a lower fine.
    expect(period({ types: ['fine', 'confiscation'], lowAmountFine: true }).period).toBe('threeYears')
    expect(period({ types: ['fine'] })).toEqual({ period: 'threeYears', until: calendar.due(AT, timers.T34y).dueAt })
    expect(period({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' })).toEqual({ period: 'restriction', until: '2031-06-30T16:00:00.000Z' })
    expect(period({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2028-06-30' }).period).toBe('threeYears')
  })

  it('starts exactly one period timer at publication, anchored there', () => {
    const timerOf = (input: CreditListingInput) => raised(accepted(run([], input).snapshot, cmd('PUBLISH_PENALTY_INFO')).actions)
    expect(timerOf(sampleInput())).toEqual(['T34y'])
    expect(timerOf(withPenalty({ types: ['circular'], heavierFine: false }))).toEqual(['T34m'])
    expect(timerOf(withPenalty({ types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' }))).toEqual(['T34r'])
    for (const id of ['T34m', 'T34y'] as const) expect(timers[id].anchor).toBe('publicityFrom')
    expect(timers.T34r.anchor).toBe('restrictionEndsAt')
    const published = run(['PUBLISH_PENALTY_INFO']).snapshot
    expect(published.context.publicityFrom).toBe(AT)
    const until = published.context.publicity!.until
    const [ended] = send(published, afterEvent('T34y', 'publicity.published.period.threeYears', until))
    expect(endsOf(ended)).toContain('B5')
    expect(creditListingPublicRecords(ended.context)).toEqual([expect.objectContaining({ regime: 'samr-publicity', kind: 'publicity', endedAt: until, endReason: 'expired' })])
  })

  it('never stops early the publicity of the heavier penalties of art. 14(3)', () => {
    expect(publicityRepairable({ types: ['fine', 'confiscation'] })).toBe(true)
    for (const type of NO_EARLY_STOP_TYPES) {
      const published = run(['PUBLISH_PENALTY_INFO'], withPenalty({ types: ['fine', type] })).snapshot
      expect(answer(published, cmd('APPLY_PUBLICITY_REPAIR')), type).toEqual(refusedWith('publicityRepairable'))
    }
  })

  it('opens the early stop after 6 months in general and 1 year in food, drugs and special equipment (SAMR-CR art. 6)', () => {
    const at = (date: string, time: string) => cmd('APPLY_PUBLICITY_REPAIR', undefined, china(date, time))
    const general = run(['PUBLISH_PENALTY_INFO']).snapshot
    expect(answer(general, at('2026-09-09', '23:59'))).toEqual(refusedWith('publicityMinimumPeriod'))
    expect(answer(general, at('2026-09-10', '00:00')).status).toBe('accepted')
    for (const field of ['food', 'drugs', 'specialEquipment'] as const) {
      const published = run(['PUBLISH_PENALTY_INFO'], withPenalty({ field })).snapshot
      expect(answer(published, at('2027-03-09', '23:59')), field).toEqual(refusedWith('publicityMinimumPeriod'))
      expect(answer(published, at('2027-03-10', '00:00')).status, field).toBe('accepted')
    }
    expect([timers.T46.duration, timers.T46.unit, timers.T46y.duration, timers.T46y.unit]).toEqual([6, 'mo', 1, 'y'])
  })

  it('refuses the early stop while the subject is on the serious list and takes it after removal (art. 14(1)(4))', () => {
    const listed = run([...TO_LISTED, 'PUBLISH_PENALTY_INFO']).snapshot
    expect(answer(listed, cmd('APPLY_PUBLICITY_REPAIR'))).toEqual(refusedWith('notOnSeriousList'))
    // Decided but not yet published is "listed" too: the decision stands.
    const decided = run([...TO_LISTED_UNPUBLISHED, 'PUBLISH_PENALTY_INFO']).snapshot
    expect(answer(decided, cmd('APPLY_PUBLICITY_REPAIR'))).toEqual(refusedWith('notOnSeriousList'))
    const removed = run([...TO_LISTED, 'PUBLISH_PENALTY_INFO', 'APPLY_EARLY_REMOVAL', 'ACCEPT_REPAIR', 'GRANT_REPAIR', 'REMOVE_LISTING']).snapshot
    expect(removed.value).toMatchObject({ serious: 'removedEarly' })
    expect(stateIds(accepted(removed, cmd('APPLY_PUBLICITY_REPAIR')).snapshot)).toContain('B3')
    // Never listed at all: the guard does not stand in the way.
    const notListed = run([['ASSESS_CRITERIA', SAMPLE_PAYLOADS['ASSESS_CRITERIA']![1]!], 'PUBLISH_PENALTY_INFO']).snapshot
    expect(answer(notListed, cmd('APPLY_PUBLICITY_REPAIR')).status).toBe('accepted')
  })

  it('refuses an application missing a condition, and a refused repair keeps the running period', () => {
    const published = run(['PUBLISH_PENALTY_INFO']).snapshot
    const full = SAMPLE_PAYLOADS['APPLY_PUBLICITY_REPAIR']![0]!
    for (const missing of ['performed', 'harmEliminated', 'noRepeatSameKind']) {
      expect(answer(published, cmd('APPLY_PUBLICITY_REPAIR', { ...full, [missing]: false })), missing).toEqual(refusedWith('publicityRepairConditions'))
    }
    const review = accepted(published, cmd('APPLY_PUBLICITY_REPAIR'))
    expect(raised(review.actions)).toEqual(['T38p'])
    const refused = accepted(review.snapshot, cmd('DECIDE_PUBLICITY_REPAIR', SAMPLE_PAYLOADS['DECIDE_PUBLICITY_REPAIR']![1]!))
    expect(refused.snapshot.value).toMatchObject({ publicity: { published: { period: 'threeYears', repair: 'standing' } } })
    expect(raised(refused.actions)).toEqual([])
    expect(cancelled(refused.actions)).toEqual(['T38p'])
    const granted = accepted(review.snapshot, cmd('DECIDE_PUBLICITY_REPAIR', undefined, china('2027-06-10')))
    expect(endsOf(granted.snapshot)).toContain('B4')
    expect(granted.snapshot.context.publicity).toMatchObject({ endedAt: china('2027-06-10'), endReason: 'repaired' })
  })

  it('withdraws within T33 after the penalty is revoked, whether or not it was published (art. 11)', () => {
    const unpublished = accepted(run([]).snapshot, cmd('PENALTY_REVOKED'))
    expect(stateIds(unpublished.snapshot)).toContain('B6')
    expect(raised(unpublished.actions)).toEqual(['T33'])
    const withdrawnEarly = accepted(unpublished.snapshot, cmd('WITHDRAW_PENALTY_INFO'))
    expect(endsOf(withdrawnEarly.snapshot)).toContain('B6')
    expect(withdrawnEarly.snapshot.context.publicityWithdrawal).toMatchObject({ wasPublished: false })
    expect(creditListingPublicRecords(withdrawnEarly.snapshot.context)).toEqual([])

    const published = run(['PUBLISH_PENALTY_INFO', 'APPLY_PUBLICITY_REPAIR']).snapshot
    const revoked = accepted(published, cmd('PENALTY_REVOKED'))
    expect(cancelled(revoked.actions)).toEqual(expect.arrayContaining(['T34y', 'T38p']))
    const withdrawn = accepted(revoked.snapshot, cmd('WITHDRAW_PENALTY_INFO', undefined, china('2026-03-12')))
    expect(creditListingPublicRecords(withdrawn.snapshot.context)).toEqual([expect.objectContaining({ endedAt: china('2026-03-12'), endReason: 'withdrawn' })])
  })
})

// ==== (C) CNIPA ============================================================================

describe('CNIPA-2022: IP credit (C0–C4; T44, T44cap, T45)', () => {
  const cnipa = (conduct: 1 | 2 | 3 | 4 | 5 | 6 | 7 = 2) => sampleInput({ cnipa: { conduct } }, SERIOUS_ONLY)
  const found = (conduct: 1 | 2 = 2) => run(['GIVE_CNIPA_NOTICE', 'DECIDE_CNIPA_FINDING'], cnipa(conduct))

  it('runs only for a case naming CNIPA conduct, after a notice', () => {
    expect(endsOf(run([]).snapshot)).toContain('C0')
    const noticed = run(['GIVE_CNIPA_NOTICE'], cnipa())
    expect(stateIds(noticed.snapshot)).toContain('C1')
    expect(dispatches(noticed.actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'cnipaNotice' })])
    expect(answer(run([], cnipa()).snapshot, cmd('DECIDE_CNIPA_FINDING'))).toEqual({ status: 409 })
  })

  it('leaves promptly corrected abnormal patent applications unlisted (art. 7), and only those', () => {
    const promptly = SAMPLE_PAYLOADS['DECIDE_CNIPA_FINDING']![1]!
    expect(endsOf(run(['GIVE_CNIPA_NOTICE', ['DECIDE_CNIPA_FINDING', promptly]], cnipa(1)).snapshot)).toContain('C1')
    expect(stateIds(run(['GIVE_CNIPA_NOTICE', ['DECIDE_CNIPA_FINDING', promptly]], cnipa(2)).snapshot)).toContain('C2')
    expect(endsOf(run(['GIVE_CNIPA_NOTICE', ['DECIDE_CNIPA_FINDING', SAMPLE_PAYLOADS['DECIDE_CNIPA_FINDING']![2]!]], cnipa(1)).snapshot)).toContain('C1')
  })

  it('publishes the finding at once for 1 year, with the CNIPA measures', () => {
    const { snapshot, actions } = found()
    expect(raised(actions).sort()).toEqual(['T44', 'T44cap'])
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'subject', kind: 'cnipaFinding' })])
    expect(snapshot.context.cnipaFirstFindingAt).toBe(AT)
    expect(snapshot.context.cnipa?.finding?.until).toBe(calendar.due(AT, timers.T44).dueAt)
    expect(creditListingPublicRecords(snapshot.context)).toEqual([
      expect.objectContaining({
        regime: 'cnipa-credit',
        kind: 'listing',
        decidedAt: AT,
        publishedAt: AT,
        until: '2027-03-10T16:00:00.000Z',
        decisionNumber: '甘知信认〔2026〕3号',
        measures: CNIPA_MEASURES,
      }),
    ])
  })

  it('extends the year with each repeat finding but never beyond 3 years from the first', () => {
    let { snapshot } = found()
    const repeats = [china('2027-01-10'), china('2027-12-10'), china('2028-11-10')]
    const expected = ['2028-01-10T16:00:00.000Z', '2028-12-10T16:00:00.000Z', '2029-03-10T16:00:00.000Z']
    repeats.forEach((at, index) => {
      const result = accepted(snapshot, cmd('REPEAT_FINDING', undefined, at))
      expect(raised(result.actions), at).toEqual(['T44'])
      expect(cancelled(result.actions), at).toEqual(['T44'])
      snapshot = result.snapshot
      expect(snapshot.context.cnipa?.finding?.until, at).toBe(expected[index])
    })
    expect(snapshot.context.cnipa?.finding?.until).toBe(calendar.due(AT, timers.T44cap).dueAt)
    const [capped] = send(snapshot, afterEvent('T44cap', 'cnipa.found', '2029-03-10T16:00:00.000Z'))
    expect(endsOf(capped)).toContain('C4E')
    expect(capped.context.cnipa?.finding).toMatchObject({ endedAt: '2029-03-10T16:00:00.000Z', endReason: 'expired' })
  })

  it('takes a repair application 6 months after the finding, never earlier, and only with all conditions', () => {
    const { snapshot } = found()
    expect(answer(snapshot, cmd('APPLY_CNIPA_REPAIR', undefined, china('2026-09-09', '23:59')))).toEqual(refusedWith('cnipaRepairSixMonths'))
    expect(answer(snapshot, cmd('APPLY_CNIPA_REPAIR', undefined, china('2026-09-10', '00:00'))).status).toBe('accepted')
    for (const missing of ['corrected', 'performed', 'effectsEliminated']) {
      const incomplete = { ...SAMPLE_PAYLOADS['APPLY_CNIPA_REPAIR']![0]!, [missing]: false }
      expect(answer(snapshot, cmd('APPLY_CNIPA_REPAIR', incomplete)), missing).toEqual(refusedWith('cnipaRepairConditions'))
    }
    expect(timers.T45).toMatchObject({ duration: 6, unit: 'mo', expiry: 'GATE' })
  })

  it('keeps the measures period running through a refused repair, and ends on a grant or a revocation', () => {
    const review = accepted(found().snapshot, cmd('APPLY_CNIPA_REPAIR'))
    expect(stateIds(review.snapshot)).toEqual(expect.arrayContaining(['C2', 'C3']))
    expect(cancelled(review.actions)).toEqual([])
    const refused = accepted(review.snapshot, cmd('DECIDE_CNIPA_REPAIR', SAMPLE_PAYLOADS['DECIDE_CNIPA_REPAIR']![1]!))
    expect(refused.snapshot.value).toMatchObject({ cnipa: { found: { running: 'standing' } } })
    expect(raised(refused.actions)).toEqual([])
    expect(cancelled(refused.actions)).toEqual([])
    const granted = accepted(review.snapshot, cmd('DECIDE_CNIPA_REPAIR', undefined, LATER))
    expect(endsOf(granted.snapshot)).toContain('C4R')
    expect(creditListingPublicRecords(granted.snapshot.context)[0]).toMatchObject({ endedAt: LATER, endReason: 'repaired' })
    const revoked = accepted(found().snapshot, cmd('REVOKE_CNIPA_FINDING'))
    expect(endsOf(revoked.snapshot)).toContain('C4X')
    expect(creditListingPublicRecords(revoked.snapshot.context)[0]).toMatchObject({ endReason: 'revoked' })
  })
})

// ==== The public register ===================================================================

describe('publicRecords: what the register shows', () => {
  it('shows nothing before publication, the listing once published, and keeps it ended after removal', () => {
    expect(creditListingPublicRecords(run(TO_LISTED_UNPUBLISHED).snapshot.context)).toEqual([])
    const listed = run(TO_LISTED).snapshot
    const records = creditListingPublicRecords(listed.context)
    expect(records).toEqual([
      {
        regime: 'samr-serious',
        kind: 'listing',
        title: { zh: '市场监督管理严重违法失信名单', en: 'SAMR serious-violation list' },
        subjectAgencyId: 'party-620402-1',
        subjectCreditCode: SUBJECT_CODE,
        subjectName: '白银甲科技有限公司',
        authorityAgencyId: 'msa-620400',
        decisionNumber: SAMPLE_PENALTY.decisionNumber,
        decidedAt: AT,
        publishedAt: AT,
        until: calendar.due(AT, timers.T40).dueAt,
        endedAt: null,
        endReason: null,
        measures: SERIOUS_LIST_MEASURES,
      },
    ])
    // Only public facts: no case id, no evidence.
    expect(JSON.stringify(records)).not.toContain(listed.context.caseId)
    expect(JSON.stringify(records)).not.toContain(SAMPLE_PENALTY.summary)
    const both = run([...TO_LISTED, 'PUBLISH_PENALTY_INFO']).snapshot
    expect(creditListingPublicRecords(both.context).map((r) => [r.regime, r.kind])).toEqual([['samr-serious', 'listing'], ['samr-publicity', 'publicity']])
    expect(creditListingPublicRecords(both.context)[1]).toMatchObject({ decidedAt: startOfLocalDay('2026-03-02'), until: calendar.due(AT, timers.T34y).dueAt, measures: [] })
  })
})

// ==== Documents ==============================================================================

describe('documents: every mandatory field', () => {
  const common = ['白市监信〔2026〕1号', '白银甲科技有限公司', SUBJECT_CODE, '白银市市场监督管理局']

  it('告知书: facts, the three criteria, the basis, the measures, the rights and the 5 working days', () => {
    const { snapshot } = run(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'])
    const text = render('priorNotice', snapshot)
    const fields = [
      ...common,
      SAMPLE_PENALTY.summary,
      '罚款',
      '较重行政处罚',
      '故意侵犯知识产权',
      ...Object.values(SAMPLE_FACTORS),
      '第二条、第九条、第十二条',
      '第四十四条、第四十五条、第六十三条、第六十四条',
      ...SERIOUS_LIST_MEASURES.map((m) => m.zh),
      '陈述、申辩和要求听证的权利',
      '5个工作日',
      '2026年3月10日',
    ]
    for (const field of fields) expect(text, field).toContain(field)
  })

  it('决定书: grounds, hearing outcome, measures, period, removal, remedies and approval', () => {
    const waived = run([...TO_DECISION, 'DECIDE_LISTING']).snapshot
    const text = render('listingDecision', waived)
    const fields = [
      ...common,
      SAMPLE_PENALTY.decisionNumber,
      '符合列入严重违法失信名单的条件',
      '放弃陈述、申辩和听证',
      ...SERIOUS_LIST_MEASURES.map((m) => m.zh),
      ...partnerMeasures('partnerPbc').map((m) => m.zh),
      '自2026年3月10日起至2029年3月10日止',
      '满一年',
      '已经自觉履行行政处罚决定中规定的义务',
      '已经主动消除危害后果和不良影响',
      '未再受到市场监督管理部门较重行政处罚',
      '期限届满',
      '六十日',
      '六个月',
      APPROVAL.reference,
      APPROVAL.authority,
      '2026年3月10日',
    ]
    for (const field of fields) expect(text, field).toContain(field)
    const heard = run([...TO_WINDOW, 'REQUEST_HEARING', 'SCHEDULE_HEARING', afterEvent('T30', 'serious.hearing.noticeGiven'), 'HOLD_HEARING', 'DECIDE_LISTING']).snapshot
    expect(render('listingDecision', heard)).toContain('举行了听证')
    const lapsed = run([...TO_WINDOW, 'SUBMIT_STATEMENT', afterEvent('T29', 'serious.priorNotice.window'), 'DECIDE_LISTING']).snapshot
    expect(render('listingDecision', lapsed)).toContain('未要求听证')
    expect(render('listingDecision', lapsed)).toContain('陈述、申辩意见1份')
    const provincial = { ...sampleInput().parties, bureau: 'msa-620000' }
    const provincialInput = sampleInput({ parties: provincial, agencies: agenciesFor(...Object.values(provincial)) })
    const noApproval = run([...TO_DECISION, ['DECIDE_LISTING', SAMPLE_PAYLOADS['DECIDE_LISTING']![2]!, 'provinceHead']], provincialInput).snapshot
    expect(render('listingDecision', noApproval)).not.toContain('报经')
  })

  it('移出决定书: the listing date, the reason, the effective date and the measures lifted', () => {
    const listed = run(TO_LISTED).snapshot
    const expired = send(send(listed, afterEvent('T40', 'serious.listing.main.listed', '2029-03-10T16:00:00.000Z'))[0], 'RECORD_REMOVAL')[0]
    const onExpiry = render('removalDecision', expired, china('2029-03-12'))
    for (const field of [...common, '2026年3月10日', '期满', '2029年3月10日届满', '移出自2029年3月11日起生效', SERIOUS_LIST_MEASURES[0]!.zh, '2029年3月12日']) {
      expect(onExpiry, field).toContain(field)
    }
    const repaired = run([...TO_LISTED, 'APPLY_EARLY_REMOVAL', 'ACCEPT_REPAIR', ['GRANT_REPAIR', {}], ['REMOVE_LISTING', {}]]).snapshot
    const early = render('removalDecision', repaired)
    for (const field of [...common, '信用修复', '自觉履行', SERIOUS_LIST_MEASURES[0]!.zh]) expect(early, field).toContain(field)
    const revoked = run([...TO_LISTED, 'PENALTY_REVOKED', 'REVOKE_LISTING']).snapshot
    const onRevocation = render('removalDecision', revoked)
    for (const field of [...common, '处罚被撤销', '被撤销', '甘肃省市场监督管理局', '甘市监复决〔2026〕5号', '2026年3月9日', '撤销列入决定']) {
      expect(onRevocation, field).toContain(field)
    }
    const unpublished = run([...TO_LISTED_UNPUBLISHED, 'PENALTY_REVOKED', 'REVOKE_LISTING']).snapshot
    expect(render('removalDecision', unpublished)).toContain('尚未公示')
  })

  it('refuses to render without a mandatory field', () => {
    const { snapshot } = run(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'])
    expect(() => creditListingDocuments['priorNotice']!(snapshot.context, { ...docMeta(), caseNumber: null })).toThrow(/missing/)
    expect(() => render('listingDecision', snapshot)).toThrow(/missing/)
    expect(() => render('removalDecision', run(TO_LISTED).snapshot)).toThrow(/missing/)
    const noCode = { ...AGENCIES['party-620402-1']!, creditCode: null }
    const withoutCode = run(['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE'], sampleInput({ agencies: { ...sampleInput().agencies, 'party-620402-1': noCode } })).snapshot
    expect(() => render('priorNotice', withoutCode)).toThrow(/creditCode/)
    expect(render('priorNotice', snapshot)).toMatch(/^白银市市场监督管理局\n行政处罚（列入严重违法失信名单）告知书\n/)
  })
})

// ==== The definition ==========================================================================

describe('the definition is consistent', () => {
  it('records a receipt once, whichever region takes it, and never refuses one', () => {
    const { snapshot } = run([...TO_LISTED, receipt('jointPunishmentNotice', 'partner.ndrc-620400'), receipt('priorNotice')])
    expect(snapshot.context.receipts.map((r) => r.dispatchKind)).toEqual(['priorNotice', 'listingDecision', 'jointPunishmentNotice', 'priorNotice'])
    expect(machine.root.transitions.get('RECEIPT')?.some((t) => t.guard === undefined && t.target === undefined)).toBe(true)
  })

  it('names the procedure as the engine expects', () => {
    expect(creditListing).toMatchObject({
      name: 'credit-listing',
      open: { roles: ['msa.officer', 'msa.credit'], party: 'bureau' },
      caseNumber: { party: 'bureau', series: '信' },
      openFrom: [{ procedure: 'criminal-transfer', ends: ['E2', 'E3'] }],
      publicRecords: creditListingPublicRecords,
      documents: creditListingDocuments,
    })
    expect(creditListingParties).toMatchObject({
      bureau: { kind: 'msa', resolve: 'opener' },
      subject: { kind: 'party', resolve: 'input' },
      registrationBureau: { kind: 'msa', resolve: 'assigned' },
    })
    for (const key of PARTNER_KEYS) expect(creditListingParties[key]).toMatchObject({ kind: JOINT_PUNISHMENT[key].kind, resolve: 'sameDivision', enclosing: true })
    const parent = { id: 'p-1', procedure: 'criminal-transfer', stateIds: ['F11'], caseNumber: '白市监移〔2026〕12号', end: 'E2' }
    expect(run([], sampleInput({ parent })).snapshot.context.parent).toEqual(parent)
  })

  it('gives the heads the decisions, the subject its own commands, and closes every payload schema', () => {
    const heads = ['DECIDE_LISTING', 'GRANT_REPAIR', 'REVOKE_LISTING', 'DECIDE_CNIPA_FINDING']
    for (const spec of Object.values(creditListing.commands)) {
      for (const party of typeof spec.party === 'string' ? [spec.party] : spec.party) {
        expect(party === 'system' || party in creditListing.parties, spec.type).toBe(true)
      }
      expect(spec.payload, spec.type).toMatchObject({ type: 'object', additionalProperties: false, required: expect.any(Array) })
      expect(spec.title.zh.length * spec.title.en.length, spec.type).toBeGreaterThan(0)
      const properties = (spec.payload as { properties: Record<string, unknown> }).properties
      if (spec.assigns) expect(properties, spec.type).toHaveProperty('agencies')
      if (spec.type === 'RECEIPT') expect(spec).toMatchObject({ roles: ['system'], party: 'system' })
      else if (spec.party === 'subject') expect(spec.roles, spec.type).toEqual(['party'])
      else expect(spec.roles, spec.type).toEqual(heads.includes(spec.type) ? ['msa.head'] : ['msa.officer', 'msa.credit'])
    }
    expect(creditListing.commands['PUSH_LISTING']!.assigns).toEqual([{ field: 'registrationBureau', kinds: ['msa'] }])
    expect(creditListing.commands['PUSH_PENALTY_INFO']!.assigns).toEqual([{ field: 'registrationBureau', kinds: ['msa'] }])
    expect(creditListing.commands['PUBLISH_LISTING']!.party).toEqual(['bureau', 'registrationBureau'])
    const penalty = (creditListing.openPayload as { properties: { penalty: { properties: Record<string, unknown>; required: string[] } } }).properties.penalty
    expect(penalty.required).toEqual(expect.arrayContaining(['decisionNumber', 'decidedAt', 'procedure', 'types', 'heavierFine', 'lowAmountFine', 'field', 'violation', 'summary']))
    expect(penalty.properties).not.toHaveProperty('crossProvince')
  })

  it('declares every `after` key in timers, every owner as a party, every anchor in the context', () => {
    const afterKeys = stateNodes().flatMap((node) => node.after.map((t) => t.eventType.split('.')[2] ?? ''))
    const gates = ['T36', 'T45', 'T46', 'T46y']
    expect(new Set(afterKeys)).toEqual(new Set(Object.keys(creditListing.timers).filter((id) => !gates.includes(id))))
    const context = run(TO_LISTED).snapshot.context
    for (const rule of Object.values(creditListing.timers)) {
      expect(creditListing.parties, rule.id).toHaveProperty(rule.owner)
      expect(rule.title.zh.length * rule.title.en.length * rule.start.length * rule.source.length, rule.id).toBeGreaterThan(0)
      expect(['✅', '☑️', '⚠️'], rule.id).toContain(rule.verification)
      if (rule.anchor) expect(context, rule.id).toHaveProperty(rule.anchor)
      if (rule.expiry === 'DUTY' || rule.expiry === 'AUTO' || rule.expiry === 'GATE') expect(rule.rollOnHoliday, rule.id).toBe(false)
      if (rule.expiry === 'RIGHT') expect(rule.rollOnHoliday, rule.id).toBe(rule.unit === 'cd' || rule.unit === 'mo')
    }
  })

  it('carries the DOMAIN §5 values for T29–T46', () => {
    const expected: Record<string, [number, string, string, string]> = {
      T29: [5, 'wd', 'RIGHT', '✅'], T30: [7, 'wd', 'GATE', '✅'], T31: [20, 'wd', 'DUTY', '✅'], T32a: [10, 'wd', 'DUTY', '✅'], T32b: [10, 'wd', 'DUTY', '✅'],
      T33: [3, 'wd', 'DUTY', '✅'], T34m: [3, 'mo', 'AUTO', '✅'], T34y: [3, 'y', 'AUTO', '✅'], T34r: [0, 'cd', 'AUTO', '✅'], T35: [20, 'wd', 'DUTY', '⚠️'],
      T35a: [10, 'wd', 'DUTY', '⚠️'], T35b: [10, 'wd', 'DUTY', '⚠️'], T36: [1, 'y', 'GATE', '☑️'], T37: [2, 'wd', 'DUTY', '⚠️'], T38: [15, 'wd', 'DUTY', '⚠️'],
      T38p: [15, 'wd', 'DUTY', '⚠️'], T39: [3, 'wd', 'DUTY', '⚠️'], T40: [3, 'y', 'AUTO', '⚠️'], T40r: [0, 'cd', 'AUTO', '⚠️'], T40e: [3, 'wd', 'DUTY', '⚠️'],
      T41: [3, 'wd', 'DUTY', '⚠️'], T42: [60, 'cd', 'RIGHT', '✅'], T43: [6, 'mo', 'RIGHT', '✅'], T43r: [15, 'cd', 'RIGHT', '✅'], T44: [1, 'y', 'AUTO', '⚠️'],
      T44cap: [3, 'y', 'AUTO', '⚠️'], T45: [6, 'mo', 'GATE', '⚠️'], T46: [6, 'mo', 'GATE', '☑️'], T46y: [1, 'y', 'GATE', '☑️'],
    }
    expect(Object.keys(creditListing.timers).sort()).toEqual(Object.keys(expected).sort())
    for (const [id, [duration, unit, expiry, verification]] of Object.entries(expected)) {
      expect(creditListing.timers[id], id).toMatchObject({ id, duration, unit, expiry, verification })
    }
    expect(creditListing.timers['T40']).toMatchObject({ anchor: 'listedAt' })
    expect(creditListing.timers['T40r']).toMatchObject({ anchor: 'restrictionEndsAt' })
    expect(creditListing.timers['T44cap']).toMatchObject({ anchor: 'cnipaFirstFindingAt' })
  })

  it('lists every law-carrying guard in rules, and uses every rule in a guard or a meta.refuses', () => {
    const routing = new Set([
      ...['isReceipt', 'listingCriteriaMet', 'decidesNotToList', 'heardOrWaived', 'isCrossProvince', 'restrictionOutlastsListing', 'remedyWindowsLapsed'],
      ...['outcomeRevoked', 'publicityApplies', 'periodIs', 'grants', 'cnipaApplies', 'cnipaNotFound'],
    ])
    const all = stateNodes().flatMap((node) => [...[...node.transitions.values()].flat(), ...node.always ?? []])
    const guards = new Set(all.flatMap((t) => guardNames(t.guard)))
    expect([...guards].filter((g) => !routing.has(g) && !(g in rules))).toEqual([])
    const refusing = new Set<string>(stateNodes().flatMap((node) => Object.values((node.meta as StateMeta | undefined)?.refuses ?? {})))
    for (const key of refusing) expect(rules).toHaveProperty(key)
    expect(Object.keys(rules).filter((r) => !guards.has(r) && !refusing.has(r))).toEqual([])
    for (const rule of Object.values(RULES)) expect(rule.message.zh.length * rule.message.en.length * rule.source.length, rule.id).toBeGreaterThan(0)
  })

  it('has a renderer for every document the machine issues', () => {
    const issued = stateNodes().flatMap((node) =>
      [...node.entry, ...[...node.transitions.values()].flat().flatMap((t) => t.actions)]
        .filter((a) => typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'issue')
        .map((a) => (a as { params: { kind: string } }).params.kind),
    )
    expect(new Set(issued)).toEqual(new Set(Object.keys(creditListingDocuments)))
  })

  it('keeps every catalogue item sourced, and the joint-punishment mapping honest', () => {
    for (const measure of [...SERIOUS_LIST_MEASURES, ...CNIPA_MEASURES]) {
      expect(measure, measure.code).toMatchObject({ code: expect.any(String), zh: expect.any(String), en: expect.any(String), source: expect.any(String) })
    }
    expect(new Set(SERIOUS_LIST_MEASURES.map((m) => m.code)).size).toBe(SERIOUS_LIST_MEASURES.length)
    expect(SERIOUS_LIST_MEASURES.filter((m) => m.source === 'ECIP art. 18').every((m) => m.verification === '✅')).toBe(true)
    for (const key of PARTNER_KEYS) {
      expect(JOINT_PUNISHMENT[key].verification, key).toBe('⚠️')
      expect(partnerMeasures(key).length, key).toBeGreaterThan(0)
    }
  })
})
