import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import type { LocalisedText } from '../../shared/api/errors'
import { nextStatus } from '../../shared/domain/repair-order-status'
import type { RepairOrder } from '../../shared/domain/types'
import { roundHours } from '../../shared/domain/labour'
import { clockedHours, insertDelivery, listQcRecords } from '../db/qc.repo'
import { setPlacement } from '../db/repair-orders.repo'
import { requireOrder } from './repair-orders'
import type { Tx } from './tx'

export interface DeliveryResult {
  order: RepairOrder
  /** Sum of the job lines' flat-rate hours (the estimate). */
  flatRateHours: number
  /** Labour hours the clock recorded (in-progress time only); 0 when there is no clock data. */
  actualHours: number
  /** actual - flat rate, hours; positive means the job took longer than the book says. */
  differenceHours: number
  actualSource: 'clock' | 'none'
  /** Why actual hours are 0, when they are: said plainly so nobody reads it as "no time was spent". */
  actualNote: LocalisedText | null
  /** The order's first QC record was a pass: it counts towards the first-time-fix rate. */
  firstTimePass: boolean
}

/** Ready -> delivered (domain.md step 6): compares the estimate with the actual and records first-time pass. */
export function deliverRepairOrder(tx: Tx, a: ParsedArgs<'repair-order-deliver'>): DeliveryResult {
  const order = requireOrder(tx.db, a.id)
  const move = nextStatus(order, { type: 'deliver' })
  if (!move.ok) throw new AppError('ILLEGAL_TRANSITION', { roNumber: order.roNumber, status: order.status, event: 'deliver' })
  const records = listQcRecords(tx.db, order.id)
  const firstTimePass = records[0]?.result === 'pass'
  const flatRateHours = roundHours(order.jobLines.reduce((s, l) => s + l.hours, 0))
  const clocked = clockedHours(tx.db, order.id, tx.now)
  const actualHours = clocked === null ? 0 : roundHours(clocked)
  insertDelivery(tx.db, {
    repairOrderId: order.id,
    deliveredAt: tx.now,
    deliveredBy: tx.caller.actor,
    flatRateHours,
    actualHours,
    actualSource: clocked === null ? 'none' : 'clock',
    firstTimePass
  })
  tx.touchOrder(order.id)
  setPlacement(tx.db, order.id, { status: 'delivered', technicianId: order.technicianId, queuePosition: null, parked: false }, tx.now)
  tx.extraAudit.delivery = { repairOrderId: order.id, flatRateHours, actualHours, firstTimePass }
  return {
    order: requireOrder(tx.db, order.id),
    flatRateHours,
    actualHours,
    differenceHours: roundHours(actualHours - flatRateHours),
    actualSource: clocked === null ? 'none' : 'clock',
    actualNote:
      clocked === null
        ? {
            en: 'This data file has no time-clock records, so actual hours are shown as 0 and cannot be compared.',
            zh: '此数据文件没有打卡计时记录，实际工时显示为 0，无法与工时手册工时比较。'
          }
        : null,
    firstTimePass
  }
}
