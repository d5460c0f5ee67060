import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CALENDAR,
  WorkingTime,
  addDays,
  availableHoursLeftToday,
  localDateOf,
  localInstant,
  weekdayOf,
  workForward,
  workingHoursBetween,
  type TechnicianAttendance
} from '../../../src/shared/domain/calendar'

const tz = 'Asia/Shanghai'
const at = (date: string, hhmm: string): number => localInstant(tz, date, hhmm)
const tech = { id: 1, shiftStart: '08:30', shiftEnd: '17:30', lunchStart: '12:00', lunchEnd: '13:00' }
const att = (over: Partial<TechnicianAttendance>): TechnicianAttendance => ({
  technicianId: 1,
  date: '2026-11-25',
  kind: 'present',
  leavesAt: null,
  shiftStart: null,
  shiftEnd: null,
  lunchStart: null,
  lunchEnd: null,
  note: '',
  ...over
})

describe('local dates and times are read in the workshop zone', () => {
  it('09:00 in Shanghai is 01:00 UTC', () => {
    expect(new Date(at('2026-11-25', '09:00')).toISOString()).toBe('2026-11-25T01:00:00.000Z')
  })
  it('the local date of 23:30 UTC is the next day in Shanghai', () => {
    expect(localDateOf(tz, Date.parse('2026-11-24T23:30:00Z'))).toBe('2026-11-25')
    expect(new WorkingTime(DEFAULT_CALENDAR).dateOf(Date.parse('2026-11-24T23:30:00Z'))).toBe('2026-11-25')
  })
  it('civil date arithmetic crosses months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(weekdayOf('2026-11-29')).toBe(0)
  })
  it('a zone with daylight saving time is handled by the library (Berlin, 29 March 2026)', () => {
    expect(new Date(localInstant('Europe/Berlin', '2026-03-28', '09:00')).toISOString()).toBe('2026-03-28T08:00:00.000Z')
    expect(new Date(localInstant('Europe/Berlin', '2026-03-30', '09:00')).toISOString()).toBe('2026-03-30T07:00:00.000Z')
  })
})

describe('the workshop day: Mon-Sat 08:30-17:30 with lunch 12:00-13:00, Sunday off', () => {
  const wt = new WorkingTime(DEFAULT_CALENDAR)
  it('a weekday has two working intervals, 8 h in all', () => {
    expect(wt.workshop.day('2026-11-25')).toEqual([
      [at('2026-11-25', '08:30'), at('2026-11-25', '12:00')],
      [at('2026-11-25', '13:00'), at('2026-11-25', '17:30')]
    ])
    expect(workingHoursBetween(wt.workshop, at('2026-11-25', '00:00'), at('2026-11-26', '00:00'))).toBe(8)
  })
  it('Sunday and days off have none', () => {
    expect(wt.workshop.day('2026-11-29')).toEqual([])
    expect(new WorkingTime({ ...DEFAULT_CALENDAR, daysOff: ['2026-11-25'] }).workshop.day('2026-11-25')).toEqual([])
  })
  it('no lunch window means one interval', () => {
    expect(new WorkingTime({ ...DEFAULT_CALENDAR, lunch: null }).workshop.day('2026-11-25')).toHaveLength(1)
  })
})

describe("a technician's day: their own shift, attendance and overrides", () => {
  it('their own shift replaces the workshop hours (09:00-18:00)', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [{ ...tech, shiftStart: '09:00', shiftEnd: '18:00' }])
    expect(wt.technician(1).day('2026-11-25')[1]).toEqual([at('2026-11-25', '13:00'), at('2026-11-25', '18:00')])
  })
  it('absent: no working time that day', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [tech], [att({ kind: 'absent' })])
    expect(wt.technician(1).day('2026-11-25')).toEqual([])
    expect(wt.technician(1).day('2026-11-26')).toHaveLength(2)
  })
  it('leaves early at 15:00: the afternoon ends at 15:00', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [tech], [att({ kind: 'leaves_early', leavesAt: '15:00' })])
    expect(wt.technician(1).day('2026-11-25')[1]).toEqual([at('2026-11-25', '13:00'), at('2026-11-25', '15:00')])
  })
  it('leaves before lunch: only the morning counts', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [tech], [att({ kind: 'leaves_early', leavesAt: '11:00' })])
    expect(wt.technician(1).day('2026-11-25')).toEqual([[at('2026-11-25', '08:30'), at('2026-11-25', '11:00')]])
  })
  it('a shift override on a Sunday is overtime: the technician works that day', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [tech], [att({ date: '2026-11-29', shiftStart: '09:00', shiftEnd: '12:00' })])
    expect(wt.technician(1).day('2026-11-29')).toEqual([[at('2026-11-29', '09:00'), at('2026-11-29', '12:00')]])
  })
  it('a lunch override for one date', () => {
    const wt = new WorkingTime(DEFAULT_CALENDAR, [tech], [att({ lunchStart: '12:30', lunchEnd: '13:00' })])
    expect(workingHoursBetween(wt.technician(1), at('2026-11-25', '00:00'), at('2026-11-25', '23:59'))).toBe(8.5)
  })
})

describe('available hours left today = shift − lunch − time gone', () => {
  const wt = new WorkingTime(DEFAULT_CALENDAR, [tech])
  it('at 10:00: 2 h before lunch and 4.5 h after', () => {
    expect(availableHoursLeftToday(wt.technician(1), at('2026-11-25', '10:00'))).toBe(6.5)
  })
  it('during lunch: the afternoon only', () => {
    expect(availableHoursLeftToday(wt.technician(1), at('2026-11-25', '12:30'))).toBe(4.5)
  })
  it('after the shift: nothing', () => {
    expect(availableHoursLeftToday(wt.technician(1), at('2026-11-25', '18:00'))).toBe(0)
  })
})

describe('working forward from an instant', () => {
  const wt = new WorkingTime(DEFAULT_CALENDAR, [tech])
  it('a job started before lunch skips lunch: 11:30 + 1 h -> 13:30', () => {
    expect(workForward(wt.technician(1), at('2026-11-25', '11:30'), 1)).toEqual({ start: at('2026-11-25', '11:30'), finish: at('2026-11-25', '13:30') })
  })
  it('a job ending exactly at shift end finishes that evening, not the next morning', () => {
    expect(workForward(wt.technician(1), at('2026-11-25', '16:30'), 1)?.finish).toBe(at('2026-11-25', '17:30'))
  })
  it('before the shift, work starts at shift start', () => {
    expect(workForward(wt.technician(1), at('2026-11-25', '07:00'), 0.5)?.start).toBe(at('2026-11-25', '08:30'))
  })
})
