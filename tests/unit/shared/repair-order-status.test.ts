import { describe, expect, it } from 'vitest'
import {
  holdsCurrentSlot,
  isMovable,
  nextStatus,
  type RepairOrderEvent,
  type StatusPosition
} from '../../../src/shared/domain/repair-order-status'
import { REPAIR_ORDER_STATUSES, type RepairOrderStatus } from '../../../src/shared/domain/types'

const EVENTS: RepairOrderEvent[] = [
  { type: 'assign', slotFree: true },
  { type: 'assign', slotFree: false },
  { type: 'promote' },
  { type: 'unassign' },
  { type: 'start' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'park' },
  { type: 'finish' },
  { type: 'qc-pass' },
  { type: 'qc-fail' },
  { type: 'deliver' },
  { type: 'cancel' }
]
const label = (e: RepairOrderEvent): string => (e.type === 'assign' ? `assign(slotFree=${e.slotFree})` : e.type)
const at = (status: RepairOrderStatus, parked = false): StatusPosition => ({ status, parked })

/** model.md's arrows, written out as the rule book has them: position -> event -> where it goes. */
const ARROWS: Record<string, Record<string, string>> = {
  waiting: { 'assign(slotFree=true)': 'assigned', 'assign(slotFree=false)': 'queued', cancel: 'cancelled' },
  queued: { promote: 'assigned', unassign: 'waiting', cancel: 'cancelled' },
  assigned: { unassign: 'waiting', start: 'in_progress', cancel: 'cancelled' },
  in_progress: { pause: 'stopped', finish: 'awaiting_qc', cancel: 'cancelled' },
  stopped: { resume: 'in_progress', park: 'stopped (parked)', cancel: 'cancelled' },
  'stopped (parked)': { resume: 'queued', cancel: 'cancelled' },
  awaiting_qc: { 'qc-pass': 'ready', 'qc-fail': 'queued', cancel: 'cancelled' },
  ready: { deliver: 'delivered', cancel: 'cancelled' },
  delivered: {},
  cancelled: {}
}

const POSITIONS: StatusPosition[] = [
  ...REPAIR_ORDER_STATUSES.map((s) => at(s)),
  at('stopped', true)
]
const name = (p: StatusPosition): string => (p.parked ? `${p.status} (parked)` : p.status)

function outcome(from: StatusPosition, e: RepairOrderEvent): string | null {
  const r = nextStatus(from, e)
  return r.ok ? name(r.to) : null
}

describe('the only arrows of model.md (every position x every event)', () => {
  for (const from of POSITIONS) {
    describe(`from ${name(from)}`, () => {
      it('allows exactly the arrows of model.md', () => {
        const allowed: Record<string, string> = {}
        for (const e of EVENTS) {
          const to = outcome(from, e)
          if (to !== null) allowed[label(e)] = to
        }
        expect(allowed).toEqual(ARROWS[name(from)])
      })
      for (const e of EVENTS) {
        const expected = ARROWS[name(from)][label(e)]
        if (expected === undefined) {
          it(`refuses ${label(e)}, naming the status and the event`, () => {
            expect(nextStatus(from, e)).toEqual({ ok: false, from: from.status, event: e.type })
          })
        } else {
          it(`${label(e)} -> ${expected}`, () => {
            expect(outcome(from, e)).toBe(expected)
          })
        }
      }
    })
  }
})

describe('a drop on a lane', () => {
  it('makes the order the current order when the slot is free', () => {
    expect(nextStatus(at('waiting'), { type: 'assign', slotFree: true })).toEqual({ ok: true, to: at('assigned') })
  })
  it('puts the order in the next-job queue when the technician is busy', () => {
    expect(nextStatus(at('waiting'), { type: 'assign', slotFree: false })).toEqual({ ok: true, to: at('queued') })
  })
  it('cannot re-assign an order that is already on a lane (it goes back through the pool)', () => {
    expect(nextStatus(at('queued'), { type: 'assign', slotFree: true }).ok).toBe(false)
    expect(nextStatus(at('assigned'), { type: 'assign', slotFree: true }).ok).toBe(false)
  })
})

describe('parking a stopped order', () => {
  it('parks only a stopped order that is not yet parked', () => {
    expect(nextStatus(at('stopped'), { type: 'park' })).toEqual({ ok: true, to: at('stopped', true) })
    expect(nextStatus(at('stopped', true), { type: 'park' }).ok).toBe(false)
    for (const s of REPAIR_ORDER_STATUSES.filter((x) => x !== 'stopped')) {
      expect(nextStatus(at(s), { type: 'park' }).ok, s).toBe(false)
    }
  })
  it('a parked order whose stoppage ends goes back to the queue, not back to work', () => {
    expect(nextStatus(at('stopped', true), { type: 'resume' })).toEqual({ ok: true, to: at('queued') })
  })
  it('a stopped order still in the slot resumes work', () => {
    expect(nextStatus(at('stopped'), { type: 'resume' })).toEqual({ ok: true, to: at('in_progress') })
  })
})

describe('cancelling', () => {
  it('is allowed from every state before delivered', () => {
    for (const p of POSITIONS.filter((x) => x.status !== 'delivered' && x.status !== 'cancelled')) {
      expect(nextStatus(p, { type: 'cancel' }), name(p)).toEqual({ ok: true, to: at('cancelled') })
    }
  })
  it('is refused once delivered or already cancelled', () => {
    expect(nextStatus(at('delivered'), { type: 'cancel' }).ok).toBe(false)
    expect(nextStatus(at('cancelled'), { type: 'cancel' }).ok).toBe(false)
  })
})

describe('history is final', () => {
  for (const s of ['delivered', 'cancelled'] as const) {
    it(`nothing moves an order out of ${s}`, () => {
      for (const e of EVENTS) expect(nextStatus(at(s), e).ok, label(e)).toBe(false)
    })
  }
})

describe('QC outcome', () => {
  it('a pass makes the car ready, a fail sends it back to the queue for rework', () => {
    expect(outcome(at('awaiting_qc'), { type: 'qc-pass' })).toBe('ready')
    expect(outcome(at('awaiting_qc'), { type: 'qc-fail' })).toBe('queued')
  })
  it('finish is only possible while the clock runs', () => {
    for (const p of POSITIONS) expect(outcome(p, { type: 'finish' }) !== null, name(p)).toBe(p.status === 'in_progress')
  })
})

describe('the current slot (one per technician)', () => {
  it('is held by assigned, in progress and stopped-not-parked orders only', () => {
    const holders = POSITIONS.filter(holdsCurrentSlot).map(name)
    expect(holders).toEqual(['assigned', 'in_progress', 'stopped'])
  })
})

describe('dragging', () => {
  it('only waiting, queued and assigned orders can be dragged', () => {
    expect(POSITIONS.filter(isMovable).map(name)).toEqual(['waiting', 'queued', 'assigned'])
  })
})
