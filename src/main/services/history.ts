import type { Database } from 'better-sqlite3'
import type { RepairOrder, RepairOrderStatus, TechnicianReport } from '../../shared/domain/types'
import { listStoredAudit, orderEntries, toAuditRow, type AuditEntity, type AuditRow, type StoredAuditRow } from '../db/audit.repo'
import { isCreated, isRemoved, undoPairs } from '../db/audit-codec'
import { getRepairOrders } from '../db/repair-orders.repo'
import { technicianReportsOf } from '../db/clock.repo'
import { listTechnicians } from '../db/technicians.repo'
import { requireOrder } from './repair-orders'

/** What happened to the order in one audit row, in the words of the workshop. */
export type TimelineKind =
  | 'created'
  | 'edited'
  | 'assigned'
  | 'queue-moved'
  | 'moved-up'
  | 'unassigned'
  | 'clocked-on'
  | 'stopped'
  | 'parked'
  | 'resumed'
  | 'back-to-queue'
  | 'finished'
  | 'qc-passed'
  | 'qc-failed'
  | 'delivered'
  | 'cancelled'
  | 'changed'

export interface TimelineEntry {
  auditId: number
  /** UTC instant. */
  at: string
  /** Who: the audit row's actor, or the signing inspector for QC entries. */
  who: string
  command: string
  kind: TimelineKind
  statusFrom: RepairOrderStatus | null
  statusTo: RepairOrderStatus
  technicianFrom: { id: number; name: string } | null
  technicianTo: { id: number; name: string } | null
  /** The QC record of a sign-off: meaning ("QC passed" / "QC failed: reason") and cause. */
  qc?: { recordId: number; attempt: number; result: 'pass' | 'fail'; meaning: { en: string; zh: string }; comebackCause: string | null }
}

type Snapshot = Pick<RepairOrder, 'status' | 'technicianId' | 'queuePosition' | 'parked'>

/** Names the step from the status change alone, so commands added later (issue 3's clock) read right too. */
function kindOf(command: string, before: Snapshot | null, after: Snapshot): TimelineKind {
  if (!before) return 'created'
  const from = before.status
  const to = after.status
  if (from === to) {
    if (to === 'stopped' && after.parked && !before.parked) return 'parked'
    if (before.technicianId !== after.technicianId) return 'assigned'
    if (before.queuePosition !== after.queuePosition) return 'queue-moved'
    return command === 'repair-order-update' ? 'edited' : 'changed'
  }
  if (to === 'cancelled') return 'cancelled'
  if (to === 'delivered') return 'delivered'
  if (from === 'awaiting_qc') return to === 'ready' ? 'qc-passed' : 'qc-failed'
  if (to === 'awaiting_qc') return 'finished'
  if (to === 'waiting') return 'unassigned'
  if (from === 'waiting') return 'assigned'
  if (from === 'queued' && to === 'assigned') return 'moved-up'
  if (to === 'in_progress') return from === 'stopped' ? 'resumed' : 'clocked-on'
  if (to === 'stopped') return 'stopped'
  if (from === 'stopped' && to === 'queued') return 'back-to-queue'
  return 'changed'
}

type OrderState = Record<string, unknown>

/**
 * The order before and after each of its audit rows, walking back from its current state: every
 * row keeps the before and after of each field it changed, so undoing a row's fields gives the
 * order before it. The version goes down by one a row unless the row kept it; updatedAt is the
 * time of the row. A creation row may name fields explicitly (rows converted by migration 005
 * keep the whole first state); they win over the walk. The technician's report is not in the
 * rows (tx.ts ORDER_KEPT_ELSEWHERE): given the order's `reports` (technicianReportsOf), each
 * state gets the last one written by its time (after a row: at or before the row's time; before
 * it: strictly before). `rows` newest first; keyed by audit id.
 */
export function orderStatesFromAudit(
  current: RepairOrder,
  rows: readonly StoredAuditRow[],
  reports?: readonly { at: number; report: TechnicianReport }[]
): Map<number, { before: OrderState | null; after: OrderState | null }> {
  const out = new Map<number, { before: OrderState | null; after: OrderState | null }>()
  let state: OrderState | null = { ...current }
  let newest = true
  for (const row of rows) {
    const entry = orderEntries(row).get(current.id)
    if (!entry) continue
    const after: OrderState | null = state && !newest ? { ...state, updatedAt: new Date(row.at).toISOString() } : state
    newest = false
    if (isCreated(entry)) {
      const created = { ...after, ...entry['+'], id: current.id }
      out.set(row.id, { before: null, after: created })
      state = null
    } else if (isRemoved(entry)) {
      out.set(row.id, { before: entry['-'], after: null })
      state = entry['-']
    } else {
      const before: OrderState | null = after ? undoPairs(after, entry) : null
      if (before && !('version' in entry) && typeof before.version === 'number') before.version -= 1
      out.set(row.id, { before, after })
      state = before
    }
  }
  if (reports) {
    const reportBy = (t: number, inclusive: boolean) =>
      reports.filter((r) => (inclusive ? r.at <= t : r.at < t)).at(-1)?.report ?? null
    for (const row of rows) {
      const s = out.get(row.id)
      if (!s) continue
      if (s.after) s.after = { ...s.after, technicianReport: reportBy(row.at, true) }
      if (s.before) s.before = { ...s.before, technicianReport: reportBy(row.at, false) }
    }
  }
  return out
}

/** The order as it was created, from its current row and audit rows (null if it has no creation row). */
export function orderCreationState(db: Database, id: number): RepairOrder | null {
  const current = getRepairOrders(db, [id])[0]
  if (!current) return null
  const rows = listStoredAudit(db, { entity: 'repair_order', entityId: id, limit: 1_000_000 })
  const created = rows.find((r) => {
    const e = orderEntries(r).get(id)
    return e !== undefined && isCreated(e)
  })
  if (!created) return null
  return (orderStatesFromAudit(current, rows, technicianReportsOf(db, id)).get(created.id)?.after ?? null) as RepairOrder | null
}

/**
 * Audit rows newest first in the shape of API `audit-list`: only what changed, before and after,
 * and the whole order in a creation row (rebuilt by orderCreationState, as the row keeps none).
 */
export function auditList(db: Database, filter: { entity?: AuditEntity; entityId?: number; limit: number }): AuditRow[] {
  return listStoredAudit(db, filter).map((r) => {
    const out = toAuditRow(r)
    for (const [id, e] of orderEntries(r)) {
      if (!isCreated(e)) continue
      const created = orderCreationState(db, id)
      if (created) ((out.after as { repairOrders: Record<string, unknown> }).repairOrders[id] = created)
    }
    return out
  })
}

/** The order's timeline, oldest first, from the append-only audit log (who, when, what). */
export function repairOrderHistory(db: Database, id: number): TimelineEntry[] {
  const current = requireOrder(db, id)
  const names = new Map(listTechnicians(db).map((t) => [t.id, t.name]))
  const tech = (tid: number | null | undefined) => (tid == null ? null : { id: tid, name: names.get(tid) ?? `#${tid}` })
  const rows = listStoredAudit(db, { entity: 'repair_order', entityId: id, limit: 500 })
  const states = orderStatesFromAudit(current, rows)
  const entries: TimelineEntry[] = []
  for (const row of [...rows].reverse()) {
    const state = states.get(row.id)
    const before = (state?.before ?? null) as Snapshot | null
    const after = (state?.after ?? null) as Snapshot | null
    if (!after) continue
    const qcRecord = row.change.x?.qcRecord as Record<string, unknown> | undefined
    const qc =
      qcRecord && qcRecord.repairOrderId === id
        ? {
            recordId: qcRecord.id as number,
            attempt: qcRecord.attempt as number,
            result: qcRecord.result as 'pass' | 'fail',
            meaning: qcRecord.meaning as { en: string; zh: string },
            comebackCause: (qcRecord.comebackCause as string | null) ?? null
          }
        : undefined
    entries.push({
      auditId: row.id,
      at: new Date(row.at).toISOString(),
      who: qc ? String(qcRecord?.inspector) : row.actor,
      command: row.command,
      kind: kindOf(row.command, before, after),
      statusFrom: before?.status ?? null,
      statusTo: after.status,
      technicianFrom: tech(before?.technicianId),
      technicianTo: tech(after.technicianId),
      ...(qc ? { qc } : {})
    })
  }
  return entries
}
