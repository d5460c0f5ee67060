import type { RepairOrder } from './types'

type PoolKey = Pick<RepairOrder, 'flags' | 'promisedAt' | 'roNumber'>

/** Dispatch priority class (domain.md): 0 comeback, 1 waiting customer, 2 every other order. */
export function poolRank(o: Pick<RepairOrder, 'flags'>): number {
  return o.flags.comeback ? 0 : o.flags.waitingCustomer ? 1 : 2
}

/**
 * Dispatch-pool order (domain.md: comeback and waiting customers come first):
 * comebacks, then waiting customers, then the earliest promised delivery, then RO number.
 */
export function comparePoolOrder(a: PoolKey, b: PoolKey): number {
  return (
    poolRank(a) - poolRank(b) ||
    Date.parse(a.promisedAt) - Date.parse(b.promisedAt) ||
    a.roNumber.localeCompare(b.roNumber)
  )
}

/** Total flat-rate labour hours of an order's job lines, rounded to 0.1 h. */
export function totalHours(jobLines: readonly { hours: number }[]): number {
  return Math.round(jobLines.reduce((sum, l) => sum + l.hours, 0) * 10) / 10
}
