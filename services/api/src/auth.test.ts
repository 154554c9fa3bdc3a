import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'
import { Redis } from 'ioredis'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type XianjieConfig } from '@xianjie/config'
import { isAppError } from '@xianjie/domain'
import { redisUrl, cleanRedisPrefix } from '../../../test/support/env.ts'
import { addUser, createApiKey, disableUser, revokeApiKey } from './accounts.ts'
import { checkPasswordPolicy, createOidcVerifier, hashPassword, signToken, verifyPassword, verifyToken } from './auth.ts'
import { startTestApi, type TestApi } from './test-app.ts'

// Authentication end to end over the real app and a cloned database: passwords, sign-in,
// rotating refresh tokens, agency API keys, an identity provider (a real JWKS server), rate
// limits (in memory and in Redis), and what the logs never hold.

const SECRET = 'test-secret-test-secret-test-secret-0123'
const AGENCY = 'msa-620400'
const PASSWORD = 'correct horse battery staple'
const T0 = Date.parse('2026-03-02T01:00:00Z')

function configOf(env: Record<string, string> = {}): XianjieConfig {
  return loadConfig({ AUTH_SECRET: SECRET, LOG_LEVEL: 'info', ...env })
}

/** The app's clock, moved by the tests. */
function clock(start = T0) {
  let at = start
  return { now: () => at, advance: (seconds: number) => { at += seconds * 1000 } }
}

let ipSeq = 0
/** A fresh client address, so the per-address sign-in limit of one test never reaches another. */
const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`

function signIn(api: TestApi, userId: string, password: string, ip = freshIp()) {
  return api.app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { userId, password }, remoteAddress: ip })
}
function refresh(api: TestApi, refreshToken: string, ip = freshIp()) {
  return api.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken }, remoteAddress: ip })
}
function inbox(api: TestApi, authorization: string) {
  return api.app.inject({ method: 'GET', url: '/v1/inbox', headers: { authorization } })
}

describe('passwords', () => {
  it('hashes with scrypt into a PHC string, verifies only the right password, and refuses a tampered hash', async () => {
    const stored = await hashPassword(PASSWORD)
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/)
    expect(await hashPassword(PASSWORD)).not.toBe(stored) // a fresh salt each time
    expect(await verifyPassword(PASSWORD, stored)).toBe(true)
    expect(await verifyPassword(`${PASSWORD}!`, stored)).toBe(false)
    expect(await verifyPassword(PASSWORD, stored.replace('ln=15', 'ln=14'))).toBe(false)
    expect(await verifyPassword(PASSWORD, stored.replace('ln=15', 'ln=30'))).toBe(false) // cost out of bounds
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false)
  })

  it('keeps a password policy: at least 12 characters, not the user id', () => {
    expect(() => checkPasswordPolicy('elevenchars')).toThrow(/at least 12 characters/)
    expect(() => checkPasswordPolicy('aaaaaaaaaaaaaaaa')).toThrow(/4 different characters/)
    expect(() => checkPasswordPolicy('xx-msa-620400.alice-xx', 'msa-620400.alice')).toThrow(/user id/)
    expect(() => checkPasswordPolicy('twelve chars')).not.toThrow()
    try {
      checkPasswordPolicy('short')
    } catch (err) {
      expect(isAppError(err) && err.code === 'VALIDATION_FAILED' && typeof err.details.messageZh === 'string').toBe(true)
    }
  })
})

describe('access tokens', () => {
  it('carry sub, iss, iat, exp and a unique jti, and expire at exp on the clock they are checked against', () => {
    const a = signToken(SECRET, { sub: 'u1' }, 900, T0)
    const claims = verifyToken(SECRET, a, T0)
    expect(claims).toMatchObject({ sub: 'u1', iss: 'xianjie', iat: T0 / 1000, exp: T0 / 1000 + 900 })
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(verifyToken(SECRET, signToken(SECRET, { sub: 'u1' }, 900, T0), T0).jti).not.toBe(claims.jti)
    expect(verifyToken(SECRET, a, T0 + 899_000).sub).toBe('u1')
    expect(() => verifyToken(SECRET, a, T0 + 900_000)).toThrow(/expired/)
  })
})

describe('sign-in, refresh and sign-out', () => {
  let api: TestApi
  const time = clock()

  beforeAll(async () => {
    api = await startTestApi([], { config: configOf(), now: time.now, actorCacheMs: 0 })
    for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      await addUser(api.db.db, { userId: `${AGENCY}.${name}`, agencyId: AGENCY, roles: ['msa.officer'], name, password: PASSWORD })
    }
  })
  afterAll(async () => {
    await api?.close()
  })

  it('signs in with the right password: a short-lived access token that works, a refresh token, the actor', async () => {
    const res = await signIn(api, `${AGENCY}.alice`, PASSWORD)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, refreshExpiresIn: 12 * 3600, actor: { userId: `${AGENCY}.alice`, agencyId: AGENCY, roles: ['msa.officer'] } })
    expect(body.refreshToken).toMatch(/^xjr_[A-Za-z0-9_-]{43}$/)
    const claims = verifyToken(SECRET, body.accessToken, time.now())
    expect(claims.exp - claims.iat).toBe(900)
    expect((await inbox(api, `Bearer ${body.accessToken}`)).statusCode).toBe(200)
    // Only the hash of the refresh token is stored.
    const rows = await api.db.db.selectFrom('refresh_tokens').select(['token_hash']).where('user_id', '=', `${AGENCY}.alice`).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash.toString('base64url')).not.toContain(body.refreshToken.slice(4))
  })

  it('answers a wrong password, an unknown user, a user without a password and a disabled user alike', async () => {
    await disableUser(api.db.db, `${AGENCY}.erin`)
    const attempts = [
      await signIn(api, `${AGENCY}.bob`, 'not the password at all'),
      await signIn(api, `${AGENCY}.nobody`, PASSWORD),
      await signIn(api, `${AGENCY}.officer1`, PASSWORD), // a demo user: no password
      await signIn(api, `${AGENCY}.erin`, PASSWORD), // disabled, right password
    ]
    for (const res of attempts) {
      expect(res.statusCode).toBe(401)
      const { detail, detail_zh: zh, code } = res.json()
      expect({ detail, zh, code }).toEqual({ detail: 'user id or password is not valid', zh: '用户名或密码不正确', code: 'UNAUTHENTICATED' })
    }
  })

  it('refuses an access token once its TTL has passed on the api clock', async () => {
    const { accessToken } = (await signIn(api, `${AGENCY}.bob`, PASSWORD)).json()
    time.advance(899)
    expect((await inbox(api, `Bearer ${accessToken}`)).statusCode).toBe(200)
    time.advance(1)
    const expired = await inbox(api, `Bearer ${accessToken}`)
    expect(expired.statusCode).toBe(401)
    expect(expired.json().detail).toMatch(/expired/)
  })

  it('rotates refresh tokens; a rotated one presented again is refused and ends the whole sign-in', async () => {
    const first = (await signIn(api, `${AGENCY}.carol`, PASSWORD)).json()
    const second = await refresh(api, first.refreshToken)
    expect(second.statusCode, second.body).toBe(200)
    const s = second.json()
    expect(s.refreshToken).not.toBe(first.refreshToken)
    expect((await inbox(api, `Bearer ${s.accessToken}`)).statusCode).toBe(200)
    const rows = await api.db.db.selectFrom('refresh_tokens').selectAll().where('user_id', '=', `${AGENCY}.carol`).orderBy('issued_at').execute()
    expect(rows).toHaveLength(2)
    expect(rows[0]!.family).toBe(rows[1]!.family)
    expect(rows.find((r) => r.revoked_at !== null)?.replaced_by).toBe(rows.find((r) => r.revoked_at === null)?.id)

    // The first token again (stolen, or replayed): refused, and the family ends with it.
    const reuse = await refresh(api, first.refreshToken)
    expect(reuse.statusCode).toBe(401)
    expect(reuse.json().detail).toMatch(/already used or revoked/)
    expect((await refresh(api, s.refreshToken)).statusCode).toBe(401)
    expect(api.logs.join('')).toContain('possible theft')
    // Another sign-in of the same user is another family, unaffected.
    const other = (await signIn(api, `${AGENCY}.carol`, PASSWORD)).json()
    expect((await refresh(api, other.refreshToken)).statusCode).toBe(200)
  })

  it('ends a sign-in when its refresh lifetime has passed: refreshing never extends it', async () => {
    const first = (await signIn(api, `${AGENCY}.dave`, PASSWORD)).json()
    time.advance(6 * 3600)
    const mid = await refresh(api, first.refreshToken)
    expect(mid.statusCode).toBe(200)
    expect(mid.json().refreshExpiresIn).toBe(6 * 3600)
    time.advance(6 * 3600)
    const late = await refresh(api, mid.json().refreshToken)
    expect(late.statusCode).toBe(401)
    expect(late.json().detail).toMatch(/expired/)
  })

  it('refuses a malformed or unknown refresh token', async () => {
    expect((await refresh(api, 'xjr_nope')).statusCode).toBe(401)
    expect((await refresh(api, `xjr_${Buffer.alloc(32, 7).toString('base64url')}`)).statusCode).toBe(401)
  })

  it('signs out: the refresh token is revoked (204), and stays refused', async () => {
    const s = (await signIn(api, `${AGENCY}.bob`, PASSWORD)).json()
    const out = await api.app.inject({ method: 'POST', url: '/v1/auth/sign-out', payload: { refreshToken: s.refreshToken }, remoteAddress: freshIp() })
    expect(out.statusCode).toBe(204)
    expect((await refresh(api, s.refreshToken)).statusCode).toBe(401)
    // Unknown tokens sign out quietly too: nothing to learn from the answer.
    const unknown = await api.app.inject({ method: 'POST', url: '/v1/auth/sign-out', payload: { refreshToken: 'xjr_whatever' }, remoteAddress: freshIp() })
    expect(unknown.statusCode).toBe(204)
  })

  it('refuses a disabled user everywhere: sign-in, refresh, and the access token it already has', async () => {
    await addUser(api.db.db, { userId: `${AGENCY}.frank`, agencyId: AGENCY, roles: ['msa.officer'], name: 'frank', password: PASSWORD })
    const s = (await signIn(api, `${AGENCY}.frank`, PASSWORD)).json()
    expect((await inbox(api, `Bearer ${s.accessToken}`)).statusCode).toBe(200)
    const { sessionsEnded } = await disableUser(api.db.db, `${AGENCY}.frank`)
    expect(sessionsEnded).toBe(1)
    expect((await inbox(api, `Bearer ${s.accessToken}`)).statusCode).toBe(401)
    expect((await refresh(api, s.refreshToken)).statusCode).toBe(401)
    expect((await signIn(api, `${AGENCY}.frank`, PASSWORD)).statusCode).toBe(401)
  })

  it('never logs the password, the access token or the refresh token', async () => {
    api.logs.length = 0
    const s = (await signIn(api, `${AGENCY}.alice`, PASSWORD)).json()
    const r = (await refresh(api, s.refreshToken)).json()
    await inbox(api, `Bearer ${r.accessToken}`)
    await signIn(api, `${AGENCY}.alice`, 'a wrong password, also secret')
    api.app.log.info({ body: { userId: 'x', password: PASSWORD, refreshToken: s.refreshToken }, accessToken: s.accessToken }, 'probe')
    const logs = api.logs.join('')
    expect(logs).toContain('signed in')
    expect(logs).toContain('probe')
    for (const secret of [PASSWORD, 'a wrong password, also secret', s.accessToken, s.refreshToken, r.accessToken, r.refreshToken]) {
      expect(logs).not.toContain(secret)
    }
  })

  it('keeps the demo sign-in off unless the app is built with it', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/auth/token', payload: { userId: `${AGENCY}.officer1` } })
    expect(res.statusCode).toBe(404)
  })
})

describe('rate limits', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi([], { config: configOf({ RATE_LIMIT_WRITES_PER_MIN: '3', RATE_LIMIT_SIGNIN_PER_IP_PER_MIN: '8' }) })
    for (const name of ['grace', 'heidi']) {
      await addUser(api.db.db, { userId: `${AGENCY}.${name}`, agencyId: AGENCY, roles: ['msa.officer'], name, password: PASSWORD })
    }
  })
  afterAll(async () => {
    await api?.close()
  })

  it('refuses the 6th sign-in for one user within a minute, even with the right password; another user is not affected', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(api, `${AGENCY}.grace`, `wrong password ${i}`)).statusCode).toBe(401)
    const sixth = await signIn(api, `${AGENCY}.grace`, PASSWORD)
    expect(sixth.statusCode).toBe(429)
    expect(sixth.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0)
    expect(sixth.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', type: 'urn:xianjie:problem:rate-limited' })
    expect(sixth.json().detail).toMatch(/too many sign-in attempts for this user/)
    expect(sixth.json().detail_zh).toMatch(/该用户登录尝试过于频繁/)
    expect((await signIn(api, `${AGENCY}.heidi`, PASSWORD)).statusCode).toBe(200)
  })

  it('limits sign-in, refresh and sign-out per client address', async () => {
    const ip = freshIp()
    for (let i = 0; i < 8; i++) expect((await signIn(api, `${AGENCY}.nobody${i}`, PASSWORD, ip)).statusCode).toBe(401)
    expect((await signIn(api, `${AGENCY}.heidi`, PASSWORD, ip)).statusCode).toBe(429)
    expect((await refresh(api, 'xjr_x', ip)).statusCode).toBe(429)
    expect((await signIn(api, `${AGENCY}.heidi`, PASSWORD, freshIp())).statusCode).toBe(200)
  })

  it('limits writes per user (any non-GET /v1 route), not reads, and not other users', async () => {
    const officer = api.as(`${AGENCY}.officer1`)
    // Bodies the schema refuses still count: the limit comes before the body is read.
    for (let i = 0; i < 3; i++) expect((await api.app.inject({ method: 'POST', url: '/v1/cases', headers: officer, payload: { nonsense: i } })).statusCode).toBe(400)
    const limited = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: officer, payload: { nonsense: 4 } })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' })
    expect(limited.headers['retry-after']).toBeDefined()
    expect((await api.app.inject({ method: 'GET', url: '/v1/inbox', headers: officer })).statusCode).toBe(200)
    expect((await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(`${AGENCY}.officer2`), payload: {} })).statusCode).toBe(400)
  })

  it('keeps the counters in Redis when REDIS_URL is set, shared by every api process', async () => {
    const prefix = `${api.db.queuePrefix}-rl`
    const config = configOf({ REDIS_URL: redisUrl(), QUEUE_PREFIX: prefix })
    const a = await startTestApi([], { config })
    const { buildApp } = await import('./app.ts')
    const b = buildApp({ engine: a.engine, db: a.db.db, config, log: a.app.log as never })
    try {
      await addUser(a.db.db, { userId: `${AGENCY}.ivan`, agencyId: AGENCY, roles: ['msa.officer'], name: 'ivan', password: PASSWORD })
      for (const app of [a.app, b, a.app, b, a.app]) {
        expect((await app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { userId: `${AGENCY}.ivan`, password: 'wrong password here' }, remoteAddress: freshIp() })).statusCode).toBe(401)
      }
      expect((await b.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { userId: `${AGENCY}.ivan`, password: PASSWORD }, remoteAddress: freshIp() })).statusCode).toBe(429)
      const redis = new Redis(redisUrl())
      try {
        expect(await redis.get(`${prefix}:rl:signin-user:${AGENCY}.ivan`)).toBe('6')
      } finally {
        redis.disconnect()
      }
    } finally {
      await b.close()
      await a.close()
      await cleanRedisPrefix(redisUrl(), prefix)
    }
  })
})

describe('agency API keys', () => {
  let api: TestApi
  const time = clock()

  beforeAll(async () => {
    api = await startTestApi([], { config: configOf(), now: time.now, actorCacheMs: 0 })
  })
  afterAll(async () => {
    await api?.close()
  })

  const keyed = (key: string) => `ApiKey ${key}`

  it('reads the agency inbox with a key, and refuses every non-GET with 403', async () => {
    const { key, id } = await createApiKey(api.db.db, { agencyId: AGENCY, label: 'case system' })
    expect(key).toMatch(new RegExp(`^xjk_${id}_[A-Za-z0-9_-]{43}$`))
    const read = await inbox(api, keyed(key))
    expect(read.statusCode, read.body).toBe(200)
    const write = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: { authorization: keyed(key) }, payload: { procedure: 'criminal-transfer', payload: {} } })
    expect(write.statusCode).toBe(403)
    expect(write.json()).toMatchObject({ code: 'FORBIDDEN' })
    expect(write.json().detail).toMatch(/API key may only read/)
    expect(write.json().detail_zh).toMatch(/只能读取/)
    // Only the secret's hash is stored.
    const row = await api.db.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.secret_hash).toHaveLength(32)
    expect(JSON.stringify(row)).not.toContain(key.split('_').slice(2).join('_'))
  })

  it('refuses a wrong secret, an unknown id, a malformed key and a revoked key with 401', async () => {
    const { key, id } = await createApiKey(api.db.db, { agencyId: AGENCY })
    const secret = key.slice(`xjk_${id}_`.length)
    const wrong = `xjk_${id}_${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`
    for (const k of [wrong, `xjk_000000000000_${secret}`, 'xjk_nope', key.toUpperCase()]) {
      const res = await inbox(api, keyed(k))
      expect(res.statusCode, k).toBe(401)
      expect(res.json().detail).toBe('API key is not valid, expired or revoked')
    }
    expect((await inbox(api, keyed(key))).statusCode).toBe(200)
    await revokeApiKey(api.db.db, id)
    expect((await inbox(api, keyed(key))).statusCode).toBe(401)
  })

  it('keeps a rotated key working through its grace, then refuses it; the new key works', async () => {
    const old = await createApiKey(api.db.db, { agencyId: AGENCY, label: 'old', now: new Date(time.now()) })
    const next = await createApiKey(api.db.db, { agencyId: AGENCY, label: 'new', rotate: old.id, now: new Date(time.now()) })
    expect(next.rotated).toEqual({ id: old.id, expiresAt: new Date(time.now() + 24 * 3600 * 1000) })
    expect((await inbox(api, keyed(old.key))).statusCode).toBe(200)
    expect((await inbox(api, keyed(next.key))).statusCode).toBe(200)
    // The grace over: its expiry put a second into the past of the api's clock.
    await sql`update api_keys set expires_at = ${new Date(time.now() - 1000)} where id = ${old.id}`.execute(api.db.db)
    expect((await inbox(api, keyed(old.key))).statusCode).toBe(401)
    expect((await inbox(api, keyed(next.key))).statusCode).toBe(200)
  })

  it('records last_used_at at most once a minute', async () => {
    const { key, id } = await createApiKey(api.db.db, { agencyId: AGENCY })
    const lastUsed = async () => (await api.db.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at
    expect(await lastUsed()).toBeNull()
    await inbox(api, keyed(key))
    const first = await lastUsed()
    expect(first?.getTime()).toBe(time.now())
    time.advance(30)
    await inbox(api, keyed(key))
    expect((await lastUsed())?.getTime()).toBe(first?.getTime())
    time.advance(31)
    await inbox(api, keyed(key))
    expect((await lastUsed())?.getTime()).toBe(time.now())
  })
})

describe('identity provider (OIDC)', () => {
  const ISS = 'https://idp.example.gov.cn/realms/xianjie'
  const AUD = 'xianjie-api'
  let server: Server
  let jwksUrl: string
  let rsa: { privateKey: CryptoKey; publicKey: CryptoKey }
  let ec: { privateKey: CryptoKey; publicKey: CryptoKey }
  let impostor: { privateKey: CryptoKey; publicKey: CryptoKey }
  let api: TestApi

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256')
    ec = await generateKeyPair('ES256')
    impostor = await generateKeyPair('RS256')
    const keys: JWK[] = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ]
    server = createServer((req, res) => {
      if (req.url === '/jwks') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ keys }))
      } else {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`
    api = await startTestApi([], { config: configOf({ OIDC_ISSUER: ISS, OIDC_AUDIENCE: AUD, OIDC_JWKS_URL: jwksUrl }) })
  })
  afterAll(async () => {
    await api?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  async function idToken(o: { key?: CryptoKey; kid?: string; alg?: string; aud?: string; iss?: string; user?: string; exp?: number } = {}) {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({ preferred_username: o.user ?? `${AGENCY}.officer1` })
      .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'rsa-1' })
      .setIssuer(o.iss ?? ISS)
      .setAudience(o.aud ?? AUD)
      .setIssuedAt(now - 60)
      .setExpirationTime(o.exp ?? now + 300)
      .sign(o.key ?? rsa.privateKey)
  }

  it('accepts a provider token (RS256 or ES256) and maps it to the Xianjie user named by preferred_username', async () => {
    const res = await inbox(api, `Bearer ${await idToken()}`)
    expect(res.statusCode, res.body).toBe(200)
    expect((await inbox(api, `Bearer ${await idToken({ key: ec.privateKey, kid: 'ec-1', alg: 'ES256' })}`)).statusCode).toBe(200)
    // Xianjie's own tokens keep working beside the provider's.
    expect((await inbox(api, api.as(`${AGENCY}.officer1`).authorization)).statusCode).toBe(200)
  })

  it('refuses a token signed by another key, for another audience or issuer, expired, or for an unknown user', async () => {
    const now = Math.floor(Date.now() / 1000)
    const refused = {
      'another key, same kid': await idToken({ key: impostor.privateKey }),
      'another key, unknown kid': await idToken({ key: impostor.privateKey, kid: 'rsa-9' }),
      'wrong audience': await idToken({ aud: 'someone-else' }),
      'wrong issuer': await idToken({ iss: 'https://evil.example.com' }),
      expired: await idToken({ exp: now - 120 }),
      'unknown user': await idToken({ user: `${AGENCY}.nobody` }),
      // Signed with our own secret but dressed as the provider's (a kid): never checked with HMAC.
      'HS256 with a kid': await new SignJWT({ preferred_username: `${AGENCY}.officer1` })
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setIssuer(ISS).setAudience(AUD).setExpirationTime(now + 300)
        .sign(new TextEncoder().encode(SECRET)),
    }
    for (const [why, token] of Object.entries(refused)) {
      const res = await inbox(api, `Bearer ${token}`)
      expect(res.statusCode, why).toBe(401)
      expect(res.json().code, why).toBe('UNAUTHENTICATED')
    }
  })

  it('answers 503, not 401, when the provider keys cannot be fetched', async () => {
    const verify = createOidcVerifier({ issuer: ISS, audience: AUD, jwksUrl: 'http://127.0.0.1:9/jwks', userClaim: 'preferred_username' })
    await expect(verify(await idToken(), Date.now())).rejects.toMatchObject({ code: 'DEPENDENCY_DOWN' })
  })
})
