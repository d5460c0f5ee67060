import type { Database } from 'better-sqlite3'
import type { RepairOrder, Skill, Technician } from '../../shared/domain/types'
import { lastAuditId } from '../db/audit.repo'
import { listOpenRepairOrders } from '../db/repair-orders.repo'
import { readSettings, type WorkshopSettings } from '../db/settings.repo'
import { listSkills } from '../db/skills.repo'
import { listTechnicians } from '../db/technicians.repo'
import { readCalendarState } from '../db/calendar.repo'
import type { TechnicianAttendance, WorkshopCalendar } from '../../shared/domain/calendar'
import { qcSummary, type QcSummary } from './qc'

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
  /**
   * Workshop calendar and technician attendance (from a week ago on): with `orders` and
   * `technicians` this is a BoardRiskInput, so screens compute latest start, projected finish and
   * risk themselves with src/shared/domain/risk.ts every minute, without asking the server.
   */
  calendar: WorkshopCalendar
  attendance: TechnicianAttendance[]
  /** QC backlog for the board's header (issue 4): cars waiting for QC and the longest wait. */
  qc: QcSummary
}

/** Everything a screen needs to draw the board, read in one consistent snapshot. */
export function getBoard(db: Database, now: number): BoardSnapshot {
  return db.transaction(() => ({
    version: lastAuditId(db),
    serverTime: new Date(now).toISOString(),
    settings: readSettings(db),
    skills: listSkills(db),
    technicians: listTechnicians(db),
    orders: listOpenRepairOrders(db),
    ...readCalendarState(db, now),
    qc: qcSummary(db, now)
  }))()
}

/**
 * What a technician's station is shown (issue 4: a technician "sees their own jobs"): only the
 * orders on their own lane; lanes, skills and the QC counts stay, as they carry no customer data.
 */
export function scopeToTechnician<T extends { orders: RepairOrder[] }>(view: T, technicianId: number | null | undefined): T {
  return { ...view, orders: view.orders.filter((o) => o.technicianId !== null && o.technicianId === technicianId) }
}
