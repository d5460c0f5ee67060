import { describe, expect, it } from 'vitest'
import type { TFunction } from 'i18next'
import type { OrderRisk } from '../../../src/shared/domain/risk'
import { riskTitle, shortTime, stoppageElapsed } from '../../../src/renderer/src/features/schedule/schedule-format'

const NOW = Date.parse('2026-11-25T02:00:00.000Z') // 10:00 in Shanghai
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString()

describe('stoppage timer on a card: minutes under an hour, h:mm from an hour on', () => {
  it('counts whole minutes', () => {
    expect(stoppageElapsed(minutesAgo(42), NOW)).toEqual({ minutes: 42, hm: null })
    expect(stoppageElapsed(minutesAgo(0.5), NOW)).toEqual({ minutes: 0, hm: null })
  })
  it('switches to h:mm at 60 minutes, minutes padded', () => {
    expect(stoppageElapsed(minutesAgo(60), NOW).hm).toBe('1:00')
    expect(stoppageElapsed(minutesAgo(65), NOW).hm).toBe('1:05')
    expect(stoppageElapsed(minutesAgo(26 * 60 + 30), NOW).hm).toBe('26:30')
  })
  it('never shows a negative time when clocks disagree', () => {
    expect(stoppageElapsed(minutesAgo(-5), NOW).minutes).toBe(0)
  })
})

describe('short times are read in the workshop zone', () => {
  it('shows HH:mm today and MM-dd HH:mm on another day', () => {
    expect(shortTime(Date.parse('2026-11-25T05:30:00.000Z'), 'Asia/Shanghai', NOW)).toBe('13:30')
    expect(shortTime(Date.parse('2026-11-24T08:48:00.000Z'), 'Asia/Shanghai', NOW)).toBe('11-24 16:48')
    // 17:00 UTC is already the next day in Shanghai
    expect(shortTime(Date.parse('2026-11-25T17:00:00.000Z'), 'Asia/Shanghai', NOW)).toBe('11-26 01:00')
  })
})

describe('risk hover text', () => {
  const t = ((key: string) => key) as unknown as TFunction
  const risk = (state: OrderRisk['state'], reason: OrderRisk['reason']) => ({ state, reason }) as OrderRisk
  it('is empty on track and names state and reason otherwise', () => {
    expect(riskTitle(t, undefined)).toBe('')
    expect(riskTitle(t, risk('on_track', null))).toBe('')
    expect(riskTitle(t, risk('late', 'promise_passed'))).toBe('schedule.risk.late: schedule.riskReason.promise_passed')
  })
})
