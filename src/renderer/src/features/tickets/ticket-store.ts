import { create } from 'zustand'
import type { QcChecklistItem } from '../../../../shared/domain/qc-checklist'
import { call } from '../../api/client'
import { i18n, currentLang, localised } from '../../i18n'
import { useBoard } from '../../store/board-store'
import { toast } from '../../store/toast-store'

interface TicketState {
  /** The orders whose job tickets are being printed, one page each, with the checklist they print. */
  printing: { orderIds: number[]; checklist: QcChecklistItem[]; printedAt: number } | null
}

export const useTicket = create<TicketState>(() => ({ printing: null }))

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()))

/**
 * Prints job tickets (派工单), one A5 page per order, with the browser's or the desktop app's own
 * print dialog: the tickets are rendered into a print-only root (JobTicketPrintRoot), everything
 * else is hidden by the print style sheet. The QC checklist comes from the station, so each ticket
 * lists the checks its order will be held to.
 */
export async function printTickets(orderIds: readonly number[]): Promise<void> {
  if (orderIds.length === 0) return
  const reply = await call('qc-checklist-get', {})
  if (!reply.ok) {
    toast('error', i18n.getFixedT(currentLang())('ticket.notPrinted', { error: localised(reply.error.message) }))
    return
  }
  useTicket.setState({ printing: { orderIds: [...orderIds], checklist: reply.result, printedAt: Date.now() } })
  // The ticket's code loads on first use; print once every ticket is on the page and laid out (barcodes drawn).
  const expected = orderIds.filter((id) => useBoard.getState().orders[id] !== undefined).length
  for (let i = 0; i < 300 && document.querySelectorAll('.ticket-print-root .job-ticket').length < expected; i++) await nextFrame()
  await nextFrame()
  const done = () => useTicket.setState({ printing: null })
  window.addEventListener('afterprint', done, { once: true })
  window.print()
}

export const printTicket = (orderId: number): Promise<void> => printTickets([orderId])

/** A technician's current job and next jobs in queue order: the tickets they work from. */
export function laneTicketIds(technicianId: number): number[] {
  const lane = useBoard.getState().lanes[technicianId]
  if (!lane) return []
  return [...(lane.currentId !== null ? [lane.currentId] : []), ...lane.queueIds]
}

/** Prints a technician's tickets (the lane's print button, My jobs), or says there is none. */
export async function printLaneTickets(technicianId: number): Promise<void> {
  const ids = laneTicketIds(technicianId)
  if (ids.length > 0) return printTickets(ids)
  const name = useBoard.getState().technicians[technicianId]?.name ?? ''
  toast('info', i18n.getFixedT(currentLang())('ticket.nothingToPrint', { name }))
}
