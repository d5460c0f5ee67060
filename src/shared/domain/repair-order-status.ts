import type { RepairOrderStatus } from './types'

/**
 * The repair order's life on the board (shared/model.md). Every state change in the
 * product goes through `nextStatus`; anything not listed here is refused.
 */
export type RepairOrderEvent =
  /** A drop on a qualified lane; `slotFree` says whether the lane's current slot is empty. */
  | { type: 'assign'; slotFree: boolean }
  /** The technician's current order left the slot: the head of their queue moves up. */
  | { type: 'promote' }
  /** Dragged back to the dispatch pool. */
  | { type: 'unassign' }
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  /** The dispatcher frees the technician while the stoppage runs (stopped -> parked). */
  | { type: 'park' }
  | { type: 'finish' }
  | { type: 'qc-pass' }
  | { type: 'qc-fail' }
  | { type: 'deliver' }
  | { type: 'cancel' }

export interface StatusPosition {
  status: RepairOrderStatus
  parked: boolean
}

export type TransitionResult =
  | { ok: true; to: StatusPosition }
  | { ok: false; from: RepairOrderStatus; event: RepairOrderEvent['type'] }

const refuse = (from: StatusPosition, event: RepairOrderEvent): TransitionResult => ({
  ok: false,
  from: from.status,
  event: event.type
})
const to = (status: RepairOrderStatus, parked = false): TransitionResult => ({
  ok: true,
  to: { status, parked }
})

/** Statuses in which an order occupies its technician's one current slot (unless parked). */
export const CURRENT_SLOT_STATUSES: readonly RepairOrderStatus[] = ['assigned', 'in_progress', 'stopped']

/** Statuses that are still on the board (not delivered, not cancelled). */
export const OPEN_STATUSES: readonly RepairOrderStatus[] = [
  'waiting',
  'queued',
  'assigned',
  'in_progress',
  'stopped',
  'awaiting_qc',
  'ready'
]

/** Whether the order holds its technician's current slot: assigned, in progress, or stopped and not parked. */
export function holdsCurrentSlot(o: StatusPosition): boolean {
  return o.status === 'assigned' || o.status === 'in_progress' || (o.status === 'stopped' && !o.parked)
}

/** Whether the dispatcher may still move the order between the pool and lanes by dragging. */
export function isMovable(o: StatusPosition): boolean {
  return o.status === 'waiting' || o.status === 'queued' || o.status === 'assigned'
}

/**
 * The only arrows of model.md: returns the next status for an event, or a refusal.
 * A parked order whose stoppage ends ("resume") returns to the front of its technician's
 * queue rather than to work, since the technician has moved on to another job.
 */
export function nextStatus(from: StatusPosition, event: RepairOrderEvent): TransitionResult {
  const s = from.status
  switch (event.type) {
    case 'assign':
      return s === 'waiting' ? to(event.slotFree ? 'assigned' : 'queued') : refuse(from, event)
    case 'promote':
      return s === 'queued' ? to('assigned') : refuse(from, event)
    case 'unassign':
      return s === 'queued' || s === 'assigned' ? to('waiting') : refuse(from, event)
    case 'start':
      return s === 'assigned' ? to('in_progress') : refuse(from, event)
    case 'pause':
      return s === 'in_progress' ? to('stopped') : refuse(from, event)
    case 'resume':
      if (s !== 'stopped') return refuse(from, event)
      return from.parked ? to('queued') : to('in_progress')
    case 'park':
      return s === 'stopped' && !from.parked ? to('stopped', true) : refuse(from, event)
    case 'finish':
      return s === 'in_progress' ? to('awaiting_qc') : refuse(from, event)
    case 'qc-pass':
      return s === 'awaiting_qc' ? to('ready') : refuse(from, event)
    case 'qc-fail':
      return s === 'awaiting_qc' ? to('queued') : refuse(from, event)
    case 'deliver':
      return s === 'ready' ? to('delivered') : refuse(from, event)
    case 'cancel':
      return s === 'delivered' || s === 'cancelled' ? refuse(from, event) : to('cancelled')
  }
}
