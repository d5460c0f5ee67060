import { workBackward, type WorkerCalendar } from './calendar'

/**
 * The shop's scheduling rule (domain.md): latest start = promised delivery − flat-rate hours −
 * non-working time inside the window (lunch, nights, closed days) − settlement time; i.e. the
 * latest instant (epoch ms) from which the window up to the promise holds exactly flat-rate +
 * settlement hours of working time. Null when the calendar has no working time before the promise.
 */
export function latestStart(
  workshop: WorkerCalendar,
  promisedAt: number,
  flatRateHours: number,
  settlementHours: number
): number | null {
  return workBackward(workshop, promisedAt, Math.max(0, flatRateHours) + Math.max(0, settlementHours))
}

/** The latest instant (epoch ms) the work itself must be finished by: the promise minus settlement time in working hours. */
export function latestFinish(workshop: WorkerCalendar, promisedAt: number, settlementHours: number): number | null {
  return workBackward(workshop, promisedAt, Math.max(0, settlementHours))
}
