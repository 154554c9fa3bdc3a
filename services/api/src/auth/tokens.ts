// Xianjie's own access tokens: HS256 JWTs signed with AUTH_SECRET (node:crypto only).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import { AppError } from '@xianjie/domain'
import type { XianjieConfig } from '@xianjie/config'

/** Lifetime of a demo token (`POST /v1/auth/token`) and of `mintToken`'s tokens. */
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600
export const ISSUER = 'xianjie'
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

export interface TokenClaims {
  sub: string
  iss: string
  iat: number
  exp: number
  /** A unique id per token (absent only from tokens signed before it was added). */
  jti?: string
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url')
}

function hmac(secret: string, input: string): string {
  return createHmac('sha256', secret).update(input).digest('base64url')
}

/**
 * Signs an HS256 JWT for `claims.sub`, valid for `ttlSeconds` from `now` (ms since epoch),
 * with claims sub, iss, iat, exp and a fresh jti.
 * @default ttlSeconds 8 hours
 */
export function signToken(secret: string, claims: { sub: string }, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS, now = Date.now()): string {
  const iat = Math.floor(now / 1000)
  const payload = b64url(JSON.stringify({ sub: claims.sub, iss: ISSUER, iat, exp: iat + ttlSeconds, jti: randomUUID() }))
  const input = `${HEADER}.${payload}`
  return `${input}.${hmac(secret, input)}`
}

/** The decoded JOSE header of a compact JWT, or null when it is not one. Verifies nothing. */
export function peekHeader(token: string): Record<string, unknown> | null {
  const dot = token.indexOf('.')
  if (dot <= 0) return null
  try {
    const head: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'))
    return typeof head === 'object' && head !== null && !Array.isArray(head) ? (head as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Whether a token claims to be one of ours (HS256, no key id); only `verifyToken` decides. */
export function isOwnToken(token: string): boolean {
  const head = peekHeader(token)
  return head !== null && head.alg === 'HS256' && head.kid === undefined
}

/** Verifies signature (constant time), algorithm, issuer and expiry; throws UNAUTHENTICATED. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenClaims {
  const parts = token.split('.')
  if (parts.length !== 3) throw new AppError('UNAUTHENTICATED', 'malformed bearer token')
  const [header, payload, signature] = parts as [string, string, string]
  // Compare the canonical encoding so no other spelling of the same bytes passes.
  const expected = Buffer.from(hmac(secret, `${header}.${payload}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('UNAUTHENTICATED', 'bearer token signature is not valid')
  }
  let head: unknown
  let claims: unknown
  try {
    head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch (cause) {
    throw new AppError('UNAUTHENTICATED', 'malformed bearer token', { cause })
  }
  if (typeof head !== 'object' || head === null || (head as { alg?: unknown }).alg !== 'HS256') {
    throw new AppError('UNAUTHENTICATED', 'bearer token algorithm must be HS256')
  }
  const c = claims as Partial<TokenClaims> | null
  if (c === null || typeof c !== 'object' || typeof c.sub !== 'string' || typeof c.exp !== 'number' || typeof c.iat !== 'number' || c.iss !== ISSUER) {
    throw new AppError('UNAUTHENTICATED', 'bearer token claims are not valid')
  }
  if (c.jti !== undefined && typeof c.jti !== 'string') throw new AppError('UNAUTHENTICATED', 'bearer token claims are not valid')
  if (Math.floor(now / 1000) >= c.exp) {
    throw new AppError('UNAUTHENTICATED', 'bearer token has expired; refresh it or sign in again', { details: { messageZh: '登录已过期，请刷新令牌或重新登录' } })
  }
  return c as TokenClaims
}

/** A token for `userId` signed with the configured secret (demo, bench, tests). */
export function mintToken(config: Pick<XianjieConfig, 'authSecret'>, userId: string, ttlSeconds = DEFAULT_TOKEN_TTL_SECONDS): string {
  return signToken(config.authSecret, { sub: userId }, ttlSeconds)
}
