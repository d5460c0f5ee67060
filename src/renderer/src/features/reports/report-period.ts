import { addDays, localDateOf } from '../../../../shared/domain/calendar'

export const PRESETS = [7, 30, 90] as const
export type Preset = (typeof PRESETS)[number]

/**
 * The last `days` whole local days before today in the workshop's time zone, as the inclusive
 * dates report-summary takes (today is left out: it is not over yet).
 */
export function lastDays(days: number, timeZone: string, now: number): { from: string; to: string } {
  const today = localDateOf(timeZone, now)
  return { from: addDays(today, -days), to: addDays(today, -1) }
}
