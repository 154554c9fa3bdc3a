import type { Kysely } from 'kysely'
import { creditCodeCheckChar } from '@xianjie/domain'
import type { Database } from './schema.ts'

// The demo jurisdictions of DOMAIN.md ("Agencies, roles and the demo jurisdictions"):
// the places named in the IP-protection plans of shared/seeds.

interface CitySeed {
  division: string
  province: string
  city: string
  cityEn: string
  /** Short prefix used in document numbers: 白 → 白市监移〔2026〕12号. */
  short: string
  /** The basic court (and its district) for the city. */
  basicCourt: { division: string; district: string; districtEn: string }
}

const CITIES: CitySeed[] = [
  { division: '620400', province: '甘肃省', city: '白银市', cityEn: 'Baiyin', short: '白', basicCourt: { division: '620402', district: '白银区', districtEn: 'Baiyin District' } },
  { division: '370100', province: '山东省', city: '济南市', cityEn: 'Jinan', short: '济', basicCourt: { division: '370103', district: '市中区', districtEn: 'Shizhong District' } },
  { division: '350400', province: '福建省', city: '三明市', cityEn: 'Sanming', short: '明', basicCourt: { division: '350404', district: '三元区', districtEn: 'Sanyuan District' } },
  { division: '410300', province: '河南省', city: '洛阳市', cityEn: 'Luoyang', short: '洛', basicCourt: { division: '410305', district: '涧西区', districtEn: 'Jianxi District' } },
  { division: '330100', province: '浙江省', city: '杭州市', cityEn: 'Hangzhou', short: '杭', basicCourt: { division: '330106', district: '西湖区', districtEn: 'Xihu District' } },
]

/** The county-level district with its own bureau, police and procuratorate (涧西区, 洛阳). */
const DISTRICTS = [{ division: '410305', name: '洛阳市涧西区', nameEn: 'Jianxi District, Luoyang', short: '涧' }]

type Row = Database['agencies'] extends infer T ? { [K in keyof T]: T[K] } : never
interface UserSeed { id: string; agency_id: string; name: string; roles: string[] }

interface AgencySeed {
  id: string
  kind: string
  division_code: string
  name: string
  name_en: string
  abbr: string
  level: 'city' | 'county'
  credit_code?: string | null
}

/** A valid 统一社会信用代码 for a demo enterprise: 91 (enterprise) + division + organisation code + check. */
function demoCreditCode(division: string, n: number): string {
  const first17 = `91${division}MA${String(n).padStart(7, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

/**
 * Two demo enterprises per city (kind `party`), domiciled in the basic court's district:
 * they apply for judicial confirmation and act for themselves in their own matters.
 */
function partyAgencies(c: CitySeed): AgencySeed[] {
  const d = c.basicCourt.division
  return [
    { n: 1, zh: '甲科技有限公司', en: 'Jia Technology Co., Ltd.' },
    { n: 2, zh: '乙贸易有限公司', en: 'Yi Trading Co., Ltd.' },
  ].map((p) => ({
    id: `party-${d}-${p.n}`,
    kind: 'party',
    division_code: d,
    name: `${c.city.replace('市', '')}${p.zh}`,
    name_en: `${c.cityEn} ${p.en}`,
    abbr: `${c.short}${p.n}`,
    level: 'county' as const,
    credit_code: demoCreditCode(d, p.n),
  }))
}

function cityAgencies(c: CitySeed): AgencySeed[] {
  const d = c.division
  const list = [
    { kind: 'msa', name: `${c.city}市场监督管理局`, name_en: `${c.cityEn} Administration for Market Regulation`, abbr: `${c.short}市监` },
    { kind: 'police', name: `${c.city}公安局`, name_en: `${c.cityEn} Public Security Bureau`, abbr: `${c.short}公` },
    { kind: 'procuratorate', name: `${c.city}人民检察院`, name_en: `${c.cityEn} People's Procuratorate`, abbr: `${c.short}检` },
    { kind: 'court.intermediate', name: `${c.city}中级人民法院`, name_en: `${c.cityEn} Intermediate People's Court`, abbr: `${c.short}中法` },
    { kind: 'mediation', name: `${c.city}知识产权纠纷人民调解委员会`, name_en: `${c.cityEn} IP Dispute People's Mediation Committee`, abbr: `${c.short}知调` },
    { kind: 'partner.ndrc', name: `${c.city}发展和改革委员会（社会信用体系建设办公室）`, name_en: `${c.cityEn} Development and Reform Commission (Credit Office)`, abbr: `${c.short}发改` },
    { kind: 'partner.pbc', name: `中国人民银行${c.city}分行`, name_en: `People's Bank of China, ${c.cityEn} Branch`, abbr: `${c.short}人行` },
    { kind: 'partner.tax', name: `国家税务总局${c.city}税务局`, name_en: `${c.cityEn} Tax Service`, abbr: `${c.short}税` },
    { kind: 'partner.customs', name: `${c.city}海关`, name_en: `${c.cityEn} Customs`, abbr: `${c.short}关` },
    { kind: 'government', name: `${c.city}人民政府`, name_en: `${c.cityEn} Municipal People's Government`, abbr: `${c.short}政` },
  ]
  return [
    ...list.map((a) => ({ ...a, id: `${a.kind}-${d}`, division_code: d, level: 'city' as const })),
    {
      id: `court.basic-${c.basicCourt.division}`,
      kind: 'court.basic',
      division_code: c.basicCourt.division,
      name: `${c.city}${c.basicCourt.district}人民法院`,
      name_en: `${c.basicCourt.districtEn} People's Court, ${c.cityEn}`,
      abbr: `${c.short}${c.basicCourt.district.slice(0, 1)}法`,
      level: 'county' as const,
    },
  ]
}

function districtAgencies(x: (typeof DISTRICTS)[number]) {
  const list = [
    { kind: 'msa', name: `${x.name}市场监督管理局`, name_en: `${x.nameEn} Administration for Market Regulation`, abbr: `${x.short}市监` },
    { kind: 'police', name: `${x.name.replace('洛阳市', '洛阳市公安局')}分局`, name_en: `${x.nameEn} Public Security Sub-bureau`, abbr: `${x.short}公` },
    { kind: 'procuratorate', name: `${x.name}人民检察院`, name_en: `${x.nameEn} People's Procuratorate`, abbr: `${x.short}检` },
    { kind: 'government', name: `${x.name}人民政府`, name_en: `${x.nameEn} People's Government`, abbr: `${x.short}政` },
  ]
  return list.map((a) => ({ ...a, id: `${a.kind}-${x.division}`, division_code: x.division, level: 'county' as const }))
}

/** Roles per agency kind, with the number of demo users for each. */
const USERS_BY_KIND: Record<string, Array<{ suffix: string; name: string; roles: string[] }>> = {
  msa: [
    { suffix: 'officer1', name: '承办人甲', roles: ['msa.officer'] },
    { suffix: 'officer2', name: '承办人乙', roles: ['msa.officer'] },
    { suffix: 'head', name: '局长', roles: ['msa.head'] },
    { suffix: 'credit', name: '信用监管科', roles: ['msa.credit'] },
  ],
  police: [
    { suffix: 'officer', name: '经侦民警', roles: ['police.officer'] },
    { suffix: 'head', name: '公安局负责人', roles: ['police.head'] },
  ],
  procuratorate: [
    { suffix: 'procurator', name: '检察官', roles: ['procurator'] },
    { suffix: 'head', name: '检察长', roles: ['procuratorate.head'] },
    { suffix: 'supervisor', name: '立案监督部门', roles: ['supervisor'] },
  ],
  'court.intermediate': [
    { suffix: 'judge', name: '审判员', roles: ['court.judge'] },
    { suffix: 'president', name: '院长', roles: ['court.president'] },
    { suffix: 'clerk', name: '书记员', roles: ['court.clerk'] },
  ],
  'court.basic': [
    { suffix: 'judge', name: '审判员', roles: ['court.judge'] },
    { suffix: 'president', name: '院长', roles: ['court.president'] },
    { suffix: 'clerk', name: '书记员', roles: ['court.clerk'] },
  ],
  mediation: [{ suffix: 'mediator', name: '人民调解员', roles: ['mediator'] }],
  'partner.ndrc': [{ suffix: 'partner', name: '信用办', roles: ['partner'] }],
  'partner.pbc': [{ suffix: 'partner', name: '征信管理处', roles: ['partner'] }],
  'partner.tax': [{ suffix: 'partner', name: '纳税信用科', roles: ['partner'] }],
  'partner.customs': [{ suffix: 'partner', name: '企业管理科', roles: ['partner'] }],
  government: [{ suffix: 'supervisor', name: '政府督查室', roles: ['supervisor'] }],
  party: [{ suffix: 'agent', name: '委托代理人', roles: ['party'] }],
}

/** The demo agencies: every city of DOMAIN.md plus the 涧西区 district, and two enterprises per city. */
export function demoAgencies(): AgencySeed[] {
  return [...CITIES.flatMap(cityAgencies), ...DISTRICTS.flatMap(districtAgencies), ...CITIES.flatMap(partyAgencies)]
}

/** Demo users: id `<agencyId>.<suffix>`, e.g. `msa-620400.officer1`. */
export function demoUsers(): UserSeed[] {
  return demoAgencies().flatMap((a) =>
    (USERS_BY_KIND[a.kind] ?? []).map((u) => ({ id: `${a.id}.${u.suffix}`, agency_id: a.id, name: `${a.name}${u.name}`, roles: u.roles })),
  )
}

/**
 * Inserts or updates the demo agencies and users. Safe to run repeatedly. The demo users get
 * no password (they sign in by id through the demo sign-in only); a password set on one later
 * is left alone. Callers seed only when the demo is on (XIANJIE_DEMO=true).
 */
export async function seedDemo(db: Kysely<Database>): Promise<{ agencies: number; users: number }> {
  const agencies = demoAgencies()
  const users = demoUsers()
  await db.transaction().execute(async (trx) => {
    for (const a of agencies) {
      const row = { ...a, credit_code: a.credit_code ?? null }
      await trx
        .insertInto('agencies')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: a.name, name_en: a.name_en, abbr: a.abbr, kind: a.kind, division_code: a.division_code, level: a.level, credit_code: row.credit_code }))
        .execute()
    }
    for (const u of users) {
      const row = { ...u, roles: JSON.stringify(u.roles) }
      await trx.insertInto('users').values(row).onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, roles: row.roles, agency_id: row.agency_id })).execute()
    }
  })
  return { agencies: agencies.length, users: users.length }
}

export type { Row as AgencySeedRow }
