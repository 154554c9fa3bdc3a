// Shapes of the case page's API answers beyond src/types.ts: the timeline, the statechart,
// documents, the report and the chain check. Mirrors packages/engine (types.ts, report.ts,
// documents.ts) and the chart route; kept here so the bundle pulls in no server package.
import type { Bilingual } from '../types.ts'

export interface TimelineDeadline {
  id: string
  timer: string
  unit: string
  duration: number
  expiry: string
  dueAt: string
  status: string
  /** true met, false missed (overdue duty or lost right), null neither (elapsed, cancelled). */
  met: boolean | null
  source: string
}

export interface TimelineEntry {
  case: { id: string; procedure: string; caseNumber: string | null; link: 'self' | 'parent' | 'child' }
  seq: number
  type: string
  title: Bilingual
  actor: { userId: string; name: string | null }
  agency: { id: string; name: string | null }
  occurredAt: string
  stateBefore: string[]
  stateAfter: string[]
  source: string | null
  deadlines: TimelineDeadline[]
  sincePreviousHours: number | null
  hash: string
}

export interface ChartState {
  id: string
  title: Bilingual
  parent: string | null
  type: 'atomic' | 'compound' | 'parallel' | 'final'
  end?: string
}

export interface ChartTransition {
  from: string
  to: string[]
  event: string
  title: Bilingual | null
  kind: 'command' | 'timer' | 'always' | 'other'
}

/** `GET /v1/procedures/:name/chart`. */
export interface Chart {
  procedure: string
  initial: string
  states: ChartState[]
  transitions: ChartTransition[]
}

export interface DocumentView {
  id: string
  caseId: string
  kind: string
  name: string
  mediaType: string
  sha256: string
  size: number
  /** The event that rendered it; null for an upload. */
  seq: number | null
  uploadedBy: string
  uploadedAt: string
}

/** One dispatch between agencies and when the receiving agency got it (report.receipts). */
export interface ReceiptView {
  dispatchId: string
  kind: string
  title: Bilingual
  to: { agencyId: string; name: string | null }
  sentAt: string
  receivedAt: string | null
  hours: number | null
}

/** The parts of `GET /v1/cases/:id/report` the page reads. */
export interface CaseReport {
  receipts: ReceiptView[]
  holdings: Array<{ agencyId: string; name: string | null; hours: number }>
}

export interface VerifyResult {
  caseId: string
  ok: boolean
  events: number
  brokenAt?: number
  reason?: string
}

/** What `POST /v1/cases/:id/commands` answers. */
export interface CommandResult {
  caseId: string
  version: number
  stateIds: string[]
  status: 'open' | 'closed'
  event: { seq: number; type: string; occurredAt: string }
  replayed: boolean
}
