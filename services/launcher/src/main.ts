// `pnpm start`: Xianjie in one process (api + router + scheduler by default; XIANJIE_SERVICES
// picks a subset so each can also run as its own process).
import pino from 'pino'
import { loadConfig } from '@xianjie/config'
import { REDACT_PATHS } from '@xianjie/api'
import { startXianjie } from './start.ts'

// Without DATABASE_URL this runs the embedded PostgreSQL: a machine of one's own, so the demo
// (seeded agencies and users, sign-in by user id) is switched on unless XIANJIE_DEMO says
// otherwise. With a DATABASE_URL nothing is seeded and nobody signs in without a password
// unless XIANJIE_DEMO=true is set explicitly.
const env: Record<string, string | undefined> = { ...process.env }
const demoByDefault = !env.DATABASE_URL && (env.XIANJIE_DEMO === undefined || env.XIANJIE_DEMO === '')
if (demoByDefault) env.XIANJIE_DEMO = 'true'
let config
try {
  config = loadConfig(env)
} catch (err) {
  console.error((err as Error).message)
  process.exit(2)
}
const log = pino({ level: config.logLevel, base: { service: 'xianjie' }, redact: { paths: [...REDACT_PATHS], censor: '[redacted]' } })
if (demoByDefault) {
  process.stderr.write('[xianjie] no DATABASE_URL: embedded PostgreSQL, and the demo is on (XIANJIE_DEMO=true: demo agencies and users, sign-in by user id without a password). Set XIANJIE_DEMO=false to turn it off.\n')
}
if (config.demoAuth) log.warn({ demo: true }, 'demo sign-in is on (XIANJIE_DEMO=true): POST /v1/auth/token signs in as any seeded user without a password; never on a network others reach')
const offset = config.clockOffsetMs
if (offset !== 0) log.warn({ clockOffsetMs: offset }, 'this process runs on a shifted clock (XIANJIE_CLOCK_OFFSET_MS)')
const xianjie = await startXianjie(config, { log, ...(offset !== 0 ? { clock: { now: () => new Date(Date.now() + offset) } } : {}) })
log.info(
  {
    url: xianjie.url,
    docs: xianjie.url ? `${xianjie.url}/docs` : null,
    services: config.services,
    database: config.databaseUrl ? 'DATABASE_URL' : `embedded (${config.dataDir}/pg)`,
    queues: xianjie.queueKind === 'redis' ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL',
  },
  'Xianjie is running',
)
if (process.stderr.isTTY && xianjie.url) {
  process.stderr.write(
    [
      '',
      `  Xianjie 衔接 is running at ${xianjie.url}  (OpenAPI: ${xianjie.url}/docs)`,
      `  database: ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`}; queues: ${xianjie.queueKind === 'redis' ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}`,
      config.demoAuth
        ? `  demo sign-in: POST ${xianjie.url}/v1/auth/token {"userId":"msa-620400.officer1"}`
        : `  sign-in: POST ${xianjie.url}/v1/auth/sign-in {"userId","password"}  (add people with bin/xianjie user add)`,
      `  in another terminal: XIANJIE_URL=${xianjie.url} bin/xianjie demo      (Ctrl-C here stops Xianjie)`,
      '',
    ]
      .filter((line, i, all) => line !== '' || i === 0 || i === all.length - 1)
      .join('\n') + '\n',
  )
}
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    xianjie.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  })
}
