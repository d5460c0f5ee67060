import Database from 'better-sqlite3'
import type { APIRequestContext } from '@playwright/test'
import { skillGaps } from '../../src/shared/domain/skill-match'
import type { RepairOrder, Skill, Technician } from '../../src/shared/domain/types'
import type { ErrorReply } from '../../src/shared/api/errors'
import { expect, test, type Station } from './fixtures'

/** The JSON API of the browser station, driven like a LAN client (no page needed). */

interface Board {
  version: number
  skills: Skill[]
  technicians: Technician[]
  orders: RepairOrder[]
}

async function command(request: APIRequestContext, station: Station, name: string, data: unknown) {
  const res = await request.post(`${station.url}/api/commands/${name}`, {
    // a Buffer goes out byte for byte (a string with a JSON content type would be JSON-encoded again)
    data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data), 'utf8'),
    headers: { 'Content-Type': 'application/json' },
    failOnStatusCode: false
  })
  return { status: res.status(), body: (await res.json()) as { ok: true; result: unknown; version: number } | { ok: false; error: ErrorReply } }
}

async function board(request: APIRequestContext, station: Station): Promise<Board> {
  const r = await command(request, station, 'board-get', {})
  expect(r.status).toBe(200)
  if (!r.body.ok) throw new Error(r.body.error.message.en)
  return r.body.result as Board
}

/** Rows in the station's file, read directly (WAL allows a reader next to the server). */
function rowCounts(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n
    return { repairOrders: n('repair_orders'), jobLines: n('job_lines'), technicians: n('technicians'), audit: n('audit_log') }
  } finally {
    db.close()
  }
}

const validOrder = (roNumber: string) => ({
  roNumber,
  plate: '粤B E2E01',
  model: '本田雅阁',
  customerName: '吴女士',
  customerPhone: '13712345678',
  serviceAdvisor: '郑浩',
  promisedAt: '2026-11-25T09:30:00Z',
  jobLines: [{ description: '常规保养', skill: 'maintenance', minLevel: 1, hours: 1 }]
})

test('an assignment made over HTTP is still there after the server restarts on the same file', async ({ request, startStation }) => {
  const station = await startStation({ demo: true })
  const before = await board(request, station)
  // a waiting order and a qualified technician whose current slot is free
  // (a slot is taken by an assigned, running or stopped-but-not-parked order: model.md)
  const busy = new Set(
    before.orders.filter((o) => o.status === 'assigned' || o.status === 'in_progress' || (o.status === 'stopped' && !o.parked)).map((o) => o.technicianId)
  )
  let pick: { order: RepairOrder; tech: Technician } | undefined
  for (const order of before.orders.filter((o) => o.status === 'waiting')) {
    const tech = before.technicians.find((t) => t.active && !busy.has(t.id) && skillGaps(t.skills, order.jobLines).length === 0)
    if (tech) {
      pick = { order, tech }
      break
    }
  }
  expect(pick, 'the demo has a waiting order and a free qualified technician').toBeDefined()
  const { order, tech } = pick!

  const r = await command(request, station, 'repair-order-assign', { id: order.id, technicianId: tech.id })
  expect(r.status).toBe(200)
  expect(r.body).toMatchObject({ ok: true, result: { id: order.id, status: 'assigned', technicianId: tech.id } })
  const version = (r.body as { version: number }).version

  await station.restart()

  const after = await board(request, station)
  expect(after.version).toBe(version)
  expect(after.orders.find((o) => o.id === order.id)).toMatchObject({ roNumber: order.roNumber, status: 'assigned', technicianId: tech.id })
  const history = await command(request, station, 'audit-list', { entity: 'repair_order', entityId: order.id })
  expect(history.body.ok && (history.body.result as { command: string; actor: string }[])[0]).toMatchObject({ command: 'repair-order-assign' })
})

test.describe('bad payloads are answered with a clear error and no row is written', () => {
  test('malformed JSON, unknown keys, duplicate RO number, negative hours, unknown technician', async ({ request, startStation }) => {
    const station = await startStation({ demo: true })
    const demo = await board(request, station)
    const existing = demo.orders[0]
    const waiting = demo.orders.find((o) => o.status === 'waiting')!
    const cases: { name: string; command: string; payload: unknown; status: number; code: string; mentions?: string; path?: string }[] = [
      { name: 'malformed JSON', command: 'repair-order-create', payload: '{"roNumber": "RO-X", ', status: 400, code: 'BAD_JSON', mentions: 'JSON' },
      {
        name: 'unknown keys',
        command: 'repair-order-create',
        payload: { ...validOrder('RO-E2E-1'), status: 'ready' },
        status: 400,
        code: 'VALIDATION',
        mentions: 'status'
      },
      { name: 'duplicate RO number', command: 'repair-order-create', payload: validOrder(existing.roNumber), status: 409, code: 'DUPLICATE_RO_NUMBER', mentions: existing.roNumber },
      {
        name: 'negative hours',
        command: 'repair-order-create',
        payload: { ...validOrder('RO-E2E-2'), jobLines: [{ description: '保养', skill: 'maintenance', minLevel: 1, hours: -1 }] },
        status: 400,
        code: 'VALIDATION',
        path: 'jobLines.0.hours'
      },
      { name: 'unknown technician', command: 'repair-order-assign', payload: { id: waiting.id, technicianId: 424242 }, status: 404, code: 'NOT_FOUND', mentions: '424242' }
    ]
    for (const c of cases) {
      const rows = rowCounts(station.dbFile)
      const r = await command(request, station, c.command, c.payload)
      expect(r.status, c.name).toBe(c.status)
      expect(r.body.ok, c.name).toBe(false)
      if (r.body.ok) continue
      expect(r.body.error.code, c.name).toBe(c.code)
      expect(r.body.error.message.en.length, c.name).toBeGreaterThan(10)
      expect(r.body.error.message.zh, c.name).toMatch(/[\u4e00-\u9fff]/)
      if (c.mentions) {
        expect(r.body.error.message.en, c.name).toContain(c.mentions)
        expect(r.body.error.message.zh, c.name).toContain(c.mentions)
      }
      if (c.path) expect(r.body.error.issues?.map((i) => i.path), c.name).toEqual([c.path])
      expect(rowCounts(station.dbFile), `${c.name}: no row written`).toEqual(rows)
    }
    const after = await board(request, station)
    expect(after.version).toBe(demo.version)
    expect(after.orders.find((o) => o.id === waiting.id)?.status).toBe('waiting')
  })
})

test('a data file from a newer version is refused by the station with a clear message and left untouched', async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs')
  const { createHash } = await import('node:crypto')
  const { spawnSync } = await import('node:child_process')
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const { SERVE_JS } = await import('./fixtures')
  const dir = mkdtempSync(join(tmpdir(), 'wdb-e2e-new-'))
  try {
    const file = join(dir, 'future.db')
    const raw = new Database(file)
    raw.exec(`CREATE TABLE from_the_future (x TEXT) STRICT; INSERT INTO from_the_future VALUES ('keep')`)
    raw.pragma('user_version = 999')
    raw.close()
    const hash = () => createHash('sha256').update(readFileSync(file)).digest('hex')
    const before = hash()
    const run = spawnSync(process.execPath, [SERVE_JS, '--port', '0', '--db', file, '--demo'], { encoding: 'utf8', timeout: 15_000 })
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('Open http')
    expect(run.stderr).toMatch(/newer version/)
    expect(run.stderr).toContain('999')
    expect(run.stderr).toMatch(/[\u4e00-\u9fff]/)
    expect(hash()).toBe(before)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
