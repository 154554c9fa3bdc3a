// The case page's calls that are more than a JSON GET: commands with If-Match and a fresh
// Idempotency-Key, uploads as base64, and files fetched with the bearer token (the report
// page, the CSV, documents) handed to the browser as blob URLs.
import { api, ApiError, toProblem } from '../api.ts'
import type { DocumentRef } from './schema.ts'
import type { CommandResult, DocumentView } from './types.ts'

/** An Idempotency-Key; randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function sendCommand(caseId: string, version: number, type: string, payload: Record<string, unknown>): Promise<CommandResult> {
  return api.post<CommandResult>(`/v1/cases/${encodeURIComponent(caseId)}/commands`, { type, payload }, {
    'If-Match': `"${version}"`,
    'Idempotency-Key': newIdempotencyKey(),
  })
}

/** The largest upload the API takes (engine MAX_UPLOAD_BYTES). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** Media types the API accepts for uploads (engine UPLOAD_MEDIA_TYPES); the rest are refused with 415. */
export const UPLOAD_ACCEPT = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
  '.pdf', '.png', '.jpg', '.jpeg', '.gif', '.webp', '.docx', '.xlsx', '.txt',
].join(',')

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
}

/** The media type to declare: the browser's guess, else the extension's. */
function mediaTypeOf(file: File): string {
  if (file.type !== '') return file.type
  return BY_EXTENSION[file.name.split('.').at(-1)?.toLowerCase() ?? ''] ?? 'application/octet-stream'
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'))
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}

/** A client-side refusal in the API's problem form, so ProblemMessage shows it the same way. */
function refusal(code: string, zh: string, en: string): ApiError {
  return new ApiError({ type: 'about:blank', title: en, status: 0, detail: en, detail_zh: zh, code })
}

export async function uploadDocument(caseId: string, kind: string, file: File): Promise<DocumentView> {
  if (file.size > MAX_UPLOAD_BYTES) throw refusal('PAYLOAD_TOO_LARGE', `文件 ${file.name} 超过 10 MiB`, `${file.name} is larger than 10 MiB`)
  if (file.size === 0) throw refusal('VALIDATION_FAILED', `文件 ${file.name} 是空文件`, `${file.name} is empty`)
  const safeKind = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/.test(kind) ? kind : 'attachment'
  return api.post<DocumentView>(`/v1/cases/${encodeURIComponent(caseId)}/documents`, {
    kind: safeKind,
    name: file.name.slice(0, 200),
    mediaType: mediaTypeOf(file),
    contentBase64: await base64Of(file),
  })
}

/** Stores a file with the case and answers the reference a command payload cites. */
export async function storeForCommand(caseId: string, file: File, kind: string): Promise<DocumentRef> {
  const doc = await uploadDocument(caseId, kind, file)
  return { name: doc.name, sha256: doc.sha256, kind }
}

/** A GET that needs the bearer token, as a Blob; a problem answer becomes an ApiError. */
export async function fetchBlob(path: string): Promise<Blob> {
  const response = await api.raw(path, { headers: { Accept: '*/*' } })
  if (response.ok) return response.blob()
  throw new ApiError(await toProblem(response))
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/**
 * Opens a blob in a new tab. Returns its URL when the browser blocked the window, so the page
 * can offer a link instead.
 */
export function openBlob(blob: Blob): string | null {
  const url = URL.createObjectURL(blob)
  const opened = window.open(url, '_blank')
  if (opened) {
    setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000)
    return null
  }
  return url
}
