// Accounts an operator manages from the command line (`bin/xianjie user …`, `bin/xianjie
// key …`): people with passwords, and agencies' read-only API keys. The logic is here, over
// the database, so it is tested without a shell; services/launcher/src/accounts.ts parses
// the arguments and prints.
import type { Kysely } from 'kysely'
import { AppError, ROLES, type Role } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import { newApiKey } from './auth/api-keys.ts'
import { checkPasswordPolicy, hashPassword } from './auth/passwords.ts'
import { revokeUserRefreshTokens } from './auth/sessions.ts'

/** How long a rotated key keeps working beside its successor. */
export const KEY_ROTATION_GRACE_MS = 24 * 3600 * 1000

const ROLE_SET: ReadonlySet<string> = new Set(ROLES)
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,199}$/

const invalid = (en: string, zh: string): AppError => new AppError('VALIDATION_FAILED', en, { details: { messageZh: zh } })
const notFound = (en: string, zh: string): AppError => new AppError('NOT_FOUND', en, { details: { messageZh: zh } })

export interface NewUser {
  userId: string
  agencyId: string
  roles: string[]
  name: string
  password: string
}

/** Adds a person who signs in with a password. Refuses an existing id, an unknown agency or role, a weak password. */
export async function addUser(db: Kysely<Database>, user: NewUser): Promise<void> {
  if (!USER_ID.test(user.userId)) throw invalid(`user id '${user.userId}' must be letters, digits and . _ @ - (at most 200)`, '用户名只能包含字母、数字和 . _ @ -（最多200个字符）')
  const unknown = user.roles.filter((r) => !ROLE_SET.has(r))
  if (user.roles.length === 0 || unknown.length > 0) {
    throw invalid(`roles must be one or more of ${ROLES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`, '角色不正确')
  }
  if (user.name.trim() === '') throw invalid('name must not be empty', '姓名不能为空')
  checkPasswordPolicy(user.password, user.userId)
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', user.agencyId).executeTakeFirst()
  if (agency === undefined) throw notFound(`no agency ${user.agencyId}`, `没有机构 ${user.agencyId}`)
  const passwordHash = await hashPassword(user.password)
  const inserted = await db
    .insertInto('users')
    .values({ id: user.userId, agency_id: user.agencyId, name: user.name.trim(), roles: JSON.stringify(user.roles as Role[]), password_hash: passwordHash })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AppError('CONFLICT', `user ${user.userId} already exists; use 'user password' to set a new password`, { details: { messageZh: `用户 ${user.userId} 已存在` } })
}

/** Sets a user's password; every sign-in of that user ends (refresh tokens revoked). */
export async function setPassword(db: Kysely<Database>, userId: string, password: string, now = new Date()): Promise<{ sessionsEnded: number }> {
  checkPasswordPolicy(password, userId)
  const passwordHash = await hashPassword(password)
  const res = await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw notFound(`no user ${userId}`, `没有用户 ${userId}`)
  return { sessionsEnded: await revokeUserRefreshTokens(db, userId, now) }
}

/**
 * Disables a user: no sign-in, no refresh, and its access tokens are refused within the
 * api's actor cache (10 s). Its refresh tokens are revoked.
 */
export async function disableUser(db: Kysely<Database>, userId: string, now = new Date()): Promise<{ sessionsEnded: number; alreadyDisabled: boolean }> {
  const row = await db.selectFrom('users').select(['id', 'disabled_at']).where('id', '=', userId).executeTakeFirst()
  if (row === undefined) throw notFound(`no user ${userId}`, `没有用户 ${userId}`)
  if (row.disabled_at === null) await db.updateTable('users').set({ disabled_at: now }).where('id', '=', userId).execute()
  return { sessionsEnded: await revokeUserRefreshTokens(db, userId, now), alreadyDisabled: row.disabled_at !== null }
}

/** Enables a disabled user again (its password, if any, is unchanged). */
export async function enableUser(db: Kysely<Database>, userId: string): Promise<void> {
  const res = await db.updateTable('users').set({ disabled_at: null }).where('id', '=', userId).executeTakeFirst()
  if (Number(res.numUpdatedRows) === 0) throw notFound(`no user ${userId}`, `没有用户 ${userId}`)
}

export interface CreatedKey {
  id: string
  /** `xjk_<id>_<secret>`: shown once, never stored. */
  key: string
  agencyId: string
  label: string
  /** The key this one replaces, and when that one stops working. */
  rotated: { id: string; expiresAt: Date } | null
}

/**
 * Creates an API key for an agency. With `rotate`, the old key (same agency) keeps working
 * for 24 hours (or less if it expires sooner), so the client can switch without a gap.
 */
export async function createApiKey(db: Kysely<Database>, input: { agencyId: string; label?: string; rotate?: string; now?: Date }): Promise<CreatedKey> {
  const now = input.now ?? new Date()
  const label = (input.label ?? `${input.agencyId} ${now.toISOString().slice(0, 10)}`).trim()
  if (label === '' || label.length > 200) throw invalid('label must have 1 to 200 characters', '标签应为1至200个字符')
  const agency = await db.selectFrom('agencies').select('id').where('id', '=', input.agencyId).executeTakeFirst()
  if (agency === undefined) throw notFound(`no agency ${input.agencyId}`, `没有机构 ${input.agencyId}`)
  return db.transaction().execute(async (trx) => {
    let rotated: CreatedKey['rotated'] = null
    if (input.rotate !== undefined) {
      const old = await trx.selectFrom('api_keys').select(['id', 'agency_id', 'expires_at', 'revoked_at']).where('id', '=', input.rotate).forUpdate().executeTakeFirst()
      if (old === undefined || old.agency_id !== input.agencyId) throw notFound(`no key ${input.rotate} of agency ${input.agencyId}`, `机构 ${input.agencyId} 没有密钥 ${input.rotate}`)
      if (old.revoked_at !== null) throw invalid(`key ${input.rotate} is revoked; create a new key without --rotate`, `密钥 ${input.rotate} 已撤销`)
      const graceEnds = new Date(now.getTime() + KEY_ROTATION_GRACE_MS)
      const expiresAt = old.expires_at !== null && old.expires_at < graceEnds ? old.expires_at : graceEnds
      await trx.updateTable('api_keys').set({ expires_at: expiresAt }).where('id', '=', old.id).execute()
      rotated = { id: old.id, expiresAt }
    }
    const fresh = newApiKey()
    await trx.insertInto('api_keys').values({ id: fresh.id, agency_id: input.agencyId, secret_hash: fresh.secretHash, label, created_at: now }).execute()
    return { id: fresh.id, key: fresh.key, agencyId: input.agencyId, label, rotated }
  })
}

/** Revokes a key at once. */
export async function revokeApiKey(db: Kysely<Database>, keyId: string, now = new Date()): Promise<{ alreadyRevoked: boolean }> {
  const row = await db.selectFrom('api_keys').select(['id', 'revoked_at']).where('id', '=', keyId).executeTakeFirst()
  if (row === undefined) throw notFound(`no key ${keyId}`, `没有密钥 ${keyId}`)
  if (row.revoked_at === null) await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', keyId).execute()
  return { alreadyRevoked: row.revoked_at !== null }
}

export interface KeyListing {
  id: string
  agencyId: string
  label: string
  createdAt: Date
  expiresAt: Date | null
  revokedAt: Date | null
  lastUsedAt: Date | null
  status: 'active' | 'expiring' | 'expired' | 'revoked'
}

/** The keys (of one agency, or all), newest first. Never their secrets: only hashes exist. */
export async function listApiKeys(db: Kysely<Database>, agencyId?: string, now = new Date()): Promise<KeyListing[]> {
  let q = db.selectFrom('api_keys').select(['id', 'agency_id', 'label', 'created_at', 'expires_at', 'revoked_at', 'last_used_at']).orderBy('agency_id').orderBy('created_at', 'desc')
  if (agencyId !== undefined) q = q.where('agency_id', '=', agencyId)
  const rows = await q.execute()
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
    status: r.revoked_at !== null ? 'revoked' : r.expires_at === null ? 'active' : r.expires_at <= now ? 'expired' : 'expiring',
  }))
}
