import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupNow, backupStatus, defaultBackupDir, listBackups, startAutoBackup } from '../../src/main/db/backup'
import { openDatabase } from '../../src/main/db/open'
import { harness, roInput, type Harness } from './helpers'

/** The board's own copies of its file (db/backup.ts): SQLite's online backup, kept for two weeks by default. */
let h: Harness | undefined
afterEach(() => {
  h?.close()
  h = undefined
})

/** Polls `ok` until it holds or `ms` pass; its last answer. */
const until = async (ok: () => boolean, ms = 5000): Promise<boolean> => {
  const end = Date.now() + ms
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
  return ok()
}

const ordersIn = (file: string): number => {
  const copy = openDatabase(file, { readonly: true })
  try {
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok')
    return (copy.prepare('SELECT count(*) AS n FROM repair_orders').get() as { n: number }).n
  } finally {
    copy.close()
  }
}

describe('a copy of the open board', () => {
  it('is a whole, sound database with every committed change, named by the time it was taken', async () => {
    h = harness()
    h.ok('repair-order-create', roInput({ roNumber: 'RO-B1' }))
    h.ok('repair-order-create', roInput({ roNumber: 'RO-B2' }))
    const dir = defaultBackupDir(h.file)
    expect(dir).toBe(join(dirname(h.file), 'backups'))
    const b = await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-05T01:30:05Z') })
    expect(b.file).toBe(join(dir, 'workshop-20261205T013005Z.db'))
    expect(b.bytes).toBeGreaterThan(0)
    expect(readdirSync(dir)).toEqual(['workshop-20261205T013005Z.db']) // no .part left behind
    expect(ordersIn(b.file)).toBe(2)
  })

  it('taken while the board goes on changing, holds a consistent state', async () => {
    h = harness()
    for (let i = 0; i < 50; i++) h.ok('repair-order-create', roInput({ roNumber: `RO-W${i}` }))
    const copying = backupNow(h.db, h.file, join(dirname(h.file), 'backups'))
    // drops and new orders while the pages are being copied
    for (let i = 0; i < 20; i++) h.ok('repair-order-create', roInput({ roNumber: `RO-X${i}` }))
    const b = await copying
    expect([50, 70]).toContain(ordersIn(b.file))
  })

  it('keeps the newest copies of this file only, and leaves other files in the folder alone', async () => {
    h = harness()
    const dir = join(dirname(h.file), 'backups')
    await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-01T02:00:00Z'), keep: 2 })
    writeFileSync(join(dir, 'notes.txt'), 'the manager keeps this')
    writeFileSync(join(dir, 'other-20261201T020000Z.db'), '')
    await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-02T02:00:00Z'), keep: 2 })
    await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-03T02:00:00Z'), keep: 2 })
    expect(listBackups(h.file, dir).map((b) => new Date(b.at).toISOString())).toEqual(['2026-12-02T02:00:00.000Z', '2026-12-03T02:00:00.000Z'])
    expect(existsSync(join(dir, 'notes.txt'))).toBe(true)
    expect(existsSync(join(dir, 'other-20261201T020000Z.db'))).toBe(true)
  })
})

describe('automatic copies while the board runs', () => {

  it('takes the first copy after the start delay, then one every period; stop waits for a copy under way', async () => {
    h = harness()
    h.ok('repair-order-create', roInput())
    const dir = join(dirname(h.file), 'copies')
    let now = Date.parse('2026-12-05T00:00:00Z')
    const logs: string[] = []
    const auto = startAutoBackup({ db: h.db, file: h.file, dir, firstDelayMs: 30, everyMs: 60, clock: () => (now += 1000), log: (m) => logs.push(m) })
    expect(await until(() => listBackups(h!.file, dir).length >= 3)).toBe(true)
    await auto.stop()
    const n = listBackups(h.file, dir).length
    await new Promise((r) => setTimeout(r, 150))
    expect(listBackups(h.file, dir).length).toBe(n)
    expect(logs[0]).toMatch(/^backup written \(已备份\): .*workshop-20261205T\d{6}Z\.db, [\d.]+ MiB in \d+ ms$/)
  })

  it('waits a whole period after a copy that is younger than that', async () => {
    h = harness()
    const dir = join(dirname(h.file), 'backups')
    const now = Date.parse('2026-12-05T08:00:00Z')
    await backupNow(h.db, h.file, dir, { now: now - 3_600_000 })
    const auto = startAutoBackup({ db: h.db, file: h.file, dir, firstDelayMs: 10, everyMs: 24 * 3_600_000, clock: () => now })
    await new Promise((r) => setTimeout(r, 200))
    expect(listBackups(h.file, dir)).toHaveLength(1)
    await auto.stop()
  })

  it('a copy that fails is logged and the board goes on', async () => {
    h = harness()
    // a file where the folder should be: the copy cannot be written
    const blocked = join(dirname(h.file), 'blocked')
    writeFileSync(blocked, '')
    const errors: string[] = []
    const auto = startAutoBackup({ db: h.db, file: h.file, dir: blocked, firstDelayMs: 10, everyMs: 10_000, log: (m, e) => e && errors.push(m) })
    expect(await until(() => errors.length > 0)).toBe(true)
    expect(errors[0]).toMatch(/^backup failed/)
    expect(h.ok<{ id: number }>('repair-order-create', roInput()).id).toBeGreaterThan(0)
    await auto.stop()
  })
})

describe('backup-status: what the About dialog shows', () => {
  it('says where the copies go, how many are kept and when the last was taken; off when the station takes none', async () => {
    h = harness()
    const dir = join(dirname(h.file), 'backups')
    const { createCore } = await import('../../src/main/core/core')
    const core = createCore({ db: h.db, log: () => {}, backups: { file: h.file, dir, keep: 14 } })
    const status = () => {
      const r = core.dispatch('backup-status', {}, { actor: 'test' })
      if (!r.ok) throw new Error(r.error.code)
      return r.result
    }
    expect(status()).toEqual({ enabled: true, dir, keep: 14, count: 0, last: null, running: false, failed: null })
    const b = await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-05T01:30:05Z') })
    expect(status()).toEqual({ enabled: true, dir, keep: 14, count: 1, last: { at: '2026-12-05T01:30:05.000Z', bytes: b.bytes }, running: false, failed: null })
    expect(h.ok('backup-status')).toEqual({ enabled: false, dir: null, keep: 0, count: 0, last: null, running: false, failed: null })
    // the folder's path is for the dispatcher and the administrator, not every station
    const wall = core.dispatch('backup-status', {}, { actor: 'wall', role: 'wall_display' })
    expect(wall.ok ? 'ok' : wall.error.code).toBe('FORBIDDEN')
  })
})

describe('backup-now: the About dialog\'s "Back up now"', () => {

  it('takes a copy at once, not a second one while it is written, and the daily turn counts from it', async () => {
    h = harness()
    for (let i = 0; i < 200; i++) h.ok('repair-order-create', roInput({ roNumber: `RO-N${i}` }))
    const dir = join(dirname(h.file), 'backups')
    const { createCore } = await import('../../src/main/core/core')
    const config = { file: h.file, dir, keep: 14 }
    const core = createCore({ db: h.db, log: () => {}, backups: config })
    // the first daily copy would come in an hour; "Back up now" does not wait for it
    const auto = startAutoBackup({ db: h.db, ...config, firstDelayMs: 3_600_000, everyMs: 24 * 3_600_000, log: () => {} })
    Object.assign(config, { control: auto })
    try {
      const call = (name: 'backup-now' | 'backup-status') => {
        const r = core.dispatch(name, {}, { actor: 'dispatcher', role: 'dispatcher' })
        if (!r.ok) throw new Error(r.error.code)
        return r.result as { started?: boolean; running?: boolean; count?: number; failed?: unknown }
      }
      expect(call('backup-now')).toEqual({ started: true })
      // SQLite's online backup copies in steps: the first answer comes before the copy is done
      expect(call('backup-status')).toMatchObject({ running: true, count: 0 })
      expect(call('backup-now')).toEqual({ started: false })
      expect(await until(() => call('backup-status').running === false)).toBe(true)
      expect(call('backup-status')).toMatchObject({ running: false, count: 1, failed: null })
      expect(ordersIn(listBackups(h.file, dir)[0].file)).toBe(200)
      // no further copy until a day after this one
      await new Promise((r) => setTimeout(r, 200))
      expect(listBackups(h.file, dir)).toHaveLength(1)
      // only the dispatcher's PC and the administrator may ask
      const tech = core.dispatch('backup-now', {}, { actor: 'tech', role: 'technician', technicianId: 1 })
      expect(tech.ok ? 'ok' : tech.error.code).toBe('FORBIDDEN')
    } finally {
      await auto.stop()
    }
  })

  it('a copy that fails says why in backup-status, and the next one clears it', async () => {
    h = harness()
    const blocked = join(dirname(h.file), 'blocked')
    writeFileSync(blocked, '')
    const auto = startAutoBackup({ db: h.db, file: h.file, dir: blocked, firstDelayMs: 3_600_000, everyMs: 24 * 3_600_000, log: () => {} })
    try {
      expect(auto.takeNow()).toBe('started')
      expect(await until(() => !auto.state().running)).toBe(true)
      expect(auto.state().failed).toMatchObject({ message: expect.stringMatching(/EEXIST|ENOTDIR/) })
      expect(backupStatus({ file: h.file, dir: blocked, keep: 14, control: auto })).toMatchObject({ enabled: true, running: false, failed: { message: expect.any(String) } })
      rmSync(blocked)
      expect(auto.takeNow()).toBe('started')
      expect(await until(() => !auto.state().running)).toBe(true)
      expect(auto.state()).toEqual({ running: false, failed: null })
      expect(listBackups(h.file, blocked)).toHaveLength(1)
    } finally {
      await auto.stop()
    }
  })

  it('is refused with a reason in both languages on a station that takes no copies', () => {
    h = harness()
    const r = h.core.dispatch('backup-now', {}, { actor: 'dispatcher', role: 'dispatcher' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('BACKUPS_OFF')
    expect(r.error.message.en).toContain('--backups 0')
    expect(r.error.message.zh).toContain('不做备份')
  })
})

describe('a clock set back', () => {
  it('never prunes the copy just written, and never holds the next copy off for more than a period', async () => {
    h = harness()
    const dir = join(dirname(h.file), 'backups')
    await backupNow(h.db, h.file, dir, { now: Date.parse('2027-06-01T02:00:00Z'), keep: 2 })
    await backupNow(h.db, h.file, dir, { now: Date.parse('2027-06-02T02:00:00Z'), keep: 2 })
    // the PC's clock went back half a year: the new copy's name is the oldest of the three
    const fresh = await backupNow(h.db, h.file, dir, { now: Date.parse('2026-12-05T02:00:00Z'), keep: 2 })
    expect(listBackups(h.file, dir).map((b) => b.file)).toEqual([fresh.file, join(dir, 'workshop-20270602T020000Z.db')])
    // the newest name is in the future: the next copy still comes within a period (here 80 ms)
    const auto = startAutoBackup({ db: h.db, file: h.file, dir, keep: 5, firstDelayMs: 10, everyMs: 80, clock: () => Date.parse('2026-12-05T03:00:00Z') })
    const until = Date.now() + 3000
    while (listBackups(h.file, dir).length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    await auto.stop()
    expect(listBackups(h.file, dir).length).toBeGreaterThanOrEqual(3)
  })
})
