import { create } from 'zustand'
import type { QcChecklistItem } from '../../../../shared/domain/qc-checklist'
import { call } from '../../api/client'
import { changedOrderIdsBetween } from '../../store/board-state'
import { useBoard } from '../../store/board-store'
import { can, useSession } from '../auth/session-store'

export interface Inspector {
  id: number
  name: string
  username: string
}

/**
 * What the QC screens need beyond the board: when each car entered QC (the server keeps it in
 * qc_waits), the checklist template and who can sign. The orders themselves come from the
 * board store, which the live stream keeps current.
 */
interface QcStore {
  since: Record<number, string>
  checklist: QcChecklistItem[] | null
  inspectors: Inspector[] | null
}

export const useQc = create<QcStore>(() => ({ since: {}, checklist: null, inspectors: null }))

/** Reads queue times, checklist and inspectors, as far as this role may (the wall display may not). */
export async function loadQc(): Promise<void> {
  const role = useSession.getState().role
  if (!can(role, 'qc-queue')) return
  const [queue, checklist, inspectors] = await Promise.all([call('qc-queue', {}), call('qc-checklist-get', {}), call('qc-inspector-list', {})])
  useQc.setState({
    ...(queue.ok ? { since: Object.fromEntries(queue.result.map((e) => [e.order.id, e.qcSince])) } : {}),
    ...(checklist.ok ? { checklist: checklist.result } : {}),
    ...(inspectors.ok ? { inspectors: inspectors.result } : {})
  })
}

export async function reloadChecklist(): Promise<void> {
  const reply = await call('qc-checklist-get', {})
  if (reply.ok) useQc.setState({ checklist: reply.result })
}

// An order seen entering QC live gets its entry time now: its updatedAt is the finish, and a
// later edit while it waits must not reset how long it has waited.
useBoard.subscribe((s, prev) => {
  if (s.orders === prev.orders) return
  const since = useQc.getState().since
  let next: Record<number, string> | null = null
  // Only the orders that changed, when the board knows them (a live change); every order after a reload.
  const changed = changedOrderIdsBetween(prev.orders, s.orders)
  const orders = changed ? changed.map((id) => s.orders[id]).filter((o) => o !== undefined) : Object.values(s.orders)
  for (const o of orders) {
    if (o.status === 'awaiting_qc' && since[o.id] === undefined) {
      next ??= { ...since }
      next[o.id] = o.updatedAt
    } else if (o.status !== 'awaiting_qc' && since[o.id] !== undefined) {
      // Rework that comes back to QC later waits from its new finish, not from the first one.
      next ??= { ...since }
      delete next[o.id]
    }
  }
  if (next) useQc.setState({ since: next })
})
