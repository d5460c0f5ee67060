import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * A modal built on <dialog>: the browser gives focus trapping, Escape and the inert
 * background; we add a labelled title and a close button.
 */
export function Dialog({ title, onClose, children, size = 'md' }: { title: string; onClose: () => void; children: ReactNode; size?: 'md' | 'lg' }) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    if (d && !d.open) d.showModal()
    return () => d?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="btn-icon" onClick={onClose} aria-label={t('ui.close')}>
          ✕
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}

/** A labelled form field with its error right under it (server issues or client checks). */
export function Field({ label, error, children, id, hint, className }: { label: string; error?: string; children: ReactNode; id: string; hint?: string; className?: string }) {
  return (
    <div className={`field ${error ? 'field-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && <small className="hint">{hint}</small>}
      {error && (
        <small className="error-text" id={`${id}-error`}>
          {error}
        </small>
      )}
    </div>
  )
}

/** Props that tie an input to its error text for assistive technology. */
export const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}
