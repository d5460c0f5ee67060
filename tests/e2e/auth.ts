import type { APIRequestContext } from '@playwright/test'

/**
 * Logging an end-to-end test in as one of the demo users (`serve --demo`, see docs/security.md).
 *
 * A station on 127.0.0.1 trusts this PC's browser as the dispatcher, so existing tests need no
 * login. Use this for a station started with `--require-login` (or a LAN --host), or to act as
 * another role (inspector, technician, wall display, admin). Pass `page.context().request` to log
 * a whole browser context in: it shares the HttpOnly session cookie with the pages.
 */
export const DEMO_LOGINS = {
  admin: { username: 'admin', pin: '9000' },
  dispatcher: { username: 'dispatcher', pin: '1000' },
  inspector: { username: 'inspector', pin: '2000' },
  technician: { username: 'tech', pin: '3000' },
  wall: { username: 'wall', pin: '4000' }
} as const
export type DemoLogin = keyof typeof DEMO_LOGINS

/** Logs `request` in (its cookie jar keeps the session); returns the bearer token for other clients. */
export async function loginAs(request: APIRequestContext, baseUrl: string, who: DemoLogin): Promise<string> {
  const res = await request.post(`${baseUrl}/api/commands/auth-login`, {
    data: DEMO_LOGINS[who],
    headers: { 'Content-Type': 'application/json' },
    failOnStatusCode: false
  })
  const body = (await res.json()) as { ok: true; result: { token: string } } | { ok: false; error: { code: string; message: { en: string } } }
  if (!body.ok) throw new Error(`login as ${who} failed: ${body.error.code} ${body.error.message.en}`)
  return body.result.token
}

/** The inspector's sign-off arguments for a demo station: the PIN is the demo inspector's. */
export function demoSignOff(id: number, result: 'pass' | 'fail', checkedItemIds: string[], fail?: { failReason: string; comebackCause: string }) {
  return { id, username: DEMO_LOGINS.inspector.username, pin: DEMO_LOGINS.inspector.pin, result, checkedItemIds, ...(fail ?? {}) }
}
