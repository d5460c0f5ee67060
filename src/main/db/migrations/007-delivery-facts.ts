import type { Database } from 'better-sqlite3'
import { flagBit } from '../repair-orders.repo'

/**
 * What the reports need of a delivered order, kept on its delivery (issue 5: a year's report
 * joined 55,000 deliveries to their orders, twice, and that join was most of its 150-200 ms).
 * They are facts as they stood at delivery and never change after it, like the rest of the
 * delivery record: the technician, the last promise, the original promise when it was revised,
 * and whether the car was a comeback. New deliveries copy them from the order in the same insert
 * (qc.repo.ts insertDelivery); rows already on the file are filled from their orders here.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE deliveries ADD COLUMN technician_id INTEGER REFERENCES technicians(id);
    -- NULL only on a delivery whose order is missing (never written by the board itself)
    ALTER TABLE deliveries ADD COLUMN promised_at INTEGER;
    -- NULL when the promise was never revised
    ALTER TABLE deliveries ADD COLUMN original_promised_at INTEGER;
    ALTER TABLE deliveries ADD COLUMN comeback INTEGER NOT NULL DEFAULT 0 CHECK (comeback IN (0, 1));

    -- deliveries are immutable: the trigger steps aside for this one fill and is put back as it was
    DROP TRIGGER deliveries_immutable_update;
    UPDATE deliveries SET technician_id = o.technician_id, promised_at = o.promised_at,
                          original_promised_at = o.original_promised_at,
                          comeback = (o.flag_bits & ${flagBit('comeback')}) <> 0
      FROM repair_orders o WHERE o.id = deliveries.repair_order_id;
    CREATE TRIGGER deliveries_immutable_update BEFORE UPDATE ON deliveries
      BEGIN SELECT RAISE(ABORT, 'deliveries are immutable'); END;
  `)
}
