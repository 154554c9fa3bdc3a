// The transfer workload: cases driven through the early criminal-transfer steps over HTTP,
// a closed loop (fixed concurrency, max steps/s) and an open loop (fixed arrival rate).
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { HttpClient } from './http.ts'

/** The demo jurisdictions: each has an AEA (msa), police, procuratorate and government. */
export const DIVISIONS = ['620400', '370100', '350400', '410300', '330100', '410305'] as const

type Role = 'officer' | 'head' | 'police' | 'policeHead'

const USER_OF: Record<Role, (division: string) => string> = {
  officer: (d) => `msa-${d}.officer1`,
  head: (d) => `msa-${d}.head`,
  police: (d) => `police-${d}.officer`,
  policeHead: (d) => `police-${d}.head`,
}

export function benchUsers(): string[] {
  return DIVISIONS.flatMap((d) => (Object.keys(USER_OF) as Role[]).map((r) => USER_OF[r](d)))
}

interface CaseCtx {
  n: number
  division: string
}

type Command = { kind: 'command'; type: string; role: Role; payload: (c: CaseCtx) => Record<string, unknown> }
type Await = { kind: 'await'; receipt: string }
type Step = Command | Await

const SHA = (seed: string) => (seed.repeat(64) + 'a'.repeat(64)).slice(0, 64)
const day = 86_400_000

function openPayload(c: CaseCtx): Record<string, unknown> {
  const now = Date.now()
  return {
    title: `压测案件${c.n}：某商贸公司销售假冒注册商标商品案`,
    ipCategory: 'trademark',
    suspicionBasis: 'reasonableSuspicion',
    offence: '销售假冒注册商标的商品罪',
    illegalBusinessVolume: 86_000 + c.n,
    finePaidAmount: 20_000,
    suspectName: `某商贸有限公司${c.n}`,
    violationDate: new Date(now - 60 * day).toISOString().slice(0, 10),
    adminCaseOpenedAt: new Date(now - day).toISOString(),
    copyToProcuratorate: true,
  }
}

const doc = (name: string, seed: string) => ({ name, sha256: SHA(seed) })

const EARLY: Step[] = [
  { kind: 'command', type: 'OPEN', role: 'officer', payload: openPayload },
  {
    kind: 'command',
    type: 'FORM_TEAM',
    role: 'officer',
    payload: (c) => ({ officers: [{ userId: `msa-${c.division}.officer1`, name: '承办人甲' }, { userId: `msa-${c.division}.officer2`, name: '承办人乙' }] }),
  },
  { kind: 'command', type: 'SUBMIT_TRANSFER_REPORT', role: 'officer', payload: () => ({ report: doc('书面报告.pdf', 'b'), summary: '涉案金额八万六千元，已达追诉标准' }) },
  { kind: 'command', type: 'APPROVE_TRANSFER', role: 'head', payload: () => ({ note: '同意移送' }) },
  {
    kind: 'command',
    type: 'DISPATCH_TRANSFER',
    role: 'officer',
    payload: (c) => ({
      letterNo: `压市监移〔2026〕${c.n}号`,
      documents: [
        { kind: 'transferLetter', ...doc('涉嫌犯罪案件移送书.pdf', 'c') },
        { kind: 'investigationReport', ...doc('调查报告.pdf', 'd') },
        { kind: 'itemList', ...doc('涉案物品清单.pdf', 'e') },
        { kind: 'testReport', ...doc('鉴定结论.pdf', 'f') },
      ],
    }),
  },
  { kind: 'await', receipt: 'transferLetter' },
  { kind: 'command', type: 'SIGN_RECEIPT', role: 'police', payload: (c) => ({ receiptNo: `回执${c.n}` }) },
]

/** Filed: the police file the case, the AEA receives the filing notice and hands the items over. */
const FILING_PLAN: Step[] = [
  ...EARLY,
  { kind: 'command', type: 'FILE_CASE', role: 'policeHead', payload: (c) => ({ decisionNo: `压公经立字〔2026〕${c.n}号`, offence: '销售假冒注册商标的商品罪' }) },
  { kind: 'await', receipt: 'filingNotice' },
  { kind: 'command', type: 'HAND_OVER_ITEMS', role: 'officer', payload: () => ({ itemList: doc('移交清单.pdf', '1'), aeaSignatory: '承办人甲', policeSignatory: '侦查员乙' }) },
]

/** Refused: the AEA receives the non-filing notice, accepts it and imposes the penalty itself. */
const REFUSAL_PLAN: Step[] = [
  ...EARLY,
  { kind: 'command', type: 'REFUSE_FILING', role: 'policeHead', payload: () => ({ reasons: '未达立案追诉标准', returnedFiles: [doc('案卷材料.pdf', '2')] }) },
  { kind: 'await', receipt: 'nonFilingNotice' },
  { kind: 'command', type: 'ACCEPT_NON_FILING', role: 'head', payload: () => ({ note: '依法作出行政处理' }) },
  { kind: 'command', type: 'IMPOSE_PENALTY', role: 'head', payload: (c) => ({ decisionNo: `压市监罚〔2026〕${c.n}号`, penalties: ['fine', 'confiscation'], fineAmount: 50_000 }) },
]

/** The two plans, for the in-process round-trip count. */
export const PLANS = { filing: FILING_PLAN, refusal: REFUSAL_PLAN } as const
export { USER_OF, type Step, type CaseCtx }

export const PLAN_COMMANDS = {
  filing: FILING_PLAN.filter((s) => s.kind === 'command').length,
  refusal: REFUSAL_PLAN.filter((s) => s.kind === 'command').length,
}

export type CaseState = 'ready' | 'busy' | 'waiting' | 'done' | 'failed'

export interface CaseRun {
  ctx: CaseCtx
  plan: Step[]
  idx: number
  id: string | null
  state: CaseState
  phase: string
}

export interface Sample {
  phase: string
  type: string
  status: number
  /** From the request's send to the full response (ms). */
  ms: number
  /** From the instant the open-loop schedule meant to send it (ms); = ms in the closed loop. */
  fromScheduled: number
  end: number
}

/** Drives cases: one command in flight per case, receipts noticed by polling case_events. */
export class Fleet {
  readonly samples: Sample[] = []
  readonly errors = new Map<string, { count: number; example: string }>()
  readonly runs: CaseRun[] = []
  private ready: CaseRun[] = []
  private readyHead = 0
  private waiting = new Map<string, { run: CaseRun; kind: string }>()
  private listeners: Array<() => void> = []
  private pollTimer: NodeJS.Timeout | null = null
  private polling = false
  private counter = 0
  inflight = 0
  active = 0

  private readonly http: HttpClient
  private readonly tokens: Map<string, string>
  private readonly db: pg.Pool
  private readonly idempotency: boolean
  private readonly refusalEvery: number

  constructor(opts: { http: HttpClient; tokens: Map<string, string>; db: pg.Pool; idempotency: boolean; refusalEvery: number }) {
    this.http = opts.http
    this.tokens = opts.tokens
    this.db = opts.db
    this.idempotency = opts.idempotency
    this.refusalEvery = opts.refusalEvery
  }

  /** A new case (not yet opened) queued as ready; jurisdictions and outcomes round-robin. */
  addCase(phase: string): CaseRun {
    const n = ++this.counter
    const division = DIVISIONS[n % DIVISIONS.length]!
    const plan = this.refusalEvery > 0 && n % this.refusalEvery === 0 ? REFUSAL_PLAN : FILING_PLAN
    const run: CaseRun = { ctx: { n, division }, plan, idx: 0, id: null, state: 'ready', phase }
    this.runs.push(run)
    this.active++
    this.ready.push(run)
    return run
  }

  takeReady(): CaseRun | undefined {
    if (this.readyHead >= this.ready.length) return undefined
    const run = this.ready[this.readyHead++]!
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead)
      this.readyHead = 0
    }
    return run
  }

  readyCount(): number {
    return this.ready.length - this.readyHead
  }

  /** Resolves at the next change: a case became ready, finished or failed. */
  changed(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve))
  }

  private notify(): void {
    const ls = this.listeners
    this.listeners = []
    for (const l of ls) l()
  }

  /** Sends the case's next command; records the latency; moves the case on. */
  async issue(run: CaseRun, scheduledAt?: number): Promise<void> {
    const step = run.plan[run.idx]
    if (!step || step.kind !== 'command') throw new Error(`case ${run.ctx.n} has no command to send at step ${run.idx}`)
    run.state = 'busy'
    this.inflight++
    const userId = USER_OF[step.role](run.ctx.division)
    const headers: Record<string, string> = { authorization: `Bearer ${this.tokens.get(userId)}` }
    if (this.idempotency) headers['idempotency-key'] = randomUUID()
    const payload = step.payload(run.ctx)
    const started = performance.now()
    let status = 0
    let body: any = null
    try {
      const res =
        step.type === 'OPEN'
          ? await this.http.request('POST', '/v1/cases', { procedure: 'criminal-transfer', payload }, headers)
          : await this.http.request('POST', `/v1/cases/${run.id}/commands`, { type: step.type, payload }, headers)
      status = res.status
      body = res.body
    } catch (err) {
      body = { code: 'NETWORK', detail: (err as Error).message }
    }
    const end = performance.now()
    this.samples.push({ phase: run.phase, type: step.type, status, ms: end - started, fromScheduled: end - (scheduledAt ?? started), end })
    this.inflight--
    if (status >= 200 && status < 300) {
      if (step.type === 'OPEN') run.id = String(body.caseId)
      run.idx++
      this.advance(run)
    } else {
      const key = `${step.type} → ${status} ${body?.code ?? ''}`.trim()
      const e = this.errors.get(key) ?? { count: 0, example: '' }
      e.count++
      if (!e.example) e.example = String(body?.detail ?? body?.title ?? JSON.stringify(body)).slice(0, 300)
      this.errors.set(key, e)
      run.state = 'failed'
      this.active--
    }
    this.notify()
  }

  private advance(run: CaseRun): void {
    const step = run.plan[run.idx]
    if (!step) {
      run.state = 'done'
      this.active--
    } else if (step.kind === 'await') {
      run.state = 'waiting'
      this.waiting.set(run.id!, { run, kind: step.receipt })
      this.schedulePoll()
    } else {
      run.state = 'ready'
      this.ready.push(run)
    }
  }

  private schedulePoll(): void {
    if (this.pollTimer || this.polling) return
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null
      void this.poll()
    }, 15)
  }

  /** One query for every waiting case: the agency's receipt shows as a RECEIPT event. */
  private async poll(): Promise<void> {
    if (this.waiting.size === 0) return
    this.polling = true
    try {
      const ids = [...this.waiting.keys()]
      const res = await this.db.query<{ case_id: string; kind: string }>(
        `select case_id::text, payload->>'dispatchKind' as kind from case_events where type = 'RECEIPT' and case_id = any($1::uuid[])`,
        [ids],
      )
      let moved = 0
      for (const row of res.rows) {
        const w = this.waiting.get(row.case_id)
        if (w && w.kind === row.kind) {
          this.waiting.delete(row.case_id)
          w.run.idx++
          this.advance(w.run)
          moved++
        }
      }
      if (moved > 0) this.notify()
    } catch (err) {
      const e = this.errors.get('receipt poll') ?? { count: 0, example: (err as Error).message }
      e.count++
      this.errors.set('receipt poll', e)
    } finally {
      this.polling = false
      if (this.waiting.size > 0) this.schedulePoll()
    }
  }

  waitingCount(): number {
    return this.waiting.size
  }

  /** Stops watching receipts (the cases stay where they are). */
  stop(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer)
    this.pollTimer = null
    this.waiting.clear()
  }
}

export interface LoopResult {
  phase: string
  cases: number
  casesDone: number
  commands: number
  accepted: number
  failed: number
  /** First send to last accepted response (ms). */
  elapsedMs: number
  stepsPerSecond: number
  latencies: number[]
  byType: Map<string, number[]>
}

function resultOf(fleet: Fleet, phase: string, t0: number, cases: CaseRun[], useScheduled: boolean): LoopResult {
  const samples = fleet.samples.filter((s) => s.phase === phase)
  const ok = samples.filter((s) => s.status >= 200 && s.status < 300)
  const last = ok.reduce((m, s) => Math.max(m, s.end), t0)
  const byType = new Map<string, number[]>()
  for (const s of ok) {
    const list = byType.get(s.type) ?? []
    list.push(useScheduled ? s.fromScheduled : s.ms)
    byType.set(s.type, list)
  }
  const elapsedMs = last - t0
  return {
    phase,
    cases: cases.length,
    casesDone: cases.filter((c) => c.state === 'done').length,
    commands: samples.length,
    accepted: ok.length,
    failed: samples.length - ok.length,
    elapsedMs,
    stepsPerSecond: elapsedMs > 0 ? (ok.length * 1000) / elapsedMs : 0,
    latencies: ok.map((s) => (useScheduled ? s.fromScheduled : s.ms)),
    byType,
  }
}

/**
 * Closed loop: `concurrency` workers, each sending the next command of whichever case is
 * ready, until every case has finished its plan (or `maxMs` passed).
 */
export async function closedLoop(
  fleet: Fleet,
  opts: { phase: string; cases: number; concurrency: number; maxMs: number; progress?: (msg: string) => void },
): Promise<LoopResult> {
  const cases: CaseRun[] = []
  for (let i = 0; i < opts.cases; i++) cases.push(fleet.addCase(opts.phase))
  let remaining = cases.length
  const isMine = new Set(cases)
  const t0 = performance.now()
  const deadline = t0 + opts.maxMs
  let timedOut = false
  const ticker = opts.progress
    ? setInterval(() => {
        const n = fleet.samples.filter((s) => s.phase === opts.phase).length
        opts.progress!(`${opts.phase}: ${n} commands, ${((n * 1000) / (performance.now() - t0)).toFixed(0)}/s, ${fleet.waitingCount()} cases awaiting a receipt`)
      }, 2_000)
    : null
  const worker = async () => {
    for (;;) {
      if (performance.now() > deadline) {
        timedOut = true
        return
      }
      const run = fleet.takeReady()
      if (!run) {
        remaining = cases.filter((c) => c.state !== 'done' && c.state !== 'failed').length
        if (remaining === 0) return
        await Promise.race([fleet.changed(), new Promise((r) => setTimeout(r, 250))])
        continue
      }
      if (!isMine.has(run)) throw new Error('closed loop met a case of another phase')
      await fleet.issue(run)
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, worker))
  if (ticker) clearInterval(ticker)
  if (timedOut) opts.progress?.(`${opts.phase}: stopped at the ${opts.maxMs / 1000} s cap`)
  return resultOf(fleet, opts.phase, t0, cases, false)
}

export interface OpenLoopResult extends LoopResult {
  targetRate: number
  scheduled: number
  /** Sends skipped because `maxInflight` commands were already outstanding. */
  dropped: number
  /** Accepted commands per second over the schedule's window. */
  achievedRate: number
  /** Latency measured from the send itself (service time as the client saw it). */
  serviceLatencies: number[]
  /** How late the client actually sent, behind the schedule (p99, ms). */
  sendLagP99: number
  maxInflight: number
  peakInflight: number
}

/**
 * Open loop: one command every 1/rate s, sent at its scheduled instant whether or not
 * earlier ones have answered. Each goes to the oldest ready case; when none is ready, a
 * new case is opened. Latency counts from the scheduled instant (no coordinated omission).
 */
export async function openLoop(
  fleet: Fleet,
  opts: { phase: string; rate: number; seconds: number; maxInflight: number; progress?: (msg: string) => void },
): Promise<OpenLoopResult> {
  const interval = 1000 / opts.rate
  const t0 = performance.now() + 5
  const end = t0 + opts.seconds * 1000
  const cases: CaseRun[] = []
  const pending = new Set<Promise<void>>()
  const lags: number[] = []
  let i = 0
  let dropped = 0
  let peak = 0
  let lastProgress = t0
  for (;;) {
    const now = performance.now()
    let sched = t0 + i * interval
    if (sched >= end) break
    while (sched <= now && sched < end) {
      i++
      if (fleet.inflight >= opts.maxInflight) {
        dropped++
      } else {
        let run = fleet.takeReady()
        // Only this phase's cases: a closed-loop leftover would skew the mix.
        while (run && run.phase !== opts.phase) run = fleet.takeReady()
        if (!run) {
          cases.push(fleet.addCase(opts.phase))
          run = fleet.takeReady()!
        }
        lags.push(now - sched)
        const p = fleet.issue(run, sched)
        pending.add(p)
        void p.finally(() => pending.delete(p))
        peak = Math.max(peak, fleet.inflight)
      }
      sched = t0 + i * interval
    }
    if (opts.progress && now - lastProgress > 2_000) {
      lastProgress = now
      const n = fleet.samples.filter((s) => s.phase === opts.phase).length
      opts.progress(`${opts.phase}: ${i} scheduled, ${n} answered, ${fleet.inflight} in flight, ${cases.length} cases`)
    }
    const wait = sched - performance.now()
    await new Promise((r) => setTimeout(r, wait > 1 ? Math.floor(wait) : 0))
  }
  await Promise.all([...pending])
  const base = resultOf(fleet, opts.phase, t0, cases, true)
  const samples = fleet.samples.filter((s) => s.phase === opts.phase && s.status >= 200 && s.status < 300)
  const sortedLag = lags.sort((a, b) => a - b)
  return {
    ...base,
    targetRate: opts.rate,
    scheduled: i,
    dropped,
    achievedRate: (base.accepted * 1000) / Math.max(end - t0, base.elapsedMs),
    serviceLatencies: samples.map((s) => s.ms),
    sendLagP99: sortedLag[Math.max(0, Math.ceil(0.99 * sortedLag.length) - 1)] ?? 0,
    maxInflight: opts.maxInflight,
    peakInflight: peak,
  }
}
