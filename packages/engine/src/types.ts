import type { Actor, AppErrorDetails, ProcedureDefinition, PublicMeasure, TimerStatus, Bilingual } from '@xianjie/domain'
import type { DocumentContent, DocumentView, UploadInput } from './documents.ts'
import type { CaseReport } from './report.ts'
import type { createSupervision } from './supervision.ts'

export type Supervision = ReturnType<typeof createSupervision>

/** The engine's only clock; tests inject a simulated one. */
export interface Clock {
  now(): Date
}
export const systemClock: Clock = { now: () => new Date() }

export interface CommandInput {
  type: string
  payload: Record<string, unknown>
  /** Idempotency-Key header: a replay with the same key and body returns the first answer. */
  idempotencyKey?: string
  /** If-Match: the case version the caller saw. */
  expectedVersion?: number
}

export interface OpenInput {
  procedure: string
  payload: Record<string, unknown>
  parentCaseId?: string
  idempotencyKey?: string
}

/** What an accepted command returns (and what an idempotent replay returns again). */
export interface CommandResult {
  caseId: string
  caseNumber: string | null
  version: number
  /** DOMAIN ids of the active states after the command. */
  stateIds: string[]
  status: 'open' | 'closed'
  /** The event appended (seq = version). */
  event: { seq: number; type: string; occurredAt: string }
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  replayed: boolean
}

/**
 * A deadline as people read it (`TimerView.clock`, `TaskView.clock`), computed at read time on
 * the engine's clock: the time left counted the way the law counts the period (hours, calendar
 * days, or working days on the China calendar; month and year periods in calendar days),
 * negative once overdue. For a timer that has ended, as it stood when it ended.
 */
export interface DeadlineClock {
  unit: 'h' | 'cd' | 'wd' | 'mo' | 'y'
  dueAt: string
  remaining: { amount: number; unit: 'h' | 'cd' | 'wd' }
  /** Share of the period used: 0 at the start, 1 at the due instant, above 1 once overdue. */
  usedFraction: number
  /** `at-risk` once two thirds are used; `overdue` past the due instant (or a duty that was missed). */
  level: 'ok' | 'at-risk' | 'overdue'
  /** Statutory holidays from today to the last day (at most 15), for a running timer. */
  holidays: Array<{ date: string; name: Bilingual }>
}

export interface TimerView {
  id: string
  name: string
  title: Bilingual
  stateId: string
  ownerAgencyId: string | null
  startedAt: string
  dueAt: string
  statutoryDueAt: string | null
  provisional: boolean
  status: TimerStatus
  endedAt: string | null
  unit: string
  duration: number
  expiry: string
  source: string
  verification: string
  clock: DeadlineClock
}

export interface TaskView {
  id: string
  caseId: string
  caseNumber: string | null
  caseTitle: string
  procedure: string
  agencyId: string
  kind: string
  title: string
  stateId: string
  openedAt: string
  dueAt: string | null
  closedAt: string | null
  /** The clock of the open duty of the task's state its agency owns; null when none runs. */
  clock: DeadlineClock | null
}

export interface AllowedCommand {
  type: string
  title: Bilingual
  payload: Record<string, unknown>
  source?: string
}

export interface CaseView {
  id: string
  procedure: string
  definitionVersion: string
  caseNumber: string | null
  title: string
  jurisdiction: string
  status: 'open' | 'closed'
  version: number
  stateIds: string[]
  /** Human titles of the active states, by DOMAIN id. */
  states: Array<{ id: string; title: Bilingual; end?: string }>
  parties: Record<string, string>
  context: Record<string, unknown>
  parentCaseId: string | null
  openedAt: string
  updatedAt: string
  closedAt: string | null
  openTasks: TaskView[]
  deadlines: TimerView[]
  /** The commands this caller may send now. */
  allowedCommands: AllowedCommand[]
}

/** One case in `GET /v1/cases`: what a list shows, nothing of the case file. */
export interface CaseListItem {
  id: string
  procedure: string
  caseNumber: string | null
  title: string
  jurisdiction: string
  status: 'open' | 'closed'
  stateIds: string[]
  states: Array<{ id: string; title: Bilingual; end?: string }>
  /** The end code of a closed case (E2, N1, …), as the supervision index recorded it; null while open. */
  end: string | null
  openedAt: string
  updatedAt: string
}

export interface CaseListQuery {
  /** @default 20 */
  limit?: number
  /** `nextCursor` of the page before. */
  cursor?: string
  status?: 'open' | 'closed'
}

export interface CaseListPage {
  items: CaseListItem[]
  /** Where the next page starts; null after the last. */
  nextCursor: string | null
}

/** A procedure's statechart over DOMAIN state ids (`GET /v1/procedures/:name/chart`). */
export interface ProcedureChart {
  procedure: string
  /** The DOMAIN state a new case starts in (the first region's, for parallel regions). */
  initial: string
  states: ChartState[]
  transitions: ChartTransition[]
}

export interface ChartState {
  id: string
  title: Bilingual
  /** The DOMAIN state that contains it; null at the top. */
  parent: string | null
  type: 'atomic' | 'compound' | 'parallel' | 'final'
  /** The end code of a final state (E1, N1, …). */
  end?: string
}

export interface ChartTransition {
  from: string
  /** Target DOMAIN states; `[from]` for a step that stays in it. */
  to: string[]
  /** The command type, the timer id (`T6`) or the event type. */
  event: string
  title: Bilingual | null
  kind: 'command' | 'timer' | 'always' | 'other'
}

export interface TimelineEntry {
  /** The case the event belongs to: this one, the case it was opened from, or one opened from it. */
  case: { id: string; procedure: string; caseNumber: string | null; link: 'self' | 'parent' | 'child' }
  seq: number
  type: string
  /** Command title, or the timer's title for deadline events. */
  title: Bilingual
  actor: { userId: string; name: string | null }
  agency: { id: string; name: string | null }
  occurredAt: string
  stateBefore: string[]
  stateAfter: string[]
  /** The statute the step follows. */
  source: string | null
  /** Deadlines that ended with this event, and whether each was met. */
  deadlines: Array<{ id: string; timer: string; unit: string; duration: number; expiry: string; dueAt: string; status: TimerStatus; met: boolean | null; source: string }>
  /** Hours since the previous event. */
  sincePreviousHours: number | null
  hash: string
}

/** `GET /v1/credit-list/:creditCode`: what is public about a subject now. */
export interface CreditListView {
  creditCode: string
  subjectName: string | null
  asOf: string
  /** On a punishment list now (SAMR-44 serious-violation list, CNIPA untrustworthy finding). */
  listed: boolean
  /** The listing regimes it is on now. */
  regimes: string[]
  /** Every record in force now, penalty publicity included. */
  records: Array<{
    regime: string
    kind: 'listing' | 'publicity'
    title: Bilingual
    authority: string
    decisionNumber: string | null
    since: string
    publishedAt: string
    until: string | null
    measures: PublicMeasure[]
  }>
}

export interface VerifyResult {
  caseId: string
  ok: boolean
  events: number
  /** Seq of the first event whose hash or link is wrong. */
  brokenAt?: number
  reason?: string
}

/** One read of a case (查询留痕), newest first. `what`: case, timeline, documents, document:<id>, views. */
export interface CaseViewEntry {
  actor: { userId: string; name: string | null }
  agencyId: string
  what: string
  allowed: boolean
  at: string
}

/** A daily anchor: the heads of all cases at the end of `day` (China time), hashed together. */
export interface AnchorView {
  day: string
  cut: string
  cases: number
  root: string
  createdAt: string
}

/** Every anchor recomputed from the events: those whose root no longer matches. */
export interface AnchorsCheck {
  ok: boolean
  anchors: number
  broken: Array<{ day: string; anchored: { cases: number; root: string }; now: { cases: number; root: string } }>
}

export interface VerifyAllOptions {
  /** Cases per snapshot read. @default 500 */
  batchSize?: number
  /** Only the cases whose jurisdiction lies within this division (a supervisor's). */
  within?: string
  onProgress?: (done: { cases: number; events: number; broken: number }) => void
}

/** `verifyAll`: every case's chain; the cases whose chain is broken, each with its first broken position. */
export interface VerifyAllResult {
  ok: boolean
  cases: number
  events: number
  broken: VerifyResult[]
  ms: number
}

export interface ReplayResult {
  caseId: string
  equal: boolean
  events: number
  stored: unknown
  replayed: unknown
}

export interface ReceiptResult {
  recorded: boolean
  taskId: string | null
  /**
   * `duplicate`: this dispatch's receipt was recorded before (nothing written).
   * `state-left`: the receipt was recorded, but the case had left the state that asked for
   * the act, so no task was opened.
   */
  reason?: 'duplicate' | 'state-left'
}

/** Thrown by execute(); `code` maps to an HTTP status in the api. */
export type { AppErrorDetails }

export interface Engine {
  readonly procedures: ReadonlyMap<string, ProcedureDefinition>
  readonly clock: Clock
  openCase(input: OpenInput, actor: Actor): Promise<CommandResult>
  execute(caseId: string, command: CommandInput, actor: Actor): Promise<CommandResult>
  /** Fires one timer if it is still scheduled and due. Idempotent: returns null otherwise. */
  fireTimer(timerId: string): Promise<CommandResult | null>
  /** Fires every scheduled timer due at or before the clock's now (or `now`). Returns how many fired. */
  fireDueTimers(now?: Date): Promise<number>
  /** Router: the receiving agency got dispatch `dispatchId` (an outbox id) at `receivedAt`. Idempotent. */
  recordReceipt(dispatchId: string, receivedAt: Date): Promise<ReceiptResult>
  readCase(caseId: string, actor: Actor): Promise<CaseView>
  timeline(caseId: string, actor: Actor): Promise<TimelineEntry[]>
  /** The case report: steps, deadlines with their units and sources, time held per agency, receipts. */
  report(caseId: string, actor: Actor): Promise<CaseReport>
  /** Supervisors' reads within their jurisdiction: open duties, statistics, search, 该移不移 flags; and the duty alerts. */
  supervision: Supervision
  /** Who read the case (查询留痕), newest first; supervisors of its jurisdiction only. */
  views(caseId: string, actor: Actor, options?: { limit?: number }): Promise<CaseViewEntry[]>
  /** The public credit register for a 统一社会信用代码 (400 naming what is wrong with a bad code). */
  creditList(creditCode: string): Promise<CreditListView>
  inbox(actor: Actor, options?: { includeClosed?: boolean; limit?: number }): Promise<TaskView[]>
  /**
   * The cases the actor's agency opened or is a party to, newest first, one keyset page at a
   * time; only cases the actor may read (policy.ts). VALIDATION_FAILED for a cursor that is not one.
   */
  cases(actor: Actor, query?: CaseListQuery): Promise<CaseListPage>
  replay(caseId: string): Promise<ReplayResult>
  verify(caseId: string): Promise<VerifyResult>
  /** Every case's chain, a batch at a time; `onProgress` after each batch. */
  verifyAll(options?: VerifyAllOptions): Promise<VerifyAllResult>
  /** Anchors a China-local day that has ended (kept if it exists). */
  anchorDay(day: string): Promise<AnchorView>
  /** Anchors yesterday unless done (the scheduler calls it on each sweep). */
  anchorYesterday(): Promise<AnchorView | null>
  /** Recomputes every anchor from the events. */
  verifyAnchors(): Promise<AnchorsCheck>
  /** The case's documents: rendered by its events, or uploaded by participants. */
  documents: {
    list(caseId: string, actor: Actor): Promise<DocumentView[]>
    read(caseId: string, documentId: string, actor: Actor): Promise<DocumentContent>
    upload(caseId: string, input: UploadInput, actor: Actor): Promise<DocumentView>
  }
}
