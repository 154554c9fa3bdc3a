// Authorization decided in one place: role × command × state × the actor's agency and
// jurisdiction × the case's parties. The machine's can() decides the state part.
import { AppError, commandParties, divisionWithin, partyKinds, type Actor, type CommandSpec, type ProcedureDefinition } from '@xianjie/domain'
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
export function authorizeCommand(def: ProcedureDefinition, spec: CommandSpec, actor: Actor, row: CaseRow): void {
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

/** Whether the actor's agency takes part in the case. */
export function isParticipant(actor: Actor, row: Pick<CaseRow, 'parties'>): boolean {
  return Object.values(row.parties as Record<string, string>).includes(actor.agencyId)
}

/** Read access: a participant, a supervisor over the case's jurisdiction, or the system. */
export function canRead(actor: Actor, row: Pick<CaseRow, 'parties' | 'jurisdiction'>): boolean {
  if (actor.roles.includes('system')) return true
  if (isParticipant(actor, row)) return true
  return actor.roles.includes('supervisor') && divisionWithin(row.jurisdiction, actor.division)
}

export function authorizeRead(actor: Actor, row: Pick<CaseRow, 'id' | 'parties' | 'jurisdiction'>): void {
  if (!canRead(actor, row)) {
    throw new AppError('FORBIDDEN', `actor ${actor.userId} may not see case ${row.id}`, { details: { messageZh: '您无权查看该案件' } })
  }
}

/** The commands an actor could send given role and party (the state is checked by the caller). */
export function commandsForActor(def: ProcedureDefinition, actor: Actor, row: Pick<CaseRow, 'parties'>): CommandSpec[] {
  return Object.values(def.commands).filter(
    (spec) => spec.party !== 'system' && actor.roles.some((r) => spec.roles.includes(r)) && actsAs(spec, actor, row),
  )
}
