import type { BoardSnapshot } from '../../../main/services/board'
import type { BoardChanges } from '../../../main/services/tx'
import { sortByPoolOrder, totalHours } from '../../../shared/domain/pool-order'
import type { RepairOrder, Skill, Technician } from '../../../shared/domain/types'
import { DEFAULT_CALENDAR, type TechnicianAttendance, type WorkshopCalendar } from '../../../shared/domain/calendar'

export type WorkshopSettings = BoardSnapshot['settings']

/** What one technician's lane shows: the current slot, the next-job queue, parked orders, hours. */
export interface LaneModel {
  currentId: number | null
  queueIds: number[]
  parkedIds: number[]
  /** Flat-rate hours of the current and queued orders. */
  assignedHours: number
}

/**
 * The board as the renderer keeps it: records by id (so a card selects exactly its own order)
 * plus derived indexes. Derived arrays keep their identity when their content did not change,
 * so a lane or the pool only re-renders when what it shows changed.
 */
export interface BoardData {
  version: number
  settings: WorkshopSettings
  skills: Skill[]
  technicians: Record<number, Technician>
  orders: Record<number, RepairOrder>
  laneIds: number[]
  lanes: Record<number, LaneModel>
  poolIds: number[]
  /** Orders past production: awaiting QC, then ready for delivery. */
  sideIds: number[]
  /** Workshop calendar and attendance (issue 3): with the orders, what the risk rule reads. */
  calendar: WorkshopCalendar
  attendance: TechnicianAttendance[]
}

export const emptyBoard = (): BoardData => ({
  version: 0,
  settings: { timeZone: 'Asia/Shanghai', settlementHours: 0.2 },
  skills: [],
  technicians: {},
  orders: {},
  laneIds: [],
  lanes: {},
  poolIds: [],
  sideIds: [],
  calendar: DEFAULT_CALENDAR,
  attendance: []
})

const sameIds = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

const keep = (prev: number[] | undefined, next: number[]): number[] => (prev && sameIds(prev, next) ? prev : next)

function sameLane(a: LaneModel | undefined, b: LaneModel): boolean {
  return (
    a !== undefined &&
    a.currentId === b.currentId &&
    a.assignedHours === b.assignedHours &&
    sameIds(a.queueIds, b.queueIds) &&
    sameIds(a.parkedIds, b.parkedIds)
  )
}

// One collator for every board change: localeCompare with options builds one per call (issue 5).
const employeeNoOrder = new Intl.Collator('en', { numeric: true })

/** Lane order on the wall: by employee number, so lanes do not jump around when names change. */
function compareLane(a: Technician, b: Technician): number {
  return employeeNoOrder.compare(a.employeeNo, b.employeeNo) || a.id - b.id
}

/** Recomputes every index from the records, reusing the previous arrays and lane objects where equal. */
export function derive(
  prev: Pick<BoardData, 'laneIds' | 'lanes' | 'poolIds' | 'sideIds'> | null,
  technicians: Record<number, Technician>,
  orders: Record<number, RepairOrder>
): Pick<BoardData, 'laneIds' | 'lanes' | 'poolIds' | 'sideIds'> {
  const active = Object.values(technicians).filter((t) => t.active).sort(compareLane)
  const laneIds = keep(prev?.laneIds, active.map((t) => t.id))
  const building = new Map<number, { current: RepairOrder | null; queued: RepairOrder[]; parked: RepairOrder[] }>()
  for (const id of laneIds) building.set(id, { current: null, queued: [], parked: [] })
  const pool: RepairOrder[] = []
  const side: RepairOrder[] = []
  for (const o of Object.values(orders)) {
    if (o.status === 'waiting') pool.push(o)
    else if (o.status === 'awaiting_qc' || o.status === 'ready') side.push(o)
    else if (o.technicianId !== null) {
      const lane = building.get(o.technicianId)
      if (!lane) continue
      if (o.status === 'queued') lane.queued.push(o)
      else if (o.status === 'stopped' && o.parked) lane.parked.push(o)
      else lane.current = o
    }
  }
  const lanes: Record<number, LaneModel> = {}
  for (const [id, l] of building) {
    l.queued.sort((a, b) => (a.queuePosition ?? 0) - (b.queuePosition ?? 0) || a.id - b.id)
    const onLane = l.current ? [l.current, ...l.queued] : l.queued
    const next: LaneModel = {
      currentId: l.current?.id ?? null,
      queueIds: l.queued.map((o) => o.id),
      parkedIds: l.parked.map((o) => o.id),
      assignedHours: Math.round(onLane.reduce((s, o) => s + totalHours(o.jobLines), 0) * 10) / 10
    }
    const before = prev?.lanes[id]
    lanes[id] = before && sameLane(before, next) ? before : next
  }
  // Awaiting QC before ready, each in pool order: a stable sort keeps the pool order within a status.
  const sideSorted = sortByPoolOrder(side).sort((a, b) => (a.status === b.status ? 0 : a.status === 'awaiting_qc' ? -1 : 1))
  return {
    laneIds,
    lanes,
    poolIds: keep(prev?.poolIds, sortByPoolOrder(pool).map((o) => o.id)),
    sideIds: keep(prev?.sideIds, sideSorted.map((o) => o.id))
  }
}

export function fromSnapshot(s: BoardSnapshot, prev: BoardData | null = null): BoardData {
  const technicians = Object.fromEntries(s.technicians.map((t) => [t.id, t]))
  const orders = Object.fromEntries(s.orders.map((o) => [o.id, o]))
  return {
    version: s.version,
    settings: s.settings,
    skills: s.skills,
    technicians,
    orders,
    // Older snapshots (tests, a station from before issue 3) have no calendar: keep the default.
    calendar: s.calendar ?? DEFAULT_CALENDAR,
    attendance: s.attendance ?? [],
    ...derive(prev, technicians, orders)
  }
}

/**
 * Applies one `board-changed` delta by id. Returns the same object when the event is not newer
 * than what the board already shows (a late or duplicate event must never roll the board back).
 */
export function applyChanges(state: BoardData, c: BoardChanges): BoardData {
  if (c.version <= state.version) return state
  const orders = { ...state.orders }
  for (const o of c.orders) orders[o.id] = o
  for (const id of c.removedOrderIds) delete orders[id]
  let technicians = state.technicians
  if (c.technicians.length) {
    technicians = { ...technicians }
    for (const t of c.technicians) technicians[t.id] = t
  }
  return {
    ...state,
    version: c.version,
    skills: c.skills ?? state.skills,
    technicians,
    orders,
    calendar: c.calendar?.calendar ?? state.calendar,
    attendance: c.calendar?.attendance ?? state.attendance,
    ...derive(state, technicians, orders)
  }
}

/**
 * Puts the order a command just returned into the board without moving the version: the
 * `board-changed` event of the same command still arrives and carries every other record it
 * touched. A record older than the one shown (by its row version) is ignored.
 */
export function upsertOrder(state: BoardData, order: RepairOrder, open: boolean): BoardData {
  const shown = state.orders[order.id]
  if (shown && shown.version > order.version) return state
  const orders = { ...state.orders }
  if (open) orders[order.id] = order
  else delete orders[order.id]
  return { ...state, orders, ...derive(state, state.technicians, orders) }
}

export function upsertTechnician(state: BoardData, t: Technician): BoardData {
  const shown = state.technicians[t.id]
  if (shown && shown.version > t.version) return state
  const technicians = { ...state.technicians, [t.id]: t }
  return { ...state, technicians, ...derive(state, technicians, state.orders) }
}

/** Skill code -> display name in the given language (falls back to the code). */
export function skillName(skills: readonly Skill[], code: string, lang: 'zh' | 'en'): string {
  const s = skills.find((x) => x.code === code)
  return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : code
}
