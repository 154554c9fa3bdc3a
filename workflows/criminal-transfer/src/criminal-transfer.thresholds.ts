// Criminal prosecution thresholds of the IP offences, as data with their sources: the
// 该移不移 supervision model flags a case penalized without transfer whose recorded amounts
// meet one. Only the amounts Xianjie records (illegal business volume, illegal gains) are
// modelled; thresholds on pieces, losses or "other serious circumstances" are not.
import type { Verification } from '@xianjie/domain'

export interface TransferThreshold {
  id: string
  /** The offence names (罪名) as officers record them in `offence`. */
  offences: readonly string[]
  /** Meets when any one amount reaches its minimum (yuan). */
  anyOf: { illegalBusinessVolume?: number; illegalGains?: number }
  source: string
  verification: Verification
  note?: string
}

const NOTE_2025 =
  'The 2025 SPC/SPP interpretation on IP criminal cases revised several amounts; these are the 2004 figures the supervision issue names. Check before relying on them.'

export const TRANSFER_THRESHOLDS: readonly TransferThreshold[] = [
  {
    id: 'CL-213',
    offences: ['假冒注册商标罪'],
    anyOf: { illegalBusinessVolume: 50_000, illegalGains: 30_000 },
    source: 'CL art. 213; SPC/SPP Interpretation 2004 (法释〔2004〕19号) art. 1(1)',
    verification: '⚠️',
    note: NOTE_2025,
  },
  {
    id: 'CL-214',
    offences: ['销售假冒注册商标的商品罪'],
    // 销售金额: the sales amount is recorded as the illegal business volume.
    anyOf: { illegalBusinessVolume: 50_000 },
    source: 'CL art. 214; SPC/SPP Interpretation 2004 (法释〔2004〕19号) art. 2(1)',
    verification: '⚠️',
    note: NOTE_2025,
  },
  {
    id: 'CL-215',
    offences: ['非法制造、销售非法制造的注册商标标识罪'],
    anyOf: { illegalBusinessVolume: 50_000, illegalGains: 30_000 },
    source: 'CL art. 215; SPC/SPP Interpretation 2004 (法释〔2004〕19号) art. 3(1)',
    verification: '⚠️',
    note: NOTE_2025,
  },
  {
    id: 'CL-216',
    offences: ['假冒专利罪'],
    anyOf: { illegalBusinessVolume: 200_000, illegalGains: 100_000 },
    source: 'CL art. 216; SPC/SPP Interpretation 2004 (法释〔2004〕19号) art. 4',
    verification: '⚠️',
    note: NOTE_2025,
  },
  {
    id: 'CL-217',
    offences: ['侵犯著作权罪'],
    anyOf: { illegalBusinessVolume: 50_000, illegalGains: 30_000 },
    source: 'CL art. 217; SPC/SPP Interpretation 2004 (法释〔2004〕19号) art. 5; SPC/SPP/MPS Opinions 2011 art. 13',
    verification: '⚠️',
    note: NOTE_2025,
  },
]

/** The amounts of `amounts` that reach the threshold (empty: not met), or null when the offence is not the threshold's. */
export function thresholdMet(
  threshold: TransferThreshold,
  amounts: { offence: string; illegalBusinessVolume: number | null; illegalGains: number | null },
): string[] | null {
  const offence = amounts.offence.trim()
  if (!threshold.offences.includes(offence)) return null
  const met = (Object.entries(threshold.anyOf) as Array<[keyof TransferThreshold['anyOf'], number]>)
    .filter(([field, minimum]) => (amounts[field] ?? -1) >= minimum)
    .map(([field]) => field)
  return met.length ? met : null
}
