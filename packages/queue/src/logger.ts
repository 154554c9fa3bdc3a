/**
 * The slice of a pino logger this package uses, so it needs no pino dependency of its
 * own: a `pino.Logger` satisfies it.
 */
export interface QueueLogger {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export const silentLogger: QueueLogger = Object.freeze({
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
})
