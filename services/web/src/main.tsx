// Entry point and route table.
import type { ComponentChildren } from 'preact'
import { render } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import './styles.css'
import { CasePage } from './case/case-page.tsx'
import { Layout, Loading } from './components/layout.tsx'
import { useT } from './i18n.ts'
import { CreditListPage } from './pages/credit-list.tsx'
import { HomePage } from './pages/home.tsx'
import { NotFoundPage } from './pages/not-found.tsx'
import { OPEN_PAGES, OpenCasePage } from './pages/open-case.tsx'
import { OpenListingPage } from './pages/open-listing.tsx'
import { SignInPage } from './pages/sign-in.tsx'
import { SupervisionPage } from './pages/supervision.tsx'
import { matchPath, navigate, useLocation } from './router.tsx'
import { loadMe, useSession } from './session.ts'

function RequireSignIn({ children }: { children: ComponentChildren }) {
  const { me, loading } = useSession()
  const { path } = useLocation()
  const { t } = useT()
  useEffect(() => {
    if (!loading && me === null) navigate(`/sign-in?next=${encodeURIComponent(path + window.location.search)}`, { replace: true })
  }, [loading, me, path])
  if (me === null) {
    return <Layout title={t('登录', 'Sign in')}><h1>{t('正在打开…', 'Opening…')}</h1><Loading /></Layout>
  }
  return <>{children}</>
}

function Routes() {
  const { path } = useLocation()
  if (path === '/sign-in') return <SignInPage />
  if (path === '/credit-list' || path.startsWith('/credit-list/')) return <CreditListPage />
  const caseMatch = matchPath('/cases/:id', path)
  const page = caseMatch ? <CasePage id={caseMatch.id as string} />
    : path === '/' ? <HomePage />
    : path === '/supervision' ? <SupervisionPage />
    : path === OPEN_PAGES.transfer.href ? <OpenCasePage page={OPEN_PAGES.transfer} />
    : path === OPEN_PAGES.listing.href ? <OpenListingPage />
    : path === OPEN_PAGES.confirmation.href ? <OpenCasePage page={OPEN_PAGES.confirmation} />
    : <NotFoundPage />
  return <RequireSignIn>{page}</RequireSignIn>
}

function App() {
  const { path } = useLocation()
  const firstPath = useRef(path)
  // After an in-app navigation, focus the new page's main region so keyboard and screen-reader
  // users start there (the first page load keeps the browser's own focus).
  useEffect(() => {
    if (path === firstPath.current) return
    firstPath.current = ''
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [path])
  return <Routes />
}

void loadMe()
render(<App />, document.getElementById('app') as HTMLElement)
