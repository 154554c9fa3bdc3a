import { mkdirSync } from 'node:fs'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import { calendar } from '@xianjie/calendar'
import type { XianjieConfig } from '@xianjie/config'
import { createDb, migrateToLatest, seedDemo, startEmbeddedPostgres, type Database, type EmbeddedServer } from '@xianjie/db'
import { createEngine, PROCEDURES, type Clock, type Engine } from '@xianjie/engine'
import { createQueueBackend, type QueueBackend } from '@xianjie/queue'
import { buildApp } from '@xianjie/api'
import { startRouter } from '@xianjie/router'
import { startScheduler } from '@xianjie/scheduler'

export interface Xianjie {
  /** The api's base URL when the api runs in this process. */
  url: string | null
  databaseUrl: string
  queueKind: 'redis' | 'postgres'
  engine: Engine
  db: Kysely<Database>
  close(): Promise<void>
}

/**
 * Starts the services named in `config.services` in this process. With no DATABASE_URL it
 * first starts the embedded PostgreSQL under DATA_DIR; it always migrates, and seeds the
 * demo agencies and users when the demo is on (XIANJIE_DEMO=true).
 */
export async function startXianjie(config: XianjieConfig, options: { log: Logger; clock?: Clock }): Promise<Xianjie> {
  const { log } = options
  const closers: Array<() => Promise<void>> = []
  const closeAll = async () => {
    for (const close of closers.reverse()) {
      try {
        await close()
      } catch (err) {
        log.warn({ err }, 'error while shutting down')
      }
    }
  }
  try {
    let databaseUrl = config.databaseUrl
    let embedded: EmbeddedServer | null = null
    if (!databaseUrl) {
      mkdirSync(config.dataDir, { recursive: true })
      log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL (no DATABASE_URL set)')
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log: (m) => log.debug({ pg: m }, 'postgres') })
      databaseUrl = embedded.url
      closers.push(() => embedded!.stop())
    }
    const db = createDb({
      url: databaseUrl,
      max: 20,
      onQueryLog: (level, fields, msg) => log[level](fields, msg),
    })
    closers.push(() => db.destroy())
    await migrateToLatest(db)
    if (config.seedDemo) {
      const seeded = await seedDemo(db)
      log.info(seeded, 'demo agencies and users seeded')
    }
    const engine = createEngine({ db, procedures: PROCEDURES, calendar, clock: options.clock })
    const needsQueues = config.services.includes('router') || config.services.includes('scheduler')
    let queues: QueueBackend | null = null
    if (needsQueues) {
      queues = createQueueBackend({ redisUrl: config.redisUrl, databaseUrl, prefix: config.queuePrefix, log })
      closers.push(() => queues!.close())
    }
    if (config.services.includes('router')) {
      const router = await startRouter({ db, engine, queues: queues!, log: log.child({ service: 'router' }), config, clock: options.clock })
      closers.push(() => router.close())
    }
    if (config.services.includes('scheduler')) {
      const scheduler = await startScheduler({ db, engine, queues: queues!, log: log.child({ service: 'scheduler' }), config, clock: options.clock })
      closers.push(() => scheduler.close())
    }
    let url: string | null = null
    if (config.services.includes('api')) {
      const app = buildApp({ engine, db, config, log, demoAuth: config.demoAuth })
      await app.listen({ host: config.host, port: config.port })
      closers.push(() => app.close())
      const address = app.server.address()
      const port = typeof address === 'object' && address ? address.port : config.port
      url = `http://${config.host}:${port}`
    }
    return {
      url,
      databaseUrl,
      queueKind: config.redisUrl ? 'redis' : 'postgres',
      engine,
      db,
      close: closeAll,
    }
  } catch (err) {
    await closeAll()
    throw err
  }
}
