import { type Kysely, sql } from 'kysely'

// The engine's two hot statements as functions: PL/pgSQL keeps the plans of the statements
// inside for the life of a connection, where a large ad-hoc statement is planned on every
// call. Semantics are those of docs/architecture.md ("One command, one statement").
export async function up(db: Kysely<any>): Promise<void> {
  // One read: the case, its scheduled timers (oldest due first) and an earlier answer
  // under this idempotency key.
  await sql`
    create function xj_load_case(p_case uuid, p_actor text, p_key text) returns jsonb
    language plpgsql stable as $$
    declare
      v jsonb;
    begin
      select to_jsonb(c) into v from cases c where c.id = p_case;
      if v is null then
        return null;
      end if;
      return jsonb_build_object(
        'case', v,
        'scheduled', coalesce((
          select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name, 'send_id', t.send_id, 'due_at', t.due_at, 'expiry', t.rule->>'expiry') order by t.due_at, t.id)
            from timers t where t.case_id = p_case and t.status = 'SCHEDULED'), '[]'::jsonb),
        'prior', (select to_jsonb(m) from commands m where p_key is not null and m.actor_id = p_actor and m.idempotency_key = p_key)
      );
    end $$`.execute(db)

  // One write: everything an event causes, all or nothing, only if the case is still at
  // the version the decision was made on. Returns null when it was not (nothing written).
  await sql`
    create function xj_append_event(e jsonb) returns jsonb
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
  await sql`drop function if exists xj_append_event(jsonb)`.execute(db)
  await sql`drop function if exists xj_load_case(uuid, text, text)`.execute(db)
}
