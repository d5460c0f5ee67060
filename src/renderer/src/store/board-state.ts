import type { BoardSnapshot } from '../../../main/services/board'
import type { BoardChanges } from '../../../main/services/tx'
import { comparePoolOrder, sortByPoolOrder, totalHours } from '../../../shared/domain/pool-order'
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

type BoardIndexes = Pick<BoardData, 'laneIds' | 'lanes' | 'poolIds' | 'sideIds'>

/** One lane from its orders (in id order): the current slot, the queue by position, parked orders, hours. */
function laneModel(onLane: readonly RepairOrder[], before: LaneModel | undefined): LaneModel {
  let current: RepairOrder | null = null
  const queued: RepairOrder[] = []
  const parked: RepairOrder[] = []
  for (const o of onLane) {
    if (o.status === 'queued') queued.push(o)
    else if (o.status === 'stopped' && o.parked) parked.push(o)
    else current = o
  }
  queued.sort((a, b) => (a.queuePosition ?? 0) - (b.queuePosition ?? 0) || a.id - b.id)
  const onSlotOrQueue = current ? [current, ...queued] : queued
  const hours = onSlotOrQueue.reduce((s, o) => s + totalHours(o.jobLines), 0)
  const next: LaneModel = {
    currentId: current?.id ?? null,
    queueIds: queued.map((o) => o.id),
    parkedIds: parked.map((o) => o.id),
    assignedHours: Math.round(hours * 10) / 10
  }
  return before && sameLane(before, next) ? before : next
}

/** Active technicians' ids in lane order. */
function activeLaneIds(technicians: Record<number, Technician>): number[] {
  return Object.values(technicians).filter((t) => t.active).sort(compareLane).map((t) => t.id)
}

/**
 * Recomputes every index from the records, reusing the previous arrays and lane objects where equal.
 * The reference for `rederive`, which must give the same indexes for a change.
 */
export function derive(
  prev: BoardIndexes | null,
  technicians: Record<number, Technician>,
  orders: Record<number, RepairOrder>
): BoardIndexes {
  const laneIds = keep(prev?.laneIds, activeLaneIds(technicians))
  const building = new Map<number, RepairOrder[]>()
  for (const id of laneIds) building.set(id, [])
  const pool: RepairOrder[] = []
  const side: RepairOrder[] = []
  for (const o of Object.values(orders)) {
    if (o.status === 'waiting') pool.push(o)
    else if (o.status === 'awaiting_qc' || o.status === 'ready') side.push(o)
    else if (o.technicianId !== null) building.get(o.technicianId)?.push(o)
  }
  const lanes: Record<number, LaneModel> = {}
  for (const [id, onLane] of building) lanes[id] = laneModel(onLane, prev?.lanes[id])
  // Awaiting QC before ready, each in pool order: a stable sort keeps the pool order within a status.
  const sideSorted = sortByPoolOrder(side).sort((a, b) => (a.status === b.status ? 0 : a.status === 'awaiting_qc' ? -1 : 1))
  return {
    laneIds,
    lanes,
    poolIds: keep(prev?.poolIds, sortByPoolOrder(pool).map((o) => o.id)),
    sideIds: keep(prev?.sideIds, sideSorted.map((o) => o.id))
  }
}

/** The technician whose lane derive() puts the order on (active or not), or null for the pool, QC and ready lists. */
function laneTechnicianOf(o: RepairOrder | undefined): number | null {
  if (!o || o.status === 'waiting' || o.status === 'awaiting_qc' || o.status === 'ready') return null
  return o.technicianId
}
const inPool = (o: RepairOrder | undefined): boolean => o?.status === 'waiting'
const inSide = (o: RepairOrder | undefined): boolean => o?.status === 'awaiting_qc' || o?.status === 'ready'

/**
 * Technician id -> ids (ascending) of the orders on their lane, active or not, for one `orders`
 * record. Kept beside the record rather than in BoardData so a board stays comparable with a
 * full derive(); a record nobody indexed yet (a snapshot) is indexed once, in one pass.
 */
type LaneMembers = Map<number, readonly number[]>
const membersByRecord = new WeakMap<Record<number, RepairOrder>, LaneMembers>()
function laneMembers(orders: Record<number, RepairOrder>): LaneMembers {
  let m = membersByRecord.get(orders)
  if (!m) {
    const building = new Map<number, number[]>()
    // Object.values of integer keys runs in ascending id order: each list comes out sorted.
    for (const o of Object.values(orders)) {
      const t = laneTechnicianOf(o)
      if (t === null) continue
      const list = building.get(t)
      if (list) list.push(o.id)
      else building.set(t, [o.id])
    }
    m = building
    membersByRecord.set(orders, m)
  }
  return m
}

/** Ids (ascending) of the orders on a technician's lane, active or not (status and technician as derive() reads them). */
export function laneOrderIds(orders: Record<number, RepairOrder>, technicianId: number): readonly number[] {
  return laneMembers(orders).get(technicianId) ?? []
}

// Each orders record made by rederive: the record it was made from and the ids that changed. The
// link is weak, so a long day of changes does not keep every earlier record alive.
const madeFrom = new WeakMap<Record<number, RepairOrder>, { from: WeakRef<Record<number, RepairOrder>>; ids: readonly number[] }>()

/**
 * Ids of the orders that changed (or came or went) from one orders record to a later one, read from
 * the changes that made it (at most `maxSteps` of them), without comparing every order; null when
 * `to` was not made from `from` that way (a reloaded snapshot, say) or a record between them is gone.
 */
export function changedOrderIdsBetween(from: Record<number, RepairOrder>, to: Record<number, RepairOrder>, maxSteps = 64): number[] | null {
  const ids = new Set<number>()
  let at = to
  for (let steps = 0; at !== from; steps++) {
    const m = madeFrom.get(at)
    if (!m || steps >= maxSteps) return null
    const from = m.from.deref()
    if (!from) return null
    for (const id of m.ids) ids.add(id)
    at = from
  }
  return [...ids]
}

/** Index of the first element of the sorted `ids` that `before` says goes after `id`. */
function insertionPoint(ids: readonly number[], id: number, before: (a: number, b: number) => boolean): number {
  let lo = 0
  let hi = ids.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(ids[mid], id)) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** `ids` (sorted by `compare`, which must be a total order) without `leaving`, with `entering` put in their places. */
export function resort(ids: readonly number[], leaving: ReadonlySet<number>, entering: readonly number[], compare: (a: number, b: number) => number): number[] {
  const out = leaving.size ? ids.filter((id) => !leaving.has(id)) : [...ids]
  for (const id of entering) out.splice(insertionPoint(out, id, (a, b) => compare(a, b) < 0), 0, id)
  return out
}

/**
 * The indexes after the orders `changedOrderIds` changed, were added or removed (and, when the
 * technicians record changed, after that), with work in proportion to the change: only the lanes
 * an order left or joined are rebuilt, the pool and the QC / ready list only when an order left,
 * joined or moved within them, and everything unchanged keeps its identity. Gives exactly what
 * derive(prev, technicians, orders) gives (tests/unit/renderer/board-rederive.test.ts).
 */
export function rederive(
  prev: BoardData,
  technicians: Record<number, Technician>,
  orders: Record<number, RepairOrder>,
  changedOrderIds: Iterable<number>
): BoardIndexes {
  const laneIds = technicians === prev.technicians ? prev.laneIds : keep(prev.laneIds, activeLaneIds(technicians))
  const beforeMembers = laneMembers(prev.orders)
  let members = beforeMembers
  const touched = new Set<number>()
  const poolLeaving = new Set<number>()
  const poolEntering: number[] = []
  const sideLeaving = new Set<number>()
  const sideEntering: number[] = []
  const seen = new Set<number>()
  if (orders !== prev.orders) {
    const lists = new Map<number, number[]>()
    const listOf = (t: number): number[] => {
      let l = lists.get(t)
      if (!l) {
        l = [...(members.get(t) ?? [])]
        lists.set(t, l)
      }
      return l
    }
    for (const id of changedOrderIds) {
      if (seen.has(id)) continue
      seen.add(id)
      const was = prev.orders[id]
      const now = orders[id]
      if (was === now) continue
      const from = laneTechnicianOf(was)
      const to = laneTechnicianOf(now)
      if (from !== null) touched.add(from)
      if (to !== null) touched.add(to)
      if (from !== to) {
        if (from !== null) {
          const l = listOf(from)
          l.splice(l.indexOf(id), 1)
        }
        if (to !== null) {
          const l = listOf(to)
          l.splice(insertionPoint(l, id, (a, b) => a < b), 0, id)
        }
      }
      // An order that stays in the pool may still move in it (its promise or flags changed).
      if (inPool(was)) poolLeaving.add(id)
      if (inPool(now)) poolEntering.push(id)
      if (inSide(was)) sideLeaving.add(id)
      if (inSide(now)) sideEntering.push(id)
    }
    if (lists.size) {
      const next = new Map(members)
      for (const [t, l] of lists) {
        if (l.length) next.set(t, l)
        else next.delete(t)
      }
      members = next
    }
    membersByRecord.set(orders, members)
    madeFrom.set(orders, { from: new WeakRef(prev.orders), ids: [...seen] })
  }

  let lanes = prev.lanes
  const laneSetChanged = laneIds !== prev.laneIds
  if (laneSetChanged || touched.size) {
    const nextLanes: Record<number, LaneModel> = {}
    let changed = laneSetChanged && (laneIds.length !== prev.laneIds.length || laneIds.some((id) => prev.lanes[id] === undefined))
    for (const id of laneIds) {
      const before = prev.lanes[id]
      if (before !== undefined && !touched.has(id)) {
        nextLanes[id] = before
        continue
      }
      const onLane = (members.get(id) ?? []).map((oid) => orders[oid])
      const lane = laneModel(onLane, before)
      if (lane !== before) changed = true
      nextLanes[id] = lane
    }
    if (changed) lanes = nextLanes
  }

  // The full sort is stable over ids in ascending order: the same order as the id tie-break here.
  const comparePool = (a: number, b: number): number => comparePoolOrder(orders[a], orders[b]) || a - b
  const statusRank = (id: number): number => (orders[id].status === 'awaiting_qc' ? 0 : 1)
  const compareSide = (a: number, b: number): number => statusRank(a) - statusRank(b) || comparePool(a, b)
  const poolIds = poolLeaving.size || poolEntering.length ? keep(prev.poolIds, resort(prev.poolIds, poolLeaving, poolEntering, comparePool)) : prev.poolIds
  const sideIds = sideLeaving.size || sideEntering.length ? keep(prev.sideIds, resort(prev.sideIds, sideLeaving, sideEntering, compareSide)) : prev.sideIds
  return { laneIds, lanes, poolIds, sideIds }
}

/** An order's place in its lane's queue, 0 first; null when it is not queued. Queue positions are ranks, not places (shared/domain/queue-slot.ts). */
export function queueIndexOf(b: Pick<BoardData, 'lanes'>, o: Pick<RepairOrder, 'id' | 'status' | 'technicianId'>): number | null {
  if (o.status !== 'queued' || o.technicianId === null) return null
  const i = b.lanes[o.technicianId]?.queueIds.indexOf(o.id) ?? -1
  return i >= 0 ? i : null
}

export function fromSnapshot(s: BoardSnapshot, prev: BoardData | null = null): BoardData {
  const technicians = Object.fromEntries(s.technicians.map((t) => [t.id, t]))
  const orders = Object.fromEntries(s.orders.map((o) => [o.id, o]))
  // Indexed now, in the load, rather than in the first drop after it.
  laneMembers(orders)
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
    ...rederive(state, technicians, orders, [...c.orders.map((o) => o.id), ...c.removedOrderIds])
  }
}

/**
 * After a drop's own `board-changed` event: optimistic copies (from `optimistic`) of orders the
 * station did not write are still on the board, since no newer record came to replace them. They
 * go back to the records shown before the drop (`before`), which the server left as they were.
 * `ids`: the orders the drop could have moved besides the dropped one (the queues of the lanes it
 * left and joined). Only a queue spaced out on a board that was behind the station's leaves such
 * copies (queue positions are ranks: shared/domain/queue-slot.ts); otherwise `state` is returned.
 */
export function settleOptimistic(state: BoardData, before: BoardData, optimistic: BoardData, ids: readonly number[]): BoardData {
  const leftover: number[] = []
  for (const id of ids) {
    const copy = optimistic.orders[id]
    if (copy && copy !== before.orders[id] && state.orders[id] === copy && before.orders[id]) leftover.push(id)
  }
  if (leftover.length === 0) return state
  const orders = { ...state.orders }
  for (const id of leftover) orders[id] = before.orders[id]
  return { ...state, orders, ...rederive(state, state.technicians, orders, leftover) }
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
  return { ...state, orders, ...rederive(state, state.technicians, orders, [order.id]) }
}

export function upsertTechnician(state: BoardData, t: Technician): BoardData {
  const shown = state.technicians[t.id]
  if (shown && shown.version > t.version) return state
  const technicians = { ...state.technicians, [t.id]: t }
  return { ...state, technicians, ...rederive(state, technicians, state.orders, []) }
}

/** Skill code -> display name in the given language (falls back to the code). */
export function skillName(skills: readonly Skill[], code: string, lang: 'zh' | 'en'): string {
  const s = skills.find((x) => x.code === code)
  return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : code
}
