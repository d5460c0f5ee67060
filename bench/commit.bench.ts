/**
 * Drop -> committed row, in process (issue 5: p95 <= 15 ms): `core.dispatch('repair-order-assign')`
 * of a pool order to the front of a lane's queue on a busy board (bench/seed-board.ts: 60
 * technicians, 2,000 open orders, about 25 queued a lane). Queue positions are ranks
 * (shared/domain/queue-slot.ts), so the queue behind keeps its rows; the bench counts the orders
 * each drop's event carried. Timed from the call to its return (parse, role,
 * transaction with synchronous=FULL, the event built), next to the bare UPDATE transaction on the
 * same disk. Writes the section "Drop commit, in process" of docs/benchmarks.md. Run with
 * `npm run bench:commit`.
 */
import { mkdirSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCore } from '../src/main/core/core'
import { openDatabase } from '../src/main/db/open'
import type { RepairOrder } from '../src/shared/domain/types'
import { bareCommitTimes, machine, row, stats, TABLE_HEAD, writeDocSection, type Stats } from './bench-util'
import { seedBoard } from './seed-board'

const here = dirname(fileURLToPath(import.meta.url))
// bundled to out/bench/*.mjs by the npm script: the data stays in bench/.data either way
const root = join(here, '..', '..').replace(/\/out$/, '')
const DATA = join(here.replace(/\/out\/bench$/, '/bench'), '.data')
const RUNS = Math.max(200, Number(process.env.BENCH_RUNS ?? 300))
const WARMUP = 20
const LIMIT = 15
const NOW = Date.parse('2026-11-25T02:00:00Z')
const log = (m: string) => process.stderr.write(`${m}\n`)

/** Bare better-sqlite3 UPDATE transaction with the station's pragmas, on a file beside the board's. */
function commitFloor(runs: number): Stats {
  return stats(bareCommitTimes(join(DATA, 'commit-floor.db'), runs))
}

function main(): void {
  mkdirSync(DATA, { recursive: true })
  const file = join(DATA, 'commit-board.db')
  const seeded = seedBoard(file, { now: NOW })
  const db = openDatabase(file)
  let now = NOW
  const core = createCore({ db, clock: () => now, log: (...a: unknown[]) => log(a.map(String).join(' ')) })
  const caller = { actor: 'bench' }
  const call = <T>(name: string, args: unknown): T => {
    const r = core.dispatch(name, args, caller)
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message.en}`)
    return r.result as T
  }
  // Pool orders every lane may take (the skill every technician holds), made before timing.
  const ids: number[] = []
  for (let i = 0; i < RUNS + WARMUP; i++) {
    ids.push(
      call<RepairOrder>('repair-order-create', {
        roNumber: `RO-COMMIT-${i}`,
        plate: `粤B C${String(i).padStart(4, '0')}`,
        model: '丰田凯美瑞',
        customerName: '刘先生',
        customerPhone: '13800138000',
        serviceAdvisor: '孙丽',
        promisedAt: new Date(NOW + 6 * 3_600_000).toISOString(),
        jobLines: [{ description: '常规保养', skill: seeded.universalSkill, minLevel: 1, hours: 1 }]
      }).id
    )
  }
  const technicians = (db.prepare('SELECT id FROM technicians ORDER BY id').all() as { id: number }[]).map((t) => t.id)
  const queueLen = db.prepare(`SELECT count(*) AS n FROM repair_orders WHERE technician_id = ? AND status = 'queued'`)
  const moved: number[] = []
  const carried: number[] = []
  core.subscribe((c) => carried.push(c.orders.length))
  const times: number[] = []
  ids.forEach((id, i) => {
    const technicianId = technicians[i % technicians.length]
    moved.push((queueLen.get(technicianId) as { n: number }).n)
    now += 1000
    const t0 = performance.now()
    call('repair-order-assign', { id, technicianId, position: 0 })
    const ms = performance.now() - t0
    if (i >= WARMUP) times.push(ms)
  })
  db.close()
  const floor = commitFloor(RUNS)
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })

  const s = stats(times)
  const avgMoved = moved.slice(WARMUP).reduce((a, b) => a + b, 0) / (moved.length - WARMUP)
  const measuredCarried = carried.slice(-times.length)
  const avgCarried = measuredCarried.reduce((a, b) => a + b, 0) / measuredCarried.length
  log(`assign p50 ${s.p50.toFixed(2)} p95 ${s.p95.toFixed(2)} max ${s.max.toFixed(2)}; floor p50 ${floor.p50.toFixed(3)}`)
  const body = `Measured by \`npm run bench:commit\` (bench/commit.bench.ts) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${machine()}.
- Board: ${seeded.technicians} technicians, ${seeded.orders} open orders (${seeded.current} current, ${seeded.queued} queued, ${seeded.pool} in the pool), seeded by bench/seed-board.ts, plus ${ids.length} pool orders every lane may take.
- Each run: \`core.dispatch('repair-order-assign', { id, technicianId, position: 0 })\` in process, a pool order to the front of the next lane's queue (${avgMoved.toFixed(1)} orders queued there on average). Queue positions are ranks with room between them (shared/domain/queue-slot.ts), so the queue behind keeps its rows: each drop's event and audit row carried ${avgCarried.toFixed(2)} orders on average (at most ${Math.max(...measuredCarried)}). Timed from the call to its return: argument parsing, role check, the transaction (reads, writes, the audit row, COMMIT with WAL + synchronous=FULL) and the change set for the event. ${WARMUP} warm-up drops, then ${times.length} measured. Times in ms.
- Floor: a bare better-sqlite3 UPDATE transaction with the same pragmas on a file in the same directory (the bench:board commit floor).
- Before ranks (2026-12-05), the whole queue moved down one place and was in the event and the audit row: the same loop measured p50 1.7, p95 3.1 ms (2026-12-04).
- Before the statement cache, the placement-only re-read of a renumbered queue and the compact audit row (commit 881194e), the same loop on the same loaded machine measured p50 3.7–4.9 ms, p95 5.4–19 ms in three runs alternating with this code (p50 1.9–2.7 ms, p95 4.5–10 ms).

${TABLE_HEAD}
${row('Drop → committed row, in process (`repair-order-assign` to the front of a queue)', s, LIMIT, floor)}
${row('floor: bare UPDATE transaction, WAL + synchronous=FULL, same disk', floor, null)}
`
  if (process.env.BENCH_NO_DOC) void body; else writeDocSection(root, 'Drop commit, in process', body)
  log('wrote docs/benchmarks.md section "Drop commit, in process"')
}

main()
