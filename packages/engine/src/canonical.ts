import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

/**
 * Canonical JSON: object keys sorted, no whitespace, Dates as ISO strings, undefined
 * dropped (as JSON does). The same value always gives the same bytes, so the hash of an
 * event does not depend on key order in jsonb.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function sha256Hex(data: string | Uint8Array): string {
  return typeof data === 'string' ? createHash('sha256').update(data, 'utf8').digest('hex') : createHash('sha256').update(data).digest('hex')
}

/** The fields of an event that its hash covers (everything but the hash itself). */
export interface HashedEvent {
  caseId: string
  seq: number
  type: string
  actorId: string
  agencyId: string
  payload: unknown
  facts: unknown
  occurredAt: string
  stateBefore: string[]
  stateAfter: string[]
  prevHash: string
}

export function eventHash(e: HashedEvent): string {
  return sha256Hex(canonicalJson(e))
}
