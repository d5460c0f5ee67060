import { useEffect, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { toggleFullScreen } from '../api/client'
import { currentLang, setLang } from '../i18n'
import { hasUndo, onUndoChange, undoLastMove } from '../store/actions'
import { useBoard } from '../store/board-store'
import { openDialog, useUi } from '../store/ui-store'

function WorkshopClock() {
  const { t } = useTranslation()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const now = useUi((s) => s.nowMinute)
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} title={`${t('ui.clock')} (${timeZone})`}>
      {format(new TZDate(now, timeZone), 'HH:mm')}
    </time>
  )
}

export function Header() {
  const { t } = useTranslation()
  const canUndo = useSyncExternalStore(onUndoChange, hasUndo)
  const lang = currentLang()
  const [fullscreen, setFullscreen] = useState(false)
  useEffect(() => {
    const on = () => setFullscreen(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', on)
    return () => document.removeEventListener('fullscreenchange', on)
  }, [])
  return (
    <header className="app-header">
      <h1>
        <span className="logo" aria-hidden="true">
          ▦
        </span>
        {t('ui.appTitle')}
      </h1>
      <WorkshopClock />
      <nav className="header-actions" aria-label={t('ui.appTitle')}>
        <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'new-order' })}>
          <span aria-hidden="true">+ </span>{t('ui.newOrder')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'technicians' })}>
          {t('ui.technicians')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'skills' })}>
          {t('ui.skills')}
        </button>
        <button type="button" className="btn" onClick={() => void undoLastMove()} disabled={!canUndo} title={t('ui.undoTitle')} aria-keyshortcuts="Control+Z">
          <span aria-hidden="true">↶ </span>{t('ui.undo')}
        </button>
        <button type="button" className="btn" onClick={() => void toggleFullScreen()} title={t('ui.fullScreenTitle')} aria-pressed={fullscreen} aria-keyshortcuts="F11">
          {t('ui.fullScreen')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'about' })}>
          {t('ui.about')}
        </button>
        <button type="button" className="btn btn-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('ui.switchLanguageLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {t('ui.switchLanguage')}
        </button>
      </nav>
    </header>
  )
}
