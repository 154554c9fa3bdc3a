import { type Kysely, sql } from 'kysely'

// 查询留痕: who looked at which case, what, when, and whether they were let in. One row per
// read of a case, its timeline or its documents; refused attempts are kept too.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table case_views (
      id bigserial primary key,
      case_id uuid not null references cases (id),
      actor_id text not null,
      agency_id text not null,
      what text not null,
      allowed boolean not null,
      at timestamptz not null
    )`.execute(db)
  await sql`create index case_views_case on case_views (case_id, at)`.execute(db)
  await sql`create index case_views_actor on case_views (actor_id, at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists case_views`.execute(db)
}
