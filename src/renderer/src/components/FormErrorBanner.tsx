import { useTranslation } from 'react-i18next'
import type { FormErrors } from './form-errors'

/** The form's summary of what went wrong: read out at once (role="alert"), fields marked below. */
export function FormErrorBanner({ errors }: { errors: FormErrors }) {
  const { t } = useTranslation()
  const fieldMessages = Object.values(errors.fields)
  if (!errors.form && fieldMessages.length === 0) return null
  return (
    <div className="form-banner" role="alert">
      {errors.form && <p>{errors.form}</p>}
      {fieldMessages.length > 0 && (
        <>
          <p>{t('ui.formHasErrors')}</p>
          <ul>
            {fieldMessages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
