// The contract between a workflow package (pure: xstate + this file) and the engine.
// A workflow exports one ProcedureDefinition; the engine turns its machine's actions
// into rows (events, outbox, timers, tasks) and enforces its policy.

import type { AgencyKind, Role } from './actors.ts'

/** A text in Chinese (shown first) and English. */
export type Bilingual = { zh: string; en: string }

export type TimerUnit = 'h' | 'cd' | 'wd' | 'mo' | 'y'
/** DUTY: an authority's own deadline (overdue → alert); RIGHT: a window closes; AUTO: the machine moves; GATE: earliest date a right opens. */
export type TimerExpiry = 'DUTY' | 'RIGHT' | 'AUTO' | 'GATE'
export type Verification = '✅' | '☑️' | '⚠️'
/** How a timer ended (DOMAIN.md §1.4), plus the states before it ends. */
export type TimerStatus = 'SCHEDULED' | 'MET' | 'OVERDUE_DUTY' | 'EXPIRED_RIGHT_LOST' | 'ELAPSED' | 'CANCELLED'

/**
 * One statutory time limit, as data (DOMAIN.md §5). The machine names it in an `after`
 * block (`after: { T6: … }`); the engine computes the due instant with the calendar from
 * the instant of the event that entered the state (or from `anchor`).
 */
export interface TimerRule {
  id: string
  title: Bilingual
  /** What starts it, as DOMAIN.md words it. */
  start: string
  duration: number
  unit: TimerUnit
  /** Whether a last day that falls on a holiday rolls to the next working day. */
  rollOnHoliday: boolean
  /** The party key (see ProcedureDefinition.parties) that owes the duty or holds the right. */
  owner: string
  expiry: TimerExpiry
  source: string
  verification: Verification
  /**
   * A context key holding an ISO instant to count from instead of the entering event's
   * instant (e.g. ECR extensions count from the police acceptance).
   */
  anchor?: string
  /** An hour-based period also records the statutory variant (next whole hour + N h). */
}

/** A party of a case: which agency kind fills it and how the engine finds that agency. */
export interface PartySpec {
  /** The agency kind that fills the party, or the kinds that may. */
  kind: AgencyKind | readonly AgencyKind[]
  title: Bilingual
  /**
   * `opener`: the agency of the actor who opens the case.
   * `sameDivision`: the agency of this kind in the opener's division (same-level).
   * `input`: named by the open payload, `parties.<key>` (an agency id).
   * `assigned`: named later by a command payload; the machine puts it in `context.parties`.
   */
  resolve: 'opener' | 'sameDivision' | 'input' | 'assigned'
  /** An `input` party the open payload may leave out. */
  optional?: boolean
  /**
   * `sameDivision` only: when the opener's division has no such agency, take the one of the
   * enclosing city, then province (a district bureau's joint-punishment partners sit at the city).
   */
  enclosing?: boolean
}

/** The kinds a party spec accepts. */
export function partyKinds(spec: Pick<PartySpec, 'kind'>): readonly AgencyKind[] {
  return typeof spec.kind === 'string' ? [spec.kind] : spec.kind
}

/**
 * What the engine tells a machine about an agency named in a payload or as a party, so
 * that pure guards can check competence (kind, level, division) without I/O.
 */
export interface AgencyFacts {
  id: string
  kind: AgencyKind
  division: string
  level: 'province' | 'city' | 'county'
  name: string
  /** 统一社会信用代码 of an enterprise (kind `party`), when the agency has one. */
  creditCode: string | null
}

/** The case a new case is opened from (re-mediation, a listing after a penalty). */
export interface ParentFacts {
  id: string
  procedure: string
  stateIds: string[]
  caseNumber: string | null
  /** The end code (`meta.end`) of the state a closed parent ended in, e.g. `E2`. */
  end: string | null
}

/**
 * What the engine adds to a procedure's open payload before the machine starts: the case id
 * and instant, the parties resolved, their agencies' facts, and the parent case (if any).
 */
export interface OpenedCase {
  caseId: string
  openedAt: string
  parties: Record<string, string>
  agencies: Record<string, AgencyFacts>
  parent: ParentFacts | null
}

/** Who may send a command: the actor needs one of `roles` and must belong to the case's `party`. */
export interface CommandSpec {
  type: string
  title: Bilingual
  roles: Role[]
  /**
   * Party key whose agency the actor must belong to, or several (any one will do);
   * `system` commands come from the router/scheduler.
   */
  party: string | readonly string[]
  /** JSON Schema (draft 2020-12 subset that Ajv and Fastify accept) of the command payload. */
  payload: Record<string, unknown>
  source?: string
  /**
   * Payload fields holding agency ids (a string or an array of strings). The engine checks
   * each names an agency of one of `kinds` and adds `payload.agencies[id]` (AgencyFacts)
   * before the machine sees the event.
   */
  assigns?: ReadonlyArray<{ field: string; kinds: readonly AgencyKind[] }>
  /**
   * The command gives the case its number in the acting agency's series, allocated in the
   * same transaction as the event (never reused, no gaps on a lost race): the engine adds
   * `payload.caseNumber` and stores it as the case's number. `court` style:
   * `(2026)甘0402民特15号`; `agency` style: `白市监移〔2026〕12号`.
   */
  number?: { series: string; style: 'court' | 'agency' }
}

/** The party keys a command may come from. */
export function commandParties(spec: Pick<CommandSpec, 'party'>): readonly string[] {
  return typeof spec.party === 'string' ? [spec.party] : spec.party
}

/** A document the engine renders from the case and stores with its SHA-256 (a `document` effect). */
export interface RenderedDocument {
  name: string
  mediaType: string
  text: string
}

export type DocumentRenderer = (context: any, meta: { caseId: string; caseNumber: string | null; at: string }) => RenderedDocument

/**
 * A guard that carries law: when the current state handles the command but this guard
 * refuses, the engine answers 422 RULE_REFUSED citing the rule instead of 409.
 */
export interface RuleSpec {
  id: string
  message: Bilingual
  source: string
}

export interface ProcedureDefinition {
  name: string
  version: string
  title: Bilingual
  /** The xstate machine. Typed loosely here so `domain` does not depend on xstate. */
  machine: unknown
  parties: Record<string, PartySpec>
  commands: Record<string, CommandSpec>
  timers: Record<string, TimerRule>
  /** Guard name → the rule it carries. */
  rules: Record<string, RuleSpec>
  /** JSON Schema of the input to open a case (merged with parties, caseId and openedAt by the engine). */
  openPayload: Record<string, unknown>
  /** The roles that may open a case and the party key the opener's agency fills. */
  open: { roles: Role[]; party: string }
  /**
   * The document-number series a case gets when it opens, in the agency of `party`
   * (e.g. `移` → 白市监移〔2026〕12号). Numbers are never reused.
   */
  caseNumber?: { party: string; series: string }
  /** Document kinds the machine's `document` effect may name, each rendered from the context. */
  documents?: Record<string, DocumentRenderer>
  /**
   * The cases a new case may be opened from (`parentCaseId`): the parent's procedure and
   * one of the states it must be in, and/or one of the end codes it must have ended with
   * (given both, both must hold).
   * Without it, a parent of any kind is accepted.
   */
  openFrom?: ReadonlyArray<{ procedure: string; states?: readonly string[]; ends?: readonly string[] }>
  /**
   * What the case publishes (a credit listing, a penalty's publicity), derived from the
   * context after each event. The engine keeps the public register (`credit_list`) equal to
   * it in the same statement as the event; `GET /v1/credit-list/:creditCode` reads only that.
   */
  publicRecords?: (context: any) => PublicRecord[]
  /** What supervisors search and count (the `case_index` and `case_refusals` read models). */
  supervision?: SupervisionSpec
}

/**
 * What a procedure tells supervision about its cases. The engine keeps the read models equal
 * to it in the same statement as each event (migration 0008).
 */
export interface SupervisionSpec {
  /** The subjects of the case (the suspect, the applicants, the listed enterprise): searched by name and credit code. */
  subjects?: (context: any) => Array<{ name: string; creditCode: string | null }>
  /** Facts a supervision model reads (amounts, whether it was transferred), kept as JSON. */
  summary?: (context: any) => Record<string, unknown>
  /** Commands that are refusals to count per period, with the payload field that says why. */
  refusals?: Record<string, { kind: string; title: Bilingual; why: string }>
}

/** A measure a public record carries (versioned catalogue data, with its source). */
export interface PublicMeasure {
  code: string
  zh: string
  en: string
  source: string
  verification: Verification
}

/**
 * One published record of a subject in one credit regime. Only facts fit for the public:
 * no case id, no evidence, no personal identity numbers.
 */
export interface PublicRecord {
  /** `samr-serious` (SAMR-44 list), `samr-publicity` (SAMR-45), `cnipa-credit` (CNIPA-2022). */
  regime: string
  /** `listing`: a punishment list (the subject is "listed"); `publicity`: disclosure of a penalty only. */
  kind: 'listing' | 'publicity'
  title: Bilingual
  subjectAgencyId: string
  subjectCreditCode: string
  subjectName: string
  /** The agency that decided (谁认定、谁移出). */
  authorityAgencyId: string
  decisionNumber: string | null
  /** ISO instant of the decision the record rests on. */
  decidedAt: string
  /** ISO instant it became public. */
  publishedAt: string
  /** ISO instant it ends by itself (expiry), or null when no end is known yet. */
  until: string | null
  /** ISO instant it was removed, withdrawn or stopped early; null while it stands. */
  endedAt: string | null
  endReason: 'expired' | 'repaired' | 'revoked' | 'withdrawn' | null
  measures: PublicMeasure[]
}

/**
 * Fields of a state node's `meta` the engine reads: the DOMAIN id, its titles, the end
 * state it names, and `refuses`: commands the state does not take because a rule forbids
 * them (event type → a key of `rules`), answered 422 with that rule instead of 409, even
 * when the case has closed in that state.
 */
export interface StateMetaBase {
  id: string
  title: Bilingual
  end?: string
  refuses?: Record<string, string>
}

// ---- Machine event and effect shapes -------------------------------------------------

/** Every event the engine sends a machine carries the instant and who caused it. */
export interface MachineEventBase {
  type: string
  /** ISO instant (UTC) the event occurred; the only clock a machine may read. */
  at: string
  actor: { userId: string; agencyId: string; roles: string[] }
  payload: Record<string, any>
}

/** Named effect actions a machine may declare; the engine turns them into rows. */
export interface DispatchParams {
  /** Party key of the receiving agency (or `agencyId` for a named one). */
  to: string
  agencyId?: string
  /** Document or notice kind, e.g. `transferLetter`, `nonFilingNotice`. */
  kind: string
  title: Bilingual
  /** If set, the receiver gets a task of this kind in its inbox. */
  task?: string
  /** Timer id whose due instant is the task's deadline. */
  dueTimer?: string
  /**
   * DOMAIN id of the state the task belongs to (it closes when the case leaves that state).
   * Default: the state of `dueTimer`, else the innermost active state, which in a machine
   * with parallel regions may be another region's: name it there.
   */
  state?: string
  source?: string
}

export interface AlertParams {
  /** Party key (or `supervisor`) whose queue receives the alert. */
  to: string
  timer: string
  reason: Bilingual
  source: string
}

/** Renders `ProcedureDefinition.documents[kind]` from the context after the event and stores it. */
export interface DocumentParams {
  kind: string
  title: Bilingual
}

export type EffectAction =
  | { type: 'dispatch'; params: DispatchParams }
  | { type: 'alert'; params: AlertParams }
  | { type: 'document'; params: DocumentParams }

// ---- Helpers both workflows use -------------------------------------------------------

/** A notice's receipt as a machine keeps it in its context (from the router's RECEIPT event). */
export interface Receipt {
  dispatchKind: string
  agencyId: string
  receivedAt: string
  at: string
}

export function receiptOf(event: MachineEventBase): Receipt {
  return {
    dispatchKind: String(event.payload['dispatchKind'] ?? ''),
    agencyId: String(event.payload['agencyId'] ?? ''),
    receivedAt: String(event.payload['receivedAt'] ?? event.at),
    at: event.at,
  }
}

/** `list` with `item` added unless it is already there (an overdue timer is recorded once). */
export function addOnce<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? [...list] : [...list, item]
}

const NOMINAL_UNIT_MS: Record<TimerUnit, number> = {
  h: 3_600_000,
  cd: 86_400_000,
  wd: 86_400_000,
  mo: 30 * 86_400_000,
  y: 365 * 86_400_000,
}

/** Nominal length of a timer for xstate's `delays` (only pure tests use it; the engine uses the calendar). */
export function nominalMs(rule: Pick<TimerRule, 'duration' | 'unit'>): number {
  return rule.duration * NOMINAL_UNIT_MS[rule.unit]
}

/** A machine's `delays` option: each timer id with its nominal length. */
export function delaysOf(timers: Record<string, TimerRule>): Record<string, number> {
  return Object.fromEntries(Object.values(timers).map((rule) => [rule.id, nominalMs(rule)]))
}

/**
 * Enqueues a declared effect from inside xstate's `setup`, where `enqueue` does not yet know
 * the machine's own action names.
 */
export function enqueueEffect(enqueue: unknown, action: EffectAction): void {
  const enqueueDeclared = enqueue as (action: EffectAction) => void
  enqueueDeclared(action)
}
