import { HOUR_MS } from './calendar'

/** One in-progress interval of the labour clock (epoch ms); `endedAt` null while it runs. */
export interface ClockInterval {
  startedAt: number
  endedAt: number | null
}

/** An order's labour clock as the board carries it: hours of closed segments and the start of the running one. */
export interface LabourClock {
  closedHours: number
  /** UTC instant (ISO 8601) at which the running in-progress segment started, or null. */
  runningSince: string | null
}

/** Hours (h) to the hundredth, as the board stores and reports flat-rate and clocked hours. */
export const roundHours = (hours: number): number => Math.round(hours * 100) / 100

/** The smallest remaining time (h) assumed for an order that has used up its flat-rate hours but is not finished. */
export const REMAINING_FLOOR_HOURS = 0.25

/** Labour hours used (h) = the sum of in-progress intervals only, the running one counted up to `now` (epoch ms); stoppages never count. */
export function labourHours(segments: readonly ClockInterval[], now: number): number {
  let ms = 0
  for (const s of segments) ms += Math.max(0, (s.endedAt ?? Math.max(now, s.startedAt)) - s.startedAt)
  return ms / HOUR_MS
}

/** Hours used (h) at `now` (epoch ms) from the board's labour clock: closed hours plus the running segment so far. */
export function hoursUsedAt(clock: LabourClock, now: number): number {
  if (clock.runningSince === null) return clock.closedHours
  return clock.closedHours + Math.max(0, now - Date.parse(clock.runningSince)) / HOUR_MS
}

/** Remaining labour (h) of an order = flat-rate hours − hours used, never below REMAINING_FLOOR_HOURS. */
export function remainingHours(flatRateHours: number, hoursUsed: number): number {
  return Math.max(flatRateHours - hoursUsed, REMAINING_FLOOR_HOURS)
}

export type LabourUsage = 'green' | 'amber' | 'red'

/** Card colour of hours used against flat-rate hours: green up to 80 %, amber past 80 %, red when over 100 %. */
export function labourUsage(hoursUsed: number, flatRateHours: number): LabourUsage {
  if (hoursUsed > flatRateHours) return 'red'
  if (hoursUsed > 0.8 * flatRateHours) return 'amber'
  return 'green'
}
