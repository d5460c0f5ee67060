import type { Database } from 'better-sqlite3'
import type { ComebackCause } from '../../shared/domain/qc-checklist'
import type { ReportDay, StoppageInterval } from '../../shared/domain/kpi'
import type { StoppageKind } from '../../shared/domain/types'

// The reports' SQL (issue 5). Every query enters its table by time through an index of
// migration 004 (tests/integration/query-plans.test.ts keeps them honest), so a report over one
// quarter costs the same on a file with one year of history as on one with ten.

/** How far before a period a clock segment or stoppage may have started and still reach into it. */
export const CLOCK_LOOKBACK_MS = 2 * 86_400_000
export const STOPPAGE_LOOKBACK_MS = 60 * 86_400_000

export interface DeliveryDayRow {
  date: string
  delivered: number
  /** Delivered at or before the original promise (the first one given). */
  onTimeOriginal: number
  /** Delivered at or before the last (revised) promise. */
  onTimeRevised: number
  /** Customers told in advance: a notification at or before the original promise. */
  toldInAdvance: number
  /** Late against the original promise, and the customer had been told in advance. */
  lateToldInAdvance: number
  /** First QC record was a pass (deliveries.first_time_pass). */
  firstTimePass: number
  /** Orders flagged as a comeback (返修): the car came back. */
  comebackOrders: number
  flatRateHours: number
  actualHours: number
}

/**
 * Deliveries per local day of the period: `days` are the period's local days (kpi.reportPeriod), so
 * day boundaries follow the workshop's time zone (DST included). One aggregate per day, each a
 * range search of deliveries_delivered_at: no sort of the period's rows, as a GROUP BY would need.
 * On time means delivered at or before the promise (kpi.isOnTime); told in advance means a
 * notification at or before the original promise (kpi.wasToldInAdvance).
 */
export function deliveriesByDay(db: Database, days: readonly ReportDay[]): DeliveryDayRow[] {
  // One table: the promises and the comeback flag are on the delivery itself (migration 007).
  const day = db.prepare(
    `SELECT count(*) AS delivered,
            coalesce(sum(dl.delivered_at <= coalesce(dl.original_promised_at, dl.promised_at)), 0) AS onTimeOriginal,
            coalesce(sum(dl.delivered_at <= dl.promised_at), 0) AS onTimeRevised,
            -- a notification sets the original promise, so orders never revised skip the lookup
            coalesce(sum(CASE WHEN dl.original_promised_at IS NULL THEN 0 ELSE EXISTS (
              SELECT 1 FROM customer_notifications n WHERE n.repair_order_id = dl.repair_order_id AND n.told_at <= dl.original_promised_at) END), 0) AS toldInAdvance,
            coalesce(sum(dl.original_promised_at IS NOT NULL AND dl.delivered_at > dl.original_promised_at AND EXISTS (
              SELECT 1 FROM customer_notifications n WHERE n.repair_order_id = dl.repair_order_id AND n.told_at <= dl.original_promised_at)), 0) AS lateToldInAdvance,
            coalesce(sum(dl.first_time_pass), 0) AS firstTimePass,
            coalesce(sum(dl.comeback), 0) AS comebackOrders,
            coalesce(sum(dl.flat_rate_hours), 0.0) AS flatRateHours,
            coalesce(sum(dl.actual_hours), 0.0) AS actualHours
     FROM deliveries dl
     WHERE dl.delivered_at >= ? AND dl.delivered_at < ?`
  )
  return days.map((d) => ({ date: d.date, ...(day.get(d.start, d.end) as Omit<DeliveryDayRow, 'date'>) }))
}

export interface TechnicianDeliveryRow {
  technicianId: number
  delivered: number
  flatRateHours: number
  actualHours: number
}

/** Per technician: orders delivered in [from, to) and their flat-rate and actual hours. */
export function deliveriesByTechnician(db: Database, from: number, to: number): TechnicianDeliveryRow[] {
  return db
    .prepare(
      `SELECT technician_id AS technicianId, count(*) AS delivered,
              sum(flat_rate_hours) AS flatRateHours, sum(actual_hours) AS actualHours
       FROM deliveries
       WHERE delivered_at >= ? AND delivered_at < ?
       GROUP BY technician_id`
    )
    .all(from, to) as TechnicianDeliveryRow[]
}

/**
 * Per technician: labour hours clocked inside [from, to), each in-progress segment clipped to the
 * period and a running one counted up to `now`. Segments are found by start, looking back
 * CLOCK_LOOKBACK_MS (no segment runs that long: a shift ends and the clock is paused). One range
 * search of clock_segments_technician per technician: no sort of the period's segments.
 */
export function clockedHoursByTechnician(
  db: Database,
  technicianIds: readonly number[],
  from: number,
  to: number,
  now: number
): Map<number, number> {
  const one = db.prepare(
    `SELECT coalesce(sum(max(0, min(coalesce(ended_at, max(:now, started_at)), :to) - max(started_at, :from))), 0) AS ms
     FROM clock_segments
     WHERE technician_id = :technicianId AND started_at >= :lookFrom AND started_at < :to`
  )
  const out = new Map<number, number>()
  for (const technicianId of technicianIds) {
    const { ms } = one.get({ technicianId, from, to, now, lookFrom: from - CLOCK_LOOKBACK_MS }) as { ms: number }
    if (ms > 0) out.set(technicianId, ms / 3_600_000)
  }
  return out
}

/**
 * Stoppages that may reach into [from, to): those started in the period or up to
 * STOPPAGE_LOOKBACK_MS before it, and every still-open one (few: the open-stoppage index).
 */
export function stoppagesAround(db: Database, from: number, to: number): StoppageInterval[] {
  const lookFrom = from - STOPPAGE_LOOKBACK_MS
  const rows = db
    .prepare(
      `SELECT kind, started_at AS startedAt, ended_at AS endedAt FROM stoppages
       WHERE started_at >= :lookFrom AND started_at < :to
       UNION ALL
       SELECT kind, started_at, ended_at FROM stoppages
       WHERE ended_at IS NULL AND started_at < :lookFrom`
    )
    .all({ lookFrom, to }) as { kind: StoppageKind; startedAt: number; endedAt: number | null }[]
  return rows
}

/** QC failures signed in [from, to), counted by comeback cause (the six causes of domain.md). */
export function qcFailuresByCause(db: Database, from: number, to: number): { cause: ComebackCause; count: number }[] {
  return db
    .prepare(
      `SELECT comeback_cause AS cause, count(*) AS count FROM qc_records
       WHERE result = 'fail' AND signed_at >= ? AND signed_at < ?
       GROUP BY comeback_cause`
    )
    .all(from, to) as { cause: ComebackCause; count: number }[]
}

export interface ReportTechnicianRow {
  id: number
  name: string
  employeeNo: string
  shiftStart: string
  shiftEnd: string
  lunchStart: string | null
  lunchEnd: string | null
  active: boolean
  createdAt: number
}

/** Every technician with their standing shift and when they were added (availability starts then). */
export function reportTechnicians(db: Database): ReportTechnicianRow[] {
  return (
    db
      .prepare(
        `SELECT id, name, employee_no AS employeeNo, shift_start AS shiftStart, shift_end AS shiftEnd,
                lunch_start AS lunchStart, lunch_end AS lunchEnd, active, created_at AS createdAt
         FROM technicians ORDER BY name COLLATE NOCASE, id`
      )
      .all() as (Omit<ReportTechnicianRow, 'active'> & { active: number })[]
  ).map((r) => ({ ...r, active: r.active === 1 }))
}
