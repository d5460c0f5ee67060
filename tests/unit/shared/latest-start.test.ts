import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_CALENDAR, WorkingTime, localInstant, type WorkshopCalendar } from '../../../src/shared/domain/calendar'
import { latestFinish, latestStart } from '../../../src/shared/domain/latest-start'

const tz = 'Asia/Shanghai'
// 2026-11-25 is a Wednesday; 2026-11-29 a Sunday.
const at = (date: string, hhmm: string): number => localInstant(tz, date, hhmm)
const workshop = (c: Partial<WorkshopCalendar> = {}) => new WorkingTime({ ...DEFAULT_CALENDAR, ...c }).workshop

describe('latest start = promise − flat-rate hours − non-working time in the window − settlement', () => {
  it('the worked example: promised 13:30, 2.3 h, lunch 12:00-13:00, settlement 0.2 h -> 10:00 exactly', () => {
    expect(latestStart(workshop(), at('2026-11-25', '13:30'), 2.3, 0.2)).toBe(at('2026-11-25', '10:00'))
  })

  it('lunch outside the window is not subtracted: promised 11:30, 1.0 h, settlement 0.2 h -> 10:18', () => {
    expect(latestStart(workshop(), at('2026-11-25', '11:30'), 1.0, 0.2)).toBe(at('2026-11-25', '10:18'))
  })

  it('lunch after the window is not subtracted: promised 17:00, 2.0 h, settlement 0.5 h -> 14:30', () => {
    expect(latestStart(workshop(), at('2026-11-25', '17:00'), 2.0, 0.5)).toBe(at('2026-11-25', '14:30'))
  })

  it('the window spans the night: promised 09:30, 2 h, settlement 0 -> 16:30 the day before', () => {
    expect(latestStart(workshop(), at('2026-11-25', '09:30'), 2, 0)).toBe(at('2026-11-24', '16:30'))
  })

  it('the window spans a Sunday: promised Monday 09:00, 1.5 h, settlement 0 -> Saturday 16:30', () => {
    expect(latestStart(workshop(), at('2026-11-30', '09:00'), 1.5, 0)).toBe(at('2026-11-28', '16:30'))
  })

  it('the window spans a day off: Tuesday closed, promised Wednesday 09:30, 2 h, settlement 0 -> Monday 16:30', () => {
    expect(latestStart(workshop({ daysOff: ['2026-11-24'] }), at('2026-11-25', '09:30'), 2, 0)).toBe(at('2026-11-23', '16:30'))
  })

  it('a promise after closing time counts back from the end of the shift: promised 19:00, 1 h, settlement 0.2 -> 16:18', () => {
    expect(latestStart(workshop(), at('2026-11-25', '19:00'), 1, 0.2)).toBe(at('2026-11-25', '16:18'))
  })

  it('latest finish is the promise minus settlement time: 13:30 - 0.2 h -> 13:18', () => {
    expect(latestFinish(workshop(), at('2026-11-25', '13:30'), 0.2)).toBe(at('2026-11-25', '13:18'))
  })

  it('a calendar without working days has no latest start', () => {
    expect(latestStart(workshop({ weekHours: [null, null, null, null, null, null, null] }), at('2026-11-25', '13:30'), 1, 0.2)).toBeNull()
  })
})

describe('latest start properties', () => {
  const base = at('2026-11-25', '00:00')
  const promise = fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => base + m * 60_000)
  const hours = fc.double({ min: 0, max: 40, noNaN: true })
  const settlement = fc.double({ min: 0, max: 2, noNaN: true })

  it('latest start is never after the promise', () => {
    const w = workshop()
    fc.assert(
      fc.property(promise, hours, settlement, (p, h, s) => {
        const ls = latestStart(w, p, h, s)
        expect(ls).not.toBeNull()
        expect(ls as number).toBeLessThanOrEqual(p)
      })
    )
  })

  it('more flat-rate hours never give a later latest start (monotone)', () => {
    const w = workshop()
    fc.assert(
      fc.property(promise, hours, hours, settlement, (p, h1, h2, s) => {
        const [lo, hi] = h1 <= h2 ? [h1, h2] : [h2, h1]
        expect(latestStart(w, p, hi, s) as number).toBeLessThanOrEqual(latestStart(w, p, lo, s) as number)
      })
    )
  })
})
