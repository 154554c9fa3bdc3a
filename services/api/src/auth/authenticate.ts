// The onRequest hook of every /v1 route: who is calling. Three credentials:
//   Authorization: Bearer <Xianjie access token>   (HS256, AUTH_SECRET; from sign-in)
//   Authorization: Bearer <identity provider JWT>  (RS256/ES256/EdDSA, when OIDC is configured)
//   Authorization: ApiKey xjk_<id>_<secret>        (an agency's machine client; GET only)
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { AppError, ROLES, type Actor, type Role } from '@xianjie/domain'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import { createApiKeyResolver } from './api-keys.ts'
import { createOidcVerifier } from './oidc.ts'
import { isOwnToken, verifyToken } from './tokens.ts'

/** How the caller proved who it is. */
export type CredentialKind = 'token' | 'oidc' | 'api-key'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller; set by `authenticate` on every /v1 route except /v1/auth/*. */
    actor: Actor
    /** How `actor` was established; an 'api-key' caller may only read. */
    credential: CredentialKind
  }
}

/** How long a signed-in user's roles and agency (and an API key's state) are cached by the api. */
export const ACTOR_CACHE_MS = 10_000
/** Methods an API key may use. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD'])

const ROLE_SET: ReadonlySet<string> = new Set(ROLES)

/** Loads an enabled user and its agency as an Actor, or null when there is no such user or it is disabled. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.name', 'users.roles', 'users.agency_id', 'agencies.division_code'])
    .where('users.id', '=', userId)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst()
  if (row === undefined) return null
  const roles = (Array.isArray(row.roles) ? row.roles : []).filter((r): r is Role => typeof r === 'string' && ROLE_SET.has(r))
  return { userId: row.id, agencyId: row.agency_id, division: row.division_code, roles, name: row.name }
}

export interface AuthenticateOptions {
  /** @default ACTOR_CACHE_MS; 0 reads the user (or key) on every request. */
  actorCacheMs?: number
  /** The clock tokens and keys are checked against (ms since epoch). @default Date.now */
  now?: () => number
}

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i
const API_KEY = /^ApiKey (\S+)$/i

/**
 * An onRequest hook: checks the credential and loads `request.actor`. It runs before the
 * body is read, so an anonymous caller learns nothing about the schema and costs no parsing.
 */
export function createAuthenticate(db: Kysely<Database>, config: Pick<XianjieConfig, 'authSecret' | 'oidc'>, options: AuthenticateOptions = {}) {
  // Roles change rarely; a short cache spares one query per request. A change of roles or
  // agency, a disabled user or a revoked key takes effect within this many milliseconds.
  const ttl = options.actorCacheMs ?? ACTOR_CACHE_MS
  const now = options.now ?? Date.now
  const cache = new Map<string, { actor: Actor; until: number }>()
  const actorOf = async (userId: string): Promise<Actor | null> => {
    const hit = cache.get(userId)
    if (hit && hit.until > now()) return hit.actor
    const actor = await loadActor(db, userId)
    if (actor && ttl > 0) {
      cache.set(userId, { actor, until: now() + ttl })
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!)
    }
    return actor
  }
  const oidc = config.oidc ? createOidcVerifier(config.oidc) : null
  const apiKey = createApiKeyResolver(db, { now, cacheMs: ttl })

  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = request.headers.authorization
    if (header === undefined) throw new AppError('UNAUTHENTICATED', 'an Authorization: Bearer token (or an agency ApiKey) is required')
    const key = API_KEY.exec(header)
    if (key !== null) {
      const actor = await apiKey(key[1]!)
      if (!READ_METHODS.has(request.method)) {
        throw new AppError('FORBIDDEN', `an API key may only read (GET); ${request.method} needs a person signed in`, {
          details: { messageZh: '机构接口密钥只能读取（GET），修改须由工作人员登录后办理' },
        })
      }
      setActor(request, actor, 'api-key')
      return
    }
    const match = BEARER.exec(header)
    if (match === null) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be Bearer <token> or ApiKey <key>')
    const token = match[1]!
    let userId: string
    let credential: CredentialKind
    if (oidc !== null && !isOwnToken(token)) {
      userId = (await oidc(token, now())).userId
      credential = 'oidc'
    } else {
      userId = verifyToken(config.authSecret, token, now()).sub
      credential = 'token'
    }
    const actor = await actorOf(userId)
    if (actor === null) throw new AppError('UNAUTHENTICATED', `user ${userId} does not exist or is disabled`, { details: { messageZh: '用户不存在或已停用' } })
    setActor(request, actor, credential)
  }
}

function setActor(request: FastifyRequest, actor: Actor, credential: CredentialKind): void {
  request.actor = actor
  request.credential = credential
  request.log = request.log.child({ userId: actor.userId, agencyId: actor.agencyId })
}
