// Agency API keys for machine clients: `Authorization: ApiKey xjk_<id>_<secret>`. The id is a
// public prefix (the row's primary key), the secret 32 random bytes (base64url) kept only as
// its SHA-256. A key reads as its agency (GET only) and is refused once expired or revoked.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import { AppError, type Actor } from '@xianjie/domain'
import type { Database } from '@xianjie/db'

const KEY = /^xjk_([a-z0-9]{8,32})_([A-Za-z0-9_-]{43})$/
export const API_KEY_ACTOR_PREFIX = 'apikey:'
/** `last_used_at` is written at most this often per key. */
export const LAST_USED_EVERY_MS = 60_000

export function apiKeySecretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest()
}

/** A fresh key: its public id, the full key to hand over once, and the hash to store. */
export function newApiKey(): { id: string; key: string; secretHash: Buffer } {
  const id = randomBytes(6).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  return { id, key: `xjk_${id}_${secret}`, secretHash: apiKeySecretHash(secret) }
}

export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = KEY.exec(key)
  return m === null ? null : { id: m[1]!, secret: m[2]! }
}

const refused = (): AppError => new AppError('UNAUTHENTICATED', 'API key is not valid, expired or revoked', { details: { messageZh: '接口密钥无效、已过期或已撤销' } })

/**
 * Resolves an API key to its read-only actor `{ userId: 'apikey:<id>', agencyId, division,
 * roles: [], name: label }`. Throws UNAUTHENTICATED for a malformed, unknown, expired or
 * revoked key (one message for all). Records `last_used_at`, at most once a minute.
 */
export function createApiKeyResolver(db: Kysely<Database>, options: { now: () => number; cacheMs: number }) {
  const cache = new Map<string, { row: KeyRow; until: number }>()
  const lastWritten = new Map<string, number>()
  const load = async (id: string): Promise<KeyRow | null> => {
    const hit = cache.get(id)
    if (hit && hit.until > options.now()) return hit.row
    const row = await db
      .selectFrom('api_keys')
      .innerJoin('agencies', 'agencies.id', 'api_keys.agency_id')
      .select(['api_keys.id', 'api_keys.agency_id', 'api_keys.secret_hash', 'api_keys.label', 'api_keys.expires_at', 'api_keys.revoked_at', 'agencies.division_code'])
      .where('api_keys.id', '=', id)
      .executeTakeFirst()
    if (row === undefined) return null
    if (options.cacheMs > 0) {
      cache.set(id, { row, until: options.now() + options.cacheMs })
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!)
    }
    return row
  }
  return async function resolve(key: string): Promise<Actor> {
    const parsed = parseApiKey(key)
    if (parsed === null) throw refused()
    const row = await load(parsed.id)
    const given = apiKeySecretHash(parsed.secret)
    // Compare even for an unknown id, so the time taken does not tell which ids exist.
    const stored = row?.secret_hash ?? Buffer.alloc(32)
    const match = stored.length === given.length && timingSafeEqual(stored, given)
    const now = options.now()
    if (row === null || !match || row.revoked_at !== null || (row.expires_at !== null && row.expires_at.getTime() <= now)) throw refused()
    const last = lastWritten.get(row.id) ?? 0
    if (now - last >= LAST_USED_EVERY_MS) {
      lastWritten.set(row.id, now)
      if (lastWritten.size > 10_000) lastWritten.delete(lastWritten.keys().next().value!)
      // Guarded in SQL too, so many api processes together still write once a minute.
      await db
        .updateTable('api_keys')
        .set({ last_used_at: new Date(now) })
        .where('id', '=', row.id)
        .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', new Date(now - LAST_USED_EVERY_MS))]))
        .execute()
    }
    return { userId: `${API_KEY_ACTOR_PREFIX}${row.id}`, agencyId: row.agency_id, division: row.division_code, roles: [], name: row.label }
  }
}

interface KeyRow {
  id: string
  agency_id: string
  secret_hash: Buffer
  label: string
  expires_at: Date | null
  revoked_at: Date | null
  division_code: string
}
