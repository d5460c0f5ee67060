import { useTranslation } from 'react-i18next'
import { isRequired, type QcChecklistItem } from '../../../../shared/domain/qc-checklist'
import { REPAIR_ORDER_FLAGS, type RepairOrder } from '../../../../shared/domain/types'
import { currentLang } from '../../i18n'
import { formatDateTime } from '../../i18n/time'
import { useBoard } from '../../store/board-store'
import { queueIndexOf } from '../../store/board-state'
import { Barcode } from './Barcode'
import { JobLinesTable } from '../repair-orders/JobLinesTable'
import './ticket.css'

/**
 * The job ticket (派工单) a technician takes to the car: RO number with its barcode, the vehicle,
 * the promise, the jobs with their flat-rate hours, room to write the clock times and the report,
 * the QC checks this order will be held to, and the signatures. One A5 page.
 */
export function JobTicket({ order, checklist, printedAt }: { order: RepairOrder; checklist: readonly QcChecklistItem[]; printedAt: number }) {
  const { t } = useTranslation()
  const tech = useBoard((s) => (order.technicianId != null ? s.technicians[order.technicianId] : undefined))
  const timeZone = useBoard((s) => s.settings.timeZone)
  const queueIndex = useBoard((s) => queueIndexOf(s, order))
  const lang = currentLang()
  const flags = REPAIR_ORDER_FLAGS.filter((f) => order.flags[f])
  return (
    <article className="job-ticket" aria-label={t('ticket.title')} data-ro={order.roNumber}>
      <header className="ticket-head">
        <div>
          <p className="ticket-kind">{t('ticket.title')}</p>
          <h1 className="ticket-ro">{order.roNumber}</h1>
          <p className="ticket-plate">
            {order.plate} · {order.model}
          </p>
        </div>
        <Barcode value={order.roNumber} label={t('ticket.barcode', { roNumber: order.roNumber })} />
      </header>
      <dl className="ticket-grid">
        <dt>{t('ticket.technician')}</dt>
        <dd className="ticket-strong">{tech ? (lang === 'zh' ? `${tech.name}（${tech.employeeNo}）` : `${tech.name} (${tech.employeeNo})`) : t('ui.unassigned')}</dd>
        <dt>{t('ticket.place')}</dt>
        <dd>
          {order.status === 'waiting'
            ? t('ticket.pool')
            : queueIndex !== null
              ? t('ticket.queued', { n: queueIndex + 1 })
              : t(`status.${order.status}`)}
        </dd>
        <dt>{t('fields.promisedAt')}</dt>
        <dd className="ticket-strong">{formatDateTime(order.promisedAt, timeZone)}</dd>
        <dt>{t('fields.serviceAdvisor')}</dt>
        <dd>{order.serviceAdvisor}</dd>
        <dt>{t('fields.customerName')}</dt>
        <dd>{order.customerName}</dd>
        <dt>{t('fields.vin')}</dt>
        <dd>{order.vin ?? t('ui.none')}</dd>
        <dt>{t('fields.partsReady')}</dt>
        <dd>{order.partsReady ? t('ui.yes') : t('ui.partsMissing')}</dd>
        <dt>{t('fields.flags')}</dt>
        <dd>{flags.length ? flags.map((f) => t(`flags.${f}`)).join(lang === 'zh' ? '、' : ', ') : t('ui.none')}</dd>
      </dl>
      <JobLinesTable lines={order.jobLines} className="ticket-lines" />
      {order.notes && (
        <p className="ticket-notes">
          <strong>
            {t('fields.notes')}
            {lang === 'zh' ? '：' : ': '}
          </strong>
          {order.notes}
        </p>
      )}
      <section className="ticket-write">
        <p>
          {t('ticket.started')} <span className="ticket-blank" /> {t('ticket.finished')} <span className="ticket-blank" />
        </p>
        <p className="ticket-box">{t('ticket.workDone')}</p>
        <p className="ticket-box">{t('ticket.cause')}</p>
        <p className="ticket-box">{t('ticket.fix')}</p>
      </section>
      <section className="ticket-checks">
        <h2>{t('ticket.checklist')}</h2>
        <ul>
          {checklist.map((item) => {
            const required = isRequired(item, order.flags)
            return (
              <li key={item.id} data-required={required}>
                <span className="ticket-tick" aria-hidden="true" />
                {lang === 'zh' ? item.labelZh : item.labelEn}
                <em>{required ? t('ticket.required') : t('ticket.optional')}</em>
              </li>
            )
          })}
        </ul>
      </section>
      <footer className="ticket-sign">
        <p>
          {t('ticket.signTechnician')} <span className="ticket-blank" />
        </p>
        <p>
          {t('ticket.signInspector')} <span className="ticket-blank" />
        </p>
        <p className="ticket-printed">{t('ticket.printed', { at: formatDateTime(new Date(printedAt).toISOString(), timeZone) })}</p>
      </footer>
    </article>
  )
}
