import { z } from 'zod'
import { instant } from './schemas'
import { localDate } from './promise-schemas'

// Argument schemas of issue 5 (reports).

/** A report bound: a local date "yyyy-MM-dd" in the workshop's time zone, or an instant. */
export const reportBound = z.union([localDate, instant])

/**
 * A report's period: `from` inclusive; `to` as a date is inclusive (the whole day), as an instant
 * exclusive. At most 400 days (checked in services/reports.ts, where the time zone is known).
 */
export const reportPeriodInput = z.strictObject({ from: reportBound, to: reportBound })
