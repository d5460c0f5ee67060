import type { Database } from 'better-sqlite3'

/** The board's first schema: skills, technicians, repair orders with job lines, and the audit log. */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE skills (
      code TEXT PRIMARY KEY,
      name_zh TEXT NOT NULL,
      name_en TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
    ) STRICT;

    CREATE TABLE technicians (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      employee_no TEXT NOT NULL UNIQUE,
      shift_start TEXT NOT NULL,
      shift_end TEXT NOT NULL,
      lunch_start TEXT,
      lunch_end TEXT,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE technician_skills (
      technician_id INTEGER NOT NULL REFERENCES technicians(id) ON DELETE CASCADE,
      skill_code TEXT NOT NULL REFERENCES skills(code) ON UPDATE CASCADE,
      level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
      PRIMARY KEY (technician_id, skill_code)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE repair_orders (
      id INTEGER PRIMARY KEY,
      ro_number TEXT NOT NULL UNIQUE,
      plate TEXT NOT NULL,
      vin TEXT,
      model TEXT NOT NULL,
      customer_name TEXT NOT NULL,
      customer_phone TEXT NOT NULL,
      service_advisor TEXT NOT NULL,
      promised_at INTEGER NOT NULL,
      parts_ready INTEGER NOT NULL DEFAULT 1 CHECK (parts_ready IN (0, 1)),
      flags TEXT NOT NULL DEFAULT '{}',
      notes TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN
        ('waiting','queued','assigned','in_progress','stopped','awaiting_qc','ready','delivered','cancelled')),
      technician_id INTEGER REFERENCES technicians(id),
      queue_position INTEGER,
      parked INTEGER NOT NULL DEFAULT 0 CHECK (parked IN (0, 1)),
      cancel_reason TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      -- a waiting order has no technician; every order on a lane or past it has one
      CHECK ((status = 'waiting' AND technician_id IS NULL)
          OR (status IN ('queued','assigned','in_progress','stopped','awaiting_qc','ready','delivered') AND technician_id IS NOT NULL)
          OR status = 'cancelled'),
      CHECK ((status = 'queued') = (queue_position IS NOT NULL) OR (status = 'stopped' AND parked = 1)),
      CHECK (parked = 0 OR status = 'stopped')
    ) STRICT;

    -- model.md: a technician has at most one order in assigned, in progress or stopped-and-not-parked
    CREATE UNIQUE INDEX repair_orders_one_current
      ON repair_orders (technician_id)
      WHERE status IN ('assigned', 'in_progress') OR (status = 'stopped' AND parked = 0);
    CREATE INDEX repair_orders_open
      ON repair_orders (status)
      WHERE status NOT IN ('delivered', 'cancelled');
    CREATE INDEX repair_orders_technician ON repair_orders (technician_id, status);

    CREATE TABLE job_lines (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id) ON DELETE CASCADE,
      line_no INTEGER NOT NULL,
      description TEXT NOT NULL,
      skill_code TEXT NOT NULL REFERENCES skills(code) ON UPDATE CASCADE,
      min_level INTEGER NOT NULL CHECK (min_level BETWEEN 1 AND 3),
      hours REAL NOT NULL CHECK (hours > 0),
      UNIQUE (repair_order_id, line_no)
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      command TEXT NOT NULL,
      before TEXT NOT NULL,
      after TEXT NOT NULL
    ) STRICT;

    -- which records an audit row touched, so an order's history is one indexed lookup
    CREATE TABLE audit_entities (
      audit_id INTEGER NOT NULL REFERENCES audit_log(id),
      entity TEXT NOT NULL,
      entity_id INTEGER NOT NULL,
      PRIMARY KEY (entity, entity_id, audit_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

    INSERT INTO skills (code, name_zh, name_en, sort_order) VALUES
      ('mechanical', '机修', 'Mechanical', 1),
      ('electrical', '电气', 'Electrical', 2),
      ('body', '钣金', 'Body', 3),
      ('paint', '喷漆', 'Paint', 4),
      ('maintenance', '保养', 'Maintenance', 5),
      ('diagnostics', '诊断', 'Diagnostics', 6),
      ('tyres', '轮胎定位', 'Tyres & alignment', 7);

    INSERT INTO settings (key, value) VALUES
      ('timeZone', '"Asia/Shanghai"'),
      ('settlementHours', '0.2');
  `)
}
