import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import { currentLang } from '../../i18n'
import { useBoard } from '../../store/board-store'
import { skillName } from '../../store/board-state'
import { closeDialog, openDialog } from '../../store/ui-store'

/** Every technician, active or not: the way back to an inactive one (who has no lane). */
export function TechniciansDialog() {
  const { t } = useTranslation()
  const technicians = useBoard((s) => s.technicians)
  const skills = useBoard((s) => s.skills)
  const lang = currentLang()
  const list = Object.values(technicians).sort((a, b) => a.employeeNo.localeCompare(b.employeeNo, 'en', { numeric: true }))
  return (
    <Dialog title={t('ui.techniciansTitle')} onClose={closeDialog} size="lg">
      <table className="list-table">
        <thead>
          <tr>
            <th>{t('fields.employeeNo')}</th>
            <th>{t('fields.name')}</th>
            <th>{t('fields.skills')}</th>
            <th>{t('fields.shiftStart')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((tech) => (
            <tr key={tech.id} className={tech.active ? '' : 'inactive'}>
              <td>{tech.employeeNo}</td>
              <td>
                {tech.name} {!tech.active && <span className="badge badge-minor">{t('ui.inactive')}</span>}
              </td>
              <td>{tech.skills.map((s) => `${skillName(skills, s.skill, lang)} ${s.level}`).join(lang === 'zh' ? '、' : ', ')}</td>
              <td>
                {tech.shiftStart}–{tech.shiftEnd}
              </td>
              <td>
                <button type="button" className="btn" onClick={() => openDialog({ kind: 'technician', technicianId: tech.id })} aria-label={t('ui.editTechnician', { name: tech.name })}>
                  {t('ui.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'technician', technicianId: null })}>
          <span aria-hidden="true">+ </span>{t('ui.newTechnician')}
        </button>
      </div>
    </Dialog>
  )
}
