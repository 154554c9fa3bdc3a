import { type Kysely, sql } from 'kysely'

// Every event rewrites its case row and most end a timer. Leaving room on each page lets
// PostgreSQL update those rows in place (HOT), without touching their indexes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cases set (fillfactor = 50)`.execute(db)
  await sql`alter table timers set (fillfactor = 80)`.execute(db)
  await sql`alter table tasks set (fillfactor = 80)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table cases reset (fillfactor)`.execute(db)
  await sql`alter table timers reset (fillfactor)`.execute(db)
  await sql`alter table tasks reset (fillfactor)`.execute(db)
}
