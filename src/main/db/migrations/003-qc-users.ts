import type { Database } from 'better-sqlite3'
import { DEFAULT_QC_CHECKLIST } from '../../../shared/domain/qc-checklist'

/**
 * The QC gate, users and stations (issue 4): the checklist template, immutable QC records,
 * deliveries, the QC queue's wait stamps, users with hashed PINs, and sessions. Depends only on
 * 001's tables, so it runs whether or not issue 3's clock tables exist.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE qc_checklist_items (
      id TEXT PRIMARY KEY,
      label_en TEXT NOT NULL,
      label_zh TEXT NOT NULL,
      -- JSON RequiredWhen (src/shared/domain/qc-checklist.ts)
      required_when TEXT NOT NULL,
      sort_order INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      username TEXT NOT NULL UNIQUE COLLATE NOCASE,
      role TEXT NOT NULL CHECK (role IN ('dispatcher','qc_inspector','technician','wall_display','admin')),
      -- scrypt$N$r$p$salt$hash (services/auth.ts); never the PIN itself
      pin_hash TEXT NOT NULL CHECK (pin_hash LIKE 'scrypt$%'),
      technician_id INTEGER REFERENCES technicians(id),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_pin_count INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      CHECK ((role = 'technician') = (technician_id IS NOT NULL))
    ) STRICT;

    -- Only a hash of the token is stored: a copied data file does not yield working sessions.
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_user ON sessions (user_id);

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
      -- JSON ChecklistLine[]: the template and ticks as signed
      checklist TEXT NOT NULL,
      missing_required INTEGER NOT NULL,
      UNIQUE (repair_order_id, attempt),
      -- a pass never has a missing required item; a fail always has a reason and a cause
      CHECK (result = 'fail' OR missing_required = 0),
      CHECK (result = 'pass' OR (fail_reason IS NOT NULL AND comeback_cause IS NOT NULL))
    ) STRICT;

    -- model.md: a QC signature is never edited; a new attempt writes a new record.
    CREATE TRIGGER qc_records_immutable_update BEFORE UPDATE ON qc_records
      BEGIN SELECT RAISE(ABORT, 'qc_records are immutable: a new attempt writes a new record'); END;
    CREATE TRIGGER qc_records_immutable_delete BEFORE DELETE ON qc_records
      BEGIN SELECT RAISE(ABORT, 'qc_records are immutable: a new attempt writes a new record'); END;

    CREATE TABLE deliveries (
      repair_order_id INTEGER PRIMARY KEY REFERENCES repair_orders(id),
      delivered_at INTEGER NOT NULL,
      delivered_by TEXT NOT NULL,
      flat_rate_hours REAL NOT NULL,
      actual_hours REAL NOT NULL,
      -- 'clock': summed from the clock's in-progress segments; 'none': no clock data on this file
      actual_source TEXT NOT NULL CHECK (actual_source IN ('clock', 'none')),
      -- the first QC record of the order was a pass: the first-time-fix figure counts these
      first_time_pass INTEGER NOT NULL CHECK (first_time_pass IN (0, 1))
    ) STRICT;
    CREATE TRIGGER deliveries_immutable_update BEFORE UPDATE ON deliveries
      BEGIN SELECT RAISE(ABORT, 'deliveries are immutable'); END;
    CREATE TRIGGER deliveries_immutable_delete BEFORE DELETE ON deliveries
      BEGIN SELECT RAISE(ABORT, 'deliveries are immutable'); END;

    -- When each order last entered the QC queue. Stamped by triggers so that every path into
    -- awaiting QC (issue 3's finish, and any later one) is covered without each service remembering.
    CREATE TABLE qc_waits (
      repair_order_id INTEGER PRIMARY KEY REFERENCES repair_orders(id),
      since INTEGER NOT NULL
    ) STRICT;
    CREATE TRIGGER qc_waits_on_update AFTER UPDATE OF status ON repair_orders
      WHEN NEW.status = 'awaiting_qc' AND OLD.status <> 'awaiting_qc'
      BEGIN INSERT INTO qc_waits (repair_order_id, since) VALUES (NEW.id, NEW.updated_at)
        ON CONFLICT (repair_order_id) DO UPDATE SET since = excluded.since; END;
    CREATE TRIGGER qc_waits_on_insert AFTER INSERT ON repair_orders
      WHEN NEW.status = 'awaiting_qc'
      BEGIN INSERT INTO qc_waits (repair_order_id, since) VALUES (NEW.id, NEW.updated_at)
        ON CONFLICT (repair_order_id) DO UPDATE SET since = excluded.since; END;

    -- The gate in the database itself (defence in depth behind services/qc.ts): an order reaches
    -- "ready" only when its latest QC record is a pass, and "delivered" only from "ready"; an
    -- import or any other writer cannot create an order already past QC.
    CREATE TRIGGER qc_gate_ready BEFORE UPDATE OF status ON repair_orders
      WHEN NEW.status = 'ready' AND OLD.status <> 'ready' AND coalesce((
        SELECT result FROM qc_records WHERE repair_order_id = NEW.id ORDER BY attempt DESC LIMIT 1
      ), 'none') <> 'pass'
      BEGIN SELECT RAISE(ABORT, 'QC gate: an order becomes ready only by a QC pass'); END;
    CREATE TRIGGER qc_gate_delivered BEFORE UPDATE OF status ON repair_orders
      WHEN NEW.status = 'delivered' AND OLD.status <> 'delivered' AND OLD.status <> 'ready'
      BEGIN SELECT RAISE(ABORT, 'QC gate: only a ready order can be delivered'); END;
    CREATE TRIGGER qc_gate_insert BEFORE INSERT ON repair_orders
      WHEN NEW.status IN ('ready', 'delivered')
      BEGIN SELECT RAISE(ABORT, 'QC gate: an order cannot be created past QC'); END;

    -- Orders already waiting for QC when this file is upgraded: their last change is the best stamp there is.
    INSERT INTO qc_waits (repair_order_id, since) SELECT id, updated_at FROM repair_orders WHERE status = 'awaiting_qc';
  `)
  const insert = db.prepare(
    'INSERT INTO qc_checklist_items (id, label_en, label_zh, required_when, sort_order) VALUES (?, ?, ?, ?, ?)'
  )
  DEFAULT_QC_CHECKLIST.forEach((i, n) => insert.run(i.id, i.labelEn, i.labelZh, JSON.stringify(i.requiredWhen), n + 1))
}
