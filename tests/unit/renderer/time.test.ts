import { describe, expect, it } from 'vitest'
import { availableHours, formatPromised, fromLocalInput, toLocalInput } from '../../../src/renderer/src/i18n/time'

const SH = 'Asia/Shanghai'

describe('promised time on a card, read in the workshop zone', () => {
  const now = Date.parse('2026-11-25T02:00:00Z') // 10:00 in Shanghai
  it('shows HH:mm for today', () => {
    expect(formatPromised('2026-11-25T06:30:00Z', SH, now)).toBe('14:30')
  })
  it('adds the date when it is not today in the workshop (even if it is in UTC)', () => {
    expect(formatPromised('2026-11-25T17:00:00Z', SH, now)).toBe('11-26 01:00')
  })
  it('does not depend on the zone of the PC', () => {
    expect(formatPromised('2026-11-25T06:30:00Z', 'Europe/Berlin', now)).toBe('07:30')
  })
})

describe('datetime-local input <-> UTC instant', () => {
  it('reads the input as workshop wall-clock time', () => {
    expect(fromLocalInput('2026-11-25T14:30', SH)).toBe('2026-11-25T06:30:00.000Z')
  })
  it('round-trips', () => {
    expect(toLocalInput('2026-11-25T06:30:00.000Z', SH)).toBe('2026-11-25T14:30')
  })
  it('refuses incomplete input', () => {
    expect(fromLocalInput('', SH)).toBeNull()
    expect(fromLocalInput('2026-11-25', SH)).toBeNull()
  })
})

describe('available hours: shift minus lunch', () => {
  it('08:30-17:30 with a one-hour lunch is 8 h', () => {
    expect(availableHours({ shiftStart: '08:30', shiftEnd: '17:30', lunchStart: '12:00', lunchEnd: '13:00' })).toBe(8)
  })
  it('no lunch', () => {
    expect(availableHours({ shiftStart: '09:00', shiftEnd: '13:30', lunchStart: null, lunchEnd: null })).toBe(4.5)
  })
})
