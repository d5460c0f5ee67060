import type { ParsedArgs } from '../../shared/api/commands'
import { AppError } from '../../shared/api/errors'
import { OPEN_STATUSES } from '../../shared/domain/repair-order-status'
import type { CustomerNotification, RepairOrder } from '../../shared/domain/types'
import { listNotifications, promiseReport, recordNotification } from '../db/notifications.repo'
import { requireOrder } from './repair-orders'
import type { QueryContext } from './handlers'
import type { Tx } from './tx'

/**
 * The customer was told in advance that the car will be late (预先通知客户): records who told
 * them, when and how, keeps the first promise ever given, and moves the order's promise.
 */
export function recordCustomerNotification(tx: Tx, args: ParsedArgs<'customer-notification-record'>): RepairOrder {
  const order = requireOrder(tx.db, args.id)
  if (!OPEN_STATUSES.includes(order.status)) {
    throw new AppError('ILLEGAL_TRANSITION', { roNumber: order.roNumber, status: order.status, event: 'notify' })
  }
  tx.touchOrder(order.id)
  recordNotification(
    tx.db,
    {
      repairOrderId: order.id,
      previousPromisedAt: Date.parse(order.promisedAt),
      revisedPromisedAt: Date.parse(args.revisedPromisedAt),
      channel: args.channel,
      toldBy: args.toldBy,
      toldAt: args.toldAt ? Date.parse(args.toldAt) : tx.now,
      note: args.note ?? '',
      recordedBy: tx.caller.actor
    },
    tx.now
  )
  return requireOrder(tx.db, order.id)
}

export function listCustomerNotifications(ctx: QueryContext, args: ParsedArgs<'customer-notification-list'>): CustomerNotification[] {
  requireOrder(ctx.db, args.id)
  return listNotifications(ctx.db, args.id)
}

/** Delivered orders in [from, to): on time against the original and the revised promise, and customers told in advance. */
export function getPromiseReport(ctx: QueryContext, args: ParsedArgs<'promise-report'>) {
  return promiseReport(ctx.db, Date.parse(args.from), Date.parse(args.to))
}
