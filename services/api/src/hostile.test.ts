// Hostile input, property-based: every route the app registers gets thousands of malformed
// requests (random JSON of the wrong shape, broken JSON text, wrong content types, prototype
// pollution keys, NUL and unpaired surrogates, deep nesting, huge strings, bad path params and
// query strings, bad headers, command payloads that break their command's schema) from
// signed-in users with real permissions, against real cases. Every answer must be a 4xx
// problem with a detail, never a 5xx and never a 2xx, and the database must not change.
import { Writable } from 'node:stream'
import fc from 'fast-check'
import pino from 'pino'
import { sql } from 'kysely'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { calendar } from '@xianjie/calendar'
import { loadConfig } from '@xianjie/config'
import { commandParties, isValidCreditCode, type ProcedureDefinition } from '@xianjie/domain'
import { createEngine, PROCEDURES, sniffMediaType, UPLOAD_MEDIA_TYPES, validatePayload, type Engine } from '@xianjie/engine'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { CASE_OPEN, SHA, TEAM } from '../../../test/support/samples.ts'
import { buildApp } from './app.ts'
import { mintToken } from './auth.ts'

// Runs per property; each route gets several properties. HOSTILE_RUNS scales the whole file.
const SCALE = Number(process.env.HOSTILE_RUNS ?? '1')
const runs = (n: number) => Math.max(1, Math.round(n * SCALE))

const OFFICER = 'msa-620400.officer1'
const HEAD = 'msa-620400.head'
const SUPERVISOR = 'government-620400.supervisor'
const POLICE = 'police-620400.officer'
const SIGNED_IN = [OFFICER, SUPERVISOR, POLICE] as const

const AUTH_SECRET = 'test-secret-test-secret-test-secret-0123'

interface Route {
  method: string
  url: string
  schema: Record<string, any>
  bodyLimit: number | undefined
}

interface Request {
  method: string
  url: string
  headers?: Record<string, string>
  payload?: string | object
}

interface Answer {
  statusCode: number
  headers: Record<string, unknown>
  body: string
}

// ---------------------------------------------------------------- arbitraries

/** A JSON value of any shape (fast-check's, with unicode strings). */
const anyJson = fc.jsonValue({ maxDepth: 4 })
/** A value that is not an object (nor coercible to one). */
const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(anyJson, { minLength: 2, maxLength: 5 }))
/** Strings no store keeps or no schema allows: NUL, unpaired surrogates, controls, bidi overrides, very long. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\ud83d', '\u202eexe.pdf', '\u0007\u001b[31m', '../../etc/passwd', '<script>alert(1)</script>', "'; drop table cases; --", '%00', '${jndi:ldap://x}', '{{7*7}}', '\r\nSet-Cookie: a=b'),
  fc.integer({ min: 1_000, max: 5_000 }).map((n) => 'é'.repeat(n)),
)
/** Keys that attack prototypes. */
const POISON = ['__proto__', 'constructor', 'prototype'] as const

/** JSON text with prototype-pollution keys somewhere in the body. */
const pollutedText = fc.tuple(fc.constantFrom(...POISON), fc.constantFrom('top', 'nested', 'payload', 'array'), anyJson).map(([key, where, value]) => {
  const inner = key === 'constructor' ? `{"prototype":{"polluted":${JSON.stringify(value)}}}` : `{"polluted":${JSON.stringify(value)}}`
  const member = `${JSON.stringify(key)}:${inner}`
  if (where === 'top') return `{${member}}`
  if (where === 'nested') return `{"a":{"b":{${member}}}}`
  if (where === 'payload') return `{"type":"FORM_TEAM","payload":{${member}},"procedure":"criminal-transfer"}`
  return `[{${member}}]`
})

/** Text that is not JSON, or JSON broken a little. */
const brokenJson = fc.oneof(
  fc.string({ minLength: 1 }).filter((s) => !parses(s)),
  fc.tuple(anyJson.filter((v) => typeof v === 'object' && v !== null), fc.nat()).map(([v, n]) => {
    const text = JSON.stringify(v)
    return text.slice(0, n % Math.max(1, text.length - 1))
  }).filter((s) => !parses(s)),
  fc.constantFrom('{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":undefined}', '/* c */{}', '{"a":1}{"b":2}', '\ufeff{"a":', '{"a":"\\x41"}', '{"a":"\\u12"}', '[1,2', 'null null', '{"a":01}', '\u0000'),
)

/** Deeper than the api allows (64), up to thousands of levels. */
const deepText = fc.tuple(fc.integer({ min: 65, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)))

const wrongContentType = fc.constantFrom(
  'text/plain',
  'text/html',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xx',
  'application/octet-stream',
  'application/json-patch+json',
  'application/jsonx',
  'image/svg+xml',
  'application/javascript',
)

function parses(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** Percent-encodes anything, unpaired surrogates included (as the UTF-8 of U+FFFD). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('')
  }
}

/** Path segments that are not ids: traversal, NUL, bad percent-encodings, very long, any unicode. */
const badSegment = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }).map(encodeSegment),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeSegment),
  fc.constantFrom('..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', 'a%00b', '%ED%A0%80', '%C0%AF', '%FF', '%', '%zz', ';', '%3Bx', '*', 'null', 'undefined', 'NaN', '-1', '0', '1e9', '%20', 'x'.repeat(101), '1'.repeat(5_000)),
  fc.integer({ min: 101, max: 10_000 }).map((n) => 'a'.repeat(n)),
  fc.uuid().map((u) => `${u}x`),
  fc.uuid().map((u) => u.replaceAll('-', '')),
)

// ---------------------------------------------------------------- schema-aware mutation

/** A value of the wrong JSON type for `schema`, one no type coercion can repair. */
function wrongTypeFor(schema: Record<string, any> | undefined): fc.Arbitrary<unknown> {
  const type = schema?.type
  const types: string[] = Array.isArray(type) ? type : type ? [type] : []
  if (types.includes('object')) return fc.oneof(fc.string(), fc.integer(), fc.array(anyJson, { minLength: 2, maxLength: 3 }))
  if (types.includes('array')) return fc.oneof(fc.dictionary(fc.string(), anyJson, { minKeys: 1, maxKeys: 3 }), fc.constant({}))
  return fc.oneof(fc.dictionary(fc.string(), anyJson, { maxKeys: 3 }), fc.array(anyJson, { minLength: 2, maxLength: 3 }))
}

/**
 * Objects close to what an object `schema` takes but wrong: an unknown field, a required one
 * missing, or a known one of the wrong type; other fields random. Invalid by construction for
 * closed objects even under Ajv's type coercion.
 */
function nearMiss(schema: Record<string, any>): fc.Arbitrary<Record<string, unknown>> {
  const properties: Record<string, any> = schema.properties ?? {}
  const keys = Object.keys(properties)
  const required: string[] = schema.required ?? []
  const base = keys.length > 0
    ? fc.record(Object.fromEntries(keys.map((k) => [k, fc.oneof(anyJson, wrongTypeFor(properties[k]), nastyString)])), { requiredKeys: [] })
    : fc.constant({} as Record<string, unknown>)
  const ways: Array<fc.Arbitrary<Record<string, unknown>>> = []
  if (schema.additionalProperties === false) {
    ways.push(fc.tuple(base, fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom(...POISON, 'toString', 'hasOwnProperty', 'x'.repeat(300))).filter((k) => !keys.includes(k)), anyJson)
      .map(([o, k, v]) => ({ ...o, ...JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v)}}`) })))
  }
  if (required.length > 0) {
    ways.push(fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => {
      const copy = { ...o }
      delete copy[k]
      return copy
    }))
  }
  const typed = keys.filter((k) => properties[k]?.type !== undefined)
  if (typed.length > 0) {
    ways.push(fc.constantFrom(...typed).chain((k) => fc.tuple(base, wrongTypeFor(properties[k])).map(([o, v]) => ({ ...o, [k]: v }))))
  }
  return ways.length > 0 ? fc.oneof(...ways) : base
}

/** Payloads the engine's own validation refuses for a command's (or an opening's) schema. */
function invalidPayload(schema: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: nearMiss(schema as Record<string, any>) },
    { weight: 1, arbitrary: fc.dictionary(fc.string(), anyJson, { maxKeys: 5 }) },
    { weight: 1, arbitrary: fc.record(Object.fromEntries(Object.keys((schema.properties ?? {}) as object).map((k) => [k, nastyString])), { requiredKeys: [] }) },
  ).filter((payload) => {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return true
    try {
      validatePayload(schema, payload, 'probe')
      return false
    } catch {
      return true
    }
  })
}

// ---------------------------------------------------------------- the suite

describe('hostile input on every route', () => {
  let tdb: TestDatabase
  let app: FastifyInstance
  let engine: Engine
  const routes: Route[] = []
  const errors: string[] = []
  const tokens = new Map<string, string>()
  const stats: Array<{ route: string; requests: number; ms: number; statuses: Record<number, number> }> = []
  const real = { transfer: '', approved: '', confirmation: '', listing: '', documentId: '', creditCode: '', procedure: 'criminal-transfer' }
  let config: ReturnType<typeof loadConfig>

  const auth = (user: string) => {
    let token = tokens.get(user)
    if (!token) tokens.set(user, (token = mintToken(config, user)))
    return { authorization: `Bearer ${token}` }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase()
    // Rate limits off: this file sends thousands of writes per user on purpose.
    config = loadConfig({ AUTH_SECRET, LOG_LEVEL: 'error', XIANJIE_DEMO: 'true', RATE_LIMIT_WRITES_PER_MIN: '0', RATE_LIMIT_SIGNIN_PER_MIN: '0', RATE_LIMIT_SIGNIN_PER_IP_PER_MIN: '0' })
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { errors.push(chunk.toString('utf8')); done() } })
    engine = createEngine({ db: tdb.db, procedures: PROCEDURES, calendar })
    app = buildApp({ engine, db: tdb.db, config, log: pino({ level: 'error' }, sink), demoAuth: true })
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      for (const method of methods) {
        if (method === 'HEAD') continue // the GET route's handler, without a body to check
        routes.push({ method, url: route.url, schema: (route.schema ?? {}) as Record<string, any>, bodyLimit: route.bodyLimit })
      }
    })
    await app.ready()

    // Real cases, so that ids resolve and command payloads reach the engine's validation.
    const post = async (user: string, url: string, payload: unknown) => {
      const res = await app.inject({ method: 'POST', url, headers: auth(user), payload: payload as object })
      expect(res.statusCode, res.body).toBeLessThan(300)
      return res.json()
    }
    real.transfer = (await post(OFFICER, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...CASE_OPEN } })).caseId
    real.approved = (await post(OFFICER, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...CASE_OPEN, title: '第二案' } })).caseId
    await post(OFFICER, `/v1/cases/${real.approved}/commands`, { type: 'FORM_TEAM', payload: TEAM })
    await post(OFFICER, `/v1/cases/${real.approved}/commands`, { type: 'SUBMIT_TRANSFER_REPORT', payload: { report: { name: '移送涉嫌犯罪案件的书面报告.pdf', sha256: SHA }, summary: '涉案金额八万六千元，已达追诉标准' } })
    await post(HEAD, `/v1/cases/${real.approved}/commands`, { type: 'APPROVE_TRANSFER', payload: {} })
    real.confirmation = (await post('msa-410300.officer1', '/v1/cases', {
      procedure: 'judicial-confirmation',
      payload: {
        mode: 'administrative',
        parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' },
        dispute: { subjectType: 'designPatent', matter: 'damages', summary: '外观设计专利侵权赔偿调解' },
        request: { text: '请求就赔偿数额进行调解', mediationRequested: true },
      },
    })).caseId
    real.listing = (await post(OFFICER, '/v1/cases', {
      procedure: 'credit-listing',
      payload: {
        title: '白银甲科技有限公司故意侵犯注册商标专用权',
        parties: { subject: 'party-620402-1' },
        penalty: {
          decisionNumber: '白市监处罚〔2026〕31号', decidedAt: new Date().toISOString().slice(0, 10), procedure: 'ordinary', types: ['fine'],
          heavierFine: true, lowAmountFine: false, fineAmount: 250_000, field: 'general', violation: { article: 9, item: 'ipInfringement' }, summary: '当事人明知他人注册商标，仍大量销售假冒该注册商标的商品。',
        },
      },
    })).caseId
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
    real.documentId = (await post(OFFICER, `/v1/cases/${real.transfer}/documents`, { kind: 'evidence', name: '证据.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') })).id
    real.creditCode = (await tdb.db.selectFrom('agencies').select('credit_code').where('id', '=', 'party-620402-1').executeTakeFirstOrThrow()).credit_code!
    // Timers that fell due fire on the next command to a case; fire them now, not mid-batch.
    await engine.fireDueTimers()
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
    if (stats.length > 0) {
      const total = stats.reduce((n, s) => n + s.requests, 0)
      const ms = stats.reduce((n, s) => n + s.ms, 0)
      const lines = stats.map((s) => `  ${s.route.padEnd(62)} ${String(s.requests).padStart(6)} requests ${String(Math.round(s.ms)).padStart(6)} ms  ${JSON.stringify(s.statuses)}`)
      console.log(`hostile input: ${total} requests over ${stats.length} routes in ${Math.round(ms)} ms\n${lines.join('\n')}`)
    }
  })

  /** Row counts of every table in the public schema, and the last event of every case. */
  async function snapshot(): Promise<Record<string, number | string>> {
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(tdb.db)
    const counts = sql.join(tables.rows.map((t) => sql`(select count(*)::int from ${sql.table(t.table_name)}) as ${sql.ref(t.table_name)}`))
    const row = (await sql<Record<string, number>>`select ${counts}, (select coalesce(max(seq), 0)::int from case_events) as max_seq, (select coalesce(string_agg(id::text || ':' || version, ',' order by id), '') from cases) as versions`.execute(tdb.db)).rows[0]!
    return row
  }

  /**
   * A 4xx problem with a detail; anything else fails the property with the request named.
   * `lenient`: the swagger-ui files, where a path like `/docs/static/..` resolves to a real page
   * (2xx and 3xx allowed), but a failure must still be a 4xx problem.
   */
  function expectRefused(res: Answer, what: string, lenient = false): void {
    const fail = (why: string) => {
      throw new Error(`${what}: ${why}: HTTP ${res.statusCode} ${res.body.slice(0, 600)}${res.statusCode >= 500 ? `\nlogged: ${errors.slice(-2).join('').slice(0, 2000)}` : ''}`)
    }
    if (lenient && res.statusCode < 400) return
    if (res.statusCode < 400 || res.statusCode >= 500) fail('not a 4xx')
    if (res.statusCode === 429) fail('rate limited: the limits must be off for this test')
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) fail('not application/problem+json')
    let problem: { status?: unknown; detail?: unknown; code?: unknown }
    try {
      problem = JSON.parse(res.body)
    } catch {
      return fail('body is not JSON')
    }
    if (typeof problem.detail !== 'string' || problem.detail.trim() === '') fail('no detail')
    if (problem.status !== res.statusCode) fail('status in the body differs')
    if (typeof problem.code !== 'string') fail('no code')
  }

  /** Runs `batch` for one route: database unchanged, no prototype polluted, requests counted. */
  async function onRoute(route: Route, label: string, batch: (send: (opts: Request, what: string) => Promise<Answer>) => Promise<void>): Promise<void> {
    const before = await snapshot()
    const statuses: Record<number, number> = {}
    let requests = 0
    const started = performance.now()
    await batch(async (opts, what) => {
      requests++
      const res = await app.inject(opts as never)
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1
      expectRefused(res, `${route.method} ${route.url} ${what}`, isDocs(route))
      return res
    })
    stats.push({ route: `${route.method} ${route.url} ${label}`, requests, ms: performance.now() - started, statuses })
    expect(await snapshot(), `${route.method} ${route.url}: the database changed`).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  }

  /** A real value for each path parameter, so the other parts of a request are what is wrong. */
  function realParams(route: Route): Record<string, string> {
    const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!)
    const out: Record<string, string> = {}
    for (const name of names) {
      out[name] = name === 'id' ? real.transfer : name === 'documentId' ? real.documentId : name === 'creditCode' ? real.creditCode : name === 'name' ? real.procedure : 'x'
    }
    return out
  }

  function urlOf(route: Route, params: Record<string, string>, query = ''): string {
    let url = route.url.replace(/:(\w+)/g, (_m, name: string) => params[name] ?? 'x')
    if (url.endsWith('*')) url = url.slice(0, -1) + (params['*'] ?? 'x')
    return url + query
  }

  const isDocs = (route: Route) => route.url === '/docs' || route.url.startsWith('/docs/')
  const isPreflight = (route: Route) => route.method === 'OPTIONS'
  const hasBody = (route: Route) => route.method === 'POST'

  it('registers every route with schemas for params, querystring and body', () => {
    const api = routes.filter((r) => !isDocs(r) && !isPreflight(r))
    expect(api.length).toBeGreaterThan(20)
    const missing = api.flatMap((r) => [
      ...(r.url.includes(':') && !r.schema.params ? [`${r.method} ${r.url}: params`] : []),
      ...(r.schema.querystring ? [] : [`${r.method} ${r.url}: querystring`]),
      ...(hasBody(r) && !r.schema.body ? [`${r.method} ${r.url}: body`] : []),
    ])
    expect(missing).toEqual([])
    // Closed objects: an unknown query parameter or body field is refused, not ignored.
    const open = api.flatMap((r) => [
      ...(r.schema.querystring?.additionalProperties === false ? [] : [`${r.method} ${r.url}: querystring`]),
      ...(hasBody(r) && r.schema.body?.additionalProperties !== false ? [`${r.method} ${r.url}: body`] : []),
    ])
    expect(open).toEqual([])
    // The OpenAPI document lists the same routes.
    const documented = Object.entries((app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    expect(documented.sort()).toEqual(api.map((r) => `${r.method} ${r.url}`).sort())
  })

  it('refuses malformed path parameters on every route', async () => {
    for (const route of routes.filter((r) => /[:*]/.test(r.url))) {
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!)
      if (route.url.endsWith('*')) names.push('*')
      await onRoute(route, 'params', async (send) => {
        await fc.assert(fc.asyncProperty(fc.constantFrom(...names), badSegment, fc.constantFrom(...SIGNED_IN), async (name, bad, user) => {
          if (wellFormedParam(name, decodeSafe(bad))) return // a real-looking id is not hostile
          const params = { ...realParams(route), [name]: bad }
          const url = urlOf(route, params)
          const res = await send({ method: route.method, url, headers: { ...auth(user), ...(hasBody(route) ? { 'content-type': 'application/json' } : {}) }, ...(hasBody(route) ? { payload: '{}' } : {}) }, `params ${url.slice(0, 200)}`)
          if (isDocs(route) || isPreflight(route)) return
          // An id that is not one is refused by the schema or not found, never looked up further.
          expect([400, 404], res.body).toContain(res.statusCode)
        }), { numRuns: runs(isDocs(route) ? 100 : 300) })
      })
    }
  })

  it('refuses unknown and malformed query parameters on every route', async () => {
    for (const route of routes.filter((r) => !isDocs(r) && !isPreflight(r))) {
      const properties: Record<string, any> = route.schema.querystring?.properties ?? {}
      const known = Object.keys(properties)
      const unknownKey = fc.oneof(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom(...POISON, 'a[b]', '__proto__[x]', 'constructor[prototype][x]', '%00', 'x'.repeat(500))).filter((k) => !known.includes(k))
      const badValue = fc.oneof(nastyString.map(encodeSegment), fc.constantFrom('', '-1', '0', '1.5', '1e999', 'NaN', 'true', 'null', '[]', '{}', '%FF', '%00', '9'.repeat(40), 'x'.repeat(5_000)))
      // One unknown parameter makes any query wrong; a known one with a bad value, only if the schema refuses it.
      const queries = fc.oneof(
        fc.tuple(unknownKey, badValue).map(([k, v]) => `?${encodeSegment(k)}=${v}`),
        fc.tuple(unknownKey, fc.constantFrom(...(known.length ? known : ['x'])), badValue).map(([k, kk, v]) => `?${encodeSegment(kk)}=1&${encodeSegment(k)}=${v}`),
        fc.constantFrom('?', '?&', '?=', '?=x', '?%', '?a=%ZZ', '?a&a', '?__proto__=1', '?constructor=1').filter((q) => !(known.length === 0 && q === '?') && q !== '?&'),
      ).filter((q) => q !== '?' && q !== '?&')
      await onRoute(route, 'query', async (send) => {
        await fc.assert(fc.asyncProperty(queries, fc.constantFrom(...SIGNED_IN), async (query, user) => {
          const url = urlOf(route, realParams(route), query)
          await send({ method: route.method, url, headers: { ...auth(user), ...(hasBody(route) ? { 'content-type': 'application/json' } : {}) }, ...(hasBody(route) ? { payload: '{}' } : {}) }, `query ${query.slice(0, 200)}`)
        }), { numRuns: runs(hasBody(route) ? 200 : 800) })
        // Known parameters with values their schema refuses (types, patterns, ranges, identifiers).
        for (const key of known) {
          await fc.assert(fc.asyncProperty(badValue, fc.constantFrom(...SIGNED_IN), async (value, user) => {
            if (!refusesQueryValue(properties[key], decodeSafe(value))) return
            const url = urlOf(route, realParams(route), `?${key}=${value}`)
            await send({ method: route.method, url, headers: auth(user) }, `query ${key}=${value.slice(0, 100)}`)
          }), { numRuns: runs(150) })
        }
      })
    }
  })

  it('refuses bodies of the wrong shape, broken JSON, wrong content types, pollution, NUL, deep nesting and huge strings', async () => {
    for (const route of routes.filter((r) => hasBody(r) && !isDocs(r))) {
      const bodySchema = route.schema.body as Record<string, any>
      const limit = route.bodyLimit ?? 1024 * 1024
      // Huge strings in any field, under the body limit (all of a route's patterns run on them).
      const huge = fc.tuple(fc.constantFrom(...Object.keys(bodySchema.properties ?? { a: 1 })), fc.integer({ min: 50_000, max: limit - 200 }), fc.constantFrom('x', ';', '/', 'A', '0', '"', '\u00e9'))
        .map(([key, n, c]) => JSON.stringify({ [key]: c.repeat(Math.floor(n / Buffer.byteLength(JSON.stringify(c)))), 'hostile-extra': true }))
      const bodies: fc.Arbitrary<{ text: string; type: string; what: string }> = fc.oneof(
        { weight: 3, arbitrary: notAnObject.map((v) => ({ text: JSON.stringify(v), type: 'application/json', what: 'not an object' })) },
        { weight: 6, arbitrary: nearMiss(bodySchema).map((v) => ({ text: JSON.stringify(v), type: 'application/json', what: 'near miss' })) },
        { weight: 3, arbitrary: brokenJson.map((t) => ({ text: t, type: 'application/json', what: 'broken JSON' })) },
        { weight: 2, arbitrary: fc.tuple(nearMiss(bodySchema), wrongContentType).map(([v, type]) => ({ text: JSON.stringify(v), type, what: 'wrong content type' })) },
        { weight: 2, arbitrary: pollutedText.map((t) => ({ text: t, type: 'application/json', what: 'prototype pollution' })) },
        { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-16', 'application/json; charset=latin1', 'Application/JSON', 'application/json;;').map((type) => ({ text: '{"hostile-extra":1}', type, what: 'odd charset' })) },
        { weight: 1, arbitrary: deepText.map((t) => ({ text: t, type: 'application/json', what: 'deep' })) },
      )
      await onRoute(route, 'body', async (send) => {
        await fc.assert(fc.asyncProperty(bodies, fc.constantFrom(...SIGNED_IN), async (body, user) => {
          await send({ method: 'POST', url: urlOf(route, realParams(route)), headers: { ...auth(user), 'content-type': body.type }, payload: body.text }, `${body.what} body ${body.text.slice(0, 200)}`)
        }), { numRuns: runs(800) })
        await fc.assert(fc.asyncProperty(huge, fc.constantFrom(...SIGNED_IN), async (text, user) => {
          await send({ method: 'POST', url: urlOf(route, realParams(route)), headers: { ...auth(user), 'content-type': 'application/json' }, payload: text }, `huge body of ${text.length} bytes`)
        }), { numRuns: runs(10) })
        // Over the limit: 413 with the limit named.
        const over = `{"a":"${'x'.repeat(limit)}"}`
        const res = await send({ method: 'POST', url: urlOf(route, realParams(route)), headers: { ...auth(OFFICER), 'content-type': 'application/json' }, payload: over }, 'over the body limit')
        expect(res.statusCode).toBe(413)
        expect(JSON.parse(res.body).detail).toContain(`limit of ${limit} bytes`)
        // NUL and unpaired surrogates in any field, escaped in JSON text.
        await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(bodySchema.properties ?? { a: 1 })), fc.constantFrom('\\u0000', '\\ud800', 'a\\udfffb', '\\ud83d'), fc.constantFrom(...SIGNED_IN), async (key, escape, user) => {
          const text = `{${JSON.stringify(key)}:"x${escape}y"}`
          const res = await send({ method: 'POST', url: urlOf(route, realParams(route)), headers: { ...auth(user), 'content-type': 'application/json' }, payload: text }, `ill-formed text ${text}`)
          expect(res.statusCode).toBe(400)
        }), { numRuns: runs(40) })
      })
    }
  })

  it('refuses malformed Idempotency-Key and If-Match headers', async () => {
    const route = routes.find((r) => r.method === 'POST' && r.url === '/v1/cases/:id/commands')!
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))
    const latin1 = fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c))
    const badKey = fc.oneof(
      fc.string({ unit: printable, minLength: 201, maxLength: 400 }),
      fc.tuple(fc.string({ unit: printable, maxLength: 10 }), latin1, fc.string({ unit: printable, maxLength: 10 })).map(([a, b, c]) => a + b + c),
    )
    const badMatch = fc.oneof(
      fc.string({ unit: printable, minLength: 1, maxLength: 30 }).filter((s) => !/^(\*|"[0-9]{1,15}")$/.test(s) && s.trim() !== ''),
      fc.constantFrom('W/"1"', '"1", "2"', '"-1"', '"1e3"', '"9999999999999999"', "'1'", '1', '""'),
    )
    await onRoute(route, 'headers', async (send) => {
      await fc.assert(fc.asyncProperty(fc.oneof(badKey.map((k) => ({ 'idempotency-key': k })), badMatch.map((m) => ({ 'if-match': m }))), async (headers) => {
        await send({ method: 'POST', url: `/v1/cases/${real.transfer}/commands`, headers: { ...auth(OFFICER), ...headers }, payload: { type: 'FORM_TEAM', payload: TEAM } }, `headers ${JSON.stringify(headers).slice(0, 200)}`)
      }), { numRuns: runs(500) })
    })
  })

  it('refuses command payloads that break their command schema, from users allowed to send them, with 400 naming the field', async () => {
    const route = routes.find((r) => r.method === 'POST' && r.url === '/v1/cases/:id/commands')!
    const cases = [real.transfer, real.approved, real.confirmation, real.listing]
    const targets: Array<{ caseId: string; type: string; schema: Record<string, unknown>; users: string[] }> = []
    for (const caseId of cases) {
      const row = await tdb.db.selectFrom('cases').select(['procedure', 'parties']).where('id', '=', caseId).executeTakeFirstOrThrow()
      const def = PROCEDURES.find((p) => p.name === row.procedure) as ProcedureDefinition
      for (const spec of Object.values(def.commands)) {
        if (spec.party === 'system' || spec.roles.includes('system')) continue
        const agencies = commandParties(spec).map((k) => (row.parties as Record<string, string>)[k]).filter((a): a is string => a !== undefined)
        const candidates = agencies.length === 0 ? [] : (await tdb.db.selectFrom('users').select(['id', 'roles']).where('agency_id', 'in', agencies).execute())
          .filter((u) => (u.roles as string[]).some((r) => spec.roles.includes(r as never)))
          .map((u) => u.id)
        // Allowed means it may also read the case: the police may not act on a transfer that has
        // not been dispatched to them (403 before the payload is looked at).
        const users: string[] = []
        for (const user of candidates) if ((await app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: auth(user) })).statusCode === 200) users.push(user)
        if (users.length > 0) targets.push({ caseId, type: spec.type, schema: spec.payload as Record<string, unknown>, users })
      }
    }
    expect(targets.length).toBeGreaterThan(20)
    const perTarget = Math.max(15, Math.round(runs(4_000) / targets.length))
    await onRoute(route, `payloads (${targets.length} commands x ${perTarget})`, async (send) => {
      for (const target of targets) {
        await fc.assert(fc.asyncProperty(invalidPayload(target.schema), fc.constantFrom(...target.users), async (payload, user) => {
          const res = await send({ method: 'POST', url: `/v1/cases/${target.caseId}/commands`, headers: auth(user), payload: { type: target.type, payload } as object }, `${target.type} by ${user} payload ${JSON.stringify(payload).slice(0, 300)}`)
          // Allowed to send it, so only the payload is wrong: 400 naming a field of it.
          expect(res.statusCode, res.body).toBe(400)
          const problem = JSON.parse(res.body)
          expect(problem.code).toBe('VALIDATION_FAILED')
          expect(problem.fields?.[0]?.path, res.body).toMatch(/^\/body(\/payload)?/)
        }), { numRuns: perTarget })
      }
    })
    // The same payloads from users who may not send the command: refused too (403), never accepted.
    await onRoute(route, 'payloads, other users', async (send) => {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...targets), fc.constantFrom(...SIGNED_IN), fc.nat(), async (target, user, seed) => {
        const [payload] = fc.sample(invalidPayload(target.schema), { numRuns: 1, seed })
        await send({ method: 'POST', url: `/v1/cases/${target.caseId}/commands`, headers: auth(user), payload: { type: target.type, payload } as object }, `${target.type} by ${user}`)
      }), { numRuns: runs(500) })
    })
  })

  it('refuses opening payloads that break their procedure schema', async () => {
    const route = routes.find((r) => r.method === 'POST' && r.url === '/v1/cases')!
    const openers: Record<string, string> = { 'criminal-transfer': OFFICER, 'judicial-confirmation': 'msa-410300.officer1', 'credit-listing': OFFICER, 'transfer-supervision': 'procuratorate-620400.procurator' }
    await onRoute(route, 'open payloads', async (send) => {
      for (const def of PROCEDURES) {
        await fc.assert(fc.asyncProperty(invalidPayload(def.openPayload as Record<string, unknown>), fc.constantFrom(openers[def.name] ?? OFFICER, ...SIGNED_IN), async (payload, user) => {
          const res = await send({ method: 'POST', url: '/v1/cases', headers: auth(user), payload: { procedure: def.name, payload } as object }, `open ${def.name} by ${user} payload ${JSON.stringify(payload).slice(0, 300)}`)
          expect(res.statusCode, res.body).toBe(400)
        }), { numRuns: runs(400) })
      }
    })
  })

  it('refuses uploads whose bytes are not what they claim, or of types not accepted', async () => {
    const route = routes.find((r) => r.method === 'POST' && r.url === '/v1/cases/:id/documents')!
    const accepted = Object.keys(UPLOAD_MEDIA_TYPES)
    const declared = fc.oneof(fc.constantFrom(...accepted), fc.constantFrom('text/html', 'image/svg+xml', 'application/x-msdownload', 'application/zip', 'application/xml', 'application/javascript', 'application/msword', 'application/vnd.ms-word.document.macroEnabled.12', 'text/plain; charset=gbk', 'text/csv', 'image/bmp'))
    const bytes = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 2_000 }),
      fc.string({ unit: 'grapheme', minLength: 1 }).map((s) => new Uint8Array(Buffer.from(s))),
      fc.constantFrom('<!DOCTYPE html><script>alert(1)</script>', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<?xml version="1.0"?><svg/>', '#!/bin/sh\nrm -rf /\n', 'MZ\u0090\u0000\u0003', '\u007fELF\u0002\u0001', 'PK\u0003\u0004', '%PDF', 'GIF8', '\u0089PNG').map((s) => new Uint8Array(Buffer.from(s, 'latin1'))),
    )
    await onRoute(route, 'lying uploads', async (send) => {
      await fc.assert(fc.asyncProperty(declared, bytes, async (mediaType, content) => {
        if (sniffMediaType(content).mediaType === mediaType) return // what it claims to be: may be stored
        const res = await send({ method: 'POST', url: `/v1/cases/${real.transfer}/documents`, headers: auth(OFFICER), payload: { kind: 'evidence', name: 'x.bin', mediaType, contentBase64: Buffer.from(content).toString('base64') } }, `upload ${mediaType} of ${Buffer.from(content.slice(0, 16)).toString('hex')}`)
        expect(res.statusCode, res.body).toBe(415)
      }), { numRuns: runs(1_500) })
    })
  })
})

/** Whether `value` is a well-formed id for the parameter (those reach the engine, which may log the read). */
function wellFormedParam(name: string, value: string): boolean {
  if (name === 'id') return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
  if (name === 'documentId') return /^[1-9][0-9]{0,17}$/.test(value)
  if (name === 'creditCode') return isValidCreditCode(value)
  return false
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** Whether a query parameter's schema surely refuses `value` (the string the query carries). */
function refusesQueryValue(schema: Record<string, any> | undefined, value: string): boolean {
  if (!schema) return true
  if (schema.type === 'integer') return !/^-?\d+$/.test(value) || (schema.minimum !== undefined && Number(value) < schema.minimum) || (schema.maximum !== undefined && Number(value) > schema.maximum)
  if (schema.type === 'boolean') return !['true', 'false'].includes(value)
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return true
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return true
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return true
    if (schema.enum !== undefined && !schema.enum.includes(value)) return true
    return false
  }
  return false
}
