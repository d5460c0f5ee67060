import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_CALENDAR, localInstant, type TechnicianHours } from '../../../src/shared/domain/calendar'
import {
  assessOrder,
  computeBoardRisk,
  laneLoad,
  needsAttention,
  prepareWorkingTime,
  previewDrop,
  updateBoardRisk,
  updateBoardRiskFor,
  type BoardRiskInput,
  type RiskOrderInput
} from '../../../src/shared/domain/risk'

const tz = 'Asia/Shanghai'
const at = (date: string, hhmm: string): number => localInstant(tz, date, hhmm)
const iso = (ms: number): string => new Date(ms).toISOString()
const D = '2026-11-25'
const tech: TechnicianHours = { id: 1, shiftStart: '08:30', shiftEnd: '17:30', lunchStart: '12:00', lunchEnd: '13:00' }

function order(id: number, over: Partial<RiskOrderInput> & { hours?: number; promised?: number } = {}): RiskOrderInput {
  const { hours = 1, promised = at(D, '17:00'), ...rest } = over
  return {
    id,
    status: 'waiting',
    technicianId: null,
    queuePosition: null,
    parked: false,
    promisedAt: iso(promised),
    jobLines: [{ hours }],
    labour: { closedHours: 0, runningSince: null },
    openStoppage: null,
    ...rest
  }
}
const board = (orders: RiskOrderInput[], technicians: TechnicianHours[] = [tech]): BoardRiskInput => ({
  calendar: DEFAULT_CALENDAR,
  technicians,
  attendance: [],
  orders
})

describe('a pool order: on track until its latest start, at risk after, late after the promise', () => {
  const o = order(1, { hours: 2.3, promised: at(D, '13:30') })
  const wt = prepareWorkingTime(board([o]))
  it('the worked example: latest start 10:00; at 09:59 on track with 1 min slack', () => {
    const r = assessOrder(o, at(D, '09:59'), wt, null)
    expect(r).toMatchObject({ state: 'on_track', latestStart: at(D, '10:00'), latestFinish: at(D, '13:18'), slackMinutes: 1 })
  })
  it('at 10:01 not started: at risk, latest start passed', () => {
    expect(assessOrder(o, at(D, '10:01'), wt, null)).toMatchObject({ state: 'at_risk', reason: 'latest_start_passed', since: at(D, '10:00') })
  })
  it('at 13:31: late', () => {
    expect(assessOrder(o, at(D, '13:31'), wt, null)).toMatchObject({ state: 'late', reason: 'promise_passed' })
  })
})

describe('a lane order: at risk when projected finish + settlement falls after the promise', () => {
  it('knock-on: an overrun of the current job makes the next job at risk', () => {
    const now = at(D, '09:00')
    const next = order(2, { status: 'queued', technicianId: 1, queuePosition: 0, hours: 1.5, promised: at(D, '14:00') })
    const onTime = order(1, { status: 'in_progress', technicianId: 1, hours: 2, labour: { closedHours: 1, runningSince: null } })
    const overrun = order(1, { status: 'in_progress', technicianId: 1, hours: 4, labour: { closedHours: 1, runningSince: null } })
    expect(computeBoardRisk(board([onTime, next]), now).orders.get(2)).toMatchObject({
      state: 'on_track',
      projectedFinish: at(D, '11:30'),
      slackMinutes: 138
    })
    expect(computeBoardRisk(board([overrun, next]), now).orders.get(2)).toMatchObject({
      state: 'at_risk',
      reason: 'finish_after_promise',
      projectedStart: at(D, '13:00'),
      projectedFinish: at(D, '14:30'),
      slackMinutes: -42
    })
  })

  it('a parts stoppage with an expected arrival: the stopped job and the one behind it wait for the parts', () => {
    const now = at(D, '09:00')
    const stopped = order(1, {
      status: 'stopped',
      technicianId: 1,
      hours: 2,
      promised: at(D, '16:00'),
      labour: { closedHours: 1, runningSince: null },
      openStoppage: { expectedEndAt: iso(at(D, '15:00')) }
    })
    const next = order(2, { status: 'queued', technicianId: 1, queuePosition: 0, hours: 1, promised: at(D, '17:10') })
    const r = computeBoardRisk(board([stopped, next]), now)
    expect(r.orders.get(1)).toMatchObject({ state: 'at_risk', projectedStart: at(D, '15:00'), projectedFinish: at(D, '16:00') })
    expect(r.orders.get(2)).toMatchObject({ state: 'at_risk', projectedFinish: at(D, '17:00') })
    expect(r.lanes.get(1)).toEqual([1, 2])
  })

  it('a running clock counts hours used up to now', () => {
    const o = order(1, { status: 'in_progress', technicianId: 1, hours: 2, labour: { closedHours: 0, runningSince: iso(at(D, '09:00')) } })
    expect(computeBoardRisk(board([o]), at(D, '10:00')).orders.get(1)).toMatchObject({ hoursUsed: 1, projectedFinish: at(D, '11:00') })
  })

  it('the promise passed while still on the lane: late', () => {
    const o = order(1, { status: 'assigned', technicianId: 1, promised: at(D, '09:00') })
    expect(computeBoardRisk(board([o]), at(D, '09:30')).orders.get(1)?.state).toBe('late')
  })

  it('finished orders (awaiting QC, ready) are late only once the promise passes', () => {
    const o = order(1, { status: 'awaiting_qc', technicianId: 1, promised: at(D, '12:00') })
    expect(computeBoardRisk(board([o]), at(D, '11:00')).orders.get(1)?.state).toBe('on_track')
    expect(computeBoardRisk(board([o]), at(D, '12:01')).orders.get(1)?.state).toBe('late')
  })
})

describe('drop preview: which orders a drop would put at risk', () => {
  it('dropping a 3 h job at the front of a queue makes the order behind it at risk, itself on track', () => {
    const now = at(D, '09:00')
    const cur = order(1, { status: 'in_progress', technicianId: 1, hours: 1 })
    const q = order(2, { status: 'queued', technicianId: 1, queuePosition: 0, hours: 1, promised: at(D, '12:00') })
    const incoming = order(3, { hours: 3, promised: at(D, '17:30') })
    const input = board([cur, q, incoming])
    const front = previewDrop(input, now, 3, 1, 0)
    expect(front?.order.state).toBe('on_track')
    expect(front?.worsened.map((r) => r.orderId)).toEqual([2])
    const end = previewDrop(input, now, 3, 1)
    expect(end?.worsened).toEqual([])
    expect(end?.lane.map((r) => r.orderId)).toEqual([1, 2, 3])
  })
})

describe('incremental recomputation equals the full one', () => {
  it('changing one order and recomputing only its lanes gives the same risks as a full recomputation', () => {
    const now = at(D, '09:00')
    const techs = [tech, { ...tech, id: 2 }]
    const orders = [
      order(1, { status: 'in_progress', technicianId: 1, hours: 2 }),
      order(2, { status: 'queued', technicianId: 1, queuePosition: 0, hours: 2, promised: at(D, '13:00') }),
      order(3, { status: 'assigned', technicianId: 2, hours: 1 }),
      order(4, { hours: 3, promised: at(D, '12:00') })
    ]
    const prev = computeBoardRisk(board(orders, techs), now)
    // order 4 is dropped on technician 2's queue; order 1 overran
    const changed = orders.map((o) =>
      o.id === 4 ? { ...o, status: 'queued' as const, technicianId: 2, queuePosition: 0 } : o.id === 1 ? { ...o, jobLines: [{ hours: 5 }] } : o
    )
    const inc = updateBoardRisk(prev, board(changed, techs), [1, 4])
    const full = computeBoardRisk(board(changed, techs), now)
    expect([...inc.orders.entries()].sort()).toEqual([...full.orders.entries()].sort())
    expect([...inc.lanes.entries()].sort()).toEqual([...full.lanes.entries()].sort())
    // The same from the changed records and a lane lookup, without reading the whole board.
    const lookup = updateBoardRiskFor(
      prev,
      [1, 4].map((id) => ({ before: orders.find((o) => o.id === id), after: changed.find((o) => o.id === id) })),
      (t) => changed.filter((o) => o.technicianId === t)
    )
    expect([...lookup.orders.entries()].sort()).toEqual([...full.orders.entries()].sort())
    expect([...lookup.lanes.entries()].sort()).toEqual([...full.lanes.entries()].sort())
  })

  it('an order leaving the board takes its risk with it and re-projects the lane it left', () => {
    const now = at(D, '09:00')
    const orders = [order(1, { status: 'assigned', technicianId: 1, hours: 2 }), order(2, { status: 'queued', technicianId: 1, queuePosition: 0 })]
    const prev = computeBoardRisk(board(orders), now)
    const next = updateBoardRiskFor(prev, [{ before: orders[0], after: undefined }], () => [orders[1]])
    const full = computeBoardRisk(board([orders[1]]), now)
    expect(next.orders.has(1)).toBe(false)
    expect([...next.orders.entries()]).toEqual([...full.orders.entries()])
    expect([...next.lanes.entries()]).toEqual([...full.lanes.entries()])
  })
})

describe('needs attention: at-risk and late orders, newest problems first', () => {
  it('lists a late order after a freshly at-risk one', () => {
    const now = at(D, '11:00')
    const r = computeBoardRisk(board([order(1, { promised: at(D, '10:00') }), order(2, { hours: 2.3, promised: at(D, '14:00') }), order(3)]), now)
    expect(needsAttention(r).map((x) => [x.orderId, x.state])).toEqual([
      [2, 'at_risk'],
      [1, 'late']
    ])
  })
})

describe('risk properties', () => {
  const severity = { on_track: 0, at_risk: 1, late: 2 }
  const laneArb = fc.array(
    fc.record({ hours: fc.double({ min: 0.1, max: 8, noNaN: true }), promiseMin: fc.integer({ min: 0, max: 5 * 24 * 60 }) }),
    { minLength: 1, maxLength: 8 }
  )
  it('adding hours to one order never makes it or any order behind it safer (monotone)', () => {
    fc.assert(
      fc.property(laneArb, fc.nat(), fc.double({ min: 0.1, max: 6, noNaN: true }), fc.integer({ min: 0, max: 3 * 24 * 60 }), (jobs, pick, extra, nowMin) => {
        const base = at(D, '00:00')
        const now = base + nowMin * 60_000
        const k = pick % jobs.length
        const make = (add: number) =>
          jobs.map((j, i) =>
            order(i + 1, {
              status: i === 0 ? 'assigned' : 'queued',
              technicianId: 1,
              queuePosition: i === 0 ? null : i - 1,
              hours: j.hours + (i === k ? add : 0),
              promised: base + j.promiseMin * 60_000
            })
          )
        const before = computeBoardRisk(board(make(0)), now)
        const after = computeBoardRisk(board(make(extra)), now)
        for (let i = k; i < jobs.length; i++) {
          const b = before.orders.get(i + 1)!
          const a = after.orders.get(i + 1)!
          expect(severity[a.state]).toBeGreaterThanOrEqual(severity[b.state])
          if (a.projectedFinish !== null && b.projectedFinish !== null) expect(a.projectedFinish).toBeGreaterThanOrEqual(b.projectedFinish)
        }
      }),
      { numRuns: 200 }
    )
  })
})

describe('lane load: available hours left today against the labour still assigned', () => {
  it('at 10:00 with 1 h used of a 3 h job and a 2 h job queued: 6.5 h available, 4 h assigned', () => {
    const orders = [
      order(1, { status: 'in_progress', technicianId: 1, hours: 3, labour: { closedHours: 1, runningSince: null } }),
      order(2, { status: 'queued', technicianId: 1, queuePosition: 0, hours: 2 })
    ]
    expect(laneLoad(computeBoardRisk(board(orders), at(D, '10:00')), 1)).toEqual({ availableHours: 6.5, assignedHours: 4 })
  })
})
