import type { Database } from 'better-sqlite3'
import type { RepairOrder, RepairOrderStatus } from '../../shared/domain/types'
import { listAudit } from '../db/audit.repo'
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

/** The order's timeline, oldest first, from the append-only audit log (who, when, what). */
export function repairOrderHistory(db: Database, id: number): TimelineEntry[] {
  requireOrder(db, id)
  const names = new Map(listTechnicians(db).map((t) => [t.id, t.name]))
  const tech = (tid: number | null | undefined) => (tid == null ? null : { id: tid, name: names.get(tid) ?? `#${tid}` })
  const key = String(id)
  const entries: TimelineEntry[] = []
  for (const row of listAudit(db, { entity: 'repair_order', entityId: id, limit: 500 }).reverse()) {
    const before = ((row.before as { repairOrders?: Record<string, Snapshot | null> }).repairOrders ?? {})[key] ?? null
    const after = ((row.after as { repairOrders?: Record<string, Snapshot> }).repairOrders ?? {})[key]
    if (!after) continue
    const qcRecord = (row.after as { qcRecord?: Record<string, unknown> }).qcRecord
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
      at: row.at,
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
