import { create } from 'zustand'
import { openDialog } from '../../store/ui-store'

/** The forms of the schedule section inside the order dialog. */
export type OrderPanel = 'pause' | 'finish' | 'notify'

/**
 * The schedule feature's own dialogs (sublet list, calendar and attendance settings) and a form
 * to open first in the order dialog. Kept apart from the board's ui-store so the two features
 * do not edit each other's dialog list; the host mounts at most one of these at a time.
 */
interface ScheduleUi {
  dialog: 'sublets' | 'settings' | null
  /** Set by "Tell customer" in the attention list: the order dialog opens on that form. */
  orderPanel: { orderId: number; panel: OrderPanel } | null
}

export const useScheduleUi = create<ScheduleUi>(() => ({ dialog: null, orderPanel: null }))

export function openScheduleDialog(dialog: ScheduleUi['dialog']): void {
  useScheduleUi.setState({ dialog })
}

/** Opens the order dialog on one of its schedule forms. */
export function openOrderPanel(orderId: number, panel: OrderPanel): void {
  useScheduleUi.setState({ orderPanel: { orderId, panel } })
  openDialog({ kind: 'order', orderId, mode: 'view' })
}

/** The form requested for this order, if any (read in a state initialiser: no side effect here). */
export function requestedOrderPanel(orderId: number): OrderPanel | null {
  const req = useScheduleUi.getState().orderPanel
  return req && req.orderId === orderId ? req.panel : null
}

/** Forgets the request once the dialog has opened on it. */
export function clearOrderPanel(): void {
  if (useScheduleUi.getState().orderPanel) useScheduleUi.setState({ orderPanel: null })
}
