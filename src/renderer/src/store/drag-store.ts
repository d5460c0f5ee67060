import { create } from 'zustand'

/**
 * State of the drag in progress, kept apart from the board: which lanes are qualified is computed
 * once at drag start and drawn outside React (features/board/lane-verdicts.ts), so neither the drag
 * start, a pointer move nor the drop re-renders a lane for it.
 */
export interface DragState {
  activeOrderId: number | null
  qualified: ReadonlySet<number> | null
}

export const useDrag = create<DragState>(() => ({ activeOrderId: null, qualified: null }))

