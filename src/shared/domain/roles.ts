import type { CommandName } from '../api/commands'

/**
 * Who may do what on the board (issue 4). The server checks every command against this
 * table, whatever the UI shows, because network stations are untrusted.
 */
export const ROLES = ['dispatcher', 'qc_inspector', 'technician', 'wall_display', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** A command anyone may call, logged in or not (logging in itself, first-run setup). */
export const PUBLIC = 'public' as const
export type Permission = typeof PUBLIC | readonly Role[]

const ALL: readonly Role[] = ROLES
const DISPATCH: readonly Role[] = ['dispatcher']
const STAFF: readonly Role[] = ['dispatcher', 'qc_inspector', 'admin']
// The desktop app's own window is the dispatcher without a login, so the catalogue editors it
// already has (technicians, skills) stay open to the dispatcher as well as the administrator.
const DISPATCH_OR_ADMIN: readonly Role[] = ['dispatcher', 'admin']

/**
 * command -> roles allowed to call it. Typed over every CommandName, so adding a command to
 * the contract without deciding who may call it fails the typecheck.
 */
export const PERMISSIONS = {
  'board-get': ALL,
  'repair-order-get': ['dispatcher', 'qc_inspector', 'technician', 'admin'],
  'repair-order-create': DISPATCH,
  'repair-order-update': DISPATCH,
  'repair-order-assign': DISPATCH,
  'repair-order-unassign': DISPATCH,
  'repair-order-cancel': DISPATCH,
  'technician-create': DISPATCH_OR_ADMIN,
  'technician-update': DISPATCH_OR_ADMIN,
  'skill-create': DISPATCH_OR_ADMIN,
  'skill-update': DISPATCH_OR_ADMIN,
  'workshop-load-demo': DISPATCH_OR_ADMIN,
  'audit-list': DISPATCH_OR_ADMIN,
  'qc-queue': STAFF,
  // Technicians too: their job tickets print the checks their orders will be held to.
  'qc-checklist-get': [...STAFF, 'technician'],
  // The checklist is the gate's policy: only the administrator (service manager) changes it.
  'qc-checklist-update': ['admin'],
  // Whoever carries the tablet may submit, but the signature is the inspector's PIN (checked in services/qc.ts).
  'qc-sign-off': ['dispatcher', 'qc_inspector'],
  'qc-record-list': STAFF,
  'qc-inspector-list': STAFF,
  'repair-order-deliver': DISPATCH,
  'repair-order-history': ['dispatcher', 'qc_inspector', 'technician', 'admin'],
  'user-list': ['admin'],
  'user-create': ['admin'],
  'user-update': ['admin'],
  'auth-setup': PUBLIC,
  'auth-login': PUBLIC,
  'auth-logout': PUBLIC,
  'auth-whoami': PUBLIC,
  // issue 3: calendar, labour clock, stoppages, customer notifications
  'calendar-get': ALL,
  'calendar-update': DISPATCH_OR_ADMIN,
  'technician-attendance-set': DISPATCH_OR_ADMIN,
  // A technician clocks on and off their own orders (checked per order, see below); parking frees
  // the technician for other work, which is the dispatcher's decision.
  'repair-order-start': ['dispatcher', 'technician'],
  'repair-order-pause': ['dispatcher', 'technician'],
  'repair-order-resume': ['dispatcher', 'technician'],
  'repair-order-finish': ['dispatcher', 'technician'],
  'repair-order-park': DISPATCH,
  'clock-segment-list': ['dispatcher', 'technician', 'admin'],
  'clock-segment-edit': DISPATCH,
  'stoppage-list': STAFF,
  'stoppage-update': DISPATCH,
  'customer-notification-record': DISPATCH,
  'customer-notification-list': DISPATCH_OR_ADMIN,
  'promise-report': DISPATCH_OR_ADMIN,
  // issue 5: the service manager reads reports as the administrator (or at the dispatcher's PC)
  'report-summary': DISPATCH_OR_ADMIN,
  'backup-status': DISPATCH_OR_ADMIN,
  'backup-now': DISPATCH_OR_ADMIN,
  // The DMS exchange: orders come in where they are dispatched; delivered ones go out for settlement.
  'repair-order-import-check': DISPATCH,
  'repair-order-import': DISPATCH,
  'repair-order-export': DISPATCH_OR_ADMIN
} as const satisfies Record<CommandName, Permission>

/**
 * Commands on one repair order (args `{ id }`) that a technician may call only for orders on
 * their own lane: they see and clock their own jobs, not their colleagues'.
 */
export const TECHNICIAN_OWN_ORDER_COMMANDS: readonly CommandName[] = [
  'repair-order-get',
  'repair-order-history',
  'repair-order-start',
  'repair-order-pause',
  'repair-order-resume',
  'repair-order-finish',
  'clock-segment-list'
]

/** Whether a role may call a command (public commands: everyone, including nobody logged in). */
export function isAllowed(command: CommandName, role: Role | null): boolean {
  const p: Permission = PERMISSIONS[command]
  if (p === PUBLIC) return true
  return role !== null && p.includes(role)
}
