// Sign-in: user id and password; in the demo, a list of seeded accounts grouped by agency.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { Layout } from '../components/layout.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { useT } from '../i18n.ts'
import { roleTitle } from '../roles.ts'
import { Link, navigate, useLocation } from '../router.tsx'
import { signInAsDemoUser, signInWithPassword, useSession } from '../session.ts'

interface DemoUser {
  userId: string
  name: string
  agencyId: string
  agencyName: string
  roles: string[]
}

/** Where to go after signing in: `next` if it is a path of this app, else home. */
function nextPath(query: URLSearchParams): string {
  const next = query.get('next')
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/'
}

function groupByAgency(users: DemoUser[]): Array<{ agencyId: string; agencyName: string; users: DemoUser[] }> {
  const groups = new Map<string, { agencyId: string; agencyName: string; users: DemoUser[] }>()
  for (const user of users) {
    const group = groups.get(user.agencyId) ?? { agencyId: user.agencyId, agencyName: user.agencyName, users: [] }
    group.users.push(user)
    groups.set(user.agencyId, group)
  }
  return [...groups.values()]
}

/** The user's own part of a seeded name: "白银市市场监督管理局承办人甲" → "承办人甲". */
function shortName(user: DemoUser): string {
  return user.name.startsWith(user.agencyName) && user.name.length > user.agencyName.length ? user.name.slice(user.agencyName.length) : user.name
}

function matches(user: DemoUser, filter: string): boolean {
  const needle = filter.trim().toLowerCase()
  return needle === '' || [user.userId, user.name, user.agencyName, user.agencyId].some((text) => text.toLowerCase().includes(needle))
}

function DemoAccounts({ onPick, busy }: { onPick: (userId: string) => void; busy: boolean }) {
  const { t, tb } = useT()
  const [users, setUsers] = useState<DemoUser[] | null>(null)
  const [filter, setFilter] = useState('')
  useEffect(() => {
    // 404 outside the demo: the section simply does not appear.
    api.get<{ users: DemoUser[] }>('/v1/auth/demo-users').then((body) => setUsers(body.users), () => setUsers(null))
  }, [])
  if (users === null || users.length === 0) return null
  const groups = groupByAgency(users.filter((user) => matches(user, filter)))
  return (
    <section class="card demo" aria-labelledby="demo-heading">
      <h2 id="demo-heading">{t('演示账号', 'Demo accounts')}</h2>
      <p class="muted">{t('演示环境：点击账号即可登录，无需密码。', 'Demo only: choose an account to sign in without a password.')}</p>
      <label for="demo-filter">{t('筛选账号（机关、姓名或账号）', 'Filter (agency, name or user id)')}</label>
      <input id="demo-filter" type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
      <p class="visually-hidden" role="status">{t(`显示 ${groups.length} 个机关`, `${groups.length} agencies shown`)}</p>
      <div class="demo-grid">
        {groups.map((group) => (
          <div class="demo-agency" key={group.agencyId}>
            <h3>{group.agencyName}</h3>
            <ul class="demo-users">
              {group.users.map((user) => (
                <li key={user.userId}>
                  <button type="button" disabled={busy} data-user-id={user.userId} title={user.userId} onClick={() => onPick(user.userId)}>
                    {shortName(user)}
                    <span class="demo-role">{user.roles.map((r) => tb(roleTitle(r))).join(t('、', ', '))}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </section>
  )
}

export function SignInPage() {
  const { t } = useT()
  const { me, signOut } = useSession()
  const { query } = useLocation()
  const [userId, setUserId] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const finish = async (attempt: () => Promise<unknown>) => {
    setBusy(true)
    setError(null)
    try {
      // Switching users: end the current sign-in (revoking its refresh token) first.
      if (me) await signOut()
      const signedIn = await attempt()
      if (signedIn === null) throw new Error(t('登录成功，但无法读取用户信息', 'Signed in, but the user could not be read'))
      navigate(nextPath(query), { replace: true })
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const onSubmit = (event: Event) => {
    event.preventDefault()
    if (userId.trim() === '' || password === '') {
      setError(new Error(t('请输入用户名和密码', 'Enter your user id and password')))
      return
    }
    void finish(() => signInWithPassword(userId.trim(), password))
  }

  return (
    <Layout title={t('登录', 'Sign in')}>
      <h1>{t('登录衔接平台', 'Sign in to Xianjie')}</h1>
      {me
        ? <p class="notice" role="status">{t(`已登录为 ${me.name}。`, `Signed in as ${me.name}.`)} <Link href="/">{t('进入首页', 'Go to home')}</Link></p>
        : null}
      <div class="sign-in-grid">
        <section class="card">
          <h2 id="password-heading">{t('账号密码登录', 'User id and password')}</h2>
          <form onSubmit={onSubmit} noValidate>
            <label for="sign-in-user">{t('用户名', 'User id')}</label>
            <input id="sign-in-user" name="userId" autocomplete="username" required value={userId}
              onInput={(e) => setUserId(e.currentTarget.value)} />
            <label for="sign-in-password">{t('密码', 'Password')}</label>
            <input id="sign-in-password" name="password" type="password" autocomplete="current-password" required value={password}
              onInput={(e) => setPassword(e.currentTarget.value)} />
            <div class="form-actions">
              <button type="submit" disabled={busy}>{busy ? t('登录中…', 'Signing in…') : t('登录', 'Sign in')}</button>
            </div>
          </form>
          <div aria-live="polite"><ProblemMessage error={error} /></div>
        </section>
        <DemoAccounts busy={busy} onPick={(id) => void finish(() => signInAsDemoUser(id))} />
      </div>
      <p><Link href="/credit-list">{t('无需登录：查询严重违法失信名单', 'No sign-in needed: query the serious-violation list')}</Link></p>
    </Layout>
  )
}
