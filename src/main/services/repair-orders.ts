import type { Database } from 'better-sqlite3'
import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import { holdsCurrentSlot, isMovable, nextStatus, type RepairOrderEvent } from '../../shared/domain/repair-order-status'
import { skillGaps } from '../../shared/domain/skill-match'
import type { RepairOrder, Technician } from '../../shared/domain/types'
import { emptyFlags } from '../../shared/domain/types'
import { roundHours } from '../../shared/domain/labour'
import { placeInQueue } from '../../shared/domain/queue-slot'
import {
  currentOf,
  findIdByRoNumber,
  getRepairOrder,
  insertRepairOrder,
  queueOf,
  queueWithPositions,
  setPlacement,
  updateRepairOrderDetails,
  writeQueue,
  type RepairOrderRecord
} from '../db/repair-orders.repo'
import { getSkill } from '../db/skills.repo'
import { closeSegment } from '../db/clock.repo'
import { closeStoppage } from '../db/stoppages.repo'
import { getTechnician } from '../db/technicians.repo'
import type { Tx } from './tx'

type Fields = ParsedArgs<'repair-order-create'>

export function requireOrder(db: Database, id: number): RepairOrder {
  const order = getRepairOrder(db, id)
  if (!order) throw new AppError('NOT_FOUND', { entity: 'repair_order', id })
  return order
}

export function requireTechnician(db: Database, id: number): Technician {
  const t = getTechnician(db, id)
  if (!t) throw new AppError('NOT_FOUND', { entity: 'technician', id })
  return t
}

function toRecord(db: Database, f: Fields): RepairOrderRecord {
  for (const line of f.jobLines) {
    if (!getSkill(db, line.skill)) throw new AppError('UNKNOWN_SKILL', { skill: line.skill })
  }
  return {
    roNumber: f.roNumber,
    plate: f.plate.toUpperCase(),
    vin: f.vin ? f.vin : null,
    model: f.model,
    customerName: f.customerName,
    customerPhone: f.customerPhone,
    serviceAdvisor: f.serviceAdvisor,
    promisedAt: Date.parse(f.promisedAt),
    partsReady: f.partsReady ?? true,
    flags: { ...emptyFlags(), ...f.flags },
    notes: f.notes ?? '',
    jobLines: f.jobLines.map((l) => ({ ...l, hours: roundHours(l.hours) }))
  }
}

/** Refuses a move the state machine does not allow, naming the order, its status and the move. */
export function transition(order: RepairOrder, event: RepairOrderEvent) {
  const r = nextStatus(order, event)
  if (!r.ok) throw new AppError('ILLEGAL_TRANSITION', { roNumber: order.roNumber, status: order.status, event: event.type })
  return r.to
}

function assertQualified(order: Pick<RepairOrder, 'roNumber' | 'jobLines'>, tech: Technician): void {
  const gaps = skillGaps(tech.skills, order.jobLines)
  if (gaps.length > 0) {
    throw new AppError('NOT_QUALIFIED', {
      technician: tech.name,
      roNumber: order.roNumber,
      gaps: JSON.stringify(gaps)
    })
  }
}

export function createRepairOrder(tx: Tx, f: Fields): RepairOrder {
  if (findIdByRoNumber(tx.db, f.roNumber) !== undefined) throw new AppError('DUPLICATE_RO_NUMBER', { roNumber: f.roNumber })
  const id = insertRepairOrder(tx.db, toRecord(tx.db, f), tx.now)
  tx.touchOrder(id, true)
  return requireOrder(tx.db, id)
}

export function updateRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-update'>): RepairOrder {
  const { id, version, ...f } = args
  const order = requireOrder(tx.db, id)
  const other = findIdByRoNumber(tx.db, f.roNumber)
  if (other !== undefined && other !== id) throw new AppError('DUPLICATE_RO_NUMBER', { roNumber: f.roNumber })
  if (order.status === 'delivered' || order.status === 'cancelled') {
    throw new AppError('ILLEGAL_TRANSITION', { roNumber: order.roNumber, status: order.status, event: 'update' })
  }
  const record = toRecord(tx.db, f)
  // model.md: a queued or assigned order's technician must keep every skill its lines need
  if (order.technicianId !== null && (order.status === 'queued' || order.status === 'assigned')) {
    assertQualified({ roNumber: record.roNumber, jobLines: record.jobLines }, requireTechnician(tx.db, order.technicianId))
  }
  tx.touchOrder(id)
  if (!updateRepairOrderDetails(tx.db, id, version, record, tx.now)) throw new AppError('STALE', { entity: 'repair_order' })
  return requireOrder(tx.db, id)
}

/** Moves the head of a technician's queue into their free current slot (queued -> assigned). */
export function fillCurrentSlot(tx: Tx, technicianId: number): void {
  if (currentOf(tx.db, technicianId) !== undefined) return
  const [head] = queueOf(tx.db, technicianId)
  if (head === undefined) return
  const order = requireOrder(tx.db, head)
  const to = transition(order, { type: 'promote' })
  tx.touchOrder(head)
  // the rest of the queue keeps its positions: ranks, not places (shared/domain/queue-slot.ts)
  setPlacement(tx.db, head, { status: to.status, technicianId, queuePosition: null, parked: false }, tx.now)
}

/**
 * Puts order `id` in the technician's queue at index `at` (of the queue's other orders, front
 * first): it takes a queue position between its new neighbours, so only its own row is written.
 * When the neighbours leave no room, the other orders are spaced out again here (only their queue
 * positions change: commit re-reads just their placement).
 */
export function queueOrderAt(
  tx: Tx,
  technicianId: number,
  id: number,
  at: number,
  queue: readonly { id: number; position: number }[] = queueWithPositions(tx.db, technicianId)
): void {
  const { position, moved } = placeInQueue(
    queue.filter((q) => q.id !== id),
    id,
    at
  )
  if (moved.length > 0) {
    tx.touchOrders(
      moved.map(([x]) => x),
      { placementOnly: true }
    )
    writeQueue(tx.db, technicianId, moved, tx.now)
  }
  setPlacement(tx.db, id, { status: 'queued', technicianId, queuePosition: position, parked: false }, tx.now)
}

/** Takes a queued or assigned order off its lane back to the pool; the next job moves up when it held the slot. */
function leaveLane(tx: Tx, order: RepairOrder): void {
  const to = transition(order, { type: 'unassign' })
  const technicianId = order.technicianId
  tx.touchOrder(order.id)
  setPlacement(tx.db, order.id, { status: to.status, technicianId: null, queuePosition: null, parked: false }, tx.now)
  if (technicianId === null) return
  // a queued order leaves no gap to close: the others keep their ranks
  if (holdsCurrentSlot(order)) fillCurrentSlot(tx, technicianId)
}

/**
 * A drop on a lane: a free technician gets the order as current order, a busy one gets it in
 * their next-job queue at `position` (default: the end). A drop within the same queue reorders.
 */
export function assignRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-assign'>): RepairOrder {
  let order = requireOrder(tx.db, args.id)
  const tech = requireTechnician(tx.db, args.technicianId)
  if (!isMovable(order)) throw new AppError('NOT_MOVABLE', { roNumber: order.roNumber, status: order.status })
  if (!tech.active) throw new AppError('TECHNICIAN_INACTIVE', { technician: tech.name })
  assertQualified(order, tech)

  if (order.technicianId === tech.id) {
    // Same lane: only the queue can be reordered; the current order stays put.
    if (order.status !== 'queued') return order
    const queue = queueWithPositions(tx.db, tech.id)
    const at = Math.min(args.position ?? queue.length - 1, queue.length - 1)
    if (queue.findIndex((q) => q.id === order.id) === at) return order
    tx.touchOrders([order.id], { placementOnly: true })
    queueOrderAt(tx, tech.id, order.id, at, queue)
    return requireOrder(tx.db, order.id)
  }

  if (order.status !== 'waiting') {
    // From another lane: back through the pool (queued/assigned -> waiting -> this lane).
    leaveLane(tx, order)
    order = requireOrder(tx.db, order.id)
  }
  const slotFree = currentOf(tx.db, tech.id) === undefined
  const to = transition(order, { type: 'assign', slotFree })
  tx.touchOrder(order.id)
  if (to.status === 'assigned') {
    setPlacement(tx.db, order.id, { status: 'assigned', technicianId: tech.id, queuePosition: null, parked: false }, tx.now)
  } else {
    queueOrderAt(tx, tech.id, order.id, args.position ?? Number.MAX_SAFE_INTEGER)
  }
  return requireOrder(tx.db, order.id)
}

/** Dragged back to the dispatch pool. */
export function unassignRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-unassign'>): RepairOrder {
  const order = requireOrder(tx.db, args.id)
  if (order.status === 'waiting') return order
  if (!isMovable(order)) throw new AppError('NOT_MOVABLE', { roNumber: order.roNumber, status: order.status })
  leaveLane(tx, order)
  return requireOrder(tx.db, order.id)
}

/** Withdrawn by the customer, with a reason; frees the technician's slot or queue place. */
export function cancelRepairOrder(tx: Tx, args: ParsedArgs<'repair-order-cancel'>): RepairOrder {
  const order = requireOrder(tx.db, args.id)
  const to = transition(order, { type: 'cancel' })
  tx.touchOrder(order.id)
  setPlacement(
    tx.db,
    order.id,
    { status: to.status, technicianId: order.technicianId, queuePosition: null, parked: false, cancelReason: args.reason },
    tx.now
  )
  // a cancelled order stops accruing labour and leaves the stoppage list
  closeSegment(tx.db, order.id, tx.now)
  closeStoppage(tx.db, order.id, tx.now)
  // a queued order leaves no gap to close: the others keep their ranks
  if (order.technicianId !== null && holdsCurrentSlot(order)) fillCurrentSlot(tx, order.technicianId)
  return requireOrder(tx.db, order.id)
}
