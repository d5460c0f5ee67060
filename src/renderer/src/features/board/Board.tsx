import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent
} from '@dnd-kit/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { boardData } from '../../store/board-store'
import { useDrag } from '../../store/drag-store'
import { performDrop } from '../../store/actions'
import { OrderCardBody } from '../repair-orders/OrderCard'
import { DispatchPool } from './DispatchPool'
import { LaneList } from './LaneList'
import { SideList } from './SideList'
import { announcements, collisionDetection, coordinateGetter, MousePointerSensor, resetKeyboardTarget } from './dnd-config'
import { markDragEnd } from './drag-clock'
import { AttentionList } from '../schedule/AttentionList'
import { onScheduleDragOver } from '../schedule/drop-preview'
import type { DragData, DropData } from './DraggableCard'
import { qualifiedLanes, resolveDrop, type DropTarget } from './moves'

function toTarget(data: DropData | undefined): DropTarget | null {
  if (!data) return null
  if (data.kind === 'pool') return { kind: 'pool' }
  if (data.kind === 'lane') return { kind: 'lane', technicianId: data.technicianId }
  return { kind: 'slot', technicianId: data.technicianId, orderId: data.orderId }
}

/** The dragged card, drawn once above everything; its body is the same memoised card. */
function Overlay() {
  const activeId = useDrag((s) => s.activeOrderId)
  return (
    <DragOverlay dropAnimation={null}>
      {activeId !== null ? (
        <div className="card card-overlay">
          <OrderCardBody id={activeId} variant="overlay" />
        </div>
      ) : null}
    </DragOverlay>
  )
}

function endDrag(): void {
  resetKeyboardTarget()
  markDragEnd()
  document.body.classList.remove('is-dragging')
  useDrag.setState({ activeOrderId: null, qualified: null })
}

export function Board() {
  const { t, i18n } = useTranslation()
  const sensors = useSensors(
    useSensor(MousePointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] }
    })
  )
  const accessibility = useMemo(
    () => ({ announcements: announcements(t), screenReaderInstructions: { draggable: t('ui.a11y.instructions') } }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language]
  )

  const onDragStart = ({ active }: DragStartEvent) => {
    const { orderId } = active.data.current as DragData
    const board = boardData()
    const order = board.orders[orderId]
    resetKeyboardTarget()
    document.body.classList.add('is-dragging')
    // Once per drag, not per move: lanes read only their own yes/no from this set.
    useDrag.setState({ activeOrderId: orderId, qualified: order ? qualifiedLanes(board, order) : new Set() })
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const { orderId } = active.data.current as DragData
    endDrag()
    const action = resolveDrop(boardData(), orderId, toTarget(over?.data.current as DropData | undefined))
    void performDrop(orderId, action)
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collisionDetection}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragOver={onScheduleDragOver}
      onDragCancel={endDrag}
      accessibility={accessibility}
    >
      <div className="board">
        <aside className="board-left">
          <AttentionList />
          <DispatchPool />
          <SideList />
        </aside>
        <main className="board-lanes">
          <LaneList />
        </main>
      </div>
      <Overlay />
    </DndContext>
  )
}
