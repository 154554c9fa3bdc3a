// The public credit-list query in Chromium, never signed in: a mistyped 统一社会信用代码 is
// explained in Chinese at once, a listed enterprise shows its listing and measures, one that is
// not listed says so, and the page reads in English on request. Done by keyboard alone.
import { describe, expect, it } from 'vitest'
import { expectStatus } from '../support/api-client.ts'
import {
  accessibilityLog,
  cspViolations,
  expectAccessible,
  screenshot,
  screenshotOnFailure,
  tabTo,
  todayInChina,
  useJourneyServer,
  type WebServer,
} from '../support/browser.ts'

const LISTED = '91620402MA0000001U'
const AGENCIES = ['msa-620400', 'party-620402-1']

describe('the public credit-list query in the browser, without signing in', () => {
  let unlisted: string
  const web = useJourneyServer('web-public', {
    agencies: AGENCIES,
    prepare: async (server) => {
      unlisted = (await server.tdb.db.selectFrom('agencies').select('credit_code').where('id', '=', 'party-620402-2').executeTakeFirstOrThrow()).credit_code!
      await listOverTheApi(server)
    },
  })

  it('explains a mistyped code, shows a listing and a clean record, in Chinese and in English', async () => {
    const { journey, page } = web
    screenshotOnFailure(journey, 'failed-public-query')
    await page.goto('/credit-list')
    await page.locator('h1').waitFor()
    expect(await page.locator('h1').textContent()).toBe('严重违法失信名单查询')
    expect(await page.getByRole('button', { name: '退出登录' }).count()).toBe(0)
    await expectAccessible(page, 'public query')

    // A wrong check character, typed and sent with the keyboard alone.
    await tabTo(page, '#credit-code')
    await page.keyboard.type(`${LISTED.slice(0, 17)}X`)
    await page.keyboard.press('Enter')
    const invalid = page.locator('#credit-code-error[role="alert"]')
    await invalid.waitFor({ timeout: 10_000 })
    expect(await invalid.textContent()).toBe(`校验码错误：第 18 位应为 ${LISTED[17]}，您输入的是 X`)
    expect(await page.locator('#credit-code').getAttribute('aria-invalid')).toBe('true')
    await expectAccessible(page, 'public query (mistyped)')

    // The listed enterprise: its listing, with the measures it brings.
    await page.locator('#credit-code').fill(LISTED)
    await page.keyboard.press('Enter')
    const result = page.locator('[data-listed]')
    await result.waitFor({ timeout: 15_000 })
    expect(await result.getAttribute('data-listed')).toBe('true')
    expect(await result.textContent()).toContain('目前列入失信惩戒名单')
    expect(await result.locator('[data-kind="listing"] li').count()).toBeGreaterThan(0)
    await expectAccessible(page, 'public query (listed)')
    await screenshot(page, 'public-query')

    // Another enterprise of the same city: nothing published.
    await page.locator('#credit-code').fill(unlisted)
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/credit-list/${unlisted}`)
    await expect.poll(() => page.locator('[data-listed]').getAttribute('data-listed'), { timeout: 15_000 }).toBe('false')
    expect(await page.locator('[data-listed]').textContent()).toContain('目前未列入失信惩戒名单')

    // English on request: the page and <html lang> follow.
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Serious-violation list query')
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('[data-listed]').textContent()).toContain('Not on any punishment list')
    await expectAccessible(page, 'public query (English)')
    await page.getByRole('button', { name: '中文' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(cspViolations(journey)).toEqual([])
  }, 120_000)

  it('has an accessibility check that fails on a field without a label', async () => {
    const { page } = web
    await page.goto('/credit-list')
    await page.locator('#credit-code').waitFor()
    // Through the DevTools protocol, as the check itself is injected: the CSP is not involved.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { createElement(t: string): { id: string }; querySelector(s: string): { append(n: unknown): void } } }).document
      const input = doc.createElement('input')
      input.id = 'unlabelled'
      doc.querySelector('main').append(input)
    })
    const failure = await expectAccessible(page, 'public query (broken on purpose)').then(() => null, (err: Error) => err)
    expect(failure?.message).toContain('label')
    expect(failure?.message).toContain('#unlabelled')
    accessibilityLog.pop()
  })
})

/** The bureau lists 白银甲科技有限公司 over the API (the listing journey does this through the pages). */
async function listOverTheApi(server: WebServer): Promise<void> {
  const { client } = server
  const today = todayInChina()
  const officer = 'msa-620400.officer1'
  const caseId = expectStatus(await client.open(officer, 'credit-listing', {
    title: '白银甲科技有限公司故意侵犯注册商标专用权',
    parties: { subject: 'party-620402-1' },
    penalty: {
      decisionNumber: '白市监处罚〔2026〕31号', decidedAt: today, procedure: 'ordinary', types: ['fine'], heavierFine: true, lowAmountFine: false,
      fineAmount: 250_000, field: 'general', violation: { article: 9, item: 'ipInfringement' }, summary: '大量生产、销售假冒注册商标的电动工具。',
    },
  }), 201, 'open the listing').caseId
  const send = async (user: string, type: string, payload: Record<string, unknown> = {}) =>
    expectStatus(await client.command(user, caseId, type, payload), 200, type)
  await send(officer, 'ASSESS_CRITERIA', { factors: { malice: '收到警告函后继续生产' }, seriousCircumstances: true, noIntentEvidence: false, reasons: '故意侵犯知识产权，情节严重' })
  await send(officer, 'GIVE_PRIOR_NOTICE')
  // The notice must reach the enterprise first (the router records its receipt).
  await client.waitFor(async () => (await client.inbox('party-620402-1.agent')).body.tasks.some((t) => t.caseId === caseId && t.kind === 'respondToNotice'), { timeoutMs: 30_000, what: 'the prior notice received' })
  await send('party-620402-1.agent', 'WAIVE_RIGHTS')
  await send('msa-620400.head', 'DECIDE_LISTING', {
    list: true, reasons: '符合列入条件', upperLevelApproval: { authority: '甘肃省市场监督管理局', reference: '甘市监信批〔2026〕8号', approvedAt: today },
  })
  await send('msa-620400.credit', 'PUBLISH_LISTING')
}
