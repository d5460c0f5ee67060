import type { Database } from 'better-sqlite3'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateHistory } from '../../bench/generate-history'
import { openDatabase } from '../../src/main/db/open'
import { getBoard } from '../../src/main/services/board'
import { reportSummary } from '../../src/main/services/reports'
import { addDays, localInstant } from '../../src/shared/domain/calendar'
import { tempDir } from './helpers'

/**
 * The CI subset of `npm run bench` (issue 5 point 3): a small generated history (20 days at 150
 * orders a day, about 3,000 orders), and the board query and the report timed against generous
 * limits, three times the full-size targets (10 ms and 200 ms on three years) scaled down to this
 * size, so only a regression of more than 3x fails the build. The only timed assertions in the
 * test suite; the index checks that make these times hold are in query-plans.test.ts.
 */
const TODAY = '2026-11-25'
const now = localInstant('Asia/Shanghai', TODAY, '10:00')
const t = tempDir('wdb-bench-smoke-')
let db: Database

/** The median of `runs` timed runs after one warm-up (ms): robust to one slow run on a shared CI core. */
function median(runs: number, f: () => unknown): number {
  f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const s = performance.now()
    f()
    times.push(performance.now() - s)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

beforeAll(() => {
  generateHistory(t.file, { days: 20, ordersPerDay: 150, today: TODAY })
  db = openDatabase(t.file)
})
afterAll(() => {
  db?.close()
  t.cleanup()
})

describe('bench smoke: a 3x regression fails the build', () => {
  it('generates a valid history in seconds (every CHECK, foreign key and trigger held)', () => {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    expect(n('SELECT count(*) AS n FROM repair_orders')).toBeGreaterThan(2900)
    expect(n("SELECT count(*) AS n FROM repair_orders WHERE status NOT IN ('delivered','cancelled')")).toBeGreaterThan(50)
    expect(n('SELECT count(*) AS n FROM deliveries')).toBeGreaterThan(2500)
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('quick_check', { simple: true })).toBe('ok')
  })

  it('board query: median under 3 x 10 ms', () => {
    expect(median(15, () => getBoard(db, now))).toBeLessThan(30)
  })

  it('report over the 20 days: median under 3 x 200 ms scaled to 20 of 90 days (135 ms)', () => {
    const args = { from: addDays(TODAY, -20), to: addDays(TODAY, -1) }
    const r = reportSummary({ db, now }, args)
    expect(r.delivery.delivered).toBeGreaterThan(2500)
    expect(r.technicians).toHaveLength(60)
    expect(median(9, () => reportSummary({ db, now }, args))).toBeLessThan(135)
  })
})
