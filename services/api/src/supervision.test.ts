// The supervision endpoints over HTTP: who may ask, what a bad query gets, the exports' media
// types, and the procuratorate opening a 检察意见 case from a 该移不移 flag.
import { PROCEDURES } from '@xianjie/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApi, type TestApi } from './test-app.ts'
import { CASE_OPEN } from '../../../test/support/samples.ts'

const OFFICER = 'msa-620400.officer1'
const HEAD = 'msa-620400.head'
const SUPERVISOR = 'government-620400.supervisor'
const OTHER_SUPERVISOR = 'government-370100.supervisor'
const PROCURATOR = 'procuratorate-620400.procurator'
const CHIEF = 'procuratorate-620400.head'

describe('supervision routes', () => {
  let api: TestApi
  let flagged = ''
  let unflagged = ''

  const get = (url: string, user = SUPERVISOR) => api.app.inject({ method: 'GET', url, headers: api.as(user) })
  const command = (caseId: string, user: string, type: string, payload: Record<string, unknown>) =>
    api.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/commands`, headers: api.as(user), payload: { type, payload } })

  /** A case the head refuses to transfer ("no crime") and the bureau fines. */
  async function penalizedWithoutTransfer(illegalBusinessVolume: number): Promise<string> {
    const open = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: { ...CASE_OPEN, illegalBusinessVolume } } })
    expect(open.statusCode, open.body).toBe(201)
    const id = open.json().caseId as string
    for (const [user, type, payload] of [
      [OFFICER, 'FORM_TEAM', { officers: [{ userId: OFFICER, name: '承办人甲' }, { userId: 'msa-620400.officer2', name: '承办人乙' }] }],
      [OFFICER, 'SUBMIT_TRANSFER_REPORT', { report: { name: '书面报告.pdf', sha256: 'a'.repeat(64) }, summary: '涉案金额已核实' }],
      [HEAD, 'REFUSE_TRANSFER', { reasons: '经核实不构成犯罪', noCrimeFound: true }],
      [HEAD, 'IMPOSE_PENALTY', { decisionNo: '白市监罚〔2026〕31号', penalties: ['fine'], fineAmount: 40_000 }],
    ] as const) {
      const res = await command(id, user, type, payload as Record<string, unknown>)
      expect(res.statusCode, res.body).toBe(200)
    }
    return id
  }

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
    flagged = await penalizedWithoutTransfer(120_000)
    unflagged = await penalizedWithoutTransfer(20_000)
  })
  afterAll(async () => api?.close())

  it('answers a supervisor of the city and refuses everyone else', async () => {
    for (const url of ['/v1/supervision/overdue', '/v1/supervision/search', '/v1/supervision/transfer-flags', '/v1/supervision/statistics?from=2026-01-01&to=2026-12-31']) {
      expect((await get(url)).statusCode, url).toBe(200)
      expect((await get(url, OFFICER)).statusCode, url).toBe(403)
      expect((await get(`${url}${url.includes('?') ? '&' : '?'}within=370100`)).statusCode, url).toBe(403)
    }
    expect((await get('/v1/supervision/search', OTHER_SUPERVISOR)).json().items).toEqual([])
  })

  it('refuses a bad query with the field named', async () => {
    const missing = await get('/v1/supervision/statistics?from=2026-01-01')
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('to')
    expect((await get('/v1/supervision/statistics?from=2026-13-01&to=2026-01-01')).statusCode).toBe(400)
    expect((await get('/v1/supervision/statistics?from=2026-03-01&to=2026-02-01')).statusCode).toBe(400)
    expect((await get('/v1/supervision/search?creditCode=123')).statusCode).toBe(400)
    expect((await get('/v1/supervision/search?party=x')).statusCode).toBe(400)
    expect((await get('/v1/supervision/search?overdue=maybe')).statusCode).toBe(400)
    expect((await get('/v1/supervision/search?after=%21%21')).statusCode).toBe(400)
    expect((await get('/v1/supervision/overdue?within=62')).statusCode).toBe(400)
    expect((await get('/v1/supervision/overdue?colour=red')).statusCode).toBe(400)
  })

  it('exports the case report as JSON, CSV and a printable page', async () => {
    const json = await get(`/v1/cases/${flagged}/report`)
    expect(json.statusCode, json.body).toBe(200)
    expect(json.json()).toMatchObject({ case: { id: flagged, status: 'closed' }, deadlines: [expect.objectContaining({ timer: 'T1', unit: 'cd', met: true })] })
    const csv = await get(`/v1/cases/${flagged}/report.csv`)
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="case-${flagged}.csv"`)
    expect(csv.body).toContain('不批准移送')
    expect(csv.body.startsWith('\uFEFFcase_number,')).toBe(true)
    const html = await get(`/v1/cases/${flagged}/report.html`)
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.body).toContain('案件流程记录')
    expect(html.body.startsWith('<!doctype html>')).toBe(true)
    expect((await get(`/v1/cases/${flagged}/report.csv`, OTHER_SUPERVISOR)).statusCode).toBe(403)
  })

  it('lets the procuratorate open a 检察意见 case from a flag, and only from a flag', async () => {
    const flags = (await get('/v1/supervision/transfer-flags')).json()
    expect(flags.items.map((f: { caseId: string }) => f.caseId)).toEqual([flagged])

    const url = (id: string) => `/v1/supervision/transfer-flags/${id}/supervision`
    const refused = await api.app.inject({ method: 'POST', url: url(unflagged), headers: api.as(PROCURATOR), payload: { reasons: '以罚代刑，应当移送而未移送' } })
    expect(refused.statusCode, refused.body).toBe(422)
    const short = await api.app.inject({ method: 'POST', url: url(flagged), headers: api.as(PROCURATOR), payload: { reasons: '短' } })
    expect(short.statusCode).toBe(400)
    const byOfficer = await api.app.inject({ method: 'POST', url: url(flagged), headers: api.as(OFFICER), payload: { reasons: '以罚代刑，应当移送而未移送' } })
    expect(byOfficer.statusCode).toBe(403)

    const opened = await api.app.inject({ method: 'POST', url: url(flagged), headers: api.as(PROCURATOR), payload: { reasons: '以罚代刑，应当移送而未移送' } })
    expect(opened.statusCode, opened.body).toBe(201)
    const { caseId, flag } = opened.json()
    expect(flag).toMatchObject({ threshold: { id: 'CL-214' }, met: ['illegalBusinessVolume'] })
    const view = (await get(`/v1/cases/${caseId}`, PROCURATOR)).json()
    expect(view).toMatchObject({ procedure: 'transfer-supervision', parentCaseId: flagged, stateIds: ['SA0'], context: { basis: { thresholdId: 'CL-214', illegalBusinessVolume: 120_000 } } })
    // The chief procurator issues the opinion (SPP-R art. 557(3)).
    const issued = await command(caseId, CHIEF, 'ISSUE_OPINION', { grounds: ['penaltyInsteadOfTransfer'], reasons: '该案销售金额十二万元，已达追诉标准，应当移送公安机关' })
    expect(issued.statusCode, issued.body).toBe(200)
    expect(issued.json().stateIds).toEqual(['SA1'])
    // The flag now names the supervision case.
    expect((await get('/v1/supervision/transfer-flags')).json().items[0]).toMatchObject({ caseId: flagged, supervisionCaseId: caseId })
  })
})
