// Rate limits (@fastify/rate-limit): sign-in per user id and per client address, and every
// write (non-GET /v1) per signed-in user. Counters live in Redis when REDIS_URL is set (keys
// `<QUEUE_PREFIX>:rl:<bucket>:<key>`, shared by every api process), else in this process.
// A refusal is a 429 problem with Retry-After.
import rateLimit, { type RateLimitPluginOptions } from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Redis } from 'ioredis'
import type { XianjieConfig } from '@xianjie/config'

export const RATE_WINDOW_MS = 60_000

/** The 429 a limiter throws; problems.ts turns it into a RATE_LIMITED problem. */
export class RateLimitedError extends Error {
  readonly statusCode = 429
  readonly retryAfterSeconds: number
  readonly messageZh: string
  constructor(what: string, whatZh: string, retryAfterSeconds: number) {
    super(`too many ${what}; retry in ${retryAfterSeconds} s`)
    this.name = 'RateLimitedError'
    this.retryAfterSeconds = retryAfterSeconds
    this.messageZh = `${whatZh}过于频繁，请在 ${retryAfterSeconds} 秒后重试`
  }
}

/** A Redis connection for the counters, or null for in-process counters. The caller closes it. */
export function createRateLimitRedis(config: Pick<XianjieConfig, 'redisUrl'>): Redis | null {
  if (!config.redisUrl) return null
  // Fail fast: a limiter waiting on a lost Redis would hold every request.
  return new Redis(config.redisUrl, { connectTimeout: 2_000, commandTimeout: 1_000, maxRetriesPerRequest: 1, enableAutoPipelining: true })
}

interface Limit {
  bucket: string
  max: number
  what: string
  whatZh: string
}

function options(config: Pick<XianjieConfig, 'queuePrefix'>, redis: Redis | null, limit: Limit): RateLimitPluginOptions {
  return {
    global: true,
    max: limit.max,
    timeWindow: RATE_WINDOW_MS,
    ...(redis ? { redis, nameSpace: `${config.queuePrefix}:rl:${limit.bucket}:` } : { cache: 10_000 }),
    errorResponseBuilder: (_request, context) => new RateLimitedError(limit.what, limit.whatZh, Math.max(1, Math.ceil(context.ttl / 1000))),
  }
}

export interface RateLimitDeps {
  config: Pick<XianjieConfig, 'rateLimits' | 'queuePrefix'>
  redis: Redis | null
}

/**
 * Per client address, on every route of `app` (the /v1/auth scope: sign-in, refresh,
 * sign-out). Counted before the body is read.
 */
export async function limitAuthPerIp(app: FastifyInstance, { config, redis }: RateLimitDeps): Promise<void> {
  const max = config.rateLimits.signInPerIp
  if (max === 0) return
  await app.register(rateLimit, { ...options(config, redis, { bucket: 'auth-ip', max, what: 'sign-in requests from this address', whatZh: '该地址登录请求' }), skipOnError: false })
}

/**
 * Per user id named in the body, on every route of `app` (the sign-in route): attempts count
 * whether they succeed or not, so a password cannot be guessed faster than this.
 */
export async function limitSignInPerUser(app: FastifyInstance, { config, redis }: RateLimitDeps): Promise<void> {
  const max = config.rateLimits.signInPerUser
  if (max === 0) return
  await app.register(rateLimit, {
    ...options(config, redis, { bucket: 'signin-user', max, what: 'sign-in attempts for this user', whatZh: '该用户登录尝试' }),
    hook: 'preHandler',
    keyGenerator: (request: FastifyRequest) => String((request.body as { userId?: unknown } | undefined)?.userId ?? ''),
    skipOnError: false,
  })
}

/**
 * Per signed-in user, on every non-GET route of `app` (the /v1 scope; runs after
 * `authenticate`). A Redis outage lets writes through rather than stop the agencies' work.
 */
export async function limitWritesPerUser(app: FastifyInstance, { config, redis }: RateLimitDeps): Promise<void> {
  const max = config.rateLimits.writesPerUser
  if (max === 0) return
  await app.register(rateLimit, {
    ...options(config, redis, { bucket: 'writes', max, what: 'changes by this user', whatZh: '该用户提交' }),
    keyGenerator: (request: FastifyRequest) => request.actor.userId,
    allowList: (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD',
    skipOnError: true,
  })
}
