import { useTranslation } from 'react-i18next'
import { dismissToast, useToasts } from '../store/toast-store'

/** Refusals and errors are alerts (read out at once, visible on the wall); confirmations are status. */
export function Toasts() {
  const { t } = useTranslation()
  const toasts = useToasts((s) => s.toasts)
  return (
    <div className="toasts">
      {toasts.map((x) => (
        <div key={x.id} className={`toast toast-${x.kind}`}>
          <span className="toast-icon" aria-hidden="true">
            {x.kind === 'error' ? '!' : '✓'}
          </span>
          <span className="toast-text" role={x.kind === 'error' ? 'alert' : 'status'}>
            {x.text}
          </span>
          <button type="button" className="btn-icon" onClick={() => dismissToast(x.id)} aria-label={t('ui.dismiss')}>
            ✕
          </button>
        </div>
      ))}
    </div>
  )
}
