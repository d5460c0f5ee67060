import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TimelineEntry } from '../../../../main/services/history'
import { call } from '../../api/client'
import { currentLang, localised } from '../../i18n'
import { formatDateTime } from '../../i18n/time'
import { useBoard } from '../../store/board-store'
import { useCan } from '../auth/session-store'
import './history.css'

/** Steps worth a colour on the timeline: QC results, delivery, stoppages. */
const tone: Partial<Record<TimelineEntry['kind'], string>> = {
  'qc-passed': 'ok',
  delivered: 'ok',
  'qc-failed': 'bad',
  cancelled: 'bad',
  stopped: 'warn',
  parked: 'warn'
}

/**
 * The order's timeline from the audit log (issue 4): created, assigned, clocked, stopped, QC,
 * delivered — who and when. Refetched when the order changes, so it follows live updates.
 */
export function OrderHistory({ orderId }: { orderId: number }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const mayRead = useCan('repair-order-history')
  const version = useBoard((s) => s.orders[orderId]?.version)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!mayRead) return
    let live = true
    void call('repair-order-history', { id: orderId }).then((r) => {
      if (!live) return
      if (r.ok) {
        setEntries(r.result)
        setError(null)
      } else setError(localised(r.error.message))
    })
    return () => {
      live = false
    }
  }, [orderId, version, mayRead])
  if (!mayRead) return null
  return (
    <section className="history" aria-labelledby={`history-${orderId}`}>
      <h3 id={`history-${orderId}`}>{t('ui.history.title')}</h3>
      {error ? (
        <p className="error-text">{t('ui.history.failed', { message: error })}</p>
      ) : entries === null ? (
        <p className="hint">{t('ui.history.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="hint">{t('ui.history.empty')}</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => (
            <li key={e.auditId} className={`timeline-${tone[e.kind] ?? 'plain'}`} data-kind={e.kind}>
              <time dateTime={e.at}>{formatDateTime(e.at, timeZone)}</time>
              <span className="timeline-what">
                <b>{t(`qc.timeline.${e.kind}`)}</b>
                {e.technicianTo && e.technicianTo.id !== e.technicianFrom?.id && ` → ${e.technicianTo.name}`}
                {e.qc && ` · ${e.qc.meaning[lang]}`}
                {e.qc?.comebackCause && ` · ${t('ui.history.cause', { cause: t(`qc.comebackCauses.${e.qc.comebackCause}`) })}`}
              </span>
              <span className="timeline-who">{e.who}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
