// A supervisor finds an overdue duty, in Chromium: a transfer report waits for the bureau
// head's decision (T1, 3 calendar days, R310 art. 5(2)); Xianjie is restarted on a clock a
// week ahead, the scheduler marks the duty overdue, and the people's government's supervisor
// sees it on the dashboard in red, saying 已超期 (beside an at-risk one in amber), and opens
// the case from there.
import { describe, expect, it } from 'vitest'
import { expectStatus } from '../support/api-client.ts'
import { cspViolations, expectAccessible, screenshot, screenshotOnFailure, signInAs, useJourneyServer, type WebServer } from '../support/browser.ts'
import { AGENCIES, openPayload, PAYLOADS, USERS as TRANSFER_USERS } from '../support/transfer-flow.ts'

const SUPERVISOR = 'government-620400.supervisor'
const FIVE_DAYS_MS = 5 * 86_400_000

describe('a supervisor finds an overdue duty in the browser', () => {
  let caseId: string
  const web = useJourneyServer('web-supervisor', { agencies: Object.values(AGENCIES), prepare: reportOverdue, setupTimeoutMs: 180_000 })

  async function reportOverdue(server: WebServer): Promise<void> {
    // The bureau's officer reports transfers to the head (set up over the API: the other
    // journeys do this through the pages); each report starts the head's 3-day period T1.
    const officer = TRANSFER_USERS.aeaOfficer
    const report = async (title: string) => {
      const { client } = server
      const id = expectStatus(await client.open(officer, 'criminal-transfer', { ...openPayload(), title }), 201, 'open').caseId
      for (const type of ['FORM_TEAM', 'SUBMIT_TRANSFER_REPORT'] as const) expectStatus(await client.command(officer, id, type, PAYLOADS[type]), 200, type)
      return id
    }
    caseId = await report('白银某电器商行销售假冒注册商标的商品案')
    // A second case the head approved in time: T1 met, then T2 (24 h to deliver) runs out.
    const approved = await report('白银某五金店销售侵犯著作权复制品案')
    expectStatus(await server.client.command(TRANSFER_USERS.aeaHead, approved, 'APPROVE_TRANSFER', PAYLOADS.APPROVE_TRANSFER), 200, 'approve')
    // Five days later a third report comes in; when its T1 has used four fifths of its time
    // (at risk) the first case's T1 is long overdue.
    await server.restart(FIVE_DAYS_MS)
    const third = await report('白银某日化店销售假冒注册商标的洗衣液案')
    const t1 = (await server.client.getCase(officer, third)).body.deadlines.find((d) => d.name === 'T1')!
    // The period ends at a midnight, so its length depends on the hour it started: go to 80 % of it.
    await server.restart(FIVE_DAYS_MS + 0.8 * (Date.parse(t1.dueAt) - Date.parse(t1.startedAt)))
    await server.client.waitFor(async () => {
      const { body } = await server.client.getCase(TRANSFER_USERS.aeaHead, caseId)
      return body.deadlines.some((d) => d.name === 'T1' && d.status !== 'SCHEDULED')
    }, { timeoutMs: 30_000, what: 'T1 fired on the shifted clock' })
  }

  it('shows the overdue duty in red, saying 已超期, and opens its case', async () => {
    const { journey, page } = web
    screenshotOnFailure(journey, 'failed-supervisor')
    await signInAs(page, SUPERVISOR)
    await expectAccessible(page, 'home supervisor')
    await screenshot(page, 'home-supervisor')
    await page.getByRole('link', { name: '打开监督看板' }).click()
    await expect.poll(() => page.url()).toContain('/supervision')

    const row = page.locator(`tr[data-case-id="${caseId}"][data-timer="T1"]`)
    await row.waitFor({ timeout: 20_000 })
    expect(await row.getAttribute('data-level')).toBe('overdue')
    const badge = row.locator('.deadline')
    expect(await badge.getAttribute('class')).toContain('overdue')
    expect(await badge.textContent()).toContain('已超期')
    // Red: the badge's colour (text or background) is dominated by its red channel.
    const colours = await badge.evaluate((el) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string; backgroundColor: string; borderColor: string } }).getComputedStyle(el)
      return [style.color, style.backgroundColor, style.borderColor]
    })
    const reddish = colours.some((c) => {
      const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).map(Number)
      return r !== undefined && g !== undefined && b !== undefined && r >= 120 && r > g * 1.5 && r > b * 1.5
    })
    expect(reddish, `overdue badge colours ${colours.join(', ')}`).toBe(true)
    expect(await row.textContent()).toContain('R310 art. 5(2)')
    // The third report's T1 has used two thirds of its time: at risk, and the text says so.
    const atRisk = page.locator('tr[data-timer="T1"][data-level="at-risk"]')
    expect(await atRisk.count()).toBe(1)
    expect(await atRisk.locator('.deadline').textContent()).toContain('临期')

    // The statistics with their charts are on the same page.
    await page.locator('svg, [role="img"]').first().waitFor({ timeout: 20_000 })
    await expectAccessible(page, 'supervisor dashboard')
    await screenshot(page, 'supervisor-dashboard', 'supervisor-dashboard')

    // The case opens from the dashboard, its T1 deadline marked overdue there too.
    await row.getByRole('link').click()
    await expect.poll(() => page.url()).toContain(`/cases/${caseId}`)
    const deadline = page.locator('#deadlines [data-timer="T1"]').first()
    await deadline.waitFor({ timeout: 15_000 })
    expect(await deadline.textContent()).toMatch(/超期|逾期/)
    await expectAccessible(page, 'case page (supervisor)')
    await screenshot(page, 'case-page-supervisor')
    expect(cspViolations(journey)).toEqual([])
  }, 180_000)
})
