import type { IncomingMessage, ServerResponse } from 'node:http'
import { networkInterfaces } from 'node:os'
import type { ErrorCode } from '../../shared/api/errors'
import type { Core } from '../core/core'
import { callerForToken, SESSION_COOKIE, SESSION_HOURS } from '../services/auth'
import type { Caller } from '../services/tx'

/**
 * The station's front-door checks (docs/security.md): the Host header against an allowlist
 * (DNS rebinding), the Origin of state-changing requests and of the event stream (cross-site
 * requests), and who the caller is (session cookie or bearer token).
 */
export interface SecurityOptions {
  /** The address the server listens on (--host). */
  boundHost: string
  /** More host names stations may use, e.g. the PC's DNS name (--allow-host). */
  allowedHosts?: readonly string[]
  /**
   * Requests from this PC count as the dispatcher without a login. Only sensible while the
   * server listens on loopback: then no other device can reach it (serve.ts decides).
   */
  trustLoopback: boolean
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1']
const WILDCARD = new Set(['0.0.0.0', '::', ''])

/** Whether a socket address is this PC (IPv4 127/8, ::1, or IPv4-mapped 127/8). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false
  const a = address.startsWith('::ffff:') ? address.slice(7) : address
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a)
}

/** Host names (no port, lower case, IPv6 without brackets) that stations may use to reach us. */
export function hostAllowlist(opts: Pick<SecurityOptions, 'boundHost' | 'allowedHosts'>): Set<string> {
  const out = new Set<string>(LOOPBACK_NAMES)
  const bound = opts.boundHost.replace(/^\[|\]$/g, '').toLowerCase()
  if (WILDCARD.has(bound)) {
    // Listening on every interface: any of this PC's own addresses is a legitimate name.
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) out.add(i.address.toLowerCase())
  } else {
    out.add(bound)
  }
  for (const h of opts.allowedHosts ?? []) out.add(h.replace(/^\[|\]$/g, '').toLowerCase())
  return out
}

/** The host name of a Host header value ("name:port", "[::1]:port"), lower case; null when malformed. */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null
  try {
    const u = new URL(`http://${hostHeader}`)
    if (u.username || u.password || u.pathname !== '/' || u.search) return null
    return u.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return null
  }
}

export type Refusal = { status: number; code: ErrorCode; params: Record<string, string> }

/** DNS rebinding: a page on evil.example re-pointed at this PC still says "Host: evil.example". */
export function checkHost(req: IncomingMessage, allow: ReadonlySet<string>): Refusal | null {
  const name = hostnameOf(req.headers.host)
  if (name !== null && allow.has(name)) return null
  return { status: 421, code: 'HOST_NOT_ALLOWED', params: { host: String(req.headers.host ?? '').slice(0, 100) } }
}

/**
 * A browser names the page that made a request in Origin (or at least Sec-Fetch-Site). A state
 * change or the event stream is accepted only from the board's own pages; a request with neither
 * header is not from a browser page (curl, scripts, tests) and cannot be a cross-site forgery.
 */
export function checkOrigin(req: IncomingMessage): Refusal | null {
  const origin = req.headers.origin
  if (origin !== undefined) {
    let same = false
    try {
      const o = new URL(origin)
      same = (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`http://${req.headers.host ?? ''}`).host
    } catch {
      same = false
    }
    return same ? null : { status: 403, code: 'ORIGIN_NOT_ALLOWED', params: { origin: origin.slice(0, 100) } }
  }
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, code: 'ORIGIN_NOT_ALLOWED', params: { origin: `Sec-Fetch-Site: ${String(site).slice(0, 40)}` } }
  }
  return null
}

/** The session token of a request: `Authorization: Bearer <token>` or the HttpOnly cookie. */
export function sessionToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization
  if (auth) {
    const m = /^Bearer\s+([A-Za-z0-9_-]{20,100})$/.exec(auth)
    if (m) return m[1]
  }
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === SESSION_COOKIE) return v.join('=')
  }
  return undefined
}

/**
 * Who is calling: the session's user and role; else, on a loopback-only server, this PC's
 * browser as the dispatcher; else nobody (role null: only public commands).
 */
export function resolveCaller(req: IncomingMessage, core: Core, opts: SecurityOptions): Caller {
  const address = req.socket.remoteAddress ?? 'unknown'
  // This PC: loopback, or its own LAN address (same address at both ends of the connection),
  // which is how a browser on this PC reaches a server bound only to the LAN address.
  const local = isLoopbackAddress(address) || (address !== 'unknown' && address === req.socket.localAddress)
  const loopback = isLoopbackAddress(address)
  const token = sessionToken(req)
  if (token) {
    const caller = callerForToken(core.db, token, core.now(), local)
    if (caller) return { ...caller, actor: `${caller.actor}@${address}` }
  }
  if (loopback && opts.trustLoopback) return { actor: `dispatcher@${address}`, role: 'dispatcher', local: true }
  return { actor: `station@${address}`, role: null, local }
}

/**
 * HttpOnly so page scripts never see it, SameSite=Strict so other sites' pages never send it.
 * Not Secure: the shop network speaks plain HTTP (docs/security.md says what that means).
 */
export function setSessionCookie(res: ServerResponse, token: string): void {
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_HOURS * 3600}`)
}

export function clearSessionCookie(res: ServerResponse): void {
  res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`)
}
