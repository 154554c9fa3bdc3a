import { type Kysely, sql } from 'kysely'

// Daily anchors: at the end of each China-local day, the head of every case (its last event
// recorded by then) is hashed together into one root and kept. A case whose whole chain is
// rewritten later still verifies by itself, but no longer gives the anchored root.
// `recorded_at` is when the database took the event (occurred_at is the law's instant, which
// a timer event sets in the past); rows older than this migration get its time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_events add column recorded_at timestamptz not null default clock_timestamp()`.execute(db)
  await sql`
    create table anchors (
      day date primary key,
      cut timestamptz not null,
      cases integer not null,
      root text not null,
      created_at timestamptz not null
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists anchors`.execute(db)
  await sql`alter table case_events drop column if exists recorded_at`.execute(db)
}
