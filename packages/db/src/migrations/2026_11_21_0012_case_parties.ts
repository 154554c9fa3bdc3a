import { type Kysely, sql } from 'kysely'

// The cases of an agency, newest first (GET /v1/cases, every officer's home page). The agencies
// of a case are the values of `cases.parties` (role → agency id); its GIN index finds an
// agency's cases but not in order, so a bureau with 80,000 cases had all of them fetched and
// sorted for one page (4.5 s on the million-case benchmark). `case_parties` holds one row per
// case and agency, kept by a trigger whenever a case is inserted or its parties change, and its
// index gives the page by a keyset on (opened_at, case_id).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table case_parties (
      agency_id text not null,
      case_id uuid not null references cases (id) on delete cascade,
      opened_at timestamptz not null,
      primary key (agency_id, case_id)
    )`.execute(db)
  await sql`create index case_parties_agency_opened_idx on case_parties (agency_id, opened_at desc, case_id desc)`.execute(db)
  await sql`create index case_parties_case_idx on case_parties (case_id)`.execute(db)

  // The case's agencies now: rows for agencies no longer named go, new ones come.
  await sql`
    create function xj_case_parties_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        delete from case_parties p
         where p.case_id = new.id
           and not exists (select 1 from jsonb_each_text(new.parties) x where x.value = p.agency_id);
      end if;
      insert into case_parties (agency_id, case_id, opened_at)
      select distinct x.value, new.id, new.opened_at from jsonb_each_text(new.parties) x
      on conflict do nothing;
      return null;
    end $$`.execute(db)
  await sql`create trigger cases_parties_insert after insert on cases for each row execute function xj_case_parties_sync()`.execute(db)
  await sql`
    create trigger cases_parties_update after update of parties on cases
      for each row when (old.parties is distinct from new.parties) execute function xj_case_parties_sync()`.execute(db)

  // Rebuilt from the cases (this migration, and a bulk load that ran with triggers off).
  await sql`
    create function xj_case_parties_rebuild() returns void language sql as $$
      truncate case_parties;
      insert into case_parties (agency_id, case_id, opened_at)
      select distinct x.value, c.id, c.opened_at from cases c, jsonb_each_text(c.parties) x;
    $$`.execute(db)
  await sql`select xj_case_parties_rebuild()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists cases_parties_update on cases`.execute(db)
  await sql`drop trigger if exists cases_parties_insert on cases`.execute(db)
  await sql`drop function if exists xj_case_parties_rebuild()`.execute(db)
  await sql`drop function if exists xj_case_parties_sync()`.execute(db)
  await sql`drop table if exists case_parties`.execute(db)
}
