import { create } from 'zustand'
import type { RepairOrder } from '../../../shared/domain/types'
import { emptyBoard, type BoardData } from './board-state'

export interface BoardStore extends BoardData {
  /** Loaded at least once: until then the screen shows a loading state, not an empty board. */
  loaded: boolean
  loadError: string | null
  connected: boolean
}

/**
 * The board's one store. Components select the smallest slice they show (one order by id,
 * one lane by technician id) so a change re-renders only what it changed.
 */
export const useBoard = create<BoardStore>(() => ({ ...emptyBoard(), loaded: false, loadError: null, connected: true }))

export const boardData = (): BoardData => useBoard.getState()
export const setBoardData = (next: BoardData): void => {
  if (next !== useBoard.getState()) useBoard.setState(next)
}

export const useOrder = (id: number): RepairOrder | undefined => useBoard((s) => s.orders[id])
export const useTimeZone = (): string => useBoard((s) => s.settings.timeZone)
