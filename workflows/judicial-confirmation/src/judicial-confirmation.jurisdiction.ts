// Which court may confirm an agreement (CivPL art. 205; CivPL-I art. 352) and which tier hears
// an IP dispute (IPJ-2022), as data plus one pure function.

import { divisionWithin, type AgencyFacts, type Bilingual } from '@xianjie/domain'

import type { Mode, SubjectType } from './judicial-confirmation.types.ts'

/** designatedIntermediate: IP courts, intermediate courts of provincial capitals and SPC-designated ones. */
export type CourtTier = 'designatedIntermediate' | 'intermediate' | 'basic'

/** IPJ-2022: the first-instance tier of each subject type. */
export const IP_ROUTING: Record<SubjectType, { tier: CourtTier; source: string }> = {
  // art. 1: technical IP and monopoly disputes.
  inventionPatent: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  utilityModelPatent: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  plantVariety: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  layoutDesign: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  technicalSecret: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  software: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  monopoly: { tier: 'designatedIntermediate', source: 'IPJ-2022 art. 1' },
  // art. 2: basic courts only with SPC approval (not modelled).
  designPatent: { tier: 'intermediate', source: 'IPJ-2022 art. 2' },
  wellKnownTrademark: { tier: 'intermediate', source: 'IPJ-2022 art. 2' },
  // art. 3: SPC-designated basic courts (⚠️ the designation list is not modelled: any basic court).
  trademark: { tier: 'basic', source: 'IPJ-2022 art. 3' },
  copyright: { tier: 'basic', source: 'IPJ-2022 art. 3' },
  unfairCompetition: { tier: 'basic', source: 'IPJ-2022 art. 3' },
  other: { tier: 'basic', source: 'IPJ-2022 art. 3' },
}

/**
 * Divisions whose intermediate court hears art. 1 disputes. ⚠️ Demo data: the provincial
 * capitals 济南 (370100) and 杭州 (330100) and the SPC-designated 洛阳 court (410300). Verify
 * against the SPC's current list before production use.
 */
export const DESIGNATED_INTERMEDIATE_DIVISIONS: readonly string[] = ['370100', '330100', '410300']

export interface CompetenceContext {
  mode: Mode
  invitingCourtId?: string
  /** Division codes of CivPL art. 205(2): the parties' domiciles, the subject's location, the mediator's seat. */
  places: string[]
  subjectType: SubjectType
  /** The underlying dispute belongs to an intermediate court (CivPL art. 205(2), second clause). */
  intermediateLevel?: boolean
}

export type Competence = { ok: true } | { ok: false; reason: Bilingual }

const TIER_REASON: Record<CourtTier, Bilingual> = {
  designatedIntermediate: {
    zh: '该类纠纷由知识产权法院、省会城市中级人民法院或者最高人民法院指定的中级人民法院管辖（《最高人民法院关于第一审知识产权民事、行政案件管辖的若干规定》第一条）',
    en: 'this dispute belongs to an IP court, the intermediate court of a provincial capital or an SPC-designated intermediate court (IPJ-2022 art. 1)',
  },
  intermediate: {
    zh: '该类纠纷由知识产权法院、中级人民法院管辖（《最高人民法院关于第一审知识产权民事、行政案件管辖的若干规定》第二条；民事诉讼法第二百零五条第二项）',
    en: 'this dispute belongs to an IP court or an intermediate court (IPJ-2022 art. 2; CivPL art. 205(2))',
  },
  basic: {
    zh: '应当向当事人住所地、标的物所在地、调解组织所在地的基层人民法院提出（民事诉讼法第二百零五条第二项）',
    en: 'the application goes to the basic court where a party is domiciled, the subject matter is, or the mediator sits (CivPL art. 205(2))',
  },
}

/** The tier a case needs: its subject type's, raised to intermediate when the dispute belongs there. */
export function courtTier(subjectType: SubjectType, intermediateLevel = false): CourtTier {
  const tier = IP_ROUTING[subjectType].tier
  return intermediateLevel && tier === 'basic' ? 'intermediate' : tier
}

/** Whether `court` may receive the joint application of this case. */
export function competentCourt(ctx: CompetenceContext, court: AgencyFacts): Competence {
  if (ctx.mode === 'courtInvited') {
    return court.id === ctx.invitingCourtId
      ? { ok: true }
      : {
          ok: false,
          reason: {
            zh: '人民法院邀请调解组织开展先行调解的，应当向作出邀请的人民法院提出（民事诉讼法第二百零五条第一项）',
            en: 'after pre-filing mediation at a court’s invitation, the application goes to the inviting court (CivPL art. 205(1))',
          },
        }
  }
  const places = ctx.places.filter((place) => /^\d{6}$/.test(place))
  const tier = courtTier(ctx.subjectType, ctx.intermediateLevel)
  const refused = { ok: false as const, reason: TIER_REASON[tier] }
  if (tier === 'basic') {
    // The court lies in one of the places (a place may be a city: any of its basic courts).
    return court.kind === 'court.basic' && places.some((place) => divisionWithin(court.division, place)) ? { ok: true } : refused
  }
  if (court.kind !== 'court.intermediate') return refused
  // The intermediate court's city covers one of the places.
  if (!places.some((place) => divisionWithin(place, court.division))) return refused
  if (tier === 'designatedIntermediate' && !DESIGNATED_INTERMEDIATE_DIVISIONS.includes(court.division)) return refused
  return { ok: true }
}
