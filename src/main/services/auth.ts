import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { AppError, type ErrorCode } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import { isAllowed, TECHNICIAN_OWN_ORDER_COMMANDS, type Role } from '../../shared/domain/roles'
import type { CommandName } from '../../shared/api/commands'
import { getRepairOrder } from '../db/repair-orders.repo'
import {
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  findUserRowByUsername,
  getUserRow,
  insertSession,
  insertUser,
  recordPinFailure,
  recordPinSuccess,
  toUser,
  type User,
  type UserRow
} from '../db/users.repo'
import type { Caller, Tx } from './tx'

/** Wrong PINs in a row that lock a user, and for how long (issue 4). */
export const PIN_ATTEMPTS = 5
export const LOCK_MINUTES = 15
/** A station stays logged in for about a shift. */
export const SESSION_HOURS = 12
export const SESSION_COOKIE = 'wdb_session'

// scrypt at N=2^14, r=8: ~50 ms per PIN on the shop PC; slow enough that a stolen data file
// does not give up a short PIN cheaply, fast enough for a synchronous login.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const
const KEY_LENGTH = 32

/** A PIN as stored: `scrypt$N$r$p$salt$hash` with a random 16-byte salt (base64url). */
export function hashPin(pin: string): string {
  const salt = randomBytes(16)
  const hash = scryptSync(pin, salt, KEY_LENGTH, { ...SCRYPT, maxmem: 64 * 1024 * 1024 })
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`
}

/** Whether a PIN matches a stored hash, compared in constant time. */
export function verifyPinHash(pin: string, stored: string): boolean {
  const [kind, n, r, p, salt, hash] = stored.split('$')
  if (kind !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = scryptSync(pin, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024
  })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

let dummyHash: string | undefined
/** Hashes against a throw-away hash so an unknown username takes as long as a wrong PIN. */
function burnTime(pin: string): void {
  dummyHash ??= hashPin('0000')
  verifyPinHash(pin, dummyHash)
}

/**
 * A wrong PIN. The command's transaction rolls back like any refusal, so the failure count is
 * written afterwards by the dispatcher (core.ts) through `persist`: otherwise the rollback would
 * undo the count and the lockout could never trigger.
 */
export class PinRejected extends AppError {
  constructor(
    code: ErrorCode,
    params: Record<string, string | number>,
    readonly persist: (db: Database) => void
  ) {
    super(code, params)
  }
}

/**
 * Checks a user's PIN at `now` (ms): refuses a locked, inactive or unknown user, counts a wrong
 * PIN (the fifth in a row locks the user for 15 minutes) and clears the count on success.
 */
export function checkPin(db: Database, row: UserRow | undefined, pin: string, now: number): UserRow {
  if (!row || row.active !== 1) {
    burnTime(pin)
    throw new AppError('PIN_INVALID')
  }
  if (row.locked_until !== null && row.locked_until > now) {
    throw new AppError('USER_LOCKED', { name: row.name, minutes: Math.ceil((row.locked_until - now) / 60_000) })
  }
  if (!verifyPinHash(pin, row.pin_hash)) {
    const lockUntil = now + LOCK_MINUTES * 60_000
    const persist = (d: Database) => void recordPinFailure(d, row.id, PIN_ATTEMPTS, lockUntil)
    if (row.failed_pin_count + 1 >= PIN_ATTEMPTS) throw new PinRejected('USER_LOCKED', { name: row.name, minutes: LOCK_MINUTES }, persist)
    throw new PinRejected('PIN_INVALID', {}, persist)
  }
  recordPinSuccess(db, row.id)
  return row
}

/** Session tokens are 32 random bytes; the database keeps only their SHA-256. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function openSession(db: Database, userId: number, now: number): { token: string; expiresAt: string } {
  deleteExpiredSessions(db, now)
  const token = randomBytes(32).toString('base64url')
  const expiresAt = now + SESSION_HOURS * 3_600_000
  insertSession(db, tokenHash(token), userId, now, expiresAt)
  return { token, expiresAt: new Date(expiresAt).toISOString() }
}

/** How a user appears in the audit log's "who". */
export const actorOf = (u: Pick<UserRow, 'name' | 'username'>): string => `${u.name} (${u.username})`

/** The caller behind a session token, or undefined when the token is unknown, expired or its user inactive. */
export function callerForToken(db: Database, token: string, now: number, local: boolean): Caller | undefined {
  const hash = tokenHash(token)
  const row = findSessionUser(db, hash, now)
  if (!row) return undefined
  return { actor: actorOf(row), role: row.role, userId: row.id, technicianId: row.technician_id, sessionId: hash, local }
}

/** In-process callers (desktop IPC, CLI, tests) leave the role out: they are the dispatcher's own station. */
export function effectiveRole(caller: Caller): Role | null {
  return caller.role === undefined ? 'dispatcher' : caller.role
}

/** Refuses a command the caller's role may not call: 401 when nobody is logged in, else 403. */
export function authorize(command: CommandName, caller: Caller): void {
  const role = effectiveRole(caller)
  if (isAllowed(command, role)) return
  if (role === null) throw new AppError('UNAUTHENTICATED', { command })
  throw new AppError('FORBIDDEN', { command, role })
}

/** A technician reads and clocks only the orders on their own lane. */
export function authorizeOrder(db: Database, command: CommandName, args: unknown, caller: Caller): void {
  if (effectiveRole(caller) !== 'technician' || !TECHNICIAN_OWN_ORDER_COMMANDS.includes(command)) return
  const id = (args as { id?: unknown }).id
  const order = typeof id === 'number' ? getRepairOrder(db, id) : undefined
  // FORBIDDEN, not NOT_FOUND, so that a technician cannot probe which order ids exist.
  if (!order || order.technicianId === null || order.technicianId !== caller.technicianId) {
    throw new AppError('FORBIDDEN', { command, role: 'technician' })
  }
}

export interface LoginResult {
  /** Bearer token; the HTTP station also sets it as an HttpOnly cookie. */
  token: string
  expiresAt: string
  user: User
}

export function login(tx: Tx, a: ParsedArgs<'auth-login'>): LoginResult {
  const row = checkPin(tx.db, findUserRowByUsername(tx.db, a.username), a.pin, tx.now)
  return { ...openSession(tx.db, row.id, tx.now), user: toUser(row) }
}

export function logout(tx: Tx): { loggedOut: boolean } {
  if (!tx.caller.sessionId) return { loggedOut: false }
  deleteSession(tx.db, tx.caller.sessionId)
  return { loggedOut: true }
}

/** Whether this caller is on this PC: in-process (IPC, tests) or a loopback socket. */
const isLocal = (caller: Caller): boolean => caller.role === undefined || caller.local === true

/** First run: with no users at all, a caller on this PC creates the first administrator and is logged in. */
export function setupFirstAdmin(tx: Tx, a: ParsedArgs<'auth-setup'>): LoginResult {
  if (countUsers(tx.db) > 0) throw new AppError('SETUP_NOT_ALLOWED', { reason: 'done' })
  if (!isLocal(tx.caller)) throw new AppError('SETUP_NOT_ALLOWED', { reason: 'remote' })
  const id = insertUser(
    tx.db,
    { name: a.name, username: a.username, role: 'admin', pinHash: hashPin(a.pin), technicianId: null, active: true },
    tx.now
  )
  const user = toUser(getUserRow(tx.db, id) as UserRow)
  tx.extraAudit.user = { before: null, after: user }
  return { ...openSession(tx.db, id, tx.now), user }
}

export interface WhoAmI {
  user: User | null
  role: Role | null
  /** The desktop app's own window (or another in-process caller): the dispatcher without a login. */
  trustedStation: boolean
  /** No users exist yet and this caller may create the first administrator (`auth-setup`). */
  setupOpen: boolean
}

export function whoami(db: Database, caller: Caller): WhoAmI {
  const row = caller.userId !== undefined ? getUserRow(db, caller.userId) : undefined
  return {
    user: row ? toUser(row) : null,
    role: effectiveRole(caller),
    trustedStation: caller.userId === undefined && effectiveRole(caller) !== null,
    setupOpen: isLocal(caller) && countUsers(db) === 0
  }
}
