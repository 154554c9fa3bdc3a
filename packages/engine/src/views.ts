import { sql, type Kysely } from 'kysely'
import type { Actor, ProcedureDefinition } from '@xianjie/domain'
import type { CaseRow, Database } from '@xianjie/db'
import { canRead, forbiddenRead, readAccess } from './policy.ts'
import { PROCEDURES } from './procedures.ts'
import type { Clock } from './types.ts'

type ReadDeps = { db: Kysely<Database>; clock: Clock; procedures?: ReadonlyMap<string, ProcedureDefinition> }
type ReadRow = Pick<CaseRow, 'id' | 'parties' | 'jurisdiction'> & { procedure?: string }

const REGISTERED = new Map(PROCEDURES.map((p) => [p.name, p]))

/**
 * Whether the actor may read the case (policy.ts `readAccess`). Only for an agency that reads
 * once the case has reached it does this look up the case's dispatches (and, when the caller
 * did not read it, the case's procedure).
 */
export async function mayRead(deps: Pick<ReadDeps, 'db' | 'procedures'>, actor: Actor, row: ReadRow): Promise<boolean> {
  if (readAccess(undefined, actor, row) === 'no') return false
  const procedure = row.procedure ?? (await deps.db.selectFrom('cases').select('procedure').where('id', '=', row.id).executeTakeFirst())?.procedure
  const def = procedure === undefined ? undefined : (deps.procedures?.get(procedure) ?? REGISTERED.get(procedure))
  const access = readAccess(def, actor, row)
  if (access !== 'once-dispatched') return access === 'yes'
  const { rows } = await sql<{ reached: boolean }>`
    select exists (select 1 from outbox where case_id = ${row.id}::uuid and job_name = 'dispatch' and payload->>'agencyId' = ${actor.agencyId}) as reached`.execute(deps.db)
  return canRead(actor, row, def, new Set(rows[0]?.reached ? [actor.agencyId] : []))
}

/**
 * The ids of the cases among `rows` the actor may read: `mayRead` for many cases at once, with
 * one look at the dispatches for all the cases that an agency reads only once they reached it.
 */
export async function readableCases(deps: Pick<ReadDeps, 'db' | 'procedures'>, actor: Actor, rows: ReadonlyArray<ReadRow & { procedure: string }>): Promise<Set<string>> {
  const defOf = (procedure: string) => deps.procedures?.get(procedure) ?? REGISTERED.get(procedure)
  const access = rows.map((row) => ({ row, access: readAccess(defOf(row.procedure), actor, row) }))
  const waiting = access.filter((a) => a.access === 'once-dispatched').map((a) => a.row.id)
  const reached = new Set<string>()
  if (waiting.length > 0) {
    const { rows: hits } = await sql<{ case_id: string }>`
      select distinct case_id from outbox
       where case_id = any(${waiting}::uuid[]) and job_name = 'dispatch' and payload->>'agencyId' = ${actor.agencyId}`.execute(deps.db)
    for (const hit of hits) reached.add(hit.case_id)
  }
  return new Set(
    access
      .filter(({ row, access }) => access === 'yes' || (access === 'once-dispatched' && canRead(actor, row, defOf(row.procedure), reached.has(row.id) ? new Set([actor.agencyId]) : new Set())))
      .map(({ row }) => row.id),
  )
}

/**
 * Read access with its trace (查询留痕): the actor may read the case, or FORBIDDEN; either
 * way the attempt is recorded with what was asked for.
 */
export async function authorizeReadLogged(deps: ReadDeps, actor: Actor, row: ReadRow, what: string): Promise<void> {
  let allowed = false
  try {
    allowed = await mayRead(deps, actor, row)
  } finally {
    await deps.db
      .insertInto('case_views')
      .values({ case_id: row.id, actor_id: actor.userId, agency_id: actor.agencyId, what, allowed, at: deps.clock.now() })
      .execute()
  }
  if (!allowed) throw forbiddenRead(actor, row)
}
