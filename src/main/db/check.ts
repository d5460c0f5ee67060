import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

export interface CheckResult {
  ok: boolean
  /** SQLite's own words for each problem found (at most 100); empty when ok. */
  problems: string[]
  ms: number
}

/**
 * Checks a data file's integrity (PRAGMA quick_check: every page, b-tree, NOT NULL and STRICT
 * column type) through a read-only connection of its own, so it never writes and, in WAL mode,
 * never blocks the board while it runs. On a writable connection SQLite would also re-evaluate
 * every CHECK constraint of every row, which doubles the time on three years of history
 * (docs/benchmarks.md); those constraints were already enforced when each row was written.
 */
export function checkDatabase(file: string, nativeBinding?: string): CheckResult {
  if (!existsSync(file)) return { ok: false, problems: [`no such file: ${file}`], ms: 0 }
  const started = performance.now()
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
  try {
    db.pragma('mmap_size = 1073741824')
    const rows = db.pragma('quick_check(100)') as { quick_check: string }[]
    const problems = rows.map((r) => r.quick_check).filter((m) => m !== 'ok')
    return { ok: problems.length === 0, problems, ms: performance.now() - started }
  } catch (e) {
    // a file too damaged to open or read at all
    return { ok: false, problems: [(e as Error).message], ms: performance.now() - started }
  } finally {
    db.close()
  }
}
