// The web pages (services/web, built by Vite into dist/) served at `/` on the api's own origin,
// so they sign in and call /v1 with no cross-origin access at all. They are served from the
// not-found handler, never as routes: no path of the api can be shadowed by a file, and the
// api's routes stay exactly the documented ones.
import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fastifyStatic from '@fastify/static'
import type { XianjieConfig } from '@xianjie/config'
import { AppError } from '@xianjie/domain'

/** services/web/dist of this checkout. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

/** Vite names every file under assets/ by its content hash: a changed file is a new name. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable'
/** index.html (and any unhashed file) is revalidated on every load, so a new build shows at once. */
export const PAGE_CACHE = 'no-cache'

/** Paths that belong to the api: never a page, never a file. */
const API_PATH = /^\/(?:v1|docs|healthz|readyz)(?:\/|$)/

/** `GET /` when the bundle has not been built. */
export const NOT_BUILT_TEXT = [
  '衔接 Xianjie',
  '',
  '网页尚未构建。请在仓库根目录运行 bin/xianjie build-web，然后重新启动本服务（bin/xianjie start 会在需要时自动构建）。',
  '接口文档见 /docs。',
  '',
  'The web pages are not built. Run bin/xianjie build-web in the repository, then restart',
  '(bin/xianjie start builds them when needed). The API is documented at /docs.',
  '',
].join('\n')

/** Answers a request the routes did not take, or returns false to leave it to the 404 problem. */
export type WebFallback = (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>

/** The folder the pages are served from: WEB_DIST, else services/web/dist. */
export function webDistOf(config: Pick<XianjieConfig, 'webDist'>): string {
  return path.resolve(config.webDist ?? DEFAULT_WEB_DIST)
}

/**
 * Registers @fastify/static over the bundle when `<dist>/index.html` exists (checked once, at
 * start) and returns the fallback the not-found handler calls. A GET or HEAD outside the api's
 * paths gets the file of dist it names (hashed assets cached for a year, the rest revalidated),
 * else, from a browser asking for HTML, index.html: the pages route by the history API. `.` and
 * `..` segments, backslashes and NUL are refused (400); dotfiles are never served.
 */
export function installWeb(app: FastifyInstance, config: Pick<XianjieConfig, 'webDist'>): WebFallback {
  const root = webDistOf(config)
  const built = existsSync(path.join(root, 'index.html'))
  if (built) {
    app.register(fastifyStatic, { root, serve: false, index: false, cacheControl: false, dotfiles: 'deny' })
  }

  // sendFile falls back to the not-found handler when a file vanished after the check: once only.
  const tried = new WeakSet<FastifyRequest>()
  return async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false
    if (tried.has(request)) return false
    tried.add(request)
    const raw = request.url.split('?')[0] ?? '/'
    if (API_PATH.test(raw)) return false
    const segments = segmentsOf(raw)
    const wantsPage = raw === '/' || String(request.headers.accept ?? '').includes('text/html')
    if (!built) {
      if (!wantsPage) return false
      reply.code(raw === '/' ? 200 : 404).type('text/plain; charset=utf-8').header('cache-control', PAGE_CACHE).send(NOT_BUILT_TEXT)
      return true
    }
    const file = segments.length > 0 && segments.every((s) => !s.startsWith('.')) ? await fileIn(root, segments) : null
    if (file !== null) {
      reply.header('cache-control', segments[0] === 'assets' ? ASSET_CACHE : PAGE_CACHE)
      reply.sendFile(file)
      return true
    }
    if (!wantsPage) return false
    reply.header('cache-control', PAGE_CACHE)
    reply.sendFile('index.html')
    return true
  }
}

/** The decoded path segments; a path that could leave the folder is refused. */
function segmentsOf(raw: string): string[] {
  let decoded: string
  try {
    decoded = decodeURIComponent(raw)
  } catch {
    decoded = raw
  }
  const segments = decoded.split('/').slice(1)
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\\') || s.includes('\u0000'))) {
    throw new AppError('VALIDATION_FAILED', 'the path holds a "." or ".." segment, a backslash or a NUL; no page or file is there', {
      details: { fields: [{ path: '/url', message: 'is not a plain path' }], messageZh: '请求地址不合法' },
    })
  }
  return segments.filter((s) => s !== '')
}

/** `segments` as a path relative to `root` when it names a regular file inside it, else null. */
async function fileIn(root: string, segments: string[]): Promise<string | null> {
  const full = path.join(root, ...segments)
  if (!full.startsWith(root + path.sep)) return null
  try {
    return (await stat(full)).isFile() ? segments.join('/') : null
  } catch {
    return null
  }
}
