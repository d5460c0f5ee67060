import { create } from 'zustand'
import { boardData } from '../../store/board-store'
import { keyedSubscriptions, useKeyed } from '../../store/keyed'
import type { LaneModel } from '../../store/board-state'
import type { DropTarget } from './moves'

/**
 * Where the dragged card would land, found by arithmetic on the board's fixed geometry instead of
 * one dnd-kit droppable per lane and per queued card (issue 5). dnd-kit itself only knows two
 * drop areas, the pool and the lane list, so its context (which every draggable on screen reads)
 * changes when the pointer crosses between them, not on every lane or slot. The lane, the slot
 * and the drop preview read this store, and only the lane left and the lane entered re-render.
 */
export const useDropTarget = create<{ target: DropTarget | null }>(() => ({ target: null }))

/** Whether the drag is over this technician's lane (its header, current slot or next jobs). */
export const useLaneOver = (technicianId: number): boolean =>
  useDropTarget((s) => s.target !== null && s.target.kind !== 'pool' && s.target.technicianId === technicianId)

/** Whether a drop now would put the card in front of this next job (only that card re-renders, not its lane's strip). */
const insertsBefore = (s: { target: DropTarget | null }, orderId: number): boolean => s.target?.kind === 'slot' && s.target.orderId === orderId
// Every queued card on screen asks; a slot change wakes the two cards concerned (keyed.ts).
const subscribeInsertBefore = keyedSubscriptions(useDropTarget, insertsBefore)
export const useInsertBefore = (orderId: number): boolean =>
  useKeyed(subscribeInsertBefore, orderId, () => insertsBefore(useDropTarget.getState(), orderId))

export const usePoolOver = (): boolean => useDropTarget((s) => s.target?.kind === 'pool')

export const sameTarget = (a: DropTarget | null, b: DropTarget | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.kind === b.kind &&
    (a.kind === 'pool' ||
      (b.kind !== 'pool' && a.technicianId === b.technicianId && (a.kind !== 'slot' || (b.kind === 'slot' && a.orderId === b.orderId)))))

/** Each lane's next-job strip (a horizontal scroller), so the slot under the pointer can be computed from its scroll offset. */
const strips = new Map<number, HTMLElement>()
export function registerQueueStrip(technicianId: number, el: HTMLElement | null): void {
  if (el) strips.set(technicianId, el)
  else strips.delete(technicianId)
}
export const queueStrip = (technicianId: number): HTMLElement | undefined => strips.get(technicianId)

/**
 * The board's geometry, read once at drag start (the page itself does not scroll; the lane list
 * and the strips do, and their offsets are read on each move, which costs no layout).
 */
export interface BoardGeometry {
  lanesScroll: Pick<HTMLElement, 'scrollTop'>
  /** Viewport box of the lane list. */
  lanes: { left: number; top: number; right: number; bottom: number }
  /** Top of the first lane row with the list scrolled to 0 (viewport px). */
  origin: number
  rowPx: number
  /** Lane height without the gap below it. */
  laneHeight: number
  /** Viewport x range of the next-job strips (the same grid column in every lane). */
  queueLeft: number
  queueRight: number
  /** Start of the first queued card inside a strip's scrolled content (after the sticky tag). */
  listOffset: number
  itemPx: number
  cardPx: number
  pool: { left: number; top: number; right: number; bottom: number } | null
  rem: number
}

let geometry: BoardGeometry | null = null
export const boardGeometry = (): BoardGeometry | null => geometry

/** Lane rows and next-job items are fixed-size virtual rows (LaneList, QueueStrip): sizes in rem. */
export function measureBoard(rowRem: number, itemRem: number, cardRem: number): BoardGeometry | null {
  const lanesScroll = document.querySelector<HTMLElement>('.lanes-scroll')
  const inner = lanesScroll?.querySelector<HTMLElement>('.lanes-inner')
  if (!lanesScroll || !inner) {
    geometry = null
    return null
  }
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  const box = (el: Element | null) => {
    if (!el) return null
    const r = el.getBoundingClientRect()
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
  }
  const lanes = box(lanesScroll)!
  const laneEl = inner.querySelector<HTMLElement>('section.lane')
  const strip = inner.querySelector<HTMLElement>('.queue-scroll')
  const stripBox = box(strip)
  const list = strip?.querySelector<HTMLElement>('.queue-list')
  const listBox = box(list ?? null)
  geometry = {
    lanesScroll,
    lanes,
    origin: inner.getBoundingClientRect().top + lanesScroll.scrollTop,
    rowPx: rowRem * rem,
    laneHeight: laneEl ? laneEl.getBoundingClientRect().height : rowRem * rem,
    queueLeft: stripBox?.left ?? Infinity,
    queueRight: stripBox?.right ?? -Infinity,
    listOffset: listBox && stripBox && strip ? listBox.left - stripBox.left + strip.scrollLeft : 0,
    itemPx: itemRem * rem,
    cardPx: cardRem * rem,
    pool: box(document.querySelector('section.pool')),
    rem
  }
  return geometry
}

export function forgetGeometry(): void {
  geometry = null
}

const inside = (b: { left: number; top: number; right: number; bottom: number }, x: number, y: number): boolean =>
  x >= b.left && x <= b.right && y >= b.top && y <= b.bottom

/** Index of the lane row at viewport y (may be off the rendered rows; the caller checks). */
export const laneIndexAt = (g: BoardGeometry, y: number): number => Math.floor((y - (g.origin - g.lanesScroll.scrollTop)) / g.rowPx)

/** Viewport top of lane row `index` as the list is scrolled now. */
export const laneTop = (g: BoardGeometry, index: number): number => g.origin - g.lanesScroll.scrollTop + index * g.rowPx

/** Viewport left of item `index` (parked first, then the queue) of a lane's strip as it is scrolled now. */
export const itemLeft = (g: BoardGeometry, strip: HTMLElement | undefined, index: number): number =>
  g.queueLeft - (strip?.scrollLeft ?? 0) + g.listOffset + index * g.itemPx

/** The drop target under a viewport point: the pool, a lane, or in front of one of a lane's next jobs. */
export const targetAt = (x: number, y: number): DropTarget | null => (geometry ? targetIn(geometry, boardData(), x, y) : null)

/** targetAt for a given geometry and board (unit-tested without a DOM). */
export function targetIn(
  g: BoardGeometry,
  board: { laneIds: readonly number[]; lanes: Readonly<Record<number, Pick<LaneModel, 'queueIds' | 'parkedIds'> | undefined>> },
  x: number,
  y: number
): DropTarget | null {
  if (g.pool && inside(g.pool, x, y)) return { kind: 'pool' }
  if (!inside(g.lanes, x, y)) return null
  const index = laneIndexAt(g, y)
  const technicianId = board.laneIds[index]
  if (technicianId === undefined) return null
  // The gap under a lane belongs to no lane (as before, when each lane's box was its own drop area).
  if (y - laneTop(g, index) > g.laneHeight) return null
  if (x >= g.queueLeft && x <= g.queueRight) {
    const lane = board.lanes[technicianId]
    const offset = x - itemLeft(g, queueStrip(technicianId), 0)
    const i = Math.floor(offset / g.itemPx)
    const parked = lane?.parkedIds.length ?? 0
    const orderId = lane?.queueIds[i - parked]
    // Over a queued card (not the gap after it): the drop goes in front of it.
    if (offset >= 0 && orderId !== undefined && offset - i * g.itemPx <= g.cardPx) return { kind: 'slot', technicianId, orderId }
  }
  return { kind: 'lane', technicianId }
}
