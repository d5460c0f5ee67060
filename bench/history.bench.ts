/**
 * Three years of history (issue 5): 150 repair orders a day for 1,095 days on 60 technicians
 * (bench/generate-history.ts, cached in bench/.data/). Measures the database file size, the
 * board query, the service manager's report, PRAGMA quick_check and an online backup, each
 * next to its physical floor on the same file in the same run, and writes the section
 * "Three years of history" of docs/benchmarks.md. Run with `npm run bench:history`.
 *
 * The audit format decides the file size (see the table of bytes per table): the file holds audit
 * rows as the product writes them (Tx.commit: the changed fields, deflated, migration 005); the
 * sizes of the two earlier formats are kept below as measured when they were current.
 */
import Database from 'better-sqlite3'
import { closeSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from '../src/main/core/core'
import { backupNow } from '../src/main/db/backup'
import { checkDatabase } from '../src/main/db/check'
import { openDatabase } from '../src/main/db/open'
import { SCHEMA_VERSION } from '../src/main/db/migrations'
import { getBoard } from '../src/main/services/board'
import { reportSummary } from '../src/main/services/reports'
import {
  clockedHoursByTechnician,
  deliveriesByDay,
  deliveriesByTechnician,
  qcFailuresByCause,
  stoppagesAround
} from '../src/main/db/reports.repo'
import { addDays } from '../src/shared/domain/calendar'
import { reportPeriod } from '../src/shared/domain/kpi'
import { ensureHistory, GENERATOR_VERSION, type HistoryInfo } from './generate-history'
import { machine, measure, measureAsync, row, TABLE_HEAD, writeDocSection, type Stats } from './bench-util'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const FAST_RUNS = Number(process.env.BENCH_RUNS ?? 30)
const SLOW_RUNS = Math.max(10, Number(process.env.BENCH_SLOW_RUNS ?? 10))
const DAYS = Number(process.env.BENCH_HISTORY_DAYS ?? 1095)
const TODAY = '2026-11-25'
const MIB = 2 ** 20
const LIMITS = { sizeMiB: 250, board: 10, report: 200, quickCheck: 500, backup: 2000 }

const log = (m: string) => process.stderr.write(`${m}\n`)

/** Reads the whole file once, in 1 MiB blocks: what quick_check and a backup cannot do faster than. */
function readWholeFile(file: string): void {
  const fd = openSync(file, 'r')
  const buf = Buffer.allocUnsafe(MIB)
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0) {
      /* reading is the work */
    }
  } finally {
    closeSync(fd)
  }
}

function tablesBySize(file: string): { name: string; mib: number }[] {
  const db = new Database(file, { readonly: true })
  try {
    return (
      db
        .prepare(
          `SELECT coalesce(m.tbl_name, s.name) AS name, sum(s.pgsize) / 1048576.0 AS mib FROM dbstat s
           LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY 1 ORDER BY 2 DESC`
        )
        .all() as { name: string; mib: number }[]
    )
  } finally {
    db.close()
  }
}

interface FileResult {
  info: HistoryInfo
  bytes: number
  tables: { name: string; mib: number }[]
  quickCheck: Stats
  readFloor: Stats
  quickCheckWritable: Stats
  backup: Stats
  copyFloor: Stats
}

async function fileFigures(info: HistoryInfo): Promise<FileResult> {
  const bytes = statSync(info.file).size
  const db = openDatabase(info.file)
  log(`  quick_check x${SLOW_RUNS}`)
  // The product's check (npm run serve -- --check): its own read-only connection, opened and closed each time.
  const quickCheck = measure(SLOW_RUNS, () => {
    const r = checkDatabase(info.file)
    if (!r.ok) throw new Error(`quick_check: ${r.problems.join('; ')}`)
  }, 1)
  // For reference: the same pragma on the board's own writable connection, where SQLite also
  // re-evaluates every CHECK constraint of every row.
  const quickCheckWritable = measure(SLOW_RUNS, () => {
    const r = db.pragma('quick_check', { simple: true })
    if (r !== 'ok') throw new Error(`quick_check: ${String(r)}`)
  }, 1)
  const readFloor = measure(SLOW_RUNS, () => readWholeFile(info.file), 1)
  const dest = join(tmpdir(), `wdb-bench-backup-${process.pid}.db`)
  const copies = join(tmpdir(), `wdb-bench-backups-${process.pid}`)
  log(`  backup x${SLOW_RUNS}`)
  // The board's own daily copy (db/backup.ts backupNow: online backup to a part file, rename, prune to the newest).
  let at = Date.now()
  const backup = await measureAsync(SLOW_RUNS, async () => {
    await backupNow(db, info.file, copies, { now: (at += 1000), keep: 1 })
  })
  rmSync(copies, { recursive: true, force: true })
  // The floor of a backup: the same bytes read and written by the kernel, no SQLite in between.
  const copyFloor = await measureAsync(SLOW_RUNS, async () => {
    rmSync(dest, { force: true })
    const { copyFile } = await import('node:fs/promises')
    await copyFile(info.file, dest)
  })
  rmSync(dest, { force: true })
  db.close()
  return { info, bytes, tables: tablesBySize(info.file), quickCheck, quickCheckWritable, readFloor, backup, copyFloor }
}

/** The earlier audit formats, as bench:history measured them on 2026-11-25 (generator v5, schema v4). */
const EARLIER = [
  { label: 'whole order before and after in every row (JSON text)', fileMiB: 4094, auditMiB: 3715, quickCheck: 3511, backup: 8159 },
  { label: 'placement and changed fields in every row (JSON text), whole order at creation', fileMiB: 1124, auditMiB: 745, quickCheck: 1856, backup: 2257 }
]

/** What the file sizes say, in words, from this run's figures. */
function sizeFinding(f: FileResult, orders: number, auditRows: number): string {
  const mibOf = (name: string) => f.tables.find((t) => t.name === name)?.mib ?? 0
  const audit = mibOf('audit_log') + mibOf('audit_entities') + mibOf('audit_actors') + mibOf('audit_commands')
  const perOrder = (mib: number) => ((mib * MIB) / orders / 1024).toFixed(2)
  return `Size finding: the audit log (audit_log with its order index, audit_entities, audit_actors, audit_commands)
is ${audit.toFixed(1)} MiB, ${((audit * MIB) / auditRows).toFixed(0)} bytes an audit row all in (${perOrder(audit)} KiB per order), ${((audit / (f.bytes / MIB)) * 100).toFixed(0)} % of the file.
Each row keeps its time, actor and command as small integers, the one order it changed as an indexed column,
and one BLOB: the fields that changed, each once as [before, after], instants as offsets from the row's time,
deflated with a preset dictionary (src/main/db/audit-codec.ts). A creation row keeps nothing of the order: the
order as created is its current row with the later rows undone (services/history.ts orderStatesFromAudit).
Earlier formats on the same data: ${EARLIER.map((e) => `${e.label}: file ${e.fileMiB} MiB, audit ${e.auditMiB} MiB, quick_check p50 ${e.quickCheck} ms, backup p50 ${e.backup} ms`).join('; ')}.`
}

async function main(): Promise<void> {
  log(`history bench: ${DAYS} days x 150 orders/day (generating on first run; cached in bench/.data)`)
  const compact = ensureHistory({ days: DAYS, ordersPerDay: 150, today: TODAY })
  log(`  history file ready (${compact.generatedInMs === null ? 'cached' : `generated in ${(compact.generatedInMs / 1000).toFixed(0)} s`})`)

  // Queries on the file as the product writes it today.
  const db = openDatabase(compact.file)
  const now = compact.now
  const core = createCore({ db, clock: () => now, log: () => {} })
  const local = { actor: 'bench' }
  const counts = Object.fromEntries(
    ['repair_orders', 'job_lines', 'clock_segments', 'stoppages', 'qc_records', 'deliveries', 'customer_notifications', 'audit_log'].map((t) => [
      t,
      (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    ])
  )
  const board = getBoard(db, now)

  log('  board query')
  const boardStats = measure(FAST_RUNS, () => getBoard(db, now))
  const boardDispatch = measure(FAST_RUNS, () => core.dispatch('board-get', {}, local))
  // Floor: a read transaction with the same pragmas that reads nothing but the schema cookie.
  const bareTx = measure(FAST_RUNS, () => db.transaction(() => db.prepare('SELECT 1').get())())
  const openCount = measure(FAST_RUNS, () =>
    db.prepare("SELECT count(*) FROM repair_orders WHERE status NOT IN ('delivered','cancelled')").get()
  )

  log('  reports')
  const yesterday = addDays(TODAY, -1)
  const periods: [string, string, string][] = [
    ['last 7 days', addDays(TODAY, -7), yesterday],
    ['last 30 days', addDays(TODAY, -30), yesterday],
    ['last 90 days (the Reports page)', addDays(TODAY, -90), yesterday],
    ['last 365 days', addDays(TODAY, -365), yesterday],
    ['400 days (the longest allowed)', addDays(TODAY, -400), yesterday],
    ['a quarter two years ago', addDays(TODAY, -800), addDays(TODAY, -711)]
  ]
  const reportRows: [string, Stats, Stats][] = []
  for (const [label, from, to] of periods) {
    const s = measure(FAST_RUNS, () => {
      const r = core.dispatch('report-summary', { from, to }, local)
      if (!r.ok) throw new Error(r.error.message.en)
    })
    const p = reportPeriod('Asia/Shanghai', from, to)
    if (!p) throw new Error('period')
    // Floor: counting the same deliveries through the same index, nothing else.
    const floor = measure(FAST_RUNS, () => db.prepare('SELECT count(*) FROM deliveries WHERE delivered_at >= ? AND delivered_at < ?').get(p.from, p.to))
    reportRows.push([label, s, floor])
  }
  const p90 = reportPeriod('Asia/Shanghai', addDays(TODAY, -90), yesterday)
  if (!p90) throw new Error('period')
  const queryRows: [string, Stats][] = [
    ['deliveries by day (on time, told in advance, first-time fix, hours)', measure(FAST_RUNS, () => deliveriesByDay(db, p90.days))],
    ['deliveries by technician (flat-rate and actual hours)', measure(FAST_RUNS, () => deliveriesByTechnician(db, p90.from, p90.to))],
    ['clocked hours by technician (utilisation)', measure(FAST_RUNS, () => clockedHoursByTechnician(db, board.technicians.map((t) => t.id), p90.from, p90.to, now))],
    ['stoppages in the period (hours by reason)', measure(FAST_RUNS, () => stoppagesAround(db, p90.from, p90.to))],
    ['QC failures by comeback cause', measure(FAST_RUNS, () => qcFailuresByCause(db, p90.from, p90.to))]
  ]
  const summary90 = reportSummary({ db, now }, { from: addDays(TODAY, -90), to: yesterday })
  db.close()

  log('file: size, quick_check, backup')
  const compactFile = await fileFigures(compact)

  const mib = (b: number) => (b / MIB).toFixed(0)
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`)
  const fileRows = (label: string, f: FileResult) => [
    `| ${label}: database file size (MiB) | – | ${mib(f.bytes)} | ${mib(f.bytes)} | ${mib(f.bytes)} | <= ${LIMITS.sizeMiB} | ${f.bytes / MIB <= LIMITS.sizeMiB ? 'ok' : '**over**'} | – |`,
    row(`${label}: \`PRAGMA quick_check\` (the product's check, \`serve --check\`: its own read-only connection)`, f.quickCheck, LIMITS.quickCheck, f.readFloor),
    row(`${label}: for reference, \`PRAGMA quick_check\` on the board's writable connection (also re-evaluates every CHECK constraint)`, f.quickCheckWritable, null, f.readFloor),
    row(`${label}: floor: read the whole file once (1 MiB blocks)`, f.readFloor, null),
    row(`${label}: online backup, the board's daily copy (\`backupNow\`: \`db.backup()\` to /tmp, rename, keep the newest)`, f.backup, LIMITS.backup, f.copyFloor),
    row(`${label}: floor: \`fs.copyFile\` of the same file`, f.copyFloor, null)
  ]
  const topTables = (f: FileResult) =>
    f.tables
      .slice(0, 8)
      .map((t) => `${t.name} ${t.mib.toFixed(0)}`)
      .join(', ')

  const body = `
Measured by \`npm run bench:history\` (bench/history.bench.ts, data from bench/generate-history.ts
generator v${GENERATOR_VERSION}, schema v${SCHEMA_VERSION}) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${machine()}.
- Data: ${DAYS} days at 150 orders a day on 60 technicians, "now" = ${TODAY} 10:00 Asia/Shanghai:
  ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')};
  ${board.orders.length} open orders on the board. Every order has its job lines, clock segments,
  stoppages (25 %: parts, sublet, approval, tools, other), technician reports, QC records (8 % fail
  first, with a comeback cause, and are reworked), customer notifications (70 % of late cars), its
  delivery and its audit rows; bulk-inserted, but every row passes the schema's CHECKs, foreign keys
  and QC-gate triggers. 90-day report at "now": ${summary90.delivery.delivered} deliveries, on time
  ${pct(summary90.delivery.onTimeRateOriginal)} against the original promise and ${pct(summary90.delivery.onTimeRateRevised)} against the revised one,
  first-time fix ${pct(summary90.quality.firstTimeFixRate)}, efficiency ${pct(summary90.labour.efficiency)}, utilisation ${pct(summary90.labour.utilisation)}.
- Times in milliseconds; ${FAST_RUNS} measured runs for queries (after 3 warm-up runs), ${SLOW_RUNS} for quick_check and backup;
  the database opened with the product's pragmas (WAL, synchronous=FULL, foreign keys). Floors are
  measured on the same file in the same run; the last column is p50 / floor p50.

${TABLE_HEAD}
${row('Board query `getBoard` (open orders with clock, stoppages, promises; QC header)', boardStats, LIMITS.board, bareTx)}
${row('Board query through the dispatcher (`board-get`: parse, role, query)', boardDispatch, null, bareTx)}
${row('floor: bare read transaction (BEGIN, SELECT 1, COMMIT)', bareTx, null)}
${row('floor: count the open orders through their partial index', openCount, null)}
${reportRows.map(([label, s, floor]) => row(`Report \`report-summary\`, ${label}`, s, LIMITS.report, floor)).join('\n')}
${queryRows.map(([label, s]) => row(`90-day report, query: ${label}`, s, null)).join('\n')}
${fileRows('As written now (compact audit)', compactFile).join('\n')}

Report floors: \`SELECT count(*)\` of the period's deliveries through deliveries_delivered_at.

Where the bytes are (MiB, dbstat, table with its indexes):
- ${topTables(compactFile)};
- the audit log: ${['audit_log', 'audit_entities', 'audit_actors', 'audit_commands'].map((n) => `${n} ${(compactFile.tables.find((t) => t.name === n)?.mib ?? 0).toFixed(1)}`).join(', ')}.

${sizeFinding(compactFile, counts.repair_orders, counts.audit_log)}
`
  writeDocSection(root, 'Three years of history', body)
  process.stdout.write(`## Three years of history\n${body}`)
  const over =
    boardStats.p95 > LIMITS.board ||
    reportRows.some(([, s]) => s.p95 > LIMITS.report) ||
    compactFile.bytes / MIB > LIMITS.sizeMiB ||
    compactFile.quickCheck.p95 > LIMITS.quickCheck ||
    compactFile.backup.p95 > LIMITS.backup
  log(over ? 'history bench: OVER a limit (see the table)' : 'history bench: within the limits')
  if (over) process.exitCode = 1
}

await main()
