import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import type { RepairOrderEvent } from '../../shared/domain/repair-order-status'
import type { RepairOrder, StoppageDetails } from '../../shared/domain/types'
import { closeSegment, editSegment, getSegment, insertTechnicianReport, listSegments, openSegment, type ClockSegment } from '../db/clock.repo'
import { currentOf, setPlacement } from '../db/repair-orders.repo'
import { closeStoppage, openStoppage } from '../db/stoppages.repo'
import { fillCurrentSlot, queueOrderAt, requireOrder, transition } from './repair-orders'
import type { QueryContext } from './handlers'
import type { Tx } from './tx'

/** An order on a lane always has a technician; a missing one means the data is broken, not the request. */
function technicianOf(order: RepairOrder): number {
  if (order.technicianId === null) throw new Error(`order ${order.id} (${order.status}) has no technician`)
  return order.technicianId
}

/**
 * The common first half of every clock command: the order, its next status by the state machine
 * (refused with ILLEGAL_TRANSITION otherwise), its technician, and the audit snapshot taken.
 */
function begin(tx: Tx, id: number, event: RepairOrderEvent) {
  const order = requireOrder(tx.db, id)
  const to = transition(order, event)
  const technicianId = technicianOf(order)
  tx.touchOrder(order.id)
  return { order, to, technicianId }
}

/** Normalises parsed stoppage details into the stored shape (optional fields made explicit). */
export function toStoppageDetails(d: ParsedArgs<'repair-order-pause'>['stoppage']): StoppageDetails {
  switch (d.kind) {
    case 'parts':
      return { kind: 'parts', parts: d.parts, expectedArrivalAt: d.expectedArrivalAt ? new Date(d.expectedArrivalAt).toISOString() : null }
    case 'sublet':
      return { kind: 'sublet', vendor: d.vendor, workSent: d.workSent, expectedReturnAt: new Date(d.expectedReturnAt).toISOString() }
    case 'approval':
      return { kind: 'approval', note: d.note ?? '' }
    case 'tools':
      return { kind: 'tools', equipment: d.equipment }
    case 'other':
      return { kind: 'other', text: d.text }
  }
}

/** assigned -> in progress: the technician's current order starts and its clock runs. */
export function startRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-start'>): RepairOrder {
  const { order, to, technicianId } = begin(tx, args.id, { type: 'start' })
  setPlacement(tx.db, order.id, { status: to.status, technicianId, queuePosition: null, parked: false }, tx.now)
  openSegment(tx.db, order.id, technicianId, tx.now)
  return requireOrder(tx.db, order.id)
}

/** in progress -> stopped: the clock stops and a stoppage with its reason opens. */
export function pauseRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-pause'>): RepairOrder {
  const { order, to, technicianId } = begin(tx, args.id, { type: 'pause' })
  setPlacement(tx.db, order.id, { status: to.status, technicianId, queuePosition: null, parked: false }, tx.now)
  closeSegment(tx.db, order.id, tx.now)
  openStoppage(tx.db, { repairOrderId: order.id, technicianId, details: toStoppageDetails(args.stoppage), startedBy: tx.caller.actor }, tx.now)
  return requireOrder(tx.db, order.id)
}

/**
 * The stoppage ends: a stopped order in the technician's slot goes back to work (its clock runs
 * again); a parked one returns to the front of its technician's queue and moves up at once if
 * their slot is free.
 */
export function resumeRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-resume'>): RepairOrder {
  const { order, to, technicianId } = begin(tx, args.id, { type: 'resume' })
  closeStoppage(tx.db, order.id, tx.now)
  if (to.status === 'in_progress') {
    setPlacement(tx.db, order.id, { status: 'in_progress', technicianId, queuePosition: null, parked: false }, tx.now)
    openSegment(tx.db, order.id, technicianId, tx.now)
  } else {
    queueOrderAt(tx, technicianId, order.id, 0)
    fillCurrentSlot(tx, technicianId)
  }
  return requireOrder(tx.db, order.id)
}

/** stopped -> parked: the order keeps its technician and stoppage but frees their slot for the next job. */
export function parkRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-park'>): RepairOrder {
  const { order, to, technicianId } = begin(tx, args.id, { type: 'park' })
  setPlacement(tx.db, order.id, { status: to.status, technicianId, queuePosition: null, parked: to.parked }, tx.now)
  fillCurrentSlot(tx, technicianId)
  return requireOrder(tx.db, order.id)
}

/** in progress -> awaiting QC with the technician's report; the clock stops and the next job moves up. */
export function finishRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-finish'>): RepairOrder {
  const { order, to, technicianId } = begin(tx, args.id, { type: 'finish' })
  setPlacement(tx.db, order.id, { status: to.status, technicianId, queuePosition: null, parked: false }, tx.now)
  closeSegment(tx.db, order.id, tx.now)
  insertTechnicianReport(tx.db, { repairOrderId: order.id, technicianId, ...args.report, writtenBy: tx.caller.actor }, tx.now)
  if (currentOf(tx.db, technicianId) === undefined) fillCurrentSlot(tx, technicianId)
  return requireOrder(tx.db, order.id)
}

export function listClockSegments(ctx: QueryContext, args: ParsedArgs<'clock-segment-list'>): ClockSegment[] {
  requireOrder(ctx.db, args.id)
  return listSegments(ctx.db, args.id)
}

/**
 * The dispatcher corrects a clock segment, with a reason: the end comes after the start, nothing
 * lies in the future, segments of one order never overlap, and the running one stays open.
 * The audit row carries the segment before and after and the reason.
 */
export function editClockSegment(tx: Tx, args: ParsedArgs<'clock-segment-edit'>): ClockSegment {
  const seg = getSegment(tx.db, args.segmentId)
  if (!seg) throw new AppError('NOT_FOUND', { entity: 'clock_segment', id: args.segmentId })
  const startedAt = Date.parse(args.startedAt)
  const endedAt = args.endedAt ? Date.parse(args.endedAt) : null
  const problem = (p: string) => new AppError('CLOCK_EDIT_INVALID', { problem: p })
  if (seg.endedAt === null && endedAt !== null) throw problem('running')
  if (seg.endedAt !== null && endedAt === null) throw problem('closed')
  if (endedAt !== null && endedAt <= startedAt) throw problem('order')
  if (startedAt > tx.now || (endedAt ?? 0) > tx.now) throw problem('future')
  const end = endedAt ?? tx.now
  for (const other of listSegments(tx.db, seg.repairOrderId)) {
    if (other.id === seg.id) continue
    const os = Date.parse(other.startedAt)
    const oe = other.endedAt ? Date.parse(other.endedAt) : tx.now
    if (startedAt < oe && os < end) throw problem('overlap')
  }
  tx.touchOrder(seg.repairOrderId)
  editSegment(tx.db, seg.id, startedAt, endedAt, args.reason, tx.now)
  const after = getSegment(tx.db, seg.id) as ClockSegment
  tx.extraAudit.clockSegment = { before: seg, after, reason: args.reason }
  return after
}
