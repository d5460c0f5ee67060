import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import type { CustomerNotification, NotificationChannel } from '../../shared/domain/types'

const iso = (ms: number): string => new Date(ms).toISOString()

interface NotificationRow {
  id: number
  repair_order_id: number
  previous_promised_at: number
  revised_promised_at: number
  channel: NotificationChannel
  told_by: string
  told_at: number
  note: string
  recorded_by: string
  recorded_at: number
}

const toNotification = (r: NotificationRow): CustomerNotification => ({
  id: r.id,
  repairOrderId: r.repair_order_id,
  previousPromisedAt: iso(r.previous_promised_at),
  revisedPromisedAt: iso(r.revised_promised_at),
  channel: r.channel,
  toldBy: r.told_by,
  toldAt: iso(r.told_at),
  note: r.note,
  recordedBy: r.recorded_by,
  recordedAt: iso(r.recorded_at)
})

export interface NotificationRecord {
  repairOrderId: number
  previousPromisedAt: number
  revisedPromisedAt: number
  channel: NotificationChannel
  toldBy: string
  toldAt: number
  note: string
  recordedBy: string
}

/**
 * Records that the customer was told of a revised promise: keeps the first promise ever given
 * (original_promised_at, set once) and moves the order's promised_at to the revised time.
 */
export function recordNotification(db: Database, n: NotificationRecord, now: number): number {
  const info = prepareCached(
      db,
      `INSERT INTO customer_notifications (repair_order_id, previous_promised_at, revised_promised_at, channel, told_by,
         told_at, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(n.repairOrderId, n.previousPromisedAt, n.revisedPromisedAt, n.channel, n.toldBy, n.toldAt, n.note, n.recordedBy, now)
  const upd = prepareCached(
      db,
      `UPDATE repair_orders SET original_promised_at = coalesce(original_promised_at, promised_at), promised_at = ?,
         updated_at = ?, version = version + 1 WHERE id = ?`
    )
    .run(n.revisedPromisedAt, now, n.repairOrderId)
  if (upd.changes !== 1) throw new Error(`recordNotification: expected 1 order row for ${n.repairOrderId}, got ${upd.changes}`)
  return Number(info.lastInsertRowid)
}

export function listNotifications(db: Database, repairOrderId: number): CustomerNotification[] {
  return (
    prepareCached(db, 'SELECT * FROM customer_notifications WHERE repair_order_id = ? ORDER BY id').all(repairOrderId) as NotificationRow[]
  ).map(toNotification)
}

/** Per order that has any: how many notifications and the latest one. */
export function notificationSummaries(
  db: Database,
  orderIds: readonly number[]
): Map<number, { count: number; last: CustomerNotification }> {
  const out = new Map<number, { count: number; last: CustomerNotification }>()
  for (let i = 0; i < orderIds.length; i += 500) {
    const chunk = orderIds.slice(i, i + 500)
    const marks = chunk.map(() => '?').join(',')
    const rows = prepareCached(
        db,
        `SELECT n.*, c.cnt FROM customer_notifications n
         JOIN (SELECT repair_order_id AS rid, max(id) AS last_id, count(*) AS cnt FROM customer_notifications
               WHERE repair_order_id IN (${marks}) GROUP BY repair_order_id) c ON n.id = c.last_id`
      )
      .all(...chunk) as (NotificationRow & { cnt: number })[]
    for (const r of rows) out.set(r.repair_order_id, { count: r.cnt, last: toNotification(r) })
  }
  return out
}

/** Figures for the promise report: orders delivered in [from, to) and how they did against the original promise. */
export function promiseReport(db: Database, from: number, to: number) {
  const row = prepareCached(
      db,
      `WITH d AS (
         SELECT o.id, coalesce(o.original_promised_at, o.promised_at) AS original, o.promised_at AS revised,
                (SELECT min(a.at) FROM audit_log a
                  WHERE a.order_id = o.id AND a.command_id = (SELECT id FROM audit_commands WHERE name = 'repair-order-deliver')) AS delivered_at,
                (SELECT count(*) FROM customer_notifications n WHERE n.repair_order_id = o.id) AS told
         FROM repair_orders o WHERE o.status = 'delivered')
       SELECT count(*) AS delivered,
              coalesce(sum(delivered_at <= original), 0) AS onTimeOriginal,
              coalesce(sum(delivered_at <= revised), 0) AS onTimeRevised,
              coalesce(sum(told > 0), 0) AS revised,
              coalesce(sum(told > 0 AND delivered_at > original), 0) AS lateButToldInAdvance
       FROM d WHERE delivered_at >= ? AND delivered_at < ?`
    )
    .get(from, to) as { delivered: number; onTimeOriginal: number; onTimeRevised: number; revised: number; lateButToldInAdvance: number }
  const told = prepareCached(
      db,
      `SELECT count(DISTINCT n.repair_order_id) AS n FROM customer_notifications n
       WHERE n.told_at >= ? AND n.told_at < ? AND n.told_at < n.previous_promised_at`
    )
    .get(from, to) as { n: number }
  return { ...row, customersToldInAdvance: told.n }
}
