import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DesktopInfo } from '../../../shared/api/bridge'
import { desktopInfo, isDesktop } from '../api/client'
import { useBoard } from '../store/board-store'
import { closeDialog } from '../store/ui-store'
import { Dialog } from './Dialog'

/** Where the data lives (desktop: the SQLite file), the app version and the workshop zone. */
export function AboutDialog() {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const [info, setInfo] = useState<DesktopInfo | null>(null)
  useEffect(() => {
    void desktopInfo().then(setInfo)
  }, [])
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
      </dl>
    </Dialog>
  )
}
