// A judicial confirmation in Chromium, from the agreement to the ruling: the people's mediator
// records the agreement, one party applies to the basic court and the other joins, the judge
// finds the application in the court's inbox, accepts it and rules the agreement valid. The
// judge never sees the president's extension button, and calling it anyway is refused.
import { describe, expect, it } from 'vitest'
import {
  awaitInboxTask,
  cspViolations,
  expectAccessible,
  expectChainIntact,
  expectCurrentStates,
  fetchAsPage,
  openCommand,
  pdf,
  screenshot,
  screenshotOnFailure,
  signInAs,
  signOut,
  submitCommand,
  submitOpenForm,
  timelineTypes,
  todayInChina,
  useJourneyServer,
} from '../support/browser.ts'

const USERS = {
  mediator: 'mediation-620400.mediator',
  applicant: 'party-620402-1.agent',
  respondent: 'party-620402-2.agent',
  judge: 'court.basic-620402.judge',
} as const
const COURT = 'court.basic-620402'
const AGENCIES = ['mediation-620400', 'party-620402-1', 'party-620402-2', COURT]

describe('a judicial confirmation in the browser, from agreement to ruling', () => {
  const web = useJourneyServer('web-confirmation', { agencies: AGENCIES })

  it('records the agreement, applies jointly, accepts and rules it valid', async () => {
    const { journey, page } = web
    screenshotOnFailure(journey, 'failed-confirmation')

    // 1. The mediator records the agreement reached: a new confirmation case.
    await signInAs(page, USERS.mediator)
    await expectAccessible(page, 'home mediator')
    await screenshot(page, 'home-mediator')
    await page.locator('[data-open="judicial-confirmation"]').click()
    await expect.poll(() => page.url()).toContain('/confirmations/new')
    await page.getByLabel('案件名称').waitFor()
    await page.getByLabel('案件名称').fill('白银甲科技有限公司与白银乙商贸有限公司商标侵权纠纷')
    await page.getByLabel('方式', { exact: false }).first().selectOption('people')
    await page.locator('[data-field="parties"]').getByLabel('申请人一').fill('party-620402-1')
    await page.locator('[data-field="parties"]').getByLabel('申请人二').fill('party-620402-2')
    const dispute = page.locator('[data-field="dispute"]')
    await dispute.getByLabel('知识产权类型').selectOption('trademark')
    await dispute.getByLabel('纠纷事项').selectOption('damages')
    await dispute.getByLabel('摘要').fill('申请人主张被申请人销售侵犯其注册商标专用权的商品，双方就赔偿数额发生争议。')
    const agreement = page.locator('[data-field="agreement"]')
    await agreement.getByLabel('内容').fill('被申请人于本协议生效之日起十日内支付申请人商标侵权赔偿金人民币八万元，并停止销售侵权商品。')
    await agreement.getByLabel('协议生效日期').fill(todayInChina())
    await agreement.getByLabel('金额（元）').fill('80000')
    await page.locator('.field-checklist [data-kind="agreement"] input[type="file"]').setInputFiles(pdf('调解协议书.pdf'))
    await expectAccessible(page, 'record agreement form')
    await screenshot(page, 'record-agreement')
    const caseId = await submitOpenForm(page, '登记调解协议')
    await expectCurrentStates(page, ['J0', 'J1'])
    await expectAccessible(page, 'case page (agreement recorded)')

    // 2. The applicant applies to the basic court; the respondent joins the application.
    await signOut(page)
    await signInAs(page, USERS.applicant)
    await expectAccessible(page, 'home party')
    await page.locator(`[data-case-id="${caseId}"] a`).first().click()
    let form = await openCommand(page, 'APPLY_FOR_CONFIRMATION')
    await form.getByLabel('受理法院').fill(COURT)
    await form.getByLabel('申请形式').selectOption('written')
    for (const box of await form.locator('[data-field="materials"] input[type="checkbox"]').all()) await box.check()
    await expectAccessible(page, 'APPLY_FOR_CONFIRMATION form')
    await submitCommand(page, 'APPLY_FOR_CONFIRMATION')

    await signOut(page)
    await signInAs(page, USERS.respondent)
    await page.locator(`[data-case-id="${caseId}"] a`).first().click()
    form = await openCommand(page, 'JOIN_APPLICATION')
    await form.locator('[data-field="materials"] input[type="checkbox"]').first().check()
    await submitCommand(page, 'JOIN_APPLICATION')
    await expectCurrentStates(page, ['J2', 'J3'])

    // 3. The judge finds the application in the court's inbox (the router delivered it).
    await signOut(page)
    await signInAs(page, USERS.judge)
    const task = await awaitInboxTask(page, 'decideAcceptance', caseId)
    expect(await task.locator('.deadline').count()).toBe(1)
    await expectAccessible(page, 'home court.judge')
    await screenshot(page, 'home-court-judge')
    await task.getByRole('link').click()
    await page.locator('[data-command="ACCEPT_APPLICATION"]').waitFor({ timeout: 15_000 })

    // Only the president extends the review: no button for the judge, and refused if sent.
    expect(await page.locator('[data-command="EXTEND_REVIEW"]').count()).toBe(0)
    const extend = await fetchAsPage(page, 'POST', `/v1/cases/${caseId}/commands`, { type: 'EXTEND_REVIEW', payload: { days: 10, reasons: '需向调解组织核实' } })
    expect(extend.status).toBe(403)

    form = await openCommand(page, 'ACCEPT_APPLICATION')
    await form.getByLabel('备注').fill('材料齐全，予以受理')
    await submitCommand(page, 'ACCEPT_APPLICATION')
    await expect.poll(() => page.locator('[data-case-number]').textContent(), { timeout: 15_000 }).toMatch(/^\(\d{4}\)甘0402民特\d+号$/)
    form = await openCommand(page, 'CONFIRM_AGREEMENT')
    await form.getByLabel('裁定理由').fill('调解协议系双方自愿达成，内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益。')
    await expectAccessible(page, 'CONFIRM_AGREEMENT form')
    await submitCommand(page, 'CONFIRM_AGREEMENT')

    // 4. Ruled valid: the statechart shows it, the ruling is among the documents, the chain holds.
    await expectCurrentStates(page, ['J5A', 'J7', 'J8'])
    await expect.poll(async () => {
      await page.reload()
      await page.locator('#documents').waitFor()
      return page.locator('#documents [data-kind="confirmationRuling"] [data-sha256]').count()
    }, { timeout: 20_000, interval: 1_000 }).toBe(1)
    expect(await timelineTypes(page)).toEqual(expect.arrayContaining(['CASE_OPENED', 'APPLY_FOR_CONFIRMATION', 'JOIN_APPLICATION', 'ACCEPT_APPLICATION', 'CONFIRM_AGREEMENT']))
    await expectChainIntact(page)
    await expectAccessible(page, 'case page (ruled valid)')
    await screenshot(page, 'case-page-confirmation')
    expect(cspViolations(journey)).toEqual([])
  }, 300_000)
})
