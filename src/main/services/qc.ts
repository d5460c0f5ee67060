import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import { nextStatus } from '../../shared/domain/repair-order-status'
import { evaluateChecklist, isRequired, type QcChecklistItem } from '../../shared/domain/qc-checklist'
import { qcPriorities, qcPriority, qcWaitMinutes, rankQcQueue } from '../../shared/domain/qc-priority'
import type { RepairOrder } from '../../shared/domain/types'
import {
  firstTimePassCounts,
  qcCounts,
  insertQcRecord,
  getQcRecord,
  listQcRecords,
  qcWaitSince,
  readChecklist,
  replaceChecklist,
  type QcRecord
} from '../db/qc.repo'
import { listOpenRepairOrders, setPlacement } from '../db/repair-orders.repo'
import { getTechnician } from '../db/technicians.repo'
import { findUserRowByUsername, getUserRow, listUsers } from '../db/users.repo'
import { checkPin } from './auth'
import { fillCurrentSlot, queueOrderAt, requireOrder } from './repair-orders'
import type { Tx } from './tx'

export interface QcQueueEntry {
  order: RepairOrder
  /** 1 (comeback) ... 10 (fault not found), 11 when none of the ten flags applies. */
  priority: number
  /** Every priority the order hits, ascending. */
  priorities: number[]
  /** When the order entered QC, UTC instant. */
  qcSince: string
  waitedMinutes: number
  technicianName: string | null
  /** Checklist item ids this order must have ticked for a pass. */
  requiredItemIds: string[]
}

/** Orders awaiting QC, riskiest first (shared/domain/qc-priority.ts), each with how long it has waited. */
export function qcQueue(db: Database, now: number): QcQueueEntry[] {
  const orders = listOpenRepairOrders(db).filter((o) => o.status === 'awaiting_qc')
  const since = qcWaitSince(
    db,
    orders.map((o) => o.id)
  )
  const template = readChecklist(db)
  const ranked = rankQcQueue(
    orders.map((o) => ({ ...o, qcSince: new Date(since.get(o.id) ?? Date.parse(o.updatedAt)).toISOString() }))
  )
  return ranked.map(({ qcSince, ...order }) => ({
    order,
    priority: qcPriority(order.flags),
    priorities: qcPriorities(order.flags),
    qcSince,
    waitedMinutes: qcWaitMinutes(qcSince, now),
    technicianName: order.technicianId === null ? null : (getTechnician(db, order.technicianId)?.name ?? null),
    requiredItemIds: template.filter((i) => isRequired(i, order.flags)).map((i) => i.id)
  }))
}

export interface QcSummary {
  /** Cars waiting for QC, and the longest wait in whole minutes (null when none wait). */
  awaiting: number
  oldestWaitMinutes: number | null
  /** Cars that passed QC and wait for delivery. */
  ready: number
  /** Delivered orders and how many of them passed QC the first time (first-time-fix figure). */
  delivered: number
  firstTimePass: number
}

/** The counts the board shows next to the lanes: QC backlog, its oldest wait, and first-time passes. */
export function qcSummary(db: Database, now: number): QcSummary {
  const c = qcCounts(db)
  return {
    awaiting: c.awaiting,
    oldestWaitMinutes: c.oldestSince === null ? null : qcWaitMinutes(new Date(c.oldestSince).toISOString(), now),
    ready: c.ready,
    ...firstTimePassCounts(db)
  }
}

export function getChecklist(db: Database): QcChecklistItem[] {
  return readChecklist(db)
}

export function updateChecklist(tx: Tx, a: ParsedArgs<'qc-checklist-update'>): QcChecklistItem[] {
  const before = readChecklist(tx.db)
  replaceChecklist(tx.db, a.items)
  const after = readChecklist(tx.db)
  tx.extraAudit.qcChecklist = { before, after }
  return after
}

export function qcRecords(db: Database, repairOrderId: number): QcRecord[] {
  requireOrder(db, repairOrderId)
  return listQcRecords(db, repairOrderId)
}

export interface SignOffResult {
  order: RepairOrder
  record: QcRecord
}

/**
 * The QC gate (model.md): a named inspector confirms with their PIN. A pass needs every required
 * checklist item and moves the order to ready; a fail (reason + comeback cause) sends it back to
 * the same technician as rework at the top of their queue. Either way an immutable record is written.
 */
export function signOff(tx: Tx, a: ParsedArgs<'qc-sign-off'>): SignOffResult {
  const order = requireOrder(tx.db, a.id)
  // Before the PIN too (recordSignOff checks again for its other caller): an order not awaiting QC
  // is refused as such, and costs no PIN attempt.
  requireSignable(order, a.result)

  const candidate = a.inspectorUserId !== undefined ? getUserRow(tx.db, a.inspectorUserId) : findUserRowByUsername(tx.db, a.username ?? '')
  // The PIN first: whether a user is an inspector is not told to someone who cannot sign as them.
  const inspector = checkPin(tx.db, candidate, a.pin, tx.now)
  if (inspector.role !== 'qc_inspector') throw new AppError('NOT_INSPECTOR', { name: inspector.name })
  return recordSignOff(tx, order, inspector, a)
}

/** Only an order awaiting QC can be signed off (model.md's arrows). */
function requireSignable(order: RepairOrder, result: 'pass' | 'fail'): void {
  const event = result === 'pass' ? ('qc-pass' as const) : ('qc-fail' as const)
  if (!nextStatus(order, { type: event }).ok) throw new AppError('ILLEGAL_TRANSITION', { roNumber: order.roNumber, status: order.status, event })
}

/** What a sign-off says once its inspector is known: result, ticked items, and a fail's reason and cause. */
export type SignOffDecision = Pick<ParsedArgs<'qc-sign-off'>, 'result' | 'checkedItemIds' | 'failReason' | 'comebackCause'>

/**
 * The sign-off after the inspector's PIN was checked (signOff), or for the demo's past days
 * (demo-history.ts, server-side seeding, never a command): the checklist, the record and the move.
 */
export function recordSignOff(tx: Tx, order: RepairOrder, inspector: { id: number; name: string }, a: SignOffDecision): SignOffResult {
  requireSignable(order, a.result)
  const check = evaluateChecklist(readChecklist(tx.db), order.flags, a.checkedItemIds)
  if (check.unknownIds.length) throw new AppError('QC_UNKNOWN_ITEM', { items: check.unknownIds.join(', ') })
  if (a.result === 'pass' && check.missingRequired.length) {
    const missing = check.lines.filter((l) => l.required && !l.checked)
    throw new AppError('QC_INCOMPLETE', {
      roNumber: order.roNumber,
      itemsEn: missing.map((l) => l.labelEn).join('; '),
      itemsZh: missing.map((l) => l.labelZh).join('；')
    })
  }
  const technicianId = order.technicianId as number
  const reason = a.failReason ?? ''
  // Written before the status moves: the database's own gate (migration 003) checks for this pass.
  const recordId = insertQcRecord(tx.db, {
    repairOrderId: order.id,
    result: a.result,
    inspectorUserId: inspector.id,
    inspectorName: inspector.name,
    signedAt: tx.now,
    meaningEn: a.result === 'pass' ? 'QC passed' : `QC failed: ${reason}`,
    meaningZh: a.result === 'pass' ? '质检合格' : `质检不合格：${reason}`,
    failReason: a.result === 'fail' ? reason : null,
    comebackCause: a.result === 'fail' ? (a.comebackCause ?? null) : null,
    technicianId,
    checklist: check.lines
  })
  tx.touchOrder(order.id)
  if (a.result === 'pass') {
    setPlacement(tx.db, order.id, { status: 'ready', technicianId, queuePosition: null, parked: false }, tx.now)
  } else {
    // Rework goes to the same technician, ahead of every other queued job.
    queueOrderAt(tx, technicianId, order.id, 0)
    fillCurrentSlot(tx, technicianId)
  }
  const record = getQcRecord(tx.db, recordId) as QcRecord
  tx.extraAudit.qcRecord = {
    id: record.id,
    repairOrderId: order.id,
    attempt: record.attempt,
    result: record.result,
    inspector: record.inspectorName,
    meaning: record.meaning,
    comebackCause: record.comebackCause
  }
  return { order: requireOrder(tx.db, order.id), record }
}

/** Who can sign QC: active inspectors by name, for the tablet's or the dispatcher's sign-off picker. */
export function listInspectors(db: Database): { id: number; name: string; username: string }[] {
  return listUsers(db)
    .filter((u) => u.active && u.role === 'qc_inspector')
    .map(({ id, name, username }) => ({ id, name, username }))
}
