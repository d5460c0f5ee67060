import type { Database } from 'better-sqlite3'
import type { ChecklistLine } from '../../../shared/domain/qc-checklist'
import { REPAIR_ORDER_FLAGS } from '../../../shared/domain/types'
import { encodeChecklist } from '../qc.repo'

/**
 * A smaller file (issue 5: three years within 250 MiB).
 *
 * QC records stop copying the whole checklist into every signature (~880 bytes each). The template
 * as the inspector saw it (ids, both labels, when each item is required) is kept once per distinct
 * template in `qc_checklist_versions`, immutable like the records; a record keeps its version's id
 * and two bitmasks over the items: required for this order, ticked. `missing_required` goes: the
 * CHECK "a pass has no missing required item" now reads the bitmasks themselves.
 *
 * repair_orders.flags (a JSON object of eleven booleans, ~250 bytes a row) becomes `flag_bits`, an
 * INTEGER whose bit i is REPAIR_ORDER_FLAGS[i] (repair-orders.repo.ts flagBit). The new name makes
 * any SQL still reading the JSON fail when it is prepared instead of silently reading NULL.
 *
 * Runs inside migrate()'s transaction with foreign keys on (PRAGMA foreign_keys cannot change inside
 * a transaction), so qc_records is rebuilt by rename, create, copy, drop: no table references
 * qc_records, and DROP TABLE fires no triggers. The triggers and views of other tables that read
 * qc_records (003's qc_gate_ready) are dropped first and recreated from their own SQL afterwards, so
 * the renames neither rewrite them to the old table nor fail on a table that is briefly missing.
 *
 * The file does not shrink by itself: freed pages are reused by new rows; a VACUUM returns them.
 */
export function up(db: Database): void {
  compactFlags(db)
  compactQcRecords(db)
}

function compactFlags(db: Database): void {
  // JSON true reads as 1 through ->>; an absent key or false adds nothing.
  const bits = REPAIR_ORDER_FLAGS.map((f, i) => `(CASE WHEN flags ->> '$.${f}' = 1 THEN ${2 ** i} ELSE 0 END)`).join(' + ')
  db.exec(`
    ALTER TABLE repair_orders ADD COLUMN flag_bits INTEGER NOT NULL DEFAULT 0 CHECK (flag_bits >= 0);
    UPDATE repair_orders SET flag_bits = ${bits} WHERE flags <> '{}';
    ALTER TABLE repair_orders DROP COLUMN flags;
  `)
}

interface OldQcRecord {
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
}

function compactQcRecords(db: Database): void {
  const dependents = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE type IN ('trigger', 'view') AND tbl_name <> 'qc_records' AND sql LIKE '%qc_records%' ORDER BY rowid`
    )
    .all() as { type: 'trigger' | 'view'; name: string; sql: string }[]
  for (const d of dependents) db.exec(`DROP ${d.type === 'trigger' ? 'TRIGGER' : 'VIEW'} "${d.name}"`)

  db.exec(`
    ALTER TABLE qc_records RENAME TO qc_records_v5;

    -- One row per distinct checklist template that a record was signed on: the items exactly as the
    -- inspector saw them (JSON QcChecklistItem[]: id, labelEn, labelZh, requiredWhen, in template order).
    -- Found by content (UNIQUE), written on first use, never changed: old signatures keep their wording.
    CREATE TABLE qc_checklist_versions (
      id INTEGER PRIMARY KEY,
      items TEXT NOT NULL UNIQUE CHECK (json_valid(items) AND json_type(items) = 'array' AND json_array_length(items) BETWEEN 1 AND 53),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TRIGGER qc_checklist_versions_immutable_update BEFORE UPDATE ON qc_checklist_versions
      BEGIN SELECT RAISE(ABORT, 'qc_checklist_versions are immutable: an edited template is a new version'); END;
    CREATE TRIGGER qc_checklist_versions_immutable_delete BEFORE DELETE ON qc_checklist_versions
      BEGIN SELECT RAISE(ABORT, 'qc_checklist_versions are immutable: an edited template is a new version'); END;

    CREATE TABLE qc_records (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id),
      attempt INTEGER NOT NULL,
      result TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
      inspector_user_id INTEGER NOT NULL REFERENCES users(id),
      -- the printed name as it was when signed, so renaming a user never rewrites a signature
      inspector_name TEXT NOT NULL,
      signed_at INTEGER NOT NULL,
      meaning_en TEXT NOT NULL,
      meaning_zh TEXT NOT NULL,
      fail_reason TEXT,
      comeback_cause TEXT CHECK (comeback_cause IN ('poor-sa-questioning','no-primary-repair-item','wrong-diagnosis',
        'technician-lacking-skill','missing-tools-equipment','poor-delivery-explanation')),
      technician_id INTEGER REFERENCES technicians(id),
      -- the checklist as signed: its template version, and bit i = item i of that version
      -- required for this order (required_items) and ticked by the inspector (checked_items)
      checklist_version_id INTEGER NOT NULL REFERENCES qc_checklist_versions(id),
      required_items INTEGER NOT NULL CHECK (required_items >= 0),
      checked_items INTEGER NOT NULL CHECK (checked_items >= 0),
      UNIQUE (repair_order_id, attempt),
      -- a pass never has a missing required item; a fail always has a reason and a cause
      CHECK (result = 'fail' OR (required_items & ~checked_items) = 0),
      CHECK (result = 'pass' OR (fail_reason IS NOT NULL AND comeback_cause IS NOT NULL))
    ) STRICT;
  `)

  const versions = new Map<string, number>()
  const insertVersion = db.prepare('INSERT INTO qc_checklist_versions (items, created_at) VALUES (?, ?)')
  const insertRecord = db.prepare(
    `INSERT INTO qc_records (id, repair_order_id, attempt, result, inspector_user_id, inspector_name, signed_at, meaning_en,
       meaning_zh, fail_reason, comeback_cause, technician_id, checklist_version_id, required_items, checked_items)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const copyRecord = (r: OldQcRecord): void => {
    let encoded: ReturnType<typeof encodeChecklist>
    try {
      encoded = encodeChecklist(JSON.parse(r.checklist) as ChecklistLine[])
    } catch (e) {
      throw new Error(`migration 006: QC record ${r.id} has a checklist it cannot keep exactly: ${(e as Error).message}`)
    }
    let versionId = versions.get(encoded.itemsJson)
    if (versionId === undefined) {
      versionId = Number(insertVersion.run(encoded.itemsJson, r.signed_at).lastInsertRowid)
      versions.set(encoded.itemsJson, versionId)
    }
    insertRecord.run(
      r.id, r.repair_order_id, r.attempt, r.result, r.inspector_user_id, r.inspector_name, r.signed_at, r.meaning_en,
      r.meaning_zh, r.fail_reason, r.comeback_cause, r.technician_id, versionId, encoded.requiredItems, encoded.checkedItems
    )
  }
  // Read in pages of ids (a connection cannot write while it iterates); ids follow signing order,
  // so a version's created_at is when the first record on it was signed.
  const page = db.prepare('SELECT * FROM qc_records_v5 WHERE id > ? ORDER BY id LIMIT 2000')
  for (let rows = page.all(0) as OldQcRecord[]; rows.length > 0; rows = page.all(rows[rows.length - 1].id) as OldQcRecord[]) {
    for (const r of rows) copyRecord(r)
  }

  db.exec(`
    DROP TABLE qc_records_v5;

    -- model.md: a QC signature is never edited; a new attempt writes a new record.
    CREATE TRIGGER qc_records_immutable_update BEFORE UPDATE ON qc_records
      BEGIN SELECT RAISE(ABORT, 'qc_records are immutable: a new attempt writes a new record'); END;
    CREATE TRIGGER qc_records_immutable_delete BEFORE DELETE ON qc_records
      BEGIN SELECT RAISE(ABORT, 'qc_records are immutable: a new attempt writes a new record'); END;
    -- a mark on an item the version does not have would be lost when the record is read
    CREATE TRIGGER qc_records_items_in_version BEFORE INSERT ON qc_records
      WHEN (NEW.required_items | NEW.checked_items) >=
        (1 << (SELECT json_array_length(items) FROM qc_checklist_versions WHERE id = NEW.checklist_version_id))
      BEGIN SELECT RAISE(ABORT, 'qc_records: a required or ticked item is not on the checklist version'); END;

    -- QC failures in a period by comeback cause (migration 004)
    CREATE INDEX qc_records_failed ON qc_records (signed_at, comeback_cause) WHERE result = 'fail';
  `)
  for (const d of dependents) db.exec(d.sql)
}
