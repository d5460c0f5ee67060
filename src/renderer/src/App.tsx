import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { toggleFullScreen } from './api/client'
import { AboutDialog } from './components/AboutDialog'
import { DmsDialog } from './features/dms/DmsDialog'
import { Header } from './components/Header'
import { Toasts } from './components/Toasts'
import { Welcome } from './components/Welcome'
import { MyJobs } from './features/board/MyJobs'
import { Board } from './features/board/Board'
import { NewRepairOrderDialog, RepairOrderDialog } from './features/repair-orders/RepairOrderDialog'
import { SkillsDialog } from './features/technicians/SkillsDialog'
import { TechnicianDialog } from './features/technicians/TechnicianForm'
import { TechniciansDialog } from './features/technicians/TechniciansDialog'
import { ReportsPage } from './features/reports/ReportsPage'
import { JobTicketPrintRoot } from './features/tickets/JobTicketPrintRoot'
import { useReportsRoute } from './features/reports/route'
import { loadBoard, startLive, undoLastMove } from './store/actions'
import { useBoard } from './store/board-store'
import { useDrag } from './store/drag-store'
import { useUi } from './store/ui-store'
import { startRiskUpdates } from './features/schedule/risk-store'
import { ScheduleDialogs } from './features/schedule/ScheduleDialogs'
import { LoginScreen } from './features/auth/LoginScreen'
import { AdminDialogs } from './features/auth/UserMenu'
import { can, dialogAllowed, refreshSession, useSession } from './features/auth/session-store'
import { QcScreen } from './features/qc/InspectorView'
import { useRoute } from './features/qc/route'

function Dialogs() {
  const dialog = useUi((s) => s.dialog)
  // Editors stay closed for a role that may not use them (wall display, inspector); the server refuses anyway.
  const role = useSession((s) => s.role)
  if (!dialog || !dialogAllowed(role, dialog.kind)) return null
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
    case 'dms':
      return <DmsDialog />
  }
}

const typing = (el: Element | null): boolean =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable)

/** No key at all, without listing 2,000 order ids on every store change as Object.keys would. */
function isEmpty(record: object): boolean {
  for (const _ in record) return false
  return true
}

export function App() {
  const { t } = useTranslation()
  const loaded = useBoard((s) => s.loaded)
  const loadError = useBoard((s) => s.loadError)
  const connected = useBoard((s) => s.connected)
  const empty = useBoard((s) => s.loaded && isEmpty(s.technicians) && isEmpty(s.orders))
  const reports = useReportsRoute()
  const route = useRoute()
  const session = useSession((s) => s.status)
  const role = useSession((s) => s.role)
  const switching = useSession((s) => s.switching)
  const epoch = useSession((s) => s.epoch)

  useEffect(() => {
    void refreshSession()
  }, [])

  useEffect(() => {
    // Load and listen as whoever this screen is logged in as; a login or logout (epoch) starts again.
    if (useSession.getState().status !== 'in') return
    const stop = startLive()
    const stopRisk = startRiskUpdates()
    void loadBoard()
    const tick = setInterval(() => {
      // Skip the minute tick during a drag: it would re-render every visible card mid-move.
      if (useDrag.getState().activeOrderId === null) useUi.setState({ nowMinute: Math.floor(Date.now() / 60_000) * 60_000 })
    }, 15_000)
    return () => {
      stop()
      stopRisk()
      clearInterval(tick)
    }
  }, [epoch])

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

  if (session === 'checking') return <div className="app center-note">{t('ui.loading')}</div>
  if (session === 'out' || switching) {
    return (
      <>
        <LoginScreen />
        <Toasts />
      </>
    )
  }

  return (
    <div className="app">
      <Header />
      {!connected && (
        <div className="offline" role="status">
          {t('ui.offline')}
        </div>
      )}
      {reports ? (
        <ReportsPage />
      ) : route !== 'board' && loaded && can(role, 'qc-queue') ? (
        <QcScreen route={route} />
      ) : !loaded ? (
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
      ) : role === 'technician' ? (
        <MyJobs />
      ) : empty ? (
        <Welcome />
      ) : (
        <Board />
      )}
      <Toasts />
      <Dialogs />
      <AdminDialogs />
      <ScheduleDialogs />
      <JobTicketPrintRoot />
    </div>
  )
}
