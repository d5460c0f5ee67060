import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { QcChecklistItem, RequiredWhen } from '../../../../shared/domain/qc-checklist'
import { REPAIR_ORDER_FLAGS, type RepairOrderFlag } from '../../../../shared/domain/types'
import { call } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { toast } from '../../store/toast-store'
import { useQc } from '../qc/qc-store'

/** A new item's id: stable once saved (QC records refer to it), so it is made once and never from the label. */
function newItemId(items: readonly QcChecklistItem[]): string {
  let n = items.length + 1
  while (items.some((i) => i.id === `check-${n}`)) n++
  return `check-${n}`
}

/** The administrator edits the QC checklist template (issue 4 point 2). */
export function ChecklistDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const [items, setItems] = useState<QcChecklistItem[] | null>(null)
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void call('qc-checklist-get', {}).then((r) => {
      if (r.ok) setItems(r.result)
      else setErrors(formErrorsFrom(r.error, currentLang()))
    })
  }, [])
  const set = (i: number, patch: Partial<QcChecklistItem>) => setItems((xs) => (xs ? xs.map((x, j) => (j === i ? { ...x, ...patch } : x)) : xs))
  const move = (i: number, d: -1 | 1) =>
    setItems((xs) => {
      if (!xs || i + d < 0 || i + d >= xs.length) return xs
      const next = [...xs]
      ;[next[i], next[i + d]] = [next[i + d], next[i]]
      return next
    })
  const setKind = (i: number, kind: RequiredWhen['kind']) =>
    set(i, { requiredWhen: kind === 'anyFlag' ? { kind, flags: ['safetyRelated'] } : { kind } })
  const toggleFlag = (i: number, rw: Extract<RequiredWhen, { kind: 'anyFlag' }>, f: RepairOrderFlag) =>
    set(i, { requiredWhen: { kind: 'anyFlag', flags: rw.flags.includes(f) ? rw.flags.filter((x) => x !== f) : [...rw.flags, f] } })

  async function submit(e: FormEvent) {
    e.preventDefault()
    if (!items) return
    setBusy(true)
    const reply = await call('qc-checklist-update', { items })
    setBusy(false)
    if (!reply.ok) return setErrors(formErrorsFrom(reply.error, currentLang()))
    useQc.setState({ checklist: reply.result })
    toast('info', t('ui.checklist.saved'))
    onClose()
  }

  return (
    <Dialog title={t('ui.checklist.title')} onClose={onClose} size="lg">
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="hint">{t('ui.checklist.help')}</p>
        <FormErrorBanner errors={errors} />
        {(items ?? []).map((item, i) => (
          <fieldset key={item.id} className="checklist-item">
            <legend>
              {t('ui.checklist.item', { n: i + 1 })} <code>{item.id}</code>
            </legend>
            <div className="form-grid">
              <label className="field">
                <span>{t('ui.checklist.labelZh')}</span>
                <input value={item.labelZh} onChange={(e) => set(i, { labelZh: e.target.value })} aria-invalid={Boolean(errors.fields[`items.${i}.labelZh`]) || undefined} />
              </label>
              <label className="field">
                <span>{t('ui.checklist.labelEn')}</span>
                <input value={item.labelEn} onChange={(e) => set(i, { labelEn: e.target.value })} aria-invalid={Boolean(errors.fields[`items.${i}.labelEn`]) || undefined} />
              </label>
              <label className="field">
                <span>{t('ui.checklist.requiredWhen')}</span>
                <select value={item.requiredWhen.kind} onChange={(e) => setKind(i, e.target.value as RequiredWhen['kind'])}>
                  <option value="always">{t('ui.checklist.always')}</option>
                  <option value="optional">{t('ui.checklist.optional')}</option>
                  <option value="anyFlag">{t('ui.checklist.anyFlag')}</option>
                </select>
              </label>
            </div>
            {item.requiredWhen.kind === 'anyFlag' && (
              <div className="flag-picks">
                {REPAIR_ORDER_FLAGS.map((f) => {
                  const rw = item.requiredWhen as Extract<RequiredWhen, { kind: 'anyFlag' }>
                  return (
                    <label key={f} className="check-row">
                      <input type="checkbox" checked={rw.flags.includes(f)} onChange={() => toggleFlag(i, rw, f)} /> {t(`flags.${f}`)}
                    </label>
                  )
                })}
              </div>
            )}
            <div className="form-actions">
              <button type="button" className="btn" onClick={() => move(i, -1)} disabled={i === 0}>
                ↑ {t('ui.checklist.moveUp')}
              </button>
              <button type="button" className="btn" onClick={() => move(i, 1)} disabled={i === (items?.length ?? 0) - 1}>
                ↓ {t('ui.checklist.moveDown')}
              </button>
              <span className="spacer" />
              <button type="button" className="btn btn-danger" onClick={() => setItems((xs) => (xs ? xs.filter((_, j) => j !== i) : xs))}>
                {t('ui.checklist.remove')}
              </button>
            </div>
          </fieldset>
        ))}
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            onClick={() => setItems((xs) => [...(xs ?? []), { id: newItemId(xs ?? []), labelEn: '', labelZh: '', requiredWhen: { kind: 'always' } }])}
          >
            + {t('ui.checklist.add')}
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            {t('ui.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !items}>
            {busy ? t('ui.saving') : t('ui.save')}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
