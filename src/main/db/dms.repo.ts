import type { Database } from 'better-sqlite3'
import type { RepairOrderHeader } from '../../shared/domain/types'
import { prepareCached } from './statement-cache'

/** A delivered order as the DMS takes it back: facts at delivery, hours, promise and QC. */
export interface DeliveredOrderRow extends RepairOrderHeader {
  id: number
  technician: string | null
  employeeNo: string | null
  flatRateHours: number
  /** Labour hours from the clock (in-progress time only); null when the file has no clock data for it. */
  actualHours: number | null
  /** Hours the order stood still (every stoppage, sublet included), up to its delivery. */
  stoppageHours: number
  promisedAt: number | null
  /** The first promise, when it was revised after telling the customer; else null. */
  originalPromisedAt: number | null
  deliveredAt: number
  deliveredBy: string
  /** 1 when delivered by the original promise: the Reports page's "on time (original promise)". */
  onTime: number
  /** 1 when the first QC record was a pass. */
  firstTimePass: number
  comeback: number
  /** A customer notification at or before the original promise. */
  toldInAdvance: number
  /** The inspector who signed the passing QC record. */
  qcInspector: string | null
}

export interface DeliveredJobLineRow {
  roNumber: string
  lineNo: number
  description: string
  skill: string
  minLevel: number
  hours: number
}

/**
 * Orders delivered in [from, to), oldest delivery first: a range search of deliveries_delivered_at,
 * then per order the indexed lookups of its stoppages, notifications and QC records.
 */
export function deliveredOrders(db: Database, from: number, to: number): DeliveredOrderRow[] {
  return prepareCached(
    db,
    `SELECT o.id, o.ro_number AS roNumber, o.plate, o.vin, o.model, o.customer_name AS customerName,
            o.customer_phone AS customerPhone, o.service_advisor AS serviceAdvisor,
            t.name AS technician, t.employee_no AS employeeNo,
            dl.flat_rate_hours AS flatRateHours,
            CASE WHEN dl.actual_source = 'clock' THEN dl.actual_hours END AS actualHours,
            (SELECT coalesce(sum(min(coalesce(s.ended_at, dl.delivered_at), dl.delivered_at) - s.started_at), 0)
               FROM stoppages s WHERE s.repair_order_id = dl.repair_order_id AND s.started_at < dl.delivered_at) / 3600000.0 AS stoppageHours,
            dl.promised_at AS promisedAt, dl.original_promised_at AS originalPromisedAt,
            dl.delivered_at AS deliveredAt, dl.delivered_by AS deliveredBy,
            coalesce(dl.delivered_at <= coalesce(dl.original_promised_at, dl.promised_at), 0) AS onTime,
            dl.first_time_pass AS firstTimePass, dl.comeback,
            EXISTS (SELECT 1 FROM customer_notifications n WHERE n.repair_order_id = dl.repair_order_id
                      AND n.told_at <= coalesce(dl.original_promised_at, dl.promised_at)) AS toldInAdvance,
            (SELECT q.inspector_name FROM qc_records q WHERE q.repair_order_id = dl.repair_order_id AND q.result = 'pass'
               ORDER BY q.attempt DESC LIMIT 1) AS qcInspector
     FROM deliveries dl
     JOIN repair_orders o ON o.id = dl.repair_order_id
     LEFT JOIN technicians t ON t.id = dl.technician_id
     WHERE dl.delivered_at >= ? AND dl.delivered_at < ?
     ORDER BY dl.delivered_at, o.id`
  ).all(from, to) as DeliveredOrderRow[]
}

/** The job lines of the orders delivered in [from, to), in the same order as deliveredOrders. */
export function deliveredJobLines(db: Database, from: number, to: number): DeliveredJobLineRow[] {
  return prepareCached(
    db,
    `SELECT o.ro_number AS roNumber, j.line_no AS lineNo, j.description, j.skill_code AS skill,
            j.min_level AS minLevel, j.hours
     FROM deliveries dl
     JOIN repair_orders o ON o.id = dl.repair_order_id
     JOIN job_lines j ON j.repair_order_id = dl.repair_order_id
     WHERE dl.delivered_at >= ? AND dl.delivered_at < ?
     ORDER BY dl.delivered_at, o.id, j.line_no`
  ).all(from, to) as DeliveredJobLineRow[]
}
