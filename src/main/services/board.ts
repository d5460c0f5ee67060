import type { Database } from 'better-sqlite3'
import type { RepairOrder, Skill, Technician } from '../../shared/domain/types'
import { lastAuditId } from '../db/audit.repo'
import { listOpenRepairOrders } from '../db/repair-orders.repo'
import { readSettings, type WorkshopSettings } from '../db/settings.repo'
import { listSkills } from '../db/skills.repo'
import { listTechnicians } from '../db/technicians.repo'

export interface BoardSnapshot {
  /** The id of the last audit row: clients apply `board-changed` events with a higher version. */
  version: number
  serverTime: string
  settings: WorkshopSettings
  skills: Skill[]
  /** Every technician, active or not (inactive ones have no lane). */
  technicians: Technician[]
  /** Every open order: pool, lanes, QC and delivery. */
  orders: RepairOrder[]
}

/** Everything a screen needs to draw the board, read in one consistent snapshot. */
export function getBoard(db: Database, now: number): BoardSnapshot {
  return db.transaction(() => ({
    version: lastAuditId(db),
    serverTime: new Date(now).toISOString(),
    settings: readSettings(db),
    skills: listSkills(db),
    technicians: listTechnicians(db),
    orders: listOpenRepairOrders(db)
  }))()
}
