import { describe, expect, it } from 'vitest'
import type { BoardChanges } from '../../../src/main/services/tx'
import { applyOptimistic } from '../../../src/renderer/src/features/board/moves'
import { applyChanges, fromSnapshot, settleOptimistic, upsertOrder } from '../../../src/renderer/src/store/board-state'
import { order, snapshot, tech } from './fixtures'

const change = (c: Partial<BoardChanges> & { version: number }): BoardChanges => ({
  command: 'test',
  orders: [],
  removedOrderIds: [],
  technicians: [],
  ...c
})

describe('board snapshot -> lanes and pool', () => {
  const board = fromSnapshot(
    snapshot(
      [tech(1, [{ skill: 'maintenance', level: 2 }]), tech(2, [], { active: false })],
      [
        order(1, { status: 'assigned', technicianId: 1 }),
        order(2, { status: 'queued', technicianId: 1, queuePosition: 1, jobLines: [{ description: 'x', skill: 'maintenance', minLevel: 1, hours: 2.5 }] }),
        order(3, { status: 'queued', technicianId: 1, queuePosition: 0 }),
        order(4, { promisedAt: '2026-11-25T03:00:00.000Z' }),
        order(5, { promisedAt: '2026-11-25T09:00:00.000Z', flags: { ...order(0).flags, comeback: true } }),
        order(6, { status: 'awaiting_qc', technicianId: 1 })
      ]
    )
  )
  it('gives a lane only to active technicians, ordered by employee number', () => {
    expect(board.laneIds).toEqual([1])
  })
  it('puts the current order in the slot and the queue in queue order', () => {
    expect(board.lanes[1]).toMatchObject({ currentId: 1, queueIds: [3, 2] })
  })
  it('sums the flat-rate hours of current and queued orders', () => {
    expect(board.lanes[1].assignedHours).toBe(4.5)
  })
  it('sorts the pool comebacks first, then by promised time', () => {
    expect(board.poolIds).toEqual([5, 4])
  })
  it('keeps orders past production out of lanes and pool', () => {
    expect(board.sideIds).toEqual([6])
  })
})

describe('board-changed deltas', () => {
  const base = fromSnapshot(
    snapshot([tech(1, [{ skill: 'maintenance', level: 1 }]), tech(2, [{ skill: 'paint', level: 2 }])], [order(1), order(2)], 10)
  )

  it('ignores an event that is not newer than the board', () => {
    const c = change({ version: 10, orders: [order(1, { status: 'assigned', technicianId: 1, version: 2 })] })
    expect(applyChanges(base, c)).toBe(base)
    expect(applyChanges(base, { ...c, version: 9 })).toBe(base)
  })

  it('upserts changed orders by id and moves the version', () => {
    const next = applyChanges(base, change({ version: 11, orders: [order(1, { status: 'assigned', technicianId: 1, version: 2 })] }))
    expect(next.version).toBe(11)
    expect(next.lanes[1].currentId).toBe(1)
    expect(next.poolIds).toEqual([2])
  })

  it('deletes orders that left the board', () => {
    const next = applyChanges(base, change({ version: 11, removedOrderIds: [2] }))
    expect(next.orders[2]).toBeUndefined()
    expect(next.poolIds).toEqual([1])
  })

  it('adds a new order and a new technician lane', () => {
    const next = applyChanges(base, change({ version: 12, orders: [order(7)], technicians: [tech(3, [])] }))
    expect(next.poolIds).toContain(7)
    expect(next.laneIds).toEqual([1, 2, 3])
  })

  it('replaces the skills catalogue when it changed, keeps it otherwise', () => {
    const skills = [{ code: 'glass', nameZh: '玻璃', nameEn: 'Glass', active: true }]
    expect(applyChanges(base, change({ version: 11, skills })).skills).toEqual(skills)
    expect(applyChanges(base, change({ version: 11 })).skills).toBe(base.skills)
  })

  it('keeps untouched lanes and the pool array identical, so they do not re-render', () => {
    const next = applyChanges(base, change({ version: 11, technicians: [{ ...base.technicians[2], name: 'renamed', version: 2 }] }))
    expect(next.lanes[1]).toBe(base.lanes[1])
    expect(next.poolIds).toBe(base.poolIds)
    expect(next.laneIds).toBe(base.laneIds)
  })

  it('a technician made inactive loses their lane', () => {
    const next = applyChanges(base, change({ version: 11, technicians: [{ ...base.technicians[2], active: false, version: 2 }] }))
    expect(next.laneIds).toEqual([1])
  })
})

describe('command replies', () => {
  const base = fromSnapshot(snapshot([tech(1, [])], [order(1, { version: 3 })]))
  it('never replaces a record with an older row version', () => {
    expect(upsertOrder(base, order(1, { version: 2, plate: 'old' }), true)).toBe(base)
  })
  it('does not move the board version (the event still has to arrive)', () => {
    const next = upsertOrder(base, order(1, { version: 4, plate: 'new' }), true)
    expect(next.orders[1].plate).toBe('new')
    expect(next.version).toBe(base.version)
  })
  it('drops an order that is no longer open', () => {
    expect(upsertOrder(base, order(1, { version: 4, status: 'cancelled' }), false).orders[1]).toBeUndefined()
  })
})

// A drop into a queue with no room spaces it out on screen at once (features/board/moves.ts). When
// the board was behind the station's, the station may place the order without spacing the queue
// out: its event then carries the dropped order alone, and the other copies must not stay.
describe('settling a drop after its own event', () => {
  const before = fromSnapshot(
    snapshot(
      [tech(1, [{ skill: 'maintenance', level: 1 }])],
      [order(10, { status: 'assigned', technicianId: 1 }), order(11, { status: 'queued', technicianId: 1, queuePosition: 0 }), order(12, { status: 'queued', technicianId: 1, queuePosition: 1 }), order(20)],
      10
    )
  )
  const optimistic = applyOptimistic(before, 20, { type: 'assign', technicianId: 1, position: 1 })
  const queues = before.lanes[1].queueIds

  it('puts back the copies the station did not write, so the lane shows the committed order', () => {
    expect(optimistic.orders[12].queuePosition).toBe(2048)
    // the station, which had 12 at 4096 already (a change this board had not seen), put 20 at 2048
    const shown = applyChanges(optimistic, change({ version: 11, orders: [order(12, { status: 'queued', technicianId: 1, queuePosition: 4096, version: 2 })] }))
    const dropped = applyChanges(shown, change({ version: 12, orders: [order(20, { status: 'queued', technicianId: 1, queuePosition: 2048, version: 2 })] }))
    // 12's record came from the station: it stays; nothing else was copied
    expect(settleOptimistic(dropped, before, optimistic, queues)).toBe(dropped)
    // without that earlier event, 12's optimistic copy would stay at 2048: it goes back to the record from before
    const alone = applyChanges(optimistic, change({ version: 11, orders: [order(20, { status: 'queued', technicianId: 1, queuePosition: 512, version: 2 })] }))
    expect(alone.orders[12]).toBe(optimistic.orders[12])
    const settled = settleOptimistic(alone, before, optimistic, queues)
    expect(settled.orders[12]).toBe(before.orders[12])
    expect(settled.lanes[1].queueIds).toEqual([11, 12, 20])
  })

  it('changes nothing when the station wrote every copy (the usual case)', () => {
    const event = change({
      version: 11,
      orders: [
        order(20, { status: 'queued', technicianId: 1, queuePosition: 1024, version: 2 }),
        order(12, { status: 'queued', technicianId: 1, queuePosition: 2048, version: 2 })
      ]
    })
    const after = applyChanges(optimistic, event)
    expect(settleOptimistic(after, before, optimistic, queues)).toBe(after)
  })
})
