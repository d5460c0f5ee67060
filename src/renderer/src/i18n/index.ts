import i18next, { type TFunction } from 'i18next'
import { translationCache } from './cached-t'
import { useSyncExternalStore } from 'react'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import { en } from '../../../shared/i18n/en'
import { zh } from '../../../shared/i18n/zh'
import type { LocalisedText } from '../../../shared/api/errors'

export type Lang = 'zh' | 'en'
export const LANG_STORAGE_KEY = 'wdb.lang'

/** <html lang>: screen readers and the CJK font choice follow it. */
const htmlLang = (l: Lang): string => (l === 'zh' ? 'zh-CN' : 'en')

/**
 * One i18next instance for the UI with the catalogue shared with the core (errors, fields,
 * statuses, flags) plus the `ui` section. The language follows a stored choice, else the
 * browser/OS languages (zh-CN, zh-TW... -> zh); a choice made in the header is stored.
 */
export const i18n = i18next.createInstance()
void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    supportedLngs: ['zh', 'en'],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    // The users speak Simplified Chinese: a browser in any third language gets Chinese.
    fallbackLng: 'zh',
    initAsync: false,
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANG_STORAGE_KEY,
      caches: ['localStorage'],
      convertDetectedLanguage: (l: string) => (l.toLowerCase().startsWith('zh') ? 'zh' : l.toLowerCase().startsWith('en') ? 'en' : l)
    }
  })

export function currentLang(): Lang {
  return (i18n.resolvedLanguage ?? i18n.language ?? 'zh').startsWith('en') ? 'en' : 'zh'
}

function syncHtml(): void {
  document.documentElement.lang = htmlLang(currentLang())
  document.title = `${i18n.t('ui.appTitle')} · ${currentLang() === 'zh' ? 'Workshop Dispatch Board' : '车间派工看板'}`
}
syncHtml()
i18n.on('languageChanged', syncHtml)

export function setLang(l: Lang): void {
  void i18n.changeLanguage(l)
}

/** A bilingual server message in the language on screen. */
export function localised(text: LocalisedText): string {
  return text[currentLang()]
}

const cachedT = translationCache(i18n)
const subscribeLang = (l: () => void): (() => void) => {
  i18n.on('languageChanged', l)
  return () => i18n.off('languageChanged', l)
}
const readLang = (): string => i18n.language
const tByLang = new Map<string, { t: TFunction }>()

/**
 * `t` for the language on screen, with its results cached (cached-t.ts); re-renders on a language
 * change. For the board's hot components: react-i18next's useTranslation does several ms of
 * bookkeeping per hundred calls, and a screen of cards calls it hundreds of times per change (issue
 * 5). The catalogue is bundled and loaded synchronously, so there is nothing to wait for.
 */
export function useT(): { t: TFunction } {
  const lang = useSyncExternalStore(subscribeLang, readLang)
  let entry = tByLang.get(lang)
  if (!entry) {
    entry = { t: cachedT(i18n.getFixedT(lang)) }
    tByLang.set(lang, entry)
  }
  return entry
}
