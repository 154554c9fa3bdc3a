import { describe, expect, it } from 'vitest'
import {
  creditCodeCheckChar,
  creditCodeProblem,
  divisionCodeProblem,
  divisionPrefix,
  divisionWithin,
  enclosingDivisions,
  isValidCreditCode,
  isValidDivisionCode,
  isValidResidentId,
  IDENTIFIER_FORMATS,
  residentIdProblem,
} from './identifiers.ts'

// Check characters computed by hand from GB 32100-2015: weights 1, 3, 9, …; check = 31 − (Σ mod 31).
// '1' then zeros: Σ = 1 → 30 → 'Y'; '01' then zeros: Σ = 3 → 28 → 'W'.
const SAMR = '10000000000000000Y'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts a valid code and computes its check character', () => {
    expect(isValidCreditCode(SAMR)).toBe(true)
    expect(creditCodeCheckChar(SAMR.slice(0, 17))).toBe('Y')
    expect(creditCodeCheckChar('01000000000000000')).toBe('W')
    expect(creditCodeProblem(SAMR)).toBeNull()
  })

  it('writes a check value of 31 as 0', () => {
    // Find a 17-character prefix whose weighted sum is 0 mod 31: its check character is 0.
    const prefix = '00000000000000000'
    expect(creditCodeCheckChar(prefix)).toBe('0')
    expect(isValidCreditCode(`${prefix}0`)).toBe(true)
  })

  it('says what is wrong: the length, a character outside the set, the check character', () => {
    expect(creditCodeProblem('91620402MA000001')?.en).toBe('a unified social credit code has 18 characters, this one has 16')
    expect(creditCodeProblem('91620402MA000001')?.zh).toContain('18位')
    const withO = `${SAMR.slice(0, 10)}O${SAMR.slice(11)}`
    expect(creditCodeProblem(withO)?.en).toContain('character 11 ("O") is not allowed')
    expect(creditCodeProblem('91620402ma00000017')?.en).toContain('character 9 ("m") is not allowed')
    const wrongCheck = `${SAMR.slice(0, 17)}N`
    expect(creditCodeProblem(wrongCheck)?.en).toBe('the check character is N but the first 17 characters give Y (GB 32100-2015)')
    expect(isValidCreditCode(wrongCheck)).toBe(false)
  })
})

describe('other identifiers', () => {
  it('checks a resident id (ISO 7064 MOD 11-2 and the birth date)', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true)
    expect(isValidResidentId('110105194912310021')).toBe(false)
    expect(isValidResidentId('11010519490231002X')).toBe(false)
  })

  it('checks a division code', () => {
    expect(isValidDivisionCode('620402')).toBe(true)
    expect(isValidDivisionCode('6204')).toBe(false)
  })

  it('gives the prefix of a jurisdiction that agrees with divisionWithin, and the enclosing divisions', () => {
    const codes = ['620000', '620400', '620402', '620500', '410305', '410300']
    for (const scope of codes) {
      for (const division of codes) expect(division.startsWith(divisionPrefix(scope)), `${division} in ${scope}`).toBe(divisionWithin(division, scope))
    }
    expect(enclosingDivisions('410305')).toEqual(['410305', '410300', '410000'])
    expect(enclosingDivisions('620400')).toEqual(['620400', '620000'])
  })
})

describe('what is wrong with an identifier', () => {
  it('names the fault of a resident identity number: length, a character, the birth date, the check digit', () => {
    expect(residentIdProblem('11010519491231002X')).toBeNull()
    expect(residentIdProblem('1101051949123100')?.en).toBe('a resident identity number has 18 characters, this one has 16')
    expect(residentIdProblem('11010519491231002x')?.en).toContain('character 18 ("x") is not allowed')
    expect(residentIdProblem('1101051949123X002X')?.en).toContain('character 14 ("X") is not allowed')
    expect(residentIdProblem('11010519490231002X')?.en).toBe('the birth date (digits 7–14) is not a real date from 1900 on')
    expect(JSON.stringify(residentIdProblem('11010519490231002X'))).not.toContain('19490231')
    expect(residentIdProblem('110105194912310021')).toEqual({ en: 'the check character is 1 but the first 17 digits give X (GB 11643-1999)', zh: '校验码错误：第18位应为X，实际为1' })
  })

  it('agrees with isValidResidentId on any 18 characters', () => {
    for (const id of ['11010519491231002X', '110105194912310021', '11010519490231002X', '440524188001010014', '440524200001010014']) {
      expect(residentIdProblem(id) === null, id).toBe(isValidResidentId(id))
    }
  })

  it('names the fault of a division code', () => {
    expect(divisionCodeProblem('620402')).toBeNull()
    expect(divisionCodeProblem('6204')?.en).toBe('a division code is six digits (GB/T 2260), not "6204"')
    expect(divisionCodeProblem('990000')?.en).toBe('division code 990000 names no province: its first two digits must be 11 to 82 (GB/T 2260)')
  })

  it('offers every check as a payload format', () => {
    expect(Object.keys(IDENTIFIER_FORMATS).sort()).toEqual(['credit-code', 'division-code', 'resident-id'])
    expect(IDENTIFIER_FORMATS['credit-code'](SAMR)).toBeNull()
    expect(IDENTIFIER_FORMATS['resident-id']('110105194912310021')).not.toBeNull()
  })
})
