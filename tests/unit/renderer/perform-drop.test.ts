import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { BoardChanges } from '../../../src/main/services/tx'
import type { RepairOrder } from '../../../src/shared/domain/types'

// performDrop's wiring (store/actions.ts) with the station stood in for: the reply and the
// drop's own board-changed event arrive when the test says so.
const pending: ((reply: unknown) => void)[] = []
let live: { onChanges(c: BoardChanges): void } | null = null
vi.mock('../../../src/renderer/src/api/client', () => ({
  call: vi.fn(() => new Promise((resolve) => pending.push(resolve))),
  subscribeBoard: vi.fn((h: { onChanges(c: BoardChanges): void }) => {
    live = h
    return () => {}
  })
}))
vi.mock('../../../src/renderer/src/i18n', () => ({
  currentLang: () => 'en',
  i18n: { getFixedT: () => (key: string) => key },
  localised: (m: { en: string }) => m.en
}))
vi.mock('../../../src/renderer/src/store/toast-store', () => ({ toast: vi.fn() }))

const { DROP_HOLD_MS, holdLive, performDrop, releaseLive, replyOrHold, sendDrop, startLive } = await import('../../../src/renderer/src/store/actions')
const { useBoard } = await import('../../../src/renderer/src/store/board-store')
const { toast } = await import('../../../src/renderer/src/store/toast-store')
const { boardData, setBoardData } = await import('../../../src/renderer/src/store/board-store')
const { applyChanges, fromSnapshot } = await import('../../../src/renderer/src/store/board-state')
const { order, snapshot, tech } = await import('./fixtures')

// A reply a failed test left unanswered must not be taken by the next one.
beforeEach(() => {
  pending.length = 0
})

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

describe('a drop whose reply came back while the card was still held (sent at the pointer-up)', () => {
  const board = () =>
    fromSnapshot(
      snapshot(
        [tech(1, [{ skill: 'maintenance', level: 1 }])],
        [order(10, { status: 'assigned', technicianId: 1 }), order(11, { status: 'queued', technicianId: 1, queuePosition: 0 }), order(20)],
        10
      )
    )

  it('puts the committed order on the board in one change, with no optimistic picture before it', async () => {
    setBoardData(board())
    const sent = sendDrop(20, { type: 'assign', technicianId: 1, position: 1 })!
    const placed = order(20, { status: 'queued', technicianId: 1, queuePosition: 1024, version: 2 })
    pending.shift()!({ ok: true, result: placed, version: 11 })
    await replyOrHold(sent)
    const changes: unknown[] = []
    const unsubscribe = useBoard.subscribe((s) => changes.push(s))
    const done = performDrop(20, { type: 'assign', technicianId: 1, position: 1 }, true, sent)
    // synchronously, before any await: the station's record is shown already
    expect(boardData().orders[20]).toBe(placed)
    expect(boardData().lanes[1].queueIds).toEqual([11, 20])
    expect(await done).toBe(true)
    unsubscribe()
    expect(changes).toHaveLength(1)
  })

  it('never shows a refused drop moved: the board stays, the reason is shown and the board reloads', async () => {
    setBoardData(board())
    const shown = boardData()
    const sent = sendDrop(20, { type: 'assign', technicianId: 1 })!
    pending.shift()!({ ok: false, error: { code: 'CONFLICT', message: { en: 'Someone else moved it', zh: '已被他人移动' } } })
    await replyOrHold(sent)
    const changes: unknown[] = []
    const unsubscribe = useBoard.subscribe((s) => changes.push(s))
    const done = performDrop(20, { type: 'assign', technicianId: 1 }, true, sent)
    expect(changes).toHaveLength(0)
    expect(boardData()).toBe(shown)
    expect(vi.mocked(toast)).toHaveBeenLastCalledWith('error', 'Someone else moved it')
    // the reload asks the station for the whole board
    pending.shift()!({ ok: true, result: snapshot([tech(1, [{ skill: 'maintenance', level: 1 }])], [order(20)], 11), version: 11 })
    expect(await done).toBe(false)
    unsubscribe()
    expect(boardData().version).toBe(11)
  })
})

describe('the hold of a drop', () => {
  it('ends when the reply is in', async () => {
    vi.useFakeTimers()
    try {
      setBoardData(fromSnapshot(snapshot([tech(1, [{ skill: 'maintenance', level: 1 }])], [order(20)], 10)))
      const sent = sendDrop(20, { type: 'assign', technicianId: 1 })!
      let ended = false
      void replyOrHold(sent).then(() => (ended = true))
      await vi.advanceTimersByTimeAsync(DROP_HOLD_MS / 2)
      expect(ended).toBe(false)
      pending.shift()!({ ok: true, result: order(20, { status: 'assigned', technicianId: 1, version: 2 }), version: 11 })
      await vi.advanceTimersByTimeAsync(0)
      expect(ended).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('runs out after DROP_HOLD_MS when the station is slow, so the optimistic picture is drawn then', async () => {
    vi.useFakeTimers()
    try {
      setBoardData(fromSnapshot(snapshot([tech(1, [{ skill: 'maintenance', level: 1 }])], [order(20)], 10)))
      const sent = sendDrop(20, { type: 'assign', technicianId: 1 })!
      let ended = false
      void replyOrHold(sent).then(() => (ended = true))
      await vi.advanceTimersByTimeAsync(DROP_HOLD_MS - 1)
      expect(ended).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      expect(ended).toBe(true)
      const done = performDrop(20, { type: 'assign', technicianId: 1 }, true, sent)
      expect(boardData().lanes[1].currentId).toBe(20)
      expect(boardData().orders[20].version).toBe(1)
      pending.shift()!({ ok: true, result: order(20, { status: 'assigned', technicianId: 1, version: 2 }), version: 11 })
      expect(await done).toBe(true)
      expect(boardData().orders[20].version).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('is not waited for when the drop sends nothing', async () => {
    expect(sendDrop(20, { type: 'none' })).toBeNull()
    await expect(replyOrHold(null)).resolves.toBeUndefined()
  })
})

describe('changes from the station while a drop is held', () => {
  it('wait, and are applied in order right after the drop, in the same task', async () => {
    startLive()
    setBoardData(
      fromSnapshot(
        snapshot(
          [tech(1, [{ skill: 'maintenance', level: 1 }]), tech(2, [{ skill: 'maintenance', level: 1 }])],
          [order(20), order(30)],
          10
        )
      )
    )
    holdLive()
    const sent = sendDrop(20, { type: 'assign', technicianId: 1 })!
    // The drop's own event comes before its reply, then another screen's change.
    const placed = order(20, { status: 'assigned', technicianId: 1, version: 2 })
    live!.onChanges(event(11, [placed]))
    live!.onChanges(event(12, [order(30, { status: 'assigned', technicianId: 2, version: 2 })]))
    expect(boardData().version).toBe(10)
    expect(boardData().lanes[1]?.currentId ?? null).toBeNull()
    pending.shift()!({ ok: true, result: placed, version: 11 })
    await replyOrHold(sent)
    const done = performDrop(20, { type: 'assign', technicianId: 1 }, true, sent)
    releaseLive()
    expect(boardData().version).toBe(12)
    expect(boardData().lanes[1].currentId).toBe(20)
    expect(boardData().lanes[2].currentId).toBe(30)
    expect(boardData().orders[20]).toBe(placed)
    expect(await done).toBe(true)
  })

  it('are let through after a second when the drop never ends (the board closed under it)', async () => {
    vi.useFakeTimers()
    try {
      startLive()
      setBoardData(fromSnapshot(snapshot([tech(2, [{ skill: 'maintenance', level: 1 }])], [order(30)], 10)))
      holdLive()
      live!.onChanges(event(11, [order(30, { status: 'assigned', technicianId: 2, version: 2 })]))
      await vi.advanceTimersByTimeAsync(999)
      expect(boardData().version).toBe(10)
      await vi.advanceTimersByTimeAsync(1)
      expect(boardData().version).toBe(11)
      expect(boardData().lanes[2].currentId).toBe(30)
    } finally {
      vi.useRealTimers()
    }
  })

  it('are applied as they come when no drop is held', () => {
    startLive()
    setBoardData(fromSnapshot(snapshot([tech(2, [{ skill: 'maintenance', level: 1 }])], [order(30)], 10)))
    releaseLive()
    live!.onChanges(event(11, [order(30, { status: 'assigned', technicianId: 2, version: 2 })]))
    expect(boardData().version).toBe(11)
    expect(boardData().lanes[2].currentId).toBe(30)
  })
})
