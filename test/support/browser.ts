// The browser journeys' support: Debian's Chromium driven by playwright-core (never a browser
// Playwright downloads), Xianjie as one real process serving the built web app at `/` over a
// test database, sign-in through the sign-in page's demo accounts, an axe-core check of each
// page, and screenshots kept in test/.artifacts/screenshots.
import { randomBytes } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, onTestFailed } from 'vitest'
import { localDate } from '@xianjie/calendar/dates'
import { createClient, type XianjieClient } from './api-client.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'
import { redisUrl } from './env.ts'
import { ARTIFACTS, freePort, ROOT, startProcess, xianjieEnv } from './processes.ts'

const CHROMIUM = '/usr/bin/chromium'
// The machine's network is closed: no QUIC, no background fetches, updates or sync.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
/** The bundle the api serves: services/web/dist (built by the global setup), or WEB_DIST's. */
const WEB_DIST = process.env.WEB_DIST ?? join(ROOT, 'services', 'web', 'dist')
const SCREENSHOTS = join(ARTIFACTS, 'screenshots')
/** The viewport of every page (and of the README screenshots). */
const VIEWPORT = { width: 1280, height: 900 }

export interface JourneyOptions {
  /** The agencies whose queues the router serves: the parties of the journey's cases. */
  agencies: string[]
  /** Runs once Xianjie is up, before the page opens: cases set up over the API, a restart on a shifted clock. */
  prepare?: (server: WebServer) => Promise<void>
  /** Whether beforeAll opens the journey's page; without it the tests open theirs with `openPage`. @default true */
  openPage?: boolean
  /** The timeout of beforeAll (prepare included). @default 120_000 */
  setupTimeoutMs?: number
}

export interface Journey {
  readonly server: WebServer
  /** The page beforeAll opened. */
  readonly journey: JourneyPage
  readonly page: Page
  /** A fresh browser context on the server as it runs now (a restart moves it to a new port); closed after all. */
  openPage(): Promise<JourneyPage>
}

/**
 * Registers a journey's beforeAll and afterAll in the calling `describe`: Chromium, Xianjie over
 * a fresh test database (see startWebServer), `prepare`, the journey's page; afterwards every
 * page, Chromium and Xianjie are closed and the accessibility summary logged. Read the fields
 * inside the tests: beforeAll sets them.
 */
export function useJourneyServer(name: string, options: JourneyOptions): Journey {
  let browser: Browser | undefined
  let server: WebServer | undefined
  let first: JourneyPage | undefined
  const opened: JourneyPage[] = []
  const open = async () => {
    const journey = await openPage(started(browser, 'Chromium'), started(server, 'Xianjie'))
    opened.push(journey)
    return journey
  }
  beforeAll(async () => {
    browser = await launchChromium()
    server = await startWebServer(name, { agencies: options.agencies })
    await options.prepare?.(server)
    if (options.openPage !== false) first = await open()
  }, options.setupTimeoutMs ?? 120_000)
  afterAll(async () => {
    // A page a test closed itself is closed again: harmless, and the rest still close.
    for (const journey of opened) await journey.close().catch(() => {})
    await browser?.close()
    await server?.close()
    console.info(accessibilitySummary())
  }, 60_000)
  return {
    get server() {
      return started(server, 'Xianjie')
    },
    get journey() {
      return started(first, 'the journey page')
    },
    get page() {
      return started(first, 'the journey page').page
    },
    openPage: open,
  }
}

function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is not open: read it inside a test, after beforeAll (with openPage: false, tests open their own pages)`)
  return value
}

/** Launches Chromium; fails (never skips) when it or the web bundle is missing. */
async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}: the browser tests cannot run. Install it with infra/chromium.sh (apt-get install chromium; .ci/run does this before the tests)`)
  }
  const buildError = inject('xjWebBuildError')
  if (buildError && process.env.WEB_DIST === undefined) throw new Error(`the browser tests need services/web/dist: ${buildError}`)
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`the browser tests need the web bundle: ${WEB_DIST}/index.html is missing (pnpm --filter @xianjie/web build)`)
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

export interface WebServer {
  /** The api's URL, which serves the web app at `/`. */
  readonly url: string
  readonly tdb: TestDatabase
  /** An HTTP client for setting up or checking what the journey does not do through the pages. */
  readonly client: XianjieClient
  /** Stops the process and starts it again over the same database, its clock shifted by `clockOffsetMs` (a new port). */
  restart(clockOffsetMs: number): Promise<void>
  /** Stops the process and drops the database. */
  close(): Promise<void>
}

/**
 * Xianjie in one process (api, router and scheduler) over a fresh test database, the demo on,
 * the web bundle served at `/`. `agencies` are the agencies whose queues its router serves
 * (the parties of the journey's cases); `restart` shifts its clock (XIANJIE_CLOCK_OFFSET_MS).
 */
async function startWebServer(name: string, options: { agencies: string[] }): Promise<WebServer> {
  const tdb = await createTestDatabase()
  const authSecret = randomBytes(32).toString('hex')
  let seq = 0
  const start = async (offsetMs: number) => {
    const port = await freePort()
    const env = xianjieEnv({
      databaseUrl: tdb.url,
      redisUrl: redisUrl(),
      queuePrefix: tdb.queuePrefix,
      authSecret,
      routerAgencies: options.agencies.join(','),
      services: 'api,router,scheduler',
      extra: {
        HOST: '127.0.0.1',
        PORT: String(port),
        WEB_DIST,
        XIANJIE_CLOCK_OFFSET_MS: String(Math.round(offsetMs)),
        // Every user of a journey signs in from 127.0.0.1, several times a minute.
        RATE_LIMIT_SIGNIN_PER_IP_PER_MIN: '1000',
      },
    })
    // Generous: the test machine may be busy (other suites, a benchmark seed).
    return startProcess(`${name}-${++seq}`, env, { readyTimeoutMs: 120_000 })
  }
  let proc = await start(0)
  let client = createClient(proc.url!)
  return {
    get url() {
      return proc.url!
    },
    tdb,
    get client() {
      return client
    },
    async restart(clockOffsetMs) {
      await proc.stop()
      proc = await start(clockOffsetMs)
      client = createClient(proc.url!)
    },
    async close() {
      await proc.stop()
      await tdb.drop()
    },
  }
}

export interface JourneyPage {
  page: Page
  context: BrowserContext
  /** Console errors and uncaught page errors seen so far (CSP violations among them). */
  errors: string[]
  close(): Promise<void>
}

/** A fresh browser context (its own session storage) on the server, zh-CN, 1280×900. */
async function openPage(browser: Browser, server: WebServer): Promise<JourneyPage> {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`))
  return { page, context, errors, close: () => context.close() }
}

/** The Content Security Policy violations among the errors a page logged (there should be none). */
export function cspViolations(journey: JourneyPage): string[] {
  return journey.errors.filter((e) => /Content Security Policy/i.test(e))
}

/**
 * Signs in as `userId` the way a person does: the sign-in page, the demo accounts narrowed
 * with the filter field, a click on the account. Ends when the page's session is that user's.
 */
export async function signInAs(page: Page, userId: string): Promise<void> {
  await page.goto('/sign-in')
  await demoFilter(page).fill(userId)
  await account(page, userId).click()
  await expectSignedIn(page, userId)
}

/** The sign-in page's field that narrows the demo accounts (by agency, name or user id). */
export function demoFilter(page: Page): Locator {
  return page.getByLabel(/筛选账号|Filter/)
}

/** The demo account button of `userId` on the sign-in page. */
export function account(page: Page, userId: string): Locator {
  return page.locator(`main button[data-user-id="${userId}"]`)
}

/**
 * Waits for the signed-in page shell (off the sign-in page, the header's sign-out button) and,
 * with `userId`, for the page's session to be that user's (GET /v1/me with its token).
 */
export async function expectSignedIn(page: Page, userId?: string): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name: /退出登录|Sign out/ }).count(), { timeout: 15_000, message: 'signed in' }).toBeGreaterThan(0)
  await expect.poll(() => page.url()).not.toContain('/sign-in')
  if (userId !== undefined) expect((await fetchAsPage(page, 'GET', '/v1/me')).body.userId).toBe(userId)
}

/** Signs out through the header's button; ends on the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click()
  await expect.poll(() => page.url(), { timeout: 15_000 }).toContain('/sign-in')
}

/** The task of `kind` on `caseId` in the home page's inbox. */
export function inboxTask(page: Page, kind: string, caseId: string): Locator {
  return page.locator(`[data-task-kind="${kind}"][data-case-id="${caseId}"]`)
}

/**
 * Waits (30 s) until the home page's inbox shows the task of `kind` on `caseId`, reloading it
 * each second: the router delivers a case a moment after the step that sends it. Answers the task.
 */
export async function awaitInboxTask(page: Page, kind: string, caseId: string): Promise<Locator> {
  const task = inboxTask(page, kind, caseId)
  await expect.poll(async () => {
    if ((await task.count()) > 0) return true
    await page.reload()
    await expectSignedIn(page)
    return false
  }, { timeout: 30_000, interval: 1_000 }).toBe(true)
  return task
}

/** The row of `caseId` in the home page's section of cases awaiting the user's approval. */
export function approvalRow(page: Page, caseId: string): Locator {
  return page.locator(`section[aria-labelledby="approvals"] [data-case-id="${caseId}"]`)
}

/**
 * What a script on the page gets when it calls the API itself with the page's own session
 * (the token the app keeps in sessionStorage): used to show that a hidden button's command is
 * refused all the same.
 */
export async function fetchAsPage(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('xianjie.accessToken')
      const init: RequestInit = { method, headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } }
      if (body !== undefined) {
        init.body = JSON.stringify(body)
        ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
      }
      const res = await fetch(path, init)
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text)
      } catch {}
      return { status: res.status, body: parsed }
    },
    { method, path, body, headers },
  )
}

const require = createRequire(import.meta.url)
let axeSource: string | null = null

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: unknown[]; failureSummary?: string }>
}

/** Every accessibility check run, for the journeys' summary: page name → violations by impact. */
export const accessibilityLog: Array<{ name: string; url: string; violations: Array<{ id: string; impact: string | null; nodes: number }> }> = []

/** One line for the test log: each page checked, and what axe found there (minor ones included). */
function accessibilitySummary(): string {
  return `[a11y] ${accessibilityLog.map((a) => `${a.name}: ${a.violations.map((v) => `${v.id}(${v.impact})`).join(' ') || 'clean'}`).join('; ')}`
}

/**
 * Runs axe-core on the page as it is now and fails on any violation of impact serious or
 * critical, listing each with the elements it found. axe is evaluated through the DevTools
 * protocol, which the page's CSP (no inline scripts) does not govern.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined')
  if (!loaded) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }))
  })
  accessibilityLog.push({ name, url: page.url(), violations: violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })) })
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  const listing = blocking
    .map((v) => `  ${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`).join('\n')}`)
    .join('\n')
  expect(blocking, `accessibility violations (serious or critical) on ${name} (${page.url()}):\n${listing}`).toEqual([])
}

/** Where README's screenshots live, by the name a journey gives them. */
const README_IMAGES = {
  'case-page': join(ROOT, 'docs', 'images', 'case-page.png'),
  'supervisor-dashboard': join(ROOT, 'docs', 'images', 'supervisor-dashboard.png'),
} as const
const README_MAX_BYTES = 300 * 1024

/**
 * A screenshot of the page into test/.artifacts/screenshots/<name>.png (the whole page). With
 * `readme` and UPDATE_SCREENSHOTS=1 the viewport (1280×900) also goes to docs/images/<readme>.png.
 */
export async function screenshot(page: Page, name: string, readme?: keyof typeof README_IMAGES): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const path = join(SCREENSHOTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  if (readme !== undefined && process.env.UPDATE_SCREENSHOTS === '1') {
    const target = README_IMAGES[readme]
    const viewportShot = join(SCREENSHOTS, `${name}.viewport.png`)
    // The top of the page: its title, and where the case is.
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0))
    await page.screenshot({ path: viewportShot, animations: 'disabled' })
    const size = statSync(viewportShot).size
    expect(size, `${readme} screenshot (${viewportShot}) is ${Math.round(size / 1024)} KB; README images stay under 300 KB`).toBeLessThan(README_MAX_BYTES)
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true })
    copyFileSync(viewportShot, target)
  }
  return path
}

/**
 * Presses Tab (at most `maxPresses` times) until the focused element is `target` (a CSS
 * selector or a locator): how a keyboard user reaches a control. Fails when it is never reached.
 */
export async function tabTo(page: Page, target: string | Locator, maxPresses = 600): Promise<number> {
  const locator = typeof target === 'string' ? page.locator(target) : target
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab')
    const focused = await locator.evaluateAll((nodes) => {
      const active = (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement
      return nodes.some((n) => n === active)
    })
    if (focused) return presses
  }
  throw new Error(`${String(target)} was not reached with ${maxPresses} presses of Tab`)
}

/** Today in China, as a date input takes it. */
export function todayInChina(): string {
  return localDate(new Date().toISOString())
}

/** A small PDF the api's content sniffing accepts (it starts with %PDF-). */
export function pdf(name: string, text = name): { name: string; mimeType: string; buffer: Buffer } {
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`) }
}

/** The state nodes of the case page's statechart drawn as current. */
function currentStates(page: Page) {
  return page.locator('[aria-current="step"][data-state]')
}

/** Waits until the statechart marks exactly `ids` (in any order) as the current states. */
export async function expectCurrentStates(page: Page, ids: string[]): Promise<void> {
  await expect
    .poll(async () => (await currentStates(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-state')))).sort(), { timeout: 15_000 })
    .toEqual([...ids].sort())
}

/** The event types on the case page's timeline, in its order. */
export function timelineTypes(page: Page): Promise<Array<string | null>> {
  return page.locator('#timeline [data-type]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')))
}

/** Checks the case's hash chain with the case page's button; waits until the page says it holds. */
export async function expectChainIntact(page: Page): Promise<void> {
  await page.locator('[data-verify]').click()
  await page.locator('[data-verify-ok="true"]').waitFor({ timeout: 15_000 })
}

/** Opens the form of an action on the case page (its `data-command` button); returns the form. */
export async function openCommand(page: Page, type: string) {
  const button = page.locator(`[data-command="${type}"]`)
  await button.click()
  await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true')
  return page.locator(`#command-${type} form`)
}

/**
 * Submits an open action form and waits until the API accepted it (the form closes and the
 * page announces the step); a refusal shown in the form fails with its text. When the case
 * moved on while the form was open (412: a receipt the router recorded meanwhile), the page
 * reloads the case and keeps the form: the person submits again, and so does this.
 */
export async function submitCommand(page: Page, type: string): Promise<void> {
  const holder = page.locator(`#command-${type}`)
  for (let attempt = 1; ; attempt++) {
    await holder.locator('form button[type="submit"]').click()
    const outcome = await commandOutcome(page, type)
    if (outcome.accepted) break
    if (outcome.code !== 'STALE_VERSION' || attempt === 3) throw new Error(`${type} was not accepted: ${outcome.text}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  await expect.poll(() => page.locator('p.announce[role="status"]').textContent(), { timeout: 15_000 }).toMatch(/已提交|Done:/)
}

/** Once an action form was submitted: accepted once the form is gone; else the code and text of the refusal it shows. */
export async function commandOutcome(page: Page, type: string): Promise<{ accepted: boolean; code?: string | null; text?: string }> {
  const holder = page.locator(`#command-${type}`)
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if ((await holder.count()) === 0) return { accepted: true }
    const alerts = holder.locator('[role="alert"]')
    if ((await alerts.count()) > 0 && !(await holder.locator('button[type="submit"][disabled]').count())) {
      const problem = holder.locator('[data-problem-code]')
      const code = (await problem.count()) > 0 ? await problem.first().getAttribute('data-problem-code') : null
      return { accepted: false, code, text: (await alerts.allTextContents()).join(' | ') }
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { accepted: false, text: 'no answer within 20 s' }
}

/** Call inside a test: when it fails, the page as it was goes to the screenshots, with its URL and errors logged. */
export function screenshotOnFailure(journey: JourneyPage, name: string): void {
  onTestFailed(async () => {
    try {
      const path = await screenshot(journey.page, name)
      console.error(`[browser] failed at ${journey.page.url()}; screenshot ${path}; page errors: ${journey.errors.join(' | ') || 'none'}`)
    } catch (err) {
      console.error(`[browser] no failure screenshot: ${(err as Error).message}`)
    }
  })
}

type Scope = Pick<Page, 'locator'>

/** The labelled control of a generated form's field, by its payload path (e.g. `penalty.decisionNumber`). */
function control(scope: Scope, path: string) {
  return scope.locator(`[data-field="${path}"]`).locator('input, select, textarea').first()
}

/**
 * Sets a generated form's field the way a person would: chooses an option (by value), ticks or
 * clears a box, or types the text.
 */
export async function setField(scope: Scope, path: string, value: string | number | boolean): Promise<void> {
  const el = control(scope, path)
  const tag = await el.evaluate((node) => node.tagName.toLowerCase())
  const type = await el.getAttribute('type')
  if (tag === 'select') await el.selectOption(String(value))
  else if (type === 'checkbox') await el.setChecked(value === true)
  else await el.fill(String(value))
}

/**
 * Submits an "open a case" form by its button and waits for the new case's page; a refusal the
 * form shows fails with its text. Answers the new case's id.
 */
export async function submitOpenForm(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click()
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    const match = /\/cases\/([0-9a-f-]{36})$/.exec(page.url())
    if (match) return match[1]!
    const alerts = page.locator('main [role="alert"]')
    if ((await alerts.count()) > 0 && (await page.getByRole('button', { name: button }).isEnabled())) {
      throw new Error(`the form was refused: ${(await alerts.allTextContents()).join(' | ')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no case page within 20 s of pressing ${button}`)
}
