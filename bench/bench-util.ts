/**
 * Helpers of the database and reports benchmarks: timing loops (statistics from lib/stats.ts),
 * the machine description with free memory, and writing one section of docs/benchmarks.md without touching the other sections.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os'
import Database from 'better-sqlite3'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { stats, type Stats } from './lib/stats'

export { stats, type Stats }

/** Runs `f` `warmup` times unmeasured, then `runs` times measured (ms, performance.now()). */
export function measure(runs: number, f: () => unknown, warmup = 3): Stats {
  for (let i = 0; i < warmup; i++) f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    f()
    times.push(performance.now() - t)
  }
  return stats(times)
}

/** The same for an async step. */
export async function measureAsync(runs: number, f: () => Promise<unknown>, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await f()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await f()
    times.push(performance.now() - t)
  }
  return stats(times)
}

export function cpuModel(): string {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown'
  } catch {
    return cpus()[0]?.model ?? 'unknown'
  }
}

/** One line describing the machine: nproc, CPU model, Node, memory, load. */
export function machine(): string {
  const gib = (b: number) => (b / 2 ** 30).toFixed(1)
  return (
    `${cpus().length} logical CPUs (\`nproc\`), ${cpuModel()}; Node ${process.version}, ${process.platform}/${process.arch}; ` +
    `${gib(freemem())} GiB free of ${gib(totalmem())} GiB memory; load average ${loadavg().map((x) => x.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`
  )
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** A Markdown table row: name, p50, p95, max (ms), limit, verdict, and the ratio to a floor. */
export function row(name: string, s: Stats, limit: number | null, floor?: Stats): string {
  const verdict = limit === null ? '–' : s.p95 <= limit ? 'ok' : '**over**'
  const ratio = floor ? `${(s.p50 / floor.p50).toFixed(1)}x` : '–'
  return `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${limit === null ? '–' : `<= ${limit}`} | ${verdict} | ${ratio} |`
}

export const TABLE_HEAD = `| Measured | runs | p50 | p95 | max | limit (p95) | verdict | p50 / floor p50 |
| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |`

/**
 * Replaces the section "## <title>" of docs/benchmarks.md (up to the next "## " heading) with
 * `body`, or appends it; other engineers' sections are left as they are.
 */
export function writeDocSection(root: string, title: string, body: string): void {
  const file = join(root, 'docs', 'benchmarks.md')
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const heading = `## ${title}\n`
  const section = `${heading}\n${body.trim()}\n`
  const start = doc.indexOf(heading)
  let next: string
  if (start < 0) next = `${doc.trimEnd()}\n\n${section}`
  else {
    const after = doc.indexOf('\n## ', start + heading.length)
    next = `${doc.slice(0, start)}${section}${after < 0 ? '' : `\n${doc.slice(after + 1)}`}`
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`)
}

/**
 * The commit floor: a bare better-sqlite3 UPDATE transaction with the station's pragmas (WAL,
 * synchronous=FULL) in a scratch `file` (removed after), `runs` times after 5 unmeasured; ms.
 */
export function bareCommitTimes(file: string, runs: number): number[] {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, technician_id INTEGER, version INTEGER NOT NULL) STRICT')
  db.prepare('INSERT INTO t (id, technician_id, version) VALUES (1, NULL, 1)').run()
  const update = db.prepare('UPDATE t SET technician_id = ?, version = version + 1 WHERE id = 1')
  const tx = db.transaction((t: number) => update.run(t))
  const times: number[] = []
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now()
    tx.immediate(i % 60)
    if (i >= 5) times.push(performance.now() - t0)
  }
  db.close()
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  return times
}
