import type { SelectHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import type { Skill, SkillLevel } from '../../../shared/domain/types'
import { currentLang } from '../i18n'

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>

/** A skill from the catalogue, named in the current language; `choices` are the skills offered. */
export function SkillSelect({ value, choices, onChange, ...rest }: SelectProps & { value: string; choices: readonly Skill[]; onChange: (code: string) => void }) {
  const { t } = useTranslation()
  const zh = currentLang() === 'zh'
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('ui.pickSkill')}</option>
      {choices.map((s) => (
        <option key={s.code} value={s.code}>
          {zh ? s.nameZh : s.nameEn}
        </option>
      ))}
    </select>
  )
}

/** A skill level 1 to 3. */
export function LevelSelect({ value, onChange, ...rest }: SelectProps & { value: SkillLevel; onChange: (level: SkillLevel) => void }) {
  const { t } = useTranslation()
  return (
    <select {...rest} value={value} onChange={(e) => onChange(Number(e.target.value) as SkillLevel)}>
      {[1, 2, 3].map((n) => (
        <option key={n} value={n}>
          {t('ui.levelN', { level: n })}
        </option>
      ))}
    </select>
  )
}
