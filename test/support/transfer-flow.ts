// One criminal-transfer case carried over HTTP, step by step: the sample payloads and the
// step functions shared by the end-to-end test and the demo. Command names, roles and
// payload fields follow workflows/criminal-transfer/src/criminal-transfer.commands.ts and
// the machine; receipts are never sent by hand: the router records them, and each step
// that needs one waits until the case shows it.
import { randomUUID } from 'node:crypto'
import { ApiError, waitFor, type CommandResult, type XianjieClient } from './api-client.ts'
import { CASE_OPEN } from './samples.ts'

export const PROCEDURE = 'criminal-transfer'

/** Seeded demo users of 白银 (620400) and the roles the commands need. */
export const USERS = {
  /** msa.officer: opens, forms the team, reports, dispatches, hands over. */
  aeaOfficer: 'msa-620400.officer1',
  aeaOfficer2: 'msa-620400.officer2',
  /** msa.head: approves; requests reconsideration; suggests supervision. */
  aeaHead: 'msa-620400.head',
  /** police.officer: signs the receipt. */
  policeOfficer: 'police-620400.officer',
  /** police.head: files, refuses, maintains the refusal, explains. */
  policeHead: 'police-620400.head',
  /** procurator: accepts supervision, requires the explanation. */
  procurator: 'procuratorate-620400.procurator',
  /** procuratorate.head: notifies the police to file. */
  procuratorateHead: 'procuratorate-620400.head',
} as const

export const AGENCIES = {
  aea: 'msa-620400',
  police: 'police-620400',
  procuratorate: 'procuratorate-620400',
  government: 'government-620400',
} as const

const DAY_MS = 86_400_000

/** A stand-in SHA-256 of a document (the api records hashes, the files stay with the agency). */
export function sha(seed: string): string {
  let h = 0x811c9dc5
  const out: string[] = []
  for (let round = 0; round < 8; round++) {
    for (const ch of `${seed}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0
    out.push(h.toString(16).padStart(8, '0'))
  }
  return out.join('')
}

const doc = (name: string) => ({ name, sha256: sha(name) })

/** The open payload (criminalTransferOpenPayload): 白银某商贸公司 sells counterfeit trademarked goods. */
export function openPayload(now = new Date()) {
  return {
    ...CASE_OPEN,
    illegalGains: 21_000,
    finePaidAmount: 0,
    copyToProcuratorate: true,
    violationDate: new Date(now.getTime() - 60 * DAY_MS).toISOString().slice(0, 10),
    adminCaseOpenedAt: new Date(now.getTime() - 7 * DAY_MS).toISOString(),
  }
}

/** Sample payloads, one per command used here (field names from criminal-transfer.commands.ts). */
export const PAYLOADS = {
  FORM_TEAM: { officers: [{ userId: USERS.aeaOfficer, name: '承办人甲' }, { userId: USERS.aeaOfficer2, name: '承办人乙' }] },
  SUBMIT_TRANSFER_REPORT: { report: doc('关于移送涉嫌犯罪案件的书面报告.pdf'), summary: '非法经营额八万六千元，涉嫌销售假冒注册商标的商品罪，建议移送公安机关' },
  APPROVE_TRANSFER: { note: '同意移送' },
  /** R310 art. 6: transfer letter, investigation report, item list and the test report. */
  DISPATCH_TRANSFER: {
    letterNo: '白市监移〔2026〕12号',
    documents: [
      { kind: 'transferLetter', ...doc('涉嫌犯罪案件移送书.pdf') },
      { kind: 'investigationReport', ...doc('涉嫌犯罪案件情况的调查报告.pdf') },
      { kind: 'itemList', ...doc('涉案物品清单.pdf') },
      { kind: 'testReport', ...doc('商标权利人鉴定意见.pdf') },
    ],
  },
  SIGN_RECEIPT: { receiptNo: '白公经回〔2026〕12号' },
  FILE_CASE: { decisionNo: '白公经立字〔2026〕8号', offence: '销售假冒注册商标的商品罪' },
  HAND_OVER_ITEMS: { itemList: doc('涉案物品移交清单.pdf'), aeaSignatory: '承办人甲', policeSignatory: '经侦民警' },
  REFUSE_FILING: { reasons: '现有证据不足以证明非法经营数额达到立案追诉标准', returnedFiles: [doc('案卷材料.pdf')] },
  REQUEST_RECONSIDERATION: { reasons: '销售金额经审计已达八万六千元，达到立案追诉标准，应当立案', documents: [doc('审计报告.pdf')] },
  MAINTAIN_REFUSAL: { reasons: '经复议，维持不予立案决定' },
  SUGGEST_SUPERVISION: { reasons: '公安机关应当立案而不立案，建议人民检察院依法进行立案监督', basis: 'R310-art9', documents: [doc('立案监督建议书.pdf')] },
  ACCEPT_SUPERVISION: { registrationNo: '白检立监〔2026〕3号' },
  REQUIRE_EXPLANATION: { reasons: '请在七日内书面说明不立案的理由' },
  EXPLAIN_NON_FILING: { reasons: '认为非法经营数额计算依据不足，故不予立案', evidence: [doc('不立案理由说明书.pdf')] },
  NOTIFY_TO_FILE: { reasons: '不立案理由不能成立，通知公安机关立案', evidence: [doc('通知立案书.pdf')] },
  FILE_CASE_UNDER_SUPERVISION: { decisionNo: '白公经立字〔2026〕15号', offence: '销售假冒注册商标的商品罪' },
} as const

export interface StepRecord {
  /** A command the flow sent. */
  kind: 'command'
  actor: string
  command: string
  result: CommandResult
}

export interface ReceiptRecord {
  kind: 'receipt'
  dispatchKind: string
  agencyId: string
  receivedAt: string
  /** The task the receipt opened in the receiver's inbox, when the dispatch asked for one. */
  task: { id: string; kind: string; title: string; dueAt: string | null } | null
  /** The task the dispatch asked for that did not open (only when `strictTasks` is off). */
  missingTask: string | null
}

export interface FlowOptions {
  /** Called after each accepted command and each receipt seen. */
  onStep?: (step: StepRecord | ReceiptRecord) => void
  /** How long to wait for a receipt. @default 20000 */
  receiptTimeoutMs?: number
  /** Poll interval while waiting. @default 100 */
  pollMs?: number
  /** Throw when a receipt does not open the task its dispatch asked for. @default true */
  strictTasks?: boolean
}

interface Receipt {
  dispatchKind: string
  agencyId: string
  receivedAt: string
}

/** Who reads the case while waiting for receipts: the AEA takes part in every step. */
const READER = USERS.aeaHead

/** Which receiver user sees the task a dispatch opens (for the inbox check). */
const INBOX_USER: Record<string, string> = {
  [AGENCIES.aea]: USERS.aeaHead,
  [AGENCIES.police]: USERS.policeHead,
  [AGENCIES.procuratorate]: USERS.procurator,
}

export type TransferFlow = ReturnType<typeof createTransferFlow>

/** The step functions over one client. Each returns the command's result (stateIds = DOMAIN ids after it). */
export function createTransferFlow(client: XianjieClient, options: FlowOptions = {}) {
  const timeoutMs = options.receiptTimeoutMs ?? 20_000
  const intervalMs = options.pollMs ?? 100
  const strictTasks = options.strictTasks ?? true
  const report = (step: StepRecord | ReceiptRecord) => options.onStep?.(step)

  async function send(actor: string, caseId: string, command: string, payload: Record<string, unknown>): Promise<CommandResult> {
    const res = await client.command(actor, caseId, command, payload, { idempotencyKey: randomUUID() })
    if (res.status !== 200) throw new ApiError(`${actor} ${command}`, res)
    report({ kind: 'command', actor, command, result: res.body })
    return res.body
  }

  async function receipts(caseId: string): Promise<Receipt[]> {
    const res = await client.getCase(READER, caseId)
    if (res.status !== 200) throw new ApiError(`read case ${caseId}`, res)
    return (res.body.context['receipts'] ?? []) as Receipt[]
  }

  /**
   * Waits until the router has recorded the `count`th RECEIPT of a `dispatchKind` dispatch
   * (the case's context lists every receipt), then, when `task` is named, until the
   * receiver's inbox shows that task for this case.
   */
  async function waitForReceipt(caseId: string, dispatchKind: string, opts: { count?: number; task?: string } = {}): Promise<ReceiptRecord> {
    const count = opts.count ?? 1
    const found = await waitFor(
      async () => {
        const list = (await receipts(caseId)).filter((r) => r.dispatchKind === dispatchKind)
        return list.length >= count ? list[count - 1]! : undefined
      },
      { timeoutMs, intervalMs, what: `the RECEIPT of ${dispatchKind} on case ${caseId}` },
    )
    let task: ReceiptRecord['task'] = null
    let missingTask: string | null = null
    if (opts.task !== undefined) {
      // The router opens the task in the same transaction that records the receipt, so
      // once the receipt shows, the task is there or it never will be.
      const user = INBOX_USER[found.agencyId]
      if (user === undefined) throw new Error(`no demo user to read the inbox of ${found.agencyId}`)
      const res = await client.inbox(user)
      if (res.status !== 200) throw new ApiError(`inbox of ${user}`, res)
      const t = res.body.tasks.find((x) => x.caseId === caseId && x.kind === opts.task)
      if (t !== undefined) task = { id: t.id, kind: t.kind, title: t.title, dueAt: t.dueAt }
      else if (strictTasks) throw new Error(`the RECEIPT of ${dispatchKind} on case ${caseId} is recorded, but no ${opts.task} task opened in the inbox of ${user}`)
      else missingTask = opts.task
    }
    const record: ReceiptRecord = { kind: 'receipt', dispatchKind, agencyId: found.agencyId, receivedAt: found.receivedAt, task, missingTask }
    report(record)
    return record
  }

  return {
    client,
    send,
    receipts,
    waitForReceipt,

    // ---- AEA, F0 → F4 -----------------------------------------------------------------
    /** F0: the AEA officer opens the case. */
    async open(payload: Record<string, unknown> = openPayload()): Promise<CommandResult> {
      const res = await client.open(USERS.aeaOfficer, PROCEDURE, payload, { idempotencyKey: randomUUID() })
      if (res.status !== 201) throw new ApiError(`${USERS.aeaOfficer} open ${PROCEDURE}`, res)
      report({ kind: 'command', actor: USERS.aeaOfficer, command: 'OPEN', result: res.body })
      return res.body
    },
    /** F0 → F1: a team of two officers (R310 art. 5(1)). */
    formTeam: (caseId: string) => send(USERS.aeaOfficer, caseId, 'FORM_TEAM', PAYLOADS.FORM_TEAM),
    /** F1 → F2: the written report to the head; starts T1 (3 calendar days). */
    submitReport: (caseId: string) => send(USERS.aeaOfficer, caseId, 'SUBMIT_TRANSFER_REPORT', PAYLOADS.SUBMIT_TRANSFER_REPORT),
    /** F2 → F3: the head approves; starts T2 (24 hours). */
    approve: (caseId: string) => send(USERS.aeaHead, caseId, 'APPROVE_TRANSFER', PAYLOADS.APPROVE_TRANSFER),
    /** F3 → F4: delivered to the police with the R310 art. 6 documents (and a copy to the procuratorate). */
    dispatch: (caseId: string) => send(USERS.aeaOfficer, caseId, 'DISPATCH_TRANSFER', PAYLOADS.DISPATCH_TRANSFER),
    /** F4: the router records the police's receipt of the transfer letter; the signReceipt task opens. */
    awaitTransferReceipt: (caseId: string) => waitForReceipt(caseId, 'transferLetter', { task: 'signReceipt' }),

    // ---- Police, F4 → F5 → F6 -------------------------------------------------------------
    /** F4 → F5: the police officer signs the receipt; the filing review (T6) runs. */
    signReceipt: (caseId: string) => send(USERS.policeOfficer, caseId, 'SIGN_RECEIPT', PAYLOADS.SIGN_RECEIPT),
    /** F5 → F6A: the police head files the case. */
    fileCase: (caseId: string) => send(USERS.policeHead, caseId, 'FILE_CASE', PAYLOADS.FILE_CASE),
    /** F6A → F7: the AEA receives the filing notice; the handOverItems task opens (T10). */
    awaitFilingNotice: (caseId: string) => waitForReceipt(caseId, 'filingNotice', { task: 'handOverItems' }),
    /** F7 → F8: the AEA officer hands the items over (R310 art. 12). */
    handOver: (caseId: string) => send(USERS.aeaOfficer, caseId, 'HAND_OVER_ITEMS', PAYLOADS.HAND_OVER_ITEMS),

    // ---- Refusal, reconsideration, supervision --------------------------------------------
    /** F5 → F6B: the police head refuses to file, with reasons. */
    refuseFiling: (caseId: string) => send(USERS.policeHead, caseId, 'REFUSE_FILING', PAYLOADS.REFUSE_FILING),
    /** F6B → F9: the AEA receives the non-filing notice; T7 (3 days to ask for reconsideration) runs. */
    awaitNonFilingNotice: (caseId: string) => waitForReceipt(caseId, 'nonFilingNotice', { task: 'decideAfterNonFiling' }),
    /** F9 → F10: the AEA head requests reconsideration. */
    requestReconsideration: (caseId: string) => send(USERS.aeaHead, caseId, 'REQUEST_RECONSIDERATION', PAYLOADS.REQUEST_RECONSIDERATION),
    awaitReconsiderationRequest: (caseId: string) => waitForReceipt(caseId, 'reconsiderationRequest', { task: 'decideReconsideration' }),
    /** F10 → F10B: the police head maintains the refusal. */
    maintainRefusal: (caseId: string) => send(USERS.policeHead, caseId, 'MAINTAIN_REFUSAL', PAYLOADS.MAINTAIN_REFUSAL),
    awaitReconsiderationDecision: (caseId: string) => waitForReceipt(caseId, 'reconsiderationDecision', { task: 'decideSupervision' }),
    /** F10B → S0: the AEA head suggests procuratorate supervision (R310 art. 9). */
    suggestSupervision: (caseId: string) => send(USERS.aeaHead, caseId, 'SUGGEST_SUPERVISION', PAYLOADS.SUGGEST_SUPERVISION),
    awaitSupervisionSuggestion: (caseId: string) => waitForReceipt(caseId, 'supervisionSuggestion', { task: 'reviewSupervisionRequest' }),
    /** S0 → S1: the procurator accepts the request. */
    acceptSupervision: (caseId: string) => send(USERS.procurator, caseId, 'ACCEPT_SUPERVISION', PAYLOADS.ACCEPT_SUPERVISION),
    /** S1 → S2: the procurator requires the police to explain (T11, 7 days from receipt). */
    requireExplanation: (caseId: string) => send(USERS.procurator, caseId, 'REQUIRE_EXPLANATION', PAYLOADS.REQUIRE_EXPLANATION),
    awaitExplanationDemand: (caseId: string) => waitForReceipt(caseId, 'explanationDemand', { task: 'explainNonFiling' }),
    /** S2 → S3: the police head explains the non-filing in writing. */
    explainNonFiling: (caseId: string) => send(USERS.policeHead, caseId, 'EXPLAIN_NON_FILING', PAYLOADS.EXPLAIN_NON_FILING),
    awaitExplanation: (caseId: string) => waitForReceipt(caseId, 'nonFilingExplanation', { task: 'evaluateExplanation' }),
    /** S3 → S4: the chief procurator rejects the reasons and notifies the police to file. */
    notifyToFile: (caseId: string) => send(USERS.procuratorateHead, caseId, 'NOTIFY_TO_FILE', PAYLOADS.NOTIFY_TO_FILE),
    awaitNoticeToFile: (caseId: string) => waitForReceipt(caseId, 'noticeToFile', { task: 'fileCase' }),
    /** S4 → S6 (+ F6A): the police head files under supervision (T13, 15 days, is met). */
    fileUnderSupervision: (caseId: string) => send(USERS.policeHead, caseId, 'FILE_CASE', PAYLOADS.FILE_CASE_UNDER_SUPERVISION),
  }
}

/** Opens a case and carries it F0 → F4 (dispatched); returns the case id. */
export async function openAndDispatch(flow: TransferFlow, between?: { afterDispatch?: (caseId: string) => Promise<void> }): Promise<string> {
  const { caseId } = await flow.open()
  await flow.formTeam(caseId)
  await flow.submitReport(caseId)
  await flow.approve(caseId)
  await flow.dispatch(caseId)
  await between?.afterDispatch?.(caseId)
  await flow.awaitTransferReceipt(caseId)
  return caseId
}

/**
 * Path A: open → team → report → approval → dispatch → police receipt → signed receipt →
 * filing → AEA receipt of the filing notice → hand-over (F8). `afterDispatch` runs right
 * after the dispatch (the e2e test kills a router there).
 */
export async function carryToHandover(flow: TransferFlow, hooks: { afterDispatch?: (caseId: string) => Promise<void> } = {}): Promise<{ caseId: string; last: CommandResult }> {
  const caseId = await openAndDispatch(flow, hooks)
  await flow.signReceipt(caseId)
  await flow.fileCase(caseId)
  await flow.awaitFilingNotice(caseId)
  const last = await flow.handOver(caseId)
  return { caseId, last }
}

/**
 * Path B (the demo): … → police refuse filing → AEA requests reconsideration → police
 * maintain the refusal → AEA suggests supervision → procuratorate accepts and requires an
 * explanation → police explain → chief procurator notifies the police to file → police
 * file under supervision → AEA hands over the items.
 */
export async function carryThroughSupervision(flow: TransferFlow): Promise<{ caseId: string; last: CommandResult }> {
  const caseId = await openAndDispatch(flow)
  await flow.signReceipt(caseId)
  await flow.refuseFiling(caseId)
  await flow.awaitNonFilingNotice(caseId)
  await flow.requestReconsideration(caseId)
  await flow.awaitReconsiderationRequest(caseId)
  await flow.maintainRefusal(caseId)
  await flow.awaitReconsiderationDecision(caseId)
  await flow.suggestSupervision(caseId)
  await flow.awaitSupervisionSuggestion(caseId)
  await flow.acceptSupervision(caseId)
  await flow.requireExplanation(caseId)
  await flow.awaitExplanationDemand(caseId)
  await flow.explainNonFiling(caseId)
  await flow.awaitExplanation(caseId)
  await flow.notifyToFile(caseId)
  await flow.awaitNoticeToFile(caseId)
  await flow.fileUnderSupervision(caseId)
  await flow.awaitFilingNotice(caseId)
  const last = await flow.handOver(caseId)
  return { caseId, last }
}
