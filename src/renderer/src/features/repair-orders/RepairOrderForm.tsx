import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { REPAIR_ORDER_FLAGS, type RepairOrder, type RepairOrderFlag, type SkillLevel } from '../../../../shared/domain/types'
import { emptyFlags } from '../../../../shared/domain/types'
import type { CommandArgs } from '../../../../shared/api/commands'
import { call } from '../../api/client'
import { Field, invalidProps } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { fromLocalInput, toLocalInput } from '../../i18n/time'
import { useBoard } from '../../store/board-store'
import { upsertOrder } from '../../store/board-state'
import { setBoardData, boardData } from '../../store/board-store'
import { toast } from '../../store/toast-store'
import { STRONG_FLAGS } from './card-text'
import { FormActions } from '../../components/FormActions'
import { LevelSelect, SkillSelect } from '../../components/SkillPickers'

interface LineDraft {
  key: number
  description: string
  skill: string
  minLevel: SkillLevel
  hours: string
}

let lineKey = 1
const newLine = (): LineDraft => ({ key: lineKey++, description: '', skill: '', minLevel: 1, hours: '' })

type Args = CommandArgs<'repair-order-create'>

/** Create or edit a repair order with its job lines. Nothing is saved unless every field passes. */
export function RepairOrderForm({ order, onDone, onCancel }: { order: RepairOrder | null; onDone: (o: RepairOrder) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const uid = useId()
  const skills = useBoard((s) => s.skills)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const lang = currentLang()
  const [f, setF] = useState(() => ({
    roNumber: order?.roNumber ?? '',
    plate: order?.plate ?? '',
    vin: order?.vin ?? '',
    model: order?.model ?? '',
    customerName: order?.customerName ?? '',
    customerPhone: order?.customerPhone ?? '',
    serviceAdvisor: order?.serviceAdvisor ?? '',
    promisedAt: order ? toLocalInput(order.promisedAt, timeZone) : '',
    notes: order?.notes ?? '',
    partsReady: order?.partsReady ?? true
  }))
  const [flags, setFlags] = useState<Record<RepairOrderFlag, boolean>>(() => ({ ...emptyFlags(), ...order?.flags }))
  const [lines, setLines] = useState<LineDraft[]>(() =>
    order ? order.jobLines.map((l) => ({ key: lineKey++, description: l.description, skill: l.skill, minLevel: l.minLevel, hours: String(l.hours) })) : [newLine()]
  )
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  const set = (k: keyof typeof f, v: string | boolean) => setF((p) => ({ ...p, [k]: v }))
  const setLine = (i: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)))
  const id = (name: string) => `${uid}-${name}`
  const err = (path: string) => errors.fields[path]

  /** Light checks before the round trip; the server's zod contract stays the judge. */
  function clientCheck(): FormErrors {
    const out = noErrors()
    const need = (path: string, value: string, label: string) => {
      if (!value.trim()) out.fields[path] = `${label}${lang === 'zh' ? '' : ' '}${t('ui.required')}`
    }
    for (const k of ['roNumber', 'plate', 'model', 'customerName', 'customerPhone', 'serviceAdvisor'] as const) need(k, f[k], t(`fields.${k}`))
    // An empty or half-typed date and time reads '' from the input: the dispatcher has not given one.
    need('promisedAt', f.promisedAt, t('fields.promisedAt'))
    if (f.promisedAt.trim() && !fromLocalInput(f.promisedAt, timeZone)) out.fields.promisedAt = `${t('fields.promisedAt')}${lang === 'zh' ? '' : ' '}${t('issue.instant')}`
    lines.forEach((l, i) => {
      need(`jobLines.${i}.description`, l.description, t('fields.description'))
      need(`jobLines.${i}.skill`, l.skill, t('fields.skill'))
      const h = Number(l.hours)
      if (!(l.hours.trim() && Number.isFinite(h) && h > 0)) out.fields[`jobLines.${i}.hours`] = `${t('fields.hours')}${lang === 'zh' ? '' : ' '}${t('issue.tooSmall', { min: 0 })}`
    })
    return out
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const check = clientCheck()
    if (Object.keys(check.fields).length) {
      setErrors(check)
      return
    }
    const args: Args = {
      roNumber: f.roNumber.trim(),
      plate: f.plate.trim(),
      vin: f.vin.trim() ? f.vin.trim() : null,
      model: f.model.trim(),
      customerName: f.customerName.trim(),
      customerPhone: f.customerPhone.trim(),
      serviceAdvisor: f.serviceAdvisor.trim(),
      promisedAt: fromLocalInput(f.promisedAt, timeZone) ?? '',
      partsReady: f.partsReady,
      flags,
      notes: f.notes,
      jobLines: lines.map((l) => ({ description: l.description.trim(), skill: l.skill, minLevel: l.minLevel, hours: Number(l.hours) }))
    }
    setBusy(true)
    const reply = order ? await call('repair-order-update', { id: order.id, version: order.version, ...args }) : await call('repair-order-create', args)
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, lang))
      return
    }
    setBoardData(upsertOrder(boardData(), reply.result, true))
    toast('info', order ? t('ui.saved') : t('ui.created', { what: `${t('entity.repair_order')} ${reply.result.roNumber}` }))
    onDone(reply.result)
  }

  const text = (name: keyof typeof f, opts: { type?: string; autoFocus?: boolean; hint?: string } = {}) => (
    <Field label={t(`fields.${name}`)} id={id(name)} error={err(name)} hint={opts.hint}>
      <input
        id={id(name)}
        type={opts.type ?? 'text'}
        value={String(f[name])}
        onChange={(e) => set(name, e.target.value)}
        autoFocus={opts.autoFocus}
        {...invalidProps(id(name), err(name))}
      />
    </Field>
  )

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrorBanner errors={errors} />
      <fieldset className="form-grid">
        <legend>{t('ui.vehicle')}</legend>
        {text('roNumber', { autoFocus: true })}
        {text('plate')}
        {text('model')}
        {text('vin')}
      </fieldset>
      <fieldset className="form-grid">
        <legend>{t('ui.customer')}</legend>
        {text('customerName')}
        {text('customerPhone', { type: 'tel' })}
        {text('serviceAdvisor')}
        {text('promisedAt', { type: 'datetime-local', hint: t('ui.promisedHelp', { zone: timeZone }) })}
      </fieldset>
      <fieldset className="job-lines">
        <legend>{t('fields.jobLines')}</legend>
        {err('jobLines') && <p className="error-text">{err('jobLines')}</p>}
        {lines.map((l, i) => (
          <div className="job-line" key={l.key} role="group" aria-label={t('ui.jobLine', { n: i + 1 })}>
            <Field label={t('fields.description')} id={id(`d${l.key}`)} error={err(`jobLines.${i}.description`)} className="grow">
              <input id={id(`d${l.key}`)} value={l.description} onChange={(e) => setLine(i, { description: e.target.value })} {...invalidProps(id(`d${l.key}`), err(`jobLines.${i}.description`))} />
            </Field>
            <Field label={t('fields.skill')} id={id(`s${l.key}`)} error={err(`jobLines.${i}.skill`)}>
              <SkillSelect
                id={id(`s${l.key}`)}
                value={l.skill}
                choices={skills.filter((s) => s.active || s.code === l.skill)}
                onChange={(skill) => setLine(i, { skill })}
                {...invalidProps(id(`s${l.key}`), err(`jobLines.${i}.skill`))}
              />
            </Field>
            <Field label={t('fields.minLevel')} id={id(`l${l.key}`)} error={err(`jobLines.${i}.minLevel`)}>
              <LevelSelect id={id(`l${l.key}`)} value={l.minLevel} onChange={(minLevel) => setLine(i, { minLevel })} />
            </Field>
            <Field label={t('fields.hours')} id={id(`h${l.key}`)} error={err(`jobLines.${i}.hours`)} className="narrow">
              <input id={id(`h${l.key}`)} type="number" step="0.1" min="0.1" inputMode="decimal" value={l.hours} onChange={(e) => setLine(i, { hours: e.target.value })} {...invalidProps(id(`h${l.key}`), err(`jobLines.${i}.hours`))} />
            </Field>
            <button type="button" className="btn-icon remove" disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((_, j) => j !== i))} aria-label={t('ui.removeJobLine', { n: i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => setLines((ls) => [...ls, newLine()])}>
          <span aria-hidden="true">+ </span>{t('ui.addJobLine')}
        </button>
      </fieldset>
      <fieldset className="flags-box">
        <legend>{t('fields.flags')}</legend>
        <div className="flag-strong">
          {STRONG_FLAGS.map((fl) => (
            <label key={fl} className={`check check-${fl}`}>
              <input type="checkbox" checked={flags[fl]} onChange={(e) => setFlags((p) => ({ ...p, [fl]: e.target.checked }))} /> {t(`flags.${fl}`)}
            </label>
          ))}
          <label className="check check-parts">
            <input type="checkbox" checked={f.partsReady} onChange={(e) => set('partsReady', e.target.checked)} /> {t('fields.partsReady')}
          </label>
        </div>
        <div className="flag-others">
          {REPAIR_ORDER_FLAGS.filter((fl) => !STRONG_FLAGS.includes(fl)).map((fl) => (
            <label key={fl} className="check">
              <input type="checkbox" checked={flags[fl]} onChange={(e) => setFlags((p) => ({ ...p, [fl]: e.target.checked }))} /> {t(`flags.${fl}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('fields.notes')} id={id('notes')} error={err('notes')}>
        <textarea id={id('notes')} rows={2} value={f.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      <FormActions onCancel={onCancel} busy={busy} />
    </form>
  )
}
