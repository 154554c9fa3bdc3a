// zh-CN first, English on request. Every UI string goes through t(zh, en); texts the API sends
// in both languages go through tb.
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

export function getLang(): Lang {
  return langStore.get()
}

export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang)
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = lang
  langStore.set(lang)
}

export function translate(lang: Lang) {
  return {
    t: (zh: string, en: string) => (lang === 'en' ? en : zh),
    tb: (b: Bilingual | undefined | null) => (b == null ? '' : lang === 'en' ? b.en || b.zh : b.zh || b.en),
    lang,
  }
}

export function useT(): { t: (zh: string, en: string) => string; tb: (b: Bilingual | undefined | null) => string; lang: Lang } {
  return translate(useStore(langStore))
}

/** Date and time as people in China read them (Asia/Shanghai), in the chosen language. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return ''
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  })
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return ''
  return new Date(iso).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  })
}
