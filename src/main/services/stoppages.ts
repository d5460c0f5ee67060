import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import type { RepairOrderStatus, Stoppage } from '../../shared/domain/types'
import { getRepairOrders } from '../db/repair-orders.repo'
import { getStoppage, listStoppages, updateStoppageDetails } from '../db/stoppages.repo'
import { toStoppageDetails } from './clock'
import type { QueryContext } from './handlers'
import type { Tx } from './tx'

/** A stoppage as the stoppage list shows it: with its order and whether its expected end has passed. */
export interface StoppageListEntry extends Stoppage {
  roNumber: string
  plate: string
  model: string
  status: RepairOrderStatus
  parked: boolean
  /** Open and its expected arrival / return is before now. */
  overdue: boolean
  /** Minutes from start to end (or to now while open). */
  durationMinutes: number
}

/** Whether an open stoppage's expected end (parts arrival, sublet return) has passed at `now` (epoch ms). */
export function isOverdue(s: Pick<Stoppage, 'endedAt' | 'expectedEndAt'>, now: number): boolean {
  return s.endedAt === null && s.expectedEndAt !== null && Date.parse(s.expectedEndAt) < now
}

/** Open stoppages (sublet ones with vendor and expected return), soonest expected end first; or one order's history. */
export function listStoppageEntries(ctx: QueryContext, args: ParsedArgs<'stoppage-list'>): StoppageListEntry[] {
  const list = listStoppages(ctx.db, { kind: args.kind, repairOrderId: args.id, openOnly: !(args.includeClosed ?? args.id !== undefined) })
  const orders = new Map(getRepairOrders(ctx.db, [...new Set(list.map((s) => s.repairOrderId))]).map((o) => [o.id, o]))
  return list.flatMap((s) => {
    const o = orders.get(s.repairOrderId)
    if (!o) return []
    const end = s.endedAt ? Date.parse(s.endedAt) : ctx.now
    return [
      {
        ...s,
        roNumber: o.roNumber,
        plate: o.plate,
        model: o.model,
        status: o.status,
        parked: o.parked,
        overdue: isOverdue(s, ctx.now),
        durationMinutes: Math.max(0, Math.round((end - Date.parse(s.startedAt)) / 60_000))
      }
    ]
  })
}

/** New details for an open stoppage, e.g. a new expected arrival; the reason (kind) stays. */
export function updateStoppage(tx: Tx, args: ParsedArgs<'stoppage-update'>): Stoppage {
  const s = getStoppage(tx.db, args.stoppageId)
  if (!s) throw new AppError('NOT_FOUND', { entity: 'stoppage', id: args.stoppageId })
  if (s.endedAt !== null) throw new AppError('STOPPAGE_CLOSED', { id: s.id })
  if (args.details.kind !== s.kind) throw new AppError('STOPPAGE_KIND_CHANGE', { kind: s.kind })
  tx.touchOrder(s.repairOrderId)
  updateStoppageDetails(tx.db, s.id, toStoppageDetails(args.details), tx.now)
  const after = getStoppage(tx.db, s.id) as Stoppage
  tx.extraAudit.stoppage = { before: s, after }
  return after
}
