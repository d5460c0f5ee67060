import type { Database } from 'better-sqlite3'
import type { Role } from '../../shared/domain/roles'

/** A user as the rest of the product sees it: never the PIN hash. */
export interface User {
  id: number
  name: string
  username: string
  role: Role
  /** The technician whose orders a technician user may clock; null for other roles. */
  technicianId: number | null
  active: boolean
  /** UTC instant until which PIN entry is refused, or null. */
  lockedUntil: string | null
  version: number
}

export interface UserRow {
  id: number
  name: string
  username: string
  role: Role
  pin_hash: string
  technician_id: number | null
  active: number
  failed_pin_count: number
  locked_until: number | null
  version: number
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    name: r.name,
    username: r.username,
    role: r.role,
    technicianId: r.technician_id,
    active: r.active === 1,
    lockedUntil: r.locked_until === null ? null : new Date(r.locked_until).toISOString(),
    version: r.version
  }
}

export function listUsers(db: Database): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY name COLLATE NOCASE, id').all() as UserRow[]).map(toUser)
}

export function countUsers(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
}

export function getUserRow(db: Database, id: number): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
}

export function findUserRowByUsername(db: Database, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
}

export function countActiveAdmins(db: Database): number {
  return (db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get() as { n: number }).n
}

export interface UserRecord {
  name: string
  username: string
  role: Role
  pinHash: string
  technicianId: number | null
  active: boolean
}

export function insertUser(db: Database, u: UserRecord, now: number): number {
  const info = db
    .prepare(
      `INSERT INTO users (name, username, role, pin_hash, technician_id, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(u.name, u.username, u.role, u.pinHash, u.technicianId, u.active ? 1 : 0, now, now)
  return Number(info.lastInsertRowid)
}

/** Rewrites a user's details; `version` guards against a concurrent edit. Returns false when stale. */
export function updateUser(
  db: Database,
  id: number,
  version: number,
  u: Omit<UserRecord, 'username'> & { clearLock: boolean },
  now: number
): boolean {
  return (
    db
      .prepare(
        `UPDATE users SET name = ?, role = ?, pin_hash = ?, technician_id = ?, active = ?,
           failed_pin_count = CASE WHEN ? THEN 0 ELSE failed_pin_count END,
           locked_until = CASE WHEN ? THEN NULL ELSE locked_until END,
           updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?`
      )
      .run(u.name, u.role, u.pinHash, u.technicianId, u.active ? 1 : 0, u.clearLock ? 1 : 0, u.clearLock ? 1 : 0, now, id, version)
      .changes === 1
  )
}

/**
 * Counts one wrong PIN; the `limit`-th in a row locks the user until `lockUntil` and restarts
 * the count, so after the lock the user again has `limit` tries. Returns the row afterwards.
 */
export function recordPinFailure(db: Database, id: number, limit: number, lockUntil: number): UserRow {
  db.prepare(
    `UPDATE users SET
       locked_until = CASE WHEN failed_pin_count + 1 >= ? THEN ? ELSE locked_until END,
       failed_pin_count = CASE WHEN failed_pin_count + 1 >= ? THEN 0 ELSE failed_pin_count + 1 END
     WHERE id = ?`
  ).run(limit, lockUntil, limit, id)
  return getUserRow(db, id) as UserRow
}

export function recordPinSuccess(db: Database, id: number): void {
  db.prepare('UPDATE users SET failed_pin_count = 0, locked_until = NULL WHERE id = ? AND (failed_pin_count <> 0 OR locked_until IS NOT NULL)').run(id)
}

export function insertSession(db: Database, tokenHash: string, userId: number, now: number, expiresAt: number): void {
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    tokenHash,
    userId,
    now,
    expiresAt
  )
}

/** The active user behind an unexpired session, or undefined. */
export function findSessionUser(db: Database, tokenHash: string, now: number): UserRow | undefined {
  return db
    .prepare(
      `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1`
    )
    .get(tokenHash, now) as UserRow | undefined
}

export function deleteSession(db: Database, tokenHash: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
}

export function deleteSessionsOfUser(db: Database, userId: number): void {
  db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
}

export function deleteExpiredSessions(db: Database, now: number): void {
  db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now)
}
