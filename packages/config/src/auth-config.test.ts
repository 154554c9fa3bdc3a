import { describe, expect, it } from 'vitest'
import { loadConfig } from './index.ts'

// The demo switch, token lifetimes, the identity provider and the rate limits.

describe('the demo switch', () => {
  it('is off unless XIANJIE_DEMO=true, with or without a database', () => {
    for (const env of [{}, { DATABASE_URL: 'postgres://db/x' }]) {
      expect(loadConfig(env)).toMatchObject({ demo: false, seedDemo: false, demoAuth: false })
    }
    expect(loadConfig({ XIANJIE_DEMO: 'true' })).toMatchObject({ demo: true, seedDemo: true, demoAuth: true })
    expect(loadConfig({ XIANJIE_DEMO: 'true', SEED_DEMO: 'false' })).toMatchObject({ demo: true, seedDemo: false, demoAuth: true })
    expect(loadConfig({ XIANJIE_DEMO: 'true', DEMO_AUTH: 'false' })).toMatchObject({ demo: true, seedDemo: true, demoAuth: false })
  })

  it('refuses SEED_DEMO or DEMO_AUTH turned on without XIANJIE_DEMO=true, saying why', () => {
    expect(() => loadConfig({ SEED_DEMO: 'true' })).toThrow(/SEED_DEMO=true without XIANJIE_DEMO=true/)
    expect(() => loadConfig({ DEMO_AUTH: 'true', DATABASE_URL: 'postgres://db/x' })).toThrow(/DEMO_AUTH=true without XIANJIE_DEMO=true/)
    expect(() => loadConfig({ SEED_DEMO: 'true', XIANJIE_DEMO: 'false' })).toThrow(/enabled only by XIANJIE_DEMO=true/)
    // Turning them off stays accepted (deployments that set SEED_DEMO=false under the old default).
    expect(loadConfig({ SEED_DEMO: 'false', DEMO_AUTH: 'false' })).toMatchObject({ seedDemo: false, demoAuth: false })
  })
})

describe('authentication settings', () => {
  it('has short access tokens, a 12-hour sign-in, and limits that tests and officers do not reach', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ accessTokenTtlSeconds: 900, refreshTokenTtlSeconds: 43_200, oidc: null, trustProxy: false })
    expect(c.rateLimits).toEqual({ signInPerUser: 5, signInPerIp: 30, writesPerUser: 120 })
    expect(loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '60', RATE_LIMIT_SIGNIN_PER_MIN: '3', RATE_LIMIT_WRITES_PER_MIN: '0' })).toMatchObject({
      accessTokenTtlSeconds: 60,
      rateLimits: { signInPerUser: 3, writesPerUser: 0 },
    })
    expect(() => loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '0' })).toThrow(/ACCESS_TOKEN_TTL_SECONDS/)
  })

  it('takes an identity provider only whole, and its keys over https (http only on localhost)', () => {
    const idp = { OIDC_ISSUER: 'https://idp.example.gov.cn', OIDC_AUDIENCE: 'xianjie', OIDC_JWKS_URL: 'https://idp.example.gov.cn/jwks' }
    expect(loadConfig(idp).oidc).toEqual({ issuer: idp.OIDC_ISSUER, audience: 'xianjie', jwksUrl: idp.OIDC_JWKS_URL, userClaim: 'preferred_username' })
    expect(loadConfig({ ...idp, OIDC_USER_CLAIM: 'employee_id' }).oidc?.userClaim).toBe('employee_id')
    expect(() => loadConfig({ OIDC_ISSUER: idp.OIDC_ISSUER })).toThrow(/must be set together/)
    expect(() => loadConfig({ ...idp, OIDC_JWKS_URL: 'http://idp.example.gov.cn/jwks' })).toThrow(/https/)
    expect(loadConfig({ ...idp, OIDC_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).oidc?.jwksUrl).toBe('http://127.0.0.1:8080/jwks')
  })

  it('reads TRUST_PROXY as off, on, a hop count or a list of addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.1'])
  })
})
