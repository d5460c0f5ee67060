import { memo, useMemo } from 'react'
import { useT } from '../../i18n'
import { OrderCardBody, type CardVariant } from '../repair-orders/OrderCard'
import { cardLabel } from '../repair-orders/card-text'
import { useBoard, useCardOrder, useTimeZone } from '../../store/board-store'
import { PrinterIcon, SkillChips } from './TechnicianLane'
import { printLaneTickets } from '../tickets/ticket-store'
import { openDialog, useUi } from '../../store/ui-store'
import { useSession } from '../auth/session-store'

/** One of the technician's orders: the board's card, a button that opens the order (clock, ticket). */
const MyJob = memo(function MyJob({ id, variant }: { id: number; variant: CardVariant }) {
  const { t } = useT()
  const order = useCardOrder(id)
  const timeZone = useTimeZone()
  const now = useUi((s) => s.nowMinute)
  const label = useMemo(() => (order ? cardLabel(order, t, timeZone, now) : ''), [order, t, timeZone, now])
  if (!order) return null
  return (
    <button type="button" className="card my-job" data-ro={order.roNumber} aria-label={label} onClick={() => openDialog({ kind: 'order', orderId: id, mode: 'view' })}>
      <OrderCardBody id={id} variant={variant} />
    </button>
  )
})

/** Next jobs (in the dispatcher's order: a numbered list) or parked jobs. */
function MyJobList({ ids, ordered }: { ids: readonly number[]; ordered: boolean }) {
  const items = ids.map((id) => (
    <li key={id}>
      <MyJob id={id} variant="queue" />
    </li>
  ))
  return ordered ? <ol className="my-jobs-list">{items}</ol> : <ul className="my-jobs-list">{items}</ul>
}

/**
 * A technician's own screen, instead of the dispatcher's board: their current job, their next jobs
 * in the dispatcher's order and their parked jobs, one column that fits a phone as well as the
 * workshop PC. Their station receives only their own orders (services/board.ts), so the board's
 * pool, attention list and colleagues' lanes would only show false emptiness; and they do not
 * dispatch. Each job opens the order: the labour clock (start, pause, finish) and the job ticket.
 */
export function MyJobs() {
  const { t } = useT()
  const technicianId = useSession((s) => s.user?.technicianId ?? null)
  const tech = useBoard((s) => (technicianId === null ? undefined : s.technicians[technicianId]))
  const lane = useBoard((s) => (technicianId === null ? undefined : s.lanes[technicianId]))
  if (!tech) {
    return (
      <main className="my-jobs" aria-labelledby="my-jobs-title">
        <h2 id="my-jobs-title">{t('ui.myJobs.heading')}</h2>
        <p role="alert">{t('ui.myJobs.notLinked')}</p>
      </main>
    )
  }
  const queue = lane?.queueIds ?? []
  const parked = lane?.parkedIds ?? []
  return (
    <main className="my-jobs" aria-labelledby="my-jobs-title">
      <h2 id="my-jobs-title">
        {t('ui.myJobs.heading')} · {tech.name}
      </h2>
      <SkillChips technicianId={tech.id} />
      <p className="my-jobs-note">{t('ui.myJobs.note')}</p>
      <button type="button" className="btn my-jobs-print" onClick={() => void printLaneTickets(tech.id)}>
        <PrinterIcon /> {t('ticket.printMine')}
      </button>
      <section className="my-jobs-section" aria-labelledby="my-jobs-current">
        <h3 id="my-jobs-current">{t('ui.current')}</h3>
        {lane?.currentId != null ? <MyJob id={lane.currentId} variant="current" /> : <p className="my-jobs-none">{t('ui.myJobs.noCurrent')}</p>}
      </section>
      <section className="my-jobs-section" aria-labelledby="my-jobs-next">
        <h3 id="my-jobs-next">
          {t('ui.nextJobs')} <span className="count">{queue.length}</span>
        </h3>
        {queue.length === 0 ? (
          <p className="my-jobs-none">{t('ui.queueEmpty')}</p>
        ) : (
          <MyJobList ids={queue} ordered />
        )}
      </section>
      {parked.length > 0 && (
        <section className="my-jobs-section" aria-labelledby="my-jobs-parked">
          <h3 id="my-jobs-parked">{t('ui.parked')}</h3>
          <MyJobList ids={parked} ordered={false} />
        </section>
      )}
    </main>
  )
}
