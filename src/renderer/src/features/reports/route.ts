import { useSyncExternalStore } from 'react'
import { PRESETS, type Preset } from './report-period'

/** `#/reports` opens the Reports page; anything else leaves it (the board, or another screen's hash). */
export const REPORTS_HASH = '#/reports'
/** `#/reports`, or with its period: `#/reports/90` (a bookmark, a wall display's address, a reload). */
const REPORTS_ROUTE = /^#\/reports(?:\/(\d+))?\/?$/

/** The period the page opens with: the last 30 days, the service manager's month. */
export const DEFAULT_PRESET: Preset = 30

export function isReportsHash(hash: string): boolean {
  return REPORTS_ROUTE.test(hash)
}

/** The period a Reports hash names; the default month for `#/reports` or a period it does not offer. */
export function presetOfHash(hash: string): Preset {
  const days = Number(REPORTS_ROUTE.exec(hash)?.[1])
  return PRESETS.find((p) => p === days) ?? DEFAULT_PRESET
}

export function reportsHash(preset: Preset): string {
  return `${REPORTS_HASH}/${preset}`
}

// The address changes by navigation (hashchange) or in place when a period is chosen (replaceState,
// which fires no event: showPresetInAddress tells the listeners itself).
const listeners = new Set<() => void>()
const subscribe = (onChange: () => void) => {
  listeners.add(onChange)
  window.addEventListener('hashchange', onChange)
  return () => {
    listeners.delete(onChange)
    window.removeEventListener('hashchange', onChange)
  }
}

/** Whether the Reports page is the screen on show. */
export const useReportsRoute = (): boolean => useSyncExternalStore(subscribe, () => isReportsHash(window.location.hash))

/** The Reports page's period, read from the address: a bookmark, a reload or a typed address all set it. */
export const useReportsPreset = (): Preset => useSyncExternalStore(subscribe, () => presetOfHash(window.location.hash))

export function openReports(): void {
  window.location.hash = REPORTS_HASH
}

/** Keeps the chosen period in the address, in place (Back still leaves the page, not the period). */
export function showPresetInAddress(preset: Preset): void {
  window.history.replaceState(window.history.state, '', reportsHash(preset))
  for (const l of listeners) l()
}

export function closeReports(): void {
  window.location.hash = '#/'
}
