import { useT } from '../../i18n'
import { useLaneLoad } from './risk-store'
import { h1 } from './schedule-format'

/**
 * A lane's hours: the technician's available hours left today (shift − lunch − time gone,
 * attendance aware) against the flat-rate hours still to do on their lane (issue 3); an absent
 * technician says so instead.
 */
export function LaneHours({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const load = useLaneLoad(technicianId)
  if (!load) return null
  if (load.attendance === 'absent') {
    return (
      <span className="attendance-pill absent" data-attendance="absent">
        {t('schedule.attendance.absent')}
      </span>
    )
  }
  const assigned = h1(load.assignedHours)
  const available = h1(load.availableHours)
  const over = load.assignedHours > load.availableHours
  const label = t('ui.sched.loadLabel', { assigned, available })
  return (
    <span className="lane-hours-wrap">
      {load.attendance === 'leaves_early' && load.leavesAt && (
        <span className="attendance-pill early" data-attendance="leaves_early">
          {t('ui.sched.leavesAt', { time: load.leavesAt })}
        </span>
      )}
      <span className={over ? 'tech-hours over' : 'tech-hours'} title={label} data-load={over ? 'over' : 'ok'}>
        <span className="sr-only">{label}</span>
        <span aria-hidden="true">{t('ui.hoursShort', { assigned, available })}</span>
      </span>
    </span>
  )
}

/** The lane's load bar: work left against time left today; full and red when it will not fit. */
export function LaneLoadBar({ technicianId }: { technicianId: number }) {
  const load = useLaneLoad(technicianId)
  const available = load?.availableHours ?? 0
  const assigned = load?.assignedHours ?? 0
  const ratio = available > 0 ? Math.min(1, assigned / available) : assigned > 0 ? 1 : 0
  const over = assigned > available
  return (
    <span className={over ? 'hours-bar over' : 'hours-bar'} aria-hidden="true">
      <span style={{ width: `${Math.round(ratio * 100)}%` }} />
    </span>
  )
}
