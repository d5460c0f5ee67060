import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import type { JobLine, RepairOrder, RepairOrderFlag, RepairOrderFlags, RepairOrderStatus, SkillLevel } from '../../shared/domain/types'
import { REPAIR_ORDER_FLAGS } from '../../shared/domain/types'
import { attachPromiseKeeping } from './clock.repo'

interface RepairOrderRow {
  id: number
  ro_number: string
  plate: string
  vin: string | null
  model: string
  customer_name: string
  customer_phone: string
  service_advisor: string
  promised_at: number
  parts_ready: number
  flag_bits: number
  notes: string
  status: RepairOrderStatus
  technician_id: number | null
  queue_position: number | null
  parked: number
  cancel_reason: string | null
  original_promised_at: number | null
  created_at: number
  updated_at: number
  version: number
}

interface JobLineRow {
  id: number
  repair_order_id: number
  description: string
  skill_code: string
  min_level: number
  hours: number
}

export interface RepairOrderRecord {
  roNumber: string
  plate: string
  vin: string | null
  model: string
  customerName: string
  customerPhone: string
  serviceAdvisor: string
  promisedAt: number
  partsReady: boolean
  flags: RepairOrderFlags
  notes: string
  jobLines: Omit<JobLine, 'id'>[]
}

export interface Placement {
  status: RepairOrderStatus
  technicianId: number | null
  queuePosition: number | null
  parked: boolean
  cancelReason?: string | null
}

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * The stored form of an order's flags (migration 006): repair_orders.flag_bits, an INTEGER whose
 * bit i is REPAIR_ORDER_FLAGS[i]. That list's order is therefore frozen: a new flag is appended,
 * never inserted or reordered (tests/unit/main/stored-forms.test.ts pins it). SQL that
 * reads one flag tests `flag_bits & ${flagBit(name)}`, never a literal number.
 */
export function flagBit(flag: RepairOrderFlag): number {
  const i = REPAIR_ORDER_FLAGS.indexOf(flag)
  if (i < 0) throw new Error(`flagBit: unknown flag ${String(flag)}`)
  return 2 ** i
}

/** An order's flags as repair_orders.flag_bits; flags not set (or absent) are 0 bits. */
export function flagsToBits(flags: Partial<RepairOrderFlags>): number {
  return REPAIR_ORDER_FLAGS.reduce((bits, f, i) => (flags[f] ? bits + 2 ** i : bits), 0)
}

/** repair_orders.flag_bits back to every flag, true or false. */
export function flagsFromBits(bits: number): RepairOrderFlags {
  return Object.fromEntries(REPAIR_ORDER_FLAGS.map((f, i) => [f, Math.floor(bits / 2 ** i) % 2 === 1])) as RepairOrderFlags
}

function toOrder(row: RepairOrderRow, lines: JobLineRow[]): RepairOrder {
  return {
    id: row.id,
    roNumber: row.ro_number,
    plate: row.plate,
    vin: row.vin,
    model: row.model,
    customerName: row.customer_name,
    customerPhone: row.customer_phone,
    serviceAdvisor: row.service_advisor,
    jobLines: lines.map((l) => ({
      id: l.id,
      description: l.description,
      skill: l.skill_code,
      minLevel: l.min_level as SkillLevel,
      hours: l.hours
    })),
    promisedAt: iso(row.promised_at),
    partsReady: row.parts_ready === 1,
    flags: flagsFromBits(row.flag_bits),
    notes: row.notes,
    status: row.status,
    technicianId: row.technician_id,
    queuePosition: row.queue_position,
    parked: row.parked === 1,
    cancelReason: row.cancel_reason,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
    // issue 3's fields; filled by attachPromiseKeeping (clock.repo.ts)
    labour: { closedHours: 0, runningSince: null },
    openStoppage: null,
    promise: { originalPromisedAt: iso(row.original_promised_at ?? row.promised_at), notificationCount: 0, lastNotification: null },
    technicianReport: null
  }
}

function withLines(db: Database, rows: RepairOrderRow[]): RepairOrder[] {
  if (rows.length === 0) return []
  const byOrder = new Map<number, JobLineRow[]>()
  // One query for all lines, chunked under SQLite's variable limit.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id)
    const lines = prepareCached(
        db,
        `SELECT id, repair_order_id, description, skill_code, min_level, hours FROM job_lines
         WHERE repair_order_id IN (${ids.map(() => '?').join(',')}) ORDER BY repair_order_id, line_no`
      )
      .all(...ids) as JobLineRow[]
    for (const l of lines) {
      const list = byOrder.get(l.repair_order_id)
      if (list) list.push(l)
      else byOrder.set(l.repair_order_id, [l])
    }
  }
  return attachPromiseKeeping(db, rows.map((r) => toOrder(r, byOrder.get(r.id) ?? [])))
}

export function getRepairOrder(db: Database, id: number): RepairOrder | undefined {
  const row = prepareCached(db, 'SELECT * FROM repair_orders WHERE id = ?').get(id) as RepairOrderRow | undefined
  return row ? withLines(db, [row])[0] : undefined
}

export function getRepairOrders(db: Database, ids: readonly number[]): RepairOrder[] {
  if (ids.length === 0) return []
  const rows = prepareCached(db, `SELECT * FROM repair_orders WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as RepairOrderRow[]
  return withLines(db, rows)
}

/** Every order still on the board (not delivered, not cancelled). */
export function listOpenRepairOrders(db: Database): RepairOrder[] {
  const rows = prepareCached(
      db,
      `SELECT * FROM repair_orders
       WHERE status NOT IN ('delivered','cancelled')` // the exact term of the partial index repair_orders_open, so SQLite uses it
    )
    .all() as RepairOrderRow[]
  return withLines(db, rows)
}

export function findIdByRoNumber(db: Database, roNumber: string): number | undefined {
  const row = prepareCached(db, 'SELECT id FROM repair_orders WHERE ro_number = ?').get(roNumber) as { id: number } | undefined
  return row?.id
}

/** The detail columns as named parameters, shared by insert and update. */
function detailParams(r: RepairOrderRecord) {
  return {
    roNumber: r.roNumber,
    plate: r.plate,
    vin: r.vin,
    model: r.model,
    customerName: r.customerName,
    customerPhone: r.customerPhone,
    serviceAdvisor: r.serviceAdvisor,
    promisedAt: r.promisedAt,
    partsReady: r.partsReady ? 1 : 0,
    flagBits: flagsToBits(r.flags),
    notes: r.notes
  }
}

export function insertRepairOrder(db: Database, r: RepairOrderRecord, now: number): number {
  const info = prepareCached(
      db,
      `INSERT INTO repair_orders (ro_number, plate, vin, model, customer_name, customer_phone, service_advisor,
         promised_at, parts_ready, flag_bits, notes, status, created_at, updated_at)
       VALUES (@roNumber, @plate, @vin, @model, @customerName, @customerPhone, @serviceAdvisor,
         @promisedAt, @partsReady, @flagBits, @notes, 'waiting', @now, @now)`
    )
    .run({ ...detailParams(r), now })
  const id = Number(info.lastInsertRowid)
  replaceJobLines(db, id, r.jobLines)
  return id
}

/** Rewrites an order's details; `version` guards against a concurrent edit. Returns false when stale. */
export function updateRepairOrderDetails(
  db: Database,
  id: number,
  version: number,
  r: RepairOrderRecord,
  now: number
): boolean {
  const info = prepareCached(
      db,
      `UPDATE repair_orders SET ro_number = @roNumber, plate = @plate, vin = @vin, model = @model,
         customer_name = @customerName, customer_phone = @customerPhone, service_advisor = @serviceAdvisor,
         promised_at = @promisedAt, parts_ready = @partsReady, flag_bits = @flagBits, notes = @notes,
         updated_at = @now, version = version + 1
       WHERE id = @id AND version = @version`
    )
    .run({ ...detailParams(r), now, id, version })
  if (info.changes === 0) return false
  replaceJobLines(db, id, r.jobLines)
  return true
}

function replaceJobLines(db: Database, id: number, lines: RepairOrderRecord['jobLines']): void {
  prepareCached(db, 'DELETE FROM job_lines WHERE repair_order_id = ?').run(id)
  const insert = prepareCached(
    db,
    `INSERT INTO job_lines (repair_order_id, line_no, description, skill_code, min_level, hours)
     VALUES (?, ?, ?, ?, ?, ?)`
  )
  lines.forEach((l, i) => insert.run(id, i + 1, l.description, l.skill, l.minLevel, l.hours))
}

/** Moves an order to a new status/lane place. Asserts exactly one row changed. */
export function setPlacement(db: Database, id: number, p: Placement, now: number): void {
  const info = prepareCached(
      db,
      `UPDATE repair_orders SET status = ?, technician_id = ?, queue_position = ?, parked = ?,
         cancel_reason = COALESCE(?, cancel_reason), updated_at = ?, version = version + 1
       WHERE id = ?`
    )
    .run(p.status, p.technicianId, p.queuePosition, p.parked ? 1 : 0, p.cancelReason ?? null, now, id)
  if (info.changes !== 1) throw new Error(`setPlacement: expected 1 row for order ${id}, got ${info.changes}`)
}

/** Where orders stand (status, lane, queue place) and their version: the after state of a queue spaced out again without re-reading whole orders. */
export function getPlacements(
  db: Database,
  ids: readonly number[]
): Map<number, Pick<RepairOrder, 'status' | 'technicianId' | 'queuePosition' | 'parked' | 'cancelReason' | 'updatedAt' | 'version'>> {
  const out = new Map<number, Pick<RepairOrder, 'status' | 'technicianId' | 'queuePosition' | 'parked' | 'cancelReason' | 'updatedAt' | 'version'>>()
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500)
    const rows = prepareCached(
      db,
      `SELECT id, status, technician_id, queue_position, parked, cancel_reason, updated_at, version FROM repair_orders
       WHERE id IN (${chunk.map(() => '?').join(',')})`
    ).all(...chunk) as Pick<RepairOrderRow, 'id' | 'status' | 'technician_id' | 'queue_position' | 'parked' | 'cancel_reason' | 'updated_at' | 'version'>[]
    for (const r of rows)
      out.set(r.id, {
        status: r.status,
        technicianId: r.technician_id,
        queuePosition: r.queue_position,
        parked: r.parked === 1,
        cancelReason: r.cancel_reason,
        updatedAt: iso(r.updated_at),
        version: r.version
      })
  }
  return out
}

/** Ids of a technician's queued orders, front first. */
export function queueOf(db: Database, technicianId: number): number[] {
  return (
    prepareCached(
        db,
        `SELECT id FROM repair_orders WHERE technician_id = ? AND status = 'queued' ORDER BY queue_position, id`
      )
      .all(technicianId) as { id: number }[]
  ).map((r) => r.id)
}

/** The order holding the technician's current slot, if any. */
export function currentOf(db: Database, technicianId: number): number | undefined {
  const row = prepareCached(
      db,
      `SELECT id FROM repair_orders WHERE technician_id = ?
         AND (status IN ('assigned','in_progress') OR (status = 'stopped' AND parked = 0))`
    )
    .get(technicianId) as { id: number } | undefined
  return row?.id
}

/** A technician's queued orders, front first, with their positions (ranks with room between them, shared/domain/queue-slot.ts). */
export function queueWithPositions(db: Database, technicianId: number): { id: number; position: number }[] {
  return prepareCached(
    db,
    `SELECT id, queue_position AS position FROM repair_orders WHERE technician_id = ? AND status = 'queued' ORDER BY queue_position, id`
  ).all(technicianId) as { id: number; position: number }[]
}

/** Writes new queue positions of a technician's queued orders; touches only rows whose position changes. */
export function writeQueue(db: Database, technicianId: number, entries: readonly (readonly [id: number, position: number])[], now: number): void {
  const update = prepareCached(
    db,
    `UPDATE repair_orders SET queue_position = ?, updated_at = ?, version = version + 1
     WHERE id = ? AND technician_id = ? AND status = 'queued' AND queue_position IS NOT ?`
  )
  for (const [id, position] of entries) update.run(position, now, id, technicianId, position)
}

export function countRepairOrders(db: Database): number {
  return (prepareCached(db, 'SELECT count(*) AS n FROM repair_orders').get() as { n: number }).n
}
