import { useT } from '../../i18n'
import { useTimeZone } from '../../store/board-store'
import { useUi } from '../../store/ui-store'
import { useLanePreview } from './drop-preview'
import { shortTime } from './schedule-format'

/** On the lane under the drag: would the drop keep the promises (green) or break one (red)? */
export function DropPreviewBadge({ technicianId }: { technicianId: number }) {
  const { t } = useT()
  const p = useLanePreview(technicianId)
  const timeZone = useTimeZone()
  const now = useUi((s) => s.nowMinute)
  if (!p) return null
  const finish = p.projectedFinish !== null ? shortTime(p.projectedFinish, timeZone, now) : '—'
  const bad = p.state !== 'on_track' || p.worsened.length > 0
  const sep = t('ui.sched.listSep')
  return (
    <span className={bad ? 'drop-preview bad' : 'drop-preview ok'} role="status" data-preview={bad ? 'late' : 'ok'}>
      {p.state !== 'on_track'
        ? `⚠ ${t('ui.sched.previewThisLate', { state: t(`schedule.risk.${p.state}`), time: finish })}`
        : `✓ ${t('ui.sched.previewOnTime', { time: finish })}`}
      {p.worsened.length > 0 && <b> · ⚠ {t('ui.sched.previewWorsens', { list: p.worsened.join(sep) })}</b>}
    </span>
  )
}
