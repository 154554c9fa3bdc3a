// Who may read and move a case, over HTTP with the real app and the seeded users: the police see
// a transfer only once it is dispatched to them, a court only an application filed with it, a
// party only its own matters, a supervisor reads its jurisdiction and sends nothing, a
// joint-punishment partner reads no case at all (the public register only). Personal data (a
// suspect's 居民身份证号, an applicant's phone) is whole for the agencies working the case and
// masked for everyone else, in every read; it never reaches the logs, the queue payloads or an
// error message. The full matrix: test/integration/authorization.matrix.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskResidentId } from '@xianjie/domain'
import { PROCEDURES } from '@xianjie/engine'
import { openPayload as transferOpen, PAYLOADS } from '../../../test/support/transfer-flow.ts'
import { startTestApi, type TestApi } from './test-app.ts'

/** A valid 居民身份证号 (GB 11643-1999 check digit X) of a person suspect, and one with a wrong check digit. */
const ID_NUMBER = '11010519491231002X'
const BAD_ID_NUMBER = '110105194912310021'
const MASKED_ID = maskResidentId(ID_NUMBER)
const PHONE_1 = '13812345678'
const PHONE_2 = '0931-8123456'

const U = {
  officer: 'msa-620400.officer1',
  head: 'msa-620400.head',
  credit: 'msa-620400.credit',
  police: 'police-620400.officer',
  policeHead: 'police-620400.head',
  procurator: 'procuratorate-620400.procurator',
  supervisor: 'government-620400.supervisor',
  procuratorateSupervisor: 'procuratorate-620400.supervisor',
  otherCitySupervisor: 'government-370100.supervisor',
  otherCityOfficer: 'msa-370100.officer1',
  stranger: 'court.intermediate-620400.judge',
  mediator: 'mediation-620400.mediator',
  applicant1: 'party-620402-1.agent',
  applicant2: 'party-620402-2.agent',
  otherParty: 'party-370103-1.agent',
  judge: 'court.basic-620402.judge',
  clerk: 'court.basic-620402.clerk',
  partner: 'partner.ndrc-620400.partner',
} as const

describe('authorization over HTTP', () => {
  let api: TestApi
  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
  })
  afterAll(async () => api?.close())

  const get = (user: string, url: string) => api.app.inject({ method: 'GET', url, headers: api.as(user) })
  const post = (user: string, url: string, payload: unknown) => api.app.inject({ method: 'POST', url, headers: api.as(user), payload: payload as Record<string, unknown> })
  const command = (user: string, caseId: string, type: string, payload: Record<string, unknown> = {}) => post(user, `/v1/cases/${caseId}/commands`, { type, payload })
  const READS = ['', '/timeline', '/report', '/report.csv', '/report.html', '/documents', '/verify'] as const

  /** The status of every read of the case for this user. */
  async function reads(user: string, caseId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const path of READS) out[path || '/'] = (await get(user, `/v1/cases/${caseId}${path}`)).statusCode
    return out
  }
  const all = (status: number) => Object.fromEntries(READS.map((p) => [p || '/', status]))

  /** Every answer this user gets for the case, concatenated (to look for a number in any of them). */
  async function everything(user: string, caseId: string): Promise<string> {
    return (await Promise.all(READS.map(async (path) => (await get(user, `/v1/cases/${caseId}${path}`)).body))).join('\n')
  }

  describe('criminal-transfer: a person suspect with a 居民身份证号', () => {
    let caseId: string

    beforeAll(async () => {
      const open = await post(U.officer, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...transferOpen(), suspectName: '张某某', suspectIdNumber: ID_NUMBER } })
      expect(open.statusCode).toBe(201)
      caseId = open.json().caseId
    })

    it('keeps the police out until the transfer is dispatched to them, then lets them in; the procuratorate supervises from the start', async () => {
      expect(await reads(U.police, caseId)).toEqual(all(403))
      // R310 art. 14: the bureau's transfers are under the procuratorate's supervision (该移不移 included).
      expect(await reads(U.procurator, caseId)).toEqual(all(200))
      // The police head is the case's police party, but the case has not reached the police: it
      // may not act on what it may not read (403), whatever the state (still the bureau's F0).
      const early = await command(U.policeHead, caseId, 'FILE_CASE', PAYLOADS.FILE_CASE)
      expect(early.statusCode).toBe(403)
      expect(early.json().detail).toMatch(/may not see case/)
      for (const [user, type] of [[U.officer, 'FORM_TEAM'], [U.officer, 'SUBMIT_TRANSFER_REPORT'], [U.head, 'APPROVE_TRANSFER']] as const) {
        expect((await command(user, caseId, type, PAYLOADS[type])).statusCode).toBe(200)
        expect((await get(U.police, `/v1/cases/${caseId}`)).statusCode).toBe(403)
      }
      expect((await command(U.officer, caseId, 'DISPATCH_TRANSFER', PAYLOADS.DISPATCH_TRANSFER)).statusCode).toBe(200)
      // Delivered to the police: they read it now.
      expect(await reads(U.police, caseId)).toEqual(all(200))
    })

    it('never lets a stranger of the division or another city read it, nor see it in its inbox', async () => {
      for (const user of [U.stranger, U.otherCityOfficer, U.otherCitySupervisor, U.partner, U.applicant1]) {
        expect(await reads(user, caseId), user).toEqual(all(403))
      }
      // The police's task opens with the router's receipt; it is in the police's inbox and nobody else's.
      const dispatch = await api.db.db.selectFrom('outbox').select(['id', 'payload']).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()
      for (const d of dispatch) await api.engine.recordReceipt(d.id, new Date())
      const inbox = async (user: string) => (await get(user, '/v1/inbox')).json().tasks.filter((t: { caseId: string }) => t.caseId === caseId).map((t: { agencyId: string }) => t.agencyId)
      expect(await inbox(U.police)).toEqual(['police-620400'])
      for (const user of [U.stranger, U.otherCityOfficer, U.supervisor, U.partner]) expect(await inbox(user), user).toEqual([])
    })

    it('lets supervisors of the jurisdiction read it and send nothing; others are refused', async () => {
      for (const user of [U.supervisor, U.procuratorateSupervisor]) {
        expect(await reads(user, caseId), user).toEqual(all(200))
        for (const type of ['SIGN_RECEIPT', 'FILE_CASE', 'APPROVE_TRANSFER', 'IMPOSE_PENALTY', 'REQUIRE_EXPLANATION']) {
          expect((await command(user, caseId, type, {})).statusCode, `${user} ${type}`).toBe(403)
        }
        const view = (await get(user, `/v1/cases/${caseId}`)).json()
        expect(view.allowedCommands).toEqual([])
      }
      expect((await get(U.supervisor, `/v1/supervision/search?party=${encodeURIComponent('张某某')}`)).json().items.map((i: { caseId: string }) => i.caseId)).toContain(caseId)
      expect((await get(U.otherCitySupervisor, `/v1/supervision/search?party=${encodeURIComponent('张某某')}`)).json().items).toEqual([])
    })

    it('moves only for the right role of the right party', async () => {
      expect((await command(U.police, caseId, 'FILE_CASE', PAYLOADS.FILE_CASE)).statusCode).toBe(403) // an officer, not the head
      expect((await command(U.head, caseId, 'SIGN_RECEIPT', PAYLOADS.SIGN_RECEIPT)).statusCode).toBe(403) // the bureau, not the police
      expect((await command('police-410305.officer', caseId, 'SIGN_RECEIPT', PAYLOADS.SIGN_RECEIPT)).statusCode).toBe(403) // another police bureau
      expect((await command(U.police, caseId, 'SIGN_RECEIPT', PAYLOADS.SIGN_RECEIPT)).statusCode).toBe(200)
      expect((await command(U.police, caseId, 'SIGN_RECEIPT', PAYLOADS.SIGN_RECEIPT)).statusCode).toBe(409) // F5 takes no second receipt
    })

    it('shows the number whole to the bureau, police and procuratorate, masked to everyone else', async () => {
      for (const user of [U.officer, U.head, U.police, U.policeHead, U.procurator]) {
        expect((await get(user, `/v1/cases/${caseId}`)).json().context.suspect, user).toEqual({ name: '张某某', creditCode: null, idNumber: ID_NUMBER })
      }
      for (const user of [U.credit, U.supervisor, U.procuratorateSupervisor]) {
        expect((await get(user, `/v1/cases/${caseId}`)).json().context.suspect.idNumber, user).toBe(MASKED_ID)
        expect(await everything(user, caseId), user).not.toContain(ID_NUMBER)
      }
      expect(MASKED_ID).toBe('110105********002X')
      const search = (await get(U.supervisor, `/v1/supervision/search?party=${encodeURIComponent('张某某')}`)).body
      expect(search).not.toContain(ID_NUMBER)
      // The stored event keeps it whole (the hash chain covers the value as given).
      const opened = await api.db.db.selectFrom('case_events').select('payload').where('case_id', '=', caseId).where('seq', '=', 1).executeTakeFirstOrThrow()
      expect((opened.payload as { suspectIdNumber?: string }).suspectIdNumber).toBe(ID_NUMBER)
    })

    it('puts the number in no queue payload, no read model and no log line', async () => {
      const outbox = await api.db.db.selectFrom('outbox').select(['queue', 'payload']).where('case_id', '=', caseId).execute()
      expect(outbox.length).toBeGreaterThan(2)
      expect(JSON.stringify(outbox)).not.toContain(ID_NUMBER)
      const index = await api.db.db.selectFrom('case_index').selectAll().where('case_id', '=', caseId).execute()
      expect(JSON.stringify(index)).not.toContain(ID_NUMBER)
      // A refused request carrying it (police may not open a case), a malformed one, and one that fails validation.
      const refused = await post(U.police, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...transferOpen(), suspectName: '李某', suspectIdNumber: ID_NUMBER } })
      expect(refused.statusCode).toBe(403)
      const broken = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: { ...api.as(U.officer), 'content-type': 'application/json' }, payload: `{"procedure":"criminal-transfer","payload":{"suspectIdNumber":"${ID_NUMBER}"` })
      expect(broken.statusCode).toBe(400)
      const bad = await post(U.officer, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...transferOpen(), suspectName: '李某', suspectIdNumber: BAD_ID_NUMBER } })
      expect(bad.statusCode).toBe(400)
      for (const res of [refused, broken, bad]) expect(res.body).not.toMatch(/110105194912310021|11010519491231002X/)
      const logs = api.logs.join('\n')
      expect(logs).toContain(caseId)
      expect(logs).not.toContain(ID_NUMBER)
      expect(logs).not.toContain(BAD_ID_NUMBER)
      // Were a handler to log a payload, the redaction takes it out.
      api.app.log.info({ body: { payload: { suspectIdNumber: ID_NUMBER, contact: { phone: PHONE_1 } } } }, 'probe')
      expect(api.logs.at(-1)).not.toContain(ID_NUMBER)
      expect(api.logs.at(-1)).not.toContain(PHONE_1)
    })

    it('refuses a bad number, or a number beside a credit code, naming the field and not the value', async () => {
      const bad = await post(U.officer, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...transferOpen(), suspectIdNumber: BAD_ID_NUMBER } })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(['/body/payload/suspectIdNumber'])
      expect(bad.body).not.toContain(BAD_ID_NUMBER)
      const both = await post(U.officer, '/v1/cases', { procedure: 'criminal-transfer', payload: { ...transferOpen(), suspectIdNumber: ID_NUMBER, suspectCreditCode: '91620402MA0000001U' } })
      expect(both.statusCode).toBe(400)
      expect(both.json().fields.map((f: { path: string }) => f.path)).toContain('/body/payload/suspectCreditCode')
      expect(both.body).not.toContain(ID_NUMBER)
    })
  })

  describe('judicial-confirmation: courts, parties and the applicants’ phones', () => {
    let caseId: string
    const effectiveDate = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)

    beforeAll(async () => {
      const open = await post(U.mediator, '/v1/cases', {
        procedure: 'judicial-confirmation',
        payload: {
          title: '白银甲科技有限公司与白银乙贸易有限公司商标侵权纠纷调解协议司法确认',
          mode: 'people',
          parties: { applicant1: 'party-620402-1', applicant2: 'party-620402-2' },
          dispute: { subjectType: 'trademark', matter: 'damages', summary: '被申请人销售侵犯申请人注册商标专用权的商品，双方就赔偿数额达成调解协议。' },
          agreement: { text: '被申请人于协议生效后一次性支付申请人商标侵权赔偿金人民币八万元。', effectiveDate, amount: 80_000 },
        },
      })
      expect(open.statusCode).toBe(201)
      caseId = open.json().caseId
    })

    it('keeps a court out until the application is filed with it, and out for good if it was not', async () => {
      expect(await reads(U.judge, caseId)).toEqual(all(403))
      const apply = { courts: ['court.basic-620402'], form: 'written', materials: ['applicationForm', 'agreement', 'mediationProof', 'identity', 'serviceAddress'], viaAgent: false, contact: { phone: PHONE_1, serviceAddress: '白银市白银区某路1号' } }
      expect((await command(U.applicant1, caseId, 'APPLY_FOR_CONFIRMATION', apply)).statusCode).toBe(200)
      expect((await get(U.judge, `/v1/cases/${caseId}`)).statusCode).toBe(403) // one party applied: not filed yet
      expect((await command(U.applicant2, caseId, 'JOIN_APPLICATION', { contact: { phone: PHONE_2 } })).statusCode).toBe(200)
      expect(await reads(U.judge, caseId)).toEqual(all(200))
      expect(await reads(U.stranger, caseId)).toEqual(all(403)) // the intermediate court: not filed with it
      expect((await command(U.stranger, caseId, 'ACCEPT_APPLICATION', {})).statusCode).toBe(403)
    })

    it('lets each party read its own matter, and nobody else’s', async () => {
      expect(await reads(U.applicant1, caseId)).toEqual(all(200))
      expect(await reads(U.otherParty, caseId)).toEqual(all(403))
      expect((await command(U.otherParty, caseId, 'WITHDRAW_APPLICATION', {})).statusCode).toBe(403)
      expect((await command(U.applicant1, caseId, 'ACCEPT_APPLICATION', {})).statusCode).toBe(403)
    })

    it('shows the phones whole to the court and to their owner, masked to the other party, the mediator and supervisors', async () => {
      const contacts = async (user: string) => (await get(user, `/v1/cases/${caseId}`)).json().context.application.contacts
      expect(await contacts(U.judge)).toEqual({ applicant1: { phone: PHONE_1, serviceAddress: '白银市白银区某路1号' }, applicant2: { phone: PHONE_2 } })
      expect(await contacts(U.clerk)).toEqual({ applicant1: { phone: PHONE_1, serviceAddress: '白银市白银区某路1号' }, applicant2: { phone: PHONE_2 } })
      expect(await contacts(U.applicant1)).toEqual({ applicant1: { phone: PHONE_1, serviceAddress: '白银市白银区某路1号' }, applicant2: { phone: '0931-***3456' } })
      expect(await contacts(U.applicant2)).toEqual({ applicant1: { phone: '138****5678', serviceAddress: '白银市白银区某路1号' }, applicant2: { phone: PHONE_2 } })
      for (const user of [U.mediator, U.supervisor]) {
        expect(await contacts(user), user).toEqual({ applicant1: { phone: '138****5678', serviceAddress: '白银市白银区某路1号' }, applicant2: { phone: '0931-***3456' } })
        const seen = await everything(user, caseId)
        expect(seen).not.toContain(PHONE_1)
        expect(seen).not.toContain(PHONE_2)
      }
      const outbox = await api.db.db.selectFrom('outbox').select('payload').where('case_id', '=', caseId).execute()
      expect(JSON.stringify(outbox)).not.toMatch(/13812345678|0931-8123456/)
      expect(api.logs.join('\n')).not.toMatch(/13812345678|0931-8123456/)
    })

    it('refuses a phone that is neither a mobile nor a landline number without echoing it', async () => {
      // The payload is checked before the state: a second application is refused for its phone first.
      const apply = { courts: ['court.basic-620402'], form: 'written', materials: ['applicationForm'], viaAgent: false, contact: { phone: '1381234567' } }
      const res = await command(U.applicant1, caseId, 'APPLY_FOR_CONFIRMATION', apply)
      expect(res.statusCode).toBe(400)
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['/body/payload/contact/phone'])
      expect(res.body).not.toContain('1381234567')
    })
  })

  describe('credit-listing: joint-punishment partners', () => {
    let caseId: string
    beforeAll(async () => {
      const open = await post(U.officer, '/v1/cases', {
        procedure: 'credit-listing',
        payload: {
          title: '白银甲科技有限公司故意侵犯注册商标专用权列入严重违法失信名单',
          parties: { subject: 'party-620402-1' },
          penalty: {
            decisionNumber: '白市监处罚〔2026〕31号', decidedAt: new Date().toISOString().slice(0, 10), procedure: 'ordinary', types: ['fine', 'confiscation'],
            heavierFine: true, lowAmountFine: false, fineAmount: 250_000, field: 'general', violation: { article: 9, item: 'ipInfringement' }, summary: '生产、销售假冒注册商标的商品',
          },
        },
      })
      expect(open.statusCode).toBe(201)
      caseId = open.json().caseId
    })

    it('gives partners the public register and nothing of the case, though they are told of it', async () => {
      const parties = (await get(U.officer, `/v1/cases/${caseId}`)).json().parties
      expect(parties.partnerNdrc).toBe('partner.ndrc-620400')
      expect(await reads(U.partner, caseId)).toEqual(all(403))
      expect((await api.app.inject({ method: 'POST', url: `/v1/cases/${caseId}/documents`, headers: api.as(U.partner), payload: { kind: 'attachment', name: 'a.txt', mediaType: 'text/plain', contentBase64: Buffer.from('说明').toString('base64') } })).statusCode).toBe(403)
      expect((await api.app.inject({ method: 'GET', url: '/v1/credit-list/91620402MA0000001U' })).statusCode).toBe(200)
      // The subject reads its own matter; the other enterprise does not.
      expect((await get(U.applicant1, `/v1/cases/${caseId}`)).statusCode).toBe(200)
      expect((await get(U.applicant2, `/v1/cases/${caseId}`)).statusCode).toBe(403)
    })
  })
})
