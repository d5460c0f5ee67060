import { useTranslation } from 'react-i18next'
import { totalHours } from '../../../../shared/domain/pool-order'
import type { JobLine } from '../../../../shared/domain/types'
import { currentLang } from '../../i18n'
import { formatHours } from '../../i18n/time'
import { skillName } from '../../store/board-state'
import { useBoard } from '../../store/board-store'

/** An order's job lines with their skill, minimum level and flat-rate hours, and the total: the order dialog's and the job ticket's. */
export function JobLinesTable({ lines, className, caption }: { lines: readonly JobLine[]; className: string; caption?: string }) {
  const { t } = useTranslation()
  const skills = useBoard((s) => s.skills)
  const lang = currentLang()
  return (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th>{t('fields.description')}</th>
          <th>{t('fields.skill')}</th>
          <th>{t('fields.minLevel')}</th>
          <th>{t('fields.hours')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={l.id ?? i}>
            <td>{l.description}</td>
            <td>{skillName(skills, l.skill, lang)}</td>
            <td>{l.minLevel}</td>
            <td>{formatHours(l.hours)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>{t('ui.totalHours')}</td>
          <td>{formatHours(totalHours(lines))}</td>
        </tr>
      </tfoot>
    </table>
  )
}
