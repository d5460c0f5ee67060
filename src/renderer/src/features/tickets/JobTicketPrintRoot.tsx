import { lazy, Suspense } from 'react'
import { createPortal } from 'react-dom'
import type { QcChecklistItem } from '../../../../shared/domain/qc-checklist'
import { useBoard } from '../../store/board-store'
import { useTicket } from './ticket-store'

// The ticket and its barcode library load when a ticket is first printed, not with the board.
const JobTicket = lazy(() => import('./JobTicket').then((m) => ({ default: m.JobTicket })))

/**
 * The print-only root beside the app (ticket.css hides the app when printing). It reads the board
 * only while tickets print: a drop does not run anything here.
 */
export function JobTicketPrintRoot() {
  const printing = useTicket((s) => s.printing)
  return printing ? <PrintingTickets {...printing} /> : null
}

function PrintingTickets({ orderIds, checklist, printedAt }: { orderIds: number[]; checklist: QcChecklistItem[]; printedAt: number }) {
  const orders = useBoard((s) => s.orders)
  return createPortal(
    <div className="ticket-print-root">
      <Suspense fallback={null}>
        {orderIds.map((id) => {
          const order = orders[id]
          return order ? <JobTicket key={id} order={order} checklist={checklist} printedAt={printedAt} /> : null
        })}
      </Suspense>
    </div>,
    document.body
  )
}
