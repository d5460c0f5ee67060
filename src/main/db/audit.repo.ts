import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import { AUDIT_CODEC, decodeAuditChange, encodeAuditChange, isCreated, isRemoved, splitPairs, type CompactChange, type CompactEntry } from './audit-codec'
import { ENTITY_CODES } from './migrations/005-compact-audit'

export type AuditEntity = keyof typeof ENTITY_CODES

/** One audit row as callers see it (API `audit-list`): before and after keep only what changed. */
export interface AuditRow {
  id: number
  at: string
  actor: string
  command: string
  before: unknown
  after: unknown
}

/** One audit row as stored, its change decoded (services/history.ts reads orders' pasts from it). */
export interface StoredAuditRow {
  id: number
  at: number
  actor: string
  command: string
  /** The one repair order the row changed (its entry is change.o), or null. */
  orderId: number | null
  change: CompactChange
}

const stmt = prepareCached

/** The id of an actor or command name, added on first use (inside the caller's transaction). */
function nameId(db: Database, table: 'audit_actors' | 'audit_commands', name: string): number {
  const found = stmt(db, `SELECT id FROM ${table} WHERE name = ?`).get(name) as { id: number } | undefined
  return found ? found.id : Number(stmt(db, `INSERT INTO ${table} (name) VALUES (?)`).run(name).lastInsertRowid)
}

/**
 * Appends the one audit row of a change and links the records it touched: the one repair order
 * in the row's order_id column, several orders and technicians in audit_entities. Returns its id
 * (the board version).
 */
export function appendAudit(
  db: Database,
  row: { at: number; actor: string; command: string; change: CompactChange },
  touched: readonly { entity: AuditEntity; id: number | string }[]
): number {
  const orders = touched.filter((t) => t.entity === 'repair_order' && typeof t.id === 'number')
  const orderId = orders.length === 1 ? (orders[0].id as number) : null
  const info = stmt(db, 'INSERT INTO audit_log (at, actor_id, command_id, order_id, codec, change) VALUES (?, ?, ?, ?, ?, ?)').run(
    row.at,
    nameId(db, 'audit_actors', row.actor),
    nameId(db, 'audit_commands', row.command),
    orderId,
    AUDIT_CODEC,
    encodeAuditChange(row.change, row.at)
  )
  const auditId = Number(info.lastInsertRowid)
  const link = stmt(db, 'INSERT OR IGNORE INTO audit_entities (entity, entity_id, audit_id) VALUES (?, ?, ?)')
  for (const t of touched) {
    if (typeof t.id !== 'number' || (t.entity === 'repair_order' && orderId !== null)) continue
    link.run(ENTITY_CODES[t.entity], t.id, auditId)
  }
  return auditId
}

export function lastAuditId(db: Database): number {
  return (stmt(db, 'SELECT coalesce(max(id), 0) AS v FROM audit_log').get() as { v: number }).v
}

const COLUMNS = `a.id, a.at, p.name AS actor, c.name AS command, a.order_id AS orderId, a.codec, a.change
  FROM audit_log a JOIN audit_actors p ON p.id = a.actor_id JOIN audit_commands c ON c.id = a.command_id`

interface RawRow {
  id: number
  at: number
  actor: string
  command: string
  orderId: number | null
  codec: number
  change: Buffer
}

/** Audit rows newest first, decoded; for one record: one indexed lookup of its rows. */
export function listStoredAudit(db: Database, filter: { entity?: AuditEntity; entityId?: number; limit: number }): StoredAuditRow[] {
  let rows: RawRow[]
  if (filter.entity === 'repair_order' && filter.entityId !== undefined) {
    rows = stmt(
      db,
      `SELECT ${COLUMNS} WHERE a.id IN (SELECT id FROM audit_log WHERE order_id = ?
                                           UNION ALL SELECT audit_id FROM audit_entities WHERE entity = 1 AND entity_id = ?)
       ORDER BY a.id DESC LIMIT ?`
    ).all(filter.entityId, filter.entityId, filter.limit) as RawRow[]
  } else if (filter.entity && filter.entityId !== undefined) {
    rows = stmt(
      db,
      `SELECT ${COLUMNS} WHERE a.id IN (SELECT audit_id FROM audit_entities WHERE entity = ? AND entity_id = ?) ORDER BY a.id DESC LIMIT ?`
    ).all(ENTITY_CODES[filter.entity], filter.entityId, filter.limit) as RawRow[]
  } else rows = stmt(db, `SELECT ${COLUMNS} ORDER BY a.id DESC LIMIT ?`).all(filter.limit) as RawRow[]
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    command: r.command,
    orderId: r.orderId,
    change: decodeAuditChange(r.change, r.at, r.codec)
  }))
}

/** The repair-order entries of a row by order id. */
export function orderEntries(row: Pick<StoredAuditRow, 'orderId' | 'change'>): Map<number, CompactEntry> {
  const out = new Map<number, CompactEntry>()
  if (row.change.o && row.orderId !== null) out.set(row.orderId, row.change.o)
  for (const [id, e] of Object.entries(row.change.os ?? {})) out.set(Number(id), e)
  return out
}

/** Before and after of one entry, in the shape audit rows always had (null when created or removed). */
function sides(e: CompactEntry): { before: unknown; after: unknown } {
  if (isCreated(e)) return { before: null, after: e['+'] }
  if (isRemoved(e)) return { before: e['-'], after: null }
  return splitPairs(e)
}

/**
 * A stored row in the caller's shape: { repairOrders: { id: fields }, technicians, skills,
 * calendar } before and after, plus the command's extra records in after.
 */
export function toAuditRow(r: StoredAuditRow): AuditRow {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = { ...r.change.x }
  const orders = orderEntries(r)
  if (orders.size) {
    before.repairOrders = {}
    after.repairOrders = {}
    for (const [id, e] of orders) {
      const s = sides(e)
      ;(before.repairOrders as Record<string, unknown>)[id] = s.before
      ;(after.repairOrders as Record<string, unknown>)[id] = s.after
    }
  }
  if (r.change.t) {
    before.technicians = {}
    after.technicians = {}
    for (const [id, e] of Object.entries(r.change.t)) {
      const s = sides(e)
      ;(before.technicians as Record<string, unknown>)[id] = s.before
      ;(after.technicians as Record<string, unknown>)[id] = s.after
    }
  }
  if (r.change.s) [before.skills, after.skills] = r.change.s
  if (r.change.k) [before.calendar, after.calendar] = r.change.k
  return { id: r.id, at: new Date(r.at).toISOString(), actor: r.actor, command: r.command, before, after }
}

export function countAudit(db: Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
}
