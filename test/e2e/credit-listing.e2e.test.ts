// End to end: a serious-violation listing in 白银 carried over HTTP by real processes (an api,
// a router and a scheduler on Redis and a fresh PostgreSQL database): the bureau lists an
// enterprise, the four joint-punishment partners receive their notices through their own
// queues, the public register shows the listing; a year later (the services restarted on a
// clock one year and a few days ahead) the enterprise repairs its credit, the partners are
// told, and the public register no longer shows it listed.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '@xianjie/calendar/dates'
import { createClient, expectStatus, waitFor, type XianjieClient } from '../support/api-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { redisUrl } from '../support/env.ts'
import { freePort, startProcess, type XianjieProcess, stopAll, xianjieEnv } from '../support/processes.ts'

const WAIT = { timeoutMs: 20_000, intervalMs: 100 }
const USERS = {
  officer: 'msa-620400.officer1',
  credit: 'msa-620400.credit',
  head: 'msa-620400.head',
  subject: 'party-620402-1.agent',
  ndrc: 'partner.ndrc-620400.partner',
  pbc: 'partner.pbc-620400.partner',
  tax: 'partner.tax-620400.partner',
  customs: 'partner.customs-620400.partner',
} as const
const SUBJECT_CODE = '91620402MA0000001U'
const PARTNERS = ['partner.ndrc-620400', 'partner.pbc-620400', 'partner.tax-620400', 'partner.customs-620400']
const ROUTER_AGENCIES = ['msa-620400', 'party-620402-1', ...PARTNERS].join(',')
const YEAR_AND_A_WEEK_MS = (366 + 7) * 86_400_000

/** Today's date in China. */
const today = () => localDate(new Date().toISOString())

describe('credit listing end to end: listing, joint punishment, public register, repair', () => {
  let tdb: TestDatabase
  let client: XianjieClient
  let running: XianjieProcess[] = []
  const authSecret = randomBytes(32).toString('hex')

  /** Starts an api and the workers on a clock shifted by `offsetMs`. */
  async function start(offsetMs: number) {
    const env = (services: string, extra: Record<string, string> = {}) =>
      xianjieEnv({
        databaseUrl: tdb.url,
        redisUrl: redisUrl(),
        queuePrefix: tdb.queuePrefix,
        authSecret,
        routerAgencies: ROUTER_AGENCIES,
        services,
        extra: { XIANJIE_CLOCK_OFFSET_MS: String(offsetMs), ...extra },
      })
    const port = await freePort()
    const api = await startProcess(`cl-api-${offsetMs}`, env('api', { HOST: '127.0.0.1', PORT: String(port) }))
    const workers = await startProcess(`cl-workers-${offsetMs}`, env('router,scheduler'))
    running = [api, workers]
    client = createClient(api.url!)
  }

  beforeAll(async () => {
    tdb = await createTestDatabase()
    await start(0)
  }, 90_000)

  afterAll(async () => {
    await stopAll()
    await tdb?.drop()
  }, 60_000)

  const command = async (user: string, caseId: string, type: string, payload: Record<string, unknown> = {}) =>
    expectStatus(await client.command(user, caseId, type, payload, { idempotencyKey: `${caseId}:${type}:${user}:${Date.now()}` }), 200, `${type} by ${user}`)
  const taskOf = (user: string, caseId: string, kind: string) =>
    waitFor(async () => (await client.inbox(user)).body.tasks.find((t) => t.caseId === caseId && t.kind === kind) ?? null, { ...WAIT, what: `${kind} task of ${user}` })
  const publicQuery = async (code = SUBJECT_CODE) => client.request(null, 'GET', `/v1/credit-list/${code}`)
  /** The partner agencies whose receipts of `kind` the case shows. */
  const receiptsOf = async (caseId: string, count: number) =>
    waitFor(async () => {
      const { body } = await client.timeline(USERS.officer, caseId)
      const partners = body.entries.filter((e) => e.type === 'RECEIPT' && PARTNERS.includes(e.agency.id)).map((e) => e.agency.id)
      return partners.length >= count ? partners : null
    }, { ...WAIT, what: `${count} partner receipts` })

  it('lists, notifies the partners, shows the listing publicly, repairs a year later and clears it', async () => {
    // 1. The bureau opens the listing after its heavier penalty and records the criteria.
    const opened = expectStatus(await client.open(USERS.officer, 'credit-listing', {
      title: '白银甲科技有限公司故意侵犯注册商标专用权',
      parties: { subject: 'party-620402-1' },
      penalty: {
        decisionNumber: '白市监处罚〔2026〕31号',
        decidedAt: today(),
        procedure: 'ordinary',
        types: ['fine', 'confiscation'],
        heavierFine: true,
        lowAmountFine: false,
        fineAmount: 250_000,
        field: 'general',
        violation: { article: 9, item: 'ipInfringement' },
        summary: '当事人明知他人注册商标，仍大量生产、销售假冒该注册商标的电动工具。',
      },
    }), 201, 'open the listing')
    const caseId = opened.caseId
    expect(opened.caseNumber).toMatch(/^白市监信〔\d{4}〕\d+号$/)
    await command(USERS.officer, caseId, 'ASSESS_CRITERIA', {
      factors: { malice: '收到警告函后继续生产', goodsValue: '货值金额八十余万元' },
      seriousCircumstances: true,
      noIntentEvidence: false,
      reasons: '故意侵犯知识产权，情节严重',
    })

    // 2. Prior notice: the enterprise finds it in its own inbox and waives its hearing.
    await command(USERS.officer, caseId, 'GIVE_PRIOR_NOTICE', {})
    const notice = await taskOf(USERS.subject, caseId, 'respondToNotice')
    expect(notice.dueAt).not.toBeNull() // T29: five working days from its receipt
    await command(USERS.subject, caseId, 'WAIVE_RIGHTS', {})

    // 3. The head decides with the provincial bureau's approval; the bureau publishes.
    await command(USERS.head, caseId, 'DECIDE_LISTING', {
      list: true,
      reasons: '符合列入严重违法失信名单的条件',
      upperLevelApproval: { authority: '甘肃省市场监督管理局', reference: '甘市监信批〔2026〕8号', approvedAt: today() },
    })
    expect((await publicQuery()).body.listed).toBe(false) // decided, not yet public
    await command(USERS.credit, caseId, 'PUBLISH_LISTING', {})

    // 4. Each partner receives the joint-punishment notice in its own queue and inbox.
    for (const user of [USERS.ndrc, USERS.pbc, USERS.tax, USERS.customs]) await taskOf(user, caseId, 'applyMeasures')
    expect((await receiptsOf(caseId, 4)).sort()).toEqual([...PARTNERS].sort())

    // 5. Anyone can see the listing by the credit code, without case internals.
    const listed = expectStatus(await publicQuery(), 200, 'public query')
    expect(listed).toMatchObject({ creditCode: SUBJECT_CODE, listed: true, regimes: ['samr-serious'], subjectName: '白银甲科技有限公司' })
    const record = listed.records.find((r: { regime: string }) => r.regime === 'samr-serious')
    expect(record.measures.length).toBeGreaterThan(0)
    expect(Date.parse(record.until) - Date.parse(record.since)).toBeGreaterThan(3 * 365 * 86_400_000 - 2 * 86_400_000)
    expect(JSON.stringify(listed)).not.toContain(caseId)
    const bad = await publicQuery('91620402MA0000001O')
    expect(bad.status).toBe(400)
    expect(bad.body.detail).toContain('character 18 ("O") is not allowed')

    // 6. A year and a week later (the services restart on that clock) the enterprise repairs.
    await stopAll()
    await start(YEAR_AND_A_WEEK_MS)
    await command(USERS.subject, caseId, 'APPLY_EARLY_REMOVAL', {
      performed: true,
      harmEliminated: true,
      noFurtherHeavierPenalty: true,
      commitment: '本企业承诺今后严格遵守知识产权法律法规。',
      materials: ['信用修复申请书', '守信承诺书', '罚没款缴纳凭证'],
    })
    await command(USERS.credit, caseId, 'ACCEPT_REPAIR', {})
    await command(USERS.head, caseId, 'GRANT_REPAIR', {})
    const removed = await command(USERS.credit, caseId, 'REMOVE_LISTING', {})
    expect(removed.stateIds).toContain('L7E')

    // 7. Every partner is told, and the public register no longer shows the listing.
    expect((await receiptsOf(caseId, 8)).length).toBe(8)
    const cleared = expectStatus(await publicQuery(), 200, 'public query after repair')
    expect(cleared).toMatchObject({ listed: false, regimes: [] })
    expect(cleared.records.filter((r: { kind: string }) => r.kind === 'listing')).toEqual([])

    // 8. The chain holds, and the register matches what the events published.
    expect(expectStatus(await client.verify(USERS.officer, caseId), 200, 'verify')).toMatchObject({ ok: true })
    expect(running.every((p) => p.alive())).toBe(true)
  }, 150_000)
})
