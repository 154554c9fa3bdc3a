// The one way pages talk to the API: same origin, bearer token from sessionStorage, one refresh
// on 401, and problem+json turned into ApiError so pages can show the rule that refused them.

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  detail_zh?: string
  fields?: Array<{ path: string; message: string }>
  rule?: string
  source?: string
}

export class ApiError extends Error {
  status: number
  problem: Problem

  constructor(problem: Problem) {
    super(problem.detail || problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.problem = problem
  }
}

const ACCESS_KEY = 'xianjie.accessToken'
const REFRESH_KEY = 'xianjie.refreshToken'

export interface Tokens {
  accessToken: string
  refreshToken: string | null
}

export function readTokens(): Tokens | null {
  const accessToken = sessionStorage.getItem(ACCESS_KEY)
  if (accessToken === null) return null
  return { accessToken, refreshToken: sessionStorage.getItem(REFRESH_KEY) }
}

export function storeTokens(tokens: Tokens): void {
  sessionStorage.setItem(ACCESS_KEY, tokens.accessToken)
  if (tokens.refreshToken === null) sessionStorage.removeItem(REFRESH_KEY)
  else sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken)
}

export function clearTokens(): void {
  sessionStorage.removeItem(ACCESS_KEY)
  sessionStorage.removeItem(REFRESH_KEY)
}

/** Listeners told when the session is gone for good (refresh failed), so the app can show sign-in. */
const expiredListeners = new Set<() => void>()
export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener)
  return () => expiredListeners.delete(listener)
}

function withAuth(init: RequestInit | undefined): RequestInit {
  const headers = new Headers(init?.headers)
  const tokens = readTokens()
  if (tokens !== null && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${tokens.accessToken}`)
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json')
  return { ...init, headers }
}

// Two requests failing together share one refresh: refresh tokens rotate, so a second
// refresh with the old token would end the sign-in.
let refreshing: Promise<boolean> | null = null

async function refreshOnce(): Promise<boolean> {
  const refreshToken = readTokens()?.refreshToken
  if (!refreshToken) return false
  refreshing ??= (async () => {
    try {
      const response = await fetch('/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      })
      if (!response.ok) return false
      const body = await response.json() as { accessToken: string; refreshToken: string }
      storeTokens({ accessToken: body.accessToken, refreshToken: body.refreshToken })
      return true
    } catch {
      return false
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

async function raw(path: string, init?: RequestInit): Promise<Response> {
  const hadToken = readTokens() !== null
  const response = await fetch(path, withAuth(init))
  if (response.status !== 401 || !hadToken || path.startsWith('/v1/auth/')) return response
  if (await refreshOnce()) return fetch(path, withAuth(init))
  clearTokens()
  for (const listener of expiredListeners) listener()
  return response
}

/** A failed answer as a problem: its problem+json body over what the status line says. */
export async function toProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: response.statusText || `HTTP ${response.status}`,
    code: response.status === 0 ? 'NETWORK' : 'HTTP_' + response.status,
  }
  const type = response.headers.get('Content-Type') ?? ''
  if (!type.includes('json')) return fallback
  try {
    const body = await response.json() as Partial<Problem>
    return { ...fallback, ...body }
  } catch {
    return fallback
  }
}

async function send<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await raw(path, init)
  } catch (error) {
    throw new ApiError({
      type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK',
      detail: error instanceof Error ? error.message : String(error),
    })
  }
  if (!response.ok) throw new ApiError(await toProblem(response))
  if (response.status === 204) return undefined as T
  const type = response.headers.get('Content-Type') ?? ''
  return (type.includes('json') ? await response.json() : await response.text()) as T
}

export const api = {
  get<T>(path: string): Promise<T> {
    return send<T>(path, { method: 'GET' })
  },
  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    return send<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body ?? {}),
    })
  },
  raw,
}

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}
