import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { COMEBACK_CAUSES, type ComebackCause } from '../../../../shared/domain/qc-checklist'
import type { ErrorReply } from '../../../../shared/api/errors'
import type { QcRecord } from '../../../../main/db/qc.repo'
import type { RepairOrder } from '../../../../shared/domain/types'
import { call } from '../../api/client'
import { currentLang, localised } from '../../i18n'
import { formatDateTime, formatHours, formatPromised } from '../../i18n/time'
import { boardData, setBoardData, useBoard } from '../../store/board-store'
import { skillName, upsertOrder, type BoardData } from '../../store/board-state'
import { toast } from '../../store/toast-store'
import { useUi } from '../../store/ui-store'
import { PinInput } from '../auth/PinInput'
import { useCan, useSession } from '../auth/session-store'
import { DeliveryList } from './DeliveryList'
import { checklistFor, qcRows, signOffArgs, signOffProblems, waitParts, type QcRow, type SignOffForm, type SignOffProblem } from './qc-model'
import { loadQc, useQc } from './qc-store'
import { go, type Route } from './route'
import './qc.css'

export function formatWait(minutes: number, t: TFunction): string {
  const { h, m } = waitParts(minutes)
  return h > 0 ? t('ui.qcView.hoursMinutes', { h, m }) : t('ui.qcView.minutes', { m })
}

// The last list awaitingQc gave, and the side list and orders record it was read from.
let awaitingOf: { sideIds: readonly number[]; orders: BoardData['orders']; list: RepairOrder[] } | null = null

/**
 * The cars awaiting QC (all in the side list) in id order: the same array while each of them is the
 * same record, so a change elsewhere on the board neither re-ranks the queue nor re-renders its
 * screens. Read once per board change for every screen and header that shows the queue (issue 5).
 */
function awaitingQc(s: Pick<BoardData, 'sideIds' | 'orders'>): RepairOrder[] {
  const last = awaitingOf
  if (last && last.sideIds === s.sideIds && last.orders === s.orders) return last.list
  const list = s.sideIds.filter((id) => s.orders[id]?.status === 'awaiting_qc').sort((a, b) => a - b).map((id) => s.orders[id])
  const same = last !== null && list.length === last.list.length && list.every((o, i) => o === last.list[i])
  awaitingOf = { sideIds: s.sideIds, orders: s.orders, list: same ? last.list : list }
  return awaitingOf.list
}

/** Cars ready for delivery (the rest of the side list), for the QC screen and the board's backlog line. */
export const readyCount = (s: Pick<BoardData, 'sideIds' | 'orders'>): number => s.sideIds.filter((id) => s.orders[id]?.status === 'ready').length

/** The ranked QC queue, live from the board store. */
export function useQcRows(): QcRow[] {
  const orders = useBoard(awaitingQc)
  const since = useQc((s) => s.since)
  const now = useUi((s) => s.nowMinute)
  return useMemo(() => qcRows(orders, since, now), [orders, since, now])
}

/** A priority as a badge: the first two (comeback, complaint) in the comeback red, the rest quieter. */
function PriorityBadges({ priorities }: { priorities: number[] }) {
  const { t } = useTranslation()
  if (priorities.length === 0) return <span className="badge badge-minor">{t('qc.priorities.11')}</span>
  return (
    <>
      {priorities.map((p) => (
        <span key={p} className={p === 1 ? 'badge badge-comeback' : p <= 3 ? 'badge badge-waiting' : 'badge badge-minor'}>
          {t(`qc.priorities.${p}`)}
        </span>
      ))}
    </>
  )
}

/** The inspector's screen (issue 4, tablet first): QC queue and sign-off, or the delivery list. */
export function QcScreen({ route }: { route: Exclude<Route, 'board'> }) {
  const { t } = useTranslation()
  const rows = useQcRows()
  const ready = useBoard(readyCount)
  const role = useSession((s) => s.role)
  useEffect(() => {
    void loadQc()
  }, [role])
  return (
    <main className="qc-screen">
      <nav className="qc-tabs" aria-label={t('ui.qcView.title')}>
        <button type="button" className="qc-tab" onClick={() => go('board')}>
          <span aria-hidden="true">← </span>
          {t('ui.qcView.board')}
        </button>
        <button type="button" className="qc-tab" aria-current={route === 'qc' ? 'page' : undefined} onClick={() => go('qc')}>
          {t('ui.qcView.tabQueue')} <span className="count">{rows.length}</span>
        </button>
        <button type="button" className="qc-tab" aria-current={route === 'delivery' ? 'page' : undefined} onClick={() => go('delivery')}>
          {t('ui.qcView.tabDelivery')} <span className="count">{ready}</span>
        </button>
      </nav>
      {route === 'qc' ? <QcQueueAndSignOff rows={rows} /> : <DeliveryList />}
    </main>
  )
}

function QcQueueAndSignOff({ rows }: { rows: QcRow[] }) {
  const { t } = useTranslation()
  const [picked, setPicked] = useState<number | null>(null)
  // The picked car, or the riskiest one when none is picked or the picked one has left QC.
  const selected = rows.find((r) => r.order.id === picked) ?? rows[0]
  const timeZone = useBoard((s) => s.settings.timeZone)
  const now = useUi((s) => s.nowMinute)
  const technicians = useBoard((s) => s.technicians)
  return (
    <div className="qc-split">
      <section className="qc-queue" aria-labelledby="qc-queue-title">
        <h2 id="qc-queue-title" className="sr-only">
          {t('ui.qcView.tabQueue')}
        </h2>
        {rows.length === 0 ? (
          <p className="qc-empty">{t('ui.qcView.queueEmpty')}</p>
        ) : (
          <ol>
            {rows.map((r) => {
              const o = r.order
              const tech = o.technicianId !== null ? technicians[o.technicianId]?.name : undefined
              return (
                <li key={o.id}>
                  <button
                    type="button"
                    className="qc-row"
                    aria-pressed={selected?.order.id === o.id}
                    data-ro={o.roNumber}
                    onClick={() => setPicked(o.id)}
                  >
                    <span className="qc-row-top">
                      <b className="ro">{o.roNumber}</b>
                      <span className="plate">{o.plate}</span>
                    </span>
                    <span className="qc-row-mid">
                      {o.model}
                      {tech ? ` · ${tech}` : ''}
                      {' · '}
                      {t('ui.qcView.promised', { time: formatPromised(o.promisedAt, timeZone, now) })}
                    </span>
                    <span className="qc-row-badges">
                      <PriorityBadges priorities={r.priorities} />
                      {r.overdue && <span className="badge badge-overdue">{t('ui.overdue')}</span>}
                      <span className={r.waitedMinutes >= 60 ? 'qc-wait long' : 'qc-wait'}>{t('ui.qcView.waited', { wait: formatWait(r.waitedMinutes, t) })}</span>
                    </span>
                  </button>
                </li>
              )
            })}
          </ol>
        )}
      </section>
      <section className="qc-detail" aria-live="polite">
        {selected ? <QcOrderDetail key={selected.order.id} row={selected} /> : <p className="qc-empty">{t('ui.qcView.pickOrder')}</p>}
      </section>
    </div>
  )
}

function QcOrderDetail({ row }: { row: QcRow }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const o = row.order
  const skills = useBoard((s) => s.skills)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const tech = useBoard((s) => (o.technicianId !== null ? s.technicians[o.technicianId] : undefined))
  const [records, setRecords] = useState<QcRecord[]>([])
  useEffect(() => {
    let live = true
    void call('qc-record-list', { id: o.id }).then((r) => {
      if (live && r.ok) setRecords(r.result)
    })
    return () => {
      live = false
    }
  }, [o.id])
  const report = o.technicianReport
  return (
    <article className="qc-order" aria-labelledby={`qc-order-${o.id}`}>
      <header className="qc-order-head">
        <h2 id={`qc-order-${o.id}`}>
          {o.roNumber} <span className="plate">{o.plate}</span>
        </h2>
        <p>
          {o.model} · {tech?.name ?? t('ui.unassigned')} · {t('ui.qcView.waited', { wait: formatWait(row.waitedMinutes, t) })}
        </p>
        <p className="qc-row-badges">
          <PriorityBadges priorities={row.priorities} />
        </p>
      </header>
      <div className="qc-columns">
        <section>
          <h3>{t('ui.qcView.jobs')}</h3>
          <ul className="qc-jobs">
            {o.jobLines.map((l, i) => (
              <li key={l.id ?? i}>
                <span>{l.description}</span>
                <small>
                  {skillName(skills, l.skill, lang)} · {t('ui.hours', { hours: formatHours(l.hours) })}
                </small>
              </li>
            ))}
          </ul>
          {o.notes && <p className="qc-notes">{o.notes}</p>}
        </section>
        <section>
          <h3>{t('ui.qcView.report')}</h3>
          {report ? (
            <dl className="qc-report">
              <dt>{t('ui.qcView.workDone')}</dt>
              <dd>{report.workDone}</dd>
              <dt>{t('ui.qcView.cause')}</dt>
              <dd>{report.cause}</dd>
              <dt>{t('ui.qcView.fix')}</dt>
              <dd>{report.fix}</dd>
              <dd className="qc-report-by">{t('ui.qcView.reportBy', { who: report.writtenBy, at: formatDateTime(report.writtenAt, timeZone) })}</dd>
            </dl>
          ) : (
            <p className="warn">{t('ui.qcView.noReport')}</p>
          )}
        </section>
      </div>
      {records.length > 0 && (
        <section className="qc-attempts">
          <h3>{t('ui.qcView.attempts')}</h3>
          <ul>
            {records.map((r) => (
              <li key={r.id} className={r.result === 'pass' ? 'ok' : 'bad'}>
                #{r.attempt} · {formatDateTime(r.signedAt, timeZone)} · {r.inspectorName} · {r.meaning[lang]}
                {r.comebackCause && ` · ${t(`qc.comebackCauses.${r.comebackCause}`)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <SignOffPanel row={row} />
    </article>
  )
}

const emptyForm = (inspectorUserId: number | null): SignOffForm => ({
  result: null,
  checked: new Set(),
  failReason: '',
  comebackCause: null,
  inspectorUserId,
  pin: ''
})

function problemText(p: SignOffProblem, t: TFunction, labelOf: (id: string) => string): string {
  switch (p.kind) {
    case 'missingRequired':
      return t('ui.qcView.missingRequired', { items: p.itemIds.map(labelOf).join(currentLang() === 'zh' ? '；' : '; ') })
    default:
      return t(`ui.qcView.${p.kind}`)
  }
}

function SignOffPanel({ row }: { row: QcRow }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const uid = useId()
  const o = row.order
  const template = useQc((s) => s.checklist)
  const inspectors = useQc((s) => s.inspectors)
  const me = useSession((s) => s.user)
  const mayDeliverOrSign = useCan('qc-sign-off')
  const checklist = useMemo(() => checklistFor(template ?? [], o), [template, o])
  const defaultInspector = me?.role === 'qc_inspector' ? me.id : inspectors?.length === 1 ? inspectors[0].id : null
  const [form, setForm] = useState<SignOffForm>(() => emptyForm(defaultInspector))
  const [problems, setProblems] = useState<SignOffProblem[]>([])
  const [serverError, setServerError] = useState<ErrorReply | null>(null)
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<HTMLInputElement>(null)
  const errorRef = useRef<HTMLDivElement>(null)
  // The message sits under the sign button: bring it into view on a tablet that shows only part of the form.
  useEffect(() => {
    if (problems.length || serverError) errorRef.current?.scrollIntoView({ block: 'nearest' })
  }, [problems, serverError])
  const inspectorId = form.inspectorUserId ?? defaultInspector
  const labelOf = (id: string) => {
    const item = checklist.find((i) => i.id === id)
    return item ? (lang === 'zh' ? item.labelZh : item.labelEn) : id
  }
  const update = (patch: Partial<SignOffForm>) => {
    setForm((f) => ({ ...f, ...patch }))
    setProblems([])
    setServerError(null)
  }
  const toggle = (id: string) => {
    const checked = new Set(form.checked)
    if (checked.has(id)) checked.delete(id)
    else checked.add(id)
    update({ checked })
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const full = { ...form, inspectorUserId: inspectorId }
    const found = signOffProblems(full, checklist)
    setProblems(found)
    setServerError(null)
    if (found.length) return
    setBusy(true)
    const reply = await call('qc-sign-off', signOffArgs(o.id, full, checklist))
    setBusy(false)
    if (!reply.ok) {
      setServerError(reply.error)
      // A wrong PIN or a lock: the PIN goes, so the next try starts clean.
      if (reply.error.code === 'PIN_INVALID' || reply.error.code === 'USER_LOCKED' || reply.error.code === 'NOT_INSPECTOR') {
        setForm((f) => ({ ...f, pin: '' }))
        pinRef.current?.focus()
      }
      return
    }
    setBoardData(upsertOrder(boardData(), reply.result.order, true))
    const techName = o.technicianId !== null ? (boardData().technicians[o.technicianId]?.name ?? '') : ''
    toast('info', reply.result.record.result === 'pass' ? t('ui.qcView.passed', { roNumber: o.roNumber }) : t('ui.qcView.failed', { roNumber: o.roNumber, technician: techName }))
  }

  if (!mayDeliverOrSign) return null
  const has = (k: SignOffProblem['kind']) => problems.some((p) => p.kind === k)
  return (
    <form className="qc-signoff" onSubmit={(e) => void submit(e)} noValidate aria-label={t('ui.qcView.result')}>
      <fieldset className="qc-checklist">
        <legend>{t('ui.qcView.checklist')}</legend>
        {checklist.map((item) => (
          <label key={item.id} className={`qc-check ${has('missingRequired') && item.required && !form.checked.has(item.id) ? 'qc-missing' : ''}`}>
            <input type="checkbox" checked={form.checked.has(item.id)} onChange={() => toggle(item.id)} data-item={item.id} />
            <span className="qc-check-label">{lang === 'zh' ? item.labelZh : item.labelEn}</span>
            {item.required ? (
              <span className="qc-req" title={item.becauseFlags.length ? t('ui.qcView.requiredBecause', { flags: item.becauseFlags.map((f) => t(`flags.${f}`)).join(', ') }) : undefined}>
                {t('ui.qcView.required')}
                {item.becauseFlags.length > 0 && <small> · {item.becauseFlags.map((f) => t(`flags.${f}`)).join(', ')}</small>}
              </span>
            ) : (
              <span className="qc-opt">{t('ui.qcView.optional')}</span>
            )}
          </label>
        ))}
      </fieldset>

      <fieldset className="qc-result">
        <legend>{t('ui.qcView.result')}</legend>
        <div className="qc-segment" role="radiogroup" aria-label={t('ui.qcView.result')}>
          <label className={`qc-choice qc-pass ${form.result === 'pass' ? 'on' : ''}`}>
            <input type="radio" name={`${uid}-result`} checked={form.result === 'pass'} onChange={() => update({ result: 'pass' })} />
            {t('ui.qcView.pass')}
          </label>
          <label className={`qc-choice qc-fail ${form.result === 'fail' ? 'on' : ''}`}>
            <input type="radio" name={`${uid}-result`} checked={form.result === 'fail'} onChange={() => update({ result: 'fail' })} />
            {t('ui.qcView.fail')}
          </label>
        </div>
        {form.result === 'fail' && (
          <div className="qc-fail-fields">
            <label className="qc-field" htmlFor={`${uid}-reason`}>
              {t('ui.qcView.failReason')}
            </label>
            <textarea
              id={`${uid}-reason`}
              rows={2}
              value={form.failReason}
              aria-invalid={has('needReason') || undefined}
              onChange={(e) => update({ failReason: e.target.value })}
            />
            <div className="qc-field" id={`${uid}-cause`}>
              {t('ui.qcView.comebackCause')}
            </div>
            <div className="qc-causes" role="radiogroup" aria-labelledby={`${uid}-cause`}>
              {COMEBACK_CAUSES.map((c: ComebackCause) => (
                <label key={c} className={`qc-choice ${form.comebackCause === c ? 'on' : ''}`}>
                  <input type="radio" name={`${uid}-cause`} checked={form.comebackCause === c} onChange={() => update({ comebackCause: c })} />
                  {t(`qc.comebackCauses.${c}`)}
                </label>
              ))}
            </div>
          </div>
        )}
      </fieldset>

      <fieldset className="qc-sign">
        <legend>{t('ui.qcView.inspector')}</legend>
        {inspectors && inspectors.length === 0 ? (
          <p className="warn">{t('ui.qcView.noInspectors')}</p>
        ) : (
          <div className="qc-inspectors" role="radiogroup" aria-label={t('ui.qcView.inspector')}>
            {(inspectors ?? []).map((u) => (
              <label key={u.id} className={`qc-choice ${inspectorId === u.id ? 'on' : ''}`}>
                <input type="radio" name={`${uid}-inspector`} checked={inspectorId === u.id} onChange={() => update({ inspectorUserId: u.id })} />
                {u.name}
              </label>
            ))}
          </div>
        )}
        <div className="qc-pin-row">
          <label htmlFor={`${uid}-pin`} className="qc-field">
            {t('ui.qcView.pin')}
          </label>
          <PinInput
            inputRef={pinRef}
            id={`${uid}-pin`}
            value={form.pin}
            invalid={has('needPin') || serverError?.code === 'PIN_INVALID'}
            onChange={(pin) => update({ pin })}
          />
          <button type="submit" className={`btn btn-big ${form.result === 'fail' ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
            {busy ? t('ui.qcView.signing') : form.result === 'fail' ? t('ui.qcView.signFail') : form.result === 'pass' ? t('ui.qcView.signPass') : t('ui.qcView.sign')}
          </button>
        </div>
      </fieldset>
      {(problems.length > 0 || serverError) && (
        <div ref={errorRef} className="form-banner qc-error" role="alert">
          {problems.map((p) => (
            <p key={p.kind}>{problemText(p, t, labelOf)}</p>
          ))}
          {serverError && <p>{localised(serverError.message)}</p>}
        </div>
      )}
    </form>
  )
}
