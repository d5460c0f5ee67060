import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { User } from '../../src/main/db/users.repo'
import { callerForToken, hashPin, LOCK_MINUTES, PIN_ATTEMPTS, verifyPinHash, type LoginResult, type WhoAmI } from '../../src/main/services/auth'
import { harness, type Harness } from './helpers'
import { ADMIN, as, callAs, newTech, okAs, orderAwaitingQc } from './qc-helpers'

const T0 = Date.parse('2026-11-25T01:00:00Z')
let now = T0
let h: Harness

beforeEach(() => {
  now = T0
  h = harness(() => now)
})
afterEach(() => h.close())

const NOBODY_REMOTE = { actor: 'station@192.168.1.50', role: null, local: false }
const NOBODY_LOCAL = { actor: 'station@127.0.0.1', role: null, local: true }
const login = (username: string, pin: string) => callAs<LoginResult>(h, NOBODY_REMOTE, 'auth-login', { username, pin })
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code)

describe('PIN hashing (scrypt, random salt, constant-time compare)', () => {
  it('stores scrypt$N$r$p$salt$hash, different for the same PIN, and verifies only the right PIN', () => {
    const a = hashPin('1234')
    const b = hashPin('1234')
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
    expect(a).not.toBe(b)
    expect(verifyPinHash('1234', a)).toBe(true)
    expect(verifyPinHash('1235', a)).toBe(false)
    expect(verifyPinHash('1234', 'plain$1234')).toBe(false)
  })

  it('no PIN and no session token is found anywhere in the database file bytes', () => {
    const pins = ['73519246', '90817263', '55102938']
    okAs(h, ADMIN, 'user-create', { name: '周检', username: 'zhou', role: 'qc_inspector', pin: pins[0] })
    const admin = okAs<User>(h, ADMIN, 'user-create', { name: 'Boss', username: 'boss', role: 'admin', pin: pins[1] })
    okAs(h, ADMIN, 'user-update', { id: admin.id, version: admin.version, pin: pins[2] })
    const session = login('zhou', pins[0])
    expect(session.ok).toBe(true)
    login('zhou', '11112222') // a wrong PIN must not be written down either
    const token = session.ok ? session.result.token : ''
    h.db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = [h.file, `${h.file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1'))
    for (const b of bytes) for (const secret of [...pins, '11112222', token]) expect(b.includes(secret)).toBe(false)
    // ...and these are the right bytes: the hashes are there.
    expect(bytes.join('').includes('scrypt$16384')).toBe(true)
  })
})

describe('logging in', () => {
  beforeEach(() => {
    okAs(h, ADMIN, 'user-create', { name: '周检', username: 'zhou', role: 'qc_inspector', pin: '482913' })
  })

  it('gives a session token that identifies the user and role; the database keeps only its hash', () => {
    const r = login('ZHOU', '482913')
    if (!r.ok) throw new Error(r.error.code)
    expect(r.result.user).toMatchObject({ username: 'zhou', role: 'qc_inspector' })
    expect(r.result.expiresAt).toBe(new Date(T0 + 12 * 3_600_000).toISOString())
    const caller = callerForToken(h.db, r.result.token, now, false)
    expect(caller).toMatchObject({ role: 'qc_inspector', userId: r.result.user.id })
    expect(h.db.prepare('SELECT count(*) AS n FROM sessions WHERE token_hash = ?').get(r.result.token)).toEqual({ n: 0 })
    expect(okAs<WhoAmI>(h, caller!, 'auth-whoami')).toMatchObject({ role: 'qc_inspector', trustedStation: false, user: { name: '周检' } })
    // Sessions end: after 12 hours, and on logout.
    expect(callerForToken(h.db, r.result.token, now + 12 * 3_600_000, false)).toBeUndefined()
    okAs(h, caller!, 'auth-logout')
    expect(callerForToken(h.db, r.result.token, now, false)).toBeUndefined()
  })

  it('an unknown username gets the same answer as a wrong PIN', () => {
    expect(code(login('nobody', '482913'))).toBe('PIN_INVALID')
    expect(code(login('zhou', '000000'))).toBe('PIN_INVALID')
    expect(login('nobody', '482913')).toEqual({ ...login('zhou', '000001'), error: expect.objectContaining({ code: 'PIN_INVALID' }) })
  })

  it(`${PIN_ATTEMPTS} wrong PINs lock the user for ${LOCK_MINUTES} minutes, then the right PIN works again`, () => {
    for (let i = 1; i < PIN_ATTEMPTS; i++) expect(code(login('zhou', '000000'))).toBe('PIN_INVALID')
    const fifth = login('zhou', '000000')
    expect(code(fifth)).toBe('USER_LOCKED')
    if (!fifth.ok) {
      expect(fifth.error.message.en).toContain('15 min')
      expect(fifth.error.message.zh).toContain('15 分钟')
    }
    // Locked: even the right PIN is refused, without being checked.
    expect(code(login('zhou', '482913'))).toBe('USER_LOCKED')
    now += (LOCK_MINUTES - 1) * 60_000
    expect(code(login('zhou', '482913'))).toBe('USER_LOCKED')
    now += 60_000
    expect(code(login('zhou', '482913'))).toBe('ok')
  })

  it('the count is of wrong PINs in a row: a right one starts it again', () => {
    for (let i = 1; i < PIN_ATTEMPTS; i++) login('zhou', '000000')
    expect(code(login('zhou', '482913'))).toBe('ok')
    for (let i = 1; i < PIN_ATTEMPTS; i++) expect(code(login('zhou', '000000'))).toBe('PIN_INVALID')
    expect(code(login('zhou', '482913'))).toBe('ok')
  })

  it('wrong PINs at QC sign-off count towards the same lockout (the refused sign-off still records them)', () => {
    const order = orderAwaitingQc(h, newTech(h))
    const signOff = (pin: string) =>
      code(h.call('qc-sign-off', { id: order.id, username: 'zhou', pin, result: 'pass', checkedItemIds: ['requested-work'] }))
    for (let i = 1; i < PIN_ATTEMPTS; i++) expect(signOff('000000')).toBe('PIN_INVALID')
    expect(signOff('000000')).toBe('USER_LOCKED')
    expect(code(login('zhou', '482913'))).toBe('USER_LOCKED')
    expect(h.ok<{ status: string }>('repair-order-get', { id: order.id }).status).toBe('awaiting_qc')
  })

  it('the administrator can unlock a user before the window ends', () => {
    for (let i = 0; i < PIN_ATTEMPTS; i++) login('zhou', '000000')
    const u = okAs<User[]>(h, ADMIN, 'user-list').find((x) => x.username === 'zhou')!
    expect(u.lockedUntil).toBe(new Date(T0 + LOCK_MINUTES * 60_000).toISOString())
    okAs(h, ADMIN, 'user-update', { id: u.id, version: u.version, unlock: true })
    expect(code(login('zhou', '482913'))).toBe('ok')
  })

  it('an inactive user cannot log in, and deactivating ends their sessions', () => {
    const r = login('zhou', '482913')
    if (!r.ok) throw new Error(r.error.code)
    const u = r.result.user
    okAs(h, ADMIN, 'user-update', { id: u.id, version: u.version, active: false })
    expect(callerForToken(h.db, r.result.token, now, false)).toBeUndefined()
    expect(code(login('zhou', '482913'))).toBe('PIN_INVALID')
  })
})

describe('users', () => {
  it('usernames are unique regardless of case; a technician user must name their technician', () => {
    okAs(h, ADMIN, 'user-create', { name: 'A', username: 'wang', role: 'dispatcher', pin: '1234' })
    expect(code(callAs(h, ADMIN, 'user-create', { name: 'B', username: 'WANG', role: 'dispatcher', pin: '1234' }))).toBe('DUPLICATE_USERNAME')
    expect(code(callAs(h, ADMIN, 'user-create', { name: 'C', username: 'c1', role: 'technician', pin: '1234' }))).toBe('VALIDATION')
    expect(code(callAs(h, ADMIN, 'user-create', { name: 'C', username: 'c1', role: 'dispatcher', pin: '12' }))).toBe('VALIDATION')
    expect(code(callAs(h, ADMIN, 'user-create', { name: 'C', username: 'c1', role: 'technician', pin: '1234', technicianId: 999 }))).toBe('NOT_FOUND')
  })

  it('the last active administrator cannot be demoted or deactivated', () => {
    const boss = okAs<User>(h, ADMIN, 'user-create', { name: 'Boss', username: 'boss', role: 'admin', pin: '1234' })
    expect(code(callAs(h, ADMIN, 'user-update', { id: boss.id, version: boss.version, role: 'dispatcher' }))).toBe('LAST_ADMIN')
    expect(code(callAs(h, ADMIN, 'user-update', { id: boss.id, version: boss.version, active: false }))).toBe('LAST_ADMIN')
    okAs(h, ADMIN, 'user-create', { name: 'Deputy', username: 'deputy', role: 'admin', pin: '1234' })
    expect(code(callAs(h, ADMIN, 'user-update', { id: boss.id, version: boss.version, role: 'dispatcher' }))).toBe('ok')
  })

  it('user changes are audited without the PIN hash', () => {
    const before = h.counts().audit
    okAs(h, ADMIN, 'user-create', { name: 'A', username: 'wang', role: 'dispatcher', pin: '1234' })
    expect(h.counts().audit).toBe(before + 1)
    const row = h.ok<{ actor: string; command: string; after: unknown }[]>('audit-list', { limit: 1 })[0]
    expect(row).toMatchObject({ actor: 'test-admin', command: 'user-create' })
    expect(JSON.stringify(row.after)).not.toContain('scrypt')
  })
})

describe('first run', () => {
  const setup = { name: '店长', username: 'boss', pin: '246810' }

  it('with no users, a caller on this PC creates the first administrator, once', () => {
    expect(okAs<WhoAmI>(h, NOBODY_LOCAL, 'auth-whoami').setupOpen).toBe(true)
    expect(okAs<WhoAmI>(h, NOBODY_REMOTE, 'auth-whoami').setupOpen).toBe(false)
    expect(code(callAs(h, NOBODY_REMOTE, 'auth-setup', setup))).toBe('SETUP_NOT_ALLOWED')
    const r = okAs<LoginResult>(h, NOBODY_LOCAL, 'auth-setup', setup)
    expect(r.user.role).toBe('admin')
    expect(callerForToken(h.db, r.token, now, true)?.role).toBe('admin')
    expect(code(callAs(h, NOBODY_LOCAL, 'auth-setup', { ...setup, username: 'boss2' }))).toBe('SETUP_NOT_ALLOWED')
    expect(okAs<WhoAmI>(h, NOBODY_LOCAL, 'auth-whoami').setupOpen).toBe(false)
  })

  it('the desktop app (in-process caller) is the dispatcher without a login', () => {
    expect(h.ok<WhoAmI>('auth-whoami')).toEqual({ user: null, role: 'dispatcher', trustedStation: true, setupOpen: true })
    expect(code(h.call('user-list'))).toBe('FORBIDDEN')
    expect(code(callAs(h, as('wall_display'), 'repair-order-create', {}))).toBe('FORBIDDEN')
  })
})
