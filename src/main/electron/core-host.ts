import { networkInterfaces } from 'node:os'
import { AppError, type ErrorReply } from '../../shared/api/errors'
import { bilingual } from '../../shared/i18n/format'
import { createCore, type Core } from '../core/core'
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
  try {
    core = createCore({ db: openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding }), log })
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

  port.on('message', ({ data }) => {
    if (data.type === 'call') {
      // Only main's IPC reaches this port, and main accepts only the app's own windows: that is
      // the dispatcher at this PC (no role check, may create the first admin; see Caller).
      const reply = core.dispatch(data.name, data.args, { actor: data.actor, local: true })
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
