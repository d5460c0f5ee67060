import { useDraggable, useDroppable } from '@dnd-kit/core'
import { useMemo, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isMovable } from '../../../../shared/domain/repair-order-status'
import { OrderCardBody, type CardVariant } from '../repair-orders/OrderCard'
import { cardLabel } from '../repair-orders/card-text'
import { useOrder, useTimeZone } from '../../store/board-store'
import { openDialog, useUi } from '../../store/ui-store'
import { recentlyDragged } from './drag-clock'
import { useCan } from '../auth/session-store'

export interface DragData {
  orderId: number
}
export type DropData = { kind: 'pool' } | { kind: 'lane'; technicianId: number } | { kind: 'slot'; technicianId: number; orderId: number }

/**
 * Thin wrapper holding the dnd-kit hooks: it re-renders when the drag's "over" target changes,
 * the memoised body inside it does not. Queued cards are also drop targets, so a drop on one
 * inserts in front of it (reordering the next-job queue).
 */
export function DraggableCard(props: { id: number; variant: CardVariant; technicianId?: number }) {
  // Only queued cards are drop targets; the rest skip the droppable hook (fewer rects to measure at drag start).
  return props.variant === 'queue' && props.technicianId !== undefined ? (
    <QueueCard id={props.id} technicianId={props.technicianId} />
  ) : (
    <CardShell id={props.id} variant={props.variant} />
  )
}

function QueueCard({ id, technicianId }: { id: number; technicianId: number }) {
  const slot = useDroppable({ id: `slot:${id}`, data: { kind: 'slot', technicianId, orderId: id } satisfies DropData })
  return <CardShell id={id} variant="queue" dropRef={slot.setNodeRef} insertBefore={slot.isOver} />
}

function CardShell({ id, variant, dropRef, insertBefore = false }: { id: number; variant: CardVariant; dropRef?: (el: HTMLElement | null) => void; insertBefore?: boolean }) {
  const { t } = useTranslation()
  const order = useOrder(id)
  const timeZone = useTimeZone()
  const now = useUi((s) => s.nowMinute)
  // Only a role that may dispatch drags (issue 4: the wall display, inspector and technicians look).
  const mayDispatch = useCan('repair-order-assign')
  const movable = mayDispatch && order !== undefined && isMovable(order)
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `ro:${id}`,
    data: { orderId: id } satisfies DragData,
    disabled: !movable,
    attributes: { roleDescription: t('ui.dragHint') }
  })
  const label = useMemo(() => (order ? cardLabel(order, t, timeZone, now) : ''), [order, t, timeZone, now])
  if (!order) return null
  const open = () => openDialog({ kind: 'order', orderId: id, mode: 'view' })
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && !isDragging) {
      e.preventDefault()
      open()
      return
    }
    listeners?.onKeyDown?.(e)
  }
  const setRef = (el: HTMLDivElement | null) => {
    setNodeRef(el)
    dropRef?.(el)
  }
  return (
    <div
      ref={setRef}
      {...attributes}
      {...listeners}
      aria-disabled={undefined}
      onKeyDown={onKeyDown}
      onClick={() => {
        if (!recentlyDragged()) open()
      }}
      role="button"
      tabIndex={0}
      aria-label={label}
      data-ro={order.roNumber}
      className={[
        'card',
        movable ? 'card-movable' : 'card-fixed',
        isDragging ? 'card-dragging' : '',
        insertBefore ? 'card-insert-before' : ''
      ].join(' ')}
    >
      <OrderCardBody id={id} variant={variant} />
    </div>
  )
}
