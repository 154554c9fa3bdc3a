// Helpers of the law tests, which drive procedures through the real engine on a simulated
// clock and deliver dispatches the way the router does.
import type { Kysely } from 'kysely'
import { expect } from 'vitest'
import { calendar } from '@xianjie/calendar'
import { AppError } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import { createEngine, PROCEDURES, type Engine } from '@xianjie/engine'
import { SimulatedClock } from './clock.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

/** The AppError a request was refused with (the test fails if it was accepted or failed otherwise). */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (x: unknown) => x)
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

export function lawHelpers(deps: { db: Kysely<Database>; engine: Engine; clock: SimulatedClock }) {
  const { db, engine, clock } = deps
  return {
    /** Delivers every dispatch of the case (already receipted ones are duplicates), as the router would, at the clock's now. */
    async deliver(caseId: string): Promise<void> {
      const rows = await db.selectFrom('outbox').select('id').where('case_id', '=', caseId).where('job_name', '=', 'dispatch').orderBy('id').execute()
      for (const r of rows) await engine.recordReceipt(r.id, clock.now())
    },
    /** The latest timer of that name on the case. */
    timer: (caseId: string, name: string) =>
      db.selectFrom('timers').selectAll().where('case_id', '=', caseId).where('name', '=', name).orderBy('started_seq', 'desc').executeTakeFirstOrThrow(),
  }
}

export type LawHelpers = ReturnType<typeof lawHelpers>

/** What a law test works with: its own database, a simulated clock, the engine with every procedure, the helpers above. */
export type LawEngine = { t: TestDatabase; clock: SimulatedClock; engine: Engine } & LawHelpers

/** A fresh database and an engine on a simulated clock starting at `start` (call in beforeAll; drop `t` after). */
export async function lawEngine(start: string): Promise<LawEngine> {
  const t = await createTestDatabase()
  const clock = new SimulatedClock(start)
  const engine = createEngine({ db: t.db, procedures: PROCEDURES, calendar, clock })
  return { t, clock, engine, ...lawHelpers({ db: t.db, engine, clock }) }
}
