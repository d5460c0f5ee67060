import type { RepairOrderFlag, RepairOrderFlags } from './types'

/**
 * The shop's ten QC priorities, riskiest first (domain.md, "Quality control"): when the
 * inspector cannot check every car, these are checked first. Index 0 is priority 1.
 * Spelled out rather than derived from REPAIR_ORDER_FLAGS: this order is the shop's rule, and
 * reordering the flag list for display must not silently change which car is inspected first.
 */
export const QC_PRIORITY_FLAGS = [
  'comeback',
  'complaint',
  'safetyRelated',
  'warranty',
  'serviceCampaign',
  'sublet',
  'highValue',
  'majorService',
  'brakeSuspension',
  'faultNotFound'
] as const satisfies readonly RepairOrderFlag[]

/** The rank given to an order that carries none of the ten flags: after every flagged order. */
export const QC_PRIORITY_NONE = QC_PRIORITY_FLAGS.length + 1

/** The priorities (1 = comeback ... 10 = fault not found) an order's flags hit, ascending; empty when none. */
export function qcPriorities(flags: RepairOrderFlags): number[] {
  const out: number[] = []
  QC_PRIORITY_FLAGS.forEach((f, i) => {
    if (flags[f]) out.push(i + 1)
  })
  return out
}

/** An order's QC priority: its highest (numerically lowest) priority 1-10, or 11 when it has none. */
export function qcPriority(flags: RepairOrderFlags): number {
  return qcPriorities(flags)[0] ?? QC_PRIORITY_NONE
}

export interface QcCandidate {
  id: number
  flags: RepairOrderFlags
  /** Promised delivery, UTC instant (ISO 8601). */
  promisedAt: string
  /** When the order entered the QC queue, UTC instant (ISO 8601). */
  qcSince: string
}

/**
 * QC queue order: by the highest priority hit; on a tie, the order that hits more of the next
 * priorities first (a comeback that is also safety-related outranks a plain comeback); then the
 * earliest promised delivery; then the longest wait in QC; then the id, so the order is total.
 */
export function compareForQc(a: QcCandidate, b: QcCandidate): number {
  const pa = qcPriorities(a.flags)
  const pb = qcPriorities(b.flags)
  const n = Math.max(pa.length, pb.length)
  for (let i = 0; i < n; i++) {
    const x = pa[i] ?? QC_PRIORITY_NONE
    const y = pb[i] ?? QC_PRIORITY_NONE
    if (x !== y) return x - y
  }
  const promised = Date.parse(a.promisedAt) - Date.parse(b.promisedAt)
  if (promised !== 0) return promised
  const waited = Date.parse(a.qcSince) - Date.parse(b.qcSince)
  if (waited !== 0) return waited
  return a.id - b.id
}

/** A new array ranked for the inspector, riskiest first (see compareForQc); the input is not changed. */
export function rankQcQueue<T extends QcCandidate>(orders: readonly T[]): T[] {
  return [...orders].sort(compareForQc)
}

/** Whole minutes an order has waited in QC at `now` (ms since the epoch); never negative. */
export function qcWaitMinutes(qcSince: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(qcSince)) / 60_000))
}
