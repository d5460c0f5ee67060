import { useEffect, useState, type RefObject } from 'react'

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

export interface WallPage {
  /** First and last lane on screen, 1-based. */
  from: number
  to: number
  total: number
  page: number
  pages: number
}

/**
 * What the wall display's page line says: the lanes on screen and which page of how many. Null
 * while every lane fits (nothing turns).
 */
export function wallPageOf(scrollTop: number, clientHeight: number, scrollHeight: number, rowPx: number, total: number): WallPage | null {
  const maxTop = Math.max(0, scrollHeight - clientHeight)
  if (maxTop < 1 || total === 0 || rowPx <= 0) return null
  const perPage = Math.max(1, Math.floor(clientHeight / rowPx))
  const pages = Math.ceil(total / perPage)
  // the last page is scrolled to the bottom: it ends with the last lane, whatever the list's padding
  if (scrollTop >= maxTop - 1) return { from: Math.max(1, total - perPage + 1), to: total, total, page: pages, pages }
  const first = Math.min(total - 1, Math.max(0, Math.round(scrollTop / rowPx)))
  return { from: first + 1, to: Math.min(total, first + perPage), total, page: Math.min(pages, Math.floor(first / perPage) + 1), pages }
}

/** The wall display's page line, kept up to date as the list turns (or is resized). */
export function useWallPage(scroller: RefObject<HTMLElement | null>, rowPx: number, total: number): WallPage | null {
  const [page, setPage] = useState<WallPage | null>(null)
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    let frame = 0
    const update = () => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        const next = wallPageOf(el.scrollTop, el.clientHeight, el.scrollHeight, rowPx, total)
        setPage((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next))
      })
    }
    update()
    el.addEventListener('scroll', update, { passive: true })
    const resized = new ResizeObserver(update)
    resized.observe(el)
    return () => {
      cancelAnimationFrame(frame)
      el.removeEventListener('scroll', update)
      resized.disconnect()
    }
  }, [scroller, rowPx, total])
  return page
}
