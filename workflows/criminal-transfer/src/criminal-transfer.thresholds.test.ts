// The prosecution thresholds the 该移不移 model flags by, one boundary each: the figures are
// written out here by hand, so a changed figure in the data fails a test.
import { describe, expect, it } from 'vitest'
import { TRANSFER_THRESHOLDS, thresholdMet } from './criminal-transfer.thresholds.ts'

const threshold = (id: string) => TRANSFER_THRESHOLDS.find((t) => t.id === id)!
const amounts = (offence: string, illegalBusinessVolume: number | null, illegalGains: number | null) => ({ offence, illegalBusinessVolume, illegalGains })

describe('prosecution thresholds (该移不移)', () => {
  it.each([
    // id, offence, volume minimum, gains minimum (null: not a criterion)
    ['CL-213', '假冒注册商标罪', 50_000, 30_000],
    ['CL-214', '销售假冒注册商标的商品罪', 50_000, null],
    ['CL-215', '非法制造、销售非法制造的注册商标标识罪', 50_000, 30_000],
    ['CL-216', '假冒专利罪', 200_000, 100_000],
    ['CL-217', '侵犯著作权罪', 50_000, 30_000],
  ] as const)('%s %s: met at the minimum, not one yuan below', (id, offence, volume, gains) => {
    const t = threshold(id)
    expect(thresholdMet(t, amounts(offence, volume, null))).toEqual(['illegalBusinessVolume'])
    expect(thresholdMet(t, amounts(offence, volume - 1, null))).toBeNull()
    if (gains === null) {
      expect(thresholdMet(t, amounts(offence, null, 10_000_000))).toBeNull()
    } else {
      expect(thresholdMet(t, amounts(offence, null, gains))).toEqual(['illegalGains'])
      expect(thresholdMet(t, amounts(offence, null, gains - 1))).toBeNull()
      expect(thresholdMet(t, amounts(offence, volume, gains))).toEqual(['illegalBusinessVolume', 'illegalGains'])
    }
    // Another offence's case never meets this threshold, whatever its amounts.
    expect(thresholdMet(t, amounts('侵犯商业秘密罪', 10_000_000, 10_000_000))).toBeNull()
    expect(t.source).toMatch(/法释〔2004〕19号/)
  })

  it('matches the recorded offence name exactly (surrounding spaces aside), not by substring', () => {
    // 销售假冒注册商标的商品罪 contains 假冒注册商标 but is CL-214, not CL-213.
    expect(thresholdMet(threshold('CL-213'), amounts('销售假冒注册商标的商品罪', 100_000, 100_000))).toBeNull()
    expect(thresholdMet(threshold('CL-213'), amounts(' 假冒注册商标罪 ', 50_000, null))).toEqual(['illegalBusinessVolume'])
  })
})
