// Documents of a case: the ones the machine renders (agreement, notices, rulings), stored by
// the event that produced them, and the files participants upload. Each is kept with its
// SHA-256, which events cite; reading follows the case's read rules.
import type { Kysely } from 'kysely'
import { AppError, type Actor } from '@xianjie/domain'
import type { Database } from '@xianjie/db'
import type { Clock } from './types.ts'
import { sha256Hex } from './canonical.ts'
import { isParticipant } from './policy.ts'
import { authorizeReadLogged, mayRead } from './views.ts'

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

/**
 * Media types accepted for uploads, each with what it is called in messages. Everything else
 * is refused: HTML, SVG and XML (they run scripts in a browser), executables and scripts,
 * archives, legacy Office files and macro-enabled ones.
 */
export const UPLOAD_MEDIA_TYPES = {
  'application/pdf': 'a PDF document',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/gif': 'a GIF image',
  'image/webp': 'a WebP image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'a Word document (.docx)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'an Excel workbook (.xlsx)',
  'text/plain': 'plain UTF-8 text',
} as const

export type UploadMediaType = keyof typeof UPLOAD_MEDIA_TYPES

/** What the bytes are: an accepted media type, or null with what was recognised instead. */
export interface Sniffed {
  mediaType: UploadMediaType | null
  /** e.g. `a PNG image`, `an HTML page`, `a Windows executable`, `unrecognised binary data`. */
  what: string
}

const startsWith = (b: Uint8Array, bytes: number[], at = 0): boolean => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x)
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0))

/** Signatures of files that are never accepted, checked before anything else. */
const REFUSED_SIGNATURES: Array<{ bytes: number[]; at?: number; what: string }> = [
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xce], what: 'a Mach-O executable' },
  { bytes: [0xfe, 0xed, 0xfa, 0xcf], what: 'a Mach-O executable' },
  { bytes: [0xce, 0xfa, 0xed, 0xfe], what: 'a Mach-O executable' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a Mach-O executable' },
  { bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a Java class or Mach-O universal binary' },
  { bytes: ascii('#!'), what: 'a script' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'a legacy Office file (.doc/.xls, may carry macros)' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
  { bytes: ascii('Rar!'), what: 'a RAR archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
]

/**
 * The media type of `bytes` from their content alone (magic bytes, the ZIP directory of an
 * Office file, a strict UTF-8 decode for text), never from a name or a declared type.
 * Total: any input gives an answer, none throws.
 */
export function sniffMediaType(bytes: Uint8Array): Sniffed {
  const b = bytes
  // A DOS/Windows executable: MZ and a binary header (text never holds NUL, so a note that
  // happens to begin with "MZ" is still text).
  if (startsWith(b, ascii('MZ')) && b.subarray(0, 64).includes(0)) return { mediaType: null, what: 'a Windows executable' }
  for (const sig of REFUSED_SIGNATURES) if (startsWith(b, sig.bytes, sig.at ?? 0)) return { mediaType: null, what: sig.what }
  if (startsWith(b, ascii('%PDF-'))) return known('application/pdf')
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) && startsWith(b, ascii('IHDR'), 12)) return known('image/png')
  if (startsWith(b, [0xff, 0xd8, 0xff])) return known('image/jpeg')
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return known('image/gif')
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBPVP8'), 8)) return known('image/webp')
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b)
  return sniffText(b)
}

function known(mediaType: UploadMediaType): Sniffed {
  return { mediaType, what: UPLOAD_MEDIA_TYPES[mediaType] }
}

/** An Office Open XML file is a ZIP whose directory names its parts; macros live in vbaProject.bin. */
function sniffZip(b: Uint8Array): Sniffed {
  const names = zipEntryNames(b)
  if (names === null) return { mediaType: null, what: 'a damaged ZIP archive' }
  const has = (name: string) => names.includes(name)
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { mediaType: null, what: 'a macro-enabled Office document' }
  if (has('[Content_Types].xml') && has('word/document.xml')) return known('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  if (has('[Content_Types].xml') && has('xl/workbook.xml')) return known('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  return { mediaType: null, what: 'a ZIP archive' }
}

/**
 * The entry names of a ZIP file's central directory, or null when the directory is missing
 * or does not fit the file. Reads only within bounds; never inflates anything.
 */
export function zipEntryNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  // End of central directory: 22 bytes plus a comment of up to 65535, at the end of the file.
  let eocd = -1
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = view.getUint16(eocd + 10, true)
  const size = view.getUint32(eocd + 12, true)
  const offset = view.getUint32(eocd + 16, true)
  if (offset + size > eocd || count === 0xffff || offset === 0xffffffff) return null // ZIP64 or out of bounds
  const names: string[] = []
  const decoder = new TextDecoder('utf-8')
  let p = offset
  for (let n = 0; n < count; n++) {
    if (p + 46 > offset + size || view.getUint32(p, true) !== 0x02014b50) return null
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    if (p + 46 + nameLength > offset + size) return null
    names.push(decoder.decode(b.subarray(p + 46, p + 46 + nameLength)))
    p += 46 + nameLength + extraLength + commentLength
  }
  return names
}

/** Markup a browser would render as a page or run scripts from (WHATWG MIME sniffing, HTML and XML). */
const MARKUP = /^(?:<!doctype\s+html|<html|<head|<body|<script|<iframe|<frameset|<object|<embed|<style|<title|<meta|<link|<svg|<\?xml|<!--|<a[\s>]|<b[\s>]|<p[\s>]|<br|<div|<font|<h1|<table|<img|<math|<form)/i

function sniffText(b: Uint8Array): Sniffed {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b)
  } catch {
    return { mediaType: null, what: 'unrecognised binary data' }
  }
  // Control characters other than tab, line feed, form feed and carriage return mark a binary file.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return { mediaType: null, what: 'unrecognised binary data' }
  const head = text.replace(/^[\s\ufeff]+/, '')
  if (MARKUP.test(head)) {
    const what = /^<svg|^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+svg|<svg)/i.test(head) ? 'an SVG image' : /^<\?xml/i.test(head) ? 'an XML document' : 'an HTML page'
    return { mediaType: null, what }
  }
  return known('text/plain')
}

/** `Text/Plain; charset=UTF-8` → `text/plain` and its charset (lower case), or null when malformed. */
function parseMediaType(declared: string): { type: string; charset: string | null } | null {
  const m = /^\s*([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)\s*((?:;\s*[a-z0-9!#$&^_.+-]+\s*=\s*(?:[a-z0-9!#$&^_.+-]+|"[^"]*")\s*)*)$/i.exec(declared)
  if (!m) return null
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(m[2] ?? '')
  return { type: m[1]!.toLowerCase(), charset: charset ? charset[1]!.toLowerCase() : null }
}

/**
 * Checks an upload's bytes against its declared media type and the allow-list; returns the
 * media type to store (text gets its charset). Throws 413 over the size limit, 400 when
 * empty, 415 for a type not on the list or bytes that are something else.
 */
export function checkUpload(declared: string, content: Uint8Array): string {
  if (content.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'the document is empty (0 bytes)', { details: { fields: [{ path: '/body/contentBase64', message: 'is empty' }], messageZh: '文件为空' } })
  }
  if (content.length > MAX_UPLOAD_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `the document has ${content.length} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes (10 MiB)`, {
      details: { fields: [{ path: '/body/contentBase64', message: 'over 10 MiB' }], messageZh: '文件超过10MB上限', limit: MAX_UPLOAD_BYTES },
    })
  }
  const accepted = Object.keys(UPLOAD_MEDIA_TYPES).join(', ')
  const parsed = parseMediaType(declared)
  if (parsed === null || !Object.hasOwn(UPLOAD_MEDIA_TYPES, parsed.type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `media type ${JSON.stringify(declared.slice(0, 100))} is not accepted for documents (accepted: ${accepted})`, {
      details: { fields: [{ path: '/body/mediaType', message: 'not an accepted type' }], messageZh: `不接受该文件类型；可接受：PDF、PNG、JPEG、GIF、WebP、Word（.docx）、Excel（.xlsx）、纯文本（UTF-8）`, accepted: Object.keys(UPLOAD_MEDIA_TYPES) },
    })
  }
  const type = parsed.type as UploadMediaType
  if (type === 'text/plain' && parsed.charset !== null && parsed.charset !== 'utf-8' && parsed.charset !== 'us-ascii') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `text must be UTF-8, not charset ${parsed.charset}`, {
      details: { fields: [{ path: '/body/mediaType', message: 'charset must be utf-8' }], messageZh: '纯文本文件须为UTF-8编码' },
    })
  }
  const sniffed = sniffMediaType(content)
  if (sniffed.mediaType !== type) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `the content is ${sniffed.what}, not ${UPLOAD_MEDIA_TYPES[type]} as declared (${type})${sniffed.mediaType === null ? '; that kind of file is not accepted' : ''}`, {
      details: { fields: [{ path: '/body/contentBase64', message: `is ${sniffed.what}` }], messageZh: '文件内容与声明的类型不符，或该类文件不予接收', sniffed: sniffed.mediaType },
    })
  }
  return type === 'text/plain' ? 'text/plain; charset=utf-8' : type
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
    const row = await db
      .selectFrom('documents as d')
      .leftJoin('document_blobs as b', 'b.sha256', 'd.sha256')
      .select(['d.id', 'd.case_id', 'd.kind', 'd.name', 'd.media_type', 'd.sha256', 'd.size', 'd.seq', 'd.uploaded_by', 'd.uploaded_at', 'd.content', 'b.content as blob'])
      .where('d.case_id', '=', caseId)
      .where('d.id', '=', documentId)
      .executeTakeFirst()
    if (!row) throw new AppError('NOT_FOUND', `document ${documentId} of case ${caseId} not found`)
    const content = row.blob ?? row.content
    if (!content) throw new Error(`document ${documentId} of case ${caseId}: no stored bytes for sha256 ${row.sha256}`)
    return { ...view(row), content }
  }

  /** A participant of an open case adds a file; it is sniffed, then stored by content hash. */
  async function upload(caseId: string, input: UploadInput, actor: Actor): Promise<DocumentView> {
    const row = await caseRow(caseId)
    // A party that reads the case only once it has reached it (the police before dispatch)
    // may not add to it either (policy.ts readAccess).
    if (!isParticipant(actor, row) || !(await mayRead(deps, actor, row))) {
      throw new AppError('FORBIDDEN', `actor ${actor.userId} takes no part in case ${caseId} and may not add documents`, { details: { messageZh: '只有本案当事方可以提交材料' } })
    }
    if (row.status === 'closed') throw new AppError('WRONG_STATE', `case ${caseId} is closed`, { details: { messageZh: '案件已办结，不能再提交材料' } })
    const mediaType = checkUpload(input.mediaType, input.content)
    const sha256 = sha256Hex(input.content)
    // The same file uploaded twice to one case is the same document; its bytes are kept once
    // whichever cases hold it (document_blobs, keyed by the hash).
    const existing = await db.selectFrom('documents').select(['id', 'case_id', 'kind', 'name', 'media_type', 'sha256', 'size', 'seq', 'uploaded_by', 'uploaded_at'])
      .where('case_id', '=', caseId).where('sha256', '=', sha256).where('seq', 'is', null).executeTakeFirst()
    if (existing) return view(existing)
    const inserted = await db
      .insertInto('documents')
      .values({ case_id: caseId, kind: input.kind, name: input.name, sha256, size: input.content.length, media_type: mediaType, content: input.content, uploaded_by: actor.userId })
      .returning(['id', 'case_id', 'kind', 'name', 'media_type', 'sha256', 'size', 'seq', 'uploaded_by', 'uploaded_at'])
      .executeTakeFirstOrThrow()
    return view(inserted)
  }

  return { list, read, upload }
}
