import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { AppError } from '../../shared/api/errors'
import { migrations, SCHEMA_VERSION } from './migrations'

export interface OpenOptions {
  /** better-sqlite3 built for another runtime (Electron's ABI); see README "Two runtimes". */
  nativeBinding?: string
  readonly?: boolean
}

/**
 * Opens the board's SQLite file with the pragmas the product relies on and brings its
 * schema up to date. A file written by a newer version is refused before anything is written.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && existsSync(file)) refuseNewerFile(file, options.nativeBinding)
  const db = new Database(file, {
    nativeBinding: options.nativeBinding,
    readonly: options.readonly ?? false,
    fileMustExist: false
  })
  try {
    const found = db.pragma('user_version', { simple: true }) as number
    if (found > SCHEMA_VERSION) {
      throw new AppError('DB_TOO_NEW', { found, known: SCHEMA_VERSION })
    }
    if (file !== ':memory:') {
      db.pragma('journal_mode = WAL')
    }
    // FULL, not WAL's usual NORMAL: an acknowledged drop must survive a power cut.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Reads straight from the OS's page cache instead of copying each page into SQLite's own: the
    // reports and an integrity check read tens of thousands of pages (issue 5: quick_check of three
    // years about 10 % faster). Address space only; pages stay the OS's to evict.
    if (file !== ':memory:') db.pragma('mmap_size = 1073741824')
    upgrade(db, file)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

/**
 * Reads the schema version through a read-only connection first: closing a writable one would
 * checkpoint a newer app's leftover WAL into the file, and the file must be left untouched.
 */
function refuseNewerFile(file: string, nativeBinding?: string): void {
  const probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
  try {
    const found = probe.pragma('user_version', { simple: true }) as number
    if (found > SCHEMA_VERSION) throw new AppError('DB_TOO_NEW', { found, known: SCHEMA_VERSION })
  } finally {
    probe.close()
  }
}

/** Where the copy of a file taken before its schema is upgraded goes: beside it, named by its old version. */
export const preUpgradeCopyPath = (file: string, fromVersion: number): string => `${file}.v${fromVersion}.bak`

/**
 * Brings an existing file's schema up to date. A file that already holds a board (schema 1 or
 * later) is first copied whole beside itself (VACUUM INTO: one consistent, compact copy, WAL
 * included), so an upgrade can always be undone by hand. Migrations that rebuild tables (005,
 * 006) leave the old pages free inside the file; when over a quarter of the file is free after an
 * upgrade, one VACUUM gives the space back to the disk (a one-off on the first start of a new version).
 */
function upgrade(db: Db, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current === SCHEMA_VERSION) return
  const existing = file !== ':memory:' && current >= 1
  if (existing) {
    const copy = preUpgradeCopyPath(file, current)
    if (!existsSync(copy)) db.prepare('VACUUM INTO ?').run(copy)
  }
  migrate(db)
  if (!existing) return
  const free = db.pragma('freelist_count', { simple: true }) as number
  const pages = db.pragma('page_count', { simple: true }) as number
  if (free * 4 > pages) db.exec('VACUUM')
}

/** Runs every pending migration in one transaction, so a file is never left half-migrated. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SCHEMA_VERSION) throw new AppError('DB_TOO_NEW', { found: current, known: SCHEMA_VERSION })
  if (current === SCHEMA_VERSION) return
  db.transaction(() => {
    for (let v = current; v < SCHEMA_VERSION; v++) migrations[v](db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
}

export function databaseExists(file: string): boolean {
  return file === ':memory:' || existsSync(file)
}
