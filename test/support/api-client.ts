// A small typed fetch client for Xianjie's HTTP API, used by the end-to-end tests and the
// demo. Tokens come from the demo sign-in (`POST /v1/auth/token`, XIANJIE_DEMO=true) and are
// cached per user.

import type { CaseView, CommandResult, ReplayResult as EngineReplayResult, TaskView, TimelineEntry, TimerView, VerifyResult } from '@xianjie/engine'

export interface ApiResponse<T = any> {
  status: number
  body: T
  headers: Headers
}

// The wire shapes are the engine's own (JSON keeps their field names and ISO strings);
// the replay route answers without the two snapshots.
export type { CaseView, CommandResult, TaskView, TimelineEntry, TimerView, VerifyResult }
export type ReplayResult = Omit<EngineReplayResult, 'stored' | 'replayed'>

/** An answer with an unexpected status: carries the problem details the api sent. */
export class ApiError extends Error {
  readonly status: number
  readonly body: any
  constructor(what: string, res: ApiResponse) {
    const b = res.body as { code?: string; detail?: string; title?: string } | string | null
    const detail = typeof b === 'object' && b !== null ? `${b.code ?? ''} ${b.detail ?? b.title ?? ''}`.trim() : String(b)
    super(`${what}: HTTP ${res.status} ${detail}`)
    this.name = 'ApiError'
    this.status = res.status
    this.body = res.body
  }
}

export interface CommandOptions {
  idempotencyKey?: string
  /** The case version (a number, sent as the strong ETag `"n"`) or a raw If-Match value. */
  ifMatch?: number | string
}

export interface WaitOptions {
  timeoutMs?: number
  intervalMs?: number
  /** Named in the timeout error. */
  what?: string
}

export interface XianjieClient {
  readonly baseUrl: string
  /** A bearer token for a seeded user (demo sign-in), cached. */
  token(userId: string): Promise<string>
  /** A raw request as `userId` (or anonymous when null). Never throws on a status. */
  request<T = any>(userId: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>
  open(userId: string, procedure: string, payload: Record<string, unknown>, options?: { idempotencyKey?: string }): Promise<ApiResponse<CommandResult>>
  command(userId: string, caseId: string, type: string, payload?: Record<string, unknown>, options?: CommandOptions): Promise<ApiResponse<CommandResult>>
  getCase(userId: string, caseId: string): Promise<ApiResponse<CaseView>>
  timeline(userId: string, caseId: string): Promise<ApiResponse<{ caseId: string; entries: TimelineEntry[] }>>
  inbox(userId: string, options?: { includeClosed?: boolean; limit?: number }): Promise<ApiResponse<{ tasks: TaskView[] }>>
  verify(userId: string, caseId: string): Promise<ApiResponse<VerifyResult>>
  replay(userId: string, caseId: string): Promise<ApiResponse<ReplayResult>>
  health(): Promise<ApiResponse<{ status: string }>>
  /** The polling helper below, for convenience. */
  waitFor: typeof waitFor
}

export function createClient(baseUrl: string): XianjieClient {
  const base = baseUrl.replace(/\/+$/, '')
  const tokens = new Map<string, Promise<string>>()

  async function raw<T>(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<ApiResponse<T>> {
    const init: RequestInit = { method, headers: { accept: 'application/json', ...headers } }
    if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    }
    const res = await fetch(`${base}${path}`, init)
    const text = await res.text()
    let parsed: unknown = text
    if (text !== '' && /json/.test(res.headers.get('content-type') ?? '')) {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = text
      }
    }
    return { status: res.status, body: parsed as T, headers: res.headers }
  }

  function token(userId: string): Promise<string> {
    let cached = tokens.get(userId)
    if (cached === undefined) {
      cached = raw<{ token: string }>('POST', '/v1/auth/token', { userId }, {}).then((res) => {
        if (res.status !== 200) throw new ApiError(`sign in as ${userId}`, res)
        return res.body.token
      })
      cached.catch(() => tokens.delete(userId))
      tokens.set(userId, cached)
    }
    return cached
  }

  async function request<T>(userId: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const auth: Record<string, string> = userId === null ? {} : { authorization: `Bearer ${await token(userId)}` }
    return raw<T>(method, path, body, { ...auth, ...headers })
  }

  return {
    baseUrl: base,
    token,
    request,
    open(userId, procedure, payload, options = {}) {
      const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}
      return request<CommandResult>(userId, 'POST', '/v1/cases', { procedure, payload }, headers)
    },
    command(userId, caseId, type, payload = {}, options = {}) {
      const headers: Record<string, string> = {}
      if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey
      if (options.ifMatch !== undefined) headers['if-match'] = typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch
      return request<CommandResult>(userId, 'POST', `/v1/cases/${caseId}/commands`, { type, payload }, headers)
    },
    getCase: (userId, caseId) => request<CaseView>(userId, 'GET', `/v1/cases/${caseId}`),
    timeline: (userId, caseId) => request(userId, 'GET', `/v1/cases/${caseId}/timeline`),
    inbox(userId, options = {}) {
      const q = new URLSearchParams()
      if (options.includeClosed !== undefined) q.set('includeClosed', String(options.includeClosed))
      if (options.limit !== undefined) q.set('limit', String(options.limit))
      const qs = q.size > 0 ? `?${q}` : ''
      return request(userId, 'GET', `/v1/inbox${qs}`)
    },
    verify: (userId, caseId) => request<VerifyResult>(userId, 'GET', `/v1/cases/${caseId}/verify`),
    replay: (userId, caseId) => request<ReplayResult>(userId, 'GET', `/v1/cases/${caseId}/replay`),
    health: () => raw('GET', '/healthz', undefined, {}),
    waitFor,
  }
}

/** Returns the body when the status is the expected one, else throws an ApiError naming `what`. */
export function expectStatus<T>(res: ApiResponse<T>, status: number, what: string): T {
  if (res.status !== status) throw new ApiError(what, res)
  return res.body
}

/**
 * Polls `predicate` until it returns a value other than undefined/null/false, and returns
 * that value. Errors thrown by the predicate count as "not yet" (the last one is reported
 * on timeout).
 */
export async function waitFor<T>(predicate: () => Promise<T | undefined | null | false> | T | undefined | null | false, options: WaitOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000
  const intervalMs = options.intervalMs ?? 100
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  for (;;) {
    try {
      const value = await predicate()
      if (value !== undefined && value !== null && value !== false) return value
      lastError = null
    } catch (err) {
      lastError = err
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}${why}`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
