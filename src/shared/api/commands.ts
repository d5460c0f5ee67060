import { z } from 'zod'
import {
  firstAdminInput,
  id,
  instant,
  loginInput,
  qcChecklistInput,
  qcSignOffInput,
  repairOrderFields,
  skillInput,
  technicianFields,
  userCreateInput,
  userUpdateInput
} from './schemas'
import {
  attendanceInput,
  calendarUpdateInput,
  clockSegmentEditInput,
  customerNotificationInput,
  stoppageDetailsInput,
  stoppageListInput,
  technicianReportInput
} from './promise-schemas'
import { reportPeriodInput } from './report-schemas'
import { IMPORT_COLUMN_KEYS, IMPORT_MAX_ROWS, type ImportColumn } from '../domain/dms-exchange'

/** A DMS export's rows as the screen read them from the file; a date cell comes as its wall-clock text. */
const importRowsInput = z.strictObject({
  rows: z
    .array(z.array(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).max(200))
    .min(1)
    .max(IMPORT_MAX_ROWS + 10),
  /**
   * The headers the dispatcher matched to the board's columns (dms-exchange.ts ColumnNames); left
   * out, the station uses the ones it remembers from the last import that had them.
   */
  columns: z.partialRecord(z.enum(IMPORT_COLUMN_KEYS as [ImportColumn, ...ImportColumn[]]), z.string().trim().max(200)).optional()
})

const none = z.strictObject({})

/**
 * The contract: every command's name, its argument schema and whether it changes data.
 * LAN callers are untrusted, so the dispatcher parses every call with these (unknown keys
 * are rejected). The result types are derived from the handlers in src/main/services.
 */
export const commands = {
  'board-get': { args: none, mutates: false },
  'repair-order-get': { args: z.strictObject({ id }), mutates: false },
  'repair-order-create': { args: z.strictObject(repairOrderFields), mutates: true },
  'repair-order-update': {
    args: z.strictObject({ id, version: z.int().positive(), ...repairOrderFields }),
    mutates: true
  },
  /** Drop on a lane: free slot -> current order, else the queue at `position` (default: end). Also reorders. */
  'repair-order-assign': {
    args: z.strictObject({ id, technicianId: id, position: z.int().min(0).optional() }),
    mutates: true
  },
  'repair-order-unassign': { args: z.strictObject({ id }), mutates: true },
  'repair-order-cancel': {
    args: z.strictObject({ id, reason: z.string().trim().min(1).max(500) }),
    mutates: true
  },
  'technician-create': { args: z.strictObject(technicianFields), mutates: true },
  'technician-update': {
    args: z.strictObject({ id, version: z.int().positive(), ...technicianFields }),
    mutates: true
  },
  'skill-create': { args: skillInput, mutates: true },
  'skill-update': { args: skillInput, mutates: true },
  'workshop-load-demo': { args: none, mutates: true },
  'audit-list': {
    args: z.strictObject({ entity: z.enum(['repair_order', 'technician']).optional(), entityId: id.optional(), limit: z.int().min(1).max(500).optional() }),
    mutates: false
  },

  // ---- QC gate (issue 4) ----
  /** Orders awaiting QC, ranked by the ten priorities then promised time, with their wait. */
  'qc-queue': { args: none, mutates: false },
  'qc-checklist-get': { args: none, mutates: false },
  /** Replaces the checklist template; items keep stable ids. */
  'qc-checklist-update': { args: qcChecklistInput, mutates: true },
  /** Pass or fail by a named inspector confirming with their PIN; writes an immutable QC record. */
  'qc-sign-off': { args: qcSignOffInput, mutates: true },
  /** Every QC record of one order, oldest first. */
  'qc-record-list': { args: z.strictObject({ id }), mutates: false },
  /** Active QC inspectors (id, name, username) for the sign-off picker; no PINs, no lock state. */
  'qc-inspector-list': { args: none, mutates: false },
  /** Ready -> delivered; replies flat-rate against actual hours and whether QC passed first time. */
  'repair-order-deliver': { args: z.strictObject({ id }), mutates: true },
  /** The order's timeline from the audit log: created, assigned, clocked, stopped, QC, delivered. */
  'repair-order-history': { args: z.strictObject({ id }), mutates: false },

  // ---- users, roles, stations (issue 4) ----
  'user-list': { args: none, mutates: false },
  'user-create': { args: userCreateInput, mutates: true },
  'user-update': { args: userUpdateInput, mutates: true },
  /** First run only: with no users at all, a caller on this PC creates the first administrator. */
  'auth-setup': { args: firstAdminInput, mutates: true },
  /** Username + PIN -> a session token (the HTTP station also sets it as an HttpOnly cookie). */
  'auth-login': { args: loginInput, mutates: true },
  'auth-logout': { args: none, mutates: true },
  /** Who this station is logged in as (user and role), and whether first-run setup is open. */
  'auth-whoami': { args: none, mutates: false },

  // ---- keep the promise (issue 3): calendar, labour clock, stoppages, customer notifications ----
  /** The workshop calendar and attendance from today on. */
  'calendar-get': { args: none, mutates: false },
  /** Changes any of: time zone, hours per weekday, lunch, days off, settlement hours. */
  'calendar-update': { args: calendarUpdateInput, mutates: true },
  /** A technician's attendance on one date: present / absent / leaves early (at HH:mm), with optional shift and lunch overrides. */
  'technician-attendance-set': { args: attendanceInput, mutates: true },
  /** assigned -> in progress: the clock starts. */
  'repair-order-start': { args: z.strictObject({ id }), mutates: true },
  /** in progress -> stopped, always with a stoppage reason and its details. */
  'repair-order-pause': { args: z.strictObject({ id, stoppage: stoppageDetailsInput }), mutates: true },
  /** Ends the stoppage: stopped -> in progress, or a parked order -> the front of its technician's queue. */
  'repair-order-resume': { args: z.strictObject({ id }), mutates: true },
  /** stopped -> parked: frees the technician for their next job. */
  'repair-order-park': { args: z.strictObject({ id }), mutates: true },
  /** in progress -> awaiting QC, with the technician's report; the next job moves up. */
  'repair-order-finish': { args: z.strictObject({ id, report: technicianReportInput }), mutates: true },
  /** One order's labour clock segments, oldest first. */
  'clock-segment-list': { args: z.strictObject({ id }), mutates: false },
  /** The dispatcher corrects a clock segment; the reason is mandatory and audited. */
  'clock-segment-edit': { args: clockSegmentEditInput, mutates: true },
  /** Open stoppages (sublet ones with vendor and expected return), each with an overdue flag. */
  'stoppage-list': { args: stoppageListInput, mutates: false },
  /** New details for an open stoppage (e.g. a new expected arrival); the kind stays. */
  'stoppage-update': { args: z.strictObject({ stoppageId: id, details: stoppageDetailsInput }), mutates: true },
  /** The customer was told of a revised promise: keeps the original, moves promisedAt, records who, when, how. */
  'customer-notification-record': { args: customerNotificationInput, mutates: true },
  'customer-notification-list': { args: z.strictObject({ id }), mutates: false },
  /** Delivered orders in [from, to): on time against the original promise, and customers told in advance. */
  'promise-report': { args: z.strictObject({ from: instant, to: instant }), mutates: false },

  // ---- reports (issue 5) ----
  /** The service manager's figures for a period of at most 400 days: promises kept, first-time fix, efficiency, stoppages. */
  'report-summary': { args: reportPeriodInput, mutates: false },
  /** The station's daily copies of its data file: where, how many, the last one (db/backup.ts). */
  'backup-status': { args: none, mutates: false },
  /** A copy of the data file now, beside the daily ones (the About dialog's "Back up now"); writes no board data. */
  'backup-now': { args: none, mutates: false },

  // ---- exchange with the dealership's main system (DMS) ----
  /** What importing these rows would create, skip or refuse; writes nothing. */
  'repair-order-import-check': { args: importRowsInput, mutates: false },
  /** The file's new repair orders into the dispatch pool, all in one transaction, or none. */
  'repair-order-import': { args: importRowsInput, mutates: true },
  /** Orders delivered in a period with job lines, hours, promise and QC, for the DMS to settle. */
  'repair-order-export': { args: reportPeriodInput, mutates: false }
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandArgs<K extends CommandName> = z.input<Commands[K]['args']>
export type ParsedArgs<K extends CommandName> = z.output<Commands[K]['args']>
export const COMMAND_NAMES = Object.keys(commands) as CommandName[]

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name)
}

/** Server -> every client after each committed change. */
export const BOARD_CHANGED = 'board-changed'
