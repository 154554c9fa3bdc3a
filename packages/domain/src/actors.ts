/** The kinds of agencies Xianjie carries cases between. */
export const AGENCY_KINDS = [
  'msa', // 市场监督管理局 (also the local IP office)
  'police', // 公安局 (economic crime unit)
  'procuratorate', // 人民检察院
  'court.intermediate', // 中级人民法院
  'court.basic', // 基层人民法院
  'mediation', // 知识产权纠纷人民调解委员会
  'partner.ndrc', // 发展改革委 / 信用办
  'partner.pbc', // 人民银行
  'partner.tax', // 税务
  'partner.customs', // 海关
  'government', // 人民政府 (superior government, orders late transfers)
  'party', // 当事人: an enterprise or person acting for itself (applies, objects, repairs credit)
] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]

export const ROLES = [
  'msa.officer',
  'msa.head',
  'msa.credit',
  'police.officer',
  'police.head',
  'procurator',
  'procuratorate.head',
  'mediator',
  'court.judge',
  'court.president',
  'court.clerk',
  'partner',
  'supervisor',
  'party',
  'system',
] as const
export type Role = (typeof ROLES)[number]

/** A signed-in person, or the system (router, scheduler) acting for the law's clock. */
export interface Actor {
  userId: string
  agencyId: string
  /** GB/T 2260 code of the actor's agency. */
  division: string
  roles: Role[]
  name?: string
}

export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: 'system',
  agencyId: 'system',
  division: '000000',
  roles: ['system'],
  name: 'Xianjie',
}) as Actor

export interface Agency {
  id: string
  kind: AgencyKind
  division: string
  name: string
  nameEn: string
  level: 'province' | 'city' | 'county'
}
