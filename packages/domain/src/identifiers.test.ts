import { describe, expect, it } from 'vitest'
import {
  creditCodeCheckChar,
  creditCodeProblem,
  divisionPrefix,
  divisionWithin,
  enclosingDivisions,
  isValidCreditCode,
  isValidDivisionCode,
  isValidResidentId,
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
