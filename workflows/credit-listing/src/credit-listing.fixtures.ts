// Test support: demo agencies (as the seed names them), sample inputs, sample command payloads
// and helpers that build MachineEventBase events the way the engine does (including the
// facts it adds for `assigns`).

import { initialTransition, transition } from 'xstate'
import { creditCodeCheckChar, type AgencyFacts, type MachineEventBase } from '@xianjie/domain'

import { creditListingMachine } from './credit-listing.machine.ts'
import type { CreditListingInput, PenaltyInput } from './credit-listing.types.ts'

export type CreditListingSnapshot = ReturnType<typeof creditListingMachine.resolveState>
export type ExecutableAction = ReturnType<typeof transition>[1][number]

/** The penalty was decided on 2026-03-02; the events of a sample case happen on 2026-03-10 10:00 China time. */
export const PENALTY_DATE = '2026-03-02'
export const OPENED_AT = '2026-03-02T02:00:00.000Z'
export const AT = '2026-03-10T02:00:00.000Z'
/** An instant at a China-time wall clock. */
export const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString()
/** Late enough for every time gate of a sample listed on AT (1 year; publicity 6 months / 1 year; CNIPA 6 months). */
export const LATER = china('2027-06-01')

/** A valid 统一社会信用代码 of a demo enterprise, as the seed makes it. */
export function demoCreditCode(division: string, n: number): string {
  const first17 = `91${division}MA${String(n).padStart(7, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

function facts(id: string, kind: AgencyFacts['kind'], division: string, level: AgencyFacts['level'], name: string, creditCode: string | null = null): AgencyFacts {
  return { id, kind, division, level, name, creditCode }
}

/** Demo agencies (白银, 洛阳, 杭州, and a provincial bureau), as the engine would resolve them. */
export const AGENCIES: Record<string, AgencyFacts> = Object.fromEntries(
  [
    facts('msa-620400', 'msa', '620400', 'city', '白银市市场监督管理局'),
    facts('msa-620000', 'msa', '620000', 'province', '甘肃省市场监督管理局'),
    facts('msa-410300', 'msa', '410300', 'city', '洛阳市市场监督管理局'),
    facts('msa-410305', 'msa', '410305', 'county', '洛阳市涧西区市场监督管理局'),
    facts('msa-330100', 'msa', '330100', 'city', '杭州市市场监督管理局'),
    facts('party-620402-1', 'party', '620402', 'county', '白银甲科技有限公司', demoCreditCode('620402', 1)),
    facts('party-410305-1', 'party', '410305', 'county', '洛阳甲科技有限公司', demoCreditCode('410305', 1)),
    facts('partner.ndrc-620400', 'partner.ndrc', '620400', 'city', '白银市发展和改革委员会（社会信用体系建设办公室）'),
    facts('partner.pbc-620400', 'partner.pbc', '620400', 'city', '中国人民银行白银市分行'),
    facts('partner.tax-620400', 'partner.tax', '620400', 'city', '国家税务总局白银市税务局'),
    facts('partner.customs-620400', 'partner.customs', '620400', 'city', '白银市海关'),
  ].map((agency) => [agency.id, agency]),
)

const actor = (agencyId: string, role: string): MachineEventBase['actor'] => ({ userId: `${agencyId}.${role}`, agencyId, roles: [role] })

export const ACTORS: Record<string, MachineEventBase['actor']> = {
  officer: actor('msa-620400', 'msa.officer'),
  credit: actor('msa-620400', 'msa.credit'),
  head: actor('msa-620400', 'msa.head'),
  subject: actor('party-620402-1', 'party'),
  luoyangSubject: actor('party-410305-1', 'party'),
  luoyangBureau: actor('msa-410300', 'msa.credit'),
  provinceHead: actor('msa-620000', 'msa.head'),
  system: { userId: 'system', agencyId: 'system', roles: ['system'] },
}

/** Who sends each command in the sample case. */
const DEFAULT_ACTOR: Record<string, string> = {
  ASSESS_CRITERIA: 'officer',
  GIVE_PRIOR_NOTICE: 'officer',
  SUBMIT_STATEMENT: 'subject',
  REQUEST_HEARING: 'subject',
  WAIVE_RIGHTS: 'subject',
  SCHEDULE_HEARING: 'officer',
  HOLD_HEARING: 'officer',
  DECIDE_LISTING: 'head',
  PUSH_LISTING: 'credit',
  PUBLISH_LISTING: 'credit',
  APPLY_EARLY_REMOVAL: 'subject',
  ACCEPT_REPAIR: 'credit',
  REFUSE_REPAIR: 'credit',
  GRANT_REPAIR: 'head',
  REMOVE_LISTING: 'credit',
  RECORD_REMOVAL: 'credit',
  PENALTY_REVOKED: 'officer',
  REVOKE_LISTING: 'head',
  APPLY_RECONSIDERATION: 'subject',
  FILE_SUIT: 'subject',
  REMEDY_OUTCOME: 'officer',
  PUSH_PENALTY_INFO: 'credit',
  PUBLISH_PENALTY_INFO: 'credit',
  APPLY_PUBLICITY_REPAIR: 'subject',
  DECIDE_PUBLICITY_REPAIR: 'credit',
  WITHDRAW_PENALTY_INFO: 'credit',
  GIVE_CNIPA_NOTICE: 'officer',
  SUBMIT_CNIPA_STATEMENT: 'subject',
  DECIDE_CNIPA_FINDING: 'head',
  REPEAT_FINDING: 'officer',
  APPLY_CNIPA_REPAIR: 'subject',
  DECIDE_CNIPA_REPAIR: 'credit',
  REVOKE_CNIPA_FINDING: 'officer',
}

/** Commands whose sample instant is later than AT, past the time gates they meet. */
const DEFAULT_AT: Record<string, string> = {
  APPLY_EARLY_REMOVAL: LATER,
  APPLY_PUBLICITY_REPAIR: LATER,
  APPLY_CNIPA_REPAIR: LATER,
}

/** The facts the engine adds to a payload for the agency ids of an `assigns` field. */
export function agenciesFor(...ids: string[]): Record<string, AgencyFacts> {
  return Object.fromEntries(ids.filter((id) => AGENCIES[id] !== undefined).map((id) => [id, AGENCIES[id]!]))
}

export const SAMPLE_PENALTY: PenaltyInput = {
  decisionNumber: '白市监处罚〔2026〕31号',
  decidedAt: PENALTY_DATE,
  procedure: 'ordinary',
  types: ['fine', 'confiscation'],
  heavierFine: true,
  lowAmountFine: false,
  fineAmount: 250_000,
  confiscatedAmount: 36_000,
  field: 'general',
  violation: { article: 9, item: 'ipInfringement' },
  summary: '当事人明知他人注册商标，仍大量生产、销售假冒该注册商标的电动工具，货值金额八十余万元。',
}

const PARTNERS = {
  partnerNdrc: 'partner.ndrc-620400',
  partnerPbc: 'partner.pbc-620400',
  partnerTax: 'partner.tax-620400',
  partnerCustoms: 'partner.customs-620400',
}

/** A 白银 penalty for intentional trademark infringement; all three regimes may run (CNIPA only with `cnipa`). */
export function sampleInput(overrides: Partial<CreditListingInput> = {}, penalty: Partial<PenaltyInput> = {}): CreditListingInput {
  const parties = overrides.parties ?? { bureau: 'msa-620400', subject: 'party-620402-1', ...PARTNERS }
  return {
    caseId: '00000000-0000-4000-8000-000000000301',
    openedAt: OPENED_AT,
    parties,
    agencies: agenciesFor(...Object.values(parties)),
    parent: null,
    title: '白银甲科技有限公司故意侵犯注册商标专用权列入严重违法失信名单',
    penalty: { ...SAMPLE_PENALTY, ...penalty },
    ...overrides,
  }
}

/** The subject is registered in 洛阳 (河南): the bureau of 白银 (甘肃) pushes to the registration bureau. */
export function crossProvinceInput(overrides: Partial<CreditListingInput> = {}, penalty: Partial<PenaltyInput> = {}): CreditListingInput {
  const parties = { bureau: 'msa-620400', subject: 'party-410305-1', ...PARTNERS }
  return sampleInput({ parties, ...overrides }, penalty)
}

/** Region A only: a simplified-procedure penalty is not published (SAMR-45 art. 2) and no CNIPA conduct. */
export const SERIOUS_ONLY: Partial<PenaltyInput> = { procedure: 'simplified' }

export const SAMPLE_FACTORS = { malice: '收到权利人警告函后继续生产', frequency: '两年内第二次因商标侵权受罚', goodsValue: '货值金额八十余万元' }
export const APPROVAL = { authority: '甘肃省市场监督管理局', reference: '甘市监信批〔2026〕8号', approvedAt: '2026-03-09' }

/** One or more valid payloads per command (variants exercise guarded branches). */
export const SAMPLE_PAYLOADS: Record<string, Array<Record<string, unknown>>> = {
  ASSESS_CRITERIA: [
    { factors: SAMPLE_FACTORS, seriousCircumstances: true, noIntentEvidence: false, reasons: '故意侵犯知识产权，从重处罚，情节严重' },
    { factors: SAMPLE_FACTORS, seriousCircumstances: true, noIntentEvidence: true, reasons: '当事人有证据足以证明没有主观故意' },
  ],
  GIVE_PRIOR_NOTICE: [{}],
  SUBMIT_STATEMENT: [{ statement: '当事人承认违法事实，已停止生产并召回侵权产品，请求从轻处理。' }],
  REQUEST_HEARING: [{ reasons: '对列入名单有异议' }],
  WAIVE_RIGHTS: [{ declaration: '本企业明确放弃陈述、申辩和听证的权利' }],
  SCHEDULE_HEARING: [
    { hearingAt: '2026-03-24T02:00:00.000Z', place: '白银市市场监督管理局听证室', presidingOfficer: '法制科 王某', investigators: ['执法一科 张某', '执法一科 李某'] },
    { hearingAt: '2026-03-24T02:00:00.000Z', place: '白银市市场监督管理局听证室', presidingOfficer: '执法一科 张某', investigators: ['执法一科 张某', '执法一科 李某'] },
  ],
  HOLD_HEARING: [
    { record: '当事人到场陈述、申辩，听证笔录经其签字', attended: true },
    { record: '当事人因病未到场，已提交医院证明', attended: false, goodReason: true },
  ],
  DECIDE_LISTING: [
    { list: true, reasons: '符合列入严重违法失信名单的条件', upperLevelApproval: APPROVAL },
    { list: false, reasons: '经听证，当事人积极整改，决定不予列入' },
    { list: true, reasons: '符合列入严重违法失信名单的条件' },
  ],
  PUSH_LISTING: [{ registrationBureau: 'msa-410300', agencies: agenciesFor('msa-410300') }],
  PUBLISH_LISTING: [{}],
  APPLY_EARLY_REMOVAL: [
    {
      performed: true,
      harmEliminated: true,
      noFurtherHeavierPenalty: true,
      commitment: '本企业承诺今后严格遵守知识产权法律法规，如有违反自愿接受惩戒。',
      materials: ['信用修复申请书', '守信承诺书', '罚没款缴纳凭证'],
    },
  ],
  ACCEPT_REPAIR: [{}],
  REFUSE_REPAIR: [{ reasons: '申请材料不齐全，未提交罚没款缴纳凭证' }],
  GRANT_REPAIR: [{ reasons: '经核实，当事人符合提前移出的条件' }],
  REMOVE_LISTING: [{}],
  RECORD_REMOVAL: [{}],
  PENALTY_REVOKED: [{ ground: 'revoked', by: '甘肃省市场监督管理局', reference: '甘市监复决〔2026〕5号', date: '2026-03-09' }],
  REVOKE_LISTING: [{ reasons: '行政处罚决定已被撤销' }],
  APPLY_RECONSIDERATION: [{ body: '甘肃省市场监督管理局', reasons: '不服列入决定' }],
  FILE_SUIT: [{ body: '白银市白银区人民法院', reasons: '不服列入决定' }],
  REMEDY_OUTCOME: [
    { forum: 'reconsideration', outcome: 'upheld', reference: '甘市监复决〔2026〕9号' },
    { forum: 'reconsideration', outcome: 'revoked', reference: '甘市监复决〔2026〕10号' },
    { forum: 'litigation', outcome: 'upheld', reference: '(2026)甘0402行初15号' },
    { forum: 'litigation', outcome: 'revoked', reference: '(2026)甘0402行初16号' },
  ],
  PUSH_PENALTY_INFO: [{ registrationBureau: 'msa-410300', agencies: agenciesFor('msa-410300') }],
  PUBLISH_PENALTY_INFO: [{}],
  APPLY_PUBLICITY_REPAIR: [{ performed: true, harmEliminated: true, noRepeatSameKind: true, commitment: '本企业承诺守法经营' }],
  DECIDE_PUBLICITY_REPAIR: [
    { grant: true, reasons: '符合提前停止公示的条件' },
    { grant: false, reasons: '未消除不良影响' },
  ],
  WITHDRAW_PENALTY_INFO: [{ reasons: '行政处罚决定已被复议机关撤销' }],
  GIVE_CNIPA_NOTICE: [{ facts: '当事人提交非正常专利申请三十余件' }],
  SUBMIT_CNIPA_STATEMENT: [{ statement: '已撤回全部申请' }],
  DECIDE_CNIPA_FINDING: [
    { untrustworthy: true, correctedPromptly: false, reasons: '非正常专利申请情节严重', decisionNumber: '甘知信认〔2026〕3号' },
    { untrustworthy: true, correctedPromptly: true, reasons: '当事人及时纠正并主动消除后果' },
    { untrustworthy: false, reasons: '证据不足' },
  ],
  REPEAT_FINDING: [{ reasons: '一年内再次提交非正常专利申请' }],
  APPLY_CNIPA_REPAIR: [{ corrected: true, performed: true, effectsEliminated: true }],
  DECIDE_CNIPA_REPAIR: [
    { grant: true, reasons: '符合信用修复条件' },
    { grant: false, reasons: '不良影响尚未消除' },
  ],
  REVOKE_CNIPA_FINDING: [{ reasons: '认定依据的事实有误' }],
}

/** Builds an engine-shaped event; `by` is a key of ACTORS (defaults to the sample sender of the command). */
export function event(type: string, payload: Record<string, unknown> = {}, at?: string, by?: string): MachineEventBase {
  const key = by ?? DEFAULT_ACTOR[type] ?? 'system'
  return { type, at: at ?? DEFAULT_AT[type] ?? AT, actor: ACTORS[key] ?? ACTORS['system']!, payload }
}

/** The RECEIPT the router sends when `agencyId` received a dispatch of `dispatchKind`. */
export function receipt(dispatchKind: string, agencyId = 'party-620402-1', at = AT): MachineEventBase {
  return event('RECEIPT', { dispatchId: `dispatch-${dispatchKind}-${agencyId}`, dispatchKind, agencyId, receivedAt: at }, at, 'system')
}

/** The `xstate.after.<timer>.<state node id>` event the engine sends when a timer fires (at its due instant). */
export function afterEvent(timer: string, stateNodeId: string, at = AT): MachineEventBase {
  return event(`xstate.after.${timer}.creditListing.${stateNodeId}`, {}, at, 'system')
}

export function start(input: CreditListingInput = sampleInput()) {
  return initialTransition(creditListingMachine, input)
}

export type Step = string | [string, Record<string, unknown>] | [string, Record<string, unknown>, string] | MachineEventBase

/** Sends one step: a command type (first sample payload), [type, payload, actor key?] or a whole event. */
export function send(snapshot: CreditListingSnapshot, step: Step) {
  if (typeof step === 'string') return transition(creditListingMachine, snapshot, event(step, SAMPLE_PAYLOADS[step]?.[0] ?? {}))
  if (Array.isArray(step)) return transition(creditListingMachine, snapshot, event(step[0], step[1], undefined, step[2]))
  return transition(creditListingMachine, snapshot, step)
}

/** Sends a list of steps and returns the last snapshot and the actions of the last step. */
export function run(steps: Step[], input: CreditListingInput = sampleInput()) {
  let [snapshot, actions] = start(input)
  for (const step of steps) [snapshot, actions] = send(snapshot, step)
  return { snapshot, actions }
}

// ---- Common paths ---------------------------------------------------------------------

/** Notice given and received: the 5-working-day window runs. */
export const TO_WINDOW: Step[] = ['ASSESS_CRITERIA', 'GIVE_PRIOR_NOTICE', receipt('priorNotice')]
/** The subject waived its rights: the head may decide. */
export const TO_DECISION: Step[] = [...TO_WINDOW, 'WAIVE_RIGHTS']
/** Listed on AT (the decision) and its receipt by the subject. */
export const TO_LISTED_UNPUBLISHED: Step[] = [...TO_DECISION, 'DECIDE_LISTING', receipt('listingDecision')]
/** Listed and published (same province). */
export const TO_LISTED: Step[] = [...TO_LISTED_UNPUBLISHED, 'PUBLISH_LISTING']
