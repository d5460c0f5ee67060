import type { TFunction } from 'i18next'
import { formatShortTime } from '../../i18n/time'
import type { OrderRisk } from '../../../../shared/domain/risk'

/**
 * A running stoppage's time on the wall: "42" minutes under an hour, "1:05" from an hour on
 * (h:mm), so the number stays short on a card. Returns minutes and the text.
 */
export function stoppageElapsed(startedAtIso: string, nowMs: number): { minutes: number; hm: string | null } {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(startedAtIso)) / 60_000))
  if (minutes < 60) return { minutes, hm: null }
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return { minutes, hm: `${h}:${m < 10 ? '0' : ''}${m}` }
}

/** The stoppage timer's text in the current language ("42 min" / "42分钟", or "1:05"). */
export function stoppageTimerText(t: TFunction, startedAtIso: string, nowMs: number): string {
  const e = stoppageElapsed(startedAtIso, nowMs)
  return e.hm ?? t('ui.sched.minutes', { m: e.minutes })
}

/** "HH:mm" when the instant falls on the workshop's today, else "MM-dd HH:mm" (workshop zone). */
export function shortTime(ms: number, timeZone: string, nowMs: number): string {
  return formatShortTime(ms, timeZone, nowMs)
}

/** Hover text of a card's risk: state and reason in the current language; empty when on track. */
export function riskTitle(t: TFunction, risk: OrderRisk | undefined): string {
  if (!risk || risk.state === 'on_track') return ''
  return `${t(`schedule.risk.${risk.state}`)}: ${risk.reason ? t(`schedule.riskReason.${risk.reason}`) : ''}`
}

/** Hours with at most one decimal ("2.3", "2"). */
export const h1 = (hours: number): string => String(Math.round(hours * 10) / 10)
