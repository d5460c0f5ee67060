import { MINUTE_MS, WorkingTime, availableHoursLeftToday, type TechnicianAttendance, type TechnicianHours, type WorkshopCalendar } from './calendar'
import { hoursUsedAt, remainingHours, roundHours, type LabourClock } from './labour'
import { latestFinish, latestStart } from './latest-start'
import { totalHours } from './pool-order'
import { projectLane, type Lane, type LaneJob, type ProjectedJob } from './schedule'
import type { RepairOrderStatus } from './types'

/**
 * Whether the promised delivery time lies before `now` (epoch ms; the screens pass the current
 * minute): the card's red promise, the QC queue's and the delivery list's "Overdue".
 */
export function promisePassed(order: { promisedAt: string }, now: number): boolean {
  return Date.parse(order.promisedAt) < now
}

/** What the risk rule needs of one order; the board snapshot's RepairOrder satisfies it as is. */
export interface RiskOrderInput {
  id: number
  status: RepairOrderStatus
  technicianId: number | null
  queuePosition: number | null
  parked: boolean
  /** UTC instant, ISO 8601. */
  promisedAt: string
  jobLines: readonly { hours: number }[]
  labour: LabourClock
  openStoppage: { expectedEndAt: string | null } | null
}

/** What the risk rule needs of the board; the board snapshot (calendar, attendance, technicians, orders) satisfies it. */
export interface BoardRiskInput {
  calendar: WorkshopCalendar
  technicians: readonly TechnicianHours[]
  attendance: readonly TechnicianAttendance[]
  orders: readonly RiskOrderInput[]
}

export type RiskState = 'on_track' | 'at_risk' | 'late'
export type RiskReason = 'promise_passed' | 'finish_after_promise' | 'latest_start_passed' | 'no_working_time'

/** One order's risk at `now`. Instants are epoch ms; slack is in minutes (negative = behind). */
export interface OrderRisk {
  orderId: number
  state: RiskState
  reason: RiskReason | null
  latestStart: number | null
  /** The promise minus settlement time: the work must be done by then. */
  latestFinish: number | null
  projectedStart: number | null
  projectedFinish: number | null
  hoursUsed: number
  remainingHours: number
  /** Lane orders: latest finish − projected finish; pool orders: latest start − now; done orders: latest finish − now. */
  slackMinutes: number | null
  /** When the problem began (promise or latest start passed), for "newest problems first"; null when not known. */
  since: number | null
}

/** The risk of every open order of a board at one `now`, with each lane's projected work order. */
export interface BoardRisk {
  now: number
  workingTime: WorkingTime
  orders: Map<number, OrderRisk>
  /** Technician id -> order ids in the order they will be worked. */
  lanes: Map<number, number[]>
}

const LANE_STATUSES: ReadonlySet<RepairOrderStatus> = new Set(['queued', 'assigned', 'in_progress', 'stopped'])

/** Whether the order sits on a technician's lane (queued, current slot, or parked). */
export function isOnLane(o: Pick<RiskOrderInput, 'status' | 'technicianId'>): boolean {
  return o.technicianId !== null && LANE_STATUSES.has(o.status)
}

/** Prepares the calendar of a board once; reuse it for every recomputation while calendar, attendance and shifts are unchanged. */
export function prepareWorkingTime(input: Omit<BoardRiskInput, 'orders'>): WorkingTime {
  return new WorkingTime(input.calendar, input.technicians, input.attendance)
}

// Remembered ISO -> epoch ms: a board recomputation reads the same few thousand instants every minute.
const parsed = new Map<string, number>()
function instantOf(iso: string): number {
  let ms = parsed.get(iso)
  if (ms === undefined) {
    ms = Date.parse(iso)
    if (parsed.size > 100_000) parsed.clear()
    parsed.set(iso, ms)
  }
  return ms
}
const parse = (iso: string | null | undefined): number | null => (iso ? instantOf(iso) : null)

function laneJob(o: RiskOrderInput, now: number): LaneJob {
  return {
    id: o.id,
    remainingHours: remainingHours(totalHours(o.jobLines), hoursUsedAt(o.labour, now)),
    blockedUntil: o.status === 'stopped' ? parse(o.openStoppage?.expectedEndAt) : null
  }
}

/** Splits one technician's orders into current order, queue (by position) and parked orders. */
export function buildLane(orders: readonly RiskOrderInput[], now: number): Lane {
  let current: LaneJob | null = null
  const queued: RiskOrderInput[] = []
  const parked: LaneJob[] = []
  for (const o of orders) {
    if (o.status === 'queued') queued.push(o)
    else if (o.status === 'stopped' && o.parked) parked.push(laneJob(o, now))
    else if (LANE_STATUSES.has(o.status)) current = laneJob(o, now)
  }
  queued.sort((a, b) => (a.queuePosition ?? 0) - (b.queuePosition ?? 0) || a.id - b.id)
  return { current, queue: queued.map((o) => laneJob(o, now)), parked }
}

/**
 * The risk rule for one order at `now` (epoch ms): late once the promise has passed and it is not
 * delivered; at risk when its projected finish plus settlement falls after the promise, or its
 * latest start has passed and it has not started; otherwise on track.
 */
export function assessOrder(
  o: RiskOrderInput,
  now: number,
  wt: WorkingTime,
  projection: ProjectedJob | null
): OrderRisk {
  const promise = instantOf(o.promisedAt)
  const flat = totalHours(o.jobLines)
  const used = hoursUsedAt(o.labour, now)
  const settlement = wt.calendar.settlementHours
  const ls = latestStart(wt.workshop, promise, flat, settlement)
  const lf = latestFinish(wt.workshop, promise, settlement)
  const r: OrderRisk = {
    orderId: o.id,
    state: 'on_track',
    reason: null,
    latestStart: ls,
    latestFinish: lf,
    projectedStart: projection?.start ?? null,
    projectedFinish: projection?.finish ?? null,
    hoursUsed: used,
    remainingHours: remainingHours(flat, used),
    slackMinutes: null,
    since: null
  }
  const minutes = (ms: number): number => Math.round(ms / MINUTE_MS)
  const notStarted = used === 0 && (o.status === 'waiting' || o.status === 'queued' || o.status === 'assigned')
  if (o.status === 'delivered' || o.status === 'cancelled') return r

  if (projection) r.slackMinutes = projection.finish !== null && lf !== null ? minutes(lf - projection.finish) : null
  else if (o.status === 'waiting') r.slackMinutes = ls !== null ? minutes(ls - now) : null
  else r.slackMinutes = lf !== null ? minutes(lf - now) : null

  const flag = (state: RiskState, reason: RiskReason, since: number | null): OrderRisk =>
    Object.assign(r, { state, reason, since })
  if (now > promise) return flag('late', 'promise_passed', promise)
  if (ls === null || lf === null) return flag('at_risk', 'no_working_time', null)
  if (projection) {
    if (projection.finish === null) return flag('at_risk', 'no_working_time', null)
    if (projection.finish > lf) return flag('at_risk', 'finish_after_promise', null)
  } else if (o.status === 'awaiting_qc' || o.status === 'ready') {
    if (now > lf) return flag('at_risk', 'finish_after_promise', lf)
    return r
  }
  if (notStarted && now > ls) return flag('at_risk', 'latest_start_passed', ls)
  return r
}

function assessLane(
  orders: readonly RiskOrderInput[],
  technicianId: number,
  now: number,
  wt: WorkingTime,
  out: Map<number, OrderRisk>
): number[] {
  const projected = projectLane(wt.technician(technicianId), now, buildLane(orders, now))
  const byId = new Map(orders.map((o) => [o.id, o]))
  for (const p of projected) {
    const o = byId.get(p.id)
    if (o) out.set(o.id, assessOrder(o, now, wt, p))
  }
  return projected.map((p) => p.id)
}

function groupByLane(orders: readonly RiskOrderInput[], only?: ReadonlySet<number>): Map<number, RiskOrderInput[]> {
  const lanes = new Map<number, RiskOrderInput[]>()
  for (const o of orders) {
    if (!isOnLane(o)) continue
    const t = o.technicianId as number
    if (only && !only.has(t)) continue
    const list = lanes.get(t)
    if (list) list.push(o)
    else lanes.set(t, [o])
  }
  return lanes
}

/**
 * Risk of every open order of the board at `now` (epoch ms): lanes are projected one by one,
 * pool and finished orders are judged by their latest start and promise alone.
 */
export function computeBoardRisk(input: BoardRiskInput, now: number, wt: WorkingTime = prepareWorkingTime(input)): BoardRisk {
  const orders = new Map<number, OrderRisk>()
  const lanes = new Map<number, number[]>()
  for (const [t, list] of groupByLane(input.orders)) lanes.set(t, assessLane(list, t, now, wt, orders))
  for (const o of input.orders) if (!isOnLane(o)) orders.set(o.id, assessOrder(o, now, wt, null))
  return { now, workingTime: wt, orders, lanes }
}

/**
 * A copy of `m`. Copied by forEach, not `new Map(m)`: that iterates, and allocates an entry pair
 * for each of the board's 2,000 orders on every change, on every screen (about a fifth of what a
 * watching page allocated per change, so more garbage collection on every screen: issue 5).
 */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>()
  m.forEach((v, k) => out.set(k, v))
  return out
}

/**
 * Incremental form of computeBoardRisk for the same `now` and calendar: only the lanes the changed
 * orders left or joined are projected again (and changed pool orders re-judged); everything else is
 * carried over from `prev`.
 */
export function updateBoardRisk(prev: BoardRisk, input: BoardRiskInput, changedOrderIds: Iterable<number>): BoardRisk {
  const now = prev.now
  const wt = prev.workingTime
  const changed = new Set(changedOrderIds)
  const touchedLanes = new Set<number>()
  for (const [t, ids] of prev.lanes) for (const id of ids) if (changed.has(id)) touchedLanes.add(t)
  const orders = copyMap(prev.orders)
  const lanes = copyMap(prev.lanes)
  for (const id of changed) orders.delete(id)
  for (const o of input.orders) {
    if (!changed.has(o.id)) continue
    if (isOnLane(o)) touchedLanes.add(o.technicianId as number)
    else orders.set(o.id, assessOrder(o, now, wt, null))
  }
  const grouped = groupByLane(input.orders, touchedLanes)
  for (const t of touchedLanes) {
    for (const id of lanes.get(t) ?? []) if (!changed.has(id)) orders.delete(id)
    const list = grouped.get(t)
    if (list) lanes.set(t, assessLane(list, t, now, wt, orders))
    else lanes.delete(t)
  }
  return { now, workingTime: wt, orders, lanes }
}

/** One changed order for updateBoardRiskFor: its record before and after the change (undefined when it came or went). */
export interface RiskOrderChange {
  before: RiskOrderInput | undefined
  after: RiskOrderInput | undefined
}

/**
 * updateBoardRisk for a board that can look its orders up: reads only the changed orders and the
 * orders of the lanes they left or joined (`laneOrdersOf(technicianId)`: that technician's orders,
 * in ascending id order, as the board lists them), never every order of the board. Same `now`
 * and calendar as `prev`; same result as updateBoardRisk with the whole board.
 */
export function updateBoardRiskFor(
  prev: BoardRisk,
  changes: Iterable<RiskOrderChange>,
  laneOrdersOf: (technicianId: number) => readonly RiskOrderInput[]
): BoardRisk {
  const now = prev.now
  const wt = prev.workingTime
  const changed = new Set<number>()
  const touchedLanes = new Set<number>()
  const orders = copyMap(prev.orders)
  const lanes = copyMap(prev.lanes)
  for (const { before, after } of changes) {
    const o = after ?? before
    if (!o) continue
    changed.add(o.id)
    orders.delete(o.id)
    // The lane an order was projected on is the lane its record named (isOnLane): touch it.
    if (before && isOnLane(before)) touchedLanes.add(before.technicianId as number)
    if (!after) continue
    if (isOnLane(after)) touchedLanes.add(after.technicianId as number)
    else orders.set(after.id, assessOrder(after, now, wt, null))
  }
  for (const t of touchedLanes) {
    for (const id of lanes.get(t) ?? []) if (!changed.has(id)) orders.delete(id)
    const list = laneOrdersOf(t).filter(isOnLane)
    if (list.length) lanes.set(t, assessLane(list, t, now, wt, orders))
    else lanes.delete(t)
  }
  return { now, workingTime: wt, orders, lanes }
}

/** What a drop would do: the dropped order's risk on that lane and every order on the lane that would get worse. */
export interface DropPreview {
  order: OrderRisk
  /** Orders already on the lane (behind the drop) whose state would become at risk or late. */
  worsened: OrderRisk[]
  /** The whole lane after the drop, in work order. */
  lane: OrderRisk[]
}

const severity: Record<RiskState, number> = { on_track: 0, at_risk: 1, late: 2 }

/**
 * Drop preview: if order `orderId` were dropped on technician `technicianId`'s lane at queue
 * position `position` (current slot when the lane has none; default: end of the queue), its risk
 * and the orders that would become at risk or late because of it, at `now` (epoch ms).
 */
export function previewDrop(
  input: BoardRiskInput,
  now: number,
  orderId: number,
  technicianId: number,
  position?: number,
  wt: WorkingTime = prepareWorkingTime(input)
): DropPreview | null {
  const dropped = input.orders.find((o) => o.id === orderId)
  if (!dropped) return null
  const laneOrders = input.orders.filter((o) => o.id !== orderId && isOnLane(o) && o.technicianId === technicianId)
  const before = new Map<number, OrderRisk>()
  assessLane(laneOrders, technicianId, now, wt, before)
  const lane = buildLane(laneOrders, now)
  const job: LaneJob = { id: orderId, remainingHours: laneJob(dropped, now).remainingHours, blockedUntil: null }
  const moved: Lane =
    lane.current === null
      ? { ...lane, current: job }
      : { ...lane, queue: [...lane.queue.slice(0, position ?? lane.queue.length), job, ...lane.queue.slice(position ?? lane.queue.length)] }
  const projected = projectLane(wt.technician(technicianId), now, moved)
  const byId = new Map(laneOrders.map((o) => [o.id, o]))
  const after: OrderRisk[] = []
  for (const p of projected) {
    const o = p.id === orderId ? { ...dropped, status: 'queued' as const, technicianId, labour: dropped.labour } : byId.get(p.id)
    if (o) after.push(assessOrder(o, now, wt, p))
  }
  const order = after.find((r) => r.orderId === orderId) as OrderRisk
  const worsened = after.filter((r) => {
    if (r.orderId === orderId) return false
    const b = before.get(r.orderId)
    return b !== undefined && severity[r.state] > severity[b.state]
  })
  return { order, worsened, lane: after }
}

/** The orders that need the dispatcher's attention (at risk or late), newest problems first (unknown start counts as now). */
export function needsAttention(risk: BoardRisk): OrderRisk[] {
  const list = [...risk.orders.values()].filter((r) => r.state !== 'on_track')
  return list.sort((a, b) => (b.since ?? risk.now) - (a.since ?? risk.now) || a.orderId - b.orderId)
}

/** Pool order by slack: the least slack (minutes) first; unknown slack first of all. */
export function compareBySlack(a: OrderRisk, b: OrderRisk): number {
  return (a.slackMinutes ?? -Infinity) - (b.slackMinutes ?? -Infinity) || a.orderId - b.orderId
}

/** A lane's load bar: the technician's available hours left today (h) against the labour still to do on their lane (h, remaining hours summed). */
export function laneLoad(risk: BoardRisk, technicianId: number): { availableHours: number; assignedHours: number } {
  let assigned = 0
  for (const id of risk.lanes.get(technicianId) ?? []) assigned += risk.orders.get(id)?.remainingHours ?? 0
  return {
    availableHours: availableHoursLeftToday(risk.workingTime.technician(technicianId), risk.now),
    assignedHours: roundHours(assigned)
  }
}
