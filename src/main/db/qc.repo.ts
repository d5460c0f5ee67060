import type { Database } from 'better-sqlite3'
import type { ChecklistLine, ComebackCause, QcChecklistItem, RequiredWhen } from '../../shared/domain/qc-checklist'
import { flagBit } from './repair-orders.repo'
import { prepareCached } from './statement-cache'

export function readChecklist(db: Database): QcChecklistItem[] {
  return (
    prepareCached(db, 'SELECT id, label_en, label_zh, required_when FROM qc_checklist_items ORDER BY sort_order, id').all() as {
      id: string
      label_en: string
      label_zh: string
      required_when: string
    }[]
  ).map((r) => ({ id: r.id, labelEn: r.label_en, labelZh: r.label_zh, requiredWhen: JSON.parse(r.required_when) as RequiredWhen }))
}

/** Replaces the whole template; signed records refer to immutable checklist versions, so old signatures are unaffected. */
export function replaceChecklist(db: Database, items: readonly QcChecklistItem[]): void {
  prepareCached(db, 'DELETE FROM qc_checklist_items').run()
  const insert = prepareCached(
    db,
    'INSERT INTO qc_checklist_items (id, label_en, label_zh, required_when, sort_order) VALUES (?, ?, ?, ?, ?)'
  )
  items.forEach((i, n) => insert.run(i.id, i.labelEn, i.labelZh, JSON.stringify(i.requiredWhen), n + 1))
}

/**
 * A signed checklist in its stored form (migration 006): the template part (every item with both
 * labels and its requiredWhen, in template order) as JSON, kept once per distinct template in
 * qc_checklist_versions, and this record's own part as two bitmasks over the items' positions:
 * bit i set in `requiredItems` when item i was required for this order, in `checkedItems` when
 * the inspector ticked it.
 */
export interface EncodedChecklist {
  itemsJson: string
  requiredItems: number
  checkedItems: number
}

/** At most this many items fit a bitmask that JavaScript numbers and SQLite integers both hold exactly. */
export const MAX_CHECKLIST_ITEMS = 53

/** Splits a checklist as signed into its template part and this record's marks; decodeChecklist undoes it exactly. */
export function encodeChecklist(lines: readonly ChecklistLine[]): EncodedChecklist {
  if (lines.length === 0 || lines.length > MAX_CHECKLIST_ITEMS) {
    throw new Error(`encodeChecklist: a checklist has 1 to ${MAX_CHECKLIST_ITEMS} items, not ${lines.length}`)
  }
  let requiredItems = 0
  let checkedItems = 0
  const items = lines.map(({ required, checked, ...item }, i) => {
    if (typeof required !== 'boolean' || typeof checked !== 'boolean') {
      throw new Error(`encodeChecklist: item ${String(item.id)} lacks its required/checked marks`)
    }
    if (required) requiredItems += 2 ** i
    if (checked) checkedItems += 2 ** i
    return item
  })
  return { itemsJson: JSON.stringify(items), requiredItems, checkedItems }
}

/** The checklist as it was signed, rebuilt from its version's items and the record's two bitmasks. */
export function decodeChecklist(itemsJson: string, requiredItems: number, checkedItems: number): ChecklistLine[] {
  const bit = (mask: number, i: number) => Math.floor(mask / 2 ** i) % 2 === 1
  return (JSON.parse(itemsJson) as QcChecklistItem[]).map((item, i) => ({
    ...item,
    required: bit(requiredItems, i),
    checked: bit(checkedItems, i)
  }))
}

/**
 * The id of the checklist version holding exactly these items, written on first use. Versions are
 * immutable (migration 006's triggers) and found by their content (a UNIQUE index on the JSON),
 * so every record signed on one template shares one row however often the template is edited back.
 */
export function checklistVersionId(db: Database, itemsJson: string, now: number): number {
  const found = prepareCached(db, 'SELECT id FROM qc_checklist_versions WHERE items = ?').get(itemsJson) as { id: number } | undefined
  if (found) return found.id
  return Number(prepareCached(db, 'INSERT INTO qc_checklist_versions (items, created_at) VALUES (?, ?)').run(itemsJson, now).lastInsertRowid)
}

export interface QcRecord {
  id: number
  repairOrderId: number
  attempt: number
  result: 'pass' | 'fail'
  inspectorUserId: number
  inspectorName: string
  /** UTC instant. */
  signedAt: string
  /** What the signature means: "QC passed" or "QC failed: reason", in both languages. */
  meaning: { en: string; zh: string }
  failReason: string | null
  comebackCause: ComebackCause | null
  technicianId: number | null
  checklist: ChecklistLine[]
}

interface QcRecordRow {
  id: number
  repair_order_id: number
  attempt: number
  result: 'pass' | 'fail'
  inspector_user_id: number
  inspector_name: string
  signed_at: number
  meaning_en: string
  meaning_zh: string
  fail_reason: string | null
  comeback_cause: ComebackCause | null
  technician_id: number | null
  required_items: number
  checked_items: number
  items: string
}

/** A record with its checklist version: one primary-key lookup of qc_checklist_versions per record. */
const SELECT_RECORDS = `SELECT r.id, r.repair_order_id, r.attempt, r.result, r.inspector_user_id, r.inspector_name, r.signed_at,
  r.meaning_en, r.meaning_zh, r.fail_reason, r.comeback_cause, r.technician_id, r.required_items, r.checked_items, v.items
  FROM qc_records r JOIN qc_checklist_versions v ON v.id = r.checklist_version_id`

const toRecord = (r: QcRecordRow): QcRecord => ({
  id: r.id,
  repairOrderId: r.repair_order_id,
  attempt: r.attempt,
  result: r.result,
  inspectorUserId: r.inspector_user_id,
  inspectorName: r.inspector_name,
  signedAt: new Date(r.signed_at).toISOString(),
  meaning: { en: r.meaning_en, zh: r.meaning_zh },
  failReason: r.fail_reason,
  comebackCause: r.comeback_cause,
  technicianId: r.technician_id,
  checklist: decodeChecklist(r.items, r.required_items, r.checked_items)
})

export function listQcRecords(db: Database, repairOrderId: number): QcRecord[] {
  return (
    prepareCached(db, `${SELECT_RECORDS} WHERE r.repair_order_id = ? ORDER BY r.attempt`).all(repairOrderId) as QcRecordRow[]
  ).map(toRecord)
}

export function getQcRecord(db: Database, id: number): QcRecord | undefined {
  const row = prepareCached(db, `${SELECT_RECORDS} WHERE r.id = ?`).get(id) as QcRecordRow | undefined
  return row ? toRecord(row) : undefined
}

export interface NewQcRecord {
  repairOrderId: number
  result: 'pass' | 'fail'
  inspectorUserId: number
  inspectorName: string
  signedAt: number
  meaningEn: string
  meaningZh: string
  failReason: string | null
  comebackCause: ComebackCause | null
  technicianId: number | null
  /** The checklist as signed; stored as a version reference plus two bitmasks (encodeChecklist). */
  checklist: ChecklistLine[]
}

/** Appends the next attempt's record (attempt = previous + 1). Returns its id. */
export function insertQcRecord(db: Database, r: NewQcRecord): number {
  const encoded = encodeChecklist(r.checklist)
  const versionId = checklistVersionId(db, encoded.itemsJson, r.signedAt)
  const info = prepareCached(
      db,
      `INSERT INTO qc_records (repair_order_id, attempt, result, inspector_user_id, inspector_name, signed_at,
         meaning_en, meaning_zh, fail_reason, comeback_cause, technician_id, checklist_version_id, required_items, checked_items)
       VALUES (?, (SELECT coalesce(max(attempt), 0) + 1 FROM qc_records WHERE repair_order_id = ?),
         ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(
      r.repairOrderId,
      r.repairOrderId,
      r.result,
      r.inspectorUserId,
      r.inspectorName,
      r.signedAt,
      r.meaningEn,
      r.meaningZh,
      r.failReason,
      r.comebackCause,
      r.technicianId,
      versionId,
      encoded.requiredItems,
      encoded.checkedItems
    )
  return Number(info.lastInsertRowid)
}

/** When each awaiting-QC order entered the queue (ms), stamped by migration 003's triggers. */
export function qcWaitSince(db: Database, ids: readonly number[]): Map<number, number> {
  if (ids.length === 0) return new Map()
  const rows = prepareCached(db, `SELECT repair_order_id, since FROM qc_waits WHERE repair_order_id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as { repair_order_id: number; since: number }[]
  return new Map(rows.map((r) => [r.repair_order_id, r.since]))
}

export interface DeliveryRecord {
  repairOrderId: number
  deliveredAt: number
  deliveredBy: string
  flatRateHours: number
  actualHours: number
  actualSource: 'clock' | 'none'
  firstTimePass: boolean
}

/**
 * The delivery record with the facts the reports read, copied from the order in the same statement
 * (migration 007): its technician, last and original promise, and whether it was a comeback.
 * Parameters: order id, delivered at, by, flat-rate hours, actual hours, actual source, first-time pass.
 */
export const INSERT_DELIVERY_SQL = `INSERT INTO deliveries (repair_order_id, delivered_at, delivered_by, flat_rate_hours, actual_hours, actual_source,
     first_time_pass, technician_id, promised_at, original_promised_at, comeback)
   SELECT o.id, ?, ?, ?, ?, ?, ?, o.technician_id, o.promised_at, o.original_promised_at, (o.flag_bits & ${flagBit('comeback')}) <> 0
   FROM repair_orders o WHERE o.id = ?`

export function insertDelivery(db: Database, d: DeliveryRecord): void {
  const info = prepareCached(db, INSERT_DELIVERY_SQL)
    .run(d.deliveredAt, d.deliveredBy, d.flatRateHours, d.actualHours, d.actualSource, d.firstTimePass ? 1 : 0, d.repairOrderId)
  if (info.changes !== 1) throw new Error(`insertDelivery: repair order ${d.repairOrderId} not found`)
}

/**
 * Delivered orders and how many passed QC the first time: the first-time-fix figure. Read from the
 * running total migration 004 keeps (a trigger on deliveries), not by counting every delivery.
 */
export function firstTimePassCounts(db: Database): { delivered: number; firstTimePass: number } {
  const r = prepareCached(db, 'SELECT delivered, first_time_pass AS ftp FROM delivery_totals WHERE id = 1').get() as
    | { delivered: number; ftp: number }
    | undefined
  return { delivered: r?.delivered ?? 0, firstTimePass: r?.ftp ?? 0 }
}

/**
 * Labour hours the clock recorded for an order, or null when this data file has no clock
 * (issue 3's migration not applied). Only in-progress intervals count (model.md); an open
 * interval counts up to `now`.
 */
export function clockedHours(db: Database, repairOrderId: number, now: number): number | null {
  const table = prepareCached(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'clock_segments'").get() as { name: string } | undefined
  if (!table) return null
  const row = prepareCached(
      db,
      `SELECT coalesce(sum(coalesce(ended_at, ?) - started_at), 0) AS ms FROM clock_segments WHERE repair_order_id = ?`
    )
    .get(now, repairOrderId) as { ms: number }
  return row.ms / 3_600_000
}

/** Orders awaiting QC (and since when the longest has waited, ms) and orders ready for delivery. */
export function qcCounts(db: Database): { awaiting: number; oldestSince: number | null; ready: number } {
  const r = prepareCached(
      db,
      // "AND status NOT IN (...)" is the term of the partial index repair_orders_open: with it SQLite
      // searches the few open orders instead of scanning an index of every order ever made.
      `SELECT
         (SELECT count(*) FROM repair_orders WHERE status = 'awaiting_qc' AND status NOT IN ('delivered','cancelled')) AS awaiting,
         (SELECT min(coalesce(w.since, o.updated_at)) FROM repair_orders o LEFT JOIN qc_waits w ON w.repair_order_id = o.id
            WHERE o.status = 'awaiting_qc' AND o.status NOT IN ('delivered','cancelled')) AS oldest,
         (SELECT count(*) FROM repair_orders WHERE status = 'ready' AND status NOT IN ('delivered','cancelled')) AS ready`
    )
    .get() as { awaiting: number; oldest: number | null; ready: number }
  return { awaiting: r.awaiting, oldestSince: r.oldest, ready: r.ready }
}
