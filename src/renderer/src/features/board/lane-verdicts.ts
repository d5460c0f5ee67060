import { useDrag } from '../../store/drag-store'

/**
 * Each lane's "can take it" / "not qualified" verdict during a drag, written as a data attribute
 * on the lane's element and drawn by board.css. Set once when the drag starts and cleared when it
 * ends, without a React render: re-rendering every visible lane frame for it cost the drop's task
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

useDrag.subscribe((s, prev) => {
  if (s.qualified === prev.qualified) return
  for (const [technicianId, el] of lanes) mark(technicianId, el, s.qualified)
})
