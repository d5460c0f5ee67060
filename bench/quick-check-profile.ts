/**
 * Where PRAGMA quick_check spends its time on the three-year file (issue 5), table by table: the
 * product's check (its own read-only connection, as `serve --check`), then `quick_check(<table>)`
 * for each table with its rows, b-tree pages and cells (table and indexes, dbstat), once read-only
 * and once on a writable connection. Only a writable connection evaluates CHECK constraints (SQLite
 * does not even parse them on a read-only one), so the difference is what the CHECKs cost.
 * Prints; writes nothing. Run `npm run bench:history` first (it generates the file), then
 * `npm run bench:quick-check-profile` (or with a file: `... -- /path/to/file.db`).
 */
import Database from 'better-sqlite3'
import { checkDatabase } from '../src/main/db/check'
import { historyFile } from './generate-history'
import { machine, measure } from './bench-util'

const RUNS = Number(process.env.BENCH_SLOW_RUNS ?? 5)
const file = process.argv[2] ?? historyFile({ days: 1095, ordersPerDay: 150, today: '2026-11-25' })

function perTable(readonly: boolean): Map<string, number> {
  const db = new Database(file, { readonly, fileMustExist: true })
  try {
    db.pragma('mmap_size = 1073741824')
    const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name)
    return new Map(tables.map((t) => [t, measure(RUNS, () => db.pragma(`quick_check("${t}")`), 1).p50]))
  } finally {
    db.close()
  }
}

const db = new Database(file, { readonly: true, fileMustExist: true })
const shape = new Map(
  (
    db
      .prepare(
        `SELECT coalesce(m.tbl_name, s.name) AS name, count(*) AS pages, sum(s.ncell) AS cells, count(DISTINCT s.name) AS btrees
         FROM dbstat s LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY 1`
      )
      .all() as { name: string; pages: number; cells: number; btrees: number }[]
  ).map((r) => [r.name, r])
)
const rowsOf = (t: string) => (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n
const pages = db.pragma('page_count', { simple: true }) as number
const product = measure(RUNS, () => {
  if (!checkDatabase(file).ok) throw new Error('quick_check found problems')
}, 1)
const ro = perTable(true)
const rw = perTable(false)
process.stdout.write(
  `${file}\n${machine()}\n${pages} pages; the product's check (fresh read-only connection): p50 ${product.p50.toFixed(0)} ms, p95 ${product.p95.toFixed(0)} ms\n` +
    `sum of quick_check(<table>): read-only ${[...ro.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms, writable ${[...rw.values()].reduce((a, b) => a + b, 0).toFixed(0)} ms\n\n` +
    `| table | rows | b-trees | pages | cells | read-only ms | writable ms | CHECKs ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n` +
    [...ro.keys()]
      .sort((a, b) => (ro.get(b) ?? 0) - (ro.get(a) ?? 0))
      .filter((t) => (rw.get(t) ?? 0) >= 0.5)
      .map((t) => {
        const s = shape.get(t)
        const r = ro.get(t) ?? 0
        const w = rw.get(t) ?? 0
        return `| ${t} | ${rowsOf(t)} | ${s?.btrees ?? 0} | ${s?.pages ?? 0} | ${s?.cells ?? 0} | ${r.toFixed(1)} | ${w.toFixed(1)} | ${(w - r).toFixed(1)} |`
      })
      .join('\n') +
    '\n'
)
db.close()
