import type { ParsedArgs } from '../../shared/api/commands'
import type { TechnicianAttendance } from '../../shared/domain/calendar'
import { readCalendar, readCalendarState, upsertAttendance, writeCalendar, type CalendarState } from '../db/calendar.repo'
import { requireTechnician } from './repair-orders'
import type { QueryContext } from './handlers'
import type { Tx } from './tx'

export function getCalendar(ctx: QueryContext): CalendarState {
  return readCalendarState(ctx.db, ctx.now)
}

/** Changes the workshop calendar; keys left out keep their value. Days off are kept sorted and unique. */
export function updateCalendar(tx: Tx, args: ParsedArgs<'calendar-update'>): CalendarState {
  tx.touchCalendar()
  const c = readCalendar(tx.db)
  writeCalendar(tx.db, {
    timeZone: args.timeZone ?? c.timeZone,
    weekHours: args.weekHours ?? c.weekHours,
    lunch: args.lunch === undefined ? c.lunch : args.lunch,
    daysOff: args.daysOff ? [...new Set(args.daysOff)].sort() : c.daysOff,
    settlementHours: args.settlementHours ?? c.settlementHours
  })
  return readCalendarState(tx.db, tx.now)
}

/** A technician's attendance on one local date (present, absent, leaves early at HH:mm) with optional shift and lunch overrides. */
export function setTechnicianAttendance(tx: Tx, args: ParsedArgs<'technician-attendance-set'>): TechnicianAttendance {
  requireTechnician(tx.db, args.technicianId)
  tx.touchCalendar()
  const a: TechnicianAttendance = {
    technicianId: args.technicianId,
    date: args.date,
    kind: args.kind,
    leavesAt: args.leavesAt ?? null,
    shiftStart: args.shiftStart ?? null,
    shiftEnd: args.shiftEnd ?? null,
    lunchStart: args.lunchStart ?? null,
    lunchEnd: args.lunchEnd ?? null,
    note: args.note ?? ''
  }
  upsertAttendance(tx.db, a, tx.now)
  return a
}
