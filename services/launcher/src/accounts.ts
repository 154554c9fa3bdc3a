// `bin/xianjie user …` and `bin/xianjie key …`: people who sign in with a password, and
// agencies' read-only API keys, in the database of DATABASE_URL.
//
//   user add <userId> --agency <agencyId> --roles a,b --name <name>
//   user password <userId>        password from stdin when piped, else XIANJIE_PASSWORD,
//                                 else a strong one generated and printed once
//   user disable <userId>         no sign-in; its sessions end (refresh tokens revoked)
//   user enable <userId>
//   key create <agencyId> [--label L] [--rotate <oldKeyId>]   prints the key once
//   key revoke <keyId>
//   key list [<agencyId>]         never prints secrets (only their hashes are stored)
//
// Exit 0 done, 1 refused (the reason printed), 2 misuse.
import { parseArgs } from 'node:util'
import { isAppError } from '@xianjie/domain'
import { databaseFromEnv, migrateToLatest } from '@xianjie/db'
import { addUser, createApiKey, disableUser, enableUser, generatePassword, listApiKeys, revokeApiKey, setPassword } from '@xianjie/api'

const USAGE = `usage:
  user add <userId> --agency <agencyId> --roles <role,role> --name <name>
  user password <userId>
  user disable <userId>
  user enable <userId>
  key create <agencyId> [--label <label>] [--rotate <oldKeyId>]
  key revoke <keyId>
  key list [<agencyId>]
The password of 'user add' and 'user password' is read from stdin when piped, else from
XIANJIE_PASSWORD, else generated and printed once.`

function misuse(why: string): never {
  console.error(`${why}\n${USAGE}`)
  process.exit(2)
}

/** Where the password comes from: piped stdin, XIANJIE_PASSWORD, or generated (and shown). */
async function passwordInput(): Promise<{ password: string; generated: boolean }> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    // One trailing line break is the shell's, not the password's.
    const piped = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '')
    if (piped !== '') return { password: piped, generated: false }
  }
  const fromEnv = process.env.XIANJIE_PASSWORD
  if (fromEnv !== undefined && fromEnv !== '') return { password: fromEnv, generated: false }
  return { password: generatePassword(), generated: true }
}

const [group, action, ...rest] = process.argv.slice(2)
if (group !== 'user' && group !== 'key') misuse(`unknown command '${group ?? ''}'`)
const OPTIONS = { agency: { type: 'string' }, roles: { type: 'string' }, name: { type: 'string' }, label: { type: 'string' }, rotate: { type: 'string' } } as const
const parsed = (() => {
  try {
    return parseArgs({ args: rest, options: OPTIONS, allowPositionals: true })
  } catch (err) {
    return misuse((err as Error).message)
  }
})()
const { values, positionals } = parsed
const one = (what: string): string => {
  if (positionals.length !== 1) misuse(`${group} ${action} takes one ${what}`)
  return positionals[0]!
}

const db = databaseFromEnv(`${group} ${action ?? ''} changes the database a running Xianjie uses`)
try {
  await migrateToLatest(db)
  if (group === 'user' && action === 'add') {
    const userId = one('user id')
    if (!values.agency || !values.roles || !values.name) misuse('user add needs --agency, --roles and --name')
    const { password, generated } = await passwordInput()
    await addUser(db, { userId, agencyId: values.agency, roles: values.roles.split(',').map((r) => r.trim()).filter(Boolean), name: values.name, password })
    console.log(`ok: user ${userId} added to ${values.agency}`)
    if (generated) console.log(`password (shown once, give it to ${userId} by a safe channel): ${password}`)
  } else if (group === 'user' && action === 'password') {
    const userId = one('user id')
    const { password, generated } = await passwordInput()
    const { sessionsEnded } = await setPassword(db, userId, password)
    console.log(`ok: password of ${userId} set; ${sessionsEnded} sign-in session(s) ended`)
    if (generated) console.log(`password (shown once): ${password}`)
  } else if (group === 'user' && action === 'disable') {
    const userId = one('user id')
    const { sessionsEnded, alreadyDisabled } = await disableUser(db, userId)
    console.log(`ok: ${userId} ${alreadyDisabled ? 'was already disabled' : 'disabled'}; ${sessionsEnded} sign-in session(s) ended; its access tokens stop working within seconds`)
  } else if (group === 'user' && action === 'enable') {
    const userId = one('user id')
    await enableUser(db, userId)
    console.log(`ok: ${userId} enabled`)
  } else if (group === 'key' && action === 'create') {
    const agencyId = one('agency id')
    const created = await createApiKey(db, { agencyId, ...(values.label !== undefined ? { label: values.label } : {}), ...(values.rotate !== undefined ? { rotate: values.rotate } : {}) })
    console.log(`ok: key ${created.id} for ${created.agencyId} (${created.label}); read-only (GET); send it as: Authorization: ApiKey <key>`)
    if (created.rotated) console.log(`key ${created.rotated.id} keeps working until ${created.rotated.expiresAt.toISOString()}`)
    console.log(`key (shown once, only its hash is stored): ${created.key}`)
  } else if (group === 'key' && action === 'revoke') {
    const keyId = one('key id')
    const { alreadyRevoked } = await revokeApiKey(db, keyId)
    console.log(`ok: key ${keyId} ${alreadyRevoked ? 'was already revoked' : 'revoked'}`)
  } else if (group === 'key' && action === 'list') {
    if (positionals.length > 1) misuse('key list takes at most one agency id')
    const keys = await listApiKeys(db, positionals[0])
    const iso = (d: Date | null): string => (d === null ? '-' : d.toISOString())
    console.log(['id', 'agency', 'status', 'created', 'expires', 'last used', 'label'].join('\t'))
    for (const k of keys) console.log([k.id, k.agencyId, k.status, iso(k.createdAt), iso(k.expiresAt), iso(k.lastUsedAt), k.label].join('\t'))
    if (keys.length === 0) console.error('no keys')
  } else {
    misuse(`unknown command '${group} ${action ?? ''}'`)
  }
} catch (err) {
  if (!isAppError(err)) throw err
  console.error(`refused: ${err.message}${typeof err.details.messageZh === 'string' ? ` (${err.details.messageZh})` : ''}`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
