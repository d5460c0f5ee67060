import { describe, expect, it } from 'vitest'
import { fromSnapshot, upsertOrder, type BoardData } from '../../../src/renderer/src/store/board-state'
import { subletCounts } from '../../../src/renderer/src/features/schedule/sublet-counts'
import type { RepairOrder, Stoppage } from '../../../src/shared/domain/types'
import { order, snapshot, tech } from './fixtures'

const NOW = Date.parse('2026-11-25T02:00:00.000Z')
const stoppage = (id: number, kind: Stoppage['kind'], expectedEndAt: string | null): Stoppage => ({
  id: 1000 + id,
  repairOrderId: id,
  technicianId: 1,
  kind,
  details: {} as Stoppage['details'],
  expectedEndAt,
  startedAt: '2026-11-25T01:00:00.000Z',
  endedAt: null,
  startedBy: 'dispatcher'
})
const stopped = (id: number, kind: Stoppage['kind'], expectedEndAt: string | null): RepairOrder =>
  order(id, { status: 'stopped', technicianId: 1, openStoppage: stoppage(id, kind, expectedEndAt) })

/** The counts the button shows, by walking every order (the rule as first written). */
function reference(b: BoardData, now: number): number {
  let open = 0
  let overdue = 0
  for (const o of Object.values(b.orders)) {
    if (o.openStoppage?.kind !== 'sublet') continue
    open++
    if (o.openStoppage.expectedEndAt && Date.parse(o.openStoppage.expectedEndAt) < now) overdue++
  }
  return open * 10_000 + overdue
}

describe('sublet button counts', () => {
  it('follow every change to the board, counted from the changed orders only', () => {
    let b = fromSnapshot(
      snapshot(
        [tech(1, [])],
        [
          stopped(1, 'sublet', '2026-11-25T01:30:00.000Z'), // overdue
          stopped(2, 'sublet', '2026-11-25T05:00:00.000Z'),
          stopped(3, 'sublet', null),
          stopped(4, 'parts', '2026-11-25T01:00:00.000Z'), // parts: not a sublet
          order(5)
        ]
      )
    )
    expect(subletCounts(b.orders, NOW)).toBe(3 * 10_000 + 1)
    const steps: ((x: BoardData) => BoardData)[] = [
      (x) => upsertOrder(x, stopped(5, 'sublet', '2026-11-25T00:00:00.000Z'), true), // sent out, already late
      (x) => upsertOrder(x, { ...x.orders[1], openStoppage: null, status: 'in_progress' }, true), // came back
      (x) => upsertOrder(x, stopped(4, 'sublet', null), true), // parts stoppage became a sublet
      (x) => upsertOrder(x, x.orders[2], false), // delivered: leaves the board
      (x) => upsertOrder(x, stopped(3, 'sublet', '2026-11-25T01:59:00.000Z'), true) // return time set, just past
    ]
    for (const step of steps) {
      const before = b
      b = step(b)
      expect(b.orders).not.toBe(before.orders)
      expect(subletCounts(b.orders, NOW)).toBe(reference(b, NOW))
      // The minute moves on: the same sublets, more of them overdue.
      expect(subletCounts(b.orders, NOW + 3 * 3_600_000)).toBe(reference(b, NOW + 3 * 3_600_000))
    }
    expect(subletCounts(b.orders, NOW)).toBe(3 * 10_000 + 2)
  })

  it('recount a board that was loaded again rather than changed', () => {
    const a = fromSnapshot(snapshot([tech(1, [])], [stopped(1, 'sublet', null)]))
    expect(subletCounts(a.orders, NOW)).toBe(10_000)
    const reloaded = fromSnapshot(snapshot([tech(1, [])], [stopped(1, 'sublet', null), stopped(2, 'sublet', '2026-11-25T00:00:00.000Z')]))
    expect(subletCounts(reloaded.orders, NOW)).toBe(2 * 10_000 + 1)
  })
})
