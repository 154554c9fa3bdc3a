// Sign-in sessions: an opaque refresh token per sign-in, rotated at each refresh. Only the
// token's SHA-256 is stored. A refresh token presented after it was rotated or revoked means
// a copy is in other hands: the whole family (every token of that sign-in) is revoked.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { AppError } from '@xianjie/domain'
import type { Database } from '@xianjie/db'

const PREFIX = 'xjr_'
const TOKEN_BYTES = 32
const TOKEN = /^xjr_([A-Za-z0-9_-]{43})$/

export interface IssuedRefreshToken {
  token: string
  family: string
  expiresAt: Date
}

export function refreshTokenHash(raw: Buffer): Buffer {
  return createHash('sha256').update(raw).digest()
}

/** The raw 32 bytes of a well-formed refresh token, else null. */
function parseRefreshToken(token: string): Buffer | null {
  const m = TOKEN.exec(token)
  if (m === null) return null
  const raw = Buffer.from(m[1]!, 'base64url')
  return raw.length === TOKEN_BYTES && raw.toString('base64url') === m[1] ? raw : null
}

function newToken(): { token: string; hash: Buffer } {
  const raw = randomBytes(TOKEN_BYTES)
  return { token: PREFIX + raw.toString('base64url'), hash: refreshTokenHash(raw) }
}

const refused = (en: string, zh: string): AppError => new AppError('UNAUTHENTICATED', en, { details: { messageZh: zh } })

/** Starts a sign-in: a new family and its first refresh token, valid `ttlSeconds`. */
export async function issueRefreshToken(db: Kysely<Database>, userId: string, ttlSeconds: number, now: Date): Promise<IssuedRefreshToken> {
  const { token, hash } = newToken()
  const family = randomUUID()
  const expiresAt = new Date(now.getTime() + ttlSeconds * 1000)
  await db.insertInto('refresh_tokens').values({ id: randomUUID(), user_id: userId, family, token_hash: hash, issued_at: now, expires_at: expiresAt }).execute()
  return { token, family, expiresAt }
}

/**
 * Rotates a refresh token: the one presented is revoked and replaced by a new one in the
 * same family, expiring when the sign-in does (refreshing never extends a sign-in). Refuses
 * (UNAUTHENTICATED) an unknown, expired, revoked or already rotated token; the last two
 * also revoke the family. Refuses a disabled user, ending the family too.
 */
export async function rotateRefreshToken(
  db: Kysely<Database>,
  presented: string,
  now: Date,
  hooks: { onReuse?: (reuse: { userId: string; family: string }) => void } = {},
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  const raw = parseRefreshToken(presented)
  if (raw === null) throw refused('refresh token is not valid', '刷新令牌无效')
  const hash = refreshTokenHash(raw)
  // The family is revoked inside the transaction and the refusal thrown after it commits.
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('users', 'users.id', 'refresh_tokens.user_id')
      .select(['refresh_tokens.id', 'refresh_tokens.user_id', 'refresh_tokens.family', 'refresh_tokens.expires_at', 'refresh_tokens.revoked_at', 'users.disabled_at'])
      .where('refresh_tokens.token_hash', '=', hash)
      .forUpdate('refresh_tokens')
      .executeTakeFirst()
    if (row === undefined) return { refusal: refused('refresh token is not valid', '刷新令牌无效') }
    if (row.revoked_at !== null) {
      await revokeFamily(trx, row.family, now)
      return {
        refusal: refused('refresh token was already used or revoked; every session of that sign-in is ended, sign in again', '刷新令牌已被使用或已撤销，该次登录的所有会话均已终止，请重新登录'),
        reuse: { userId: row.user_id, family: row.family },
      }
    }
    if (row.expires_at.getTime() <= now.getTime()) return { refusal: refused('refresh token has expired; sign in again', '刷新令牌已过期，请重新登录') }
    if (row.disabled_at !== null) {
      await revokeFamily(trx, row.family, now)
      return { refusal: refused('refresh token is not valid', '刷新令牌无效') }
    }
    const next = newToken()
    const nextId = randomUUID()
    await trx.insertInto('refresh_tokens').values({ id: nextId, user_id: row.user_id, family: row.family, token_hash: next.hash, issued_at: now, expires_at: row.expires_at }).execute()
    await trx.updateTable('refresh_tokens').set({ revoked_at: now, replaced_by: nextId }).where('id', '=', row.id).execute()
    return { userId: row.user_id, token: next.token, expiresAt: row.expires_at }
  })
  if ('refusal' in outcome) {
    if (outcome.reuse !== undefined) hooks.onReuse?.(outcome.reuse)
    throw outcome.refusal
  }
  return outcome
}

async function revokeFamily(db: Kysely<Database>, family: string, now: Date): Promise<number> {
  const res = await db.updateTable('refresh_tokens').set({ revoked_at: now }).where('family', '=', family).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(res.numUpdatedRows)
}

/** Signs out: revokes the presented token's family. Unknown or malformed tokens are ignored. */
export async function revokeRefreshToken(db: Kysely<Database>, presented: string, now: Date): Promise<boolean> {
  const raw = parseRefreshToken(presented)
  if (raw === null) return false
  const row = await db.selectFrom('refresh_tokens').select('family').where('token_hash', '=', refreshTokenHash(raw)).executeTakeFirst()
  if (row === undefined) return false
  return (await revokeFamily(db, row.family, now)) > 0
}

/** Revokes every live refresh token of a user (disabled, password changed). */
export async function revokeUserRefreshTokens(db: Kysely<Database>, userId: string, now: Date): Promise<number> {
  const res = await db.updateTable('refresh_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst()
  return Number(res.numUpdatedRows)
}
