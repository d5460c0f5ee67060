import { beforeEach, describe, expect, it } from 'vitest'
import { fromSnapshot, type BoardData } from '../../../src/renderer/src/store/board-state'
import { useBoard } from '../../../src/renderer/src/store/board-store'
import { useDrag } from '../../../src/renderer/src/store/drag-store'
import { useUi } from '../../../src/renderer/src/store/ui-store'
import { poolOrderOf, recomputeRisk, sortPoolBySlack, useRisk } from '../../../src/renderer/src/features/schedule/risk-store'
import { computePreview } from '../../../src/renderer/src/features/schedule/drop-preview'
import type { OrderRisk } from '../../../src/shared/domain/risk'
import type { RepairOrder } from '../../../src/shared/domain/types'
import { comparePoolOrder, poolRank } from '../../../src/shared/domain/pool-order'
import { order, snapshot, tech } from './fixtures'

const NOW = Date.parse('2026-11-25T02:00:00.000Z') // Wednesday 10:00 in Shanghai
const at = (hhmm: string, day = '2026-11-25') => new Date(`${day}T${hhmm}:00+08:00`).toISOString()
const lines = (hours: number) => [{ description: 'job', skill: 'maintenance', minLevel: 1 as const, hours }]
const skilled = [{ skill: 'maintenance', level: 2 as const }]

function board(): BoardData {
  const b = fromSnapshot(
    snapshot(
      [tech(1, skilled), tech(2, skilled)],
      [
        // pool: 3 h promised at 10:30 cannot make it; 1 h promised tomorrow can
        order(1, { roNumber: 'RO-TIGHT', promisedAt: at('10:30'), jobLines: lines(3) }),
        order(2, { roNumber: 'RO-EASY', promisedAt: at('16:00', '2026-11-26') }),
        // lane of technician 1: current 2 h due 13:30, next job 1 h due 14:30
        order(3, { roNumber: 'RO-CUR', status: 'assigned', technicianId: 1, promisedAt: at('13:30'), jobLines: lines(2) }),
        order(4, { roNumber: 'RO-NEXT', status: 'queued', technicianId: 1, queuePosition: 0, promisedAt: at('14:30'), jobLines: lines(1) }),
        // waiting, 4 h, promised tomorrow: fine alone, but it would push RO-NEXT late
        order(5, { roNumber: 'RO-BIG', promisedAt: at('17:00', '2026-11-26'), jobLines: lines(4) })
      ]
    )
  )
  return {
    ...b,
    attendance: [{ technicianId: 2, date: '2026-11-25', kind: 'absent', leavesAt: null, shiftStart: null, shiftEnd: null, lunchStart: null, lunchEnd: null, note: '' }]
  }
}

beforeEach(() => {
  useRisk.setState({ now: 0, orders: new Map(), lanes: new Map(), attention: [] })
})

describe('risk of the board, computed in the renderer', () => {
  it('flags an order that cannot meet its promise and lists it for attention', () => {
    recomputeRisk(board(), NOW)
    const s = useRisk.getState()
    expect(s.orders.get(1)?.state).toBe('at_risk')
    expect(s.orders.get(1)?.reason).toBe('latest_start_passed')
    expect(s.orders.get(2)?.state).toBe('on_track')
    expect(s.attention.map((r) => r.orderId)).toEqual([1])
  })

  it('loads a lane with hours left today (shift − lunch − time gone) against the work on it', () => {
    recomputeRisk(board(), NOW)
    // 10:00-12:00 and 13:00-17:30 are left: 6.5 h; 2 h + 1 h on the lane
    expect(useRisk.getState().lanes.get(1)).toEqual({ availableHours: 6.5, assignedHours: 3, attendance: 'present', leavesAt: null })
    expect(useRisk.getState().lanes.get(2)).toMatchObject({ availableHours: 0, attendance: 'absent' })
  })

  it('keeps the risk object of an order whose risk did not change, so its card does not re-render', () => {
    const b = board()
    recomputeRisk(b, NOW)
    const before = useRisk.getState().orders
    const changed = { ...b, orders: { ...b.orders, 1: { ...b.orders[1], notes: 'edited' } } }
    recomputeRisk(changed, NOW)
    const after = useRisk.getState().orders
    expect(after.get(2)).toBe(before.get(2))
    expect(after.get(3)).toBe(before.get(3))
    expect(useRisk.getState().attention[0]).toBe(after.get(1))
  })
})

describe('the pool sorted by slack', () => {
  const r = (orderId: number, slackMinutes: number | null) => ({ orderId, slackMinutes }) as OrderRisk
  it('puts the least slack first and unknown slack before everything', () => {
    const b = board()
    const risk = new Map([
      [1, r(1, -120)],
      [2, r(2, 600)],
      [5, r(5, null)]
    ])
    expect(sortPoolBySlack([2, 1, 5], b.orders, risk)).toEqual([5, 1, 2])
  })
  it('keeps comebacks, then waiting customers, ahead of orders with less slack', () => {
    const b = board()
    const flagged = (id: number, flag: 'comeback' | 'waitingCustomer') => ({ ...b.orders[id], flags: { ...b.orders[id].flags, [flag]: true } })
    const orders = { ...b.orders, 1: flagged(1, 'waitingCustomer'), 2: flagged(2, 'comeback') }
    const risk = new Map([
      [1, r(1, 300)],
      [2, r(2, 600)],
      [5, r(5, -60)]
    ])
    expect(sortPoolBySlack([5, 1, 2], orders, risk)).toEqual([2, 1, 5])
  })
  it('falls back to the pool rule (comebacks first) on equal slack', () => {
    const b = board()
    const orders = { ...b.orders, 2: { ...b.orders[2], flags: { ...b.orders[2].flags, comeback: true } } }
    expect(sortPoolBySlack([1, 2], orders, new Map([[1, r(1, 30)], [2, r(2, 30)]]))).toEqual([2, 1])
  })
  it('gives the order of the rule written as one comparator, on a mixed pool with ties', () => {
    // The rule as first written (issue 3): pool class, then slack (unknown first), then comparePoolOrder.
    const reference = (ids: number[], orders: Record<number, RepairOrder>, risk: ReadonlyMap<number, OrderRisk>) =>
      [...ids].sort((a, b) => {
        const byRank = poolRank(orders[a]) - poolRank(orders[b])
        if (byRank !== 0) return byRank
        const sa = risk.get(a)?.slackMinutes ?? null
        const sb = risk.get(b)?.slackMinutes ?? null
        if (sa !== sb) return sa === null ? -1 : sb === null ? 1 : sa - sb
        // RO numbers are unique on the board (schema); this test draws duplicates, so ids break the last ties.
        return comparePoolOrder(orders[a], orders[b]) || a - b
      })
    let seed = 7
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
    const orders: Record<number, RepairOrder> = {}
    const risk = new Map<number, OrderRisk>()
    for (let id = 1; id <= 300; id++) {
      const o = order(id, { roNumber: `RO-${next(40)}`, promisedAt: at(`${String(8 + next(10)).padStart(2, '0')}:${next(2) ? '00' : '30'}`) })
      orders[id] = { ...o, flags: { ...o.flags, comeback: next(10) === 0, waitingCustomer: next(4) === 0 } }
      const slack = next(5) === 0 ? null : (next(8) - 4) * 30
      risk.set(id, r(id, slack))
    }
    const ids = Object.keys(orders).map(Number).reverse()
    expect(sortPoolBySlack(ids, orders, risk)).toEqual(reference(ids, orders, risk))
  })
  it('keeps the pool in that order through a day of changes, updating the sorted list in place', () => {
    // poolOrderOf takes out and puts back only what changed (a drop: one order leaves); after every
    // step its list must equal a full sort of the pool as it is then.
    let seed = 11
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
    const make = (id: number): RepairOrder => {
      const o = order(id, { roNumber: `RO-${id}`, promisedAt: at(`${String(8 + next(10)).padStart(2, '0')}:${next(2) ? '00' : '30'}`) })
      return { ...o, flags: { ...o.flags, comeback: next(10) === 0, waitingCustomer: next(4) === 0 } }
    }
    let orders: Record<number, RepairOrder> = {}
    let risk = new Map<number, OrderRisk>()
    let poolIds: number[] = []
    for (let id = 1; id <= 120; id++) {
      orders[id] = make(id)
      risk.set(id, r(id, next(5) === 0 ? null : (next(8) - 4) * 30))
      poolIds.push(id)
    }
    let nextId = 121
    let lastIds: readonly number[] = []
    for (let step = 0; step < 200; step++) {
      const kind = next(5)
      if (kind === 0 && poolIds.length > 1) {
        poolIds = poolIds.filter((_, i) => i !== next(poolIds.length)) // dropped onto a lane
      } else if (kind === 1) {
        orders = { ...orders, [nextId]: make(nextId) } // imported, or taken back to the pool
        risk = new Map(risk).set(nextId, r(nextId, (next(8) - 4) * 30))
        poolIds = [...poolIds, nextId++]
      } else if (kind === 2) {
        const id = poolIds[next(poolIds.length)]
        orders = { ...orders, [id]: { ...make(id), id } } // promise or flags edited
      } else if (kind === 3) {
        const id = poolIds[next(poolIds.length)]
        risk = new Map(risk).set(id, r(id, (next(8) - 4) * 30)) // slack moved with the clock
      } else {
        risk = new Map(risk) // a change elsewhere on the board: a new risk map, no pool order changed
      }
      const ids = poolOrderOf({ poolIds, orders }, risk)
      expect(ids).toEqual(sortPoolBySlack(poolIds, orders, risk))
      if (kind === 4 && step > 0) expect(ids).toBe(lastIds) // same array: the pool list does not re-render
      lastIds = ids
    }
  })
})

describe('drop preview on the lane under the drag', () => {
  beforeEach(() => {
    useBoard.setState({ ...board(), loaded: true })
    useUi.setState({ nowMinute: NOW })
    useDrag.setState({ activeOrderId: 5, qualified: new Set([1]) })
  })
  it('says which order behind the drop would become late', () => {
    const p = computePreview(5, { kind: 'slot', technicianId: 1, orderId: 4 })
    expect(p?.technicianId).toBe(1)
    expect(p?.state).toBe('on_track')
    expect(p?.worsened).toEqual(['RO-NEXT'])
  })
  it('at the end of the queue nothing behind it gets worse', () => {
    expect(computePreview(5, { kind: 'lane', technicianId: 1 })?.worsened).toEqual([])
  })
  it('shows the dropped order itself at risk', () => {
    expect(computePreview(1, { kind: 'lane', technicianId: 1 })?.state).toBe('at_risk')
  })
  it('shows nothing over the pool or a lane that may not take the order', () => {
    expect(computePreview(5, { kind: 'pool' })).toBeNull()
    expect(computePreview(5, { kind: 'lane', technicianId: 2 })).toBeNull()
  })
})
