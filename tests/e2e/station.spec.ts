import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { SERVE_JS, expect, test } from './fixtures'
import { openBoard } from './board-helpers'

test('the station serves the board page with its title', async ({ page, station }) => {
  await page.goto(station.url)
  await expect(page).toHaveTitle(/车间派工看板/)
})

test('/api/health answers with the data version', async ({ request, startStation }) => {
  const station = await startStation()
  const res = await request.get(`${station.url}/api/health`)
  expect(res.status()).toBe(200)
  const body = (await res.json()) as { ok: boolean; version: number }
  expect(body.ok).toBe(true)
  expect(typeof body.version).toBe('number')
})

test('a restarted station reopens the same file on a new address', async ({ request, startStation }) => {
  const station = await startStation({ demo: true })
  const before = (await (await request.get(`${station.url}/api/health`)).json()) as { version: number }
  await station.restart()
  const after = (await (await request.get(`${station.url}/api/health`)).json()) as { version: number }
  expect(after.version).toBe(before.version)
  expect(before.version).toBeGreaterThan(0)
})

test('--help explains every option', () => {
  const run = spawnSync(process.execPath, [SERVE_JS, '--help'], { encoding: 'utf8', timeout: 10_000 })
  expect(run.status).toBe(0)
  for (const option of ['--db', '--port', '--host', '--demo', '--check', '--backup-dir', '--backups', '--help']) expect(run.stdout).toContain(option)
})

test('--check finds the data file of a stopped station sound (exit 0) and a missing file not (exit 1)', async ({ startStation }) => {
  const station = await startStation({ demo: true })
  await station.stop()
  const ok = spawnSync(process.execPath, [SERVE_JS, '--check', '--db', station.dbFile], { encoding: 'utf8', timeout: 30_000 })
  expect(ok.stdout).toContain(': ok, checked in')
  expect(ok.status).toBe(0)
  const missing = spawnSync(process.execPath, [SERVE_JS, '--check', '--db', `${station.dbFile}.none`], { encoding: 'utf8', timeout: 30_000 })
  expect(missing.stderr).toContain('integrity check failed')
  expect(missing.status).toBe(1)
})

/** A station process with its own environment, its standard output collected; stop it with kill(). */
function serveWith(args: string[], env: Record<string, string>): { out: () => string; kill: () => void } {
  const child = spawn(process.execPath, [SERVE_JS, '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  return { out: () => out, kill: () => child.kill('SIGTERM') }
}

// Daily copies of the data file while the station runs (src/main/db/backup.ts): the first one
// comes 10 minutes after start, here after 300 ms (WDB_FIRST_BACKUP_MS, for tests only).
test('a running station copies its data file into the backup folder; --backups 0 turns it off, a bad count is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-backup-'))
  try {
    const station = serveWith(['--db', join(dir, 'workshop.db'), '--demo', '--backup-dir', join(dir, 'copies')], { WDB_FIRST_BACKUP_MS: '300' })
    try {
      await expect.poll(station.out, { timeout: 30_000 }).toContain('backup written (已备份)')
      expect(station.out()).toContain(`Daily copies (每日备份): ${join(dir, 'copies')}, the last 14 kept`)
      expect(readdirSync(join(dir, 'copies'))).toEqual([expect.stringMatching(/^workshop-\d{8}T\d{6}Z\.db$/)])
    } finally {
      station.kill()
    }
    const check = spawnSync(process.execPath, [SERVE_JS, '--check', '--db', join(dir, 'copies', readdirSync(join(dir, 'copies'))[0])], { encoding: 'utf8', timeout: 30_000 })
    expect(check.status).toBe(0)

    const off = serveWith(['--db', join(dir, 'off.db'), '--backups', '0'], { WDB_FIRST_BACKUP_MS: '100' })
    try {
      await expect.poll(off.out, { timeout: 30_000 }).toContain('Automatic copies are off (--backups 0) (自动备份已关闭)')
      await new Promise((r) => setTimeout(r, 500))
      expect(off.out()).not.toContain('backup written')
      expect(readdirSync(dir)).not.toContain('backups')
    } finally {
      off.kill()
    }

    const bad = spawnSync(process.execPath, [SERVE_JS, '--backups', 'many', '--db', join(dir, 'other.db')], { encoding: 'utf8', timeout: 10_000 })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('--backups must be a whole number from 0 to 1000 (备份份数应为 0–1000 的整数), got "many"')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test("the About dialog tells the dispatcher where the daily copies go and when the last was taken", async ({ page, station }) => {
  await openBoard(page, station, 'zh')
  await page.getByRole('button', { name: '关于', exact: true }).click()
  const about = page.getByRole('dialog')
  await expect(about.getByTestId('backup-status')).toHaveText('尚无：看板启动 10 分钟后备份第一份')
  await expect(about).toContainText(join(dirname(station.dbFile), 'backups'))

  // "Back up now" writes a copy at once, and the dialog says so.
  await about.getByRole('button', { name: '立即备份' }).click()
  await expect(about.getByTestId('backup-status')).toHaveText(/^最近一份 \d{4}-\d{2}-\d{2} \d{2}:\d{2}（[\d.]+ MiB）；现有 1 份，最多保留 14 份$/, { timeout: 10_000 })
  await expect(about.getByRole('button', { name: '立即备份' })).toBeEnabled()
  expect(readdirSync(join(dirname(station.dbFile), 'backups')).filter((n) => n.endsWith('.db'))).toHaveLength(1)
})
