import { randomBytes } from 'node:crypto'

/**
 * Xianjie's configuration, parsed once from the environment. Nothing else reads
 * `process.env`; services receive this frozen object.
 */
export interface XianjieConfig {
  /** Unset → the launcher starts an embedded PostgreSQL under DATA_DIR. */
  databaseUrl: string | undefined
  /** Unset → BullMQ runs on its PostgreSQL backend. */
  redisUrl: string | undefined
  host: string
  port: number
  /** Where the embedded PostgreSQL and other local state live. */
  dataDir: string
  /** Port of the embedded PostgreSQL. */
  embeddedPgPort: number
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
  /** HMAC secret for signed bearer tokens. Unset → a random one per process (tokens die with it). */
  authSecret: string
  /** Prefix of every BullMQ queue (Redis key prefix / PostgreSQL schema). */
  queuePrefix: string
  /** Which services the launcher runs in this process. */
  services: Array<'api' | 'router' | 'scheduler'>
  /** Agencies whose queues this router serves: 'all' or a comma list of agency ids or division prefixes. */
  routerAgencies: string
  /** How often the scheduler sweeps for due timers it may have missed (ms). */
  sweepIntervalMs: number
  /**
   * XIANJIE_DEMO=true: the one switch for the demo (seeded agencies and users, sign-in by user
   * id without a password). Off unless set; `bin/xianjie start` sets it for the embedded database.
   */
  demo: boolean
  /** Seed the demo agencies and users at start (only with XIANJIE_DEMO=true; SEED_DEMO=false opts out). */
  seedDemo: boolean
  /**
   * Shifts this process's clock by N ms. For drills and tests that must see a statutory
   * deadline pass (e.g. a scheduler restarted "4 days later"); leave 0 in production.
   */
  clockOffsetMs: number
  /**
   * Allow POST /v1/auth/token to issue tokens for seeded users by id (the demo sign-in). Only
   * with XIANJIE_DEMO=true; DEMO_AUTH=false opts out.
   */
  demoAuth: boolean
  /** Lifetime of an access token from POST /v1/auth/sign-in or /refresh (seconds). */
  accessTokenTtlSeconds: number
  /** How long a sign-in lasts: refreshing rotates the refresh token but never extends it (seconds). */
  refreshTokenTtlSeconds: number
  /** An external identity provider whose bearer tokens are accepted too; null when not configured. */
  oidc: OidcConfig | null
  /** Requests per minute; 0 turns a limit off. */
  rateLimits: RateLimitConfig
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), for the per-IP
   * limits: false (none, the default), true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string[]
  /**
   * Origins (scheme://host[:port]) whose browser pages may call the api cross-origin
   * (CORS_ORIGINS, comma-separated). Empty → no cross-origin access at all.
   */
  corsOrigins: string[]
  /** The built web pages the api serves at `/` (WEB_DIST); null → services/web/dist of this checkout. */
  webDist: string | null
}

export interface OidcConfig {
  issuer: string
  audience: string
  jwksUrl: string
  /** The claim that holds the Xianjie user id (users.id). @default preferred_username */
  userClaim: string
}

export interface RateLimitConfig {
  /** Sign-in attempts per user id per minute (RATE_LIMIT_SIGNIN_PER_MIN). @default 5 */
  signInPerUser: number
  /** Sign-in, refresh and sign-out requests per client address per minute (RATE_LIMIT_SIGNIN_PER_IP_PER_MIN). @default 30 */
  signInPerIp: number
  /** Non-GET /v1 requests per signed-in user per minute (RATE_LIMIT_WRITES_PER_MIN). @default 120 */
  writesPerUser: number
}

/** Why SEED_DEMO / DEMO_AUTH alone are refused. */
export const DEMO_SWITCH_MESSAGE =
  'the demo (seeded users, sign-in by user id without a password) is enabled only by XIANJIE_DEMO=true'

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const
const SERVICES = ['api', 'router', 'scheduler'] as const

/** Parses the environment; throws one error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): XianjieConfig {
  const problems: string[] = []
  const int = (name: string, fallback: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 0) problems.push(`${name} must be a non-negative integer, got '${raw}'`)
    return n
  }
  const signedInt = (name: string, fallback: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n)) problems.push(`${name} must be an integer, got '${raw}'`)
    return n
  }
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    if (['1', 'true', 'yes'].includes(raw)) return true
    if (['0', 'false', 'no'].includes(raw)) return false
    problems.push(`${name} must be true or false, got '${raw}'`)
    return fallback
  }
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    try {
      const parsed = new URL(raw)
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}, got '${parsed.protocol}'`)
    } catch {
      problems.push(`${name} is not a URL`)
    }
    return raw
  }
  // Each origin exactly as a browser sends it in `Origin`: scheme, host and port, no path.
  const origins = (name: string): string[] => {
    const list = (env[name] ?? '').split(',').map((o) => o.trim()).filter(Boolean)
    for (const o of list) {
      let parsed: URL | null = null
      try {
        parsed = new URL(o)
      } catch {
        parsed = null
      }
      if (parsed === null || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== o) {
        problems.push(`${name}: '${o}' is not an origin such as https://xianjie.example.gov.cn (scheme, host and port only, no path or trailing slash)`)
      }
    }
    return [...new Set(list)]
  }
  const loopback = (raw: string): boolean => {
    try {
      return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(raw).hostname)
    } catch {
      return false
    }
  }
  const logLevel = (env.LOG_LEVEL ?? 'info') as XianjieConfig['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const services = (env.XIANJIE_SERVICES ?? 'api,router,scheduler').split(',').map((s) => s.trim()).filter(Boolean)
  for (const s of services) if (!SERVICES.includes(s as never)) problems.push(`XIANJIE_SERVICES: unknown service '${s}' (api, router, scheduler)`)

  const demo = bool('XIANJIE_DEMO', false)
  // SEED_DEMO / DEMO_AUTH no longer switch the demo on by themselves: a deployment that set
  // one (or inherited the old defaults) must say XIANJIE_DEMO=true. `false` stays accepted.
  for (const name of ['SEED_DEMO', 'DEMO_AUTH']) {
    if (!demo && bool(name, false)) problems.push(`${name}=${env[name]} without XIANJIE_DEMO=true: ${DEMO_SWITCH_MESSAGE}; set XIANJIE_DEMO=true for a demo, or remove ${name}`)
  }

  const oidcIssuer = env.OIDC_ISSUER ?? ''
  const oidcAudience = env.OIDC_AUDIENCE ?? ''
  const oidcJwksUrl = url('OIDC_JWKS_URL', ['https:', 'http:'])
  let oidc: OidcConfig | null = null
  if (oidcIssuer !== '' || oidcAudience !== '' || oidcJwksUrl !== undefined) {
    if (oidcIssuer === '' || oidcAudience === '' || oidcJwksUrl === undefined) {
      problems.push('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL must be set together')
    } else if (oidcJwksUrl.startsWith('http:') && !loopback(oidcJwksUrl)) {
      problems.push('OIDC_JWKS_URL must use https: (http: only on localhost)')
    }
    const userClaim = env.OIDC_USER_CLAIM || 'preferred_username'
    oidc = { issuer: oidcIssuer, audience: oidcAudience, jwksUrl: oidcJwksUrl ?? '', userClaim }
  }

  let trustProxy: XianjieConfig['trustProxy'] = false
  const proxy = env.TRUST_PROXY ?? ''
  if (proxy === '' || proxy === 'false') trustProxy = false
  else if (proxy === 'true') trustProxy = true
  else if (/^\d+$/.test(proxy)) trustProxy = Number(proxy)
  else trustProxy = proxy.split(',').map((p) => p.trim()).filter(Boolean)

  const config: XianjieConfig = {
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    host: env.HOST ?? '127.0.0.1',
    port: int('PORT', 3000),
    dataDir: env.DATA_DIR ?? '.data',
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329),
    logLevel,
    authSecret: env.AUTH_SECRET ?? randomBytes(32).toString('hex'),
    queuePrefix: env.QUEUE_PREFIX ?? 'xianjie',
    services: services as XianjieConfig['services'],
    routerAgencies: env.ROUTER_AGENCIES ?? 'all',
    sweepIntervalMs: int('SWEEP_INTERVAL_MS', 5_000),
    demo,
    seedDemo: demo && bool('SEED_DEMO', true),
    clockOffsetMs: signedInt('XIANJIE_CLOCK_OFFSET_MS', 0),
    demoAuth: demo && bool('DEMO_AUTH', true),
    accessTokenTtlSeconds: int('ACCESS_TOKEN_TTL_SECONDS', 900),
    refreshTokenTtlSeconds: int('REFRESH_TOKEN_TTL_SECONDS', 12 * 3600),
    oidc,
    rateLimits: {
      signInPerUser: int('RATE_LIMIT_SIGNIN_PER_MIN', 5),
      signInPerIp: int('RATE_LIMIT_SIGNIN_PER_IP_PER_MIN', 30),
      writesPerUser: int('RATE_LIMIT_WRITES_PER_MIN', 120),
    },
    trustProxy,
    corsOrigins: origins('CORS_ORIGINS'),
    webDist: env.WEB_DIST || null,
  }
  if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length < 32) problems.push('AUTH_SECRET must be at least 32 characters')
  if (config.accessTokenTtlSeconds === 0) problems.push('ACCESS_TOKEN_TTL_SECONDS must be at least 1')
  if (config.refreshTokenTtlSeconds === 0) problems.push('REFRESH_TOKEN_TTL_SECONDS must be at least 1')
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
  Object.freeze(config.rateLimits)
  if (config.oidc !== null) Object.freeze(config.oidc)
  return Object.freeze(config)
}
