// Password hashing: scrypt (memory-hard, node:crypto), stored as a PHC-like string
// `$scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>`, compared in constant time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { AppError } from '@xianjie/domain'

/** log2 of scrypt's cost N: 2^15 = 32768 (32 MiB of memory with r = 8). */
export const SCRYPT_LN = 15
export const SCRYPT_R = 8
export const SCRYPT_P = 1
const SALT_BYTES = 16
const HASH_BYTES = 32
export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 1024

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

function scryptOptions(ln: number, r: number, p: number): ScryptOptions {
  // scrypt needs 128·N·r bytes (32 MiB here); node refuses above maxmem (32 MiB by default).
  return { N: 2 ** ln, r, p, maxmem: 2 * 128 * 2 ** ln * r * p + 1024 * 1024 }
}

const b64 = (buf: Buffer): string => buf.toString('base64').replace(/=+$/, '')

/** Hashes a password with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const hash = await scryptAsync(password, salt, HASH_BYTES, scryptOptions(SCRYPT_LN, SCRYPT_R, SCRYPT_P))
  return `$scrypt$ln=${SCRYPT_LN},r=${SCRYPT_R},p=${SCRYPT_P}$${b64(salt)}$${b64(hash)}`
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d)\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/

/**
 * Whether `password` matches `stored`. False for a malformed or out-of-bounds stored string
 * (the cost is bounded so a tampered row cannot make a sign-in burn the machine).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC.exec(stored)
  if (m === null) return false
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (ln < 10 || ln > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false
  const salt = Buffer.from(m[4]!, 'base64')
  const expected = Buffer.from(m[5]!, 'base64')
  if (expected.length < 16) return false
  const actual = await scryptAsync(password, salt, expected.length, scryptOptions(ln, r, p))
  return timingSafeEqual(actual, expected)
}

let dummy: Promise<string> | null = null
/**
 * A hash no password matches (computed once): sign-in checks it when the user does not exist
 * or has no password, so every refusal costs one scrypt and timing tells nothing.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(32).toString('base64')).catch((err: unknown) => {
    dummy = null
    throw err
  })
  return dummy
}

/** The password policy; throws VALIDATION_FAILED naming what is wrong (en + zh). */
export function checkPasswordPolicy(password: string, userId?: string): void {
  const length = [...password.normalize('NFC')].length
  const refuse = (en: string, zh: string): never => {
    throw new AppError('VALIDATION_FAILED', `password ${en}`, { details: { messageZh: `密码${zh}`, fields: [{ path: '/body/password', message: en }] } })
  }
  if (length < PASSWORD_MIN_LENGTH) refuse(`must have at least ${PASSWORD_MIN_LENGTH} characters (it has ${length})`, `至少需要 ${PASSWORD_MIN_LENGTH} 个字符（当前 ${length} 个）`)
  if (length > PASSWORD_MAX_LENGTH) refuse(`must have at most ${PASSWORD_MAX_LENGTH} characters`, `不得超过 ${PASSWORD_MAX_LENGTH} 个字符`)
  if (/^\s|\s$/.test(password)) refuse('must not begin or end with white space', '首尾不得为空白字符')
  if (new Set(password).size < 4) refuse('must use at least 4 different characters', '至少需要 4 个不同字符')
  if (userId !== undefined && userId.length >= 4 && password.toLowerCase().includes(userId.toLowerCase())) refuse('must not contain the user id', '不得包含用户名')
}

/** A strong random password (24 characters, 144 bits) for `user add` without one. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
