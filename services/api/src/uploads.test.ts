import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { MAX_UPLOAD_BYTES, PROCEDURES } from '@xianjie/engine'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DOCM, DOCX, EXE, GIF, HTML, JPEG, PDF, PNG, SVG, TEXT, WEBP, XLSX } from '../../../test/support/files.ts'
import { CASE_OPEN } from '../../../test/support/samples.ts'
import { startTestApi, type TestApi } from './test-app.ts'

const OFFICER = 'msa-620400.officer1'
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

describe('evidence uploads: sniffed, stored once by content hash', () => {
  let api: TestApi
  let caseA: string
  let caseB: string

  beforeAll(async () => {
    api = await startTestApi(PROCEDURES)
    caseA = await open()
    caseB = await open()
  })
  afterAll(async () => {
    await api?.close()
  })

  async function open(): Promise<string> {
    const res = await api.app.inject({ method: 'POST', url: '/v1/cases', headers: api.as(OFFICER), payload: { procedure: 'criminal-transfer', payload: { ...CASE_OPEN } } })
    expect(res.statusCode, res.body).toBe(201)
    return res.json().caseId
  }

  const upload = (caseId: string, mediaType: string, content: Buffer | string, name = 'evidence.bin', user = OFFICER) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/cases/${caseId}/documents`,
      headers: api.as(user),
      payload: { kind: 'evidence', name, mediaType, contentBase64: typeof content === 'string' ? content : content.toString('base64') },
    })

  const count = async (table: 'documents' | 'document_blobs') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(api.db.db)).rows[0]!.n

  it('takes each accepted type as real bytes and gives them back unchanged, with their hash', async () => {
    const files: Array<[string, Buffer, string]> = [
      ['application/pdf', PDF, 'application/pdf'],
      ['image/png', PNG, 'image/png'],
      ['image/jpeg', JPEG, 'image/jpeg'],
      ['image/gif', GIF, 'image/gif'],
      ['image/webp', WEBP, 'image/webp'],
      [DOCX_TYPE, DOCX, DOCX_TYPE],
      [XLSX_TYPE, XLSX, XLSX_TYPE],
      ['text/plain; charset=utf-8', TEXT, 'text/plain; charset=utf-8'],
    ]
    for (const [declared, bytes, stored] of files) {
      const res = await upload(caseA, declared, bytes)
      expect(res.statusCode, `${declared}: ${res.body}`).toBe(201)
      const doc = res.json()
      expect(doc).toMatchObject({ caseId: caseA, mediaType: stored, sha256: sha256(bytes), size: bytes.length, seq: null, uploadedBy: OFFICER })
      const read = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseA}/documents/${doc.id}`, headers: api.as(OFFICER) })
      expect(read.statusCode).toBe(200)
      expect(read.rawPayload.equals(bytes), declared).toBe(true)
      expect(read.headers['content-type']).toBe(stored)
      expect(read.headers['x-content-sha256']).toBe(sha256(bytes))
      expect(read.headers['x-content-type-options']).toBe('nosniff')
      expect(String(read.headers['content-security-policy'])).toContain('sandbox')
      expect(String(read.headers['content-disposition'])).toMatch(/^image\/|^text\//.test(stored) ? /^inline; / : /^attachment; /)
    }
  })

  it('keeps the same bytes once, whichever cases hold them; the same file twice in one case is one document', async () => {
    const bytes = Buffer.from('%PDF-1.4\n% 同一份鉴定意见 the same expert opinion\n%%EOF\n')
    const [docs0, blobs0] = [await count('documents'), await count('document_blobs')]
    const first = (await upload(caseA, 'application/pdf', bytes, '鉴定意见.pdf')).json()
    const again = (await upload(caseA, 'application/pdf', bytes, '鉴定意见（副本）.pdf')).json()
    const other = await upload(caseB, 'application/pdf', bytes, '鉴定意见.pdf')
    expect(other.statusCode).toBe(201)
    expect(again.id).toBe(first.id)
    expect(other.json().id).not.toBe(first.id)
    expect(await count('documents')).toBe(docs0 + 2)
    expect(await count('document_blobs')).toBe(blobs0 + 1)
    const blob = await api.db.db.selectFrom('document_blobs').selectAll().where('sha256', '=', sha256(bytes)).executeTakeFirstOrThrow()
    expect(blob.content.equals(bytes)).toBe(true)
    expect(blob.size).toBe(bytes.length)
    // The rows name the blob by its hash and keep no bytes of their own.
    const rows = await api.db.db.selectFrom('documents').select(['sha256', 'content']).where('sha256', '=', sha256(bytes)).execute()
    expect(rows).toEqual([{ sha256: sha256(bytes), content: null }, { sha256: sha256(bytes), content: null }])
    const read = await api.app.inject({ method: 'GET', url: `/v1/cases/${caseB}/documents/${other.json().id}`, headers: api.as(OFFICER) })
    expect(read.rawPayload.equals(bytes)).toBe(true)
  })

  it('refuses with 415 bytes that are not what they are declared to be, and types not accepted, storing nothing', async () => {
    const [docs0, blobs0] = [await count('documents'), await count('document_blobs')]
    const refused: Array<[string, Buffer, RegExp]> = [
      ['image/png', PDF, /^the content is a PDF document, not a PNG image as declared/],
      ['application/pdf', EXE, /^the content is a Windows executable, not a PDF document/],
      ['text/plain', HTML, /^the content is an HTML page, not plain UTF-8 text/],
      ['text/plain', SVG, /^the content is an SVG image/],
      [DOCX_TYPE, DOCM, /^the content is a macro-enabled Office document/],
      ['image/jpeg', PNG, /^the content is a PNG image, not a JPEG image/],
      ['text/html', HTML, /^media type "text\/html" is not accepted for documents/],
      ['image/svg+xml', SVG, /^media type "image\/svg\+xml" is not accepted/],
      ['application/x-msdownload', EXE, /is not accepted for documents/],
      ['application/zip', DOCX, /is not accepted for documents/],
    ]
    for (const [declared, bytes, detail] of refused) {
      const res = await upload(caseA, declared, bytes)
      expect(res.statusCode, `${declared}: ${res.body}`).toBe(415)
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringMatching(detail), detail_zh: expect.any(String) })
    }
    expect(await count('documents')).toBe(docs0)
    expect(await count('document_blobs')).toBe(blobs0)
  })

  it('refuses a file over 10 MiB with 413 and a body over the route limit with 413, naming the limits', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1 - PDF.length, 0x20)])
    const res = await upload(caseA, 'application/pdf', big)
    expect(res.statusCode).toBe(413)
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', detail: `the document has ${MAX_UPLOAD_BYTES + 1} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes (10 MiB)` })
    const huge = await upload(caseA, 'application/pdf', 'A'.repeat(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 8192))
    expect(huge.statusCode).toBe(413)
    expect(huge.json().detail).toMatch(/is over the limit of \d+ bytes \(13\.3 MiB\) for POST \/v1\/cases\/:id\/documents$/)
    const empty = await upload(caseA, 'application/pdf', '')
    expect(empty.statusCode).toBe(400)
  })

  it('refuses base64 that is not, and names with path separators, control or bidi characters', async () => {
    for (const content of ['%%%%', 'QUJD=', 'QU JD', 'QUJD\n']) expect((await upload(caseA, 'application/pdf', content)).statusCode, content).toBe(400)
    for (const name of ['../../etc/passwd', 'a\\b.pdf', 'x\u0000.pdf', 'fdp.\u202eexe', 'tab\t.pdf']) expect((await upload(caseA, 'application/pdf', PDF, name)).statusCode, name).toBe(400)
  })

  it('refuses an outsider before looking at the bytes', async () => {
    const res = await upload(caseA, 'text/html', HTML, 'x.html', 'msa-370100.officer1')
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('FORBIDDEN')
  })

  it('keeps rendered documents by hash too, and the database refuses bytes that do not match their hash', async () => {
    const mediator = 'msa-410300.officer1'
    const opened = await api.app.inject({
      method: 'POST', url: '/v1/cases', headers: api.as(mediator),
      payload: { procedure: 'judicial-confirmation', payload: { mode: 'administrative', parties: { applicant1: 'party-410305-1', applicant2: 'party-410305-2' }, dispute: { subjectType: 'designPatent', matter: 'damages', summary: '外观设计专利侵权赔偿调解' }, request: { text: '请求就赔偿数额进行调解', mediationRequested: true } } },
    })
    expect(opened.statusCode, opened.body).toBe(201)
    const withContent = await sql<{ n: number }>`select count(*)::int as n from documents where content is not null`.execute(api.db.db)
    expect(withContent.rows[0]!.n).toBe(0)
    const orphans = await sql<{ n: number }>`select count(*)::int as n from documents d where not exists (select 1 from document_blobs b where b.sha256 = d.sha256 and encode(sha256(b.content), 'hex') = d.sha256)`.execute(api.db.db)
    expect(orphans.rows[0]!.n).toBe(0)

    const lie = sql`insert into documents (case_id, kind, name, sha256, size, media_type, content, uploaded_by) values (${caseA}, 'evidence', 'x', ${'0'.repeat(64)}, 3, 'text/plain', ${Buffer.from('abc')}, 'test')`
    await expect(lie.execute(api.db.db)).rejects.toThrow(/does not hash to its sha256/)
    await expect(sql`update document_blobs set content = ${Buffer.from('tampered')}`.execute(api.db.db)).rejects.toThrow(/never change/)
  })
})
