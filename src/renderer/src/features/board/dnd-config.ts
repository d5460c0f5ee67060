import {
  KeyboardCode,
  PointerSensor,
  type Announcements,
  type PointerSensorProps,
  type Collision,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier
} from '@dnd-kit/core'
import type { PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import type { TFunction } from 'i18next'
import { boardData } from '../../store/board-store'
import { useDrag } from '../../store/drag-store'
import { i18n } from '../../i18n'
import { updateDropPreview } from '../schedule/drop-preview'
import type { DropTarget } from './moves'
import { boardGeometry, itemLeft, laneTop, queueStrip, sameTarget, targetAt, useDropTarget } from './drop-target'
import { afterPaint } from '../../components/after-paint'

/** dnd-kit's two drop areas: the lanes and the slots in them are told apart by drop-target.ts. */
export const POOL_DROP_ID = 'pool'
export const LANES_DROP_ID = 'lanes'

/**
 * Mouse and pen only: touch is left to the TouchSensor (with its press delay), otherwise a
 * finger scrolling the pool would start a drag after 6 px.
 */
export class MousePointerSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: e }: ReactPointerEvent) => e.isPrimary && e.button === 0 && e.pointerType !== 'touch'
    }
  ]

  /**
   * Each pointer move renders at once: Chrome delivers moves just before a frame's animation
   * callbacks, so a render left to React's scheduler lands a frame later (issue 5: pointer move
   * to next frame <= 16.7 ms). Only the drag context's consumers render; card bodies are memoised.
   */
  constructor(props: PointerSensorProps) {
    super({ ...props, onMove: (coordinates) => flushSync(() => props.onMove(coordinates)) })
  }
}

/**
 * dnd-kit's auto-scroll near the edges of the scroller under the pointer: the lane list, to reach
 * technicians below or above the screen. Not the dispatch pool: its order is the board's own and a
 * drop anywhere in it un-assigns, so scrolling it only slid the cards away under a card just picked
 * up from its lower or upper part (and mounted new ones during the drag start, issue 5). The lane
 * list's edge zone is a tenth of its height (dnd-kit's default is a fifth): on the big screen that
 * is about one lane, so the lowest visible lanes take a drop without the list moving under it.
 */
export const autoScroll = {
  threshold: { x: 0.2, y: 0.1 },
  canScroll: (element: Element): boolean => !element.classList.contains('pool-scroll')
}

/**
 * The drop target the keyboard chose. The keyboard moves from target to target (pool, lane,
 * in front of a next job...), and the collision check honours that choice instead of
 * re-deriving it from geometry, which would be thrown off by the scrolling lane list.
 */
let keyboardTarget: DropTarget | null = null
let lastKeyboardLane: number | null = null
/** The target of the drag in progress, as last found by the collision check. */
let current: DropTarget | null = null
let publishing = false

/** Called at the start and end of every drag: each drag starts from where the card is. */
export function resetDropTarget(): void {
  stripScroll = null
  if (liveRegion) liveRegion.textContent = ''
  keyboardTarget = null
  lastKeyboardLane = null
  // `current` stays until the next drag starts: the drop announcement reads it after onDragEnd.
  useDropTarget.setState({ target: null })
}
export function startDropTarget(): void {
  current = null
  resetDropTarget()
}
/** What a drop now would hit: read by onDragEnd instead of dnd-kit's coarse `over`. */
export const currentDropTarget = (): DropTarget | null => current

/**
 * The collision check runs inside dnd-kit's render, so the new target is published right after
 * it (a microtask, still before the frame): the lane left and the lane entered re-render, with
 * the drop preview and the screen-reader announcement, and nothing else.
 */
function setTarget(next: DropTarget | null): void {
  if (sameTarget(current, next)) return
  current = next
  if (publishing) return
  publishing = true
  queueMicrotask(() => {
    publishing = false
    const target = current
    const orderId = useDrag.getState().activeOrderId
    if (orderId === null) return
    useDropTarget.setState({ target })
    if (!followUpQueued) {
      followUpQueued = true
      afterPaint(followUp)
    }
  })
}

/**
 * The lane's drop preview (a projection of the lane, several ms on a long queue) and the
 * screen-reader announcement follow in the task after the frame that lit the lane: the card and
 * the highlight must not wait for them (issue 5). Targets passed over before then cost nothing.
 */
let followUpQueued = false
function followUp(): void {
  followUpQueued = false
  const orderId = useDrag.getState().activeOrderId
  if (orderId === null) return
  const target = current
  updateDropPreview(orderId, target)
  announce(overAnnouncement(i18n.t, orderId, target))
}

const NONE: Collision[] = []
const collisionCache = new WeakMap<DroppableContainer, Collision[]>()
/** The same array for the same area, so dnd-kit's context does not change while the area does not. */
function collisionWith(container: DroppableContainer): Collision[] {
  let c = collisionCache.get(container)
  if (!c) collisionCache.set(container, (c = [{ id: container.id, data: { droppableContainer: container, value: 0 } }]))
  return c
}

/**
 * The pointer (the keyboard's chosen target) decides the target by arithmetic on the board's
 * geometry (drop-target.ts): no droppable rects are read, whatever the number of lanes.
 */
export const collisionDetection: CollisionDetection = ({ droppableContainers, pointerCoordinates }) => {
  const target = pointerCoordinates ? targetAt(pointerCoordinates.x, pointerCoordinates.y) : keyboardTarget
  setTarget(target)
  if (pointerCoordinates) scrollStripAt(pointerCoordinates.x, pointerCoordinates.y, target)
  if (target === null) return NONE
  const id = target.kind === 'pool' ? POOL_DROP_ID : LANES_DROP_ID
  const container = droppableContainers.find((d) => d.id === id)
  return container ? collisionWith(container) : NONE
}

/**
 * dnd-kit auto-scrolls the lane list (autoScroll above); a lane's
 * next-job strip scrolls sideways here when the pointer nears its left or right edge (the outer
 * fifth, as dnd-kit does), and the slot under the pointer follows the scroll.
 */
let stripScroll: { strip: HTMLElement; step: number; x: number; y: number } | null = null
let stripFrame = 0
function scrollStripAt(x: number, y: number, target: DropTarget | null): void {
  const g = boardGeometry()
  const strip = g && target && target.kind !== 'pool' ? queueStrip(target.technicianId) : undefined
  let step = 0
  if (g && strip && x >= g.queueLeft && x <= g.queueRight) {
    const zone = (g.queueRight - g.queueLeft) / 5
    // Scroll sizes are read only in the edge zones: most moves cost no read of the strip at all.
    if (x > g.queueRight - zone && strip.scrollLeft < strip.scrollWidth - strip.clientWidth) step = Math.ceil((20 * (x - (g.queueRight - zone))) / zone)
    else if (x < g.queueLeft + zone && strip.scrollLeft > 0) step = -Math.ceil((20 * (g.queueLeft + zone - x)) / zone)
  }
  stripScroll = strip && step !== 0 ? { strip, step, x, y } : null
  if (stripScroll && !stripFrame) stripFrame = requestAnimationFrame(stripTick)
}
function stripTick(): void {
  stripFrame = 0
  const s = stripScroll
  if (!s || useDrag.getState().activeOrderId === null || !s.strip.isConnected) return
  const before = s.strip.scrollLeft
  s.strip.scrollLeft = before + s.step
  if (s.strip.scrollLeft === before) return
  setTarget(targetAt(s.x, s.y))
  stripFrame = requestAnimationFrame(stripTick)
}

/** Brings lane row `index` into the lane list's view (keyboard drags walk all lanes, not only the rendered ones). */
function revealLane(index: number): void {
  const g = boardGeometry()
  if (!g) return
  const top = laneTop(g, index)
  const view = g.lanesScroll
  if (top < g.lanes.top) view.scrollTop -= g.lanes.top - top
  else if (top + g.rowPx > g.lanes.bottom) view.scrollTop += top + g.rowPx - g.lanes.bottom
}

/**
 * Arrow keys jump between drop areas instead of nudging 25 px (platform.md). Up and Down go from
 * technician to technician (a lane means "current slot if free, else the end of the queue").
 * Within a lane, Left walks towards the front of the queue (in front of each next job in turn)
 * and past the front to the dispatch pool; Right walks back towards the end, and from the pool
 * returns to the lanes.
 */
export const coordinateGetter: KeyboardCoordinateGetter = (event, { active, context }) => {
  const { collisionRect } = context
  const g = boardGeometry()
  if (!collisionRect || !g) return undefined
  const board = boardData()
  const lanes = board.laneIds
  const here = keyboardTarget
  const laneIndex = here && here.kind !== 'pool' ? lanes.indexOf(here.technicianId) : -1
  // The next jobs of the lane we are in, front to back. The dragged card's own place counts for
  // "where am I" but is never a target (dropping in front of itself changes nothing).
  const own = Number(String(active).slice(3))
  const slots = here && here.kind !== 'pool' ? (board.lanes[here.technicianId]?.queueIds ?? []) : []
  const slotIndex = here?.kind === 'slot' ? slots.indexOf(here.orderId) : -1
  const slot = (orderId: number | undefined): DropTarget | null =>
    orderId === undefined || !here || here.kind === 'pool' ? null : { kind: 'slot', technicianId: here.technicianId, orderId }
  const before = (i: number) => slot(slots.slice(0, i).reverse().find((id) => id !== own))
  const after = (i: number) => slot(slots.slice(i + 1).find((id) => id !== own))
  const lane = (i: number): DropTarget | null => (lanes[i] === undefined ? null : { kind: 'lane', technicianId: lanes[i] })
  const pool: DropTarget = { kind: 'pool' }
  let next: DropTarget | null = null
  switch (event.code) {
    case KeyboardCode.Left:
      if (here?.kind === 'lane') next = before(slots.length) ?? pool
      else if (here?.kind === 'slot') next = before(slotIndex) ?? pool
      else next = pool
      break
    case KeyboardCode.Right:
      if (here?.kind === 'slot') next = after(slotIndex) ?? lane(laneIndex)
      else if (laneIndex >= 0) next = lane(laneIndex)
      else next = lane(lastKeyboardLane !== null && lanes.includes(lastKeyboardLane) ? lanes.indexOf(lastKeyboardLane) : 0)
      break
    case KeyboardCode.Down:
      next = lane(laneIndex < 0 ? 0 : Math.min(laneIndex + 1, lanes.length - 1))
      break
    case KeyboardCode.Up:
      next = lane(laneIndex < 0 ? 0 : Math.max(laneIndex - 1, 0))
      break
    default:
      return undefined
  }
  event.preventDefault()
  if (next === null) return undefined
  keyboardTarget = next
  // Published now: when the lane list scrolls instead, dnd-kit does not render this key press.
  setTarget(next)
  if (next.kind === 'pool') {
    const p = g.pool
    if (!p) return undefined
    return { x: p.left + (p.right - p.left - collisionRect.width) / 2, y: p.top + (p.bottom - p.top - collisionRect.height) / 2 }
  }
  lastKeyboardLane = next.technicianId
  const index = lanes.indexOf(next.technicianId)
  revealLane(index)
  const top = laneTop(g, index)
  if (next.kind === 'slot') {
    const strip = queueStrip(next.technicianId)
    const at = (board.lanes[next.technicianId]?.parkedIds.length ?? 0) + slots.indexOf(next.orderId)
    let left = itemLeft(g, strip, at)
    // A next job scrolled out of its strip is scrolled into view first.
    if (strip && (left < g.queueLeft + g.listOffset || left + g.cardPx > g.queueRight)) {
      strip.scrollLeft += left - (g.queueLeft + g.listOffset)
      left = itemLeft(g, strip, at)
    }
    return { x: left - collisionRect.width / 3, y: top + (g.laneHeight - collisionRect.height) / 2 - 8 }
  }
  // On a lane, park the dragged card where the next-job queue starts, so the technician's name
  // and current order stay readable while the keyboard user decides.
  const width = g.lanes.right - g.lanes.left
  return { x: g.lanes.left + Math.max(0, Math.min(width - collisionRect.width - 8, 38 * g.rem)), y: top + (g.laneHeight - collisionRect.height) / 2 }
}

function describeTarget(t: TFunction, target: DropTarget | null): string {
  if (!target) return ''
  if (target.kind === 'pool') return t('ui.pool')
  return boardData().technicians[target.technicianId]?.name ?? ''
}

const roOf = (id: UniqueIdentifier | number): string => {
  const orderId = typeof id === 'number' ? id : Number(String(id).replace('ro:', ''))
  return boardData().orders[orderId]?.roNumber ?? ''
}

/** What a screen reader hears when the drag's target changes. */
export function overAnnouncement(t: TFunction, orderId: number, target: DropTarget | null): string {
  const roNumber = roOf(orderId)
  if (!target) return t('ui.a11y.overNothing', { roNumber })
  if (target.kind === 'pool') return t('ui.a11y.overPool', { roNumber })
  const ok = useDrag.getState().qualified?.has(target.technicianId) ?? false
  const verdict = ok ? t('ui.qualified') : t('ui.notQualified')
  if (target.kind === 'slot') {
    return t('ui.a11y.overSlot', { roNumber, technician: describeTarget(t, target), before: roOf(target.orderId), verdict })
  }
  return t('ui.a11y.overLane', { roNumber, technician: describeTarget(t, target), verdict })
}

/**
 * dnd-kit announces a change of its own (coarse) drop area; the lane and slot changes are
 * announced here, in a live region of the same kind, written directly (no render).
 */
let liveRegion: HTMLElement | null = null
function announce(text: string): void {
  if (!liveRegion || !liveRegion.isConnected) {
    liveRegion = document.createElement('div')
    liveRegion.id = 'wdb-drag-live'
    liveRegion.setAttribute('role', 'status')
    liveRegion.setAttribute('aria-live', 'assertive')
    liveRegion.setAttribute('aria-atomic', 'true')
    liveRegion.className = 'sr-only'
    document.body.appendChild(liveRegion)
  }
  liveRegion.textContent = text
}

/** Screen-reader announcements in the language on screen. */
export function announcements(t: TFunction): Announcements {
  return {
    onDragStart: ({ active }) => t('ui.a11y.pickedUp', { roNumber: roOf(active.id), count: useDrag.getState().qualified?.size ?? 0 }),
    // Lane and slot changes are announced by setTarget above.
    onDragOver: () => undefined,
    onDragEnd: ({ active }) => {
      const target = current
      return target
        ? t('ui.a11y.dropped', { roNumber: roOf(active.id), target: describeTarget(t, target) })
        : t('ui.a11y.droppedNowhere', { roNumber: roOf(active.id) })
    },
    onDragCancel: ({ active }) => t('ui.a11y.cancelled', { roNumber: roOf(active.id) })
  }
}
