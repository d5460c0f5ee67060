import { useSyncExternalStore } from 'react'

/**
 * Screens reachable by URL hash, so the QC tablet can bookmark its view: `#/qc` (queue and
 * sign-off) and `#/qc/delivery` (ready for delivery). Anything else is the board.
 */
export type Route = 'board' | 'qc' | 'delivery'

export function routeOf(hash: string): Route {
  if (/^#\/qc\/delivery\/?$/.test(hash)) return 'delivery'
  if (/^#\/qc\/?$/.test(hash)) return 'qc'
  return 'board'
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange)
  return () => window.removeEventListener('hashchange', onChange)
}

export const useRoute = (): Route => useSyncExternalStore(subscribe, () => routeOf(window.location.hash))

export function go(route: Route): void {
  window.location.hash = route === 'qc' ? '#/qc' : route === 'delivery' ? '#/qc/delivery' : '#/'
}
