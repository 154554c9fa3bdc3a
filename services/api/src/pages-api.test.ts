// The reads the web pages are built on: who am I (/v1/me), the demo sign-in's user list, a
// procedure's statechart, and the caller's cases (GET /v1/cases, within the read rules).
import { sql } from 'kysely'
import type { AnyStateNode } from 'xstate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoUsers } from '@xianjie/db'
import { PROCEDURES, type CaseListItem, type ProcedureChart } from '@xianjie/engine'
import { startTestApi, type TestApi } from './test-app.ts'
import { CASE_OPEN } from '../../../test/support/samples.ts'
import { PAYLOADS } from '../../../test/support/transfer-flow.ts'
import { SAMPLE_PAYLOADS } from '../../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'

const OFFICER = 'msa-620400.officer1'
const HEAD = 'msa-620400.head'
const POLICE = 'police-620400.officer'
const PROCURATOR = 'procuratorate-620400.procurator'
const SUPERVISOR = 'government-620400.supervisor'
const PARTNER = 'partner.ndrc-620400.partner'
const SUBJECT = 'party-620402-1.agent'
const OTHER_CITY = 'msa-370100.officer1'

const listingOpen = (title: string) => ({
  title,
  parties: { subject: 'party-620402-1' },
  penalty: {
    decisionNumber: '白市监处罚〔2026〕31号', decidedAt: new Date().toISOString().slice(0, 10), procedure: 'ordinary', types: ['fine'],
    heavierFine: true, lowAmountFine: false, fineAmount: 250_000, field: 'general', violation: { article: 9, item: 'ipInfringement' }, summary: '当事人明知他人注册商标，仍大量销售假冒该注册商标的商品。',
  },
})

describe('GET /v1/me and the demo users', () => {
  let api: TestApi
  let demo: TestApi

  beforeAll(async () => {
    ;[api, demo] = await Promise.all([startTestApi(PROCEDURES), startTestApi(PROCEDURES, { demoAuth: true })])
  })
  afterAll(async () => {
    await Promise.all([api?.close(), demo?.close()])
  })

  it('tells the caller who it is: user, agency with its name, division and roles', async () => {
    const agency = await api.db.db.selectFrom('agencies').select('name').where('id', '=', 'msa-620400').executeTakeFirstOrThrow()
    const user = await api.db.db.selectFrom('users').select('name').where('id', '=', HEAD).executeTakeFirstOrThrow()
    const res = await api.app.inject({ method: 'GET', url: '/v1/me', headers: api.as(HEAD) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ userId: HEAD, name: user.name, agencyId: 'msa-620400', agencyName: agency.name, division: '620400', roles: ['msa.head'] })
    expect(res.headers['cache-control']).toBe('no-store')
    const anonymous = await api.app.inject({ method: 'GET', url: '/v1/me' })
    expect(anonymous.statusCode).toBe(401)
    expect((await api.app.inject({ method: 'GET', url: '/v1/me?x=1', headers: api.as(HEAD) })).statusCode).toBe(400)
  })

  it('lists the demo users by agency, without sign-in, only when the demo is on', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/v1/auth/demo-users' })
    expect(res.statusCode, res.body).toBe(200)
    const { users } = res.json() as { users: Array<{ userId: string; name: string; agencyId: string; agencyName: string; roles: string[] }> }
    const seeded = demoUsers()
    expect(users.map((u) => u.userId).sort()).toEqual(seeded.map((u) => u.id).sort())
    // Ordered by agency, then user.
    const order = users.map((u) => `${u.agencyId}\u0000${u.userId}`)
    expect(order).toEqual([...order].sort())
    const officer = users.find((u) => u.userId === OFFICER)!
    const agency = await demo.db.db.selectFrom('agencies').select('name').where('id', '=', 'msa-620400').executeTakeFirstOrThrow()
    expect(officer).toEqual({ userId: OFFICER, name: seeded.find((u) => u.id === OFFICER)!.name, agencyId: 'msa-620400', agencyName: agency.name, roles: ['msa.officer'] })
    // Nothing but these fields (no hashes, no dates).
    for (const u of users) expect(Object.keys(u).sort()).toEqual(['agencyId', 'agencyName', 'name', 'roles', 'userId'])
    expect((await demo.app.inject({ method: 'GET', url: '/v1/auth/demo-users?all=1' })).statusCode).toBe(400)

    const off = await api.app.inject({ method: 'GET', url: '/v1/auth/demo-users' })
    expect(off.statusCode).toBe(404)
    expect(off.json().code).toBe('NOT_FOUND')
  })

  it('leaves a disabled user out of the demo list', async () => {
    await demo.db.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', 'msa-620400.officer2').execute()
    const { users } = (await demo.app.inject({ method: 'GET', url: '/v1/auth/demo-users' })).json() as { users: Array<{ userId: string }> }
    expect(users.map((u) => u.userId)).not.toContain('msa-620400.officer2')
    expect(users.map((u) => u.userId)).toContain(OFFICER)
  })
})

/** Every state node of a machine, depth first. */
function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(nodesOf)]
}

describe('GET /v1/procedures/:name/chart', () => {
  let api: TestApi
  const charts = new Map<string, ProcedureChart>()

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
    for (const def of PROCEDURES) {
      const res = await api.app.inject({ method: 'GET', url: `/v1/procedures/${def.name}/chart`, headers: api.as(OFFICER) })
      expect(res.statusCode, res.body).toBe(200)
      charts.set(def.name, res.json())
    }
  })
  afterAll(async () => {
    await api?.close()
  })

  it.each(PROCEDURES.map((def) => [def.name, def] as const))('draws %s over the DOMAIN state ids the case view reports, with every command on a transition', (_name, def) => {
    const chart = charts.get(def.name)!
    const nodes = nodesOf((def.machine as { root: AnyStateNode }).root).filter((n) => (n.meta as { id?: string } | undefined)?.id)
    const titlesById = new Map<string, string[]>()
    for (const n of nodes) {
      const meta = n.meta as { id: string; title: { zh: string } }
      titlesById.set(meta.id, [...(titlesById.get(meta.id) ?? []), meta.title.zh])
    }
    // Exactly the ids a case view can show, each once, titled as one of its nodes is.
    const ids = chart.states.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect([...ids].sort()).toEqual([...titlesById.keys()].sort())
    for (const s of chart.states) expect(titlesById.get(s.id), s.id).toContain(s.title.zh)
    expect(ids).toContain(chart.initial)
    // A tree: every parent is a state, and no chain loops.
    for (const s of chart.states) {
      const seen = new Set<string>()
      for (let p = s.parent; p !== null; p = chart.states.find((x) => x.id === p)!.parent) {
        expect(ids, `${s.id}'s parent`).toContain(p)
        expect(seen.has(p), `${s.id}: parent loop`).toBe(false)
        seen.add(p)
      }
    }
    // Edges join states, and every command of the definition is on one, titled from it.
    for (const t of chart.transitions) {
      expect(ids, `${t.event} from`).toContain(t.from)
      for (const to of t.to) expect(ids, `${t.event} to`).toContain(to)
      expect(t.to.length).toBeGreaterThan(0)
      if (t.kind === 'timer') expect(Object.keys(def.timers), t.event).toContain(t.event)
    }
    for (const [type, spec] of Object.entries(def.commands)) {
      const edge = chart.transitions.find((t) => t.event === type)
      expect(edge, type).toBeDefined()
      expect(edge).toMatchObject({ kind: 'command', title: spec.title })
    }
  })

  it('has the edges of criminal-transfer the law draws', () => {
    const chart = charts.get('criminal-transfer')!
    const edge = (from: string, event: string) => chart.transitions.filter((t) => t.from === from && t.event === event)
    expect(chart.initial).toBe('F0')
    // Approval, then dispatch to the police (R310 arts 5, 6, 7), then the police sign the receipt.
    expect(edge('F2', 'APPROVE_TRANSFER')).toEqual([expect.objectContaining({ to: ['F3'], kind: 'command', title: { zh: expect.any(String), en: expect.any(String) } })])
    expect(edge('F3', 'DISPATCH_TRANSFER').map((t) => t.to)).toEqual([['F4']])
    expect(edge('F4', 'SIGN_RECEIPT').map((t) => t.to)).toEqual([['F5']])
    // The 24 hours to dispatch run out into the escalation (R310 art. 16).
    expect(edge('F3', 'T2')).toEqual([expect.objectContaining({ kind: 'timer', to: ['F-ESC'], title: { zh: '批准后移送公安机关', en: 'Deliver the approved transfer to the police' } })])
    // A step inside one DOMAIN state is a loop: the 24 hours to sign only mark the duty overdue.
    expect(edge('F4', 'T3')).toEqual([expect.objectContaining({ kind: 'timer', to: ['F4'] })])
    expect(chart.states.find((s) => s.id === 'F0')).toEqual({ id: 'F0', title: { zh: '查处中', en: 'Investigating' }, parent: null, type: 'atomic' })
    // Filed, then the hand-over of items inside it; the proceeding's stages are all F8: one state.
    expect(chart.states.find((s) => s.id === 'F6A')).toMatchObject({ type: 'compound', parent: null })
    expect(chart.states.find((s) => s.id === 'F7')).toMatchObject({ type: 'atomic', parent: 'F6A' })
    expect(chart.states.find((s) => s.id === 'F8')).toMatchObject({ type: 'atomic', parent: null })
    // Escalation follows F2, F3 and F7 alike: it belongs to none of them.
    expect(chart.states.find((s) => s.id === 'F-ESC')).toMatchObject({ parent: null })
  })

  it('folds parallel regions and eventless steps of credit-listing into its DOMAIN ids', () => {
    const chart = charts.get('credit-listing')!
    expect(chart.initial).toBe('A')
    expect(chart.states.filter((s) => s.parent === null).map((s) => s.id)).toEqual(['A', 'B', 'C'])
    expect(chart.states.find((s) => s.id === 'L2')).toMatchObject({ type: 'parallel', parent: 'A' })
    expect(chart.transitions).toContainEqual({ from: 'B0', to: ['B1'], event: 'always', title: null, kind: 'always' })
    expect(chart.transitions).toContainEqual(expect.objectContaining({ from: 'L0', to: ['L1'], event: 'GIVE_PRIOR_NOTICE', kind: 'command' }))
  })

  it('matches what a case view of a real case shows', async () => {
    const open = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: { ...CASE_OPEN } } })
    const view = (await api.app.inject({ method: 'GET', url: `/v1/cases/${open.json().caseId}`, headers: api.as(OFFICER) })).json()
    const chart = charts.get('criminal-transfer')!
    for (const s of view.states as Array<{ id: string; title: unknown }>) expect(chart.states.find((c) => c.id === s.id)?.title).toEqual(s.title)
  })

  it('answers an unknown procedure with 404 and a malformed name with 400', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/v1/procedures/no-such-procedure/chart', headers: api.as(OFFICER) })).statusCode).toBe(404)
    expect((await api.app.inject({ method: 'GET', url: '/v1/procedures/NOPE!/chart', headers: api.as(OFFICER) })).statusCode).toBe(400)
    expect((await api.app.inject({ method: 'GET', url: '/v1/procedures/criminal-transfer/chart' })).statusCode).toBe(401)
  })
})

describe('GET /v1/cases', () => {
  let api: TestApi
  const transfers: string[] = []
  let listing = ''
  let otherCity = ''

  const list = async (user: string, query = ''): Promise<{ items: CaseListItem[]; nextCursor: string | null }> => {
    const res = await api.app.inject({ method: 'GET', url: `/v1/cases${query}`, headers: api.as(user) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  /** Every page, following the cursors. */
  const all = async (user: string, query = ''): Promise<CaseListItem[]> => {
    const out: CaseListItem[] = []
    let cursor: string | null = null
    do {
      const page: { items: CaseListItem[]; nextCursor: string | null } = await list(user, `?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.items.length).toBeLessThanOrEqual(2)
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor !== null)
    return out
  }
  const post = async (user: string, url: string, payload: unknown) => {
    const res = await api.app.inject({ method: 'POST', url, headers: api.as(user), payload: payload as object })
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res.json()
  }

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
    for (const title of ['第一案', '第二案', '第三案', '第四案', '第五案']) {
      transfers.push((await post(OFFICER, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...CASE_OPEN, title } })).caseId)
    }
    listing = (await post(OFFICER, '/v1/cases', { procedure: 'credit-listing', payload: listingOpen('白银甲科技有限公司故意侵犯注册商标专用权') })).caseId
    otherCity = (await post(OTHER_CITY, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...CASE_OPEN, title: '济南案' } })).caseId
  }, 60_000)
  afterAll(async () => {
    await api?.close()
  })

  it("lists the agency's cases newest first, a page at a time, each once", async () => {
    const first = await list(OFFICER, '?limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toEqual(expect.any(String))
    const items = await all(OFFICER)
    expect(items.map((c) => c.id)).toEqual([listing, ...[...transfers].reverse()])
    expect(items.map((c) => c.openedAt)).toEqual([...items.map((c) => c.openedAt)].sort().reverse())
    expect(items[1]).toMatchObject({ procedure: 'criminal-transfer', title: '第五案', jurisdiction: '620400', status: 'open', stateIds: ['F0'], states: [{ id: 'F0', title: { zh: '查处中', en: 'Investigating' } }], caseNumber: expect.stringMatching(/^白市监移〔\d{4}〕\d+号$/) })
    // Only what a list shows: no parties, no context.
    expect(Object.keys(items[1]!).sort()).toEqual(['caseNumber', 'end', 'id', 'jurisdiction', 'openedAt', 'procedure', 'stateIds', 'states', 'status', 'title', 'updatedAt'])
    expect((await list(OFFICER, '?limit=100')).items.map((c) => c.id)).toEqual(items.map((c) => c.id))
    expect((await list(OFFICER)).nextCursor).toBeNull()
  })

  it('lists only cases the caller may open: the police once the transfer reached them, never a partner or a stranger', async () => {
    // Not yet dispatched: the police are a party of all five, and see none.
    expect(await all(POLICE)).toEqual([])
    const [sent] = transfers
    await post(OFFICER, `/v1/cases/${sent}/commands`, { type: 'FORM_TEAM', payload: PAYLOADS.FORM_TEAM })
    await post(OFFICER, `/v1/cases/${sent}/commands`, { type: 'SUBMIT_TRANSFER_REPORT', payload: PAYLOADS.SUBMIT_TRANSFER_REPORT })
    await post(HEAD, `/v1/cases/${sent}/commands`, { type: 'APPROVE_TRANSFER', payload: PAYLOADS.APPROVE_TRANSFER })
    await post(OFFICER, `/v1/cases/${sent}/commands`, { type: 'DISPATCH_TRANSFER', payload: PAYLOADS.DISPATCH_TRANSFER })
    // A full page of cases the police may not read: the page fills from further back.
    expect((await list(POLICE, '?limit=1')).items.map((c) => c.id)).toEqual([sent])
    expect((await all(POLICE)).map((c) => c.id)).toEqual([sent])
    // The procuratorate supervises the bureau's transfers from the start (R310 art. 14).
    expect((await all(PROCURATOR)).map((c) => c.id)).toEqual([...transfers].reverse())
    // The subject of a listing is a party named by it.
    expect((await all(SUBJECT)).map((c) => c.id)).toEqual([listing])
    // The city government is a party of the bureau's transfers (the escalation, R310 art. 16); partners read no case.
    expect((await all(SUPERVISOR)).map((c) => c.id)).toEqual([...transfers].reverse())
    const { parties } = await api.db.db.selectFrom('cases').select('parties').where('id', '=', listing).executeTakeFirstOrThrow()
    expect(Object.values(parties as Record<string, string>)).toContain('partner.ndrc-620400')
    expect(await all(PARTNER)).toEqual([])
    expect((await all(OTHER_CITY)).map((c) => c.id)).toEqual([otherCity])
    // Never a case the caller could not open.
    for (const user of [OFFICER, POLICE, PROCURATOR, SUBJECT, OTHER_CITY]) {
      for (const item of await all(user)) {
        const read = await api.app.inject({ method: 'GET', url: `/v1/cases/${item.id}`, headers: api.as(user) })
        expect(read.statusCode, `${user} ${item.id}`).toBe(200)
      }
    }
  })

  it('follows the parties a case names: an agency named later finds it, one no longer named does not (case_parties, migration 0012)', async () => {
    const db = api.db.db
    const [, second] = transfers
    const rows = async () => (await db.selectFrom('case_parties').select('agency_id').where('case_id', '=', second!).orderBy('agency_id').execute()).map((r) => r.agency_id)
    const before = await db.selectFrom('cases').select('parties').where('id', '=', second!).executeTakeFirstOrThrow()
    const named = before.parties as Record<string, string>
    expect(await rows()).toEqual([...new Set(Object.values(named))].sort())
    // The procuratorate is replaced by 洛阳's in this case's parties: only the new one lists it.
    await db.updateTable('cases').set({ parties: JSON.stringify({ ...named, procuratorate: 'procuratorate-410300' }) as never }).where('id', '=', second!).execute()
    expect(await rows()).toContain('procuratorate-410300')
    expect(await rows()).not.toContain('procuratorate-620400')
    expect((await all(PROCURATOR)).map((c) => c.id)).not.toContain(second)
    await db.updateTable('cases').set({ parties: JSON.stringify(named) as never }).where('id', '=', second!).execute()
    expect((await all(PROCURATOR)).map((c) => c.id)).toContain(second)
    // What the trigger kept is what a rebuild from the cases gives.
    const kept = await db.selectFrom('case_parties').selectAll().orderBy('agency_id').orderBy('case_id').execute()
    await sql`select xj_case_parties_rebuild()`.execute(db)
    expect(await db.selectFrom('case_parties').selectAll().orderBy('agency_id').orderBy('case_id').execute()).toEqual(kept)
  })

  it('filters by status', async () => {
    expect(await all(OFFICER, '&status=closed')).toEqual([])
    expect((await all(OFFICER, '&status=open')).length).toBe(6)
  })

  it('gives a closed case its end code, for a listing opened from a transfer closed with a penalty', async () => {
    const fifth = transfers[4]!
    await post(OFFICER, `/v1/cases/${fifth}/commands`, { type: 'FORM_TEAM', payload: PAYLOADS.FORM_TEAM })
    await post(OFFICER, `/v1/cases/${fifth}/commands`, { type: 'SUBMIT_TRANSFER_REPORT', payload: PAYLOADS.SUBMIT_TRANSFER_REPORT })
    await post(HEAD, `/v1/cases/${fifth}/commands`, { type: 'REFUSE_TRANSFER', payload: SAMPLE_PAYLOADS['REFUSE_TRANSFER']![0] })
    await post(HEAD, `/v1/cases/${fifth}/commands`, { type: 'IMPOSE_PENALTY', payload: SAMPLE_PAYLOADS['IMPOSE_PENALTY']![0] })
    const closed = await all(OFFICER, '&status=closed')
    expect(closed.map((c) => [c.id, c.status, c.end])).toEqual([[fifth, 'closed', 'E2']])
    expect((await all(OFFICER, '&status=open')).every((c) => c.end === null)).toBe(true)
  })

  it('refuses a cursor it did not give out, a limit over 100 and unknown parameters', async () => {
    for (const query of ['?cursor=bm90LWEtY3Vyc29y', '?cursor=WyJ4IiwieSJd', '?cursor=%22%3B', '?limit=101', '?limit=0', '?status=pending', '?agency=msa-620400']) {
      const res = await api.app.inject({ method: 'GET', url: `/v1/cases${query}`, headers: api.as(OFFICER) })
      expect(res.statusCode, query).toBe(400)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    const res = await api.app.inject({ method: 'GET', url: '/v1/cases?cursor=bm90LWEtY3Vyc29y', headers: api.as(OFFICER) })
    expect(res.json().fields).toEqual([{ path: '/querystring/cursor', message: 'is not a cursor this api gave out' }])
    expect((await api.app.inject({ method: 'GET', url: '/v1/cases' })).statusCode).toBe(401)
  })
})
