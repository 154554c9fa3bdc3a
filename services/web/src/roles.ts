// Role names people read, and the roles that approve.
import type { Bilingual } from './types.ts'

const ROLE_TITLES: Record<string, Bilingual> = {
  'msa.officer': { zh: '市场监管执法人员', en: 'Market-supervision officer' },
  'msa.head': { zh: '市场监管局负责人', en: 'Market-supervision bureau head' },
  'msa.credit': { zh: '信用监管人员', en: 'Credit officer' },
  'police.officer': { zh: '公安民警', en: 'Police officer' },
  'police.head': { zh: '公安机关负责人', en: 'Police head' },
  procurator: { zh: '检察官', en: 'Procurator' },
  'procuratorate.head': { zh: '检察长', en: 'Chief procurator' },
  mediator: { zh: '调解员', en: 'Mediator' },
  'court.judge': { zh: '法官', en: 'Judge' },
  'court.president': { zh: '法院院长', en: 'Court president' },
  'court.clerk': { zh: '书记员', en: 'Court clerk' },
  partner: { zh: '联合惩戒部门', en: 'Joint-punishment partner' },
  supervisor: { zh: '监督人员', en: 'Supervisor' },
  party: { zh: '当事人', en: 'Party' },
}

export function roleTitle(role: string): Bilingual {
  return ROLE_TITLES[role] ?? { zh: role, en: role }
}

/** Roles whose home page lists "awaiting my approval". */
export const APPROVER_ROLES = ['msa.head', 'police.head', 'court.president', 'procuratorate.head']
