import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '@xianjie/db'

/** Polls until the predicate holds; throws after `ms`. */
export async function until(predicate: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 25))
  }
}

/** A minimal case row in `state`, for tests of outbox and timer rows that need its foreign key. */
export async function insertBareCase(db: Kysely<Database>, state: string, title: string): Promise<string> {
  const id = randomUUID()
  await sql`
    insert into cases (id, procedure, definition_version, jurisdiction, status, state_ids, snapshot, version, parties, title, head_hash, opened_by, opened_at, updated_at)
    values (${id}, 'criminal-transfer', '1', '620400', 'open', ${`{${state}}`}, '{}'::jsonb, 1, '{}'::jsonb, ${title}, ${'0'.repeat(64)}, 'test', now(), now())`.execute(db)
  return id
}
