import { isMovable } from '../../../../shared/domain/repair-order-status'
import { placeInQueue } from '../../../../shared/domain/queue-slot'
import { skillGaps, type SkillGap } from '../../../../shared/domain/skill-match'
import type { RepairOrder, RepairOrderStatus } from '../../../../shared/domain/types'
import { queueIndexOf, rederive, type BoardData } from '../../store/board-state'

/** Where a drag ended: the pool, a lane, or in front of a queued card of a lane. */
export type DropTarget =
  | { kind: 'pool' }
  | { kind: 'lane'; technicianId: number }
  | { kind: 'slot'; technicianId: number; orderId: number }

export type DropAction =
  | { type: 'none' }
  | { type: 'refuse'; technicianId: number; gaps: SkillGap[] }
  | { type: 'assign'; technicianId: number; position?: number }
  | { type: 'unassign' }

/** Where an order sat before a move, enough to put it back through legal commands. */
export interface Placement {
  status: RepairOrderStatus
  technicianId: number | null
  /** Its place in the lane's queue, 0 first (null when not queued). */
  queueIndex: number | null
}

export interface Move {
  orderId: number
  roNumber: string
  from: Placement
}

/** Technicians (active lanes) whose skills cover every job line of the order: computed once per drag. */
export function qualifiedLanes(board: BoardData, order: RepairOrder): Set<number> {
  const out = new Set<number>()
  for (const id of board.laneIds) {
    const t = board.technicians[id]
    if (t && skillGaps(t.skills, order.jobLines).length === 0) out.add(id)
  }
  return out
}

/**
 * Decides what a drop means before anything is sent: a drop on an unqualified lane is refused
 * on the spot (the server would refuse it too, with the same NOT_QUALIFIED reason), a drop
 * where the order already is does nothing.
 */
export function resolveDrop(board: BoardData, orderId: number, target: DropTarget | null): DropAction {
  const order = board.orders[orderId]
  if (!order || !target || !isMovable(order)) return { type: 'none' }
  if (target.kind === 'pool') return order.status === 'waiting' ? { type: 'none' } : { type: 'unassign' }
  const tech = board.technicians[target.technicianId]
  const lane = board.lanes[target.technicianId]
  if (!tech || !lane) return { type: 'none' }
  const gaps = skillGaps(tech.skills, order.jobLines)
  if (gaps.length > 0) return { type: 'refuse', technicianId: tech.id, gaps }
  const slotIndex = target.kind === 'slot' ? lane.queueIds.indexOf(target.orderId) : -1
  if (order.technicianId === tech.id) {
    // Same lane: only the queue reorders; the current order cannot be pushed back (no such arrow).
    if (order.status !== 'queued' || slotIndex < 0 || target.kind !== 'slot' || target.orderId === order.id) return { type: 'none' }
    return { type: 'assign', technicianId: tech.id, position: slotIndex }
  }
  return slotIndex >= 0 ? { type: 'assign', technicianId: tech.id, position: slotIndex } : { type: 'assign', technicianId: tech.id }
}

export type UndoPlan =
  | { command: 'repair-order-unassign'; args: { id: number }; frontOfQueue: false }
  | { command: 'repair-order-assign'; args: { id: number; technicianId: number; position?: number }; frontOfQueue: boolean }

/**
 * The legal way back for the last move. Back to the pool is an un-assign; back to a lane is an
 * assign at the old place. assigned -> queued is no arrow of the model, so when the old current
 * slot was filled meanwhile the order goes to the front of that technician's queue instead.
 */
export function planUndo(board: BoardData, move: Move): UndoPlan | null {
  const order = board.orders[move.orderId]
  if (!order || !isMovable(order)) return null
  const { from } = move
  if (from.status === 'waiting' || from.technicianId === null) {
    return order.status === 'waiting' ? null : { command: 'repair-order-unassign', args: { id: order.id }, frontOfQueue: false }
  }
  const lane = board.lanes[from.technicianId]
  if (!lane) return null
  if (from.status === 'assigned') {
    if (order.technicianId === from.technicianId && order.status === 'assigned') return null
    const slotTaken = lane.currentId !== null && lane.currentId !== order.id
    return slotTaken
      ? { command: 'repair-order-assign', args: { id: order.id, technicianId: from.technicianId, position: 0 }, frontOfQueue: true }
      : { command: 'repair-order-assign', args: { id: order.id, technicianId: from.technicianId }, frontOfQueue: false }
  }
  return {
    command: 'repair-order-assign',
    args: { id: order.id, technicianId: from.technicianId, position: from.queueIndex ?? 0 },
    frontOfQueue: false
  }
}

/**
 * The board as the server will leave it after the action, shown at once while the command
 * runs. It mirrors the service's rules (free slot -> current, else queue; the head of the queue
 * moves up when the current order leaves) and keeps each record's row version, so the
 * server's records, which always carry a higher version, replace these copies.
 */
export function applyOptimistic(board: BoardData, orderId: number, action: DropAction): BoardData {
  const order = board.orders[orderId]
  if (!order || (action.type !== 'assign' && action.type !== 'unassign')) return board
  const orders = { ...board.orders }
  // Only the records written below change: the board re-derives just their lanes (and the pool).
  const changed: number[] = [orderId]
  const put = (o: RepairOrder) => {
    orders[o.id] = o
    changed.push(o.id)
  }
  const laneOf = (technicianId: number) => board.lanes[technicianId] ?? { currentId: null, queueIds: [] as number[] }
  // The order's place in a queue, as the station will choose it (shared/domain/queue-slot.ts):
  // between its new neighbours, the others spaced out again only when they leave no room.
  const queueAt = (technicianId: number, at: number | undefined): number => {
    const others = laneOf(technicianId)
      .queueIds.filter((id) => id !== orderId)
      .map((id) => ({ id, position: orders[id].queuePosition ?? 0 }))
    const { position, moved } = placeInQueue(others, orderId, at ?? others.length)
    for (const [id, p] of moved) put({ ...orders[id], queuePosition: p })
    return position
  }

  if (action.type === 'assign' && order.technicianId === action.technicianId) {
    const queue = laneOf(action.technicianId).queueIds
    const at = Math.min(action.position ?? queue.length - 1, queue.length - 1)
    if (order.status !== 'queued' || queue.indexOf(orderId) === at) return board
    orders[orderId] = { ...order, queuePosition: queueAt(action.technicianId, at) }
    return { ...board, orders, ...rederive(board, board.technicians, orders, changed) }
  }

  // Leave the old lane (if any): the head of the queue moves up into a freed slot; a queued
  // order leaves no gap to close (positions are ranks).
  if (order.technicianId !== null && order.status !== 'waiting') {
    const old = laneOf(order.technicianId)
    const head = old.queueIds.find((id) => id !== orderId)
    if (old.currentId === orderId && head !== undefined) put({ ...orders[head], status: 'assigned', queuePosition: null })
  }
  if (action.type === 'unassign') {
    put({ ...order, status: 'waiting', technicianId: null, queuePosition: null, parked: false })
  } else {
    const target = laneOf(action.technicianId)
    if (target.currentId === null) {
      put({ ...order, status: 'assigned', technicianId: action.technicianId, queuePosition: null, parked: false })
    } else {
      const position = queueAt(action.technicianId, action.position)
      put({ ...order, status: 'queued', technicianId: action.technicianId, queuePosition: position, parked: false })
    }
  }
  return { ...board, orders, ...rederive(board, board.technicians, orders, changed) }
}

/** Where the order stands on `board`, its queue place included. */
export function placementOf(board: BoardData, o: RepairOrder): Placement {
  return { status: o.status, technicianId: o.technicianId, queueIndex: queueIndexOf(board, o) }
}
