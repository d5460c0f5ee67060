import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import { BOARD_CHANGED } from '../../shared/api/commands'
import type { ErrorCode, ErrorReply, Reply } from '../../shared/api/errors'
import { bilingual } from '../../shared/i18n/format'
import type { Core } from '../core/core'
import type { BoardChanges } from '../services/tx'
import { scopeToTechnician } from '../services/board'
import {
  checkHost,
  checkOrigin,
  clearSessionCookie,
  hostAllowlist,
  isLoopbackAddress,
  resolveCaller,
  setSessionCookie,
  type Refusal,
  type SecurityOptions
} from './security'

export interface HttpOptions {
  core: Core
  host: string
  port: number
  /** The built renderer (out/renderer); omitted in API-only tests. */
  staticDir?: string
  /**
   * Host allowlist and loopback trust (security.ts). By default loopback requests are the
   * dispatcher only while `host` itself is a loopback address; every other station logs in.
   */
  security?: { allowedHosts?: readonly string[]; trustLoopback?: boolean }
  /**
   * Opt-in `Server-Timing: body;dur=…, commit;dur=…, reply;dur=…` on command replies (milliseconds
   * from the request's arrival to its body read and parsed, to its transaction's commit, and to the
   * reply): the benchmarks read it (bench/board.bench.ts; `BENCH_DEBUG_COMMIT=1` prints it per
   * drop). Off by default, so stations do not hand out timings.
   */
  serverTiming?: boolean
}

export interface HttpStation {
  server: Server
  url: string
  close(): Promise<void>
  clientCount(): number
}

const MAX_BODY = 1024 * 1024

const statusOf: Partial<Record<ErrorCode, number>> = {
  BAD_JSON: 400,
  VALIDATION: 400,
  IMPORT_INVALID: 400,
  BACKUPS_OFF: 409,
  UNKNOWN_COMMAND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  PIN_INVALID: 401,
  FORBIDDEN: 403,
  NOT_INSPECTOR: 403,
  SETUP_NOT_ALLOWED: 403,
  ORIGIN_NOT_ALLOWED: 403,
  HOST_NOT_ALLOWED: 421,
  USER_LOCKED: 423,
  QC_UNKNOWN_ITEM: 400,
  INTERNAL: 500
}

/** Content-Security-Policy of the UI: only our own scripts, styles and connections. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function sendError(res: ServerResponse, code: ErrorCode, params: Record<string, string | number> = {}): void {
  const error: ErrorReply = { code, message: bilingual(`errors.${code}`, params) }
  sendJson(res, statusOf[code] ?? 409, { ok: false, error } satisfies Reply<never>)
}

function refuse(res: ServerResponse, r: Refusal): void {
  const error: ErrorReply = { code: r.code, message: bilingual(`errors.${r.code}`, r.params) }
  if (r.status === 421) res.setHeader('Connection', 'close')
  sendJson(res, r.status, { ok: false, error } satisfies Reply<never>)
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        // Stop keeping the body but let the 413 reach the client: destroying the request here
        // reset the connection before the answer was written. The answer closes the connection.
        if (chunks.length) chunks.length = 0
        resolve(null)
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * The browser station: the same UI and a JSON API, `POST /api/commands/<name>`, with live
 * updates as server-sent events on `GET /api/events`. No business logic lives here.
 */
export function startHttpStation(opts: HttpOptions): Promise<HttpStation> {
  const { core } = opts
  const security: SecurityOptions = {
    boundHost: opts.host,
    allowedHosts: opts.security?.allowedHosts ?? [],
    trustLoopback: opts.security?.trustLoopback ?? isLoopbackHost(opts.host)
  }
  const allowedHosts = hostAllowlist(security)
  const clients = new Set<ServerResponse>()
  const assets = opts.staticDir
    ? sirv(opts.staticDir, { single: true, etag: true, dev: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') })
    : undefined

  // Technicians' streams carry only their own orders, like their board-get (services/board.ts).
  const technicianOf = new WeakMap<ServerResponse, number | null>()
  const frameOf = (changes: BoardChanges) => `event: ${BOARD_CHANGED}\nid: ${changes.version}\ndata: ${JSON.stringify(changes)}\n\n`
  // Listeners run right after a commit, inside core.dispatch: the commit time of the command in hand.
  let committedAt: number | undefined
  const unsubscribe = core.subscribe((changes: BoardChanges) => {
    if (opts.serverTiming) committedAt = performance.now()
    const frame = frameOf(changes)
    for (const res of clients) {
      res.write(technicianOf.has(res) ? frameOf(scopeToTechnician(changes, technicianOf.get(res))) : frame)
    }
  })

  async function handleCommand(req: IncomingMessage, res: ServerResponse, name: string, arrivedAt: number): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 'METHOD_NOT_ALLOWED')
    const body = await readBody(req)
    if (body === null) {
      res.setHeader('Connection', 'close')
      return sendError(res, 'PAYLOAD_TOO_LARGE')
    }
    let args: unknown
    try {
      args = body.trim() === '' ? {} : (JSON.parse(body) as unknown)
    } catch {
      return sendError(res, 'BAD_JSON')
    }
    const command = decodeURIComponent(name)
    committedAt = undefined
    const dispatchedAt = opts.serverTiming ? performance.now() : 0
    const reply = core.dispatch(command, args, resolveCaller(req, core, security))
    if (opts.serverTiming) {
      const at = (t: number) => (t - arrivedAt).toFixed(3)
      res.setHeader('Server-Timing', `body;dur=${at(dispatchedAt)}, ${committedAt === undefined ? '' : `commit;dur=${at(committedAt)}, `}reply;dur=${at(performance.now())}`)
    }
    if (reply.ok && (command === 'auth-login' || command === 'auth-setup')) {
      setSessionCookie(res, (reply.result as { token: string }).token)
    }
    if (command === 'auth-logout') clearSessionCookie(res)
    sendJson(res, reply.ok ? 200 : (statusOf[reply.error.code] ?? 409), reply)
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    // The stream carries the whole board's changes: only a caller with a role may listen.
    const caller = resolveCaller(req, core, security)
    if (caller.role == null) return sendError(res, 'UNAUTHENTICATED')
    if (caller.role === 'technician') technicianOf.set(res, caller.technicianId ?? null)
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no'
    })
    res.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ version: core.version() })}\n\n`)
    clients.add(res)
    req.on('close', () => clients.delete(res))
  }

  const server = createServer((req, res) => {
    const arrivedAt = performance.now()
    securityHeaders(res)
    const hostRefusal = checkHost(req, allowedHosts)
    if (hostRefusal) return refuse(res, hostRefusal)
    const url = new URL(req.url ?? '/', 'http://station')
    if ((req.method !== 'GET' && req.method !== 'HEAD') || url.pathname === '/api/events') {
      const originRefusal = checkOrigin(req)
      if (originRefusal) return refuse(res, originRefusal)
    }
    const command = /^\/api\/commands\/([a-z-]{1,60})$/.exec(url.pathname)
    if (command) {
      handleCommand(req, res, command[1], arrivedAt).catch(() => sendError(res, 'INTERNAL', { detail: 'request' }))
      return
    }
    if (url.pathname.startsWith('/api/commands/')) return sendError(res, 'UNKNOWN_COMMAND', { name: url.pathname.slice(14, 74) })
    if (url.pathname === '/api/events') return handleEvents(req, res)
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true, version: core.version() })
    if (url.pathname.startsWith('/api/')) return sendError(res, 'UNKNOWN_COMMAND', { name: url.pathname.slice(5, 65) })
    if (assets) return assets(req, res, () => sendJson(res, 404, { ok: false }))
    sendJson(res, 404, { ok: false })
  })
  // Keep-alive SSE streams through idle proxies and notice dead clients.
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n')
  }, 15_000)
  heartbeat.unref()

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      const address = server.address() as AddressInfo
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
      resolve({
        server,
        url: `http://${host}:${address.port}`,
        clientCount: () => clients.size,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(heartbeat)
            unsubscribe()
            for (const res of clients) res.end()
            clients.clear()
            server.closeAllConnections()
            server.close(() => done())
          })
      })
    })
  })
}

/** A listen address that only this PC can reach. */
function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  return h === 'localhost' || isLoopbackAddress(h)
}
