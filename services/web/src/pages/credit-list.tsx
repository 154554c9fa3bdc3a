// The public credit-list query: anyone, signed in or not, looks up a subject by its
// 统一社会信用代码 and sees what is published about it now.
import { useEffect, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { Layout, Loading } from '../components/layout.tsx'
import { ProblemMessage } from '../components/problem.tsx'
import { creditCodeProblem } from '../credit-code.ts'
import { formatDate, formatDateTime, useT } from '../i18n.ts'
import { navigate, useLocation } from '../router.tsx'
import type { Bilingual, CreditListView } from '../types.ts'

function Result({ view }: { view: CreditListView }) {
  const { t, tb, lang } = useT()
  return (
    <section class={`card ${view.listed ? 'credit-entry' : 'credit-clear'}`} aria-labelledby="credit-result-heading" data-listed={String(view.listed)}>
      <h2 id="credit-result-heading">{view.subjectName ?? view.creditCode}</h2>
      <p><code>{view.creditCode}</code></p>
      <p class={view.listed ? 'level overdue' : 'level'} role="status">
        {view.listed
          ? t('目前列入失信惩戒名单。', 'Currently on a punishment list.')
          : view.records.length > 0
            ? t('目前未列入失信惩戒名单，但有公示中的行政处罚信息。', 'Not on a punishment list; penalty information is being published.')
            : t('目前未列入失信惩戒名单，也没有公示中的记录。', 'Not on any punishment list and nothing is being published.')}
      </p>
      <p class="muted">{t(`截至 ${formatDateTime(view.asOf, lang)}`, `As of ${formatDateTime(view.asOf, lang)}`)}</p>
      {view.records.map((record, i) => (
        <article class="card" key={`${record.regime}-${i}`} data-regime={record.regime} data-kind={record.kind}>
          <h3>{tb(record.title)}</h3>
          <dl>
            <dt>{t('作出决定的机关', 'Authority')}</dt><dd>{record.authority}</dd>
            <dt>{t('决定书文号', 'Decision number')}</dt><dd>{record.decisionNumber ?? '—'}</dd>
            <dt>{t('列入（公示）起始', 'Since')}</dt><dd>{formatDate(record.since, lang)}</dd>
            <dt>{t('期满', 'Until')}</dt><dd>{record.until ? formatDate(record.until, lang) : t('未定（移出前持续有效）', 'Open-ended (until removed)')}</dd>
          </dl>
          {record.measures.length > 0
            ? (
                <>
                  <h4>{t('惩戒措施', 'Measures')}</h4>
                  <ul>
                    {record.measures.map((m) => <li key={m.code}>{lang === 'en' ? m.en : m.zh} <span class="item-meta">（<code>{m.source}</code>）</span></li>)}
                  </ul>
                </>
              )
            : null}
        </article>
      ))}
    </section>
  )
}

export function CreditListPage() {
  const { t, tb } = useT()
  const { path } = useLocation()
  // /credit-list/:code makes a result linkable.
  const fromPath = decodeURIComponent(path.split('/')[2] ?? '').toUpperCase()
  const [code, setCode] = useState(fromPath)
  const [invalid, setInvalid] = useState<Bilingual | null>(null)
  const [view, setView] = useState<CreditListView | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const lookUp = async (value: string) => {
    setView(null)
    setError(null)
    const problem = creditCodeProblem(value)
    setInvalid(problem)
    if (problem) {
      document.getElementById('credit-code')?.focus()
      return
    }
    setBusy(true)
    try {
      setView(await api.get<CreditListView>(`/v1/credit-list/${encodeURIComponent(value)}`))
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (fromPath) {
      setCode(fromPath)
      void lookUp(fromPath)
    }
  }, [fromPath])

  const onSubmit = (event: Event) => {
    event.preventDefault()
    const value = code.trim().toUpperCase()
    setCode(value)
    if (creditCodeProblem(value) === null && value !== fromPath) navigate(`/credit-list/${value}`)
    else void lookUp(value)
  }

  return (
    <Layout title={t('信用查询', 'Credit list')}>
      <h1>{t('严重违法失信名单查询', 'Serious-violation list query')}</h1>
      <p class="lead">{t('输入企业的统一社会信用代码，查询其目前是否被列入失信惩戒名单及公示中的处罚信息。无需登录。',
        'Enter an enterprise’s unified social credit code to see whether it is on a punishment list now. No sign-in needed.')}</p>
      <form class="card" onSubmit={onSubmit} noValidate>
        <label for="credit-code">
          {t('统一社会信用代码', 'Unified social credit code')}
          <span class="hint" id="credit-code-hint">{t('18 位，由数字和大写字母组成，例如 91620402MA74XXXXXX', '18 characters, digits and capital letters')}</span>
        </label>
        <input id="credit-code" name="creditCode" value={code} maxLength={18} autocomplete="off" spellcheck={false}
          aria-describedby={invalid ? 'credit-code-hint credit-code-error' : 'credit-code-hint'} aria-invalid={invalid ? 'true' : undefined}
          onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} />
        {invalid ? <p class="field-error" id="credit-code-error" role="alert">{tb(invalid)}</p> : null}
        <div class="form-actions"><button type="submit" disabled={busy}>{t('查询', 'Look up')}</button></div>
      </form>
      <div aria-live="polite">
        {busy ? <Loading /> : null}
        <ProblemMessage error={error} />
        {view ? <Result view={view} /> : null}
      </div>
    </Layout>
  )
}
