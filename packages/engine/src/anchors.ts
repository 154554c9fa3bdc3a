// Daily anchors (issue 5, tamper evidence): the head of every case as recorded by the end of
// a China-local day, hashed together into one root. Verifying a case checks its chain; an
// anchor catches what a chain cannot: a whole chain rewritten consistently, or a case deleted.
import { sql, type Kysely } from 'kysely'
import { addDays, endOfLocalDay, localDate } from '@xianjie/calendar/dates'
import { AppError } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import type { AnchorView, AnchorsCheck } from './types.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The heads at `cut` hashed together: sha256 of `<case id>:<seq>:<hash>` lines in case order. */
async function rootAt(db: Kysely<Database>, cut: Date): Promise<{ cases: number; root: string }> {
  const { rows } = await sql<{ cases: number; root: string }>`
    select count(*)::int as cases,
           encode(sha256(convert_to(coalesce(string_agg(h.case_id::text || ':' || h.seq || ':' || h.hash, E'\n' order by h.case_id), ''), 'UTF8')), 'hex') as root
      from (select distinct on (case_id) case_id, seq, hash
              from case_events where recorded_at <= ${cut}
             order by case_id, seq desc) h`.execute(db)
  return rows[0]!
}

function view(row: { day: string | Date; cut: Date; cases: number; root: string; created_at: Date }): AnchorView {
  const day = typeof row.day === 'string' ? row.day.slice(0, 10) : localDate(new Date(row.day.getTime() + 12 * 3_600_000).toISOString())
  return { day, cut: new Date(row.cut).toISOString(), cases: row.cases, root: row.root, createdAt: new Date(row.created_at).toISOString() }
}

/** Anchors `day` (a China-local date that has ended by `now`); an existing anchor is kept and returned. */
export async function anchorDay(db: Kysely<Database>, day: string, now: Date): Promise<AnchorView> {
  if (!DAY.test(day)) throw new AppError('VALIDATION_FAILED', `day ${JSON.stringify(day)} is not a YYYY-MM-DD date`)
  const cut = new Date(endOfLocalDay(day))
  if (cut.getTime() > now.getTime()) throw new AppError('CONFLICT', `day ${day} has not ended yet (it ends at ${cut.toISOString()})`)
  const { cases, root } = await rootAt(db, cut)
  await db.insertInto('anchors').values({ day, cut, cases, root, created_at: now }).onConflict((oc) => oc.column('day').doNothing()).execute()
  return view(await db.selectFrom('anchors').selectAll().where('day', '=', day).executeTakeFirstOrThrow())
}

/** The scheduler's daily duty: anchor the previous local day unless it is anchored already. */
export async function anchorYesterday(db: Kysely<Database>, now: Date): Promise<AnchorView | null> {
  const yesterday = addDays(localDate(now.toISOString()), -1)
  const done = await db.selectFrom('anchors').select('day').where('day', '=', yesterday).executeTakeFirst()
  return done ? null : anchorDay(db, yesterday, now)
}

/** Recomputes every anchor's root from the events as recorded by its cut; lists each that no longer matches. */
export async function verifyAnchors(db: Kysely<Database>): Promise<AnchorsCheck> {
  const anchors = (await db.selectFrom('anchors').selectAll().orderBy('day').execute()).map(view)
  const broken: AnchorsCheck['broken'] = []
  for (const anchor of anchors) {
    const now = await rootAt(db, new Date(anchor.cut))
    if (now.root !== anchor.root || now.cases !== anchor.cases) {
      broken.push({ day: anchor.day, anchored: { cases: anchor.cases, root: anchor.root }, now })
    }
  }
  return { ok: broken.length === 0, anchors: anchors.length, broken }
}
