import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import { HOUR_MS } from '../../shared/domain/calendar'
import type { RepairOrder, TechnicianReport } from '../../shared/domain/types'
import { openStoppagesOf } from './stoppages.repo'
import { notificationSummaries } from './notifications.repo'

const iso = (ms: number): string => new Date(ms).toISOString()

export interface ClockSegment {
  id: number
  repairOrderId: number
  technicianId: number
  startedAt: string
  endedAt: string | null
  editedAt: string | null
  editReason: string | null
}

interface SegmentRow {
  id: number
  repair_order_id: number
  technician_id: number
  started_at: number
  ended_at: number | null
  edited_at: number | null
  edit_reason: string | null
}

const toSegment = (r: SegmentRow): ClockSegment => ({
  id: r.id,
  repairOrderId: r.repair_order_id,
  technicianId: r.technician_id,
  startedAt: iso(r.started_at),
  endedAt: r.ended_at === null ? null : iso(r.ended_at),
  editedAt: r.edited_at === null ? null : iso(r.edited_at),
  editReason: r.edit_reason
})

/** Opens an in-progress segment; the unique index refuses a second running one. */
export function openSegment(db: Database, repairOrderId: number, technicianId: number, at: number): number {
  const info = prepareCached(db, 'INSERT INTO clock_segments (repair_order_id, technician_id, started_at) VALUES (?, ?, ?)')
    .run(repairOrderId, technicianId, at)
  return Number(info.lastInsertRowid)
}

/** Closes the order's running segment at `at`; returns whether one was running. */
export function closeSegment(db: Database, repairOrderId: number, at: number): boolean {
  const info = prepareCached(db, 'UPDATE clock_segments SET ended_at = max(?, started_at) WHERE repair_order_id = ? AND ended_at IS NULL')
    .run(at, repairOrderId)
  if (info.changes > 1) throw new Error(`closeSegment: ${info.changes} running segments on order ${repairOrderId}`)
  return info.changes === 1
}

export function listSegments(db: Database, repairOrderId: number): ClockSegment[] {
  return (
    prepareCached(db, 'SELECT * FROM clock_segments WHERE repair_order_id = ? ORDER BY started_at, id').all(repairOrderId) as SegmentRow[]
  ).map(toSegment)
}

export function getSegment(db: Database, id: number): ClockSegment | undefined {
  const row = prepareCached(db, 'SELECT * FROM clock_segments WHERE id = ?').get(id) as SegmentRow | undefined
  return row ? toSegment(row) : undefined
}

/** Rewrites a segment's times with the dispatcher's reason. Asserts exactly one row changed. */
export function editSegment(db: Database, id: number, startedAt: number, endedAt: number | null, reason: string, now: number): void {
  const info = prepareCached(db, 'UPDATE clock_segments SET started_at = ?, ended_at = ?, edited_at = ?, edit_reason = ? WHERE id = ?')
    .run(startedAt, endedAt, now, reason, id)
  if (info.changes !== 1) throw new Error(`editSegment: expected 1 row for segment ${id}, got ${info.changes}`)
}

export function insertTechnicianReport(
  db: Database,
  r: { repairOrderId: number; technicianId: number; workDone: string; cause: string; fix: string; writtenBy: string },
  at: number
): void {
  prepareCached(
    db,
    `INSERT INTO technician_reports (repair_order_id, technician_id, work_done, cause, fix, written_at, written_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(r.repairOrderId, r.technicianId, r.workDone, r.cause, r.fix, at, r.writtenBy)
}

/**
 * Every report on an order, oldest first, with the instant it was written (UTC ms): the order's
 * technicianReport at a past instant is the last one written by then (the audit keeps none, issue 5).
 */
export function technicianReportsOf(db: Database, repairOrderId: number): { at: number; report: TechnicianReport }[] {
  const rows = prepareCached(db, 'SELECT * FROM technician_reports WHERE repair_order_id = ? ORDER BY id').all(repairOrderId) as {
    technician_id: number
    work_done: string
    cause: string
    fix: string
    written_at: number
    written_by: string
  }[]
  return rows.map((r) => ({
    at: r.written_at,
    report: { technicianId: r.technician_id, workDone: r.work_done, cause: r.cause, fix: r.fix, writtenAt: iso(r.written_at), writtenBy: r.written_by }
  }))
}

function inChunks<T>(ids: readonly number[], f: (chunk: number[], marks: string) => T[]): T[] {
  const out: T[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    out.push(...f(chunk, chunk.map(() => '?').join(',')))
  }
  return out
}

/**
 * Fills the issue-3 fields of repair orders read from the database: labour clock, open stoppage,
 * promise history and the latest technician report. A handful of queries for any number of orders.
 */
export function attachPromiseKeeping(db: Database, orders: RepairOrder[]): RepairOrder[] {
  if (orders.length === 0) return orders
  const ids = orders.map((o) => o.id)
  const clock = new Map<number, { closed: number; running: number | null }>()
  for (const r of inChunks(ids, (c, m) =>
    prepareCached(
        db,
        `SELECT repair_order_id AS id, coalesce(sum(ended_at - started_at), 0) AS closed,
                max(CASE WHEN ended_at IS NULL THEN started_at END) AS running
         FROM clock_segments WHERE repair_order_id IN (${m}) GROUP BY repair_order_id`
      )
      .all(...c) as { id: number; closed: number; running: number | null }[]
  ))
    clock.set(r.id, r)
  const reports = new Map<number, TechnicianReport>()
  for (const r of inChunks(ids, (c, m) =>
    prepareCached(
        db,
        `SELECT * FROM technician_reports WHERE id IN
           (SELECT max(id) FROM technician_reports WHERE repair_order_id IN (${m}) GROUP BY repair_order_id)`
      )
      .all(...c) as { repair_order_id: number; technician_id: number; work_done: string; cause: string; fix: string; written_at: number; written_by: string }[]
  ))
    reports.set(r.repair_order_id, {
      technicianId: r.technician_id,
      workDone: r.work_done,
      cause: r.cause,
      fix: r.fix,
      writtenAt: iso(r.written_at),
      writtenBy: r.written_by
    })
  const stoppages = openStoppagesOf(db, ids)
  const promises = notificationSummaries(db, ids)
  for (const o of orders) {
    const c = clock.get(o.id)
    o.labour = {
      closedHours: c ? Math.round((c.closed / HOUR_MS) * 1e6) / 1e6 : 0,
      runningSince: c?.running != null ? iso(c.running) : null
    }
    o.openStoppage = stoppages.get(o.id) ?? null
    o.technicianReport = reports.get(o.id) ?? null
    const p = promises.get(o.id)
    if (p) o.promise = { ...o.promise, notificationCount: p.count, lastNotification: p.last }
  }
  return orders
}
