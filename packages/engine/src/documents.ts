// Documents of a case: the ones the machine renders (agreement, notices, rulings), stored by
// the event that produced them, and the files participants upload. Each is kept with its
// SHA-256, which events cite; reading follows the case's read rules.
import type { Kysely } from 'kysely'
import { AppError, type Actor } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import type { Clock } from './types.ts'
import { sha256Hex } from './canonical.ts'
import { isParticipant } from './policy.ts'
import { authorizeReadLogged } from './views.ts'

export interface DocumentView {
  id: string
  caseId: string
  kind: string
  name: string
  mediaType: string
  sha256: string
  size: number
  /** The event that rendered it; null for an upload. */
  seq: number | null
  uploadedBy: string
  uploadedAt: string
}

export interface DocumentContent extends DocumentView {
  content: Buffer
}

export interface UploadInput {
  kind: string
  name: string
  mediaType: string
  content: Buffer
}

/** Largest file a participant may upload (the api's body limit allows for base64). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** Media types accepted for uploads, with the leading bytes that must match (type sniffing). */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'text/plain': (b) => isUtf8Text(b),
}

function isUtf8Text(b: Buffer): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(b)
    // Control characters other than tab, line feed and carriage return mark a binary file.
    return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)
  } catch {
    return false
  }
}

interface Row {
  id: string
  case_id: string
  kind: string
  name: string
  media_type: string
  sha256: string
  size: number
  seq: number | null
  uploaded_by: string
  uploaded_at: unknown
}

function view(r: Row): DocumentView {
  return {
    id: String(r.id),
    caseId: r.case_id,
    kind: r.kind,
    name: r.name,
    mediaType: r.media_type,
    sha256: r.sha256,
    size: r.size,
    seq: r.seq ?? null,
    uploadedBy: r.uploaded_by,
    uploadedAt: new Date(r.uploaded_at as Date | string).toISOString(),
  }
}

export function createDocuments(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db } = deps

  async function caseRow(caseId: string) {
    const row = await db.selectFrom('cases').select(['id', 'parties', 'jurisdiction', 'status']).where('id', '=', caseId).executeTakeFirst()
    if (!row) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
    return row
  }

  async function list(caseId: string, actor: Actor): Promise<DocumentView[]> {
    await authorizeReadLogged(deps, actor, await caseRow(caseId), 'documents')
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'case_id', 'kind', 'name', 'media_type', 'sha256', 'size', 'seq', 'uploaded_by', 'uploaded_at'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute()
    return rows.map(view)
  }

  async function read(caseId: string, documentId: string, actor: Actor): Promise<DocumentContent> {
    const wellFormed = /^\d{1,18}$/.test(documentId)
    await authorizeReadLogged(deps, actor, await caseRow(caseId), wellFormed ? `document:${documentId}` : 'document:(malformed id)')
    if (!wellFormed) throw new AppError('NOT_FOUND', `document ${documentId} not found`)
    const row = await db.selectFrom('documents').selectAll().where('case_id', '=', caseId).where('id', '=', documentId).executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `document ${documentId} of case ${caseId} not found`)
    return { ...view(row), content: row.content }
  }

  /** A participant of an open case adds a file; it is stored by content hash and sniffed. */
  async function upload(caseId: string, input: UploadInput, actor: Actor): Promise<DocumentView> {
    const row = await caseRow(caseId)
    if (!isParticipant(actor, row)) {
      throw new AppError('FORBIDDEN', `actor ${actor.userId} takes no part in case ${caseId} and may not add documents`, { details: { messageZh: '只有本案当事方可以提交材料' } })
    }
    if (row.status === 'closed') throw new AppError('WRONG_STATE', `case ${caseId} is closed`, { details: { messageZh: '案件已办结，不能再提交材料' } })
    if (input.content.length === 0 || input.content.length > MAX_UPLOAD_BYTES) {
      throw new AppError('VALIDATION_FAILED', `a document must hold 1 to ${MAX_UPLOAD_BYTES} bytes, not ${input.content.length}`, {
        details: { fields: [{ path: '/body/contentBase64', message: 'size' }], messageZh: '文件为空或超过10MB' },
      })
    }
    const sniff = MAGIC[input.mediaType]
    if (!sniff || !sniff(input.content)) {
      throw new AppError('VALIDATION_FAILED', `the content is not a ${input.mediaType} file (accepted: ${Object.keys(MAGIC).join(', ')})`, {
        details: { fields: [{ path: '/body/mediaType', message: 'content does not match' }], messageZh: '文件内容与声明的类型不符' },
      })
    }
    const sha256 = sha256Hex(input.content)
    // The same file uploaded twice to one case is the same document.
    const existing = await db.selectFrom('documents').select(['id', 'case_id', 'kind', 'name', 'media_type', 'sha256', 'size', 'seq', 'uploaded_by', 'uploaded_at'])
      .where('case_id', '=', caseId).where('sha256', '=', sha256).where('seq', 'is', null).executeTakeFirst()
    if (existing) return view(existing)
    const inserted = await db
      .insertInto('documents')
      .values({ case_id: caseId, kind: input.kind, name: input.name, sha256, size: input.content.length, media_type: input.mediaType, content: input.content, uploaded_by: actor.userId })
      .returning(['id', 'case_id', 'kind', 'name', 'media_type', 'sha256', 'size', 'seq', 'uploaded_by', 'uploaded_at'])
      .executeTakeFirstOrThrow()
    return view(inserted)
  }

  return { list, read, upload }
}
