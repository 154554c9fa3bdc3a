// `pnpm demo` (node test/demo/demo.ts): drives one criminal transfer through a RUNNING Xianjie
// (XIANJIE_URL, default http://127.0.0.1:3000) with demo sign-in tokens: the police refuse to
// file, the AEA asks for reconsideration, the police maintain the refusal, the AEA suggests
// supervision, the procuratorate makes the police explain and then notifies them to file,
// the police file under supervision and the AEA hands the items over. Prints each step as it
// goes, then the case's timeline and the hash-chain check.
import { ApiError, createClient, type TimelineEntry } from '../support/api-client.ts'
import { carryThroughSupervision, createTransferFlow, USERS, type ReceiptRecord, type StepRecord } from '../support/transfer-flow.ts'

const BASE_URL = (process.env.XIANJIE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '')
const color = process.stdout.isTTY && process.env.NO_COLOR === undefined
const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
const bold = paint('1')
const dim = paint('2')
const green = paint('32')
const red = paint('31')
const cyan = paint('36')
const yellow = paint('33')

const ROLE_OF: Record<string, string> = {
  [USERS.aeaOfficer]: 'AEA officer 承办人',
  [USERS.aeaHead]: 'AEA head 局长',
  [USERS.policeOfficer]: 'police officer 民警',
  [USERS.policeHead]: 'police head 公安局负责人',
  [USERS.procurator]: 'procurator 检察官',
  [USERS.procuratorateHead]: 'chief procurator 检察长',
}

/** Terminal columns a string takes: CJK and full-width characters take two. */
function width(text: string): number {
  let w = 0
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0)!
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
    w += wide ? 2 : 1
  }
  return w
}
const pad = (text: string, w: number) => text + ' '.repeat(Math.max(0, w - width(text)))

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))))
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()
  return [bold(line(headers)), dim(widths.map((w) => '─'.repeat(w)).join('  ')), ...rows.map(line)].join('\n')
}

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})
function beijing(iso: string): string {
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`
}

const states = (ids: string[]) => (ids.length === 0 ? '—' : ids.join(','))

let stepNo = 0
function printStep(step: StepRecord | ReceiptRecord): void {
  if (step.kind === 'command') {
    stepNo++
    const who = `${step.actor} ${dim(`(${ROLE_OF[step.actor] ?? 'user'})`)}`
    console.log(`${pad(String(stepNo).padStart(3), 4)} ${pad(who, 64)} ${pad(cyan(step.command), 26)} → ${bold(states(step.result.stateIds))}  ${dim(`v${step.result.version}`)}`)
  } else {
    const task = step.task ? `; task “${step.task.title}” (${step.task.kind}) opened${step.task.dueAt ? `, due ${beijing(step.task.dueAt)}` : ''}` : ''
    console.log(dim(`     ⇢ ${step.agencyId} received ${step.dispatchKind} at ${beijing(step.receivedAt)}${task}`))
    if (step.missingTask) console.log(yellow(`     ⚠ the ${step.missingTask} task this dispatch asks for did not open in ${step.agencyId}'s inbox`))
  }
}

function receipts(entries: TimelineEntry[], received: Array<{ dispatchKind: string }>): Array<[number, string]> {
  return entries.map((e, i) => [e.seq, received[i]!.dispatchKind])
}

function deadlineText(entry: TimelineEntry): string {
  return entry.deadlines
    .map((d) => {
      if (d.met === true) return green(`${d.timer} met`)
      if (d.met === false) return red(`${d.timer} overdue`)
      return `${d.timer} ${d.status.toLowerCase()}`
    })
    .join(', ')
}

async function main(): Promise<void> {
  const client = createClient(BASE_URL)
  try {
    const health = await client.health()
    if (health.status !== 200) throw new Error(`GET /healthz answered ${health.status}`)
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause
    console.error(red(`Xianjie is not running at ${BASE_URL}${cause?.code ? ` (${cause.code})` : ''}.`))
    console.error(`Start it with ${bold('bin/xianjie start')} in another terminal, then run ${bold('pnpm demo')} again.`)
    console.error(dim('(Set XIANJIE_URL to use another address.)'))
    process.exitCode = 1
    return
  }
  try {
    await client.token(USERS.aeaOfficer)
  } catch (err) {
    const status = err instanceof ApiError ? err.status : 0
    if (status === 404) {
      console.error(red(`Xianjie at ${BASE_URL} has the demo sign-in off.`))
      console.error(`Start it with XIANJIE_DEMO=true (it is on by default for ${bold('bin/xianjie start')} without DATABASE_URL).`)
    } else {
      console.error(red(`Demo sign-in failed: ${(err as Error).message}`))
      console.error('Are the demo users seeded (XIANJIE_DEMO=true)?')
    }
    process.exitCode = 1
    return
  }

  console.log(bold(`Xianjie demo — 行政执法与刑事司法衔接 (criminal-transfer) at ${BASE_URL}`))
  console.log(dim('One transfer from the 白银 market-supervision bureau: refusal, reconsideration, procuratorate supervision, filing, hand-over.'))
  console.log(dim('Receipts (⇢) are recorded by Xianjie’s router when the other agency’s queue delivers the dispatch.\n'))
  console.log(bold(`${pad('  #', 4)} ${pad('actor', 64)} ${pad('command', 26)} → DOMAIN states`))

  const flow = createTransferFlow(client, { onStep: printStep, receiptTimeoutMs: 30_000, strictTasks: false })
  const { caseId } = await carryThroughSupervision(flow)
  // The police's receipt of the hand-over list closes the story.
  await flow.waitForReceipt(caseId, 'handoverRecord')

  const view = await client.getCase(USERS.aeaHead, caseId)
  const timeline = await client.timeline(USERS.aeaHead, caseId)
  const verify = await client.verify(USERS.aeaHead, caseId)
  if (view.status !== 200) throw new ApiError('read the case', view)
  if (timeline.status !== 200) throw new ApiError('read the timeline', timeline)
  if (verify.status !== 200) throw new ApiError('verify the case', verify)

  console.log('')
  console.log(bold(`Case ${view.body.caseNumber ?? caseId}`) + (view.body.caseNumber ? dim(` (${caseId})`) : '') + ` — ${view.body.title}`)
  const now = [...new Map(view.body.states.map((s) => [`${s.id} ${s.title.zh}`, `${s.id} ${s.title.zh} (${s.title.en})`])).values()]
  console.log(`Now in: ${now.join('; ')}`)
  console.log('')
  console.log(bold('Timeline') + dim(' (times in Asia/Shanghai)'))
  // Every RECEIPT event appends one entry to the case's receipts, in order: name what was received.
  const received = (view.body.context['receipts'] ?? []) as Array<{ dispatchKind: string; agencyId: string }>
  const receiptEntries = timeline.body.entries.filter((e) => e.type === 'RECEIPT')
  const receivedKind = new Map(receipts(receiptEntries.length === received.length ? receiptEntries : [], received))
  const rows = timeline.body.entries.map((e) => [
    String(e.seq),
    beijing(e.occurredAt),
    `${states(e.stateBefore)} → ${states(e.stateAfter)}`,
    e.type === 'RECEIPT' ? dim(receivedKind.has(e.seq) ? `Receipt: ${receivedKind.get(e.seq)}` : e.title.en) : e.title.en,
    e.actor.userId,
    e.agency.name ?? e.agency.id,
    e.source ?? '',
    deadlineText(e),
  ])
  console.log(table(['seq', 'time', 'state before → after', 'step', 'actor', 'agency', 'statute', 'deadlines'], rows))

  const met = timeline.body.entries.flatMap((e) => e.deadlines).filter((d) => d.met === true).length
  const overdue = timeline.body.entries.flatMap((e) => e.deadlines).filter((d) => d.met === false).length
  const pending = view.body.deadlines.filter((d) => d.status === 'SCHEDULED').map((d) => `${d.name} due ${beijing(d.dueAt)}`)
  console.log('')
  console.log(`Deadlines: ${green(`${met} met`)}, ${overdue > 0 ? red(`${overdue} overdue`) : `${overdue} overdue`}${pending.length > 0 ? `; running: ${pending.join(', ')}` : ''}`)
  const v = verify.body
  console.log(
    v.ok
      ? green(`Hash chain verified: ${v.events} events, each linked to the one before (GET /v1/cases/${caseId}/verify).`)
      : red(`Hash chain BROKEN at event ${v.brokenAt}: ${v.reason}`),
  )
  if (!v.ok) process.exitCode = 1
}

main().catch((err: unknown) => {
  const cause = (err as { cause?: { code?: string } }).cause
  if (cause?.code === 'ECONNREFUSED' || cause?.code === 'ECONNRESET') {
    console.error(red(`\nLost Xianjie at ${BASE_URL} (${cause.code}). Is it still running? Start it with bin/xianjie start.`))
  } else {
    console.error(red(`\nThe demo stopped: ${(err as Error).message}`))
    if (/timed out/.test((err as Error).message)) console.error('Is the router running? (XIANJIE_SERVICES must include router, or run one beside the api.)')
  }
  process.exitCode = 1
})
