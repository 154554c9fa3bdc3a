import { describe, expect, it } from 'vitest'
import type { AnyStateNode } from '@xstate/graph'
import { commandParties, type DispatchParams, type MachineEventBase } from '@xianjie/domain'

import { criminalTransfer } from './index.ts'
import { criminalTransferCommands } from './criminal-transfer.commands.ts'
import { afterEvent, AT, event, receipt, run, SAMPLE_PAYLOADS, send, type CriminalTransferSnapshot, type ExecutableAction } from './criminal-transfer.fixtures.ts'
import { criminalTransferMachine as machine } from './criminal-transfer.machine.ts'
import { criminalTransferRules } from './criminal-transfer.rules.ts'
import { criminalTransferTimers } from './criminal-transfer.timers.ts'
import { allStateNodes, delayedTimers, effectsOf } from '../../../test/support/statechart.ts'

type Step = string | [string, Record<string, unknown>] | MachineEventBase

const TO_F3: Step[] = ['FORM_TEAM', 'SUBMIT_TRANSFER_REPORT', 'APPROVE_TRANSFER']
const TO_F5: Step[] = [...TO_F3, 'DISPATCH_TRANSFER', receipt('transferLetter'), 'SIGN_RECEIPT']
const TO_F6B: Step[] = [...TO_F5, 'REFUSE_FILING']
const TO_F9: Step[] = [...TO_F6B, receipt('nonFilingNotice')]
const TO_S2: Step[] = [
  ...TO_F9,
  ['SUGGEST_SUPERVISION', { reasons: '应当立案而不立案', basis: 'R310-art9' }],
  'ACCEPT_SUPERVISION',
  'REQUIRE_EXPLANATION',
  receipt('explanationDemand'),
]
const TO_S4: Step[] = [...TO_S2, 'EXPLAIN_NON_FILING', 'NOTIFY_TO_FILE', receipt('noticeToFile')]
const TO_F11: Step[] = [...TO_F9, 'ACCEPT_NON_FILING']

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type)
  return undefined
}

/** What the engine does on a refusal: the first law-carrying guard among the active states' candidates. */
function refusingRule(snapshot: CriminalTransferSnapshot, type: string) {
  const active = [...snapshot._nodes].reverse()
  for (const node of active) {
    for (const candidate of node.transitions.get(type) ?? []) {
      const name = guardName(candidate.guard)
      if (name !== undefined && name in criminalTransferRules) return criminalTransferRules[name as keyof typeof criminalTransferRules]
    }
  }
  return undefined
}

/** No transition is enabled and the state does not move. */
function isRefused(snapshot: CriminalTransferSnapshot, type: string, payload?: Record<string, unknown>) {
  const body = payload ?? SAMPLE_PAYLOADS[type]?.[0] ?? {}
  const [next] = send(snapshot, type, body)
  return machine.getTransitionData(snapshot, event(type, body)).length === 0 && JSON.stringify(next.value) === JSON.stringify(snapshot.value)
}

const dispatches = (actions: ExecutableAction[]) => effectsOf<DispatchParams>(actions, 'dispatch')
const raisedTimers = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.raise')

describe('R310 art. 9: the AEA reconsideration window', () => {
  it('starts T7 only when the AEA receives the non-filing notice', () => {
    const refused = run(TO_F6B)
    expect(refused.snapshot.value).toEqual({ afterNonFiling: 'noticeInTransit' })
    expect(raisedTimers(refused.actions)).not.toContain('T7')

    const other = transitionOf(refused.snapshot, receipt('supplementNotice'))
    expect(other.snapshot.value).toEqual({ afterNonFiling: 'noticeInTransit' })
    expect(raisedTimers(other.actions)).toEqual([])
    expect(other.snapshot.context.receipts.map((r) => r.dispatchKind)).toEqual(['transferLetter', 'supplementNotice'])

    const received = transitionOf(refused.snapshot, receipt('nonFilingNotice'))
    expect(received.snapshot.value).toEqual({ afterNonFiling: 'noticeReceived' })
    expect(raisedTimers(received.actions)).toEqual(['T7'])
  })

  it('accepts a reconsideration request inside the window', () => {
    const { snapshot } = run([...TO_F9, 'REQUEST_RECONSIDERATION'])
    expect(snapshot.value).toEqual({ policeReconsideration: 'awaitingReceipt' })
  })

  it('refuses a reconsideration request after T7 fired, citing R310 art. 9', () => {
    const { snapshot } = run([...TO_F9, afterEvent('T7', 'criminalTransfer.afterNonFiling.noticeReceived')])
    expect(snapshot.value).toEqual({ afterNonFiling: 'noticeReceived' })
    expect(snapshot.context.reconsiderationWindowOpen).toBe(false)
    expect(isRefused(snapshot, 'REQUEST_RECONSIDERATION')).toBe(true)
    expect(refusingRule(snapshot, 'REQUEST_RECONSIDERATION')).toMatchObject({ id: 'R310-art9-reconsideration-window', source: expect.stringContaining('R310 art. 9') })
  })

  it('still accepts supervision after T7 under CPL art. 113, not under R310 art. 9', () => {
    const { snapshot } = run([...TO_F9, afterEvent('T7', 'criminalTransfer.afterNonFiling.noticeReceived')])
    expect(isRefused(snapshot, 'SUGGEST_SUPERVISION', { reasons: '应当立案而不立案', basis: 'R310-art9' })).toBe(true)
    expect(refusingRule(snapshot, 'SUGGEST_SUPERVISION')).toMatchObject({ id: 'R310-art9-supervision-window' })
    const [next] = send(snapshot, 'SUGGEST_SUPERVISION', { reasons: '应当立案而不立案' })
    expect(next.value).toBe('supervisionRequested')
    expect(next.context.supervision).toMatchObject({ route: 'nonFiling', basis: 'CPL-art113' })
  })

  it('refuses a second reconsideration request and closes the F10B window with T9', () => {
    const steps: Step[] = [...TO_F9, 'REQUEST_RECONSIDERATION', receipt('reconsiderationRequest'), 'MAINTAIN_REFUSAL', receipt('reconsiderationDecision')]
    const { snapshot, actions } = run(steps)
    expect(snapshot.value).toEqual({ reconsiderationRefused: 'decisionReceived' })
    expect(raisedTimers(actions)).toEqual(['T9'])
    expect(isRefused(snapshot, 'REQUEST_RECONSIDERATION')).toBe(true)
    expect(refusingRule(snapshot, 'REQUEST_RECONSIDERATION')).toMatchObject({ id: 'R310-art9-single-reconsideration' })

    const [closed] = send(snapshot, afterEvent('T9', 'criminalTransfer.reconsiderationRefused.decisionReceived').type, {})
    expect(closed.context.supervisionWindowOpen).toBe(false)
    expect(isRefused(closed, 'SUGGEST_SUPERVISION', { reasons: '仍有异议', basis: 'R310-art9' })).toBe(true)
  })
})

describe('refusals state their reasons', () => {
  const refusals = ['REFUSE_TRANSFER', 'REFUSE_FILING', 'MAINTAIN_REFUSAL', 'NOT_POLICE_REMIT', 'REJECT_INTAKE', 'CLOSE_CASE', 'DECIDE_NO_PENALTY', 'TRANSFER_BACK', 'WITHDRAW_CASE', 'EXPLAIN_NON_FILING']
  it.each(refusals)('%s requires reasons of at least 4 characters', (type) => {
    const schema = criminalTransferCommands[type]?.payload as { required: string[]; properties: Record<string, { minLength?: number }> }
    expect(schema.required).toContain('reasons')
    expect(schema.properties['reasons']?.minLength).toBeGreaterThanOrEqual(4)
  })

  it('closes every payload schema to unknown fields', () => {
    for (const spec of Object.values(criminalTransferCommands)) {
      expect(spec.payload, spec.type).toMatchObject({ type: 'object', additionalProperties: false, required: expect.any(Array) })
      expect(spec.title.zh.length * spec.title.en.length, spec.type).toBeGreaterThan(0)
    }
  })
})

describe('R310 arts 5–6: team and documents', () => {
  it('refuses a team of one officer (or one officer named twice)', () => {
    const { snapshot: initial } = run([])
    const one = { officers: [{ userId: 'msa-620400.officer1', name: '甲' }] }
    const twice = { officers: [{ userId: 'msa-620400.officer1', name: '甲' }, { userId: 'msa-620400.officer1', name: '甲' }] }
    expect(isRefused(initial, 'FORM_TEAM', one)).toBe(true)
    expect(isRefused(initial, 'FORM_TEAM', twice)).toBe(true)
    expect(refusingRule(initial, 'FORM_TEAM')).toMatchObject({ id: 'R310-art5-team-of-two', source: 'R310 art. 5(1)' })
  })

  const SHA = 'b'.repeat(64)
  const base = [
    { kind: 'transferLetter', name: '移送书', sha256: SHA },
    { kind: 'investigationReport', name: '调查报告', sha256: SHA },
    { kind: 'itemList', name: '物品清单', sha256: SHA },
  ]

  it('keeps the case in F3 when a required document is missing', () => {
    const { snapshot } = run(TO_F3)
    expect(isRefused(snapshot, 'DISPATCH_TRANSFER', { documents: base })).toBe(true)
    expect(isRefused(snapshot, 'DISPATCH_TRANSFER', { documents: base.slice(1).concat({ kind: 'testReport', name: '鉴定', sha256: SHA }) })).toBe(true)
    expect(isRefused(snapshot, 'DISPATCH_TRANSFER', { documents: base, noTestingRequired: true })).toBe(true)
    expect(refusingRule(snapshot, 'DISPATCH_TRANSFER')).toMatchObject({ id: 'R310-art6-required-documents', source: 'R310 art. 6' })
  })

  it('accepts the documents without a test report when no testing was needed, with a reason', () => {
    const { snapshot } = run(TO_F3)
    const [next] = send(snapshot, 'DISPATCH_TRANSFER', { documents: base, noTestingRequired: true, noTestingReason: '商标侵权无需鉴定' })
    expect(next.value).toEqual({ deliveredAwaitingReceipt: 'awaitingReceipt' })
    expect(next.context.noTestingReason).toBe('商标侵权无需鉴定')
  })
})

describe('R310 art. 11: a penalty may not replace the transfer', () => {
  const pending: Array<[string, Step[]]> = [
    ['F0', []],
    ['F1', ['FORM_TEAM']],
    ['F2', ['FORM_TEAM', 'SUBMIT_TRANSFER_REPORT']],
    ['F3', TO_F3],
    ['F4', [...TO_F3, 'DISPATCH_TRANSFER']],
    ['F5', TO_F5],
    ['F5S', [...TO_F5, 'REQUEST_SUPPLEMENT']],
    ['F9', TO_F9],
    ['S2', TO_S2],
    ['F8', [...TO_F5, 'FILE_CASE', receipt('filingNotice'), 'HAND_OVER_ITEMS']],
  ]
  it.each(pending)('refuses IMPOSE_PENALTY in %s', (_id, steps) => {
    const { snapshot } = run(steps)
    expect(isRefused(snapshot, 'IMPOSE_PENALTY')).toBe(true)
    expect(refusingRule(snapshot, 'IMPOSE_PENALTY')).toMatchObject({ id: 'R310-art11-no-penalty-instead-of-transfer', source: expect.stringContaining('APL art. 82') })
  })

  it('refuses a penalty in F2R unless the head found no crime', () => {
    const suspected = run(['FORM_TEAM', 'SUBMIT_TRANSFER_REPORT', ['REFUSE_TRANSFER', { reasons: '证据尚不充分', noCrimeFound: false }]]).snapshot
    expect(suspected.value).toBe('transferRefused')
    expect(isRefused(suspected, 'IMPOSE_PENALTY')).toBe(true)
    expect(refusingRule(suspected, 'IMPOSE_PENALTY')).toMatchObject({ id: 'R310-art11-no-penalty-instead-of-transfer' })

    const noCrime = run(['FORM_TEAM', 'SUBMIT_TRANSFER_REPORT', ['REFUSE_TRANSFER', { reasons: '经核实不构成犯罪', noCrimeFound: true }]]).snapshot
    const [penalized] = send(noCrime, 'IMPOSE_PENALTY')
    expect(penalized.value).toBe('penalizedWithoutTransfer')
    expect(penalized.status).toBe('done')
  })

  it('allows a penalty in F11 and refuses it past the APL art. 36 limitation', () => {
    const { snapshot } = run(TO_F11)
    expect(snapshot.value).toEqual({ adminHandling: 'standard' })
    expect(send(snapshot, 'IMPOSE_PENALTY')[0].value).toBe('penalizedAfterNonFiling')

    const late = run(TO_F11, { violationDate: '2023-01-15' }).snapshot
    expect(isRefused(late, 'IMPOSE_PENALTY')).toBe(true)
    expect(refusingRule(late, 'IMPOSE_PENALTY')).toMatchObject({ id: 'APL-art36-limitation' })
    expect(run(TO_F11, { violationDate: '2023-01-15', aggravatedLimitation: true }).snapshot.context.aggravatedLimitation).toBe(true)
    expect(send(run(TO_F11, { violationDate: '2023-01-15', aggravatedLimitation: true }).snapshot, 'IMPOSE_PENALTY')[0].value).toBe('penalizedAfterNonFiling')
  })

  it('ends a reverse transfer with a penalty in E3 and records the fine offset of a criminal fine', () => {
    const back = run([...TO_F5, 'TRANSFER_BACK', receipt('reverseTransferLetter'), 'RESUME_ADMIN_CASE', 'IMPOSE_PENALTY']).snapshot
    expect(back.value).toBe('penalizedAfterReverseTransfer')
    expect(stateNodes().find((node) => node.key === 'penalizedAfterReverseTransfer')?.meta).toMatchObject({ id: 'RP3', end: 'E3' })

    const concluded = run([...TO_F5, 'FILE_CASE', receipt('filingNotice'), 'HAND_OVER_ITEMS', 'CONCLUDE']).snapshot
    expect(concluded.value).toBe('concluded')
    expect(concluded.context.fineOffset).toBe(20_000)
  })
})

describe('duty timers', () => {
  it('T6 firing keeps the case in F5, records overdue and alerts the procuratorate', () => {
    const { snapshot } = run(TO_F5)
    const [next, actions] = send(snapshot, 'xstate.after.T6.criminalTransfer.policeReview.review.standard', {})
    expect(next.value).toEqual(snapshot.value)
    expect(next.context.overdue).toEqual(['T6'])
    expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ to: 'procuratorate', timer: 'T6' }) }))
  })

  it('lets the AEA petition the procuratorate only once the review is overdue (SPP-R art. 562)', () => {
    const { snapshot } = run(TO_F5)
    expect(isRefused(snapshot, 'PETITION_PROCURATORATE')).toBe(true)
    expect(refusingRule(snapshot, 'PETITION_PROCURATORATE')).toMatchObject({ id: 'SPP-R-art562-review-not-overdue' })
    const overdue = send(snapshot, 'xstate.after.T6.criminalTransfer.policeReview.review.standard', {})[0]
    expect(send(overdue, 'PETITION_PROCURATORATE')[0].value).toBe('supervisionRequested')
    const explaining = run([
      ...TO_F5,
      afterEvent('T6', 'criminalTransfer.policeReview.review.standard'),
      'PETITION_PROCURATORATE',
      'ACCEPT_SUPERVISION',
      'REQUIRE_EXPLANATION',
      receipt('explanationDemand'),
    ])
    expect(explaining.snapshot.value).toEqual({ policeToExplain: 'explainingOverdue' })
    expect(raisedTimers(explaining.actions)).toEqual(['T15'])
  })

  it('T13 firing moves S4 to S5 and ISSUE_CORRECTION_NOTICE follows', () => {
    const { snapshot, actions } = run(TO_S4)
    expect(snapshot.value).toEqual({ notifiedToFile: 'running' })
    expect(raisedTimers(actions)).toEqual(['T13'])
    const [s5, fired] = send(snapshot, 'xstate.after.T13.criminalTransfer.notifiedToFile.running', {})
    expect(s5.value).toEqual({ correctionNotice: 'correctionPending' })
    expect(s5.context.overdue).toContain('T13')
    expect(fired).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ timer: 'T13' }) }))
    const [issued, sent] = send(s5, 'ISSUE_CORRECTION_NOTICE')
    expect(issued.value).toEqual({ correctionNotice: 'correctionIssued' })
    expect(dispatches(sent)).toContainEqual(expect.objectContaining({ to: 'police', kind: 'correctionNotice' }))
    const [filed] = send(issued, 'FILE_CASE')
    expect(filed.value).toEqual({ filedUnderSupervision: { supervision: 'monitoring', criminal: { filed: 'awaitingReceipt' } } })
  })

  it('T2 firing escalates to F-ESC with an alert to the government, and the AEA can still dispatch', () => {
    const { snapshot } = run(TO_F3)
    const [escalated, actions] = send(snapshot, 'xstate.after.T2.criminalTransfer.approvedAwaitingDispatch.onTime', {})
    expect(escalated.value).toEqual({ approvedAwaitingDispatch: 'escalated' })
    expect(escalated._nodes.map((node) => (node.meta as { id?: string } | undefined)?.id)).toContain('F-ESC')
    expect(actions).toContainEqual(expect.objectContaining({ type: 'alert', params: expect.objectContaining({ to: 'government', timer: 'T2' }) }))
    const [ordered, orderActions] = send(escalated, 'ORDER_TRANSFER')
    expect(ordered.context.governmentOrders).toHaveLength(1)
    expect(dispatches(orderActions)).toContainEqual(expect.objectContaining({ to: 'aea', kind: 'governmentOrder', task: 'complyWithOrder' }))
    expect(send(ordered, 'DISPATCH_TRANSFER')[0].value).toEqual({ deliveredAwaitingReceipt: 'awaitingReceipt' })
  })

  it('T14 opens the reminder letter only after three months (a GATE, not a duty)', () => {
    const { snapshot } = run([...TO_S4, 'FILE_CASE'])
    expect(isRefused(snapshot, 'SEND_REMINDER')).toBe(true)
    expect(refusingRule(snapshot, 'SEND_REMINDER')).toMatchObject({ id: 'SPP-R-art564-reminder-after-3-months' })
    const [open] = send(snapshot, 'xstate.after.T14.criminalTransfer.filedUnderSupervision', {})
    const [reminded, actions] = send(open, 'SEND_REMINDER')
    expect(reminded.context.reminders).toHaveLength(1)
    expect(dispatches(actions)).toContainEqual(expect.objectContaining({ to: 'police', kind: 'reminderLetter' }))
    expect(criminalTransferTimers.T14.expiry).toBe('GATE')
  })
})

describe('ECR art. 16: review extensions', () => {
  it('counts every extension from the police acceptance', () => {
    for (const id of ['T6x10', 'T6x30', 'T6x60'] as const) expect(criminalTransferTimers[id].anchor).toBe('acceptedAt')
    const { snapshot } = run(TO_F5)
    expect(snapshot.context.acceptedAt).toBe(AT)
  })

  it('extends step by step and needs the next-higher head for the last 30 days', () => {
    const { snapshot } = run(TO_F5)
    const sixty = { days: 60, approvedBy: 'police-620400.head', approverLevel: 'countyHead', reasons: '特殊案件' }
    expect(isRefused(snapshot, 'EXTEND_REVIEW', { ...sixty, approverLevel: 'higher' })).toBe(true)
    expect(refusingRule(snapshot, 'EXTEND_REVIEW')).toMatchObject({ id: 'ECR-art16-review-extension', source: 'ECR art. 16' })

    const [thirty, actions] = send(snapshot, 'EXTEND_REVIEW', { days: 30, approvedBy: 'police-620400.head', approverLevel: 'countyHead', reasons: '重大复杂' })
    expect(thirty.value).toEqual({ policeReview: { review: 'extended30', materials: 'asReceived' } })
    expect(raisedTimers(actions)).toEqual(['T6x30'])
    expect(isRefused(thirty, 'EXTEND_REVIEW', sixty)).toBe(true)

    const [extended] = send(thirty, 'EXTEND_REVIEW', { ...sixty, approvedBy: 'police-620000.head', approverLevel: 'higher' })
    expect(extended.value).toEqual({ policeReview: { review: 'extended60', materials: 'asReceived' } })
    expect(extended.context.extensions.map((e) => [e.days, e.approverLevel])).toEqual([[30, 'countyHead'], [60, 'higher']])
  })

  it('keeps the review clock running while the AEA supplements (T6 is not cancelled)', () => {
    const { snapshot, actions } = run([...TO_F5, 'REQUEST_SUPPLEMENT', receipt('supplementNotice')])
    expect(snapshot.value).toEqual({ policeReview: { review: 'standard', materials: { supplementRequested: 'supplementing' } } })
    expect(raisedTimers(actions)).toEqual(['T5'])
    const cancelled = run([...TO_F5, 'REQUEST_SUPPLEMENT']).actions.filter((a) => String(a.type) === 'xstate.cancel').map((a) => JSON.stringify(a.params))
    expect(cancelled.join()).not.toContain('T6')
    const [back] = send(snapshot, 'SUPPLEMENT_PROVIDED')
    expect(back.value).toEqual({ policeReview: { review: 'standard', materials: 'supplemented' } })
  })
})

describe('§2.7 dual reporting', () => {
  const copies = (steps: Step[], copy: boolean) =>
    dispatches(run(steps, { copyToProcuratorate: copy }).actions).filter((d) => d.to === 'procuratorate').map((d) => d.kind)

  it('copies the procuratorate at F3 dispatch, F4F, F6A and F6B when enabled', () => {
    expect(copies([...TO_F3, 'DISPATCH_TRANSFER'], true)).toEqual(['transferLetterCopy'])
    expect(copies([...TO_F3, 'DISPATCH_TRANSFER', 'FORWARD_CASE'], true)).toEqual(['forwardingNoticeCopy'])
    expect(copies([...TO_F5, 'FILE_CASE'], true)).toEqual(['filingNoticeCopy'])
    expect(copies(TO_F6B, true)).toEqual(['nonFilingNoticeCopy'])
  })

  it('sends no copies when disabled', () => {
    expect(copies([...TO_F3, 'DISPATCH_TRANSFER'], false)).toEqual([])
    expect(copies([...TO_F3, 'DISPATCH_TRANSFER', 'FORWARD_CASE'], false)).toEqual([])
    expect(copies([...TO_F5, 'FILE_CASE'], false)).toEqual([])
    expect(copies(TO_F6B, false)).toEqual([])
  })

  it('dispatches the transfer letter to the police with a task due by T3', () => {
    expect(dispatches(run([...TO_F3, 'DISPATCH_TRANSFER']).actions)).toContainEqual(
      expect.objectContaining({ to: 'police', kind: 'transferLetter', task: 'signReceipt', dueTimer: 'T3' }),
    )
  })
})

describe('the definition is consistent', () => {
  it('records a receipt once, also in the parallel review, and never refuses one', () => {
    const { snapshot } = run([...TO_F5, 'REQUEST_SUPPLEMENT', receipt('supplementNotice'), receipt('unrelatedNotice')])
    expect(snapshot.context.receipts.map((r) => r.dispatchKind)).toEqual(['transferLetter', 'supplementNotice', 'unrelatedNotice'])
    expect(machine.root.transitions.get('RECEIPT')?.some((t) => t.guard === undefined && t.target === undefined)).toBe(true)
  })

  it('names a known party in every command', () => {
    for (const spec of Object.values(criminalTransfer.commands)) {
      expect(commandParties(spec).every((key) => key === 'system' || key in criminalTransfer.parties), spec.type).toBe(true)
    }
    expect(criminalTransfer.open).toEqual({ roles: ['msa.officer', 'msa.head'], party: 'aea' })
  })

  it('declares every `after` key in timers and every timer owner as a party', () => {
    const afterKeys = stateNodes().flatMap((node) => node.after.map((t) => t.eventType.split('.')[2] ?? ''))
    expect(afterKeys.length).toBeGreaterThan(20)
    for (const key of afterKeys) expect(criminalTransfer.timers, key).toHaveProperty(key)
    for (const rule of Object.values(criminalTransfer.timers)) expect(criminalTransfer.parties, rule.id).toHaveProperty(rule.owner)
  })

  it('lists every law-carrying guard in rules, and uses every rule', () => {
    const routing = new Set(['isReceipt'])
    const guards = new Set(
      stateNodes().flatMap((node) => [...node.transitions.values()].flat().map((t) => guardName(t.guard)).filter((g): g is string => g !== undefined)),
    )
    expect([...guards].filter((g) => !routing.has(g) && !(g in criminalTransfer.rules))).toEqual([])
    expect(Object.keys(criminalTransfer.rules).filter((r) => !guards.has(r))).toEqual([])
  })

  it('carries the DOMAIN §5 values for T1–T17 and T47', () => {
    const expected: Record<string, [number, string, string]> = {
      T1: [3, 'cd', 'DUTY'], T2: [24, 'h', 'DUTY'], T3: [24, 'h', 'DUTY'], T4: [24, 'h', 'DUTY'], T5: [3, 'cd', 'DUTY'],
      T6: [3, 'cd', 'DUTY'], T7: [3, 'cd', 'RIGHT'], T8: [3, 'cd', 'DUTY'], T9: [3, 'cd', 'RIGHT'], T10: [3, 'cd', 'DUTY'],
      T11: [7, 'cd', 'DUTY'], T12: [10, 'cd', 'DUTY'], T13: [15, 'cd', 'DUTY'], T14: [3, 'mo', 'GATE'], T15: [7, 'cd', 'DUTY'],
      T16: [3, 'cd', 'DUTY'], T17: [3, 'cd', 'DUTY'], T47: [90, 'cd', 'DUTY'], T48: [2, 'y', 'AUTO'],
    }
    for (const [id, [duration, unit, expiry]] of Object.entries(expected)) {
      expect(criminalTransfer.timers[id], id).toMatchObject({ id, duration, unit, expiry, source: expect.any(String) })
    }
    for (const rule of Object.values(criminalTransfer.timers)) {
      expect(rule.rollOnHoliday, rule.id).toBe(rule.expiry === 'RIGHT')
    }
  })
})

function transitionOf(snapshot: CriminalTransferSnapshot, sent: MachineEventBase) {
  const [next, actions] = send(snapshot, sent.type, sent.payload, sent.at)
  return { snapshot: next, actions }
}
