import type { Database } from 'better-sqlite3'
import type { RepairOrder, Skill, Technician } from '../../shared/domain/types'
import type { Role } from '../../shared/domain/roles'
import { OPEN_STATUSES } from '../../shared/domain/repair-order-status'
import { appendAudit, type AuditEntity } from '../db/audit.repo'
import { getRepairOrders } from '../db/repair-orders.repo'
import { getTechnician } from '../db/technicians.repo'
import { listSkills } from '../db/skills.repo'
import { readCalendarState, type CalendarState } from '../db/calendar.repo'

/** Who is calling and from where; the actor is written into the audit row. */
export interface Caller {
  actor: string
  /**
   * The caller's role, checked against src/shared/domain/roles.ts for every command.
   * Left out (undefined) only by in-process callers: the desktop app's own window over IPC,
   * the CLI and tests, which are the trusted dispatcher's station. Network transports always
   * set it, to null when nobody is logged in (issue 4, docs/security.md).
   */
  role?: Role | null
  /** The logged-in user, if any. */
  userId?: number
  /** For a technician user: the technician whose orders they may clock. */
  technicianId?: number | null
  /** Hash of the session token the call came with, so `auth-logout` can end that session. */
  sessionId?: string
  /** The call came from this PC (IPC or a loopback socket): only such a caller may create the first admin. */
  local?: boolean
}

/** What one committed change did, pushed to every open screen as `board-changed`. */
export interface BoardChanges {
  version: number
  command: string
  /** Orders created or changed that are still on the board. */
  orders: RepairOrder[]
  /** Orders that left the board (delivered, cancelled). */
  removedOrderIds: number[]
  technicians: Technician[]
  /** The whole catalogue when a skill changed. */
  skills?: Skill[]
  /** Workshop calendar and attendance when either changed (issue 3). */
  calendar?: CalendarState
}

/**
 * One command's transaction: services call `touchOrder` / `touchTechnician` before they
 * change a record, so the runner can write the single audit row (before and after) and
 * tell every client exactly which records changed.
 */
export class Tx {
  private readonly orderBefore = new Map<number, RepairOrder | null>()
  private readonly technicianBefore = new Map<number, Technician | null>()
  private skillsBefore: Skill[] | undefined
  private calendarBefore: CalendarState | undefined
  readonly extraAudit: Record<string, unknown> = {}

  constructor(
    readonly db: Database,
    readonly now: number,
    readonly caller: Caller,
    readonly command: string
  ) {}

  touchOrder(id: number, created = false): void {
    if (this.orderBefore.has(id)) return
    this.orderBefore.set(id, created ? null : (getRepairOrders(this.db, [id])[0] ?? null))
  }

  /** touchOrder for many orders in one read (a queue renumbered after a drop at its front, issue 5). */
  touchOrders(ids: readonly number[]): void {
    const missing = ids.filter((id) => !this.orderBefore.has(id))
    if (missing.length === 0) return
    const found = new Map(getRepairOrders(this.db, missing).map((o) => [o.id, o]))
    for (const id of missing) this.orderBefore.set(id, found.get(id) ?? null)
  }

  touchTechnician(id: number, created = false): void {
    if (this.technicianBefore.has(id)) return
    this.technicianBefore.set(id, created ? null : (getTechnician(this.db, id) ?? null))
  }

  touchSkills(): void {
    this.skillsBefore ??= listSkills(this.db)
  }

  touchCalendar(): void {
    this.calendarBefore ??= readCalendarState(this.db, this.now)
  }

  get changed(): boolean {
    return (
      this.orderBefore.size > 0 ||
      this.technicianBefore.size > 0 ||
      this.skillsBefore !== undefined ||
      this.calendarBefore !== undefined
    )
  }

  /** Writes the audit row and returns the change set; called inside the transaction. */
  commit(): BoardChanges {
    const orderIds = [...this.orderBefore.keys()]
    const ordersAfter = getRepairOrders(this.db, orderIds)
    const techniciansAfter = [...this.technicianBefore.keys()]
      .map((id) => getTechnician(this.db, id))
      .filter((t): t is Technician => t !== undefined)
    const skillsAfter = this.skillsBefore ? listSkills(this.db) : undefined

    const before: Record<string, unknown> = {}
    const after: Record<string, unknown> = { ...this.extraAudit }
    if (orderIds.length) {
      const afterById = new Map(ordersAfter.map((o) => [o.id, o]))
      const diffs = orderIds.map((id) => auditDiff(this.orderBefore.get(id) ?? null, afterById.get(id), ORDER_PLACEMENT))
      before.repairOrders = Object.fromEntries(orderIds.map((id, i) => [id, diffs[i].before]))
      after.repairOrders = Object.fromEntries(orderIds.map((id, i) => [id, diffs[i].after]))
    }
    if (this.technicianBefore.size) {
      const ids = [...this.technicianBefore.keys()]
      const afterById = new Map(techniciansAfter.map((t) => [t.id, t]))
      const diffs = ids.map((id) => auditDiff(this.technicianBefore.get(id) ?? null, afterById.get(id), []))
      before.technicians = Object.fromEntries(ids.map((id, i) => [id, diffs[i].before]))
      after.technicians = Object.fromEntries(ids.map((id, i) => [id, diffs[i].after]))
    }
    if (skillsAfter) {
      before.skills = this.skillsBefore
      after.skills = skillsAfter
    }
    const calendarAfter = this.calendarBefore ? readCalendarState(this.db, this.now) : undefined
    if (calendarAfter) {
      before.calendar = this.calendarBefore
      after.calendar = calendarAfter
    }
    const touched: { entity: AuditEntity; id: number }[] = [
      ...orderIds.map((id) => ({ entity: 'repair_order' as const, id })),
      ...[...this.technicianBefore.keys()].map((id) => ({ entity: 'technician' as const, id }))
    ]
    const version = appendAudit(
      this.db,
      { at: this.now, actor: this.caller.actor, command: this.command, before, after },
      touched
    )
    const open = new Set<string>(OPEN_STATUSES)
    return {
      version,
      command: this.command,
      orders: ordersAfter.filter((o) => open.has(o.status)),
      removedOrderIds: ordersAfter.filter((o) => !open.has(o.status)).map((o) => o.id),
      technicians: techniciansAfter,
      skills: skillsAfter,
      calendar: calendarAfter
    }
  }
}

/** Fields every order's audit entry keeps, changed or not: the timeline reads where the order stood. */
export const ORDER_PLACEMENT = ['roNumber', 'status', 'technicianId', 'queuePosition', 'parked'] as const

/**
 * What the audit row keeps of one record: the whole record when it is created, otherwise only
 * the fields that changed (plus `always`), before and after. Whole records on every change made
 * three years of history about 4 GB (docs/benchmarks.md); the changed fields say the same.
 */
export function auditDiff<T extends object>(
  before: T | null,
  after: T | undefined,
  always: readonly string[]
): { before: Partial<T> | null; after: Partial<T> | null } {
  if (!after) return { before, after: null }
  if (!before) return { before: null, after }
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  const rb = before as Record<string, unknown>
  const ra = after as Record<string, unknown>
  for (const key of Object.keys(ra)) {
    if (key === 'updatedAt') continue
    if (always.includes(key) || JSON.stringify(rb[key]) !== JSON.stringify(ra[key])) {
      b[key] = rb[key]
      a[key] = ra[key]
    }
  }
  return { before: b as Partial<T>, after: a as Partial<T> }
}
