// 统一社会信用代码 (GB 32100-2015) checked in the browser, so a mistyped code is explained at
// once; the API checks again. Same algorithm as packages/domain/src/identifiers.ts.
import type { Bilingual } from './types.ts'

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

function checkChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CHARS.indexOf(first17[i] as string) * (WEIGHTS[i] as number)
  return CHARS[(31 - (sum % 31)) % 31] as string
}

/** What is wrong with `code`, or null when it is a valid credit code. */
export function creditCodeProblem(code: string): Bilingual | null {
  if (code.length !== 18) {
    return { zh: `统一社会信用代码应为 18 位，您输入了 ${code.length} 位`, en: `A unified social credit code has 18 characters; this one has ${code.length}` }
  }
  for (let i = 0; i < 18; i++) {
    const c = code[i] as string
    if (!CHARS.includes(c)) {
      return {
        zh: `第 ${i + 1} 位字符“${c}”不合法：只能使用数字和大写字母（不含 I、O、S、V、Z）`,
        en: `Character ${i + 1} ("${c}") is not allowed: use 0-9 and A-H, J-N, P, Q, R, T, U, W, X, Y`,
      }
    }
  }
  const expected = checkChar(code.slice(0, 17))
  if (expected !== code[17]) {
    return { zh: `校验码错误：第 18 位应为 ${expected}，您输入的是 ${code[17]}`, en: `Check character is wrong: character 18 should be ${expected}, not ${code[17]}` }
  }
  return null
}
