// Seeds the supervision benchmark's database with set-based SQL: N cases of the three
// procedures over the demo jurisdictions, each with its events, timers, notices (outbox),
// tasks, read-model rows (case_index, case_refusals) and credit register rows, following the
// paths of supervision-paths.ts at a pace of its own. Triggers are off while it loads
// (session_replication_role = replica): the columns they maintain are filled here, and the
// foreign keys hold by construction (checked at the end). Secondary indexes are dropped for
// the load and rebuilt from their own definitions afterwards, and the statistics rollups and
// the cases' agencies (case_parties) the triggers would have kept are rebuilt from the loaded rows.
import pg from 'pg'
import { PROCEDURES } from '@xianjie/engine'
import type { TimerRule } from '@xianjie/domain'
import { OPEN_PARTY, PATHS, PROCEDURE_SHARES, type PathDef } from './supervision-paths.ts'

/** Bump when the seeded data changes shape: an older database is then seeded again. */
export const SEED_VERSION = 1

/** The tables the seeding loads. */
const LOADED = ['cases', 'case_events', 'timers', 'outbox', 'tasks', 'case_index', 'case_refusals', 'credit_list']

/** The demo jurisdictions (packages/db/src/seed.ts): 5 cities and the 涧西区 district. */
const PLACES = [
  { jur: '620400', city: '620400', basic: '620402', short: '白', cityName: '白银', court: '甘0402' },
  { jur: '370100', city: '370100', basic: '370103', short: '济', cityName: '济南', court: '鲁0103' },
  { jur: '350400', city: '350400', basic: '350404', short: '明', cityName: '三明', court: '闽0404' },
  { jur: '410300', city: '410300', basic: '410305', short: '洛', cityName: '洛阳', court: '豫0305' },
  { jur: '330100', city: '330100', basic: '330106', short: '杭', cityName: '杭州', court: '浙0106' },
  { jur: '410305', city: '410300', basic: '410305', short: '涧', cityName: '洛阳', court: '豫0305' },
]

const TRADES = (
  '华信 鑫达 恒通 宏远 金诚 瑞丰 永盛 天元 博远 嘉禾 盛世 汇丰 德润 同创 中联 新锐 东方 万通 富源 长青 ' +
  '兴业 泰和 隆基 海川 明德 正大 宝丰 聚鑫 安泰 启航 鼎盛 卓越 康达 优品 美佳 凯旋 佳和 锦程 荣昌 利民 ' +
  '天合 昌盛 鸿运 华联 信达 通达 广源 百盛 金鼎 银河 星辉 蓝海 绿源 红日 紫金 青云 白鹭 黄河 长江 泰山 ' +
  '雅致 精工 诚信 和顺 福瑞 吉祥 如意 顺发 宏图 伟业 创新 智联 云帆 数码 易购 优选 名品 尚品 臻品 品冠 ' +
  '金桥 银座 华茂 众诚 天成 润泽 恒源 方圆 合力 群英 冠华 腾飞 远航 新天 亿家 千禧 百川 九州 四海 三和'
).split(' ')
const INDUSTRIES = ['商贸', '贸易', '科技', '电子', '服饰', '食品', '酒业', '化妆品', '五金', '建材', '医药', '文化传媒']
/** 罪名 of the transfer thresholds, with their shares and IP category. */
const OFFENCES = [
  { name: '销售假冒注册商标的商品罪', share: 0.5, ip: 'trademark' },
  { name: '假冒注册商标罪', share: 0.25, ip: 'trademark' },
  { name: '非法制造、销售非法制造的注册商标标识罪', share: 0.1, ip: 'trademark' },
  { name: '侵犯著作权罪', share: 0.1, ip: 'copyright' },
  { name: '假冒专利罪', share: 0.05, ip: 'patent' },
]

const HOURS: Record<string, number> = { h: 1, cd: 24, wd: 24 * 7 / 5, mo: 730.5, y: 8766 }

/** The persisted machine context of a case, about the size of the engine's (2–3 kB of JSON). */
const CONTEXTS: Record<PathDef['procedure'], Record<string, unknown>> = {
  'criminal-transfer': {
    caseId: '{{id}}', openedAt: '{{t}}', parties: '{{parties}}', title: '{{title}}', ipCategory: '{{i}}', suspicionBasis: 'reasonableSuspicion', offence: '{{o}}',
    amounts: { illegalBusinessVolume: '{{v}}', illegalGains: '{{g}}', finePaidAmount: 0 }, suspect: { name: '{{s}}', creditCode: '{{c}}' },
    copyToProcuratorate: true, violationDate: '{{d}}', aggravatedLimitation: false, adminCaseOpenedAt: '{{t}}',
    team: [{ userId: 'msa-{{j}}.officer1', name: '承办人甲' }, { userId: 'msa-{{j}}.officer2', name: '承办人乙' }],
    transferReport: { document: { name: '关于移送涉嫌犯罪案件的书面报告.pdf', sha256: '{{x}}' }, summary: '非法经营额{{v}}元，涉嫌{{o}}，建议移送公安机关', at: '{{t}}' },
    approval: { at: '{{t}}', by: 'msa-{{j}}.head' }, headRefusal: null,
    transferDocuments: [
      { kind: 'transferLetter', name: '涉嫌犯罪案件移送书.pdf', sha256: '{{x}}' },
      { kind: 'investigationReport', name: '涉嫌犯罪案件情况的调查报告.pdf', sha256: '{{x}}' },
      { kind: 'itemList', name: '涉案物品清单.pdf', sha256: '{{x}}' },
      { kind: 'testReport', name: '商标权利人鉴定意见.pdf', sha256: '{{x}}' },
    ],
    noTestingReason: null, dispatchedAt: '{{t}}', acceptedAt: '{{t}}', reviewExtension: 10, extensions: [], supplementNoticeWindowOpen: false,
    supplementRequests: [], supplements: [], filing: null, nonFiling: null, reconsiderationRequestedAt: null, reconsiderationDecision: null,
    reconsiderationWindowOpen: false, supervisionWindowOpen: false, supervision: null, explanation: null, governmentOrders: [], handover: null,
    reminderGateOpen: false, reminders: [], movedTo: null, withdrawal: null, reverseTransfer: null, adminRoute: null, adminExtensionDays: 0,
    adminDecision: null, criminalOutcome: null, fineOffset: null, closure: null, overdue: [],
    receipts: [{ dispatchKind: 'transfer', agencyId: 'police-{{j}}', receivedAt: '{{t}}' }, { dispatchKind: 'transferCopy', agencyId: 'procuratorate-{{j}}', receivedAt: '{{t}}' }],
  },
  'judicial-confirmation': {
    caseId: '{{id}}', openedAt: '{{t}}', parties: '{{parties}}', title: '{{title}}', dispute: '{{i}}',
    agencies: {
      'party-{{b}}-1': { id: 'party-{{b}}-1', kind: 'party', division: '{{b}}', name: '{{s}}', creditCode: '{{c}}' },
      'party-{{b}}-2': { id: 'party-{{b}}-2', kind: 'party', division: '{{b}}', name: '{{s2}}', creditCode: '{{c2}}' },
      'court.basic-{{b}}': { id: 'court.basic-{{b}}', kind: 'court.basic', division: '{{b}}', level: 'county' },
    },
    agreement: { document: { name: '人民调解协议书.pdf', sha256: '{{x}}' }, effectiveAt: '{{t}}', subject: '商标侵权损害赔偿', amount: '{{v}}' },
    application: { filedAt: '{{t}}', courts: ['court.basic-{{b}}'], joint: true, documents: [{ name: '司法确认申请书.pdf', sha256: '{{x}}' }] },
    acceptance: { at: '{{t}}', caseNumber: null }, supplements: [], statements: [], questioning: [{ at: '{{t}}', record: { name: '询问笔录.pdf', sha256: '{{x}}' } }],
    extension: null, ruling: null, objections: [], performance: null, enforcement: null, overdue: [],
    receipts: [{ dispatchKind: 'application', agencyId: 'court.basic-{{b}}', receivedAt: '{{t}}' }],
  },
  'credit-listing': {
    caseId: '{{id}}', openedAt: '{{t}}', parties: '{{parties}}', title: '{{title}}',
    agencies: { 'party-{{b}}-1': { id: 'party-{{b}}-1', kind: 'party', division: '{{b}}', name: '{{s}}', creditCode: '{{c}}' } },
    penalty: { decisionNo: '{{a}}市监罚〔{{y}}〕{{n}}号', decidedAt: '{{t}}', violation: '{{o}}', fineAmount: '{{f}}', procedureKind: 'ordinary' },
    criteria: { seriousViolation: true, repeated: false, badInfluence: true, assessedAt: '{{t}}' },
    listing: { noticeAt: '{{t}}', statement: { name: '陈述申辩书.pdf', sha256: '{{x}}' }, hearing: null, decisionNo: '{{a}}市监信〔{{y}}〕{{n}}号', years: 3 },
    publicity: { publishedAt: '{{t}}', period: '3y', channel: '国家企业信用信息公示系统' },
    cnipa: null, repair: null, remedies: [], overdue: [],
    receipts: [{ dispatchKind: 'priorNotice', agencyId: 'party-{{b}}-1', receivedAt: '{{t}}' }],
  },
}

const TITLES: Record<PathDef['procedure'], string> = {
  'criminal-transfer': '{{s}}涉嫌{{o}}案',
  'judicial-confirmation': '{{s}}与{{s2}}调解协议司法确认案',
  'credit-listing': '{{s}}失信惩戒案',
}

/** The placeholders of a template replaced for one case and step (SQL over `b` (case) and the instant `at_`). */
function fill(text: string): string {
  const subs: Array<[string, string]> = [
    ['"{{v}}"', 'b.v::text'], ['"{{g}}"', 'b.g::text'], ['"{{f}}"', 'b.f::text'], ['"{{parties}}"', 'b.parties::text'],
    ['{{v}}', 'b.v::text'], ['{{g}}', 'b.g::text'], ['{{f}}', 'b.f::text'],
    ['{{a}}', 'b.short'], ['{{j}}', 'b.jur'], ['{{y}}', 'b.yr'], ['{{n}}', 'b.n::text'], ['{{s2}}', 'b.s2'], ['{{c2}}', 'b.c2'], ['{{s}}', 'b.s1'], ['{{c}}', 'b.c1'],
    ['{{o}}', 'b.offence'], ['{{i}}', 'b.ip'], ['{{b}}', 'b.basic'], ['{{p}}', 'b.court'], ['{{id}}', 'b.id::text'], ['{{title}}', 'b.title'],
    ['{{x}}', 'sha_'], ['{{t}}', "to_char(at_ at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"], ['{{d}}', "to_char(at_ at time zone 'UTC', 'YYYY-MM-DD')"],
    ['{{r}}', 'reason_'],
  ]
  let out = text
  for (const [from, to] of subs) out = `replace(${out}, '${from}', ${to})`
  return out
}

interface StepRow {
  path_id: number; seq: number; type: string; by_party: string; by_user: string; before: string[]; after: string[]
  cum_s: number; cum_u: number; payload_tpl: string | null; fire: string | null; refusal_kind: string | null; reasons: string[] | null
  sends: Array<{ to: string; kind: string; task: string | null }> | null
}
interface TimerRow {
  path_id: number; tidx: number; name: string; send_id: string; state_id: string; owner: string; rule: TimerRule; expiry: string
  dur_hours: number; start_seq: number; end_seq: number | null; end_kind: 'left' | 'fired' | 'final'
}
interface DispatchRow {
  path_id: number; didx: number; seq: number; to_party: string; kind: string; title_zh: string; title_en: string; task: string | null
  state_id: string; receipt_seq: number | null; task_state: string | null; task_close_seq: number | null; due_tidx: number | null
}

/** The paths as rows of the template tables (with the timer rules of the real procedures). */
export function compilePaths() {
  const defs = new Map(PROCEDURES.map((p) => [p.name, p]))
  const paths: Array<Record<string, unknown>> = []
  const steps: StepRow[] = []
  const timers: TimerRow[] = []
  const dispatches: DispatchRow[] = []
  let w = 0
  PATHS.forEach((path, pathId) => {
    const def = defs.get(path.procedure)
    if (!def) throw new Error(`procedure ${path.procedure} is not registered`)
    const share = PROCEDURE_SHARES[path.procedure] * path.share
    let cumS = 0
    let cumU = 0
    let before: string[] = []
    const running: TimerRow[] = []
    const pathTimers: TimerRow[] = []
    const pathDispatches: DispatchRow[] = []
    const seqOf = (type: string) => {
      const i = path.steps.findIndex((s) => s.type === type)
      return i < 0 ? null : i + 1
    }
    path.steps.forEach((s, i) => {
      const seq = i + 1
      cumS += s.h ?? 0
      cumU += s.fixed ?? 0
      const after = s.after.split(',')
      const [party, user] = s.by === 'system' ? ['system', 'system'] : [s.by.slice(0, s.by.indexOf('.')), s.by.slice(s.by.indexOf('.') + 1)]
      const endTimer = (name: string, kind: 'left' | 'fired') => {
        const t = running.findLast((r) => r.name === name)
        if (!t) throw new Error(`${path.id} step ${seq} ${s.type} ends ${name}, which is not running`)
        t.end_seq = seq
        t.end_kind = kind
        running.splice(running.indexOf(t), 1)
      }
      for (const name of s.end ?? []) endTimer(name, 'left')
      if (s.fire) endTimer(s.fire, 'fired')
      const startedHere: number[] = []
      for (const name of s.start ?? []) {
        const rule = def.timers[name]
        if (!rule) throw new Error(`${path.procedure} has no timer ${name}`)
        const hours = HOURS[rule.unit]
        if (hours === undefined) throw new Error(`unit ${rule.unit} of ${name}`)
        const state = after[after.length - 1]!
        const t: TimerRow = {
          path_id: pathId, tidx: pathTimers.length, name, send_id: `xstate.after.${name}.${path.procedure}.${state}`, state_id: state,
          owner: String(rule.owner), rule, expiry: rule.expiry, dur_hours: rule.duration * hours, start_seq: seq, end_seq: null, end_kind: 'final',
        }
        running.push(t)
        pathTimers.push(t)
        startedHere.push(t.tidx)
      }
      if (s.receipt) {
        const d = pathDispatches.find((x) => x.kind === s.receipt && x.receipt_seq === null)
        if (!d) throw new Error(`${path.id} step ${seq}: no unacknowledged ${s.receipt} dispatch`)
        d.receipt_seq = seq
        if (d.task) {
          d.task_state = after[after.length - 1]!
          const close = path.steps.findIndex((x, k) => k > i && !x.after.split(',').includes(d.task_state!))
          d.task_close_seq = close < 0 ? null : close + 1
          d.due_tidx = startedHere[0] ?? null
        }
      }
      for (const send of s.send ?? []) {
        pathDispatches.push({
          path_id: pathId, didx: pathDispatches.length, seq, to_party: send.to, kind: send.kind, title_zh: send.title[0], title_en: send.title[1],
          task: send.task ?? null, state_id: after[after.length - 1]!, receipt_seq: null, task_state: null, task_close_seq: null, due_tidx: null,
        })
      }
      steps.push({
        path_id: pathId, seq, type: s.type, by_party: party!, by_user: user!, before, after, cum_s: cumS, cum_u: cumU,
        payload_tpl: s.payload ? JSON.stringify(s.payload) : s.type === 'RECEIPT' || s.fire ? null : '{}',
        fire: s.fire ?? null, refusal_kind: s.refusal?.kind ?? null, reasons: s.refusal?.reasons ?? null,
        sends: s.send ? s.send.map((x) => ({ to: x.to, kind: x.kind, task: x.task ?? null })) : null,
      })
      before = after
    })
    for (const d of pathDispatches) if (d.receipt_seq === null) throw new Error(`${path.id}: dispatch ${d.kind} at step ${d.seq} has no receipt`)
    if (pathTimers.length > 20 || pathDispatches.length > 20) throw new Error(`${path.id}: more than 20 timers or dispatches`)
    timers.push(...pathTimers)
    dispatches.push(...pathDispatches)
    paths.push({
      path_id: pathId, name: path.id, procedure: path.procedure, w_lo: w, w_hi: w + share, len: path.steps.length, end_code: path.end,
      open_party: OPEN_PARTY[path.procedure], ctx_tpl: JSON.stringify(CONTEXTS[path.procedure]), title_tpl: TITLES[path.procedure],
      transfer_at: seqOf('DISPATCH_TRANSFER'), penalty_at: seqOf('IMPOSE_PENALTY'), head_refused_at: seqOf('REFUSE_TRANSFER'),
      pub_at: path.publicity?.at ?? null, pub_until_hours: path.publicity?.untilHours ?? null, pub_end_at: path.publicity?.endAt ?? null,
      pub_end_reason: path.publicity?.endReason ?? null, list_decided_at: path.listing?.decidedAt ?? null, list_at: path.listing?.at ?? null,
      list_end_at: path.listing?.endAt ?? null, list_end_reason: path.listing?.endReason ?? null,
      nominal_days: Math.round((cumS * 0.55 + cumU) / 24),
    })
    w += share
  })
  // The last path closes the interval whatever the rounding.
  paths[paths.length - 1]!.w_hi = 1.000001
  const expected = {
    events: PATHS.reduce((n, p) => n + PROCEDURE_SHARES[p.procedure] * p.share * p.steps.length, 0),
    timers: PATHS.reduce((n, p, i) => n + PROCEDURE_SHARES[p.procedure] * p.share * timers.filter((t) => t.path_id === i).length, 0),
  }
  return { paths, steps, timers, dispatches, expected }
}

export interface SeedResult {
  seconds: number
  counts: Record<string, number>
}

const log10 = (n: number) => n.toLocaleString('en-US')

/**
 * Loads `cases` cases into the (migrated, demo-seeded, otherwise empty) database. `now` is
 * the instant the histories end at: cases open uniformly over the 3 years before it.
 */
export async function seedSupervision(url: string, options: { cases: number; chunk: number; now: Date; progress: (msg: string) => void }): Promise<SeedResult> {
  const { progress } = options
  const started = performance.now()
  const c = new pg.Client({ connectionString: url, application_name: 'xianjie-bench-seed' })
  await c.connect()
  try {
    await c.query(`set temp_buffers = '1GB'`)
    await c.query(`set session_replication_role = replica`)
    await c.query(`set synchronous_commit = off`)
    await c.query(`set work_mem = '256MB'`)
    await c.query(`set maintenance_work_mem = '1GB'`)
    await c.query(`set jit = off`)

    const t = compilePaths()
    progress(`paths: ${t.paths.length}; a case that runs its whole path has ${t.expected.events.toFixed(1)} events and ${t.expected.timers.toFixed(1)} timers on average (open cases fewer)`)
    await c.query(`
      drop table if exists bench_paths, bench_steps, bench_timers, bench_dispatches, bench_places;
      create table bench_paths (path_id int primary key, name text, procedure text, w_lo float8, w_hi float8, len int, end_code text, open_party text,
        ctx_tpl text, title_tpl text, transfer_at int, penalty_at int, head_refused_at int, pub_at int, pub_until_hours float8, pub_end_at int,
        pub_end_reason text, list_decided_at int, list_at int, list_end_at int, list_end_reason text, nominal_days int);
      create table bench_steps (path_id int, seq int, type text, by_party text, by_user text, before text[], after text[], cum_s float8, cum_u float8,
        payload_tpl text, fire text, refusal_kind text, reasons text[], sends jsonb, primary key (path_id, seq));
      create table bench_timers (path_id int, tidx int, name text, send_id text, state_id text, owner text, rule jsonb, expiry text, dur_hours float8,
        start_seq int, end_seq int, end_kind text, primary key (path_id, tidx));
      create table bench_dispatches (path_id int, didx int, seq int, to_party text, kind text, title_zh text, title_en text, task text, state_id text,
        receipt_seq int, task_state text, task_close_seq int, due_tidx int, primary key (path_id, didx));
      create table bench_places (idx int primary key, jur text, city text, basic text, short text, city_name text, court text)`)
    const load = async (table: string, rows: unknown[]) => {
      await c.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(rows)])
    }
    await load('bench_paths', t.paths)
    await load('bench_steps', t.steps)
    await load('bench_timers', t.timers)
    await load('bench_dispatches', t.dispatches)
    await load('bench_places', PLACES.map((p, idx) => ({ idx, jur: p.jur, city: p.city, basic: p.basic, short: p.short, city_name: p.cityName, court: p.court })))
    await c.query(`analyze bench_paths; analyze bench_steps; analyze bench_timers; analyze bench_dispatches; analyze bench_places`)

    // Secondary indexes off for the load (the constraints' indexes stay), rebuilt afterwards.
    const { rows: indexes } = await c.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class t on t.oid = i.indrelid
        where t.relname = any($1) and t.relnamespace = 'public'::regnamespace
          and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
        order by 1`,
      [LOADED],
    )
    for (const ix of indexes) await c.query(`drop index ${ix.name}`)
    progress(`dropped ${indexes.length} secondary indexes for the load: ${indexes.map((i) => i.name).join(', ')}`)

    const now = options.now.toISOString()
    const chunks = Math.ceil(options.cases / options.chunk)
    const loadStart = performance.now()
    let events = 0
    let timers = 0
    for (let k = 0; k < chunks; k++) {
      const lo = k * options.chunk + 1
      const hi = Math.min(options.cases, (k + 1) * options.chunk)
      const t0 = performance.now()
      await c.query('begin')
      const r = await seedChunk(c, lo, hi, now)
      await c.query('commit')
      events += r.events
      timers += r.timers
      const s = (performance.now() - t0) / 1000
      const elapsed = (performance.now() - loadStart) / 1000
      const rate = hi / elapsed
      progress(
        `chunk ${k + 1}/${chunks}: cases ${log10(lo)}–${log10(hi)}, ${log10(r.events)} events, ${log10(r.timers)} timers in ${s.toFixed(1)} s (${r.split} s); ` +
          `${log10(Math.round(rate))} cases/s so far, ~${Math.round((options.cases - hi) / rate)} s to go`,
      )
    }
    const loadSeconds = (performance.now() - loadStart) / 1000
    progress(`loaded ${log10(options.cases)} cases, ${log10(events)} events, ${log10(timers)} timers in ${loadSeconds.toFixed(0)} s`)

    // Credit-listing cases opened from a closed criminal transfer (openFrom), about 30%.
    await c.query(`
      with cl as (select id, jurisdiction, row_number() over (partition by jurisdiction order by random()) rn
                    from cases where procedure = 'credit-listing' and random() < 0.3),
           ct as (select id, jurisdiction, row_number() over (partition by jurisdiction order by random()) rn
                    from cases where procedure = 'criminal-transfer' and status = 'closed')
      update cases c set parent_case_id = ct.id from cl join ct using (jurisdiction, rn) where c.id = cl.id`)
    await c.query(`select setval(pg_get_serial_sequence('outbox', 'id'), (select max(id) from outbox))`)
    await c.query(`select setval(pg_get_serial_sequence('tasks', 'id'), (select max(id) from tasks))`)
    await c.query(`set session_replication_role = origin`)

    const ixStart = performance.now()
    for (const ix of indexes) {
      const t0 = performance.now()
      await c.query(ix.def)
      progress(`rebuilt ${ix.name} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
    const indexSeconds = (performance.now() - ixStart) / 1000

    // The statistics rollups (migration 0011): their triggers were off for the load.
    const rollupStart = performance.now()
    await c.query(`select xj_rollup_rebuild()`)
    const rollupSeconds = (performance.now() - rollupStart) / 1000
    progress(`rebuilt the statistics rollups in ${rollupSeconds.toFixed(1)} s`)
    // Each case's agencies (migration 0012), for an agency's cases newest first.
    await c.query(`select xj_case_parties_rebuild()`)

    progress('checking references (what the foreign keys would have checked)')
    const { rows: bad } = await c.query<{ what: string; n: number }>(`
      select 'party agency' as what, count(*)::int as n from (select distinct p.value from cases, jsonb_each_text(cases.parties) p) x
       where not exists (select 1 from agencies a where a.id = x.value)
      union all select 'task agency', count(*)::int from (select distinct agency_id from tasks) x where not exists (select 1 from agencies a where a.id = x.agency_id)
      union all select 'opening user', count(*)::int from (select distinct opened_by from cases) x where not exists (select 1 from users u where u.id = x.opened_by)
      union all select 'event actor', count(*)::int from (select distinct actor_id from case_events where seq <= 3) x
       where x.actor_id <> 'system' and not exists (select 1 from users u where u.id = x.actor_id)
      union all select 'credit agency', count(*)::int from (select distinct subject_agency_id as id from credit_list union select distinct authority_agency_id from credit_list) x
       where not exists (select 1 from agencies a where a.id = x.id)
      union all select 'task dispatch', count(*)::int from tasks t where not exists (select 1 from outbox o where o.id = t.dispatch_id)`)
    const problems = bad.filter((b) => b.n > 0)
    if (problems.length) throw new Error(`seeded rows name missing rows: ${problems.map((p) => `${p.what} ×${p.n}`).join(', ')}`)

    await c.query(`drop table bench_paths, bench_steps, bench_timers, bench_dispatches, bench_places`)
    progress('VACUUM ANALYZE')
    const vStart = performance.now()
    await c.query('vacuum analyze')
    const vacuumSeconds = (performance.now() - vStart) / 1000
    progress(`VACUUM ANALYZE took ${vacuumSeconds.toFixed(0)} s`)

    const counts: Record<string, number> = {}
    for (const table of LOADED) {
      const { rows } = await c.query<{ n: string }>(`select count(*) as n from ${table}`)
      counts[table] = Number(rows[0]!.n)
    }
    const { rows: shares } = await c.query<{ closed: string; overdue: string }>(`
      select (select count(*) filter (where status = 'closed')::float8 / count(*) from cases) as closed,
             (select count(*) from timers where status = 'OVERDUE_DUTY' and done_at is null) as overdue`)
    counts['closedShare'] = Math.round(Number(shares[0]!.closed) * 1000) / 1000
    counts['openOverdueDuties'] = Number(shares[0]!.overdue)
    counts['loadSeconds'] = Math.round(loadSeconds)
    counts['indexSeconds'] = Math.round(indexSeconds)
    counts['rollupSeconds'] = Math.round(rollupSeconds)
    counts['vacuumSeconds'] = Math.round(vacuumSeconds)
    return { seconds: (performance.now() - started) / 1000, counts }
  } finally {
    await c.end()
  }
}

/** One chunk of cases [lo, hi], inside the caller's transaction. */
async function seedChunk(client: pg.Client, lo: number, hi: number, now: string): Promise<{ events: number; timers: number; split: string }> {
  const spent = new Map<string, number>()
  let label = 'cases'
  const c = {
    query: async (text: string, values?: unknown[]) => {
      const t0 = performance.now()
      try {
        return await client.query(text, values)
      } finally {
        spent.set(label, (spent.get(label) ?? 0) + performance.now() - t0)
      }
    },
  }
  const step = (name: string) => {
    label = name
  }
  const cum = (() => {
    let s = 0
    return OFFENCES.map((o) => (s += o.share))
  })()
  // The chunk's cases with everything that is drawn at random.
  await c.query(
    `
    create temp table bc on commit drop as
    with g as (
      select n, random() r_place, random() r_path, random() r_open, random() r_pace, random() r_close, random() r_stall, random() r_amt,
             random() r_gain, random() r_off, random() r_t1, random() r_i1, random() r_b1, random() r_t2, random() r_i2, random() r_b2
        from generate_series($1::bigint, $2::bigint) n
    ), a as (
      select g.*, md5('xianjie-bench-case-' || g.n)::uuid as id, pl.jur, pl.city, pl.basic, pl.short, pl.city_name, pl.court,
             p.path_id, p.name as path, p.procedure, p.len, p.end_code, p.open_party, p.ctx_tpl, p.title_tpl, p.transfer_at, p.penalty_at,
             p.head_refused_at, p.pub_at, p.pub_until_hours, p.pub_end_at, p.pub_end_reason, p.list_decided_at, p.list_at, p.list_end_at, p.list_end_reason,
             $3::timestamptz - g.r_open * interval '1096 days' as opened_at,
             0.15 + 1.2 * g.r_pace * g.r_pace as pace
        from g join bench_places pl on pl.idx = least(5, floor(g.r_place * 6)::int)
               join bench_paths p on g.r_path >= p.w_lo and g.r_path < p.w_hi
    ), b as (
      select a.*,
             (select count(*)::int from bench_steps s where s.path_id = a.path_id
                and a.opened_at + (s.cum_s * a.pace + s.cum_u) * interval '1 hour' <= $3::timestamptz) as nle,
             a.city_name || ($4::text[])[1 + floor(a.r_t1 * cardinality($4::text[]))::int] || ($5::text[])[1 + floor(a.r_i1 * cardinality($5::text[]))::int] || '有限公司'
               || case when a.r_b1 < 0.5 then '' else '第' || (1 + floor((a.r_b1 - 0.5) * 600))::int || '分公司' end as s1,
             a.city_name || ($4::text[])[1 + floor(a.r_t2 * cardinality($4::text[]))::int] || ($5::text[])[1 + floor(a.r_i2 * cardinality($5::text[]))::int] || '有限公司'
               || case when a.r_b2 < 0.5 then '' else '第' || (1 + floor((a.r_b2 - 0.5) * 600))::int || '分公司' end as s2,
             (select k from unnest($7::float8[]) with ordinality u(w, k) where a.r_off < u.w order by k limit 1)::int as off_idx,
             case when a.path = 'ct-penalty' then round((3000 + a.r_amt * 57000)::numeric, -2) else round((50000 + a.r_amt * a.r_amt * 950000)::numeric, -2) end as v,
             extract(year from a.opened_at at time zone 'Asia/Shanghai')::int::text as yr
        from a
    )
    select b.*,
           coalesce(($6::text[])[b.off_idx], ($6::text[])[1]) as offence,
           case when b.off_idx = 4 then 'copyright' when b.off_idx = 5 then 'patent' else 'trademark' end as ip,
           round((b.v * (0.1 + 0.3 * b.r_gain))::numeric, -2) as g,
           round((b.v * (0.5 + 1.5 * b.r_gain))::numeric, -2) as f,
           '91' || b.jur || upper(substr(md5(b.s1), 1, 10)) as c1,
           '91' || b.basic || upper(substr(md5(b.s2), 1, 10)) as c2,
           case when b.nle >= b.len and b.r_close < 0.9 then b.len
                when b.nle >= b.len then 1 + floor(b.r_stall * (b.len - 1))::int
                else greatest(b.nle, 1) end as nsteps,
           case b.procedure
             when 'criminal-transfer' then jsonb_build_object('aea', 'msa-' || b.jur, 'police', 'police-' || b.jur, 'procuratorate', 'procuratorate-' || b.jur,
                                                              'government', 'government-' || b.jur)
             when 'judicial-confirmation' then jsonb_build_object('mediator', case when b.jur = b.city then 'mediation-' || b.city else 'msa-' || b.jur end,
                                                                  'applicant1', 'party-' || b.basic || '-1', 'applicant2', 'party-' || b.basic || '-2',
                                                                  'filedCourt1', 'court.basic-' || b.basic, 'court', 'court.basic-' || b.basic)
             else jsonb_build_object('bureau', 'msa-' || b.jur, 'subject', 'party-' || b.basic || '-' || (1 + b.n % 2), 'partnerNdrc', 'partner.ndrc-' || b.city,
                                     'partnerPbc', 'partner.pbc-' || b.city, 'partnerTax', 'partner.tax-' || b.city, 'partnerCustoms', 'partner.customs-' || b.city)
           end as parties
      from b`,
    [lo, hi, now, TRADES, INDUSTRIES, OFFENCES.map((o) => o.name), cum],
  )
  await c.query(`alter table bc add column closed boolean, add column title text, add column case_number text`)
  await c.query(`
    update bc set closed = nsteps = len and nle >= len,
                  title = replace(replace(replace(title_tpl, '{{s2}}', s2), '{{s}}', s1), '{{o}}', offence),
                  case_number = case procedure
                    when 'criminal-transfer' then short || '市监移〔' || yr || '〕' || n || '号'
                    when 'credit-listing' then short || '市监信〔' || yr || '〕' || n || '号'
                    else case when path = 'jc-mediation-failed' then null else '(' || yr || ')' || court || '民特' || n || '号' end end`)
  await c.query(`create unique index on bc (id); analyze bc`)

  step('steps')
  // Events of the chunk: the first nsteps steps of each case's path, at its pace.
  await c.query(`
    create temp table bev on commit drop as
    select b.id as case_id, s.seq, b.opened_at + (s.cum_s * b.pace + s.cum_u) * interval '1 hour' as at
      from bc b join bench_steps s on s.path_id = b.path_id and s.seq <= b.nsteps`)
  await c.query(`create unique index on bev (case_id, seq); analyze bev`)

  step('timers')
  // Timers: started by a step reached; ended by a later step reached (met, or late), fired,
  // cancelled with the case; else overdue (a duty past its due instant) or still running.
  await c.query(
    `
    create temp table btf on commit drop as
    with x as (
      select b.n, b.id as case_id, b.jur, b.procedure, b.parties, t.tidx, t.name, t.send_id, t.state_id, t.owner, t.rule, t.expiry, t.start_seq, t.end_kind,
             st.at as started_at, en.at as end_at, coalesce(t.end_seq, b.len) as end_seq,
             case when t.end_kind = 'fired' and en.at is not null then en.at else st.at + t.dur_hours * interval '1 hour' end as due_at
        from bc b join bench_timers t on t.path_id = b.path_id and t.start_seq <= b.nsteps
        join bev st on st.case_id = b.id and st.seq = t.start_seq
        left join bev en on en.case_id = b.id and en.seq = coalesce(t.end_seq, case when b.closed then b.len end)
    ), y as (
      select x.*,
             case when end_at is not null then
                    case when end_kind = 'fired' then case expiry when 'RIGHT' then 'EXPIRED_RIGHT_LOST' when 'DUTY' then 'OVERDUE_DUTY' else 'ELAPSED' end
                         when expiry = 'DUTY' then case when end_at <= due_at then 'MET' else 'OVERDUE_DUTY' end
                         when expiry = 'RIGHT' then 'MET'
                         else case when end_at <= due_at then 'CANCELLED' else 'ELAPSED' end end
                  when due_at <= $1::timestamptz then case expiry when 'DUTY' then 'OVERDUE_DUTY' when 'RIGHT' then 'EXPIRED_RIGHT_LOST' else 'ELAPSED' end
                  else 'SCHEDULED' end as status
        from x
    )
    select y.*,
           case when status = 'SCHEDULED' then null when end_at is not null and status in ('MET', 'CANCELLED') or end_kind = 'fired' and end_at is not null then end_at
                else due_at end as ended_at,
           case when end_at is not null then end_seq end as ended_seq,
           case when status = 'SCHEDULED' then null when end_at is not null then case when status = 'ELAPSED' then due_at else end_at end
                when status = 'OVERDUE_DUTY' then null else due_at end as done_at,
           started_at + (due_at - started_at) * 2 / 3 as at_risk_at
      from y`,
    [now],
  )
  await c.query(`create index on btf (case_id, ended_seq); analyze btf`)
  const tm = await c.query(`
    insert into timers (id, case_id, name, send_id, state_id, owner_agency_id, started_seq, started_at, due_at, statutory_due_at, provisional, status,
                        ended_at, ended_seq, rule, jurisdiction, procedure, at_risk_at, done_at, at_risk_alerted_at, overdue_alerted_at)
    select case_id || '.' || name || '.' || start_seq, case_id, name, send_id, state_id, parties->>owner, start_seq, started_at, due_at, null, false, status,
           ended_at, ended_seq, rule, jur, procedure, at_risk_at, done_at,
           case when expiry = 'DUTY' and (status = 'OVERDUE_DUTY' or status = 'SCHEDULED' and at_risk_at <= $1::timestamptz
                                          or status = 'MET' and done_at > at_risk_at) then at_risk_at + interval '1 minute' end,
           case when status = 'OVERDUE_DUTY' then due_at + interval '1 minute' end
      from btf order by started_at`,
    [now],
  )

  step('cases')
  // Cases and their index rows.
  await c.query(
    `
    insert into cases (id, procedure, definition_version, jurisdiction, status, state_ids, snapshot, version, parent_case_id, parties, title, case_number,
                       head_hash, opened_by, opened_at, updated_at, closed_at)
    select b.id, b.procedure, '1', b.jur, case when b.closed then 'closed' else 'open' end, ls.after,
           jsonb_build_object('status', case when b.closed then 'done' else 'active' end, 'value', to_jsonb(ls.after), 'historyValue', '{}'::jsonb,
                              'context', ${fill('b.ctx_tpl').replaceAll('at_', 'b.opened_at').replaceAll('sha_', "md5(b.id::text) || md5(b.n::text)").replaceAll('reason_', "''")}::jsonb,
                              'children', '{}'::jsonb),
           b.nsteps, null, b.parties, b.title, b.case_number,
           md5(b.id::text || ':' || b.nsteps) || md5(b.nsteps || ':' || b.id::text),
           (b.parties->>fs.by_party) || '.' || case when fs.by_party = 'mediator' and b.parties->>'mediator' like 'msa-%' then 'officer1' else fs.by_user end,
           b.opened_at, l.at, case when b.closed then l.at end
      from bc b join bev l on l.case_id = b.id and l.seq = b.nsteps
      join bench_steps ls on ls.path_id = b.path_id and ls.seq = b.nsteps
      join bench_steps fs on fs.path_id = b.path_id and fs.seq = 1
     order by b.opened_at`,
  )
  await c.query(`
    insert into case_index (case_id, procedure, jurisdiction, opening_agency_id, opened_at, closed_at, end_code, subject_names, subject_codes, summary)
    select b.id, b.procedure, b.jur, b.parties->>b.open_party, b.opened_at, case when b.closed then l.at end, case when b.closed then b.end_code end,
           case when b.procedure = 'judicial-confirmation' then b.s1 || ' / ' || b.s2 else b.s1 end,
           case when b.procedure = 'judicial-confirmation' then array[b.c1, b.c2] else array[b.c1] end,
           case when b.procedure = 'criminal-transfer' then jsonb_build_object(
             'offence', b.offence, 'ipCategory', b.ip, 'illegalBusinessVolume', b.v, 'illegalGains', b.g,
             'transferred', coalesce(b.nsteps >= b.transfer_at, false), 'penalty', coalesce(b.nsteps >= b.penalty_at, false),
             'penaltyDecisionNo', case when b.nsteps >= b.penalty_at then b.short || '市监罚〔' || b.yr || '〕' || b.n || '号' end,
             'fineAmount', case when b.nsteps >= b.penalty_at then b.f end,
             'headRefusedTransfer', coalesce(b.nsteps >= b.head_refused_at, false))
           else '{}'::jsonb end
      from bc b join bev l on l.case_id = b.id and l.seq = b.nsteps
     order by b.opened_at`)

  step('events')
  // The events, in the order they happened (a case's events spread over the table as in production).
  const ev = await c.query(`
    insert into case_events (case_id, seq, type, actor_id, agency_id, payload, facts, occurred_at, state_before, state_after, prev_hash, hash, recorded_at)
    select q.case_id, q.seq, q.type, q.actor, q.agency, q.payload,
           jsonb_build_object('actorRoles', coalesce(u.roles, '["system"]'::jsonb))
             || case when q.seq = 1 then jsonb_build_object('input', q.payload || jsonb_build_object('caseId', q.case_id, 'openedAt', q.at, 'parties', q.parties),
                                                            'procedureVersion', '1')
                                         || case when q.case_number is null then '{}'::jsonb else jsonb_build_object('caseNumber', q.case_number) end
                     else '{}'::jsonb end
             || case when ts.list is null then '{}'::jsonb else jsonb_build_object('timersStarted', ts.list) end
             || case when te.list is null then '{}'::jsonb else jsonb_build_object('timersEnded', te.list) end
             || case when q.sends is null then '{}'::jsonb
                     else jsonb_build_object('dispatches', (select jsonb_agg(x || jsonb_build_object('agencyId', q.parties->>(x->>'to'))) from jsonb_array_elements(q.sends) x)) end
             || case when q.receipt_id is null then '{}'::jsonb else jsonb_build_object('receipt', jsonb_build_object('dispatchId', q.receipt_id, 'kind', q.receipt_kind)) end
             || case when ft.id is null then '{}'::jsonb
                     else jsonb_build_object('timer', jsonb_build_object('id', ft.id, 'name', ft.name, 'dueAt', ft.due_at), 'source', ft.rule->>'source', 'expiry', ft.expiry) end,
           q.at, q.before, q.after,
           case when q.seq = 1 then repeat('0', 64) else md5(q.case_id::text || ':' || (q.seq - 1)) || md5((q.seq - 1) || ':' || q.case_id::text) end,
           md5(q.case_id::text || ':' || q.seq) || md5(q.seq || ':' || q.case_id::text),
           q.at
      from (
        select e.case_id, e.seq, e.at, s.type, s.before, s.after, s.sends, b.parties, b.case_number,
               case when s.by_party = 'system' then 'system'
                    else (b.parties->>s.by_party) || '.' || case when s.by_party = 'mediator' and b.parties->>'mediator' like 'msa-%' then 'officer1' else s.by_user end end as actor,
               case when rd.didx is not null then b.parties->>rd.to_party when s.by_party = 'system' then 'system' else b.parties->>s.by_party end as agency,
               case when rd.didx is not null then jsonb_build_object('dispatchId', (b.n * 64 + rd.didx)::text, 'dispatchKind', rd.kind,
                                                                     'agencyId', b.parties->>rd.to_party, 'receivedAt', e.at)
                    when s.payload_tpl is null then '{}'::jsonb
                    else (select ${fill('s.payload_tpl')}::jsonb
                            from (select e.at as at_, md5(e.case_id::text || e.seq) || md5(e.seq || e.case_id::text) as sha_,
                                         coalesce(s.reasons[1 + (b.n % greatest(1, cardinality(s.reasons)))::int], '') as reason_) z) end as payload,
               case when rd.didx is not null then (b.n * 64 + rd.didx)::text end as receipt_id, rd.kind as receipt_kind,
               s.fire
          from bev e join bc b on b.id = e.case_id
          join bench_steps s on s.path_id = b.path_id and s.seq = e.seq
          left join bench_dispatches rd on rd.path_id = b.path_id and rd.receipt_seq = e.seq
      ) q
      left join users u on u.id = q.actor
      left join (select case_id, start_seq, jsonb_agg(jsonb_build_object('id', case_id || '.' || name || '.' || start_seq, 'name', name, 'dueAt', due_at, 'stateId', state_id) order by tidx) as list
                   from btf group by 1, 2) ts on ts.case_id = q.case_id and ts.start_seq = q.seq
      left join (select case_id, ended_seq, jsonb_agg(jsonb_build_object('id', case_id || '.' || name || '.' || start_seq, 'name', name, 'status', status) order by tidx) as list
                   from btf where ended_seq is not null group by 1, 2) te on te.case_id = q.case_id and te.ended_seq = q.seq
      left join lateral (select f.case_id || '.' || f.name || '.' || f.start_seq as id, f.name, f.due_at, f.rule, f.expiry
                           from btf f where q.fire is not null and f.case_id = q.case_id and f.ended_seq = q.seq and f.name = q.fire limit 1) ft on true
     order by q.at`)

  step('outbox')
  // Notices to agencies, the timers' jobs and the overdue alerts (the outbox keeps them all).
  await c.query(`
    insert into outbox (id, case_id, seq, queue, job_name, payload, created_at, published_at, attempts)
    select b.n * 64 + d.didx, b.id, d.seq, 'agency.' || (b.parties->>d.to_party), 'dispatch',
           jsonb_build_object('caseId', b.id, 'seq', d.seq, 'kind', d.kind, 'title', jsonb_build_object('zh', d.title_zh, 'en', d.title_en), 'task', d.task,
                              'stateId', d.state_id, 'dueAt', null, 'dueTimer', null, 'agencyId', b.parties->>d.to_party),
           e.at, e.at + interval '40 milliseconds', 1
      from bc b join bench_dispatches d on d.path_id = b.path_id and d.seq <= b.nsteps
      join bev e on e.case_id = b.id and e.seq = d.seq
    union all
    select n * 64 + 20 + tidx, case_id, start_seq, 'timers', 'timer.fire',
           jsonb_build_object('timerId', case_id || '.' || name || '.' || start_seq, 'caseId', case_id, 'dueAt', due_at),
           started_at, started_at + interval '20 milliseconds', 1
      from btf
    union all
    select n * 64 + 42 + tidx, case_id, start_seq, 'notify', 'alert',
           jsonb_build_object('caseId', case_id, 'seq', start_seq, 'timer', name, 'toAgencyId', 'government-' || jur, 'stage', 'overdue',
                              'reason', jsonb_build_object('zh', (rule->'title'->>'zh') || '：已逾期', 'en', (rule->'title'->>'en') || ': overdue'), 'source', rule->>'source'),
           due_at + interval '1 minute', due_at + interval '1 minute 20 milliseconds', 1
      from btf where status = 'OVERDUE_DUTY'
     order by 7`)

  step('tasks')
  // Tasks the receipts opened, closed when their state was left.
  await c.query(`
    insert into tasks (id, case_id, agency_id, kind, title, state_id, dispatch_id, opened_at, due_at, closed_at, closed_by_seq)
    select b.n * 32 + d.didx, b.id, b.parties->>d.to_party, d.task, d.title_zh, d.task_state, b.n * 64 + d.didx, r.at, tm.due_at, x.at,
           case when x.at is not null then d.task_close_seq end
      from bc b join bench_dispatches d on d.path_id = b.path_id and d.task is not null and d.receipt_seq <= b.nsteps
      join bev r on r.case_id = b.id and r.seq = d.receipt_seq
      left join bev x on x.case_id = b.id and x.seq = d.task_close_seq
      left join btf tm on tm.case_id = b.id and tm.tidx = d.due_tidx
     order by r.at`)

  step('other')
  // Refusals with their reasons; the credit register of the credit-listing cases.
  await c.query(`
    insert into case_refusals (case_id, seq, procedure, jurisdiction, agency_id, kind, reasons, at)
    select b.id, e.seq, b.procedure, b.jur, b.parties->>s.by_party, s.refusal_kind, s.reasons[1 + (b.n % cardinality(s.reasons))::int], e.at
      from bev e join bc b on b.id = e.case_id join bench_steps s on s.path_id = b.path_id and s.seq = e.seq
     where s.refusal_kind is not null`)
  await c.query(`
    insert into credit_list (case_id, regime, kind, subject_credit_code, subject_agency_id, subject_name, authority_agency_id, title, decision_number,
                             decided_at, published_at, until, ended_at, end_reason, measures, seq, jurisdiction)
    select b.id, 'samr-publicity', 'publicity', b.c1, b.parties->>'subject', b.s1, b.parties->>'bureau',
           '{"zh":"行政处罚信息公示","en":"Penalty-information publicity"}'::jsonb, b.short || '市监罚〔' || b.yr || '〕' || b.n || '号',
           b.opened_at, e.at, e.at + b.pub_until_hours * interval '1 hour', x.at, case when x.at is not null then b.pub_end_reason end, '[]'::jsonb, b.pub_at, b.jur
      from bc b join bev e on e.case_id = b.id and e.seq = b.pub_at
      left join bev x on x.case_id = b.id and x.seq = b.pub_end_at
    union all
    select b.id, 'samr-serious', 'listing', b.c1, b.parties->>'subject', b.s1, b.parties->>'bureau',
           '{"zh":"严重违法失信名单","en":"Serious-violation list"}'::jsonb, b.short || '市监信〔' || b.yr || '〕' || b.n || '号',
           dd.at, e.at, e.at + interval '3 years', x.at, case when x.at is not null then b.list_end_reason end,
           '[{"code":"gov-procurement","zh":"限制参加政府采购","en":"Barred from government procurement","source":"SAMR-44 art. 15","verification":"✅"},
             {"code":"honours","zh":"不得授予相关荣誉称号","en":"No honours","source":"SAMR-44 art. 15","verification":"✅"},
             {"code":"inspection","zh":"列为重点监管对象，提高检查频次","en":"Inspected more often","source":"SAMR-44 art. 15","verification":"✅"}]'::jsonb,
           b.list_at, b.jur
      from bc b join bev e on e.case_id = b.id and e.seq = b.list_at
      join bev dd on dd.case_id = b.id and dd.seq = b.list_decided_at
      left join bev x on x.case_id = b.id and x.seq = b.list_end_at`)

  const split = [...spent].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`).join(', ')
  return { events: ev.rowCount ?? 0, timers: tm.rowCount ?? 0, split }
}
