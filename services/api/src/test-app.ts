// Test support: the real app over a cloned, migrated and seeded PostgreSQL database and the
// real engine with the real procedures. Used by the *.test.ts files beside it.
import { Writable } from 'node:stream'
import pino from 'pino'
import type { FastifyInstance } from 'fastify'
import type { ProcedureDefinition } from '@xianjie/domain'
import { calendar } from '@xianjie/calendar'
import { loadConfig, type XianjieConfig } from '@xianjie/config'
import { createEngine, type Clock, type Engine } from '@xianjie/engine'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { buildApp, type ApiDeps } from './app.ts'
import { mintToken } from './auth.ts'

export interface TestApi {
  app: FastifyInstance
  engine: Engine
  config: XianjieConfig
  db: TestDatabase
  /** Log lines the app wrote (JSON strings). */
  logs: string[]
  /** `{ authorization: 'Bearer …' }` for a seeded user. */
  as(userId: string): { authorization: string }
  close(): Promise<void>
}

export interface TestApiOptions {
  /** The engine's clock (e.g. test/support/clock.ts SimulatedClock). @default the system clock */
  clock?: Clock
  /** More configuration, e.g. `{ WEB_DIST: dir }`. */
  env?: Record<string, string>
}

export async function startTestApi(procedures: ProcedureDefinition[], overrides: Partial<ApiDeps> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const db = await createTestDatabase()
  const config = loadConfig({ AUTH_SECRET: 'test-secret-test-secret-test-secret-0123', LOG_LEVEL: 'info', ...options.env })
  const logs: string[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'))
      done()
    },
  })
  const log = pino({ level: 'info' }, sink)
  const engine = createEngine({ db: db.db, procedures, calendar, ...(options.clock ? { clock: options.clock } : {}) })
  const app = buildApp({ engine, db: db.db, config, log, ...overrides })
  await app.ready()
  return {
    app,
    engine,
    config,
    db,
    logs,
    as: (userId) => ({ authorization: `Bearer ${mintToken(config, userId)}` }),
    async close() {
      await app.close()
      await db.drop()
    },
  }
}
