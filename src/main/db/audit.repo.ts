import type { Database } from 'better-sqlite3'

export type AuditEntity = 'repair_order' | 'technician' | 'skill' | 'settings'

export interface AuditRow {
  id: number
  at: string
  actor: string
  command: string
  before: unknown
  after: unknown
}

/** Appends the one audit row of a change and indexes the records it touched. Returns its id (the board version). */
export function appendAudit(
  db: Database,
  row: { at: number; actor: string; command: string; before: unknown; after: unknown },
  touched: readonly { entity: AuditEntity; id: number | string }[]
): number {
  const info = db
    .prepare('INSERT INTO audit_log (at, actor, command, before, after) VALUES (?, ?, ?, ?, ?)')
    .run(row.at, row.actor, row.command, JSON.stringify(row.before), JSON.stringify(row.after))
  const auditId = Number(info.lastInsertRowid)
  const link = db.prepare('INSERT OR IGNORE INTO audit_entities (audit_id, entity, entity_id) VALUES (?, ?, ?)')
  for (const t of touched) if (typeof t.id === 'number') link.run(auditId, t.entity, t.id)
  return auditId
}

export function lastAuditId(db: Database): number {
  return (db.prepare('SELECT coalesce(max(id), 0) AS v FROM audit_log').get() as { v: number }).v
}

export function listAudit(db: Database, filter: { entity?: AuditEntity; entityId?: number; limit: number }): AuditRow[] {
  const rows = (
    filter.entity && filter.entityId !== undefined
      ? db
          .prepare(
            `SELECT a.* FROM audit_entities e JOIN audit_log a ON a.id = e.audit_id
             WHERE e.entity = ? AND e.entity_id = ? ORDER BY a.id DESC LIMIT ?`
          )
          .all(filter.entity, filter.entityId, filter.limit)
      : db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(filter.limit)
  ) as { id: number; at: number; actor: string; command: string; before: string; after: string }[]
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    command: r.command,
    before: JSON.parse(r.before) as unknown,
    after: JSON.parse(r.after) as unknown
  }))
}

export function countAudit(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
}
