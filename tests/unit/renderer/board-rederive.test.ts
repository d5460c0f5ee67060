import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { BoardChanges } from '../../../src/main/services/tx'
import { applyOptimistic } from '../../../src/renderer/src/features/board/moves'
import { applyChanges, changedOrderIdsBetween, derive, fromSnapshot, upsertOrder, upsertTechnician, type BoardData } from '../../../src/renderer/src/store/board-state'
import { recomputeRisk, useRisk } from '../../../src/renderer/src/features/schedule/risk-store'
import { computeBoardRisk, laneLoad, needsAttention } from '../../../src/shared/domain/risk'
import type { RepairOrder, RepairOrderStatus, Technician } from '../../../src/shared/domain/types'
import { order, snapshot, tech } from './fixtures'

/**
 * A change to one order re-derives only what it touched (store/board-state.ts `rederive`): these
 * tests hold the incremental board to the full derive() after every step of random sequences of
 * drops, queue reorders, status changes, technician changes and removals; and the risk store's
 * lane-by-lane update (`updateBoardRiskFor`) to a whole-board recomputation.
 */

const TECHNICIANS = 4
const ORDER_IDS = 14
const STATUSES: RepairOrderStatus[] = ['waiting', 'queued', 'assigned', 'in_progress', 'stopped', 'awaiting_qc', 'ready']
const PROMISES = ['2026-11-25T03:00:00.000Z', '2026-11-25T06:00:00.000Z', '2026-11-26T06:00:00.000Z']

const indexes = (b: BoardData) => ({ laneIds: b.laneIds, lanes: b.lanes, poolIds: b.poolIds, sideIds: b.sideIds })
const reference = (b: BoardData) => derive(null, b.technicians, b.orders)

/** The fields of an order that decide where and in which order it shows. */
const placementArb = fc.record({
  status: fc.constantFrom(...STATUSES),
  technicianId: fc.option(fc.integer({ min: 1, max: TECHNICIANS + 1 }), { nil: null }),
  queuePosition: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  parked: fc.boolean(),
  hours: fc.constantFrom(0.3, 1, 2.5),
  promisedAt: fc.constantFrom(...PROMISES),
  comeback: fc.boolean(),
  // Few RO numbers, so equal pool keys happen and the id decides.
  ro: fc.integer({ min: 0, max: 2 })
})
type Placement = typeof placementArb extends fc.Arbitrary<infer T> ? T : never

function record(id: number, p: Placement, version: number): RepairOrder {
  const base = order(id)
  return order(id, {
    roNumber: `RO-${p.ro}`,
    status: p.status,
    technicianId: p.status === 'waiting' ? null : p.technicianId,
    queuePosition: p.status === 'queued' ? p.queuePosition : null,
    parked: p.status === 'stopped' && p.parked,
    jobLines: [{ ...base.jobLines[0], hours: p.hours }],
    promisedAt: p.promisedAt,
    flags: { ...base.flags, comeback: p.comeback },
    version
  })
}

const techArb = fc.record({ active: fc.boolean(), employeeNo: fc.constantFrom('E1', 'E2', 'E10', 'E3') })

type Step =
  | { kind: 'assign'; pick: number; technicianId: number; position: number | null }
  | { kind: 'unassign'; pick: number }
  | { kind: 'upsert'; id: number; placement: Placement; open: boolean }
  | { kind: 'changes'; orders: { id: number; placement: Placement }[]; removed: number[]; technicians: { id: number; t: { active: boolean; employeeNo: string } }[] }
  | { kind: 'technician'; id: number; t: { active: boolean; employeeNo: string } }

const idArb = fc.integer({ min: 1, max: ORDER_IDS })
const techIdArb = fc.integer({ min: 1, max: TECHNICIANS })
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('assign' as const), pick: fc.nat(), technicianId: techIdArb, position: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }) }),
  fc.record({ kind: fc.constant('unassign' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('upsert' as const), id: idArb, placement: placementArb, open: fc.boolean() }),
  fc.record({
    kind: fc.constant('changes' as const),
    orders: fc.array(fc.record({ id: idArb, placement: placementArb }), { maxLength: 4 }),
    removed: fc.array(idArb, { maxLength: 2 }),
    technicians: fc.array(fc.record({ id: techIdArb, t: techArb }), { maxLength: 2 })
  }),
  fc.record({ kind: fc.constant('technician' as const), id: techIdArb, t: techArb })
)

function startBoard(placements: Placement[], techs: { active: boolean; employeeNo: string }[]): BoardData {
  const technicians = techs.map((t, i) => tech(i + 1, [{ skill: 'maintenance', level: 2 }], t))
  const orders = placements.map((p, i) => record(i + 1, p, 1))
  return fromSnapshot(snapshot(technicians, orders, 10))
}

function techRecord(b: BoardData, id: number, t: { active: boolean; employeeNo: string }): Technician {
  const shown = b.technicians[id] ?? tech(id, [])
  return { ...shown, ...t, version: shown.version + 1 }
}

function apply(b: BoardData, step: Step): BoardData {
  const ids = Object.keys(b.orders).map(Number)
  switch (step.kind) {
    case 'assign': {
      if (!ids.length) return b
      const id = ids[step.pick % ids.length]
      return applyOptimistic(b, id, { type: 'assign', technicianId: step.technicianId, ...(step.position !== null ? { position: step.position } : {}) })
    }
    case 'unassign': {
      if (!ids.length) return b
      return applyOptimistic(b, ids[step.pick % ids.length], { type: 'unassign' })
    }
    case 'upsert':
      return upsertOrder(b, record(step.id, step.placement, (b.orders[step.id]?.version ?? 0) + 1), step.open)
    case 'changes': {
      const c: BoardChanges = {
        version: b.version + 1,
        command: 'test',
        orders: step.orders.map((o) => record(o.id, o.placement, (b.orders[o.id]?.version ?? 0) + 1)),
        removedOrderIds: step.removed,
        technicians: step.technicians.map(({ id, t }) => techRecord(b, id, t))
      }
      return applyChanges(b, c)
    }
    case 'technician':
      return upsertTechnician(b, techRecord(b, step.id, step.t))
  }
}

describe('incremental re-derivation gives the same board as a full derive', () => {
  it('after every step of random sequences of changes', () => {
    fc.assert(
      fc.property(
        fc.array(placementArb, { minLength: 0, maxLength: ORDER_IDS }),
        fc.array(techArb, { minLength: TECHNICIANS, maxLength: TECHNICIANS }),
        fc.array(stepArb, { maxLength: 25 }),
        (placements, techs, steps) => {
          let b = startBoard(placements, techs)
          const first = b
          expect(indexes(b)).toEqual(reference(b))
          for (const step of steps) {
            b = apply(b, step)
            expect(indexes(b)).toEqual(reference(b))
          }
          // The change log names every order whose record differs (the risk store reads only those).
          const logged = new Set(changedOrderIdsBetween(first.orders, b.orders))
          for (let id = 1; id <= ORDER_IDS; id++) if (first.orders[id] !== b.orders[id]) expect(logged.has(id)).toBe(true)
        }
      ),
      { numRuns: 400 }
    )
  })

  it('keeps the identity of everything a change did not touch', () => {
    fc.assert(
      fc.property(fc.array(placementArb, { maxLength: ORDER_IDS }), fc.array(stepArb, { maxLength: 10 }), (placements, steps) => {
        let b = startBoard(placements, Array.from({ length: TECHNICIANS }, (_, i) => ({ active: true, employeeNo: `E${i + 1}` })))
        for (const step of steps) {
          const before = b
          b = apply(b, step)
          // Whatever the step did, a lane, the pool or the side list equal to its full derive keeps its old object.
          const full = derive(before, b.technicians, b.orders)
          for (const id of b.laneIds) if (before.lanes[id] && full.lanes[id] === before.lanes[id]) expect(b.lanes[id]).toBe(before.lanes[id])
          if (full.poolIds === before.poolIds) expect(b.poolIds).toBe(before.poolIds)
          if (full.sideIds === before.sideIds) expect(b.sideIds).toBe(before.sideIds)
          if (full.laneIds === before.laneIds) expect(b.laneIds).toBe(before.laneIds)
        }
      }),
      { numRuns: 200 }
    )
  })
})

/** Three lanes (a current order each, a next job on the first), one pool order due at 11:00, one car awaiting QC. */
const threeLanes = (): BoardData =>
  fromSnapshot(
    snapshot(
      [tech(1, []), tech(2, []), tech(3, [])],
      [
        order(1, { status: 'assigned', technicianId: 1 }),
        order(2, { status: 'queued', technicianId: 1, queuePosition: 0 }),
        order(3, { status: 'assigned', technicianId: 2 }),
        order(4, { status: 'assigned', technicianId: 3 }),
        order(5, { promisedAt: '2026-11-25T03:00:00.000Z' }),
        order(6, { status: 'awaiting_qc', technicianId: 3 })
      ]
    )
  )

describe('a drop re-derives only the lanes it touched', () => {
  const board = threeLanes()

  it('moving a queued order to another lane keeps the third lane, the pool and the side list', () => {
    const next = applyOptimistic(board, 2, { type: 'assign', technicianId: 2 })
    expect(next.lanes[1]).not.toBe(board.lanes[1])
    expect(next.lanes[2]).not.toBe(board.lanes[2])
    expect(next.lanes[3]).toBe(board.lanes[3])
    expect(next.poolIds).toBe(board.poolIds)
    expect(next.sideIds).toBe(board.sideIds)
    expect(next.laneIds).toBe(board.laneIds)
  })

  it('the reply of the same command (same placement, newer record) changes no index at all', () => {
    const optimistic = applyOptimistic(board, 5, { type: 'assign', technicianId: 3, position: 0 })
    const reply = upsertOrder(optimistic, { ...optimistic.orders[5], version: 2 }, true)
    expect(reply.lanes).toBe(optimistic.lanes)
    expect(reply.poolIds).toBe(optimistic.poolIds)
    expect(reply.orders[5].version).toBe(2)
  })

  it('a technician renamed keeps every lane; deactivated, their lane goes and comes back with its orders', () => {
    const renamed = upsertTechnician(board, { ...board.technicians[2], name: 'Renamed', version: 2 })
    expect(renamed.lanes).toBe(board.lanes)
    expect(renamed.laneIds).toBe(board.laneIds)
    const off = upsertTechnician(board, { ...board.technicians[1], active: false, version: 2 })
    expect(off.laneIds).toEqual([2, 3])
    expect(off.lanes[1]).toBeUndefined()
    const on = upsertTechnician(off, { ...off.technicians[1], active: true, version: 3 })
    expect(on.lanes[1]).toEqual({ currentId: 1, queueIds: [2], parkedIds: [], assignedHours: 2 })
  })
})

describe('the risk store updates only the lanes a change touched, with the same result as the whole board', () => {
  const NOW = Date.parse('2026-11-25T02:00:00.000Z') // Wednesday 10:00 in Shanghai
  beforeEach(() => {
    useRisk.setState({ now: 0, orders: new Map(), lanes: new Map(), attention: [] })
  })

  it('after every step of random sequences of changes', () => {
    fc.assert(
      fc.property(
        fc.array(placementArb, { minLength: 0, maxLength: ORDER_IDS }),
        fc.array(techArb, { minLength: TECHNICIANS, maxLength: TECHNICIANS }),
        fc.array(stepArb, { maxLength: 15 }),
        (placements, techs, steps) => {
          useRisk.setState({ now: 0, orders: new Map(), lanes: new Map(), attention: [] })
          let b = startBoard(placements, techs)
          for (const step of [null, ...steps]) {
            if (step) b = apply(b, step)
            recomputeRisk(b, NOW)
            const s = useRisk.getState()
            const full = computeBoardRisk({ calendar: b.calendar, technicians: Object.values(b.technicians), attendance: b.attendance, orders: Object.values(b.orders) }, NOW)
            expect(new Map([...s.orders].sort((x, y) => x[0] - y[0]))).toEqual(new Map([...full.orders].sort((x, y) => x[0] - y[0])))
            expect(s.attention).toEqual(needsAttention(full))
            expect([...s.lanes.keys()]).toEqual(b.laneIds)
            for (const id of b.laneIds) {
              const load = laneLoad(full, id)
              expect(s.lanes.get(id)).toMatchObject({ attendance: 'present', leavesAt: null })
              expect(Math.round((s.lanes.get(id)?.assignedHours ?? NaN) * 10)).toBe(Math.round(load.assignedHours * 10))
              expect(Math.round((s.lanes.get(id)?.availableHours ?? NaN) * 10)).toBe(Math.round(load.availableHours * 10))
            }
          }
        }
      ),
      { numRuns: 200 }
    )
  })

  it('a drop replaces the risk of the orders on the two lanes only, and the reply of the same command changes nothing', () => {
    const b = threeLanes()
    recomputeRisk(b, NOW)
    const before = useRisk.getState()
    const moved = applyOptimistic(b, 5, { type: 'assign', technicianId: 2 })
    recomputeRisk(moved, NOW)
    const after = useRisk.getState()
    expect(after.orders.get(1)).toBe(before.orders.get(1))
    expect(after.orders.get(4)).toBe(before.orders.get(4))
    expect(after.lanes.get(1)).toBe(before.lanes.get(1))
    expect(after.lanes.get(3)).toBe(before.lanes.get(3))
    expect(after.orders.get(5)).not.toBe(before.orders.get(5))
    const reply = upsertOrder(moved, { ...moved.orders[5], version: 2 }, true)
    recomputeRisk(reply, NOW)
    expect(useRisk.getState()).toBe(after)
  })
})
