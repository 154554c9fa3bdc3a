// Authorization decided in one place: role × command × state × the actor's agency and
// jurisdiction × the case's parties. The machine's can() decides the state part. Reads too:
// who may read a case, who may use the supervision reads, and who sees personal data in full.
import {
  AppError,
  commandParties,
  divisionPrefix,
  divisionWithin,
  isValidDivisionCode,
  partyKinds,
  type Actor,
  type CommandSpec,
  type PartySpec,
  type ProcedureDefinition,
  type Role,
} from '@xianjie/domain'
import type { CaseRow } from '@xianjie/db'

export function authorizeOpen(def: ProcedureDefinition, actor: Actor, openerKind: string | undefined): void {
  if (!actor.roles.some((r) => def.open.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `role ${actor.roles.join(',')} may not open a ${def.name} case (needs ${def.open.roles.join(' or ')})`, {
      details: { messageZh: '您的角色无权立此类案件' },
    })
  }
  const party = def.parties[def.open.party]
  if (party && !partyKinds(party).some((k) => k === openerKind)) {
    throw new AppError('FORBIDDEN', `agency ${actor.agencyId} is not a ${partyKinds(party).join(' or ')} agency and may not open a ${def.name} case`, {
      details: { messageZh: `只有${party.title.zh}可以发起此程序` },
    })
  }
}

/** Throws FORBIDDEN unless the actor has a role of the command and belongs to the party that must send it. */
export function authorizeCommand(def: ProcedureDefinition, spec: CommandSpec, actor: Actor, row: Pick<CaseRow, 'parties'>): void {
  if (spec.party === 'system' || spec.roles.includes('system')) {
    if (!actor.roles.includes('system')) throw new AppError('FORBIDDEN', `${spec.type} is recorded by the system only`)
    return
  }
  if (!actor.roles.some((r) => spec.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `${spec.type} needs role ${spec.roles.join(' or ')}; actor ${actor.userId} has ${actor.roles.join(',')}`, {
      details: { messageZh: `「${spec.title.zh}」需要以下角色之一：${spec.roles.join('、')}` },
    })
  }
  if (!actsAs(spec, actor, row)) {
    const keys = commandParties(spec)
    const parties = row.parties as Record<string, string>
    const expected = keys.map((k) => `${k}=${parties[k] ?? 'none'}`).join(', ')
    const partyTitle = keys.map((k) => def.parties[k]?.title.zh ?? k).filter((t, i, all) => all.indexOf(t) === i).join('或')
    throw new AppError('FORBIDDEN', `${spec.type} must come from the case's ${keys.join(' or ')} (${expected}), not ${actor.agencyId}`, {
      details: { messageZh: `「${spec.title.zh}」只能由本案的${partyTitle}办理` },
    })
  }
}

/** Whether the actor's agency fills one of the party keys the command may come from. */
function actsAs(spec: CommandSpec, actor: Actor, row: Pick<CaseRow, 'parties'>): boolean {
  const parties = row.parties as Record<string, string>
  return commandParties(spec).some((k) => parties[k] === actor.agencyId)
}

/**
 * Roles that never read a case file, even when their agency is a party of it: the
 * joint-punishment partners (DOMAIN.md: `partner`, read-only on listings) get their notices in
 * the inbox and read the public register (`GET /v1/credit-list/:creditCode`), nothing else.
 */
const NOTICE_ONLY_ROLES: readonly Role[] = ['partner']

const noticeOnlyActor = (actor: Actor): boolean => actor.roles.length > 0 && actor.roles.every((r) => NOTICE_ONLY_ROLES.includes(r))

/** A party that is told of a case but takes no part in it: the joint-punishment partners. */
const noticeOnlyParty = (spec: PartySpec | undefined): boolean => spec !== undefined && partyKinds(spec).every((k) => k.startsWith('partner.'))

/** A party found by division that learns of the case when the case reaches it (not the supervising procuratorate). */
const reachedByDispatch = (spec: PartySpec | undefined): boolean =>
  spec !== undefined && spec.resolve === 'sameDivision' && !partyKinds(spec).includes('procuratorate')

/** The party keys of the case the actor's agency fills. */
export function partyKeysOf(actor: Actor, row: Pick<CaseRow, 'parties'>): string[] {
  return Object.entries(row.parties as Record<string, string>).filter(([, id]) => id === actor.agencyId).map(([key]) => key)
}

/**
 * Whether the actor's agency takes part in the case: it fills a party, and the actor is not a
 * joint-punishment partner (who is told of the case, and takes no part: no reads, no uploads).
 */
export function isParticipant(actor: Actor, row: Pick<CaseRow, 'parties'>): boolean {
  return !noticeOnlyActor(actor) && partyKeysOf(actor, row).length > 0
}

/** The supervision scope: a supervisor of a division that contains the case's jurisdiction. */
function supervises(actor: Actor, row: Pick<CaseRow, 'jurisdiction'>): boolean {
  return actor.roles.includes('supervisor') && divisionWithin(row.jurisdiction, actor.division)
}

/**
 * Read access to one case (the case, its timeline, report, documents, who read it):
 * - `yes`: the system; a supervisor whose division contains the case's jurisdiction; an
 *   agency that fills a party the case names (the opener, an agency the open payload or a
 *   later command names: the applicants, the courts the application is filed with);
 * - `once-dispatched`: an agency that fills only parties the engine found by division
 *   (`sameDivision`: the police of a transfer, the bureau a procuratorate supervises): it reads
 *   the case once the case has been dispatched to it (the transfer delivered, the opinion
 *   sent), never the other agency's own steps before. The procuratorate is the exception: the
 *   bureau's transfers are under its supervision from the start (R310 art. 14), which is how it
 *   finds a case that should have been transferred and was not (该移不移);
 * - `no`: anyone else, and joint-punishment partners always (their notices reach their inbox).
 * Without `def` every party counts as named.
 */
export type ReadAccess = 'yes' | 'once-dispatched' | 'no'

export function readAccess(def: Pick<ProcedureDefinition, 'parties'> | undefined, actor: Actor, row: Pick<CaseRow, 'parties' | 'jurisdiction'>): ReadAccess {
  if (actor.roles.includes('system')) return 'yes'
  if (supervises(actor, row)) return 'yes'
  if (noticeOnlyActor(actor)) return 'no'
  const keys = partyKeysOf(actor, row).filter((key) => !noticeOnlyParty(def?.parties[key]))
  if (keys.length === 0) return 'no'
  if (def && keys.every((key) => reachedByDispatch(def.parties[key]))) return 'once-dispatched'
  return 'yes'
}

/** Read access given the agencies the case has dispatched to (`readAccess` for why). */
export function canRead(
  actor: Actor,
  row: Pick<CaseRow, 'parties' | 'jurisdiction'>,
  def?: Pick<ProcedureDefinition, 'parties'>,
  dispatchedTo: ReadonlySet<string> = new Set(),
): boolean {
  const access = readAccess(def, actor, row)
  return access === 'yes' || (access === 'once-dispatched' && dispatchedTo.has(actor.agencyId))
}

export function forbiddenRead(actor: Actor, row: Pick<CaseRow, 'id'>): AppError {
  return new AppError('FORBIDDEN', `actor ${actor.userId} may not see case ${row.id}`, { details: { messageZh: '您无权查看该案件' } })
}

/** The commands an actor could send given role and party (the state is checked by the caller). */
export function commandsForActor(def: ProcedureDefinition, actor: Actor, row: Pick<CaseRow, 'parties'>): CommandSpec[] {
  return Object.values(def.commands).filter(
    (spec) => spec.party !== 'system' && actor.roles.some((r) => spec.roles.includes(r)) && actsAs(spec, actor, row),
  )
}

/** The division a supervisor asks about (its own, or one inside it) and its SQL `like` prefix; anyone else is refused. */
export function supervisionScope(actor: Actor, within: string | undefined): { division: string; like: string } {
  if (!actor.roles.includes('supervisor')) {
    throw new AppError('FORBIDDEN', `actor ${actor.userId} is not a supervisor`, { details: { messageZh: '仅监督人员可以使用监督功能' } })
  }
  const division = within ?? actor.division
  if (!isValidDivisionCode(division)) {
    throw new AppError('VALIDATION_FAILED', `within ${JSON.stringify(division)} is not a six-digit GB/T 2260 division code`, {
      details: { fields: [{ path: '/within', message: 'not a division code' }], messageZh: '行政区划代码应为六位数字' },
    })
  }
  if (!divisionWithin(division, actor.division)) {
    throw new AppError('FORBIDDEN', `division ${division} is outside the jurisdiction ${actor.division} of ${actor.userId}`, {
      details: { messageZh: '不能查看本辖区以外的案件' },
    })
  }
  return { division, like: `${divisionPrefix(division)}%` }
}

// ---- Personal data ----------------------------------------------------------------------

const AEA_STAFF: readonly Role[] = ['msa.officer', 'msa.head']
const POLICE: readonly Role[] = ['police.officer', 'police.head']
const PROCURATORS: readonly Role[] = ['procurator', 'procuratorate.head']
const COURT: readonly Role[] = ['court.judge', 'court.president', 'court.clerk']

/**
 * Who needs a case's personal data (居民身份证号, phone numbers) in full, per procedure: the
 * party keys and, for each, the roles that work the case there. Everyone else reads them
 * masked (`110101********7777`, `138****5678`): supervisors, partners, mediators, the other
 * parties, and any other role of the same agencies.
 * - criminal-transfer: the opening bureau's officers and heads, and the police and procuratorate
 *   that take part (the organ a case is forwarded to is police too): the suspect is theirs to
 *   identify (R310 art. 6: the transfer carries the suspect's particulars).
 * - judicial-confirmation: the court the application is filed with, that handles it or enforces
 *   the ruling: the parties give it their contact details for service (CivPL-I art. 354; SPC-2011
 *   art. 3 "送达地址、联系方式"); a bureau that mediated (administrative mediation) too. A party
 *   always reads its own (see `ownPartyKeys`).
 */
const PERSONAL_DATA_READERS: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>> = {
  'criminal-transfer': { aea: AEA_STAFF, police: POLICE, forwardee: POLICE, procuratorate: PROCURATORS },
  'judicial-confirmation': {
    mediator: AEA_STAFF,
    filedCourt1: COURT,
    filedCourt2: COURT,
    filedCourt3: COURT,
    court: COURT,
    enforcementCourt: COURT,
  },
}

/** How a reader sees a case's personal data: in full, or masked except what it filed itself. */
export interface PersonalDataAccess {
  full: boolean
  /** Party keys the reader fills: data kept under such a key (`contacts.applicant1`) is its own. */
  own: ReadonlySet<string>
}

/** The one decision of who sees personal data in full; `maskPersonalData` (read.ts) applies it. */
export function personalDataAccess(procedure: string, actor: Actor, row: Pick<CaseRow, 'parties'>): PersonalDataAccess {
  const keys = isParticipant(actor, row) ? partyKeysOf(actor, row) : []
  if (actor.roles.includes('system')) return { full: true, own: new Set(keys) }
  const readers = PERSONAL_DATA_READERS[procedure] ?? {}
  const full = keys.some((key) => actor.roles.some((r) => readers[key]?.includes(r)))
  return { full, own: new Set(keys) }
}

/** Field names that hold a 居民身份证号 or a phone number, wherever they appear (context, payloads, reports). */
export const PERSONAL_ID_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'suspectIdNumber'])
export const PHONE_FIELDS: ReadonlySet<string> = new Set(['phone'])
