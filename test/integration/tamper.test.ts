// Tamper evidence: events altered, deleted or reordered by direct SQL (bypassing the
// append-only trigger as a database owner could) are found by verify, for one case and over
// all cases, naming the case and the position; over HTTP a supervisor checks its own
// jurisdiction only; the command-line check exits 1.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { localDate } from '@xianjie/calendar/dates'
import type { Actor } from '@xianjie/domain'
import { eventHash, PROCEDURES } from '@xianjie/engine'
import { SAMPLE_PAYLOADS } from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { lawEngine, type LawEngine } from '../support/law.ts'
import { CASE_OPEN, demoActor } from '../support/samples.ts'
import { ROOT } from '../support/processes.ts'
import { startTestApi, type TestApi } from '../../services/api/src/test-app.ts'

const run = promisify(execFile)
const officer = demoActor('msa-620400.officer1', ['msa.officer'])
const hangzhou = demoActor('msa-330100.officer1', ['msa.officer'])
const OPEN = { ...CASE_OPEN, violationDate: '2025-11-01', adminCaseOpenedAt: '2025-12-01T02:00:00.000Z' }

describe('tamper evidence', () => {
  let { t, clock, engine } = {} as LawEngine
  beforeAll(async () => ({ t, clock, engine } = await lawEngine('2026-03-02T02:00:00Z')))
  afterAll(async () => t.drop())

  /** A transfer case with four events (opened, team formed, report submitted, refused). */
  async function fourEvents(by: Actor = officer): Promise<string> {
    const { caseId } = await engine.openCase({ procedure: 'criminal-transfer', payload: OPEN }, by)
    const team = { officers: [{ userId: `${by.agencyId}.officer1`, name: '承办人甲' }, { userId: `${by.agencyId}.officer2`, name: '承办人乙' }] }
    await engine.execute(caseId, { type: 'FORM_TEAM', payload: team }, by)
    await engine.execute(caseId, { type: 'SUBMIT_TRANSFER_REPORT', payload: SAMPLE_PAYLOADS['SUBMIT_TRANSFER_REPORT']![0]! }, by)
    await engine.execute(caseId, { type: 'REFUSE_TRANSFER', payload: SAMPLE_PAYLOADS['REFUSE_TRANSFER']![0]! }, demoActor(`${by.agencyId}.head`, ['msa.head']))
    return caseId
  }
  /** Runs `statement` as the owner would, with the append-only trigger out of the way. */
  const tamper = (statement: ReturnType<typeof sql>) =>
    t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      await statement.execute(trx)
    })

  it('names the case and position of an altered, a deleted and a reordered event, and leaves the others clean', async () => {
    const clean = await fourEvents()
    const altered = await fourEvents()
    const deleted = await fourEvents()
    const reordered = await fourEvents()
    expect((await engine.verifyAll()).ok).toBe(true)

    await tamper(sql`update case_events set payload = jsonb_set(payload, '{summary}', '"改过的摘要"') where case_id = ${altered} and seq = 3`)
    await tamper(sql`delete from case_events where case_id = ${deleted} and seq = 2`)
    // Swap events 2 and 3 (through a free seq, the key is (case_id, seq)).
    await tamper(sql`update case_events set seq = 1000 where case_id = ${reordered} and seq = 2`)
    await tamper(sql`update case_events set seq = 2 where case_id = ${reordered} and seq = 3`)
    await tamper(sql`update case_events set seq = 3 where case_id = ${reordered} and seq = 1000`)

    expect(await engine.verify(clean)).toMatchObject({ ok: true })
    expect(await engine.verify(altered)).toMatchObject({ ok: false, brokenAt: 3, reason: 'event 3 was altered (hash mismatch)' })
    expect(await engine.verify(deleted)).toMatchObject({ ok: false, brokenAt: 2, reason: 'event 2 is missing (found 3)' })
    expect(await engine.verify(reordered)).toMatchObject({ ok: false, brokenAt: 2, reason: 'event 2 does not link to event 1' })

    const progress: number[] = []
    const all = await engine.verifyAll({ batchSize: 2, onProgress: ({ cases }) => progress.push(cases) })
    expect(all.ok).toBe(false)
    expect(all.cases).toBe(4)
    expect(progress).toEqual([2, 4])
    expect(all.broken.map((b) => [b.caseId, b.brokenAt]).sort()).toEqual([[altered, 3], [deleted, 2], [reordered, 2]].sort())

    // The command-line check says the same and exits 1.
    const cli = await run(process.execPath, ['services/launcher/src/verify.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url } }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    )
    expect(cli.code).toBe(1)
    expect(cli.stdout).toContain(`BROKEN case ${altered} at event 3: event 3 was altered (hash mismatch)`)
    expect(cli.stdout).toContain('BROKEN: 4 cases')
  })

  it('lets a supervisor check its own jurisdiction over HTTP, and nobody else', async () => {
    const hz = await fourEvents(hangzhou)
    const api: TestApi = await startTestApi(PROCEDURES, { db: t.db, engine })
    try {
      const res = await api.app.inject({ method: 'GET', url: '/v1/supervision/verify', headers: api.as('government-330100.supervisor') })
      expect(res.statusCode, res.body).toBe(200)
      // Only the Hangzhou case: the broken 白银 cases are not this supervisor's.
      expect(res.json()).toMatchObject({ ok: true, cases: 1, broken: [] })
      const baiyin = await api.app.inject({ method: 'GET', url: '/v1/supervision/verify', headers: api.as('government-620400.supervisor') })
      expect(baiyin.json()).toMatchObject({ ok: false, cases: 4 })
      const officerTry = await api.app.inject({ method: 'GET', url: '/v1/supervision/verify', headers: api.as('msa-620400.officer1') })
      expect(officerTry.statusCode).toBe(403)
      expect((await engine.verify(hz)).ok).toBe(true)
    } finally {
      await api.close()
    }
  })

  it('records who read which case, what, and who was turned away (查询留痕)', async () => {
    const caseId = await fourEvents()
    await engine.readCase(caseId, officer)
    await engine.timeline(caseId, officer)
    await engine.documents.list(caseId, officer)
    await expect(engine.readCase(caseId, hangzhou)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const api: TestApi = await startTestApi(PROCEDURES, { db: t.db, engine })
    try {
      const res = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/views`, headers: api.as('government-620400.supervisor') })
      expect(res.statusCode, res.body).toBe(200)
      const seen = res.json().views.map((v: { actor: { userId: string }; what: string; allowed: boolean }) => [v.actor.userId, v.what, v.allowed])
      // Newest first: the supervisor's own look at the log, then the refused attempt, then the officer's reads.
      expect(seen).toEqual([
        ['government-620400.supervisor', 'views', true],
        ['msa-330100.officer1', 'case', false],
        ['msa-620400.officer1', 'documents', true],
        ['msa-620400.officer1', 'timeline', true],
        ['msa-620400.officer1', 'case', true],
      ])
      const byOfficer = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/views`, headers: api.as('msa-620400.officer1') })
      expect(byOfficer.statusCode).toBe(403)
    } finally {
      await api.close()
    }
  })

  it('anchors the heads of all cases daily, and catches a chain rewritten whole that verifies by itself', async () => {
    const caseId = await fourEvents()
    // Anchor on the next day: the day has ended; a day not yet over is refused.
    await expect(engine.anchorDay('2026-11-30')).rejects.toMatchObject({ code: 'CONFLICT' })
    clock.set(new Date(Date.now() + 86_400_000).toISOString())
    const today = localDate(new Date().toISOString())
    const anchor = await engine.anchorYesterday()
    expect(anchor?.day).toBe(today)
    expect(anchor?.cases).toBeGreaterThan(0)
    expect(await engine.anchorYesterday()).toBeNull() // once a day
    expect((await engine.anchorDay(today)).root).toBe(anchor!.root) // kept, not recomputed
    expect((await engine.verifyAnchors()).ok).toBe(true)

    // Rewrite the case's chain consistently from event 2: every link and hash recomputed, the head moved.
    const events = await t.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute()
    let prev = events[0]!.hash
    await t.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx)
      for (const e of events.slice(1)) {
        const payload = e.seq === 2 ? { ...(e.payload as Record<string, unknown>), officers: [{ userId: 'msa-620400.officer1', name: '别人' }] } : e.payload
        const hash = eventHash({
          caseId, seq: e.seq, type: e.type, actorId: e.actor_id, agencyId: e.agency_id, payload, facts: e.facts,
          occurredAt: new Date(e.occurred_at).toISOString(), stateBefore: e.state_before, stateAfter: e.state_after, prevHash: prev,
        })
        await sql`update case_events set payload = ${JSON.stringify(payload)}::jsonb, prev_hash = ${prev}, hash = ${hash} where case_id = ${caseId} and seq = ${e.seq}`.execute(trx)
        prev = hash
      }
      await sql`update cases set head_hash = ${prev} where id = ${caseId}`.execute(trx)
    })
    expect(await engine.verify(caseId)).toMatchObject({ ok: true }) // the rewritten chain holds by itself…
    const check = await engine.verifyAnchors()
    expect(check.ok).toBe(false) // …but not against the anchor
    expect(check.broken.map((b) => b.day)).toEqual([today])
  })
})
