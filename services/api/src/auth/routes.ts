// /v1/auth: sign-in with a password, refresh (rotating), sign-out; and the demo sign-in by
// user id (`POST /v1/auth/token`), registered only when the demo is on.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { AppError, type Actor } from '@xianjie/domain'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import { problemResponses } from '../problems.ts'
import { limitAuthPerIp, limitSignInPerUser, type RateLimitDeps } from '../rate-limit.ts'
import { loadActor } from './authenticate.ts'
import { dummyHash, verifyPassword } from './passwords.ts'
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken } from './sessions.ts'
import { DEFAULT_TOKEN_TTL_SECONDS, signToken } from './tokens.ts'

export const ActorSchema = {
  type: 'object',
  required: ['userId', 'agencyId', 'division', 'roles'],
  properties: {
    userId: { type: 'string' },
    agencyId: { type: 'string' },
    division: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    name: { type: 'string' },
  },
} as const

const SessionSchema = {
  type: 'object',
  required: ['accessToken', 'tokenType', 'expiresIn', 'refreshToken', 'refreshExpiresIn', 'actor'],
  properties: {
    accessToken: { type: 'string', description: 'HS256 JWT; send as Authorization: Bearer' },
    tokenType: { type: 'string', enum: ['Bearer'] },
    expiresIn: { type: 'integer', description: 'seconds the access token lives (ACCESS_TOKEN_TTL_SECONDS)' },
    refreshToken: { type: 'string', description: 'opaque; each refresh returns a new one and ends the old one' },
    refreshExpiresIn: { type: 'integer', description: 'seconds until the sign-in ends; refreshing does not extend it' },
    actor: ActorSchema,
  },
} as const

const RefreshBody = {
  type: 'object',
  required: ['refreshToken'],
  additionalProperties: false,
  properties: { refreshToken: { type: 'string', minLength: 1, maxLength: 200 } },
} as const

const BAD_CREDENTIALS_EN = 'user id or password is not valid'
const BAD_CREDENTIALS_ZH = '用户名或密码不正确'

export interface AuthRoutesOptions extends RateLimitDeps {
  db: Kysely<Database>
  config: Pick<XianjieConfig, 'authSecret' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds' | 'rateLimits' | 'queuePrefix'>
  now: () => number
}

/** `/v1/auth/sign-in`, `/refresh`, `/sign-out`, each limited per client address. */
export async function authRoutes(app: FastifyInstance, opts: AuthRoutesOptions): Promise<void> {
  const { db, config, now } = opts
  // Computed now, so even the first refusal of an unknown user costs what the others do.
  void dummyHash().catch(() => {})
  await limitAuthPerIp(app, opts)

  const session = (actor: Actor, refreshToken: string, refreshExpiresAt: Date) => {
    const at = now()
    return {
      accessToken: signToken(config.authSecret, { sub: actor.userId }, config.accessTokenTtlSeconds, at),
      tokenType: 'Bearer' as const,
      expiresIn: config.accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: Math.max(0, Math.floor((refreshExpiresAt.getTime() - at) / 1000)),
      actor,
    }
  }

  await app.register(async (signIn) => {
    await limitSignInPerUser(signIn, opts)
    signIn.post<{ Body: { userId: string; password: string } }>('/sign-in', {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a user id and password: an access token and a refresh token',
        body: {
          type: 'object',
          required: ['userId', 'password'],
          additionalProperties: false,
          properties: { userId: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: { 200: SessionSchema, ...problemResponses(400, 401, 429, 503) },
      },
    }, async (request) => {
      const { userId, password } = request.body
      const row = await db.selectFrom('users').select(['id', 'password_hash', 'disabled_at']).where('id', '=', userId).executeTakeFirst()
      // Unknown user, no password, disabled: the same scrypt and the same answer as a wrong password.
      const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash()))
      const actor = ok && row !== undefined && row.password_hash !== null && row.disabled_at === null ? await loadActor(db, userId) : null
      if (actor === null) {
        // Failed sign-ins are kept for audit (who was tried, from where); never the password.
        request.log.warn({ attemptedUserId: userId, ip: request.ip }, 'sign-in refused')
        throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS_EN, { details: { messageZh: BAD_CREDENTIALS_ZH } })
      }
      const refresh = await issueRefreshToken(db, actor.userId, config.refreshTokenTtlSeconds, new Date(now()))
      request.log.info({ userId: actor.userId, family: refresh.family }, 'signed in')
      return session(actor, refresh.token, refresh.expiresAt)
    })
  })

  app.post<{ Body: { refreshToken: string } }>('/refresh', {
    schema: {
      tags: ['auth'],
      summary: 'A new access token and a new refresh token for a refresh token (which ends)',
      body: RefreshBody,
      response: { 200: SessionSchema, ...problemResponses(400, 401, 429, 503) },
    },
  }, async (request) => {
    const rotated = await rotateRefreshToken(db, request.body.refreshToken, new Date(now()), {
      onReuse: ({ userId, family }) => request.log.warn({ userId, family }, 'refresh token presented again: the sign-in is revoked (possible theft)'),
    })
    const actor = await loadActor(db, rotated.userId)
    if (actor === null) throw new AppError('UNAUTHENTICATED', 'refresh token is not valid', { details: { messageZh: '刷新令牌无效' } })
    request.log.info({ userId: actor.userId }, 'access token refreshed')
    return session(actor, rotated.token, rotated.expiresAt)
  })

  app.post<{ Body: { refreshToken: string } }>('/sign-out', {
    schema: {
      tags: ['auth'],
      summary: 'Sign out: the refresh token and its sign-in end (access tokens run out within their TTL)',
      body: RefreshBody,
      response: { 204: { type: 'null', description: 'signed out (also when the token was unknown or already ended)' }, ...problemResponses(400, 429, 503) },
    },
  }, async (request, reply) => {
    const revoked = await revokeRefreshToken(db, request.body.refreshToken, new Date(now()))
    request.log.info({ revoked }, 'signed out')
    return reply.code(204).send()
  })
}

const DemoUsersSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  properties: {
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['userId', 'name', 'agencyId', 'agencyName', 'roles'],
        properties: {
          userId: { type: 'string' },
          name: { type: 'string' },
          agencyId: { type: 'string' },
          agencyName: { type: 'string' },
          roles: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const

/**
 * `POST /v1/auth/token`: a token for a seeded user, and `GET /v1/auth/demo-users`: who one may
 * sign in as. Registered only when demo sign-in is on.
 */
export async function demoAuthRoutes(app: FastifyInstance, opts: { db: Kysely<Database>; secret: string }): Promise<void> {
  app.post<{ Body: { userId: string } }>('/token', {
    schema: {
      tags: ['auth'],
      summary: 'Demo sign-in: a bearer token for a seeded user',
      body: {
        type: 'object',
        required: ['userId'],
        additionalProperties: false,
        properties: { userId: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: {
        200: {
          type: 'object',
          required: ['token', 'tokenType', 'expiresIn', 'actor'],
          properties: {
            token: { type: 'string' },
            tokenType: { type: 'string', enum: ['Bearer'] },
            expiresIn: { type: 'integer' },
            actor: ActorSchema,
          },
        },
        ...problemResponses(400, 401, 503),
      },
    },
  }, async (request) => {
    const actor = await loadActor(opts.db, request.body.userId)
    if (actor === null) throw new AppError('UNAUTHENTICATED', `no user ${request.body.userId}`)
    const token = signToken(opts.secret, { sub: actor.userId })
    request.log.info({ userId: actor.userId }, 'demo token issued')
    return { token, tokenType: 'Bearer', expiresIn: DEFAULT_TOKEN_TTL_SECONDS, actor }
  })

  app.get('/demo-users', {
    schema: {
      tags: ['auth'],
      summary: 'Demo sign-in: the users one may sign in as, by agency',
      response: { 200: DemoUsersSchema, ...problemResponses(400, 503) },
    },
  }, async () => {
    const rows = await opts.db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .select(['users.id', 'users.name', 'users.roles', 'users.agency_id', 'agencies.name as agency_name'])
      .where('users.disabled_at', 'is', null)
      .orderBy('users.agency_id')
      .orderBy('users.id')
      .execute()
    const users = rows.map((r) => ({
      userId: r.id,
      name: r.name,
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      roles: (Array.isArray(r.roles) ? r.roles : []).filter((role): role is string => typeof role === 'string'),
    }))
    return { users }
  })
}
