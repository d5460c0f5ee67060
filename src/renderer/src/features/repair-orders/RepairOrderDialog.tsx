import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { REPAIR_ORDER_FLAGS } from '../../../../shared/domain/types'
import { call } from '../../api/client'
import { Dialog, Field } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { formatDateTime } from '../../i18n/time'
import { useBoard, boardData, setBoardData } from '../../store/board-store'
import { queueIndexOf, upsertOrder } from '../../store/board-state'
import { closeDialog, openDialog } from '../../store/ui-store'
import { toast } from '../../store/toast-store'
import { RepairOrderForm } from './RepairOrderForm'
import { JobLinesTable } from './JobLinesTable'
import { OrderSchedule } from '../schedule/OrderSchedule'
import { OrderHistory } from '../history/OrderHistory'
import { useCan } from '../auth/session-store'
import { printTicket } from '../tickets/ticket-store'

export function NewRepairOrderDialog() {
  const { t } = useTranslation()
  return (
    <Dialog title={t('ui.newOrderTitle')} onClose={closeDialog} size="lg">
      <RepairOrderForm order={null} onDone={closeDialog} onCancel={closeDialog} />
    </Dialog>
  )
}

/** One order: its details and status, edit, and cancel with a reason. */
export function RepairOrderDialog({ orderId, mode }: { orderId: number; mode: 'view' | 'edit' | 'cancel' }) {
  const { t } = useTranslation()
  const order = useBoard((s) => s.orders[orderId])
  const tech = useBoard((s) => (order?.technicianId != null ? s.technicians[order.technicianId] : undefined))
  const timeZone = useBoard((s) => s.settings.timeZone)
  const queueIndex = useBoard((s) => (order ? queueIndexOf(s, order) : null))
  const mayEdit = useCan('repair-order-update')
  // The ticket lists the QC checks, which only staff may read (roles.ts: qc-checklist-get).
  const mayPrint = useCan('qc-checklist-get')
  const setMode = (m: 'view' | 'edit' | 'cancel') => openDialog({ kind: 'order', orderId, mode: m })
  if (!order) {
    return (
      <Dialog title={t('ui.orderDialogTitle', { roNumber: '' })} onClose={closeDialog}>
        <p>{t('errors.NOT_FOUND', { entity: t('entity.repair_order'), id: orderId })}</p>
      </Dialog>
    )
  }
  if (mode === 'edit') {
    return (
      <Dialog title={t('ui.editOrderTitle', { roNumber: order.roNumber })} onClose={closeDialog} size="lg">
        <RepairOrderForm order={order} onDone={() => setMode('view')} onCancel={() => setMode('view')} />
      </Dialog>
    )
  }
  if (mode === 'cancel') {
    return (
      <Dialog title={t('ui.cancelOrderTitle', { roNumber: order.roNumber })} onClose={() => setMode('view')}>
        <CancelForm orderId={order.id} roNumber={order.roNumber} onBack={() => setMode('view')} />
      </Dialog>
    )
  }
  const flags = REPAIR_ORDER_FLAGS.filter((f) => order.flags[f])
  const cancellable = mayEdit && order.status !== 'delivered' && order.status !== 'cancelled'
  return (
    <Dialog title={t('ui.orderDialogTitle', { roNumber: order.roNumber })} onClose={closeDialog} size="lg">
      <div className="order-detail">
        <p className="detail-status">
          <span className={`status-pill status-${order.status}`}>{t(`status.${order.status}`)}</span>{' '}
          {tech ? tech.name : t('ui.unassigned')}
          {queueIndex !== null && ` · ${t('ui.queuePlace', { n: queueIndex + 1 })}`}
        </p>
        <dl className="detail-grid">
          <dt>{t('fields.plate')}</dt>
          <dd>{order.plate}</dd>
          <dt>{t('fields.model')}</dt>
          <dd>{order.model}</dd>
          <dt>{t('fields.vin')}</dt>
          <dd>{order.vin ?? t('ui.none')}</dd>
          <dt>{t('fields.customerName')}</dt>
          <dd>
            {order.customerName} · {order.customerPhone}
          </dd>
          <dt>{t('fields.serviceAdvisor')}</dt>
          <dd>{order.serviceAdvisor}</dd>
          <dt>{t('fields.promisedAt')}</dt>
          <dd>{formatDateTime(order.promisedAt, timeZone)}</dd>
          <dt>{t('fields.partsReady')}</dt>
          <dd className={order.partsReady ? '' : 'warn'}>{order.partsReady ? t('ui.yes') : t('ui.partsMissing')}</dd>
          <dt>{t('fields.flags')}</dt>
          <dd>
            {flags.length === 0
              ? t('ui.none')
              : flags.map((f) => (
                  <span key={f} className={f === 'comeback' ? 'badge badge-comeback' : f === 'waitingCustomer' ? 'badge badge-waiting' : 'badge badge-minor'}>
                    {t(`flags.${f}`)}
                  </span>
                ))}
          </dd>
          {order.notes && (
            <>
              <dt>{t('fields.notes')}</dt>
              <dd>{order.notes}</dd>
            </>
          )}
        </dl>
        <JobLinesTable lines={order.jobLines} className="lines-table" caption={t('fields.jobLines')} />
        <OrderSchedule order={order} />
        <OrderHistory orderId={order.id} />
      </div>
      <div className="form-actions">
        {cancellable && (
          <button type="button" className="btn btn-danger" onClick={() => setMode('cancel')}>
            {t('ui.cancelOrder')}
          </button>
        )}
        <span className="spacer" />
        {mayPrint && (
          <button type="button" className="btn" onClick={() => void printTicket(order.id)}>
            {t('ticket.print')}
          </button>
        )}
        <button type="button" className="btn" onClick={closeDialog}>
          {t('ui.close')}
        </button>
        {cancellable && (
          <button type="button" className="btn btn-primary" onClick={() => setMode('edit')}>
            {t('ui.edit')}
          </button>
        )}
      </div>
    </Dialog>
  )
}

function CancelForm({ orderId, roNumber, onBack }: { orderId: number; roNumber: string; onBack: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!reason.trim()) {
      setErrors({ form: null, fields: { reason: `${t('fields.reason')}${currentLang() === 'zh' ? '' : ' '}${t('ui.required')}` } })
      return
    }
    setBusy(true)
    const reply = await call('repair-order-cancel', { id: orderId, reason: reason.trim() })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    setBoardData(upsertOrder(boardData(), reply.result, false))
    toast('info', t('ui.cancelled', { roNumber }))
    closeDialog()
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrorBanner errors={errors} />
      <Field label={t('fields.reason')} id={`${uid}-reason`} error={errors.fields.reason} hint={t('ui.cancelReasonHelp')}>
        <textarea id={`${uid}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onBack}>
          {t('ui.keepOrder')}
        </button>
        <button type="submit" className="btn btn-danger" disabled={busy}>
          {t('ui.confirmCancel')}
        </button>
      </div>
    </form>
  )
}
