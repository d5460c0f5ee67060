import { describe, expect, it } from 'vitest'
import { localInstant } from '../../../src/shared/domain/calendar'
import {
  firstTimeFixRate,
  isOnTime,
  labourEfficiency,
  onTimeRate,
  originalPromise,
  overlapHours,
  reportPeriod,
  share,
  stoppageHoursByReason,
  utilisation,
  wasToldInAdvance
} from '../../../src/shared/domain/kpi'

const H = 3_600_000
const at = (hhmm: string, date = '2026-11-25') => localInstant('Asia/Shanghai', date, hhmm)

describe('on time against the promise', () => {
  it('a car handed over exactly at the promised time is on time; a minute later is late', () => {
    expect(isOnTime(at('13:30'), at('13:30'))).toBe(true)
    expect(isOnTime(at('13:31'), at('13:30'))).toBe(false)
  })
  it('the original promise is the first one given; an order never revised has only its promise', () => {
    expect(originalPromise(at('17:00'), at('13:30'))).toBe(at('13:30'))
    expect(originalPromise(at('13:30'), null)).toBe(at('13:30'))
  })
  it('on-time rate is on-time deliveries over deliveries', () => {
    expect(onTimeRate(3, 4)).toBe(0.75)
    expect(onTimeRate(0, 5)).toBe(0)
  })
  it('with zero deliveries the rate is unknown (null), not 0 % or 100 %', () => {
    expect(onTimeRate(0, 0)).toBeNull()
    expect(share(0, 0)).toBeNull()
  })
})

describe('customers told in advance (预先通知客户)', () => {
  it('told before the original promise counts, even if only one of several calls was in time', () => {
    expect(wasToldInAdvance([at('11:00')], at('13:30'))).toBe(true)
    expect(wasToldInAdvance([at('14:00'), at('13:30')], at('13:30'))).toBe(true)
  })
  it('told only after the promise was already broken does not count; never told does not count', () => {
    expect(wasToldInAdvance([at('13:45')], at('13:30'))).toBe(false)
    expect(wasToldInAdvance([], at('13:30'))).toBe(false)
  })
})

describe('first-time-fix rate (一次修复率)', () => {
  it('first QC passes over orders inspected', () => {
    expect(firstTimeFixRate(9, 10)).toBe(0.9)
  })
  it('no QC record yet: nothing inspected, so no rate', () => {
    expect(firstTimeFixRate(0, 0)).toBeNull()
  })
})

describe('labour efficiency and utilisation', () => {
  it('efficiency is flat-rate hours over actual hours: 2.3 h booked done in 2.0 h is 115 %', () => {
    expect(labourEfficiency(2.3, 2.0)).toBeCloseTo(1.15, 10)
    expect(labourEfficiency(2, 4)).toBe(0.5)
  })
  it('efficiency without clocked hours is unknown', () => {
    expect(labourEfficiency(2.3, 0)).toBeNull()
  })
  it('utilisation is clocked hours over available hours (8 h shift minus 1 h lunch = 7 h)', () => {
    expect(utilisation(5.6, 7)).toBeCloseTo(0.8, 10)
    expect(utilisation(0, 7)).toBe(0)
    expect(utilisation(3, 0)).toBeNull()
  })
})

describe('stoppage hours by reason', () => {
  const from = at('00:00')
  const to = at('00:00', '2026-11-26')
  it('counts only the part inside the period', () => {
    expect(overlapHours(at('22:00', '2026-11-24'), at('02:00'), from, to)).toBe(2)
    expect(overlapHours(at('09:00'), at('10:30'), from, to)).toBe(1.5)
    expect(overlapHours(at('09:00', '2026-11-27'), at('10:00', '2026-11-27'), from, to)).toBe(0)
  })
  it('sums per reason, every reason present, an open stoppage counted up to now', () => {
    const now = at('15:00')
    const hours = stoppageHoursByReason(
      [
        { kind: 'parts', startedAt: at('09:00'), endedAt: at('11:00') },
        { kind: 'parts', startedAt: at('13:00'), endedAt: at('13:30') },
        { kind: 'sublet', startedAt: at('10:00'), endedAt: null },
        { kind: 'approval', startedAt: at('20:00', '2026-11-24'), endedAt: at('01:00') }
      ],
      from,
      to,
      now
    )
    expect(hours).toEqual({ parts: 2.5, sublet: 5, approval: 1, tools: 0, other: 0 })
  })
  it('no stoppages: zero hours for every reason', () => {
    expect(stoppageHoursByReason([], from, to, to)).toEqual({ parts: 0, sublet: 0, approval: 0, tools: 0, other: 0 })
  })
})

describe('report period in the workshop time zone', () => {
  it('dates are whole local days, `to` inclusive', () => {
    const p = reportPeriod('Asia/Shanghai', '2026-11-01', '2026-11-30')
    expect(p?.from).toBe(Date.parse('2026-10-31T16:00:00Z'))
    expect(p?.to).toBe(Date.parse('2026-11-30T16:00:00Z'))
    expect(p?.days).toHaveLength(30)
    expect(p?.days[0]).toEqual({ date: '2026-11-01', start: p?.from, end: Date.parse('2026-11-01T16:00:00Z') })
  })
  it('instants are taken as they are, `to` exclusive, partial first and last days', () => {
    const p = reportPeriod('Asia/Shanghai', '2026-11-25T02:00:00Z', '2026-11-26T02:00:00Z')
    expect(p?.days.map((d) => [d.date, (d.end - d.start) / H])).toEqual([
      ['2026-11-25', 14],
      ['2026-11-26', 10]
    ])
  })
  it('a day across a DST change has 23 hours', () => {
    const p = reportPeriod('Europe/Berlin', '2026-03-29', '2026-03-29')
    expect(p && (p.to - p.from) / H).toBe(23)
  })
  it('refuses an empty or reversed period and one longer than 400 days', () => {
    expect(reportPeriod('Asia/Shanghai', '2026-11-25', '2026-11-24')).toBeNull()
    expect(reportPeriod('Asia/Shanghai', '2025-01-01', '2026-02-04')).not.toBeNull() // 400 days
    expect(reportPeriod('Asia/Shanghai', '2025-01-01', '2026-02-05')).toBeNull()
  })
})
