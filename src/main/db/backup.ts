import type { Database } from 'better-sqlite3'
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Copies of the board's file while it runs: SQLite's online backup (better-sqlite3 `db.backup`),
 * which copies the pages in steps between the station's own work and gives a consistent copy
 * even while drops are committed. The copy is written beside its final name and renamed into
 * place, so a copy cut off by a power failure is never taken for a whole one.
 */

/** Automatic copies kept by default: two weeks of daily copies. */
export const DEFAULT_BACKUPS_KEPT = 14
/** How often an automatic copy is taken. */
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000
/** The first automatic copy waits this long after start (a start is often a busy moment). */
export const FIRST_BACKUP_DELAY_MS = 10 * 60 * 1000

/** Where a data file's copies go by default: `backups/` beside it. */
export const defaultBackupDir = (file: string): string => join(dirname(file), 'backups')

const stem = (file: string): string => basename(file).replace(/\.db$/i, '')
const stamp = (at: number): string => new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')

/** The copies of `file` in `dir`, oldest first: `<name>-YYYYMMDDTHHMMSSZ.db`, by the UTC time they were taken. */
export function listBackups(file: string, dir: string): { file: string; at: number }[] {
  const pattern = new RegExp(`^${stem(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8}T\\d{6}Z)\\.db$`)
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names
    .map((n) => {
      const m = pattern.exec(n)
      if (!m) return null
      const s = m[1]
      const at = Date.parse(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`)
      return Number.isFinite(at) ? { file: join(dir, n), at } : null
    })
    .filter((b): b is { file: string; at: number } => b !== null)
    .sort((a, b) => a.at - b.at)
}

/**
 * Takes one copy of the open database now and keeps only the newest `keep` copies of this file
 * in `dir` (other files there are left alone). Resolves with the copy's path and its size.
 */
export async function backupNow(
  db: Database,
  file: string,
  dir: string,
  options: { now?: number; keep?: number } = {}
): Promise<{ file: string; bytes: number; ms: number }> {
  const started = performance.now()
  mkdirSync(dir, { recursive: true })
  const target = join(dir, `${stem(file)}-${stamp(options.now ?? Date.now())}.db`)
  const part = `${target}.part`
  try {
    await db.backup(part)
    renameSync(part, target)
  } catch (e) {
    rmSync(part, { force: true })
    throw e
  }
  // The copy just written always stays, even when a clock set back names it older than the rest.
  const keep = Math.max(1, options.keep ?? DEFAULT_BACKUPS_KEPT)
  const others = listBackups(file, dir).filter((b) => b.file !== target)
  for (const old of others.slice(0, Math.max(0, others.length - (keep - 1)))) rmSync(old.file, { force: true })
  return { file: target, bytes: statSync(target).size, ms: performance.now() - started }
}

/** Where a station keeps its copies and how many; null when automatic copies are off. */
export interface BackupConfig {
  file: string
  dir: string
  keep: number
  /** The station's copier (startAutoBackup), for a copy on request (backup-now) and its state. */
  control?: BackupControl
}

/** A running station's copier, as the About dialog's "Back up now" reaches it. */
export interface BackupControl {
  /** Takes a copy at once, unless one is being written ('running'); the daily turn follows a day later. */
  takeNow(): 'started' | 'running'
  /** Whether a copy is being written, and the last copy's failure when the last one failed. */
  state(): { running: boolean; failed: { at: string; message: string } | null }
}

export interface BackupStatus {
  /** False when the station was started with automatic copies off (`--backups 0`). */
  enabled: boolean
  dir: string | null
  keep: number
  count: number
  last: { at: string; bytes: number } | null
  /** A copy is being written now. */
  running: boolean
  /** The last copy failed: when, and the system's reason (the folder, the disk). */
  failed: { at: string; message: string } | null
}

/** What the About dialog shows of the copies: read from the folder itself. */
export function backupStatus(config: BackupConfig | null | undefined): BackupStatus {
  if (!config) return { enabled: false, dir: null, keep: 0, count: 0, last: null, running: false, failed: null }
  const all = listBackups(config.file, config.dir)
  const newest = all.at(-1)
  let last: BackupStatus['last'] = null
  if (newest) {
    try {
      last = { at: new Date(newest.at).toISOString(), bytes: statSync(newest.file).size }
    } catch {
      last = null // pruned or moved away meanwhile
    }
  }
  const state = config.control?.state() ?? { running: false, failed: null }
  return { enabled: true, dir: config.dir, keep: config.keep, count: all.length, last, ...state }
}

export interface AutoBackupOptions extends Partial<Omit<BackupConfig, 'file'>> {
  db: Database
  file: string
  everyMs?: number
  firstDelayMs?: number
  clock?: () => number
  log?: (message: string, error?: unknown) => void
}

/**
 * Takes a copy every `everyMs` (a day) while the board runs, the first one `firstDelayMs` after
 * start unless a copy younger than a day is already there (then a day after that one). A copy
 * that fails is logged and tried again at the next turn; the board goes on either way.
 * `takeNow` takes one on request (the About dialog) and starts the day's count again from it.
 */
export function startAutoBackup(opts: AutoBackupOptions): BackupControl & { stop(): Promise<void> } {
  const dir = opts.dir ?? defaultBackupDir(opts.file)
  const every = opts.everyMs ?? BACKUP_EVERY_MS
  const clock = opts.clock ?? Date.now
  const log = opts.log ?? ((m: string, e?: unknown) => (e ? console.error(m, e) : console.log(m)))
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let running: Promise<void> = Promise.resolve()
  let busy = false
  let failed: { at: string; message: string } | null = null
  const schedule = (ms: number) => {
    if (stopped) return
    timer = setTimeout(run, Math.max(0, ms))
    timer.unref()
  }
  const run = () => {
    if (timer) clearTimeout(timer)
    busy = true
    running = backupNow(opts.db, opts.file, dir, { now: clock(), keep: opts.keep })
      .then((b) => {
        failed = null
        log(`backup written (已备份): ${b.file}, ${(b.bytes / 1048576).toFixed(1)} MiB in ${Math.round(b.ms)} ms`)
      })
      .catch((e: unknown) => {
        failed = { at: new Date(clock()).toISOString(), message: e instanceof Error ? e.message : String(e) }
        log(`backup failed, next try in ${Math.round(every / 3_600_000)} h (备份失败)`, e)
      })
      .finally(() => {
        busy = false
        schedule(every)
      })
  }
  const newest = listBackups(opts.file, dir).at(-1)
  const first = opts.firstDelayMs ?? FIRST_BACKUP_DELAY_MS
  // never longer than a period: a copy named in the future (a clock set back) must not hold the next one off
  schedule(newest ? Math.min(every, Math.max(first, newest.at + every - clock())) : first)
  return {
    takeNow() {
      if (busy) return 'running'
      if (stopped) throw new Error('the station is shutting down')
      run()
      return 'started'
    },
    state: () => ({ running: busy, failed }),
    /** No further copies; resolves once a copy under way is finished (close the database after it). */
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      return running
    }
  }
}
