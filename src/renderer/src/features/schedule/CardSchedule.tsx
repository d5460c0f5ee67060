import { useT } from '../../i18n'
import './schedule.css'
import { labourUsage } from '../../../../shared/domain/labour'
import { totalHours } from '../../../../shared/domain/pool-order'
import type { OrderRisk } from '../../../../shared/domain/risk'
import type { RepairOrder } from '../../../../shared/domain/types'
import { h1, shortTime, stoppageTimerText } from './schedule-format'

const started = (o: RepairOrder, risk: OrderRisk | undefined): boolean =>
  o.status === 'in_progress' || o.status === 'stopped' || o.labour.closedHours > 0 || (risk?.hoursUsed ?? 0) > 0

/** Class of a card body by its risk: amber when at risk, red when late. */
export const riskClass = (risk: OrderRisk | undefined): string => (risk && risk.state !== 'on_track' ? `risk-${risk.state}` : '')

/**
 * The card's hours: flat-rate hours before the work starts, then hours used against them
 * (green, amber past 80 %, red when over; issue 3).
 */
export function CardHours({ order, risk }: { order: RepairOrder; risk: OrderRisk | undefined }) {
  const { t } = useT()
  const flat = totalHours(order.jobLines)
  // A running order shows its hours in the status pill (CardRunning): the top line keeps the plate whole.
  if (!started(order, risk) || order.status === 'in_progress') return <span className="card-hours">{t('ui.hoursCard', { hours: h1(flat) })}</span>
  const used = risk?.hoursUsed ?? order.labour.closedHours
  const usage = labourUsage(used, flat)
  return (
    <span className={`card-hours used used-${usage}`} title={t('ui.sched.usedTitle', { used: h1(used), flat: h1(flat) })} data-usage={usage}>
      {t('ui.sched.used', { used: h1(used), flat: h1(flat) })}
    </span>
  )
}

/** A running order: "in progress 0.8/1" in green, amber past 80 %, red over its flat-rate hours. */
export function CardRunning({ order, risk }: { order: RepairOrder; risk: OrderRisk | undefined }) {
  const { t } = useT()
  if (order.status !== 'in_progress') return null
  const flat = totalHours(order.jobLines)
  const used = risk?.hoursUsed ?? order.labour.closedHours
  const usage = labourUsage(used, flat)
  return (
    <span className={`status-pill status-in_progress run-${usage}`} title={t('ui.sched.usedTitle', { used: h1(used), flat: h1(flat) })} data-usage={usage}>
      {`${t('status.in_progress')} `}
      <b>{t('ui.sched.used', { used: h1(used), flat: h1(flat) })}</b>
    </span>
  )
}

/**
 * The card's schedule line item: a stopped order's reason and running stoppage timer; an open
 * order not yet started shows its latest start (red once passed).
 */
export function CardTiming({ order, risk, now, timeZone }: { order: RepairOrder; risk: OrderRisk | undefined; now: number; timeZone: string }) {
  const { t } = useT()
  const stop = order.openStoppage
  if (order.status === 'stopped' && stop) {
    return (
      <span className={`stop-chip stop-${stop.kind}`} title={t(`schedule.stoppageKind.${stop.kind}`)} data-stoppage={stop.kind}>
        {`${t(`ui.sched.stoppageShort.${stop.kind}`)} `}
        <b>{stoppageTimerText(t, stop.startedAt, now)}</b>
      </span>
    )
  }
  if (started(order, risk) || risk?.latestStart == null) return null
  if (order.status !== 'waiting' && order.status !== 'queued' && order.status !== 'assigned') return null
  const passed = risk.latestStart < now
  const time = shortTime(risk.latestStart, timeZone, now)
  return (
    <span className={passed ? 'latest-start passed' : 'latest-start'} title={t('ui.sched.startByTitle', { time })}>
      {`${t('ui.sched.startBy')} ${time}`}
    </span>
  )
}
