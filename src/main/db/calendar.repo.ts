import type { Database } from 'better-sqlite3'
import { addDays, DEFAULT_CALENDAR, localDateOf, type DayWindow, type TechnicianAttendance, type WorkshopCalendar } from '../../shared/domain/calendar'
import { prepareCached } from './statement-cache'

const CALENDAR_KEYS = ['timeZone', 'weekHours', 'lunch', 'daysOff', 'settlementHours'] as const

/** The workshop calendar, kept as settings keys (timeZone and settlementHours are 001's keys). */
export function readCalendar(db: Database): WorkshopCalendar {
  const rows = prepareCached(db, `SELECT key, value FROM settings WHERE key IN (${CALENDAR_KEYS.map(() => '?').join(',')})`)
    .all(...CALENDAR_KEYS) as { key: string; value: string }[]
  const c: WorkshopCalendar = { ...DEFAULT_CALENDAR, weekHours: [...DEFAULT_CALENDAR.weekHours], daysOff: [] }
  for (const r of rows) {
    const v = JSON.parse(r.value) as unknown
    if (r.key === 'timeZone') c.timeZone = v as string
    else if (r.key === 'weekHours') c.weekHours = v as (DayWindow | null)[]
    else if (r.key === 'lunch') c.lunch = v as DayWindow | null
    else if (r.key === 'daysOff') c.daysOff = v as string[]
    else if (r.key === 'settlementHours') c.settlementHours = v as number
  }
  return c
}

export function writeCalendar(db: Database, c: WorkshopCalendar): void {
  const put = prepareCached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
  for (const k of CALENDAR_KEYS) put.run(k, JSON.stringify(c[k]))
}

interface AttendanceRow {
  technician_id: number
  date: string
  kind: TechnicianAttendance['kind']
  leaves_at: string | null
  shift_start: string | null
  shift_end: string | null
  lunch_start: string | null
  lunch_end: string | null
  note: string
}

const toAttendance = (r: AttendanceRow): TechnicianAttendance => ({
  technicianId: r.technician_id,
  date: r.date,
  kind: r.kind,
  leavesAt: r.leaves_at,
  shiftStart: r.shift_start,
  shiftEnd: r.shift_end,
  lunchStart: r.lunch_start,
  lunchEnd: r.lunch_end,
  note: r.note
})

/** Attendance records from local date `fromDate` ("yyyy-MM-dd") on. */
export function listAttendance(db: Database, fromDate: string): TechnicianAttendance[] {
  return (
    prepareCached(db, 'SELECT * FROM technician_attendance WHERE date >= ? ORDER BY date, technician_id').all(fromDate) as AttendanceRow[]
  ).map(toAttendance)
}

export function getAttendance(db: Database, technicianId: number, date: string): TechnicianAttendance | undefined {
  const row = prepareCached(db, 'SELECT * FROM technician_attendance WHERE technician_id = ? AND date = ?').get(technicianId, date) as
    | AttendanceRow
    | undefined
  return row ? toAttendance(row) : undefined
}

export function upsertAttendance(db: Database, a: TechnicianAttendance, now: number): void {
  prepareCached(
    db,
    `INSERT INTO technician_attendance (technician_id, date, kind, leaves_at, shift_start, shift_end, lunch_start, lunch_end, note, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (technician_id, date) DO UPDATE SET kind = excluded.kind, leaves_at = excluded.leaves_at,
       shift_start = excluded.shift_start, shift_end = excluded.shift_end, lunch_start = excluded.lunch_start,
       lunch_end = excluded.lunch_end, note = excluded.note, updated_at = excluded.updated_at`
  ).run(a.technicianId, a.date, a.kind, a.leavesAt, a.shiftStart, a.shiftEnd, a.lunchStart, a.lunchEnd, a.note, now)
}

/** What screens need of the calendar: the workshop calendar and attendance from a week before `now`'s local date on. */
export interface CalendarState {
  calendar: WorkshopCalendar
  attendance: TechnicianAttendance[]
}

export function readCalendarState(db: Database, now: number): CalendarState {
  const calendar = readCalendar(db)
  return { calendar, attendance: listAttendance(db, addDays(localDateOf(calendar.timeZone, now), -7)) }
}
