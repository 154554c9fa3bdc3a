import { describe, expect, it } from 'vitest'
import { initialTransition, transition } from 'xstate'
import type { AnyStateNode } from '@xstate/graph'
import { commandParties, nominalMs, REASONS, type AlertParams, type DispatchParams, type MachineEventBase, type RuleSpec } from '@xianjie/domain'

import { transferSupervision, transferSupervisionFor, transferSupervisionParties } from './index.ts'
import { transferSupervisionCommands as commands, transferSupervisionOpenPayload } from './transfer-supervision.commands.ts'
import {
  ACTORS,
  afterEvent,
  AT,
  event,
  PARENT,
  receipt,
  run,
  SAMPLE_PAYLOADS,
  sampleInput,
  send,
  TO_OVERDUE,
  TO_REPLY_PERIOD,
  TO_SA3,
  type ExecutableAction,
  type Step,
  type TransferSupervisionSnapshot,
} from './transfer-supervision.fixtures.ts'
import { transferSupervisionMachine as machine } from './transfer-supervision.machine.ts'
import { transferSupervisionRules as rules } from './transfer-supervision.rules.ts'
import { TRANSFER_SUPERVISION_CONFIG, transferSupervisionTimers as timers, transferSupervisionTimersFor } from './transfer-supervision.timers.ts'
import { OPINION_GROUNDS } from './transfer-supervision.types.ts'
import { allStateNodes, delayedTimers, effectsOf, engineAnswer, guardNames } from '../../../test/support/statechart.ts'

const RULES: Record<string, RuleSpec> = rules
const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

const answer = (snapshot: TransferSupervisionSnapshot, sent: MachineEventBase) => engineAnswer(machine, RULES, snapshot, sent)
const refusedWith = (key: keyof typeof rules) => ({ status: 422, rule: rules[key] })
const dispatches = (actions: ExecutableAction[]) => effectsOf<DispatchParams>(actions, 'dispatch')
const alerts = (actions: ExecutableAction[]) => effectsOf<AlertParams>(actions, 'alert')
const raised = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.raise')
const cancelled = (actions: ExecutableAction[]) => delayedTimers(actions, 'xstate.cancel')
const stateIds = (snapshot: TransferSupervisionSnapshot) => [...new Set(snapshot._nodes.map((node) => (node.meta as { id?: string } | undefined)?.id).filter(Boolean))]
const endOf = (snapshot: TransferSupervisionSnapshot) => snapshot._nodes.find((node) => node.type === 'final')?.meta?.end

const PARTIES = sampleInput().parties

/**
 * What the engine's policy decides before the machine sees a command
 * (packages/engine/src/policy.ts `authorizeCommand`): the actor needs one of the command's
 * roles and must belong to the agency of one of its parties; system commands only from the system.
 */
function mayAct(type: string, actorKey: string): boolean {
  const spec = commands[type]!
  const actor = ACTORS[actorKey]!
  if (spec.party === 'system' || spec.roles.includes('system')) return actor.roles.includes('system')
  return actor.roles.some((role) => (spec.roles as string[]).includes(role)) && commandParties(spec).some((key) => PARTIES[key] === actor.agencyId)
}

describe('who may act (role × party)', () => {
  it('lets only the chief procurator issue the opinion (SPP-R art. 557(3): 经检察长批准)', () => {
    expect(commands['ISSUE_OPINION']!.roles).toEqual(['procuratorate.head'])
    expect(mayAct('ISSUE_OPINION', 'procurator')).toBe(false)
    expect(mayAct('ISSUE_OPINION', 'chief')).toBe(true)
    expect(mayAct('ISSUE_OPINION', 'aeaHead')).toBe(false)
    expect(mayAct('ISSUE_OPINION', 'government')).toBe(false)
  })

  it('lets only the chief procurator refer the matter to the government', () => {
    expect(mayAct('REFER_TO_GOVERNMENT', 'procurator')).toBe(false)
    expect(mayAct('REFER_TO_GOVERNMENT', 'chief')).toBe(true)
  })

  it('lets a procurator decline an opinion and accept a reply, and no one of the AEA', () => {
    for (const type of ['DECLINE_OPINION', 'ACCEPT_REPLY']) {
      expect(mayAct(type, 'procurator'), type).toBe(true)
      expect(mayAct(type, 'chief'), type).toBe(true)
      expect(mayAct(type, 'aeaHead'), type).toBe(false)
    }
  })

  it('lets only the AEA head answer the opinion, not an officer or the procuratorate', () => {
    for (const type of ['REPORT_TRANSFERRED', 'REPLY_WITH_REASONS']) {
      expect(mayAct(type, 'aeaHead'), type).toBe(true)
      expect(mayAct(type, 'aeaOfficer'), type).toBe(false)
      expect(mayAct(type, 'chief'), type).toBe(false)
      expect(mayAct(type, 'government'), type).toBe(false)
    }
  })

  it('takes receipts from the system only', () => {
    expect(mayAct('RECEIPT', 'system')).toBe(true)
    expect(mayAct('RECEIPT', 'aeaHead')).toBe(false)
  })

  it('declares exactly these roles and parties', () => {
    const table = Object.fromEntries(Object.values(commands).map((spec) => [spec.type, [spec.roles, spec.party]]))
    expect(table).toEqual({
      ISSUE_OPINION: [['procuratorate.head'], 'procuratorate'],
      DECLINE_OPINION: [['procurator'], 'procuratorate'],
      ACCEPT_REPLY: [['procurator'], 'procuratorate'],
      REFER_TO_GOVERNMENT: [['procuratorate.head'], 'procuratorate'],
      REPORT_TRANSFERRED: [['msa.head'], 'aea'],
      REPLY_WITH_REASONS: [['msa.head'], 'aea'],
      RECEIPT: [['system'], 'system'],
    })
  })

  it('is opened by a procurator of the procuratorate, from a criminal-transfer case that closed in F2R with E2', () => {
    expect(transferSupervision.open).toEqual({ roles: ['procurator'], party: 'procuratorate' })
    expect(transferSupervisionParties).toMatchObject({
      procuratorate: { kind: 'procuratorate', resolve: 'opener' },
      aea: { kind: 'msa', resolve: 'sameDivision' },
      government: { kind: 'government', resolve: 'sameDivision' },
    })
    expect(transferSupervision.openFrom).toEqual([{ procedure: 'criminal-transfer', states: ['F2R'], ends: ['E2'] }])
    expect(transferSupervision.caseNumber).toEqual({ party: 'procuratorate', series: '行监' })
    expect(transferSupervision.name).toBe('transfer-supervision')
  })
})

describe('SPP-2001 §12, SPP-R art. 557(3): the opinion names its grounds and states its reasons', () => {
  const opinion = (payload: Record<string, unknown>) => event('ISSUE_OPINION', payload)
  const initial = () => run([]).snapshot

  it('refuses an opinion without grounds, with an unknown ground or with a ground named twice', () => {
    const reasons = '应当移送而不移送'
    expect(answer(initial(), opinion({ grounds: [], reasons }))).toEqual(refusedWith('opinionNamesGrounds'))
    expect(answer(initial(), opinion({ reasons }))).toEqual(refusedWith('opinionNamesGrounds'))
    expect(answer(initial(), opinion({ grounds: ['lateTransfer'], reasons }))).toEqual(refusedWith('opinionNamesGrounds'))
    expect(answer(initial(), opinion({ grounds: ['nonTransfer', 'nonTransfer'], reasons }))).toEqual(refusedWith('opinionNamesGrounds'))
    expect(rules.opinionNamesGrounds).toMatchObject({ id: 'SPP-2001-s12-opinion-grounds', source: expect.stringContaining('SPP-2001 §12') })
  })

  it('refuses an opinion without reasons (shorter than REASONS allows, or blank)', () => {
    const grounds = ['penaltyInsteadOfTransfer']
    expect(answer(initial(), opinion({ grounds }))).toEqual(refusedWith('opinionStatesReasons'))
    expect(answer(initial(), opinion({ grounds, reasons: '应移送' }))).toEqual(refusedWith('opinionStatesReasons'))
    expect(answer(initial(), opinion({ grounds, reasons: '      ' }))).toEqual(refusedWith('opinionStatesReasons'))
    expect(rules.opinionStatesReasons).toMatchObject({ id: 'SPP-R-art557-opinion-reasons', source: expect.stringContaining('SPP-R art. 557(3)') })
    expect(answer(initial(), opinion({ grounds, reasons: '应当移送' })).status).toBe('accepted')
  })

  it('declares the same in the payload schema the engine validates first', () => {
    const schema = commands['ISSUE_OPINION']!.payload as { required: string[]; properties: Record<string, Record<string, unknown>> }
    expect(schema.required.sort()).toEqual(['grounds', 'reasons'])
    expect(schema.properties['grounds']).toMatchObject({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...OPINION_GROUNDS] } })
    expect(schema.properties['reasons']).toEqual(REASONS)
    expect(OPINION_GROUNDS).toEqual(['nonTransfer', 'reportedNonTransfer', 'concealedItems', 'penaltyInsteadOfTransfer'])
  })

  it('records the opinion and serves it on the AEA with a reply task due by TS1', () => {
    const { snapshot, actions } = run([['ISSUE_OPINION', SAMPLE_PAYLOADS['ISSUE_OPINION']![1]!]])
    expect(snapshot.value).toEqual({ awaitingReply: 'opinionInTransit' })
    expect(stateIds(snapshot)).toEqual(['SA1'])
    expect(snapshot.context.opinion).toEqual({ at: AT, by: ACTORS['chief']!.userId, grounds: ['nonTransfer', 'concealedItems'], reasons: '应当移送而不移送，并销毁涉案物品' })
    expect(dispatches(actions)).toEqual([
      expect.objectContaining({ to: 'aea', kind: 'procuratorialOpinion', task: 'replyToOpinion', dueTimer: 'TS1', source: 'SPP-R art. 557(3); SPP-2001 §12' }),
    ])
  })

  it('closes in SA0X (E-NO) with the reasons on file when no opinion is issued', () => {
    const { snapshot, actions } = run(['DECLINE_OPINION'])
    expect(snapshot.status).toBe('done')
    expect(stateIds(snapshot)).toEqual(['SA0X'])
    expect(endOf(snapshot)).toBe('E-NO')
    expect(snapshot.context.declined).toEqual({ at: AT, by: ACTORS['procurator']!.userId, reasons: '经审查，涉案金额未达追诉标准' })
    expect(dispatches(actions)).toEqual([])
  })

  const decisions = ['ISSUE_OPINION', 'DECLINE_OPINION', 'REPLY_WITH_REASONS', 'ACCEPT_REPLY', 'REFER_TO_GOVERNMENT']
  it.each(decisions)('%s requires reasons of at least 4 characters', (type) => {
    const schema = commands[type]!.payload as { required: string[]; properties: Record<string, { minLength?: number }> }
    expect(schema.required).toContain('reasons')
    expect(schema.properties['reasons']?.minLength).toBeGreaterThanOrEqual(4)
  })
})

describe('TS1: the AEA replies within the (configurable) period from its receipt of the opinion', () => {
  it('starts TS1 only when the AEA receives the opinion', () => {
    const issued = run(['ISSUE_OPINION'])
    expect(raised(issued.actions)).toEqual([])

    const [other, otherActions] = transition(machine, issued.snapshot, receipt('unrelatedNotice'))
    expect(other.value).toEqual({ awaitingReply: 'opinionInTransit' })
    expect(raised(otherActions)).toEqual([])
    expect(other.context.receipts.map((r) => r.dispatchKind)).toEqual(['unrelatedNotice'])

    const [received, receivedActions] = transition(machine, other, receipt('procuratorialOpinion'))
    expect(received.value).toEqual({ awaitingReply: 'replyPeriod' })
    expect(raised(receivedActions)).toEqual(['TS1'])
    expect(received.context.receipts.map((r) => r.dispatchKind)).toEqual(['unrelatedNotice', 'procuratorialOpinion'])
  })

  it('neither restarts nor cancels TS1 on a second receipt of the opinion', () => {
    const { snapshot } = run(TO_REPLY_PERIOD)
    const [again, actions] = transition(machine, snapshot, receipt('procuratorialOpinion'))
    expect(again.value).toEqual({ awaitingReply: 'replyPeriod' })
    expect(raised(actions)).toEqual([])
    expect(cancelled(actions)).toEqual([])
    expect(again.context.receipts).toHaveLength(2)
  })

  it('on expiry records the overdue duty, alerts the government once and keeps the case in SA1', () => {
    const { snapshot } = run(TO_REPLY_PERIOD)
    const [overdue, actions] = transition(machine, snapshot, afterEvent('TS1', 'transferSupervision.awaitingReply.replyPeriod'))
    expect(overdue.value).toEqual({ awaitingReply: 'replyOverdue' })
    expect(overdue.status).toBe('active')
    expect(stateIds(overdue)).toEqual(['SA1'])
    expect(overdue.context.overdue).toEqual(['TS1'])
    expect(alerts(actions)).toEqual([
      { to: 'government', timer: 'TS1', reason: { zh: expect.any(String), en: expect.any(String) }, source: expect.stringMatching(/R310 arts 14, 16/) },
    ])
    expect(dispatches(actions)).toEqual([])

    // No second alert: the overdue state does not take the timer again.
    const again = afterEvent('TS1', 'transferSupervision.awaitingReply.replyPeriod')
    expect(machine.getTransitionData(overdue, again)).toEqual([])
    const [same, sameActions] = transition(machine, overdue, again)
    expect(same.value).toEqual(overdue.value)
    expect(alerts(sameActions)).toEqual([])
    expect(same.context.overdue).toEqual(['TS1'])
  })

  it('does not fire while the opinion is still in transit', () => {
    const { snapshot } = run(['ISSUE_OPINION'])
    expect(machine.getTransitionData(snapshot, afterEvent('TS1', 'transferSupervision.awaitingReply.replyPeriod'))).toEqual([])
  })

  it('still takes the AEA reply after the period, keeping the overdue on record', () => {
    const complied = run([...TO_OVERDUE, 'REPORT_TRANSFERRED']).snapshot
    expect(stateIds(complied)).toEqual(['SA2'])
    expect(endOf(complied)).toBe('E-COMPLIED')
    expect(complied.context.overdue).toEqual(['TS1'])
    const replied = run([...TO_OVERDUE, 'REPLY_WITH_REASONS']).snapshot
    expect(stateIds(replied)).toEqual(['SA3'])
  })

  it('is met (cancelled) when the AEA answers in time', () => {
    const { actions } = run([...TO_REPLY_PERIOD, 'REPORT_TRANSFERRED'])
    expect(cancelled(actions)).toEqual(['TS1'])
    expect(cancelled(run([...TO_REPLY_PERIOD, 'REPLY_WITH_REASONS']).actions)).toEqual(['TS1'])
  })

  it('defaults to 2 months, a DUTY of the AEA marked ⚠️, without holiday roll-over', () => {
    expect(timers.TS1).toEqual({
      id: 'TS1',
      title: { zh: expect.any(String), en: expect.any(String) },
      start: expect.stringContaining('receives the procuratorial opinion'),
      duration: 2,
      unit: 'mo',
      rollOnHoliday: false,
      owner: 'aea',
      expiry: 'DUTY',
      source: 'SPP-R art. 557(3); SPP-2001 §12',
      verification: '⚠️',
    })
    expect(TRANSFER_SUPERVISION_CONFIG.note).toMatch(/unverified.*T20.*configurable/)
    expect(Object.isFrozen(TRANSFER_SUPERVISION_CONFIG)).toBe(true)
    expect(transferSupervision.timers).toBe(timers)
  })

  it('takes another period from configuration, in the timer rule and in the machine delay', () => {
    const config = { ...TRANSFER_SUPERVISION_CONFIG, replyPeriod: { duration: 30, unit: 'cd' as const } }
    const def = transferSupervisionFor(config)
    expect(def.timers['TS1']).toMatchObject({ duration: 30, unit: 'cd', expiry: 'DUTY', owner: 'aea' })
    expect(timers.TS1.duration).toBe(2)
    const configured = def.machine as typeof machine
    const [opened] = initialTransition(configured, sampleInput())
    const [issued] = transition(configured, opened, event('ISSUE_OPINION', SAMPLE_PAYLOADS['ISSUE_OPINION']![0]!))
    const [, actions] = transition(configured, issued, receipt('procuratorialOpinion'))
    const delay = actions.find((a) => String(a.type) === 'xstate.raise')?.params as { delay?: number } | undefined
    expect(delay?.delay).toBe(nominalMs({ duration: 30, unit: 'cd' }))
    expect(() => transferSupervisionTimersFor({ ...config, replyPeriod: { duration: 0, unit: 'mo' } })).toThrow(/positive integer/)
    expect(() => transferSupervisionTimersFor({ ...config, replyPeriod: { duration: 1.5, unit: 'mo' } })).toThrow(/positive integer/)
  })
})

describe('commands the state does not take', () => {
  const cases: Array<[string, Step[], string]> = [
    ['REPORT_TRANSFERRED in SA0', [], 'REPORT_TRANSFERRED'],
    ['REPLY_WITH_REASONS in SA0', [], 'REPLY_WITH_REASONS'],
    ['ACCEPT_REPLY in SA0', [], 'ACCEPT_REPLY'],
    ['a second ISSUE_OPINION in SA1', ['ISSUE_OPINION'], 'ISSUE_OPINION'],
    ['DECLINE_OPINION in SA1', TO_REPLY_PERIOD, 'DECLINE_OPINION'],
    ['ACCEPT_REPLY in SA1', TO_REPLY_PERIOD, 'ACCEPT_REPLY'],
    ['REFER_TO_GOVERNMENT in SA1 (also when overdue)', TO_OVERDUE, 'REFER_TO_GOVERNMENT'],
    ['REPORT_TRANSFERRED in SA3', TO_SA3, 'REPORT_TRANSFERRED'],
    ['REPLY_WITH_REASONS in SA2 (closed)', [...TO_REPLY_PERIOD, 'REPORT_TRANSFERRED'], 'REPLY_WITH_REASONS'],
    ['ISSUE_OPINION in SA0X (closed)', ['DECLINE_OPINION'], 'ISSUE_OPINION'],
  ]
  it.each(cases)('refuses %s (409)', (_label, steps, type) => {
    const { snapshot } = run(steps)
    expect(answer(snapshot, event(type, SAMPLE_PAYLOADS[type]![0]!))).toEqual({ status: 409 })
  })
})

describe('the AEA answers, the procuratorate reviews', () => {
  it('ends in SA2 (E-COMPLIED) on a reported transfer and tells the procuratorate (R310 arts 3, 5)', () => {
    const { snapshot, actions } = run([...TO_REPLY_PERIOD, ['REPORT_TRANSFERRED', SAMPLE_PAYLOADS['REPORT_TRANSFERRED']![1]!]])
    expect(endOf(snapshot)).toBe('E-COMPLIED')
    expect(snapshot.context.transferReport).toEqual({
      at: AT,
      by: ACTORS['aeaHead']!.userId,
      transferCaseNumber: '白市监移〔2026〕15号',
      transferredAt: '2026-07-01T02:00:00.000Z',
      reasons: '已按检察意见移送',
    })
    expect(run([...TO_REPLY_PERIOD, 'REPORT_TRANSFERRED']).snapshot.context.transferReport?.reasons).toBeNull()
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'procuratorate', kind: 'transferReport' })])
    expect(commands['REPORT_TRANSFERRED']).toMatchObject({ source: 'R310 arts 3, 5' })
    expect((commands['REPORT_TRANSFERRED']!.payload as { required: string[] }).required.sort()).toEqual(['transferCaseNumber', 'transferredAt'])
  })

  it('takes the AEA reasons to SA3 and gives the procuratorate a review task', () => {
    const { snapshot, actions } = run(TO_SA3)
    expect(stateIds(snapshot)).toEqual(['SA3'])
    expect(snapshot.context.reply).toEqual({ at: AT, by: ACTORS['aeaHead']!.userId, reasons: '经复核，鉴定结论显示涉案商品非假冒，不构成犯罪' })
    expect(dispatches(actions)).toEqual([expect.objectContaining({ to: 'procuratorate', kind: 'opinionReply', task: 'reviewReply' })])
  })

  it('ends in SA3A (E-ACCEPTED) when the procuratorate accepts the reasons', () => {
    const { snapshot, actions } = run([...TO_SA3, 'ACCEPT_REPLY'])
    expect(stateIds(snapshot)).toEqual(['SA3A'])
    expect(endOf(snapshot)).toBe('E-ACCEPTED')
    expect(snapshot.context.review).toEqual({ at: AT, by: ACTORS['procurator']!.userId, reasons: '不移送理由成立', outcome: 'accepted' })
    expect(dispatches(actions)).toEqual([])
  })

  it('ends in SA3R (E-REFERRED) and asks the government to order the transfer (R310 arts 14(2), 16(2))', () => {
    const { snapshot, actions } = run([...TO_SA3, 'REFER_TO_GOVERNMENT'])
    expect(stateIds(snapshot)).toEqual(['SA3R'])
    expect(endOf(snapshot)).toBe('E-REFERRED')
    expect(snapshot.context.review).toMatchObject({ outcome: 'referred', by: ACTORS['chief']!.userId })
    expect(dispatches(actions)).toEqual([
      expect.objectContaining({ to: 'government', kind: 'supervisionReferral', task: 'superviseTransfer', source: 'R310 arts 14(2), 16(2)' }),
    ])
  })
})

describe('the definition is consistent', () => {
  it('keeps the basis, the flag and the parent case in the context', () => {
    const { snapshot } = run([])
    expect(stateIds(snapshot)).toEqual(['SA0'])
    expect(snapshot.context).toMatchObject({
      basis: { offence: '销售假冒注册商标的商品罪', thresholdId: 'CL-214', illegalBusinessVolume: 86_000, illegalGains: null },
      flagReasons: expect.any(String),
      parent: PARENT,
      opinion: null,
      overdue: [],
      receipts: [],
    })
    expect(run([], { parent: null }).snapshot.context.parent).toBeNull()
    const schema = transferSupervisionOpenPayload as { required: string[]; additionalProperties: boolean; properties: Record<string, { required?: string[] }> }
    expect(schema.required.sort()).toEqual(['basis', 'reasons', 'title'])
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties['basis']?.required?.sort()).toEqual(['offence', 'thresholdId'])
  })

  it('gives every command a bilingual title, a source, a closed payload and a known party', () => {
    for (const spec of Object.values(commands)) {
      expect(spec.title.zh.length * spec.title.en.length, spec.type).toBeGreaterThan(0)
      expect(spec.source, spec.type).toEqual(expect.any(String))
      expect(spec.payload, spec.type).toMatchObject({ type: 'object', additionalProperties: false, required: expect.any(Array) })
      expect(commandParties(spec).every((key) => key === 'system' || key in transferSupervision.parties), spec.type).toBe(true)
    }
    expect(transferSupervision.commands).toBe(commands)
  })

  it('records a receipt no state waits for, and never refuses one', () => {
    const { snapshot } = run(['DECLINE_OPINION'])
    expect(machine.root.transitions.get('RECEIPT')?.some((t) => t.guard === undefined && t.target === undefined)).toBe(true)
    expect(run([receipt('unrelatedNotice')]).snapshot.context.receipts).toHaveLength(1)
    expect(snapshot.status).toBe('done')
  })

  it('declares every `after` key in timers and every timer owner as a party', () => {
    const afterKeys = stateNodes().flatMap((node) => node.after.map((t) => t.eventType.split('.')[2] ?? ''))
    expect(afterKeys).toEqual(['TS1'])
    for (const key of afterKeys) expect(transferSupervision.timers, key).toHaveProperty(key)
    for (const rule of Object.values(transferSupervision.timers)) expect(transferSupervision.parties, rule.id).toHaveProperty(rule.owner)
  })

  it('lists every law-carrying guard in rules, and uses every rule', () => {
    const routing = new Set(['isReceipt'])
    const guards = new Set(stateNodes().flatMap((node) => [...node.transitions.values()].flat().flatMap((t) => guardNames(t.guard))))
    expect([...guards].filter((g) => !routing.has(g) && !(g in rules))).toEqual([])
    expect(Object.keys(rules).filter((r) => !guards.has(r))).toEqual([])
    for (const rule of Object.values(rules)) expect(rule).toMatchObject({ id: expect.any(String), source: expect.any(String), message: { zh: expect.any(String), en: expect.any(String) } })
  })
})
