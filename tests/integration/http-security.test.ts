import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reply } from '../../src/shared/api/errors'
import { startHttpStation, type HttpStation } from '../../src/main/transports/http'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { harness, roInput, techInput, type Harness } from './helpers'
import { ADMIN, okAs } from './qc-helpers'

/** Real HTTP on port 0: Host allowlist (DNS rebinding), Origin checks (cross-site), logins. */
let h: Harness
let trusting: HttpStation // bound to 127.0.0.1, loopback is the dispatcher (npm run serve default)
let strict: HttpStation // every station logs in (a shared board, or --require-login)

beforeAll(async () => {
  h = harness(Date.now)
  okAs(h, ADMIN, 'user-create', { name: 'Boss', username: 'boss', role: 'admin', pin: '246810' })
  okAs(h, ADMIN, 'user-create', { name: 'Wall', username: 'wall', role: 'wall_display', pin: '1357' })
  okAs(h, ADMIN, 'user-create', { name: 'Locky', username: 'locky', role: 'dispatcher', pin: '8642' })
  trusting = await startHttpStation({ core: h.core, host: '127.0.0.1', port: 0 })
  strict = await startHttpStation({
    core: h.core,
    host: '127.0.0.1',
    port: 0,
    security: { trustLoopback: false, allowedHosts: ['dispatch-pc.local'] }
  })
})
afterAll(async () => {
  await trusting.close()
  await strict.close()
  h.close()
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  text: string
  json<T = unknown>(): Reply<T>
}

/** A raw request, so the test controls Host, Origin and Sec-Fetch-Site exactly as a browser or attacker would. */
function send(station: HttpStation, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  const url = new URL(station.url)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers: { Host: url.host, ...headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = []
        // The event stream never ends: take the first chunk and hang up.
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          res.once('data', (c: Buffer) => {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: c.toString(), json: () => ({}) as never })
            req.destroy()
          })
          return
        }
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as never })
        })
      }
    )
    req.on('error', reject)
    if (body !== undefined) {
      req.setHeader('Content-Type', 'application/json')
      req.end(JSON.stringify(body))
    } else req.end()
  })
}
const command = (s: HttpStation, name: string, body: unknown = {}, headers: Record<string, string> = {}) =>
  send(s, 'POST', `/api/commands/${name}`, headers, body)
const codeOf = (a: Answer) => {
  const r = a.json()
  return r.ok ? 'ok' : r.error.code
}
const port = (s: HttpStation) => new URL(s.url).port
const orders = () => (h.db.prepare('SELECT count(*) AS n FROM repair_orders').get() as { n: number }).n

describe('Host header allowlist (DNS rebinding)', () => {
  it('refuses a foreign host name with 421 on commands, the event stream and the UI alike', async () => {
    for (const [method, path] of [
      ['POST', '/api/commands/board-get'],
      ['GET', '/api/events'],
      ['GET', '/'],
      ['GET', '/api/health']
    ]) {
      const a = await send(trusting, method, path, { Host: `evil.example:${port(trusting)}` })
      expect(a.status, path).toBe(421)
      expect(a.json()).toMatchObject({ ok: false, error: { code: 'HOST_NOT_ALLOWED' } })
    }
    const missing = await send(trusting, 'POST', '/api/commands/board-get', { Host: '' })
    expect(missing.status).toBe(421)
  })

  it('accepts localhost, 127.0.0.1, [::1], the bound host and configured names', async () => {
    for (const host of ['localhost', '127.0.0.1', '[::1]', 'LOCALHOST']) {
      expect((await command(trusting, 'board-get', {}, { Host: `${host}:${port(trusting)}` })).status, host).toBe(200)
    }
    expect((await send(strict, 'GET', '/api/health', { Host: `dispatch-pc.local:${port(strict)}` })).status).toBe(200)
    expect((await send(trusting, 'GET', '/api/health', { Host: `dispatch-pc.local:${port(trusting)}` })).status).toBe(421)
  })
})

describe('Origin of state-changing requests and of the event stream', () => {
  it('refuses a POST from another site and writes nothing', async () => {
    const before = orders()
    const attempts: Record<string, string>[] = [{ Origin: 'http://evil.example' }, { Origin: 'null' }, { Origin: `http://localhost:${Number(port(trusting)) + 1}` }, { 'Sec-Fetch-Site': 'cross-site' }, { 'Sec-Fetch-Site': 'same-site' }]
    for (const headers of attempts) {
      const a = await command(trusting, 'repair-order-create', roInput(), headers)
      expect(a.status, JSON.stringify(headers)).toBe(403)
      expect(codeOf(a)).toBe('ORIGIN_NOT_ALLOWED')
    }
    expect(orders()).toBe(before)
  })

  it('accepts the board\'s own pages (matching Origin, or Sec-Fetch-Site: same-origin) and non-browser clients', async () => {
    const own = { Origin: trusting.url }
    expect((await command(trusting, 'repair-order-create', roInput(), own)).status).toBe(200)
    expect((await command(trusting, 'repair-order-create', roInput(), { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect((await command(trusting, 'repair-order-create', roInput())).status).toBe(200)
  })

  it('refuses the event stream to another site\'s page', async () => {
    const evil = await send(trusting, 'GET', '/api/events', { Origin: 'http://evil.example' })
    expect(evil.status).toBe(403)
    const own = await send(trusting, 'GET', '/api/events', { Origin: trusting.url })
    expect(own.status).toBe(200)
    expect(own.text).toContain('event: hello')
  })
})

describe('logins', () => {
  it('on a loopback-only server this PC\'s browser is the dispatcher: it dispatches but cannot manage users', async () => {
    expect(codeOf(await command(trusting, 'board-get'))).toBe('ok')
    const a = await command(trusting, 'user-list')
    expect(a.status).toBe(403)
    expect(codeOf(a)).toBe('FORBIDDEN')
  })

  it('where stations must log in, nothing but logging in works without a session', async () => {
    const a = await command(strict, 'board-get')
    expect(a.status).toBe(401)
    expect(codeOf(a)).toBe('UNAUTHENTICATED')
    expect((await send(strict, 'GET', '/api/events')).status).toBe(401)
    expect(codeOf(await command(strict, 'auth-whoami'))).toBe('ok')
  })

  it('a login sets an HttpOnly, SameSite=Strict cookie; the cookie or a bearer token carries the role; logout ends it', async () => {
    const login = await command(strict, 'auth-login', { username: 'boss', pin: '246810' })
    expect(login.status).toBe(200)
    const cookie = String(login.headers['set-cookie'])
    expect(cookie).toMatch(/^wdb_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200/)
    const session = cookie.split(';')[0]
    const token = (login.json<{ token: string }>() as { result: { token: string } }).result.token
    expect(codeOf(await command(strict, 'user-list', {}, { Cookie: session }))).toBe('ok')
    expect(codeOf(await command(strict, 'user-list', {}, { Authorization: `Bearer ${token}` }))).toBe('ok')
    const who = (await command(strict, 'auth-whoami', {}, { Cookie: session })).json<{ role: string }>()
    expect(who.ok && who.result.role).toBe('admin')
    // Admin is not the dispatcher.
    expect(codeOf(await command(strict, 'repair-order-create', roInput(), { Cookie: session }))).toBe('FORBIDDEN')
    const logout = await command(strict, 'auth-logout', {}, { Cookie: session })
    expect(String(logout.headers['set-cookie'])).toContain('Max-Age=0')
    expect(codeOf(await command(strict, 'user-list', {}, { Cookie: session }))).toBe('UNAUTHENTICATED')
  })

  it('the wall display reads the board and the event stream, and is refused any change with 403', async () => {
    const login = await command(strict, 'auth-login', { username: 'wall', pin: '1357' })
    const session = String(login.headers['set-cookie']).split(';')[0]
    expect(codeOf(await command(strict, 'board-get', {}, { Cookie: session }))).toBe('ok')
    expect((await send(strict, 'GET', '/api/events', { Cookie: session })).status).toBe(200)
    const before = orders()
    const a = await command(strict, 'repair-order-create', roInput(), { Cookie: session })
    expect(a.status).toBe(403)
    const r = a.json()
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.message.en).toContain('Wall display')
      expect(r.error.message.zh).toContain('看板大屏')
    }
    expect(orders()).toBe(before)
  })

  it('wrong PINs answer 401, and the fifth locks the user (423)', async () => {
    for (let i = 0; i < 4; i++) expect((await command(strict, 'auth-login', { username: 'locky', pin: '0000' })).status).toBe(401)
    const fifth = await command(strict, 'auth-login', { username: 'locky', pin: '0000' })
    expect(fifth.status).toBe(423)
    expect(codeOf(fifth)).toBe('USER_LOCKED')
    expect((await command(strict, 'auth-login', { username: 'locky', pin: '8642' })).status).toBe(423)
  })

  it('a technician\'s event stream carries only their own orders', async () => {
    const techs = [h.ok<Technician>('technician-create', techInput()), h.ok<Technician>('technician-create', techInput())]
    okAs(h, ADMIN, 'user-create', { name: 'Tech', username: 'techie', role: 'technician', pin: '2468', technicianId: techs[0].id })
    const login = await command(strict, 'auth-login', { username: 'techie', pin: '2468' })
    const session = String(login.headers['set-cookie']).split(';')[0]
    const url = new URL(strict.url)
    const received: string[] = []
    const req = request({ host: url.hostname, port: url.port, path: '/api/events', headers: { Cookie: session } })
    await new Promise<void>((resolve) => {
      req.on('response', (res) => {
        res.on('data', (c: Buffer) => received.push(c.toString()))
        resolve()
      })
      req.end()
    })
    const mine = h.ok<RepairOrder>('repair-order-create', roInput())
    const theirs = h.ok<RepairOrder>('repair-order-create', roInput())
    h.ok('repair-order-assign', { id: theirs.id, technicianId: techs[1].id })
    h.ok('repair-order-assign', { id: mine.id, technicianId: techs[0].id })
    await new Promise((r) => setTimeout(r, 200))
    req.destroy()
    const frames = received.join('').split('\n\n').filter((f) => f.includes('event: board-changed'))
    const orderIds = frames.map((f) => (JSON.parse(/data: (.*)/.exec(f)![1]) as { orders: RepairOrder[] }).orders.map((o) => o.id))
    expect(orderIds).toEqual([[], [], [], [mine.id]])
  })

  it('a forged or unknown token is nobody', async () => {
    expect(codeOf(await command(strict, 'board-get', {}, { Cookie: 'wdb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))).toBe('UNAUTHENTICATED')
    expect(codeOf(await command(strict, 'board-get', {}, { Authorization: 'Bearer not-a-real-token-at-all-1234' }))).toBe('UNAUTHENTICATED')
  })
})
