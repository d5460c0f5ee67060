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

describe('promised time across daylight-saving changes (the cached zone offsets)', () => {
  it('reads local time on both sides of each change, also in half- and quarter-hour zones', () => {
    const now = Date.parse('2026-03-29T00:30:00Z')
    // Berlin springs forward at 01:00 UTC, New York at 07:00 UTC on 8 March, Lord Howe moves by 30 min.
    expect(formatPromised('2026-03-29T00:59:00Z', 'Europe/Berlin', now)).toBe('01:59')
    expect(formatPromised('2026-03-29T01:00:00Z', 'Europe/Berlin', now)).toBe('03:00')
    expect(formatPromised('2026-03-08T06:59:00Z', 'America/New_York', now)).toBe('03-08 01:59')
    expect(formatPromised('2026-03-08T07:00:00Z', 'America/New_York', now)).toBe('03-08 03:00')
    expect(formatPromised('2026-04-04T14:59:00Z', 'Australia/Lord_Howe', now)).toBe('04-05 01:59')
    expect(formatPromised('2026-04-04T15:00:00Z', 'Australia/Lord_Howe', now)).toBe('04-05 01:30')
    expect(formatPromised('2026-03-29T00:30:00Z', 'Asia/Kathmandu', now)).toBe('06:15')
  })
})
