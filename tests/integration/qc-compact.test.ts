import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RepairOrder, RepairOrderFlags, Technician } from '../../src/shared/domain/types'
import { emptyFlags, REPAIR_ORDER_FLAGS } from '../../src/shared/domain/types'
import { DEFAULT_QC_CHECKLIST, evaluateChecklist, type QcChecklistItem } from '../../src/shared/domain/qc-checklist'
import type { SignOffResult } from '../../src/main/services/qc'
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations'
import { up as m006 } from '../../src/main/db/migrations/006-compact-qc-flags'
import { openDatabase } from '../../src/main/db/open'
import { checklistVersionId, getQcRecord, listQcRecords, type QcRecord } from '../../src/main/db/qc.repo'
import { getRepairOrder } from '../../src/main/db/repair-orders.repo'
import { harness, roInput, roUpdate, tempDir, type Harness } from './helpers'
import { ADMIN, INSPECTOR_PIN, newTech, okAs, orderAwaitingQc, qcUsers } from './qc-helpers'

/**
 * Migration 006 (issue 5, a smaller file): QC records keep a checklist version plus two bitmasks
 * instead of the whole checklist, and repair_orders keeps its flags as an INTEGER bitmask.
 * What a signature shows must not change: not by the migration, not by later template edits.
 */

const T0 = Date.parse('2026-11-25T01:00:00Z')
const ALL_ITEMS = DEFAULT_QC_CHECKLIST.map((i) => i.id)
const BEFORE_006 = migrations.indexOf(m006)
const flagsOf = (...on: (keyof RepairOrderFlags)[]): RepairOrderFlags => ({ ...emptyFlags(), ...Object.fromEntries(on.map((f) => [f, true])) })

/** A template the shop edited before 006: one label reworded, one optional item added. */
const EDITED_TEMPLATE: QcChecklistItem[] = [
  ...DEFAULT_QC_CHECKLIST.slice(0, 3),
  { ...DEFAULT_QC_CHECKLIST[3], labelEn: 'Vehicle clean inside and out', labelZh: '车辆内外清洁' },
  DEFAULT_QC_CHECKLIST[4],
  { id: 'tyre-pressure', labelEn: 'Tyre pressure', labelZh: '胎压', requiredWhen: { kind: 'optional' } }
]

interface OldRecord {
  id: number
  repair_order_id: number
  attempt: number
  result: string
  inspector_user_id: number
  inspector_name: string
  signed_at: number
  meaning_en: string
  meaning_zh: string
  fail_reason: string | null
  comeback_cause: string | null
  technician_id: number | null
  checklist: string
  missing_required: number
}

/**
 * A file at the version before 006, written by the real earlier migrations, with orders whose flags
 * are JSON (all eleven keys, none, a few) and QC records in the old form: the whole checklist as
 * signed, exactly as services/qc.ts wrote it (JSON of evaluateChecklist's lines).
 */
function writeOldFile(file: string, extra?: (raw: Db) => void): { records: OldRecord[]; flags: Map<number, string> } {
  const raw = new Database(file)
  raw.pragma('foreign_keys = ON')
  for (const m of migrations.slice(0, BEFORE_006)) m(raw)
  raw.pragma(`user_version = ${BEFORE_006}`)
  raw.prepare("INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (1, '王', 'T1', '08:30', '17:30', 0, 0)").run()
  raw.prepare("INSERT INTO users (id, name, username, role, pin_hash, created_at, updated_at) VALUES (7, '周检', 'zhoujian', 'qc_inspector', 'scrypt$old', 0, 0)").run()
  const order = raw.prepare(
    `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, flags,
       status, technician_id, created_at, updated_at) VALUES (?, ?, 'X', 'M', 'C', '13800138000', 'SA', 0, ?, ?, ?, 0, 0)`
  )
  const flags = new Map<number, string>([
    [1, JSON.stringify(flagsOf('comeback', 'brakeSuspension'))],
    [2, '{}'],
    [3, JSON.stringify({ warranty: true, sublet: false })],
    [4, JSON.stringify(Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, true])))]
  ])
  order.run(1, 'OLD-1', flags.get(1), 'awaiting_qc', 1)
  order.run(2, 'OLD-2', flags.get(2), 'awaiting_qc', 1)
  order.run(3, 'OLD-3', flags.get(3), 'awaiting_qc', 1)
  order.run(4, 'OLD-4', flags.get(4), 'waiting', null)
  const qc = raw.prepare(
    `INSERT INTO qc_records (repair_order_id, attempt, result, inspector_user_id, inspector_name, signed_at, meaning_en, meaning_zh,
       fail_reason, comeback_cause, technician_id, checklist, missing_required) VALUES (?, ?, ?, 7, '周检', ?, ?, ?, ?, ?, 1, ?, ?)`
  )
  const sign = (roId: number, attempt: number, at: number, template: readonly QcChecklistItem[], ticked: string[], fail?: string) => {
    const f = { ...emptyFlags(), ...(JSON.parse(flags.get(roId) as string) as Partial<RepairOrderFlags>) }
    const check = evaluateChecklist(template, f, ticked)
    qc.run(roId, attempt, fail ? 'fail' : 'pass', at, fail ? `QC failed: ${fail}` : 'QC passed', fail ? `质检不合格：${fail}` : '质检合格',
      fail ?? null, fail ? 'wrong-diagnosis' : null, JSON.stringify(check.lines), check.missingRequired.length)
  }
  // order 1: a fail with the road test (required: brake + comeback) missing, then a pass; then ready
  sign(1, 1, T0 - 5 * 86_400_000, DEFAULT_QC_CHECKLIST, ALL_ITEMS.slice(0, 3), '路试异响')
  sign(1, 2, T0 - 4 * 86_400_000, DEFAULT_QC_CHECKLIST, ALL_ITEMS)
  raw.prepare("UPDATE repair_orders SET status = 'ready' WHERE id = 1").run()
  // order 2: signed after the template was edited (six items, a reworded label)
  sign(2, 1, T0 - 3 * 86_400_000, EDITED_TEMPLATE, [...ALL_ITEMS.slice(0, 4), 'tyre-pressure'])
  // order 3: a fail on the default template, nothing ticked
  sign(3, 1, T0 - 2 * 86_400_000, DEFAULT_QC_CHECKLIST, [], '未清洁')
  extra?.(raw)
  const records = raw.prepare('SELECT * FROM qc_records ORDER BY id').all() as OldRecord[]
  raw.close()
  return { records, flags }
}

const schemaSql = (db: Db, where: string) =>
  db.prepare(`SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE ${where} ORDER BY name`).all() as {
    type: string
    name: string
    tbl: string
    sql: string
  }[]

let t: ReturnType<typeof tempDir>
beforeEach(() => {
  t = tempDir('wdb-006-')
})
afterEach(() => t.cleanup())

describe('migration 006 on a file written before it', () => {
  it('keeps every QC record exactly as signed: same ids, fields and checklist (labels, requiredWhen, required, ticked)', () => {
    const { records } = writeOldFile(t.file)
    const db = openDatabase(t.file)
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      for (const old of records) {
        const rec = getQcRecord(db, old.id) as QcRecord
        // byte for byte: the API returns the same JSON as before, key order included
        expect(JSON.stringify(rec.checklist)).toBe(old.checklist)
        expect(rec).toEqual({
          id: old.id,
          repairOrderId: old.repair_order_id,
          attempt: old.attempt,
          result: old.result,
          inspectorUserId: old.inspector_user_id,
          inspectorName: old.inspector_name,
          signedAt: new Date(old.signed_at).toISOString(),
          meaning: { en: old.meaning_en, zh: old.meaning_zh },
          failReason: old.fail_reason,
          comebackCause: old.comeback_cause,
          technicianId: old.technician_id,
          checklist: JSON.parse(old.checklist)
        })
      }
      expect(listQcRecords(db, 1).map((r) => [r.attempt, r.result])).toEqual([
        [1, 'fail'],
        [2, 'pass']
      ])
      expect(listQcRecords(db, 2)[0].checklist.map((l) => l.labelZh)).toContain('车辆内外清洁')
      // two distinct templates were signed on: two versions, each dated by its first signature
      const versions = db.prepare('SELECT id, items, created_at FROM qc_checklist_versions ORDER BY id').all() as { items: string; created_at: number }[]
      expect(versions.map((v) => [JSON.parse(v.items).length, v.created_at])).toEqual([
        [5, T0 - 5 * 86_400_000],
        [6, T0 - 3 * 86_400_000]
      ])
      const columns = (db.prepare("SELECT name FROM pragma_table_info('qc_records')").all() as { name: string }[]).map((c) => c.name)
      expect(columns).not.toContain('checklist')
      expect(columns).not.toContain('missing_required')
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
  })

  it('turns the JSON flags into flag_bits: all eleven, none, and a partial object', () => {
    const { flags } = writeOldFile(t.file)
    const db = openDatabase(t.file)
    try {
      for (const [id, json] of flags) {
        expect(getRepairOrder(db, id)?.flags, json).toEqual({ ...emptyFlags(), ...(JSON.parse(json) as Partial<RepairOrderFlags>) })
      }
      const bits = (id: number) => (db.prepare('SELECT flag_bits FROM repair_orders WHERE id = ?').get(id) as { flag_bits: number }).flag_bits
      expect(bits(1)).toBe(2 ** REPAIR_ORDER_FLAGS.indexOf('comeback') + 2 ** REPAIR_ORDER_FLAGS.indexOf('brakeSuspension'))
      expect(bits(2)).toBe(0)
      expect(bits(3)).toBe(2 ** REPAIR_ORDER_FLAGS.indexOf('warranty'))
      expect(bits(4)).toBe(2 ** REPAIR_ORDER_FLAGS.length - 1)
      const columns = (db.prepare("SELECT name, type FROM pragma_table_info('repair_orders')").all() as { name: string; type: string }[])
      expect(columns.find((c) => c.name === 'flags')).toBeUndefined()
      expect(columns.find((c) => c.name === 'flag_bits')?.type).toBe('INTEGER')
    } finally {
      db.close()
    }
  })

  it('keeps the other tables\' triggers that read qc_records word for word, and rebuilds its own triggers and indexes', () => {
    writeOldFile(t.file)
    const raw = new Database(t.file, { readonly: true })
    const outside = schemaSql(raw, "type IN ('trigger', 'view') AND tbl_name <> 'qc_records'")
    raw.close()
    expect(outside.some((d) => d.name === 'qc_gate_ready' && d.sql.includes('qc_records'))).toBe(true)

    const db = openDatabase(t.file)
    try {
      // every one of them still there, word for word (later migrations may add triggers of their own, e.g. 008's qc_waits_on_leave)
      const kept = schemaSql(db, "type IN ('trigger', 'view') AND tbl_name NOT IN ('qc_records', 'qc_checklist_versions')")
      expect(kept.filter((d) => outside.some((o) => o.name === d.name))).toEqual(outside)
      expect(schemaSql(db, "tbl_name = 'qc_records' AND type IN ('trigger', 'index')").map((d) => d.name)).toEqual([
        'qc_records_failed',
        'qc_records_immutable_delete',
        'qc_records_immutable_update',
        'qc_records_items_in_version',
        'sqlite_autoindex_qc_records_1'
      ])
      expect(schemaSql(db, "name = 'qc_records_failed'")[0].sql).toMatch(/ON qc_records \(signed_at, comeback_cause\) WHERE result = 'fail'/)
      expect(schemaSql(db, "sql LIKE '%qc_records_v5%'")).toEqual([])
      // The QC gate still reads the latest attempt: order 3's is a fail, order 2's a pass.
      expect(() => db.prepare("UPDATE repair_orders SET status = 'ready' WHERE id = 3").run()).toThrow(/QC gate/)
      db.prepare("UPDATE repair_orders SET status = 'ready', updated_at = 1 WHERE id = 2").run()
      // UNIQUE (repair_order_id, attempt) and the CHECKs came across
      const insert = db.prepare(
        `INSERT INTO qc_records (repair_order_id, attempt, result, inspector_user_id, inspector_name, signed_at, meaning_en, meaning_zh,
           fail_reason, comeback_cause, technician_id, checklist_version_id, required_items, checked_items)
         VALUES (?, ?, ?, 7, '周检', 0, 'm', 'm', ?, ?, 1, 1, ?, ?)`
      )
      expect(() => insert.run(1, 2, 'pass', null, null, 0b1111, 0b1111)).toThrow(/UNIQUE/)
      expect(() => insert.run(3, 2, 'pass', null, null, 0b11111, 0b01111)).toThrow(/CHECK/)
      expect(() => insert.run(3, 2, 'fail', null, null, 0b1111, 0)).toThrow(/CHECK/)
      expect(() => insert.run(3, 2, 'fail', 'r', 'not-a-cause', 0b1111, 0)).toThrow(/CHECK/)
      // version 1 has five items: a mark on a sixth would vanish when read
      expect(() => insert.run(3, 2, 'fail', 'r', 'wrong-diagnosis', 0b1111, 0b100000)).toThrow(/not on the checklist version/)
      insert.run(3, 2, 'fail', 'r', 'wrong-diagnosis', 0b11111, 0b00001)
    } finally {
      db.close()
    }
  })

  it('refuses a record it cannot keep exactly, and leaves the file at its old version', () => {
    writeOldFile(t.file, (raw) => {
      const broken = JSON.stringify([{ id: 'requested-work', labelEn: 'x', labelZh: 'x', requiredWhen: { kind: 'always' }, required: true }])
      raw
        .prepare(
          `INSERT INTO qc_records (repair_order_id, attempt, result, inspector_user_id, inspector_name, signed_at, meaning_en, meaning_zh,
             technician_id, checklist, missing_required) VALUES (2, 2, 'pass', 7, '周检', 0, 'm', 'm', 1, ?, 0)`
        )
        .run(broken)
    })
    expect(() => openDatabase(t.file)).toThrow(/migration 006: QC record \d+ has a checklist it cannot keep exactly/)
    const raw = new Database(t.file, { readonly: true })
    expect(raw.pragma('user_version', { simple: true })).toBe(BEFORE_006)
    expect((raw.prepare("SELECT name FROM pragma_table_info('qc_records')").all() as { name: string }[]).map((c) => c.name)).toContain('checklist')
    raw.close()
  })
})

describe('signing after 006', () => {
  let now = T0
  let h: Harness
  let tech: Technician
  const pass = (id: number, checkedItemIds: string[] = ALL_ITEMS) => ({ id, username: 'zhoujian', pin: INSPECTOR_PIN, result: 'pass', checkedItemIds })
  const versionCount = () => (h.db.prepare('SELECT count(*) AS n FROM qc_checklist_versions').get() as { n: number }).n
  beforeEach(() => {
    now = T0
    h = harness(() => now)
    qcUsers(h)
    tech = newTech(h)
  })
  afterEach(() => h.close())

  it('stores a version reference and two bitmasks, and reads back exactly the lines that were evaluated', () => {
    const o = orderAwaitingQc(h, tech, { flags: ['safetyRelated'] })
    const ticked = ['requested-work', 'technician-report', 'replaced-parts', 'vehicle-clean', 'road-test']
    const rec = h.ok<SignOffResult>('qc-sign-off', pass(o.id, ticked)).record
    const expected = evaluateChecklist(h.ok<QcChecklistItem[]>('qc-checklist-get'), o.flags, ticked).lines
    expect(JSON.stringify(rec.checklist)).toBe(JSON.stringify(expected))
    const row = h.db.prepare('SELECT checklist_version_id, required_items, checked_items FROM qc_records WHERE id = ?').get(rec.id)
    expect(row).toEqual({ checklist_version_id: 1, required_items: 0b11111, checked_items: 0b11111 })
    expect(h.ok<QcRecord[]>('qc-record-list', { id: o.id })).toEqual([rec])
  })

  it('reuses one version for every record on the same template; an edit makes a new one and old records keep their wording', () => {
    const first = orderAwaitingQc(h, tech)
    h.ok('qc-sign-off', pass(first.id, ALL_ITEMS.slice(0, 4)))
    const second = orderAwaitingQc(h, tech)
    h.ok('qc-sign-off', pass(second.id, ALL_ITEMS.slice(0, 4)))
    expect(versionCount()).toBe(1)
    const before = h.ok<QcRecord[]>('qc-record-list', { id: first.id })[0]

    const items = h.ok<QcChecklistItem[]>('qc-checklist-get')
    okAs(h, ADMIN, 'qc-checklist-update', { items: EDITED_TEMPLATE })
    expect(versionCount()).toBe(1) // a template no one has signed on yet needs no version
    const third = orderAwaitingQc(h, tech)
    const rec3 = h.ok<SignOffResult>('qc-sign-off', pass(third.id, [...ALL_ITEMS.slice(0, 4), 'tyre-pressure'])).record
    expect(versionCount()).toBe(2)
    expect(rec3.checklist.map((l) => [l.id, l.labelZh, l.required, l.checked])).toEqual([
      ['requested-work', DEFAULT_QC_CHECKLIST[0].labelZh, true, true],
      ['technician-report', DEFAULT_QC_CHECKLIST[1].labelZh, true, true],
      ['replaced-parts', DEFAULT_QC_CHECKLIST[2].labelZh, true, true],
      ['vehicle-clean', '车辆内外清洁', true, true],
      ['road-test', '路试', false, false],
      ['tyre-pressure', '胎压', false, true]
    ])
    // the first record still shows the label the inspector saw
    const after = h.ok<QcRecord[]>('qc-record-list', { id: first.id })[0]
    expect(after).toEqual(before)
    expect(after.checklist[3].labelZh).toBe(DEFAULT_QC_CHECKLIST[3].labelZh)

    // back to the original template: its version is found again, not written twice
    okAs(h, ADMIN, 'qc-checklist-update', { items })
    const fourth = orderAwaitingQc(h, tech)
    h.ok('qc-sign-off', pass(fourth.id, ALL_ITEMS.slice(0, 4)))
    expect(versionCount()).toBe(2)
    expect(h.db.prepare('SELECT checklist_version_id AS v FROM qc_records ORDER BY id').all()).toEqual([{ v: 1 }, { v: 1 }, { v: 2 }, { v: 1 }])
  })

  it('versions are immutable, like the records', () => {
    const o = orderAwaitingQc(h, tech)
    h.ok('qc-sign-off', pass(o.id, ALL_ITEMS.slice(0, 4)))
    expect(() => h.db.prepare("UPDATE qc_checklist_versions SET items = '[]' WHERE id = 1").run()).toThrow(/immutable/)
    expect(() => h.db.prepare('UPDATE qc_checklist_versions SET created_at = 0').run()).toThrow(/immutable/)
    expect(() => h.db.prepare('DELETE FROM qc_checklist_versions').run()).toThrow(/immutable/)
    expect(() => h.db.prepare('UPDATE qc_records SET checked_items = 0').run()).toThrow(/immutable/)
    expect(() => h.db.prepare('DELETE FROM qc_records').run()).toThrow(/immutable/)
    // content-addressed: the same items cannot be a second version
    const items = (h.db.prepare('SELECT items FROM qc_checklist_versions WHERE id = 1').get() as { items: string }).items
    expect(() => h.db.prepare('INSERT INTO qc_checklist_versions (items, created_at) VALUES (?, 0)').run(items)).toThrow(/UNIQUE/)
    expect(checklistVersionId(h.db, items, now)).toBe(1)
    expect(() => h.db.prepare("INSERT INTO qc_checklist_versions (items, created_at) VALUES ('not json', 0)").run()).toThrow(/CHECK/)
  })
})

describe('flags as flag_bits through the commands', () => {
  let h: Harness
  beforeEach(() => {
    h = harness()
  })
  afterEach(() => h.close())

  it('each flag alone is its own bit, and an edit rewrites the bits', () => {
    const bits = (id: number) => (h.db.prepare('SELECT flag_bits FROM repair_orders WHERE id = ?').get(id) as { flag_bits: number }).flag_bits
    for (const [i, f] of REPAIR_ORDER_FLAGS.entries()) {
      const o = h.ok<RepairOrder>('repair-order-create', roInput({ flags: { [f]: true } }))
      expect(o.flags, f).toEqual(flagsOf(f))
      expect(bits(o.id), f).toBe(2 ** i)
    }
    const o = h.ok<RepairOrder>('repair-order-create', roInput())
    expect(bits(o.id)).toBe(0)
    const all = Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, true])) as RepairOrderFlags
    const edited = h.ok<RepairOrder>('repair-order-update', roUpdate(o, { flags: all }))
    expect(edited.flags).toEqual(all)
    expect(bits(o.id)).toBe(2 ** REPAIR_ORDER_FLAGS.length - 1)
    const cleared = h.ok<RepairOrder>('repair-order-update', roUpdate(edited, { flags: flagsOf('waitingCustomer') }))
    expect(cleared.flags).toEqual(flagsOf('waitingCustomer'))
    expect(bits(o.id)).toBe(1)
    expect(() => h.db.prepare('UPDATE repair_orders SET flag_bits = -1 WHERE id = ?').run(o.id)).toThrow(/CHECK/)
  })
})

describe('EXPLAIN QUERY PLAN of the QC record reads and the version lookup', () => {
  it('enter qc_records by (repair_order_id, attempt) or id, and the versions by primary key or their content index', () => {
    const h = harness()
    try {
      qcUsers(h)
      const tech = newTech(h)
      const o = orderAwaitingQc(h, tech)
      const rec = h.ok<SignOffResult>('qc-sign-off', { id: o.id, username: 'zhoujian', pin: INSPECTOR_PIN, result: 'pass', checkedItemIds: ALL_ITEMS.slice(0, 4) }).record
      const seen: { sql: string; args: unknown[] }[] = []
      const db = h.db
      const prepare = db.prepare.bind(db)
      const spied = db as unknown as { prepare: (sql: string) => unknown }
      spied.prepare = (sql: string) => {
        const stmt = prepare(sql)
        for (const m of ['all', 'get', 'run'] as const) {
          const orig = (stmt[m] as (...a: unknown[]) => unknown).bind(stmt)
          ;(stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
            seen.push({ sql, args })
            return orig(...args)
          }
        }
        return stmt
      }
      try {
        listQcRecords(db, o.id)
        getQcRecord(db, rec.id)
        checklistVersionId(db, (db.prepare('SELECT items FROM qc_checklist_versions').get() as { items: string }).items, 0)
      } finally {
        delete (spied as { prepare?: unknown }).prepare
      }
      const plans = seen
        .filter((s) => /qc_records|qc_checklist_versions/.test(s.sql) && !/^SELECT items FROM qc_checklist_versions$/.test(s.sql))
        .map((s) => (db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.args as never[])) as { detail: string }[]).map((r) => r.detail).join(' | '))
      expect(plans).toEqual([
        'SEARCH r USING INDEX sqlite_autoindex_qc_records_1 (repair_order_id=?) | SEARCH v USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH r USING INTEGER PRIMARY KEY (rowid=?) | SEARCH v USING INTEGER PRIMARY KEY (rowid=?)',
        'SEARCH qc_checklist_versions USING COVERING INDEX sqlite_autoindex_qc_checklist_versions_1 (items=?)'
      ])
    } finally {
      h.close()
    }
  })
})
