import type { ParsedArgs } from '../../shared/api/commands'
import { AppError } from '../../shared/api/errors'
import { WorkingTime, workingHoursBetween } from '../../shared/domain/calendar'
import {
  firstTimeFixRate,
  labourEfficiency,
  MAX_REPORT_DAYS,
  onTimeRate,
  reportPeriod,
  share,
  stoppageHoursByReason,
  utilisation,
  type Rate,
  type ReportPeriod
} from '../../shared/domain/kpi'
import { COMEBACK_CAUSES, type ComebackCause } from '../../shared/domain/qc-checklist'
import type { StoppageKind } from '../../shared/domain/types'
import { roundHours } from '../../shared/domain/labour'
import { listAttendance, readCalendar } from '../db/calendar.repo'
import {
  clockedHoursByTechnician,
  deliveriesByDay,
  deliveriesByTechnician,
  qcFailuresByCause,
  reportTechnicians,
  stoppagesAround
} from '../db/reports.repo'
import type { QueryContext } from './handlers'

export interface ReportDaySeries {
  /** Local date "yyyy-MM-dd" in the workshop's time zone. */
  date: string
  delivered: number
  /** Delivered on time against the original promise. */
  onTime: number
  onTimeRate: Rate
  flatRateHours: number
  actualHours: number
}

export interface TechnicianReportLine {
  technicianId: number
  name: string
  employeeNo: string
  active: boolean
  delivered: number
  /** Flat-rate hours of the orders they delivered in the period, and the hours clocked on those orders. */
  flatRateHours: number
  actualHours: number
  efficiency: Rate
  /** Hours clocked in the period (any order) against the hours they were available in it, up to now. */
  clockedHours: number
  availableHours: number
  utilisation: Rate
}

export interface ReportSummary {
  period: { from: string; to: string; timeZone: string; days: number }
  generatedAt: string
  delivery: {
    delivered: number
    onTimeOriginal: number
    onTimeRevised: number
    /** On-time rate against the original promise: the figure the customer felt. */
    onTimeRateOriginal: Rate
    onTimeRateRevised: Rate
    /** Late against the original promise. */
    lateOriginal: number
    /** Customers told in advance (before the original promise) that the car would be late. */
    toldInAdvance: number
    lateToldInAdvance: number
    /** Of the late cars, the share whose customer had been told in advance. */
    toldInAdvanceShareOfLate: Rate
  }
  quality: {
    /** Delivered orders whose first QC record was a pass. */
    firstTimePass: number
    firstTimeFixRate: Rate
    /** QC failures signed in the period, by comeback cause. */
    qcFailures: number
    comebacksByCause: Record<ComebackCause, number>
    /** Delivered orders flagged as a comeback (the car came back for the same fault). */
    comebackOrders: number
  }
  labour: {
    flatRateHours: number
    actualHours: number
    efficiency: Rate
    clockedHours: number
    availableHours: number
    utilisation: Rate
  }
  technicians: TechnicianReportLine[]
  /** Stoppage hours inside the period by reason (open stoppages up to now). */
  stoppageHours: Record<StoppageKind, number>
  daily: ReportDaySeries[]
}

/** A report's or an export's period in the workshop's zone; refused when empty or over MAX_REPORT_DAYS. */
export function requirePeriod(timeZone: string, from: string, to: string): ReportPeriod {
  const period = reportPeriod(timeZone, from, to)
  if (!period) {
    throw new AppError('VALIDATION', { summary: '' }, [
      {
        path: 'to',
        message: {
          en: `must be after the start, at most ${MAX_REPORT_DAYS} days later`,
          zh: `须晚于开始时间，且不超过 ${MAX_REPORT_DAYS} 天`
        }
      }
    ])
  }
  return period
}

/**
 * The service manager's report for a period (issue 5): delivery against the original and the
 * revised promise, customers told in advance, first-time fix, comebacks, efficiency and
 * utilisation per technician, stoppage hours by reason, and daily series for the charts.
 * Read-only, in one read transaction, so every figure comes from the same snapshot.
 */
export function reportSummary(ctx: QueryContext, args: ParsedArgs<'report-summary'>): ReportSummary {
  const { db, now } = ctx
  return db.transaction(() => {
    const calendar = readCalendar(db)
    const period = requirePeriod(calendar.timeZone, args.from, args.to)
    const { from, to } = period

    const days = deliveriesByDay(db, period.days)
    const sum = (k: keyof (typeof days)[number]) => days.reduce((s, d) => s + (d[k] as number), 0)
    const delivered = sum('delivered')
    const onTimeOriginal = sum('onTimeOriginal')
    const lateOriginal = delivered - onTimeOriginal
    const lateToldInAdvance = sum('lateToldInAdvance')
    const firstTimePass = sum('firstTimePass')

    const failures = qcFailuresByCause(db, from, to)
    const comebacksByCause = Object.fromEntries(COMEBACK_CAUSES.map((c) => [c, 0])) as Record<ComebackCause, number>
    for (const f of failures) comebacksByCause[f.cause] = f.count

    // Availability runs to now at the latest: the rest of a period still to come has no clock yet.
    const availableTo = Math.min(to, now)
    const technicians = reportTechnicians(db)
    const attendance = listAttendance(db, period.days[0].date).filter((a) => a.date <= period.days[period.days.length - 1].date)
    const wt = new WorkingTime(calendar, technicians, attendance)
    const byTech = new Map(deliveriesByTechnician(db, from, to).map((r) => [r.technicianId, r]))
    const clocked = clockedHoursByTechnician(db, technicians.map((t) => t.id), from, to, now)
    // Technicians on the same shift and lunch with no attendance record in the period have the same
    // working time: it is worked out once per such group (60 technicians x 400 days adds up).
    const withAttendance = new Set(attendance.map((a) => a.technicianId))
    const availableBySignature = new Map<string, number>()
    const lines: TechnicianReportLine[] = []
    for (const t of technicians) {
      const d = byTech.get(t.id)
      const clockedHours = clocked.get(t.id) ?? 0
      if (!t.active && !d && clockedHours === 0) continue
      const start = Math.max(from, t.createdAt)
      const signature = withAttendance.has(t.id) ? null : `${t.shiftStart}|${t.shiftEnd}|${t.lunchStart}|${t.lunchEnd}|${start}`
      let availableHours = signature === null ? undefined : availableBySignature.get(signature)
      if (availableHours === undefined) {
        availableHours = availableTo > start ? workingHoursBetween(wt.technician(t.id), start, availableTo) : 0
        if (signature !== null) availableBySignature.set(signature, availableHours)
      }
      const flat = d?.flatRateHours ?? 0
      const actual = d?.actualHours ?? 0
      lines.push({
        technicianId: t.id,
        name: t.name,
        employeeNo: t.employeeNo,
        active: t.active,
        delivered: d?.delivered ?? 0,
        flatRateHours: roundHours(flat),
        actualHours: roundHours(actual),
        efficiency: labourEfficiency(flat, actual),
        clockedHours: roundHours(clockedHours),
        availableHours: roundHours(availableHours),
        utilisation: utilisation(clockedHours, availableHours)
      })
    }
    const flatTotal = sum('flatRateHours')
    const actualTotal = sum('actualHours')
    const clockedTotal = [...clocked.values()].reduce((s, h) => s + h, 0)
    const availableTotal = lines.reduce((s, l) => s + l.availableHours, 0)

    const stoppageHours = stoppageHoursByReason(stoppagesAround(db, from, to), from, to, now)
    for (const k of Object.keys(stoppageHours) as StoppageKind[]) stoppageHours[k] = roundHours(stoppageHours[k])

    return {
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), timeZone: calendar.timeZone, days: period.days.length },
      generatedAt: new Date(now).toISOString(),
      delivery: {
        delivered,
        onTimeOriginal,
        onTimeRevised: sum('onTimeRevised'),
        onTimeRateOriginal: onTimeRate(onTimeOriginal, delivered),
        onTimeRateRevised: onTimeRate(sum('onTimeRevised'), delivered),
        lateOriginal,
        toldInAdvance: sum('toldInAdvance'),
        lateToldInAdvance,
        toldInAdvanceShareOfLate: share(lateToldInAdvance, lateOriginal)
      },
      quality: {
        firstTimePass,
        // the gate lets no order be delivered without a QC record, so every delivered order was inspected
        firstTimeFixRate: firstTimeFixRate(firstTimePass, delivered),
        qcFailures: failures.reduce((s, f) => s + f.count, 0),
        comebacksByCause,
        comebackOrders: sum('comebackOrders')
      },
      labour: {
        flatRateHours: roundHours(flatTotal),
        actualHours: roundHours(actualTotal),
        efficiency: labourEfficiency(flatTotal, actualTotal),
        clockedHours: roundHours(clockedTotal),
        availableHours: roundHours(availableTotal),
        utilisation: utilisation(clockedTotal, availableTotal)
      },
      technicians: lines,
      stoppageHours,
      daily: days.map((d) => ({
        date: d.date,
        delivered: d.delivered,
        onTime: d.onTimeOriginal,
        onTimeRate: onTimeRate(d.onTimeOriginal, d.delivered),
        flatRateHours: roundHours(d.flatRateHours),
        actualHours: roundHours(d.actualHours)
      }))
    }
  })()
}
