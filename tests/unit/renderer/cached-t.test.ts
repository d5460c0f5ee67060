import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { translationCache } from '../../../src/renderer/src/i18n/cached-t'

// The board's texts are looked up once per language, key and options (issue 5), and a cached
// text is never shown in the wrong language or after the catalogue changed.
async function setup() {
  const i18n = i18next.createInstance()
  await i18n.init({
    lng: 'en',
    resources: {
      en: { translation: { due: 'Due', hours: '{{h}} h', lines_one: '+{{count}} line', lines_other: '+{{count}} lines' } },
      zh: { translation: { due: '交车', hours: '{{h}} 小时', lines_other: '另 {{count}} 项' } }
    },
    interpolation: { escapeValue: false }
  })
  let calls = 0
  const counted = ((...args: Parameters<typeof i18n.t>) => {
    calls++
    return i18n.t(...args)
  }) as typeof i18n.t
  return { i18n, t: translationCache(i18n)(counted), calls: () => calls }
}

describe('cached translations', () => {
  it('gives what t gives, looking each key and options up once', async () => {
    const { t, calls } = await setup()
    expect(t('due')).toBe('Due')
    expect(t('due')).toBe('Due')
    expect(t('hours', { h: 2.5 })).toBe('2.5 h')
    expect(t('hours', { h: 2.5 })).toBe('2.5 h')
    expect(t('hours', { h: 3 })).toBe('3 h')
    expect(t('lines', { count: 1 })).toBe('+1 line')
    expect(t('lines', { count: 2 })).toBe('+2 lines')
    expect(calls()).toBe(5)
  })

  it('never answers in the language that was on screen before', async () => {
    const { i18n, t } = await setup()
    expect(t('due')).toBe('Due')
    await i18n.changeLanguage('zh')
    expect(t('due')).toBe('交车')
    expect(t('lines', { count: 2 })).toBe('另 2 项')
  })

  it('forgets what it had when the catalogue changes', async () => {
    const { i18n, t } = await setup()
    expect(t('due')).toBe('Due')
    i18n.addResource('en', 'translation', 'due', 'Promised')
    expect(t('due')).toBe('Promised')
  })

  it('does not cache calls with object options', async () => {
    const { t, calls } = await setup()
    const opts = { h: { toString: () => '7' } }
    t('hours', opts)
    t('hours', opts)
    expect(calls()).toBe(2)
  })
})
