import { type Kysely, sql } from 'kysely'

// Supervision (docs/architecture.md "Supervision"): what supervisors ask of a million cases
// (open duties soonest first, statistics per agency and period, search by party) answered
// from narrow read models kept in the same statement as the event that changes them, never
// by scanning the event log.
//
// - `timers` learns where it belongs (jurisdiction, procedure: copied from the case when the
//   timer starts), its expiry kind, when two thirds of its time are used (`at_risk_at`),
//   when the step it times was actually left (`done_at`: a duty done late is done when the
//   state is left, not when the deadline fired), and whether the supervisor was alerted.
// - `case_index` holds per case what a search or a statistic needs: the opening agency,
//   the subjects (names and 统一社会信用代码) and the procedure's summary (its end, amounts).
// - `case_refusals` holds the refusals a procedure declares (a transfer refused, a
//   confirmation rejected), with the reasons given: "refused and why".
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db)

  await sql`
    alter table timers
      add column jurisdiction text,
      add column procedure text,
      add column expiry text generated always as (rule->>'expiry') stored,
      add column at_risk_at timestamptz,
      add column done_at timestamptz,
      add column at_risk_alerted_at timestamptz,
      add column overdue_alerted_at timestamptz`.execute(db)
  await sql`
    update timers t
       set jurisdiction = c.jurisdiction, procedure = c.procedure,
           at_risk_at = t.started_at + (t.due_at - t.started_at) * 2 / 3,
           done_at = case when t.status in ('MET', 'EXPIRED_RIGHT_LOST', 'ELAPSED', 'CANCELLED') then t.ended_at end
      from cases c where c.id = t.case_id`.execute(db)
  await sql`
    create function xj_timer_placed() returns trigger language plpgsql as $$
    begin
      select c.jurisdiction, c.procedure into new.jurisdiction, new.procedure from cases c where c.id = new.case_id;
      new.at_risk_at := new.started_at + (new.due_at - new.started_at) * 2 / 3;
      return new;
    end $$`.execute(db)
  await sql`create trigger timers_placed before insert on timers for each row execute function xj_timer_placed()`.execute(db)
  // Open duties: scheduled, or fired (overdue) and still not done. Soonest first.
  await sql`
    create index timers_open_duty_idx on timers (due_at)
     where expiry = 'DUTY' and (status = 'SCHEDULED' or (status = 'OVERDUE_DUTY' and done_at is null))`.execute(db)
  // Steps finished in a period, within a jurisdiction (statistics).
  await sql`
    create index timers_done_idx on timers (jurisdiction text_pattern_ops, done_at)
      include (procedure, name, owner_agency_id, started_at, status, expiry) where done_at is not null`.execute(db)

  await sql`
    create table case_index (
      case_id uuid primary key references cases (id),
      procedure text not null,
      jurisdiction text not null,
      opening_agency_id text not null,
      opened_at timestamptz not null,
      closed_at timestamptz,
      end_code text,
      subject_names text not null default '',
      subject_codes text[] not null default '{}',
      summary jsonb not null default '{}'
    )`.execute(db)
  await sql`create index case_index_opened_idx on case_index (jurisdiction text_pattern_ops, opened_at) include (procedure, opening_agency_id)`.execute(db)
  // opened_at included: the days from opening to closing are computed from the index alone.
  await sql`create index case_index_closed_idx on case_index (jurisdiction text_pattern_ops, closed_at) include (procedure, opening_agency_id, end_code, opened_at) where closed_at is not null`.execute(db)
  await sql`create index case_index_names_idx on case_index using gin (subject_names gin_trgm_ops)`.execute(db)
  // Two Chinese characters (华信, the shortest search allowed) hold no trigram, so such a search
  // walks case_index_opened_desc_idx until a page matches. The planner takes that walk only if
  // it estimates the fragment's share of names well: with the default 100-entry histogram it
  // estimates none for many, and scans the table instead (150 ms against 10, bench-supervision).
  await sql`alter table case_index alter column subject_names set statistics 1000`.execute(db)
  await sql`create index case_index_codes_idx on case_index using gin (subject_codes)`.execute(db)
  await sql`create index case_index_opened_desc_idx on case_index (opened_at desc, case_id desc)`.execute(db)
  // 该移不移 candidates: closed with a penalty and never transferred (the thresholds are read in code).
  // Keyed by the flags' order, so the query walks it newest first and stops at the page; the
  // jurisdiction is checked from the index. Keyed by (jurisdiction, closed_at) instead, a city's
  // `like '6204%'` range cannot give the order: every candidate of the city (28k of a million
  // cases) is read and joined before the sort (250 ms against 6.5 ms, bench-supervision).
  await sql`
    create index case_index_transfer_flag_idx on case_index (closed_at desc, case_id) include (jurisdiction)
     where procedure = 'criminal-transfer' and closed_at is not null and (summary->>'penalty') = 'true' and (summary->>'transferred') = 'false'`.execute(db)
  // The cases opened from a case (a flag's supervision case, a timeline's linked cases).
  await sql`create index cases_parent_idx on cases (parent_case_id) where parent_case_id is not null`.execute(db)

  await sql`
    create table case_refusals (
      case_id uuid not null references cases (id),
      seq integer not null,
      procedure text not null,
      jurisdiction text not null,
      agency_id text not null,
      kind text not null,
      reasons text not null,
      at timestamptz not null,
      primary key (case_id, seq)
    )`.execute(db)
  await sql`create index case_refusals_period_idx on case_refusals (jurisdiction text_pattern_ops, at) include (procedure, agency_id, kind)`.execute(db)

  // Listings that ended in a period (statistics: removals), instead of a scan of the register.
  await sql`create index credit_list_ended_idx on credit_list (ended_at) include (case_id) where kind = 'listing'`.execute(db)
  // A case's notices to other agencies, for its report: the outbox keeps every row, so without
  // this they are a scan of millions of rows.
  await sql`create index outbox_dispatch_case_idx on outbox (case_id, id) where job_name = 'dispatch'`.execute(db)

  // Existing cases: their index rows from what the case row knows (subjects and summary
  // come with the next event of each case).
  await sql`
    insert into case_index (case_id, procedure, jurisdiction, opening_agency_id, opened_at, closed_at)
    select c.id, c.procedure, c.jurisdiction, coalesce(u.agency_id, c.parties->>'opener', ''), c.opened_at, c.closed_at
      from cases c left join users u on u.id = c.opened_by`.execute(db)

  // The 0005 function keeps doing everything else; this one adds the read models after it.
  await sql`alter function xj_append_event(jsonb) rename to xj_append_event_register`.execute(db)
  await sql`
    create function xj_append_event(e jsonb) returns jsonb
    language plpgsql as $$
    declare
      v_out jsonb := xj_append_event_register(e);
      v_case uuid := (e->>'caseId')::uuid;
      v_at timestamptz := (e->>'at')::timestamptz;
      v_after text[];
      v_i jsonb := e->'caseIndex';
    begin
      if v_out is null then
        return null;
      end if;
      v_after := array(select jsonb_array_elements_text(e->'stateAfter'));

      -- A step is done when its deadline is met, or, for a duty done late, when its state is left.
      update timers set done_at = v_at
       where case_id = v_case and done_at is null and status <> 'SCHEDULED'
         and (status <> 'OVERDUE_DUTY' or not (state_id = any(v_after)));

      if v_i is not null then
        insert into case_index as ci (case_id, procedure, jurisdiction, opening_agency_id, opened_at, closed_at, end_code, subject_names, subject_codes, summary)
        select v_case, c.procedure, c.jurisdiction, v_i->>'openingAgencyId', c.opened_at, c.closed_at, v_i->>'end',
               coalesce(v_i->>'subjectNames', ''), array(select jsonb_array_elements_text(coalesce(v_i->'subjectCodes', '[]'))),
               coalesce(v_i->'summary', '{}')
          from cases c where c.id = v_case
        on conflict (case_id) do update
           set closed_at = excluded.closed_at, end_code = excluded.end_code, subject_names = excluded.subject_names,
               subject_codes = excluded.subject_codes, summary = excluded.summary;
      end if;

      if e ? 'refusal' then
        insert into case_refusals (case_id, seq, procedure, jurisdiction, agency_id, kind, reasons, at)
        select v_case, (e->>'seq')::integer, c.procedure, c.jurisdiction, e->>'agencyId', e->'refusal'->>'kind', e->'refusal'->>'reasons', v_at
          from cases c where c.id = v_case;
      end if;
      return v_out;
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists xj_append_event(jsonb)`.execute(db)
  await sql`alter function xj_append_event_register(jsonb) rename to xj_append_event`.execute(db)
  await sql`drop index if exists cases_parent_idx`.execute(db)
  await sql`drop index if exists outbox_dispatch_case_idx`.execute(db)
  await sql`drop index if exists credit_list_ended_idx`.execute(db)
  await sql`drop table if exists case_refusals`.execute(db)
  await sql`drop table if exists case_index`.execute(db)
  await sql`drop trigger if exists timers_placed on timers`.execute(db)
  await sql`drop function if exists xj_timer_placed()`.execute(db)
  await sql`drop index if exists timers_open_duty_idx`.execute(db)
  await sql`drop index if exists timers_done_idx`.execute(db)
  await sql`
    alter table timers drop column jurisdiction, drop column procedure, drop column expiry, drop column at_risk_at,
      drop column done_at, drop column at_risk_alerted_at, drop column overdue_alerted_at`.execute(db)
}
