import { HOUR_MS, addDays, localDateOf, localInstant } from './calendar'
import type { StoppageKind } from './types'
import { STOPPAGE_KINDS } from './types'

// The service manager's figures (issue 5 reports; issue 3 point 5 and issue 4 point 4 say what they
// measure). Pure: SQL counts rows, these functions turn counts into rates and clip intervals.

/** A share in [0, 1], or null when there is nothing to divide by (shown as "–", never as 0 %). */
export type Rate = number | null

/** Share of `part` in `whole` (0..1); null when `whole` is 0, so an empty period never reads as 0 % or 100 %. */
export function share(part: number, whole: number): Rate {
  return whole > 0 ? part / whole : null
}

/** A car is delivered on time when it is handed over at or before the promised time (both epoch ms). */
export function isOnTime(deliveredAt: number, promisedAt: number): boolean {
  return deliveredAt <= promisedAt
}

/**
 * The promise a delivery is measured against first: the original one (许诺交车时间 as first given);
 * an order that was never revised has only one promise (epoch ms).
 */
export function originalPromise(promisedAt: number, originalPromisedAt: number | null): number {
  return originalPromisedAt ?? promisedAt
}

/**
 * The customer of a late car was told in advance (预先通知客户) when at least one notification was
 * given at or before the original promise, i.e. before the promise was broken (epoch ms).
 */
export function wasToldInAdvance(toldAt: readonly number[], originalPromisedAt: number): boolean {
  return toldAt.some((t) => t <= originalPromisedAt)
}

/** On-time delivery rate (0..1) against a promise: on-time deliveries / deliveries; null with no deliveries. */
export function onTimeRate(onTime: number, delivered: number): Rate {
  return share(onTime, delivered)
}

/**
 * First-time-fix rate (一次修复率, 0..1): orders whose FIRST QC record is a pass / orders that have
 * been through QC at all. An order with no QC record yet is in neither count; with none inspected
 * the rate is null.
 */
export function firstTimeFixRate(firstTimePass: number, inspected: number): Rate {
  return share(firstTimePass, inspected)
}

/**
 * Labour efficiency (工时效率, ratio, 1 = as the book says): flat-rate hours sold / actual hours
 * clocked on the same orders; above 1 the technician beat the book. Null when no hours were clocked.
 */
export function labourEfficiency(flatRateHours: number, actualHours: number): Rate {
  return actualHours > 0 ? flatRateHours / actualHours : null
}

/**
 * Utilisation (工时利用率, 0..1 and above with overtime): hours clocked on repair orders / hours the
 * technician was available (shift minus lunch, days off and absences). Null with no available hours.
 */
export function utilisation(clockedHours: number, availableHours: number): Rate {
  return availableHours > 0 ? clockedHours / availableHours : null
}

/** Hours (h) of the interval [start, end) that fall inside [from, to) (all epoch ms); 0 when they do not overlap. */
export function overlapHours(start: number, end: number, from: number, to: number): number {
  return Math.max(0, Math.min(end, to) - Math.max(start, from)) / HOUR_MS
}

export interface StoppageInterval {
  kind: StoppageKind
  startedAt: number
  /** null while the stoppage is still open: it counts up to `now`. */
  endedAt: number | null
}

/**
 * Stoppage hours (h) by reason inside [from, to): each stoppage counts only the part of it that
 * falls in the period, an open one up to `now` (all epoch ms). Every reason is present, 0 when none.
 */
export function stoppageHoursByReason(
  stoppages: readonly StoppageInterval[],
  from: number,
  to: number,
  now: number
): Record<StoppageKind, number> {
  const out = Object.fromEntries(STOPPAGE_KINDS.map((k) => [k, 0])) as Record<StoppageKind, number>
  for (const s of stoppages) out[s.kind] += overlapHours(s.startedAt, s.endedAt ?? Math.max(now, s.startedAt), from, to)
  return out
}

/** One local day of a report: its date and its instants [start, end) (epoch ms), cut to the period. */
export interface ReportDay {
  date: string
  start: number
  end: number
}

export interface ReportPeriod {
  from: number
  to: number
  days: ReportDay[]
}

/** The longest period one report covers, in days. */
export const MAX_REPORT_DAYS = 400

const DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * A report's period in the workshop's time zone: a date "yyyy-MM-dd" as `from` means that local
 * day's midnight, as `to` the END of that day (inclusive, so 1 Jan - 31 Mar is the whole quarter);
 * an instant is taken as it is, `to` exclusive. Split into local days for the daily series.
 * Returns null when `to` is not after `from` or the period is longer than MAX_REPORT_DAYS days.
 */
export function reportPeriod(timeZone: string, from: string, to: string): ReportPeriod | null {
  const start = DATE.test(from) ? localInstant(timeZone, from, '00:00') : Date.parse(from)
  const end = DATE.test(to) ? localInstant(timeZone, addDays(to, 1), '00:00') : Date.parse(to)
  if (!(end > start) || end - start > MAX_REPORT_DAYS * 86_400_000 + HOUR_MS) return null
  const days: ReportDay[] = []
  let date = localDateOf(timeZone, start)
  let dayStart = start
  while (dayStart < end) {
    const next = localInstant(timeZone, addDays(date, 1), '00:00')
    const dayEnd = Math.min(next, end)
    days.push({ date, start: dayStart, end: dayEnd })
    dayStart = dayEnd
    date = addDays(date, 1)
  }
  return { from: start, to: end, days }
}
