import type { Database } from 'better-sqlite3'

/**
 * Keep the promise (issue 3): the labour clock (in-progress segments), stoppages with their
 * reason and details, the technician's report on finishing, customer notifications of a revised
 * promise, the workshop calendar in settings, and technician attendance per date.
 */
export function up(db: Database): void {
  db.exec(`
    -- labour time is the sum of these in-progress intervals only (model.md)
    CREATE TABLE clock_segments (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id),
      technician_id INTEGER NOT NULL REFERENCES technicians(id),
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      edited_at INTEGER,
      edit_reason TEXT,
      CHECK (ended_at IS NULL OR ended_at >= started_at)
    ) STRICT;
    CREATE UNIQUE INDEX clock_segments_one_running ON clock_segments (repair_order_id) WHERE ended_at IS NULL;
    CREATE INDEX clock_segments_order ON clock_segments (repair_order_id, started_at);

    CREATE TABLE stoppages (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id),
      technician_id INTEGER REFERENCES technicians(id),
      kind TEXT NOT NULL CHECK (kind IN ('parts','sublet','approval','tools','other')),
      -- JSON StoppageDetails (src/shared/domain/types.ts), matching kind
      details TEXT NOT NULL,
      -- parts: expected arrival; sublet: expected return (UTC ms); null when not known
      expected_end_at INTEGER,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      started_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      CHECK (ended_at IS NULL OR ended_at >= started_at)
    ) STRICT;
    CREATE UNIQUE INDEX stoppages_one_open ON stoppages (repair_order_id) WHERE ended_at IS NULL;
    CREATE INDEX stoppages_open ON stoppages (kind, expected_end_at) WHERE ended_at IS NULL;
    CREATE INDEX stoppages_order ON stoppages (repair_order_id, started_at);

    -- the technician's report on finishing: what was done, why it failed, how it was fixed
    CREATE TABLE technician_reports (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id),
      technician_id INTEGER NOT NULL REFERENCES technicians(id),
      work_done TEXT NOT NULL,
      cause TEXT NOT NULL,
      fix TEXT NOT NULL,
      written_at INTEGER NOT NULL,
      written_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX technician_reports_order ON technician_reports (repair_order_id, id);

    -- 预先通知客户: each time the customer was told of a revised promise
    CREATE TABLE customer_notifications (
      id INTEGER PRIMARY KEY,
      repair_order_id INTEGER NOT NULL REFERENCES repair_orders(id),
      -- the promise before this revision, and the revised one (UTC ms)
      previous_promised_at INTEGER NOT NULL,
      revised_promised_at INTEGER NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('phone','sms','wechat','in_person')),
      told_by TEXT NOT NULL,
      told_at INTEGER NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      recorded_by TEXT NOT NULL,
      recorded_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX customer_notifications_order ON customer_notifications (repair_order_id, id);

    -- the promise first given to the customer, kept for on-time reports; set when it is first revised
    ALTER TABLE repair_orders ADD COLUMN original_promised_at INTEGER;

    CREATE TABLE technician_attendance (
      technician_id INTEGER NOT NULL REFERENCES technicians(id),
      date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      kind TEXT NOT NULL CHECK (kind IN ('present','absent','leaves_early')),
      leaves_at TEXT,
      shift_start TEXT,
      shift_end TEXT,
      lunch_start TEXT,
      lunch_end TEXT,
      note TEXT NOT NULL DEFAULT '',
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (technician_id, date),
      CHECK ((kind = 'leaves_early') = (leaves_at IS NOT NULL)),
      CHECK ((shift_start IS NULL) = (shift_end IS NULL)),
      CHECK ((lunch_start IS NULL) = (lunch_end IS NULL))
    ) STRICT, WITHOUT ROWID;

    INSERT OR IGNORE INTO settings (key, value) VALUES
      ('weekHours', '[null,{"start":"08:30","end":"17:30"},{"start":"08:30","end":"17:30"},{"start":"08:30","end":"17:30"},{"start":"08:30","end":"17:30"},{"start":"08:30","end":"17:30"},{"start":"08:30","end":"17:30"}]'),
      ('lunch', '{"start":"12:00","end":"13:00"}'),
      ('daysOff', '[]');
  `)
}
