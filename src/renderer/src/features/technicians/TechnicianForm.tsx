import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { SkillLevel, Technician } from '../../../../shared/domain/types'
import { call } from '../../api/client'
import { Dialog, Field, invalidProps } from '../../components/Dialog'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { currentLang } from '../../i18n'
import { useBoard, boardData, setBoardData } from '../../store/board-store'
import { skillName, upsertTechnician } from '../../store/board-state'
import { closeDialog } from '../../store/ui-store'
import { toast } from '../../store/toast-store'
import { FormActions } from '../../components/FormActions'
import { LevelSelect, SkillSelect } from '../../components/SkillPickers'

interface SkillDraft {
  key: number
  skill: string
  level: SkillLevel
}
let skillKey = 1

/** Create or edit a technician: skills with levels, shift, lunch, active. */
export function TechnicianDialog({ technicianId }: { technicianId: number | null }) {
  const { t } = useTranslation()
  const tech = useBoard((s) => (technicianId !== null ? s.technicians[technicianId] : undefined))
  return (
    <Dialog title={tech ? t('ui.technicianDialogTitle', { name: tech.name }) : t('ui.newTechnicianTitle')} onClose={closeDialog} size="lg">
      <TechnicianForm tech={tech ?? null} />
    </Dialog>
  )
}

function TechnicianForm({ tech }: { tech: Technician | null }) {
  const { t } = useTranslation()
  const uid = useId()
  const catalogue = useBoard((s) => s.skills)
  const lang = currentLang()
  const [f, setF] = useState(() => ({
    name: tech?.name ?? '',
    employeeNo: tech?.employeeNo ?? '',
    shiftStart: tech?.shiftStart ?? '08:30',
    shiftEnd: tech?.shiftEnd ?? '17:30',
    lunchStart: tech ? (tech.lunchStart ?? '') : '12:00',
    lunchEnd: tech ? (tech.lunchEnd ?? '') : '13:00',
    active: tech?.active ?? true
  }))
  const [skills, setSkills] = useState<SkillDraft[]>(() => (tech?.skills ?? []).map((s) => ({ key: skillKey++, skill: s.skill, level: s.level })))
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const [busy, setBusy] = useState(false)
  const id = (n: string) => `${uid}-${n}`
  const err = (p: string) => errors.fields[p]
  const set = (k: keyof typeof f, v: string | boolean) => setF((p) => ({ ...p, [k]: v }))
  const gap = lang === 'zh' ? '' : ' '

  async function submit(e: FormEvent) {
    e.preventDefault()
    const check = noErrors()
    if (!f.name.trim()) check.fields.name = `${t('fields.name')}${gap}${t('ui.required')}`
    if (!f.employeeNo.trim()) check.fields.employeeNo = `${t('fields.employeeNo')}${gap}${t('ui.required')}`
    skills.forEach((s, i) => {
      if (!s.skill) check.fields[`skills.${i}.skill`] = `${t('fields.skill')}${gap}${t('ui.required')}`
    })
    if (f.shiftStart && f.shiftEnd && f.shiftEnd <= f.shiftStart) check.fields.shiftEnd = `${t('fields.shiftEnd')}${gap}${t('issue.shiftOrder')}`
    if (Object.keys(check.fields).length) {
      setErrors(check)
      return
    }
    const args = {
      name: f.name.trim(),
      employeeNo: f.employeeNo.trim(),
      skills: skills.map((s) => ({ skill: s.skill, level: s.level })),
      shiftStart: f.shiftStart,
      shiftEnd: f.shiftEnd,
      lunchStart: f.lunchStart || null,
      lunchEnd: f.lunchEnd || null,
      active: f.active
    }
    setBusy(true)
    const reply = tech ? await call('technician-update', { id: tech.id, version: tech.version, ...args }) : await call('technician-create', args)
    setBusy(false)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, lang))
      return
    }
    setBoardData(upsertTechnician(boardData(), reply.result))
    toast('info', tech ? t('ui.saved') : t('ui.created', { what: `${t('entity.technician')} ${reply.result.name}` }))
    closeDialog()
  }

  const used = new Set(skills.map((s) => s.skill))
  const input = (name: keyof typeof f, type = 'text', autoFocus = false) => (
    <Field label={t(`fields.${name}`)} id={id(name)} error={err(name)}>
      <input id={id(name)} type={type} value={String(f[name])} onChange={(e) => set(name, e.target.value)} autoFocus={autoFocus} {...invalidProps(id(name), err(name))} />
    </Field>
  )
  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormErrorBanner errors={errors} />
      <div className="form-grid">
        {input('name', 'text', true)}
        {input('employeeNo')}
        {input('shiftStart', 'time')}
        {input('shiftEnd', 'time')}
        {input('lunchStart', 'time')}
        {input('lunchEnd', 'time')}
      </div>
      <fieldset className="skills-box">
        <legend>{t('fields.skills')}</legend>
        {err('skills') && <p className="error-text">{err('skills')}</p>}
        {skills.map((s, i) => (
          <div className="skill-row" key={s.key}>
            <Field label={t('fields.skill')} id={id(`sk${s.key}`)} error={err(`skills.${i}.skill`)}>
              <SkillSelect
                id={id(`sk${s.key}`)}
                value={s.skill}
                choices={catalogue.filter((c) => (c.active && !used.has(c.code)) || c.code === s.skill)}
                onChange={(skill) => setSkills((l) => l.map((x, j) => (j === i ? { ...x, skill } : x)))}
              />
            </Field>
            <Field label={t('fields.level')} id={id(`lv${s.key}`)} error={err(`skills.${i}.level`)}>
              <LevelSelect id={id(`lv${s.key}`)} value={s.level} onChange={(level) => setSkills((l) => l.map((x, j) => (j === i ? { ...x, level } : x)))} />
            </Field>
            <button type="button" className="btn-icon remove" onClick={() => setSkills((l) => l.filter((_, j) => j !== i))} aria-label={t('ui.removeSkill', { skill: s.skill ? skillName(catalogue, s.skill, lang) : i + 1 })}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="btn" onClick={() => setSkills((l) => [...l, { key: skillKey++, skill: '', level: 1 }])}>
          <span aria-hidden="true">+ </span>{t('ui.addSkill')}
        </button>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={f.active} onChange={(e) => set('active', e.target.checked)} /> {t('fields.active')}
        <small className="hint"> — {t('ui.inactiveNote')}</small>
      </label>
      <FormActions onCancel={closeDialog} busy={busy} />
    </form>
  )
}
