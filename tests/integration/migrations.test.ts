import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/api/errors'
import { migrate, openDatabase, preUpgradeCopyPath } from '../../src/main/db/open'
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations'
import { currentOf, listOpenRepairOrders, queueOf } from '../../src/main/db/repair-orders.repo'
import { createCore } from '../../src/main/core/core'
import { tempDir } from './helpers'
import { REPAIR_ORDER_FLAGS } from '../../src/shared/domain/types'

let t: ReturnType<typeof tempDir>
beforeEach(() => {
  t = tempDir('wdb-mig-')
})
afterEach(() => t.cleanup())

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** The test's file as schema `version` left it, with technician 5 on it; the caller closes it. */
function fileAtVersion(version: number): Db {
  const old = new Database(t.file)
  old.transaction(() => {
    for (let v = 0; v < version; v++) migrations[v](old)
    old.pragma(`user_version = ${version}`)
  })()
  old.prepare(`INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (5, '王师傅', 'T05', '08:00', '17:00', 0, 0)`).run()
  return old
}

describe('a fresh file', () => {
  it('is migrated to SCHEMA_VERSION with the pragmas the product relies on', () => {
    const db = openDatabase(t.file)
    try {
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(1)
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('mmap_size', { simple: true })).toBe(1073741824)
    } finally {
      db.close()
    }
  })

  it('every table is STRICT', () => {
    const db = openDatabase(t.file)
    try {
      const tables = db.prepare(`SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as {
        name: string
        strict: number
      }[]
      expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['repair_orders', 'technicians', 'job_lines', 'audit_log', 'skills']))
      for (const table of tables) expect(table.strict, table.name).toBe(1)
    } finally {
      db.close()
    }
  })

  it('seeds the skills catalogue of the issue', () => {
    const db = openDatabase(t.file)
    try {
      const codes = (db.prepare('SELECT code, name_zh FROM skills ORDER BY sort_order').all() as { code: string; name_zh: string }[]).map(
        (s) => `${s.code}:${s.name_zh}`
      )
      expect(codes).toEqual(['mechanical:机修', 'electrical:电气', 'body:钣金', 'paint:喷漆', 'maintenance:保养', 'diagnostics:诊断', 'tyres:轮胎定位'])
    } finally {
      db.close()
    }
  })
})

describe('every open sets the pragmas again (they are per connection)', () => {
  it('a reopened file has WAL, synchronous FULL and foreign keys on', () => {
    openDatabase(t.file).close()
    // A plain connection on the same WAL file gets the library's default (NORMAL, 1):
    // proves the FULL below is set by openDatabase on every open, not stored in the file.
    const plain = new Database(t.file)
    expect(plain.pragma('synchronous', { simple: true })).toBe(1)
    plain.close()
    const db = openDatabase(t.file)
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    } finally {
      db.close()
    }
  })
})

describe('the schema itself guards the board (defence behind the services)', () => {
  it('refuses a second current order for one technician, a waiting order with a technician, and an orphan job line', () => {
    const db = openDatabase(t.file)
    try {
      db.prepare(`INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (1, '王', 'T1', '08:30', '17:30', 0, 0)`).run()
      const ro = db.prepare(
        `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, status, technician_id, queue_position, created_at, updated_at)
         VALUES (?, ?, 'P', 'M', 'C', '13800138000', 'SA', 0, ?, ?, ?, 0, 0)`
      )
      ro.run(1, 'RO-1', 'assigned', 1, null)
      expect(() => ro.run(2, 'RO-2', 'assigned', 1, null)).toThrow(/UNIQUE/)
      expect(() => ro.run(3, 'RO-3', 'in_progress', 1, null)).toThrow(/UNIQUE/)
      expect(() => ro.run(4, 'RO-4', 'waiting', 1, null)).toThrow(/CHECK/)
      expect(() => ro.run(5, 'RO-5', 'queued', 1, null)).toThrow(/CHECK/)
      expect(() => ro.run(6, 'RO-1', 'waiting', null, null)).toThrow(/UNIQUE/)
      expect(() => ro.run(7, 'RO-7', 'teleported', null, null)).toThrow(/CHECK/)
      ro.run(8, 'RO-8', 'queued', 1, 0)
      expect(() =>
        db.prepare(`INSERT INTO job_lines (repair_order_id, line_no, description, skill_code, min_level, hours) VALUES (999, 1, 'x', 'body', 1, 1)`).run()
      ).toThrow(/FOREIGN KEY/)
      expect(() =>
        db.prepare(`INSERT INTO job_lines (repair_order_id, line_no, description, skill_code, min_level, hours) VALUES (1, 1, 'x', 'body', 1, -1)`).run()
      ).toThrow(/CHECK/)
      expect(() => db.prepare(`UPDATE repair_orders SET promised_at = 'tomorrow' WHERE id = 1`).run()).toThrow(/cannot store TEXT value in INTEGER column/)
    } finally {
      db.close()
    }
  })
})

describe('migrating twice is a no-op', () => {
  it('leaves schema, data and version unchanged', () => {
    const db = openDatabase(t.file)
    try {
      const schema = () => db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()
      const before = schema()
      const skills = db.prepare('SELECT count(*) AS n FROM skills').get()
      migrate(db)
      migrate(db)
      expect(schema()).toEqual(before)
      expect(db.prepare('SELECT count(*) AS n FROM skills').get()).toEqual(skills)
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    } finally {
      db.close()
    }
    const again = openDatabase(t.file)
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    again.close()
  })
})

describe('a file from a newer version', () => {
  it('is refused with DB_TOO_NEW and left byte-for-byte untouched', () => {
    const raw = new Database(t.file)
    raw.exec('CREATE TABLE future_things (id INTEGER PRIMARY KEY, x TEXT) STRICT; INSERT INTO future_things (x) VALUES (\'keep me\')')
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    raw.close()
    const hash = sha(t.file)

    let error: unknown
    try {
      openDatabase(t.file).close()
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('DB_TOO_NEW')
    expect((error as AppError).params).toEqual({ found: SCHEMA_VERSION + 1, known: SCHEMA_VERSION })
    expect(sha(t.file)).toBe(hash)

    const check = new Database(t.file, { readonly: true })
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1)
    check.close()
  })
})

describe('a newer version\'s file with committed work still in its WAL (the newer app crashed)', () => {
  it('is refused without checkpointing that WAL into the file: file and WAL bytes unchanged', () => {
    const live = t.file + '.live'
    const raw = new Database(live)
    raw.pragma('journal_mode = WAL')
    raw.exec('CREATE TABLE future_things (x TEXT) STRICT')
    raw.pragma('wal_checkpoint(TRUNCATE)')
    raw.exec(`INSERT INTO future_things VALUES ('committed, only in the WAL')`)
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    // copy the file and its WAL while the writer is still open: what a crash leaves on disk
    copyFileSync(live, t.file)
    copyFileSync(live + '-wal', t.file + '-wal')
    raw.close()
    const before = [sha(t.file), sha(t.file + '-wal')]

    expect(() => openDatabase(t.file)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }))
    expect([sha(t.file), sha(t.file + '-wal')]).toEqual(before)
  })
})

describe('hot queries use indexes (no full SCAN of repair_orders)', () => {
  /** Runs `fn` and returns the SQL of every statement it prepared. */
  function preparedBy(db: Db, fn: () => void): string[] {
    const seen: string[] = []
    const original = db.prepare.bind(db)
    const spy = ((sql: string) => {
      seen.push(sql)
      return original(sql)
    }) as Db['prepare']
    db.prepare = spy
    try {
      fn()
    } finally {
      db.prepare = original
    }
    return seen
  }
  function plan(db: Db, sql: string): string[] {
    const params = (sql.match(/\?/g) ?? []).map(() => 1)
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail)
  }
  function expectIndexed(db: Db, sql: string): void {
    const detail = plan(db, sql)
    const onOrders = detail.filter((d) => /\brepair_orders\b/.test(d))
    expect(onOrders.length, sql).toBeGreaterThan(0)
    for (const d of onOrders) {
      expect(d, sql).toMatch(/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/)
      expect(d, sql).not.toMatch(/^SCAN repair_orders$/)
    }
  }

  it("the board's open-orders query", () => {
    const db = openDatabase(t.file)
    try {
      createCore({ db, log: () => {} }).dispatch('workshop-load-demo', {}, { actor: 't' })
      const sql = preparedBy(db, () => listOpenRepairOrders(db)).filter((s) => /FROM repair_orders/.test(s))
      expect(sql.length).toBe(1)
      expectIndexed(db, sql[0])
    } finally {
      db.close()
    }
  })

  it("a technician's queue and current-order lookups", () => {
    const db = openDatabase(t.file)
    try {
      const sql = preparedBy(db, () => {
        queueOf(db, 1)
        currentOf(db, 1)
      })
      expect(sql.length).toBe(2)
      for (const s of sql) {
        expect(s).toMatch(/technician_id = \?/)
        expectIndexed(db, s)
        expect(plan(db, s).join(' ')).toMatch(/SEARCH repair_orders USING (COVERING )?INDEX \S+ \(technician_id=\?/)
      }
    } finally {
      db.close()
    }
  })
})

describe('upgrading a file that already holds a board', () => {
  /** A file at schema `version` (the product's own migrations up to it), with one technician. */
  function fileAt(version: number): void {
    const old = new Database(t.file)
    old.pragma('journal_mode = WAL')
    old.transaction(() => {
      for (let v = 0; v < version; v++) migrations[v](old)
      old.pragma(`user_version = ${version}`)
    })()
    old
      .prepare(`INSERT INTO technicians (name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES ('王师傅', 'T01', '08:00', '17:00', 0, 0)`)
      .run()
    old.close()
  }

  it('copies the file beside itself, at its old version, before migrating it', () => {
    const from = SCHEMA_VERSION - 1
    fileAt(from)
    const db = openDatabase(t.file)
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    } finally {
      db.close()
    }
    const copy = new Database(preUpgradeCopyPath(t.file, from), { readonly: true, fileMustExist: true })
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(from)
      expect((copy.prepare('SELECT name FROM technicians').get() as { name: string }).name).toBe('王师傅')
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      copy.close()
    }
  })

  it('takes no copy of a new file, nor of a file already up to date', () => {
    openDatabase(t.file).close()
    openDatabase(t.file).close()
    for (let v = 0; v <= SCHEMA_VERSION; v++) expect(existsSync(preUpgradeCopyPath(t.file, v)), `copy at v${v}`).toBe(false)
  })

  it('gives the pages a rebuilding migration freed back to the disk', () => {
    fileAt(1)
    // Audit rows in the first schema's format, enough to make the rebuild of later migrations leave free pages.
    const old = new Database(t.file)
    const row = old.prepare(`INSERT INTO audit_log (at, actor, command, before, after) VALUES (?, 'dispatcher', 'technician-update', '{}', ?)`)
    old.transaction(() => {
      for (let i = 0; i < 3000; i++) row.run(i, JSON.stringify({ technicians: { 1: { name: '王师傅', note: 'x'.repeat(200) } } }))
    })()
    old.close()
    const db = openDatabase(t.file)
    try {
      const free = db.pragma('freelist_count', { simple: true }) as number
      const pages = db.pragma('page_count', { simple: true }) as number
      expect(free * 4).toBeLessThanOrEqual(pages)
      expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 3000 })
    } finally {
      db.close()
    }
  })
})

describe('migration 007: what the reports need of a delivery is kept on it', () => {
  it('fills the deliveries already on the file from their orders and keeps them immutable', () => {
    const old = fileAtVersion(6)
    const order = old.prepare(
      `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, flag_bits,
         status, technician_id, original_promised_at, created_at, updated_at)
       VALUES (?, ?, '粤B1', 'M', 'C', '1', 'SA', ?, ?, 'awaiting_qc', 5, ?, 0, 0)`
    )
    order.run(1, 'RO1', 5000, 0, null)
    order.run(2, 'RO2', 9000, 1 << REPAIR_ORDER_FLAGS.indexOf('comeback'), 4000)
    // straight to the table, as a file of schema 6 held them (the QC gate is not what is tested here)
    old.pragma('foreign_keys = OFF')
    old.exec(`DROP TRIGGER IF EXISTS qc_gate_delivered; DROP TRIGGER IF EXISTS qc_gate_ready`)
    old.prepare(`UPDATE repair_orders SET status = 'delivered'`).run()
    const delivery = old.prepare(`INSERT INTO deliveries (repair_order_id, delivered_at, delivered_by, flat_rate_hours, actual_hours, actual_source, first_time_pass) VALUES (?, ?, 'd', 1, 1, 'clock', 1)`)
    delivery.run(1, 4500)
    delivery.run(2, 8000)
    old.close()

    const db = openDatabase(t.file)
    try {
      expect(db.prepare('SELECT repair_order_id AS id, technician_id AS t, promised_at AS p, original_promised_at AS op, comeback AS c FROM deliveries ORDER BY 1').all()).toEqual([
        { id: 1, t: 5, p: 5000, op: null, c: 0 },
        { id: 2, t: 5, p: 9000, op: 4000, c: 1 }
      ])
      expect(() => db.prepare('UPDATE deliveries SET comeback = 0').run()).toThrow(/immutable/)
    } finally {
      db.close()
    }
  })
})

describe('migration 008: the QC wait stamps and the queue index hold the open orders only', () => {
  it('keeps the stamps of orders awaiting QC, drops the rest, and stamps, clears and re-stamps as orders move', () => {
    const old = fileAtVersion(7)
    const order = old.prepare(
      `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, status,
         technician_id, queue_position, created_at, updated_at)
       VALUES (?, ?, '粤B1', 'M', 'C', '1', 'SA', 9000, ?, ?, ?, 0, ?)`
    )
    order.run(1, 'RO1', 'awaiting_qc', 5, null, 100)
    order.run(2, 'RO2', 'awaiting_qc', 5, null, 200)
    order.run(3, 'RO3', 'queued', 5, 0, 300)
    order.run(4, 'RO4', 'waiting', null, null, 400)
    // order 2 leaves the QC queue on a schema-7 file: its stamp stays behind, as 003's triggers left it
    old.prepare(`UPDATE repair_orders SET status = 'cancelled', cancel_reason = 'customer', updated_at = 250 WHERE id = 2`).run()
    expect(old.prepare('SELECT repair_order_id AS id, since FROM qc_waits ORDER BY 1').all()).toEqual([
      { id: 1, since: 100 },
      { id: 2, since: 200 }
    ])
    const ordersBefore = old.prepare('SELECT * FROM repair_orders ORDER BY id').all()
    old.close()

    const db = openDatabase(t.file)
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.prepare('SELECT * FROM repair_orders ORDER BY id').all()).toEqual(ordersBefore)
      expect(db.prepare('SELECT repair_order_id AS id, since FROM qc_waits ORDER BY 1').all()).toEqual([{ id: 1, since: 100 }])
      const indexes = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'repair_orders'`).all() as { name: string }[]).map((r) => r.name)
      expect(indexes).toContain('repair_orders_queue')
      expect(indexes).not.toContain('repair_orders_technician')
      expect(queueOf(db, 5)).toEqual([3])

      const move = db.prepare('UPDATE repair_orders SET status = ?, updated_at = ? WHERE id = 1')
      // a QC fail sends the order back to its technician: the stamp goes
      move.run('assigned', 500)
      expect(db.prepare('SELECT count(*) AS n FROM qc_waits').get()).toEqual({ n: 0 })
      // reworked and finished again: stamped anew, from the new entry into the queue
      move.run('awaiting_qc', 700)
      expect(db.prepare('SELECT repair_order_id AS id, since FROM qc_waits').all()).toEqual([{ id: 1, since: 700 }])
      expect(db.pragma('quick_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })
})
