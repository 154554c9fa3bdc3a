/**
 * The codes of expected failures. They are the API contract: the api maps each to an HTTP
 * status in one place (see services/api), and clients may switch on them.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED' // 400: the request does not match its schema
  | 'UNKNOWN_COMMAND' // 400: the procedure has no such command
  | 'UNKNOWN_PROCEDURE' // 400
  | 'UNAUTHENTICATED' // 401
  | 'FORBIDDEN' // 403: role, agency or jurisdiction does not allow it
  | 'NOT_FOUND' // 404
  | 'CASE_NOT_FOUND' // 404
  | 'WRONG_STATE' // 409: the command is not accepted in the case's current state
  | 'CONFLICT' // 409: a concurrent change won; retry
  | 'IDEMPOTENCY_KEY_REUSED' // 422: the same Idempotency-Key was sent with another body
  | 'RULE_REFUSED' // 422: a legal rule refused it (rule and source named)
  | 'STALE_VERSION' // 412: If-Match does not match the case version
  | 'DEPENDENCY_DOWN' // 503
  | 'PAYLOAD_TOO_LARGE' // 413: a body or an uploaded file over its limit
  | 'UNSUPPORTED_MEDIA_TYPE' // 415: a media type not accepted, or content that is not what it claims

export interface AppErrorDetails {
  /** For RULE_REFUSED: the rule's id, e.g. `R310-art9-reconsideration-window`. */
  rule?: string
  /** For RULE_REFUSED: the legal source, e.g. `R310 art. 9; PSP art. 181`. */
  source?: string
  /** Chinese text for people (the UI shows it first). */
  messageZh?: string
  /** For VALIDATION_FAILED: the fields at fault. */
  fields?: Array<{ path: string; message: string }>
  [key: string]: unknown
}

/** The one class for expected failures. Messages are lower case and name the id. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: AppErrorDetails
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: AppErrorDetails } = {}) {
    super(message, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.details = options.details ?? {}
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`)
}

/** Coerces anything thrown into an Error, keeping the original as `cause`. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value
  return new Error(typeof value === 'string' ? value : JSON.stringify(value), { cause: value })
}
