import { z } from 'zod'
import { ATTENDANCE_KINDS } from '../domain/calendar'
import { NOTIFICATION_CHANNELS, STOPPAGE_KINDS } from '../domain/types'
import { hhmm, id, instant } from './schemas'

// Argument schemas of issue 3 (keep the promise): calendar, attendance, labour clock, stoppages, notifications.

const text = (max: number) => z.string().trim().min(1).max(max)

/** A local date "yyyy-MM-dd" that exists on the calendar. */
export const localDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
  // zod 4 runs this refine even after the regex failed: a non-date must not throw (INTERNAL) here
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`)
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d)
  }, { error: 'invalid' })

export const dayWindow = z
  .strictObject({ start: hhmm, end: hhmm })
  .refine((w) => w.end > w.start, { error: 'shiftOrder', path: ['end'] })

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

export const calendarUpdateInput = z.strictObject({
  timeZone: z.string().refine(isTimeZone, { error: 'invalid' }).optional(),
  /** Index 0 = Sunday ... 6 = Saturday; null = closed. */
  weekHours: z.array(dayWindow.nullable()).length(7).optional(),
  lunch: dayWindow.nullable().optional(),
  daysOff: z.array(localDate).max(1000).optional(),
  settlementHours: z.number().min(0).max(8).optional()
})

export const attendanceInput = z
  .strictObject({
    technicianId: id,
    date: localDate,
    kind: z.enum(ATTENDANCE_KINDS),
    /** Required for leaves_early, refused otherwise. */
    leavesAt: hhmm.nullish(),
    /** That date's shift/lunch overrides, both ends or neither. */
    shiftStart: hhmm.nullish(),
    shiftEnd: hhmm.nullish(),
    lunchStart: hhmm.nullish(),
    lunchEnd: hhmm.nullish(),
    note: z.string().trim().max(200).optional()
  })
  .superRefine((a, ctx) => {
    if ((a.kind === 'leaves_early') !== (a.leavesAt != null)) ctx.addIssue({ code: 'custom', path: ['leavesAt'], message: 'invalid' })
    const pair = (s: string | null | undefined, e: string | null | undefined, path: string) => {
      if ((s == null) !== (e == null) || (s != null && e != null && e <= s)) ctx.addIssue({ code: 'custom', path: [path], message: 'shiftOrder' })
    }
    pair(a.shiftStart, a.shiftEnd, 'shiftEnd')
    pair(a.lunchStart, a.lunchEnd, 'lunchEnd')
  })

/** A stoppage's reason and its details (parts: expected arrival; sublet: vendor, what was sent, expected return). */
export const stoppageDetailsInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('parts'), parts: text(300), expectedArrivalAt: instant.nullish() }),
  z.strictObject({ kind: z.literal('sublet'), vendor: text(120), workSent: text(300), expectedReturnAt: instant }),
  z.strictObject({ kind: z.literal('approval'), note: z.string().trim().max(300).optional() }),
  z.strictObject({ kind: z.literal('tools'), equipment: text(200) }),
  z.strictObject({ kind: z.literal('other'), text: text(300) })
])
export type StoppageDetailsInput = z.output<typeof stoppageDetailsInput>

/** The technician's report on finishing: what was done, why it failed, how it was fixed. */
export const technicianReportInput = z.strictObject({ workDone: text(2000), cause: text(2000), fix: text(2000) })

export const clockSegmentEditInput = z.strictObject({
  segmentId: id,
  startedAt: instant,
  /** Required for a closed segment; must be left out (or null) for the running one. */
  endedAt: instant.nullish(),
  reason: text(500)
})

export const stoppageListInput = z.strictObject({
  kind: z.enum(STOPPAGE_KINDS).optional(),
  /** One order's stoppages, closed ones included. */
  id: id.optional(),
  includeClosed: z.boolean().optional()
})

export const customerNotificationInput = z.strictObject({
  id,
  revisedPromisedAt: instant,
  channel: z.enum(NOTIFICATION_CHANNELS),
  toldBy: text(80),
  /** When the customer was told; defaults to now. */
  toldAt: instant.optional(),
  note: z.string().trim().max(500).optional()
})
