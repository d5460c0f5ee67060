import type { i18n as I18n, TFunction } from 'i18next'

/** Entries kept at most: interpolated times make many distinct calls over a day. */
const MAX_TRANSLATED = 20_000

function cacheKey(lang: string, key: unknown, options: unknown): string | null {
  if (typeof key !== 'string') return null
  if (options === undefined) return `${lang}\u0000${key}`
  if (typeof options !== 'object' || options === null) return null
  let k = `${lang}\u0000${key}`
  for (const [name, value] of Object.entries(options)) {
    // Only plain values: an object or function option (returnObjects, a formatter) is not cached.
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean' && value !== undefined) return null
    k += `\u0000${name}=${String(value)}`
  }
  return k
}

/**
 * Texts already translated, by language, key and options. A 2,000-order board draws ~120 cards
 * with ~10 texts each; i18next's t() costs ~20 µs a call (key parsing, nesting, interpolation),
 * which was a quarter of the board's first render (issue 5). The same key with the same options in
 * the same language always gives the same text, so it is looked up once. Cleared when the language
 * or the catalogue changes; bounded. Returns a wrapper for a `t` of that instance.
 */
export function translationCache(i18n: I18n): (t: TFunction) => TFunction {
  const translated = new Map<string, string>()
  i18n.on('languageChanged', () => translated.clear())
  i18n.store.on('added', () => translated.clear())
  return (t) => {
    const lookup = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
      const k = rest.length ? null : cacheKey(i18n.language, key, options)
      if (k !== null) {
        const hit = translated.get(k)
        if (hit !== undefined) return hit
      }
      const text = (t as unknown as (...a: unknown[]) => unknown)(key, options, ...rest)
      if (k !== null && typeof text === 'string') {
        if (translated.size >= MAX_TRANSLATED) translated.clear()
        translated.set(k, text)
      }
      return text
    }
    // TFunction's overloads cannot be spelled by a wrapper; it takes and returns what t does.
    return lookup as unknown as TFunction
  }
}
