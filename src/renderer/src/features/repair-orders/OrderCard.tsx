import { memo } from 'react'
import { useT } from '../../i18n'
import { useCardOrder, useTimeZone } from '../../store/board-store'
import { useUi } from '../../store/ui-store'
import { formatPromised } from '../../i18n/time'
import { promisePassed } from '../../../../shared/domain/risk'
import { jobSummary, OTHER_FLAGS } from './card-text'
import { CardHours, CardRunning, CardTiming, riskClass } from '../schedule/CardSchedule'
import { useOrderRisk } from '../schedule/risk-store'
import { riskTitle } from '../schedule/schedule-format'

export type CardVariant = 'pool' | 'current' | 'queue' | 'overlay'

/**
 * Card body renders since load, readable by the benchmarks (issue 5: at most 3 per pointer
 * move while dragging). One integer increment per render costs nothing measurable.
 */
let cardRenders = 0
declare global {
  interface Window {
    __wdbCardRenders?: () => number
  }
}
if (typeof window !== 'undefined') window.__wdbCardRenders = () => cardRenders

/**
 * The heavy part of a card, memoised and fed only by its order id: during a drag nothing it
 * reads changes, so it does not re-render on pointer moves (issue 5).
 */
export const OrderCardBody = memo(function OrderCardBody({ id, variant }: { id: number; variant: CardVariant }) {
  const { t } = useT()
  const order = useCardOrder(id)
  const timeZone = useTimeZone()
  const now = useUi((s) => s.nowMinute)
  // Risk keeps its object identity until this order's own risk changes (schedule/risk-store.ts).
  const risk = useOrderRisk(id)
  cardRenders++
  if (!order) return null
  const { first, more } = jobSummary(order)
  const overdue = promisePassed(order, now)
  const others = OTHER_FLAGS.filter((f) => order.flags[f])
  const tone = order.flags.comeback ? 'tone-comeback' : order.flags.waitingCustomer ? 'tone-waiting' : ''
  return (
    <div
      className={`card-body ${tone} card-${variant} ${riskClass(risk)}`}
      data-risk={risk?.state}
      // The count of further job lines, drawn at the job line's end by CSS (card.css, .card-body::after).
      data-more={more > 0 ? t('ui.moreLines', { count: more }) : undefined}
      title={riskTitle(t, risk) || undefined}
    >
      <div className="card-lines">
        <div className="card-line card-top">
          <span className="ro">{order.roNumber}</span>
          <span className="plate">{order.plate}</span>
          <CardHours order={order} risk={risk} />
        </div>
        <div className="card-line card-job">
          <span className="model">{order.model}</span>
          <span className="job">{first}</span>
        </div>
        <div className="card-line card-bottom">
          <span className={overdue ? 'promised overdue' : 'promised'} title={t('fields.promisedAt')}>
            {/* One text node per value: a card is ~25 DOM nodes and a screen holds ~100 cards (issue 5). */}
            <span className="due">{t('ui.due')}</span>
            {` ${formatPromised(order.promisedAt, timeZone, now)}`}
          </span>
          {/* Everything after the promise is left out whole when it does not fit, never cut at the
              card's edge ("12-07 11:0" of a latest start, "在店" of 在店等): card.css, .card-fit.
              The stoppage or work in progress comes first, then parts missing, the latest start and
              the other flags; the card's name still lists every flag. */}
          <span className="card-fit">
            <CardTiming order={order} risk={risk} now={now} timeZone={timeZone} />
            <CardRunning order={order} risk={risk} />
            {order.flags.comeback && <span className="badge badge-comeback">{t('ui.flagShort.comeback')}</span>}
            {order.flags.waitingCustomer && <span className="badge badge-waiting">{t('ui.flagShort.waitingCustomer')}</span>}
            {!order.partsReady && <span className="badge badge-parts" title={t('ui.partsMissing')}>{t('ui.flagShort.partsMissing')}</span>}
            {others.map((f) => (
              <span key={f} className="badge badge-minor" title={t(`flags.${f}`)}>
                {t(`ui.flagShort.${f}`)}
              </span>
            ))}
          </span>
        </div>
      </div>
    </div>
  )
})
