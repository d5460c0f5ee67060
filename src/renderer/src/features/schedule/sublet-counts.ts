import type { RepairOrder } from '../../../../shared/domain/types'
import { changedOrderIdsBetween } from '../../store/board-state'

// The open sublets of the last orders record seen (id -> expected return, NaN when none given),
// kept up to date from the orders that changed: the selector runs on every store update, and a
// walk over all 2,000 orders on every drop cost about 1 ms of the drop's task (issue 5).
let subletsOf: { orders: Readonly<Record<number, RepairOrder>>; open: Map<number, number>; now: number; counts: number } | null = null
const expectedBack = (o: RepairOrder | undefined): number | undefined => {
  const st = o?.openStoppage
  return st?.kind === 'sublet' ? (st.expectedEndAt ? Date.parse(st.expectedEndAt) : NaN) : undefined
}
/** Open sublets * 10,000 + the overdue ones among them, as one number for a cheap selector. */
export function subletCounts(orders: Readonly<Record<number, RepairOrder>>, now: number): number {
  const prev = subletsOf
  if (prev?.orders === orders && prev.now === now) return prev.counts
  let open = prev?.orders === orders ? prev.open : null
  const changed = prev && !open ? changedOrderIdsBetween(prev.orders, orders) : null
  if (prev && changed) {
    open = new Map(prev.open)
    for (const id of changed) {
      const back = expectedBack(orders[id])
      if (back === undefined) open.delete(id)
      else open.set(id, back)
    }
  }
  if (!open) {
    open = new Map()
    for (const o of Object.values(orders)) {
      const back = expectedBack(o)
      if (back !== undefined) open.set(o.id, back)
    }
  }
  let overdue = 0
  for (const back of open.values()) if (back < now) overdue++
  subletsOf = { orders, open, now, counts: open.size * 10_000 + overdue }
  return subletsOf.counts
}
