import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Skill } from '../../../../shared/domain/types'
import { call } from '../../api/client'
import { Dialog, invalidProps } from '../../components/Dialog'
import { formErrorsFrom, noErrors, type FormErrors } from '../../components/form-errors'
import { FormErrorBanner } from '../../components/FormErrorBanner'
import { currentLang } from '../../i18n'
import { useBoard } from '../../store/board-store'
import { closeDialog } from '../../store/ui-store'
import { toast } from '../../store/toast-store'

/** The shop's skills catalogue: rename, deactivate, add. Changes reach every screen by the event. */
export function SkillsDialog() {
  const { t } = useTranslation()
  const skills = useBoard((s) => s.skills)
  return (
    <Dialog title={t('ui.skillsTitle')} onClose={closeDialog} size="lg">
      <div className="skills-table" role="table" aria-label={t('ui.skillsTitle')}>
        <div className="skills-row skills-headrow" role="row">
          <span role="columnheader">{t('ui.skillCode')}</span>
          <span role="columnheader">{t('fields.nameZh')}</span>
          <span role="columnheader">{t('fields.nameEn')}</span>
          <span role="columnheader">{t('fields.active')}</span>
          <span role="columnheader" />
        </div>
        {skills.map((s) => (
          <SkillRow key={s.code} skill={s} />
        ))}
        <SkillRow key={`new-${skills.length}`} skill={null} />
      </div>
    </Dialog>
  )
}

function SkillRow({ skill }: { skill: Skill | null }) {
  const { t } = useTranslation()
  const uid = useId()
  const [d, setD] = useState(() => ({ code: skill?.code ?? '', nameZh: skill?.nameZh ?? '', nameEn: skill?.nameEn ?? '', active: skill?.active ?? true }))
  const [errors, setErrors] = useState<FormErrors>(noErrors)
  const dirty = !skill || d.nameZh !== skill.nameZh || d.nameEn !== skill.nameEn || d.active !== skill.active
  async function submit(e: FormEvent) {
    e.preventDefault()
    const reply = skill ? await call('skill-update', { ...d, code: skill.code }) : await call('skill-create', d)
    if (!reply.ok) {
      setErrors(formErrorsFrom(reply.error, currentLang()))
      return
    }
    setErrors(noErrors())
    toast('info', t('ui.skillSaved', { code: d.code }))
  }
  const cell = (k: 'code' | 'nameZh' | 'nameEn', label: string) => (
    <span role="cell">
      <input
        id={`${uid}-${k}`}
        value={d[k]}
        aria-label={label}
        readOnly={k === 'code' && skill !== null}
        onChange={(e) => setD((p) => ({ ...p, [k]: e.target.value }))}
        placeholder={!skill && k === 'code' ? 'e.g. glass' : undefined}
        {...invalidProps(`${uid}-${k}`, errors.fields[k])}
      />
      {errors.fields[k] && (
        <small className="error-text" id={`${uid}-${k}-error`}>
          {errors.fields[k]}
        </small>
      )}
    </span>
  )
  return (
    <form className={skill ? 'skills-row' : 'skills-row skills-new'} role="row" onSubmit={submit} noValidate>
      {cell('code', `${t('ui.skillCode')} ${skill?.code ?? t('ui.newSkill')}`)}
      {cell('nameZh', `${t('fields.nameZh')} ${skill?.code ?? t('ui.newSkill')}`)}
      {cell('nameEn', `${t('fields.nameEn')} ${skill?.code ?? t('ui.newSkill')}`)}
      <span role="cell">
        <input type="checkbox" checked={d.active} onChange={(e) => setD((p) => ({ ...p, active: e.target.checked }))} aria-label={`${t('fields.active')} ${skill?.code ?? t('ui.newSkill')}`} />
      </span>
      <span role="cell">
        <button type="submit" className={skill ? 'btn' : 'btn btn-primary'} disabled={!dirty}>
          {skill ? t('ui.save') : t('ui.add')}
        </button>
      </span>
      {errors.form && (
        <span className="skills-row-error" role="cell">
          <FormErrorBanner errors={{ form: errors.form, fields: {} }} />
        </span>
      )}
    </form>
  )
}
