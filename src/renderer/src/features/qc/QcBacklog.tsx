import { useT } from '../../i18n'
import { useBoard } from '../../store/board-store'
import { formatWait, readyCount, useQcRows } from './InspectorView'
import { qcBacklog } from './qc-model'
import { go } from './route'

/** Header button: cars waiting for QC and the longest wait; opens the QC view (also #/qc). */
export function QcHeaderButton() {
  const { t } = useT()
  const { awaiting, oldestWaitMinutes } = qcBacklog(useQcRows())
  const wait = oldestWaitMinutes === null ? '—' : formatWait(oldestWaitMinutes, t)
  return (
    <button
      type="button"
      className={`btn qc-header-btn ${oldestWaitMinutes !== null && oldestWaitMinutes >= 60 ? 'qc-late' : ''}`}
      onClick={() => go('qc')}
      title={t('ui.qcView.badgeTitle', { count: awaiting, wait })}
      data-testid="qc-header"
    >
      {t('ui.qcView.badge', { count: awaiting })}
      {oldestWaitMinutes !== null && <small> · {wait}</small>}
    </button>
  )
}

/** The side list's heading line: the QC backlog (count, longest wait) and cars ready for delivery. */
export function QcBacklogLine() {
  const { t } = useT()
  const { awaiting, oldestWaitMinutes } = qcBacklog(useQcRows())
  const ready = useBoard(readyCount)
  return (
    <p className="qc-backlog" data-testid="qc-backlog">
      <button type="button" className="linkish" onClick={() => go('qc')}>
        {t('ui.qcView.summary', { count: awaiting })}
        {oldestWaitMinutes !== null && ` · ${t('ui.qcView.oldest', { wait: formatWait(oldestWaitMinutes, t) })}`}
      </button>
      {' · '}
      <button type="button" className="linkish" onClick={() => go('delivery')}>
        {t('ui.qcView.ready', { count: ready })}
      </button>
    </p>
  )
}
