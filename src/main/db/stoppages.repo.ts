import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import type { Stoppage, StoppageDetails, StoppageKind } from '../../shared/domain/types'

const iso = (ms: number): string => new Date(ms).toISOString()

interface StoppageRow {
  id: number
  repair_order_id: number
  technician_id: number | null
  kind: StoppageKind
  details: string
  expected_end_at: number | null
  started_at: number
  ended_at: number | null
  started_by: string
}

const toStoppage = (r: StoppageRow): Stoppage => ({
  id: r.id,
  repairOrderId: r.repair_order_id,
  technicianId: r.technician_id,
  kind: r.kind,
  details: JSON.parse(r.details) as StoppageDetails,
  expectedEndAt: r.expected_end_at === null ? null : iso(r.expected_end_at),
  startedAt: iso(r.started_at),
  endedAt: r.ended_at === null ? null : iso(r.ended_at),
  startedBy: r.started_by
})

/** When a stoppage is expected to end (epoch ms): parts' expected arrival, sublet's expected return, else null. */
export function expectedEndOf(d: StoppageDetails): number | null {
  const at = d.kind === 'parts' ? d.expectedArrivalAt : d.kind === 'sublet' ? d.expectedReturnAt : null
  return at ? Date.parse(at) : null
}

/** Opens a stoppage; the unique index refuses a second open one on the same order. */
export function openStoppage(
  db: Database,
  s: { repairOrderId: number; technicianId: number | null; details: StoppageDetails; startedBy: string },
  at: number
): number {
  const info = prepareCached(
      db,
      `INSERT INTO stoppages (repair_order_id, technician_id, kind, details, expected_end_at, started_at, started_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(s.repairOrderId, s.technicianId, s.details.kind, JSON.stringify(s.details), expectedEndOf(s.details), at, s.startedBy, at)
  return Number(info.lastInsertRowid)
}

/** Closes the order's open stoppage at `at`; returns whether one was open. */
export function closeStoppage(db: Database, repairOrderId: number, at: number): boolean {
  const info = prepareCached(db, 'UPDATE stoppages SET ended_at = max(?, started_at), updated_at = ? WHERE repair_order_id = ? AND ended_at IS NULL')
    .run(at, at, repairOrderId)
  return info.changes === 1
}

export function getStoppage(db: Database, id: number): Stoppage | undefined {
  const row = prepareCached(db, 'SELECT * FROM stoppages WHERE id = ?').get(id) as StoppageRow | undefined
  return row ? toStoppage(row) : undefined
}

/** Rewrites an open stoppage's details (same kind). Asserts exactly one row changed. */
export function updateStoppageDetails(db: Database, id: number, details: StoppageDetails, now: number): void {
  const info = prepareCached(db, 'UPDATE stoppages SET details = ?, expected_end_at = ?, updated_at = ? WHERE id = ? AND ended_at IS NULL')
    .run(JSON.stringify(details), expectedEndOf(details), now, id)
  if (info.changes !== 1) throw new Error(`updateStoppageDetails: expected 1 row for stoppage ${id}, got ${info.changes}`)
}

/** Open stoppages of the given orders, by order id. */
export function openStoppagesOf(db: Database, orderIds: readonly number[]): Map<number, Stoppage> {
  const out = new Map<number, Stoppage>()
  for (let i = 0; i < orderIds.length; i += 500) {
    const chunk = orderIds.slice(i, i + 500)
    const rows = prepareCached(db, `SELECT * FROM stoppages WHERE ended_at IS NULL AND repair_order_id IN (${chunk.map(() => '?').join(',')})`).all(
      ...chunk
    ) as StoppageRow[]
    for (const r of rows) out.set(r.repair_order_id, toStoppage(r))
  }
  return out
}

/** Stoppages for the stoppage list: open ones (optionally of one kind), or an order's whole history. */
export function listStoppages(db: Database, filter: { kind?: StoppageKind; repairOrderId?: number; openOnly: boolean }): Stoppage[] {
  const where: string[] = []
  const params: (string | number)[] = []
  if (filter.openOnly) where.push('ended_at IS NULL')
  if (filter.kind) {
    where.push('kind = ?')
    params.push(filter.kind)
  }
  if (filter.repairOrderId !== undefined) {
    where.push('repair_order_id = ?')
    params.push(filter.repairOrderId)
  }
  const rows = prepareCached(
      db,
      `SELECT * FROM stoppages ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY expected_end_at IS NULL, expected_end_at, started_at, id LIMIT 2000`
    )
    .all(...params) as StoppageRow[]
  return rows.map(toStoppage)
}
