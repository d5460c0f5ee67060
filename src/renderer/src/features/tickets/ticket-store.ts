import { create } from 'zustand'
import type { QcChecklistItem } from '../../../../shared/domain/qc-checklist'
import { call } from '../../api/client'
import { i18n, currentLang, localised } from '../../i18n'
import { toast } from '../../store/toast-store'

interface TicketState {
  /** The order whose job ticket is being printed, with the checklist it prints. */
  printing: { orderId: number; checklist: QcChecklistItem[]; printedAt: number } | null
}

export const useTicket = create<TicketState>(() => ({ printing: null }))

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()))

/**
 * Prints an order's job ticket (派工单) with the browser's or the desktop app's own print dialog:
 * the ticket is rendered into a print-only root (JobTicketPrintRoot), everything else is hidden
 * by the print style sheet. The QC checklist comes from the station, so the ticket lists the
 * checks this order will be held to.
 */
export async function printTicket(orderId: number): Promise<void> {
  const reply = await call('qc-checklist-get', {})
  if (!reply.ok) {
    toast('error', i18n.getFixedT(currentLang())('ticket.notPrinted', { error: localised(reply.error.message) }))
    return
  }
  useTicket.setState({ printing: { orderId, checklist: reply.result, printedAt: Date.now() } })
  // The ticket's code loads on first use; print once it is on the page and laid out (its barcode drawn).
  for (let i = 0; i < 300 && !document.querySelector('.ticket-print-root .job-ticket'); i++) await nextFrame()
  await nextFrame()
  const done = () => useTicket.setState({ printing: null })
  window.addEventListener('afterprint', done, { once: true })
  window.print()
}
