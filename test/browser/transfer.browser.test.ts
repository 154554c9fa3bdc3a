// A transfer of a suspected crime from opening to filing, in Chromium, across four people each
// signed in through the sign-in page in turn: the market-supervision officer opens it with the
// R310 art. 6 documents and forms the team (a team of one is refused by R310 art. 5(1), shown
// in Chinese), the bureau head approves and delivers it, the router hands it to the police,
// the police officer signs the receipt (by keyboard alone), and the police head files it. The
// police officer never sees the head's button, and calling it anyway is refused.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  account,
  approvalRow,
  awaitInboxTask,
  demoFilter,
  commandOutcome,
  cspViolations,
  expectAccessible,
  expectChainIntact,
  expectCurrentStates,
  expectSignedIn,
  fetchAsPage,
  openCommand,
  pdf,
  screenshot,
  screenshotOnFailure,
  signInAs,
  signOut,
  submitCommand,
  submitOpenForm,
  tabTo,
  timelineTypes,
  useJourneyServer,
} from '../support/browser.ts'
import { AGENCIES } from '../support/transfer-flow.ts'

const USERS = {
  officer: 'msa-620400.officer1',
  head: 'msa-620400.head',
  policeOfficer: 'police-620400.officer',
  policeHead: 'police-620400.head',
} as const

/** The R310 art. 6 documents, uploaded through the opening form's checklist. */
const DOCUMENTS = {
  transferLetter: pdf('涉嫌犯罪案件移送书.pdf'),
  investigationReport: pdf('涉嫌犯罪案件情况的调查报告.pdf'),
  itemList: pdf('涉案物品清单.pdf'),
  testReport: pdf('商标权利人鉴定意见.pdf'),
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

describe('a criminal transfer in the browser, from opening to filing, four users in turn', () => {
  const web = useJourneyServer('web-transfer', { agencies: Object.values(AGENCIES) })

  it('opens, forms the team, approves, delivers, signs for, and files the case', async () => {
    const { server, journey, page } = web
    screenshotOnFailure(journey, 'failed-transfer')
    // 1. The officer signs in with the keyboard alone: Tab to the demo accounts' filter, type
    // the user id, Tab to the one account left, Enter.
    await page.goto('/sign-in')
    await expect.poll(() => account(page, USERS.officer).count(), { timeout: 15_000 }).toBe(1)
    await expectAccessible(page, 'sign-in')
    await screenshot(page, 'sign-in')
    await tabTo(page, demoFilter(page))
    await page.keyboard.type(USERS.officer)
    await expect.poll(() => page.locator('main button[data-user-id]').count()).toBe(1)
    await tabTo(page, account(page, USERS.officer))
    await page.keyboard.press('Enter')
    await expectSignedIn(page, USERS.officer)
    await expect.poll(() => page.locator('h1').textContent()).toBe('工作台')
    await expectAccessible(page, 'home msa.officer')
    await screenshot(page, 'home-msa-officer')

    // 2. Open a transfer: the open form, with the R310 art. 6 documents as its checklist.
    await page.locator('[data-open="criminal-transfer"]').click()
    await expect.poll(() => page.url()).toContain('/open/transfer')
    await page.getByLabel('案件名称').waitFor()
    await expectAccessible(page, 'open transfer form')
    await page.getByLabel('案件名称').fill('白银某商贸公司销售假冒注册商标的商品案')
    await page.getByLabel('知识产权类别').selectOption('trademark')
    await page.getByLabel('移送依据').selectOption('thresholdMet')
    await page.getByLabel('涉嫌罪名').fill('销售假冒注册商标的商品罪')
    await page.getByLabel('涉嫌犯罪单位或个人').fill('白银某商贸有限公司')
    await page.getByLabel('非法经营数额（元）').fill('86000')
    await page.getByLabel('行政案件立案时间').fill(isoLocal(Date.now() - 7 * 86_400_000))
    for (const [kind, file] of Object.entries(DOCUMENTS)) await page.locator(`.field-checklist [data-kind="${kind}"] input[type="file"]`).setInputFiles(file)
    await screenshot(page, 'open-transfer')
    const caseId = await submitOpenForm(page, '创建移送案件')
    await expectCurrentStates(page, ['F0'])
    await expectAccessible(page, 'case page (opened)')

    // 3. A team of one is refused by the rule of R310 art. 5(1), shown in Chinese with its article.
    let form = await openCommand(page, 'FORM_TEAM')
    await form.locator('[id$="officers-0-userId"]').fill(USERS.officer)
    await form.locator('[id$="officers-0-name"]').fill('承办人甲')
    await expectAccessible(page, 'FORM_TEAM form')
    await form.locator('button[type="submit"]').click()
    const refusal = form.locator('[data-problem-code="RULE_REFUSED"][role="alert"]')
    await refusal.waitFor({ timeout: 15_000 })
    expect(await refusal.textContent()).toContain('专案组应由2名或者2名以上行政执法人员组成')
    expect(await refusal.textContent()).toContain('R310 art. 5(1)')
    expect(await refusal.textContent()).toContain('R310-art5-team-of-two')
    await expectAccessible(page, 'FORM_TEAM refused')
    await screenshot(page, 'rule-refused')
    await form.getByRole('button', { name: '添加一项' }).click()
    await form.locator('[id$="officers-1-userId"]').fill('msa-620400.officer2')
    await form.locator('[id$="officers-1-name"]').fill('承办人乙')
    await submitCommand(page, 'FORM_TEAM')

    // 4. The written transfer report, its file stored with the case.
    form = await openCommand(page, 'SUBMIT_TRANSFER_REPORT')
    await form.locator('[data-field="report"] input[type="file"]').setInputFiles(pdf('关于移送涉嫌犯罪案件的书面报告.pdf'))
    await form.getByLabel('摘要').fill('非法经营额八万六千元，涉嫌销售假冒注册商标的商品罪，建议移送公安机关')
    await submitCommand(page, 'SUBMIT_TRANSFER_REPORT')
    const awaitingApproval = (await server.client.getCase(USERS.officer, caseId)).body.stateIds
    await expectCurrentStates(page, awaitingApproval)

    // 5. The police may not see the case before it is delivered to them: the page says so in
    // Chinese, and a command sent from the page with their session is refused.
    await signOut(page)
    await signInAs(page, USERS.policeOfficer)
    await page.goto(`/cases/${caseId}`)
    const forbidden = page.locator('[data-problem-code="FORBIDDEN"][role="alert"]')
    await forbidden.waitFor({ timeout: 15_000 })
    expect(await forbidden.textContent()).toMatch(/无权/)
    expect(await page.locator('[data-command]').count()).toBe(0)
    const early = await fetchAsPage(page, 'POST', `/v1/cases/${caseId}/commands`, { type: 'SIGN_RECEIPT', payload: {} })
    expect(early.status).toBe(403)
    await expectAccessible(page, 'case page refused (police before dispatch)')

    // 6. The bureau head finds it awaiting approval, with its deadline, approves and delivers it.
    await signOut(page)
    await signInAs(page, USERS.head)
    const approval = approvalRow(page, caseId)
    await approval.waitFor({ timeout: 15_000 })
    expect(await approval.locator('.deadline').getAttribute('class')).toMatch(/deadline (ok|at-risk|overdue)/)
    await expectAccessible(page, 'home msa.head')
    await screenshot(page, 'home-msa-head')
    await approval.getByRole('link').first().click()
    await expectCurrentStates(page, awaitingApproval)
    form = await openCommand(page, 'APPROVE_TRANSFER')
    await form.getByLabel('备注').fill('同意移送')
    await submitCommand(page, 'APPROVE_TRANSFER')
    form = await openCommand(page, 'DISPATCH_TRANSFER')
    await form.getByLabel('移送书文号').fill('白市监移〔2026〕12号')
    // The documents uploaded at opening are offered for each kind the letter must carry.
    for (const kind of Object.keys(DOCUMENTS)) await form.locator(`[data-kind="${kind}"] .stored-documents input`).first().check()
    await expectAccessible(page, 'DISPATCH_TRANSFER form')
    await submitCommand(page, 'DISPATCH_TRANSFER')

    // 7. The police officer finds the delivered case in the inbox (the router's receipt opened
    // the task), does not see the head's filing button, is refused when calling it anyway, and
    // signs the receipt by keyboard alone.
    await signOut(page)
    await signInAs(page, USERS.policeOfficer)
    const task = await awaitInboxTask(page, 'signReceipt', caseId)
    await expectAccessible(page, 'home police.officer')
    await screenshot(page, 'home-police-officer')
    await task.getByRole('link').click()
    await page.locator('[data-command="SIGN_RECEIPT"]').waitFor({ timeout: 15_000 })
    expect(await page.locator('[data-command="FILE_CASE"]').count()).toBe(0)
    const headOnly = await fetchAsPage(page, 'POST', `/v1/cases/${caseId}/commands`, { type: 'FILE_CASE', payload: { decisionNo: '白公经立字〔2026〕8号' } })
    expect(headOnly.status).toBe(403)
    expect(headOnly.body.code).toBe('FORBIDDEN')
    await tabTo(page, '[data-command="SIGN_RECEIPT"]')
    await page.keyboard.press('Enter')
    await tabTo(page, '#command-SIGN_RECEIPT input[type="text"]')
    await page.keyboard.type('白公经回〔2026〕12号')
    await page.keyboard.press('Enter')
    let signed = await commandOutcome(page, 'SIGN_RECEIPT')
    if (signed.code === 'STALE_VERSION') {
      // A copy's receipt moved the case on meanwhile: the page reloaded it; send again.
      await tabTo(page, '#command-SIGN_RECEIPT button[type="submit"]')
      await page.keyboard.press('Enter')
      signed = await commandOutcome(page, 'SIGN_RECEIPT')
    }
    expect(signed).toEqual({ accepted: true })
    expect(await page.locator('[data-command="FILE_CASE"]').count()).toBe(0)
    const inReview = (await server.client.getCase(USERS.policeHead, caseId)).body.stateIds
    await expectCurrentStates(page, inReview)

    // 8. The police head finds it awaiting a decision and files it.
    await signOut(page)
    await signInAs(page, USERS.policeHead)
    const filing = approvalRow(page, caseId)
    await filing.waitFor({ timeout: 15_000 })
    await expectAccessible(page, 'home police.head')
    await screenshot(page, 'home-police-head')
    await filing.getByRole('link').first().click()
    form = await openCommand(page, 'FILE_CASE')
    await form.getByLabel('决定书文号').fill('白公经立字〔2026〕8号')
    await form.getByLabel('涉嫌罪名').fill('销售假冒注册商标的商品罪')
    await expectAccessible(page, 'FILE_CASE form')
    await submitCommand(page, 'FILE_CASE')

    // 9. The filing notice reaches the bureau (the router's receipt): the items are to be
    // handed over (F7 within F6A). The case page: the current states drawn on the statechart,
    // the timeline, the documents with their SHA-256, and the hash chain intact.
    await server.client.waitFor(async () => (await server.client.getCase(USERS.policeHead, caseId)).body.stateIds.includes('F7'), { timeoutMs: 30_000, what: 'the filing notice received (F7)' })
    await page.reload()
    await expectCurrentStates(page, ['F6A', 'F7'])
    expect(await timelineTypes(page)).toEqual(expect.arrayContaining(['CASE_OPENED', 'FORM_TEAM', 'SUBMIT_TRANSFER_REPORT', 'APPROVE_TRANSFER', 'DISPATCH_TRANSFER', 'RECEIPT', 'SIGN_RECEIPT', 'FILE_CASE']))
    const shown = await page.locator('#documents [data-sha256]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-sha256')))
    for (const file of Object.values(DOCUMENTS)) expect(shown).toContain(sha256(file.buffer))
    await expectChainIntact(page)
    await expectAccessible(page, 'case page (filed)')
    await screenshot(page, 'case-page', 'case-page')
    expect(cspViolations(journey)).toEqual([])
  }, 300_000)
})

/** `datetime-local` input value for an instant, in China time. */
function isoLocal(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16)
}
