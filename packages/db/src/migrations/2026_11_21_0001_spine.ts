import { type Kysely, sql } from 'kysely'

// Frozen: never edit once shipped; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('division_code', 'text', (c) => c.notNull().check(sql`division_code ~ '^[0-9]{6}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('abbr', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province', 'city', 'county')`))
    .execute()
  await db.schema.createIndex('agencies_kind_division_code_idx').on('agencies').columns(['kind', 'division_code']).execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('state_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('parent_case_id', 'uuid', (c) => c.references('cases.id'))
    .addColumn('parties', 'jsonb', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.unique())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('cases_jurisdiction_status_idx').on('cases').columns(['jurisdiction', 'status']).execute()
  await db.schema.createIndex('cases_parties_idx').on('cases').using('gin').column('parties').execute()

  await db.schema
    .createTable('case_events')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state_before', sql`text[]`, (c) => c.notNull())
    .addColumn('state_after', sql`text[]`, (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_events_pkey', ['case_id', 'seq'])
    .execute()
  // Append-only: the log is evidence. Tamper tests bypass this deliberately with
  // session_replication_role = replica, which is how an attacker with DBA rights would.
  await sql`
    create function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_events is append-only (% refused)', tg_op;
    end $$`.execute(db)
  await sql`
    create trigger case_events_append_only before update or delete on case_events
    for each row execute function case_events_append_only()`.execute(db)

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('queue', 'text', (c) => c.notNull())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`create index outbox_unpublished_idx on outbox (id) where published_at is null`.execute(db)

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state_id', 'text', (c) => c.notNull())
    .addColumn('dispatch_id', 'bigint', (c) => c.notNull().unique().references('outbox.id'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by_seq', 'integer')
    .execute()
  await sql`create index tasks_open_agency_idx on tasks (agency_id, due_at) where closed_at is null`.execute(db)
  await db.schema.createIndex('tasks_case_id_idx').on('tasks').column('case_id').execute()

  await db.schema
    .createTable('timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('send_id', 'text', (c) => c.notNull())
    .addColumn('state_id', 'text', (c) => c.notNull())
    .addColumn('owner_agency_id', 'text')
    .addColumn('started_seq', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('statutory_due_at', 'timestamptz')
    .addColumn('provisional', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_seq', 'integer')
    .addColumn('rule', 'jsonb', (c) => c.notNull())
    .execute()
  await sql`create index timers_scheduled_due_idx on timers (due_at) where status = 'SCHEDULED'`.execute(db)
  await db.schema.createIndex('timers_case_id_idx').on('timers').column('case_id').execute()

  await db.schema
    .createTable('commands')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('case_id', 'uuid')
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('commands_pkey', ['actor_id', 'idempotency_key'])
    .execute()

  await db.schema
    .createTable('documents')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('documents_case_id_idx').on('documents').column('case_id').execute()

  await db.schema
    .createTable('case_numbers')
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_numbers_pkey', ['agency_id', 'year', 'series'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['case_numbers', 'documents', 'commands', 'timers', 'tasks', 'outbox', 'case_events', 'cases', 'users', 'agencies']) {
    await db.schema.dropTable(t).ifExists().cascade().execute()
  }
  await sql`drop function if exists case_events_append_only()`.execute(db)
}
