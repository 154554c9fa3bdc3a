// Opening a serious-violation listing (严重违法失信名单) after a penalty: on its own, or from a
// transfer case that ended with a penalty (criminal-transfer E2/E3, the procedure's openFrom).
import { useState } from 'preact/hooks'
import { caseLabel } from '../components/lists.tsx'
import { useT } from '../i18n.ts'
import { useLocation } from '../router.tsx'
import type { CaseSummary } from '../types.ts'
import { useFetch } from '../use-fetch.ts'
import { OPEN_PAGES, OpenCasePage } from './open-case.tsx'

/** Ends of a transfer case after which a listing may follow (credit-listing openFrom). */
const PENALTY_ENDS = ['E2', 'E3']

function ParentPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useT()
  const { data } = useFetch<{ items: CaseSummary[] }>('/v1/cases?status=closed&limit=100')
  const candidates = (data?.items ?? []).filter((c) => c.procedure === 'criminal-transfer' && c.end != null && PENALTY_ENDS.includes(c.end))
  return (
    <div class="card">
      <label for="listing-parent">
        {t('来源案件（可选）', 'Opened from (optional)')}
        <span class="hint">{t('公安机关不予立案或反向移送后已作行政处罚的移送案件', 'A transfer case closed with an administrative penalty')}</span>
      </label>
      <select id="listing-parent" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('无（独立的处罚案件）', 'None (a penalty case of its own)')}</option>
        {candidates.map((c) => <option key={c.id} value={c.id}>{caseLabel(c)} {c.title}</option>)}
      </select>
    </div>
  )
}

export function OpenListingPage() {
  const { query } = useLocation()
  const [parent, setParent] = useState(query.get('from') ?? '')
  return (
    <OpenCasePage
      page={OPEN_PAGES.listing}
      parentCaseId={parent || undefined}
      before={<ParentPicker value={parent} onChange={setParent} />}
    />
  )
}
