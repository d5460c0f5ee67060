import { memo, useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ATTENDANCE_KINDS, localDateOf, type AttendanceKind, type DayWindow } from '../../../../shared/domain/calendar'
import { call, type CommandResult } from '../../api/client'
import { Dialog, Field } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang, useT } from '../../i18n'
import { formatDateTime } from '../../i18n/time'
import { showError } from '../../store/actions'
import { useBoard } from '../../store/board-store'
import { toast } from '../../store/toast-store'
import { openDialog, useUi } from '../../store/ui-store'
import { openScheduleDialog, useScheduleUi } from './schedule-ui'
import { stoppageTimerText } from './schedule-format'
import { subletCounts } from './sublet-counts'
import { useCan } from '../auth/session-store'

const close = () => openScheduleDialog(null)

/** The schedule feature's dialogs, mounted once by the app. */
export function ScheduleDialogs() {
  const dialog = useScheduleUi((s) => s.dialog)
  if (dialog === 'sublets') return <SubletDialog />
  if (dialog === 'settings') return <SettingsDialog />
  return null
}

/** The sublet list's button (with its count, red when one is overdue); sits with the attention list, since both watch stoppages. */
export const SubletButton = memo(function SubletButton() {
  const { t } = useT()
  const now = useUi((s) => s.nowMinute)
  // One number, so the button re-renders only when a count changes.
  const sublets = useBoard((s) => subletCounts(s.orders, now))
  const canList = useCan('stoppage-list')
  if (!canList) return null
  const open = Math.floor(sublets / 10_000)
  const overdue = sublets % 10_000
  return (
    <button type="button" className={overdue > 0 ? 'btn btn-sublets btn-warn' : 'btn btn-sublets'} onClick={() => openScheduleDialog('sublets')} title={t('ui.sched.subletsTitle')}>
      {t('ui.sched.sublets', { count: open })}
      {overdue > 0 && <b> · {t('ui.sched.overdueCount', { count: overdue })}</b>}
    </button>
  )
})

/** Header button: workshop calendar and attendance settings. */
export function ScheduleHeaderButtons() {
  const { t } = useTranslation()
  const canSet = useCan('calendar-update')
  if (!canSet) return null
  return (
    <button type="button" className="btn" onClick={() => openScheduleDialog('settings')}>
      {t('ui.sched.settings')}
    </button>
  )
}

/** Open sublet stoppages with vendor and expected return, overdue ones highlighted (issue 3). */
function SubletDialog() {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const version = useBoard((s) => s.version)
  const [list, setList] = useState<CommandResult<'stoppage-list'> | null>(null)
  useEffect(() => {
    let live = true
    void call('stoppage-list', { kind: 'sublet' }).then((r) => {
      if (!live) return
      if (r.ok) setList(r.result)
      else showError(r.error)
    })
    return () => {
      live = false
    }
  }, [version])
  const now = Date.now()
  return (
    <Dialog title={t('ui.sched.subletsTitle')} onClose={close} size="lg">
      {!list ? (
        <p>{t('ui.loading')}</p>
      ) : list.length === 0 ? (
        <p className="empty-note dark">{t('ui.sched.subletsEmpty')}</p>
      ) : (
        <table className="lines-table sublet-table">
          <thead>
            <tr>
              <th>{t('fields.roNumber')}</th>
              <th>{t('fields.vendor')}</th>
              <th>{t('fields.workSent')}</th>
              <th>{t('fields.expectedReturnAt')}</th>
              <th>{t('ui.sched.away')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} className={s.overdue ? 'overdue-row' : ''} data-overdue={s.overdue ? 'true' : undefined}>
                <td>
                  <button
                    type="button"
                    className="link-btn"
                    onClick={() => {
                      close()
                      openDialog({ kind: 'order', orderId: s.repairOrderId, mode: 'view' })
                    }}
                  >
                    <b>{s.roNumber}</b> {s.plate}
                  </button>
                  <div className="muted">{s.model}</div>
                </td>
                <td>{s.details.kind === 'sublet' ? s.details.vendor : ''}</td>
                <td>{s.details.kind === 'sublet' ? s.details.workSent : ''}</td>
                <td>
                  {s.expectedEndAt ? formatDateTime(s.expectedEndAt, timeZone) : t('ui.none')}
                  {s.overdue && <span className="badge badge-overdue">{t('schedule.overdue')}</span>}
                </td>
                <td>{stoppageTimerText(t, s.startedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="btn" onClick={close}>
          {t('ui.close')}
        </button>
      </div>
    </Dialog>
  )
}

function SettingsDialog() {
  const { t } = useTranslation()
  return (
    <Dialog title={t('ui.sched.settingsTitle')} onClose={close} size="lg">
      <CalendarForm />
      <AttendanceForm />
    </Dialog>
  )
}

interface DayRow {
  open: boolean
  start: string
  end: string
}

// Monday first on the form (the shop's week), stored Sunday = 0.
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]

/** Working hours per weekday, lunch, days off and settlement time (issue 3's workshop calendar). */
function CalendarForm() {
  const { t } = useTranslation()
  const uid = useId()
  const calendar = useBoard((s) => s.calendar)
  const [days, setDays] = useState<DayRow[]>(() => calendar.weekHours.map((w) => ({ open: w !== null, start: w?.start ?? '08:30', end: w?.end ?? '17:30' })))
  const [lunchOn, setLunchOn] = useState(calendar.lunch !== null)
  const [lunch, setLunch] = useState<DayWindow>(calendar.lunch ?? { start: '12:00', end: '13:00' })
  const [daysOff, setDaysOff] = useState<string[]>(calendar.daysOff)
  const [newDay, setNewDay] = useState('')
  const [settlement, setSettlement] = useState(String(calendar.settlementHours))
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  async function submit(e: FormEvent) {
    e.preventDefault()
    const hours = Number(settlement)
    if (settlement.trim() === '' || !Number.isFinite(hours)) {
      setErrors({ form: null, fields: { settlementHours: t('issue.invalid') } })
      return
    }
    setBusy(true)
    const reply = await call('calendar-update', {
      weekHours: days.map((d) => (d.open ? { start: d.start, end: d.end } : null)),
      lunch: lunchOn ? lunch : null,
      daysOff,
      settlementHours: hours
    })
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    setErrors(noErrors())
    toast('info', t('ui.saved'))
  }
  const setDay = (i: number, patch: Partial<DayRow>) => setDays(days.map((d, k) => (k === i ? { ...d, ...patch } : d)))
  const dayError = (i: number) => errors.fields[`weekHours.${i}.end`] ?? errors.fields[`weekHours.${i}`]
  return (
    <form className="form settings-form" onSubmit={submit} noValidate aria-label={t('ui.sched.calendarTitle')}>
      <h3>{t('ui.sched.calendarTitle')}</h3>
      <FormErrorBanner errors={errors} />
      <fieldset>
        <legend>{t('fields.weekHours')}</legend>
        <div className="week-grid">
          {WEEK_ORDER.map((i) => (
            <div key={i} className={days[i].open ? 'week-row' : 'week-row closed'}>
              <label className="check">
                <input type="checkbox" checked={days[i].open} onChange={(e) => setDay(i, { open: e.target.checked })} />
                <b>{t(`ui.sched.weekday.${i}`)}</b>
              </label>
              <input type="time" aria-label={`${t(`ui.sched.weekday.${i}`)} ${t('fields.start')}`} value={days[i].start} disabled={!days[i].open} onChange={(e) => setDay(i, { start: e.target.value })} />
              <span aria-hidden="true">–</span>
              <input type="time" aria-label={`${t(`ui.sched.weekday.${i}`)} ${t('fields.end')}`} value={days[i].end} disabled={!days[i].open} onChange={(e) => setDay(i, { end: e.target.value })} />
              {!days[i].open && <span className="muted">{t('ui.sched.closed')}</span>}
              {dayError(i) && <small className="error-text">{dayError(i)}</small>}
            </div>
          ))}
        </div>
      </fieldset>
      <div className="settings-row">
        <fieldset>
          <legend>{t('fields.lunch')}</legend>
          <label className="check">
            <input type="checkbox" checked={lunchOn} onChange={(e) => setLunchOn(e.target.checked)} />
            {t('ui.sched.hasLunch')}
          </label>
          <div className="time-pair">
            <input type="time" aria-label={`${t('fields.lunch')} ${t('fields.start')}`} value={lunch.start} disabled={!lunchOn} onChange={(e) => setLunch({ ...lunch, start: e.target.value })} />
            <span aria-hidden="true">–</span>
            <input type="time" aria-label={`${t('fields.lunch')} ${t('fields.end')}`} value={lunch.end} disabled={!lunchOn} onChange={(e) => setLunch({ ...lunch, end: e.target.value })} />
          </div>
          {(errors.fields['lunch.end'] ?? errors.fields.lunch) && <small className="error-text">{errors.fields['lunch.end'] ?? errors.fields.lunch}</small>}
        </fieldset>
        <Field label={t('ui.sched.settlementLabel')} id={`${uid}-settle`} error={errors.fields.settlementHours} hint={t('ui.sched.settlementHelp')}>
          <input id={`${uid}-settle`} type="number" min={0} max={8} step={0.1} value={settlement} onChange={(e) => setSettlement(e.target.value)} />
        </Field>
      </div>
      <fieldset>
        <legend>{t('fields.daysOff')}</legend>
        <ul className="days-off">
          {daysOff.map((d) => (
            <li key={d}>
              {d}
              <button type="button" className="btn btn-small" onClick={() => setDaysOff(daysOff.filter((x) => x !== d))} aria-label={`${t('ui.remove')} ${d}`}>
                ✕
              </button>
            </li>
          ))}
          {daysOff.length === 0 && <li className="muted">{t('ui.none')}</li>}
        </ul>
        <div className="time-pair">
          <input type="date" aria-label={t('ui.sched.addDayOff')} value={newDay} onChange={(e) => setNewDay(e.target.value)} />
          <button
            type="button"
            className="btn"
            disabled={!newDay}
            onClick={() => {
              if (newDay && !daysOff.includes(newDay)) setDaysOff([...daysOff, newDay].sort())
              setNewDay('')
            }}
          >
            {t('ui.sched.addDayOff')}
          </button>
        </div>
      </fieldset>
      <div className="form-actions">
        <span className="spacer" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('ui.saving') : t('ui.save')}
        </button>
      </div>
    </form>
  )
}

/** Technician attendance for one date: present, absent, or leaves early at HH:mm. */
function AttendanceForm() {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.calendar.timeZone)
  const laneIds = useBoard((s) => s.laneIds)
  const technicians = useBoard((s) => s.technicians)
  const attendance = useBoard((s) => s.attendance)
  const [date, setDate] = useState(() => localDateOf(timeZone, Date.now()))
  const recorded = useMemo(() => new Map(attendance.filter((a) => a.date === date).map((a) => [a.technicianId, a])), [attendance, date])
  return (
    <section className="form settings-form" aria-label={t('ui.sched.attendanceTitle')}>
      <h3>{t('ui.sched.attendanceTitle')}</h3>
      <label className="inline-field">
        {t('fields.date')}
        <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
      </label>
      <table className="lines-table attendance-table">
        <tbody>
          {laneIds.map((id) => {
            const tech = technicians[id]
            if (!tech) return null
            const a = recorded.get(id)
            return <AttendanceRow key={`${id}|${date}|${a?.kind ?? ''}|${a?.leavesAt ?? ''}`} technicianId={id} name={tech.name} date={date} kind={a?.kind ?? 'present'} leavesAt={a?.leavesAt ?? ''} />
          })}
        </tbody>
      </table>
    </section>
  )
}

function AttendanceRow(props: { technicianId: number; name: string; date: string; kind: AttendanceKind; leavesAt: string }) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<AttendanceKind>(props.kind)
  const [leavesAt, setLeavesAt] = useState(props.leavesAt || '15:00')
  const [busy, setBusy] = useState(false)
  const changed = kind !== props.kind || (kind === 'leaves_early' && leavesAt !== props.leavesAt)
  async function save() {
    setBusy(true)
    const reply = await call('technician-attendance-set', {
      technicianId: props.technicianId,
      date: props.date,
      kind,
      leavesAt: kind === 'leaves_early' ? leavesAt : null
    })
    setBusy(false)
    if (!reply.ok) showError(reply.error)
    else toast('info', t('ui.saved'))
  }
  return (
    <tr data-technician={props.name}>
      <th scope="row">{props.name}</th>
      <td>
        <select aria-label={`${props.name} ${t('ui.sched.attendance')}`} value={kind} onChange={(e) => setKind(e.target.value as AttendanceKind)}>
          {ATTENDANCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`schedule.attendance.${k}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        {kind === 'leaves_early' && <input type="time" aria-label={`${props.name} ${t('fields.leavesAt')}`} value={leavesAt} onChange={(e) => setLeavesAt(e.target.value)} />}
      </td>
      <td>
        <button type="button" className="btn btn-small" disabled={!changed || busy} onClick={() => void save()}>
          {t('ui.sched.apply')}
        </button>
      </td>
    </tr>
  )
}
