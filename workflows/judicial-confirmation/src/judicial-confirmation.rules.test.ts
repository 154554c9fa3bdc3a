import { describe, expect, it } from 'vitest'
import { getNextTransitions, transition } from 'xstate'
import type { AnyStateNode } from '@xstate/graph'
import type { DispatchParams, MachineEventBase, RuleSpec } from '@xianjie/domain'

import { judicialConfirmation } from './index.ts'
import { judicialConfirmationDocuments } from './judicial-confirmation.documents.ts'
import {
  adminInput,
  AGENCIES,
  afterEvent,
  agenciesFor,
  AT,
  courtInvitedInput,
  EFFECTIVE_DATE,
  event,
  receipt,
  run,
  SAMPLE_AGREEMENT,
  SAMPLE_PAYLOADS,
  sampleInput,
  send,
  type ExecutableAction,
  type JudicialConfirmationSnapshot,
  type Step,
} from './judicial-confirmation.fixtures.ts'
import { competentCourt, DESIGNATED_INTERMEDIATE_DIVISIONS } from './judicial-confirmation.jurisdiction.ts'
import { judicialConfirmationMachine as machine, type StateMeta } from './judicial-confirmation.machine.ts'
import { judicialConfirmationRules } from './judicial-confirmation.rules.ts'
import {
  addMonths,
  interestedPartyObjectionDeadline,
  judicialConfirmationTimers as timers,
  localDate,
  startOfLocalDay,
} from './judicial-confirmation.timers.ts'
import type { DisputeInput, JudicialConfirmationInput } from './judicial-confirmation.types.ts'
import { allStateNodes, delayedTimers, effectsOf, engineAccepts, engineAnswer, guardNames } from '../../../test/support/statechart.ts'

const rules: Record<string, RuleSpec> = judicialConfirmationRules

const TO_J3: Step[] = ['APPLY_FOR_CONFIRMATION', 'JOIN_APPLICATION']
const TO_J4: Step[] = [...TO_J3, 'ACCEPT_APPLICATION']
const TO_J5A: Step[] = [...TO_J4, 'CONFIRM_AGREEMENT']
const TWO_COURTS = SAMPLE_PAYLOADS['APPLY_FOR_CONFIRMATION']![1]!

/** An instant at a China-time wall clock. */
const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString()

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

const answer = (snapshot: JudicialConfirmationSnapshot, sent: MachineEventBase) => engineAnswer(machine, rules, snapshot, sent)

const accepted = (snapshot: JudicialConfirmationSnapshot, sent: MachineEventBase) => engineAccepts(machine, rules, snapshot, sent)

const cmd = (type: string, payload: Record<string, unknown> = SAMPLE_PAYLOADS[type]?.[0] ?? {}, by?: string, at = AT) => event(type, payload, at, by)

const dispatches = (actions: ExecutableAction[]) => effectsOf<DispatchParams>(actions, 'dispatch')

const documents = (actions: ExecutableAction[]) => effectsOf<{ kind: string }>(actions, 'document').map((d) => String(d.kind))

const raised = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.raise')
const cancelled = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.cancel')

const stateIds = (snapshot: JudicialConfirmationSnapshot) => [...new Set(snapshot._nodes.map((node) => (node.meta as StateMeta | undefined)?.id).filter(Boolean))]
const endOf = (snapshot: JudicialConfirmationSnapshot) => snapshot._nodes.map((node) => (node.meta as StateMeta | undefined)?.end).find(Boolean)

function withDispute(dispute: Partial<DisputeInput>, overrides: Partial<JudicialConfirmationInput> = {}): JudicialConfirmationInput {
  const base = sampleInput(overrides)
  return { ...base, dispute: { ...base.dispute, ...dispute } }
}

const applyTo = (...courts: string[]) => cmd('APPLY_FOR_CONFIRMATION', { ...SAMPLE_PAYLOADS['APPLY_FOR_CONFIRMATION']![0], courts, agencies: agenciesFor(...courts) })

describe('CivPL art. 205: the 30-day application window (T21)', () => {
  it('counts 30 days from the agreement’s effective date, rolling over holidays', () => {
    expect(timers.T21).toMatchObject({ duration: 30, unit: 'cd', rollOnHoliday: true, expiry: 'RIGHT', anchor: 'agreementEffectiveAt' })
    const { snapshot, actions } = run([])
    expect(snapshot.context.agreementEffectiveAt).toBe(startOfLocalDay(EFFECTIVE_DATE))
    expect(raised(actions)).toEqual(['T21'])
    expect(documents(actions)).toEqual(['agreement'])
  })

  it('accepts the application on day 30 and refuses it once T21 fired (day 31)', () => {
    // The engine fires T21 at 24:00 of day 30 (the calendar may roll it past a holiday).
    const day30 = addDays(EFFECTIVE_DATE, timers.T21.duration)
    const { snapshot } = run([])
    const lastDay = accepted(snapshot, cmd('APPLY_FOR_CONFIRMATION', undefined, undefined, china(day30, '23:59')))
    expect(lastDay.snapshot.value).toEqual({ agreementEffective: { applicationWindow: 'awaitingJoinder' } })

    const [lapsed] = transition(machine, lastDay.snapshot, afterEvent('T21', 'agreementEffective.applicationWindow', china(addDays(day30, 1), '00:00')))
    expect(lapsed.value).toBe('windowLapsed')
    expect(lapsed.status).toBe('done')
    expect(stateIds(lapsed)).toEqual(['J1X'])
    expect(endOf(lapsed)).toBe('E8')
    for (const type of ['APPLY_FOR_CONFIRMATION', 'JOIN_APPLICATION']) {
      expect(answer(lapsed, cmd(type))).toEqual({ status: 422, rule: judicialConfirmationRules.applicationWindowOpen })
    }
  })

  it('keeps the window running when an application is withdrawn before the other party joins', () => {
    const { snapshot } = run(['APPLY_FOR_CONFIRMATION'])
    const { snapshot: idle, actions } = accepted(snapshot, cmd('WITHDRAW_APPLICATION'))
    expect(idle.value).toEqual({ agreementEffective: { applicationWindow: 'idle' } })
    expect(cancelled(actions)).toEqual([])
    expect(idle.context.application).toBeNull()
    expect(accepted(idle, cmd('APPLY_FOR_CONFIRMATION')).snapshot.value).toEqual({ agreementEffective: { applicationWindow: 'awaitingJoinder' } })
  })
})

describe('CivPL art. 205; CivPL-I art. 351: a joint application', () => {
  it('refuses a joinder by the party that applied', () => {
    const { snapshot, actions } = run(['APPLY_FOR_CONFIRMATION'])
    expect(dispatches(actions)).toContainEqual(expect.objectContaining({ to: 'applicant2', kind: 'applicationToJoin', task: 'joinApplication' }))
    expect(answer(snapshot, cmd('JOIN_APPLICATION', {}, 'applicant1'))).toEqual({ status: 422, rule: judicialConfirmationRules.jointApplication })
  })

  it('files with the court when the other party joins, which then has 3 days to decide (T22)', () => {
    const { snapshot } = run(['APPLY_FOR_CONFIRMATION'])
    const { snapshot: filed, actions } = accepted(snapshot, cmd('JOIN_APPLICATION', {}, 'applicant2'))
    expect(filed.value).toEqual({ applicationFiled: 'acceptanceReview' })
    expect(stateIds(filed)).toEqual(['J2', 'J3'])
    expect(filed.context.parties).toMatchObject({ filedCourt1: 'court.basic-620402' })
    expect(filed.context.pendingCourts).toEqual(['court.basic-620402'])
    expect(raised(actions)).toEqual(['T22'])
    expect(dispatches(actions)).toEqual([
      expect.objectContaining({ to: 'filedCourt1', kind: 'confirmationApplication', task: 'decideAcceptance', dueTimer: 'T22' }),
    ])
  })

  it('lets the respondent apply first and the requester join', () => {
    const { snapshot } = run([['APPLY_FOR_CONFIRMATION', SAMPLE_PAYLOADS['APPLY_FOR_CONFIRMATION']![0]!, 'applicant2']])
    expect(snapshot.context.application?.by).toBe('applicant2')
    expect(answer(snapshot, cmd('JOIN_APPLICATION', {}, 'applicant2')).status).toBe(422)
    expect(accepted(snapshot, cmd('JOIN_APPLICATION', {}, 'applicant1')).snapshot.value).toEqual({ applicationFiled: 'acceptanceReview' })
  })
})

describe('CivPL art. 205; IPJ-2022: the competent court', () => {
  const refusedWith = (input: JudicialConfirmationInput, ...courts: string[]) => answer(run([], input).snapshot, applyTo(...courts))
  const courtCompetent = { status: 422, rule: judicialConfirmationRules.courtCompetent }

  it('sends a trademark dispute to a basic court of a domicile, the subject or the mediator, nowhere else', () => {
    expect(refusedWith(sampleInput(), 'court.basic-620402').status).toBe('accepted')
    expect(refusedWith(sampleInput(), 'court.basic-330106').status).toBe('accepted')
    expect(refusedWith(sampleInput(), 'court.basic-620402', 'court.basic-330106').status).toBe('accepted')
    expect(refusedWith(sampleInput(), 'court.basic-410305')).toEqual(courtCompetent)
    expect(refusedWith(sampleInput(), 'court.intermediate-620400')).toEqual(courtCompetent)
    // One incompetent court among several refuses the application.
    expect(refusedWith(sampleInput(), 'court.basic-620402', 'court.basic-410305')).toEqual(courtCompetent)
  })

  it('sends a dispute that belongs to an intermediate court to the corresponding intermediate court', () => {
    const input = withDispute({ intermediateLevel: true })
    expect(refusedWith(input, 'court.basic-620402')).toEqual(courtCompetent)
    expect(refusedWith(input, 'court.intermediate-620400').status).toBe('accepted')
    expect(refusedWith(input, 'court.intermediate-330100').status).toBe('accepted')
  })

  it('refuses an invention-patent application at a basic court and at a non-designated intermediate court', () => {
    const input = withDispute({ subjectType: 'inventionPatent' })
    expect(refusedWith(input, 'court.basic-620402')).toEqual(courtCompetent)
    expect(DESIGNATED_INTERMEDIATE_DIVISIONS).not.toContain('620400')
    expect(refusedWith(input, 'court.intermediate-620400')).toEqual(courtCompetent)
  })

  it('accepts an invention-patent application at the designated Luoyang court for a Luoyang party', () => {
    const parties = { mediator: 'mediation-620400', applicant1: 'party-620402-1', applicant2: 'party-410305-1' }
    const input = withDispute({ subjectType: 'inventionPatent', subjectLocation: '620402' }, { parties, agencies: agenciesFor(...Object.values(parties)) })
    expect(refusedWith(input, 'court.intermediate-410300').status).toBe('accepted')
    expect(refusedWith(input, 'court.basic-410305')).toEqual(courtCompetent)
    // Without a Luoyang link the designated court has no jurisdiction.
    expect(refusedWith(withDispute({ subjectType: 'inventionPatent' }), 'court.intermediate-410300')).toEqual(courtCompetent)
  })

  it('refuses a design-patent application at a basic court (IPJ-2022 art. 2)', () => {
    const input = withDispute({ subjectType: 'designPatent' })
    expect(refusedWith(input, 'court.basic-620402')).toEqual(courtCompetent)
    expect(refusedWith(input, 'court.intermediate-620400').status).toBe('accepted')
  })

  it('after pre-filing mediation at a court’s invitation, takes only the inviting court (CivPL art. 205(1))', () => {
    expect(refusedWith(courtInvitedInput(), 'court.intermediate-620400').status).toBe('accepted')
    expect(refusedWith(courtInvitedInput(), 'court.basic-620402')).toEqual(courtCompetent)
  })

  it('explains a refusal in both languages, citing the article', () => {
    const ctx = { mode: 'people' as const, places: ['620402'], subjectType: 'inventionPatent' as const }
    const refusal = competentCourt(ctx, AGENCIES['court.basic-620402']!)
    expect(refusal).toMatchObject({ ok: false, reason: { zh: expect.stringContaining('第一条'), en: expect.stringContaining('IPJ-2022 art. 1') } })
    const invited = competentCourt({ ...ctx, mode: 'courtInvited', invitingCourtId: 'court.basic-410305' }, AGENCIES['court.basic-620402']!)
    expect(invited).toMatchObject({ ok: false, reason: { zh: expect.stringContaining('第二百零五条第一项') } })
  })
})

describe('CivPL-I art. 355(1)(5): agreements confirming IP ownership', () => {
  it('defaults confirmsOwnership from the matter, and an explicit flag wins', () => {
    expect(run([], withDispute({ matter: 'ownership' })).snapshot.context.dispute.confirmsOwnership).toBe(true)
    expect(run([], withDispute({ matter: 'inventorship' })).snapshot.context.dispute.confirmsOwnership).toBe(true)
    expect(run([], withDispute({ matter: 'damages' })).snapshot.context.dispute.confirmsOwnership).toBe(false)
    expect(run([], withDispute({ matter: 'ownership', confirmsOwnership: false })).snapshot.context.dispute.confirmsOwnership).toBe(false)
  })

  it('refuses ACCEPT_APPLICATION and ends in J3R when the court rules non-acceptance on ground 5', () => {
    const { snapshot } = run(TO_J3, withDispute({ matter: 'ownership' }))
    expect(answer(snapshot, cmd('ACCEPT_APPLICATION'))).toEqual({ status: 422, rule: judicialConfirmationRules.notOwnershipConfirmation })
    expect(judicialConfirmationRules.notOwnershipConfirmation.message.zh).toContain('第三百五十五条第一款第五项')

    const refused = accepted(snapshot, cmd('REFUSE_ACCEPTANCE', { ground: 5, reasons: '调解协议内容涉及专利权权属确认' }))
    expect(refused.snapshot.value).toBe('notAccepted')
    expect(stateIds(refused.snapshot)).toEqual(['J3R'])
    expect(endOf(refused.snapshot)).toBe('E4')
    expect(documents(refused.actions)).toEqual(['nonAcceptanceRuling'])
    expect(dispatches(refused.actions).map((d) => [d.to, d.kind])).toEqual([['applicant1', 'nonAcceptanceRuling'], ['applicant2', 'nonAcceptanceRuling']])
    const text = judicialConfirmationDocuments['nonAcceptanceRuling']!(refused.snapshot.context, { caseId: 'c', caseNumber: null, at: AT }).text
    expect(text).toContain('第三百五十五条第一款第五项')
    expect(text).toContain('调解协议内容涉及物权、知识产权确权的')
    expect(text).toContain('白银市白银区人民法院')
  })

  it('refuses a confirmation that would confirm ownership, even after acceptance', () => {
    const { snapshot } = run(TO_J4)
    const owning = { ...snapshot.context, dispute: { ...snapshot.context.dispute, confirmsOwnership: true } }
    const reviewed = machine.resolveState({ value: snapshot.value, context: owning })
    expect(answer(reviewed, cmd('CONFIRM_AGREEMENT'))).toEqual({ status: 422, rule: judicialConfirmationRules.notOwnershipConfirmation })
    const rejected = accepted(reviewed, cmd('REJECT_APPLICATION', { ground: { article: '355', item: 5 }, reasons: '受理后发现协议涉及知识产权确权' }))
    expect(rejected.snapshot.value).toBe('rejected')
    const text = judicialConfirmationDocuments['rejectionRuling']!(rejected.snapshot.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT }).text
    expect(text).toContain('第三百五十五条第二款、第一款第五项')
  })
})

describe('CivPL-I art. 352: several courts, the first to accept handles the case', () => {
  const filedWithTwo: Step[] = [['APPLY_FOR_CONFIRMATION', TWO_COURTS], 'JOIN_APPLICATION']

  it('files with every court named, each with its own task', () => {
    const { snapshot, actions } = run(filedWithTwo)
    expect(snapshot.context.parties).toMatchObject({ filedCourt1: 'court.basic-620402', filedCourt2: 'court.basic-330106' })
    expect(dispatches(actions).map((d) => [d.to, d.kind, d.task])).toEqual([
      ['filedCourt1', 'confirmationApplication', 'decideAcceptance'],
      ['filedCourt2', 'confirmationApplication', 'decideAcceptance'],
    ])
  })

  it('gives the case to the first court to accept, tells the other, and refuses a second acceptance', () => {
    const { snapshot } = run(filedWithTwo)
    const first = accepted(snapshot, cmd('ACCEPT_APPLICATION', { caseNumber: '(2026)浙0106民特8号' }, 'hangzhouJudge'))
    expect(first.snapshot.value).toEqual({ underReview: { progress: 'reviewing', deadline: 'standard' } })
    expect(first.snapshot.context.parties['court']).toBe('court.basic-330106')
    expect(first.snapshot.context).toMatchObject({ caseNumber: '(2026)浙0106民特8号', acceptedAt: AT, pendingCourts: [] })
    expect(dispatches(first.actions).map((d) => [d.to, d.kind])).toEqual([
      ['filedCourt1', 'jurisdictionSettled'],
      ['applicant1', 'acceptanceNotice'],
      ['applicant2', 'acceptanceNotice'],
    ])
    expect(documents(first.actions)).toEqual(['acceptanceNotice'])
    expect(raised(first.actions).sort()).toEqual(['T23', 'T23s'])

    expect(answer(first.snapshot, cmd('ACCEPT_APPLICATION', { caseNumber: '(2026)甘0402民特15号' }, 'judge'))).toEqual({
      status: 422,
      rule: judicialConfirmationRules.courtStillPending,
    })
  })

  it('stays in J3 when one of two courts refuses, and ends in J3R when both have', () => {
    const { snapshot } = run(filedWithTwo)
    const one = accepted(snapshot, cmd('REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院无管辖权' }, 'judge'))
    expect(one.snapshot.value).toEqual({ applicationFiled: 'acceptanceReview' })
    expect(one.snapshot.context.pendingCourts).toEqual(['court.basic-330106'])
    expect(documents(one.actions)).toEqual(['nonAcceptanceRuling'])
    expect(cancelled(one.actions)).toEqual([])
    // A court that has refused no longer holds the application.
    expect(answer(one.snapshot, cmd('REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院无管辖权' }, 'judge'))).toEqual({
      status: 422,
      rule: judicialConfirmationRules.courtStillPending,
    })
    expect(answer(one.snapshot, cmd('ACCEPT_APPLICATION', undefined, 'judge')).status).toBe(422)

    const both = accepted(one.snapshot, cmd('REFUSE_ACCEPTANCE', { ground: 1, reasons: '不属于人民法院受理范围' }, 'hangzhouJudge'))
    expect(both.snapshot.value).toBe('notAccepted')
    expect(both.snapshot.context.acceptanceRefusals.map((r) => r.court)).toEqual(['court.basic-620402', 'court.basic-330106'])
  })

  it('lets the remaining court accept after the other refused', () => {
    const { snapshot } = run([...filedWithTwo, ['REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院无管辖权' }, 'judge']])
    const { snapshot: accepting, actions } = accepted(snapshot, cmd('ACCEPT_APPLICATION', { caseNumber: '(2026)浙0106民特8号' }, 'hangzhouJudge'))
    expect(accepting.context.parties['court']).toBe('court.basic-330106')
    expect(dispatches(actions).filter((d) => d.kind === 'jurisdictionSettled').map((d) => d.to)).toEqual(['filedCourt1'])
  })

  it('records T22 overdue and alerts without leaving J3 (SPC-2011 art. 4)', () => {
    const { snapshot } = run(TO_J3)
    const [next, actions] = transition(machine, snapshot, afterEvent('T22', 'applicationFiled.acceptanceReview'))
    expect(next.value).toEqual(snapshot.value)
    expect(next.context.overdue).toEqual(['T22'])
    expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ to: 'supervisor', timer: 'T22', source: 'SPC-2011 art. 4' }) }))
    expect(timers.T22).toMatchObject({ duration: 3, unit: 'cd', expiry: 'DUTY', rollOnHoliday: false, owner: 'filedCourt1' })
  })
})

describe('CivPL-I arts 354(2), 357(2): court-set dates and treating as withdrawn', () => {
  it('refuses TREAT_AS_WITHDRAWN before the court-set date and accepts it after TJ2S', () => {
    const { snapshot, actions } = run([...TO_J3, 'ORDER_SUPPLEMENT'])
    expect(snapshot.value).toEqual({ applicationFiled: { materialsIncomplete: 'awaitingSupply' } })
    expect(stateIds(snapshot)).toEqual(['J2', 'J2S'])
    expect(snapshot.context.courtSetDueFrom).toBe(startOfLocalDay('2026-03-20'))
    expect(timers.TJ2S).toMatchObject({ duration: 0, unit: 'cd', anchor: 'courtSetDueFrom', rollOnHoliday: false, expiry: 'RIGHT' })
    expect(raised(actions)).toEqual(['TJ2S'])
    expect(dispatches(actions).map((d) => [d.to, d.kind, d.task, d.dueTimer])).toEqual([
      ['applicant1', 'supplementNotice', 'supplyMaterials', 'TJ2S'],
      ['applicant2', 'supplementNotice', 'supplyMaterials', 'TJ2S'],
    ])
    for (const payload of SAMPLE_PAYLOADS['TREAT_AS_WITHDRAWN']!) {
      expect(answer(snapshot, cmd('TREAT_AS_WITHDRAWN', payload))).toEqual({ status: 422, rule: judicialConfirmationRules.supplementDeadlinePassed })
    }

    const [lapsed] = transition(machine, snapshot, afterEvent('TJ2S', 'applicationFiled.materialsIncomplete.awaitingSupply', china('2026-03-21', '00:00')))
    expect(lapsed.value).toEqual({ applicationFiled: { materialsIncomplete: 'lapsed' } })
    const withdrawn = accepted(lapsed, cmd('TREAT_AS_WITHDRAWN', { reason: 'materialsNotSupplied' }))
    expect(withdrawn.snapshot.value).toBe('withdrawn')
    expect(endOf(withdrawn.snapshot)).toBe('E6')
    expect(documents(withdrawn.actions)).toEqual(['withdrawalRuling'])
    const text = judicialConfirmationDocuments['withdrawalRuling']!(withdrawn.snapshot.context, { caseId: 'c', caseNumber: null, at: AT }).text
    expect(text).toContain('2026年3月20日')
    expect(text).toContain('按申请人撤回司法确认申请处理')
  })

  it('takes a supply, even a late one, and restarts the 3 days of T22', () => {
    const { snapshot } = run([...TO_J3, 'ORDER_SUPPLEMENT', afterEvent('TJ2S', 'applicationFiled.materialsIncomplete.awaitingSupply')])
    const { snapshot: back, actions } = accepted(snapshot, cmd('SUPPLY_MATERIALS'))
    expect(back.value).toEqual({ applicationFiled: 'acceptanceReview' })
    expect(raised(actions)).toEqual(['T22'])
    expect(back.context.courtSetDatePassed).toBe(false)
    expect(back.context.application?.materials).toContain('propertyProof')
  })

  it('in review, treats as withdrawn after TJ4S, or at once on a refusal to be questioned (SPC-2011 art. 6)', () => {
    const { snapshot, actions } = run([...TO_J4, 'ORDER_STATEMENTS'])
    expect(snapshot.value).toEqual({ underReview: { progress: { awaitingParties: 'awaitingStatements' }, deadline: 'standard' } })
    expect(raised(actions)).toEqual(['TJ4S'])
    expect(answer(snapshot, cmd('TREAT_AS_WITHDRAWN', { reason: 'materialsNotSupplied' }))).toEqual({
      status: 422,
      rule: judicialConfirmationRules.supplementDeadlinePassed,
    })
    expect(accepted(snapshot, cmd('TREAT_AS_WITHDRAWN', { reason: 'refusedQuestioning' })).snapshot.value).toBe('withdrawn')

    const [lapsed] = transition(machine, snapshot, afterEvent('TJ4S', 'underReview.progress.awaitingParties.awaitingStatements'))
    expect(accepted(lapsed, cmd('TREAT_AS_WITHDRAWN', { reason: 'materialsNotSupplied' })).snapshot.value).toBe('withdrawn')
    expect(accepted(snapshot, cmd('SUBMIT_STATEMENTS')).snapshot.value).toEqual({ underReview: { progress: 'reviewing', deadline: 'standard' } })
  })

  it('refuses a court-set date that has already passed (CivPL-I arts 354(2), 356(2))', () => {
    const { snapshot } = run(TO_J3)
    const past = answer(snapshot, cmd('ORDER_SUPPLEMENT', { items: ['propertyProof'], dueDate: '2026-03-09' }))
    expect(past).toEqual({ status: 422, rule: rules['courtDateAhead'] })
    expect(answer(snapshot, cmd('ORDER_SUPPLEMENT', { items: ['propertyProof'], dueDate: '2026-03-10' })).status).toBe('accepted')
    const { snapshot: review } = run(TO_J4)
    expect(answer(review, cmd('ORDER_STATEMENTS', { items: ['计算依据'], dueDate: '2026-03-01' }))).toEqual({ status: 422, rule: rules['courtDateAhead'] })
  })

  it('does not treat as withdrawn for a refusal to be questioned before acceptance', () => {
    const { snapshot } = run([...TO_J3, 'ORDER_SUPPLEMENT'])
    expect(answer(snapshot, cmd('TREAT_AS_WITHDRAWN', { reason: 'refusedQuestioning' })).status).toBe(422)
  })
})

describe('SPC-2011 art. 5; CivPL art. 187: the review period', () => {
  it('counts T23, T23x and T23s from the acceptance', () => {
    for (const id of ['T23', 'T23x', 'T23s'] as const) expect(timers[id]).toMatchObject({ anchor: 'acceptedAt', expiry: 'DUTY', unit: 'cd' })
    expect([timers.T23.duration, timers.T23x.duration, timers.T23s.duration]).toEqual([15, 25, 30])
  })

  it('T23 firing keeps J4 and records the duty overdue', () => {
    const { snapshot } = run(TO_J4)
    const [next, actions] = transition(machine, snapshot, afterEvent('T23', 'underReview.deadline.standard'))
    expect(next.value).toEqual(snapshot.value)
    expect(stateIds(next)).toEqual(['J4'])
    expect(next.context.overdue).toEqual(['T23'])
    expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ timer: 'T23' }) }))
    expect(raised(actions)).toEqual([])
  })

  it('T23s firing keeps J4 and records the statutory limit overdue', () => {
    const { snapshot } = run([...TO_J4, 'EXTEND_REVIEW'])
    const [next, actions] = transition(machine, snapshot, afterEvent('T23s', 'underReview'))
    expect(next.value).toEqual(snapshot.value)
    expect(next.context.overdue).toEqual(['T23s'])
    expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ timer: 'T23s', source: 'CivPL art. 187' }) }))
  })

  it('extends once by 10 days, switching T23 for T23x without restarting T23s', () => {
    const { snapshot } = run(TO_J4)
    const { snapshot: extended, actions } = accepted(snapshot, cmd('EXTEND_REVIEW'))
    expect(extended.value).toEqual({ underReview: { progress: 'reviewing', deadline: 'extended' } })
    expect(raised(actions)).toEqual(['T23x'])
    expect(cancelled(actions)).toEqual(['T23'])
    expect(extended.context.extension).toMatchObject({ days: 10, by: 'court.basic-620402.court.president' })
    expect(answer(extended, cmd('EXTEND_REVIEW'))).toEqual({ status: 422, rule: judicialConfirmationRules.extensionOnce })
  })

  it('extends also after T23 fired', () => {
    const { snapshot } = run([...TO_J4, afterEvent('T23', 'underReview.deadline.standard')])
    expect(accepted(snapshot, cmd('EXTEND_REVIEW')).snapshot.value).toEqual({ underReview: { progress: 'reviewing', deadline: 'extended' } })
  })
})

describe('CivPL-I art. 357; SPC-2011 art. 5(2): withdrawal before the ruling only', () => {
  it.each([
    ['J3', TO_J3],
    ['J2S', [...TO_J3, 'ORDER_SUPPLEMENT']],
    ['J4', TO_J4],
    ['J4 awaiting parties', [...TO_J4, 'ORDER_STATEMENTS']],
  ] as Array<[string, Step[]]>)('permits a withdrawal in %s', (_id, steps) => {
    const { snapshot } = run(steps)
    const withdrawn = accepted(snapshot, cmd('WITHDRAW_APPLICATION', {}, 'applicant2'))
    expect(withdrawn.snapshot.value).toBe('withdrawn')
    expect(documents(withdrawn.actions)).toEqual(['withdrawalRuling'])
    const text = judicialConfirmationDocuments['withdrawalRuling']!(withdrawn.snapshot.context, { caseId: 'c', caseNumber: null, at: AT }).text
    expect(text).toContain('准许申请人白银某商贸有限公司撤回司法确认申请')
  })

  it.each([
    ['J5A', TO_J5A],
    ['J5B', [...TO_J4, 'REJECT_APPLICATION']],
    ['E1', [...TO_J5A, 'RECORD_PERFORMANCE']],
  ] as Array<[string, Step[]]>)('refuses a withdrawal in %s with withdrawBeforeRuling', (_id, steps) => {
    const { snapshot } = run(steps)
    expect(answer(snapshot, cmd('WITHDRAW_APPLICATION'))).toEqual({ status: 422, rule: judicialConfirmationRules.withdrawBeforeRuling })
  })
})

describe('CivPL arts 205–206: the rulings', () => {
  it('confirms the agreement, issues the ruling and serves it on both applicants', () => {
    const { snapshot, actions } = run(TO_J5A)
    expect(snapshot.value).toEqual({ confirmed: { objections: { party1: 'awaitingService', party2: 'awaitingService' }, enforcement: 'window' } })
    expect(stateIds(snapshot)).toEqual(['J5A', 'J7', 'J8'])
    expect(documents(actions)).toEqual(['confirmationRuling'])
    expect(dispatches(actions).map((d) => [d.to, d.kind, d.task])).toEqual([
      ['applicant1', 'confirmationRuling', undefined],
      ['applicant2', 'confirmationRuling', undefined],
    ])
    const text = judicialConfirmationDocuments['confirmationRuling']!(snapshot.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT }).text
    for (const field of ['白银市白银区人民法院', '(2026)甘0402民特15号', '白银某科技有限公司', '白银某商贸有限公司', '白银市知识产权纠纷人民调解委员会', SAMPLE_AGREEMENT.text]) {
      expect(text).toContain(field)
    }
    expect(text).toContain('达成的调解协议有效。\n当事人应当按照调解协议的约定自觉履行义务。一方当事人拒绝履行或者未全部履行的，对方当事人可以向人民法院申请执行。')
    expect(text).toContain('第二百零五条、第二百零六条')
    expect(text).toContain('本裁定立即生效')
  })

  it('rejects on a CivPL-I art. 358 ground, telling the parties they may re-mediate or sue', () => {
    const { snapshot, actions } = run([...TO_J4, 'REJECT_APPLICATION'])
    expect(stateIds(snapshot)).toEqual(['J5B'])
    expect(endOf(snapshot)).toBe('E5')
    expect(documents(actions)).toEqual(['rejectionRuling'])
    const text = judicialConfirmationDocuments['rejectionRuling']!(snapshot.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT }).text
    expect(text).toContain('第三百五十八条第五项')
    expect(text).toContain('内容不明确的')
    expect(text).toContain('当事人可以通过调解方式变更原调解协议或者达成新的调解协议，也可以向人民法院提起诉讼')
  })

  it('accepts a case number in the court’s 民特 series from the engine', () => {
    expect(judicialConfirmation.commands['ACCEPT_APPLICATION']).toMatchObject({ number: { series: '民特', style: 'court' } })
    expect(run(TO_J4).snapshot.context.caseNumber).toBe('(2026)甘0402民特15号')
  })
})

describe('CivPL-I art. 372: objections', () => {
  it('opens each applicant’s 15 days on its own receipt of the ruling', () => {
    const { snapshot } = run(TO_J5A)
    const { snapshot: served, actions } = accepted(snapshot, receipt('confirmationRuling', 'party-620402-2'))
    expect(served.value).toMatchObject({ confirmed: { objections: { party1: 'awaitingService', party2: 'windowOpen' } } })
    expect(raised(actions)).toEqual(['T24'])
    expect(served.context.receipts).toHaveLength(1)
    expect(timers.T24).toMatchObject({ duration: 15, unit: 'cd', rollOnHoliday: true, expiry: 'RIGHT' })

    const objected = accepted(served, cmd('OBJECT_TO_RULING', undefined, 'applicant2'))
    expect(objected.snapshot.context.objections).toEqual([expect.objectContaining({ kind: 'party', objector: 'applicant2', outcome: 'pending' })])
    expect(dispatches(objected.actions)).toEqual([expect.objectContaining({ to: 'court', kind: 'objection', task: 'decideObjection' })])
    // applicant1 has not been served: its window is not open.
    expect(answer(served, cmd('OBJECT_TO_RULING', undefined, 'applicant1'))).toEqual({ status: 422, rule: judicialConfirmationRules.partyObjectionWindowOpen })
  })

  it('refuses a party’s objection after its T24 fired', () => {
    const { snapshot } = run([...TO_J5A, receipt('confirmationRuling', 'party-620402-2')])
    const [closed] = transition(machine, snapshot, afterEvent('T24', 'confirmed.objections.party2.windowOpen'))
    expect(closed.value).toMatchObject({ confirmed: { objections: { party2: 'windowClosed' } } })
    expect(closed.status).toBe('active')
    expect(answer(closed, cmd('OBJECT_TO_RULING', undefined, 'applicant2'))).toEqual({ status: 422, rule: judicialConfirmationRules.partyObjectionWindowOpen })
  })

  it('revokes the ruling when an objection is upheld (E7) and keeps it when dismissed', () => {
    const { snapshot } = run([...TO_J5A, receipt('confirmationRuling', 'party-620402-2'), 'OBJECT_TO_RULING'])
    const upheld = accepted(snapshot, cmd('UPHOLD_OBJECTION'))
    expect(upheld.snapshot.value).toBe('revoked')
    expect(stateIds(upheld.snapshot)).toEqual(['J7'])
    expect(endOf(upheld.snapshot)).toBe('E7')
    expect(documents(upheld.actions)).toEqual(['objectionRuling'])
    const text = judicialConfirmationDocuments['objectionRuling']!(upheld.snapshot.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT }).text
    expect(text).toContain('撤销本院(2026)甘0402民特15号民事裁定')

    const dismissed = accepted(snapshot, cmd('DISMISS_OBJECTION'))
    expect(dismissed.snapshot.value).toEqual(snapshot.value)
    expect(dismissed.snapshot.context.objections[0]).toMatchObject({ outcome: 'dismissed', decidedAt: AT })
    expect(answer(dismissed.snapshot, cmd('UPHOLD_OBJECTION'))).toEqual({ status: 422, rule: judicialConfirmationRules.objectionPending })
  })

  it('records performance only when no objection is pending', () => {
    const { snapshot } = run([...TO_J5A, receipt('confirmationRuling', 'party-620402-2'), 'OBJECT_TO_RULING'])
    expect(answer(snapshot, cmd('RECORD_PERFORMANCE'))).toEqual({ status: 422, rule: judicialConfirmationRules.noObjectionPending })
    const { snapshot: dismissed } = accepted(snapshot, cmd('DISMISS_OBJECTION'))
    const performed = accepted(dismissed, cmd('RECORD_PERFORMANCE'))
    expect(performed.snapshot.value).toBe('performed')
    expect(endOf(performed.snapshot)).toBe('E1')
  })
})

describe('CivPL-I arts 372, 127: an interested party’s 6 months', () => {
  it('computes the last day by Civil Code art. 202, never rolled', () => {
    expect(timers.T25).toMatchObject({ duration: 6, unit: 'mo', rollOnHoliday: false, expiry: 'RIGHT' })
    expect(interestedPartyObjectionDeadline('2026-02-28')).toBe('2026-08-28')
    expect(interestedPartyObjectionDeadline('2026-08-31')).toBe('2027-02-28')
    expect(interestedPartyObjectionDeadline('2027-08-31')).toBe('2028-02-29')
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
  })

  it.each([
    ['2026-02-28', '2026-08-28'],
    // 2027-02-28 is a Sunday: an invariable period does not roll to the working day after.
    ['2026-08-31', '2027-02-28'],
  ])('knew on %s: accepted through %s, refused the day after', (knewAt, lastDay) => {
    const { snapshot } = run(TO_J5A)
    const payload = { objector: '白银某贸易有限公司', knewAt, reasons: '调解协议处分了异议人的财产' }
    const onLastDay = accepted(snapshot, cmd('RECORD_INTERESTED_OBJECTION', payload, 'clerk', china(lastDay, '23:59')))
    expect(onLastDay.snapshot.context.objections).toEqual([expect.objectContaining({ kind: 'interested', knewAt, outcome: 'pending' })])
    expect(answer(snapshot, cmd('RECORD_INTERESTED_OBJECTION', payload, 'clerk', china(addDays(lastDay, 1), '00:00')))).toEqual({
      status: 422,
      rule: judicialConfirmationRules.interestedPartyWithinSixMonths,
    })
  })

  it('refuses a knowledge date in the future', () => {
    const { snapshot } = run(TO_J5A)
    const payload = { objector: '白银某贸易有限公司', knewAt: addDays(localDate(AT), 1), reasons: '调解协议处分了异议人的财产' }
    expect(answer(snapshot, cmd('RECORD_INTERESTED_OBJECTION', payload)).status).toBe(422)
  })
})

describe('CivPL art. 250; CivPL-I art. 460: enforcement', () => {
  it('anchors T26 at the last day of performance when it is later than the ruling, else at the ruling', () => {
    expect(timers.T26).toMatchObject({ duration: 2, unit: 'y', anchor: 'enforcementFrom', expiry: 'RIGHT' })
    const { snapshot, actions } = run(TO_J5A)
    expect(raised(actions)).toEqual(['T26'])
    expect(snapshot.context.enforcementFrom).toBe(startOfLocalDay(SAMPLE_AGREEMENT.lastPerformanceDate))

    const early = sampleInput({ agreement: { ...SAMPLE_AGREEMENT, lastPerformanceDate: '2026-03-05' } })
    expect(run(TO_J5A, early).snapshot.context.enforcementFrom).toBe(startOfLocalDay(localDate(AT)))
    const { lastPerformanceDate: _none, ...noPeriod } = SAMPLE_AGREEMENT
    expect(run(TO_J5A, sampleInput({ agreement: noPeriod })).snapshot.context.enforcementFrom).toBe(startOfLocalDay(localDate(AT)))
  })

  it('accepts enforcement at the issuing court, or a same-level court where the property is', () => {
    const { snapshot } = run(TO_J5A)
    const issuing = accepted(snapshot, cmd('APPLY_ENFORCEMENT'))
    expect(issuing.snapshot.value).toMatchObject({ confirmed: { enforcement: 'applied' } })

    const elsewhere = { courtId: 'court.basic-330106', propertyLocation: '330106', reasons: '被申请人的财产在杭州', agencies: agenciesFor('court.basic-330106') }
    const { snapshot: applied, actions } = accepted(snapshot, cmd('APPLY_ENFORCEMENT', elsewhere))
    expect(stateIds(applied)).toContain('J9')
    expect(applied.context.parties['enforcementCourt']).toBe('court.basic-330106')
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'enforcementCourt', kind: 'enforcementApplication', task: 'registerEnforcement' })])
    const enforced = accepted(applied, cmd('REGISTER_ENFORCEMENT', undefined, 'hangzhouJudge'))
    expect(enforced.snapshot.value).toBe('enforced')
    expect(endOf(enforced.snapshot)).toBe('E2')
  })

  it('refuses enforcement at a court of another level, or where the property is not', () => {
    const { snapshot } = run(TO_J5A)
    const refused = { status: 422, rule: judicialConfirmationRules.enforcementCourtCompetent }
    const higher = { courtId: 'court.intermediate-330100', propertyLocation: '330106', reasons: '被申请人的财产在杭州', agencies: agenciesFor('court.intermediate-330100') }
    expect(answer(snapshot, cmd('APPLY_ENFORCEMENT', higher))).toEqual(refused)
    const noProperty = { courtId: 'court.basic-330106', propertyLocation: '620402', reasons: '被申请人拒不履行', agencies: agenciesFor('court.basic-330106') }
    expect(answer(snapshot, cmd('APPLY_ENFORCEMENT', noProperty))).toEqual(refused)
    const unstated = { courtId: 'court.basic-330106', reasons: '被申请人拒不履行', agencies: agenciesFor('court.basic-330106') }
    expect(answer(snapshot, cmd('APPLY_ENFORCEMENT', unstated))).toEqual(refused)
  })

  it('restarts T26 from a demand for performance (interruption)', () => {
    const { snapshot } = run(TO_J5A)
    const later = china('2026-09-01')
    const { snapshot: interrupted, actions } = accepted(snapshot, cmd('INTERRUPT_LIMITATION', { demandedAt: '2026-08-15', how: '催告函' }, 'applicant1', later))
    expect(interrupted.context.enforcementFrom).toBe(startOfLocalDay('2026-08-15'))
    expect(cancelled(actions)).toEqual(['T26'])
    expect(raised(actions)).toEqual(['T26'])
    const invalid = { status: 422, rule: judicialConfirmationRules.interruptionDateValid }
    // Before the period started, or in the future.
    expect(answer(snapshot, cmd('INTERRUPT_LIMITATION', { demandedAt: '2026-06-01', how: '催告函' }, 'applicant1', later))).toEqual(invalid)
    expect(answer(snapshot, cmd('INTERRUPT_LIMITATION', { demandedAt: '2026-09-02', how: '催告函' }, 'applicant1', later))).toEqual(invalid)
  })

  it('ends in E3 when T26 runs out', () => {
    const { snapshot } = run(TO_J5A)
    const [barred] = transition(machine, snapshot, afterEvent('T26', 'confirmed.enforcement.window'))
    expect(barred.value).toBe('timeBarred')
    expect(endOf(barred)).toBe('E3')
  })
})

describe('DOMAIN §3.4: administrative mediation', () => {
  it('serves the request on the respondent and starts TAM1 on its receipt', () => {
    const { snapshot, actions } = run([], adminInput())
    expect(stateIds(snapshot)).toEqual(['AM1'])
    expect(snapshot.context.agreement).toBeNull()
    expect(raised(actions)).toEqual([])
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'applicant2', kind: 'mediationRequestCopy', task: 'answerMediationRequest', dueTimer: 'TAM1' })])
    const other = accepted(snapshot, receipt('mediationSessionNotice', 'party-620402-2'))
    expect(other.snapshot.value).toEqual(snapshot.value)
    expect(raised(other.actions)).toEqual([])
    const { snapshot: received, actions: started } = accepted(snapshot, receipt('mediationRequestCopy', 'party-620402-2'))
    expect(received.value).toEqual({ adminMediation: { requested: 'awaitingAnswer' } })
    expect(raised(started)).toEqual(['TAM1'])
  })

  it('agree → mediating → agreement → J1', () => {
    const { snapshot } = run([receipt('mediationRequestCopy', 'party-620402-2')], adminInput())
    const agreed = accepted(snapshot, cmd('ANSWER_MEDIATION_REQUEST'))
    expect(stateIds(agreed.snapshot)).toEqual(['AM1', 'AM2'])
    expect(dispatches(agreed.actions).map((d) => [d.to, d.kind])).toEqual([['applicant1', 'mediationSessionNotice'], ['applicant2', 'mediationSessionNotice']])
    const recorded = accepted(agreed.snapshot, cmd('RECORD_AGREEMENT'))
    expect(recorded.snapshot.value).toEqual({ agreementEffective: { applicationWindow: 'idle' } })
    expect(recorded.snapshot.context.agreementEffectiveAt).toBe(startOfLocalDay(EFFECTIVE_DATE))
    expect(documents(recorded.actions)).toEqual(['agreement'])
    expect(raised(recorded.actions)).toEqual(['T21'])
    const text = judicialConfirmationDocuments['agreement']!(recorded.snapshot.context, { caseId: 'c', caseNumber: null, at: AT }).text
    expect(text).toContain('白银市市场监督管理局')
    expect(text).toContain('2026年3月2日起生效')
  })

  it('takes an answer before the receipt is recorded', () => {
    const { snapshot } = run([], adminInput())
    expect(accepted(snapshot, cmd('ANSWER_MEDIATION_REQUEST')).snapshot.value).toEqual({ adminMediation: 'mediating' })
  })

  it('refuse → AMN, and the requester is told', () => {
    const { snapshot, actions } = run([['ANSWER_MEDIATION_REQUEST', { agrees: false, opinion: '不同意调解' }]], adminInput())
    expect(snapshot.value).toBe('mediationNotOpened')
    expect(endOf(snapshot)).toBe('AMN')
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'applicant1', kind: 'mediationNotOpenedNotice' })])
  })

  it('TAM1 → AMN', () => {
    const { snapshot } = run([receipt('mediationRequestCopy', 'party-620402-2'), afterEvent('TAM1', 'adminMediation.requested.awaitingAnswer')], adminInput())
    expect(snapshot.value).toBe('mediationNotOpened')
    expect(snapshot.context.mediationOutcome).toMatchObject({ kind: 'notOpened', reasons: '被请求人逾期未答复' })
  })

  it('failure → AMX, and both parties are told', () => {
    const { snapshot, actions } = run(['ANSWER_MEDIATION_REQUEST', 'RECORD_MEDIATION_FAILURE'], adminInput())
    expect(snapshot.value).toBe('mediationFailed')
    expect(endOf(snapshot)).toBe('AMX')
    expect(dispatches(actions).map((d) => [d.to, d.kind])).toEqual([['applicant1', 'mediationClosedNotice'], ['applicant2', 'mediationClosedNotice']])
  })
})

describe('the definition is consistent', () => {
  it('records a receipt once, also in the parallel J5A, and never refuses one', () => {
    const served = receipt('confirmationRuling', 'party-620402-1')
    const { snapshot } = run([...TO_J5A, served, served, receipt('acceptanceNotice', 'party-620402-2')])
    expect(snapshot.context.receipts.map((r) => r.dispatchKind)).toEqual(['confirmationRuling', 'confirmationRuling', 'acceptanceNotice'])
    expect(machine.root.transitions.get('RECEIPT')?.some((t) => t.guard === undefined && t.target === undefined)).toBe(true)
  })

  it('names a known party in every command and closes every payload schema', () => {
    for (const spec of Object.values(judicialConfirmation.commands)) {
      for (const party of typeof spec.party === 'string' ? [spec.party] : spec.party) {
        expect(party === 'system' || party in judicialConfirmation.parties, spec.type).toBe(true)
      }
      expect(spec.payload, spec.type).toMatchObject({ type: 'object', additionalProperties: false, required: expect.any(Array) })
      const properties = (spec.payload as { properties: Record<string, unknown> }).properties
      if (spec.assigns) expect(properties, spec.type).toHaveProperty('agencies')
      if (spec.number) expect(properties, spec.type).toHaveProperty('caseNumber')
    }
    expect(judicialConfirmation.open).toEqual({ roles: ['mediator', 'msa.officer'], party: 'mediator' })
    expect(judicialConfirmation.caseNumber).toBeUndefined()
    expect(judicialConfirmation.openFrom).toEqual([{ procedure: 'judicial-confirmation', states: ['J5B', 'J1X', 'AMX'] }])
  })

  it('declares every `after` key in timers and every timer owner as a party', () => {
    const afterKeys = stateNodes().flatMap((node) => node.after.map((t) => t.eventType.split('.')[2] ?? ''))
    expect(new Set(afterKeys)).toEqual(new Set(Object.keys(judicialConfirmation.timers).filter((id) => id !== 'T25')))
    for (const rule of Object.values(judicialConfirmation.timers)) expect(judicialConfirmation.parties, rule.id).toHaveProperty(rule.owner)
    for (const rule of Object.values(judicialConfirmation.timers)) {
      if (rule.anchor) expect(run(TO_J5A).snapshot.context, rule.id).toHaveProperty(rule.anchor)
    }
  })

  it('lists every law-carrying guard in rules, and uses every rule in a guard or a meta.refuses', () => {
    const routing = new Set(['isAdministrative', 'isReceipt', 'isRulingReceiptOf', 'answerAgrees', 'lastPendingCourt'])
    const guards = new Set(stateNodes().flatMap((node) => [...node.transitions.values()].flat().flatMap((t) => guardNames(t.guard))))
    expect([...guards].filter((g) => !routing.has(g) && !(g in judicialConfirmation.rules))).toEqual([])
    const refusing = new Set<string>(stateNodes().flatMap((node) => Object.values((node.meta as StateMeta | undefined)?.refuses ?? {})))
    for (const key of refusing) expect(judicialConfirmation.rules).toHaveProperty(key)
    expect(Object.keys(judicialConfirmation.rules).filter((r) => !guards.has(r) && !refusing.has(r))).toEqual([])
  })

  it('carries the DOMAIN §5 values for T21–T26', () => {
    const expected: Record<string, [number, string, string]> = {
      T21: [30, 'cd', 'RIGHT'], T22: [3, 'cd', 'DUTY'], T23: [15, 'cd', 'DUTY'], T23s: [30, 'cd', 'DUTY'],
      T24: [15, 'cd', 'RIGHT'], T25: [6, 'mo', 'RIGHT'], T26: [2, 'y', 'RIGHT'], TAM1: [15, 'cd', 'RIGHT'],
    }
    for (const [id, [duration, unit, expiry]] of Object.entries(expected)) {
      expect(judicialConfirmation.timers[id], id).toMatchObject({ id, duration, unit, expiry, source: expect.any(String), start: expect.any(String) })
    }
    for (const rule of Object.values(judicialConfirmation.timers)) {
      expect(rule.title.zh.length * rule.title.en.length, rule.id).toBeGreaterThan(0)
      if (rule.expiry === 'DUTY') expect(rule.rollOnHoliday, rule.id).toBe(false)
    }
  })

  it('has a renderer for every document the machine issues', () => {
    const issued = stateNodes().flatMap((node) =>
      [...node.entry, ...[...node.transitions.values()].flat().flatMap((t) => t.actions)]
        .filter((a) => typeof a === 'object' && a !== null && (a as { type?: unknown }).type === 'issue')
        .map((a) => (a as { params: { kind: string } }).params.kind),
    )
    expect(new Set(issued)).toEqual(new Set(Object.keys(judicialConfirmationDocuments)))
  })

  it('refuses to render a document without its mandatory fields', () => {
    const { snapshot } = run([])
    expect(() => judicialConfirmationDocuments['confirmationRuling']!(snapshot.context, { caseId: 'c', caseNumber: null, at: AT })).toThrow(/missing/)
    expect(() => judicialConfirmationDocuments['acceptanceNotice']!(snapshot.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT })).toThrow(/missing/)
    const accepted4 = run(TO_J4).snapshot
    const notice = judicialConfirmationDocuments['acceptanceNotice']!(accepted4.context, { caseId: 'c', caseNumber: '(2026)甘0402民特15号', at: AT })
    expect(notice).toMatchObject({ name: 'acceptanceNotice.txt', mediaType: 'text/plain; charset=utf-8' })
    for (const field of ['白银市白银区人民法院', '(2026)甘0402民特15号', '白银某科技有限公司', '十五日', '第四条、第五条']) expect(notice.text).toContain(field)
  })

  it('keeps the parent of a re-mediation', () => {
    const parent = { id: 'p-1', procedure: 'judicial-confirmation', stateIds: ['J5B'], caseNumber: '(2026)甘0402民特15号', end: 'E6' }
    expect(run([], sampleInput({ parent })).snapshot.context.remediationOf).toEqual(parent)
  })
})

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}
