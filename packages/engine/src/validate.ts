import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { AppError, IDENTIFIER_FORMATS, type IdentifierFormat } from '@xianjie/domain'

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true })
// ajv-formats is CommonJS with a default export; under ESM it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv
addFormats(ajv)
// Chinese identifiers a payload schema may name as a format: `{ format: 'credit-code' }`.
for (const [name, problem] of Object.entries(IDENTIFIER_FORMATS)) {
  ajv.addFormat(name, { type: 'string', validate: (value: string) => problem(value) === null })
}
const cache = new WeakMap<object, ValidateFunction>()

/** At most this many faults are listed; a hostile payload can have thousands. */
const MAX_FIELDS = 20

/** The value at a JSON Pointer of `data`, or undefined. */
function at(data: unknown, pointer: string): unknown {
  let cur = data
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** Ajv's message, or for an identifier format what exactly is wrong with the value. */
function explain(e: ErrorObject, data: unknown): { message: string; messageZh?: string } {
  const format = e.keyword === 'format' ? String(e.params.format) : ''
  if (Object.hasOwn(IDENTIFIER_FORMATS, format)) {
    const value = at(data, e.instancePath)
    const problem = typeof value === 'string' ? IDENTIFIER_FORMATS[format as IdentifierFormat](value) : null
    if (problem) return { message: problem.en, messageZh: problem.zh }
  }
  if (e.keyword === 'additionalProperties') return { message: 'is not a field of this payload' }
  if (e.keyword === 'enum') return { message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` }
  return { message: e.message ?? 'invalid' }
}

/**
 * Validates a payload against its JSON Schema and returns a copy with the schema's defaults
 * filled in (the caller's object is never changed); throws VALIDATION_FAILED naming every
 * field at fault (the first twenty).
 */
export function validatePayload<T>(schema: Record<string, unknown>, payload: T, what: string): T {
  let validate = cache.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    cache.set(schema, validate)
  }
  const copy = structuredClone(payload)
  if (validate(copy)) return copy
  const errors = validate.errors ?? []
  const explained = errors.slice(0, MAX_FIELDS).map((e) => {
    const named = e.keyword === 'required' ? e.params.missingProperty : e.keyword === 'additionalProperties' ? e.params.additionalProperty : undefined
    const path = `${e.instancePath}${named === undefined ? '' : `/${String(named).replaceAll('~', '~0').replaceAll('/', '~1')}`}` || '/'
    return { path, ...explain(e, copy) }
  })
  const fields = explained.map((f) => ({ path: f.path, message: f.message }))
  const more = errors.length > MAX_FIELDS ? ` (and ${errors.length - MAX_FIELDS} more)` : ''
  const zh = explained.flatMap((f) => (f.messageZh ? [f.messageZh] : []))
  throw new AppError('VALIDATION_FAILED', `${what}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}${more}`, {
    details: { fields, messageZh: zh.length > 0 ? zh.join('；') : `提交的内容不符合要求：${fields.map((f) => f.path).join('、')}` },
  })
}
