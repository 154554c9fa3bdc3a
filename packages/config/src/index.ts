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
  /** Seed the demo agencies and users at start. */
  seedDemo: boolean
  /**
   * Shifts this process's clock by N ms. For drills and tests that must see a statutory
   * deadline pass (e.g. a scheduler restarted "4 days later"); leave 0 in production.
   */
  clockOffsetMs: number
  /** Allow POST /v1/auth/token to issue tokens for seeded users by id (the demo sign-in). */
  demoAuth: boolean
}

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
  const logLevel = (env.LOG_LEVEL ?? 'info') as XianjieConfig['logLevel']
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  const services = (env.XIANJIE_SERVICES ?? 'api,router,scheduler').split(',').map((s) => s.trim()).filter(Boolean)
  for (const s of services) if (!SERVICES.includes(s as never)) problems.push(`XIANJIE_SERVICES: unknown service '${s}' (api, router, scheduler)`)

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
    seedDemo: bool('SEED_DEMO', true),
    clockOffsetMs: signedInt('XIANJIE_CLOCK_OFFSET_MS', 0),
    // On by default only for the embedded demo; a deployment with its own database opts in.
    demoAuth: bool('DEMO_AUTH', env.DATABASE_URL === undefined || env.DATABASE_URL === ''),
  }
  if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length < 32) problems.push('AUTH_SECRET must be at least 32 characters')
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`)
  return Object.freeze(config)
}
