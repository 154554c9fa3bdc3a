import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { Kysely } from 'kysely'
import { inject } from 'vitest'
import { createDb, type Database } from '@xianjie/db'
import { adminUrl, cleanRedisPrefix, databaseUrl, dropDatabase, redisUrl } from './env.ts'

export interface TestDatabase {
  name: string
  url: string
  db: Kysely<Database>
  /** A Redis key prefix (and PostgreSQL queue schema) private to this database. */
  queuePrefix: string
  drop(): Promise<void>
}

/**
 * Clones the run's migrated, seeded template into a fresh database. Call in beforeAll
 * (or per test) and `drop()` after; names carry the run id so a crashed run is swept
 * by the global teardown.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = inject('xjRunId')
  const template = inject('xjTemplate')
  const suffix = randomBytes(4).toString('hex')
  const name = `xj_${runId}_${suffix}`
  const admin = new pg.Client({ connectionString: adminUrl() })
  await admin.connect()
  try {
    await admin.query(`create database ${name} template ${template}`)
  } finally {
    await admin.end()
  }
  const url = databaseUrl(name)
  const db = createDb({ url, max: 10 })
  const queuePrefix = `xj-${runId}-${suffix}`
  return {
    name,
    url,
    db,
    queuePrefix,
    async drop() {
      await db.destroy()
      await dropDatabase(name)
      await cleanRedisPrefix(redisUrl(), queuePrefix)
    },
  }
}
