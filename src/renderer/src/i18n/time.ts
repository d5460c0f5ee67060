import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'

/**
 * Times on the board are UTC instants read in the workshop's time zone (model.md), never in
 * the zone of the PC that happens to show the board.
 */

/** "yyyy-MM-dd" of an instant in the workshop zone: the key for "is this today?". */
export function workshopDay(instantMs: number, timeZone: string): string {
  return format(new TZDate(instantMs, timeZone), 'yyyy-MM-dd')
}

/** Promised time for a card: "HH:mm" when it falls on the workshop's today, else "MM-dd HH:mm". */
export function formatPromised(iso: string, timeZone: string, nowMs: number): string {
  const at = new TZDate(Date.parse(iso), timeZone)
  const sameDay = format(at, 'yyyy-MM-dd') === workshopDay(nowMs, timeZone)
  return format(at, sameDay ? 'HH:mm' : 'MM-dd HH:mm')
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
