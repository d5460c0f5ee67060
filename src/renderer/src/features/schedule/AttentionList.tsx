import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useRef } from 'react'
import { useT } from '../../i18n'
import type { OrderRisk } from '../../../../shared/domain/risk'
import type { RepairOrder } from '../../../../shared/domain/types'
import { useBoard, useOrderWhile, useTimeZone } from '../../store/board-store'
import { openDialog } from '../../store/ui-store'
import { useRisk } from './risk-store'
import { openOrderPanel } from './schedule-ui'
import { shortTime } from './schedule-format'
import { useCan } from '../auth/session-store'
import { useRemPx } from '../../components/useRemPx'
import { SubletButton } from './ScheduleDialogs'

/** Row pitch in rem: a fixed-height .attention-item (3.4rem) plus the gap; matches schedule.css. */
export const ATTENTION_ROW_REM = 3.7

/** The fields a row shows. */
const sameInRow = (a: RepairOrder, b: RepairOrder): boolean =>
  a.roNumber === b.roNumber && a.promisedAt === b.promisedAt && a.promise.notificationCount === b.promise.notificationCount

const Row = memo(function Row({ risk, index, count, top }: { risk: OrderRisk; index: number; count: number; top: number }) {
  // The fields the row shows, not the record: a lane change rewrites the records of its queue
  // (positions, versions) and would re-render every listed row of that lane (issue 5).
  const order = useOrderWhile(risk.orderId, sameInRow)
  if (!order) return null
  return (
    <li
      className={`attention-item risk-${risk.state}`}
      data-ro={order.roNumber}
      data-risk={risk.state}
      aria-posinset={index + 1}
      aria-setsize={count}
      style={{ top }}
    >
      <RowBody risk={risk} order={order} />
    </li>
  )
})

/**
 * A row's buttons. Their own memoised component: a change that adds or removes one listed order
 * moves every row below it and changes every row's set size, and only the row itself (its place)
 * needs drawing again for that (issue 5: ~1.5 ms of a watching screen's change).
 */
const RowBody = memo(function RowBody({ risk, order }: { risk: OrderRisk; order: RepairOrder }) {
  const { t } = useT()
  const timeZone = useTimeZone()
  const now = useRisk((s) => s.now)
  const canNotify = useCan('customer-notification-record')
  const told = order.promise.notificationCount
  return (
    <>
      <button type="button" className="attention-main" onClick={() => openDialog({ kind: 'order', orderId: order.id, mode: 'view' })}>
        <span className="attention-top">
          <b className="ro">{order.roNumber}</b>
          <span className={`risk-pill risk-pill-${risk.state}`}>{t(`schedule.risk.${risk.state}`)}</span>
        </span>
        <span className="attention-why">
          {risk.reason ? t(`ui.sched.reasonShort.${risk.reason}`) : ''} · {t('ui.due')} {shortTime(Date.parse(order.promisedAt), timeZone, now)}
          {told > 0 && <span className="told"> · {t('ui.sched.told', { count: told })}</span>}
        </span>
      </button>
      {canNotify && (
        <button type="button" className="btn btn-notify" onClick={() => openOrderPanel(order.id, 'notify')}>
          {t('ui.sched.tellCustomer')}
        </button>
      )}
    </>
  )
})

/**
 * "Needs attention": orders at risk or late, newest problems first (issue 3), each with the
 * prompt to tell the customer early (domain.md: 预先通知客户). Virtualised: on a bad day hundreds of
 * orders are at risk, and drawing every row cost 7,000+ DOM nodes and a re-render of each on every
 * board change (issue 5).
 */
export function AttentionList() {
  const { t } = useT()
  const attention = useRisk((s) => s.attention)
  const loaded = useBoard((s) => s.loaded)
  const rem = useRemPx()
  const scroller = useRef<HTMLDivElement>(null)
  const v = useVirtualizer({
    count: attention.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ATTENTION_ROW_REM * rem,
    overscan: 2
  })
  if (!loaded) return null
  return (
    <section className="attention" role="region" aria-label={t('ui.sched.attention')}>
      <div className="attention-head">
        <h2>
          <span aria-hidden="true">⚠</span> {t('ui.sched.attention')} <span className="count">{attention.length}</span>
        </h2>
        <SubletButton />
      </div>
      {attention.length === 0 ? (
        <p className="attention-empty">{t('ui.sched.attentionEmpty')}</p>
      ) : (
        <div className="attention-scroll" ref={scroller}>
          <ul style={{ height: v.getTotalSize() }}>
            {v.getVirtualItems().map((item) => {
              const r = attention[item.index]
              return r ? <Row key={r.orderId} risk={r} index={item.index} count={attention.length} top={item.start} /> : null
            })}
          </ul>
        </div>
      )}
    </section>
  )
}
