// Test support: demo agencies, sample inputs, sample command payloads and helpers that build
// MachineEventBase events the way the engine does (including the facts it adds for `assigns`).

import { initialTransition, transition } from 'xstate'
import type { AgencyFacts, MachineEventBase } from '@xianjie/domain'

import { judicialConfirmationMachine } from './judicial-confirmation.machine.ts'
import type { JudicialConfirmationInput } from './judicial-confirmation.types.ts'

export type JudicialConfirmationSnapshot = ReturnType<typeof judicialConfirmationMachine.resolveState>
export type ExecutableAction = ReturnType<typeof transition>[1][number]

/** The agreement takes effect on 2026-03-02; the events of a sample case happen on 2026-03-10 (China time). */
export const EFFECTIVE_DATE = '2026-03-02'
export const AT = '2026-03-10T02:00:00.000Z'
export const OPENED_AT = '2026-03-02T02:00:00.000Z'

function facts(id: string, kind: AgencyFacts['kind'], division: string, level: AgencyFacts['level'], name: string): AgencyFacts {
  return { id, kind, division, level, name, creditCode: null }
}

/** Demo agencies (白银, 洛阳, 杭州), as the engine would resolve them. */
export const AGENCIES: Record<string, AgencyFacts> = Object.fromEntries(
  [
    facts('mediation-620400', 'mediation', '620400', 'city', '白银市知识产权纠纷人民调解委员会'),
    facts('msa-620400', 'msa', '620400', 'city', '白银市市场监督管理局'),
    facts('party-620402-1', 'party', '620402', 'county', '白银某科技有限公司'),
    facts('party-620402-2', 'party', '620402', 'county', '白银某商贸有限公司'),
    facts('party-410305-1', 'party', '410305', 'county', '洛阳某机械有限公司'),
    facts('court.basic-620402', 'court.basic', '620402', 'county', '白银市白银区人民法院'),
    facts('court.intermediate-620400', 'court.intermediate', '620400', 'city', '甘肃省白银市中级人民法院'),
    facts('court.intermediate-410300', 'court.intermediate', '410300', 'city', '河南省洛阳市中级人民法院'),
    facts('court.basic-410305', 'court.basic', '410305', 'county', '洛阳市涧西区人民法院'),
    facts('court.basic-330106', 'court.basic', '330106', 'county', '杭州市西湖区人民法院'),
    facts('court.intermediate-330100', 'court.intermediate', '330100', 'city', '浙江省杭州市中级人民法院'),
  ].map((agency) => [agency.id, agency]),
)

const actor = (agencyId: string, role: string): MachineEventBase['actor'] => ({ userId: `${agencyId}.${role}`, agencyId, roles: [role] })

export const ACTORS: Record<string, MachineEventBase['actor']> = {
  mediator: actor('mediation-620400', 'mediator'),
  msa: actor('msa-620400', 'msa.officer'),
  applicant1: actor('party-620402-1', 'party'),
  applicant2: actor('party-620402-2', 'party'),
  luoyangParty: actor('party-410305-1', 'party'),
  judge: actor('court.basic-620402', 'court.judge'),
  clerk: actor('court.basic-620402', 'court.clerk'),
  president: actor('court.basic-620402', 'court.president'),
  hangzhouJudge: actor('court.basic-330106', 'court.judge'),
  intermediateJudge: actor('court.intermediate-620400', 'court.judge'),
  system: { userId: 'system', agencyId: 'system', roles: ['system'] },
}

/** Who sends each command in the sample case. */
const DEFAULT_ACTOR: Record<string, string> = {
  ANSWER_MEDIATION_REQUEST: 'applicant2',
  RECORD_AGREEMENT: 'msa',
  RECORD_MEDIATION_FAILURE: 'msa',
  APPLY_FOR_CONFIRMATION: 'applicant1',
  JOIN_APPLICATION: 'applicant2',
  WITHDRAW_APPLICATION: 'applicant1',
  SUPPLY_MATERIALS: 'applicant1',
  SUBMIT_STATEMENTS: 'applicant1',
  OBJECT_TO_RULING: 'applicant2',
  INTERRUPT_LIMITATION: 'applicant1',
  RECORD_PERFORMANCE: 'applicant1',
  APPLY_ENFORCEMENT: 'applicant1',
  ACCEPT_APPLICATION: 'judge',
  REFUSE_ACCEPTANCE: 'judge',
  ORDER_SUPPLEMENT: 'judge',
  TREAT_AS_WITHDRAWN: 'judge',
  EXTEND_REVIEW: 'president',
  QUESTION_PARTIES: 'judge',
  ORDER_STATEMENTS: 'judge',
  CONFIRM_AGREEMENT: 'judge',
  REJECT_APPLICATION: 'judge',
  RECORD_INTERESTED_OBJECTION: 'clerk',
  UPHOLD_OBJECTION: 'judge',
  DISMISS_OBJECTION: 'judge',
  REGISTER_ENFORCEMENT: 'judge',
}

/** The facts the engine adds to a payload for the agency ids of an `assigns` field. */
export function agenciesFor(...ids: string[]): Record<string, AgencyFacts> {
  return Object.fromEntries(ids.filter((id) => AGENCIES[id] !== undefined).map((id) => [id, AGENCIES[id]!]))
}

export const SAMPLE_AGREEMENT = {
  text: '被申请人于2026年6月30日前一次性支付申请人商标侵权赔偿金人民币八万元，并停止销售侵权商品。',
  effectiveDate: EFFECTIVE_DATE,
  signedBy: ['白银某科技有限公司', '白银某商贸有限公司'],
  amount: 80_000,
  lastPerformanceDate: '2026-06-30',
}

const SUMMARY = '申请人主张被申请人销售侵犯其注册商标专用权的商品，双方就赔偿数额发生争议。'

/** A people's-mediation trademark case in 白银 (basic tier); the subject is in 杭州西湖区. */
export function sampleInput(overrides: Partial<JudicialConfirmationInput> = {}): JudicialConfirmationInput {
  const parties = overrides.parties ?? { mediator: 'mediation-620400', applicant1: 'party-620402-1', applicant2: 'party-620402-2' }
  return {
    caseId: '00000000-0000-4000-8000-000000000101',
    openedAt: OPENED_AT,
    parties,
    agencies: agenciesFor(...Object.values(parties)),
    parent: null,
    title: '白银某科技有限公司与白银某商贸有限公司商标侵权纠纷调解协议司法确认',
    mode: 'people',
    dispute: { subjectType: 'trademark', matter: 'damages', subjectLocation: '330106', summary: SUMMARY },
    agreement: SAMPLE_AGREEMENT,
    ...overrides,
  }
}

/** Administrative mediation by the 白银 bureau: trademark damages on request (TML art. 60(3)), no agreement yet. */
export function adminInput(overrides: Partial<JudicialConfirmationInput> = {}): JudicialConfirmationInput {
  const parties = { mediator: 'msa-620400', applicant1: 'party-620402-1', applicant2: 'party-620402-2' }
  const { agreement: _none, ...base } = sampleInput({ parties })
  return {
    ...base,
    mode: 'administrative',
    dispute: { subjectType: 'trademark', matter: 'damages', summary: '市场监督管理局查处被请求人商标侵权行为后，请求人请求就赔偿数额进行调解。' },
    request: { text: '请求就侵犯注册商标专用权的赔偿数额进行调解。', mediationRequested: true },
    ...overrides,
  }
}

/** Pre-filing mediation at the invitation of the 白银 intermediate court. */
export function courtInvitedInput(overrides: Partial<JudicialConfirmationInput> = {}): JudicialConfirmationInput {
  const parties = { mediator: 'mediation-620400', applicant1: 'party-620402-1', applicant2: 'party-620402-2', invitingCourt: 'court.intermediate-620400' }
  return sampleInput({ parties, mode: 'courtInvited', ...overrides })
}

/** One or more valid payloads per command (variants exercise guarded branches). */
export const SAMPLE_PAYLOADS: Record<string, Array<Record<string, unknown>>> = {
  ANSWER_MEDIATION_REQUEST: [
    { agrees: true, opinion: '同意就赔偿数额进行调解' },
    { agrees: false, opinion: '不同意调解' },
  ],
  // No performance period: T26 runs from the ruling (CivPL art. 250(2)).
  RECORD_AGREEMENT: [{ agreement: { text: '被请求人于调解协议生效后支付请求人商标侵权赔偿金人民币五万元。', effectiveDate: EFFECTIVE_DATE, amount: 50_000 } }],
  RECORD_MEDIATION_FAILURE: [{ reasons: '双方对赔偿数额分歧过大，调解不成' }],
  APPLY_FOR_CONFIRMATION: [
    {
      courts: ['court.basic-620402'],
      form: 'written',
      materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'],
      viaAgent: false,
      agencies: agenciesFor('court.basic-620402'),
    },
    {
      courts: ['court.basic-620402', 'court.basic-330106'],
      form: 'written',
      materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'],
      viaAgent: false,
      agencies: agenciesFor('court.basic-620402', 'court.basic-330106'),
    },
  ],
  JOIN_APPLICATION: [{ materials: ['identity'], viaAgent: false }],
  WITHDRAW_APPLICATION: [{ reasons: '双方已自行履行' }],
  SUPPLY_MATERIALS: [{ materials: ['propertyProof'] }],
  SUBMIT_STATEMENTS: [{ text: '补充说明：赔偿金额系根据销售数量计算。' }],
  OBJECT_TO_RULING: [{ reasons: '调解协议违反自愿原则', evidence: ['录音一份'] }],
  INTERRUPT_LIMITATION: [{ demandedAt: '2026-03-10', how: '向被申请人发出律师函催告履行' }],
  RECORD_PERFORMANCE: [{ note: '赔偿金已全额支付' }],
  APPLY_ENFORCEMENT: [{ courtId: 'court.basic-620402', reasons: '被申请人拒不履行调解协议', agencies: agenciesFor('court.basic-620402') }],
  ACCEPT_APPLICATION: [{ caseNumber: '(2026)甘0402民特15号' }],
  REFUSE_ACCEPTANCE: [{ ground: 2, reasons: '本院对该申请无管辖权' }],
  ORDER_SUPPLEMENT: [{ items: ['propertyProof'], dueDate: '2026-03-20' }],
  TREAT_AS_WITHDRAWN: [{ reason: 'materialsNotSupplied' }, { reason: 'refusedQuestioning' }],
  EXTEND_REVIEW: [{ days: 10, reasons: '需向调解组织核实有关情况' }],
  QUESTION_PARTIES: [{ record: '双方当事人到场确认调解协议系自愿达成', summonedBoth: true }],
  ORDER_STATEMENTS: [{ items: ['赔偿金额的计算依据'], dueDate: '2026-03-20' }],
  CONFIRM_AGREEMENT: [{ reasoning: '申请人达成的调解协议符合司法确认的条件。' }],
  REJECT_APPLICATION: [{ ground: { article: '358', item: 5 }, reasons: '协议履行内容不明确' }],
  RECORD_INTERESTED_OBJECTION: [{ objector: '白银某贸易有限公司', knewAt: '2026-03-01', reasons: '调解协议处分了异议人的财产' }],
  UPHOLD_OBJECTION: [{ reasons: '调解协议违反自愿原则' }],
  DISMISS_OBJECTION: [{ reasons: '异议理由不成立' }],
  REGISTER_ENFORCEMENT: [{ enforcementCaseNo: '(2026)甘0402执100号' }],
}

/** Builds an engine-shaped event; `by` is a key of ACTORS (defaults to the sample sender of the command). */
export function event(type: string, payload: Record<string, unknown> = {}, at = AT, by?: string): MachineEventBase {
  const key = by ?? DEFAULT_ACTOR[type] ?? 'system'
  return { type, at, actor: ACTORS[key] ?? ACTORS['system']!, payload }
}

/** The RECEIPT the router sends when `agencyId` received a dispatch of `dispatchKind`. */
export function receipt(dispatchKind: string, agencyId: string, at = AT): MachineEventBase {
  return event('RECEIPT', { dispatchId: `dispatch-${dispatchKind}-${agencyId}`, dispatchKind, agencyId, receivedAt: at }, at, 'system')
}

/** The `xstate.after.<timer>.<state node id>` event the engine sends when a timer fires. */
export function afterEvent(timer: string, stateNodeId: string, at = AT): MachineEventBase {
  return event(`xstate.after.${timer}.judicialConfirmation.${stateNodeId}`, {}, at, 'system')
}

export function start(input: JudicialConfirmationInput = sampleInput()) {
  return initialTransition(judicialConfirmationMachine, input)
}

export type Step = string | [string, Record<string, unknown>] | [string, Record<string, unknown>, string] | MachineEventBase

/** Sends one step: a command type (first sample payload), [type, payload, actor key?] or a whole event. */
export function send(snapshot: JudicialConfirmationSnapshot, step: Step) {
  if (typeof step === 'string') return transition(judicialConfirmationMachine, snapshot, event(step, SAMPLE_PAYLOADS[step]?.[0] ?? {}))
  if (Array.isArray(step)) return transition(judicialConfirmationMachine, snapshot, event(step[0], step[1], AT, step[2]))
  return transition(judicialConfirmationMachine, snapshot, step)
}

/** Sends a list of steps and returns the last snapshot and the actions of the last step. */
export function run(steps: Step[], input: JudicialConfirmationInput = sampleInput()) {
  let [snapshot, actions] = start(input)
  for (const step of steps) [snapshot, actions] = send(snapshot, step)
  return { snapshot, actions }
}
