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
  // Sign-in and refresh bodies, should a body ever be logged; tokens and keys by any name.
  'password',
  'refreshToken',
  'accessToken',
  'apiKey',
  'body.password',
  'body.refreshToken',
  'req.body.password',
  'req.body.refreshToken',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.token',
  '*.apiKey',
  'idNumber',
  'phone',
  '*.idNumber',
  '*.phone',
  '*.*.idNumber',
  '*.*.phone',
  '*.*.*.idNumber',
  '*.*.*.phone',
  'suspectIdNumber',
  '*.suspectIdNumber',
  '*.*.suspectIdNumber',
  '*.*.*.suspectIdNumber',
  '*.*.*.*.idNumber',
  '*.*.*.*.phone',
  '*.*.*.*.suspectIdNumber',
] as const

/** The process's root logger. Services take children of it. */
export function createLogger(config: Pick<XianjieConfig, 'logLevel'>, service = 'xianjie'): Logger {
  return pino({
    level: config.logLevel,
    base: { service },
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
  })
}
