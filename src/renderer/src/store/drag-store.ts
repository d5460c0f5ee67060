import { create } from 'zustand'

/**
 * State of the drag in progress, kept apart from the board: lanes select only whether they
 * are qualified (computed once at drag start) so a pointer move re-renders nothing here.
 */
export interface DragState {
  activeOrderId: number | null
  qualified: ReadonlySet<number> | null
}

export const useDrag = create<DragState>(() => ({ activeOrderId: null, qualified: null }))

/** null when nothing is dragged, else whether this lane's technician can take the order. */
export const useLaneVerdict = (technicianId: number): boolean | null =>
  useDrag((s) => (s.qualified ? s.qualified.has(technicianId) : null))
