import { useDraggable } from '@dnd-kit/core'
import { memo, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react'
import { flushSync } from 'react-dom'
import { useT } from '../../i18n'
import { isMovable } from '../../../../shared/domain/repair-order-status'
import { OrderCardBody, type CardVariant } from '../repair-orders/OrderCard'
import { cardLabel } from '../repair-orders/card-text'
import { useCardOrder, useTimeZone } from '../../store/board-store'
import { useDrag, useDragged } from '../../store/drag-store'
import { openDialog, useUi } from '../../store/ui-store'
import { recentlyDragged } from './drag-clock'
import { useInsertBefore } from './drop-target'
import { useCan } from '../auth/session-store'

export interface DragData {
  orderId: number
}
export type DropData = { kind: 'pool' } | { kind: 'lanes' }

/** DndContext's id: dnd-kit names its hidden drag instructions after it (aria-describedby of every card). */
export const DND_ID = 'wdb-dnd-instructions'

/**
 * Card renders since load (this wrapper, not the memoised body), readable by the benchmarks: a
 * drop should re-render the source and the target, not every card on screen (issue 5).
 */
let cardShellRenders = 0
declare global {
  interface Window {
    __wdbShellRenders?: () => number
  }
}
if (typeof window !== 'undefined') window.__wdbShellRenders = () => cardShellRenders

type Activator = 'onPointerDown' | 'onTouchStart' | 'onKeyDown'
let activate: ((kind: Activator, e: SyntheticEvent, orderId: number, el: HTMLElement) => void) | null = null
/** A card element (re)mounted: if it is the dragged order's and the old element is gone, it takes over (focus returns to it after a keyboard drop). */
let relink: ((orderId: number, el: HTMLElement) => void) | null = null

/**
 * The one dnd-kit draggable of the board. A useDraggable per card made every card on screen
 * re-render whenever dnd-kit's context changed (drag start, drop, each change of target: 50-110 ms
 * long tasks at drag start, issue 5). Instead the card that is pressed lends its element to this
 * hook, which takes its id, and the press is passed on to dnd-kit's sensor (mouse, touch or
 * keyboard), which goes on exactly as if the card had its own hook.
 */
export function DragSource() {
  const [orderId, setOrderId] = useState<number | null>(null)
  const { listeners, node, setNodeRef } = useDraggable({
    id: `ro:${orderId ?? 0}`,
    data: { orderId: orderId ?? 0 } satisfies DragData,
    disabled: orderId === null
  })
  const latest = useRef(listeners)
  latest.current = listeners
  const idRef = useRef(orderId)
  idRef.current = orderId
  useLayoutEffect(() => {
    activate = (kind, e, id, el) => {
      // A second finger or a click elsewhere during a drag must not swap the dragged card.
      if (useDrag.getState().activeOrderId !== null) return
      setNodeRef(el)
      if (idRef.current !== id) flushSync(() => setOrderId(id))
      latest.current?.[kind]?.(e)
    }
    relink = (id, el) => {
      if (idRef.current === id && node.current !== el && !node.current?.isConnected) setNodeRef(el)
    }
    return () => {
      activate = null
      relink = null
    }
  }, [node, setNodeRef])
  return null
}

const openOrder = (id: number) => openDialog({ kind: 'order', orderId: id, mode: 'view' })

/**
 * A card on the board: memoised on its props, so it renders when its order, the clock or its
 * own drag state change (dragged, or the next job a drop would go in front of), never because
 * another card is dragged.
 */
export const DraggableCard = memo(function DraggableCard({ id, variant }: { id: number; variant: CardVariant }) {
  cardShellRenders++
  const { t } = useT()
  const order = useCardOrder(id)
  const timeZone = useTimeZone()
  const now = useUi((s) => s.nowMinute)
  const dragging = useDragged(id)
  const insertBefore = useInsertBefore(id)
  // Only a role that may dispatch drags (issue 4: the wall display, inspector and technicians look).
  const mayDispatch = useCan('repair-order-assign')
  const movable = mayDispatch && order !== undefined && isMovable(order)
  const label = useMemo(() => (order ? cardLabel(order, t, timeZone, now) : ''), [order, t, timeZone, now])
  if (!order) return null
  const press = (kind: Activator) => (e: SyntheticEvent<HTMLDivElement>) => {
    if (movable) activate?.(kind, e, id, e.currentTarget)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && !dragging) {
      e.preventDefault()
      openOrder(id)
      return
    }
    if (e.code === 'Space' && !dragging) press('onKeyDown')(e)
  }
  return (
    <div
      ref={(el) => {
        if (el) relink?.(id, el)
      }}
      onPointerDown={press('onPointerDown')}
      onTouchStart={press('onTouchStart')}
      onKeyDown={onKeyDown}
      onClick={() => {
        if (!recentlyDragged()) openOrder(id)
      }}
      role="button"
      tabIndex={0}
      aria-roledescription={t('ui.dragHint')}
      aria-describedby={DND_ID}
      aria-pressed={dragging || undefined}
      aria-label={label}
      data-ro={order.roNumber}
      className={`card ${movable ? 'card-movable' : 'card-fixed'}${dragging ? ' card-dragging' : ''}${insertBefore ? ' card-insert-before' : ''}`}
    >
      <OrderCardBody id={id} variant={variant} />
    </div>
  )
})
