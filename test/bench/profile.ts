// Where a command's time goes, counted exactly: the SQL round trips (and transactions)
// the engine makes for each step of a plan, run in this process against the bench
// database with node-postgres' Client#query counted. The HTTP path adds one more query
// per request (the bearer token's user and agency, loadActor).
import pg from 'pg'
import { sql } from 'kysely'
import { createDb } from '@xianjie/db'
import { createEngine, PROCEDURES } from '@xianjie/engine'
import { calendar } from '@xianjie/calendar'
import type { Actor, Role } from '@xianjie/domain'
import { PLANS, USER_OF } from './workload.ts'

export interface StepCost {
  step: string
  queries: number
  transactions: number
  ms: number
}

export async function countRoundTrips(databaseUrl: string, plan: keyof typeof PLANS, idempotency: boolean): Promise<StepCost[]> {
  const db = createDb({ url: databaseUrl, max: 2, applicationName: 'xianjie-bench-profile' })
  const engine = createEngine({ db, procedures: PROCEDURES, calendar })
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  let queries = 0
  let transactions = 0
  proto.query = function (this: unknown, ...args: unknown[]) {
    queries++
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '')
    if (/^\s*begin/i.test(text)) transactions++
    return original.apply(this, args)
  }
  const costs: StepCost[] = []
  const measure = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const q0 = queries
    const t0 = transactions
    const s = performance.now()
    const out = await work()
    costs.push({ step, queries: queries - q0, transactions: transactions - t0, ms: performance.now() - s })
    return out
  }
  try {
    const division = '620400'
    const actors = new Map<string, Actor>()
    for (const role of Object.keys(USER_OF) as Array<keyof typeof USER_OF>) {
      const userId = USER_OF[role](division)
      const row = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.id', 'users.agency_id', 'users.roles', 'agencies.division_code'])
        .where('users.id', '=', userId)
        .executeTakeFirstOrThrow()
      actors.set(role, { userId: row.id, agencyId: row.agency_id, division: row.division_code, roles: row.roles as Role[] })
    }
    const ctx = { n: 999_999, division }
    let caseId = ''
    let n = 0
    const key = () => (idempotency ? `profile-${++n}-${Date.now()}` : undefined)
    const receive = async (kind: string) => {
      // As the router does for each dispatch: the one awaited and the copies beside it.
      const rows = await db
        .selectFrom('outbox')
        .select(['id', sql<string>`payload->>'kind'`.as('kind')])
        .where('case_id', '=', caseId)
        .where('job_name', '=', 'dispatch')
        .where(sql<boolean>`not exists (select 1 from case_events e where e.case_id = outbox.case_id and e.type = 'RECEIPT' and e.payload->>'dispatchId' = outbox.id::text)`)
        .orderBy('id')
        .execute()
      for (const r of rows) await measure(`RECEIPT ${r.kind}${r.kind === kind ? '' : ' (copy)'}`, () => engine.recordReceipt(r.id, new Date()))
    }
    for (const step of PLANS[plan]) {
      if (step.kind === 'await') {
        await receive(step.receipt)
        continue
      }
      const actor = actors.get(step.role)!
      if (step.type === 'OPEN') {
        const r = await measure('OPEN', () => engine.openCase({ procedure: 'criminal-transfer', payload: step.payload(ctx), idempotencyKey: key() }, actor))
        caseId = r.caseId
      } else {
        await measure(step.type, () => engine.execute(caseId, { type: step.type, payload: step.payload(ctx), idempotencyKey: key() }, actor))
      }
    }
    await receive('')
  } finally {
    proto.query = original
    await db.destroy()
  }
  return costs
}
