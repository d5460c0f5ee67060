import { create } from 'zustand'
import { keyedSubscriptions, useKeyed } from './keyed'

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

// Each card's "am I the one dragged": the drag start and the drop wake the dragged card only.
const subscribeDragged = keyedSubscriptions(useDrag, (s: DragState, id: number) => s.activeOrderId === id)

/** Whether this order's card is the one being dragged. */
export const useDragged = (id: number): boolean => useKeyed(subscribeDragged, id, () => useDrag.getState().activeOrderId === id)
