import { isRequired, type QcChecklistItem, type ComebackCause } from '../../../../shared/domain/qc-checklist'
import { qcPriorities, qcWaitMinutes, rankQcQueue } from '../../../../shared/domain/qc-priority'
import { promisePassed } from '../../../../shared/domain/risk'
import type { RepairOrder, RepairOrderFlag } from '../../../../shared/domain/types'

/**
 * What the inspector's screen derives from the board it already holds: the ranked queue and
 * the checks of the sign-off form. Pure, so the tablet's rules are tested without a browser.
 */

export interface QcRow {
  order: RepairOrder
  /** Every priority (1 comeback … 10 fault not found) the order hits, ascending; empty: routine. */
  priorities: number[]
  qcSince: string
  waitedMinutes: number
  /** The promised delivery time has passed (the minute `now` is after it). */
  overdue: boolean
}

/**
 * The QC queue from the board's orders, ranked by the shop's ten priorities then promised time
 * (the same compareForQc the server uses), so it updates live with every board change.
 * `since` holds when each order entered QC; an order seen only live falls back to its last
 * change, which for an order that just finished is the moment it entered QC.
 */
export function qcRows(orders: Iterable<RepairOrder>, since: Readonly<Record<number, string>>, now: number): QcRow[] {
  const waiting = [...orders]
    .filter((o) => o.status === 'awaiting_qc')
    .map((o) => ({ ...o, qcSince: since[o.id] ?? o.updatedAt }))
  return rankQcQueue(waiting).map(({ qcSince, ...order }) => ({
    order,
    priorities: qcPriorities(order.flags),
    qcSince,
    waitedMinutes: qcWaitMinutes(qcSince, now),
    overdue: promisePassed(order, now)
  }))
}

/** Cars waiting for QC and the longest wait in whole minutes (null when none wait). */
export function qcBacklog(rows: readonly QcRow[]): { awaiting: number; oldestWaitMinutes: number | null } {
  return { awaiting: rows.length, oldestWaitMinutes: rows.length ? Math.max(...rows.map((r) => r.waitedMinutes)) : null }
}

/** A wait as "42 min" or "2 h 5 min", for people, not for sorting. */
export function waitParts(minutes: number): { h: number; m: number } {
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}

export interface ChecklistView extends QcChecklistItem {
  required: boolean
  /** For an item required by flags: the flags of this order that make it required. */
  becauseFlags: RepairOrderFlag[]
}

/** The template as the inspector sees it for one order: which checks this car must have. */
export function checklistFor(template: readonly QcChecklistItem[], order: Pick<RepairOrder, 'flags'>): ChecklistView[] {
  return template.map((item) => ({
    ...item,
    required: isRequired(item, order.flags),
    becauseFlags: item.requiredWhen.kind === 'anyFlag' ? item.requiredWhen.flags.filter((f) => order.flags[f]) : []
  }))
}

export interface SignOffForm {
  result: 'pass' | 'fail' | null
  checked: ReadonlySet<string>
  failReason: string
  comebackCause: ComebackCause | null
  inspectorUserId: number | null
  pin: string
}

export type SignOffProblem =
  | { kind: 'needResult' }
  | { kind: 'missingRequired'; itemIds: string[] }
  | { kind: 'needReason' }
  | { kind: 'needCause' }
  | { kind: 'needInspector' }
  | { kind: 'needPin' }

/**
 * The form's own checks before the PIN is sent, mirroring the server's (services/qc.ts): a pass
 * needs every required check; a fail needs a reason and one of the six causes; always a named
 * inspector and a 4–12 digit PIN. Saying so at once spares the inspector a wrong-PIN count.
 */
export function signOffProblems(form: SignOffForm, checklist: readonly ChecklistView[]): SignOffProblem[] {
  const out: SignOffProblem[] = []
  if (form.result === null) out.push({ kind: 'needResult' })
  if (form.result === 'pass') {
    const missing = checklist.filter((i) => i.required && !form.checked.has(i.id)).map((i) => i.id)
    if (missing.length) out.push({ kind: 'missingRequired', itemIds: missing })
  }
  if (form.result === 'fail') {
    if (!form.failReason.trim()) out.push({ kind: 'needReason' })
    if (form.comebackCause === null) out.push({ kind: 'needCause' })
  }
  if (form.inspectorUserId === null) out.push({ kind: 'needInspector' })
  if (!/^\d{4,12}$/.test(form.pin)) out.push({ kind: 'needPin' })
  return out
}

/** The sign-off command's arguments from a complete form (call only when signOffProblems is empty). */
export function signOffArgs(orderId: number, form: SignOffForm, checklist: readonly ChecklistView[]) {
  const known = new Set(checklist.map((i) => i.id))
  return {
    id: orderId,
    inspectorUserId: form.inspectorUserId as number,
    pin: form.pin,
    result: form.result as 'pass' | 'fail',
    // Only ids still on the template: a check removed meanwhile would be refused as unknown.
    checkedItemIds: [...form.checked].filter((id) => known.has(id)),
    ...(form.result === 'fail' ? { failReason: form.failReason.trim(), comebackCause: form.comebackCause as ComebackCause } : {})
  }
}
