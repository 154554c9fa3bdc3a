// End to end: a bureau-mediated patent damages dispute in 洛阳 carried over HTTP by real
// processes (an api, a router and a scheduler on Redis and a fresh PostgreSQL database),
// from the mediation request to the confirmation ruling and an enforcement application,
// with both parties acting for themselves. Receipts are never sent by hand: the router
// records them, and each step that needs one waits until the case shows it.
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '@xianjie/calendar/dates'
import { createClient, expectStatus, waitFor, type XianjieClient } from '../support/api-client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { redisUrl } from '../support/env.ts'
import { freePort, startProcess, stopAll, xianjieEnv } from '../support/processes.ts'

const WAIT = { timeoutMs: 20_000, intervalMs: 100 }
const USERS = {
  officer: 'msa-410300.officer1',
  requester: 'party-410305-1.agent',
  respondent: 'party-410305-2.agent',
  judge: 'court.intermediate-410300.judge',
  president: 'court.intermediate-410300.president',
  basicJudge: 'court.basic-410305.judge',
  strangerParty: 'party-620402-1.agent',
} as const
const COURT = 'court.intermediate-410300'
// Only the agencies of this case: each queue a router serves costs it a worker.
const ROUTER_AGENCIES = `msa-410300,party-410305-1,party-410305-2,${COURT}`

/** Today's date in China (the agreement's effective date). */
const today = () => localDate(new Date().toISOString())

describe('judicial confirmation end to end, from bureau mediation to enforcement', () => {
  let tdb: TestDatabase
  let client: XianjieClient
  const authSecret = randomBytes(32).toString('hex')

  beforeAll(async () => {
    tdb = await createTestDatabase()
    const env = (services: string, extra: Record<string, string> = {}) =>
      xianjieEnv({ databaseUrl: tdb.url, redisUrl: redisUrl(), queuePrefix: tdb.queuePrefix, authSecret, routerAgencies: ROUTER_AGENCIES, services, extra })
    const port = await freePort()
    const api = await startProcess('jc-api', env('api', { HOST: '127.0.0.1', PORT: String(port) }))
    await startProcess('jc-workers', env('router,scheduler'))
    client = createClient(api.url!)
  }, 90_000)

  afterAll(async () => {
    await stopAll()
    await tdb?.drop()
  }, 60_000)

  const command = async (user: string, caseId: string, type: string, payload: Record<string, unknown>) =>
    expectStatus(await client.command(user, caseId, type, payload, { idempotencyKey: `${caseId}:${type}:${user}` }), 200, `${type} by ${user}`)
  const taskOf = (user: string, caseId: string, kind: string) =>
    waitFor(async () => (await client.inbox(user)).body.tasks.find((t) => t.caseId === caseId && t.kind === kind) ?? null, { ...WAIT, what: `${kind} task of ${user}` })

  it('carries a patent damages mediation to confirmation and enforcement, both parties acting', async () => {
    // 1. The bureau opens the mediation on the requester's request (PatL art. 65).
    const opened = expectStatus(await client.open(USERS.officer, 'judicial-confirmation', {
      title: '洛阳甲科技有限公司与洛阳乙贸易有限公司发明专利侵权赔偿调解',
      mode: 'administrative',
      parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' },
      dispute: { subjectType: 'inventionPatent', matter: 'damages', summary: '请求人主张被请求人制造、销售的产品侵犯其发明专利权，请求就赔偿数额进行调解。' },
      request: { text: '请求就侵犯发明专利权的赔偿数额进行调解', mediationRequested: true },
    }), 201, 'open the mediation')
    const caseId = opened.caseId
    expect(opened.stateIds).toContain('AM1')

    // 2. The respondent finds the request copy in its own inbox and agrees to mediate.
    const answerTask = await taskOf(USERS.respondent, caseId, 'answerMediationRequest')
    expect(answerTask.dueAt).not.toBeNull() // the 15-day answer window from its receipt
    await command(USERS.respondent, caseId, 'ANSWER_MEDIATION_REQUEST', { agrees: true, opinion: '同意就赔偿数额调解' })

    // 3. Agreement reached before the bureau: the 30-day application window opens.
    const recorded = await command(USERS.officer, caseId, 'RECORD_AGREEMENT', {
      agreement: { text: '被请求人于本协议生效之日起十日内支付请求人专利侵权赔偿金人民币十二万元，并停止制造、销售侵权产品。', effectiveDate: today(), amount: 120_000 },
    })
    expect(recorded.stateIds).toEqual(expect.arrayContaining(['J0', 'J1']))

    // 4. A joint application: the requester applies, the respondent joins.
    const stranger = await client.command(USERS.strangerParty, caseId, 'JOIN_APPLICATION', {})
    expect(stranger.status).toBe(403)
    await command(USERS.requester, caseId, 'APPLY_FOR_CONFIRMATION', {
      courts: [COURT],
      form: 'written',
      materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'],
      viaAgent: false,
    })
    const filed = await command(USERS.respondent, caseId, 'JOIN_APPLICATION', { materials: ['identity'], viaAgent: false })
    expect(filed.stateIds).toEqual(expect.arrayContaining(['J2', 'J3']))

    // 5. The application reaches the court's inbox; the judge accepts it under the court's own number.
    const acceptTask = await taskOf(USERS.judge, caseId, 'decideAcceptance')
    expect(acceptTask.stateId).toBe('J3')
    const accepted = await command(USERS.judge, caseId, 'ACCEPT_APPLICATION', { note: '材料齐全' })
    expect(accepted.caseNumber).toMatch(/^\(\d{4}\)豫03民特\d+号$/)
    const view = expectStatus(await client.getCase(USERS.judge, caseId), 200, 'read the case')
    expect(view.deadlines.find((d) => d.name === 'T23')).toMatchObject({ status: 'SCHEDULED', source: expect.stringContaining('SPC-2011') })

    // 6. Only the president extends; then the judge confirms the agreement.
    const byJudge = await client.command(USERS.judge, caseId, 'EXTEND_REVIEW', { days: 10, reasons: '需向调解机关核实' })
    expect(byJudge.status).toBe(403)
    const confirmed = await command(USERS.judge, caseId, 'CONFIRM_AGREEMENT', { reasoning: '调解协议系双方自愿达成，内容不违反法律、行政法规的强制性规定。' })
    expect(confirmed.stateIds).toEqual(expect.arrayContaining(['J5A', 'J7', 'J8']))

    // 7. Both parties are served the ruling; each gets its own objection window.
    // A party's window (T24) starts when the router records its receipt of the ruling.
    const windows = await waitFor(async () => {
      const { body } = await client.getCase(USERS.requester, caseId)
      const t24 = body.deadlines.filter((d) => d.name === 'T24' && d.status === 'SCHEDULED')
      return t24.length === 2 ? t24 : null
    }, { ...WAIT, what: 'both parties served the ruling' })
    expect(windows.map((w) => w.source)).toEqual([expect.stringContaining('CivPL-I art. 372'), expect.stringContaining('CivPL-I art. 372')])
    const { body: timeline } = await client.timeline(USERS.requester, caseId)
    expect(timeline.entries.filter((e) => e.type === 'RECEIPT').map((e) => e.agency.id)).toEqual(expect.arrayContaining(['party-410305-1', 'party-410305-2', COURT]))

    // 8. The debtor does not pay: the creditor applies to the issuing court for enforcement.
    await command(USERS.requester, caseId, 'APPLY_ENFORCEMENT', { courtId: COURT, reasons: '被申请人逾期未支付赔偿金' })
    await taskOf(USERS.judge, caseId, 'registerEnforcement')
    const enforced = await command(USERS.judge, caseId, 'REGISTER_ENFORCEMENT', { enforcementCaseNo: '(2026)豫03执100号' })
    expect(enforced.status).toBe('closed')
    expect(enforced.stateIds).toContain('J9')

    // 9. The agreement and the rulings, each with its SHA-256, readable by the parties.
    const docs = expectStatus(await client.request(USERS.respondent, 'GET', `/v1/cases/${caseId}/documents`), 200, 'list documents')
    expect(docs.documents.map((d: { kind: string }) => d.kind)).toEqual(['agreement', 'acceptanceNotice', 'confirmationRuling'])
    const rulingMeta = docs.documents[2]
    const res = await fetch(`${client.baseUrl}/v1/cases/${caseId}/documents/${rulingMeta.id}`, { headers: { authorization: `Bearer ${await client.token(USERS.respondent)}` } })
    expect(res.status).toBe(200)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(rulingMeta.sha256)
    expect(res.headers.get('x-content-sha256')).toBe(rulingMeta.sha256)
    expect(bytes.toString('utf8')).toContain(accepted.caseNumber!)

    // 10. A party of another matter sees nothing; the chain holds.
    expect((await client.getCase(USERS.strangerParty, caseId)).status).toBe(403)
    const verified = expectStatus(await client.verify(USERS.requester, caseId), 200, 'verify')
    expect(verified).toMatchObject({ ok: true })
  }, 120_000)

  it('takes an evidence upload from a party, sniffs its type and keeps it by content hash', async () => {
    const opened = expectStatus(await client.open(USERS.officer, 'judicial-confirmation', {
      mode: 'administrative',
      parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' },
      dispute: { subjectType: 'designPatent', matter: 'damages', summary: '外观设计专利侵权赔偿调解' },
      request: { text: '请求就赔偿数额进行调解', mediationRequested: true },
    }), 201, 'open')
    const pdf = Buffer.from('%PDF-1.7\n% 专利证书\n')
    const path = `/v1/cases/${opened.caseId}/documents`
    const up = await client.request(USERS.requester, 'POST', path, { kind: 'evidence', name: '专利证书.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') })
    expect(up.status).toBe(201)
    expect(up.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'))
    const lying = await client.request(USERS.requester, 'POST', path, { kind: 'evidence', name: 'x.png', mediaType: 'image/png', contentBase64: pdf.toString('base64') })
    expect(lying.status).toBe(415)
    const outsider = await client.request(USERS.basicJudge, 'POST', path, { kind: 'evidence', name: 'a.pdf', mediaType: 'application/pdf', contentBase64: pdf.toString('base64') })
    expect(outsider.status).toBe(403)
  })
})
