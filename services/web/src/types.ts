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
