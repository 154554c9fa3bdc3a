import { PROCEDURES } from '@xianjie/engine'
import { loadConfig } from '@xianjie/config'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASE_OPEN } from '../../../test/support/samples.ts'
import { BODY_LIMIT_BYTES } from './app.ts'
import { illFormedAt, MAX_JSON_DEPTH } from './security.ts'
import { startTestApi, type TestApi } from './test-app.ts'

const OFFICER = 'msa-620400.officer1'
const LISTED = 'https://xianjie.example.gov.cn'
const CREDIT_CODE = '91620402MA0000001U'

describe('security headers, CORS and caching', () => {
  let api: TestApi

  beforeAll(async () => {
    const config = loadConfig({ AUTH_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'warn', CORS_ORIGINS: `${LISTED}, http://localhost:5173` })
    api = await startTestApi(PROCEDURES, { config })
  })
  afterAll(async () => {
    await api?.close()
  })

  const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers: { ...api.as(OFFICER), ...headers } })

  it('sends helmet headers with a strict CSP, HSTS and no-store on every /v1 answer', async () => {
    for (const res of [await get('/v1/inbox'), await get('/v1/cases/not-a-uuid'), await get('/v1/nowhere')]) {
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(csp).not.toContain('unsafe-eval')
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['x-frame-options']).toBe('DENY')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers['x-powered-by']).toBeUndefined()
    }
  })

  it('lets the public credit register be cached briefly, but not its refusals', async () => {
    const ok = await api.app.inject({ method: 'GET', url: `/v1/credit-list/${CREDIT_CODE}` })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.headers['cache-control']).toBe('public, max-age=60')
    const bad = await api.app.inject({ method: 'GET', url: '/v1/credit-list/91620402MA0000001X' })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['cache-control']).toBe('no-store')
  })

  it('relaxes the CSP for /docs only as far as swagger-ui needs: inline styles and data: images, never inline scripts', async () => {
    const docs = await api.app.inject({ method: 'GET', url: '/docs' })
    expect(docs.statusCode).toBe(200)
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/) // scripts come from files
    const csp = String(docs.headers['content-security-policy'])
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self' 'unsafe-inline'")
    expect(csp).toContain("img-src 'self' data:")
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
    const json = await api.app.inject({ method: 'GET', url: '/docs/json' })
    expect(json.statusCode).toBe(200)
    expect(String(json.headers['content-security-policy'])).toBe(csp)
  })

  it('answers a preflight from an unlisted origin without Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example.com', 'https://xianjie.example.gov.cn.evil.com', 'http://xianjie.example.gov.cn', 'null']) {
      const res = await api.app.inject({ method: 'OPTIONS', url: '/v1/cases', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } })
      expect(res.headers['access-control-allow-origin'], origin).toBeUndefined()
      expect(res.headers['access-control-allow-methods']).toBeUndefined()
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    // A plain request from an unlisted origin: answered (the browser hides it), never allowed.
    const simple = await get('/v1/inbox', { origin: 'https://evil.example.com' })
    expect(simple.statusCode).toBe(200)
    expect(simple.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('answers a preflight from a listed origin with exactly that origin, methods and headers', async () => {
    const res = await api.app.inject({ method: 'OPTIONS', url: '/v1/cases', headers: { origin: LISTED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' } })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(LISTED)
    expect(String(res.headers['access-control-allow-methods'])).toBe('GET, HEAD, POST')
    expect(String(res.headers['access-control-allow-headers'])).toContain('Idempotency-Key')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(String(res.headers.vary)).toContain('Origin')
    const actual = await get('/v1/inbox', { origin: LISTED })
    expect(actual.headers['access-control-allow-origin']).toBe(LISTED)
    expect(String(actual.headers['access-control-expose-headers'])).toContain('ETag')
  })

  it('is closed when CORS_ORIGINS is empty, and refuses an origin that is not one', async () => {
    const closed = await startTestApi(PROCEDURES)
    try {
      const res = await closed.app.inject({ method: 'OPTIONS', url: '/v1/cases', headers: { origin: LISTED, 'access-control-request-method': 'POST' } })
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
      expect(res.statusCode).toBe(404)
    } finally {
      await closed.close()
    }
    expect(loadConfig({}).corsOrigins).toEqual([])
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.cn,https://b.example.cn:8443' }).corsOrigins).toEqual(['https://a.example.cn', 'https://b.example.cn:8443'])
    for (const bad of ['*', 'https://a.example.cn/', 'https://a.example.cn/app', 'ftp://a.example.cn', 'a.example.cn']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/)
    }
  })
})

describe('bodies the api cannot take', () => {
  let api: TestApi
  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
  })
  afterAll(async () => {
    await api?.close()
  })

  const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
    api.app.inject({ method: 'POST', url, headers: { ...api.as(OFFICER), 'content-type': 'application/json', ...headers }, payload })

  it('refuses a body over the limit with 413 naming the limit', async () => {
    const res = await post('/v1/cases', JSON.stringify({ procedure: 'criminal-transfer', payload: { ...CASE_OPEN, title: 'x'.repeat(BODY_LIMIT_BYTES) } }))
    expect(res.statusCode).toBe(413)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = res.json()
    expect(problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', detail_zh: '请求内容超过大小上限' })
    expect(problem.detail).toMatch(/^\d+ bytes is over the limit of 1048576 bytes \(1 MiB\) for POST \/v1\/cases$/)
  })

  it('says where JSON is broken, and what is wrong with a media type', async () => {
    const broken = await post('/v1/cases', '{"procedure": "criminal-transfer",}')
    expect(broken.statusCode).toBe(400)
    expect(broken.json().detail).toMatch(/^the body is not valid JSON: .*(position|property name)/)
    const empty = await post('/v1/cases', '')
    expect(empty.statusCode).toBe(400)
    expect(empty.json().detail).toBe('the body is empty; send a JSON document')
    const xml = await post('/v1/cases', '<case/>', { 'content-type': 'application/xml' })
    expect(xml.statusCode).toBe(415)
    expect(xml.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' })
    expect(xml.json().detail).toContain('send application/json')
  })

  it('refuses prototype keys, NUL, unpaired surrogates, infinities and deep nesting before any schema, naming the place', async () => {
    const url = '/v1/cases'
    const cases: Array<[string, string]> = [
      ['{"procedure":"criminal-transfer","payload":{"__proto__":{"admin":true}}}', '/body/payload/__proto__'],
      ['{"procedure":"criminal-transfer","payload":{"constructor":{"prototype":{"admin":true}}}}', '/body/payload/constructor'],
      ['{"procedure":"criminal-transfer","payload":{"title":"a\\u0000b"}}', '/body/payload/title'],
      ['{"procedure":"criminal-transfer","payload":{"title":"\\ud800"}}', '/body/payload/title'],
      ['{"procedure":"criminal-transfer","payload":{"illegalBusinessVolume":1e999}}', '/body/payload/illegalBusinessVolume'],
    ]
    for (const [body, path] of cases) {
      const res = await post(url, body)
      expect(res.statusCode, body).toBe(400)
      expect(res.json().fields, body).toEqual([expect.objectContaining({ path })])
    }
    const deep = await post(url, `{"procedure":"criminal-transfer","payload":${'{"a":'.repeat(200)}1${'}'.repeat(200)}}`)
    expect(deep.statusCode).toBe(400)
    expect(deep.json().detail).toContain(`nested deeper than ${MAX_JSON_DEPTH} levels`)
    expect(({} as Record<string, unknown>).admin).toBeUndefined()
    // A coerced query number that is not finite (Ajv lets "1e999" past `maximum`).
    const inf = await api.app.inject({ method: 'GET', url: '/v1/inbox?limit=1e999', headers: api.as(OFFICER) })
    expect(inf.statusCode).toBe(400)
    expect(inf.json().fields).toEqual([{ path: '/querystring/limit', message: 'is not a finite number' }])
  })

  it('answers malformed URLs as problems too: a bad percent-encoding, a parameter over 100 characters', async () => {
    for (const url of ['/v1/cases/%E0%A4%A', `/v1/cases/${'a'.repeat(101)}`]) {
      const res = await api.app.inject({ method: 'GET', url, headers: api.as(OFFICER) })
      expect(res.statusCode, url).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringMatching(/percent-encoding|longer than 100/) })
    }
  })

  it('checks credit codes and division codes in query filters with the identifier rules, naming the fault', async () => {
    const supervisor = api.as('government-620400.supervisor')
    const search = await api.app.inject({ method: 'GET', url: '/v1/supervision/search?creditCode=91620402MA0000001X', headers: supervisor })
    expect(search.statusCode).toBe(400)
    expect(search.json()).toMatchObject({
      detail: 'querystring is not valid: /querystring/creditCode the check character is X but the first 17 characters give U (GB 32100-2015)',
      fields: [{ path: '/querystring/creditCode', message: 'the check character is X but the first 17 characters give U (GB 32100-2015)' }],
      detail_zh: '校验码错误：第18位应为U，实际为X',
    })
    expect((await api.app.inject({ method: 'GET', url: '/v1/supervision/search?creditCode=91620402MA0000001U', headers: supervisor })).statusCode).toBe(200)
    for (const path of ['overdue', 'transfer-flags', 'search', 'statistics?from=2026-01-01&to=2026-01-31&']) {
      const url = `/v1/supervision/${path}${path.includes('?') ? '' : '?'}within=990000`
      const res = await api.app.inject({ method: 'GET', url, headers: supervisor })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().fields).toEqual([{ path: '/querystring/within', message: 'division code 990000 names no province: its first two digits must be 11 to 82 (GB/T 2260)' }])
    }
    const credit = await api.app.inject({ method: 'GET', url: '/v1/credit-list/91620402MA000000' })
    expect(credit.statusCode).toBe(400)
    expect(credit.json().detail).toContain('has 18 characters, this one has 16')
    const period = await api.app.inject({ method: 'GET', url: '/v1/supervision/statistics?from=2026-02-01&to=2026-01-31', headers: supervisor })
    expect(period.statusCode).toBe(400)
    expect((await api.app.inject({ method: 'GET', url: '/v1/supervision/statistics?from=2026-02-30&to=2026-03-31', headers: supervisor })).statusCode).toBe(400)
  })

  it('refuses unknown query parameters on every route instead of ignoring them', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/procedures?debug=1', headers: api.as(OFFICER) })
    expect(res.statusCode).toBe(400)
    expect(res.json().fields).toEqual([expect.objectContaining({ path: '/querystring/debug' })])
    expect((await api.app.inject({ method: 'GET', url: '/healthz?x=1' })).statusCode).toBe(400)
  })

  it('finds ill-formed values iteratively, at any depth up to the limit', () => {
    let deep: unknown = 'ok'
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) deep = [deep]
    expect(illFormedAt(deep)).toBeNull()
    let deeper: unknown = 'ok'
    for (let i = 0; i < 100_000; i++) deeper = { a: deeper }
    expect(illFormedAt(deeper)?.message).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`)
    expect(illFormedAt({ a: ['x', 'y\u0000'] })).toEqual({ path: '/a/1', message: 'holds a NUL character or an unpaired UTF-16 surrogate' })
    expect(illFormedAt({ ok: '😀 汉字 \u202e' })).toBeNull() // a pair is fine; bidi controls are for schemas to judge
  })
})
