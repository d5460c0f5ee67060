import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { hoursUsedAt } from '../../../../shared/domain/labour'
import { totalHours } from '../../../../shared/domain/pool-order'
import { promisePassed } from '../../../../shared/domain/risk'
import type { CommandResult } from '../../api/client'
import { call } from '../../api/client'
import { localised } from '../../i18n'
import { formatHours, formatPromised } from '../../i18n/time'
import { showError } from '../../store/actions'
import { boardData, setBoardData, useBoard } from '../../store/board-store'
import { upsertOrder } from '../../store/board-state'
import { toast } from '../../store/toast-store'
import { useUi } from '../../store/ui-store'
import { useCan } from '../auth/session-store'

const signed = (h: number): string => (h > 0 ? `+${formatHours(h)}` : formatHours(h))

/**
 * Ready for delivery (domain.md step 6): QC is complete for every car here; delivering compares
 * the flat-rate estimate with the clocked hours and records whether QC passed first time.
 */
export function DeliveryList() {
  const { t } = useTranslation()
  const orders = useBoard((s) => s.orders)
  const technicians = useBoard((s) => s.technicians)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const now = useUi((s) => s.nowMinute)
  const mayDeliver = useCan('repair-order-deliver')
  const [busy, setBusy] = useState<number | null>(null)
  const [last, setLast] = useState<CommandResult<'repair-order-deliver'> | null>(null)
  const ready = useMemo(
    () => Object.values(orders).filter((o) => o.status === 'ready').sort((a, b) => Date.parse(a.promisedAt) - Date.parse(b.promisedAt) || a.id - b.id),
    [orders]
  )

  async function deliver(id: number) {
    setBusy(id)
    const reply = await call('repair-order-deliver', { id })
    setBusy(null)
    if (!reply.ok) return showError(reply.error)
    setBoardData(upsertOrder(boardData(), reply.result.order, false))
    setLast(reply.result)
    const r = reply.result
    toast('info', t('ui.delivery.delivered', { roNumber: r.order.roNumber, flat: formatHours(r.flatRateHours), actual: formatHours(r.actualHours), diff: signed(r.differenceHours) }))
  }

  return (
    <div className="delivery">
      {last && (
        <section className="delivery-last" role="status" aria-label={t('ui.delivery.lastDelivered')}>
          <h2>
            {t('ui.delivery.lastDelivered')}: {last.order.roNumber} {last.order.plate}
          </h2>
          <p className="delivery-hours">
            <span>
              {t('ui.delivery.flatRate')} <b>{t('ui.delivery.hours', { hours: formatHours(last.flatRateHours) })}</b>
            </span>
            <span>
              {t('ui.delivery.actual')} <b>{t('ui.delivery.hours', { hours: formatHours(last.actualHours) })}</b>
            </span>
            <span className={last.differenceHours > 0 ? 'over' : 'under'}>
              <b>{t('ui.delivery.hours', { hours: signed(last.differenceHours) })}</b>
            </span>
            <span className={last.firstTimePass ? 'badge status-ready' : 'badge badge-waiting'}>
              {last.firstTimePass ? t('ui.delivery.firstTime') : t('ui.delivery.notFirstTime')}
            </span>
          </p>
          {last.actualNote && <p className="hint">{localised(last.actualNote)}</p>}
        </section>
      )}
      {ready.length === 0 ? (
        <p className="qc-empty">{t('ui.delivery.empty')}</p>
      ) : (
        <table className="delivery-table">
          <thead>
            <tr>
              <th>{t('fields.roNumber')}</th>
              <th>{t('fields.model')}</th>
              <th>{t('fields.customerName')}</th>
              <th>{t('ui.technician')}</th>
              <th>{t('fields.promisedAt')}</th>
              <th className="num">{t('ui.delivery.flatRate')}</th>
              <th className="num">{t('ui.delivery.actual')}</th>
              {mayDeliver && <th aria-label={t('ui.delivery.deliver')} />}
            </tr>
          </thead>
          <tbody>
            {ready.map((o) => {
              const flat = totalHours(o.jobLines)
              const used = hoursUsedAt(o.labour, now)
              return (
                <tr key={o.id} data-ro={o.roNumber}>
                  <td>
                    <b>{o.roNumber}</b> {o.plate}
                  </td>
                  <td>{o.model}</td>
                  <td className="delivery-customer">
                    <span>{o.customerName}</span> <span>{o.customerPhone}</span>
                  </td>
                  <td>{o.technicianId !== null ? technicians[o.technicianId]?.name : ''}</td>
                  <td>
                    {formatPromised(o.promisedAt, timeZone, now)}
                    {promisePassed(o, now) && <span className="badge badge-overdue">{t('ui.overdue')}</span>}
                  </td>
                  <td className="num">{t('ui.delivery.hours', { hours: formatHours(flat) })}</td>
                  <td className={used > flat ? 'num over' : 'num'}>{t('ui.delivery.hours', { hours: formatHours(used) })}</td>
                  {mayDeliver && (
                    <td>
                      <button type="button" className="btn btn-primary btn-touch" disabled={busy !== null} onClick={() => void deliver(o.id)}>
                        {busy === o.id ? t('ui.delivery.delivering') : t('ui.delivery.deliver')}
                      </button>
                    </td>
                  )}
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </div>
  )
}
