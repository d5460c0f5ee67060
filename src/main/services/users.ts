import { randomBytes } from 'node:crypto'
import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import type { Role } from '../../shared/domain/roles'
import { findTechnicianIdByEmployeeNo } from '../db/technicians.repo'
import {
  countActiveAdmins,
  countUsers,
  deleteSessionsOfUser,
  findUserRowByUsername,
  getUserRow,
  insertUser,
  toUser,
  updateUser as writeUser,
  type User,
  type UserRow
} from '../db/users.repo'
import { hashPin } from './auth'
import { requireTechnician } from './repair-orders'
import type { Tx } from './tx'

function requireUserRow(tx: Tx, id: number): UserRow {
  const row = getUserRow(tx.db, id)
  if (!row) throw new AppError('NOT_FOUND', { entity: 'user', id })
  return row
}

export function createUser(tx: Tx, a: ParsedArgs<'user-create'>): User {
  if (findUserRowByUsername(tx.db, a.username)) throw new AppError('DUPLICATE_USERNAME', { username: a.username })
  const technicianId = a.role === 'technician' ? (a.technicianId ?? null) : null
  if (technicianId !== null) requireTechnician(tx.db, technicianId)
  const id = insertUser(
    tx.db,
    { name: a.name, username: a.username, role: a.role, pinHash: hashPin(a.pin), technicianId, active: a.active ?? true },
    tx.now
  )
  const user = toUser(requireUserRow(tx, id))
  tx.extraAudit.user = { before: null, after: user }
  return user
}

/** Edits a user; a new PIN or `unlock` clears a lockout, and a new PIN or deactivation ends their sessions. */
export function updateUser(tx: Tx, a: ParsedArgs<'user-update'>): User {
  const row = requireUserRow(tx, a.id)
  const before = toUser(row)
  const role = a.role ?? row.role
  const active = a.active ?? row.active === 1
  // Leaving the technician role drops the link; keeping it keeps the link unless a new one is given.
  const technicianId = role === 'technician' ? (a.technicianId !== undefined ? a.technicianId : row.technician_id) : null
  if (role === 'technician' && technicianId === null) {
    throw new AppError('VALIDATION', {}, [{ path: 'technicianId', message: { en: 'is required for a technician', zh: '技术员用户必须关联技术员' } }])
  }
  if (technicianId !== null) requireTechnician(tx.db, technicianId)
  // Someone must always be able to manage users and settings.
  if (row.role === 'admin' && row.active === 1 && (role !== 'admin' || !active) && countActiveAdmins(tx.db) <= 1) {
    throw new AppError('LAST_ADMIN')
  }
  const ok = writeUser(
    tx.db,
    a.id,
    a.version,
    {
      name: a.name ?? row.name,
      role,
      pinHash: a.pin !== undefined ? hashPin(a.pin) : row.pin_hash,
      technicianId,
      active,
      clearLock: a.unlock === true || a.pin !== undefined
    },
    tx.now
  )
  if (!ok) throw new AppError('STALE', { entity: 'user' })
  if (a.pin !== undefined || !active || role !== row.role) deleteSessionsOfUser(tx.db, a.id)
  const user = toUser(requireUserRow(tx, a.id))
  tx.extraAudit.user = { before, after: user }
  return user
}

/**
 * Demo stations' users for `npm run serve -- --demo` only (never the desktop app's demo): their
 * PINs are public in docs/security.md, so they must never guard a real workshop's data.
 */
export const DEMO_USERS: readonly { name: string; username: string; role: Role; pin: string; employeeNo?: string }[] = [
  { name: 'Admin 管理员', username: 'admin', role: 'admin', pin: '9000' },
  { name: '调度 Dispatcher', username: 'dispatcher', role: 'dispatcher', pin: '1000' },
  { name: '质检 周检', username: 'inspector', role: 'qc_inspector', pin: '2000' },
  { name: '王建国', username: 'tech', role: 'technician', pin: '3000', employeeNo: 'T001' },
  { name: 'Wall display 大屏', username: 'wall', role: 'wall_display', pin: '4000' }
]

/** Creates one demo user; a technician's only once their technician (by employee number) exists. */
function createDemoUser(tx: Tx, u: (typeof DEMO_USERS)[number]): User | null {
  const technicianId = u.employeeNo ? (findTechnicianIdByEmployeeNo(tx.db, u.employeeNo) ?? null) : null
  if (u.role === 'technician' && technicianId === null) return null
  return createUser(tx, { name: u.name, username: u.username, role: u.role, pin: u.pin, technicianId })
}

/** Creates the demo users into a database without users; the technician user only when T001 exists. */
export function seedDemoUsers(tx: Tx): User[] {
  if (countUsers(tx.db) > 0) return []
  const created = DEMO_USERS.map((u) => createDemoUser(tx, u)).filter((u): u is User => u !== null)
  tx.extraAudit.user = { before: null, after: created }
  return created
}

/**
 * The demo technician's user, once T001 exists (serve --demo seeds the users before the demo
 * creates its technicians). Only right after seedDemoUsers made the others; null if T001 is
 * missing or the username is taken.
 */
export function seedDemoTechnicianUser(tx: Tx): User | null {
  const u = DEMO_USERS.find((d) => d.role === 'technician')
  if (!u || findUserRowByUsername(tx.db, u.username)) return null
  const user = createDemoUser(tx, u)
  if (user) tx.extraAudit.user = { before: null, after: [user] }
  return user
}

/** The username of the demo's own QC signer (demoHistorySigner). */
export const DEMO_SIGNER_USERNAME = 'demo-qc'

/**
 * Who signed the QC of the demo's past weeks when the workshop has no active inspector (the
 * desktop's or a plain station's "load the demo"): an inactive inspector with a random PIN that
 * nobody knows, so it can never sign in or sign anything new; the administrator sees it in the
 * user list, inactive. Reused if an earlier demo made it; null if its username is someone else's.
 */
export function demoHistorySigner(tx: Tx): { id: number; name: string } | null {
  const row = findUserRowByUsername(tx.db, DEMO_SIGNER_USERNAME)
  if (row) return row.role === 'qc_inspector' ? { id: row.id, name: row.name } : null
  const user = createUser(tx, {
    name: '演示质检 Demo QC',
    username: DEMO_SIGNER_USERNAME,
    role: 'qc_inspector',
    pin: randomBytes(24).toString('base64url'),
    technicianId: null,
    active: false
  })
  return { id: user.id, name: user.name }
}
