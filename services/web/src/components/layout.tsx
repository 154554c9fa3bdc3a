// The page shell every page shares: skip link, header (who is signed in, language, sign out),
// navigation by role, and <main id="main">. Pages bring their own single <h1>.
import type { ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import { setLang, useT } from '../i18n.ts'
import { Link, navigate, useLocation } from '../router.tsx'
import { hasRole, useSession } from '../session.ts'

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = useLocation()
  const current = href === '/' ? path === '/' : path.startsWith(href)
  return <li><Link href={href} aria-current={current ? 'page' : undefined}>{children}</Link></li>
}

function LanguageSwitch() {
  const { lang } = useT()
  return (
    <div class="lang-switch" role="group" aria-label="语言 / Language">
      <button type="button" lang="zh-CN" aria-pressed={lang === 'zh-CN'} onClick={() => setLang('zh-CN')}>中文</button>
      <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>English</button>
    </div>
  )
}

export function Layout({ title, children }: { title?: string; children: ComponentChildren }) {
  const { t } = useT()
  const { me, signOut } = useSession()
  useEffect(() => {
    document.title = title ? `${title} · 衔接 Xianjie` : '衔接 Xianjie'
  }, [title])
  const onSignOut = async () => {
    await signOut()
    navigate('/sign-in')
  }
  return (
    <>
      <a class="skip-link" href="#main">{t('跳到主要内容', 'Skip to main content')}</a>
      <header class="site-header">
        <div class="brand"><Link href="/">{t('衔接', 'Xianjie')}</Link> <span class="brand-sub">{t('知识产权案件衔接平台', 'IP case hand-over')}</span></div>
        <nav aria-label={t('主导航', 'Main')}>
          <ul>
            {me ? <NavLink href="/">{t('首页', 'Home')}</NavLink> : null}
            {hasRole(me, 'supervisor') ? <NavLink href="/supervision">{t('监督', 'Supervision')}</NavLink> : null}
            <NavLink href="/credit-list">{t('信用查询', 'Credit list')}</NavLink>
          </ul>
        </nav>
        <div class="user-bar">
          <LanguageSwitch />
          {me
            ? (
                <>
                  <span class="user-name" data-signed-in-user={me.userId}>{me.name}<span class="user-agency">{me.agencyName}</span></span>
                  <button type="button" onClick={onSignOut}>{t('退出登录', 'Sign out')}</button>
                </>
              )
            : <Link href="/sign-in" class="button-link">{t('登录', 'Sign in')}</Link>}
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      <footer class="site-footer">
        <p>{t('衔接：依法移送、受理与监督', 'Xianjie: hand-over, acceptance and supervision as the law says')}</p>
      </footer>
    </>
  )
}

/** A status line for loading/empty states that screen readers hear. */
export function Loading() {
  const { t } = useT()
  return <p class="loading" role="status">{t('加载中…', 'Loading…')}</p>
}
