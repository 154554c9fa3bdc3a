// Role names people read, and the procedures' open rules the home page uses to decide which
// "open a case" buttons a user sees.
import type { Bilingual } from './types.ts'

export const ROLE_TITLES: Record<string, Bilingual> = {
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

export interface ProcedureInfo {
  name: string
  version: string
  title: Bilingual
  open: { roles: string[]; party: string; payload: Record<string, unknown> }
  parties: Record<string, { kind: string | string[]; title: Bilingual; resolve: string }>
  commands: Array<{ type: string; title: Bilingual; roles: string[]; party: string | string[]; payload: Record<string, unknown>; source?: string }>
  timers: Array<{ id: string; title: Bilingual; duration: number; unit: string; expiry: string; source: string }>
}

export function mayOpen(procedures: ProcedureInfo[] | null, name: string, roles: string[]): boolean {
  const procedure = procedures?.find((p) => p.name === name)
  return procedure !== undefined && procedure.open.roles.some((role) => roles.includes(role))
}
