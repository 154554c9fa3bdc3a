// The web pages served at `/` from a bundle folder (WEB_DIST): files, the history-API fallback
// to index.html, caching, the CSP, and the api's own paths left alone. A fake bundle in a
// temporary folder stands in for `vite build`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROCEDURES } from '@xianjie/engine'
import { API_CSP_DIRECTIVES } from './security.ts'
import { startTestApi, type TestApi } from './test-app.ts'
import { ASSET_CACHE, NOT_BUILT_TEXT, PAGE_CACHE } from './web.ts'

const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="/assets/index-3f9a1c.js"></script><link rel="stylesheet" crossorigin href="/assets/index-77b2e0.css"></head><body><div id="app"></div></body></html>'
const SCRIPT = 'console.log("衔接")\n'
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

/** The policy as helmet writes it from API_CSP_DIRECTIVES. */
const API_CSP = Object.entries(API_CSP_DIRECTIVES).map(([name, values]) => `${name} ${values.join(' ')}`).join(';')

describe('the web pages at /', () => {
  let api: TestApi
  let dist: string
  let outside: string

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xianjie-web-'))
    dist = path.join(dir, 'dist')
    mkdirSync(path.join(dist, 'assets'), { recursive: true })
    writeFileSync(path.join(dist, 'index.html'), INDEX)
    writeFileSync(path.join(dist, 'assets', 'index-3f9a1c.js'), SCRIPT)
    writeFileSync(path.join(dist, 'assets', 'index-77b2e0.css'), 'body{margin:0}\n')
    writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *\nDisallow: /\n')
    writeFileSync(path.join(dist, '.env'), 'SECRET=1\n')
    // A file beside the bundle that no path may reach.
    outside = path.join(dir, 'package.json')
    writeFileSync(outside, '{"name":"outside-the-bundle"}')
    api = await startTestApi(PROCEDURES, {}, { env: { WEB_DIST: dist } })
  })
  afterAll(async () => {
    await api?.close()
    if (dist) rmSync(path.dirname(dist), { recursive: true, force: true })
  })

  const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers })

  it('serves index.html at / under the strict CSP, revalidated on every load', async () => {
    const res = await get('/', HTML)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toBe(INDEX)
    expect(res.headers['content-security-policy']).toBe(API_CSP)
    expect(String(res.headers['content-security-policy'])).not.toMatch(/unsafe|data:/)
    expect(res.headers['cache-control']).toBe(PAGE_CACHE)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('serves hashed assets cached for a year as immutable, with their media type', async () => {
    const js = await get('/assets/index-3f9a1c.js')
    expect(js.statusCode, js.body).toBe(200)
    expect(js.body).toBe(SCRIPT)
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/)
    expect(js.headers['cache-control']).toBe(ASSET_CACHE)
    const css = await get('/assets/index-77b2e0.css')
    expect(css.headers['content-type']).toMatch(/^text\/css/)
    expect(css.headers['cache-control']).toBe(ASSET_CACHE)
    // A file outside assets/ has no hash in its name: revalidated.
    const robots = await get('/robots.txt')
    expect(robots.statusCode).toBe(200)
    expect(robots.headers['cache-control']).toBe(PAGE_CACHE)
    // HEAD answers like GET, without a body.
    const head = await api.app.inject({ method: 'HEAD', url: '/assets/index-3f9a1c.js' })
    expect(head.statusCode).toBe(200)
    expect(head.body).toBe('')
  })

  it('answers a page path from a browser with index.html (the pages route by the history API)', async () => {
    for (const url of ['/cases/abc', '/cases/8f0c6a52-1d3e-4d7a-9a51-2f2b4c6d8e90?tab=timeline', '/supervision', '/sign-in']) {
      const res = await get(url, HTML)
      expect(res.statusCode, url).toBe(200)
      expect(res.body, url).toBe(INDEX)
      expect(res.headers['cache-control'], url).toBe(PAGE_CACHE)
      expect(res.headers['content-security-policy'], url).toBe(API_CSP)
    }
  })

  it('answers a missing file asked for by a script, not a browser page, with a 404 problem', async () => {
    const res = await get('/assets/index-000000.js', { accept: '*/*' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('leaves the api alone: an unknown /v1 path is a 404 problem even from a browser, and /healthz answers', async () => {
    for (const url of ['/v1/nope', '/v1', '/docs/nope.html', '/readyz/x']) {
      const res = await get(url, HTML)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/)
      expect(res.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' })
    }
    expect((await get('/healthz', HTML)).json()).toEqual({ status: 'ok' })
    // Other methods are never pages.
    const post = await api.app.inject({ method: 'POST', url: '/cases/abc', headers: { ...HTML, 'content-type': 'application/json' }, payload: '{}' })
    expect(post.statusCode).toBe(404)
    expect(post.headers['content-type']).toMatch(/^application\/problem\+json/)
  })

  it('never serves a file outside the bundle, nor a dotfile', async () => {
    // Over a socket: inject's URL parser would resolve the dot segments before the api saw them.
    await api.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = api.app.server.address() as AddressInfo
    const raw = (url: string, accept: string) => new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: url, headers: { accept } }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk }).on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }))
      })
      req.on('error', reject).end()
    })
    for (const url of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json', '/assets%5c..%5c..%5cpackage.json', '/./index.html', '/.env', '/assets/.env']) {
      for (const accept of [HTML.accept, '*/*']) {
        const res = await raw(url, accept)
        expect(res.body, url).not.toContain('outside-the-bundle')
        expect(res.body, url).not.toContain('SECRET')
        // Dot segments and backslashes are refused; a dotfile is no file of the bundle, so a
        // browser gets the pages and anything else a 404.
        if (url.includes('.env') && accept !== '*/*') {
          expect([res.status, res.body], url).toEqual([200, INDEX])
          continue
        }
        expect(res.type, url).toMatch(/^application\/problem\+json/)
        expect(res.status, url).toBe(url.includes('.env') ? 404 : 400)
      }
    }
  })
})

describe('the web pages when the bundle is not built', () => {
  let api: TestApi
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'xianjie-web-missing-'))
    api = await startTestApi(PROCEDURES, {}, { env: { WEB_DIST: path.join(dir, 'dist') } })
  })
  afterAll(async () => {
    await api?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers / with a short page saying how to build them, in Chinese and English', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/', headers: HTML })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.body).toBe(NOT_BUILT_TEXT)
    expect(res.body).toContain('网页尚未构建')
    expect(res.body).toContain('bin/xianjie build-web')
    expect(res.body).toContain('not built')
    expect(res.headers['content-security-policy']).toBe(API_CSP)
    // The api is unchanged.
    const v1 = await api.app.inject({ method: 'GET', url: '/v1/nope', headers: HTML })
    expect(v1.statusCode).toBe(404)
    expect(v1.headers['content-type']).toMatch(/^application\/problem\+json/)
    const asset = await api.app.inject({ method: 'GET', url: '/assets/index.js' })
    expect(asset.statusCode).toBe(404)
  })
})
