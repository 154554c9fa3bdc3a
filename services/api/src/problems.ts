// RFC 9457 problem details: the one table that maps every error code to an HTTP status,
// the shared problem schema, and the fastify error and not-found handlers.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { isAppError, type AppErrorDetails, type ErrorCode } from '@xianjie/domain'

/** Codes the api adds for failures of its own. */
export type HttpProblemCode = 'INTERNAL' | 'RATE_LIMITED'
export type ProblemCode = ErrorCode | HttpProblemCode

export interface ProblemSpec {
  status: number
  title: string
  /** Shown as `detail_zh` when the error carries no Chinese text of its own. */
  titleZh: string
}

/** Every code's HTTP status. The api maps codes nowhere else. */
export const STATUS_BY_CODE = {
  VALIDATION_FAILED: { status: 400, title: 'Request is not valid', titleZh: '请求内容不符合要求' },
  UNKNOWN_COMMAND: { status: 400, title: 'Unknown command', titleZh: '该程序没有此命令' },
  UNKNOWN_PROCEDURE: { status: 400, title: 'Unknown procedure', titleZh: '没有此程序' },
  UNAUTHENTICATED: { status: 401, title: 'Not signed in', titleZh: '未登录或登录已失效' },
  FORBIDDEN: { status: 403, title: 'Not allowed', titleZh: '无权执行此操作' },
  NOT_FOUND: { status: 404, title: 'Not found', titleZh: '未找到' },
  CASE_NOT_FOUND: { status: 404, title: 'Case not found', titleZh: '未找到该案件' },
  WRONG_STATE: { status: 409, title: 'Not allowed in the current state', titleZh: '案件当前状态不允许此操作' },
  CONFLICT: { status: 409, title: 'Conflicting change', titleZh: '案件已被他人修改，请重试' },
  STALE_VERSION: { status: 412, title: 'Case version has changed', titleZh: '案件版本已变化，请刷新后重试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused with another request', titleZh: '幂等键已用于其他请求' },
  RULE_REFUSED: { status: 422, title: 'Refused by a legal rule', titleZh: '依法不予办理' },
  DEPENDENCY_DOWN: { status: 503, title: 'Service temporarily unavailable', titleZh: '服务暂不可用，请稍后重试' },
  RATE_LIMITED: { status: 429, title: 'Too many requests', titleZh: '请求过于频繁，请稍后重试' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large', titleZh: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', titleZh: '不支持的内容类型' },
  INTERNAL: { status: 500, title: 'Internal error', titleZh: '系统内部错误' },
} as const satisfies Record<ProblemCode, ProblemSpec>

export const PROBLEM_MEDIA_TYPE = 'application/problem+json'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: ProblemCode
  instance: string
  requestId: string
  detail_zh?: string
  fields?: Array<{ path: string; message: string }>
  rule?: string
  source?: string
}

/** Problem type URIs are stable identifiers, not links (RFC 9457 §3.1.1). */
export function problemType(code: ProblemCode): string {
  return `urn:xianjie:problem:${code.toLowerCase().replaceAll('_', '-')}`
}

export const ProblemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', description: 'urn:xianjie:problem:<code>' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(STATUS_BY_CODE), description: 'stable machine-readable code' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    detail_zh: { type: 'string', description: 'Chinese text for people' },
    fields: {
      type: 'array',
      description: 'for VALIDATION_FAILED: the fields at fault',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    rule: { type: 'string', description: 'for RULE_REFUSED: the rule id' },
    source: { type: 'string', description: 'for RULE_REFUSED: the legal source' },
  },
} as const

/** Response schemas for the listed error statuses, for a route's `schema.response`. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {}
  for (const s of statuses) {
    out[s] = { description: describeStatus(s), content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: 'Problem#' } } } }
  }
  return out
}

function describeStatus(status: number): string {
  const codes = Object.entries(STATUS_BY_CODE).filter(([, spec]) => spec.status === status).map(([code]) => code)
  return codes.length > 0 ? `problem: ${codes.join(', ')}` : 'problem'
}

export function buildProblem(request: FastifyRequest, code: ProblemCode, detail: string, details: AppErrorDetails = {}): Problem {
  const spec: ProblemSpec = STATUS_BY_CODE[code]
  const problem: Problem = {
    type: problemType(code),
    title: spec.title,
    status: spec.status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    detail_zh: details.messageZh ?? spec.titleZh,
  }
  if (details.fields !== undefined) problem.fields = details.fields
  if (details.rule !== undefined) problem.rule = details.rule
  if (details.source !== undefined) problem.source = details.source
  return problem
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="xianjie"')
  if (problem.status === 503) reply.header('retry-after', '5')
  return reply.code(problem.status).type(PROBLEM_MEDIA_TYPE).send(problem)
}

interface ValidationIssue {
  instancePath?: string
  message?: string
  params?: Record<string, unknown>
}

/** Turns Ajv issues into `{ path, message }`, e.g. `/body/payload/reason`. */
export function validationFields(context: string | undefined, issues: ValidationIssue[]): Array<{ path: string; message: string }> {
  // A hostile body can fail in thousands of places, with names of any length: list the first
  // twenty, each name cut to 100 characters.
  return issues.slice(0, MAX_FIELDS).map((issue) => {
    let path = `/${context ?? 'body'}${clip(issue.instancePath ?? '')}`
    const missing = issue.params?.missingProperty
    const extra = issue.params?.additionalProperty
    if (typeof missing === 'string') path += `/${clip(missing)}`
    else if (typeof extra === 'string') path += `/${clip(extra)}`
    return { path, message: issue.message ?? 'is not valid' }
  })
}

const MAX_FIELDS = 20

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}

/** `body is not valid: /body/type must match pattern "…"; …`: the detail names the faults. */
export function validationDetail(context: string | undefined, fields: Array<{ path: string; message: string }>, total = fields.length): string {
  const listed = fields.slice(0, 5).map((f) => `${f.path} ${f.message}`).join('; ')
  return `${context ?? 'request'} is not valid${listed ? `: ${listed}` : ''}${total > 5 ? ` (and ${total - 5} more)` : ''}`
}

// Connection-level failures of PostgreSQL (class 08, shutdown, too many connections) and of
// the socket: the dependency is down, not the request wrong.
const DOWN_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])
const DOWN_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300'])
// Serialisation failures that escaped the engine's own retry: the client should retry.
const CONFLICT_SQLSTATES = new Set(['40001', '40P01'])

function errorChain(err: unknown): unknown[] {
  const chain: unknown[] = []
  let cur: unknown = err
  while (cur !== undefined && cur !== null && chain.length < 5 && !chain.includes(cur)) {
    chain.push(cur)
    cur = (cur as { cause?: unknown }).cause
  }
  return chain
}

function foreignCode(err: unknown): ProblemCode | null {
  for (const e of errorChain(err)) {
    const code = (e as { code?: unknown }).code
    if (typeof code !== 'string') continue
    if (DOWN_ERRNOS.has(code) || DOWN_SQLSTATES.has(code) || code.startsWith('08')) return 'DEPENDENCY_DOWN'
    if (CONFLICT_SQLSTATES.has(code)) return 'CONFLICT'
  }
  return null
}

/** fastify's own message, or for a body over the limit, the limit (the route's own, e.g. uploads). */
function fastifyDetail(request: FastifyRequest, fe: FastifyError, code: ProblemCode): string {
  if (code === 'PAYLOAD_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit
    const given = Number(request.headers['content-length'])
    const size = Number.isFinite(given) && given > 0 ? `${given} bytes` : 'the request body'
    return typeof limit === 'number' ? `${size} is over the limit of ${limit} bytes (${mib(limit)}) for ${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}` : fe.message
  }
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return `${fe.message}; send application/json`
  return fe.message
}

function fastifyDetailZh(code: ProblemCode): AppErrorDetails {
  if (code === 'PAYLOAD_TOO_LARGE') return { messageZh: '请求内容超过大小上限' }
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return { messageZh: '请求的内容类型不受支持，请使用 application/json' }
  return {}
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB` : `${Math.round((bytes / 1024) * 10) / 10} KiB`
}

/**
 * fastify's `frameworkErrors` option: the failures it meets before any route or hook (a
 * malformed percent-encoding, a path parameter over `maxParamLength`) answered as problems
 * like every other, instead of fastify's own JSON.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const detail = error.code === 'FST_ERR_BAD_URL'
    ? 'the URL holds a malformed percent-encoding (not UTF-8)'
    : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is longer than 100 characters; no id is that long'
      : error.message
  request.log.info({ code: 'VALIDATION_FAILED', fastifyCode: error.code }, 'request refused')
  // No hook ran for this request: add what the security hooks would have.
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store')
  void sendProblem(reply, buildProblem(request, 'VALIDATION_FAILED', detail, { messageZh: '请求地址格式不正确' }))
}

/**
 * Installs the error and not-found handlers on the root instance (they reach every route).
 * `fallback` may answer a request no route took (the web pages, web.ts) before the 404 problem.
 */
export function installProblemHandlers(app: FastifyInstance, options: { fallback?: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean> } = {}): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (isAppError(error)) {
      const problem = buildProblem(request, error.code, error.message, error.details)
      // A 412 names the version the case is at, so the client can re-read and retry.
      if (error.code === 'STALE_VERSION' && typeof error.details.currentVersion === 'number') reply.header('etag', `"${error.details.currentVersion}"`)
      request.log.info({ code: error.code, status: problem.status, rule: error.details.rule }, 'request refused')
      return sendProblem(reply, problem)
    }
    const fe = error as FastifyError
    if (Array.isArray(fe.validation)) {
      const fields = validationFields(fe.validationContext, fe.validation as ValidationIssue[])
      request.log.info({ code: 'VALIDATION_FAILED', fields }, 'request refused')
      return sendProblem(reply, buildProblem(request, 'VALIDATION_FAILED', validationDetail(fe.validationContext, fields, fe.validation.length), { fields }))
    }
    if (fe.statusCode === 429) {
      // A rate limit (rate-limit.ts): say when to come back, in both languages.
      const limited = error as { retryAfterSeconds?: unknown; messageZh?: unknown }
      if (typeof limited.retryAfterSeconds === 'number') reply.header('retry-after', String(limited.retryAfterSeconds))
      request.log.warn({ code: 'RATE_LIMITED' }, 'request refused')
      return sendProblem(reply, buildProblem(request, 'RATE_LIMITED', fe.message, typeof limited.messageZh === 'string' ? { messageZh: limited.messageZh } : {}))
    }
    const foreign = foreignCode(error)
    if (foreign !== null) {
      request.log.error({ err: error }, foreign === 'CONFLICT' ? 'serialisation failure' : 'dependency down')
      const detail = foreign === 'CONFLICT' ? 'a concurrent change won; retry' : 'a dependency is unavailable; retry later'
      return sendProblem(reply, buildProblem(request, foreign, detail))
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500
    if (status >= 400 && status < 500) {
      // fastify's own 4xx (bad JSON, body too large, wrong media type): its messages are safe.
      const code: ProblemCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED'
      request.log.info({ code, fastifyCode: fe.code }, 'request refused')
      return sendProblem(reply, buildProblem(request, code, fastifyDetail(request, fe, code), fastifyDetailZh(code)))
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(reply, buildProblem(request, 'INTERNAL', 'an internal error occurred; quote the requestId when reporting it'))
  })

  const { fallback } = options
  app.setNotFoundHandler(async (request, reply) => {
    if (fallback !== undefined && (await fallback(request, reply))) return reply
    return sendProblem(reply, buildProblem(request, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`))
  })
}
