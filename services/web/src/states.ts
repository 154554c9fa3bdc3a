// A case's active states as people read them. The API lists every active state node, and a
// substate may share its parent's DOMAIN id with a title of its own (F7 移交涉案物品 and, inside
// it, the three-day handover): one tag per id, the inner titles beside it.
import type { Bilingual, CaseSummary } from './types.ts'

export interface StateTag {
  id: string
  title: Bilingual
  inner: Bilingual[]
}

export function stateTags(states: CaseSummary['states']): StateTag[] {
  const tags: StateTag[] = []
  for (const s of states) {
    const tag = tags.find((x) => x.id === s.id)
    if (!tag) tags.push({ id: s.id, title: s.title, inner: [] })
    else if (tag.title.zh !== s.title.zh && !tag.inner.some((x) => x.zh === s.title.zh)) tag.inner.push(s.title)
  }
  return tags
}

/** One line for a list: `移交涉案物品（移交涉案物品（3日））；…`. */
export function statesText(states: CaseSummary['states'], tb: (b: Bilingual) => string, t: (zh: string, en: string) => string): string {
  return stateTags(states)
    .map((s) => (s.inner.length > 0 ? `${tb(s.title)}${t('（', ' (')}${s.inner.map(tb).join(t('；', '; '))}${t('）', ')')}` : tb(s.title)))
    .join(t('；', '; '))
}
