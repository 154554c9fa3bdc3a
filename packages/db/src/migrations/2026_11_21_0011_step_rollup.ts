import { type Kysely, sql } from 'kysely'

// Monthly rollups of the supervision statistics (docs/supervision.md "Rollups"): the finished
// steps of `timers`, the closed and the opened cases of `case_index`, per China-local month
// and group, kept by triggers in the statement that finishes a step or opens or closes a
// case. A city's quarter is then read as a hundred rows instead of sorting some 60,000
// durations per request. The credit register learns its case's jurisdiction, for the
// listings removed in a period.
//
// Each row holds the count, the sum of the durations, the durations themselves while there
// are at most 64 of them (`exact`: percentiles stay exact, as percentile_cont computes them),
// and always a log-bucket sketch (`sketch`, DDSketch style, relative accuracy 0.5 %): the
// array's subscript is the bucket (`xj_sketch_bucket`), its element the count. A row's
// `exact` becomes NULL for good once it would exceed 64 values.
//
// Mirrored by packages/engine/src/sketch.ts: keep the bucket function and its constant alike.
export async function up(db: Kysely<any>): Promise<void> {
  // Bucket i ≥ 1 covers (γ^(i-1), γ^i] seconds, γ = 1.005 / 0.995 (ln γ = 0.010000083334583179);
  // durations under a second share bucket 1, zero (or less) is bucket 0, valued 0.
  await sql`
    create function xj_sketch_bucket(seconds float8) returns integer
      language sql immutable strict parallel safe
      return case when seconds <= 0 then 0 else greatest(1, ceil(ln(seconds) / 0.010000083334583179::float8))::integer end`.execute(db)
  // The China-local month an instant falls in (China keeps +08:00 all year).
  await sql`
    create function xj_china_month(at timestamptz) returns date
      language sql immutable strict parallel safe
      return date_trunc('month', at at time zone 'Asia/Shanghai')::date`.execute(db)

  await sql`
    create table step_rollup (
      jurisdiction text,
      month date not null,
      procedure text,
      name text not null,
      owner_agency_id text,
      expiry text,
      n integer not null,
      met integer not null,
      late integer not null,
      sum_seconds float8 not null,
      exact float8[],
      sketch integer[] not null
    )`.execute(db)
  // Also the statistics' path: jurisdiction = any(…) and a month range bound the first two columns.
  await sql`create unique index step_rollup_key on step_rollup (jurisdiction, month, procedure, name, owner_agency_id, expiry) nulls not distinct`.execute(db)
  await sql`
    create table closed_rollup (
      jurisdiction text not null,
      month date not null,
      procedure text not null,
      opening_agency_id text not null,
      end_code text,
      n integer not null,
      sum_seconds float8 not null,
      exact float8[],
      sketch integer[] not null
    )`.execute(db)
  await sql`create unique index closed_rollup_key on closed_rollup (jurisdiction, month, procedure, opening_agency_id, end_code) nulls not distinct`.execute(db)
  // Cases opened: a count per month (a city's year is 60,000 index entries to count otherwise).
  await sql`
    create table opened_rollup (
      jurisdiction text not null,
      month date not null,
      procedure text not null,
      opening_agency_id text not null,
      n integer not null,
      primary key (jurisdiction, month, procedure, opening_agency_id)
    )`.execute(db)

  // The array without one occurrence of the value (NULL, i.e. sketch only, if it is not there).
  await sql`
    create function xj_without_one(a float8[], v float8) returns float8[]
      language sql immutable parallel safe
      return a[:array_position(a, v) - 1] || a[array_position(a, v) + 1:]`.execute(db)

  // One step's contribution added (p_sign 1) or taken back (-1). The upsert locks the group's row
  // until the transaction ends, so two writers never lose each other's count.
  await sql`
    create function xj_step_rollup_put(p_sign integer, p_jurisdiction text, p_month date, p_procedure text, p_name text, p_owner text,
                                       p_expiry text, p_status text, p_seconds float8) returns void
    language plpgsql as $$
    declare
      v_b integer := xj_sketch_bucket(p_seconds);
      v_met integer := (p_status = 'MET')::integer;
      v_late integer := (p_status = 'OVERDUE_DUTY')::integer;
    begin
      if p_sign > 0 then
        insert into step_rollup as r (jurisdiction, month, procedure, name, owner_agency_id, expiry, n, met, late, sum_seconds, exact, sketch)
        values (p_jurisdiction, p_month, p_procedure, p_name, p_owner, p_expiry, 1, v_met, v_late, p_seconds, array[p_seconds], array_fill(1, array[1], array[v_b]))
        on conflict (jurisdiction, month, procedure, name, owner_agency_id, expiry) do update
           set n = r.n + 1, met = r.met + v_met, late = r.late + v_late, sum_seconds = r.sum_seconds + p_seconds,
               exact = case when cardinality(r.exact) < 64 then r.exact || p_seconds end,
               sketch[v_b] = coalesce(r.sketch[v_b], 0) + 1;
      else
        update step_rollup r
           set n = r.n - 1, met = r.met - v_met, late = r.late - v_late, sum_seconds = r.sum_seconds - p_seconds,
               exact = xj_without_one(r.exact, p_seconds),
               sketch[v_b] = nullif(r.sketch[v_b] - 1, 0)
         where r.jurisdiction is not distinct from p_jurisdiction and r.month = p_month and r.procedure is not distinct from p_procedure
           and r.name = p_name and r.owner_agency_id is not distinct from p_owner and r.expiry is not distinct from p_expiry;
      end if;
    end $$`.execute(db)
  await sql`
    create function xj_closed_rollup_put(p_sign integer, p_jurisdiction text, p_month date, p_procedure text, p_agency text, p_end text,
                                         p_seconds float8) returns void
    language plpgsql as $$
    declare
      v_b integer := xj_sketch_bucket(p_seconds);
    begin
      if p_sign > 0 then
        insert into closed_rollup as r (jurisdiction, month, procedure, opening_agency_id, end_code, n, sum_seconds, exact, sketch)
        values (p_jurisdiction, p_month, p_procedure, p_agency, p_end, 1, p_seconds, array[p_seconds], array_fill(1, array[1], array[v_b]))
        on conflict (jurisdiction, month, procedure, opening_agency_id, end_code) do update
           set n = r.n + 1, sum_seconds = r.sum_seconds + p_seconds,
               exact = case when cardinality(r.exact) < 64 then r.exact || p_seconds end,
               sketch[v_b] = coalesce(r.sketch[v_b], 0) + 1;
      else
        update closed_rollup r
           set n = r.n - 1, sum_seconds = r.sum_seconds - p_seconds, exact = xj_without_one(r.exact, p_seconds), sketch[v_b] = nullif(r.sketch[v_b] - 1, 0)
         where r.jurisdiction = p_jurisdiction and r.month = p_month and r.procedure = p_procedure and r.opening_agency_id = p_agency
           and r.end_code is not distinct from p_end;
      end if;
    end $$`.execute(db)
  await sql`
    create function xj_opened_rollup_put(p_sign integer, p_jurisdiction text, p_month date, p_procedure text, p_agency text) returns void
    language sql as $$
      insert into opened_rollup as r (jurisdiction, month, procedure, opening_agency_id, n) values (p_jurisdiction, p_month, p_procedure, p_agency, p_sign)
      on conflict (jurisdiction, month, procedure, opening_agency_id) do update set n = r.n + p_sign
    $$`.execute(db)

  // A step counts once it is finished: met, or a duty done late, with the instant it was done.
  await sql`
    create function xj_timers_rollup() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' and old.done_at is not null and old.status in ('MET', 'OVERDUE_DUTY') then
        perform xj_step_rollup_put(-1, old.jurisdiction, xj_china_month(old.done_at), old.procedure, old.name, old.owner_agency_id, old.expiry,
                                   old.status, date_part('epoch', old.done_at - old.started_at));
      end if;
      if tg_op <> 'DELETE' and new.done_at is not null and new.status in ('MET', 'OVERDUE_DUTY') then
        perform xj_step_rollup_put(1, new.jurisdiction, xj_china_month(new.done_at), new.procedure, new.name, new.owner_agency_id, new.expiry,
                                   new.status, date_part('epoch', new.done_at - new.started_at));
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger timers_rollup_insert after insert on timers for each row
      when (new.done_at is not null and new.status in ('MET', 'OVERDUE_DUTY'))
      execute function xj_timers_rollup()`.execute(db)
  // Only an update that changes what a finished step contributes: the alert marks, a status
  // change of a running timer and a step finished again with the same values pass by.
  await sql`
    create trigger timers_rollup_update after update of status, done_at, started_at, jurisdiction, procedure, name, owner_agency_id, rule on timers for each row
      when ((old.done_at is not null or new.done_at is not null)
            and (old.status, old.done_at, old.started_at, old.jurisdiction, old.procedure, old.name, old.owner_agency_id, old.expiry)
                is distinct from (new.status, new.done_at, new.started_at, new.jurisdiction, new.procedure, new.name, new.owner_agency_id, new.expiry))
      execute function xj_timers_rollup()`.execute(db)
  await sql`
    create trigger timers_rollup_delete after delete on timers for each row
      when (old.done_at is not null and old.status in ('MET', 'OVERDUE_DUTY'))
      execute function xj_timers_rollup()`.execute(db)

  // A case counts as opened from its index row on, and as closed while the row has closed_at.
  await sql`
    create function xj_case_index_rollup() returns trigger language plpgsql as $$
    declare
      v_opened_moved boolean := tg_op = 'UPDATE' and (old.opened_at, old.jurisdiction, old.procedure, old.opening_agency_id)
                                 is distinct from (new.opened_at, new.jurisdiction, new.procedure, new.opening_agency_id);
      v_closed_moved boolean := tg_op <> 'UPDATE' or (old.closed_at, old.opened_at, old.end_code, old.jurisdiction, old.procedure, old.opening_agency_id)
                                 is distinct from (new.closed_at, new.opened_at, new.end_code, new.jurisdiction, new.procedure, new.opening_agency_id);
    begin
      if tg_op = 'DELETE' or v_opened_moved then
        perform xj_opened_rollup_put(-1, old.jurisdiction, xj_china_month(old.opened_at), old.procedure, old.opening_agency_id);
      end if;
      if tg_op <> 'INSERT' and old.closed_at is not null and v_closed_moved then
        perform xj_closed_rollup_put(-1, old.jurisdiction, xj_china_month(old.closed_at), old.procedure, old.opening_agency_id, old.end_code,
                                     date_part('epoch', old.closed_at - old.opened_at));
      end if;
      if tg_op = 'INSERT' or v_opened_moved then
        perform xj_opened_rollup_put(1, new.jurisdiction, xj_china_month(new.opened_at), new.procedure, new.opening_agency_id);
      end if;
      if tg_op <> 'DELETE' and new.closed_at is not null and v_closed_moved then
        perform xj_closed_rollup_put(1, new.jurisdiction, xj_china_month(new.closed_at), new.procedure, new.opening_agency_id, new.end_code,
                                     date_part('epoch', new.closed_at - new.opened_at));
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger case_index_rollup_insert after insert on case_index for each row execute function xj_case_index_rollup()`.execute(db)
  // The index row is rewritten whenever the subjects or the summary change: only a change of
  // what the opening or the closing contributes reaches the rollups.
  await sql`
    create trigger case_index_rollup_update after update of closed_at, opened_at, end_code, jurisdiction, procedure, opening_agency_id on case_index for each row
      when ((old.closed_at, old.opened_at, old.end_code, old.jurisdiction, old.procedure, old.opening_agency_id)
            is distinct from (new.closed_at, new.opened_at, new.end_code, new.jurisdiction, new.procedure, new.opening_agency_id))
      execute function xj_case_index_rollup()`.execute(db)
  await sql`create trigger case_index_rollup_delete after delete on case_index for each row execute function xj_case_index_rollup()`.execute(db)

  // Listings removed in a period: the register learns the case's jurisdiction (as timers did in
  // 0008), so a city's removals are one index range instead of every city's removals each
  // joined to case_index (30,000 lookups for a year, 260 ms).
  await sql`alter table credit_list add column jurisdiction text`.execute(db)
  await sql`update credit_list l set jurisdiction = c.jurisdiction from cases c where c.id = l.case_id`.execute(db)
  await sql`
    create function xj_credit_list_placed() returns trigger language plpgsql as $$
    begin
      if new.jurisdiction is null then
        select c.jurisdiction into new.jurisdiction from cases c where c.id = new.case_id;
      end if;
      return new;
    end $$`.execute(db)
  await sql`create trigger credit_list_placed before insert on credit_list for each row execute function xj_credit_list_placed()`.execute(db)
  await sql`
    create index credit_list_removed_idx on credit_list (jurisdiction, ended_at) include (regime, end_reason, authority_agency_id, until)
     where kind = 'listing' and ended_at is not null`.execute(db)

  // The rollups computed from the raw rows, set-based: what the triggers keep, for the backfill,
  // a bulk load (test/bench/supervision-seed.ts) and the drift check (engine rollupDrift()).
  // Arrays are built as text: the values' own shortest exact form (extra_float_digits 1), and
  // the sketch as '[lo:hi]={c,NULL,…}' with NULL for the buckets between.
  await sql`
    create function xj_step_rollup_computed() returns setof step_rollup
    language sql stable set extra_float_digits = 1 as $$
      with t as (
        select jurisdiction, xj_china_month(done_at) as month, procedure, name, owner_agency_id, expiry, status,
               date_part('epoch', done_at - started_at) as s
          from timers where done_at is not null and status in ('MET', 'OVERDUE_DUTY')
      ), b as (
        select jurisdiction, month, procedure, name, owner_agency_id, expiry, xj_sketch_bucket(s) as b, count(*)::integer as c,
               count(*) filter (where status = 'MET')::integer as met, count(*) filter (where status = 'OVERDUE_DUTY')::integer as late,
               sum(s) as total, case when count(*) <= 64 then array_to_string(array_agg(s), ',') end as vals
          from t group by 1, 2, 3, 4, 5, 6, 7
      ), g as (
        select b.*, b.b - lag(b.b) over (partition by jurisdiction, month, procedure, name, owner_agency_id, expiry order by b.b) - 1 as gap from b
      )
      select jurisdiction, month, procedure, name, owner_agency_id, expiry, sum(c)::integer, sum(met)::integer, sum(late)::integer, sum(total),
             case when sum(c) <= 64 then ('{' || string_agg(vals, ',') || '}')::float8[] end,
             ('[' || min(b) || ':' || max(b) || ']={' || string_agg(repeat('NULL,', coalesce(gap, 0)) || c, ',' order by b) || '}')::integer[]
        from g group by 1, 2, 3, 4, 5, 6
    $$`.execute(db)
  await sql`
    create function xj_closed_rollup_computed() returns setof closed_rollup
    language sql stable set extra_float_digits = 1 as $$
      with t as (
        select jurisdiction, xj_china_month(closed_at) as month, procedure, opening_agency_id, end_code, date_part('epoch', closed_at - opened_at) as s
          from case_index where closed_at is not null
      ), b as (
        select jurisdiction, month, procedure, opening_agency_id, end_code, xj_sketch_bucket(s) as b, count(*)::integer as c, sum(s) as total,
               case when count(*) <= 64 then array_to_string(array_agg(s), ',') end as vals
          from t group by 1, 2, 3, 4, 5, 6
      ), g as (
        select b.*, b.b - lag(b.b) over (partition by jurisdiction, month, procedure, opening_agency_id, end_code order by b.b) - 1 as gap from b
      )
      select jurisdiction, month, procedure, opening_agency_id, end_code, sum(c)::integer, sum(total),
             case when sum(c) <= 64 then ('{' || string_agg(vals, ',') || '}')::float8[] end,
             ('[' || min(b) || ':' || max(b) || ']={' || string_agg(repeat('NULL,', coalesce(gap, 0)) || c, ',' order by b) || '}')::integer[]
        from g group by 1, 2, 3, 4, 5
    $$`.execute(db)
  await sql`
    create function xj_opened_rollup_computed() returns setof opened_rollup
    language sql stable as $$
      select jurisdiction, xj_china_month(opened_at), procedure, opening_agency_id, count(*)::integer from case_index group by 1, 2, 3, 4
    $$`.execute(db)
  // The rollups rebuilt from the raw rows (the tables are locked meanwhile).
  await sql`
    create function xj_rollup_rebuild() returns void language plpgsql as $$
    begin
      lock table step_rollup, closed_rollup, opened_rollup in exclusive mode;
      delete from step_rollup;
      insert into step_rollup select * from xj_step_rollup_computed();
      delete from closed_rollup;
      insert into closed_rollup select * from xj_closed_rollup_computed();
      delete from opened_rollup;
      insert into opened_rollup select * from xj_opened_rollup_computed();
    end $$`.execute(db)

  // The backfill: a 1M-case database holds some 4M finished steps to sort by group and bucket.
  await sql`set local work_mem = '256MB'`.execute(db)
  await sql`select xj_rollup_rebuild()`.execute(db)
  await sql`analyze step_rollup`.execute(db)
  await sql`analyze closed_rollup`.execute(db)
  await sql`analyze opened_rollup`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists case_index_rollup_delete on case_index`.execute(db)
  await sql`drop trigger if exists case_index_rollup_update on case_index`.execute(db)
  await sql`drop trigger if exists case_index_rollup_insert on case_index`.execute(db)
  await sql`drop trigger if exists timers_rollup_delete on timers`.execute(db)
  await sql`drop trigger if exists timers_rollup_update on timers`.execute(db)
  await sql`drop trigger if exists timers_rollup_insert on timers`.execute(db)
  await sql`drop index if exists credit_list_removed_idx`.execute(db)
  await sql`drop trigger if exists credit_list_placed on credit_list`.execute(db)
  await sql`drop function if exists xj_credit_list_placed()`.execute(db)
  await sql`alter table credit_list drop column if exists jurisdiction`.execute(db)
  await sql`drop function if exists xj_rollup_rebuild()`.execute(db)
  await sql`drop function if exists xj_opened_rollup_computed()`.execute(db)
  await sql`drop function if exists xj_closed_rollup_computed()`.execute(db)
  await sql`drop function if exists xj_step_rollup_computed()`.execute(db)
  await sql`drop function if exists xj_case_index_rollup()`.execute(db)
  await sql`drop function if exists xj_timers_rollup()`.execute(db)
  await sql`drop function if exists xj_closed_rollup_put(integer, text, date, text, text, text, float8)`.execute(db)
  await sql`drop function if exists xj_step_rollup_put(integer, text, date, text, text, text, text, text, float8)`.execute(db)
  await sql`drop function if exists xj_opened_rollup_put(integer, text, date, text, text)`.execute(db)
  await sql`drop function if exists xj_without_one(float8[], float8)`.execute(db)
  await sql`drop table if exists opened_rollup`.execute(db)
  await sql`drop table if exists closed_rollup`.execute(db)
  await sql`drop table if exists step_rollup`.execute(db)
  await sql`drop function if exists xj_china_month(timestamptz)`.execute(db)
  await sql`drop function if exists xj_sketch_bucket(float8)`.execute(db)
}
