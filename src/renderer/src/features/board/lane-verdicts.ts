import { afterPaint } from '../../components/after-paint'
import { useDrag } from '../../store/drag-store'

/**
 * Each lane's "can take it" / "not qualified" verdict during a drag, written as a data attribute
 * on the lane's element and drawn by board.css. Set once when the drag starts and cleared just
 * after it ends, without a React render: re-rendering every visible lane frame for it cost the drop's task
 * (pointer-up) and the drag start a render of ~14 lanes each (issue 5).
 */
const lanes = new Map<number, HTMLElement>()

function mark(technicianId: number, el: HTMLElement, qualified: ReadonlySet<number> | null): void {
  if (qualified) el.dataset.qualified = String(qualified.has(technicianId))
  else delete el.dataset.qualified
}

/** A lane element (un)mounted: one scrolled into view during a drag gets its verdict at once. */
export function registerLane(technicianId: number, el: HTMLElement | null): void {
  if (!el) {
    lanes.delete(technicianId)
    return
  }
  lanes.set(technicianId, el)
  mark(technicianId, el, useDrag.getState().qualified)
}

/** Whether this lane's technician can take the dragged order (false when nothing is dragged). */
export const laneQualified = (technicianId: number): boolean => useDrag.getState().qualified?.has(technicianId) ?? false

function markAll(): void {
  clearQueued = false
  const qualified = useDrag.getState().qualified
  for (const [technicianId, el] of lanes) mark(technicianId, el, qualified)
}

// At a drop the verdicts go in the task after the frame that shows the card in its new place:
// clearing them restyles ~70 elements and removes a dozen lanes' badges, 1.5-2.7 ms of the drop's
// task (issue 5). A drag that starts meanwhile marks its own at once; the late clear reads the
// state as it is then, so it never wipes a newer drag's verdicts.
let clearQueued = false
useDrag.subscribe((s, prev) => {
  if (s.qualified === prev.qualified) return
  if (s.qualified !== null) markAll()
  else if (!clearQueued) {
    clearQueued = true
    afterPaint(markAll)
  }
})
