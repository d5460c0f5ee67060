import { createInstance, type TFunction } from 'i18next'
import { en } from './en'
import { zh } from './zh'
import type { LocalisedText } from '../api/errors'

export const LANGUAGES = ['zh', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const i18n = createInstance()
void i18n.init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false }
})

const fixed: Record<Language, TFunction> = {
  en: i18n.getFixedT('en'),
  zh: i18n.getFixedT('zh')
}

/** A message in both languages from one catalogue key (used by the core for error replies). */
export function bilingual(
  key: string,
  params: Record<string, unknown> | ((lang: Language) => Record<string, unknown>) = {}
): LocalisedText {
  const p = (lang: Language): Record<string, unknown> => (typeof params === 'function' ? params(lang) : params)
  return { en: String(fixed.en(key, p('en'))), zh: String(fixed.zh(key, p('zh'))) }
}

export function translate(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  return String(fixed[lang](key, params))
}
