import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../api/client'
import { loadBoard, showError } from '../store/actions'
import { openDialog } from '../store/ui-store'
import { toast } from '../store/toast-store'

/** First run: an empty board offers the demo day or an empty workshop (starting with a technician). */
export function Welcome() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  async function loadDemo() {
    setBusy(true)
    const reply = await call('workshop-load-demo', {})
    setBusy(false)
    if (!reply.ok) return showError(reply.error)
    toast('info', t('ui.demoLoaded', { delivered: reply.result.delivered }))
    await loadBoard()
  }
  return (
    <section className="welcome" role="region" aria-labelledby="welcome-title">
      <h2 id="welcome-title">{t('ui.welcomeTitle')}</h2>
      <p>{t('ui.welcomeText')}</p>
      <div className="welcome-actions">
        <button type="button" className="btn btn-primary btn-big" onClick={() => void loadDemo()} disabled={busy} aria-busy={busy}>
          {busy ? t('ui.loadingDemo') : t('ui.loadDemo')}
        </button>
        <button type="button" className="btn btn-big" onClick={() => openDialog({ kind: 'technician', technicianId: null })}>
          {t('ui.startEmpty')}
        </button>
      </div>
    </section>
  )
}
