// Shared sample data for tests that drive criminal-transfer cases through the engine or the api.
import type { Actor } from '@xianjie/domain'

/** A stand-in SHA-256 for documents whose content the test does not care about. */
export const SHA = 'a'.repeat(64)

/** The open payload of the demo case: 白银某商贸公司 sells counterfeit trademarked goods. */
export const CASE_OPEN = Object.freeze({
  title: '白银某商贸公司销售假冒注册商标商品案',
  ipCategory: 'trademark',
  suspicionBasis: 'reasonableSuspicion',
  offence: '销售假冒注册商标的商品罪',
  suspectName: '白银某商贸有限公司',
  illegalBusinessVolume: 86_000,
  adminCaseOpenedAt: '2026-03-02T02:00:00.000Z',
})

/** A case team of two officers (R310 art. 5(1)). */
export const TEAM = Object.freeze({
  officers: [
    { userId: 'msa-620400.officer1', name: '承办人甲' },
    { userId: 'msa-620400.officer2', name: '承办人乙' },
  ],
})

/** The actor of a seeded user `<agencyId>.<role>`: agency and division follow from the id. */
export function demoActor(userId: string, roles: Actor['roles']): Actor {
  const agencyId = userId.slice(0, userId.lastIndexOf('.'))
  const division = /-(\d{6})(?:-\d+)?$/.exec(agencyId)?.[1]
  if (!division) throw new Error(`${userId} is not a seeded user id (<agencyId>.<role>)`)
  return { userId, agencyId, roles, division }
}
