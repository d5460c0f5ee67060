import { backupStatus, type BackupConfig } from '../db/backup'
import { AppError } from '../../shared/api/errors'
import type { Database } from 'better-sqlite3'
import type { CommandName, ParsedArgs } from '../../shared/api/commands'
import { getBoard, scopeToTechnician } from './board'
import { loadDemo } from './demo'
import {
  assignRepairOrder,
  cancelRepairOrder,
  createRepairOrder,
  requireOrder,
  unassignRepairOrder,
  updateRepairOrder
} from './repair-orders'
import { createSkill, updateSkill } from './skills'
import { login, logout, setupFirstAdmin, whoami } from './auth'
import { deliverRepairOrder } from './delivery'
import { auditList, repairOrderHistory } from './history'
import { getChecklist, listInspectors, qcQueue, qcRecords, signOff, updateChecklist } from './qc'
import { createUser, updateUser } from './users'
import { listUsers } from '../db/users.repo'
import { createTechnician, updateTechnician } from './technicians'
import type { Caller, Tx } from './tx'
import { getCalendar, setTechnicianAttendance, updateCalendar } from './calendar'
import {
  editClockSegment,
  finishRepairOrder,
  listClockSegments,
  parkRepairOrder,
  pauseRepairOrder,
  resumeRepairOrder,
  startRepairOrder
} from './clock'
import { listStoppageEntries, updateStoppage } from './stoppages'
import { getPromiseReport, listCustomerNotifications, recordCustomerNotification } from './notifications'
import { reportSummary } from './reports'
import { checkRepairOrderImport, exportDeliveredOrders, importRepairOrders } from './dms'

/** Read-only context of a query. */
export interface QueryContext {
  db: Database
  now: number
  /** Who asks (auth-whoami); left out by in-process callers, i.e. the local dispatcher. */
  caller?: Caller
  /** The station's automatic copies, when it takes them (backup-status). */
  backups?: BackupConfig | null
}

/** Queries read; mutations run inside one transaction with a Tx that writes the audit row. */
export const queries = {
  'board-get': (ctx: QueryContext) =>
    ctx.caller?.role === 'technician' ? scopeToTechnician(getBoard(ctx.db, ctx.now), ctx.caller.technicianId) : getBoard(ctx.db, ctx.now),
  'repair-order-get': (ctx: QueryContext, a: ParsedArgs<'repair-order-get'>) => requireOrder(ctx.db, a.id),
  'audit-list': (ctx: QueryContext, a: ParsedArgs<'audit-list'>) =>
    auditList(ctx.db, { entity: a.entity, entityId: a.entityId, limit: a.limit ?? 100 }),
  'qc-queue': (ctx: QueryContext) => qcQueue(ctx.db, ctx.now),
  'qc-checklist-get': (ctx: QueryContext) => getChecklist(ctx.db),
  'qc-record-list': (ctx: QueryContext, a: ParsedArgs<'qc-record-list'>) => qcRecords(ctx.db, a.id),
  'qc-inspector-list': (ctx: QueryContext) => listInspectors(ctx.db),
  'repair-order-history': (ctx: QueryContext, a: ParsedArgs<'repair-order-history'>) => repairOrderHistory(ctx.db, a.id),
  'user-list': (ctx: QueryContext) => listUsers(ctx.db),
  'auth-whoami': (ctx: QueryContext) => whoami(ctx.db, ctx.caller ?? { actor: 'local' }),
  'calendar-get': (ctx: QueryContext) => getCalendar(ctx),
  'clock-segment-list': (ctx: QueryContext, a: ParsedArgs<'clock-segment-list'>) => listClockSegments(ctx, a),
  'stoppage-list': (ctx: QueryContext, a: ParsedArgs<'stoppage-list'>) => listStoppageEntries(ctx, a),
  'customer-notification-list': (ctx: QueryContext, a: ParsedArgs<'customer-notification-list'>) => listCustomerNotifications(ctx, a),
  'promise-report': (ctx: QueryContext, a: ParsedArgs<'promise-report'>) => getPromiseReport(ctx, a),
  'report-summary': (ctx: QueryContext, a: ParsedArgs<'report-summary'>) => reportSummary(ctx, a),
  'backup-status': (ctx: QueryContext) => backupStatus(ctx.backups),
  // Starts the copy and answers at once (SQLite's online backup runs in steps between commands);
  // the About dialog follows it through backup-status.
  'backup-now': (ctx: QueryContext) => {
    if (!ctx.backups?.control) throw new AppError('BACKUPS_OFF')
    return { started: ctx.backups.control.takeNow() === 'started' }
  },
  'repair-order-import-check': (ctx: QueryContext, a: ParsedArgs<'repair-order-import-check'>) => checkRepairOrderImport(ctx, a),
  'repair-order-export': (ctx: QueryContext, a: ParsedArgs<'repair-order-export'>) => exportDeliveredOrders(ctx, a)
}

export const mutations = {
  'repair-order-create': (tx: Tx, a: ParsedArgs<'repair-order-create'>) => createRepairOrder(tx, a),
  'repair-order-import': (tx: Tx, a: ParsedArgs<'repair-order-import'>) => importRepairOrders(tx, a),
  'repair-order-update': (tx: Tx, a: ParsedArgs<'repair-order-update'>) => updateRepairOrder(tx, a),
  'repair-order-assign': (tx: Tx, a: ParsedArgs<'repair-order-assign'>) => assignRepairOrder(tx, a),
  'repair-order-unassign': (tx: Tx, a: ParsedArgs<'repair-order-unassign'>) => unassignRepairOrder(tx, a),
  'repair-order-cancel': (tx: Tx, a: ParsedArgs<'repair-order-cancel'>) => cancelRepairOrder(tx, a),
  'technician-create': (tx: Tx, a: ParsedArgs<'technician-create'>) => createTechnician(tx, a),
  'technician-update': (tx: Tx, a: ParsedArgs<'technician-update'>) => updateTechnician(tx, a),
  'skill-create': (tx: Tx, a: ParsedArgs<'skill-create'>) => createSkill(tx, a),
  'skill-update': (tx: Tx, a: ParsedArgs<'skill-update'>) => updateSkill(tx, a),
  'workshop-load-demo': (tx: Tx) => loadDemo(tx),
  'qc-checklist-update': (tx: Tx, a: ParsedArgs<'qc-checklist-update'>) => updateChecklist(tx, a),
  'qc-sign-off': (tx: Tx, a: ParsedArgs<'qc-sign-off'>) => signOff(tx, a),
  'repair-order-deliver': (tx: Tx, a: ParsedArgs<'repair-order-deliver'>) => deliverRepairOrder(tx, a),
  'user-create': (tx: Tx, a: ParsedArgs<'user-create'>) => createUser(tx, a),
  'user-update': (tx: Tx, a: ParsedArgs<'user-update'>) => updateUser(tx, a),
  'auth-setup': (tx: Tx, a: ParsedArgs<'auth-setup'>) => setupFirstAdmin(tx, a),
  'auth-login': (tx: Tx, a: ParsedArgs<'auth-login'>) => login(tx, a),
  'auth-logout': (tx: Tx) => logout(tx),
  'calendar-update': (tx: Tx, a: ParsedArgs<'calendar-update'>) => updateCalendar(tx, a),
  'technician-attendance-set': (tx: Tx, a: ParsedArgs<'technician-attendance-set'>) => setTechnicianAttendance(tx, a),
  'repair-order-start': (tx: Tx, a: ParsedArgs<'repair-order-start'>) => startRepairOrder(tx, a),
  'repair-order-pause': (tx: Tx, a: ParsedArgs<'repair-order-pause'>) => pauseRepairOrder(tx, a),
  'repair-order-resume': (tx: Tx, a: ParsedArgs<'repair-order-resume'>) => resumeRepairOrder(tx, a),
  'repair-order-park': (tx: Tx, a: ParsedArgs<'repair-order-park'>) => parkRepairOrder(tx, a),
  'repair-order-finish': (tx: Tx, a: ParsedArgs<'repair-order-finish'>) => finishRepairOrder(tx, a),
  'clock-segment-edit': (tx: Tx, a: ParsedArgs<'clock-segment-edit'>) => editClockSegment(tx, a),
  'stoppage-update': (tx: Tx, a: ParsedArgs<'stoppage-update'>) => updateStoppage(tx, a),
  'customer-notification-record': (tx: Tx, a: ParsedArgs<'customer-notification-record'>) => recordCustomerNotification(tx, a)
}

type Handlers = typeof queries & typeof mutations
// Every command of the contract has exactly one handler, and no handler lacks a contract entry.
export const handlers: { [K in CommandName]: Handlers[K] } = { ...queries, ...mutations }

/** What a command returns, derived from its handler: the renderer's api client is typed by this. */
export type CommandResult<K extends CommandName> = ReturnType<Handlers[K]>
