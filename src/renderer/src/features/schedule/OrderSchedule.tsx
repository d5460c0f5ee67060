import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandArgs, CommandName } from '../../../../shared/api/commands'
import { totalHours } from '../../../../shared/domain/pool-order'
import { OPEN_STATUSES } from '../../../../shared/domain/repair-order-status'
import { NOTIFICATION_CHANNELS, STOPPAGE_KINDS, type NotificationChannel, type RepairOrder, type StoppageKind } from '../../../../shared/domain/types'
import { call, type CommandResult } from '../../api/client'
import { Field, invalidProps } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { formatDateTime, fromLocalInput, toLocalInput } from '../../i18n/time'
import { boardData, setBoardData, useBoard } from '../../store/board-store'
import { upsertOrder } from '../../store/board-state'
import { toast } from '../../store/toast-store'
import { showError } from '../../store/actions'
import { useOrderRisk } from './risk-store'
import { clearOrderPanel, requestedOrderPanel, type OrderPanel } from './schedule-ui'
import { h1, riskTitle, stoppageTimerText } from './schedule-format'
import { useUi } from '../../store/ui-store'
import { labourUsage } from '../../../../shared/domain/labour'
import { useCan } from '../auth/session-store'
import { FormActions } from '../../components/FormActions'

const open = new Set<string>(OPEN_STATUSES)

/** Puts a command's returned order into the board at once; the board-changed event settles the rest. */
function showOrder(o: RepairOrder): void {
  setBoardData(upsertOrder(boardData(), o, open.has(o.status)))
}

type OrderCommand = 'repair-order-start' | 'repair-order-pause' | 'repair-order-resume' | 'repair-order-park' | 'repair-order-finish' | 'customer-notification-record'

/** Runs a clock or promise command; the caller shows field errors when the reply is a refusal. */
async function runOrderCommand<K extends OrderCommand>(name: K, args: CommandArgs<K>) {
  const reply = await call(name, args)
  if (reply.ok) showOrder(reply.result as RepairOrder)
  return reply
}

const required = (t: (k: string) => string, label: string): string => `${label}${currentLang() === 'zh' ? '' : ' '}${t('ui.required')}`

/**
 * The order dialog's schedule part (issue 3): promise and risk, the labour clock (start, pause
 * with a reason, resume, park, finish with the technician's report), the clock segments with
 * the dispatcher's corrections, and telling the customer about a revised promise.
 */
export function OrderSchedule({ order }: { order: RepairOrder }) {
  const { t } = useTranslation()
  const [panel, setPanel] = useState<OrderPanel | null>(() => requestedOrderPanel(order.id))
  useEffect(clearOrderPanel, [])
  const [busy, setBusy] = useState(false)
  const risk = useOrderRisk(order.id)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const now = useUi((s) => s.nowMinute)
  // The role on this screen decides which buttons it gets (issue 4); the server checks anyway.
  const canClock = useCan('repair-order-start')
  const canNotify = useCan('customer-notification-record')
  const canPark = useCan('repair-order-park')
  const isOpen = open.has(order.status)
  if (!isOpen) return null
  const flat = totalHours(order.jobLines)
  const used = risk?.hoursUsed ?? order.labour.closedHours
  const simple = async (name: 'repair-order-start' | 'repair-order-resume' | 'repair-order-park', done: string) => {
    setBusy(true)
    const reply = await runOrderCommand(name, { id: order.id })
    setBusy(false)
    if (!reply.ok) showError(reply.error)
    else toast('info', t(done, { roNumber: order.roNumber }))
  }
  const fmt = (ms: number | null | undefined) => (ms == null ? t('ui.none') : formatDateTime(new Date(ms).toISOString(), timeZone))
  const stop = order.openStoppage
  const revised = order.promise.originalPromisedAt !== order.promisedAt
  return (
    <section className="order-schedule" aria-label={t('ui.sched.sectionTitle')}>
      <h3>{t('ui.sched.sectionTitle')}</h3>
      {risk && risk.state !== 'on_track' && (
        <p className={`risk-banner risk-${risk.state}`} role="status" data-risk={risk.state}>
          <b>⚠ {riskTitle(t, risk)}</b>
          {panel !== 'notify' && canNotify && (
            <button type="button" className="btn btn-notify" onClick={() => setPanel('notify')}>
              {t('ui.sched.tellCustomer')}
            </button>
          )}
        </p>
      )}
      <dl className="detail-grid schedule-grid">
        <dt>{t('schedule.latestStart')}</dt>
        <dd data-field="latest-start">{fmt(risk?.latestStart)}</dd>
        <dt>{t('schedule.projectedFinish')}</dt>
        <dd>{fmt(risk?.projectedFinish)}</dd>
        <dt>{t('schedule.hoursUsed')}</dt>
        <dd className={`used-${labourUsage(used, flat)}`} data-field="hours-used">
          {t('ui.sched.usedOf', { used: h1(used), flat: h1(flat) })}
        </dd>
        {revised && (
          <>
            <dt>{t('schedule.originalPromise')}</dt>
            <dd>{formatDateTime(order.promise.originalPromisedAt, timeZone)}</dd>
          </>
        )}
        {stop && (
          <>
            <dt>{t('fields.stoppage')}</dt>
            <dd data-field="stoppage">
              <span className={`stop-chip stop-${stop.kind}`}>{t(`schedule.stoppageKind.${stop.kind}`)}</span>{' '}
              {t('ui.sched.stoppedSince', { time: formatDateTime(stop.startedAt, timeZone), elapsed: stoppageTimerText(t, stop.startedAt, now) })}
              {order.parked && <span className="badge badge-minor"> {t('ui.parked')}</span>}
              <StoppageDetailsText order={order} />
            </dd>
          </>
        )}
        {order.technicianReport && (
          <>
            <dt>{t('fields.report')}</dt>
            <dd>
              {t('fields.workDone')}: {order.technicianReport.workDone}
              <br />
              {t('fields.cause')}: {order.technicianReport.cause}
              <br />
              {t('fields.fix')}: {order.technicianReport.fix}
            </dd>
          </>
        )}
      </dl>
      {(canClock || canNotify) && (
      <div className="clock-actions" role="group" aria-label={t('ui.sched.clock')}>
        {canClock && order.status === 'assigned' && (
          <button type="button" className="btn btn-primary btn-clock" disabled={busy} onClick={() => void simple('repair-order-start', 'ui.sched.startedToast')}>
            ▶ {t('ui.sched.start')}
          </button>
        )}
        {canClock && order.status === 'in_progress' && (
          <>
            <button type="button" className="btn btn-clock" disabled={busy} onClick={() => setPanel('pause')} aria-expanded={panel === 'pause'}>
              ❚❚ {t('ui.sched.pause')}
            </button>
            <button type="button" className="btn btn-primary btn-clock" disabled={busy} onClick={() => setPanel('finish')} aria-expanded={panel === 'finish'}>
              ✓ {t('ui.sched.finish')}
            </button>
          </>
        )}
        {canClock && order.status === 'stopped' && (
          <button type="button" className="btn btn-primary btn-clock" disabled={busy} onClick={() => void simple('repair-order-resume', 'ui.sched.resumedToast')}>
            ▶ {t('ui.sched.resume')}
          </button>
        )}
        {canPark && order.status === 'stopped' && !order.parked && (
          <button type="button" className="btn btn-clock" disabled={busy} onClick={() => void simple('repair-order-park', 'ui.sched.parkedToast')} title={t('ui.sched.parkHelp')}>
            ⏸ {t('ui.sched.park')}
          </button>
        )}
        <span className="spacer" />
        {panel !== 'notify' && canNotify && (
          <button type="button" className="btn btn-clock" onClick={() => setPanel('notify')}>
            ☎ {t('ui.sched.tellCustomer')}
          </button>
        )}
      </div>
      )}
      {panel === 'pause' && order.status === 'in_progress' && <PauseForm order={order} onDone={() => setPanel(null)} />}
      {panel === 'finish' && order.status === 'in_progress' && <FinishForm order={order} onDone={() => setPanel(null)} />}
      {panel === 'notify' && <NotifyForm order={order} onDone={() => setPanel(null)} />}
      <NotificationHistory order={order} />
      <ClockSegments order={order} />
    </section>
  )
}

function StoppageDetailsText({ order }: { order: RepairOrder }) {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const d = order.openStoppage?.details
  if (!d) return null
  const at = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : t('ui.none'))
  let text: string
  switch (d.kind) {
    case 'parts':
      text = `${d.parts} · ${t('fields.expectedArrivalAt')}: ${at(d.expectedArrivalAt)}`
      break
    case 'sublet':
      text = `${d.vendor} · ${d.workSent} · ${t('fields.expectedReturnAt')}: ${at(d.expectedReturnAt)}`
      break
    case 'approval':
      text = d.note
      break
    case 'tools':
      text = d.equipment
      break
    case 'other':
      text = d.text
      break
  }
  return text ? <div className="stoppage-text">{text}</div> : null
}

function FormShell({ title, errors, busy, submitLabel, onSubmit, onCancel, children }: { title: string; errors: FormErrors; busy: boolean; submitLabel: string; onSubmit: (e: FormEvent) => void; onCancel: () => void; children: ReactNode }) {
  return (
    <form className="form schedule-form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h4>{title}</h4>
      <FormErrorBanner errors={errors} />
      {children}
      <FormActions onCancel={onCancel} busy={busy} submitLabel={submitLabel} />
    </form>
  )
}

/** Pause always with a reason (issue 3) and the details that reason needs. */
function PauseForm({ order, onDone }: { order: RepairOrder; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const [kind, setKind] = useState<StoppageKind | null>(null)
  const [v, setV] = useState({ parts: '', expectedArrivalAt: '', vendor: '', workSent: '', expectedReturnAt: '', note: '', equipment: '', text: '' })
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value })
  const field = (k: keyof typeof v, type: 'text' | 'datetime-local' = 'text', hint?: string) => {
    const id = `${uid}-${k}`
    const err = errors.fields[`stoppage.${k}`]
    return (
      <Field label={t(`fields.${k}`)} id={id} error={err} hint={hint}>
        <input id={id} type={type} value={v[k]} onChange={set(k)} {...invalidProps(id, err)} />
      </Field>
    )
  }
  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!kind) {
      setErrors({ form: null, fields: { 'stoppage.kind': required(t, t('fields.kind')) } })
      return
    }
    const missing: Record<string, string> = {}
    const need = (k: keyof typeof v) => {
      if (!v[k].trim()) missing[`stoppage.${k}`] = required(t, t(`fields.${k}`))
    }
    if (kind === 'parts') need('parts')
    if (kind === 'sublet') ['vendor', 'workSent', 'expectedReturnAt'].forEach((k) => need(k as keyof typeof v))
    if (kind === 'tools') need('equipment')
    if (kind === 'other') need('text')
    if (Object.keys(missing).length) {
      setErrors({ form: null, fields: missing })
      return
    }
    const at = (s: string) => (s ? fromLocalInput(s, timeZone) : null)
    const stoppage: CommandArgs<'repair-order-pause'>['stoppage'] =
      kind === 'parts'
        ? { kind, parts: v.parts.trim(), expectedArrivalAt: at(v.expectedArrivalAt) }
        : kind === 'sublet'
          ? { kind, vendor: v.vendor.trim(), workSent: v.workSent.trim(), expectedReturnAt: at(v.expectedReturnAt) ?? v.expectedReturnAt }
          : kind === 'approval'
            ? { kind, note: v.note.trim() }
            : kind === 'tools'
              ? { kind, equipment: v.equipment.trim() }
              : { kind, text: v.text.trim() }
    setBusy(true)
    const reply = await runOrderCommand('repair-order-pause', { id: order.id, stoppage })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    toast('info', t('ui.sched.pausedToast', { roNumber: order.roNumber, kind: t(`schedule.stoppageKind.${kind}`) }))
    onDone()
  }
  return (
    <FormShell title={t('ui.sched.pauseTitle')} errors={errors} busy={busy} submitLabel={t('ui.sched.pause')} onSubmit={submit} onCancel={onDone}>
      <fieldset>
        <legend>{t('fields.kind')}</legend>
        <div className="kind-choices" role="radiogroup" aria-label={t('fields.kind')}>
          {STOPPAGE_KINDS.map((k) => (
            <label key={k} className={kind === k ? 'kind-choice chosen' : 'kind-choice'}>
              <input type="radio" name={`${uid}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
              {t(`schedule.stoppageKind.${k}`)}
            </label>
          ))}
        </div>
        {errors.fields['stoppage.kind'] && <small className="error-text">{errors.fields['stoppage.kind']}</small>}
      </fieldset>
      {kind && (
        <div className="form-grid">
          {kind === 'parts' && (
            <>
              {field('parts')}
              {field('expectedArrivalAt', 'datetime-local', t('ui.promisedHelp', { zone: timeZone }))}
            </>
          )}
          {kind === 'sublet' && (
            <>
              {field('vendor')}
              {field('workSent')}
              {field('expectedReturnAt', 'datetime-local', t('ui.promisedHelp', { zone: timeZone }))}
            </>
          )}
          {kind === 'approval' && field('note')}
          {kind === 'tools' && field('equipment')}
          {kind === 'other' && field('text')}
        </div>
      )}
    </FormShell>
  )
}

/** Finish needs the technician's report: what was done, why it failed, how it was fixed. */
function FinishForm({ order, onDone }: { order: RepairOrder; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const [v, setV] = useState({ workDone: '', cause: '', fix: '' })
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    const missing: Record<string, string> = {}
    for (const k of ['workDone', 'cause', 'fix'] as const) if (!v[k].trim()) missing[`report.${k}`] = required(t, t(`fields.${k}`))
    if (Object.keys(missing).length) {
      setErrors({ form: null, fields: missing })
      return
    }
    setBusy(true)
    const reply = await runOrderCommand('repair-order-finish', { id: order.id, report: { workDone: v.workDone.trim(), cause: v.cause.trim(), fix: v.fix.trim() } })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    toast('info', t('ui.sched.finishedToast', { roNumber: order.roNumber }))
    onDone()
  }
  return (
    <FormShell title={t('ui.sched.finishTitle')} errors={errors} busy={busy} submitLabel={t('ui.sched.finish')} onSubmit={submit} onCancel={onDone}>
      {(['workDone', 'cause', 'fix'] as const).map((k) => {
        const id = `${uid}-${k}`
        const err = errors.fields[`report.${k}`]
        return (
          <Field key={k} label={t(`fields.${k}`)} id={id} error={err}>
            <textarea id={id} rows={2} value={v[k]} onChange={(e) => setV({ ...v, [k]: e.target.value })} {...invalidProps(id, err)} />
          </Field>
        )
      })}
    </FormShell>
  )
}

/** Tell the customer early: the revised promise, how, who told them (domain.md: 预先通知客户). */
function NotifyForm({ order, onDone }: { order: RepairOrder; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const risk = useOrderRisk(order.id)
  // Suggest the projected finish plus settlement, rounded up to the quarter hour, when it is later than the promise.
  const suggested = (() => {
    const settlementMs = boardData().calendar.settlementHours * 3_600_000
    const base = risk?.projectedFinish != null ? risk.projectedFinish + settlementMs : Date.parse(order.promisedAt)
    const q = 15 * 60_000
    return new Date(Math.ceil(Math.max(base, Date.parse(order.promisedAt)) / q) * q).toISOString()
  })()
  const [revised, setRevised] = useState(() => toLocalInput(suggested, timeZone))
  const [channel, setChannel] = useState<NotificationChannel | ''>('')
  const [toldBy, setToldBy] = useState(order.serviceAdvisor)
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    const missing: Record<string, string> = {}
    const at = fromLocalInput(revised, timeZone)
    if (!at) missing.revisedPromisedAt = required(t, t('fields.revisedPromisedAt'))
    if (!channel) missing.channel = required(t, t('fields.channel'))
    if (!toldBy.trim()) missing.toldBy = required(t, t('fields.toldBy'))
    if (!at || !channel || Object.keys(missing).length) {
      setErrors({ form: null, fields: missing })
      return
    }
    setBusy(true)
    const reply = await runOrderCommand('customer-notification-record', {
      id: order.id,
      revisedPromisedAt: at,
      channel,
      toldBy: toldBy.trim(),
      ...(note.trim() ? { note: note.trim() } : {})
    })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    toast('info', t('ui.sched.notifiedToast', { roNumber: order.roNumber }))
    onDone()
  }
  const id = (k: string) => `${uid}-${k}`
  return (
    <FormShell title={t('ui.sched.notifyTitle')} errors={errors} busy={busy} submitLabel={t('ui.sched.recordNotification')} onSubmit={submit} onCancel={onDone}>
      <p className="form-note">
        {t('ui.sched.currentPromise', { time: formatDateTime(order.promisedAt, timeZone) })}
        {order.promise.originalPromisedAt !== order.promisedAt && ` · ${t('schedule.originalPromise')}: ${formatDateTime(order.promise.originalPromisedAt, timeZone)}`}
      </p>
      <div className="form-grid">
        <Field label={t('fields.revisedPromisedAt')} id={id('revised')} error={errors.fields.revisedPromisedAt} hint={t('ui.promisedHelp', { zone: timeZone })}>
          <input id={id('revised')} type="datetime-local" value={revised} onChange={(e) => setRevised(e.target.value)} {...invalidProps(id('revised'), errors.fields.revisedPromisedAt)} />
        </Field>
        <Field label={t('fields.toldBy')} id={id('toldBy')} error={errors.fields.toldBy}>
          <input id={id('toldBy')} value={toldBy} onChange={(e) => setToldBy(e.target.value)} {...invalidProps(id('toldBy'), errors.fields.toldBy)} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('fields.channel')}</legend>
        <div className="kind-choices" role="radiogroup" aria-label={t('fields.channel')}>
          {NOTIFICATION_CHANNELS.map((c) => (
            <label key={c} className={channel === c ? 'kind-choice chosen' : 'kind-choice'}>
              <input type="radio" name={id('channel')} value={c} checked={channel === c} onChange={() => setChannel(c)} />
              {t(`schedule.channel.${c}`)}
            </label>
          ))}
        </div>
        {errors.fields.channel && <small className="error-text">{errors.fields.channel}</small>}
      </fieldset>
      <Field label={t('fields.note')} id={id('note')} error={errors.fields.note}>
        <input id={id('note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </FormShell>
  )
}

/** Loads a query whenever the order changes (its version), so lists follow the live board. */
function useOrderQuery<K extends 'customer-notification-list' | 'clock-segment-list'>(name: K, order: RepairOrder): CommandResult<K> | null {
  const [data, setData] = useState<CommandResult<K> | null>(null)
  useEffect(() => {
    let live = true
    void call(name as CommandName, { id: order.id } as CommandArgs<K>).then((r) => {
      if (live && r.ok) setData(r.result as CommandResult<K>)
    })
    return () => {
      live = false
    }
  }, [name, order.id, order.version])
  return data
}

/** Original and revised promises: every time the customer was told, who told them and how. */
function NotificationHistory({ order }: { order: RepairOrder }) {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const list = useOrderQuery('customer-notification-list', order)
  if (!list || list.length === 0) return null
  return (
    <table className="lines-table notify-table" aria-label={t('ui.sched.notifyHistory')}>
      <caption>{t('ui.sched.notifyHistory')}</caption>
      <thead>
        <tr>
          <th>{t('fields.toldAt')}</th>
          <th>{t('ui.sched.previousPromise')}</th>
          <th>{t('fields.revisedPromisedAt')}</th>
          <th>{t('fields.channel')}</th>
          <th>{t('fields.toldBy')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((n) => (
          <tr key={n.id}>
            <td>{formatDateTime(n.toldAt, timeZone)}</td>
            <td>{formatDateTime(n.previousPromisedAt, timeZone)}</td>
            <td>
              <b>{formatDateTime(n.revisedPromisedAt, timeZone)}</b>
            </td>
            <td>{t(`schedule.channel.${n.channel}`)}</td>
            <td>
              {n.toldBy}
              {n.note && <small> · {n.note}</small>}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={5}>
            {t('schedule.originalPromise')}: {formatDateTime(order.promise.originalPromisedAt, timeZone)}
          </td>
        </tr>
      </tfoot>
    </table>
  )
}

/** The labour clock's in-progress segments; the dispatcher corrects one with a reason (audited). */
function ClockSegments({ order }: { order: RepairOrder }) {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const list = useOrderQuery('clock-segment-list', order)
  const [editing, setEditing] = useState<number | null>(null)
  // Correcting a clock time is the dispatcher's (roles.ts); the technician and the others read.
  const mayEdit = useCan('clock-segment-edit')
  if (!list || list.length === 0) return null
  return (
    <table className="lines-table segments-table" aria-label={t('ui.sched.segments')}>
      <caption>{t('ui.sched.segments')}</caption>
      <thead>
        <tr>
          <th>{t('fields.startedAt')}</th>
          <th>{t('fields.endedAt')}</th>
          <th>{t('ui.sched.hoursCol')}</th>
          <th>{t('fields.reason')}</th>
          {mayEdit && <th />}
        </tr>
      </thead>
      <tbody>
        {list.map((s) =>
          editing === s.id ? (
            <tr key={s.id}>
              <td colSpan={5}>
                <SegmentEditForm segment={s} timeZone={timeZone} onDone={() => setEditing(null)} />
              </td>
            </tr>
          ) : (
            <tr key={s.id}>
              <td>{formatDateTime(s.startedAt, timeZone)}</td>
              <td>{s.endedAt ? formatDateTime(s.endedAt, timeZone) : t('ui.sched.running')}</td>
              <td>{h1(((s.endedAt ? Date.parse(s.endedAt) : Date.now()) - Date.parse(s.startedAt)) / 3_600_000)}</td>
              <td>{s.editReason ?? ''}</td>
              {mayEdit && (
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setEditing(s.id)}>
                    {t('ui.edit')}
                  </button>
                </td>
              )}
            </tr>
          )
        )}
      </tbody>
    </table>
  )
}

type Segment = CommandResult<'clock-segment-list'>[number]

function SegmentEditForm({ segment, timeZone, onDone }: { segment: Segment; timeZone: string; onDone: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const [startedAt, setStartedAt] = useState(toLocalInput(segment.startedAt, timeZone))
  const [endedAt, setEndedAt] = useState(segment.endedAt ? toLocalInput(segment.endedAt, timeZone) : '')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    const s = fromLocalInput(startedAt, timeZone)
    const en = segment.endedAt ? fromLocalInput(endedAt, timeZone) : null
    const missing: Record<string, string> = {}
    if (!s) missing.startedAt = required(t, t('fields.startedAt'))
    if (segment.endedAt && !en) missing.endedAt = required(t, t('fields.endedAt'))
    if (!reason.trim()) missing.reason = required(t, t('fields.reason'))
    if (!s || Object.keys(missing).length) {
      setErrors({ form: null, fields: missing })
      return
    }
    setBusy(true)
    const reply = await call('clock-segment-edit', { segmentId: segment.id, startedAt: s, ...(en ? { endedAt: en } : {}), reason: reason.trim() })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    toast('info', t('ui.saved'))
    onDone()
  }
  const id = (k: string) => `${uid}-${k}`
  return (
    <FormShell title={t('ui.sched.editSegment')} errors={errors} busy={busy} submitLabel={t('ui.save')} onSubmit={submit} onCancel={onDone}>
      <div className="form-grid">
        <Field label={t('fields.startedAt')} id={id('s')} error={errors.fields.startedAt}>
          <input id={id('s')} type="datetime-local" value={startedAt} onChange={(e) => setStartedAt(e.target.value)} />
        </Field>
        {segment.endedAt && (
          <Field label={t('fields.endedAt')} id={id('e')} error={errors.fields.endedAt}>
            <input id={id('e')} type="datetime-local" value={endedAt} onChange={(e) => setEndedAt(e.target.value)} />
          </Field>
        )}
        <Field label={t('fields.reason')} id={id('r')} error={errors.fields.reason} hint={t('ui.sched.editReasonHelp')}>
          <input id={id('r')} value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps(id('r'), errors.fields.reason)} />
        </Field>
      </div>
    </FormShell>
  )
}
