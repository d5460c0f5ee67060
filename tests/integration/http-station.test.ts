import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../../src/shared/api/errors'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import type { BoardChanges } from '../../src/main/services/tx'
import { startHttpStation, type HttpStation } from '../../src/main/transports/http'
import { harness, roInput, techInput, type Harness } from './helpers'

let h: Harness
let station: HttpStation
let tech: Technician

beforeAll(async () => {
  h = harness(Date.now)
  station = await startHttpStation({ core: h.core, host: '127.0.0.1', port: 0 })
  tech = h.ok<Technician>('technician-create', techInput({ name: '王建国', skills: [{ skill: 'maintenance', level: 3 }] }))
})
afterAll(async () => {
  await station.close()
  h.close()
})

interface Answer {
  status: number
  body: Reply<unknown>
}

async function post(name: string, body: string | object, method = 'POST'): Promise<Answer> {
  const res = await fetch(`${station.url}/api/commands/${name}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return { status: res.status, body: (await res.json()) as Reply<unknown> }
}

/** Sends a bad request and proves it wrote nothing: same row counts, same audit rows. */
async function refused(name: string, body: string | object, method = 'POST') {
  const before = h.counts()
  const answer = await post(name, body, method)
  expect(h.counts()).toEqual(before)
  if (answer.body.ok) throw new Error(`${name} unexpectedly succeeded`)
  const { error } = answer.body
  expect(error.message.en.length).toBeGreaterThan(5)
  expect(error.message.zh).toMatch(/[\u4e00-\u9fff]/)
  return { status: answer.status, error }
}

describe('bad payloads get a clear error and write nothing', () => {
  it('malformed JSON -> 400 BAD_JSON', async () => {
    const r = await refused('repair-order-create', '{"roNumber": "RO-1",')
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('BAD_JSON')
    expect(r.error.message.en).toMatch(/not valid JSON/)
    expect(r.error.message.zh).toContain('JSON')
  })

  it('unknown keys -> 400 VALIDATION naming the key', async () => {
    const r = await refused('repair-order-create', { ...roInput(), technicianId: tech.id })
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message.en).toContain('technicianId')
  })

  it('duplicate RO number -> 409 DUPLICATE_RO_NUMBER', async () => {
    expect((await post('repair-order-create', roInput({ roNumber: 'RO-HTTP-DUP' }))).status).toBe(200)
    const r = await refused('repair-order-create', roInput({ roNumber: 'RO-HTTP-DUP' }))
    expect(r.status).toBe(409)
    expect(r.error.code).toBe('DUPLICATE_RO_NUMBER')
    expect(r.error.message.en).toContain('RO-HTTP-DUP')
  })

  it('negative hours -> 400 VALIDATION on jobLines.0.hours', async () => {
    const r = await refused('repair-order-create', roInput({ jobLines: [{ description: '保养', skill: 'maintenance', minLevel: 1, hours: -2 }] }))
    expect(r.status).toBe(400)
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.issues?.map((i) => i.path)).toEqual(['jobLines.0.hours'])
  })

  it('unknown technician -> 404 NOT_FOUND', async () => {
    const created = await post('repair-order-create', roInput())
    const id = (created.body as { ok: true; result: RepairOrder }).result.id
    const r = await refused('repair-order-assign', { id, technicianId: 987654 })
    expect(r.status).toBe(404)
    expect(r.error.code).toBe('NOT_FOUND')
    expect(r.error.message.en).toContain('987654')
  })

  it('unknown command -> 404 UNKNOWN_COMMAND', async () => {
    const r = await refused('repair-order-teleport', {})
    expect(r.status).toBe(404)
    expect(r.error.code).toBe('UNKNOWN_COMMAND')
  })

  it('GET on a command -> 405 METHOD_NOT_ALLOWED', async () => {
    const r = await refused('repair-order-create', {}, 'GET')
    expect(r.status).toBe(405)
    expect(r.error.code).toBe('METHOD_NOT_ALLOWED')
  })

  it('a body over the size limit -> 413 PAYLOAD_TOO_LARGE (an answer, not a reset connection), nothing written', async () => {
    const before = h.counts()
    const res = await fetch(`${station.url}/api/commands/repair-order-create`, {
      method: 'POST',
      body: JSON.stringify(roInput({ notes: 'x'.repeat(1_100_000) }))
    })
    expect(res.status).toBe(413)
    const body = (await res.json()) as Reply<unknown>
    expect(body.ok === false && body.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(h.counts()).toEqual(before)
    // the station still answers afterwards
    expect((await post('board-get', {})).status).toBe(200)
  })
})

describe('a good command over HTTP', () => {
  it('answers 200 with the result and the board version', async () => {
    const a = await post('repair-order-create', roInput({ roNumber: 'RO-HTTP-OK' }))
    expect(a.status).toBe(200)
    expect(a.body).toMatchObject({ ok: true, result: { roNumber: 'RO-HTTP-OK', status: 'waiting' } })
    expect((a.body as { version: number }).version).toBe(h.core.version())
  })
})

/** Connects to /api/events and collects parsed frames. */
function listen(url: string) {
  const frames: { event: string; data: string }[] = []
  let resolveOpen!: () => void
  const opened = new Promise<void>((r) => (resolveOpen = r))
  let buffer = ''
  const req = request(`${url}/api/events`, (res) => {
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/)
    res.setEncoding('utf8')
    res.on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        let event = 'message'
        const data: string[] = []
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7)
          else if (line.startsWith('data: ')) data.push(line.slice(6))
        }
        if (data.length) frames.push({ event, data: data.join('\n') })
        if (event === 'hello') resolveOpen()
      }
    })
  })
  req.end()
  return { frames, opened, close: () => req.destroy() }
}

describe('live updates (SSE)', () => {
  it('a second client receives board-changed with the changed order within 1 s of another client\u2019s command', async () => {
    const watcher = listen(station.url)
    try {
      await watcher.opened
      const created = await post('repair-order-create', roInput({ roNumber: 'RO-LIVE' }))
      const id = (created.body as { ok: true; result: RepairOrder }).result.id
      const sent = Date.now()
      const assigned = await post('repair-order-assign', { id, technicianId: tech.id })
      expect(assigned.status).toBe(200)
      const deadline = sent + 1000
      let change: BoardChanges | undefined
      while (Date.now() < deadline && !change) {
        change = watcher.frames
          .filter((f) => f.event === 'board-changed')
          .map((f) => JSON.parse(f.data) as BoardChanges)
          .find((c) => c.command === 'repair-order-assign' && c.orders.some((o) => o.id === id))
        if (!change) await new Promise((r) => setTimeout(r, 10))
      }
      expect(change, 'board-changed within 1 s').toBeDefined()
      expect(change!.orders.find((o) => o.id === id)).toMatchObject({ roNumber: 'RO-LIVE', status: 'assigned', technicianId: tech.id })
      expect(change!.version).toBe(h.core.version())
      // a refused command pushes nothing
      const count = watcher.frames.length
      await post('repair-order-assign', { id, technicianId: 987654 })
      await new Promise((r) => setTimeout(r, 100))
      expect(watcher.frames.length).toBe(count)
    } finally {
      watcher.close()
    }
  })
})
