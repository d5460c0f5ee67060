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

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

/** Whether the Reports page is the screen on show. */
export const useReportsRoute = (): boolean => useSyncExternalStore(subscribe, () => isReportsHash(window.location.hash))

export function openReports(): void {
  window.location.hash = REPORTS_HASH
}

/** Keeps the chosen period in the address, in place (Back still leaves the page, not the period). */
export function showPresetInAddress(preset: Preset): void {
  window.history.replaceState(window.history.state, '', reportsHash(preset))
}

export function closeReports(): void {
  window.location.hash = '#/'
}
