// Security headers and cross-origin rules, in one place: helmet (a strict Content-Security-
// Policy, HSTS, nosniff, no framing), CORS closed unless CORS_ORIGINS lists the caller's
// origin exactly, and no caching of anything under /v1 but the public credit register.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { XianjieConfig } from '@xianjie/config'
import { AppError } from '@xianjie/domain'

/** Where @fastify/swagger-ui serves the API documentation (app.ts `routePrefix`). */
export const DOCS_PREFIX = '/docs'

/**
 * Every answer's policy: only this origin's own files, no inline script or style, no plugins,
 * never framed. The api answers JSON; the policy matters for the pages a browser might render
 * from it by mistake (an error echoed as HTML, a document opened inline).
 */
export const API_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const

/**
 * /docs only: swagger-ui loads its scripts from /docs/static (no inline script), but styles
 * elements inline and draws its logo from a data: URI.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Request headers a listed origin's page may send, and answer headers it may read. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id']
const EXPOSED_HEADERS = ['ETag', 'Location', 'Idempotent-Replayed', 'X-Request-Id', 'X-Content-SHA256', 'Content-Disposition', 'Retry-After', 'WWW-Authenticate']

/** The public credit register: anyone may ask, answers may be cached briefly. */
const PUBLIC_ROUTES = new Set(['/v1/credit-list/:creditCode'])
const PUBLIC_CACHE = 'public, max-age=60'

function isDocs(route: string | undefined): boolean {
  return route !== undefined && (route === DOCS_PREFIX || route.startsWith(`${DOCS_PREFIX}/`))
}

/** Deeper JSON than this is refused: no payload of any procedure comes near it. */
export const MAX_JSON_DEPTH = 64

// NUL, and UTF-16 surrogates that are not a pair (JSON may escape them: "\ud800").
// PostgreSQL keeps neither in text or jsonb, so they would fail deep in a write.
const ILL_FORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * The first place in `value` (a parsed body, the query or the params) that no store can keep:
 * a string or a key with NUL or a lone surrogate, a `__proto__`, `constructor` or `prototype`
 * key, a number that is not finite, or nesting deeper than MAX_JSON_DEPTH (`text: false`
 * skips the string checks). Iterative, so a hostile nesting cannot exhaust the stack.
 */
export function illFormedAt(value: unknown, options: { text?: boolean } = {}): { path: string; message: string } | null {
  const text = options.text ?? true
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()!
    const v = item.value
    if (typeof v === 'string') {
      if (text && ILL_FORMED.test(v)) return { path: item.path || '/', message: 'holds a NUL character or an unpaired UTF-16 surrogate' }
      continue
    }
    if (typeof v === 'number') {
      // JSON.parse reads 1e999 as Infinity; Ajv's coercion of a query's "1e999" gives it too,
      // and then skips minimum and maximum (they are checked only on finite numbers).
      if (!Number.isFinite(v)) return { path: item.path || '/', message: 'is not a finite number' }
      continue
    }
    if (v === null || typeof v !== 'object') continue
    if (item.depth >= MAX_JSON_DEPTH) return { path: item.path || '/', message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }
    for (const [key, child] of Object.entries(v)) {
      const path = `${item.path}/${key.length > 100 ? `${key.slice(0, 100)}…` : key}`
      if (text && ILL_FORMED.test(key)) return { path: item.path || '/', message: 'has a field name with a NUL character or an unpaired UTF-16 surrogate' }
      // No schema has such a field; merged into an object later, one would replace its prototype.
      if (POISON_KEYS.has(key)) return { path, message: 'is a field name that can pollute object prototypes' }
      stack.push({ value: child, path, depth: item.depth + 1 })
    }
  }
  return null
}

/** Installs helmet, CORS, the cache rule and the well-formedness check on the root instance; call before the routes. */
export function installSecurity(app: FastifyInstance, config: Pick<XianjieConfig, 'corsOrigins'>): void {
  app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES as unknown as Record<string, string[]> },
    // A year, subdomains included; browsers take it only over HTTPS.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  })

  // Closed by default: only an origin CORS_ORIGINS names exactly gets Access-Control-Allow-Origin;
  // a preflight from any other finds no route (404) and the browser stops there. Bearer tokens,
  // not cookies, so no credentials mode.
  const allowed = new Set(config.corsOrigins)
  app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
  })

  // JSON bodies: the parse error itself in the problem (fastify's own parser says only "not
  // valid JSON"); prototype keys and the rest are refused by the check below.
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string
    if (text.trim() === '') {
      done(new AppError('VALIDATION_FAILED', 'the body is empty; send a JSON document', { details: { fields: [{ path: '/body', message: 'is empty' }], messageZh: '请求内容为空' } }), undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      done(new AppError('VALIDATION_FAILED', `the body is not valid JSON: ${why.length > 200 ? `${why.slice(0, 200)}…` : why}`, {
        details: { fields: [{ path: '/body', message: 'is not valid JSON' }], messageZh: '请求内容不是有效的JSON' },
      }), undefined)
    }
  })

  // Closed by default: a documented route that declares no query parameters refuses any
  // (400) instead of ignoring them; routes written later get the same without thinking of it.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { hide?: boolean; querystring?: unknown } | undefined
    if (schema?.hide === true || route.url === '*' || schema?.querystring !== undefined) return
    route.schema = { ...schema, querystring: { type: 'object', additionalProperties: false, properties: {} } }
  })

  // Before any schema or handler: text PostgreSQL cannot store, prototype keys, infinities,
  // and nesting no schema walks.
  const refuseIllFormed = (text: boolean) => async (request: FastifyRequest) => {
    for (const [context, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      const fault = illFormedAt(value, { text })
      if (fault === null) continue
      const path = `/${context}${fault.path === '/' ? '' : fault.path}`
      throw new AppError('VALIDATION_FAILED', `${context} is not valid: ${path} ${fault.message}`, {
        details: { fields: [{ path, message: fault.message }], messageZh: '请求含有不允许的内容（空字符、不成对的代理项、原型字段名、非有限数）或嵌套过深' },
      })
    }
  }
  app.addHook('preValidation', refuseIllFormed(true))
  // Numbers again after the schemas coerced strings to them (a coerced "1e999" is Infinity).
  app.addHook('preHandler', refuseIllFormed(false))

  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url
    if (isDocs(route)) reply.header('content-security-policy', DOCS_CSP)
    const path = request.url.split('?')[0] ?? ''
    if (path === '/v1' || path.startsWith('/v1/')) {
      // Case files, tokens and inboxes never sit in a browser's or a proxy's cache.
      reply.header('cache-control', route !== undefined && PUBLIC_ROUTES.has(route) && reply.statusCode === 200 ? PUBLIC_CACHE : 'no-store')
    }
    return payload
  })
}
