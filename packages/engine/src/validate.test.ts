import { describe, expect, it } from 'vitest'
import { isAppError, type AppError } from '@xianjie/domain'
import { CREDIT_CODE_SCHEMA, DIVISION_CODE_SCHEMA, object, RESIDENT_ID_SCHEMA } from '@xianjie/domain'
import { validatePayload } from './validate.ts'

const schema = object({ subject: CREDIT_CODE_SCHEMA, person: RESIDENT_ID_SCHEMA, division: DIVISION_CODE_SCHEMA, note: { type: 'string', maxLength: 10 } }, ['note'])

function refusal(payload: unknown): AppError {
  try {
    validatePayload(schema, payload, 'payload of TEST')
  } catch (err) {
    if (isAppError(err)) return err
    throw err
  }
  throw new Error('expected a refusal')
}

describe('payload validation', () => {
  it('checks Chinese identifiers named as formats and says what is wrong with each', () => {
    expect(validatePayload(schema, { subject: '91620402MA0000001U', person: '11010519491231002X', division: '620402', note: 'x' }, 'p')).toBeTruthy()
    const err = refusal({ subject: '91620402MA0000001X', person: '110105194912310021', division: '990000', note: 'x' })
    expect(err.code).toBe('VALIDATION_FAILED')
    expect(err.details.fields).toEqual([
      { path: '/subject', message: 'the check character is X but the first 17 characters give U (GB 32100-2015)' },
      { path: '/person', message: 'the check character is 1 but the first 17 digits give X (GB 11643-1999)' },
      { path: '/division', message: 'division code 990000 names no province: its first two digits must be 11 to 82 (GB/T 2260)' },
    ])
    expect(err.message).toContain('payload of TEST: /subject the check character is X')
    expect(err.details.messageZh).toContain('校验码错误：第18位应为U，实际为X')
  })

  it('names a missing field and an unknown one by their own paths', () => {
    const err = refusal({ extra: 1 })
    expect(err.details.fields).toEqual(expect.arrayContaining([
      { path: '/note', message: "must have required property 'note'" },
      { path: '/extra', message: 'is not a field of this payload' },
    ]))
  })

  it('lists at most twenty faults of a hostile payload, and says how many more', () => {
    const payload: Record<string, unknown> = { note: 'x' }
    for (let i = 0; i < 500; i++) payload[`f${i}`] = i
    const err = refusal(payload)
    expect(err.details.fields).toHaveLength(20)
    expect(err.message).toMatch(/\(and 480 more\)$/)
  })

  it('never changes the caller\'s object', () => {
    const payload = { note: 'x' }
    const withDefaults = validatePayload(object({ note: { type: 'string' }, flag: { type: 'boolean', default: true } }), payload, 'p')
    expect(withDefaults).toEqual({ note: 'x', flag: true })
    expect(payload).toEqual({ note: 'x' })
  })
})
