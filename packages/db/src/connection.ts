import { Kysely, PostgresDialect, type LogEvent } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'

// int8 (bigserial ids, counts) as JS numbers would lose precision past 2^53; keep them
// strings. timestamptz stays a Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v)

export interface CreateDbOptions {
  url: string
  max?: number
  /** Called for slow or failed queries; never receives parameters. */
  onQueryLog?: (level: 'warn' | 'error', fields: Record<string, unknown>, msg: string) => void
  slowQueryMs?: number
  applicationName?: string
}

/** Creates a Kysely instance over a pg.Pool. The caller destroys it. */
export function createDb(options: CreateDbOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'xianjie',
  })
  // An idle client can be cut off (server restart, dropped test database); without a
  // listener that error would crash the process instead of the next query retrying.
  pool.on('error', (err) => options.onQueryLog?.('warn', { err }, 'idle database connection lost'))
  const slow = options.slowQueryMs ?? 500
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: options.onQueryLog
      ? (event: LogEvent) => {
          if (event.level === 'error') {
            options.onQueryLog!('error', { sql: event.query.sql, err: event.error }, 'query failed')
          } else if (event.queryDurationMillis > slow) {
            options.onQueryLog!('warn', { sql: event.query.sql, ms: event.queryDurationMillis }, 'slow query')
          }
        }
      : undefined,
  })
}
