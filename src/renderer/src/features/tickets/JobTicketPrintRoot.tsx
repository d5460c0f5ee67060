import { lazy, Suspense } from 'react'
import { createPortal } from 'react-dom'
import { useBoard } from '../../store/board-store'
import { useTicket } from './ticket-store'

// The ticket and its barcode library load when a ticket is first printed, not with the board.
const JobTicket = lazy(() => import('./JobTicket').then((m) => ({ default: m.JobTicket })))

/** The print-only root beside the app (ticket.css hides the app when printing). */
export function JobTicketPrintRoot() {
  const printing = useTicket((s) => s.printing)
  const order = useBoard((s) => (printing ? s.orders[printing.orderId] : undefined))
  if (!printing || !order) return null
  return createPortal(
    <div className="ticket-print-root">
      <Suspense fallback={null}>
        <JobTicket order={order} checklist={printing.checklist} printedAt={printing.printedAt} />
      </Suspense>
    </div>,
    document.body
  )
}
