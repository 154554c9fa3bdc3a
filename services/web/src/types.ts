// Shapes of the API's answers the pages read. Mirrors services/api and packages/engine; kept
// here (not imported) because the web bundle must not pull server packages in.

export type Bilingual = { zh: string; en: string }

export interface Me {
  userId: string
  name: string
  agencyId: string
  agencyName: string
  division: string
  roles: string[]
}

export interface Clock {
  unit: 'h' | 'cd' | 'wd' | 'mo' | 'y'
  dueAt: string
  remaining: { amount: number; unit: 'h' | 'cd' | 'wd' }
  usedFraction: number
  level: 'ok' | 'at-risk' | 'overdue'
  holidays: Array<{ date: string; name: Bilingual }>
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
  clock?: Clock | null
}

export interface CaseSummary {
  id: string
  procedure: string
  caseNumber: string | null
  title: string
  jurisdiction: string
  status: 'open' | 'closed'
  stateIds: string[]
  states: Array<{ id: string; title: Bilingual; end?: string }>
  /** A listed case's end code (E2, …); lists only, null while open. */
  end?: string | null
  openedAt: string
  updatedAt: string
}

export interface AllowedCommand {
  type: string
  title: Bilingual
  payload: Record<string, unknown>
  source?: string
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
  status: string
  endedAt: string | null
  unit: string
  duration: number
  expiry: string
  source: string
  verification: string
  clock?: Clock
}

export interface CaseView extends CaseSummary {
  definitionVersion: string
  version: number
  parties: Record<string, string>
  context: Record<string, unknown>
  parentCaseId: string | null
  closedAt: string | null
  openTasks: TaskView[]
  deadlines: TimerView[]
  allowedCommands: AllowedCommand[]
}

/** A JSON Schema object as the API publishes it (draft 2020-12 subset). */
export type JSONSchema = Record<string, unknown>

// The supervisor's dashboard (GET /v1/supervision/overdue, statistics, search, transfer-flags)
// and the public credit register (GET /v1/credit-list/:creditCode).

export interface OverdueItem {
  caseId: string
  caseNumber: string | null
  procedure: string
  title: string
  timer: string
  timerTitle: Bilingual
  stateId: string
  holder: { agencyId: string | null; name: string | null }
  startedAt: string
  dueAt: string
  atRiskAt: string
  status: 'at-risk' | 'overdue'
  used: number
  unit: string
  duration: number
  source: string
  /** Time left or past, counted as the law counts the period. */
  clock: Clock
}

export interface Statistics {
  within: string
  /** Names of the agencies the figures name, by id. */
  agencies: Record<string, Bilingual>
  opened: Array<{ procedure: string; agencyId: string; count: number }>
  closed: Array<{ procedure: string; agencyId: string; end: string | null; count: number; medianDays: number | null; p90Days: number | null }>
  steps: Array<{
    procedure: string; timer: string; title: Bilingual; agencyId: string | null; expiry: string; count: number
    medianDays: number | null; p90Days: number | null; meanDays: number | null
    duties: { met: number; overdue: number; share: number | null } | null
  }>
  deadlinesMet: { met: number; overdue: number; share: number | null }
  refusals: Array<{ procedure: string; kind: string; title: Bilingual; agencyId: string; count: number }>
}

export interface SearchItem {
  caseId: string
  caseNumber: string | null
  procedure: string
  title: string
  jurisdiction: string
  status: string
  stateIds: string[]
  end: string | null
  subjects: string
  openedAt: string
  closedAt: string | null
  overdue: boolean
}

export interface TransferFlag {
  caseId: string
  caseNumber: string | null
  title: string
  agencyId: string
  closedAt: string | null
  offence: string
  amounts: { illegalBusinessVolume: number | null; illegalGains: number | null }
  penalty: { decisionNo: string | null; fineAmount: number | null }
  threshold: { id: string; source: string }
  met: string[]
  supervisionCaseId: string | null
}

export interface CreditRecord {
  regime: string
  kind: 'listing' | 'publicity'
  title: Bilingual
  authority: string
  decisionNumber: string | null
  since: string
  publishedAt: string
  until: string | null
  measures: Array<{ code: string; zh: string; en: string; source: string; verification: string }>
}

export interface CreditListView {
  creditCode: string
  subjectName: string | null
  asOf: string
  listed: boolean
  regimes: string[]
  records: CreditRecord[]
}
