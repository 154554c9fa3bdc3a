// The authorization matrix over the real engine and PostgreSQL, a sample per command: for each
// command a real case is carried (commands, the router's receipts, the scheduler's timers) along
// the shortest path to a state that takes it, then the engine is sent the command by the wrong
// role of the right agency, by the right role of another party, of a stranger agency of the
// division and of another city, and last by the right actor; one command the state does not
// take is sent too. Every answer (403 / 409 or a state's 422 / accepted or a rule's 422) must
// be the cell authorization.expected.ts gives for the state the real case is in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { AppError, commandParties, ROLES, type Actor, type MachineEventBase, type ProcedureDefinition, type Role } from '@xianjie/domain'
import { PROCEDURES } from '@xianjie/engine'
import { machineOf, restore } from '../../packages/engine/src/machine.ts'
import { lawEngine, type LawEngine } from '../support/law.ts'
import { EXPECTED, type ExpectedCommand } from './authorization.expected.ts'
import { situationsOf, STATES_OF, type Reached } from './authorization.states.ts'

type Outcome = 'forbidden' | 'taken' | 'not-taken'

const divisionOf = (agencyId: string): string => /-(\d{6})(?:-\d+)?$/.exec(agencyId)?.[1] ?? '000000'
const otherCity = (agencyId: string): string => agencyId.replace(/-(\d{6})/, (_, d: string) => `-${d.endsWith('00') ? '370100' : '370103'}`)
const actorOf = (agencyId: string, roles: readonly string[], userId = `${agencyId}.${roles[0]}`): Actor => ({ userId, agencyId, division: divisionOf(agencyId), roles: [...roles] as Role[] })

/** The law's cell for an actor in a state (as authorization.matrix.test.ts). */
function expectedCell(
  cmd: ExpectedCommand,
  actor: Actor,
  parties: Record<string, string>,
  state: { open: boolean; situations: Set<string>; dispatchedTo?: ReadonlySet<string> },
  readAfterDispatch: readonly string[] = [],
): Outcome {
  const allowed = cmd.parties.includes('system')
    ? actor.roles.includes('system')
    : actor.roles.some((r) => cmd.roles.includes(r)) && cmd.parties.some((key) => parties[key] === actor.agencyId)
  if (!allowed) return 'forbidden'
  // A party that reads the case only once it reached it may not act on it before either (403);
  // a supervisor reads its jurisdiction's cases anyway (the government's 责令限期移送).
  const keys = Object.keys(parties).filter((k) => parties[k] === actor.agencyId)
  if (!actor.roles.includes('supervisor') && keys.length > 0 && keys.every((k) => readAfterDispatch.includes(k)) && !(state.dispatchedTo?.has(actor.agencyId) ?? false)) return 'forbidden'
  if (!state.open) return 'not-taken'
  const inside = cmd.in.includes('*') || cmd.in.some((s) => state.situations.has(s))
  return inside && !(cmd.notIn ?? []).some((s) => state.situations.has(s)) ? 'taken' : 'not-taken'
}

/** The engine's answer as a cell: 403; 409 or a state's own refusal (`meta.refuses`); accepted or a rule of the transition (422). */
async function answer(work: Promise<unknown>): Promise<Outcome | string> {
  try {
    await work
    return 'taken'
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    if (err.code === 'FORBIDDEN') return 'forbidden'
    if (err.code === 'WRONG_STATE') return 'not-taken'
    if (err.code === 'RULE_REFUSED') return err.details.rules !== undefined || err.details.rule === undefined ? 'taken' : 'not-taken'
    return `${err.code}: ${err.message}`
  }
}

/** The open payload and opener that give the walk's machine input. */
function opening(def: ProcedureDefinition, input: Record<string, unknown>): { payload: Record<string, unknown>; opener: Actor } {
  const { caseId: _c, openedAt: _o, parties, agencies: _a, parent: _p, ...rest } = input as Record<string, unknown> & { parties: Record<string, string> }
  switch (def.name) {
    case 'criminal-transfer':
      return { payload: rest, opener: actorOf(parties['aea']!, ['msa.officer']) }
    case 'judicial-confirmation': {
      const { mediator, ...named } = parties
      return { payload: { ...rest, parties: named }, opener: actorOf(mediator!, [mediator!.startsWith('msa-') ? 'msa.officer' : 'mediator']) }
    }
    case 'credit-listing':
      return { payload: { ...rest, parties: { subject: parties['subject'] } }, opener: actorOf(parties['bureau']!, ['msa.officer']) }
    default:
      return { payload: rest, opener: actorOf(parties['procuratorate']!, ['procurator']) }
  }
}

/** Payload fields the engine adds itself (`assigns`, `number`). */
const withoutEngineFields = (payload: Record<string, unknown>): Record<string, unknown> => {
  const { agencies: _a, caseNumber: _n, ...rest } = payload
  return rest
}

describe.each(PROCEDURES.map((def) => [def.name, def] as const))('real engine, %s', (name, def) => {
  const exp = EXPECTED[name]!
  const states = STATES_OF[name]!()
  let law: LawEngine

  beforeAll(async () => {
    law = await lawEngine('2026-03-02T02:00:00.000Z')
  })
  afterAll(async () => {
    await law.t.drop()
  })

  /** Carries a real case along a walk's path; returns its id. */
  async function drive(target: Reached): Promise<string> {
    const { engine, clock, t } = law
    clock.set(String(target.input['openedAt']))
    const { payload, opener } = opening(def, target.input)
    const { caseId } = await engine.openCase({ procedure: name, payload }, opener)
    for (const step of target.path as MachineEventBase[]) {
      if (step.type.startsWith('xstate.after.')) {
        const timer = await t.db.selectFrom('timers').select(['id', 'due_at']).where('case_id', '=', caseId).where('send_id', '=', step.type).where('status', '=', 'SCHEDULED').executeTakeFirst()
        if (!timer) throw new Error(`${target.label}: no scheduled timer ${step.type}`)
        clock.set(timer.due_at)
        await engine.fireTimer(timer.id)
        continue
      }
      // The walk's instant, but short of any deadline the walk does not let expire here (the
      // pure walk ignores time; the engine would fire that timer first).
      const next = await t.db.selectFrom('timers').select('due_at').where('case_id', '=', caseId).where('status', '=', 'SCHEDULED').orderBy('due_at').executeTakeFirst()
      const at = Date.parse(step.at)
      clock.set(next && at >= new Date(next.due_at).getTime() ? new Date(new Date(next.due_at).getTime() - 1000) : new Date(at))
      if (step.type === 'RECEIPT') {
        const kind = String(step.payload['dispatchKind'])
        const to = String(step.payload['agencyId'])
        const rows = await t.db.selectFrom('outbox').select(['id', 'payload']).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').orderBy('id', 'desc').execute()
        const receipted = new Set(
          (await t.db.selectFrom('case_events').select('payload').where('case_id', '=', caseId).where('type', '=', 'RECEIPT').execute()).map((e) => String((e.payload as { dispatchId?: unknown }).dispatchId)),
        )
        // The dispatch of that kind not yet received, to the agency the walk names when there is one.
        const open = rows.filter((r) => (r.payload as { kind?: string }).kind === kind && !receipted.has(String(r.id)))
        const row = open.find((r) => (r.payload as { agencyId?: string }).agencyId === to) ?? open[0]
        if (!row) throw new Error(`${target.label}: no dispatch ${kind} to receive`)
        await engine.recordReceipt(row.id, clock.now())
        continue
      }
      // The walk's sample actor stands for the command's party; in the real case that party is whoever fills it.
      const parties = (await t.db.selectFrom('cases').select('parties').where('id', '=', caseId).executeTakeFirstOrThrow()).parties as Record<string, string>
      const keys = commandParties(def.commands[step.type]!)
      const agencyId = keys.some((k) => parties[k] === step.actor.agencyId) ? step.actor.agencyId : (keys.map((k) => parties[k]).find((id) => id !== undefined) ?? step.actor.agencyId)
      const actor = { ...step.actor, agencyId, division: divisionOf(agencyId) } as Actor
      await engine.execute(caseId, { type: step.type, payload: withoutEngineFields(step.payload) }, actor)
    }
    // Nothing left due at this instant: the commands below meet the case as it stands.
    await engine.fireDueTimers()
    return caseId
  }

  async function stateOf(caseId: string) {
    const row = await law.t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow()
    const snapshot = restore(machineOf(def), row.snapshot as Record<string, unknown>)
    const dispatches = await law.t.db.selectFrom('outbox').select(sql<string>`payload->>'agencyId'`.as('agency')).where('case_id', '=', caseId).where('job_name', '=', 'dispatch').execute()
    const dispatchedTo = new Set(dispatches.map((d) => d.agency))
    return { row, parties: row.parties as Record<string, string>, open: row.status === 'open', situations: situationsOf(snapshot), dispatchedTo }
  }

  it('answers a sample of every command as the matrix does, over a real case in a state that takes it', async () => {
    const wrong: string[] = []
    const exercised: string[] = []
    const samples = def.name === 'criminal-transfer' ? (await import('../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts')).SAMPLE_PAYLOADS
      : def.name === 'judicial-confirmation' ? (await import('../../workflows/judicial-confirmation/src/judicial-confirmation.fixtures.ts')).SAMPLE_PAYLOADS
        : def.name === 'credit-listing' ? (await import('../../workflows/credit-listing/src/credit-listing.fixtures.ts')).SAMPLE_PAYLOADS
          : (await import('../../workflows/transfer-supervision/src/transfer-supervision.fixtures.ts')).SAMPLE_PAYLOADS
    const payloadOf = (type: string) => withoutEngineFields(samples[type]?.[0] ?? {})

    for (const [type, cmd] of Object.entries(exp.commands)) {
      if (cmd.parties.includes('system')) continue
      // The shortest walk to a state that takes the command from its own party.
      const target = states
        .filter((s) => s.snapshot.status === 'active')
        .filter((s) => expectedCell(cmd, actorOf(exp.parties[cmd.parties[0]!]!, cmd.roles), exp.parties, { open: true, situations: situationsOf(s.snapshot) }) === 'taken')
        .sort((a, b) => a.path.length - b.path.length)[0]
      if (!target) {
        wrong.push(`${type}: no reachable state takes it`)
        continue
      }
      const caseId = await drive(target)
      const state = await stateOf(caseId)
      const rightAgency = cmd.parties.map((k) => state.parties[k]).find((id) => id !== undefined) ?? exp.parties[cmd.parties[0]!]!
      const otherParty = Object.values(state.parties).find((id) => !cmd.parties.some((k) => state.parties[k] === id))
      const wrongRole = ROLES.find((r) => !cmd.roles.includes(r) && r !== 'system')!
      const probes: Array<{ who: string; actor: Actor; type: string }> = [
        { who: `wrong role ${wrongRole}`, actor: actorOf(rightAgency, [wrongRole]), type },
        ...(otherParty ? [{ who: 'another party', actor: actorOf(otherParty, cmd.roles), type }] : []),
        { who: 'stranger of the division', actor: actorOf(exp.strangers[0]!, cmd.roles), type },
        { who: 'another city', actor: actorOf(otherCity(rightAgency), cmd.roles), type },
      ]
      // A command this state does not take, from its own party: 409 (or the state's own 422).
      const idle = Object.entries(exp.commands).find(([t, c]) => {
        if (c.parties.includes('system') || t === type) return false
        const agency = c.parties.map((k) => state.parties[k]).find((id) => id !== undefined)
        return agency !== undefined && expectedCell(c, actorOf(agency, c.roles), state.parties, state, exp.readAfterDispatch) === 'not-taken'
      })
      if (idle) probes.push({ who: 'its own party, a command the state does not take', actor: actorOf(idle[1].parties.map((k) => state.parties[k]).find((id) => id !== undefined)!, idle[1].roles), type: idle[0] })
      probes.push({ who: 'its own party', actor: actorOf(rightAgency, cmd.roles), type })

      for (const probe of probes) {
        const now = await stateOf(caseId)
        const expected = expectedCell(exp.commands[probe.type]!, probe.actor, now.parties, now, exp.readAfterDispatch)
        const actual = await answer(law.engine.execute(caseId, { type: probe.type, payload: payloadOf(probe.type) }, probe.actor))
        if (actual !== expected) wrong.push(`${probe.type} by ${probe.who} (${probe.actor.roles.join(',')}@${probe.actor.agencyId}) in ${[...now.situations].join('+')}: law ${expected}, engine ${actual}`)
        if (probe.who === 'its own party' && actual === 'taken') exercised.push(type)
      }
    }
    expect(wrong).toEqual([])
    // Every command was answered by the law (accepted, or refused by one of its rules) at least once.
    expect(Object.keys(exp.commands).filter((t) => t !== 'RECEIPT' && !exercised.includes(t))).toEqual([])
  })
})
