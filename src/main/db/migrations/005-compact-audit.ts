import type { Database } from 'better-sqlite3'
import { AUDIT_CODEC, encodeAuditChange, type CompactChange, type CompactEntry } from '../audit-codec'

/**
 * A compact audit log (issue 5: three years in about 60 bytes an audit row). Each row keeps its
 * time, who (audit_actors) and what command (audit_commands) as small integers, the one repair
 * order it changed as an indexed column, and one deflated BLOB of the changed fields, before and
 * after (audit-codec.ts). Rows that change several orders, and technicians, are linked in
 * audit_entities with an integer entity code. Ids are kept: the newest audit id is the board version.
 *
 * Every existing row is converted, losing nothing: a created record keeps its whole first state,
 * and a field an old row recorded unchanged is kept as [value, value] unless it is what the
 * order's earlier rows already say (new rows written by the product keep less, see tx.ts).
 * technician_reports becomes append-only too: new rows leave an order's report to that table.
 */
export const ENTITY_CODES = { repair_order: 1, technician: 2, skill: 3, settings: 4 } as const

export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER audit_log_append_only_update;
    DROP TRIGGER audit_log_append_only_delete;
    ALTER TABLE audit_entities RENAME TO audit_entities_v4;
    ALTER TABLE audit_log RENAME TO audit_log_v4;

    -- who and which command, once each; rows refer to them by a one-byte integer
    CREATE TABLE audit_actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
    CREATE TABLE audit_commands (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor_id INTEGER NOT NULL REFERENCES audit_actors(id),
      command_id INTEGER NOT NULL REFERENCES audit_commands(id),
      -- the one repair order the row changed; NULL when it changed none or several (audit_entities)
      order_id INTEGER,
      -- which dictionary 'change' is deflated with (audit-codec.ts)
      codec INTEGER NOT NULL,
      change BLOB NOT NULL
    ) STRICT;
    -- an order's history is one indexed lookup (with audit_entities for rows of several orders)
    CREATE INDEX audit_log_order ON audit_log (order_id) WHERE order_id IS NOT NULL;

    -- records of rows that changed several orders, and technicians: entity 1 repair order,
    -- 2 technician, 3 skill, 4 settings
    CREATE TABLE audit_entities (
      entity INTEGER NOT NULL CHECK (entity BETWEEN 1 AND 4),
      entity_id INTEGER NOT NULL,
      audit_id INTEGER NOT NULL REFERENCES audit_log(id),
      PRIMARY KEY (entity, entity_id, audit_id)
    ) STRICT, WITHOUT ROWID;
  `)

  const actorId = lookup(db, 'audit_actors')
  const commandId = lookup(db, 'audit_commands')
  const insert = db.prepare('INSERT INTO audit_log (id, at, actor_id, command_id, order_id, codec, change) VALUES (?, ?, ?, ?, ?, ?, ?)')
  const link = db.prepare('INSERT OR IGNORE INTO audit_entities (entity, entity_id, audit_id) VALUES (?, ?, ?)')
  const page = db.prepare('SELECT id, at, actor, command, before, after FROM audit_log_v4 WHERE id > ? ORDER BY id LIMIT 2000')
  // what each order's rows so far say its fields are (JSON), to know which unchanged values are news
  const known = new Map<string, Map<string, string>>()
  let last = 0
  for (;;) {
    const rows = page.all(last) as { id: number; at: number; actor: string; command: string; before: string; after: string }[]
    if (rows.length === 0) break
    for (const r of rows) {
      const { change, orderIds, technicianIds } = compactFromV4(JSON.parse(r.before), JSON.parse(r.after), r.at, known)
      const orderId = orderIds.length === 1 ? orderIds[0] : null
      insert.run(r.id, r.at, actorId(r.actor), commandId(r.command), orderId, AUDIT_CODEC, encodeAuditChange(change, r.at))
      if (orderId === null) for (const id of orderIds) link.run(ENTITY_CODES.repair_order, id, r.id)
      for (const id of technicianIds) link.run(ENTITY_CODES.technician, id, r.id)
    }
    last = rows[rows.length - 1].id
  }
  // Any link the old table had that the rows' own records do not give (none are expected).
  db.exec(`
    INSERT OR IGNORE INTO audit_entities (entity, entity_id, audit_id)
      SELECT CASE e.entity WHEN 'repair_order' THEN 1 WHEN 'technician' THEN 2 WHEN 'skill' THEN 3 ELSE 4 END, e.entity_id, e.audit_id
      FROM audit_entities_v4 e
      WHERE NOT (e.entity = 'repair_order' AND e.entity_id IS (SELECT a.order_id FROM audit_log a WHERE a.id = e.audit_id));
    DROP TABLE audit_entities_v4;
    DROP TABLE audit_log_v4;
  `)
  // Append-only again, and so are the links and the names the rows refer to (renaming an actor would
  // rewrite history), and the technicians' reports, which the audit no longer repeats (tx.ts ORDER_KEPT_ELSEWHERE).
  for (const table of ['audit_log', 'audit_entities', 'audit_actors', 'audit_commands', 'technician_reports'])
    for (const op of ['UPDATE', 'DELETE'])
      db.exec(`CREATE TRIGGER ${table}_append_only_${op.toLowerCase()} BEFORE ${op} ON ${table}
                 BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END;`)
}

function lookup(db: Database, table: 'audit_actors' | 'audit_commands'): (name: string) => number {
  const ids = new Map<string, number>()
  const insert = db.prepare(`INSERT INTO ${table} (name) VALUES (?)`)
  return (name) => {
    let id = ids.get(name)
    if (id === undefined) {
      id = Number(insert.run(name).lastInsertRowid)
      ids.set(name, id)
    }
    return id
  }
}

type Rec = Record<string, unknown>
const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v)
const json = (v: unknown) => JSON.stringify(v ?? null)

/**
 * One v4 row (before and after JSON, as Tx.commit wrote them in any earlier format) as a compact
 * change. Exported for the migration test.
 */
export function compactFromV4(
  before: Rec,
  after: Rec,
  at: number,
  known: Map<string, Map<string, string>>
): { change: CompactChange; orderIds: number[]; technicianIds: number[] } {
  const change: CompactChange = {}
  const orders = entries(before.repairOrders, after.repairOrders, at, known, 'o')
  const orderIds = Object.keys(orders).map(Number)
  if (orderIds.length === 1) change.o = orders[orderIds[0]]
  else if (orderIds.length > 1) change.os = orders
  const technicians = entries(before.technicians, after.technicians, at, known, 't')
  if (Object.keys(technicians).length) change.t = technicians
  if ('skills' in before || 'skills' in after) change.s = [before.skills ?? null, after.skills ?? null]
  if ('calendar' in before || 'calendar' in after) change.k = [before.calendar ?? null, after.calendar ?? null]
  const extra: Rec = {}
  for (const [k, v] of Object.entries(after)) if (!['repairOrders', 'technicians', 'skills', 'calendar'].includes(k)) extra[k] = v
  // before never held anything else, but keep it if an old row did
  for (const [k, v] of Object.entries(before)) if (!['repairOrders', 'technicians', 'skills', 'calendar'].includes(k)) extra[`before:${k}`] = v
  if (Object.keys(extra).length) change.x = extra
  return { change, orderIds, technicianIds: Object.keys(technicians).map(Number) }
}

function entries(before: unknown, after: unknown, at: number, known: Map<string, Map<string, string>>, kind: string): Record<string, CompactEntry> {
  const b = isRec(before) ? before : {}
  const a = isRec(after) ? after : {}
  const out: Record<string, CompactEntry> = {}
  for (const id of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (!/^\d+$/.test(id)) continue
    const key = `${kind}${id}`
    const rb = b[id] ?? null
    const ra = a[id] ?? null
    if (!isRec(rb) && isRec(ra)) {
      // created: keep the whole first state
      const { id: _id, ...rest } = ra
      out[id] = { '+': rest }
      known.set(key, new Map(Object.entries(rest).map(([f, v]) => [f, json(v)])))
    } else if (isRec(rb) && !isRec(ra)) {
      out[id] = { '-': rb }
      known.delete(key)
    } else if (isRec(rb) && isRec(ra)) {
      let k = known.get(key)
      if (!k) known.set(key, (k = new Map()))
      const pairs: Rec = {}
      const iso = new Date(at).toISOString()
      for (const f of new Set([...Object.keys(rb), ...Object.keys(ra)])) {
        if (f === 'id') continue
        const vb = rb[f] ?? null
        const va = ra[f] ?? null
        const was = k.get(f)
        const fits = was === undefined || was === json(vb)
        k.set(f, json(va))
        // derivable: the version goes up by one a row, updatedAt is the row's time (history.ts)
        if (fits && f === 'version' && va === (vb as number) + 1) continue
        if (fits && f === 'updatedAt' && va === iso) continue
        if (json(vb) === json(va)) {
          if (fits) continue
          pairs[f] = [va, va]
        } else if (fits && isRec(vb) && isRec(va)) {
          const nested: Rec = {}
          for (const nf of new Set([...Object.keys(vb), ...Object.keys(va)])) if (json(vb[nf]) !== json(va[nf])) nested[nf] = [vb[nf] ?? null, va[nf] ?? null]
          pairs[f] = nested
        } else pairs[f] = [vb, va]
      }
      out[id] = pairs as CompactEntry
    }
  }
  return out
}
