import { type Kysely, sql } from 'kysely'

// The public credit register (ARCHITECTURE.md `credit_list`): one row per case and regime
// (`samr-serious` SAMR-44 list, `samr-publicity` SAMR-45 penalty publicity, `cnipa-credit`
// CNIPA-2022), holding only what may be shown to partners and the public. The engine derives
// the rows from the case (`ProcedureDefinition.publicRecords`) and the append function writes
// them with the event that changed them, so the register never disagrees with a case.
//
// Column names against the design: listed_at → published_at (the instant it became public;
// decided_at is the decision), expires_at → until, removed_at → ended_at, reason → end_reason.
// The publication deadline lives where every deadline lives, in `timers`.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table credit_list (
      case_id uuid not null references cases (id),
      regime text not null,
      kind text not null check (kind in ('listing', 'publicity')),
      subject_credit_code text not null,
      subject_agency_id text not null references agencies (id),
      subject_name text not null,
      authority_agency_id text not null references agencies (id),
      title jsonb not null,
      decision_number text,
      decided_at timestamptz not null,
      published_at timestamptz not null,
      until timestamptz,
      ended_at timestamptz,
      end_reason text check (end_reason in ('expired', 'repaired', 'revoked', 'withdrawn')),
      measures jsonb not null,
      seq integer not null,
      primary key (case_id, regime)
    )`.execute(db)
  await sql`create index credit_list_subject on credit_list (subject_credit_code, published_at)`.execute(db)

  // The 0004 function keeps doing everything else; the new one adds the register after it,
  // inside the same statement (a null answer means nothing was written, so neither is the register).
  await sql`alter function xj_append_event(jsonb) rename to xj_append_event_core`.execute(db)
  await sql`
    create function xj_append_event(e jsonb) returns jsonb
    language plpgsql as $$
    declare
      v_out jsonb := xj_append_event_core(e);
      v_case uuid := (e->>'caseId')::uuid;
    begin
      if v_out is null or not (e ? 'publicRecords') then
        return v_out;
      end if;
      delete from credit_list where case_id = v_case;
      insert into credit_list (case_id, regime, kind, subject_credit_code, subject_agency_id, subject_name, authority_agency_id, title,
                               decision_number, decided_at, published_at, until, ended_at, end_reason, measures, seq)
      select v_case, x.regime, x.kind, x."subjectCreditCode", x."subjectAgencyId", x."subjectName", x."authorityAgencyId", x.title,
             x."decisionNumber", x."decidedAt", x."publishedAt", x.until, x."endedAt", x."endReason", x.measures, (e->>'seq')::integer
        from jsonb_to_recordset(e->'publicRecords')
             as x(regime text, kind text, "subjectCreditCode" text, "subjectAgencyId" text, "subjectName" text, "authorityAgencyId" text, title jsonb,
                  "decisionNumber" text, "decidedAt" timestamptz, "publishedAt" timestamptz, until timestamptz, "endedAt" timestamptz,
                  "endReason" text, measures jsonb);
      return v_out;
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists xj_append_event(jsonb)`.execute(db)
  await sql`alter function xj_append_event_core(jsonb) rename to xj_append_event`.execute(db)
  await sql`drop table if exists credit_list`.execute(db)
}
