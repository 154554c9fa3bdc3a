import type { Kysely } from 'kysely'
import type { Database } from '@xianjie/db'
import { AppError, divisionPrefix, type ProcedureDefinition, type PublicRecord } from '@xianjie/domain'
import { canonicalJson, eventHash, GENESIS_HASH } from './canonical.ts'
import { initialTransition, machineOf, persist, restore, transition, type AnyMachineSnapshot } from './machine.ts'
import { iso } from './read.ts'
import type { ReplayResult, VerifyAllOptions, VerifyAllResult, VerifyResult } from './types.ts'

type CaseHead = { id: string; head_hash: string; version: number }
type EventRow = Awaited<ReturnType<typeof readEvents>>[number]
type RegisterRow = Awaited<ReturnType<typeof readRegister>>[number]

const readEvents = (db: Kysely<Database>, caseIds: string[]) =>
  db.selectFrom('case_events').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('seq').execute()
const readRegister = (db: Kysely<Database>, caseIds: string[]) =>
  db.selectFrom('credit_list').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').orderBy('regime').execute()

/** Recomputes the hash chain of one case; reports the first event whose hash or link is wrong. */
export async function verifyCase(db: Kysely<Database>, caseId: string): Promise<VerifyResult> {
  // One snapshot of the database for both reads: an event appended between them (a receipt
  // arriving) must not look like a case whose head and events disagree.
  const { row, events, register } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      row: await trx.selectFrom('cases').select(['id', 'head_hash', 'version']).where('id', '=', caseId).executeTakeFirst(),
      events: await readEvents(trx, [caseId]),
      register: await readRegister(trx, [caseId]),
    }))
  if (!row) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
  return checkChain(row, events, register)
}

/**
 * Verifies every case, a batch of cases at a time (each batch read from one snapshot), and
 * reports each case whose chain is broken with its first broken position. `onProgress` is
 * called after each batch.
 */
export async function verifyAll(
  db: Kysely<Database>,
  options: VerifyAllOptions = {},
): Promise<VerifyAllResult> {
  const batchSize = options.batchSize ?? 500
  const started = Date.now()
  const broken: VerifyResult[] = []
  let cases = 0
  let events = 0
  let after: string | null = null
  for (;;) {
    const batch = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // Keyset over the primary key: each batch is one index range, whatever the table's size.
        let q = trx.selectFrom('cases').select(['id', 'head_hash', 'version'])
        if (after !== null) q = q.where('id', '>', after)
        if (options.within !== undefined) {
          if (!/^\d{6}$/.test(options.within)) throw new AppError('VALIDATION_FAILED', `division ${JSON.stringify(options.within)} is not six digits`)
          q = q.where('jurisdiction', 'like', `${divisionPrefix(options.within)}%`)
        }
        const heads = await q.orderBy('id').limit(batchSize).execute()
        const ids = heads.map((h) => h.id)
        if (ids.length === 0) return { heads, events: [] as EventRow[], register: [] as RegisterRow[] }
        return { heads, events: await readEvents(trx, ids), register: await readRegister(trx, ids) }
      })
    if (batch.heads.length === 0) break
    const eventsOf = groupBy(batch.events, (e) => e.case_id)
    const registerOf = groupBy(batch.register, (r) => r.case_id)
    for (const head of batch.heads) {
      const result = checkChain(head, eventsOf.get(head.id) ?? [], registerOf.get(head.id) ?? [])
      if (!result.ok) broken.push(result)
    }
    cases += batch.heads.length
    events += batch.events.length
    after = batch.heads[batch.heads.length - 1]!.id
    options.onProgress?.({ cases, events, broken: broken.length })
  }
  return { ok: broken.length === 0, cases, events, broken, ms: Date.now() - started }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = out.get(k)
    if (list) list.push(row)
    else out.set(k, [row])
  }
  return out
}

/** The chain of one case: every link, every hash, the head, and the public register it published. */
function checkChain(row: CaseHead, events: EventRow[], register: RegisterRow[]): VerifyResult {
  const caseId = row.id
  let prev = GENESIS_HASH
  let expectedSeq = 1
  for (const e of events) {
    if (e.seq !== expectedSeq) return { caseId, ok: false, events: events.length, brokenAt: expectedSeq, reason: `event ${expectedSeq} is missing (found ${e.seq})` }
    if (e.prev_hash !== prev) return { caseId, ok: false, events: events.length, brokenAt: e.seq, reason: `event ${e.seq} does not link to event ${e.seq - 1}` }
    const hash = eventHash({
      caseId: e.case_id,
      seq: e.seq,
      type: e.type,
      actorId: e.actor_id,
      agencyId: e.agency_id,
      payload: e.payload,
      facts: e.facts,
      occurredAt: new Date(e.occurred_at).toISOString(),
      stateBefore: e.state_before,
      stateAfter: e.state_after,
      prevHash: e.prev_hash,
    })
    if (hash !== e.hash) return { caseId, ok: false, events: events.length, brokenAt: e.seq, reason: `event ${e.seq} was altered (hash mismatch)` }
    prev = e.hash
    expectedSeq++
  }
  if (events.length !== row.version) return { caseId, ok: false, events: events.length, brokenAt: events.length + 1, reason: `case is at version ${row.version} but has ${events.length} events` }
  if (prev !== row.head_hash) return { caseId, ok: false, events: events.length, brokenAt: events.length, reason: 'the last event is not the head the case records' }
  // The public credit register must be what the last event that changed it says (its facts are hashed).
  const lastPublished = [...events].reverse().find((e) => (e.facts as { publicRecords?: unknown }).publicRecords !== undefined)
  const expected = ((lastPublished?.facts as { publicRecords?: PublicRecord[] } | undefined)?.publicRecords ?? []).map(registerRow)
  const actual = register.map((r) =>
    registerRow({
      regime: r.regime,
      kind: r.kind,
      title: r.title as PublicRecord['title'],
      subjectAgencyId: r.subject_agency_id,
      subjectCreditCode: r.subject_credit_code,
      subjectName: r.subject_name,
      authorityAgencyId: r.authority_agency_id,
      decisionNumber: r.decision_number,
      decidedAt: iso(r.decided_at)!,
      publishedAt: iso(r.published_at)!,
      until: iso(r.until),
      endedAt: iso(r.ended_at),
      endReason: r.end_reason,
      measures: r.measures as PublicRecord['measures'],
    }),
  )
  if (canonicalJson(expected.sort(byRegime)) !== canonicalJson(actual.sort(byRegime))) {
    return { caseId, ok: false, events: events.length, brokenAt: lastPublished?.seq ?? 1, reason: 'the public credit register differs from what the events published' }
  }
  return { caseId, ok: true, events: events.length }
}

const byRegime = (a: { regime: string }, b: { regime: string }) => (a.regime < b.regime ? -1 : a.regime > b.regime ? 1 : 0)

/** A register entry with its instants normalised, for comparison. */
function registerRow(r: PublicRecord): PublicRecord {
  return { ...r, decidedAt: iso(r.decidedAt)!, publishedAt: iso(r.publishedAt)!, until: iso(r.until), endedAt: iso(r.endedAt) }
}

/** Rebuilds the snapshot from the events alone and compares it with the stored one. */
export async function replayCase(db: Kysely<Database>, procedures: ReadonlyMap<string, ProcedureDefinition>, caseId: string): Promise<ReplayResult> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
  if (!row) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
  const def = procedures.get(row.procedure)
  if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${row.procedure} is not registered`)
  const machine = machineOf(def)
  const events = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute()
  let snapshot: AnyMachineSnapshot | undefined
  for (const e of events) {
    const facts = e.facts as { input?: unknown; actorRoles?: string[] }
    if (e.seq === 1) {
      snapshot = initialTransition(machine, facts.input)[0] as AnyMachineSnapshot
      continue
    }
    const event = {
      type: e.type,
      at: new Date(e.occurred_at).toISOString(),
      actor: { userId: e.actor_id, agencyId: e.agency_id, roles: facts.actorRoles ?? [] },
      payload: e.payload,
    }
    snapshot = transition(machine, restore(machine, persist(machine, snapshot!)), event as never)[0] as AnyMachineSnapshot
  }
  const replayed = snapshot ? persist(machine, snapshot) : null
  const stored = row.snapshot
  return { caseId, equal: JSON.stringify(sortKeys(replayed)) === JSON.stringify(sortKeys(stored)), events: events.length, stored, replayed }
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sortKeys(x)]))
  return v
}
