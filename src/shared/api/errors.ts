/** Stable error codes: clients branch on these, people read the message. */
export const ERROR_CODES = [
  'BAD_JSON',
  'UNKNOWN_COMMAND',
  'VALIDATION',
  'NOT_FOUND',
  'DUPLICATE_RO_NUMBER',
  'DUPLICATE_EMPLOYEE_NO',
  'DUPLICATE_SKILL',
  'UNKNOWN_SKILL',
  'NOT_QUALIFIED',
  'TECHNICIAN_INACTIVE',
  'ILLEGAL_TRANSITION',
  'NOT_MOVABLE',
  'STALE',
  'NOT_EMPTY',
  'DB_TOO_NEW',
  'PAYLOAD_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PIN_INVALID',
  'USER_LOCKED',
  'NOT_INSPECTOR',
  'QC_INCOMPLETE',
  'QC_UNKNOWN_ITEM',
  'DUPLICATE_USERNAME',
  'SETUP_NOT_ALLOWED',
  'LAST_ADMIN',
  'HOST_NOT_ALLOWED',
  'ORIGIN_NOT_ALLOWED',
  'CLOCK_EDIT_INVALID',
  'STOPPAGE_CLOSED',
  'STOPPAGE_KIND_CHANGE',
  'IMPORT_INVALID',
  'BACKUPS_OFF',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface LocalisedText {
  en: string
  zh: string
}

export interface FieldIssue {
  /** Dotted path into the arguments, e.g. "jobLines.0.hours". */
  path: string
  message: LocalisedText
}

export interface ErrorReply {
  code: ErrorCode
  message: LocalisedText
  /** Field-level problems for forms (validation only). */
  issues?: FieldIssue[]
  params?: Record<string, string | number>
}

/** A refusal the user caused: thrown by services, turned into an ErrorReply by the dispatcher. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly issues?: FieldIssue[]
  ) {
    super(code)
    this.name = 'AppError'
  }
}

export type Reply<T> = { ok: true; result: T; version: number } | { ok: false; error: ErrorReply }
