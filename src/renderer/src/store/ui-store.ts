import { create } from 'zustand'

/** Which dialog is open; one at a time, so Escape and focus behave predictably. */
export type DialogState =
  | { kind: 'order'; orderId: number; mode: 'view' | 'edit' | 'cancel' }
  | { kind: 'new-order' }
  | { kind: 'technician'; technicianId: number | null }
  | { kind: 'technicians' }
  | { kind: 'skills' }
  | { kind: 'about' }
  | { kind: 'dms' }
  | null

interface UiStore {
  dialog: DialogState
  /** Minute tick: cards mark overdue promises; changes once a minute, never during a drag. */
  nowMinute: number
}

export const useUi = create<UiStore>(() => ({ dialog: null, nowMinute: Math.floor(Date.now() / 60_000) * 60_000 }))
export const openDialog = (dialog: DialogState): void => useUi.setState({ dialog })
export const closeDialog = (): void => useUi.setState({ dialog: null })
