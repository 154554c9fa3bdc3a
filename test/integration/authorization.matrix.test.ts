// The authorization matrix of every procedure, cell by cell: command × role (every role of
// packages/domain) × the actor's agency (the party that must send it, another party of the
// case, a stranger agency of the same division, the same kind of agency in another city) ×
// every reachable state. The expected cell comes from authorization.expected.ts (the law);
// the actual one from the engine's own decision: policy.ts `authorizeCommand`, then whether
// the state takes the command (machine.ts `handledEventTypes`, what the engine's 409 rests
// on). Read access and personal data the same way. A self-check proves one flipped cell or
// one loosened rule would be noticed. The same decisions over real PostgreSQL cases:
// authorization.engine.test.ts.
import { describe, expect, it } from 'vitest'
import { AppError, divisionWithin, ROLES, type Actor, type CommandSpec, type ProcedureDefinition, type Role } from '@xianjie/domain'
import { PROCEDURES } from '@xianjie/engine'
import { authorizeCommand, canRead, personalDataAccess } from '../../packages/engine/src/policy.ts'
import { handledEventTypes } from '../../packages/engine/src/machine.ts'
import { EXPECTED, type ExpectedCommand, type ExpectedProcedure } from './authorization.expected.ts'
import { situationsOf, STATES_OF, type Reached } from './authorization.states.ts'

type Outcome = 'forbidden' | 'taken' | 'not-taken'
type Membership = 'party' | 'other-party' | 'stranger' | 'other-city'

interface Seat {
  membership: Membership
  agencyId: string
}

/** A state as the matrix sees it: open or closed, its DOMAIN situations, the commands it takes. */
interface StateInfo {
  label: string
  open: boolean
  situations: Set<string>
  handled: Set<string>
}

interface Cell {
  procedure: string
  command: string
  role: Role
  seat: Seat
  state: string
  expected: Outcome
  actual: Outcome
}

const divisionOf = (agencyId: string): string => /-(\d{6})(?:-\d+)?$/.exec(agencyId)?.[1] ?? '000000'

/** The agency of the same kind in 济南 (370100, a district of it for a county-level one). */
const otherCity = (agencyId: string): string => agencyId.replace(/-(\d{6})/, (_, d: string) => `-${d.endsWith('00') ? '370100' : '370103'}`)

const actorOf = (agencyId: string, role: Role): Actor => ({ userId: `${agencyId}.${role}`, agencyId, division: divisionOf(agencyId), roles: [role] })

/** The seats a command's matrix tries: the right party, every other party, strangers, another city. */
function seatsOf(exp: ExpectedProcedure, cmd: ExpectedCommand): Seat[] {
  const right = [...new Set(cmd.parties.flatMap((key) => (exp.parties[key] ? [exp.parties[key]] : [])))]
  const others = [...new Set(Object.values(exp.parties))].filter((id) => !right.includes(id))
  const cities = [...new Set((right.length ? right : Object.values(exp.parties)).map(otherCity))]
  return [
    ...right.map((agencyId) => ({ membership: 'party' as const, agencyId })),
    ...others.map((agencyId) => ({ membership: 'other-party' as const, agencyId })),
    ...exp.strangers.map((agencyId) => ({ membership: 'stranger' as const, agencyId })),
    ...cities.map((agencyId) => ({ membership: 'other-city' as const, agencyId })),
  ]
}

/** The law's cell. */
function expectedCell(cmd: ExpectedCommand, role: Role, seat: Seat, state: StateInfo): Outcome {
  const system = cmd.parties.includes('system')
  const allowed = system ? role === 'system' : cmd.roles.includes(role) && seat.membership === 'party'
  if (!allowed) return 'forbidden'
  if (!state.open) return 'not-taken'
  const inside = cmd.in.includes('*') || cmd.in.some((s) => state.situations.has(s))
  const excepted = (cmd.notIn ?? []).some((s) => state.situations.has(s))
  return inside && !excepted ? 'taken' : 'not-taken'
}

/**
 * The engine's decision in its two parts: the policy (403), which reads the actor and the case's
 * parties and never the state, and whether the state takes the command (else 409). A cell is
 * forbidden, taken or not taken as engine.ts `execute` decides it: policy first, then state.
 */
interface Decision {
  allows(def: ProcedureDefinition, spec: CommandSpec, actor: Actor, parties: Record<string, string>): boolean
  takes(spec: CommandSpec, state: StateInfo): boolean
}

const ENGINE: Decision = {
  allows(def, spec, actor, parties) {
    try {
      authorizeCommand(def, spec, actor, { parties })
      return true
    } catch (err) {
      if (err instanceof AppError && err.code === 'FORBIDDEN') return false
      throw err
    }
  },
  takes: (spec, state) => state.open && state.handled.has(spec.type),
}

const STATES = new Map<string, StateInfo[]>()
function statesOf(procedure: string): StateInfo[] {
  let states = STATES.get(procedure)
  if (!states) {
    states = STATES_OF[procedure]!().map((r: Reached) => ({
      label: r.label,
      open: r.snapshot.status === 'active',
      situations: situationsOf(r.snapshot),
      handled: r.snapshot.status === 'active' ? handledEventTypes(r.snapshot) : new Set<string>(),
    }))
    STATES.set(procedure, states)
  }
  return states
}

/** Every cell of one procedure (or of one command) under a decision: command × role × seat × state. */
function matrix(def: ProcedureDefinition, decision: Decision, only?: string): Cell[] {
  const exp = EXPECTED[def.name]!
  const states = statesOf(def.name)
  const cells: Cell[] = []
  for (const [type, cmd] of Object.entries(exp.commands)) {
    if (only !== undefined && type !== only) continue
    const spec = def.commands[type]!
    const takes = states.map((state) => decision.takes(spec, state))
    for (const role of ROLES) {
      for (const seat of seatsOf(exp, cmd)) {
        const allowed = decision.allows(def, spec, actorOf(seat.agencyId, role), exp.parties)
        states.forEach((state, i) => {
          cells.push({
            procedure: def.name,
            command: type,
            role,
            seat,
            state: state.label,
            expected: expectedCell(cmd, role, seat, state),
            actual: !allowed ? 'forbidden' : takes[i] ? 'taken' : 'not-taken',
          })
        })
      }
    }
  }
  return cells
}

const ENGINE_CELLS = new Map<string, Cell[]>()
const engineCells = (def: ProcedureDefinition): Cell[] => {
  let cells = ENGINE_CELLS.get(def.name)
  if (!cells) ENGINE_CELLS.set(def.name, (cells = matrix(def, ENGINE)))
  return cells
}

/** The comparison every check uses: the cells where expected and actual differ. */
const mismatches = (cells: readonly Cell[]): Cell[] => cells.filter((c) => c.expected !== c.actual)

const show = (c: Cell) => `${c.procedure} ${c.command} by ${c.role}@${c.seat.agencyId} (${c.seat.membership}) in ${c.state}: law ${c.expected}, engine ${c.actual}`

describe.each(PROCEDURES.map((def) => [def.name, def] as const))('authorization matrix of %s', (name, def) => {
  const exp = EXPECTED[name]!

  it('has an expected row for every command the procedure declares, and no other', () => {
    expect(Object.keys(exp.commands).sort()).toEqual(Object.keys(def.commands).sort())
  })

  it('reaches every state the expected matrix names, so no row is vacuous', () => {
    const shown = new Set(statesOf(name).flatMap((s) => [...s.situations]))
    const named = Object.values(exp.commands).flatMap((c) => [...c.in, ...(c.notIn ?? [])]).filter((s) => s !== '*')
    expect(named.filter((s) => !shown.has(s))).toEqual([])
    // …and every command is taken somewhere, by someone.
    const cells = engineCells(def)
    const taken = new Set(cells.filter((c) => c.actual === 'taken').map((c) => c.command))
    expect(Object.keys(exp.commands).filter((t) => !taken.has(t))).toEqual([])
  })

  it('decides every cell as the law does', () => {
    const cells = engineCells(def)
    expect(cells.length).toBeGreaterThan(1000)
    expect(mismatches(cells).map(show).slice(0, 40)).toEqual([])
  })

  it('would notice any single cell flipped, and any rule loosened (self-check)', () => {
    const cells = engineCells(def)
    // Flip each expected cell in turn: the comparison must report exactly that cell.
    const flip = (o: Outcome): Outcome => (o === 'taken' ? 'forbidden' : 'taken')
    let noticed = 0
    for (const cell of cells) {
      const found = mismatches([{ ...cell, expected: flip(cell.expected) }])
      if (found.length === 1 && found[0]!.command === cell.command) noticed++
    }
    expect(noticed).toBe(cells.length)

    // Loosen the engine's decision one rule at a time: each mutant must disagree somewhere.
    const mutants: Record<string, Decision> = {
      'any agency with the role': { ...ENGINE, allows: (d, spec, actor, parties) => ENGINE.allows(d, spec, actor, Object.fromEntries(Object.keys(parties).map((k) => [k, actor.agencyId]))) },
      'any role of the right agency': { ...ENGINE, allows: (d, spec, actor, parties) => ENGINE.allows(d, spec, { ...actor, roles: [...spec.roles] }, parties) },
      'supervisors send anything': { ...ENGINE, allows: (d, spec, actor, parties) => actor.roles.includes('supervisor') || ENGINE.allows(d, spec, actor, parties) },
      'any state': { ...ENGINE, takes: () => true },
      'no state': { ...ENGINE, takes: () => false },
    }
    for (const [mutant, decision] of Object.entries(mutants)) {
      expect(mismatches(matrix(def, decision)).length, mutant).toBeGreaterThan(0)
    }
    // One command at a time: one more role than the law gives it, or one state more or fewer, must be noticed.
    const states = statesOf(name)
    for (const [type, cmd] of Object.entries(exp.commands)) {
      if (!cmd.parties.includes('system')) {
        const extra = ROLES.find((r) => !cmd.roles.includes(r) && r !== 'system')!
        const widened: Decision = { ...ENGINE, allows: (d, spec, actor, parties) => ENGINE.allows(d, spec.type === type ? { ...spec, roles: [...spec.roles, extra] } : spec, actor, parties) }
        expect(mismatches(matrix(def, widened, type)).length, `${type} + ${extra}`).toBeGreaterThan(0)
      }
      for (const i of [0, states.length - 1, Math.floor(states.length / 2)]) {
        const moved: Decision = { ...ENGINE, takes: (spec, state) => (spec.type === type && state === states[i] ? !ENGINE.takes(spec, state) : ENGINE.takes(spec, state)) }
        expect(mismatches(matrix(def, moved, type)).length, `${type} in ${states[i]!.label}`).toBeGreaterThan(0)
      }
    }
  })

  it('reads: participants, the parties a case reached, supervisors of the jurisdiction; never partners or strangers', () => {
    const seats = [...new Set([...Object.values(exp.parties), ...exp.strangers, ...Object.values(exp.parties).map(otherCity)])]
    const supervisorDivisions = [exp.jurisdiction, `${exp.jurisdiction.slice(0, 2)}0000`, '370100', '370000']
    const wrong: string[] = []
    let cells = 0
    for (const role of ROLES) {
      const actors = [
        ...seats.map((agencyId) => actorOf(agencyId, role)),
        ...(role === 'supervisor' ? supervisorDivisions.map((division) => ({ ...actorOf(`government-${division}`, role), division })) : []),
      ]
      for (const actor of actors) {
        for (const dispatched of [false, true]) {
          const keys = Object.entries(exp.parties).filter(([, id]) => id === actor.agencyId).map(([k]) => k)
          const readable = keys.filter((k) => !exp.neverRead.includes(k))
          const expected =
            role === 'system' ||
            (role === 'supervisor' && divisionWithin(exp.jurisdiction, actor.division)) ||
            (role !== 'partner' && readable.length > 0 && (readable.some((k) => !exp.readAfterDispatch.includes(k)) || dispatched))
          const actual = canRead(actor, { parties: exp.parties, jurisdiction: exp.jurisdiction }, def, new Set(dispatched ? [actor.agencyId] : []))
          cells++
          if (actual !== expected) wrong.push(`${role}@${actor.agencyId} (${actor.division}) dispatched=${dispatched}: law ${expected}, engine ${actual}`)
        }
      }
    }
    expect(cells).toBeGreaterThan(100)
    expect(wrong).toEqual([])
  })

  it('shows personal data in full only to the roles and parties that work the case', () => {
    const wrong: string[] = []
    for (const role of ROLES) {
      for (const agencyId of [...new Set([...Object.values(exp.parties), ...exp.strangers])]) {
        const actor = actorOf(agencyId, role)
        const keys = Object.entries(exp.parties).filter(([, id]) => id === agencyId).map(([k]) => k)
        const expected = role === 'system' || (role !== 'partner' && keys.some((k) => exp.personalData[k]?.includes(role)))
        const actual = personalDataAccess(name, actor, { parties: exp.parties }).full
        if (actual !== expected) wrong.push(`${role}@${agencyId}: law ${expected}, engine ${actual}`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('supervisors', () => {
  it('send no command but the one DOMAIN.md gives the superior government (责令限期移送, R310 art. 16)', () => {
    const sendable: string[] = []
    for (const def of PROCEDURES) {
      const exp = EXPECTED[def.name]!
      for (const [type, cmd] of Object.entries(exp.commands)) {
        const actual = engineCells(def).filter((c) => c.command === type && c.role === 'supervisor' && c.actual !== 'forbidden')
        if (actual.length > 0) sendable.push(`${def.name} ${type} from ${[...new Set(actual.map((c) => c.seat.agencyId))].join(',')}`)
        expect(cmd.roles.includes('supervisor')).toBe(actual.length > 0)
      }
    }
    expect(sendable).toEqual(['criminal-transfer ORDER_TRANSFER from government-620400'])
  })
})
