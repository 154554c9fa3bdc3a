// Xianjie as real processes for the end-to-end tests: `node services/launcher/src/main.ts`
// with an environment, its output in test/.artifacts/<name>-<pid>.log, ready when it logs
// 'Xianjie is running'.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (/work/main), from this file's place in test/support. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const ARTIFACTS = join(ROOT, 'test', '.artifacts')
const MAIN = join(ROOT, 'services', 'launcher', 'src', 'main.ts')
const READY_MSG = 'Xianjie is running'
const STOP_GRACE_MS = 5_000

export interface XianjieProcess {
  readonly name: string
  readonly pid: number
  readonly logFile: string
  /** The api's URL from the 'Xianjie is running' line (null when this process runs no api). */
  readonly url: string | null
  /** The JSON log lines seen so far (parsed; non-JSON lines are kept as { msg: line }). */
  readonly lines: ReadonlyArray<Record<string, unknown>>
  /** Resolves with the exit code (or signal) when the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Whether the process is still running. */
  alive(): boolean
  /** Sends a signal (e.g. SIGKILL to simulate a crash). */
  kill(signal?: NodeJS.Signals): void
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>
}

const running = new Set<XianjieProcess>()
const children = new Set<ChildProcess>()
// A safety net: should the test runner exit without afterAll, no Xianjie outlives it.
process.once('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** A TCP port that was free a moment ago (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export interface StartOptions {
  /** How long to wait for 'Xianjie is running'. @default 60000 */
  readyTimeoutMs?: number
  /** Keep the parent's environment (PATH, HOME…) under `env`. @default true */
  inheritEnv?: boolean
}

/**
 * Spawns `node services/launcher/src/main.ts` with `env` (over the parent's environment,
 * minus the Xianjie variables the caller did not set) and waits until it logs
 * 'Xianjie is running'. Rejects, with the log's tail, if it exits or times out first.
 */
export async function startProcess(name: string, env: Record<string, string | undefined>, options: StartOptions = {}): Promise<XianjieProcess> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const base: Record<string, string | undefined> = options.inheritEnv === false ? {} : { ...process.env }
  // The parent's own Xianjie settings (if any) must not leak into a test process.
  for (const key of Object.keys(base)) {
    if (/^(DATABASE_URL|REDIS_URL|PORT|HOST|XIANJIE_|QUEUE_PREFIX|AUTH_SECRET|DEMO_AUTH|SEED_DEMO|ROUTER_AGENCIES|SWEEP_INTERVAL_MS|LOG_LEVEL|DATA_DIR|EMBEDDED_PG_PORT|RATE_LIMIT_|OIDC_|ACCESS_TOKEN_|REFRESH_TOKEN_|TRUST_PROXY)/.test(key)) delete base[key]
    // vitest's own variables would make the child think it runs under vitest.
    if (/^(VITEST|VITE_|TEST$|NODE_OPTIONS$)/.test(key)) delete base[key]
  }
  const childEnv: Record<string, string> = {}
  for (const [k, v] of Object.entries({ ...base, ...env })) if (v !== undefined) childEnv[k] = v

  const child: ChildProcess = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  const pid = child.pid
  if (pid === undefined) throw new Error(`${name}: could not spawn ${process.execPath} ${MAIN}`)
  children.add(child)
  child.once('exit', () => children.delete(child))
  const logFile = join(ARTIFACTS, `${name}-${pid}.log`)
  const out: WriteStream = createWriteStream(logFile)
  const lines: Array<Record<string, unknown>> = []
  const tail: string[] = []
  let url: string | null = null
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null
  let onReady: (() => void) | null = null

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('exit', (code, signal) => {
      exitInfo = { code, signal }
      resolveExit(exitInfo)
    })
  })
  // Close the log only after both pipes have drained (exit can fire first).
  child.on('close', () => out.end())

  const consume = (stream: NodeJS.ReadableStream | null) => {
    if (!stream) return
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      out.write(chunk)
      buffered += chunk
      let nl: number
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const text = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        if (text.trim() === '') continue
        tail.push(text)
        if (tail.length > 40) tail.shift()
        let parsed: Record<string, unknown>
        try {
          const value: unknown = JSON.parse(text)
          parsed = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { msg: text }
        } catch {
          parsed = { msg: text }
        }
        lines.push(parsed)
        if (lines.length > 5_000) lines.shift()
        if (parsed['msg'] === READY_MSG) {
          url = typeof parsed['url'] === 'string' ? parsed['url'] : null
          onReady?.()
        }
      }
    })
  }
  consume(child.stdout)
  consume(child.stderr)

  const handle: XianjieProcess = {
    name,
    pid,
    logFile,
    get url() {
      return url
    },
    lines,
    exited,
    alive: () => exitInfo === null,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitInfo === null) child.kill(signal)
    },
    async stop() {
      if (exitInfo === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => {
          if (exitInfo === null) child.kill('SIGKILL')
        }, STOP_GRACE_MS)
        await exited
        clearTimeout(timer)
      }
      running.delete(handle)
    },
  }
  running.add(handle)
  void exited.then(() => running.delete(handle))

  const timeoutMs = options.readyTimeoutMs ?? 60_000
  try {
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not log '${READY_MSG}' within ${timeoutMs} ms`)), timeoutMs)
      onReady = () => {
        clearTimeout(timer)
        resolveReady()
      }
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was running`))
      })
    })
  } catch (err) {
    await handle.stop()
    throw new Error(`${(err as Error).message}; log ${logFile}:\n${tail.join('\n')}`)
  } finally {
    onReady = null
  }
  return handle
}

/** Stops every process started here and still running (afterAll, even after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.allSettled([...running].map((p) => p.stop()))
}

/**
 * The environment of a Xianjie process in the end-to-end tests: a test database, its queue
 * prefix, BullMQ on Redis (or on PostgreSQL when `redisUrl` is undefined), the demo (seed and
 * sign-in by user id: XIANJIE_DEMO), a fast sweep, and the agencies its router serves.
 */
export function xianjieEnv(o: {
  databaseUrl: string
  redisUrl: string | undefined
  queuePrefix: string
  authSecret: string
  routerAgencies: string
  services: string
  extra?: Record<string, string>
}): Record<string, string | undefined> {
  return {
    DATABASE_URL: o.databaseUrl,
    REDIS_URL: o.redisUrl,
    QUEUE_PREFIX: o.queuePrefix,
    XIANJIE_SERVICES: o.services,
    AUTH_SECRET: o.authSecret,
    XIANJIE_DEMO: 'true',
    ROUTER_AGENCIES: o.routerAgencies,
    SWEEP_INTERVAL_MS: '1000',
    LOG_LEVEL: 'info',
    ...o.extra,
  }
}
