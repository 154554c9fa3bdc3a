// Uploading a file to a case: base64 in JSON (POST /v1/cases/:id/documents), stored by SHA-256.
import { api } from './api.ts'

export interface UploadedDocument {
  id: string
  caseId: string
  kind: string
  name: string
  mediaType: string
  sha256: string
  size: number
}

/** Media types by extension, for files the browser gives no type (the API sniffs the bytes anyway). */
const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', txt: 'text/plain',
}

export function mediaTypeOf(file: File): string {
  if (file.type) return file.type
  const extension = file.name.split('.').pop()?.toLowerCase() ?? ''
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  // Chunked: String.fromCharCode with a 10 MB spread overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export async function uploadDocument(caseId: string, kind: string, file: File): Promise<UploadedDocument> {
  return api.post<UploadedDocument>(`/v1/cases/${caseId}/documents`, {
    kind,
    name: file.name,
    mediaType: mediaTypeOf(file),
    contentBase64: await fileToBase64(file),
  })
}

/** A key for Idempotency-Key: one per form, so a double submit opens one case. */
export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`
}
