import { describe, expect, it } from 'vitest'
import { applyOptimistic, planUndo, qualifiedLanes, resolveDrop, placementOf } from '../../../src/renderer/src/features/board/moves'
import { fromSnapshot } from '../../../src/renderer/src/store/board-state'
import { order, snapshot, tech } from './fixtures'

const paintJob = [{ description: 'paint', skill: 'paint', minLevel: 2 as const, hours: 2 }]

// T1: maintenance 2, busy with 10, queue [11, 12]. T2: paint 3, free. T3: maintenance 1, free.
const board = fromSnapshot(
  snapshot(
    [tech(1, [{ skill: 'maintenance', level: 2 }]), tech(2, [{ skill: 'paint', level: 3 }]), tech(3, [{ skill: 'maintenance', level: 1 }])],
    [
      order(10, { status: 'assigned', technicianId: 1 }),
      order(11, { status: 'queued', technicianId: 1, queuePosition: 0 }),
      order(12, { status: 'queued', technicianId: 1, queuePosition: 1 }),
      order(20),
      order(21, { jobLines: paintJob }),
      order(22, { status: 'in_progress', technicianId: 3 })
    ]
  )
)

describe('qualified lanes (computed once at drag start)', () => {
  it('lights the lanes whose technician covers every job line', () => {
    expect([...qualifiedLanes(board, board.orders[21])]).toEqual([2])
    expect([...qualifiedLanes(board, board.orders[20])].sort()).toEqual([1, 3])
  })
})

describe('what a drop means', () => {
  it('refuses an unqualified lane without a server call, naming the gap', () => {
    expect(resolveDrop(board, 21, { kind: 'lane', technicianId: 1 })).toEqual({
      type: 'refuse',
      technicianId: 1,
      gaps: [{ skill: 'paint', required: 2, has: 0 }]
    })
  })
  it('assigns to a qualified lane (the server decides slot or queue)', () => {
    expect(resolveDrop(board, 20, { kind: 'lane', technicianId: 3 })).toEqual({ type: 'assign', technicianId: 3 })
  })
  it('a drop on a queued card inserts in front of it', () => {
    expect(resolveDrop(board, 20, { kind: 'slot', technicianId: 1, orderId: 12 })).toEqual({ type: 'assign', technicianId: 1, position: 1 })
  })
  it('reorders within the same queue', () => {
    expect(resolveDrop(board, 12, { kind: 'slot', technicianId: 1, orderId: 11 })).toEqual({ type: 'assign', technicianId: 1, position: 0 })
  })
  it('does nothing when dropped back where it is', () => {
    expect(resolveDrop(board, 10, { kind: 'lane', technicianId: 1 })).toEqual({ type: 'none' })
    expect(resolveDrop(board, 20, { kind: 'pool' })).toEqual({ type: 'none' })
    expect(resolveDrop(board, 11, { kind: 'slot', technicianId: 1, orderId: 11 })).toEqual({ type: 'none' })
  })
  it('un-assigns a lane card dropped on the pool', () => {
    expect(resolveDrop(board, 11, { kind: 'pool' })).toEqual({ type: 'unassign' })
  })
  it('never moves an order in progress', () => {
    expect(resolveDrop(board, 22, { kind: 'pool' })).toEqual({ type: 'none' })
  })
})

describe('optimistic picture mirrors the service rules', () => {
  it('a free technician gets the order as current', () => {
    const next = applyOptimistic(board, 20, { type: 'assign', technicianId: 2 })
    expect(next.lanes[2].currentId).toBe(20)
    expect(next.poolIds).not.toContain(20)
  })
  it('a busy technician gets it at the end of the queue, or at a position', () => {
    expect(applyOptimistic(board, 20, { type: 'assign', technicianId: 1 }).lanes[1].queueIds).toEqual([11, 12, 20])
    expect(applyOptimistic(board, 20, { type: 'assign', technicianId: 1, position: 0 }).lanes[1].queueIds).toEqual([20, 11, 12])
  })
  it('taking the current order away moves the head of the queue up', () => {
    const next = applyOptimistic(board, 10, { type: 'unassign' })
    expect(next.lanes[1]).toMatchObject({ currentId: 11, queueIds: [12] })
    expect(next.orders[10].status).toBe('waiting')
  })
  it('writes only the dropped order while its new neighbours leave room, as the station does', () => {
    // T1's queue stands at 0 and 1 (no whole number between): a drop between them spaces it out
    const between = applyOptimistic(board, 20, { type: 'assign', technicianId: 1, position: 1 })
    expect(between.lanes[1].queueIds).toEqual([11, 20, 12])
    expect([11, 20, 12].map((id) => between.orders[id].queuePosition)).toEqual([0, 1024, 2048])
    expect(between.orders[11]).toBe(board.orders[11])
    // in front and at the end there is always room: only the dropped order changes
    const front = applyOptimistic(board, 20, { type: 'assign', technicianId: 1, position: 0 })
    expect(front.orders[20].queuePosition).toBe(-1024)
    expect([11, 12].map((id) => front.orders[id])).toEqual([board.orders[11], board.orders[12]])
    // a queued order leaving keeps the others as they are
    const left = applyOptimistic(board, 11, { type: 'unassign' })
    expect(left.lanes[1].queueIds).toEqual([12])
    expect(left.orders[12]).toBe(board.orders[12])
  })
  it('keeps row versions so the server records replace the copies', () => {
    expect(applyOptimistic(board, 20, { type: 'assign', technicianId: 2 }).orders[20].version).toBe(board.orders[20].version)
  })
})

describe('undo of the last move', () => {
  it('back to the pool is an un-assign', () => {
    const after = applyOptimistic(board, 20, { type: 'assign', technicianId: 2 })
    expect(planUndo(after, { orderId: 20, roNumber: 'RO-020', from: placementOf(board, board.orders[20]) })).toEqual({
      command: 'repair-order-unassign',
      args: { id: 20 },
      frontOfQueue: false
    })
  })
  it('back to the old queue place', () => {
    const after = applyOptimistic(board, 12, { type: 'unassign' })
    expect(planUndo(after, { orderId: 12, roNumber: 'RO-012', from: placementOf(board, board.orders[12]) })).toEqual({
      command: 'repair-order-assign',
      args: { id: 12, technicianId: 1, position: 1 },
      frontOfQueue: false
    })
  })
  it('a current order whose slot was filled meanwhile goes to the front of the queue, and says so', () => {
    const after = applyOptimistic(board, 10, { type: 'unassign' })
    expect(planUndo(after, { orderId: 10, roNumber: 'RO-010', from: placementOf(board, board.orders[10]) })).toEqual({
      command: 'repair-order-assign',
      args: { id: 10, technicianId: 1, position: 0 },
      frontOfQueue: true
    })
  })
  it('a current order whose slot is still free goes back into it', () => {
    const solo = fromSnapshot(snapshot([tech(1, [{ skill: 'maintenance', level: 2 }])], [order(10, { status: 'assigned', technicianId: 1 })]))
    const after = applyOptimistic(solo, 10, { type: 'unassign' })
    expect(planUndo(after, { orderId: 10, roNumber: 'RO-010', from: placementOf(solo, solo.orders[10]) })).toEqual({
      command: 'repair-order-assign',
      args: { id: 10, technicianId: 1 },
      frontOfQueue: false
    })
  })
  it('nothing to undo when the order left the board or cannot move', () => {
    expect(planUndo(board, { orderId: 99, roNumber: 'x', from: placementOf(board, board.orders[20]) })).toBeNull()
    expect(planUndo(board, { orderId: 22, roNumber: 'x', from: placementOf(board, board.orders[20]) })).toBeNull()
  })
})
