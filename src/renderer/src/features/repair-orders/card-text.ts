import type { TFunction } from 'i18next'
import { REPAIR_ORDER_FLAGS, type RepairOrder, type RepairOrderFlag } from '../../../../shared/domain/types'
import { formatPromised } from '../../i18n/time'

/** Flags that decide the order of the pool (domain.md): shown as strong badges on every card. */
export const STRONG_FLAGS: readonly RepairOrderFlag[] = ['comeback', 'waitingCustomer']
export const OTHER_FLAGS: readonly RepairOrderFlag[] = REPAIR_ORDER_FLAGS.filter((f) => !STRONG_FLAGS.includes(f))

/** The card's first job line, with "+N" for the rest. */
export function jobSummary(o: Pick<RepairOrder, 'jobLines'>): { first: string; more: number } {
  return { first: o.jobLines[0]?.description ?? '', more: Math.max(0, o.jobLines.length - 1) }
}

/**
 * What a screen reader (and an end-to-end test) hears for a card: RO number and plate first,
 * then the facts the dispatcher reads off the card.
 */
export function cardLabel(o: RepairOrder, t: TFunction, timeZone: string, nowMs: number): string {
  const flags = REPAIR_ORDER_FLAGS.filter((f) => o.flags[f]).map((f) => t(`flags.${f}`))
  const parts = [
    `${o.roNumber} ${o.plate} ${o.model}`,
    t(`status.${o.status}`),
    t('ui.promised', { time: formatPromised(o.promisedAt, timeZone, nowMs) }),
    ...flags,
    ...(o.partsReady ? [] : [t('ui.partsMissing')])
  ]
  return parts.join(', ')
}
