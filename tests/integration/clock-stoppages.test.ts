import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import type { BoardSnapshot } from '../../src/main/services/board'
import type { BoardChanges } from '../../src/main/services/tx'
import type { StoppageListEntry } from '../../src/main/services/stoppages'
import type { ClockSegment } from '../../src/main/db/clock.repo'
import { hoursUsedAt } from '../../src/shared/domain/labour'
import { computeBoardRisk } from '../../src/shared/domain/risk'
import { harness, roInput, techInput, type Harness } from './helpers'

// Wednesday 2026-11-25 09:00 in Shanghai = 01:00Z
const T0 = Date.parse('2026-11-25T01:00:00Z')
const MIN = 60_000

let h: Harness | undefined
let now = T0
function setup(): Harness {
  now = T0
  h = harness(() => now)
  return h
}
afterEach(() => {
  h?.close()
  h = undefined
})

const sublet = {
  kind: 'sublet',
  vendor: '精工喷涂',
  workSent: 'Rear bumper for repaint',
  expectedReturnAt: '2026-11-25T06:00:00Z'
}
const report = { workDone: 'Replaced front pads', cause: 'Pads worn to 2 mm', fix: 'New pads, discs skimmed' }

function lane(hx: Harness, n: number): { tech: Technician; orders: RepairOrder[] } {
  const tech = hx.ok<Technician>('technician-create', techInput())
  const orders: RepairOrder[] = []
  for (let i = 0; i < n; i++) {
    const o = hx.ok<RepairOrder>('repair-order-create', roInput())
    orders.push(hx.ok<RepairOrder>('repair-order-assign', { id: o.id, technicianId: tech.id }))
  }
  return { tech, orders }
}
const get = (hx: Harness, id: number) => hx.ok<RepairOrder>('repair-order-get', { id })

describe('labour clock: start, pause with a stoppage, resume, finish', () => {
  it('start, pause with a sublet reason, resume and finish promote the next job; labour excludes the stoppage', () => {
    const hx = setup()
    const { orders } = lane(hx, 2)
    const [a, b] = orders
    expect(a.status).toBe('assigned')
    expect(b.status).toBe('queued')

    expect(hx.ok<RepairOrder>('repair-order-start', { id: a.id }).status).toBe('in_progress')
    now += 30 * MIN
    const paused = hx.ok<RepairOrder>('repair-order-pause', { id: a.id, stoppage: sublet })
    expect(paused.status).toBe('stopped')
    expect(paused.openStoppage).toMatchObject({ kind: 'sublet', details: { vendor: '精工喷涂', workSent: 'Rear bumper for repaint' } })
    expect(paused.openStoppage?.expectedEndAt).toBe('2026-11-25T06:00:00.000Z')
    expect(paused.labour).toEqual({ closedHours: 0.5, runningSince: null })

    const listed = hx.ok<StoppageListEntry[]>('stoppage-list', { kind: 'sublet' })
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ roNumber: a.roNumber, overdue: false, details: { vendor: '精工喷涂' } })

    now += 6 * 60 * MIN // past the expected return: overdue
    expect(hx.ok<StoppageListEntry[]>('stoppage-list', {})[0].overdue).toBe(true)

    const resumed = hx.ok<RepairOrder>('repair-order-resume', { id: a.id })
    expect(resumed.status).toBe('in_progress')
    expect(resumed.openStoppage).toBeNull()
    expect(hx.ok<StoppageListEntry[]>('stoppage-list', {})).toHaveLength(0)
    now += 15 * MIN
    expect(hoursUsedAt(get(hx, a.id).labour, now)).toBeCloseTo(0.75, 9)

    const finished = hx.ok<RepairOrder>('repair-order-finish', { id: a.id, report })
    expect(finished.status).toBe('awaiting_qc')
    expect(finished.labour).toEqual({ closedHours: 0.75, runningSince: null })
    expect(finished.technicianReport).toMatchObject(report)
    expect(get(hx, b.id).status).toBe('assigned')
  })

  it('finish requires the technician report', () => {
    const hx = setup()
    const { orders } = lane(hx, 1)
    hx.ok('repair-order-start', { id: orders[0].id })
    expect(hx.fail('repair-order-finish', { id: orders[0].id }).code).toBe('VALIDATION')
    expect(hx.fail('repair-order-finish', { id: orders[0].id, report: { ...report, cause: ' ' } }).code).toBe('VALIDATION')
    expect(get(hx, orders[0].id).status).toBe('in_progress')
  })

  it('pause always needs a reason with its details', () => {
    const hx = setup()
    const { orders } = lane(hx, 1)
    hx.ok('repair-order-start', { id: orders[0].id })
    expect(hx.fail('repair-order-pause', { id: orders[0].id }).code).toBe('VALIDATION')
    expect(hx.fail('repair-order-pause', { id: orders[0].id, stoppage: { kind: 'sublet', vendor: 'X' } }).code).toBe('VALIDATION')
    expect(hx.fail('repair-order-pause', { id: orders[0].id, stoppage: { kind: 'weather' } }).code).toBe('VALIDATION')
  })

  it('each command writes exactly one audit row and one change event', () => {
    const hx = setup()
    const { orders } = lane(hx, 2)
    const events: BoardChanges[] = []
    hx.core.subscribe((c) => events.push(c))
    const before = hx.counts().audit
    hx.ok('repair-order-start', { id: orders[0].id })
    hx.ok('repair-order-pause', { id: orders[0].id, stoppage: { kind: 'parts', parts: 'Brake discs', expectedArrivalAt: '2026-11-25T05:00:00Z' } })
    hx.ok('repair-order-park', { id: orders[0].id })
    expect(hx.counts().audit).toBe(before + 3)
    expect(events.map((e) => e.command)).toEqual(['repair-order-start', 'repair-order-pause', 'repair-order-park'])
    const parkEvent = events[2]
    expect(parkEvent.orders.map((o) => o.id).sort()).toEqual([orders[0].id, orders[1].id].sort())
    expect(parkEvent.orders.find((o) => o.id === orders[0].id)?.openStoppage?.kind).toBe('parts')
  })
})

describe('refused arrows write nothing', () => {
  it('start of a queued order, pause of an assigned one, resume of a running one, park twice, finish of a stopped one', () => {
    const hx = setup()
    const { orders } = lane(hx, 2)
    const [a, b] = orders
    const snapshot = () => ({ ...hx.counts(), segs: hx.db.prepare('SELECT count(*) n FROM clock_segments').get(), st: hx.db.prepare('SELECT count(*) n FROM stoppages').get() })
    const s0 = snapshot()
    expect(hx.fail('repair-order-start', { id: b.id }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-pause', { id: a.id, stoppage: sublet }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-resume', { id: a.id }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-park', { id: a.id }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-finish', { id: a.id, report }).code).toBe('ILLEGAL_TRANSITION')
    expect(snapshot()).toEqual(s0)
    hx.ok('repair-order-start', { id: a.id })
    hx.ok('repair-order-pause', { id: a.id, stoppage: sublet })
    hx.ok('repair-order-park', { id: a.id })
    const s1 = snapshot()
    expect(hx.fail('repair-order-park', { id: a.id }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-finish', { id: a.id, report }).code).toBe('ILLEGAL_TRANSITION')
    expect(hx.fail('repair-order-start', { id: a.id }).code).toBe('ILLEGAL_TRANSITION')
    expect(snapshot()).toEqual(s1)
  })
})

describe('park frees the technician; the parked order comes back to the front of the queue', () => {
  it('park promotes the next job; resume puts the parked order at the front, ahead of the rest', () => {
    const hx = setup()
    const { tech, orders } = lane(hx, 3)
    const [a, b, c] = orders
    hx.ok('repair-order-start', { id: a.id })
    hx.ok('repair-order-pause', { id: a.id, stoppage: { kind: 'parts', parts: 'Brake discs', expectedArrivalAt: null } })
    const parked = hx.ok<RepairOrder>('repair-order-park', { id: a.id })
    expect(parked).toMatchObject({ status: 'stopped', parked: true, technicianId: tech.id })
    expect(get(hx, b.id).status).toBe('assigned')
    expect(get(hx, c.id)).toMatchObject({ status: 'queued' })

    hx.ok('repair-order-start', { id: b.id })
    const back = hx.ok<RepairOrder>('repair-order-resume', { id: a.id })
    expect(back).toMatchObject({ status: 'queued', parked: false, openStoppage: null })
    // ahead of the rest: a lower rank than c's (queue positions are ranks, shared/domain/queue-slot.ts)
    expect(back.queuePosition!).toBeLessThan(get(hx, c.id).queuePosition!)
    expect(get(hx, c.id).status).toBe('queued')

    hx.ok('repair-order-finish', { id: b.id, report })
    expect(get(hx, a.id).status).toBe('assigned')
    expect(get(hx, c.id)).toMatchObject({ status: 'queued' })
  })

  it('a parked order whose technician is free moves straight into the slot when resumed', () => {
    const hx = setup()
    const { orders } = lane(hx, 1)
    const [a] = orders
    hx.ok('repair-order-start', { id: a.id })
    hx.ok('repair-order-pause', { id: a.id, stoppage: { kind: 'approval' } })
    hx.ok('repair-order-park', { id: a.id })
    expect(hx.ok<RepairOrder>('repair-order-resume', { id: a.id }).status).toBe('assigned')
  })
})

describe('stoppage update and clock edits', () => {
  it('a new expected arrival moves the projected finish; the kind cannot change', () => {
    const hx = setup()
    const { orders } = lane(hx, 1)
    const [a] = orders
    hx.ok('repair-order-start', { id: a.id })
    const p = hx.ok<RepairOrder>('repair-order-pause', { id: a.id, stoppage: { kind: 'parts', parts: 'Pads', expectedArrivalAt: '2026-11-25T03:00:00Z' } })
    const sid = p.openStoppage?.id as number
    expect(hx.fail('stoppage-update', { stoppageId: sid, details: { kind: 'other', text: 'x' } }).code).toBe('STOPPAGE_KIND_CHANGE')
    hx.ok('stoppage-update', { stoppageId: sid, details: { kind: 'parts', parts: 'Pads', expectedArrivalAt: '2026-11-26T01:00:00Z' } })
    const board = hx.ok<BoardSnapshot>('board-get')
    const risk = computeBoardRisk(board, now).orders.get(a.id)
    // parts arrive tomorrow 09:00 local: the remaining 1.0 h cannot run before then
    expect(risk?.projectedStart).toBe(Date.parse('2026-11-26T01:00:00Z'))
    hx.ok('repair-order-resume', { id: a.id })
    expect(hx.fail('stoppage-update', { stoppageId: sid, details: { kind: 'parts', parts: 'Pads' } }).code).toBe('STOPPAGE_CLOSED')
  })

  it('the dispatcher edits a clock segment with a reason; the edit is audited and checked', () => {
    const hx = setup()
    const { orders } = lane(hx, 1)
    const [a] = orders
    hx.ok('repair-order-start', { id: a.id })
    now += 60 * MIN
    hx.ok('repair-order-pause', { id: a.id, stoppage: { kind: 'tools', equipment: 'Lift 3' } })
    now += 30 * MIN
    const [seg] = hx.ok<ClockSegment[]>('clock-segment-list', { id: a.id })
    expect(hx.fail('clock-segment-edit', { segmentId: seg.id, startedAt: seg.startedAt, endedAt: seg.endedAt }).code).toBe('VALIDATION')
    expect(
      hx.fail('clock-segment-edit', { segmentId: seg.id, startedAt: seg.startedAt, endedAt: '2026-11-25T00:00:00Z', reason: 'x' }).code
    ).toBe('CLOCK_EDIT_INVALID')
    const audit = hx.counts().audit
    const edited = hx.ok<ClockSegment>('clock-segment-edit', {
      segmentId: seg.id,
      startedAt: seg.startedAt,
      endedAt: '2026-11-25T01:45:00Z',
      reason: 'Technician forgot to clock off before lunch'
    })
    expect(edited.editReason).toBe('Technician forgot to clock off before lunch')
    expect(hx.counts().audit).toBe(audit + 1)
    expect(get(hx, a.id).labour.closedHours).toBeCloseTo(0.75, 9)
    const row = hx.ok<{ command: string; after: { clockSegment: { reason: string } } }[]>('audit-list', { limit: 1 })[0]
    expect(row.command).toBe('clock-segment-edit')
    expect(row.after.clockSegment.reason).toBe('Technician forgot to clock off before lunch')
    const err = hx.fail('clock-segment-edit', { segmentId: seg.id, startedAt: '2026-11-25T02:00:00Z', endedAt: '2026-11-25T01:45:00Z', reason: 'x' })
    expect(err.message.en).toContain('the end must come after the start')
    expect(err.message.zh).toContain('结束时间必须晚于开始时间')
  })
})

describe('cancelling a running or stopped order', () => {
  it('stops its clock and closes its stoppage, and the next job moves up', () => {
    const hx = setup()
    const { orders } = lane(hx, 2)
    const [a, b] = orders
    hx.ok('repair-order-start', { id: a.id })
    now += 30 * MIN
    hx.ok('repair-order-pause', { id: a.id, stoppage: sublet })
    hx.ok('repair-order-cancel', { id: a.id, reason: 'Customer took the car away' })
    expect(hx.ok<StoppageListEntry[]>('stoppage-list', {})).toHaveLength(0)
    expect(get(hx, a.id)).toMatchObject({ status: 'cancelled', labour: { closedHours: 0.5, runningSince: null }, openStoppage: null })
    expect(get(hx, b.id).status).toBe('assigned')
    hx.ok('repair-order-start', { id: b.id })
    now += 15 * MIN
    hx.ok('repair-order-cancel', { id: b.id, reason: 'Customer declined the estimate' })
    now += 60 * MIN
    expect(hoursUsedAt(get(hx, b.id).labour, now)).toBe(0.25)
  })
})

describe('migration 002 on a file from schema 1', () => {
  it('keeps existing orders and gives them an empty clock, their promise as original, and the default calendar', async () => {
    const { default: Database } = await import('better-sqlite3')
    const { up } = await import('../../src/main/db/migrations/001-initial')
    const { openDatabase } = await import('../../src/main/db/open')
    const { getRepairOrder } = await import('../../src/main/db/repair-orders.repo')
    const { readCalendar } = await import('../../src/main/db/calendar.repo')
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'wdb-m002-'))
    try {
      const file = join(dir, 'v1.db')
      const old = new Database(file)
      up(old)
      old.pragma('user_version = 1')
      old.prepare(
        `INSERT INTO repair_orders (ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, status, created_at, updated_at)
         VALUES ('RO-OLD', 'A1', 'M', 'C', '13800138000', 'SA', ?, 'waiting', 0, 0)`
      ).run(T0)
      old.close()
      const db = openDatabase(file)
      const o = getRepairOrder(db, 1)
      expect(o).toMatchObject({ labour: { closedHours: 0, runningSince: null }, openStoppage: null, technicianReport: null })
      expect(o?.promise).toEqual({ originalPromisedAt: new Date(T0).toISOString(), notificationCount: 0, lastNotification: null })
      expect(readCalendar(db)).toMatchObject({ timeZone: 'Asia/Shanghai', settlementHours: 0.2, lunch: { start: '12:00', end: '13:00' }, daysOff: [] })
      expect(readCalendar(db).weekHours.map((d) => d?.start ?? null)).toEqual([null, '08:30', '08:30', '08:30', '08:30', '08:30', '08:30'])
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('tell the customer early', () => {
  it('a notification keeps the original promise, moves the promise and survives closing and reopening the file', () => {
    const hx = setup()
    const o = hx.ok<RepairOrder>('repair-order-create', roInput({ promisedAt: '2026-11-25T05:30:00Z' }))
    hx.ok('customer-notification-record', { id: o.id, revisedPromisedAt: '2026-11-25T08:00:00Z', channel: 'wechat', toldBy: '孙丽' })
    now += 10 * MIN
    hx.ok('customer-notification-record', { id: o.id, revisedPromisedAt: '2026-11-25T09:00:00Z', channel: 'phone', toldBy: '孙丽', note: 'Parts late' })
    hx.reopen()
    const after = get(hx, o.id)
    expect(after.promisedAt).toBe('2026-11-25T09:00:00.000Z')
    expect(after.promise.originalPromisedAt).toBe('2026-11-25T05:30:00.000Z')
    expect(after.promise.notificationCount).toBe(2)
    expect(after.promise.lastNotification).toMatchObject({ channel: 'phone', toldBy: '孙丽', note: 'Parts late', previousPromisedAt: '2026-11-25T08:00:00.000Z' })
    const list = hx.ok<{ channel: string; toldAt: string }[]>('customer-notification-list', { id: o.id })
    expect(list.map((n) => n.channel)).toEqual(['wechat', 'phone'])
    expect(list[0].toldAt).toBe(new Date(T0).toISOString())
    expect(hx.fail('customer-notification-record', { id: o.id, revisedPromisedAt: 'tomorrow', channel: 'phone', toldBy: 'x' }).code).toBe('VALIDATION')
    expect(hx.fail('customer-notification-record', { id: o.id, revisedPromisedAt: '2026-11-25T09:00:00Z', channel: 'fax', toldBy: 'x' }).code).toBe('VALIDATION')
  })
})

describe('calendar and attendance', () => {
  it('calendar-update and technician-attendance-set are audited, pushed and in the board snapshot', () => {
    const hx = setup()
    const tech = hx.ok<Technician>('technician-create', techInput())
    const events: BoardChanges[] = []
    hx.core.subscribe((c) => events.push(c))
    hx.ok('calendar-update', { daysOff: ['2026-12-01', '2026-11-30', '2026-12-01'], settlementHours: 0.25 })
    hx.ok('technician-attendance-set', { technicianId: tech.id, date: '2026-11-25', kind: 'leaves_early', leavesAt: '15:00' })
    expect(hx.fail('technician-attendance-set', { technicianId: tech.id, date: '2026-11-25', kind: 'leaves_early' }).code).toBe('VALIDATION')
    expect(hx.fail('technician-attendance-set', { technicianId: tech.id, date: '2026-02-30', kind: 'absent' }).code).toBe('VALIDATION')
    expect(hx.fail('calendar-update', { timeZone: 'Mars/Olympus' }).code).toBe('VALIDATION')
    expect(events.map((e) => e.command)).toEqual(['calendar-update', 'technician-attendance-set'])
    expect(events[1].calendar?.attendance).toHaveLength(1)
    const board = hx.ok<BoardSnapshot>('board-get')
    expect(board.calendar.daysOff).toEqual(['2026-11-30', '2026-12-01'])
    expect(board.calendar.settlementHours).toBe(0.25)
    expect(board.calendar.weekHours[0]).toBeNull()
    expect(board.attendance).toEqual([expect.objectContaining({ technicianId: tech.id, kind: 'leaves_early', leavesAt: '15:00' })])
  })
})

describe('a stoppage never counts as labour (property, on a real core)', () => {
  it('hours used == the sum of in-progress intervals for random start/pause/resume sequences', () => {
    const hx = setup()
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('pause', 'resume', 'wait'), fc.integer({ min: 1, max: 240 })), { maxLength: 25 }), (steps) => {
        // a fresh technician and order for each run
        const id = lane(hx, 1).orders[0].id
        hx.ok('repair-order-start', { id })
        let running = true
        let expectedMs = 0
        for (const [step, minutes] of steps) {
          now += minutes * MIN
          if (running) expectedMs += minutes * MIN
          if (step === 'pause' && running) {
            hx.ok('repair-order-pause', { id, stoppage: { kind: 'other', text: 'property' } })
            running = false
          } else if (step === 'resume' && !running) {
            hx.ok('repair-order-resume', { id })
            running = true
          } else if (step === 'pause' || step === 'resume') {
            expect(hx.call(step === 'pause' ? 'repair-order-pause' : 'repair-order-resume', step === 'pause' ? { id, stoppage: { kind: 'other', text: 'p' } } : { id }).ok).toBe(false)
          }
        }
        const used = hoursUsedAt(get(hx, id).labour, now)
        expect(used).toBeCloseTo(expectedMs / 3_600_000, 6)
      }),
      { numRuns: 40 }
    )
  })
})
