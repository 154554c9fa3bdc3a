// JSON Schemas of the api's bodies and answers. Response schemas are also the filter that
// keeps engine-internal fields out of the answers: a field not listed here is not sent.
import { AppError, IDENTIFIER_FORMATS, type IdentifierFormat } from '@xianjie/domain'

export const BilingualSchema = {
  $id: 'Bilingual',
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
} as const

const nullableString = { type: ['string', 'null'] } as const
const looseObject = { type: 'object', additionalProperties: true } as const

/** A case id: a UUID. */
export const CASE_ID = { type: 'string', format: 'uuid', maxLength: 36, description: 'case id' } as const
/** A document id: a positive integer as text. */
export const DOCUMENT_ID = { type: 'string', pattern: '^[1-9][0-9]{0,17}$', description: 'document id' } as const
/** An agency id as seeded: kind, division, optional number, e.g. `msa-620400`, `court.basic-620402`, `party-410305-1`. */
export const AGENCY_ID = { type: 'string', pattern: '^[a-z][a-z0-9._-]{0,99}$', maxLength: 100, description: 'agency id, e.g. msa-620400' } as const
/** A procedure name, e.g. `criminal-transfer`. */
export const PROCEDURE_NAME = { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$', description: 'e.g. criminal-transfer' } as const
/** A China-local date; `format: date` refuses 2026-02-30. */
export const LOCAL_DATE = { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a China-local date, YYYY-MM-DD' } as const
/** A GB/T 2260 division; its province part is checked by the route (`checkIdentifiers`). */
export const DIVISION = { type: 'string', pattern: '^\\d{6}$', description: 'a GB/T 2260 division inside your own (default: your own)' } as const
/** A 统一社会信用代码's shape; its check character is checked by the route (`checkIdentifiers`). */
export const CREDIT_CODE = { type: 'string', minLength: 18, maxLength: 18, description: '统一社会信用代码 (GB 32100-2015), check character verified' } as const

/** For routes that take no query parameters: any parameter is refused, not ignored. */
export const NO_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const

export const CaseIdParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: CASE_ID },
} as const

export const CommandResultSchema = {
  $id: 'CommandResult',
  type: 'object',
  required: ['caseId', 'caseNumber', 'version', 'stateIds', 'status', 'event', 'replayed'],
  properties: {
    caseId: { type: 'string', format: 'uuid' },
    caseNumber: nullableString,
    version: { type: 'integer' },
    stateIds: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: ['open', 'closed'] },
    event: {
      type: 'object',
      required: ['seq', 'type', 'occurredAt'],
      properties: { seq: { type: 'integer' }, type: { type: 'string' }, occurredAt: { type: 'string', format: 'date-time' } },
    },
    replayed: { type: 'boolean', description: 'true when this is the stored answer to an earlier request with the same Idempotency-Key' },
  },
} as const

/** A deadline as people read it (engine `DeadlineClock`), computed when the answer is made. */
export const ClockSchema = {
  $id: 'Clock',
  type: 'object',
  description: 'the time left, counted as the law counts the period: hours, calendar days or working days on the China calendar; negative once overdue',
  required: ['unit', 'dueAt', 'remaining', 'usedFraction', 'level', 'holidays'],
  properties: {
    unit: { type: 'string', enum: ['h', 'cd', 'wd', 'mo', 'y'], description: "the period's unit (mo and y count down in calendar days)" },
    dueAt: { type: 'string', format: 'date-time' },
    remaining: {
      type: 'object',
      required: ['amount', 'unit'],
      properties: { amount: { type: 'integer', description: 'negative once overdue' }, unit: { type: 'string', enum: ['h', 'cd', 'wd'] } },
    },
    usedFraction: { type: 'number', description: '0 at the start, 1 at the due instant, above 1 once overdue' },
    level: { type: 'string', enum: ['ok', 'at-risk', 'overdue'], description: 'at-risk once two thirds are used' },
    holidays: {
      type: 'array',
      description: 'statutory holidays from today to the last day (at most 15)',
      items: { type: 'object', required: ['date', 'name'], properties: { date: { type: 'string', format: 'date' }, name: { $ref: 'Bilingual#' } } },
    },
  },
} as const

const nullableClock = { anyOf: [{ $ref: 'Clock#' }, { type: 'null' }], description: "the clock of the open duty of the task's state; null when none runs" } as const

export const TaskViewSchema = {
  $id: 'TaskView',
  type: 'object',
  required: ['id', 'caseId', 'caseNumber', 'caseTitle', 'procedure', 'agencyId', 'kind', 'title', 'stateId', 'openedAt', 'dueAt', 'closedAt', 'clock'],
  properties: {
    id: { type: 'string' },
    caseId: { type: 'string' },
    caseNumber: nullableString,
    caseTitle: { type: 'string' },
    procedure: { type: 'string' },
    agencyId: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    stateId: { type: 'string' },
    openedAt: { type: 'string', format: 'date-time' },
    dueAt: nullableString,
    closedAt: nullableString,
    clock: nullableClock,
  },
} as const

const TimerStatus = { type: 'string', enum: ['SCHEDULED', 'MET', 'OVERDUE_DUTY', 'EXPIRED_RIGHT_LOST', 'ELAPSED', 'CANCELLED'] } as const

export const TimerViewSchema = {
  $id: 'TimerView',
  type: 'object',
  required: ['id', 'name', 'title', 'stateId', 'startedAt', 'dueAt', 'status', 'source', 'clock'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    title: { $ref: 'Bilingual#' },
    stateId: { type: 'string' },
    ownerAgencyId: nullableString,
    startedAt: { type: 'string', format: 'date-time' },
    dueAt: { type: 'string', format: 'date-time' },
    statutoryDueAt: nullableString,
    provisional: { type: 'boolean' },
    status: TimerStatus,
    endedAt: nullableString,
    unit: { type: 'string' },
    duration: { type: 'number' },
    expiry: { type: 'string' },
    source: { type: 'string' },
    verification: { type: 'string' },
    clock: { $ref: 'Clock#' },
  },
} as const

const StateTitles = {
  type: 'array',
  items: {
    type: 'object',
    required: ['id', 'title'],
    properties: { id: { type: 'string' }, title: { $ref: 'Bilingual#' }, end: { type: 'string' } },
  },
} as const

/** One case of `GET /v1/cases`. */
export const CaseListItemSchema = {
  $id: 'CaseListItem',
  type: 'object',
  required: ['id', 'procedure', 'caseNumber', 'title', 'jurisdiction', 'status', 'stateIds', 'states', 'end', 'openedAt', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    procedure: { type: 'string' },
    caseNumber: nullableString,
    title: { type: 'string' },
    jurisdiction: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    stateIds: { type: 'array', items: { type: 'string' } },
    states: StateTitles,
    end: { ...nullableString, description: 'the end code of a closed case (E2, N1, …); null while open' },
    openedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const

export const CaseViewSchema = {
  $id: 'CaseView',
  type: 'object',
  required: ['id', 'procedure', 'definitionVersion', 'caseNumber', 'title', 'jurisdiction', 'status', 'version', 'stateIds', 'states', 'parties', 'context', 'openedAt', 'openTasks', 'deadlines', 'allowedCommands'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    procedure: { type: 'string' },
    definitionVersion: { type: 'string' },
    caseNumber: nullableString,
    title: { type: 'string' },
    jurisdiction: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    version: { type: 'integer' },
    stateIds: { type: 'array', items: { type: 'string' } },
    states: StateTitles,
    parties: { type: 'object', additionalProperties: { type: 'string' }, description: 'party key → agency id' },
    context: { ...looseObject, description: "the machine's context (the case file's data)" },
    parentCaseId: nullableString,
    openedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    closedAt: nullableString,
    openTasks: { type: 'array', items: { $ref: 'TaskView#' } },
    deadlines: { type: 'array', items: { $ref: 'TimerView#' } },
    allowedCommands: {
      type: 'array',
      description: 'the commands this caller may send now',
      items: {
        type: 'object',
        required: ['type', 'title', 'payload'],
        properties: { type: { type: 'string' }, title: { $ref: 'Bilingual#' }, payload: { ...looseObject, description: 'JSON Schema of the payload' }, source: { type: 'string' } },
      },
    },
  },
} as const

export const TimelineEntrySchema = {
  $id: 'TimelineEntry',
  type: 'object',
  required: ['case', 'seq', 'type', 'title', 'actor', 'agency', 'occurredAt', 'stateBefore', 'stateAfter', 'source', 'deadlines', 'sincePreviousHours', 'hash'],
  properties: {
    case: {
      type: 'object',
      description: 'the case of the event: this one, the case it was opened from (parent), or a case opened from it (child)',
      required: ['id', 'procedure', 'caseNumber', 'link'],
      properties: { id: { type: 'string' }, procedure: { type: 'string' }, caseNumber: nullableString, link: { enum: ['self', 'parent', 'child'] } },
    },
    seq: { type: 'integer' },
    type: { type: 'string' },
    title: { $ref: 'Bilingual#' },
    actor: { type: 'object', required: ['userId', 'name'], properties: { userId: { type: 'string' }, name: nullableString } },
    agency: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: nullableString } },
    occurredAt: { type: 'string', format: 'date-time' },
    stateBefore: { type: 'array', items: { type: 'string' } },
    stateAfter: { type: 'array', items: { type: 'string' } },
    source: { ...nullableString, description: 'the statute the step follows' },
    deadlines: {
      type: 'array',
      description: 'deadlines that ended with this event, and whether each was met',
      items: {
        type: 'object',
        required: ['id', 'timer', 'unit', 'duration', 'expiry', 'dueAt', 'status', 'met', 'source'],
        properties: {
          id: { type: 'string' },
          timer: { type: 'string' },
          unit: { type: 'string', description: 'h, cd (calendar days), wd (working days), mo, y' },
          duration: { type: 'number' },
          expiry: { enum: ['DUTY', 'RIGHT', 'AUTO', 'GATE'] },
          dueAt: { type: 'string' },
          status: TimerStatus,
          met: { type: ['boolean', 'null'] },
          source: { type: 'string' },
        },
      },
    },
    sincePreviousHours: { type: ['number', 'null'] },
    hash: { type: 'string' },
  },
} as const

export const VerifyResultSchema = {
  type: 'object',
  required: ['caseId', 'ok', 'events'],
  properties: {
    caseId: { type: 'string' },
    ok: { type: 'boolean' },
    events: { type: 'integer' },
    brokenAt: { type: 'integer' },
    reason: { type: 'string' },
  },
} as const

export const ReplayResultSchema = {
  type: 'object',
  required: ['caseId', 'equal', 'events'],
  properties: {
    caseId: { type: 'string' },
    equal: { type: 'boolean', description: 'replaying the event log gives the stored snapshot' },
    events: { type: 'integer' },
  },
} as const

/** Shared schemas, added once with `app.addSchema` and referenced as `<$id>#`. */
export const SHARED_SCHEMAS = [BilingualSchema, ClockSchema, CommandResultSchema, TaskViewSchema, TimerViewSchema, CaseListItemSchema, CaseViewSchema, TimelineEntrySchema] as const

/** Idempotency-Key: 1–200 printable ASCII characters (IETF httpapi idempotency draft). */
export const IDEMPOTENCY_KEY = { type: 'string', pattern: '^[\\x20-\\x7E]{1,200}$', description: 'a replay with the same key and body returns the first answer' } as const
/** If-Match: the case version as a strong ETag, e.g. `"7"`, or `*`. */
export const IF_MATCH = { type: 'string', pattern: '^(\\*|"[0-9]{1,15}")$', description: 'the case version as a strong ETag, e.g. "7"' } as const

export const ETAG_HEADER = { type: 'string', description: 'the case version as a strong ETag' } as const

/**
 * Checks the Chinese identifiers among a request's parameters with the domain's checks (a
 * schema sees only their shape): `checkIdentifiers('querystring', request.query, { creditCode:
 * 'credit-code', within: 'division-code' })`. Throws one 400 naming every bad one and what is
 * wrong with it (length, a character, the check character, the province).
 */
export function checkIdentifiers(context: 'querystring' | 'params' | 'body', values: object, formats: Record<string, IdentifierFormat>): void {
  const faults: Array<{ path: string; message: string; zh: string }> = []
  for (const [field, format] of Object.entries(formats)) {
    const value = (values as Record<string, unknown>)[field]
    if (typeof value !== 'string') continue
    const problem = IDENTIFIER_FORMATS[format](value)
    if (problem) faults.push({ path: `/${context}/${field}`, message: problem.en, zh: problem.zh })
  }
  if (faults.length === 0) return
  throw new AppError('VALIDATION_FAILED', `${context} is not valid: ${faults.map((f) => `${f.path} ${f.message}`).join('; ')}`, {
    details: { fields: faults.map(({ path, message }) => ({ path, message })), messageZh: faults.map((f) => f.zh).join('；') },
  })
}
