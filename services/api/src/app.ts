import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import fastify, { type FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { sql, type Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { XianjieConfig } from '@xianjie/config'
import type { Database } from '@xianjie/db'
import type { Engine } from '@xianjie/engine'
import { authRoutes, createAuthenticate, demoAuthRoutes } from './auth.ts'
import { createRateLimitRedis, limitWritesPerUser } from './rate-limit.ts'
import { frameworkErrors, installProblemHandlers, ProblemSchema } from './problems.ts'
import { installSecurity } from './security.ts'
import { SHARED_SCHEMAS } from './schemas.ts'
import { REDACT_PATHS } from './logger.ts'
import { caseRoutes } from './routes/cases.routes.ts'
import { creditListRoutes } from './routes/credit-list.routes.ts'
import { inboxRoutes } from './routes/inbox.routes.ts'
import { ProcedureSchema, procedureRoutes } from './routes/procedures.routes.ts'
import { healthRoutes } from './routes/health.routes.ts'
import { supervisionRoutes } from './routes/supervision.routes.ts'
import { meRoutes } from './routes/me.routes.ts'
import { installWeb } from './web.ts'

export interface ApiDeps {
  engine: Engine
  db: Kysely<Database>
  config: XianjieConfig
  log: Logger
  /** Throws when a dependency is down; /readyz answers 503 then. Default: `select 1`. */
  ready?: () => Promise<void>
  /** Enables `POST /v1/auth/token` for seeded users (demo only). @default false */
  demoAuth?: boolean
  /** The clock tokens, refresh tokens and API keys are checked against (ms). @default Date.now */
  now?: () => number
  /** How long a user's roles (and an API key's state) are cached; 0 reads them every request. */
  actorCacheMs?: number
}

export const BODY_LIMIT_BYTES = 1024 * 1024
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** A caller's X-Request-Id when it is a safe token, else a fresh UUID. */
function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id']
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
}

/** TRUST_PROXY=<n>: believe the nearest n proxies. */
function hopsOf(n: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < n
}

/** Builds the api; the caller owns the engine, db and logger and calls `listen`. */
export function buildApp(deps: ApiDeps): FastifyInstance {
  // A child with our redaction, whatever the root logger was built with.
  const log = deps.log.child({ component: 'api' }, { redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } })
  const app = fastify({
    loggerInstance: log,
    genReqId,
    requestIdHeader: false,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors,
    // Which proxies may name the client's address (per-address rate limits, logs).
    trustProxy: typeof deps.config.trustProxy === 'number' ? hopsOf(deps.config.trustProxy) : deps.config.trustProxy,
    ajv: {
      // Refuse unknown body fields (additionalProperties: false) instead of dropping them,
      // and report every field at fault at once.
      customOptions: { removeAdditional: false, allErrors: true },
    },
  }) as unknown as FastifyInstance

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })

  for (const schema of [ProblemSchema, ...SHARED_SCHEMAS, ProcedureSchema]) app.addSchema(schema)
  // The web pages (services/web/dist) answer what no route takes: see web.ts.
  installProblemHandlers(app, { fallback: installWeb(app, deps.config) })
  installSecurity(app, deps.config)

  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Xianjie', description: 'Moves IP-protection cases between Chinese agencies as the law says (衔接).', version: '0.1.0' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'an access token from POST /v1/auth/sign-in, or the identity provider\'s when configured' },
          agencyApiKey: { type: 'apiKey', in: 'header', name: 'Authorization', description: '`ApiKey xjk_<id>_<secret>`: an agency\'s machine client, GET routes only' },
        },
      },
      tags: [
        { name: 'cases', description: 'open, read and move cases' },
        { name: 'inbox', description: "the caller's agency's tasks" },
        { name: 'procedures', description: 'the procedures and their commands' },
        { name: 'credit-list', description: 'the public credit register (no sign-in)' },
        { name: 'supervision', description: 'audits for supervisors, within their jurisdiction' },
        { name: 'auth', description: 'sign-in' },
        { name: 'health', description: 'liveness and readiness' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  app.register(swaggerUi, { routePrefix: '/docs' })

  const ready = deps.ready ?? (async () => { await sql`select 1`.execute(deps.db) })
  app.register(healthRoutes, { ready })

  if (deps.demoAuth === true) app.register(demoAuthRoutes, { prefix: '/v1/auth', db: deps.db, secret: deps.config.authSecret })

  // Public: partners and the public ask without signing in.
  app.register(creditListRoutes, { prefix: '/v1/credit-list', engine: deps.engine })

  // Rate-limit counters: in Redis when there is one (shared by every api process).
  const now = deps.now ?? Date.now
  const redis = createRateLimitRedis(deps.config)
  if (redis !== null) app.addHook('onClose', async () => { redis.disconnect() })
  app.register(authRoutes, { prefix: '/v1/auth', db: deps.db, config: deps.config, redis, now })

  const authenticate = createAuthenticate(deps.db, deps.config, { now, ...(deps.actorCacheMs !== undefined ? { actorCacheMs: deps.actorCacheMs } : {}) })
  app.register(async (v1) => {
    v1.decorateRequest('actor', null as never)
    v1.decorateRequest('credential', null as never)
    v1.addHook('onRequest', authenticate)
    await limitWritesPerUser(v1, { config: deps.config, redis })
    v1.register(meRoutes, { prefix: '/me', db: deps.db })
    v1.register(caseRoutes, { prefix: '/cases', engine: deps.engine })
    v1.register(inboxRoutes, { prefix: '/inbox', engine: deps.engine })
    v1.register(procedureRoutes, { prefix: '/procedures', engine: deps.engine })
    v1.register(supervisionRoutes, { prefix: '/supervision', engine: deps.engine })
  }, { prefix: '/v1' })

  return app
}
