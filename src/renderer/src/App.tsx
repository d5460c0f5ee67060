import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { toggleFullScreen } from './api/client'
import { AboutDialog } from './components/AboutDialog'
import { Header } from './components/Header'
import { Toasts } from './components/Toasts'
import { Welcome } from './components/Welcome'
import { Board } from './features/board/Board'
import { NewRepairOrderDialog, RepairOrderDialog } from './features/repair-orders/RepairOrderDialog'
import { SkillsDialog } from './features/technicians/SkillsDialog'
import { TechnicianDialog } from './features/technicians/TechnicianForm'
import { TechniciansDialog } from './features/technicians/TechniciansDialog'
import { loadBoard, startLive, undoLastMove } from './store/actions'
import { useBoard } from './store/board-store'
import { useDrag } from './store/drag-store'
import { useUi } from './store/ui-store'

function Dialogs() {
  const dialog = useUi((s) => s.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'order':
      return <RepairOrderDialog key={dialog.orderId} orderId={dialog.orderId} mode={dialog.mode} />
    case 'new-order':
      return <NewRepairOrderDialog />
    case 'technician':
      return <TechnicianDialog key={dialog.technicianId ?? 'new'} technicianId={dialog.technicianId} />
    case 'technicians':
      return <TechniciansDialog />
    case 'skills':
      return <SkillsDialog />
    case 'about':
      return <AboutDialog />
  }
}

const typing = (el: Element | null): boolean =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable)

export function App() {
  const { t } = useTranslation()
  const loaded = useBoard((s) => s.loaded)
  const loadError = useBoard((s) => s.loadError)
  const connected = useBoard((s) => s.connected)
  const empty = useBoard((s) => s.loaded && Object.keys(s.technicians).length === 0 && Object.keys(s.orders).length === 0)

  useEffect(() => {
    const stop = startLive()
    void loadBoard()
    const tick = setInterval(() => {
      // Skip the minute tick during a drag: it would re-render every visible card mid-move.
      if (useDrag.getState().activeOrderId === null) useUi.setState({ nowMinute: Math.floor(Date.now() / 60_000) * 60_000 })
    }, 15_000)
    return () => {
      stop()
      clearInterval(tick)
    }
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F11') {
        e.preventDefault()
        void toggleFullScreen()
        return
      }
      const modal = useUi.getState().dialog !== null
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !modal && !typing(document.activeElement)) {
        e.preventDefault()
        void undoLastMove()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="app">
      <Header />
      {!connected && (
        <div className="offline" role="status">
          {t('ui.offline')}
        </div>
      )}
      {!loaded ? (
        <div className="center-note">
          {loadError ? (
            <div role="alert">
              <p>{t('ui.loadFailed', { message: loadError })}</p>
              <button type="button" className="btn btn-primary" onClick={() => void loadBoard()}>
                {t('ui.retry')}
              </button>
            </div>
          ) : (
            <p>{t('ui.loading')}</p>
          )}
        </div>
      ) : empty ? (
        <Welcome />
      ) : (
        <Board />
      )}
      <Toasts />
      <Dialogs />
    </div>
  )
}
