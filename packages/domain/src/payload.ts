// Building blocks every workflow uses: the JSON Schema pieces of command payloads, the facts
// the engine adds to a payload, and plain-text documents rendered from a case.

import type { AgencyFacts, RenderedDocument } from './procedure.ts'

/** A JSON Schema fragment (the draft 2020-12 subset Ajv and Fastify accept). */
export type Schema = Record<string, unknown>

/** A closed object: unknown fields are refused, not dropped. */
export function object(properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema {
  return { type: 'object', additionalProperties: false, properties, required, ...extra }
}

/** A non-empty string of at most `maxLength` characters. */
export const text = (maxLength = 4000, description?: string): Schema => ({ type: 'string', minLength: 1, maxLength, ...(description ? { description } : {}) })
/** Decisions and refusals state their reasons. */
export const REASONS: Schema = { type: 'string', minLength: 4, maxLength: 4000 }
export const INSTANT: Schema = { type: 'string', format: 'date-time' }
export const DATE: Schema = { type: 'string', format: 'date' }
export const AGENCY_ID: Schema = { type: 'string', minLength: 1, maxLength: 100 }
/** Filled in by the engine (`assigns`); declared so closed schemas accept it. */
export const ENGINE_AGENCIES: Schema = { type: 'object' }
/** Filled in by the engine (`number`); declared so closed schemas accept it. */
export const ENGINE_CASE_NUMBER: Schema = { type: 'string' }

/** The facts of the agencies a command names, as the engine added them (`CommandSpec.assigns`). */
export function agenciesOf(payload: Record<string, any>): Record<string, AgencyFacts> {
  const agencies: unknown = payload['agencies']
  return typeof agencies === 'object' && agencies !== null ? (agencies as Record<string, AgencyFacts>) : {}
}

/** The strings of a payload array (anything else ignored). */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** A field a document must carry; a renderer throws rather than issue an incomplete document. */
export function requiredField<T>(value: T | null | undefined, kind: string, field: string): T {
  if (value === null || value === undefined || value === '') throw new Error(`document ${kind}: ${field} is missing`)
  return value
}

/** A UTF-8 text document: its title, a blank line, then the lines that are not null. */
export function plainTextDocument(kind: string, title: string, lines: Array<string | null>): RenderedDocument {
  return { name: `${kind}.txt`, mediaType: 'text/plain; charset=utf-8', text: [title, '', ...lines.filter((line): line is string => line !== null)].join('\n') + '\n' }
}
