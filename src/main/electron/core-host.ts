import { networkInterfaces } from 'node:os'
import { AppError, type ErrorReply } from '../../shared/api/errors'
import { bilingual } from '../../shared/i18n/format'
import { createCore, type Core } from '../core/core'
import { callerForToken } from '../services/auth'
import type { Caller } from '../services/tx'
import { DEFAULT_BACKUPS_KEPT, defaultBackupDir, startAutoBackup } from '../db/backup'
import { openDatabase } from '../db/open'
import { startHttpStation, type HttpStation } from '../transports/http'
import type { FromCore, ToCore } from './core-protocol'

/** The slice of Electron's `process.parentPort` the core needs (a fake in tests). */
export interface ParentPortLike {
  postMessage(message: FromCore): void
  on(event: 'message', listener: (event: { data: ToCore }) => void): unknown
}

export interface CoreHostOptions {
  port: ParentPortLike
  dbFile: string
  nativeBinding?: string
  /** The built renderer, served to the shop network while sharing. */
  staticDir: string
  /** The port a shared board listens on; falls back to any free port if taken. */
  sharePort?: number
  log?: (message: string, error?: unknown) => void
  /** Daily copies of the data file (default on; tests turn them off). */
  autoBackup?: boolean
}

export const DEFAULT_SHARE_PORT = 4780

/** The first LAN IPv4 address, which is what a tablet on the shop network must type. */
export function lanAddress(interfaces = networkInterfaces()): string | undefined {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address
  }
  return undefined
}

function fatal(e: unknown): ErrorReply {
  if (e instanceof AppError) return { code: e.code, params: e.params, message: bilingual(`errors.${e.code}`, e.params) }
  const detail = e instanceof Error ? e.message : String(e)
  return { code: 'INTERNAL', message: bilingual('errors.INTERNAL', { detail }) }
}

/**
 * Runs the core inside Electron's utility process: opens the data file, answers calls from
 * main with the same dispatcher the browser station uses, forwards every board change, and
 * starts or stops the LAN station on request. Returns undefined when the file could not be
 * opened (main has been told why and will quit).
 */
export function hostCore(opts: CoreHostOptions): Core | undefined {
  const { port, log = console.error } = opts
  let core: Core
  const backups = opts.autoBackup === false ? null : { file: opts.dbFile, dir: defaultBackupDir(opts.dbFile), keep: DEFAULT_BACKUPS_KEPT }
  try {
    const db = openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding })
    // Daily copies beside the data file (backups/), as the browser station takes them (db/backup.ts);
    // the core reaches the copier for "Back up now".
    const control = backups ? startAutoBackup({ db, ...backups, log: (m, e) => (e ? log(m, e) : console.log(m)) }) : undefined
    core = createCore({ db, log, backups: backups && { ...backups, control } })
  } catch (e) {
    log('could not open the data file', e)
    port.postMessage({ type: 'fatal', error: fatal(e) })
    return undefined
  }
  core.subscribe((changes) => port.postMessage({ type: 'board-changed', changes }))

  let station: HttpStation | undefined
  async function share(enable: boolean): Promise<string | null> {
    if (!enable) {
      await station?.close()
      station = undefined
      return null
    }
    if (!station) {
      const start = (p: number) => startHttpStation({ core, host: '0.0.0.0', port: p, staticDir: opts.staticDir })
      station = await start(opts.sharePort ?? DEFAULT_SHARE_PORT).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') return start(0)
        throw e
      })
    }
    const portNumber = new URL(station.url).port
    return `http://${lanAddress() ?? '127.0.0.1'}:${portNumber}`
  }

  // The window's own login. The app's window is the dispatcher's station and works without one,
  // but the administrator's screens (users, QC checklist) are refused to the dispatcher role, so
  // the window may log in as another user. The token stays here, in the core's process: the page
  // gets the user, never the token. Main serves one board window, so one session is enough.
  let sessionToken: string | undefined
  function callerOf(actor: string): Caller {
    if (sessionToken) {
      const caller = callerForToken(core.db, sessionToken, core.now(), true)
      if (caller) return { ...caller, actor: `${caller.actor}@desktop` }
      // Expired, or the user was deactivated or given a new PIN: back to the dispatcher's station.
      sessionToken = undefined
    }
    return { actor, local: true }
  }

  port.on('message', ({ data }) => {
    if (data.type === 'call') {
      // Only main's IPC reaches this port, and main accepts only the app's own windows: without a
      // login that is the trusted dispatcher at this PC. Roles are still checked: Caller.role left
      // undefined means 'dispatcher' (services/auth.ts effectiveRole), so administrator-only
      // commands are refused until the window logs in as an administrator (callerOf above).
      let reply = core.dispatch(data.name, data.args, callerOf(data.actor))
      if (reply.ok && (data.name === 'auth-login' || data.name === 'auth-setup')) {
        const result = reply.result as { token: string }
        sessionToken = result.token
        reply = { ...reply, result: { ...result, token: '' } }
      }
      if (data.name === 'auth-logout') sessionToken = undefined
      port.postMessage({ type: 'reply', id: data.id, reply })
    } else if (data.type === 'share') {
      share(data.enable).then(
        (url) => port.postMessage({ type: 'share-result', id: data.id, url }),
        (e: unknown) => port.postMessage({ type: 'share-result', id: data.id, url: null, error: e instanceof Error ? e.message : String(e) })
      )
    }
  })
  port.postMessage({ type: 'ready', dataFile: opts.dbFile })
  return core
}
