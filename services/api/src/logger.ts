import pino, { type Logger } from 'pino'
import type { XianjieConfig } from '@xianjie/config'

/**
 * Never logged: credentials and personal data. fast-redact wildcards match one level, so
 * the personal fields are listed at the depths our objects reach.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'cookie',
  'token',
  'idNumber',
  'phone',
  '*.idNumber',
  '*.phone',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.*.idNumber',
  '*.*.*.phone',
] as const

/** The process's root logger. Services take children of it. */
export function createLogger(config: Pick<XianjieConfig, 'logLevel'>, service = 'xianjie'): Logger {
  return pino({
    level: config.logLevel,
    base: { service },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  })
}
