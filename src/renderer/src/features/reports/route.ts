import { useSyncExternalStore } from 'react'

/** `#/reports` opens the Reports page; anything else leaves it (the board, or another screen's hash). */
export const REPORTS_HASH = '#/reports'

export function isReportsHash(hash: string): boolean {
  return /^#\/reports\/?$/.test(hash)
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

export function closeReports(): void {
  window.location.hash = '#/'
}
