import { PROCEDURES } from '@xianjie/engine'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from './test-app.ts'
import { CASE_OPEN, SHA } from '../../../test/support/samples.ts'

const OFFICER = 'msa-620400.officer1'
const OFFICER2 = 'msa-620400.officer2'
const HEAD = 'msa-620400.head'
const POLICE_OFFICER = 'police-620400.officer'
const OTHER_HEAD = 'msa-370100.head'
const SUPERVISOR = 'government-620400.supervisor'

const openPayload = () => ({ ...CASE_OPEN })
const team = { officers: [{ userId: OFFICER, name: '承办人甲' }, { userId: OFFICER2, name: '承办人乙' }] }

describe('case routes over criminal-transfer', () => {
  let api: TestApi

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
  })
  afterAll(async () => {
    await api?.close()
  })

  async function openCase(): Promise<string> {
    const res = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: openPayload() } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().caseId
  }

  async function versionOf(caseId: string): Promise<number> {
    const res = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: api.as(OFFICER) })
    expect(res.statusCode, res.body).toBe(200)
    return res.json().version
  }

  function command(caseId: string, user: string, type: string, payload: unknown, headers: Record<string, string> = {}) {
    return api.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/commands`, headers: { ...api.as(user), ...headers }, payload: { type, payload } })
  }

  function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    const body = JSON.parse(res.body)
    expect(body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:xianjie:problem:/), title: expect.any(String), detail: expect.any(String) })
    return body
  }

  it('opens a case as the AEA officer with Location and ETag', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: openPayload() } })
    expect(res.statusCode, res.body).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ caseId: expect.any(String), version: 1, status: 'open', replayed: false })
    expect(res.headers.location).toBe(`/v1/cases/${body.caseId}`)
    expect(res.headers.etag).toBe('"1"')

    const read = await api.app.inject({ method: 'GET', url: `/v1/cases/${body.caseId}`, headers: api.as(OFFICER) })
    expect(read.statusCode, read.body).toBe(200)
    expect(read.headers.etag).toBe('"1"')
    const view = read.json()
    expect(view).toMatchObject({ id: body.caseId, procedure: 'criminal-transfer', jurisdiction: '620400', version: 1 })
    expect(view.parties).toMatchObject({ aea: 'msa-620400' })
    expect(Array.isArray(view.openTasks)).toBe(true)
    expect(Array.isArray(view.deadlines)).toBe(true)
    expect(view.allowedCommands.map((c: { type: string }) => c.type)).toContain('FORM_TEAM')
  })

  it('records the actor of every command in the timeline', async () => {
    const caseId = await openCase()
    expect((await command(caseId, OFFICER, 'FORM_TEAM', team)).statusCode).toBe(200)
    const res = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/timeline`, headers: api.as(OFFICER) })
    expect(res.statusCode, res.body).toBe(200)
    const { entries } = res.json()
    expect(entries).toHaveLength(2)
    expect(entries[1]).toMatchObject({ seq: 2, type: 'FORM_TEAM', actor: { userId: OFFICER }, agency: { id: 'msa-620400' }, source: 'R310 art. 5(1)' })
    expect(entries[1].deadlines).toEqual(expect.any(Array))
  })

  it('refuses a police officer approving a transfer with 403', async () => {
    const caseId = await openCase()
    expect((await command(caseId, OFFICER, 'FORM_TEAM', team)).statusCode).toBe(200)
    const report = await command(caseId, OFFICER, 'SUBMIT_TRANSFER_REPORT', { report: { name: '移送涉嫌犯罪案件的书面报告.pdf', sha256: SHA }, summary: '涉案金额八万六千元，已达追诉标准' })
    expect(report.statusCode, report.body).toBe(200)
    const before = await versionOf(caseId)

    expectProblem(await command(caseId, POLICE_OFFICER, 'APPROVE_TRANSFER', {}), 403, 'FORBIDDEN')
    expect(await versionOf(caseId)).toBe(before)

    const ok = await command(caseId, HEAD, 'APPROVE_TRANSFER', {})
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().version).toBe(before + 1)
  })

  it('refuses another jurisdiction with 403, for reads and commands', async () => {
    const caseId = await openCase()
    expect((await command(caseId, OFFICER, 'FORM_TEAM', team)).statusCode).toBe(200)
    const before = await versionOf(caseId)

    expectProblem(await command(caseId, OTHER_HEAD, 'APPROVE_TRANSFER', {}), 403, 'FORBIDDEN')
    const read = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}`, headers: api.as(OTHER_HEAD) })
    expectProblem(read, 403, 'FORBIDDEN')
    expect(await versionOf(caseId)).toBe(before)
  })

  it('answers an unknown command with 400 UNKNOWN_COMMAND', async () => {
    const caseId = await openCase()
    const body = expectProblem(await command(caseId, HEAD, 'LAUNCH_ROCKET', {}), 400, 'UNKNOWN_COMMAND')
    expect(body.detail_zh).toEqual(expect.any(String))
    expect(await versionOf(caseId)).toBe(1)
  })

  it('answers a command the current state does not accept with 409 WRONG_STATE', async () => {
    const caseId = await openCase()
    expectProblem(await command(caseId, HEAD, 'APPROVE_TRANSFER', {}), 409, 'WRONG_STATE')
    expect(await versionOf(caseId)).toBe(1)
  })

  it('answers a legal rule refusal with 422 naming the rule and its source', async () => {
    const caseId = await openCase()
    const body = expectProblem(await command(caseId, OFFICER, 'FORM_TEAM', { officers: [{ userId: OFFICER, name: '承办人甲' }] }), 422, 'RULE_REFUSED')
    expect(body.rule).toBe('R310-art5-team-of-two')
    expect(body.source).toBe('R310 art. 5(1)')
    expect(body.detail_zh).toMatch(/专案组/)
    expect(await versionOf(caseId)).toBe(1)
  })

  it('answers a malformed body with 400 and the fields at fault', async () => {
    const caseId = await openCase()
    const missing = await api.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/commands`, headers: api.as(OFFICER), payload: { payload: {}, extra: 1 } })
    const body = expectProblem(missing, 400, 'VALIDATION_FAILED')
    expect(body.fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/body/type' }),
      expect.objectContaining({ path: '/body/extra' }),
    ]))

    const notJson = await api.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/commands`, headers: { ...api.as(OFFICER), 'content-type': 'application/json' }, payload: '{"type":' })
    expectProblem(notJson, 400, 'VALIDATION_FAILED')

    // The procedure's own payload schema is checked by the engine; its fields come through.
    const badPayload = expectProblem(await command(caseId, OFFICER, 'FORM_TEAM', { officers: 'two' }), 400, 'VALIDATION_FAILED')
    expect(badPayload.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/body/payload/officers' })]))

    const badOpen = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: { ...openPayload(), title: undefined } } })
    expect(expectProblem(badOpen, 400, 'VALIDATION_FAILED').fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/body/payload/title' })]))
    expect(await versionOf(caseId)).toBe(1)
  })

  it('answers a malformed case id with 400 and an unknown one with 404', async () => {
    expectProblem(await api.app.inject({ method: 'GET', url: '/v1/cases/not-a-uuid', headers: api.as(OFFICER) }), 400, 'VALIDATION_FAILED')
    expectProblem(await command('not-a-uuid', OFFICER, 'FORM_TEAM', team), 400, 'VALIDATION_FAILED')
    expectProblem(await api.app.inject({ method: 'GET', url: `/v1/cases/${randomUUID()}`, headers: api.as(OFFICER) }), 404, 'CASE_NOT_FOUND')
  })

  it('answers an unknown procedure with 400', async () => {
    const res = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'no-such-procedure', payload: {} } })
    expectProblem(res, 400, 'UNKNOWN_PROCEDURE')
  })

  it('refuses a stale If-Match with 412 and accepts the current one', async () => {
    const caseId = await openCase()
    const stale = await command(caseId, OFFICER, 'FORM_TEAM', team, { 'if-match': '"7"' })
    expectProblem(stale, 412, 'STALE_VERSION')
    expect(stale.headers.etag).toBe('"1"')
    expect(await versionOf(caseId)).toBe(1)

    expectProblem(await command(caseId, OFFICER, 'FORM_TEAM', team, { 'if-match': 'W/"1"' }), 400, 'VALIDATION_FAILED')

    const ok = await command(caseId, OFFICER, 'FORM_TEAM', team, { 'if-match': '"1"' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.headers.etag).toBe('"2"')
  })

  it('replays an Idempotency-Key with the same body and refuses it with another', async () => {
    const caseId = await openCase()
    const key = `form-team-${randomUUID()}`
    const first = await command(caseId, OFFICER, 'FORM_TEAM', team, { 'idempotency-key': key })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.headers['idempotent-replayed']).toBeUndefined()

    const again = await command(caseId, OFFICER, 'FORM_TEAM', team, { 'idempotency-key': key })
    expect(again.statusCode, again.body).toBe(200)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.headers.etag).toBe(first.headers.etag)
    expect({ ...again.json(), replayed: false }).toEqual(first.json())

    const other = await command(caseId, OFFICER, 'FORM_TEAM', { officers: [...team.officers, { userId: 'msa-620400.head', name: '局长' }] }, { 'idempotency-key': key })
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await versionOf(caseId)).toBe(2)

    expectProblem(await command(caseId, OFFICER, 'FORM_TEAM', team, { 'idempotency-key': 'bad\u0001key' }), 400, 'VALIDATION_FAILED')
  })

  it('lets a supervisor of the jurisdiction verify and replay, and refuses outsiders', async () => {
    const caseId = await openCase()
    const verify = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/verify`, headers: api.as(OFFICER) })
    expect(verify.statusCode, verify.body).toBe(200)
    expect(verify.json()).toMatchObject({ caseId, ok: true, events: 1 })
    const replay = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/replay`, headers: api.as(SUPERVISOR) })
    expect(replay.statusCode, replay.body).toBe(200)
    expect(replay.json()).toEqual({ caseId, equal: true, events: 1 })
    expectProblem(await api.app.inject({ method: 'GET', url: `/v1/cases/${caseId}/replay`, headers: api.as(OTHER_HEAD) }), 403, 'FORBIDDEN')
  })

  it("lists the caller's inbox and validates its query", async () => {
    const res = await api.app.inject({ method: 'GET', url: '/v1/inbox?limit=10&includeClosed=true', headers: api.as(POLICE_OFFICER) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ tasks: expect.any(Array) })
    expectProblem(await api.app.inject({ method: 'GET', url: '/v1/inbox?limit=0', headers: api.as(POLICE_OFFICER) }), 400, 'VALIDATION_FAILED')
  })

  it('describes the registered procedures', async () => {
    const list = await api.app.inject({ method: 'GET', url: '/v1/procedures', headers: api.as(OFFICER) })
    expect(list.statusCode, list.body).toBe(200)
    expect(list.json().procedures.map((p: { name: string }) => p.name)).toContain('criminal-transfer')
    const one = await api.app.inject({ method: 'GET', url: '/v1/procedures/criminal-transfer', headers: api.as(OFFICER) })
    expect(one.statusCode, one.body).toBe(200)
    const approve = one.json().commands.find((c: { type: string }) => c.type === 'APPROVE_TRANSFER')
    expect(approve).toMatchObject({ roles: ['msa.head'], party: 'aea', title: { zh: '批准移送' } })
    expect(one.json().timers.length).toBeGreaterThan(0)
    expect(one.json()).not.toHaveProperty('machine')
    expectProblem(await api.app.inject({ method: 'GET', url: '/v1/procedures/nope', headers: api.as(OFFICER) }), 404, 'NOT_FOUND')
  })
})
