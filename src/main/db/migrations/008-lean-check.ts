import type { Database } from 'better-sqlite3'

/**
 * Less for the integrity check to walk (issue 5: PRAGMA quick_check of three years within 0.5 s).
 * quick_check's cost is every page, every cell and every row of every b-tree, so it grows with
 * rows kept that nothing reads. Two structures held one row per order ever made where the board
 * reads only the open few:
 *
 * - qc_waits (migration 003) stamps when an order entered the QC queue and is read only for orders
 *   awaiting QC (qc.repo.ts qcWaitSince, qcCounts). A row now leaves when its order leaves awaiting
 *   QC; re-entering (a QC fail, reworked and finished again) stamps it anew through 003's upsert.
 * - repair_orders_technician (technician_id, status) over every order served only a technician's
 *   queue (queueOf, queuePositions: status = 'queued'); the current slot is found through
 *   repair_orders_one_current. It becomes a partial index of the queued orders, in queue order.
 *   Technicians are never deleted (they are deactivated), so no foreign-key check looks orders up by
 *   technician; reports read deliveries.technician_id (migration 007).
 *
 * No constraint changes: the CHECKs, foreign keys and triggers guard exactly what they did.
 */
export function up(db: Database): void {
  db.exec(`
    DELETE FROM qc_waits WHERE repair_order_id NOT IN (SELECT id FROM repair_orders WHERE status = 'awaiting_qc');
    CREATE TRIGGER qc_waits_on_leave AFTER UPDATE OF status ON repair_orders
      WHEN OLD.status = 'awaiting_qc' AND NEW.status <> 'awaiting_qc'
      BEGIN DELETE FROM qc_waits WHERE repair_order_id = NEW.id; END;

    DROP INDEX repair_orders_technician;
    CREATE INDEX repair_orders_queue ON repair_orders (technician_id, queue_position) WHERE status = 'queued';
  `)
}
