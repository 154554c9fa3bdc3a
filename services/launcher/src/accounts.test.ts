import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '@xianjie/api'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'

// `bin/xianjie user …` / `key …` as an operator runs them: a real process over a cloned database.

const CLI = fileURLToPath(new URL('./accounts.ts', import.meta.url))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(t: TestDatabase, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.url, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(options.stdin ?? '')
  })
}

describe('bin/xianjie user and key', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t?.drop()
  })

  const hashOf = async (id: string) => (await t.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash!

  it('adds a user with the piped password, or a generated one printed once', async () => {
    const piped = await run(t, ['user', 'add', 'msa-620400.wang', '--agency', 'msa-620400', '--roles', 'msa.officer', '--name', '王五'], { stdin: 'a piped passphrase\n' })
    expect(piped.code, piped.stderr).toBe(0)
    expect(piped.stdout).toContain('ok: user msa-620400.wang added')
    expect(piped.stdout).not.toContain('a piped passphrase')
    expect(await verifyPassword('a piped passphrase', await hashOf('msa-620400.wang'))).toBe(true)

    const generated = await run(t, ['user', 'add', 'msa-620400.zhao', '--agency', 'msa-620400', '--roles', 'msa.head', '--name', '赵六'])
    expect(generated.code, generated.stderr).toBe(0)
    const password = /password \(shown once[^:]*\): (\S+)/.exec(generated.stdout)?.[1]
    expect(password).toBeDefined()
    expect(await verifyPassword(password!, await hashOf('msa-620400.zhao'))).toBe(true)

    const fromEnv = await run(t, ['user', 'password', 'msa-620400.zhao'], { env: { XIANJIE_PASSWORD: 'from the environment' } })
    expect(fromEnv.code, fromEnv.stderr).toBe(0)
    expect(await verifyPassword('from the environment', await hashOf('msa-620400.zhao'))).toBe(true)
  })

  it('refuses a weak password (exit 1, the reason in both languages) and misuse (exit 2)', async () => {
    const weak = await run(t, ['user', 'add', 'msa-620400.qian', '--agency', 'msa-620400', '--roles', 'msa.officer', '--name', '钱七'], { stdin: 'short\n' })
    expect(weak.code).toBe(1)
    expect(weak.stderr).toMatch(/refused: password must have at least 12 characters.*密码至少需要 12 个字符/)
    expect((await run(t, ['user', 'add', 'msa-620400.qian'])).code).toBe(2)
  })

  it('disables a user', async () => {
    const res = await run(t, ['user', 'disable', 'msa-620400.wang'])
    expect(res.code, res.stderr).toBe(0)
    const row = await t.db.selectFrom('users').select('disabled_at').where('id', '=', 'msa-620400.wang').executeTakeFirstOrThrow()
    expect(row.disabled_at).toBeInstanceOf(Date)
  })

  it('creates a key (printed once), rotates and revokes keys, and lists them without secrets', async () => {
    const created = await run(t, ['key', 'create', 'police-620400', '--label', '公安案件系统'])
    expect(created.code, created.stderr).toBe(0)
    const key = /key \(shown once[^:]*\): (xjk_([a-z0-9]+)_(\S+))/.exec(created.stdout)
    expect(key).not.toBeNull()
    const [, , id, secret] = key!
    const rotated = await run(t, ['key', 'create', 'police-620400', '--rotate', id!])
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.stdout).toMatch(new RegExp(`key ${id} keeps working until `))
    expect((await run(t, ['key', 'revoke', id!])).code).toBe(0)
    const listed = await run(t, ['key', 'list', 'police-620400'])
    expect(listed.code).toBe(0)
    expect(listed.stdout).toMatch(new RegExp(`${id}\\tpolice-620400\\trevoked`))
    expect(listed.stdout).toMatch(/\tpolice-620400\tactive\t/)
    expect(listed.stdout).not.toContain(secret)
  })
})
