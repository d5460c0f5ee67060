import type { Database, Statement } from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/main/db/open'
import { getBoard } from '../../src/main/services/board'
import { qcQueue } from '../../src/main/services/qc'
import { repairOrderHistory } from '../../src/main/services/history'
import { reportSummary } from '../../src/main/services/reports'
import { exportDeliveredOrders } from '../../src/main/services/dms'
import { generateHistory } from '../../bench/generate-history'
import { localInstant } from '../../src/shared/domain/calendar'
import { tempDir } from './helpers'

/**
 * The hot queries enter the big tables through an index, never by scanning them: checked with
 * EXPLAIN QUERY PLAN on a generated history (bench/generate-history.ts), for every statement the
 * board query, each report, the QC queue and an order's history actually run, with their real
 * arguments. A plan line "SCAN <big table>" fails, unless it scans a partial index that holds
 * only the open few (open orders, open stoppages, QC failures).
 */
const BIG_TABLES = [
  'repair_orders',
  'job_lines',
  'clock_segments',
  'stoppages',
  'qc_records',
  'deliveries',
  'audit_log',
  'audit_entities',
  'customer_notifications',
  'technician_reports',
  'qc_waits'
]
const SMALL_PARTIAL_INDEXES = ['repair_orders_open', 'repair_orders_one_current', 'repair_orders_queue', 'stoppages_open', 'stoppages_one_open', 'clock_segments_one_running', 'qc_records_failed']

interface Recorded {
  sql: string
  args: unknown[]
}

/** Runs `f` with every statement it prepares recorded along with the arguments it ran with. */
function recordStatements(db: Database, f: () => unknown): Recorded[] {
  const out: Recorded[] = []
  const prepare = db.prepare.bind(db)
  const patched = db as unknown as { prepare: (sql: string) => Statement }
  patched.prepare = (sql: string) => {
    const stmt = prepare(sql)
    for (const m of ['all', 'get', 'iterate', 'run'] as const) {
      const orig = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt)
      ;(stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        out.push({ sql, args })
        return orig(...args)
      }
    }
    return stmt
  }
  try {
    f()
  } finally {
    delete (patched as { prepare?: unknown }).prepare
  }
  return out
}

function fullScans(db: Database, recorded: readonly Recorded[]): string[] {
  const bad: string[] = []
  for (const r of recorded) {
    if (/^\s*(PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(r.sql)) continue
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...(r.args as never[])) as { detail: string }[]
    for (const { detail } of plan) {
      const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail)
      if (!m || !BIG_TABLES.includes(m[1])) continue
      if (m[2] && SMALL_PARTIAL_INDEXES.includes(m[2])) continue
      bad.push(`${detail}  <-  ${r.sql.replace(/\s+/g, ' ').slice(0, 160)}`)
    }
  }
  return bad
}

const t = tempDir('wdb-plans-')
let db: Database
const today = '2026-11-25'
const now = localInstant('Asia/Shanghai', today, '10:00')

/**
 * The planner chooses by the statistics: a month of history would be planned like a small file.
 * So the test file gets the statistics of the three-year benchmark file (npm run bench:history,
 * 164,400 orders, gathered by PRAGMA optimize), and its plans are the ones a three-year file gets.
 */
const THREE_YEAR_STATS: [string, string, string][] = [
  ['audit_log', 'audit_log_order', '1126895 7'],
  ['clock_segments', 'clock_segments_one_running', '23 1'],
  ['clock_segments', 'clock_segments_order', '218325 2 1'],
  ['clock_segments', 'clock_segments_technician', '218325 2001 1 1'],
  ['customer_notifications', 'customer_notifications_order', '19745 1 1'],
  ['deliveries', 'deliveries_delivered_at', '164245 1'],
  ['job_lines', 'sqlite_autoindex_job_lines_1', '353055 3 1'],
  ['qc_records', 'qc_records_failed', '13259 1 1'],
  ['qc_records', 'sqlite_autoindex_qc_records_1', '177506 1 1'],
  ['repair_orders', 'repair_orders_one_current', '52 1'],
  ['repair_orders', 'repair_orders_open', '155 23'],
  ['repair_orders', 'repair_orders_queue', '72 3 1'],
  ['repair_orders', 'sqlite_autoindex_repair_orders_1', '164400 1'],
  ['stoppages', 'stoppages_one_open', '10 1'],
  ['stoppages', 'stoppages_open', '10 3 2'],
  ['stoppages', 'stoppages_order', '40795 1 1'],
  ['stoppages', 'stoppages_started', '40795 1 1 1'],
  ['technician_reports', 'technician_reports_order', '177507 1 1'],
  ['technicians', 'sqlite_autoindex_technicians_1', '60 1']
]

function useThreeYearStatistics(file: string): void {
  const raw = openDatabase(file)
  raw.exec('ANALYZE')
  raw.prepare('DELETE FROM sqlite_stat1').run()
  const put = raw.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)')
  for (const [tbl, idx, stat] of THREE_YEAR_STATS) put.run(tbl, idx, stat)
  raw.close()
}

beforeAll(() => {
  generateHistory(t.file, { days: 30, ordersPerDay: 60, technicians: 20, today })
  useThreeYearStatistics(t.file)
  db = openDatabase(t.file)
})
afterAll(() => {
  db?.close()
  t.cleanup()
})

describe('EXPLAIN QUERY PLAN: no full scan of a big table', () => {
  it('the board query (getBoard)', () => {
    const recorded = recordStatements(db, () => getBoard(db, now))
    expect(recorded.length).toBeGreaterThan(3)
    expect(fullScans(db, recorded)).toEqual([])
  })

  it.each([
    ['a quarter', '2026-08-26', '2026-11-24'],
    ['one day', '2026-11-20', '2026-11-20'],
    ['up to now', '2026-11-01T00:00:00+08:00', '2026-11-25T10:00:00+08:00']
  ])('report-summary over %s', (_label, from, to) => {
    const recorded = recordStatements(db, () => reportSummary({ db, now }, { from, to }))
    expect(recorded.length).toBeGreaterThan(4)
    expect(fullScans(db, recorded)).toEqual([])
  })

  it("the report's delivery figures read the deliveries alone, not their orders (migration 007)", () => {
    const recorded = recordStatements(db, () => reportSummary({ db, now }, { from: '2026-08-26', to: '2026-11-24' }))
    const deliveryStatements = recorded.filter((r) => /FROM deliveries/.test(r.sql))
    expect(deliveryStatements.length).toBeGreaterThanOrEqual(2)
    for (const r of deliveryStatements) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${r.sql}`).all(...(r.args as never[])) as { detail: string }[]
      expect(plan.map((p) => p.detail).join('\n')).not.toMatch(/repair_orders/)
    }
  })

  it("the DMS export of a quarter's deliveries (repair-order-export)", () => {
    const recorded = recordStatements(db, () => exportDeliveredOrders({ db, now }, { from: '2026-08-26', to: '2026-11-24' }))
    expect(recorded.filter((r) => /FROM deliveries/.test(r.sql))).toHaveLength(2)
    expect(fullScans(db, recorded)).toEqual([])
  })

  it('the QC queue', () => {
    const recorded = recordStatements(db, () => qcQueue(db, now))
    expect(fullScans(db, recorded)).toEqual([])
  })

  it("an order's history (audit timeline)", () => {
    const id = (db.prepare("SELECT id FROM repair_orders WHERE status = 'delivered' ORDER BY id DESC LIMIT 1").get() as { id: number }).id
    const recorded = recordStatements(db, () => repairOrderHistory(db, id))
    expect(fullScans(db, recorded)).toEqual([])
  })

  it('the checker itself catches a full scan, including one through a non-partial index', () => {
    const recorded = recordStatements(db, () => {
      db.prepare('SELECT count(*) FROM deliveries WHERE actual_hours > ?').get(1)
      // the QC header's shape before the partial-index term was added (qc.repo.ts qcCounts)
      db.prepare("SELECT count(*) FROM repair_orders WHERE status = 'awaiting_qc'").get()
    })
    expect(fullScans(db, recorded)).toHaveLength(2)
  })
})
