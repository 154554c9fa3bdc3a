// Identifier checks from DOMAIN.md "Identifiers to validate".

const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a mod-31 check character. */
export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

/**
 * Why `code` is not a valid 统一社会信用代码, in English and Chinese, or null when it is.
 * Names the first thing wrong: length, a character outside the code set, the check character.
 */
export function creditCodeProblem(code: string): { en: string; zh: string } | null {
  if (code.length !== 18) {
    return { en: `a unified social credit code has 18 characters, this one has ${code.length}`, zh: `统一社会信用代码应为18位，实际为${code.length}位` }
  }
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_CHARS.includes(code[i]!)) {
      return {
        en: `character ${i + 1} (${JSON.stringify(code[i])}) is not allowed: use 0-9 and A-H, J-N, P, Q, R, T, U, W, X, Y (no I, O, S, V, Z; upper case)`,
        zh: `第${i + 1}位字符“${code[i]}”不合法：只能使用数字和大写字母（不含I、O、S、V、Z）`,
      }
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17))
  if (expected !== code[17]) {
    return { en: `the check character is ${code[17]} but the first 17 characters give ${expected} (GB 32100-2015)`, zh: `校验码错误：第18位应为${expected}，实际为${code[17]}` }
  }
  return null
}

/** Computes the check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** 居民身份证号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check, valid birth date. */
export function isValidResidentId(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && birthDateValid(id) && residentIdCheckChar(id.slice(0, 17)) === id[17]
}

/** Digits 7–14 of a resident id are a real date from 1900 on. */
function birthDateValid(id: string): boolean {
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d
}

/** The ISO 7064 MOD 11-2 check character of a resident id's first 17 digits. */
function residentIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]!
}

/** 行政区划代码 (GB/T 2260): six digits, province part 11–82. */
export function isValidDivisionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false
  const province = Number(code.slice(0, 2))
  return province >= 11 && province <= 82
}

/**
 * Why `id` is not a valid 居民身份证号码, in English and Chinese, or null when it is. Names the
 * first thing wrong: length, a character, the birth date, the check character.
 */
export function residentIdProblem(id: string): { en: string; zh: string } | null {
  if (id.length !== 18) {
    return { en: `a resident identity number has 18 characters, this one has ${id.length}`, zh: `公民身份号码应为18位，实际为${id.length}位` }
  }
  for (let i = 0; i < 18; i++) {
    const c = id[i]!
    if (!(c >= '0' && c <= '9') && !(i === 17 && c === 'X')) {
      return {
        en: `character ${i + 1} (${JSON.stringify(c)}) is not allowed: the first 17 are digits, the last a digit or X (upper case)`,
        zh: `第${i + 1}位字符“${c}”不合法：前17位为数字，第18位为数字或大写X`,
      }
    }
  }
  if (!birthDateValid(id)) {
    // The digits are part of the number: never echoed.
    return { en: 'the birth date (digits 7–14) is not a real date from 1900 on', zh: '出生日期码（第7至14位）不是有效日期' }
  }
  const expected = residentIdCheckChar(id.slice(0, 17))
  if (expected !== id[17]) {
    return { en: `the check character is ${id[17]} but the first 17 digits give ${expected} (GB 11643-1999)`, zh: `校验码错误：第18位应为${expected}，实际为${id[17]}` }
  }
  return null
}

/** Why `code` is not a GB/T 2260 division code, in English and Chinese, or null when it is. */
export function divisionCodeProblem(code: string): { en: string; zh: string } | null {
  if (!/^\d{6}$/.test(code)) {
    return { en: `a division code is six digits (GB/T 2260), not ${JSON.stringify(code.length > 20 ? `${code.slice(0, 20)}…` : code)}`, zh: '行政区划代码应为六位数字' }
  }
  if (!isValidDivisionCode(code)) {
    return { en: `division code ${code} names no province: its first two digits must be 11 to 82 (GB/T 2260)`, zh: `行政区划代码${code}的省级代码应在11至82之间` }
  }
  return null
}

/** The identifier kinds payload schemas may name as a JSON Schema `format` (the engine checks them). */
export const IDENTIFIER_FORMATS = {
  /** 统一社会信用代码, GB 32100-2015 check character. */
  'credit-code': creditCodeProblem,
  /** 居民身份证号码, GB 11643-1999 check digit and birth date. */
  'resident-id': residentIdProblem,
  /** 行政区划代码, GB/T 2260. */
  'division-code': divisionCodeProblem,
} as const satisfies Record<string, (value: string) => { en: string; zh: string } | null>

export type IdentifierFormat = keyof typeof IDENTIFIER_FORMATS

/** JSON Schema fragments for payloads: the shape as a pattern, the check as a format. */
export const CREDIT_CODE_SCHEMA = { type: 'string', minLength: 18, maxLength: 18, format: 'credit-code', description: '统一社会信用代码 (GB 32100-2015)' } as const
export const RESIDENT_ID_SCHEMA = { type: 'string', minLength: 18, maxLength: 18, format: 'resident-id', description: '居民身份证号码 (GB 11643-1999)' } as const
export const DIVISION_CODE_SCHEMA = { type: 'string', minLength: 6, maxLength: 6, format: 'division-code', description: '行政区划代码 (GB/T 2260)' } as const

/**
 * True when `division` lies within `scope`: a province (xx0000) covers its cities and
 * counties, a city (xxxx00) covers its districts, a county covers only itself.
 */
export function divisionWithin(division: string, scope: string): boolean {
  if (scope.endsWith('0000')) return division.slice(0, 2) === scope.slice(0, 2)
  if (scope.endsWith('00')) return division.slice(0, 4) === scope.slice(0, 4)
  return division === scope
}

/** What every six-digit code inside `scope` (divisionWithin) starts with: a province's 2 digits, a city's 4, a county's 6; for SQL `like`. */
export function divisionPrefix(scope: string): string {
  return scope.endsWith('0000') ? scope.slice(0, 2) : scope.endsWith('00') ? scope.slice(0, 4) : scope
}

/** A division and the city and province that enclose it, most specific first: 410305 → 410305, 410300, 410000. */
export function enclosingDivisions(division: string): string[] {
  return [...new Set([division, `${division.slice(0, 4)}00`, `${division.slice(0, 2)}0000`])]
}

/** Masks all but the first 6 and last 4 characters of an identity number. */
export function maskResidentId(id: string): string {
  return id.length < 10 ? '*'.repeat(id.length) : id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4)
}
