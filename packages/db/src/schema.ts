import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string, Date | string>
type Json<T = unknown> = ColumnType<T, string | T, string | T>

export interface AgencyTable {
  id: string
  kind: string
  division_code: string
  name: string
  name_en: string
  /** Short name used in document numbers, e.g. 白市监. */
  abbr: string
  level: 'province' | 'city' | 'county'
  /** 统一社会信用代码 of an agency of kind `party` that is an enterprise. */
  credit_code: ColumnType<string | null, string | null | undefined, string | null>
}

export interface UserTable {
  id: string
  agency_id: string
  name: string
  roles: Json<string[]>
  /** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`; null → no password sign-in (migration 0009). */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>
  /** Set → the user can neither sign in nor use a token (migration 0009). */
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

/** One refresh token (only its SHA-256 is kept), in the family of one sign-in (migration 0009). */
export interface RefreshTokenTable {
  id: string
  user_id: string
  family: string
  token_hash: Buffer
  issued_at: Timestamp
  expires_at: Timestamp
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  replaced_by: ColumnType<string | null, string | null | undefined, string | null>
}

/** An agency's read-only API key `xjk_<id>_<secret>` (only the secret's SHA-256 is kept; migration 0009). */
export interface ApiKeyTable {
  id: string
  agency_id: string
  secret_hash: Buffer
  label: string
  created_at: Generated<Date>
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface CaseTable {
  id: string
  procedure: string
  definition_version: string
  /** GB/T 2260 code of the case's jurisdiction (the opening agency's division). */
  jurisdiction: string
  status: 'open' | 'closed'
  /** DOMAIN.md ids of the active states, e.g. {F5} or {S6,F7}. */
  state_ids: string[]
  snapshot: Json<Record<string, unknown>>
  version: number
  parent_case_id: string | null
  /** party key → agency id */
  parties: Json<Record<string, string>>
  title: string
  case_number: string | null
  /** Hash of the newest event: the head of the chain. */
  head_hash: string
  opened_by: string
  opened_at: Timestamp
  updated_at: Timestamp
  closed_at: Timestamp | null
}

export interface CaseEventTable {
  case_id: string
  seq: number
  type: string
  actor_id: string
  agency_id: string
  /** The machine event's payload exactly as the machine received it. */
  payload: Json<Record<string, unknown>>
  /** What the engine derived: timers started/ended, dispatches, alerts, the open input. */
  facts: Json<Record<string, unknown>>
  occurred_at: Timestamp
  /** DOMAIN ids active before and after this event. */
  state_before: string[]
  state_after: string[]
  prev_hash: string
  hash: string
  /** When the database took the event (migration 0007); the daily anchors cut on it. */
  recorded_at: Generated<Date>
}

export interface OutboxTable {
  id: Generated<string>
  case_id: string
  seq: number
  /** BullMQ queue name, e.g. agency.police-620400, timers, notify. */
  queue: string
  job_name: string
  payload: Json<Record<string, unknown>>
  created_at: Generated<Timestamp>
  published_at: Timestamp | null
  attempts: Generated<number>
}

export interface TaskTable {
  id: Generated<string>
  case_id: string
  agency_id: string
  kind: string
  title: string
  /** DOMAIN id of the state that opened it; the task closes when the case leaves it. */
  state_id: string
  dispatch_id: string
  opened_at: Timestamp
  due_at: Timestamp | null
  closed_at: Timestamp | null
  closed_by_seq: number | null
}

export interface TimerTable {
  /** `<caseId>.<timer>.<seq>`: also the BullMQ job id. */
  id: string
  case_id: string
  name: string
  /** The xstate delayed-event id (`xstate.after.T6.…`), sent back when it fires. */
  send_id: string
  state_id: string
  owner_agency_id: string | null
  started_seq: number
  started_at: Timestamp
  due_at: Timestamp
  statutory_due_at: Timestamp | null
  provisional: boolean
  status: 'SCHEDULED' | 'MET' | 'OVERDUE_DUTY' | 'EXPIRED_RIGHT_LOST' | 'ELAPSED' | 'CANCELLED'
  ended_at: Timestamp | null
  ended_seq: number | null
  /** The rule as it applied (unit, duration, expiry, source, verification). */
  rule: Json<Record<string, unknown>>
  /** Copied from the case when the timer starts (migration 0008). */
  jurisdiction: Generated<string | null>
  procedure: Generated<string | null>
  /** `rule.expiry`, stored. */
  expiry: Generated<string | null>
  /** Two thirds of the time used. */
  at_risk_at: Generated<Date | null>
  /** When the step was left: the deadline met, or the state of an overdue duty left. */
  done_at: Generated<Date | null>
  at_risk_alerted_at: Generated<Date | null>
  overdue_alerted_at: Generated<Date | null>
}

export interface CommandTable {
  actor_id: string
  idempotency_key: string
  case_id: string | null
  request_hash: string
  status_code: number
  response: Json<Record<string, unknown>>
  created_at: Generated<Timestamp>
}

export interface DocumentTable {
  id: Generated<string>
  case_id: string
  kind: string
  name: string
  sha256: string
  size: number
  media_type: string
  /** Written with the bytes; the 0010 trigger moves them to `document_blobs` and stores null. */
  content: ColumnType<Buffer | null, Buffer | null | undefined, never>
  /** The event that produced a rendered document; null for an upload. */
  seq: ColumnType<number | null, number | null | undefined, number | null>
  uploaded_by: string
  uploaded_at: Generated<Timestamp>
}

/** The bytes of documents, once per content: keyed by their SHA-256 (migration 0010). */
export interface DocumentBlobTable {
  sha256: string
  size: number
  content: Buffer
  stored_at: Generated<Timestamp>
}

export interface CaseNumberTable {
  agency_id: string
  year: number
  series: string
  last: number
}

export interface Database {
  agencies: AgencyTable
  users: UserTable
  cases: CaseTable
  case_events: CaseEventTable
  outbox: OutboxTable
  tasks: TaskTable
  timers: TimerTable
  commands: CommandTable
  documents: DocumentTable
  document_blobs: DocumentBlobTable
  case_numbers: CaseNumberTable
  credit_list: CreditListTable
  case_views: CaseViewLogTable
  anchors: AnchorTable
  case_index: CaseIndexTable
  case_parties: CasePartyTable
  case_refusals: CaseRefusalTable
  refresh_tokens: RefreshTokenTable
  api_keys: ApiKeyTable
}

/** The agencies of each case (migration 0012), for an agency's cases newest first. */
export interface CasePartyTable {
  agency_id: string
  case_id: string
  opened_at: Date
}

/** Supervision read model (migration 0008): one row per case. */
export interface CaseIndexTable {
  case_id: string
  procedure: string
  jurisdiction: string
  opening_agency_id: string
  opened_at: Date
  closed_at: Date | null
  end_code: string | null
  subject_names: string
  subject_codes: string[]
  summary: Json<Record<string, unknown>>
}

/** A refusal a procedure declares (SupervisionSpec.refusals), with its reasons (migration 0008). */
export interface CaseRefusalTable {
  case_id: string
  seq: number
  procedure: string
  jurisdiction: string
  agency_id: string
  kind: string
  reasons: string
  at: Date
}

/** Daily anchors (migration 0007): the heads of all cases at the end of a day, hashed together. */
export interface AnchorTable {
  day: string
  cut: Date
  cases: number
  root: string
  created_at: Date
}

/** 查询留痕 (migration 0006): every read of a case, allowed or refused. */
export interface CaseViewLogTable {
  id: Generated<string>
  case_id: string
  actor_id: string
  agency_id: string
  what: string
  allowed: boolean
  at: Date
}

/** The public credit register (migration 0005): what a case publishes, one row per regime. */
export interface CreditListTable {
  case_id: string
  regime: string
  kind: 'listing' | 'publicity'
  subject_credit_code: string
  subject_agency_id: string
  subject_name: string
  authority_agency_id: string
  title: Json
  decision_number: string | null
  decided_at: Date
  published_at: Date
  until: Date | null
  ended_at: Date | null
  end_reason: 'expired' | 'repaired' | 'revoked' | 'withdrawn' | null
  measures: Json
  seq: number
}

export type AgencyRow = Selectable<AgencyTable>
export type UserRow = Selectable<UserTable>
export type CaseRow = Selectable<CaseTable>
export type NewCaseRow = Insertable<CaseTable>
export type CaseUpdate = Updateable<CaseTable>
export type CaseEventRow = Selectable<CaseEventTable>
export type NewCaseEventRow = Insertable<CaseEventTable>
export type OutboxRow = Selectable<OutboxTable>
export type TaskRow = Selectable<TaskTable>
export type TimerRow = Selectable<TimerTable>
export type NewTimerRow = Insertable<TimerTable>
export type CommandRow = Selectable<CommandTable>
