import pg from 'pg'
import { Redis } from 'ioredis'

// The servers the tests use. Defaults match the CI machine; override with TEST_PG_URL / TEST_REDIS_URL.
export function adminUrl(): string {
  return process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}
export function databaseUrl(name: string): string {
  const u = new URL(adminUrl())
  u.pathname = `/${name}`
  return u.toString()
}
export function redisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
}

export async function dropDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() })
  await c.connect()
  try {
    await c.query(`drop database if exists ${name} with (force)`)
  } finally {
    await c.end()
  }
}

/** Deletes every Redis key under `prefix` (BullMQ keys are `<prefix>:<queue>:…`). */
export async function cleanRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}
