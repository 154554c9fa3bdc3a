// Runs once per `vitest run`: creates a migrated, seeded template database that every
// test file clones, so runs never collide and each file starts from the same data; and
// builds the web bundle the browser tests load when its sources changed since the last build.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { createDb, migrateToLatest, seedDemo } from '@xianjie/db'
import type { TestProject } from 'vitest/node'
import { adminUrl, databaseUrl, dropDatabase, redisUrl, cleanRedisPrefix } from './env.ts'
import { ROOT } from './processes.ts'

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`
  const template = `xj_${runId}_tpl`
  const admin = new pg.Client({ connectionString: adminUrl() })
  await admin.connect()
  // A run that was killed never reached its teardown: sweep databases of runs older than a day.
  const { rows: stale } = await admin.query<{ datname: string }>(`select datname from pg_database where datname ~ '^xj_[0-9a-z]+_'`)
  const dayAgo = Date.now() - 86_400_000
  for (const { datname } of stale) {
    const started = parseInt(datname.split('_')[1]!.slice(0, -6), 36)
    if (Number.isFinite(started) && started < dayAgo) await admin.query(`drop database if exists ${datname} with (force)`)
  }
  await admin.query(`create database ${template}`)
  await admin.end()
  const db = createDb({ url: databaseUrl(template), max: 2 })
  await migrateToLatest(db)
  await seedDemo(db)
  await db.destroy()
  project.provide('xjRunId', runId)
  project.provide('xjTemplate', template)
  project.provide('xjWebBuildError', buildWebIfStale())

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl() })
    await c.connect()
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`xj_${runId}_%`])
    await c.end()
    for (const r of rows) await dropDatabase(r.datname)
    await cleanRedisPrefix(redisUrl(), `xj-${runId}`)
  }
}

const WEB = join(ROOT, 'services', 'web')

/** The newest modification time under `path` (a file or a folder, node_modules skipped). */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path)) if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/**
 * `pnpm --filter @xianjie/web build` when services/web/dist is missing or older than the web
 * sources. A failed build does not stop the run (the other tests do not need the bundle):
 * its message is handed to the browser tests, which fail with it.
 */
function buildWebIfStale(): string | null {
  if (!existsSync(join(WEB, 'package.json'))) return 'services/web does not exist: there is no web app to build'
  const built = existsSync(join(WEB, 'dist', 'index.html')) ? statSync(join(WEB, 'dist', 'index.html')).mtimeMs : 0
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => newestMtime(join(WEB, f))))
  if (built > 0 && built >= sources) return null
  const started = Date.now()
  // bin/xianjie puts its pnpm on PATH; a bare `vitest run` may not have it there.
  const local = join(ROOT, '.tools', 'node_modules', '.bin', 'pnpm')
  const pnpm = existsSync(local) ? local : 'pnpm'
  const result = spawnSync(pnpm, ['--filter', '@xianjie/web', 'build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } })
  if (result.status === 0) {
    console.info(`[global-setup] built services/web/dist (${built === 0 ? 'missing' : 'older than its sources'}) in ${Date.now() - started} ms`)
    return null
  }
  const output = `${result.error?.message ?? ''}${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n')
  console.error(`[global-setup] the web build failed (pnpm --filter @xianjie/web build); the browser tests will fail:\n${output}`)
  return `the web build failed (pnpm --filter @xianjie/web build):\n${output}`
}

declare module 'vitest' {
  export interface ProvidedContext {
    xjRunId: string
    xjTemplate: string
    /** Why services/web/dist could not be built (null when it is current). */
    xjWebBuildError: string | null
  }
}
