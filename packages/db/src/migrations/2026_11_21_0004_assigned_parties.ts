import { type Kysely, sql } from 'kysely'
import * as eventFunctions from './2026_11_21_0003_event_functions.ts'

// Judicial confirmation needs three things of the spine:
// - parties named after a case opens (the court the application is filed with) and a
//   case number given by a command (the court's number at acceptance): the append
//   function takes both, written with the event, or not at all;
// - documents the engine renders from the case (the acceptance notice, the ruling),
//   stored with the event that produced them and their SHA-256;
// - agencies of kind `party` (enterprises, persons) carry their 统一社会信用代码.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table agencies add column credit_code text`.execute(db)
  await sql`create unique index agencies_credit_code_key on agencies (credit_code) where credit_code is not null`.execute(db)
  await sql`alter table documents add column seq integer`.execute(db)

  await sql`
    create or replace function xj_append_event(e jsonb) returns jsonb
    language plpgsql as $$
    declare
      v_case uuid := (e->>'caseId')::uuid;
      v_seq integer := (e->>'seq')::integer;
      v_at timestamptz := (e->>'at')::timestamptz;
      v_after text[] := array(select jsonb_array_elements_text(e->'stateAfter'));
      v_task bigint;
    begin
      update cases
         set snapshot = e->'snapshot', version = v_seq, state_ids = v_after, status = e->>'status',
             head_hash = e->>'hash', updated_at = v_at,
             parties = coalesce(e->'parties', parties),
             case_number = coalesce(e->>'caseNumber', case_number),
             closed_at = case when (e->>'done')::boolean then coalesce(closed_at, v_at) else closed_at end
       where id = v_case and version = v_seq - 1;
      if not found then
        return null;
      end if;

      insert into case_events (case_id, seq, type, actor_id, agency_id, payload, facts, occurred_at, state_before, state_after, prev_hash, hash)
      values (v_case, v_seq, e->>'type', e->>'actorId', e->>'agencyId', e->'payload', e->'facts', v_at,
              array(select jsonb_array_elements_text(e->'stateBefore')), v_after, e->>'prevHash', e->>'hash');

      if jsonb_array_length(e->'outbox') > 0 then
        insert into outbox (case_id, seq, queue, job_name, payload)
        select v_case, v_seq, x.queue, x.job_name, x.payload
          from jsonb_to_recordset(e->'outbox') as x(queue text, job_name text, payload jsonb);
        perform pg_notify('xianjie_outbox', '');
      end if;

      if jsonb_array_length(e->'timers') > 0 then
        insert into timers (id, case_id, name, send_id, state_id, owner_agency_id, started_seq, started_at, due_at, statutory_due_at, provisional, status, rule)
        select x.id, v_case, x.name, x.send_id, x.state_id, x.owner_agency_id, v_seq, x.started_at, x.due_at, x.statutory_due_at, x.provisional, 'SCHEDULED', x.rule
          from jsonb_to_recordset(e->'timers')
               as x(id text, name text, send_id text, state_id text, owner_agency_id text, started_at timestamptz,
                    due_at timestamptz, statutory_due_at timestamptz, provisional boolean, rule jsonb);
      end if;

      if jsonb_array_length(e->'timersEnded') > 0 then
        update timers set status = x.status, ended_at = v_at, ended_seq = v_seq
          from jsonb_to_recordset(e->'timersEnded') as x(id text, status text)
         where timers.id = x.id and timers.status = 'SCHEDULED';
      end if;

      -- A task belongs to the state that opened it: leaving the state closes it.
      update tasks set closed_at = v_at, closed_by_seq = v_seq
       where case_id = v_case and closed_at is null and not (state_id = any(v_after));

      if jsonb_array_length(e->'tasks') > 0 then
        insert into tasks (case_id, agency_id, kind, title, state_id, dispatch_id, opened_at, due_at)
        select v_case, x.agency_id, x.kind, x.title, x.state_id, x.dispatch_id, x.opened_at, x.due_at
          from jsonb_to_recordset(e->'tasks')
               as x(agency_id text, kind text, title text, state_id text, dispatch_id bigint, opened_at timestamptz, due_at timestamptz)
        on conflict (dispatch_id) do nothing
        returning id into v_task;
      end if;

      if jsonb_array_length(coalesce(e->'documents', '[]'::jsonb)) > 0 then
        insert into documents (case_id, seq, kind, name, sha256, size, media_type, content, uploaded_by, uploaded_at)
        select v_case, v_seq, x.kind, x.name, x.sha256, octet_length(convert_to(x.text, 'UTF8')), x.media_type, convert_to(x.text, 'UTF8'), e->>'actorId', v_at
          from jsonb_to_recordset(e->'documents') as x(kind text, name text, sha256 text, media_type text, text text);
      end if;

      if jsonb_array_length(e->'commands') > 0 then
        insert into commands (actor_id, idempotency_key, case_id, request_hash, status_code, response)
        select x.actor_id, x.idempotency_key, v_case, x.request_hash, x.status_code, x.response
          from jsonb_to_recordset(e->'commands')
               as x(actor_id text, idempotency_key text, request_hash text, status_code integer, response jsonb);
      end if;

      return jsonb_build_object('taskId', v_task::text);
    end $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  // Back to the 0003 append function, which knows no parties, numbers or documents.
  await eventFunctions.down(db)
  await eventFunctions.up(db)
  await sql`alter table documents drop column if exists seq`.execute(db)
  await sql`drop index if exists agencies_credit_code_key`.execute(db)
  await sql`alter table agencies drop column if exists credit_code`.execute(db)
}
