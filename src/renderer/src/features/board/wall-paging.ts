import { useEffect, type RefObject } from 'react'

/** How long a wall display shows each page of lanes. */
export const WALL_PAGE_MS = 15_000

/**
 * Where a wall display's lane list scrolls next: one page on, in whole lanes, or back to the top
 * after the last page. A list that fits stays where it is (0).
 */
export function nextPageTop(scrollTop: number, clientHeight: number, scrollHeight: number, rowPx: number): number {
  const maxTop = Math.max(0, scrollHeight - clientHeight)
  if (maxTop < 1) return 0
  if (scrollTop >= maxTop - 1) return 0
  const page = Math.max(rowPx, Math.floor(clientHeight / rowPx) * rowPx)
  return Math.min(scrollTop + page, maxTop)
}

/**
 * A wall display has nobody to scroll it: while `on`, the list turns a page every WALL_PAGE_MS, so
 * every technician's lane comes round on a workshop with more lanes than the screen holds.
 */
export function useWallPaging(scroller: RefObject<HTMLElement | null>, on: boolean, rowPx: number): void {
  useEffect(() => {
    if (!on) return
    const timer = setInterval(() => {
      const el = scroller.current
      if (!el) return
      el.scrollTo({ top: nextPageTop(el.scrollTop, el.clientHeight, el.scrollHeight, rowPx), behavior: 'smooth' })
    }, WALL_PAGE_MS)
    return () => clearInterval(timer)
  }, [scroller, on, rowPx])
}
