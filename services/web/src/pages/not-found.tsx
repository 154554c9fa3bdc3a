import { Layout } from '../components/layout.tsx'
import { useT } from '../i18n.ts'
import { Link } from '../router.tsx'

export function NotFoundPage() {
  const { t } = useT()
  return (
    <Layout title={t('页面不存在', 'Page not found')}>
      <h1>{t('页面不存在', 'Page not found')}</h1>
      <p><Link href="/">{t('返回首页', 'Back to home')}</Link></p>
    </Layout>
  )
}
