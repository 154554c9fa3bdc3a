import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { AppError } from '@xianjie/domain'

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: true })
// ajv-formats is CommonJS with a default export; under ESM it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv) => Ajv
addFormats(ajv)
const cache = new WeakMap<object, ValidateFunction>()

/**
 * Validates a payload against its JSON Schema and returns a copy with the schema's defaults
 * filled in (the caller's object is never changed); throws VALIDATION_FAILED naming every
 * field at fault.
 */
export function validatePayload<T>(schema: Record<string, unknown>, payload: T, what: string): T {
  let validate = cache.get(schema)
  if (!validate) {
    validate = ajv.compile(schema)
    cache.set(schema, validate)
  }
  const copy = structuredClone(payload)
  if (validate(copy)) return copy
  const fields = (validate.errors ?? []).map((e) => ({
    path: e.instancePath === '' ? (e.params && 'missingProperty' in e.params ? `/${String(e.params.missingProperty)}` : '/') : e.instancePath,
    message: e.message ?? 'invalid',
  }))
  throw new AppError('VALIDATION_FAILED', `${what}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, {
    details: { fields, messageZh: `提交的内容不符合要求：${fields.map((f) => f.path).join('、')}` },
  })
}
