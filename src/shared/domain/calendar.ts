import { TZDate } from '@date-fns/tz'

/** A local wall-clock window "HH:mm"-"HH:mm" on one day, read in the workshop's time zone. */
export interface DayWindow {
  start: string
  end: string
}

/**
 * The workshop calendar (issue 3): opening hours per weekday (index 0 = Sunday ... 6 = Saturday,
 * null = closed), the lunch window, closed dates ("yyyy-MM-dd", local), settlement time in hours,
 * and the IANA zone in which all of it is read.
 */
export interface WorkshopCalendar {
  timeZone: string
  weekHours: (DayWindow | null)[]
  lunch: DayWindow | null
  daysOff: string[]
  settlementHours: number
}

const weekday: DayWindow = { start: '08:30', end: '17:30' }

/** Defaults of the dealership material: Mon-Sat 08:30-17:30, Sunday off, lunch 12:00-13:00, settlement 0.2 h. */
export const DEFAULT_CALENDAR: WorkshopCalendar = {
  timeZone: 'Asia/Shanghai',
  weekHours: [null, weekday, weekday, weekday, weekday, weekday, weekday],
  lunch: { start: '12:00', end: '13:00' },
  daysOff: [],
  settlementHours: 0.2
}

export const ATTENDANCE_KINDS = ['present', 'absent', 'leaves_early'] as const
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number]

/**
 * One technician's attendance on one local date, with optional shift and lunch overrides for
 * that date (an override shift also makes a closed day a working day for them: overtime).
 */
export interface TechnicianAttendance {
  technicianId: number
  /** Local date "yyyy-MM-dd". */
  date: string
  kind: AttendanceKind
  /** "HH:mm" when kind is leaves_early. */
  leavesAt: string | null
  shiftStart: string | null
  shiftEnd: string | null
  lunchStart: string | null
  lunchEnd: string | null
  note: string
}

/** A technician's own shift and lunch (the technician record): their standing override of the workshop hours. */
export interface TechnicianHours {
  id: number
  shiftStart: string
  shiftEnd: string
  lunchStart: string | null
  lunchEnd: string | null
}

/** A half-open working interval [start, end) in epoch milliseconds. */
export type Interval = readonly [number, number]

export const HOUR_MS = 3_600_000
export const MINUTE_MS = 60_000
/** How far (in days) the calendar looks for working time before giving up on a projection. */
export const HORIZON_DAYS = 370

// Civil-date arithmetic on "yyyy-MM-dd" strings (no time zone involved: a date is a date).
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))
function civil(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}
function fromCivil(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** The local date `days` after `date` ("yyyy-MM-dd"; days may be negative). */
export function addDays(date: string, days: number): string {
  return fromCivil(civil(date) + days * 86_400_000)
}

/** Day of the week of a local date, 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(civil(date)).getUTCDay()
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

// Memo of (zone, date, time) -> instant. The library does the zone work; this only remembers
// its answers, because a board recomputation asks for the same few times thousands of times.
const instantMemo = new Map<string, number>()

/** The UTC instant (epoch ms) of local wall-clock time `hhmm` on local `date` in `timeZone`. */
export function localInstant(timeZone: string, date: string, hhmm: string): number {
  const key = `${timeZone}|${date}|${hhmm}`
  let ms = instantMemo.get(key)
  if (ms === undefined) {
    const m = minutesOf(hhmm)
    ms = new TZDate(
      Number(date.slice(0, 4)),
      Number(date.slice(5, 7)) - 1,
      Number(date.slice(8, 10)),
      Math.floor(m / 60),
      m % 60,
      timeZone
    ).getTime()
    if (instantMemo.size > 200_000) instantMemo.clear()
    instantMemo.set(key, ms)
  }
  return ms
}

/** The local date "yyyy-MM-dd" in `timeZone` of the instant `ms` (epoch ms). */
export function localDateOf(timeZone: string, ms: number): string {
  const d = new TZDate(ms, timeZone)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** The local wall-clock time "HH:mm" in `timeZone` of the instant `ms` (epoch ms). */
export function localTimeOf(timeZone: string, ms: number): string {
  const d = new TZDate(ms, timeZone)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function dayIntervals(
  timeZone: string,
  date: string,
  shift: DayWindow | null,
  lunch: DayWindow | null,
  leavesAt: string | null
): Interval[] {
  if (!shift) return []
  const s = localInstant(timeZone, date, shift.start)
  let e = localInstant(timeZone, date, shift.end)
  if (leavesAt) e = Math.min(e, localInstant(timeZone, date, leavesAt))
  if (e <= s) return []
  if (!lunch) return [[s, e]]
  const ls = localInstant(timeZone, date, lunch.start)
  const le = localInstant(timeZone, date, lunch.end)
  const out: Interval[] = []
  if (Math.min(e, ls) > s) out.push([s, Math.min(e, ls)])
  if (e > Math.max(s, le)) out.push([Math.max(s, le), e])
  return out
}

const DAY_MS = 86_400_000

/** The civil day number (days since 1970-01-01) of a local date "yyyy-MM-dd". */
export function dayNumber(date: string): number {
  return civil(date) / DAY_MS
}

/** The local date "yyyy-MM-dd" of a civil day number. */
export function dateOfDayNumber(n: number): string {
  return fromCivil(n * DAY_MS)
}

/**
 * Working time of one worker (the workshop or one technician), one local day at a time. Days are
 * addressed by civil day number internally (cheap to step through); `day` takes a date string.
 */
export interface WorkerCalendar {
  readonly timeZone: string
  /** Working intervals on a local date "yyyy-MM-dd", sorted, non-overlapping. */
  day(date: string): readonly Interval[]
  /** Working intervals on a civil day number. */
  dayAt(n: number): readonly Interval[]
  /** The civil day number of the local date of an instant (epoch ms). */
  dayNumberOf(ms: number): number
  /** The local date of an instant. */
  dateOf(ms: number): string
}

/**
 * The calendar of a whole board, prepared once: the workshop's working time and every
 * technician's (their own shift and lunch, the date's attendance and overrides). Days are
 * computed on first use and remembered, which is what makes recomputing risk cheap.
 */
export class WorkingTime {
  readonly timeZone: string
  readonly workshop: WorkerCalendar
  private readonly daysOff: Set<string>
  private readonly technicians = new Map<number, TechnicianHours>()
  private readonly attendance = new Map<string, TechnicianAttendance>()
  private readonly technicianCalendars = new Map<number, WorkerCalendar>()
  private readonly midnights = new Map<number, number>()
  // midnight(n) − n days: minus the zone's offset at the last day looked at; a first guess for dayNumberOf
  private offsetGuess = 0

  constructor(
    readonly calendar: WorkshopCalendar,
    technicians: readonly TechnicianHours[] = [],
    attendance: readonly TechnicianAttendance[] = []
  ) {
    this.timeZone = calendar.timeZone
    this.daysOff = new Set(calendar.daysOff)
    for (const t of technicians) this.technicians.set(t.id, t)
    for (const a of attendance) this.attendance.set(`${a.technicianId}|${a.date}`, a)
    this.workshop = this.worker((date) => this.workshopDay(date))
  }

  /** Whether the workshop is open on a local date (not a day off, and its weekday has hours). */
  isWorkingDay(date: string): boolean {
    return !this.daysOff.has(date) && this.calendar.weekHours[weekdayOf(date)] != null
  }

  private midnight(n: number): number {
    let m = this.midnights.get(n)
    if (m === undefined) {
      m = localInstant(this.timeZone, dateOfDayNumber(n), '00:00')
      this.midnights.set(n, m)
    }
    return m
  }

  /** The civil day number of the local date of an instant: a guess from the last offset, checked against the library's midnights. */
  dayNumberOf(ms: number): number {
    let n = Math.floor((ms - this.offsetGuess) / DAY_MS)
    for (let i = 0; i < 4; i++) {
      if (ms < this.midnight(n)) n--
      else if (ms >= this.midnight(n + 1)) n++
      else {
        this.offsetGuess = this.midnight(n) - n * DAY_MS
        return n
      }
    }
    return dayNumber(localDateOf(this.timeZone, ms))
  }

  /** The local date of an instant. */
  dateOf(ms: number): string {
    return dateOfDayNumber(this.dayNumberOf(ms))
  }

  private workshopDay(date: string): Interval[] {
    const shift = this.isWorkingDay(date) ? (this.calendar.weekHours[weekdayOf(date)] ?? null) : null
    return dayIntervals(this.timeZone, date, shift, this.calendar.lunch, null)
  }

  /** The attendance record of a technician on a local date, if any. */
  attendanceOf(technicianId: number, date: string): TechnicianAttendance | undefined {
    return this.attendance.get(`${technicianId}|${date}`)
  }

  /**
   * A technician's working intervals on a local date: none when absent or when the workshop is
   * closed (unless that date overrides their shift); otherwise their own shift and lunch (falling
   * back to the workshop's), cut short when they leave early.
   */
  private technicianDay(technicianId: number, date: string): Interval[] {
    const att = this.attendanceOf(technicianId, date)
    if (att?.kind === 'absent') return []
    const tech = this.technicians.get(technicianId)
    const override = att?.shiftStart && att.shiftEnd ? { start: att.shiftStart, end: att.shiftEnd } : null
    let shift: DayWindow | null
    if (override) shift = override
    else if (!this.isWorkingDay(date)) shift = null
    else shift = tech ? { start: tech.shiftStart, end: tech.shiftEnd } : (this.calendar.weekHours[weekdayOf(date)] ?? null)
    const lunch =
      att?.lunchStart && att.lunchEnd
        ? { start: att.lunchStart, end: att.lunchEnd }
        : tech?.lunchStart && tech.lunchEnd
          ? { start: tech.lunchStart, end: tech.lunchEnd }
          : this.calendar.lunch
    return dayIntervals(this.timeZone, date, shift, lunch, att?.kind === 'leaves_early' ? att.leavesAt : null)
  }

  /** The working calendar of one technician. */
  technician(technicianId: number): WorkerCalendar {
    let c = this.technicianCalendars.get(technicianId)
    if (!c) {
      c = this.worker((date) => this.technicianDay(technicianId, date))
      this.technicianCalendars.set(technicianId, c)
    }
    return c
  }

  private worker(compute: (date: string) => Interval[]): WorkerCalendar {
    const days = new Map<number, readonly Interval[]>()
    const dayAt = (n: number): readonly Interval[] => {
      let d = days.get(n)
      if (!d) {
        d = compute(dateOfDayNumber(n))
        days.set(n, d)
      }
      return d
    }
    return {
      timeZone: this.timeZone,
      dayAt,
      day: (date) => dayAt(dayNumber(date)),
      dayNumberOf: (ms) => this.dayNumberOf(ms),
      dateOf: (ms) => this.dateOf(ms)
    }
  }
}

/** Working hours (h) of a worker between two instants (epoch ms): non-working time never counts. */
export function workingHoursBetween(worker: WorkerCalendar, from: number, to: number): number {
  if (to <= from) return 0
  let total = 0
  const last = worker.dayNumberOf(to)
  for (let n = worker.dayNumberOf(from); n <= last; n++) {
    for (const [s, e] of worker.dayAt(n)) {
      const a = Math.max(s, from)
      const b = Math.min(e, to)
      if (b > a) total += b - a
    }
  }
  return total / HOUR_MS
}

/** A technician's available hours (h) left on the local day of `now`: shift minus lunch minus time already gone. */
export function availableHoursLeftToday(worker: WorkerCalendar, now: number): number {
  let total = 0
  for (const [s, e] of worker.dayAt(worker.dayNumberOf(now))) if (e > now) total += e - Math.max(s, now)
  return total / HOUR_MS
}

/**
 * Forward working-time walk: from instant `from` (epoch ms), the first working instant (start) and
 * the instant at which `hours` of working time have elapsed (finish), skipping lunch, shift ends
 * and closed days. Null when no working time is found within HORIZON_DAYS.
 */
export function workForward(worker: WorkerCalendar, from: number, hours: number): { start: number; finish: number } | null {
  let need = Math.round(hours * HOUR_MS)
  const first = worker.dayNumberOf(from)
  let start: number | null = null
  for (let n = first; n <= first + HORIZON_DAYS; n++) {
    for (const [s, e] of worker.dayAt(n)) {
      if (e <= from) continue
      const a = s > from ? s : from
      if (start === null) start = a
      if (need <= e - a) return { start, finish: a + need }
      need -= e - a
    }
  }
  return null
}

/**
 * Backward working-time walk: the latest instant (epoch ms) from which `hours` of working time
 * end exactly at `until`, skipping non-working time. Null when not found within HORIZON_DAYS.
 */
export function workBackward(worker: WorkerCalendar, until: number, hours: number): number | null {
  let need = Math.round(hours * HOUR_MS)
  if (need <= 0) return until
  const first = worker.dayNumberOf(until)
  for (let n = first; n >= first - HORIZON_DAYS; n--) {
    const day = worker.dayAt(n)
    for (let k = day.length - 1; k >= 0; k--) {
      const [s, e] = day[k]
      if (s >= until) continue
      const b = e < until ? e : until
      if (need <= b - s) return b - need
      need -= b - s
    }
  }
  return null
}
