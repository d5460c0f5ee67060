import {
  KeyboardCode,
  PointerSensor,
  type Announcements,
  type PointerSensorProps,
  type Collision,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier
} from '@dnd-kit/core'
import type { PointerEvent as ReactPointerEvent } from 'react'
import { flushSync } from 'react-dom'
import type { TFunction } from 'i18next'
import type { DropData } from './DraggableCard'
import { boardData } from '../../store/board-store'
import { useDrag } from '../../store/drag-store'

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
 * The drop target the keyboard chose. The keyboard moves from target to target (pool, lane,
 * lane...), and the collision check honours that choice instead of re-deriving it from
 * geometry, which would be thrown off by the scrolling lane list.
 */
let keyboardTarget: UniqueIdentifier | null = null
let lastKeyboardLane: UniqueIdentifier | null = null
/** Called at the start and end of every drag: each keyboard drag starts from where the card is. */
export function resetKeyboardTarget(): void {
  keyboardTarget = null
  lastKeyboardLane = null
}

const rank = (id: UniqueIdentifier): number => (String(id).startsWith('slot:') ? 0 : String(id).startsWith('lane:') ? 1 : 2)

/** Pointer (or the dragged card's centre) inside a drop area; the most specific area wins. */
export const collisionDetection: CollisionDetection = ({ droppableContainers, droppableRects, pointerCoordinates, collisionRect }) => {
  if (!pointerCoordinates && keyboardTarget !== null) {
    const c = droppableContainers.find((d) => d.id === keyboardTarget)
    if (c) return [{ id: c.id, data: { droppableContainer: c, value: 0 } }]
  }
  const p = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2
  }
  const hits: Collision[] = []
  for (const c of droppableContainers) {
    const r = droppableRects.get(c.id)
    if (r && p.x >= r.left && p.x <= r.left + r.width && p.y >= r.top && p.y <= r.top + r.height) {
      hits.push({ id: c.id, data: { droppableContainer: c, value: rank(c.id) } })
    }
  }
  return hits.sort((a, b) => rank(a.id) - rank(b.id))
}

const laneIdOf = (data: DropData | undefined): UniqueIdentifier | null =>
  data && data.kind !== 'pool' ? `lane:${data.technicianId}` : data?.kind === 'pool' ? 'pool' : null

/**
 * Arrow keys jump between drop areas instead of nudging 25 px (platform.md). Up and Down go from
 * technician to technician (a lane means "current slot if free, else the end of the queue").
 * Within a lane, Left walks towards the front of the queue (in front of each next job in turn)
 * and past the front to the dispatch pool; Right walks back towards the end, and from the pool
 * returns to the lanes.
 */
export const coordinateGetter: KeyboardCoordinateGetter = (event, { active, context }) => {
  const { droppableContainers, droppableRects, collisionRect, over } = context
  if (!collisionRect) return undefined
  const placed = (prefix: string) =>
    droppableContainers
      .getEnabled()
      .filter((c) => String(c.id).startsWith(prefix))
      .map((c) => ({ id: c.id, data: c.data.current as DropData | undefined, rect: droppableRects.get(c.id) }))
      .filter((l): l is { id: UniqueIdentifier; data: DropData | undefined; rect: NonNullable<typeof l.rect> } => l.rect !== undefined)
  const lanes = placed('lane:').sort((a, b) => a.rect.top - b.rect.top)
  const here = keyboardTarget ?? laneIdOf(over?.data.current as DropData | undefined)
  const hereData = droppableContainers.get(here ?? '')?.data.current as DropData | undefined
  const laneHere = hereData && hereData.kind !== 'pool' ? `lane:${hereData.technicianId}` : null
  // The next jobs of the lane we are in, front to back. The dragged card's own place counts for
  // "where am I" but is never a target (dropping in front of itself changes nothing).
  const own = `slot:${String(active).slice(3)}`
  const slots =
    hereData && hereData.kind !== 'pool'
      ? placed('slot:')
          .filter((c) => c.data?.kind === 'slot' && c.data.technicianId === hereData.technicianId)
          .sort((a, b) => a.rect.left - b.rect.left)
      : []
  const laneIndex = lanes.findIndex((l) => l.id === laneHere)
  const slotIndex = slots.findIndex((c) => c.id === here)
  const before = (i: number) => slots.slice(0, i).reverse().find((c) => c.id !== own)?.id
  const after = (i: number) => slots.slice(i + 1).find((c) => c.id !== own)?.id
  let next: UniqueIdentifier | null = null
  switch (event.code) {
    case KeyboardCode.Left:
      if (hereData?.kind === 'lane') next = before(slots.length) ?? 'pool'
      else if (hereData?.kind === 'slot') next = before(slotIndex) ?? 'pool'
      else next = 'pool'
      break
    case KeyboardCode.Right:
      if (hereData?.kind === 'slot') next = after(slotIndex) ?? laneHere
      else if (laneIndex >= 0) next = lanes[laneIndex].id
      else next = lanes.find((l) => l.id === lastKeyboardLane)?.id ?? lanes[0]?.id ?? null
      break
    case KeyboardCode.Down:
      next = laneIndex < 0 ? (lanes[0]?.id ?? null) : (lanes[Math.min(laneIndex + 1, lanes.length - 1)]?.id ?? null)
      break
    case KeyboardCode.Up:
      next = laneIndex < 0 ? (lanes[0]?.id ?? null) : (lanes[Math.max(laneIndex - 1, 0)]?.id ?? null)
      break
    default:
      return undefined
  }
  event.preventDefault()
  if (next === null) return undefined
  const r = droppableRects.get(next)
  if (!r) return undefined
  keyboardTarget = next
  if (String(next).startsWith('lane:')) lastKeyboardLane = next
  if (String(next).startsWith('slot:')) return { x: r.left - collisionRect.width / 3, y: r.top + (r.height - collisionRect.height) / 2 - 8 }
  // On a lane, park the dragged card where the next-job queue starts, so the technician's name
  // and current order stay readable while the keyboard user decides.
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16
  const x = next === 'pool' ? r.left + (r.width - collisionRect.width) / 2 : r.left + Math.max(0, Math.min(r.width - collisionRect.width - 8, 38 * rem))
  return { x, y: r.top + (r.height - collisionRect.height) / 2 }
}

function describeTarget(t: TFunction, overData: DropData | undefined): string {
  if (!overData) return ''
  if (overData.kind === 'pool') return t('ui.pool')
  return boardData().technicians[overData.technicianId]?.name ?? ''
}

const roOf = (id: UniqueIdentifier): string => {
  const orderId = Number(String(id).replace('ro:', ''))
  return boardData().orders[orderId]?.roNumber ?? ''
}

/** Screen-reader announcements in the language on screen. */
export function announcements(t: TFunction): Announcements {
  return {
    onDragStart: ({ active }) => t('ui.a11y.pickedUp', { roNumber: roOf(active.id), count: useDrag.getState().qualified?.size ?? 0 }),
    onDragOver: ({ active, over }) => {
      const data = over?.data.current as DropData | undefined
      if (!data) return t('ui.a11y.overNothing', { roNumber: roOf(active.id) })
      if (data.kind === 'pool') return t('ui.a11y.overPool', { roNumber: roOf(active.id) })
      const ok = useDrag.getState().qualified?.has(data.technicianId) ?? false
      if (data.kind === 'slot') {
        return t('ui.a11y.overSlot', {
          roNumber: roOf(active.id),
          technician: describeTarget(t, data),
          before: boardData().orders[data.orderId]?.roNumber ?? '',
          verdict: ok ? t('ui.qualified') : t('ui.notQualified')
        })
      }
      return t('ui.a11y.overLane', {
        roNumber: roOf(active.id),
        technician: describeTarget(t, data),
        verdict: ok ? t('ui.qualified') : t('ui.notQualified')
      })
    },
    onDragEnd: ({ active, over }) => {
      const data = over?.data.current as DropData | undefined
      return data
        ? t('ui.a11y.dropped', { roNumber: roOf(active.id), target: describeTarget(t, data) })
        : t('ui.a11y.droppedNowhere', { roNumber: roOf(active.id) })
    },
    onDragCancel: ({ active }) => t('ui.a11y.cancelled', { roNumber: roOf(active.id) })
  }
}
