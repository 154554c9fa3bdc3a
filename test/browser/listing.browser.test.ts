// A serious-violation listing and its repair, in Chromium: the bureau's credit officer opens the
// listing after a heavier penalty and gives the prior notice, the enterprise waives its rights,
// the head decides, the credit officer publishes (the public register shows it); a year and a
// week later (Xianjie restarted on a shifted clock) the enterprise applies for repair, the
// credit officer accepts, the head grants, the credit officer removes the listing, and the
// public register no longer shows it.
import { describe, expect, it } from 'vitest'
import {
  approvalRow,
  cspViolations,
  expectAccessible,
  expectChainIntact,
  expectCurrentStates,
  inboxTask,
  openCommand,
  screenshot,
  screenshotOnFailure,
  setField,
  signInAs,
  signOut,
  submitCommand,
  submitOpenForm,
  todayInChina,
  useJourneyServer,
  type JourneyPage,
} from '../support/browser.ts'

const USERS = {
  credit: 'msa-620400.credit',
  head: 'msa-620400.head',
  subject: 'party-620402-1.agent',
} as const
const SUBJECT_CODE = '91620402MA0000001U'
const PARTNERS = ['partner.ndrc-620400', 'partner.pbc-620400', 'partner.tax-620400', 'partner.customs-620400']
const AGENCIES = ['msa-620400', 'party-620402-1', ...PARTNERS]
const YEAR_AND_A_WEEK_MS = (366 + 7) * 86_400_000

describe('a credit listing and its repair in the browser', () => {
  // Its pages open inside the test: the restart on a shifted clock moves Xianjie to a new port.
  const web = useJourneyServer('web-listing', { agencies: AGENCIES, openPage: false })
  let journey: JourneyPage

  /** A fresh browser context on the server as it runs now, its failure screenshot registered. */
  async function freshPage(): Promise<JourneyPage> {
    journey = await web.openPage()
    screenshotOnFailure(journey, 'failed-listing')
    return journey
  }

  /** The public register's answer for the subject, read on the public page without signing in. */
  async function publicRegister(name: string): Promise<string | null> {
    const visitor = await web.openPage()
    await visitor.page.goto(`/credit-list/${SUBJECT_CODE}`)
    const result = visitor.page.locator('[data-listed]')
    await result.waitFor({ timeout: 15_000 })
    await expectAccessible(visitor.page, name)
    await screenshot(visitor.page, name)
    const listed = await result.getAttribute('data-listed')
    await visitor.close()
    return listed
  }

  it('lists after a penalty, publishes, and removes the listing after repair', async () => {
    const { server } = web
    let { page } = await freshPage()

    // 1. The credit officer opens the listing after the bureau's heavier penalty.
    await signInAs(page, USERS.credit)
    await expectAccessible(page, 'home msa.credit')
    await screenshot(page, 'home-msa-credit')
    await page.locator('[data-open="credit-listing"]').click()
    await expect.poll(() => page.url()).toContain('/open/listing')
    await page.locator('[data-field="title"]').waitFor()
    await setField(page, 'title', '白银甲科技有限公司故意侵犯注册商标专用权')
    await setField(page, 'parties.subject', 'party-620402-1')
    await setField(page, 'penalty.decisionNumber', '白市监处罚〔2026〕31号')
    await setField(page, 'penalty.decidedAt', todayInChina())
    await setField(page, 'penalty.procedure', 'ordinary')
    await checkOptions(page, 'penalty.types', ['罚款', '没收'])
    await setField(page, 'penalty.heavierFine', true)
    await setField(page, 'penalty.fineAmount', 250_000)
    await setField(page, 'penalty.field', 'general')
    await setField(page, 'penalty.violation.article', '9')
    await setField(page, 'penalty.violation.item', 'ipInfringement')
    await setField(page, 'penalty.summary', '当事人明知他人注册商标，仍大量生产、销售假冒该注册商标的电动工具。')
    await expectAccessible(page, 'open listing form')
    await screenshot(page, 'open-listing')
    const caseId = await submitOpenForm(page, '创建列入案件')

    // 2. The criteria, then the prior notice.
    let form = await openCommand(page, 'ASSESS_CRITERIA')
    await setField(form, 'factors.malice', '收到警告函后继续生产')
    await setField(form, 'factors.goodsValue', '货值金额八十余万元')
    await setField(form, 'seriousCircumstances', true)
    await setField(form, 'reasons', '故意侵犯知识产权，情节严重')
    await expectAccessible(page, 'ASSESS_CRITERIA form')
    await submitCommand(page, 'ASSESS_CRITERIA')
    await openCommand(page, 'GIVE_PRIOR_NOTICE')
    await submitCommand(page, 'GIVE_PRIOR_NOTICE')

    // 3. The enterprise finds the notice in its inbox and waives its rights.
    await signOut(page)
    await signInAs(page, USERS.subject)
    const notice = inboxTask(page, 'respondToNotice', caseId)
    await expect.poll(async () => {
      if ((await notice.count()) > 0) return true
      await page.reload()
      return false
    }, { timeout: 30_000, interval: 1_000 }).toBe(true)
    await expectAccessible(page, 'home party (notice)')
    await notice.getByRole('link').click()
    form = await openCommand(page, 'WAIVE_RIGHTS')
    await setField(form, 'declaration', '本企业明确放弃陈述、申辩和听证的权利。')
    await submitCommand(page, 'WAIVE_RIGHTS')

    // 4. The head finds the decision awaiting approval and lists, with the provincial bureau's approval.
    await signOut(page)
    await signInAs(page, USERS.head)
    const decision = approvalRow(page, caseId)
    await decision.waitFor({ timeout: 15_000 })
    await expectAccessible(page, 'home msa.head')
    await decision.getByRole('link').first().click()
    form = await openCommand(page, 'DECIDE_LISTING')
    await setField(form, 'list', true)
    await setField(form, 'reasons', '符合列入严重违法失信名单的条件')
    await setField(form, 'upperLevelApproval.authority', '甘肃省市场监督管理局')
    await setField(form, 'upperLevelApproval.reference', '甘市监信批〔2026〕8号')
    await setField(form, 'upperLevelApproval.approvedAt', todayInChina())
    await expectAccessible(page, 'DECIDE_LISTING form')
    await submitCommand(page, 'DECIDE_LISTING')
    expect(await publicRegister('public-query-decided')).toBe('false')

    // 5. The credit officer publishes it; the public register shows the listing.
    await signOut(page)
    await signInAs(page, USERS.credit)
    await page.goto(`/cases/${caseId}`)
    await openCommand(page, 'PUBLISH_LISTING')
    await submitCommand(page, 'PUBLISH_LISTING')
    const published = (await server.client.getCase(USERS.credit, caseId)).body.stateIds
    await expectCurrentStates(page, published)
    await expectAccessible(page, 'case page (listing published)')
    await screenshot(page, 'case-page-listing')
    expect(await publicRegister('public-query-listed')).toBe('true')
    expect(cspViolations(journey)).toEqual([])

    // 6. A year and a week later (Xianjie restarted on that clock) the enterprise applies for repair.
    await server.restart(YEAR_AND_A_WEEK_MS)
    ;({ page } = await freshPage())
    await signInAs(page, USERS.subject)
    await page.goto(`/cases/${caseId}`)
    form = await openCommand(page, 'APPLY_EARLY_REMOVAL')
    await setField(form, 'performed', true)
    await setField(form, 'harmEliminated', true)
    await setField(form, 'noFurtherHeavierPenalty', true)
    await setField(form, 'commitment', '本企业承诺今后严格遵守知识产权法律法规。')
    await setField(form, 'materials', '信用修复申请书\n守信承诺书\n罚没款缴纳凭证')
    await expectAccessible(page, 'APPLY_EARLY_REMOVAL form')
    await submitCommand(page, 'APPLY_EARLY_REMOVAL')

    // 7. Accepted, granted by the head, removed.
    await signOut(page)
    await signInAs(page, USERS.credit)
    await page.goto(`/cases/${caseId}`)
    await openCommand(page, 'ACCEPT_REPAIR')
    await submitCommand(page, 'ACCEPT_REPAIR')
    await signOut(page)
    await signInAs(page, USERS.head)
    await page.goto(`/cases/${caseId}`)
    await openCommand(page, 'GRANT_REPAIR')
    await submitCommand(page, 'GRANT_REPAIR')
    await signOut(page)
    await signInAs(page, USERS.credit)
    await page.goto(`/cases/${caseId}`)
    await openCommand(page, 'REMOVE_LISTING')
    await submitCommand(page, 'REMOVE_LISTING')
    const removed = (await server.client.getCase(USERS.credit, caseId)).body.stateIds
    expect(removed).toContain('L7E')
    await expectCurrentStates(page, removed)
    await expectChainIntact(page)
    await expectAccessible(page, 'case page (listing removed)')
    await screenshot(page, 'case-page-listing-removed')

    // 8. The public register no longer shows the enterprise as listed.
    expect(await publicRegister('public-query-removed')).toBe('false')
    expect(cspViolations(journey)).toEqual([])
  }, 300_000)
})

/** Ticks the options of a multiple-choice field whose labels contain these words. */
async function checkOptions(page: JourneyPage['page'], path: string, labels: string[]): Promise<void> {
  const field = page.locator(`[data-field="${path}"]`)
  for (const label of labels) await field.getByLabel(label).first().check()
}
