import type { Kysely } from 'kysely'
import { loadConfig } from '@xianjie/config'
import { createDb } from './connection.ts'
import type { Database } from './schema.ts'

/**
 * The database of DATABASE_URL, for the command-line tools (migrate, seed, verify, reindex).
 * Without it the tool cannot know which database is meant: it says why and exits 2.
 */
export function databaseFromEnv(why: string): Kysely<Database> {
  const config = loadConfig()
  if (!config.databaseUrl) {
    console.error(`DATABASE_URL is not set: ${why}`)
    process.exit(2)
  }
  return createDb({ url: config.databaseUrl })
}
