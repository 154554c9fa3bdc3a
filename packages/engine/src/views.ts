import type { Kysely } from 'kysely'
import type { Actor } from '@xianjie/domain'
import type { CaseRow, Database } from '@xianjie/db'
import { authorizeRead } from './policy.ts'
import type { Clock } from './types.ts'

/**
 * Read access with its trace (查询留痕): the actor may read the case, or FORBIDDEN; either
 * way the attempt is recorded with what was asked for.
 */
export async function authorizeReadLogged(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: Actor,
  row: Pick<CaseRow, 'id' | 'parties' | 'jurisdiction'>,
  what: string,
): Promise<void> {
  let allowed = false
  try {
    authorizeRead(actor, row)
    allowed = true
  } finally {
    await deps.db
      .insertInto('case_views')
      .values({ case_id: row.id, actor_id: actor.userId, agency_id: actor.agencyId, what, allowed, at: deps.clock.now() })
      .execute()
  }
}
