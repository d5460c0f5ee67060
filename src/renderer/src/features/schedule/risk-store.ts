import { useSyncExternalStore } from 'react'
import { create } from 'zustand'
import type { WorkingTime } from '../../../../shared/domain/calendar'
import { computeBoardRisk, laneLoad, needsAttention, prepareWorkingTime, updateBoardRiskFor, type BoardRisk, type OrderRisk } from '../../../../shared/domain/risk'
import type { AttendanceKind } from '../../../../shared/domain/calendar'
import { compareKeys, poolKey, type SortKey } from '../../../../shared/domain/pool-order'
import type { RepairOrder, Technician } from '../../../../shared/domain/types'
import { changedOrderIdsBetween, laneOrderIds, resort, type BoardData } from '../../store/board-state'
import { useBoard } from '../../store/board-store'
import { keyedSubscriptions, useKeyed } from '../../store/keyed'
import { useDrag } from '../../store/drag-store'
import { useUi } from '../../store/ui-store'
import { afterPaint } from '../../components/after-paint'
import { isReportsHash } from '../reports/route'

/** What a lane's header shows: available hours left today against the labour still on the lane. */
export interface LaneLoadView {
  availableHours: number
  assignedHours: number
  /** Today's attendance of the technician (present when nothing was recorded). */
  attendance: AttendanceKind
  leavesAt: string | null
}

/**
 * Risk of the whole board, computed in the renderer from the snapshot (issue 3: no server round
 * trip) once per board change and once per minute. Objects keep their identity when their
 * content did not change, so a card or lane selecting its own entry re-renders only when its
 * own risk changed.
 */
export interface RiskStore {
  now: number
  orders: ReadonlyMap<number, OrderRisk>
  lanes: ReadonlyMap<number, LaneLoadView>
  /** At risk and late orders, newest problems first. */
  attention: readonly OrderRisk[]
}

export const useRisk = create<RiskStore>(() => ({ now: 0, orders: new Map(), lanes: new Map(), attention: [] }))

// Each card's risk: a recomputation wakes the cards whose risk changed (keyed.ts), not every card.
const subscribeOrderRisk = keyedSubscriptions(useRisk, (s: RiskStore, id: number) => s.orders.get(id))
export const useOrderRisk = (id: number): OrderRisk | undefined => useKeyed(subscribeOrderRisk, id, () => useRisk.getState().orders.get(id))
export const useLaneLoad = (technicianId: number): LaneLoadView | undefined => useRisk((s) => s.lanes.get(technicianId))

/** Same risk for a card: the fields a screen shows (instants rounded to the minute by `now`). */
export function sameRisk(a: OrderRisk, b: OrderRisk): boolean {
  return (
    a.state === b.state &&
    a.reason === b.reason &&
    a.latestStart === b.latestStart &&
    a.latestFinish === b.latestFinish &&
    a.projectedStart === b.projectedStart &&
    a.projectedFinish === b.projectedFinish &&
    a.slackMinutes === b.slackMinutes &&
    a.since === b.since &&
    Math.round(a.hoursUsed * 100) === Math.round(b.hoursUsed * 100) &&
    Math.round(a.remainingHours * 100) === Math.round(b.remainingHours * 100)
  )
}

const sameLoad = (a: LaneLoadView, b: LaneLoadView): boolean =>
  a.attendance === b.attendance &&
  a.leavesAt === b.leavesAt &&
  Math.round(a.availableHours * 10) === Math.round(b.availableHours * 10) &&
  Math.round(a.assignedHours * 10) === Math.round(b.assignedHours * 10)

/** Keeps the previous object for every key whose value is equal, so per-id selectors stay quiet. */
export function stabilise<K, V>(prev: ReadonlyMap<K, V>, next: Map<K, V>, same: (a: V, b: V) => boolean): Map<K, V> {
  for (const [k, v] of next) {
    const p = prev.get(k)
    if (p !== undefined && p !== v && same(p, v)) next.set(k, p)
  }
  return next
}

// The calendar of the board is prepared once and reused while calendar, attendance and shifts stay the same.
let preparedFor: { calendar: unknown; attendance: unknown; technicians: unknown } | null = null
let prepared: WorkingTime | null = null
/** The board's prepared calendar (shared by the risk recomputation and the drop preview). */
export function workingTimeOf(b: BoardData, technicians: Technician[] = Object.values(b.technicians)): WorkingTime {
  if (!prepared || !preparedFor || preparedFor.calendar !== b.calendar || preparedFor.attendance !== b.attendance || preparedFor.technicians !== b.technicians) {
    prepared = prepareWorkingTime({ calendar: b.calendar, technicians, attendance: b.attendance })
    preparedFor = { calendar: b.calendar, attendance: b.attendance, technicians: b.technicians }
  }
  return prepared
}

/** The last computation behind the store: an order change re-projects only the lanes it touched. */
let last: { board: BoardData; risk: BoardRisk; storeOrders: ReadonlyMap<number, OrderRisk> } | null = null

/** Ids of the orders whose record was added, replaced or removed between two `orders` records (when no change log links them). */
function changedOrderIds(before: Readonly<Record<number, RepairOrder>>, after: Readonly<Record<number, RepairOrder>>): number[] {
  const out: number[] = []
  if (before === after) return out
  // One identity comparison per order: O(board), hence only a fallback (about 0.5 ms for 2,000 orders in Chromium).
  for (const key in after) if (after[key as unknown as number] !== before[key as unknown as number]) out.push(Number(key))
  for (const key in before) if (!(key in after)) out.push(Number(key))
  return out
}

/** "Needs attention" order (needsAttention): newest problems first, then by order id. */
const attentionBefore = (now: number) => (a: OrderRisk, b: OrderRisk): number =>
  (b.since ?? now) - (a.since ?? now) || a.orderId - b.orderId

/**
 * Computes the board's risk at `now` (epoch ms) into the store. Pure apart from the store write.
 * With the same `now` and prepared calendar as the last run, only the lanes the changed orders
 * left or joined are projected again (`updateBoardRiskFor`), and only their entries, lane loads and
 * attention rows are compared and replaced; otherwise (minute tick, calendar, attendance or
 * technicians changed, store reset) the whole board is recomputed.
 */
export function recomputeRisk(b: BoardData, now: number): void {
  const technicians = Object.values(b.technicians)
  const wt = workingTimeOf(b, technicians)
  const prev = useRisk.getState()
  if (last && last.risk.now === now && last.risk.workingTime === wt && last.storeOrders === prev.orders) {
    updateRisk(b, last, prev)
    return
  }
  const risk = computeBoardRisk({ calendar: b.calendar, technicians, attendance: b.attendance, orders: Object.values(b.orders) }, now, wt)
  const orderRisk = stabilise(prev.orders, risk.orders, sameRisk)
  const today = wt.dateOf(now)
  const lanes = new Map<number, LaneLoadView>()
  for (const id of b.laneIds) {
    const load = laneLoad(risk, id)
    const att = wt.attendanceOf(id, today)
    lanes.set(id, { ...load, attendance: att?.kind ?? 'present', leavesAt: att?.leavesAt ?? null })
  }
  const attention = needsAttention(risk).map((r) => orderRisk.get(r.orderId) ?? r)
  const sameAttention = attention.length === prev.attention.length && attention.every((r, i) => r === prev.attention[i])
  useRisk.setState({ now, orders: orderRisk, lanes: stabilise(prev.lanes, lanes, sameLoad), attention: sameAttention ? prev.attention : attention })
  last = { board: b, risk, storeOrders: orderRisk }
}

function updateRisk(b: BoardData, before: NonNullable<typeof last>, prev: RiskStore): void {
  const changed = changedOrderIdsBetween(before.board.orders, b.orders) ?? changedOrderIds(before.board.orders, b.orders)
  const laneIdsChanged = b.laneIds !== before.board.laneIds
  if (changed.length === 0 && !laneIdsChanged) {
    last = { ...before, board: b }
    return
  }
  // Reads the changed records and the lanes they left or joined, not the whole board.
  const risk = updateBoardRiskFor(
    before.risk,
    changed.map((id) => ({ before: before.board.orders[id], after: b.orders[id] })),
    (t) => laneOrderIds(b.orders, t).map((id) => b.orders[id])
  )
  const now = risk.now
  const wt = risk.workingTime
  // Entries updateBoardRisk may have replaced: the changed orders and every order of a re-projected lane.
  const recomputed = new Set(changed)
  const touchedLanes: number[] = []
  for (const [t, ids] of risk.lanes) {
    const was = before.risk.lanes.get(t)
    if (was === ids) continue
    touchedLanes.push(t)
    for (const id of ids) recomputed.add(id)
    // An order that was on the lane may have dropped out of it (two orders in one current slot).
    for (const id of was ?? []) recomputed.add(id)
  }
  for (const [t, ids] of before.risk.lanes) {
    if (risk.lanes.has(t)) continue
    touchedLanes.push(t)
    for (const id of ids) recomputed.add(id)
  }
  const orders = risk.orders
  // Entries whose risk really changed (replaced or removed): only their cards and attention rows change.
  const replaced = new Set<number>()
  let ordersChanged = false
  for (const id of recomputed) {
    const p = prev.orders.get(id)
    const v = orders.get(id)
    if (v === undefined) {
      if (p !== undefined) {
        replaced.add(id)
        ordersChanged = true
      }
    } else if (p !== undefined && p !== v && sameRisk(p, v)) orders.set(id, p)
    else if (p !== v) {
      replaced.add(id)
      ordersChanged = true
    }
  }

  let lanes = prev.lanes
  const loadOf = (id: number, today: string): LaneLoadView => {
    const load = laneLoad(risk, id)
    const att = wt.attendanceOf(id, today)
    const view = { ...load, attendance: att?.kind ?? 'present', leavesAt: att?.leavesAt ?? null }
    const p = prev.lanes.get(id)
    return p !== undefined && sameLoad(p, view) ? p : view
  }
  if (laneIdsChanged || touchedLanes.length) {
    const today = wt.dateOf(now)
    const next = new Map<number, LaneLoadView>()
    const touched = new Set(touchedLanes)
    let lanesChanged = b.laneIds.length !== prev.lanes.size
    for (const id of b.laneIds) {
      const p = prev.lanes.get(id)
      const view = p !== undefined && !touched.has(id) ? p : loadOf(id, today)
      if (view !== p) lanesChanged = true
      next.set(id, view)
    }
    if (lanesChanged) lanes = next
  }

  let attention = prev.attention
  if (replaced.size) {
    // The rows whose risk changed leave the list and come back in their place if still at risk or late.
    const precedes = attentionBefore(now)
    const list = prev.attention.filter((r) => !replaced.has(r.orderId))
    for (const id of replaced) {
      const r = orders.get(id)
      if (!r || r.state === 'on_track') continue
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (precedes(list[mid], r) < 0) lo = mid + 1
        else hi = mid
      }
      list.splice(lo, 0, r)
    }
    const same = list.length === prev.attention.length && list.every((r, i) => r === prev.attention[i])
    if (!same) attention = list
  }

  const storeOrders = ordersChanged ? orders : prev.orders
  if (ordersChanged || lanes !== prev.lanes || attention !== prev.attention) useRisk.setState({ orders: storeOrders, lanes, attention })
  // risk.orders holds the store's objects (kept or new), so the next update compares against them.
  last = { board: b, risk, storeOrders }
}

/**
 * Pool order: the shop's rule first (domain.md: comebacks, then waiting customers), and within
 * each of those classes least slack first (issue 3: "sorts the pool by slack"), which refines
 * issue 2's "earliest promised time" by the work each order still needs.
 */
export function sortPoolBySlack(ids: readonly number[], orders: Readonly<Record<number, RepairOrder>>, risk: ReadonlyMap<number, OrderRisk>): number[] {
  // Each order's keys once (its promise parsed once), not in every comparison: the pool is sorted
  // again on every change that touches it, on every screen (issue 5: 400 orders, ~1 ms -> ~0.2 ms).
  return ids
    .map((id) => poolEntry(id, orders, risk))
    .sort(comparePoolEntries)
    .map((x) => x.id)
}

interface PoolEntry {
  id: number
  k: SortKey | null
  slack: number | null
}
const poolEntry = (id: number, orders: Readonly<Record<number, RepairOrder>>, risk: ReadonlyMap<number, OrderRisk>): PoolEntry => {
  const o = orders[id]
  return { id, k: o ? poolKey(o) : null, slack: risk.get(id)?.slackMinutes ?? null }
}
/** sortPoolBySlack's order; total (RO numbers, else ids, break every tie), so a sorted list can be updated in place. */
function comparePoolEntries(a: PoolEntry, b: PoolEntry): number {
  const byRank = a.k && b.k ? a.k.rank - b.k.rank : 0
  if (byRank !== 0) return byRank
  // Unknown slack (no working time before the promise) is the worst case: first.
  if (a.slack !== b.slack) return a.slack === null ? -1 : b.slack === null ? 1 : a.slack - b.slack
  return (a.k && b.k ? compareKeys(a.k, b.k) : 0) || a.id - b.id
}

/**
 * The pool `prev.ids` (sortPoolBySlack of `prev.poolIds`, with each order's record and risk then)
 * brought up to date by taking out the orders that left or changed and putting the changed and new
 * ones in their places: a drop takes one order out of a 400-order pool, which needs no sort, and a
 * change elsewhere on the board (most changes) finds every pool order as it was and returns
 * `prev.ids` itself. Null when more than a few changed (a full sort is then as cheap).
 */
function resortPool(
  prev: { poolIds: readonly number[]; records: readonly (RepairOrder | undefined)[]; risks: readonly (OrderRisk | undefined)[]; ids: readonly number[] },
  poolIds: readonly number[],
  orders: Readonly<Record<number, RepairOrder>>,
  risk: ReadonlyMap<number, OrderRisk>
): readonly number[] | null {
  const samePool = poolIds === prev.poolIds
  const at = samePool ? null : new Map(prev.poolIds.map((id, i) => [id, i]))
  const entering: number[] = []
  for (let i = 0; i < poolIds.length; i++) {
    const id = poolIds[i]
    const j = at ? at.get(id) : i
    if (j !== undefined && orders[id] === prev.records[j] && risk.get(id) === prev.risks[j]) continue
    if (entering.push(id) > 16) return null
  }
  if (samePool && entering.length === 0) return prev.ids
  const inPool = samePool ? null : new Set(poolIds)
  const changed = new Set(entering)
  const leaving = new Set(prev.ids.filter((id) => changed.has(id) || (inPool !== null && !inPool.has(id))))
  const entries = new Map<number, PoolEntry>()
  const entry = (id: number): PoolEntry => {
    let e = entries.get(id)
    if (!e) entries.set(id, (e = poolEntry(id, orders, risk)))
    return e
  }
  return resort(prev.ids, leaving, entering, (a, b) => comparePoolEntries(entry(a), entry(b)))
}

const reportsOnShow = (): boolean => typeof window !== 'undefined' && isReportsHash(window.location.hash)

/** Runs `f` when the renderer is idle, within `timeout` ms: the whole-board recomputation stays out of a drop's way. */
function whenIdle(f: () => void, timeout: number): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => f(), { timeout })
  else setTimeout(f, 0)
}

// The pool in display order, remembered with what it was sorted from (see usePoolOrder).
let poolOrder: {
  poolIds: readonly number[]
  orders: Readonly<Record<number, RepairOrder>>
  risk: ReadonlyMap<number, OrderRisk>
  records: readonly (RepairOrder | undefined)[]
  risks: readonly (OrderRisk | undefined)[]
  ids: readonly number[]
} | null = null

/** The whole pool in display order (sortPoolBySlack), the same array until the pool, a pool order or its risk changes. */
export function poolOrderOf(b: Pick<BoardData, 'poolIds' | 'orders'>, risk: ReadonlyMap<number, OrderRisk>): readonly number[] {
  const p = poolOrder
  if (p && p.poolIds === b.poolIds && p.orders === b.orders && p.risk === risk) return p.ids
  const sorted = (p && resortPool(p, b.poolIds, b.orders, risk)) ?? sortPoolBySlack(b.poolIds, b.orders, risk)
  if (p && sorted === p.ids) {
    // Every pool order as it was: only the records it was read from are newer.
    poolOrder = { ...p, orders: b.orders, risk }
    return p.ids
  }
  const ids = p && p.ids.length === sorted.length && sorted.every((id, i) => id === p.ids[i]) ? p.ids : sorted
  poolOrder = { poolIds: b.poolIds, orders: b.orders, risk, records: b.poolIds.map((id) => b.orders[id]), risks: b.poolIds.map((id) => risk.get(id)), ids }
  return ids
}

const subscribePool = (onChange: () => void): (() => void) => {
  const offs = [useBoard.subscribe(onChange), useRisk.subscribe(onChange)]
  return () => offs.forEach((off) => off())
}
const poolSnapshot = (): readonly number[] => poolOrderOf(useBoard.getState(), useRisk.getState().orders)

/**
 * The pool in display order for the pool list: a change elsewhere on the board (a lane, a card's
 * record, another order's risk) returns the same array, so the pool does not re-render for it.
 */
export const usePoolOrder = (): readonly number[] => useSyncExternalStore(subscribePool, poolSnapshot)

let started = false
/** True while a change from another screen is applied: see `inChangeTask`. */
let sameTask = false

/**
 * Applies a change from another screen with its risk in the same task, so a watching screen (the
 * QC tablet, a wall display) draws one frame for it instead of two: the card, then its risk
 * colours and lane load. That frame comes a few milliseconds later, and each change costs the
 * watching screen about a fifth less main thread (bench:board, issue 5). This screen's own drop
 * keeps its card first: the dispatcher is waiting for that card.
 */
export function inChangeTask(f: () => void): void {
  sameTask = true
  try {
    f()
  } finally {
    sameTask = false
  }
}

/**
 * Starts the risk recomputation: on every board change and every minute tick, but never during a
 * drag (issue 5: no heavy work while the pointer moves); the drop's own change recomputes it.
 * An order change updates the risk of the lanes it touched right after the frame that shows the
 * change: a drop paints the card in its new place first, and the risk colours, lane loads and
 * attention rows it changed follow one frame later (with them in the drop's task, the card itself
 * appeared a few milliseconds later: issue 5). Several changes before that frame are one update.
 * A whole-board recomputation (minute tick, calendar, attendance or technicians changed) waits for
 * an idle moment, and the first one after the load for the board's first paint.
 */
export function startRiskUpdates(): () => void {
  if (started) return () => {}
  started = true
  let lastBoard: BoardData | null = null
  let lastNow = 0
  let pending = false
  let stopped = false
  let idleQueued = false
  let paintQueued = false
  const run = (mode: 'change' | 'after-paint' | 'idle') => {
    if (stopped) return
    const b = useBoard.getState()
    const now = useUi.getState().nowMinute
    if (!b.loaded) return
    // Risk is shown on the board only. While the Reports page is on show, a whole-board
    // recomputation (the first one after the load, the minute tick) would land between the
    // report's data and its charts' first frame (issue 5: 100 ms); it runs when the board is back.
    if (useDrag.getState().activeOrderId !== null || reportsOnShow()) {
      pending = true
      return
    }
    if (b.orders === lastBoard?.orders && b.technicians === lastBoard.technicians && b.calendar === lastBoard.calendar && b.attendance === lastBoard.attendance && b.laneIds === lastBoard.laneIds && now === lastNow && !pending) return
    const whole = lastBoard === null || now !== lastNow || b.technicians !== lastBoard.technicians || b.calendar !== lastBoard.calendar || b.attendance !== lastBoard.attendance
    // The first computation waits for the board's first paint; an order change, for the frame showing it.
    if (mode === 'change' && (lastBoard === null || (!whole && !sameTask))) {
      if (!paintQueued) {
        paintQueued = true
        afterPaint(() => {
          paintQueued = false
          run('after-paint')
        })
      }
      return
    }
    if (whole && lastBoard !== null && mode !== 'idle') {
      if (!idleQueued) {
        idleQueued = true
        whenIdle(() => {
          idleQueued = false
          run('idle')
        }, 1000)
      }
      return
    }
    pending = false
    lastBoard = b
    lastNow = now
    recomputeRisk(b, now)
  }
  const onChange = () => run('change')
  const onHash = () => pending && onChange()
  if (typeof window !== 'undefined') window.addEventListener('hashchange', onHash)
  const offs = [
    useBoard.subscribe(onChange),
    useUi.subscribe(onChange),
    useDrag.subscribe((s) => s.activeOrderId === null && pending && onChange()),
    () => typeof window !== 'undefined' && window.removeEventListener('hashchange', onHash)
  ]
  onChange()
  return () => {
    offs.forEach((off) => off())
    stopped = true
    started = false
  }
}
