import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { openReports } from '../features/reports/route'
import { toggleFullScreen } from '../api/client'
import { currentLang, setLang, useT } from '../i18n'
import { formatShortTime } from '../i18n/time'
import { hasUndo, onUndoChange, undoLastMove } from '../store/actions'
import { useBoard } from '../store/board-store'
import { openDialog, useUi } from '../store/ui-store'
import { can, useSession } from '../features/auth/session-store'
import { UserMenu } from '../features/auth/UserMenu'
import { QcHeaderButton } from '../features/qc/QcBacklog'
import { ScheduleHeaderButtons } from '../features/schedule/ScheduleDialogs'

/** The workshop's wall clock (its own zone, not this PC's), re-rendered once a minute. */
function WorkshopClock() {
  // The board's cheap lookups (useT, the cached zone formatter): the clock re-renders when the board
  // arrives, which on the Reports page falls inside the charts' first render (issue 5).
  const { t } = useT()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const now = useUi((s) => s.nowMinute)
  return (
    <time className="clock" dateTime={new Date(now).toISOString()} title={`${t('ui.clock')} (${timeZone})`}>
      {formatShortTime(now, timeZone, now)}
    </time>
  )
}

/** The big screen's width, from which every header button fits in one row (base.css). */
let wideQuery: MediaQueryList | null = null
const wideScreen = (): MediaQueryList => (wideQuery ??= window.matchMedia('(min-width: 1800px)'))
const onWideChange = (onChange: () => void) => {
  wideScreen().addEventListener('change', onChange)
  return () => wideScreen().removeEventListener('change', onChange)
}
const isWide = () => wideScreen().matches

/**
 * Below the big screen's width (a 1366 px laptop, a tablet) the occasional buttons (technicians,
 * skills, calendar, DMS, full screen, about) go into a "More" menu, so the header stays one row
 * and the board keeps its height. Closes on a choice, a press outside or Escape.
 */
function HeaderMore({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  useEffect(() => {
    if (!open) return
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false)
    }
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      toggle.current?.focus()
    }
    document.addEventListener('pointerdown', outside)
    document.addEventListener('keydown', escape)
    return () => {
      document.removeEventListener('pointerdown', outside)
      document.removeEventListener('keydown', escape)
    }
  }, [open])
  return (
    <div className="header-more" ref={root}>
      {/* a disclosure (a button that shows and hides a group of buttons), not an ARIA menu */}
      <button ref={toggle} type="button" className="btn" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {t('ui.more')}
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        // a choice closes the menu (its own handler has run by the time the click bubbles here)
        <div id={panelId} className="header-more-panel" role="group" aria-label={t('ui.more')} onClick={(e) => (e.target as HTMLElement).closest('button') && setOpen(false)}>
          {children}
        </div>
      )}
    </div>
  )
}

export function Header() {
  const { t } = useTranslation()
  const canUndo = useSyncExternalStore(onUndoChange, hasUndo)
  const lang = currentLang()
  // Buttons follow the role on this screen (issue 4); the server checks every command anyway.
  const role = useSession((s) => s.role)
  const wide = useSyncExternalStore(onWideChange, isWide)
  const [fullscreen, setFullscreen] = useState(false)
  useEffect(() => {
    const on = () => setFullscreen(document.fullscreenElement !== null)
    document.addEventListener('fullscreenchange', on)
    return () => document.removeEventListener('fullscreenchange', on)
  }, [])
  // The occasional buttons: in the row on the big screen, in the "More" menu below its width.
  const occasional = (
    <>
      {can(role, 'technician-update') && (
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'technicians' })}>
          {t('ui.technicians')}
        </button>
      )}
      {can(role, 'skill-update') && (
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'skills' })}>
          {t('ui.skills')}
        </button>
      )}
      <ScheduleHeaderButtons />
      {(can(role, 'repair-order-import') || can(role, 'repair-order-export')) && (
        <button type="button" className="btn" onClick={() => openDialog({ kind: 'dms' })} title={t('dms.openTitle')}>
          {t('dms.open')}
        </button>
      )}
    </>
  )
  const screen = (
    <>
      <button type="button" className="btn" onClick={() => void toggleFullScreen()} title={t('ui.fullScreenTitle')} aria-pressed={fullscreen} aria-keyshortcuts="F11">
        {t('ui.fullScreen')}
      </button>
      <button type="button" className="btn" onClick={() => openDialog({ kind: 'about' })}>
        {t('ui.about')}
      </button>
    </>
  )
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
        {can(role, 'repair-order-create') && (
        <button type="button" className="btn btn-primary" onClick={() => openDialog({ kind: 'new-order' })}>
          <span aria-hidden="true">+ </span>{t('ui.newOrder')}
        </button>
        )}
        {can(role, 'qc-sign-off') || can(role, 'qc-queue') ? <QcHeaderButton /> : null}
        {wide && occasional}
        {can(role, 'report-summary') && (
        <button type="button" className="btn" onClick={openReports}>
          {t('reports.open')}
        </button>
        )}
        {can(role, 'repair-order-assign') && (
        <button type="button" className="btn" onClick={() => void undoLastMove()} disabled={!canUndo} title={t('ui.undoTitle')} aria-keyshortcuts="Control+Z">
          <span aria-hidden="true">↶ </span>{t('ui.undo')}
        </button>
        )}
        {wide ? (
          screen
        ) : (
          <HeaderMore>
            {occasional}
            {screen}
          </HeaderMore>
        )}
        <button type="button" className="btn btn-lang" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('ui.switchLanguageLabel')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {t('ui.switchLanguage')}
        </button>
        <UserMenu />
      </nav>
    </header>
  )
}
