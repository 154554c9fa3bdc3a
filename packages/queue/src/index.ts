export * from './topology.ts'
export * from './catalog.ts'
export * from './backend.ts'
export { listenToChannel, type ChannelListener, type ListenOptions } from './listen.ts'
export { silentLogger, type QueueLogger } from './logger.ts'
export { UnrecoverableError } from 'bullmq'

/** The channel the engine notifies (`pg_notify('xianjie_outbox', '')`) when it writes outbox rows. */
export const OUTBOX_CHANNEL = 'xianjie_outbox'
