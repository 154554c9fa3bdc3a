import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import {
  AppError,
  enclosingDivisions,
  isAppError,
  SYSTEM_ACTOR,
  type Actor,
  partyKinds,
  type AgencyFacts,
  type AlertParams,
  type CommandSpec,
  type DispatchParams,
  type DocumentParams,
  type ParentFacts,
  type StateMetaBase,
  type MachineEventBase,
  type ProcedureDefinition,
  type TimerRule,
  type TimerStatus,
  type Bilingual,
} from '@xianjie/domain'
import type { CaseRow, CommandRow, Database, TimerRow } from '@xianjie/db'
import { canonicalJson, eventHash, GENESIS_HASH, sha256Hex } from './canonical.ts'
import {
  activeStateIds,
  endOf,
  guardNamesFor,
  handledEventTypes,
  initialTransition,
  machineOf,
  persist,
  restore,
  stateIdOfSendId,
  timerNameOfSendId,
  transition,
  type AnyMachineSnapshot,
} from './machine.ts'
import { authorizeCommand, authorizeOpen, forbiddenRead, readAccess } from './policy.ts'
import { mayRead } from './views.ts'
import { createReads } from './read.ts'
import { systemClock, type Clock, type CommandInput, type CommandResult, type Engine, type OpenInput, type ReceiptResult } from './types.ts'
import { validatePayload } from './validate.ts'
import { replayCase, verifyAll, verifyCase } from './integrity.ts'
import { anchorDay, anchorYesterday, verifyAnchors } from './anchors.ts'
import { createDocuments } from './documents.ts'
import { createSupervision, supervisionIndex } from './supervision.ts'
import { createReports } from './report.ts'

/** Computes the legal due instant of a period (packages/calendar satisfies this). */
export interface DueCalculator {
  due(startIso: string, rule: { duration: number; unit: TimerRule['unit']; rollOnHoliday: boolean }): {
    dueAt: string
    provisional: boolean
    statutoryDueAt?: string
  }
}

export interface EngineDeps {
  db: Kysely<Database>
  procedures: ProcedureDefinition[]
  calendar: DueCalculator
  clock?: Clock
}

/** The payload of a `dispatch` outbox row (ids and titles only, never personal data). */
export interface DispatchPayload {
  caseId: string
  seq: number
  kind: string
  title: Bilingual
  task: string | null
  stateId: string
  dueAt: string | null
  dueTimer: string | null
  agencyId: string
  source?: string
}

type Trx = Transaction<Database>

interface StartedTimer {
  id: string
  name: string
  dueAt: string
  stateId: string
}

/** A task to open in the same statement as the event (a receipt's). */
interface NewTask {
  agency_id: string
  kind: string
  title: string
  state_id: string
  dispatch_id: string
  opened_at: string
  due_at: string | null
}

/** An answer to remember under an idempotency key, written with the event. */
interface Remember {
  actorId: string
  key: string
  requestHash: string
  status: number
}

interface ScheduledTimer {
  id: string
  name: string
  send_id: string
  due_at: string
  expiry: TimerRule['expiry']
}

/** A case as one read sees it; a write succeeds only if the case is still at `row.version`. */
interface CaseState {
  row: CaseRow
  /** A scheduled timer of the case is already due: fire it before anything else. */
  hasDue: boolean
  prior: CommandRow | null
  /** The case's scheduled timers, oldest due first. */
  scheduled: ScheduledTimer[]
}

/** Retries of a command that lost a race with another event on the same case. */
const MAX_ATTEMPTS = 8

/** A short random pause before retrying a lost race, growing with the attempt, so racers spread out. */
const backoff = (attempt: number): Promise<void> =>
  attempt === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt))

const STATUS = { opened: 201, applied: 200, notRecorded: 204 } as const
const SNAPSHOT_CACHE_SIZE = 2_000


/**
 * A deadlock or serialization failure: PostgreSQL aborted this write so that another could go
 * on (two events finishing steps of the same supervision rollup groups in opposite order, say).
 * Nothing was written; the caller decides again from a fresh read, like any lost race.
 */
const isTransientConflict = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && ['40P01', '40001'].includes((err as { code?: string }).code ?? '')

const isUniqueViolation = (err: unknown, constraint: string): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505' && (err as { constraint?: string }).constraint === constraint

/** Builds the engine over one database. Every write goes through `writeEvent`, in one transaction. */
export function createEngine(deps: EngineDeps): Engine {
  const { db, calendar } = deps
  const clock = deps.clock ?? systemClock
  const procedures = new Map(deps.procedures.map((p) => [p.name, p]))
  // Restoring a snapshot from JSON is the engine's main CPU cost; a version names one
  // snapshot for ever, so snapshots are kept by case and version (any process may write).
  const snapshots = new Map<string, AnyMachineSnapshot>()

  function procedureOf(name: string): ProcedureDefinition {
    const def = procedures.get(name)
    if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${name} is not registered`)
    return def
  }

  function snapshotOf(def: ProcedureDefinition, row: CaseRow): AnyMachineSnapshot {
    const key = `${row.id}@${row.version}`
    const cached = snapshots.get(key)
    if (cached) return cached
    return restore(machineOf(def), row.snapshot as Record<string, unknown>)
  }

  function cacheSnapshot(row: CaseRow, snapshot: AnyMachineSnapshot): void {
    snapshots.set(`${row.id}@${row.version}`, snapshot)
    if (snapshots.size > SNAPSHOT_CACHE_SIZE) snapshots.delete(snapshots.keys().next().value!)
  }

  /**
   * Reads the case, its scheduled timers, whether one is already due and whether this
   * idempotency key was answered before, in one round trip and without a lock: the write
   * that follows succeeds only if the case has not moved on (optimistic concurrency).
   */
  async function loadState(executor: Kysely<Database>, caseId: string, check: { now?: Date; actorId?: string; key?: string } = {}): Promise<CaseState> {
    const { rows } = await sql<{ r: { case: CaseRow; scheduled: ScheduledTimer[]; prior: CommandRow | null } | null }>`
      select xj_load_case(${caseId}::uuid, ${check.actorId ?? null}, ${check.key ?? null}) as r`.execute(executor)
    const loaded = rows[0]?.r
    if (!loaded) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
    const c = loaded.case
    const row: CaseRow = {
      ...c,
      opened_at: new Date(c.opened_at),
      updated_at: new Date(c.updated_at),
      closed_at: c.closed_at === null ? null : new Date(c.closed_at),
    }
    const now = check.now ?? null
    return {
      row,
      hasDue: now !== null && loaded.scheduled.some((t) => new Date(t.due_at) <= now),
      prior: loaded.prior,
      scheduled: loaded.scheduled,
    }
  }

  async function findCommand(actorId: string, key: string): Promise<CommandRow | undefined> {
    return db.selectFrom('commands').selectAll().where('actor_id', '=', actorId).where('idempotency_key', '=', key).executeTakeFirst()
  }

  /** The stored answer for a repeated request, or a refusal when the key was used for another. */
  function replayOf(prior: Pick<CommandRow, 'request_hash' | 'response'>, requestHash: string, key: string): CommandResult {
    if (prior.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', `idempotency key ${key} was already used with a different request`, {
        details: { messageZh: '该幂等键已用于另一个不同的请求' },
      })
    }
    return { ...(prior.response as unknown as CommandResult), replayed: true }
  }

  /**
   * Appends one event: the timers it starts and ends, its dispatches and alerts, the
   * hash-chained event row, the snapshot, the outbox, task closing, and (optionally) a new
   * task and the idempotent answer, in one statement. The caller holds the case row lock.
   */
  async function writeEvent(
    executor: Kysely<Database>,
    def: ProcedureDefinition,
    state: Pick<CaseState, 'row' | 'scheduled'>,
    w: {
      event: MachineEventBase
      actor: Actor
      next: AnyMachineSnapshot
      actions: Array<{ type: string; params?: unknown }>
      firedTimer?: TimerRow
      extraFacts?: Record<string, unknown>
      remember?: Remember
      newTask?: (stateAfter: string[], started: StartedTimer[]) => Omit<NewTask, 'opened_at'> | null
      /** A number the command gave the case (CommandSpec.number), allocated in the caller's transaction. */
      caseNumber?: string
    },
  ): Promise<{ result: CommandResult; taskId: string | null } | null> {
    const machine = machineOf(def)
    const row = state.row
    const seq = row.version + 1
    const caseId = row.id
    const context = (w.next.context ?? {}) as Record<string, unknown>
    // A machine that names parties after the case opened keeps them in `context.parties`:
    // this event's dispatches already go to them, and the case row follows.
    const parties = partiesOf(context) ?? (row.parties as Record<string, string>)
    const partiesChanged = canonicalJson(parties) !== canonicalJson(row.parties)
    const caseNumber = w.caseNumber ?? row.case_number
    // The public register follows the procedure's `publicRecords` of the context, in the same statement.
    const previousContext = (row.snapshot as { context?: unknown } | null)?.context
    const publicRecords = def.publicRecords ? def.publicRecords(context) : null
    const publicChanged = publicRecords !== null && canonicalJson(publicRecords) !== canonicalJson(previousContext ? def.publicRecords!(previousContext) : [])
    const stateBefore = row.state_ids
    const stateAfter = activeStateIds(w.next)
    const at = w.event.at
    const started: StartedTimer[] = []
    const timersEnded: Array<{ id: string; name: string; status: TimerStatus }> = []
    const dispatches: Array<{ to: string; agencyId: string; kind: string; task: string | null }> = []
    const alerts: Array<{ to: string; agencyId: string | null; timer: string; source: string }> = []
    const timerRows: Array<Record<string, unknown>> = []
    const outbox: Array<{ queue: string; job_name: string; payload: Record<string, unknown> }> = []
    const documents: Array<{ kind: string; name: string; sha256: string; media_type: string; text: string }> = []

    // Timers first: a dispatch may take its task deadline from a timer started by the same event.
    for (const action of w.actions) {
      if (action.type !== 'xstate.raise') continue
      const params = action.params as { id?: string; delay?: number }
      if (params.delay === undefined || !params.id) continue
      const name = timerNameOfSendId(params.id)
      const rule = name ? def.timers[name] : undefined
      if (!name || !rule) throw new Error(`procedure ${def.name}: delayed event ${params.id} names no timer rule`)
      const anchor = rule.anchor ? context[rule.anchor] : undefined
      const start = typeof anchor === 'string' ? anchor : at
      const due = calendar.due(start, rule)
      const id = `${caseId}.${name}.${seq}`
      const stateId = stateIdOfSendId(machine, params.id)
      timerRows.push({
        id,
        name,
        send_id: params.id,
        state_id: stateId,
        owner_agency_id: parties[rule.owner] ?? null,
        started_at: start,
        due_at: due.dueAt,
        statutory_due_at: due.statutoryDueAt ?? null,
        provisional: due.provisional,
        rule,
      })
      started.push({ id, name, dueAt: due.dueAt, stateId })
      outbox.push({ queue: 'timers', job_name: 'timer.fire', payload: { timerId: id, caseId, dueAt: due.dueAt } })
    }

    // Cancels: the state that owned a deadline was left in time (a duty done, a right used).
    // Leaving the state of a timer that just fired cancels it too; it ends as fired, below.
    const cancelled = new Set(w.actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId))
    for (const t of state.scheduled) {
      if (!cancelled.has(t.send_id) || t.id === w.firedTimer?.id) continue
      timersEnded.push({ id: t.id, name: t.name, status: t.expiry === 'DUTY' || t.expiry === 'RIGHT' ? 'MET' : 'CANCELLED' })
    }

    if (w.firedTimer) {
      const rule = w.firedTimer.rule as unknown as TimerRule
      const firedStatus: TimerStatus = rule.expiry === 'DUTY' ? 'OVERDUE_DUTY' : rule.expiry === 'RIGHT' ? 'EXPIRED_RIGHT_LOST' : 'ELAPSED'
      timersEnded.push({ id: w.firedTimer.id, name: w.firedTimer.name, status: firedStatus })
    }

    for (const action of w.actions) {
      if (action.type === 'dispatch') {
        const p = action.params as DispatchParams
        const agencyId = p.agencyId ?? parties[p.to]
        if (!agencyId) throw new Error(`procedure ${def.name}: dispatch to unknown party ${p.to}`)
        const payload: DispatchPayload = {
          caseId,
          seq,
          kind: p.kind,
          title: p.title,
          task: p.task ?? null,
          stateId: taskStateId(stateAfter, p, started),
          dueAt: p.dueTimer ? (started.find((t) => t.name === p.dueTimer)?.dueAt ?? null) : null,
          dueTimer: p.dueTimer ?? null,
          agencyId,
          ...(p.source ? { source: p.source } : {}),
        }
        outbox.push({ queue: `agency.${agencyId}`, job_name: 'dispatch', payload: payload as unknown as Record<string, unknown> })
        dispatches.push({ to: p.to, agencyId, kind: p.kind, task: p.task ?? null })
      } else if (action.type === 'document') {
        const p = action.params as DocumentParams
        const render = def.documents?.[p.kind]
        if (!render) throw new Error(`procedure ${def.name}: document effect names no renderer ${p.kind}`)
        const doc = render(context, { caseId, caseNumber, at })
        const sha256 = sha256Hex(doc.text)
        documents.push({ kind: p.kind, name: doc.name, sha256, media_type: doc.mediaType, text: doc.text })
      } else if (action.type === 'alert') {
        const p = action.params as AlertParams
        const agencyId = parties[p.to] ?? (await supervisorAgency(executor, row.jurisdiction))
        outbox.push({ queue: 'notify', job_name: 'alert', payload: { caseId, seq, timer: p.timer, toAgencyId: agencyId, reason: p.reason, source: p.source } })
        alerts.push({ to: p.to, agencyId, timer: p.timer, source: p.source })
      }
    }

    const facts: Record<string, unknown> = { ...(w.extraFacts ?? {}), actorRoles: w.event.actor.roles }
    if (started.length) facts.timersStarted = started
    if (timersEnded.length) facts.timersEnded = timersEnded
    if (dispatches.length) facts.dispatches = dispatches
    if (alerts.length) facts.alerts = alerts
    if (documents.length) facts.documents = documents.map((d) => ({ kind: d.kind, name: d.name, sha256: d.sha256 }))
    if (partiesChanged) facts.parties = parties
    if (publicChanged) facts.publicRecords = publicRecords
    if (w.caseNumber) facts.caseNumber = w.caseNumber
    if (w.firedTimer) facts.timer = { id: w.firedTimer.id, name: w.firedTimer.name, dueAt: new Date(w.firedTimer.due_at).toISOString() }

    const hash = eventHash({
      caseId,
      seq,
      type: w.event.type,
      actorId: w.actor.userId,
      agencyId: w.actor.agencyId,
      payload: w.event.payload,
      facts,
      occurredAt: at,
      stateBefore,
      stateAfter,
      prevHash: row.head_hash,
    })
    const done = w.next.status === 'done'
    const status = done ? 'closed' : 'open'
    const snapshotJson = persist(machine, w.next)
    const caseIndex = supervisionIndex(def, seq === 1, parties[def.open.party] ?? w.actor.agencyId, previousContext, context, done ? endOf(w.next) : null)
    const refusal = refusalOf(def, w.event)
    const result: CommandResult = {
      caseId,
      caseNumber,
      version: seq,
      stateIds: stateAfter,
      status,
      event: { seq, type: w.event.type, occurredAt: at },
      replayed: false,
    }
    const task = w.newTask?.(stateAfter, started) ?? null
    const tasks: NewTask[] = task ? [{ ...task, opened_at: at }] : []
    const commands = w.remember
      ? [{ actor_id: w.remember.actorId, idempotency_key: w.remember.key, request_hash: w.remember.requestHash, status_code: w.remember.status, response: result }]
      : []

    // One statement, atomic by itself (xj_append_event, migration 0003): it writes only if
    // the case is still at the version this event was decided on, else nothing at all.
    let written
    try {
      written = await sql<{ r: { taskId: string | null } | null }>`
      select xj_append_event(${JSON.stringify({
        caseId,
        seq,
        at,
        type: w.event.type,
        actorId: w.actor.userId,
        agencyId: w.actor.agencyId,
        payload: w.event.payload,
        facts,
        stateBefore,
        stateAfter,
        prevHash: row.head_hash,
        hash,
        snapshot: snapshotJson,
        status,
        done,
        outbox,
        timers: timerRows,
        timersEnded,
        tasks,
        commands,
        documents,
        ...(partiesChanged ? { parties } : {}),
        ...(publicChanged ? { publicRecords } : {}),
        ...(w.caseNumber ? { caseNumber: w.caseNumber } : {}),
        ...(caseIndex ? { caseIndex } : {}),
        ...(refusal ? { refusal } : {}),
      })}::jsonb) as r`.execute(executor)
    } catch (err) {
      // Inside a caller's transaction the abort is the caller's to handle (applyNumbered).
      if (!executor.isTransaction && isTransientConflict(err)) return null
      throw err
    }
    const out = written.rows[0]?.r
    if (!out) return null

    // Keep the in-memory state current for a following event.
    row.version = seq
    row.head_hash = hash
    row.state_ids = stateAfter
    row.snapshot = snapshotJson as never
    row.status = status
    row.parties = parties
    row.case_number = caseNumber
    const endedIds = new Set(timersEnded.map((t) => t.id))
    state.scheduled = [
      ...state.scheduled.filter((t) => !endedIds.has(t.id)),
      ...timerRows.map((t) => ({ id: String(t.id), name: String(t.name), send_id: String(t.send_id), due_at: String(t.due_at), expiry: (t.rule as TimerRule).expiry })),
    ].sort((a, b) => Date.parse(a.due_at) - Date.parse(b.due_at) || (a.id < b.id ? -1 : 1))
    cacheSnapshot(row, w.next)
    return { result, taskId: out.taskId }
  }

  async function supervisorAgency(executor: Kysely<Database>, jurisdiction: string): Promise<string | null> {
    const gov = await executor.selectFrom('agencies').select('id').where('kind', '=', 'government').where('division_code', '=', jurisdiction).executeTakeFirst()
    return gov?.id ?? null
  }

  async function applyEvent(
    executor: Kysely<Database>,
    def: ProcedureDefinition,
    state: Pick<CaseState, 'row' | 'scheduled'>,
    event: MachineEventBase,
    actor: Actor,
    options: Omit<Parameters<typeof writeEvent>[3], 'event' | 'actor' | 'next' | 'actions'> = {},
  ) {
    const before = snapshotOf(def, state.row)
    const [next, actions] = transition(machineOf(def), before, event as never)
    return writeEvent(executor, def, state, { ...options, event, actor, next, actions: actions as Array<{ type: string; params?: unknown }> })
  }

  /**
   * Fires one scheduled timer against the state just read. Returns the result, `null` when
   * the machine no longer takes it (the timer is then cancelled), or 'conflict'.
   */
  async function fireOne(def: ProcedureDefinition, state: CaseState, timerId: string): Promise<CommandResult | null | 'conflict'> {
    const timer = await db.selectFrom('timers').selectAll().where('id', '=', timerId).executeTakeFirst()
    if (!timer || timer.status !== 'SCHEDULED') return null
    const snapshot = snapshotOf(def, state.row)
    const event: MachineEventBase = {
      type: timer.send_id,
      // The law's instant: the period ended at its due time, whenever the scheduler noticed.
      at: new Date(timer.due_at).toISOString(),
      actor: { userId: SYSTEM_ACTOR.userId, agencyId: SYSTEM_ACTOR.agencyId, roles: ['system'] },
      payload: {},
    }
    if (!snapshot.can(event as never)) {
      await db.updateTable('timers').set({ status: 'CANCELLED', ended_at: clock.now() }).where('id', '=', timer.id).where('status', '=', 'SCHEDULED').execute()
      return null
    }
    const rule = timer.rule as unknown as TimerRule
    const written = await applyEvent(db, def, state, event, SYSTEM_ACTOR, {
      firedTimer: timer,
      extraFacts: { source: rule.source, expiry: rule.expiry },
    })
    return written ? written.result : 'conflict'
  }

  /** Fires the timers of one case that are due by `now` (or up to and including `only`), oldest first. */
  async function fireDueOf(caseId: string, now: Date, only?: string): Promise<{ fired: number; result: CommandResult | null }> {
    let fired = 0
    let result: CommandResult | null = null
    let conflicts = 0
    while (conflicts < MAX_ATTEMPTS) {
      const state = await loadState(db, caseId)
      const def = procedureOf(state.row.procedure)
      const onlyTimer = only ? state.scheduled.find((t) => t.id === only) : undefined
      if (only && !onlyTimer) return { fired, result }
      const limit = onlyTimer ? new Date(onlyTimer.due_at) : now
      const next = state.scheduled.find((t) => new Date(t.due_at) <= limit)
      if (!next) return { fired, result }
      const outcome = await fireOne(def, state, next.id)
      if (outcome === 'conflict') {
        await backoff(++conflicts)
        continue
      }
      if (outcome) {
        fired++
        if (next.id === only) result = outcome
      }
      if (next.id === only) return { fired, result }
    }
    throw new AppError('CONFLICT', `case ${caseId} kept changing while its due timers fired; retry`)
  }

  const requestHashOf = (parts: unknown): string => sha256Hex(canonicalJson(parts))

  /**
   * Runs a keyed request; a concurrent twin that wins the race makes this one fail on the
   * commands key or on the new state, and then the twin's stored answer is returned.
   */
  async function idempotent(actor: Actor, key: string | undefined, requestHash: string, run: () => Promise<CommandResult>): Promise<CommandResult> {
    try {
      return await run()
    } catch (err) {
      if (key && (isUniqueViolation(err, 'commands_pkey') || isAppError(err))) {
        const prior = await findCommand(actor.userId, key)
        if (prior) return replayOf(prior, requestHash, key)
      }
      throw err
    }
  }

  async function openCase(input: OpenInput, actor: Actor): Promise<CommandResult> {
    const def = procedureOf(input.procedure)
    input = { ...input, payload: validatePayload(def.openPayload, input.payload, `payload of ${def.name} case`) }
    const key = input.idempotencyKey
    const requestHash = requestHashOf({ op: 'open', procedure: input.procedure, payload: input.payload, parentCaseId: input.parentCaseId })
    return idempotent(actor, key, requestHash, () =>
      db.transaction().execute(async (trx) => {
        if (key) {
          const prior = await trx.selectFrom('commands').selectAll().where('actor_id', '=', actor.userId).where('idempotency_key', '=', key).executeTakeFirst()
          if (prior) return replayOf(prior, requestHash, key)
        }
        const opener = await trx.selectFrom('agencies').selectAll().where('id', '=', actor.agencyId).executeTakeFirst()
        authorizeOpen(def, actor, opener?.kind)
        if (!opener) throw new AppError('FORBIDDEN', `agency ${actor.agencyId} is unknown`)
        const parent = input.parentCaseId ? await parentFacts(trx, def, input.parentCaseId) : null
        const parties: Record<string, string> = {}
        const sameDivision = Object.entries(def.parties).filter(([, spec]) => spec.resolve === 'sameDivision')
        // The opener's own division first; for `enclosing` parties also its city and province.
        const divisions = enclosingDivisions(opener.division_code)
        const found = sameDivision.length
          ? await trx
              .selectFrom('agencies')
              .select(['id', 'kind', 'division_code'])
              .where('division_code', 'in', divisions)
              .where('kind', 'in', sameDivision.flatMap(([, s]) => partyKinds(s)))
              .orderBy('id')
              .execute()
          : []
        const named = (input.payload.parties ?? {}) as Record<string, unknown>
        for (const [partyKey, spec] of Object.entries(def.parties)) {
          if (spec.resolve === 'opener') parties[partyKey] = opener.id
          else if (spec.resolve === 'sameDivision') {
            const reach = spec.enclosing ? divisions : [opener.division_code]
            const agency = reach
              .map((division) => found.find((a) => a.division_code === division && partyKinds(spec).includes(a.kind as never)))
              .find((a) => a !== undefined)
            if (!agency) {
              throw new AppError('RULE_REFUSED', `no ${partyKinds(spec).join('/')} agency at division ${opener.division_code} to act as ${partyKey}`, {
                details: { rule: 'same-level-agency', source: 'R310 art. 5(2)', messageZh: `本级没有可接收案件的${spec.title.zh}` },
              })
            }
            parties[partyKey] = agency.id
          } else if (spec.resolve === 'input') {
            const id = named[partyKey]
            if (typeof id === 'string') parties[partyKey] = id
            else if (!spec.optional) {
              throw new AppError('VALIDATION_FAILED', `payload.parties.${partyKey} must name the ${spec.title.en}`, {
                details: { fields: [{ path: `/parties/${partyKey}`, message: 'required' }], messageZh: `请指定${spec.title.zh}` },
              })
            }
          }
        }
        const agencies = await agencyFacts(trx, Object.entries(parties).map(([key, id]) => ({ path: `/parties/${key}`, id, kinds: partyKinds(def.parties[key]!) })))
        const now = clock.now()
        const at = now.toISOString()
        const caseId = randomUUID()
        const machineInput = { ...input.payload, caseId, openedAt: at, parties, agencies, parent }
        const [snapshot, actions] = initialTransition(machineOf(def), machineInput)
        let caseNumber: string | null = null
        if (def.caseNumber) caseNumber = await nextCaseNumber(trx, parties[def.caseNumber.party] ?? opener.id, def.caseNumber.series, now)
        const title = typeof input.payload.title === 'string' ? input.payload.title : def.title.zh
        const row: CaseRow = {
          id: caseId,
          procedure: def.name,
          definition_version: def.version,
          jurisdiction: opener.division_code,
          status: 'open',
          state_ids: [],
          snapshot: {},
          version: 0,
          parent_case_id: input.parentCaseId ?? null,
          parties,
          title,
          case_number: caseNumber,
          head_hash: GENESIS_HASH,
          opened_by: actor.userId,
          opened_at: now,
          updated_at: now,
          closed_at: null,
        }
        await trx
          .insertInto('cases')
          .values({ ...row, snapshot: JSON.stringify({}), parties: JSON.stringify(parties) })
          .execute()
        const event: MachineEventBase = {
          type: 'CASE_OPENED',
          at,
          actor: { userId: actor.userId, agencyId: actor.agencyId, roles: actor.roles },
          payload: input.payload,
        }
        const written = await writeEvent(trx, def, { row, scheduled: [] }, {
          event,
          actor,
          next: snapshot as AnyMachineSnapshot,
          actions: actions as Array<{ type: string; params?: unknown }>,
          extraFacts: { input: machineInput, procedureVersion: def.version },
          ...(key ? { remember: { actorId: actor.userId, key, requestHash, status: STATUS.opened } } : {}),
        })
        if (!written) throw new Error(`case ${caseId} could not be written right after it was created`)
        return written.result
      }),
    )
  }

  /**
   * Facts of the agencies a payload names, checked: each must exist and be of an allowed
   * kind, else the request is refused as bad input naming the field.
   */
  async function agencyFacts(executor: Kysely<Database>, wanted: Array<{ path: string; id: string; kinds: readonly string[] }>): Promise<Record<string, AgencyFacts>> {
    if (wanted.length === 0) return {}
    const rows = await executor
      .selectFrom('agencies')
      .select(['id', 'kind', 'division_code', 'level', 'name', 'credit_code'])
      .where('id', 'in', [...new Set(wanted.map((w) => w.id))])
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    const fields = wanted.flatMap((w) => {
      const row = byId.get(w.id)
      if (!row) return [{ path: w.path, message: `no agency ${w.id}` }]
      if (!w.kinds.includes(row.kind)) return [{ path: w.path, message: `${w.id} is a ${row.kind}, not ${w.kinds.join(' or ')}` }]
      return []
    })
    if (fields.length) {
      throw new AppError('VALIDATION_FAILED', `payload names agencies that cannot act here: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, {
        details: { fields, messageZh: '所指定的机关或当事人不存在或类别不符' },
      })
    }
    return Object.fromEntries(
      rows.map((r) => [r.id, { id: r.id, kind: r.kind as AgencyFacts['kind'], division: r.division_code, level: r.level, name: r.name, creditCode: r.credit_code ?? null }]),
    )
  }

  /** The case a new case is opened from, checked against the procedure's `openFrom` (its states, or the end it closed with). */
  async function parentFacts(executor: Kysely<Database>, def: ProcedureDefinition, parentId: string): Promise<ParentFacts> {
    const parent = await executor.selectFrom('cases').select(['id', 'procedure', 'state_ids', 'case_number', 'status', 'snapshot']).where('id', '=', parentId).executeTakeFirst()
    if (!parent) throw new AppError('CASE_NOT_FOUND', `parent case ${parentId} not found`)
    const parentDef = procedures.get(parent.procedure)
    const end = parent.status === 'closed' && parentDef ? endOf(restore(machineOf(parentDef), parent.snapshot as Record<string, unknown>)) : null
    // Given both, the parent must be in one of the states and have ended with one of the ends.
    const fits = (f: NonNullable<ProcedureDefinition['openFrom']>[number]) =>
      f.procedure === parent.procedure &&
      (f.states === undefined || f.states.some((s) => parent.state_ids.includes(s))) &&
      (f.ends === undefined || (end !== null && f.ends.includes(end)))
    if (def.openFrom && !def.openFrom.some(fits)) {
      const allowed = def.openFrom.map((f) => `${f.procedure} in ${[...(f.states ?? []), ...(f.ends ?? []).map((e) => `end ${e}`)].join('/')}`).join('; ')
      const where = `${parent.state_ids.join('+')}${end ? ` (ended ${end})` : ''}`
      throw new AppError('RULE_REFUSED', `a ${def.name} case cannot be opened from ${parent.procedure} case ${parentId} in ${where} (allowed: ${allowed})`, {
        details: { rule: 'open-from', source: 'procedure definition', messageZh: '上级案件不处于可以引出本程序的阶段', allowed: def.openFrom },
      })
    }
    return { id: parent.id, procedure: parent.procedure, stateIds: parent.state_ids, caseNumber: parent.case_number, end }
  }

  /** Adds `payload.agencies` for the agency ids a command names (CommandSpec.assigns). */
  async function withAgencies(spec: CommandSpec, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (!spec.assigns?.length) return payload
    const wanted = spec.assigns.flatMap(({ field, kinds }) => {
      const value = payload[field]
      const ids = Array.isArray(value) ? value : value === undefined ? [] : [value]
      return ids.map((id, i) => ({ path: Array.isArray(value) ? `/${field}/${i}` : `/${field}`, id: String(id), kinds }))
    })
    return { ...payload, agencies: await agencyFacts(db, wanted) }
  }

  async function nextCaseNumber(trx: Trx, agencyId: string, series: string, now: Date, style: 'agency' | 'court' = 'agency'): Promise<string> {
    // China local year: a case opened at 2026-12-31T20:00Z belongs to 2027.
    const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
    const { last, abbr, division, level } = await sql<{ last: number; abbr: string; division: string; level: string }>`
      insert into case_numbers (agency_id, year, series, last) values (${agencyId}, ${year}, ${series}, 1)
      on conflict (agency_id, year, series) do update set last = case_numbers.last + 1
      returning last, (select abbr from agencies where id = ${agencyId}) as abbr, (select division_code from agencies where id = ${agencyId}) as division,
                (select level from agencies where id = ${agencyId}) as level`
      .execute(trx)
      .then((r) => r.rows[0]!)
    return style === 'court' ? courtCaseNumber(year, division, level, series, last) : `${abbr}${series}〔${year}〕${last}号`
  }

  async function execute(caseId: string, command: CommandInput, actor: Actor): Promise<CommandResult> {
    const key = command.idempotencyKey
    const requestHash = requestHashOf({ op: 'command', caseId, type: command.type, payload: command.payload })
    return idempotent(actor, key, requestHash, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await backoff(attempt)
        const now = clock.now()
        const state = await loadState(db, caseId, { now, actorId: actor.userId, key })
        const { row, prior } = state
        if (prior) {
          if (prior.case_id !== caseId) throw new AppError('IDEMPOTENCY_KEY_REUSED', `idempotency key ${key} was used for another case`)
          return replayOf(prior, requestHash, key!)
        }
        // Timers that fell due fire first (kept even if this command is refused), so the
        // command meets the case as the law's clock left it, whatever the scheduler's lag.
        if (state.hasDue) {
          await fireDueOf(caseId, now)
          continue
        }
        const def = procedureOf(row.procedure)
        const spec = def.commands[command.type]
        if (!spec) {
          throw new AppError('UNKNOWN_COMMAND', `procedure ${def.name} has no command ${command.type}`, {
            details: { messageZh: `程序中没有 ${command.type} 这一操作`, known: Object.keys(def.commands) },
          })
        }
        authorizeCommand(def, spec, actor, row)
        // A party that reads the case only once it has been dispatched to it (the police before
        // DISPATCH_TRANSFER) may not act on it either: 403, not the state's 409.
        if (readAccess(def, actor, row) === 'once-dispatched' && !(await mayRead({ db, procedures }, actor, { ...row, id: caseId }))) throw forbiddenRead(actor, { id: caseId })
        if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
          throw new AppError('STALE_VERSION', `case ${caseId} is at version ${row.version}, not ${command.expectedVersion}`, {
            details: { currentVersion: row.version, messageZh: '案件已被更新，请刷新后重试' },
          })
        }
        const payload = await withAgencies(spec, validatePayload(spec.payload, command.payload, `payload of ${command.type}`))
        const snapshot = snapshotOf(def, row)
        if (row.status === 'closed') {
          refuseByState(def, snapshot, command.type)
          throw new AppError('WRONG_STATE', `case ${caseId} is closed`, { details: { state: row.state_ids, messageZh: '案件已办结' } })
        }
        const event: MachineEventBase = {
          type: command.type,
          at: now.toISOString(),
          actor: { userId: actor.userId, agencyId: actor.agencyId, roles: actor.roles },
          payload,
        }
        if (!snapshot.can(event as never)) refuse(def, snapshot, event, row)
        const options = {
          extraFacts: spec.source ? { source: spec.source } : {},
          ...(key ? { remember: { actorId: actor.userId, key, requestHash, status: STATUS.applied } } : {}),
        }
        const written = spec.number ? await applyNumbered(def, state, event, actor, spec.number, now, options) : await applyEvent(db, def, state, event, actor, options)
        if (written) return written.result
        // Another event got there first: read the case again and decide anew.
      }
      throw new AppError('CONFLICT', `case ${caseId} kept changing; retry`, { details: { messageZh: '案件正在被并发更新，请重试' } })
    })
  }

  /** Why a command the policy allows was not accepted: a legal rule (422) or the wrong state (409). */
  function refuse(def: ProcedureDefinition, snapshot: AnyMachineSnapshot, event: MachineEventBase, row: CaseRow): never {
    refuseByState(def, snapshot, event.type)
    if (handledEventTypes(snapshot).has(event.type)) {
      const named = guardNamesFor(snapshot, event.type).filter((g) => def.rules[g] !== undefined)
      const rules = named.map((g) => def.rules[g]!)
      // Cite the rule whose guard actually refused, when a transition carries several.
      const failing = named.find((g) => guardRefuses(def, snapshot, event, g))
      const rule = failing ? def.rules[failing] : rules[0]
      if (rule) {
        throw new AppError('RULE_REFUSED', rule.message.en, {
          details: { rule: rule.id, source: rule.source, messageZh: rule.message.zh, rules: rules.map((r) => ({ id: r.id, source: r.source })) },
        })
      }
      throw new AppError('RULE_REFUSED', `${event.type} is not allowed in the current circumstances of case ${row.id}`, {
        details: { state: row.state_ids, messageZh: '当前情形下不允许该操作' },
      })
    }
    throw new AppError('WRONG_STATE', `${event.type} is not accepted in state ${row.state_ids.join('+')} of case ${row.id}`, {
      details: { state: row.state_ids, messageZh: `案件当前处于 ${row.state_ids.join('+')}，不能执行该操作` },
    })
  }

  /** Throws the rule an active state names for a command it does not take (StateMetaBase.refuses). */
  function refuseByState(def: ProcedureDefinition, snapshot: AnyMachineSnapshot, type: string): void {
    for (const node of [...snapshot._nodes].reverse()) {
      const ruleKey = (node.meta as StateMetaBase | undefined)?.refuses?.[type]
      const rule = ruleKey ? def.rules[ruleKey] : undefined
      if (rule) {
        throw new AppError('RULE_REFUSED', rule.message.en, {
          details: { rule: rule.id, source: rule.source, messageZh: rule.message.zh, state: activeStateIds(snapshot) },
        })
      }
    }
  }

  /**
   * Applies a command that numbers the case: the number is taken in the same transaction
   * as the event, so a lost race gives the number back (no gaps) and two acceptances at one
   * court queue on the court's series row (never the same number).
   */
  async function applyNumbered(
    def: ProcedureDefinition,
    state: CaseState,
    event: MachineEventBase,
    actor: Actor,
    number: NonNullable<CommandSpec['number']>,
    now: Date,
    options: Omit<Parameters<typeof writeEvent>[3], 'event' | 'actor' | 'next' | 'actions'>,
  ): Promise<Awaited<ReturnType<typeof applyEvent>>> {
    const version = state.row.version
    try {
      return await db.transaction().execute(async (trx) => {
        const caseNumber = await nextCaseNumber(trx, actor.agencyId, number.series, now, number.style)
        const numbered = { ...event, payload: { ...event.payload, caseNumber } }
        const written = await applyEvent(trx, def, state, numbered, actor, { ...options, caseNumber })
        if (!written) throw new LostRace()
        return written
      })
    } catch (err) {
      // The in-memory row and snapshot cache moved on only if the write happened; a failed
      // commit must not leave a snapshot cached under a version that does not exist.
      if (state.row.version !== version) snapshots.delete(`${state.row.id}@${state.row.version}`)
      if (err instanceof LostRace || isTransientConflict(err)) return null
      throw err
    }
  }

  async function fireTimer(timerId: string): Promise<CommandResult | null> {
    const now = clock.now()
    const peek = await db.selectFrom('timers').select(['case_id', 'status', 'due_at']).where('id', '=', timerId).executeTakeFirst()
    if (!peek || peek.status !== 'SCHEDULED' || new Date(peek.due_at) > now) return null
    // Earlier timers of the same case fire first, so events stay in legal order.
    const { result } = await fireDueOf(peek.case_id, now, timerId)
    return result
  }

  async function fireDueTimers(at?: Date): Promise<number> {
    const now = at ?? clock.now()
    let total = 0
    for (;;) {
      const cases = await db
        .selectFrom('timers')
        .select('case_id')
        .distinct()
        .where('status', '=', 'SCHEDULED')
        .where('due_at', '<=', now)
        .limit(100)
        .execute()
      if (cases.length === 0) return total
      let progressed = 0
      for (const { case_id } of cases) progressed += (await fireDueOf(case_id, now)).fired
      total += progressed
      if (progressed === 0) return total
    }
  }

  async function recordReceipt(dispatchId: string, receivedAt: Date): Promise<ReceiptResult> {
    const dispatch = await db.selectFrom('outbox').select(['case_id', 'job_name', 'payload']).where('id', '=', dispatchId).executeTakeFirst()
    if (!dispatch || dispatch.job_name !== 'dispatch') throw new AppError('NOT_FOUND', `dispatch ${dispatchId} not found`)
    const p = dispatch.payload as unknown as DispatchPayload
    const key = `receipt:${dispatchId}`
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await backoff(attempt)
      const state = await loadState(db, dispatch.case_id, { now: receivedAt, actorId: 'system', key })
      const { row, prior } = state
      if (prior) return { recorded: false, taskId: null, reason: 'duplicate' }
      // A deadline that ended before the notice arrived is recorded before the receipt.
      if (state.hasDue) {
        await fireDueOf(dispatch.case_id, receivedAt)
        continue
      }
      const def = procedureOf(row.procedure)
      const receiver: Actor = { userId: 'system', agencyId: p.agencyId, division: '000000', roles: ['system'] }
      const event: MachineEventBase = {
        type: 'RECEIPT',
        at: receivedAt.toISOString(),
        actor: { userId: 'system', agencyId: p.agencyId, roles: ['system'] },
        payload: { dispatchId, dispatchKind: p.kind, agencyId: p.agencyId, receivedAt: receivedAt.toISOString() },
      }
      // The receipt is recorded whatever the case's state, even on a closed case: it is the
      // proof that the agency got the notice. A machine that does not take it stays as it is.
      // The task opens only if the case was still in the state that asked for the act when
      // the notice arrived. The receipt itself may move the case on (a notice in transit
      // becomes a notice received, and the answering period starts): the task then belongs
      // to the state where that period runs.
      const sentIn = row.state_ids.includes(p.stateId)
      let written: Awaited<ReturnType<typeof applyEvent>>
      try {
        written = await applyEvent(db, def, state, event, receiver, {
          extraFacts: { receipt: { dispatchId, kind: p.kind } },
          remember: { actorId: 'system', key, requestHash: key, status: STATUS.applied },
          newTask: (stateAfter, startedNow) => {
            if (!p.task || !sentIn) return null
            const timer = p.dueTimer ? startedNow.find((t) => t.name === p.dueTimer) : undefined
            const stateId = timer && stateAfter.includes(timer.stateId) ? timer.stateId : stateAfter.includes(p.stateId) ? p.stateId : stateAfter[stateAfter.length - 1]
            if (!stateId) return null
            return { agency_id: p.agencyId, kind: p.task, title: p.title.zh, state_id: stateId, dispatch_id: dispatchId, due_at: timer?.dueAt ?? p.dueAt }
          },
        })
      } catch (err) {
        // A second delivery of the same dispatch raced this one and recorded it first.
        if (isUniqueViolation(err, 'commands_pkey')) return { recorded: false, taskId: null, reason: 'duplicate' }
        throw err
      }
      if (written) return { recorded: true, taskId: written.taskId, ...(p.task && !written.taskId ? { reason: 'state-left' as const } : {}) }
    }
    throw new AppError('CONFLICT', `case ${dispatch.case_id} kept changing while receipt ${dispatchId} was recorded; retry`)
  }


  const reads = createReads({ db, procedures, clock, calendar })
  const supervision = createSupervision({ db, procedures, clock, calendar })
  const reports = createReports({ db, procedures, clock, timeline: reads.timeline })

  return {
    procedures,
    clock,
    openCase,
    execute,
    fireTimer,
    fireDueTimers,
    recordReceipt,
    readCase: reads.readCase,
    timeline: reads.timeline,
    inbox: reads.inbox,
    cases: reads.cases,
    creditList: reads.creditList,
    views: reads.views,
    report: reports.report,
    supervision,
    replay: (caseId) => replayCase(db, procedures, caseId),
    verify: (caseId) => verifyCase(db, caseId),
    verifyAll: (options) => verifyAll(db, options),
    anchorDay: (day) => anchorDay(db, day, clock.now()),
    anchorYesterday: () => anchorYesterday(db, clock.now()),
    verifyAnchors: () => verifyAnchors(db),
    documents: createDocuments({ db, clock }),
  }
}

/**
 * The state a dispatch's task belongs to: the state it names, else the state of the deadline
 * it carries when that deadline started with it, else the innermost active DOMAIN state.
 */
function taskStateId(stateAfter: string[], p: DispatchParams, started: StartedTimer[]): string {
  if (p.state !== undefined && stateAfter.includes(p.state)) return p.state
  const timer = p.dueTimer ? started.find((t) => t.name === p.dueTimer) : undefined
  if (timer && stateAfter.includes(timer.stateId)) return timer.stateId
  return stateAfter[stateAfter.length - 1] ?? 'unknown'
}

/** Whether the machine's guard implementation `name` is false for this event (unknown or throwing: not known to refuse). */
function guardRefuses(def: ProcedureDefinition, snapshot: AnyMachineSnapshot, event: MachineEventBase, name: string): boolean {
  const guards = (machineOf(def).implementations as { guards?: Record<string, unknown> }).guards ?? {}
  const guard = guards[name]
  if (typeof guard !== 'function') return false
  try {
    return guard({ context: snapshot.context, event }, undefined) === false
  } catch {
    return false
  }
}

/** A refusal the procedure counts (SupervisionSpec.refusals), with the reasons its payload gives. */
function refusalOf(def: ProcedureDefinition, event: MachineEventBase): { kind: string; reasons: string } | null {
  const spec = def.supervision?.refusals?.[event.type]
  if (!spec) return null
  const why = (event.payload as Record<string, unknown>)[spec.why]
  return { kind: spec.kind, reasons: Array.isArray(why) ? why.map(String).join('; ') : why === undefined || why === null ? '' : String(why) }
}

/** A write that found the case moved on inside a transaction: roll back and decide anew. */
class LostRace extends Error {}

/** The parties a machine keeps in its context, if it does. */
function partiesOf(context: Record<string, unknown>): Record<string, string> | null {
  const p = context['parties']
  return p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, string>) : null
}

/** 省、自治区、直辖市 short names used in court case numbers, by GB/T 2260 province code. */
const PROVINCE_SHORT: Record<string, string> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '内', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏', '33': '浙',
  '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂', '46': '琼', '50': '渝',
  '51': '川', '52': '贵', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
}

/**
 * A court's case number (人民法院案件案号): `(year)` + province short name + the court's
 * code (city court: 2 digits, county court: 4) + the series + number: `(2026)甘0402民特15号`.
 */
export function courtCaseNumber(year: number, division: string, level: string, series: string, n: number): string {
  const province = PROVINCE_SHORT[division.slice(0, 2)] ?? division.slice(0, 2)
  const code = level === 'county' ? division.slice(2, 6) : level === 'city' ? division.slice(2, 4) : ''
  return `(${year})${province}${code}${series}${n}号`
}
