import { useTranslation } from 'react-i18next'

/** The footer of every editing form: Cancel, then the submit button that says "Saving…" while busy. */
export function FormActions({ onCancel, busy, submitLabel }: { onCancel: () => void; busy: boolean; submitLabel?: string }) {
  const { t } = useTranslation()
  return (
    <div className="form-actions">
      <span className="spacer" />
      <button type="button" className="btn" onClick={onCancel}>
        {t('ui.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('ui.saving') : (submitLabel ?? t('ui.save'))}
      </button>
    </div>
  )
}
