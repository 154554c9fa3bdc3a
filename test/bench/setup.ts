// The benchmark's private world: its own database and Redis prefix, and one Xianjie
// process (api + router + scheduler) started as a child, all removed at the end.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { Redis } from 'ioredis'
import { createDb, migrateToLatest, seedDemo } from '@xianjie/db'
import { freePort, ROOT } from '../support/processes.ts'

export function adminUrl(): string {
  return process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
}
export function redisUrl(): string {
  return process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
}
export function urlOf(database: string): string {
  const u = new URL(adminUrl())
  u.pathname = `/${database}`
  return u.toString()
}

/** Runs `work` on a connection to the admin database (create and drop the bench databases). */
export async function admin<T>(work: (c: pg.Client) => Promise<T>, applicationName = 'xianjie-bench'): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl(), application_name: applicationName })
  await c.connect()
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

export interface BenchWorld {
  database: string
  databaseUrl: string
  queuePrefix: string
}

/** Creates `xj_bench_<random>`, migrates and seeds it; picks a fresh Redis prefix. */
export async function createWorld(): Promise<BenchWorld> {
  const suffix = randomBytes(4).toString('hex')
  const database = `xj_bench_${suffix}`
  await admin((c) => c.query(`create database ${database}`))
  const databaseUrl = urlOf(database)
  const db = createDb({ url: databaseUrl, max: 2, applicationName: 'xianjie-bench' })
  try {
    await migrateToLatest(db)
    await seedDemo(db)
  } finally {
    await db.destroy()
  }
  return { database, databaseUrl, queuePrefix: `xj-bench-${suffix}` }
}

export async function dropWorld(world: BenchWorld): Promise<void> {
  await admin((c) => c.query(`drop database if exists ${world.database} with (force)`))
  const redis = new Redis(redisUrl(), { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${world.queuePrefix}:*`, 'COUNT', 1000)
      cursor = next
      if (keys.length > 0) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}

export interface XianjieChild {
  url: string
  pid: number
  /** Lines the child printed at warn or above (slow queries, failures), most recent last. */
  warnings: string[]
  warningCount: number
  stop(): Promise<void>
}

/**
 * Starts `node services/launcher/src/main.ts` with api, router and scheduler and waits
 * until it is ready: its 'Xianjie is running' line (seen at LOG_LEVEL ≤ info) or, at the
 * default LOG_LEVEL=warn where that line is not printed, a 200 from /readyz.
 */
export async function startXianjie(world: BenchWorld, options: { logLevel: string; timeoutMs?: number }): Promise<XianjieChild> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['services/launcher/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: world.databaseUrl,
      REDIS_URL: redisUrl(),
      QUEUE_PREFIX: world.queuePrefix,
      HOST: '127.0.0.1',
      PORT: String(port),
      XIANJIE_SERVICES: 'api,router,scheduler',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      XIANJIE_DEMO: 'true',
      // The bench sends thousands of writes per user; the write limit would throttle it.
      RATE_LIMIT_WRITES_PER_MIN: '0',
      ROUTER_AGENCIES: 'all',
      LOG_LEVEL: options.logLevel,
      NODE_ENV: 'production',
      // e.g. BENCH_CHILD_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/xj-prof' to profile the server.
      ...(process.env.BENCH_CHILD_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_CHILD_NODE_OPTIONS } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const warnings: string[] = []
  let warningCount = 0
  let running = false
  let exited: { code: number | null; signal: string | null } | null = null
  const onLine = (line: string) => {
    if (line.includes('Xianjie is running')) running = true
    let level = 0
    try {
      level = (JSON.parse(line) as { level?: number }).level ?? 0
    } catch {
      level = line.trim() ? 50 : 0 // not pino: stderr text, a crash
    }
    if (level >= 40) {
      warningCount++
      warnings.push(line.length > 600 ? `${line.slice(0, 600)}…` : line)
      if (warnings.length > 50) warnings.shift()
    }
  }
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffer = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      buffer += chunk
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, nl))
        buffer = buffer.slice(nl + 1)
      }
    })
  }
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal }
      resolve()
    })
  })
  const stop = async () => {
    if (exited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000)
    await exitPromise
    clearTimeout(timer)
  }

  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  while (!running) {
    if (exited) throw new Error(`Xianjie exited before it was ready (${JSON.stringify(exited)}):\n${warnings.slice(-10).join('\n')}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`Xianjie was not ready within ${options.timeoutMs ?? 60_000} ms:\n${warnings.slice(-10).join('\n')}`)
    }
    try {
      const res = await fetch(`${url}/readyz`)
      await res.arrayBuffer()
      if (res.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    pid: child.pid!,
    warnings,
    get warningCount() {
      return warningCount
    },
    stop,
  }
}
