import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/**
 * Times on the board are UTC instants read in the workshop's time zone (model.md), never in
 * the zone of the PC that happens to show the board.
 */

/**
 * Wall-clock parts of an instant in a zone. Every card shows a promised time, and date-fns'
 * format over a TZDate cost about 0.2 ms a call (issue 5: a 2,000-order board paints in 300 ms),
 * so the zone's UTC offset is looked up once per quarter hour (offsets change on quarter hours)
 * with one cached Intl formatter per zone, and the rest is arithmetic.
 */
const zoneFormats = new Map<string, Intl.DateTimeFormat>()
const zoneOffsets = new Map<string, number>()
const QUARTER = 15 * 60_000
function offsetMs(instantMs: number, timeZone: string): number {
  const bucket = Math.floor(instantMs / QUARTER)
  const key = `${timeZone}|${bucket}`
  let offset = zoneOffsets.get(key)
  if (offset === undefined) {
    let f = zoneFormats.get(timeZone)
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      zoneFormats.set(timeZone, f)
    }
    const at = bucket * QUARTER
    const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {}
    for (const x of f.formatToParts(at)) p[x.type] = x.value
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - at
    if (zoneOffsets.size > 20_000) zoneOffsets.clear()
    zoneOffsets.set(key, offset)
  }
  return offset
}
const two = (n: number): string => (n < 10 ? `0${n}` : String(n))
function wallClock(instantMs: number, timeZone: string): { day: string; monthDay: string; time: string } {
  const d = new Date(instantMs + offsetMs(instantMs, timeZone))
  const monthDay = `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`
  return { day: `${d.getUTCFullYear()}-${monthDay}`, monthDay, time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` }
}

/** "yyyy-MM-dd" of an instant in the workshop zone: the key for "is this today?". */
export function workshopDay(instantMs: number, timeZone: string): string {
  return wallClock(instantMs, timeZone).day
}

/** An instant on a card: "HH:mm" when it falls on the workshop's today, else "MM-dd HH:mm". */
export function formatShortTime(instantMs: number, timeZone: string, nowMs: number): string {
  const at = wallClock(instantMs, timeZone)
  return at.day === workshopDay(nowMs, timeZone) ? at.time : `${at.monthDay} ${at.time}`
}

/** Promised time for a card: "HH:mm" when it falls on the workshop's today, else "MM-dd HH:mm". */
export function formatPromised(iso: string, timeZone: string, nowMs: number): string {
  return formatShortTime(Date.parse(iso), timeZone, nowMs)
}

/** Full local date and time for details: "yyyy-MM-dd HH:mm". */
export function formatDateTime(iso: string, timeZone: string): string {
  return format(new TZDate(Date.parse(iso), timeZone), 'yyyy-MM-dd HH:mm')
}

/** Value for an <input type="datetime-local">, as wall-clock time in the workshop zone. */
export function toLocalInput(iso: string, timeZone: string): string {
  return format(new TZDate(Date.parse(iso), timeZone), "yyyy-MM-dd'T'HH:mm")
}

/**
 * Reads a datetime-local value as workshop wall-clock time and returns the UTC instant
 * (ISO 8601 with Z), or null when the text is not a complete date and time.
 */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number)
  const at = new TZDate(y, mo - 1, d, h, mi, Number(m[6] ?? 0), timeZone)
  const ms = at.getTime()
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null
}

/** Minutes since midnight of a "HH:mm" wall-clock time. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** Today's available hours of a shift: shift length minus the lunch window, in hours (0.1 h). */
export function availableHours(t: {
  shiftStart: string
  shiftEnd: string
  lunchStart: string | null
  lunchEnd: string | null
}): number {
  const shift = Math.max(0, minutesOf(t.shiftEnd) - minutesOf(t.shiftStart))
  const lunch = t.lunchStart && t.lunchEnd ? Math.max(0, minutesOf(t.lunchEnd) - minutesOf(t.lunchStart)) : 0
  return Math.round(((shift - lunch) / 60) * 10) / 10
}

/** "3.5", "2" : hours without a trailing ".0". */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 10) / 10)
}
