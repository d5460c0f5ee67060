import type { Database } from 'better-sqlite3'
import type { RepairOrder, Skill, Technician } from '../../shared/domain/types'
import type { Role } from '../../shared/domain/roles'
import { OPEN_STATUSES } from '../../shared/domain/repair-order-status'
import { appendAudit, type AuditEntity } from '../db/audit.repo'
import { fieldPairs, type CompactChange, type CompactEntry } from '../db/audit-codec'
import { getPlacements, getRepairOrders } from '../db/repair-orders.repo'
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
  /** Orders whose only change in this transaction is their place (touchOrders with placementOnly). */
  private readonly placementOnly = new Set<number>()
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
    this.placementOnly.delete(id)
    if (this.orderBefore.has(id)) return
    this.orderBefore.set(id, created ? null : (getRepairOrders(this.db, [id])[0] ?? null))
  }

  /**
   * touchOrder for many orders in one read (a queue spaced out again when a drop finds no room between neighbours, issue 5).
   * `placementOnly`: the caller changes nothing of these orders but their place (status, lane,
   * queue position, parked), so commit re-reads only those columns instead of whole orders with
   * their job lines, clock and stoppages. A later touchOrder of one of them makes it a full touch.
   */
  touchOrders(ids: readonly number[], options: { placementOnly?: boolean } = {}): void {
    const missing = ids.filter((id) => !this.orderBefore.has(id))
    if (missing.length === 0) return
    const found = new Map(getRepairOrders(this.db, missing).map((o) => [o.id, o]))
    for (const id of missing) {
      const order = found.get(id) ?? null
      this.orderBefore.set(id, order)
      if (order && options.placementOnly) this.placementOnly.add(id)
    }
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

  /** The touched orders as they are now, by id (as one getRepairOrders of them all returns them). */
  private ordersAfter(orderIds: number[]): RepairOrder[] {
    if (this.placementOnly.size === 0) return getRepairOrders(this.db, orderIds)
    const full = getRepairOrders(this.db, orderIds.filter((id) => !this.placementOnly.has(id)))
    const placed = getPlacements(this.db, [...this.placementOnly])
    for (const [id, p] of placed) full.push({ ...(this.orderBefore.get(id) as RepairOrder), ...p })
    return full.sort((a, b) => a.id - b.id)
  }

  /** Writes the audit row and returns the change set; called inside the transaction. */
  commit(): BoardChanges {
    const orderIds = [...this.orderBefore.keys()]
    const ordersAfter = this.ordersAfter(orderIds)
    const techniciansAfter = [...this.technicianBefore.keys()]
      .map((id) => getTechnician(this.db, id))
      .filter((t): t is Technician => t !== undefined)
    const skillsAfter = this.skillsBefore ? listSkills(this.db) : undefined

    const change: CompactChange = {}
    if (orderIds.length) {
      const afterById = new Map(ordersAfter.map((o) => [o.id, o]))
      const entries = orderIds.map((id) => auditEntry(this.orderBefore.get(id) ?? null, afterById.get(id) ?? null, ORDER_CREATION_KEPT, ORDER_KEPT_ELSEWHERE))
      if (orderIds.length === 1) change.o = entries[0]
      else change.os = Object.fromEntries(orderIds.map((id, i) => [id, entries[i]]))
    }
    if (this.technicianBefore.size) {
      const ids = [...this.technicianBefore.keys()]
      const afterById = new Map(techniciansAfter.map((t) => [t.id, t]))
      change.t = Object.fromEntries(ids.map((id) => [id, auditEntry(this.technicianBefore.get(id) ?? null, afterById.get(id) ?? null, 'all')]))
    }
    if (skillsAfter) change.s = [this.skillsBefore, skillsAfter]
    const calendarAfter = this.calendarBefore ? readCalendarState(this.db, this.now) : undefined
    if (calendarAfter) change.k = [this.calendarBefore, calendarAfter]
    if (Object.keys(this.extraAudit).length) change.x = this.extraAudit
    const touched: { entity: AuditEntity; id: number }[] = [
      ...orderIds.map((id) => ({ entity: 'repair_order' as const, id })),
      ...[...this.technicianBefore.keys()].map((id) => ({ entity: 'technician' as const, id }))
    ]
    const version = appendAudit(this.db, { at: this.now, actor: this.caller.actor, command: this.command, change }, touched)
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

/**
 * What an order's creation row keeps: nothing. The repair_orders row holds it, and every later
 * row keeps the before and after of each field it changed, so the order as created is the
 * current order with the later changes undone (history.ts orderStatesFromAudit).
 */
export const ORDER_CREATION_KEPT: readonly string[] = []

/**
 * Order fields an audit row never keeps because their own table keeps each value with its time:
 * the technician's report (technician_reports, only ever inserted; history.ts reads it back).
 */
export const ORDER_KEPT_ELSEWHERE: readonly string[] = ['technicianReport']

/** Never kept: the id is the entry's key, updatedAt is the time of the row that last changed the record. */
const NOT_KEPT = ['id', 'updatedAt']

/**
 * What the audit row keeps of one record: only the fields that changed, each once as
 * [before, after] (an object-valued field such as labour one level down). A new record keeps
 * `created` of its fields ('all' or a list), a removed one its whole last state. The version
 * is kept only when it did not go up by exactly one (it is otherwise derivable). Whole records
 * on every change made three years of history 4 GB, repeating the placement 700 MB
 * (docs/benchmarks.md).
 */
export function auditEntry<T extends object>(
  before: T | null,
  after: T | null,
  created: 'all' | readonly string[],
  keptElsewhere: readonly string[] = []
): CompactEntry {
  if (!after) return before ? { '-': before as Record<string, unknown> } : {}
  const ra = after as Record<string, unknown>
  if (!before) {
    const keep = Object.fromEntries(Object.entries(ra).filter(([k]) => !NOT_KEPT.includes(k) && (created === 'all' || created.includes(k))))
    return { '+': keep }
  }
  const rb = before as Record<string, unknown>
  const pairs = fieldPairs(rb, ra, [...NOT_KEPT, ...keptElsewhere, 'version'])
  if (typeof rb.version === 'number' && ra.version !== rb.version + 1) pairs.version = [rb.version, ra.version ?? null]
  return pairs
}
