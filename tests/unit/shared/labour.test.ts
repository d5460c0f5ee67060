import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { REMAINING_FLOOR_HOURS, hoursUsedAt, labourHours, labourUsage, remainingHours } from '../../../src/shared/domain/labour'

const H = 3_600_000
const t0 = Date.parse('2026-11-25T01:00:00Z')

describe('labour time = the sum of in-progress intervals only', () => {
  it('two closed segments with a stoppage between: 1.5 h', () => {
    expect(labourHours([{ startedAt: t0, endedAt: t0 + H }, { startedAt: t0 + 3 * H, endedAt: t0 + 3.5 * H }], t0 + 10 * H)).toBe(1.5)
  })
  it('the running segment counts up to now', () => {
    expect(labourHours([{ startedAt: t0, endedAt: null }], t0 + 0.25 * H)).toBe(0.25)
  })
  it("the board's clock (closed hours + running since) gives the same", () => {
    expect(hoursUsedAt({ closedHours: 1.5, runningSince: new Date(t0).toISOString() }, t0 + 0.5 * H)).toBe(2)
    expect(hoursUsedAt({ closedHours: 1.5, runningSince: null }, t0 + 99 * H)).toBe(1.5)
  })
  it('property: gaps between segments (stoppages) never add labour', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 })), { maxLength: 20 }), (pairs) => {
        let t = t0
        let work = 0
        const segs = pairs.map(([run, stop]) => {
          const s = { startedAt: t, endedAt: t + run * 60_000 }
          work += run
          t += (run + stop) * 60_000
          return s
        })
        expect(labourHours(segs, t + 1e9)).toBeCloseTo(work / 60, 9)
      })
    )
  })
})

describe('remaining hours = flat-rate − used, with a floor', () => {
  it('2.3 h flat, 1 h used: 1.3 h left', () => expect(remainingHours(2.3, 1)).toBeCloseTo(1.3, 9))
  it('an overrun job still has the floor left', () => expect(remainingHours(1, 1.5)).toBe(REMAINING_FLOOR_HOURS))
})

describe('card colour: green, amber past 80 %, red when over', () => {
  it('0.8 of 1 h is green, 0.81 amber, 1.01 red', () => {
    expect(labourUsage(0.8, 1)).toBe('green')
    expect(labourUsage(0.81, 1)).toBe('amber')
    expect(labourUsage(1, 1)).toBe('amber')
    expect(labourUsage(1.01, 1)).toBe('red')
  })
})
