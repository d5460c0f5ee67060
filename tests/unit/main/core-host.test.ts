import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { FromCore, ToCore } from '../../../src/main/electron/core-protocol'
import { hostCore, lanAddress, type ParentPortLike } from '../../../src/main/electron/core-host'
import { createCoreClient, CoreFatalError, type CoreChild } from '../../../src/main/electron/core-client'
import { EventEmitter } from 'node:events'

/** A parentPort and a UtilityProcess wired back to back, as Electron does across processes. */
function pipe() {
  const toMain = new EventEmitter()
  const toCore = new EventEmitter()
  const port: ParentPortLike = {
    postMessage: (m: FromCore) => queueMicrotask(() => toMain.emit('message', structuredClone(m))),
    on: (_e, l) => toCore.on('message', l)
  }
  const child: CoreChild & { exit(code: number): void } = {
    postMessage: (m: ToCore) => queueMicrotask(() => toCore.emit('message', { data: structuredClone(m) })),
    on: (event: string, l: (arg: never) => void) => toMain.on(event, l as (...args: unknown[]) => void),
    exit: (code) => toMain.emit('exit', code)
  }
  return { port, child }
}

const dirs: string[] = []
function tempFile() {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-core-host-'))
  dirs.push(dir)
  return join(dir, 'workshop.db')
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the core in the utility process', () => {
  it('answers calls over the port and pushes board changes', async () => {
    const { port, child } = pipe()
    const client = createCoreClient(child)
    const file = tempFile()
    const core = hostCore({ port, dbFile: file, staticDir: '/nonexistent', log: () => {}, autoBackup: false })
    await expect(client.ready).resolves.toBe(file)
    const changes: unknown[] = []
    client.onBoardChanged((c) => changes.push(c))
    const board = await client.call('board-get', {}, 'desktop')
    expect(board.ok).toBe(true)
    const unknown = await client.call('no-such-command', {}, 'desktop')
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
    const demo = await client.call('workshop-load-demo', {}, 'desktop')
    expect(demo.ok).toBe(true)
    await new Promise((r) => setTimeout(r, 0))
    expect(changes.length).toBe(1)
    core?.db.close()
  })

  it("keeps daily copies beside the data file, as the browser station does, and tells the dispatcher's window", async () => {
    const { port, child } = pipe()
    const client = createCoreClient(child)
    const file = tempFile()
    const core = hostCore({ port, dbFile: file, staticDir: '/nonexistent', log: () => {} })
    await client.ready
    const status = await client.call('backup-status', {}, 'desktop')
    expect(status).toMatchObject({ ok: true, result: { enabled: true, dir: join(dirname(file), 'backups'), keep: 14, count: 0, last: null } })
    core?.db.close()
  })

  it('shares the board on the network and stops sharing', async () => {
    const { port, child } = pipe()
    const client = createCoreClient(child)
    const file = tempFile()
    const core = hostCore({ port, dbFile: file, staticDir: dirname(file), sharePort: 0, log: () => {}, autoBackup: false })
    await client.ready
    const url = await client.share(true)
    expect(url).toMatch(/^http:\/\/[\d.]+:\d+$/)
    const local = url!.replace(/\/\/[\d.]+:/, '//127.0.0.1:')
    const health = (await (await fetch(`${local}/api/health`)).json()) as { ok: boolean }
    expect(health.ok).toBe(true)
    await expect(client.share(false)).resolves.toBeNull()
    await expect(fetch(`${local}/api/health`)).rejects.toThrow()
    core?.db.close()
  })

  it('refuses a file from a newer version with DB_TOO_NEW and leaves it byte for byte', async () => {
    const file = tempFile()
    const db = new Database(file)
    db.pragma('user_version = 999')
    db.close()
    const before = createHash('sha256').update(readFileSync(file)).digest('hex')
    const { port, child } = pipe()
    const client = createCoreClient(child)
    expect(hostCore({ port, dbFile: file, staticDir: '/nonexistent', log: () => {}, autoBackup: false })).toBeUndefined()
    const error = await client.ready.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CoreFatalError)
    expect((error as CoreFatalError).error.code).toBe('DB_TOO_NEW')
    expect((error as CoreFatalError).error.message.zh).toMatch(/更新版本/)
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before)
    expect(existsSync(`${file}-wal`)).toBe(false)
  })

  it('answers waiting calls with an error when the core process dies', async () => {
    const { child } = pipe()
    const client = createCoreClient(child)
    client.ready.catch(() => {})
    const pending = client.call('board-get', {}, 'desktop')
    child.exit(3)
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(client.call('board-get', {}, 'desktop')).resolves.toMatchObject({ ok: false })
  })

  it('picks a non-loopback IPv4 address for the shared URL', () => {
    const lo = { address: '127.0.0.1', family: 'IPv4', internal: true }
    const lan = { address: '192.168.1.20', family: 'IPv4', internal: false }
    const v6 = { address: 'fe80::1', family: 'IPv6', internal: false }
    expect(lanAddress({ lo: [lo], eth0: [v6, lan] } as never)).toBe('192.168.1.20')
    expect(lanAddress({ lo: [lo] } as never)).toBeUndefined()
  })
})

describe("the desktop window's own login (issue 4)", () => {
  it('works as the trusted dispatcher, logs in as the administrator for admin screens, and back on logout', async () => {
    const { port, child } = pipe()
    const client = createCoreClient(child)
    const file = tempFile()
    const core = hostCore({ port, dbFile: file, staticDir: '/nonexistent', log: () => {}, autoBackup: false })
    await client.ready
    // The dispatcher's station: no login needed for the board, but the user list is the administrator's.
    await expect(client.call('board-get', {}, 'desktop')).resolves.toMatchObject({ ok: true })
    await expect(client.call('auth-whoami', {}, 'desktop')).resolves.toMatchObject({ ok: true, result: { role: 'dispatcher', trustedStation: true, setupOpen: true } })
    const setup = await client.call('auth-setup', { name: 'Boss', username: 'boss', pin: '9000' }, 'desktop')
    // The window is logged in as the new administrator; the token never reaches the page.
    expect(setup).toMatchObject({ ok: true, result: { token: '', user: { username: 'boss', role: 'admin' } } })
    await expect(client.call('user-list', {}, 'desktop')).resolves.toMatchObject({ ok: true })
    await expect(client.call('auth-whoami', {}, 'desktop')).resolves.toMatchObject({ ok: true, result: { role: 'admin', trustedStation: false } })
    // Administrator, not dispatcher: dispatching is refused while logged in as them.
    await expect(client.call('repair-order-assign', { id: 1, technicianId: 1 }, 'desktop')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await expect(client.call('auth-logout', {}, 'desktop')).resolves.toMatchObject({ ok: true, result: { loggedOut: true } })
    await expect(client.call('user-list', {}, 'desktop')).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await expect(client.call('auth-whoami', {}, 'desktop')).resolves.toMatchObject({ ok: true, result: { role: 'dispatcher', trustedStation: true } })
    // A wrong PIN leaves the window as the dispatcher.
    await expect(client.call('auth-login', { username: 'boss', pin: '1111' }, 'desktop')).resolves.toMatchObject({ ok: false, error: { code: 'PIN_INVALID' } })
    await expect(client.call('auth-login', { username: 'boss', pin: '9000' }, 'desktop')).resolves.toMatchObject({ ok: true, result: { token: '' } })
    await expect(client.call('user-list', {}, 'desktop')).resolves.toMatchObject({ ok: true })
    core?.db.close()
  })
})
