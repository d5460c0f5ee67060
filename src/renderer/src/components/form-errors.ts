import type { ErrorReply } from '../../../shared/api/errors'
import type { Lang } from '../i18n'

export interface FormErrors {
  /** Field path ("jobLines.0.hours") -> message in the language on screen. */
  fields: Record<string, string>
  /** Messages that belong to no single field (stale record, server down...). */
  form: string | null
}

export const noErrors = (): FormErrors => ({ fields: {}, form: null })

/** Field a code-level error belongs to, so it shows next to that field instead of in a banner. */
const fieldOfCode: Partial<Record<ErrorReply['code'], string>> = {
  DUPLICATE_RO_NUMBER: 'roNumber',
  DUPLICATE_EMPLOYEE_NO: 'employeeNo',
  DUPLICATE_SKILL: 'code'
}

/**
 * Spreads a server error over a form: validation issues by their path, duplicate keys on their
 * field, anything else (STALE, NOT_QUALIFIED, transport) as the form's message.
 */
export function formErrorsFrom(error: ErrorReply, lang: Lang): FormErrors {
  const out = noErrors()
  if (error.issues?.length) {
    for (const i of error.issues) {
      const path = i.path || '_'
      out.fields[path] = out.fields[path] ? `${out.fields[path]}; ${i.message[lang]}` : i.message[lang]
    }
    const unplaced = error.issues.filter((i) => !i.path)
    if (unplaced.length) out.form = unplaced.map((i) => i.message[lang]).join('; ')
    return out
  }
  const field = fieldOfCode[error.code]
  if (field) out.fields[field] = error.message[lang]
  else out.form = error.message[lang]
  return out
}
