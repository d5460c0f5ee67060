import { create } from 'zustand'
import type { WorkingTime } from '../../../../shared/domain/calendar'
import { computeBoardRisk, laneLoad, needsAttention, prepareWorkingTime, type OrderRisk } from '../../../../shared/domain/risk'
import type { AttendanceKind } from '../../../../shared/domain/calendar'
import { comparePoolOrder, poolRank } from '../../../../shared/domain/pool-order'
import type { RepairOrder, Technician } from '../../../../shared/domain/types'
import type { BoardData } from '../../store/board-state'
import { useBoard } from '../../store/board-store'
import { useDrag } from '../../store/drag-store'
import { useUi } from '../../store/ui-store'

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

export const useOrderRisk = (id: number): OrderRisk | undefined => useRisk((s) => s.orders.get(id))
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

/** Computes the board's risk at `now` (epoch ms) into the store. Pure apart from the store write. */
export function recomputeRisk(b: BoardData, now: number): void {
  const technicians = Object.values(b.technicians)
  const orders: RepairOrder[] = Object.values(b.orders)
  const wt = workingTimeOf(b, technicians)
  const risk = computeBoardRisk({ calendar: b.calendar, technicians, attendance: b.attendance, orders }, now, wt)
  const prev = useRisk.getState()
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
}

/**
 * Pool order: the shop's rule first (domain.md: comebacks, then waiting customers), and within
 * each of those classes least slack first (issue 3: "sorts the pool by slack"), which refines
 * issue 2's "earliest promised time" by the work each order still needs.
 */
export function sortPoolBySlack(ids: readonly number[], orders: Readonly<Record<number, RepairOrder>>, risk: ReadonlyMap<number, OrderRisk>): number[] {
  return [...ids].sort((a, b) => {
    const oa = orders[a]
    const ob = orders[b]
    const byRank = oa && ob ? poolRank(oa) - poolRank(ob) : 0
    if (byRank !== 0) return byRank
    const sa = risk.get(a)?.slackMinutes ?? null
    const sb = risk.get(b)?.slackMinutes ?? null
    // Unknown slack (no working time before the promise) is the worst case: first.
    if (sa !== sb) return sa === null ? -1 : sb === null ? 1 : sa - sb
    return oa && ob ? comparePoolOrder(oa, ob) : a - b
  })
}

let started = false
/**
 * Starts the risk recomputation: on every board change and every minute tick, but never during a
 * drag (issue 5: no heavy work while the pointer moves); the drop's own change recomputes it.
 */
export function startRiskUpdates(): () => void {
  if (started) return () => {}
  started = true
  let lastBoard: BoardData | null = null
  let lastNow = 0
  let pending = false
  const run = () => {
    const b = useBoard.getState()
    const now = useUi.getState().nowMinute
    if (!b.loaded) return
    if (useDrag.getState().activeOrderId !== null) {
      pending = true
      return
    }
    if (b.orders === lastBoard?.orders && b.technicians === lastBoard.technicians && b.calendar === lastBoard.calendar && b.attendance === lastBoard.attendance && b.laneIds === lastBoard.laneIds && now === lastNow && !pending) return
    pending = false
    lastBoard = b
    lastNow = now
    recomputeRisk(b, now)
  }
  // After the board change has painted, not inside it: a drop shows at once and its risk follows
  // a moment later (issue 5's drop-to-repaint budget); several changes in one task coalesce.
  let timer: ReturnType<typeof setTimeout> | null = null
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null
      run()
    }, 0)
  }
  const offs = [useBoard.subscribe(schedule), useUi.subscribe(schedule), useDrag.subscribe((s) => s.activeOrderId === null && pending && schedule())]
  run()
  return () => {
    offs.forEach((off) => off())
    if (timer) clearTimeout(timer)
    started = false
  }
}
