import type { $ZodIssue } from 'zod/v4/core'
import { ZodError } from 'zod'
import { AppError, type ErrorCode, type ErrorReply, type FieldIssue } from '../../shared/api/errors'
import { bilingual, translate, type Language } from '../../shared/i18n/format'
import type { SkillGap } from '../../shared/domain/skill-match'

const knownIssueKeys = new Set([
  'hhmm',
  'instant',
  'level',
  'vin',
  'phone',
  'skillCode',
  'duplicateSkill',
  'shiftOrder',
  'lunchInShift',
  // issue 4: users, PINs, QC sign-off
  'username',
  'pin',
  'inspectorOne',
  'qcFailNeeds',
  'qcPassNoFail',
  'technicianLink',
  'duplicateItem'
])

function fieldLabel(lang: Language, path: PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string')
  const last = names[names.length - 1] ?? 'body'
  const label = translate(lang, `fields.${last}`, { defaultValue: last })
  const index = path.find((p) => typeof p === 'number')
  return typeof index === 'number' ? `${label} #${index + 1}` : label
}

export function issueText(lang: Language, issue: $ZodIssue): string {
  const t = (key: string, p: Record<string, unknown> = {}) => translate(lang, `issue.${key}`, p)
  if (knownIssueKeys.has(issue.message)) return t(issue.message)
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return t('required')
      if (issue.expected === 'int') return t('integer')
      return t('wrongType', { expected: issue.expected })
    case 'too_small':
      if (issue.origin === 'string') return t('tooShort')
      if (issue.origin === 'array') return t('tooFewItems', { min: issue.minimum })
      return t(issue.inclusive ? 'tooSmallInclusive' : 'tooSmall', { min: issue.minimum })
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', { max: issue.maximum })
      if (issue.origin === 'array') return t('tooManyItems', { max: issue.maximum })
      return t('tooBig', { max: issue.maximum })
    case 'unrecognized_keys':
      return t('unknownKeys', { keys: issue.keys.join(', ') })
    default:
      return t('invalid')
  }
}

/** Zod issues as field-level messages in both languages, e.g. "Flat-rate hours #1 must be more than 0". */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    const text = (lang: Language) =>
      issue.code === 'unrecognized_keys' && issue.path.length === 0
        ? issueText(lang, issue)
        : `${fieldLabel(lang, issue.path)}${lang === 'zh' ? '' : ' '}${issueText(lang, issue)}`
    return { path, message: { en: text('en'), zh: text('zh') } }
  })
}

/** Params translated per language: entity names, statuses, events and skill gaps. */
function localParams(code: ErrorCode, params: Record<string, string | number>, lang: Language, skillName: (code: string, lang: Language) => string) {
  const p: Record<string, unknown> = { ...params }
  if (typeof params.entity === 'string') {
    // Users and the QC checklist are named under `auth.entity` (issue 4), not the board's `entity`.
    p.entity = translate(lang, `entity.${params.entity}`, { defaultValue: translate(lang, `auth.entity.${params.entity}`, { defaultValue: params.entity }) })
  }
  if (typeof params.role === 'string') p.role = translate(lang, `auth.roles.${params.role}`, { defaultValue: params.role })
  if (typeof params.status === 'string') p.status = translate(lang, `status.${params.status}`)
  if (typeof params.event === 'string') p.event = translate(lang, `event.${params.event}`, { defaultValue: params.event })
  if (code === 'NOT_QUALIFIED' && typeof params.gaps === 'string') {
    const gaps = JSON.parse(params.gaps) as SkillGap[]
    p.gaps = gaps
      .map((g) => translate(lang, 'gap', { skill: skillName(g.skill, lang), required: g.required, has: g.has, context: g.has === 0 ? 'missing' : '' }))
      .join(lang === 'zh' ? '、' : ', ')
  }
  return p
}

/** Field problems as one line of the error message, in one language (the first `max` of them). */
function issueSummary(issues: readonly FieldIssue[], lang: Language, max = issues.length): string {
  return issues
    .slice(0, max)
    .map((i) => i.message[lang])
    .join(lang === 'zh' ? '；' : '; ')
}

/** Turns anything a command threw into a stable code and a message in both languages. */
export function toErrorReply(e: unknown, skillName: (code: string, lang: Language) => string): ErrorReply {
  if (e instanceof ZodError) {
    const issues = zodIssues(e)
    return {
      code: 'VALIDATION',
      issues,
      message: bilingual('errors.VALIDATION', (lang) => ({ summary: issueSummary(issues, lang) }))
    }
  }
  if (e instanceof AppError) {
    if (e.code === 'VALIDATION' && e.issues) {
      const issues = e.issues
      return {
        code: 'VALIDATION',
        issues,
        message: bilingual('errors.VALIDATION', (lang) => ({ summary: issueSummary(issues, lang) }))
      }
    }
    const issues = e.issues
    return {
      code: e.code,
      params: e.params,
      // an import's problems: every one for the dialog, the first three in the message
      ...(issues ? { issues } : {}),
      message: bilingual(`errors.${e.code}`, (lang) => ({
        ...localParams(e.code, e.params, lang, skillName),
        ...(issues ? { summary: issueSummary(issues, lang, 3) } : {})
      }))
    }
  }
  const detail = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL', message: bilingual('errors.INTERNAL', { detail }) }
}
