// The one time limit of the procedure, as data (DOMAIN.md §2.5, §5 T49). The AEA's period to
// reply to a 检察意见 requiring transfer is ⚠️ unverified (DOMAIN.md §6.8): it is
// configuration, not code (§0.3). The engine counts it with the calendar from the AEA's
// receipt of the opinion.

import { delaysOf, type TimerRule, type TimerUnit, type Verification } from '@xianjie/domain'

export interface TransferSupervisionConfig {
  /** TS1: the AEA's period to reply to the opinion, counted from its receipt. */
  replyPeriod: { duration: number; unit: TimerUnit }
  source: string
  verification: Verification
  note: string
}

/**
 * The default. SPP-2021 is believed to set the AEA's reply period but could not be retrieved;
 * its 2 months for a reply to a non-prosecution 检察意见 (T20 ☑️) are used by analogy.
 * Change it with `transferSupervisionFor({ ...TRANSFER_SUPERVISION_CONFIG, replyPeriod: … })`.
 */
export const TRANSFER_SUPERVISION_CONFIG: Readonly<TransferSupervisionConfig> = Object.freeze({
  replyPeriod: Object.freeze({ duration: 2, unit: 'mo' as const }),
  source: 'SPP-R art. 557(3); SPP-2001 §12',
  verification: '⚠️' as const,
  note: 'reply period unverified; SPP-2021’s 2 months for non-prosecution opinions (T20) used by analogy; configurable',
})

/** The timer rules for a configuration; throws on a period that is not a positive whole number. */
export function transferSupervisionTimersFor(config: TransferSupervisionConfig = TRANSFER_SUPERVISION_CONFIG) {
  const { duration, unit } = config.replyPeriod
  if (!Number.isInteger(duration) || duration < 1) throw new Error(`transfer-supervision: TS1 duration must be a positive integer, got ${duration}`)
  return {
    TS1: {
      id: 'TS1',
      title: { zh: '行政执法机关回复检察意见', en: 'AEA replies to the procuratorial opinion' },
      start: 'AEA receives the procuratorial opinion requiring transfer (DOMAIN.md §5 T49)',
      duration,
      unit,
      // The AEA's own duty: no roll-over (DOMAIN.md §1.3).
      rollOnHoliday: false,
      owner: 'aea',
      expiry: 'DUTY',
      source: config.source,
      verification: config.verification,
    },
  } satisfies Record<string, TimerRule>
}

export const transferSupervisionTimers = transferSupervisionTimersFor()

export type TransferSupervisionTimerId = keyof typeof transferSupervisionTimers

export const transferSupervisionDelays: Record<string, number> = delaysOf(transferSupervisionTimers)
