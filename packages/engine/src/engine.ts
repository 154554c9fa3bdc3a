import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import {
  AppError,
  SYSTEM_ACTOR,
  type Actor,
  type AlertParams,
  type DispatchParams,
  type MachineEventBase,
  type ProcedureDefinition,
  type TimerRule,
  type TimerStatus,
} from '@xianjie/domain'
import type { CaseRow, Database, TimerRow } from '@xianjie/db'
import { canonicalJson, eventHash, GENESIS_HASH, sha256Hex } from './canonical.ts'
import {
  activeStateIds,
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
import { authorizeCommand, authorizeOpen } from './policy.ts'
import { createReads } from './read.ts'
import { systemClock, type Clock, type CommandInput, type CommandResult, type Engine, type OpenInput, type ReceiptResult } from './types.ts'
import { validatePayload } from './validate.ts'
import { replayCase, verifyCase } from './integrity.ts'

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

type Trx = Transaction<Database>

/** What one accepted event turns into, before it is written. */
interface PendingEffects {
  timersStarted: Array<{ id: string; name: string; dueAt: string; stateId: string }>
  timersEnded: Array<{ id: string; name: string; status: TimerStatus }>
  dispatches: Array<{ to: string; agencyId: string; kind: string; task: string | null }>
  alerts: Array<{ to: string; agencyId: string | null; timer: string; source: string }>
}

const HTTPISH_STATUS = { opened: 201, applied: 200 } as const

/** Builds the engine over one database. Every write goes through `applyEvent`, in one transaction. */
export function createEngine(deps: EngineDeps): Engine {
  const { db, calendar } = deps
  const clock = deps.clock ?? systemClock
  const procedures = new Map(deps.procedures.map((p) => [p.name, p]))

  function procedureOf(name: string): ProcedureDefinition {
    const def = procedures.get(name)
    if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${name} is not registered`)
    return def
  }

  async function lockCase(trx: Trx, caseId: string): Promise<CaseRow> {
    const row = await trx.selectFrom('cases').selectAll().where('id', '=', caseId).forUpdate().executeTakeFirst()
    if (!row) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
    return row
  }

  /** Idempotency: serialise on the key, replay the stored answer or refuse a different body. */
  async function checkIdempotency(trx: Trx, actor: Actor, key: string | undefined, requestHash: string): Promise<CommandResult | null> {
    if (!key) return null
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${actor.userId}\n${key}`}, 0))`.execute(trx)
    const prior = await trx
      .selectFrom('commands')
      .selectAll()
      .where('actor_id', '=', actor.userId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst()
    if (!prior) return null
    if (prior.request_hash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', `idempotency key ${key} was already used with a different request`, {
        details: { messageZh: '该幂等键已用于另一个不同的请求' },
      })
    }
    return { ...(prior.response as unknown as CommandResult), replayed: true }
  }

  async function rememberCommand(trx: Trx, actor: Actor, key: string | undefined, requestHash: string, result: CommandResult, status: number) {
    if (!key) return
    await trx
      .insertInto('commands')
      .values({ actor_id: actor.userId, idempotency_key: key, case_id: result.caseId, request_hash: requestHash, status_code: status, response: JSON.stringify(result) })
      .execute()
  }

  /**
   * Appends one event: transition, hash-chained event row, snapshot, timers, outbox, tasks.
   * The caller holds the case row lock.
   */
  async function applyEvent(
    trx: Trx,
    def: ProcedureDefinition,
    row: CaseRow,
    event: MachineEventBase,
    actor: Actor,
    options: { firedTimer?: TimerRow; extraFacts?: Record<string, unknown> } = {},
  ): Promise<CommandResult> {
    const machine = machineOf(def)
    const before = restore(machine, row.snapshot as Record<string, unknown>)
    const [next, actions] = transition(machine, before, event as never)
    const seq = row.version + 1
    const stateBefore = row.state_ids
    return writeEvent(trx, def, row, { seq, event, actor, next, actions, stateBefore, firedTimer: options.firedTimer, extraFacts: options.extraFacts })
  }

  async function writeEvent(
    trx: Trx,
    def: ProcedureDefinition,
    row: CaseRow,
    w: {
      seq: number
      event: MachineEventBase
      actor: Actor
      next: AnyMachineSnapshot
      actions: Array<{ type: string; params?: unknown }>
      stateBefore: string[]
      firedTimer?: TimerRow
      extraFacts?: Record<string, unknown>
    },
  ): Promise<CommandResult> {
    const machine = machineOf(def)
    const caseId = row.id
    const parties = row.parties as Record<string, string>
    const context = (w.next.context ?? {}) as Record<string, unknown>
    const stateAfter = activeStateIds(w.next)
    const effects: PendingEffects = { timersStarted: [], timersEnded: [], dispatches: [], alerts: [] }
    const timerRows: Array<Database['timers'] extends infer T ? Record<string, unknown> : never> = []
    const outbox: Array<{ queue: string; job_name: string; payload: Record<string, unknown> }> = []
    const dueByTimer = new Map<string, string>()

    // Timers first: a dispatch may take its task deadline from a timer started by the same event.
    for (const action of w.actions) {
      if (action.type !== 'xstate.raise') continue
      const params = action.params as { id?: string; delay?: number; event?: { type: string } }
      if (params.delay === undefined || !params.id) continue
      const name = timerNameOfSendId(params.id)
      const rule = name ? def.timers[name] : undefined
      if (!name || !rule) throw new Error(`procedure ${def.name}: delayed event ${params.id} names no timer rule`)
      const anchor = rule.anchor ? context[rule.anchor] : undefined
      const start = typeof anchor === 'string' ? anchor : w.event.at
      const due = calendar.due(start, rule)
      const id = `${caseId}.${name}.${w.seq}`
      const stateId = stateIdOfSendId(machine, params.id)
      timerRows.push({
        id,
        case_id: caseId,
        name,
        send_id: params.id,
        state_id: stateId,
        owner_agency_id: parties[rule.owner] ?? null,
        started_seq: w.seq,
        started_at: start,
        due_at: due.dueAt,
        statutory_due_at: due.statutoryDueAt ?? null,
        provisional: due.provisional,
        status: 'SCHEDULED',
        rule: JSON.stringify(rule),
      })
      dueByTimer.set(name, due.dueAt)
      effects.timersStarted.push({ id, name, dueAt: due.dueAt, stateId })
      outbox.push({ queue: 'timers', job_name: 'timer.fire', payload: { timerId: id, caseId, dueAt: due.dueAt } })
    }

    // Cancels: the state that owned a deadline was left in time.
    const cancelled = w.actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId)
    if (cancelled.length > 0) {
      const open = await trx
        .selectFrom('timers')
        .select(['id', 'name', 'rule', 'send_id'])
        .where('case_id', '=', caseId)
        .where('status', '=', 'SCHEDULED')
        .where('send_id', 'in', cancelled)
        .execute()
      for (const t of open) {
        const expiry = (t.rule as unknown as TimerRule).expiry
        const status: TimerStatus = expiry === 'DUTY' || expiry === 'RIGHT' ? 'MET' : 'CANCELLED'
        await trx.updateTable('timers').set({ status, ended_at: w.event.at, ended_seq: w.seq }).where('id', '=', t.id).execute()
        effects.timersEnded.push({ id: t.id, name: t.name, status })
      }
    }

    if (w.firedTimer) {
      const rule = w.firedTimer.rule as unknown as TimerRule
      const status: TimerStatus = rule.expiry === 'DUTY' ? 'OVERDUE_DUTY' : rule.expiry === 'RIGHT' ? 'EXPIRED_RIGHT_LOST' : 'ELAPSED'
      await trx.updateTable('timers').set({ status, ended_at: w.event.at, ended_seq: w.seq }).where('id', '=', w.firedTimer.id).execute()
      effects.timersEnded.push({ id: w.firedTimer.id, name: w.firedTimer.name, status })
    }

    for (const action of w.actions) {
      if (action.type === 'dispatch') {
        const p = action.params as DispatchParams
        const agencyId = p.agencyId ?? parties[p.to]
        if (!agencyId) throw new Error(`procedure ${def.name}: dispatch to unknown party ${p.to}`)
        outbox.push({
          queue: `agency.${agencyId}`,
          job_name: 'dispatch',
          payload: {
            caseId,
            seq: w.seq,
            kind: p.kind,
            title: p.title,
            task: p.task ?? null,
            stateId: taskStateId(stateAfter, p, effects.timersStarted),
            dueAt: p.dueTimer ? (dueByTimer.get(p.dueTimer) ?? null) : null,
            dueTimer: p.dueTimer ?? null,
            agencyId,
            ...(p.source ? { source: p.source } : {}),
          },
        })
        effects.dispatches.push({ to: p.to, agencyId, kind: p.kind, task: p.task ?? null })
      } else if (action.type === 'alert') {
        const p = action.params as AlertParams
        const agencyId = parties[p.to] ?? (await supervisorAgency(trx, row.jurisdiction))
        outbox.push({ queue: 'notify', job_name: 'alert', payload: { caseId, seq: w.seq, timer: p.timer, toAgencyId: agencyId, reason: p.reason, source: p.source } })
        effects.alerts.push({ to: p.to, agencyId, timer: p.timer, source: p.source })
      }
    }

    const facts: Record<string, unknown> = { ...(w.extraFacts ?? {}), actorRoles: w.event.actor.roles }
    if (effects.timersStarted.length) facts.timersStarted = effects.timersStarted
    if (effects.timersEnded.length) facts.timersEnded = effects.timersEnded
    if (effects.dispatches.length) facts.dispatches = effects.dispatches
    if (effects.alerts.length) facts.alerts = effects.alerts
    if (w.firedTimer) facts.timer = { id: w.firedTimer.id, name: w.firedTimer.name, dueAt: new Date(w.firedTimer.due_at).toISOString() }

    const agencyId = w.actor.agencyId
    const hash = eventHash({
      caseId,
      seq: w.seq,
      type: w.event.type,
      actorId: w.actor.userId,
      agencyId,
      payload: w.event.payload,
      facts,
      occurredAt: w.event.at,
      stateBefore: w.stateBefore,
      stateAfter,
      prevHash: row.head_hash,
    })
    await trx
      .insertInto('case_events')
      .values({
        case_id: caseId,
        seq: w.seq,
        type: w.event.type,
        actor_id: w.actor.userId,
        agency_id: agencyId,
        payload: JSON.stringify(w.event.payload),
        facts: JSON.stringify(facts),
        occurred_at: w.event.at,
        state_before: w.stateBefore,
        state_after: stateAfter,
        prev_hash: row.head_hash,
        hash,
      })
      .execute()

    const done = w.next.status === 'done'
    const updated = await trx
      .updateTable('cases')
      .set({
        snapshot: JSON.stringify(persist(machineOf(def), w.next)),
        version: w.seq,
        state_ids: stateAfter,
        status: done ? 'closed' : 'open',
        head_hash: hash,
        updated_at: w.event.at,
        ...(done ? { closed_at: w.event.at } : {}),
      })
      .where('id', '=', caseId)
      .where('version', '=', w.seq - 1)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `case ${caseId} changed concurrently; retry`)

    if (timerRows.length) await trx.insertInto('timers').values(timerRows as never).execute()
    if (outbox.length) {
      await trx
        .insertInto('outbox')
        .values(outbox.map((o) => ({ case_id: caseId, seq: w.seq, queue: o.queue, job_name: o.job_name, payload: JSON.stringify(o.payload) })))
        .execute()
      await sql`select pg_notify('xianjie_outbox', '')`.execute(trx)
    }
    // A task belongs to the state that opened it: leaving the state closes it.
    await trx
      .updateTable('tasks')
      .set({ closed_at: w.event.at, closed_by_seq: w.seq })
      .where('case_id', '=', caseId)
      .where('closed_at', 'is', null)
      .where((eb) => (stateAfter.length ? eb.not(eb('state_id', 'in', stateAfter)) : eb.val(true)))
      .execute()

    // Keep the in-memory row current for a following event in the same transaction.
    row.version = w.seq
    row.head_hash = hash
    row.state_ids = stateAfter
    row.snapshot = persist(machineOf(def), w.next) as never
    row.status = done ? 'closed' : 'open'

    return {
      caseId,
      caseNumber: row.case_number,
      version: w.seq,
      stateIds: stateAfter,
      status: done ? 'closed' : 'open',
      event: { seq: w.seq, type: w.event.type, occurredAt: w.event.at },
      replayed: false,
    }
  }

  async function supervisorAgency(trx: Trx, jurisdiction: string): Promise<string | null> {
    const gov = await trx.selectFrom('agencies').select('id').where('kind', '=', 'government').where('division_code', '=', jurisdiction).executeTakeFirst()
    return gov?.id ?? null
  }

  /** Fires the case's scheduled timers that are due by `now`, oldest first. Caller holds the lock. */
  async function fireDueOfCase(trx: Trx, def: ProcedureDefinition, row: CaseRow, now: Date): Promise<number> {
    const due = await trx
      .selectFrom('timers')
      .selectAll()
      .where('case_id', '=', row.id)
      .where('status', '=', 'SCHEDULED')
      .where('due_at', '<=', now)
      .orderBy('due_at')
      .orderBy('id')
      .execute()
    let fired = 0
    for (const timer of due) {
      // An earlier firing in this loop may have left the state and cancelled this one.
      const still = await trx.selectFrom('timers').select('status').where('id', '=', timer.id).executeTakeFirst()
      if (still?.status !== 'SCHEDULED') continue
      await fireOne(trx, def, row, timer)
      fired++
    }
    return fired
  }

  async function fireOne(trx: Trx, def: ProcedureDefinition, row: CaseRow, timer: TimerRow): Promise<CommandResult | null> {
    const machine = machineOf(def)
    const snapshot = restore(machine, row.snapshot as Record<string, unknown>)
    const event: MachineEventBase = {
      type: timer.send_id,
      // The law's instant: the period ended at its due time, whenever the scheduler noticed.
      at: new Date(timer.due_at).toISOString(),
      actor: { userId: SYSTEM_ACTOR.userId, agencyId: SYSTEM_ACTOR.agencyId, roles: ['system'] },
      payload: {},
    }
    if (!snapshot.can(event as never)) {
      await trx.updateTable('timers').set({ status: 'CANCELLED', ended_at: clock.now() }).where('id', '=', timer.id).execute()
      return null
    }
    const rule = timer.rule as unknown as TimerRule
    return applyEvent(trx, def, row, event, SYSTEM_ACTOR, {
      firedTimer: timer,
      extraFacts: { source: rule.source, expiry: rule.expiry },
    })
  }

  function requestHashOf(parts: unknown): string {
    return sha256Hex(canonicalJson(parts))
  }

  async function openCase(input: OpenInput, actor: Actor): Promise<CommandResult> {
    const def = procedureOf(input.procedure)
    validatePayload(def.openPayload, input.payload, `payload of ${def.name} case`)
    const requestHash = requestHashOf({ op: 'open', ...input, idempotencyKey: undefined })
    return db.transaction().execute(async (trx) => {
      const replay = await checkIdempotency(trx, actor, input.idempotencyKey, requestHash)
      if (replay) return replay
      const opener = await trx.selectFrom('agencies').selectAll().where('id', '=', actor.agencyId).executeTakeFirst()
      authorizeOpen(def, actor, opener?.kind)
      if (!opener) throw new AppError('FORBIDDEN', `agency ${actor.agencyId} is unknown`)
      if (input.parentCaseId) {
        const parent = await trx.selectFrom('cases').select('id').where('id', '=', input.parentCaseId).executeTakeFirst()
        if (!parent) throw new AppError('CASE_NOT_FOUND', `parent case ${input.parentCaseId} not found`)
      }
      const parties: Record<string, string> = {}
      for (const [key, spec] of Object.entries(def.parties)) {
        if (spec.resolve === 'opener') parties[key] = opener.id
        else if (spec.resolve === 'sameDivision') {
          const a = await trx
            .selectFrom('agencies')
            .select('id')
            .where('kind', '=', spec.kind)
            .where('division_code', '=', opener.division_code)
            .executeTakeFirst()
          if (!a) {
            throw new AppError('RULE_REFUSED', `no ${spec.kind} agency at division ${opener.division_code} to act as ${key}`, {
              details: { rule: 'same-level-agency', source: 'R310 art. 5(2)', messageZh: `本级没有可接收案件的${spec.title.zh}` },
            })
          }
          parties[key] = a.id
        }
      }
      const now = clock.now()
      const at = now.toISOString()
      const caseId = randomUUID()
      const machineInput = { ...input.payload, caseId, openedAt: at, parties }
      const machine = machineOf(def)
      const [snapshot, actions] = initialTransition(machine, machineInput)
      let caseNumber: string | null = null
      if (def.caseNumber) {
        const numberer = parties[def.caseNumber.party] ?? opener.id
        caseNumber = await nextCaseNumber(trx, numberer, def.caseNumber.series, now)
      }
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
      const result = await writeEvent(trx, def, row, {
        seq: 1,
        event,
        actor,
        next: snapshot as AnyMachineSnapshot,
        actions: actions as Array<{ type: string; params?: unknown }>,
        stateBefore: [],
        extraFacts: { input: machineInput, procedureVersion: def.version },
      })
      await rememberCommand(trx, actor, input.idempotencyKey, requestHash, result, HTTPISH_STATUS.opened)
      return result
    })
  }

  async function nextCaseNumber(trx: Trx, agencyId: string, series: string, now: Date): Promise<string> {
    // China local year: a case opened at 2026-12-31T20:00Z belongs to 2027.
    const year = new Date(now.getTime() + 8 * 3_600_000).getUTCFullYear()
    const agency = await trx.selectFrom('agencies').select('abbr').where('id', '=', agencyId).executeTakeFirstOrThrow()
    const { last } = await trx
      .insertInto('case_numbers')
      .values({ agency_id: agencyId, year, series, last: 1 })
      .onConflict((oc) => oc.columns(['agency_id', 'year', 'series']).doUpdateSet({ last: sql`case_numbers.last + 1` }))
      .returning('last')
      .executeTakeFirstOrThrow()
    return `${agency.abbr}${series}〔${year}〕${last}号`
  }

  async function execute(caseId: string, command: CommandInput, actor: Actor): Promise<CommandResult> {
    const requestHash = requestHashOf({ op: 'command', caseId, type: command.type, payload: command.payload })
    const now = clock.now()
    // Timers that fell due are fired first, in their own transaction, so the command meets
    // the case as the law's clock has left it even if the scheduler lags.
    await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('cases').select(['id', 'procedure']).where('id', '=', caseId).executeTakeFirst()
      if (!row) return
      const has = await trx
        .selectFrom('timers')
        .select('id')
        .where('case_id', '=', caseId)
        .where('status', '=', 'SCHEDULED')
        .where('due_at', '<=', now)
        .limit(1)
        .executeTakeFirst()
      if (!has) return
      const locked = await lockCase(trx, caseId)
      await fireDueOfCase(trx, procedureOf(locked.procedure), locked, now)
    })

    return db.transaction().execute(async (trx) => {
      const replay = await checkIdempotency(trx, actor, command.idempotencyKey, requestHash)
      if (replay) {
        if (replay.caseId !== caseId) throw new AppError('IDEMPOTENCY_KEY_REUSED', `idempotency key ${command.idempotencyKey} was used for another case`)
        return replay
      }
      const row = await lockCase(trx, caseId)
      const def = procedureOf(row.procedure)
      const spec = def.commands[command.type]
      if (!spec) {
        throw new AppError('UNKNOWN_COMMAND', `procedure ${def.name} has no command ${command.type}`, {
          details: { messageZh: `程序中没有 ${command.type} 这一操作`, known: Object.keys(def.commands) },
        })
      }
      authorizeCommand(def, spec, actor, row)
      if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
        throw new AppError('STALE_VERSION', `case ${caseId} is at version ${row.version}, not ${command.expectedVersion}`, {
          details: { currentVersion: row.version, messageZh: '案件已被更新，请刷新后重试' },
        })
      }
      validatePayload(spec.payload, command.payload, `payload of ${command.type}`)
      if (row.status === 'closed') {
        throw new AppError('WRONG_STATE', `case ${caseId} is closed`, { details: { state: row.state_ids, messageZh: '案件已办结' } })
      }
      const machine = machineOf(def)
      const snapshot = restore(machine, row.snapshot as Record<string, unknown>)
      const event: MachineEventBase = {
        type: command.type,
        at: now.toISOString(),
        actor: { userId: actor.userId, agencyId: actor.agencyId, roles: actor.roles },
        payload: command.payload,
      }
      if (!snapshot.can(event as never)) refuse(def, snapshot, event, row)
      const result = await applyEvent(trx, def, row, event, actor, { extraFacts: spec.source ? { source: spec.source } : {} })
      await rememberCommand(trx, actor, command.idempotencyKey, requestHash, result, HTTPISH_STATUS.applied)
      return result
    })
  }

  /** Why a command the policy allows was not accepted: a legal rule (422) or the wrong state (409). */
  function refuse(def: ProcedureDefinition, snapshot: AnyMachineSnapshot, event: MachineEventBase, row: CaseRow): never {
    if (handledEventTypes(snapshot).has(event.type)) {
      const rules = guardNamesFor(snapshot, event.type)
        .map((g) => def.rules[g])
        .filter((r): r is NonNullable<typeof r> => r !== undefined)
      const failing = rules.filter((r) => r !== undefined)
      const rule = failing[0]
      if (rule) {
        throw new AppError('RULE_REFUSED', rule.message.en, {
          details: { rule: rule.id, source: rule.source, messageZh: rule.message.zh, rules: failing.map((r) => ({ id: r.id, source: r.source })) },
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

  async function fireTimer(timerId: string): Promise<CommandResult | null> {
    const now = clock.now()
    return db.transaction().execute(async (trx) => {
      const peek = await trx.selectFrom('timers').select(['case_id', 'status', 'due_at']).where('id', '=', timerId).executeTakeFirst()
      if (!peek || peek.status !== 'SCHEDULED' || new Date(peek.due_at) > now) return null
      const row = await lockCase(trx, peek.case_id)
      const def = procedureOf(row.procedure)
      // Earlier timers of the same case fire first, so events stay in legal order.
      const timer = await trx.selectFrom('timers').selectAll().where('id', '=', timerId).forUpdate().executeTakeFirst()
      if (!timer || timer.status !== 'SCHEDULED') return null
      const earlier = await trx
        .selectFrom('timers')
        .select('id')
        .where('case_id', '=', row.id)
        .where('status', '=', 'SCHEDULED')
        .where('due_at', '<', timer.due_at)
        .limit(1)
        .executeTakeFirst()
      if (earlier) {
        await fireDueOfCase(trx, def, row, new Date(timer.due_at))
        const again = await trx.selectFrom('timers').selectAll().where('id', '=', timerId).executeTakeFirst()
        if (!again || again.status !== 'SCHEDULED') return null
        return fireOne(trx, def, row, again)
      }
      return fireOne(trx, def, row, timer)
    })
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
      for (const { case_id } of cases) {
        progressed += await db.transaction().execute(async (trx) => {
          const row = await lockCase(trx, case_id)
          return fireDueOfCase(trx, procedureOf(row.procedure), row, now)
        })
      }
      total += progressed
      if (progressed === 0) return total
    }
  }

  async function recordReceipt(dispatchId: string, receivedAt: Date): Promise<ReceiptResult> {
    return db.transaction().execute(async (trx) => {
      const dispatch = await trx.selectFrom('outbox').selectAll().where('id', '=', dispatchId).executeTakeFirst()
      if (!dispatch || dispatch.job_name !== 'dispatch') throw new AppError('NOT_FOUND', `dispatch ${dispatchId} not found`)
      const p = dispatch.payload as unknown as DispatchPayload
      const row = await lockCase(trx, dispatch.case_id)
      const def = procedureOf(row.procedure)
      const key = `receipt:${dispatchId}`
      const seen = await trx.selectFrom('commands').select('actor_id').where('actor_id', '=', 'system').where('idempotency_key', '=', key).executeTakeFirst()
      if (seen) return { recorded: false, taskId: null, reason: 'duplicate' }
      const remember = (status: number, response: unknown) =>
        trx.insertInto('commands').values({ actor_id: 'system', idempotency_key: key, case_id: row.id, request_hash: key, status_code: status, response: JSON.stringify(response) }).execute()
      const receiver: Actor = { userId: 'system', agencyId: p.agencyId, division: '000000', roles: ['system'] }
      const event: MachineEventBase = {
        type: 'RECEIPT',
        at: receivedAt.toISOString(),
        actor: { userId: 'system', agencyId: p.agencyId, roles: ['system'] },
        payload: { dispatchId, dispatchKind: p.kind, agencyId: p.agencyId, receivedAt: receivedAt.toISOString() },
      }
      const snapshot = restore(machineOf(def), row.snapshot as Record<string, unknown>)
      if (snapshot.status === 'done' || !snapshot.can(event as never)) {
        await remember(204, { recorded: false })
        return { recorded: false, taskId: null, reason: 'state-left' }
      }
      const stateBefore = [...row.state_ids]
      const result = await applyEvent(trx, def, row, event, receiver, { extraFacts: { receipt: { dispatchId, kind: p.kind } } })
      let taskId: string | null = null
      // The task opens only if the case was still in the state that asked for the act when
      // the notice arrived. The receipt itself may move the case on (a notice in transit
      // becomes a notice received, and the answering period starts): the task then belongs
      // to the state where that period runs.
      if (p.task && stateBefore.includes(p.stateId)) {
        const started = p.dueTimer
          ? await trx.selectFrom('timers').select(['due_at', 'state_id']).where('case_id', '=', row.id).where('name', '=', p.dueTimer).where('status', '=', 'SCHEDULED').orderBy('started_seq', 'desc').executeTakeFirst()
          : undefined
        const stateId = started && row.state_ids.includes(started.state_id) ? started.state_id : row.state_ids.includes(p.stateId) ? p.stateId : row.state_ids[row.state_ids.length - 1]
        if (stateId) {
          const task = await trx
            .insertInto('tasks')
            .values({ case_id: row.id, agency_id: p.agencyId, kind: p.task, title: p.title.zh, state_id: stateId, dispatch_id: dispatchId, opened_at: receivedAt, due_at: started?.due_at ?? p.dueAt })
            .onConflict((oc) => oc.column('dispatch_id').doNothing())
            .returning('id')
            .executeTakeFirst()
          taskId = task?.id ?? null
        }
      }
      await remember(200, result)
      return { recorded: true, taskId }
    })
  }

  const reads = createReads({ db, procedures, clock })

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
    replay: (caseId) => replayCase(db, procedures, caseId),
    verify: (caseId) => verifyCase(db, caseId),
  }
}

/**
 * The state a dispatch's task belongs to: the state of the deadline it carries when that
 * deadline started with it, else the innermost active DOMAIN state.
 */
function taskStateId(stateAfter: string[], p: DispatchParams, started: PendingEffects['timersStarted']): string {
  const timer = p.dueTimer ? started.find((t) => t.name === p.dueTimer) : undefined
  if (timer && stateAfter.includes(timer.stateId)) return timer.stateId
  return stateAfter[stateAfter.length - 1] ?? 'unknown'
}

/** The payload of a `dispatch` outbox row (ids and titles only, never personal data). */
export interface DispatchPayload {
  caseId: string
  seq: number
  kind: string
  title: { zh: string; en: string }
  task: string | null
  stateId: string
  dueAt: string | null
  dueTimer: string | null
  agencyId: string
  source?: string
}
