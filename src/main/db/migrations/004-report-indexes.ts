import type { Database } from 'better-sqlite3'

/**
 * Indexes for the service manager's reports (issue 5): every report reads one period of history,
 * so each table it reads is entered by time, never scanned from the first day of the file. And a
 * running total of deliveries, so the board query no longer counts three years of them.
 */
export function up(db: Database): void {
  db.exec(`
    -- deliveries in a period (the daily series, on-time figures, efficiency per technician)
    CREATE INDEX deliveries_delivered_at ON deliveries (delivered_at);
    -- labour clocked by one technician in a period (utilisation); covering, so the table is not read
    CREATE INDEX clock_segments_technician ON clock_segments (technician_id, started_at, ended_at);
    -- stoppages in a period by reason
    CREATE INDEX stoppages_started ON stoppages (started_at, kind, ended_at);
    -- QC failures in a period by comeback cause
    CREATE INDEX qc_records_failed ON qc_records (signed_at, comeback_cause) WHERE result = 'fail';

    -- The board's header shows first-time passes over all deliveries (qc.repo.ts firstTimePassCounts):
    -- one row kept by a trigger instead of counting every delivery ever made on each board load.
    -- Deliveries are immutable (003's triggers), so inserts are the only change to follow.
    CREATE TABLE delivery_totals (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      delivered INTEGER NOT NULL,
      first_time_pass INTEGER NOT NULL
    ) STRICT;
    INSERT INTO delivery_totals (id, delivered, first_time_pass)
      SELECT 1, count(*), coalesce(sum(first_time_pass), 0) FROM deliveries;
    CREATE TRIGGER delivery_totals_on_insert AFTER INSERT ON deliveries
      BEGIN UPDATE delivery_totals SET delivered = delivered + 1, first_time_pass = first_time_pass + NEW.first_time_pass WHERE id = 1; END;
  `)
}
