// Runs once per `vitest run`: creates a migrated, seeded template database that every
// test file clones, so runs never collide and each file starts from the same data.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb, migrateToLatest, seedDemo } from '@xianjie/db'
import type { TestProject } from 'vitest/node'
import { adminUrl, databaseUrl, dropDatabase, redisUrl, cleanRedisPrefix } from './env.ts'

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

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl() })
    await c.connect()
    const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`xj_${runId}_%`])
    await c.end()
    for (const r of rows) await dropDatabase(r.datname)
    await cleanRedisPrefix(redisUrl(), `xj-${runId}`)
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    xjRunId: string
    xjTemplate: string
  }
}
