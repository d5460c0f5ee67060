import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DesktopInfo } from '../../../shared/api/bridge'
import { call, desktopInfo, isDesktop } from '../api/client'
import type { CommandResult } from '../../../main/services/handlers'
import { useCan } from '../features/auth/session-store'
import { formatDateTime } from '../i18n/time'
import { useBoard } from '../store/board-store'
import { closeDialog } from '../store/ui-store'
import { showError } from '../store/actions'
import { Dialog } from './Dialog'

/** Where the data lives (desktop: the SQLite file), the app version and the workshop zone. */
export function AboutDialog() {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const [info, setInfo] = useState<DesktopInfo | null>(null)
  const mayReadBackups = useCan('backup-status')
  const mayBackUp = useCan('backup-now')
  const [backups, setBackups] = useState<CommandResult<'backup-status'> | null>(null)
  const [asked, setAsked] = useState(false)
  useEffect(() => {
    void desktopInfo().then(setInfo)
    if (mayReadBackups) void call('backup-status', {}).then((r) => r.ok && setBackups(r.result))
  }, [mayReadBackups])
  // While a copy is being written, its status is read again until it is done (or failed).
  const running = asked || backups?.running === true
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      void call('backup-status', {}).then((r) => {
        if (!r.ok) return
        setBackups(r.result)
        if (!r.result.running) setAsked(false)
      })
    }, 400)
    return () => clearInterval(timer)
  }, [running])
  const backUpNow = async () => {
    setAsked(true)
    const r = await call('backup-now', {})
    if (!r.ok) {
      setAsked(false)
      showError(r.error)
    }
  }
  return (
    <Dialog title={t('ui.aboutTitle')} onClose={closeDialog}>
      <dl className="detail-grid">
        <dt>{t('ui.timeZone')}</dt>
        <dd>{timeZone}</dd>
        {isDesktop() && info ? (
          <>
            <dt>{t('ui.version')}</dt>
            <dd>{info.appVersion}</dd>
            <dt>{t('ui.dataFile')}</dt>
            <dd>
              <code className="path">{info.dataFile}</code>
            </dd>
            <dt>{t('ui.sharedUrl')}</dt>
            <dd>{info.sharedUrl ?? t('ui.notShared')}</dd>
          </>
        ) : (
          <>
            <dt>{t('ui.dataFile')}</dt>
            <dd>{t('ui.browserStation')}</dd>
          </>
        )}
        {backups && (
          <>
            <dt>{t('ui.backups')}</dt>
            <dd className="backups" aria-live="polite">
              <span data-testid="backup-status">
                {!backups.enabled
                  ? t('ui.backupsOff')
                  : backups.last
                    ? t('ui.backupsLast', {
                        time: formatDateTime(backups.last.at, timeZone),
                        size: (backups.last.bytes / 1048576).toFixed(1),
                        count: backups.count,
                        keep: backups.keep
                      })
                    : t('ui.backupsNone')}
              </span>
              {backups.failed && !running && (
                <span className="backup-failed" role="alert">
                  {t('ui.backupFailed', { time: formatDateTime(backups.failed.at, timeZone), message: backups.failed.message })}
                </span>
              )}
              {backups.enabled && mayBackUp && (
                <button type="button" className="btn backup-now" onClick={() => void backUpNow()} disabled={running} title={t('ui.backupNowTitle')}>
                  {running ? t('ui.backupRunning') : t('ui.backupNow')}
                </button>
              )}
            </dd>
            {backups.dir && (
              <>
                <dt>{t('ui.backupsFolder')}</dt>
                <dd>
                  <code className="path">{backups.dir}</code>
                </dd>
              </>
            )}
          </>
        )}
      </dl>
    </Dialog>
  )
}
