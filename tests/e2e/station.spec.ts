import { spawnSync } from 'node:child_process'
import { SERVE_JS, expect, test } from './fixtures'

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
  for (const option of ['--db', '--port', '--host', '--demo', '--check', '--help']) expect(run.stdout).toContain(option)
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
