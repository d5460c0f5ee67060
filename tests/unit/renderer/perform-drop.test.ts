import { describe, expect, it, vi } from 'vitest'
import type { BoardChanges } from '../../../src/main/services/tx'
import type { RepairOrder } from '../../../src/shared/domain/types'

// performDrop's wiring (store/actions.ts) with the station stood in for: the reply and the
// drop's own board-changed event arrive when the test says so.
const pending: ((reply: unknown) => void)[] = []
vi.mock('../../../src/renderer/src/api/client', () => ({
  call: vi.fn(() => new Promise((resolve) => pending.push(resolve))),
  subscribeBoard: vi.fn()
}))
vi.mock('../../../src/renderer/src/i18n', () => ({
  currentLang: () => 'en',
  i18n: { getFixedT: () => (key: string) => key },
  localised: (m: { en: string }) => m.en
}))
vi.mock('../../../src/renderer/src/store/toast-store', () => ({ toast: vi.fn() }))

const { performDrop } = await import('../../../src/renderer/src/store/actions')
const { boardData, setBoardData } = await import('../../../src/renderer/src/store/board-store')
const { applyChanges, fromSnapshot } = await import('../../../src/renderer/src/store/board-state')
const { order, snapshot, tech } = await import('./fixtures')

const event = (version: number, orders: RepairOrder[]): BoardChanges => ({ version, orders, removedOrderIds: [], technicians: [] }) as unknown as BoardChanges

describe('a drop on a board that was behind the station', () => {
  it('shows the spaced-out queue at once, then, once its own event is in, puts back the copies the station did not write', async () => {
    // T1's queue at 0 and 1: a drop between them spaces the queue out on screen
    setBoardData(
      fromSnapshot(
        snapshot(
          [tech(1, [{ skill: 'maintenance', level: 1 }])],
          [order(10, { status: 'assigned', technicianId: 1 }), order(11, { status: 'queued', technicianId: 1, queuePosition: 0 }), order(12, { status: 'queued', technicianId: 1, queuePosition: 1 }), order(20)],
          10
        )
      )
    )
    const before12 = boardData().orders[12]
    const done = performDrop(20, { type: 'assign', technicianId: 1, position: 1 })
    expect(boardData().lanes[1].queueIds).toEqual([11, 20, 12])
    expect(boardData().orders[12].queuePosition).toBe(2048)
    // the station, whose queue had room (12 had moved on in a change this board has not seen yet),
    // placed 20 at 512 and wrote nothing else
    const placed = order(20, { status: 'queued', technicianId: 1, queuePosition: 512, version: 2 })
    pending.shift()!({ ok: true, result: placed, version: 11 })
    await done
    // the reply alone does not settle: the event is still on its way
    expect(boardData().orders[12].queuePosition).toBe(2048)
    setBoardData(applyChanges(boardData(), event(11, [placed])))
    // 12 is back to the record the board had; the change it has not seen yet will bring 12's new place
    expect(boardData().orders[12]).toBe(before12)
    expect(boardData().lanes[1].queueIds).toEqual([11, 12, 20])
  })
})
