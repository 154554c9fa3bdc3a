// zh-CN first, English on request. Every UI string goes through t(zh, en); texts the API sends
// in both languages go through tb.
import { CHINA_DAY } from './dates.ts'
import { createStore, useStore } from './store.ts'
import type { Bilingual } from './types.ts'

export type Lang = 'zh-CN' | 'en'

const LANG_KEY = 'xianjie.lang'

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

const langStore = createStore<Lang>(initialLang())
document.documentElement.lang = langStore.get()

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang
  langStore.set(lang)
}

export function useT(): { t: (zh: string, en: string) => string; tb: (b: Bilingual | undefined | null) => string; lang: Lang } {
  const lang = useStore(langStore)
  return {
    t: (zh, en) => (lang === 'en' ? en : zh),
    tb: (b) => (b == null ? '' : lang === 'en' ? b.en || b.zh : b.zh || b.en),
    lang,
  }
}

/** The locale that formats dates and numbers in the chosen language. */
export function localeOf(lang: Lang): string {
  return lang === 'en' ? 'en-GB' : 'zh-CN'
}

/** Date and time as people in China read them (Asia/Shanghai), in the chosen language. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return ''
  return new Date(iso).toLocaleString(localeOf(lang), { ...CHINA_DAY, hour: '2-digit', minute: '2-digit' })
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return ''
  return new Date(iso).toLocaleDateString(localeOf(lang), CHINA_DAY)
}
