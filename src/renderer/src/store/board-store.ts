import { useRef } from 'react'
import { create } from 'zustand'
import type { RepairOrder } from '../../../shared/domain/types'
import { emptyBoard, type BoardData } from './board-state'
import { keyedSubscriptions, useKeyed } from './keyed'

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

// One order's record by id, for the cards: woken only when that record changes (keyed.ts).
const subscribeOrder = keyedSubscriptions(useBoard, (s: BoardStore, id: number) => s.orders[id])
// The station's time zone, which every card formats with: woken only when it changes.
const subscribeTimeZone = keyedSubscriptions(useBoard, (s: BoardStore) => s.settings.timeZone)
const readTimeZone = (): string => useBoard.getState().settings.timeZone

export const useOrder = (id: number): RepairOrder | undefined => useKeyed(subscribeOrder, id, () => useBoard.getState().orders[id])
export const useTimeZone = (): string => useKeyed(subscribeTimeZone, 0, readTimeZone)

/** Fields of an order no card shows: a queue spaced out again (a drop that found no room between neighbours) changes them for a whole lane, and its cards need not re-render for it. */
const NOT_ON_CARD = new Set<keyof RepairOrder>(['queuePosition', 'version', 'updatedAt'])

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** Two records of one order that a card draws the same (everything equal but queue place, version and time of change). */
export function sameOnCard(a: RepairOrder, b: RepairOrder): boolean {
  if (a === b) return true
  for (const k of Object.keys(a) as (keyof RepairOrder)[]) if (!NOT_ON_CARD.has(k) && !sameValue(a[k], b[k])) return false
  return Object.keys(b).length === Object.keys(a).length
}

/**
 * The order as a card draws it: the same object as long as nothing the card shows changed, so the
 * cards of a queue spaced out again by a drop (new records for each, from the optimistic board, the
 * reply and the event) do not re-render (issue 5). Never use it where the version is sent back.
 */
export function useCardOrder(id: number): RepairOrder | undefined {
  return useOrderWhile(id, sameOnCard)
}

/**
 * An order's record, the one drawn last for as long as `same` finds nothing changed that the caller
 * shows. The selector allocates nothing (zustand's useShallow built two Maps per row on every
 * store change, on every screen watching the board: issue 5). `same` must be a stable function.
 */
export function useOrderWhile(id: number, same: (shown: RepairOrder, next: RepairOrder) => boolean): RepairOrder | undefined {
  const shown = useRef<RepairOrder | undefined>(undefined)
  // The last record `same` found equal to the shown one: React reads a snapshot two or three times
  // per store change (the subscription's check, then the render), and `same` runs once per record.
  const sameAsShown = useRef<RepairOrder | undefined>(undefined)
  return useKeyed(subscribeOrder, id, () => {
    const o = useBoard.getState().orders[id]
    const prev = shown.current
    if (o === prev) return prev
    if (o && prev && (o === sameAsShown.current || (prev.id === o.id && same(prev, o)))) {
      sameAsShown.current = o
      return prev
    }
    shown.current = o
    sameAsShown.current = undefined
    return o
  })
}
