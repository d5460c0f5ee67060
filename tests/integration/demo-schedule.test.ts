import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BoardSnapshot } from '../../src/main/services/board'
import { computeBoardRisk } from '../../src/shared/domain/risk'
import { localDateOf, localTimeOf } from '../../src/shared/domain/calendar'
import { harness, type Harness } from './helpers'

// Wednesday 10:00 in Shanghai: the demo's promises fall in today's working hours.
const NOW = Date.parse('2026-11-25T02:00:00Z')
let h: Harness
beforeEach(() => {
  h = harness(() => NOW)
})
afterEach(() => h.close())

describe('the demo workshop shows the promise features (issue 3)', () => {
  it('has work running, a parts stoppage parked, a sublet out and orders at risk, all in one audited change', () => {
    h.ok('workshop-load-demo')
    // One audit row for the demo day (its past weeks have their own, demo-history.test.ts).
    expect(
      h.db.prepare(`SELECT count(*) AS n FROM audit_log a JOIN audit_commands c ON c.id = a.command_id WHERE c.name = 'workshop-load-demo'`).get()
    ).toEqual({ n: 1 })
    const board = h.ok<BoardSnapshot>('board-get')
    const running = board.orders.filter((o) => o.status === 'in_progress')
    expect(running.length).toBeGreaterThanOrEqual(2)
    expect(running.some((o) => o.labour.runningSince !== null && Date.parse(o.labour.runningSince) < NOW)).toBe(true)
    const parked = board.orders.find((o) => o.status === 'stopped' && o.parked)
    expect(parked?.openStoppage?.kind).toBe('parts')
    const sublet = board.orders.find((o) => o.openStoppage?.kind === 'sublet')
    expect(sublet?.status).toBe('stopped')
    expect(sublet?.openStoppage?.expectedEndAt).not.toBeNull()
    const risk = computeBoardRisk(board, NOW)
    expect([...risk.orders.values()].some((r) => r.state === 'at_risk')).toBe(true)
    // one technician, one order in the slot: the parked one does not count
    for (const t of board.technicians) {
      const slot = board.orders.filter((o) => o.technicianId === t.id && (o.status === 'assigned' || o.status === 'in_progress' || (o.status === 'stopped' && !o.parked)))
      expect(slot.length).toBeLessThanOrEqual(1)
    }
  })
})

describe('the demo loaded outside working hours', () => {
  it('promises its cars within the next working hours, so the board is not all late before the shop opens', () => {
    // Thursday 00:26 in Shanghai: a new user trying the board at night.
    const NIGHT = Date.parse('2026-11-25T16:26:00Z')
    const night = harness(() => NIGHT)
    try {
      night.ok('workshop-load-demo')
      const board = night.ok<BoardSnapshot>('board-get')
      const tz = board.settings.timeZone
      // The demo day's 30 orders; yesterday's last three cars (awaiting QC, ready) come from its past weeks.
      const today = board.orders.filter((o) => o.status !== 'awaiting_qc' && o.status !== 'ready')
      expect(today).toHaveLength(30)
      for (const o of today) {
        // Numbered with the workshop's date (Thursday 26th there; UTC still says the 25th).
        expect(o.roNumber).toMatch(/^RO261126-\d{3}$/)
        const at = Date.parse(o.promisedAt)
        expect(['2026-11-26', '2026-11-27'], o.roNumber).toContain(localDateOf(tz, at))
        const hhmm = localTimeOf(tz, at)
        expect(hhmm >= '08:30' && hhmm <= '17:30', `${o.roNumber} promised at ${hhmm}`).toBe(true)
      }
      const states = [...computeBoardRisk(board, NIGHT).orders.values()].map((r) => r.state)
      // A realistic mix, as in the day: most cars can still make it, some are at risk.
      expect(states.filter((s) => s === 'on_track').length).toBeGreaterThan(states.length / 2)
      expect(states).toContain('at_risk')
    } finally {
      night.close()
    }
  })
})
