import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '@xianjie/engine'
import { signToken, verifyToken } from './auth.ts'
import { STATUS_BY_CODE } from './problems.ts'
import { startTestApi, type TestApi } from './test-app.ts'

// Auth, health, docs and the error handler: no procedure is needed, so none is registered.

const USER = 'msa-620400.officer1'

describe('signed bearer tokens', () => {
  const secret = 's'.repeat(40)

  it('round-trips a token and refuses tampering, other secrets, alg changes and expiry', () => {
    const token = signToken(secret, { sub: USER })
    expect(verifyToken(secret, token).sub).toBe(USER)

    const [h, p, s] = token.split('.') as [string, string, string]
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'msa-620400.head' })).toString('base64url')
    expect(() => verifyToken(secret, `${h}.${forged}.${s}`)).toThrow(/signature/)
    expect(() => verifyToken('o'.repeat(40), token)).toThrow(/signature/)
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    expect(() => verifyToken(secret, `${none}.${p}.`)).toThrow()
    expect(() => verifyToken(secret, signToken(secret, { sub: USER }, 60), Date.now() + 61_000)).toThrow(/expired/)
  })
})

describe('app', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi([])
  })
  afterAll(async () => {
    await api?.close()
  })

  it('answers 401 without a token, with a bad one, an expired one, or for an unknown user', async () => {
    const cases: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer not.a.token' },
      { authorization: `Bearer ${signToken('x'.repeat(40), { sub: USER })}` },
      { authorization: `Bearer ${signToken(api.config.authSecret, { sub: USER }, -1)}` },
      { authorization: `Bearer ${signToken(api.config.authSecret, { sub: 'nobody.at.all' })}` },
    ]
    for (const headers of cases) {
      const res = await api.app.inject({ method: 'GET', url: '/v1/inbox', headers })
      expect(res.statusCode, JSON.stringify(headers)).toBe(401)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/)
      expect(res.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', type: 'urn:xianjie:problem:unauthenticated' })
    }
    const ok = await api.app.inject({ method: 'GET', url: '/v1/inbox', headers: api.as(USER) })
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('answers the public credit-list query without sign-in, and says what is wrong with a bad code', async () => {
    // Demo enterprise 白银甲科技有限公司: not on any list in a fresh database.
    const clean = await api.app.inject({ method: 'GET', url: '/v1/credit-list/91620402MA0000001U' })
    expect(clean.statusCode, clean.body).toBe(200)
    expect(clean.json()).toMatchObject({ creditCode: '91620402MA0000001U', listed: false, regimes: [], records: [] })

    const bad = [
      ['91620402MA0000001', '18 characters, this one has 17'],
      ['91620402MA0000001I', 'character 18 ("I") is not allowed'],
      ['91620402MA00000018', 'the check character is 8 but the first 17 characters give U'],
    ] as const
    for (const [code, says] of bad) {
      const res = await api.app.inject({ method: 'GET', url: `/v1/credit-list/${code}` })
      expect(res.statusCode, code).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      const problem = res.json()
      expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' })
      expect(problem.detail).toContain(says)
    }
  })

  it('checks the token before the body, so anonymous callers learn nothing of the schema', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/cases', payload: { nonsense: true } })
    expect(res.statusCode).toBe(401)
  })

  it('hides demo sign-in unless enabled', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { userId: USER } })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('NOT_FOUND')
  })

  it('reports liveness and readiness', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const ready = await api.app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
  })

  it('serves the OpenAPI document with the bearer scheme and problem responses', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/docs/json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info.title).toBe('Xianjie')
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const post = doc.paths['/v1/cases/{id}/commands'].post
    expect(post.responses['412'].content['application/problem+json']).toBeDefined()
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id', 'idempotency-key', 'if-match']))
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>)) {
      for (const [method, op] of Object.entries(item)) {
        expect(Object.keys(op.responses).some((s) => s.startsWith('2')), `${method} ${path} declares its answer`).toBe(true)
      }
    }
    expect((await api.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400)
  })

  it('answers unknown routes with a 404 problem', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v2/whatever' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('maps every error code to a status in one table', () => {
    expect(STATUS_BY_CODE.WRONG_STATE.status).toBe(409)
    expect(STATUS_BY_CODE.STALE_VERSION.status).toBe(412)
    expect(STATUS_BY_CODE.RULE_REFUSED.status).toBe(422)
    expect(STATUS_BY_CODE.IDEMPOTENCY_KEY_REUSED.status).toBe(422)
    expect(STATUS_BY_CODE.DEPENDENCY_DOWN.status).toBe(503)
  })

  it('redacts credentials and personal fields from logs', () => {
    api.logs.length = 0
    api.app.log.info({ req: { headers: { authorization: 'Bearer secret-token', cookie: 'sid=1' } }, suspect: { idNumber: '110101199003077777', phone: '13800000000' } }, 'probe')
    const line = api.logs.join('')
    expect(line).toContain('probe')
    expect(line).not.toContain('secret-token')
    expect(line).not.toContain('sid=1')
    expect(line).not.toContain('110101199003077777')
    expect(line).not.toContain('13800000000')
  })
})

describe('app with failing dependencies', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi([], {
      demoAuth: true,
      ready: async () => {
        throw new Error('redis is down')
      },
    })
  })
  afterAll(async () => {
    await api?.close()
  })

  it('answers /readyz with 503 when a dependency is down', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ code: 'DEPENDENCY_DOWN', status: 503 })
    expect(res.headers['retry-after']).toBeDefined()
    expect((await api.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })

  it('issues demo tokens for seeded users only', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { userId: 'police-620400.head' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().actor).toMatchObject({ userId: 'police-620400.head', agencyId: 'police-620400', division: '620400', roles: ['police.head'] })
    const inbox = await api.app.inject({ method: 'GET', url: '/v1/inbox', headers: { authorization: `Bearer ${res.json().token}` } })
    expect(inbox.statusCode).toBe(200)
    expect((await api.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { userId: 'nobody' } })).statusCode).toBe(401)
  })

  it('answers an unexpected failure with a generic 500 that leaks nothing', async () => {
    const { buildApp } = await import('./app.ts')
    const leaky: Engine = new Proxy(api.engine, {
      get(target, prop, receiver) {
        if (prop === 'inbox') return async () => { throw new Error('boom at 110101199003077777 in pg pool internals') }
        return Reflect.get(target, prop, receiver)
      },
    })
    const app = buildApp({ engine: leaky, db: api.db.db, config: api.config, log: api.app.log as never })
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/inbox', headers: api.as(USER) })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toMatchObject({ code: 'INTERNAL', status: 500 })
      expect(res.body).not.toContain('110101199003077777')
      expect(res.body).not.toContain('pg pool')
    } finally {
      await app.close()
    }
  })
})
