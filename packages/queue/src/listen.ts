import pg from 'pg'
import type { QueueLogger } from './logger.ts'

export interface ChannelListener {
  close(): Promise<void>
}

export interface ListenOptions {
  connectionString: string
  channel: string
  /** Called on every notification, and after each (re)connect to catch what was missed. */
  onNotify: () => void
  log: QueueLogger
  /** First reconnect delay; doubles up to 30 s. @default 500 */
  retryMs?: number
}

const MAX_RETRY_MS = 30_000

/**
 * Holds one dedicated PostgreSQL connection LISTENing on `channel`, reconnecting with
 * backoff when it drops. Notifications carry no data: they only wake the caller.
 */
export function listenToChannel(options: ListenOptions): ChannelListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel name '${options.channel}'`)
  const baseRetry = options.retryMs ?? 500
  let current: pg.Client | null = null
  let closed = false
  let failures = 0
  let retryTimer: NodeJS.Timeout | null = null

  const scheduleReconnect = (client: pg.Client) => {
    if (closed || client !== current) return
    current = null
    client.removeAllListeners('notification')
    client.end().catch(() => {})
    const delay = Math.min(MAX_RETRY_MS, baseRetry * 2 ** failures++)
    retryTimer = setTimeout(() => void connect(), delay)
  }

  const connect = async () => {
    retryTimer = null
    if (closed) return
    const client = new pg.Client({ connectionString: options.connectionString, keepAlive: true, application_name: `xianjie-listen-${options.channel}` })
    current = client
    client.on('notification', (msg) => {
      if (msg.channel === options.channel) options.onNotify()
    })
    client.on('error', (err) => {
      options.log.warn({ err, channel: options.channel }, 'listen connection lost')
      scheduleReconnect(client)
    })
    client.on('end', () => scheduleReconnect(client))
    try {
      await client.connect()
      await client.query(`listen ${options.channel}`)
      if (client !== current) return
      failures = 0
      options.onNotify()
    } catch (err) {
      options.log.warn({ err, channel: options.channel }, 'listen connection failed')
      scheduleReconnect(client)
    }
  }

  void connect()
  return {
    async close() {
      closed = true
      if (retryTimer) clearTimeout(retryTimer)
      const client = current
      current = null
      if (client) {
        client.removeAllListeners('notification')
        await client.end().catch(() => {})
      }
    },
  }
}
