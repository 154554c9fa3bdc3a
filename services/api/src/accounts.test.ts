import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.ts'
import { addUser, createApiKey, disableUser, enableUser, KEY_ROTATION_GRACE_MS, listApiKeys, revokeApiKey, setPassword } from './accounts.ts'
import { issueRefreshToken, verifyPassword } from './auth.ts'

// The operator's commands (bin/xianjie user …, key …) over a cloned database.

const AGENCY = 'msa-620400'
const PASSWORD = 'correct horse battery staple'

describe('accounts', () => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await t?.drop()
  })

  const user = (id: string) => t.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const liveSessions = async (id: string) =>
    (await t.db.selectFrom('refresh_tokens').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute()).length

  it('adds a user with a scrypt hash of the password, and refuses a weak password, unknown roles or agency, a duplicate', async () => {
    await addUser(t.db, { userId: `${AGENCY}.zhang`, agencyId: AGENCY, roles: ['msa.officer', 'msa.credit'], name: '张三', password: PASSWORD })
    const row = await user(`${AGENCY}.zhang`)
    expect(row).toMatchObject({ agency_id: AGENCY, name: '张三', roles: ['msa.officer', 'msa.credit'], disabled_at: null })
    expect(row.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$/)
    expect(await verifyPassword(PASSWORD, row.password_hash!)).toBe(true)

    const base = { userId: `${AGENCY}.li`, agencyId: AGENCY, roles: ['msa.officer'], name: '李四', password: PASSWORD }
    await expect(addUser(t.db, { ...base, password: 'too short' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(addUser(t.db, { ...base, roles: ['msa.officer', 'king'] })).rejects.toThrow(/unknown: king/)
    await expect(addUser(t.db, { ...base, roles: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(addUser(t.db, { ...base, agencyId: 'msa-999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(addUser(t.db, { ...base, userId: 'has space' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' })
    await expect(addUser(t.db, { ...base, userId: `${AGENCY}.zhang` })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await t.db.selectFrom('users').select('id').where('id', '=', `${AGENCY}.li`).executeTakeFirst()).toBeUndefined()
  })

  it('sets a new password and ends the user\'s sign-ins', async () => {
    await issueRefreshToken(t.db, `${AGENCY}.zhang`, 3600, new Date())
    expect(await liveSessions(`${AGENCY}.zhang`)).toBe(1)
    const { sessionsEnded } = await setPassword(t.db, `${AGENCY}.zhang`, 'another good passphrase')
    expect(sessionsEnded).toBe(1)
    expect(await liveSessions(`${AGENCY}.zhang`)).toBe(0)
    const { password_hash } = await user(`${AGENCY}.zhang`)
    expect(await verifyPassword('another good passphrase', password_hash!)).toBe(true)
    expect(await verifyPassword(PASSWORD, password_hash!)).toBe(false)
    await expect(setPassword(t.db, `${AGENCY}.nobody`, PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('disables a user (ending its sign-ins) and enables it again', async () => {
    await issueRefreshToken(t.db, `${AGENCY}.zhang`, 3600, new Date())
    const disabled = await disableUser(t.db, `${AGENCY}.zhang`)
    expect(disabled).toEqual({ sessionsEnded: 1, alreadyDisabled: false })
    expect((await user(`${AGENCY}.zhang`)).disabled_at).toBeInstanceOf(Date)
    expect(await disableUser(t.db, `${AGENCY}.zhang`)).toEqual({ sessionsEnded: 0, alreadyDisabled: true })
    await enableUser(t.db, `${AGENCY}.zhang`)
    expect((await user(`${AGENCY}.zhang`)).disabled_at).toBeNull()
  })

  it('creates keys, rotates one with a 24-hour grace, revokes, and lists them without secrets', async () => {
    const now = new Date('2026-05-01T08:00:00Z')
    const first = await createApiKey(t.db, { agencyId: 'police-620400', label: '案件系统', now })
    expect(first).toMatchObject({ agencyId: 'police-620400', label: '案件系统', rotated: null })
    const second = await createApiKey(t.db, { agencyId: 'police-620400', label: '案件系统 v2', rotate: first.id, now })
    expect(second.rotated).toEqual({ id: first.id, expiresAt: new Date(now.getTime() + KEY_ROTATION_GRACE_MS) })
    // A key of another agency cannot be rotated from here, nor a revoked one.
    await expect(createApiKey(t.db, { agencyId: 'msa-620400', rotate: second.id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const third = await createApiKey(t.db, { agencyId: 'police-620400', now })
    await revokeApiKey(t.db, third.id)
    expect(await revokeApiKey(t.db, third.id)).toEqual({ alreadyRevoked: true })
    await expect(createApiKey(t.db, { agencyId: 'police-620400', rotate: third.id })).rejects.toThrow(/revoked/)
    await expect(createApiKey(t.db, { agencyId: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' })

    const listed = await listApiKeys(t.db, 'police-620400', new Date(now.getTime() + 3600_000))
    expect(listed.map((k) => [k.id, k.status])).toEqual(expect.arrayContaining([[first.id, 'expiring'], [second.id, 'active'], [third.id, 'revoked']]))
    expect(listed).toHaveLength(3)
    const later = await listApiKeys(t.db, 'police-620400', new Date(now.getTime() + KEY_ROTATION_GRACE_MS))
    expect(later.find((k) => k.id === first.id)?.status).toBe('expired')
    const text = JSON.stringify(await listApiKeys(t.db))
    for (const k of [first, second, third]) expect(text).not.toContain(k.key.slice(`xjk_${k.id}_`.length))
    expect(await listApiKeys(t.db, 'msa-620400')).toEqual([])
  })
})
