// Signed bearer tokens (HS256 JWT, node:crypto only) and the hook that turns one into an Actor.
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { AppError, ROLES, type Actor, type Role } from '@xianjie/domain'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import { problemResponses } from './problems.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller; set by `authenticate` on every /v1 route except /v1/auth/token. */
    actor: Actor
  }
}

export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600
const ISSUER = 'xianjie'
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

export interface TokenClaims {
  sub: string
  iss: string
  iat: number
  exp: number
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

function hmac(secret: string, input: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url')
}

/**
 * Signs an HS256 JWT for `claims.sub`, valid for `ttlSeconds` from `now` (ms since epoch).
 * @default ttlSeconds 8 hours
 */
export function signToken(secret: string, claims: { sub: string }, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const payload = b64url(JSON.stringify({ sub: claims.sub, iss: ISSUER, iat, exp: iat + ttlSeconds }))
  const input = `${HEADER}.${payload}`
  return `${input}.${hmac(secret, input)}`
}

/** Verifies signature (constant time), algorithm, issuer and expiry; throws UNAUTHENTICATED. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenClaims {
  const parts = token.split('.')
  if (parts.length !== 3) throw new AppError('UNAUTHENTICATED', 'malformed bearer token')
  const [header, payload, signature] = parts as [string, string, string]
  // Compare the canonical encoding so no other spelling of the same bytes passes.
  const expected = Buffer.from(hmac(secret, `${header}.${payload}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('UNAUTHENTICATED', 'bearer token signature is not valid')
  }
  let head: unknown
  let claims: unknown
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch (cause) {
    throw new AppError('UNAUTHENTICATED', 'malformed bearer token', { cause })
  }
  if (typeof head !== 'object' || head === null || (head as { alg?: unknown }).alg !== 'HS256') {
    throw new AppError('UNAUTHENTICATED', 'bearer token algorithm must be HS256')
  }
  const c = claims as Partial<TokenClaims> | null
  if (c === null || typeof c !== 'object' || typeof c.sub !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number' || c.iss !== ISSUER) {
    throw new AppError('UNAUTHENTICATED', 'bearer token claims are not valid')
  }
  if (Math.floor(now / 1000) >= c.exp) throw new AppError('UNAUTHENTICATED', 'bearer token has expired; sign in again')
  return c as TokenClaims
}

/** A token for `userId` signed with the configured secret (demo, bench, tests). */
export function mintToken(config: Pick<XianjieConfig, 'authSecret'>, userId: string, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): string {
  return signToken(config.authSecret, { sub: userId }, ttlSeconds)
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES)

/** Loads a user and its agency as an Actor, or null when the user does not exist. */
/** How long a signed-in user's roles and agency are cached by the api. */
export const ACTOR_CACHE_MS = 10_000

export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.roles', 'users.agency_id', 'agencies.division_code'])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  if (row === undefined) return null
  const roles = (Array.isArray(row.roles) ? row.roles : []).filter((r): r is Role => typeof r === 'string' && ROLE_SET.has(r))
  return { userId: row.id, agencyId: row.agency_id, division: row.division_code, roles, name: row.name }
}

/**
 * An onRequest hook: checks the bearer token and loads `request.actor`. It runs before the
 * body is read, so an anonymous caller learns nothing about the schema and costs no parsing.
 */
export function createAuthenticate(db: Kysely<Database>, secret: string, options: { actorCacheMs?: number } = {}) {
  // Roles change rarely; a short cache spares one query per request. A change of roles or
  // agency takes effect within this many milliseconds.
  const ttl = options.actorCacheMs ?? ACTOR_CACHE_MS
  const cache = new Map<string, { actor: Actor; until: number }>()
  const actorOf = async (userId: string): Promise<Actor | null> => {
    const hit = cache.get(userId)
    if (hit && hit.until > Date.now()) return hit.actor
    const actor = await loadActor(db, userId)
    if (actor && ttl > 0) {
      cache.set(userId, { actor, until: Date.now() + ttl })
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!)
    }
    return actor
  }
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization
    if (header === undefined) throw new AppError('UNAUTHENTICATED', 'an Authorization: Bearer token is required')
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header)
    if (match === null) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be Bearer <token>')
    const claims = verifyToken(secret, match[1]!)
    const actor = await actorOf(claims.sub)
    if (actor === null) throw new AppError('UNAUTHENTICATED', `user ${claims.sub} no longer exists`)
    request.actor = actor
    request.log = request.log.child({ userId: actor.userId, agencyId: actor.agencyId })
  }
}

const ActorSchema = {
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

/** `POST /v1/auth/token`: a token for a seeded user. Registered only when demo sign-in is on. */
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
}
