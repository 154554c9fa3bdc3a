import { sql, type Kysely } from 'kysely'
import { AppError, creditCodeProblem, maskResidentId, SYSTEM_ACTOR, type Actor, type ProcedureDefinition, type PublicMeasure, type TimerRule, type TimerStatus, type Bilingual } from '@xianjie/domain'
import type { CaseRow, Database, TimerRow } from '@xianjie/db'
import { activeStates, handledEventTypes, machineOf, restore } from './machine.ts'
import { commandsForActor, personalDataAccess, PERSONAL_ID_FIELDS, PHONE_FIELDS, type PersonalDataAccess } from './policy.ts'
import { authorizeReadLogged, mayRead, readableCases } from './views.ts'
import { clockCalendarOf, deadlineClock, isRunning, type ClockCalendar } from './deadline-clock.ts'
import { procedureChart } from './chart.ts'
import type { CaseListItem, ChartState, CaseListPage, CaseListQuery, CaseView, CaseViewEntry, Clock, CreditListView, DeadlineClock, TaskView, TimelineEntry, TimerView } from './types.ts'

/** A phone number with its middle hidden: `13812345678` → `138****5678`, `0931-8123456` → `0931-***3456`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  const dash = phone.indexOf('-')
  const area = dash > 0 && dash <= 4 ? phone.slice(0, dash + 1) : ''
  const rest = phone.slice(area.length)
  return rest.length <= 4 ? `${area}${'*'.repeat(rest.length)}` : `${area}${'*'.repeat(rest.length - 4)}${rest.slice(-4)}`
}

/**
 * Personal data as this reader may see it: every 居民身份证号 (`idNumber`, `suspectIdNumber`)
 * and phone number (`phone`) anywhere in `value` is masked unless `access.full`, or unless it
 * sits under a key naming the reader's own party (what it filed itself). The one place reads
 * hide personal data (case view, timeline, report); who sees what is policy.ts
 * `personalDataAccess`. Stored events keep the full value.
 */
export function maskPersonalData<T>(value: T, access: PersonalDataAccess): T {
  if (access.full) return value
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk)
    if (v === null || typeof v !== 'object') return v
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(v as Record<string, unknown>)) {
      if (access.own.has(key)) out[key] = inner
      else if (typeof inner === 'string' && PERSONAL_ID_FIELDS.has(key)) out[key] = maskResidentId(inner)
      else if (typeof inner === 'string' && PHONE_FIELDS.has(key)) out[key] = maskPhone(inner)
      else out[key] = walk(inner)
    }
    return out
  }
  return walk(value) as T
}

/** An instant from the database as ISO 8601 UTC, null kept. */
export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())

/** A deadline as the timeline and the report show it: its rule's unit and source, and whether it was met. */
export function deadlineOf(t: TimerRow) {
  const rule = t.rule as unknown as TimerRule
  const status = t.status as TimerStatus
  return {
    id: t.id,
    timer: t.name,
    unit: rule.unit,
    duration: rule.duration,
    expiry: rule.expiry,
    dueAt: iso(t.due_at)!,
    status,
    met: status === 'MET' ? true : status === 'OVERDUE_DUTY' || status === 'EXPIRED_RIGHT_LOST' ? false : null,
    source: rule.source,
  }
}

/** The clock of a timer row at `now`. */
function timerClock(t: TimerRow, now: Date, cal: ClockCalendar): DeadlineClock {
  const rule = t.rule as unknown as TimerRule
  return deadlineClock({ unit: rule.unit, startedAt: t.started_at, dueAt: t.due_at, status: t.status, endedAt: t.ended_at, doneAt: t.done_at }, now, cal)
}

function timerView(t: TimerRow, now: Date, cal: ClockCalendar): TimerView {
  const rule = t.rule as unknown as TimerRule
  return {
    id: t.id,
    name: t.name,
    title: rule.title,
    stateId: t.state_id,
    ownerAgencyId: t.owner_agency_id,
    startedAt: iso(t.started_at)!,
    dueAt: iso(t.due_at)!,
    statutoryDueAt: iso(t.statutory_due_at),
    provisional: t.provisional,
    status: t.status,
    endedAt: iso(t.ended_at),
    unit: rule.unit,
    duration: rule.duration,
    expiry: rule.expiry,
    source: rule.source,
    verification: rule.verification,
    clock: timerClock(t, now, cal),
  }
}

/** Open duties of the tasks' cases: a duty still running, or missed and not yet done. */
const isOpenDuty = (t: TimerRow): boolean => (t.rule as unknown as TimerRule).expiry === 'DUTY' && isRunning({ status: t.status, doneAt: t.done_at })

/**
 * The duty that times an open task: the open duty of the task's state that its agency owns
 * (the soonest, if several), else the one the dispatch named as the task's deadline.
 */
function dutyOf(task: Pick<TaskWithCase, 'case_id' | 'agency_id' | 'state_id' | 'due_at' | 'closed_at'>, duties: readonly TimerRow[]): TimerRow | null {
  if (task.closed_at !== null) return null
  const own = duties
    .filter((t) => t.case_id === task.case_id && t.owner_agency_id === task.agency_id && isOpenDuty(t))
    .sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime())
  const dueAt = task.due_at === null ? null : new Date(task.due_at).getTime()
  return own.find((t) => t.state_id === task.state_id) ?? own.find((t) => new Date(t.due_at).getTime() === dueAt) ?? null
}

interface TaskWithCase {
  id: string
  case_id: string
  case_number: string | null
  case_title: string
  procedure: string
  agency_id: string
  kind: string
  title: string
  state_id: string
  opened_at: Date
  due_at: Date | null
  closed_at: Date | null
}

function taskView(t: TaskWithCase, duties: readonly TimerRow[], now: Date, cal: ClockCalendar): TaskView {
  const duty = dutyOf(t, duties)
  return {
    id: t.id,
    caseId: t.case_id,
    caseNumber: t.case_number,
    caseTitle: t.case_title,
    procedure: t.procedure,
    agencyId: t.agency_id,
    kind: t.kind,
    title: t.title,
    stateId: t.state_id,
    openedAt: iso(t.opened_at)!,
    dueAt: iso(t.due_at),
    closedAt: iso(t.closed_at),
    clock: duty === null ? null : timerClock(duty, now, cal),
  }
}

/** Cases per page of `GET /v1/cases`. */
export const CASE_LIST_DEFAULT_LIMIT = 20
export const CASE_LIST_MAX_LIMIT = 100
/** Rows read per round while filling a page with cases the reader may see. */
const CASE_LIST_ROUNDS = 8

/** A keyset position: the opening instant exactly as PostgreSQL prints it, and the case id. */
interface CaseCursor {
  openedAt: string
  id: string
}

const CURSOR_AT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function encodeCaseCursor(c: CaseCursor): string {
  return Buffer.from(JSON.stringify([c.openedAt, c.id]), 'utf8').toString('base64url')
}

/** The position a cursor names; VALIDATION_FAILED when it is not one this api gave out. */
export function decodeCaseCursor(cursor: string): CaseCursor {
  let value: unknown = null
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    value = null
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && CURSOR_AT.test(value[0]) && typeof value[1] === 'string' && UUID.test(value[1])) {
    return { openedAt: value[0], id: value[1] }
  }
  throw new AppError('VALIDATION_FAILED', 'querystring is not valid: /querystring/cursor is not a cursor this api gave out; start again without it', {
    details: { fields: [{ path: '/querystring/cursor', message: 'is not a cursor this api gave out' }], messageZh: '分页游标无效，请从第一页重新开始' },
  })
}

export function createReads(deps: { db: Kysely<Database>; procedures: ReadonlyMap<string, ProcedureDefinition>; clock: Clock; calendar?: object }) {
  const { db, procedures } = deps
  const cal = clockCalendarOf(deps.calendar)

  const stateTitles = new Map<string, Map<string, ChartState>>()
  /** Each state id of a procedure with its title and end code (one per id, as the chart has them). */
  function stateTitlesOf(def: ProcedureDefinition): Map<string, ChartState> {
    let titles = stateTitles.get(def.name)
    if (titles === undefined) stateTitles.set(def.name, (titles = new Map(procedureChart(def).states.map((s) => [s.id, s]))))
    return titles
  }

  async function loadReadable(caseId: string, actor: Actor, what: string) {
    const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
    if (!row) throw new AppError('CASE_NOT_FOUND', `case ${caseId} not found`)
    await authorizeReadLogged(deps, actor, row, what)
    const def = procedures.get(row.procedure)
    if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${row.procedure} is not registered`)
    return { row, def }
  }

  /** Masks the case's personal data for this reader (policy.ts `personalDataAccess`). */
  const masked = <T>(row: Pick<CaseRow, 'procedure' | 'parties'>, actor: Actor, value: T): T => maskPersonalData(value, personalDataAccess(row.procedure, actor, row))

  async function readCase(caseId: string, actor: Actor): Promise<CaseView> {
    const { row, def } = await loadReadable(caseId, actor, 'case')
    const machine = machineOf(def)
    const snapshot = restore(machine, row.snapshot as Record<string, unknown>)
    const [tasks, timers] = await Promise.all([
      db
        .selectFrom('tasks')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('closed_at', 'is', null)
        .orderBy('due_at')
        .execute(),
      db.selectFrom('timers').selectAll().where('case_id', '=', caseId).orderBy('started_seq').orderBy('name').execute(),
    ])
    const now = deps.clock.now()
    const handled = row.status === 'open' ? handledEventTypes(snapshot) : new Set<string>()
    const allowed = commandsForActor(def, actor, row)
      .filter((c) => handled.has(c.type))
      .map((c) => ({ type: c.type, title: c.title, payload: c.payload, ...(c.source ? { source: c.source } : {}) }))
    return masked(row, actor, {
      id: row.id,
      procedure: row.procedure,
      definitionVersion: row.definition_version,
      caseNumber: row.case_number,
      title: row.title,
      jurisdiction: row.jurisdiction,
      status: row.status,
      version: row.version,
      stateIds: row.state_ids,
      states: activeStates(snapshot),
      parties: row.parties as Record<string, string>,
      context: (snapshot.context ?? {}) as Record<string, unknown>,
      parentCaseId: row.parent_case_id,
      openedAt: iso(row.opened_at)!,
      updatedAt: iso(row.updated_at)!,
      closedAt: iso(row.closed_at),
      openTasks: tasks.map((t) => taskView({ ...t, case_number: row.case_number, case_title: row.title, procedure: row.procedure }, timers, now, cal)),
      deadlines: timers.map((t) => timerView(t, now, cal)),
      allowedCommands: allowed,
    })
  }

  /**
   * The case's events, and those of the cases linked to it (the case it was opened from and
   * the cases opened from it) that this actor may read. Each entry names its case.
   */
  async function timeline(caseId: string, actor: Actor): Promise<TimelineEntry[]> {
    const { row } = await loadReadable(caseId, actor, 'timeline')
    const linked = await db
      .selectFrom('cases')
      .select(['id', 'procedure', 'case_number', 'parties', 'jurisdiction', 'parent_case_id'])
      .where((eb) => eb.or([eb('parent_case_id', '=', caseId), ...(row.parent_case_id ? [eb('id', '=', row.parent_case_id)] : [])]))
      .execute()
    const readable = await Promise.all(linked.map((c) => mayRead(deps, actor, c)))
    const cases = [
      { row, link: 'self' as const },
      ...linked.filter((_, i) => readable[i]).map((c) => ({ row: c, link: c.id === row.parent_case_id ? ('parent' as const) : ('child' as const) })),
    ]
    const [users, agencies] = await Promise.all([db.selectFrom('users').select(['id', 'name']).execute(), db.selectFrom('agencies').select(['id', 'name']).execute()])
    const names = { users: new Map(users.map((u) => [u.id, u.name])), agencies: new Map(agencies.map((a) => [a.id, a.name])) }
    names.users.set(SYSTEM_ACTOR.userId, 'Xianjie')
    // Each case in its own order (seq; a late timer's event carries the law's earlier instant):
    // the parent, this case, then the cases opened from it as they were opened.
    const order = { parent: 0, self: 1, child: 2 }
    // Each linked case's entries are masked for this reader as that case's own read would be.
    const timelines = await Promise.all(cases.map(async (c) => ({ link: c.link, entries: masked(c.row, actor, await caseTimeline(c.row, c.link, names)) })))
    return timelines
      .sort((a, b) => order[a.link] - order[b.link] || Date.parse(a.entries[0]?.occurredAt ?? '') - Date.parse(b.entries[0]?.occurredAt ?? ''))
      .flatMap((t) => t.entries)
  }

  async function caseTimeline(
    row: { id: string; procedure: string; case_number: string | null },
    link: TimelineEntry['case']['link'],
    names: { users: Map<string, string>; agencies: Map<string, string> },
  ): Promise<TimelineEntry[]> {
    const def = procedures.get(row.procedure)
    if (!def) throw new AppError('UNKNOWN_PROCEDURE', `procedure ${row.procedure} is not registered`)
    const [events, timers] = await Promise.all([
      db.selectFrom('case_events').selectAll().where('case_id', '=', row.id).orderBy('seq').execute(),
      db.selectFrom('timers').selectAll().where('case_id', '=', row.id).execute(),
    ])
    const endedBy = new Map<number, TimerRow[]>()
    for (const t of timers) if (t.ended_seq !== null) endedBy.set(t.ended_seq, [...(endedBy.get(t.ended_seq) ?? []), t])
    let previous: number | null = null
    return events.map((e) => {
      const at = new Date(e.occurred_at).getTime()
      const facts = e.facts as { source?: string; timer?: { name: string } }
      const spec = def.commands[e.type]
      const firedRule = facts.timer ? def.timers[facts.timer.name] : undefined
      const title = spec?.title ?? firedRule?.title ?? (e.type === 'RECEIPT' ? { zh: '送达回执', en: 'Receipt' } : e.type === 'CASE_OPENED' ? { zh: '立案', en: 'Case opened' } : { zh: e.type, en: e.type })
      const entry: TimelineEntry = {
        case: { id: row.id, procedure: row.procedure, caseNumber: row.case_number, link },
        seq: e.seq,
        type: e.type,
        title,
        actor: { userId: e.actor_id, name: names.users.get(e.actor_id) ?? null },
        agency: { id: e.agency_id, name: names.agencies.get(e.agency_id) ?? null },
        occurredAt: new Date(e.occurred_at).toISOString(),
        stateBefore: e.state_before,
        stateAfter: e.state_after,
        source: facts.source ?? spec?.source ?? firedRule?.source ?? null,
        deadlines: (endedBy.get(e.seq) ?? []).map(deadlineOf),
        sincePreviousHours: previous === null ? null : Math.round(((at - previous) / 3_600_000) * 100) / 100,
        hash: e.hash,
      }
      previous = at
      return entry
    })
  }

  /**
   * The public credit register for one 统一社会信用代码: the records in force now (published,
   * not ended, not past their end), never case internals. Anyone may ask.
   */
  async function creditList(creditCode: string): Promise<CreditListView> {
    const problem = creditCodeProblem(creditCode)
    if (problem) {
      throw new AppError('VALIDATION_FAILED', `creditCode ${JSON.stringify(creditCode)} is not a valid 统一社会信用代码: ${problem.en}`, {
        details: { fields: [{ path: '/creditCode', message: problem.en }], messageZh: problem.zh },
      })
    }
    const now = deps.clock.now()
    const [rows, subject] = await Promise.all([
      db
        .selectFrom('credit_list')
        .innerJoin('agencies', 'agencies.id', 'credit_list.authority_agency_id')
        .select([
          'credit_list.regime',
          'credit_list.kind',
          'credit_list.title',
          'credit_list.subject_name',
          'agencies.name as authority',
          'credit_list.decision_number',
          'credit_list.decided_at',
          'credit_list.published_at',
          'credit_list.until',
          'credit_list.measures',
        ])
        .where('credit_list.subject_credit_code', '=', creditCode)
        .where('credit_list.published_at', '<=', now)
        .where('credit_list.ended_at', 'is', null)
        .where((eb) => eb.or([eb('credit_list.until', 'is', null), eb('credit_list.until', '>', now)]))
        .orderBy('credit_list.decided_at')
        .execute(),
      db.selectFrom('agencies').select('name').where('credit_code', '=', creditCode).executeTakeFirst(),
    ])
    const records = rows.map((r) => ({
      regime: r.regime,
      kind: r.kind,
      title: r.title as Bilingual,
      authority: r.authority,
      decisionNumber: r.decision_number,
      since: iso(r.decided_at)!,
      publishedAt: iso(r.published_at)!,
      until: iso(r.until),
      measures: r.measures as PublicMeasure[],
    }))
    const listings = records.filter((r) => r.kind === 'listing')
    return {
      creditCode,
      subjectName: subject?.name ?? rows[0]?.subject_name ?? null,
      asOf: now.toISOString(),
      listed: listings.length > 0,
      regimes: [...new Set(listings.map((r) => r.regime))],
      records,
    }
  }

  async function inbox(actor: Actor, options: { includeClosed?: boolean; limit?: number } = {}): Promise<TaskView[]> {
    let q = db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.id', 'tasks.case_id')
      .select([
        'tasks.id',
        'tasks.case_id',
        'cases.case_number',
        'cases.title as case_title',
        'cases.procedure',
        'tasks.agency_id',
        'tasks.kind',
        'tasks.title',
        'tasks.state_id',
        'tasks.opened_at',
        'tasks.due_at',
        'tasks.closed_at',
      ])
      .where('tasks.agency_id', '=', actor.agencyId)
    if (!options.includeClosed) q = q.where('tasks.closed_at', 'is', null)
    const rows = await q.orderBy('tasks.due_at', (ob) => ob.asc().nullsLast()).orderBy('tasks.id').limit(options.limit ?? 100).execute()
    const open = [...new Set(rows.filter((t) => t.closed_at === null).map((t) => t.case_id))]
    const duties = open.length === 0
      ? []
      : await db
        .selectFrom('timers')
        .selectAll()
        .where('case_id', 'in', open)
        .where('expiry', '=', 'DUTY')
        .where('owner_agency_id', '=', actor.agencyId)
        .where((eb) => eb.or([eb('status', '=', 'SCHEDULED'), eb.and([eb('status', '=', 'OVERDUE_DUTY'), eb('done_at', 'is', null)])]))
        .execute()
    const now = deps.clock.now()
    return rows.map((t) => taskView(t, duties, now, cal))
  }

  /**
   * The cases the actor's agency opened or is a party to (the opener is always a party), newest
   * first. Found through the GIN index on `cases.parties` (one containment per party key), then
   * kept only where policy.ts lets the actor read the case (the police of a transfer once it
   * was dispatched to them, never a partner): a page may take several rounds to fill, and the
   * cursor then names where the reading stopped.
   */
  async function cases(actor: Actor, query: CaseListQuery = {}): Promise<CaseListPage> {
    const limit = Math.min(Math.max(query.limit ?? CASE_LIST_DEFAULT_LIMIT, 1), CASE_LIST_MAX_LIMIT)
    let after = query.cursor === undefined ? null : decodeCaseCursor(query.cursor)
    const items: CaseListItem[] = []
    for (let round = 0; round < CASE_LIST_ROUNDS; round++) {
      // The agency's cases newest first, read in the order of case_parties_agency_opened_idx
      // (migration 0012): a page costs its own rows, however many cases the agency has.
      let q = db
        .selectFrom('case_parties as p')
        .innerJoin('cases as c', 'c.id', 'p.case_id')
        .leftJoin('case_index as i', 'i.case_id', 'p.case_id')
        .select(['c.id', 'c.procedure', 'c.case_number', 'c.title', 'c.jurisdiction', 'c.status', 'c.state_ids', 'c.snapshot', 'c.parties', 'c.opened_at', 'c.updated_at', 'i.end_code'])
        .select(sql<string>`p.opened_at::text`.as('opened_at_text'))
        .where('p.agency_id', '=', actor.agencyId)
      if (query.status !== undefined) q = q.where('c.status', '=', query.status)
      if (after !== null) q = q.where(sql<boolean>`(p.opened_at, p.case_id) < (${after.openedAt}::timestamptz, ${after.id}::uuid)`)
      const rows = await q.orderBy('p.opened_at', 'desc').orderBy('p.case_id', 'desc').limit(limit + 1).execute()
      const readable = await readableCases(deps, actor, rows)
      for (const row of rows) {
        if (!readable.has(row.id)) continue
        if (items.length === limit) return { items, nextCursor: encodeCaseCursor(after!) }
        items.push(listItem(row))
        after = { openedAt: row.opened_at_text, id: row.id }
      }
      if (rows.length <= limit) return { items, nextCursor: null }
      const last = rows[rows.length - 1]!
      after = { openedAt: last.opened_at_text, id: last.id }
    }
    return { items, nextCursor: after === null ? null : encodeCaseCursor(after) }
  }

  function listItem(row: Pick<CaseRow, 'id' | 'procedure' | 'case_number' | 'title' | 'jurisdiction' | 'status' | 'state_ids' | 'opened_at' | 'updated_at'> & { end_code: string | null }): CaseListItem {
    const def = procedures.get(row.procedure)
    // Titles by state id from the procedure's chart: a page of twenty cases restores no machine.
    const titles = def === undefined ? undefined : stateTitlesOf(def)
    const states = row.state_ids.map((id) => {
      const s = titles?.get(id)
      return { id, title: s?.title ?? { zh: id, en: id }, ...(s?.end ? { end: s.end } : {}) }
    })
    return {
      id: row.id,
      procedure: row.procedure,
      caseNumber: row.case_number,
      title: row.title,
      jurisdiction: row.jurisdiction,
      status: row.status,
      stateIds: row.state_ids,
      states,
      end: row.end_code,
      openedAt: iso(row.opened_at)!,
      updatedAt: iso(row.updated_at)!,
    }
  }

  /** 查询留痕: who read the case, what and when (refused attempts too). Supervisors of its jurisdiction only. */
  async function views(caseId: string, actor: Actor, options: { limit?: number } = {}): Promise<CaseViewEntry[]> {
    const { row } = await loadReadable(caseId, actor, 'views')
    if (!actor.roles.includes('supervisor')) {
      throw new AppError('FORBIDDEN', `actor ${actor.userId} may not see who read case ${row.id}`, { details: { messageZh: '仅监督人员可以查看查询记录' } })
    }
    const rows = await db
      .selectFrom('case_views')
      .leftJoin('users', 'users.id', 'case_views.actor_id')
      .select(['case_views.actor_id', 'users.name', 'case_views.agency_id', 'case_views.what', 'case_views.allowed', 'case_views.at'])
      .where('case_views.case_id', '=', caseId)
      .orderBy('case_views.id', 'desc')
      .limit(options.limit ?? 200)
      .execute()
    return rows.map((r) => ({ actor: { userId: r.actor_id, name: r.name ?? null }, agencyId: r.agency_id, what: r.what, allowed: r.allowed, at: iso(r.at)! }))
  }

  return { readCase, timeline, inbox, cases, creditList, views }
}
