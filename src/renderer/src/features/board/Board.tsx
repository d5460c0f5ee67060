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
import { announcements, autoScroll, collisionDetection, coordinateGetter, currentDropTarget, MousePointerSensor, resetDropTarget, startDropTarget } from './dnd-config'
import { markDragEnd } from './drag-clock'
import { forgetGeometry, measureBoard } from './drop-target'
import { AttentionList } from '../schedule/AttentionList'
import { DND_ID, DragSource, type DragData } from './DraggableCard'
import { qualifiedLanes, resolveDrop } from './moves'
import { LANE_ROW_REM, QUEUE_CARD_BODY_REM, QUEUE_CARD_REM } from './TechnicianLane'

/**
 * The dragged card, drawn once above everything; its body is the same memoised card. Mounted only
 * during a drag: a DragOverlay left mounted keeps a clone of the card for its drop animation (we
 * have none) and renders it twice more in the drop's task (about 1.5 ms of it, issue 5).
 */
function Overlay() {
  const activeId = useDrag((s) => s.activeOrderId)
  if (activeId === null) return null
  return (
    <DragOverlay dropAnimation={null}>
      <div className="card card-overlay">
        <OrderCardBody id={activeId} variant="overlay" />
      </div>
    </DragOverlay>
  )
}

function endDrag(): void {
  resetDropTarget()
  forgetGeometry()
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

  const onDragStart = ({ active, activatorEvent }: DragStartEvent) => {
    const { orderId } = active.data.current as DragData
    // A mouse or finger press focused the card (it is tabbable). Dropping it from the pool removes
    // that element, and removing the focused element made Chrome restyle and lay out the board
    // inside React's commit, in the drop's task (about 6-9 ms, issue 5). A keyboard drag keeps its
    // focus: it follows the card to its new place (DraggableCard's relink).
    const focused = document.activeElement
    if (!(activatorEvent instanceof KeyboardEvent) && focused instanceof HTMLElement && focused.classList.contains('card')) focused.blur()
    const board = boardData()
    const order = board.orders[orderId]
    startDropTarget()
    measureBoard(LANE_ROW_REM, QUEUE_CARD_REM, QUEUE_CARD_BODY_REM)
    document.body.classList.add('is-dragging')
    // Once per drag, not per move: lanes read only their own yes/no from this set.
    useDrag.setState({ activeOrderId: orderId, qualified: order ? qualifiedLanes(board, order) : new Set() })
  }

  const onDragEnd = ({ active }: DragEndEvent) => {
    const { orderId } = active.data.current as DragData
    // The lane or slot under the pointer (drop-target.ts), not dnd-kit's coarse drop area.
    const target = currentDropTarget()
    endDrag()
    const action = resolveDrop(boardData(), orderId, target)
    void performDrop(orderId, action)
  }

  return (
    <DndContext
      id={DND_ID}
      sensors={sensors}
      collisionDetection={collisionDetection}
      autoScroll={autoScroll}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
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
      <DragSource />
    </DndContext>
  )
}
