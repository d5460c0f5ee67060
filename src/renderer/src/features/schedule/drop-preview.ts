import { create } from 'zustand'
import { previewDrop, type RiskState } from '../../../../shared/domain/risk'
import { boardData } from '../../store/board-store'
import { useDrag } from '../../store/drag-store'
import { useUi } from '../../store/ui-store'
import { workingTimeOf } from './risk-store'

/** What a drop on one lane would do to the promises, shown on that lane before release. */
export interface LanePreview {
  technicianId: number
  /** The dropped order's state on that lane. */
  state: RiskState
  projectedFinish: number | null
  /** RO numbers of orders already on the lane that would become at risk or late. */
  worsened: string[]
}

export const useDropPreview = create<{ preview: LanePreview | null }>(() => ({ preview: null }))

/** This lane's preview, or null: only the lane being entered or left re-renders. */
export const useLanePreview = (technicianId: number): LanePreview | null =>
  useDropPreview((s) => (s.preview?.technicianId === technicianId ? s.preview : null))

type Over = { kind: 'pool' } | { kind: 'lane'; technicianId: number } | { kind: 'slot'; technicianId: number; orderId: number }

/**
 * The preview for the drag's current target. It is computed when the target (lane or slot)
 * changes, not on every pointer move (issue 5), so one lane projection per change is all this costs.
 */
export function computePreview(orderId: number, over: Over | undefined): LanePreview | null {
  if (!over || over.kind === 'pool') return null
  const qualified = useDrag.getState().qualified
  if (qualified && !qualified.has(over.technicianId)) return null
  const b = boardData()
  let position: number | undefined
  if (over.kind === 'slot') {
    const queue = (b.lanes[over.technicianId]?.queueIds ?? []).filter((id) => id !== orderId)
    const at = queue.indexOf(over.orderId)
    position = at >= 0 ? at : undefined
  }
  const technicians = Object.values(b.technicians)
  const p = previewDrop(
    { calendar: b.calendar, technicians, attendance: b.attendance, orders: Object.values(b.orders) },
    useUi.getState().nowMinute,
    orderId,
    over.technicianId,
    position,
    workingTimeOf(b, technicians)
  )
  if (!p) return null
  return {
    technicianId: over.technicianId,
    state: p.order.state,
    projectedFinish: p.order.projectedFinish,
    worsened: p.worsened.map((r) => b.orders[r.orderId]?.roNumber ?? String(r.orderId))
  }
}

/** Called when the drag's target changes (features/board/dnd-config.ts). */
export function updateDropPreview(orderId: number, over: Over | null): void {
  const next = computePreview(orderId, over ?? undefined)
  const prev = useDropPreview.getState().preview
  if (next !== prev) useDropPreview.setState({ preview: next })
}

// The preview ends with the drag, however it ended (drop, cancel, Escape).
useDrag.subscribe((s, prev) => {
  if (s.activeOrderId === null && prev.activeOrderId !== null) useDropPreview.setState({ preview: null })
})
