import type { ErrorReply, Reply } from '../../shared/api/errors'
import { bilingual } from '../../shared/i18n/format'
import type { BoardChanges } from '../services/tx'
import type { FromCore, ToCore } from './core-protocol'

/** The slice of Electron's UtilityProcess the client uses (a fake in tests). */
export interface CoreChild {
  postMessage(message: ToCore): void
  on(event: 'message', listener: (message: FromCore) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
}

export interface CoreClient {
  /** Resolves with the data file once the core has opened it; rejects with the core's reason. */
  ready: Promise<string>
  call(name: string, args: unknown, actor: string): Promise<Reply<unknown>>
  share(enable: boolean): Promise<string | null>
  onBoardChanged(listener: (changes: BoardChanges) => void): () => void
}

/** Thrown by `ready` when the core refused to open the file (e.g. DB_TOO_NEW). */
export class CoreFatalError extends Error {
  constructor(readonly error: ErrorReply) {
    super(error.message.en)
    this.name = 'CoreFatalError'
  }
}

function coreGone(code: number): ErrorReply {
  return { code: 'INTERNAL', message: bilingual('errors.INTERNAL', { detail: `core process exited (${code})` }) }
}

/**
 * Main's side of the core: request ids pair each reply with its call, so IPC handlers can
 * simply await. If the core dies, every waiting call gets an INTERNAL error reply, never a hang.
 */
export function createCoreClient(child: CoreChild): CoreClient {
  let nextId = 1
  const calls = new Map<number, (reply: Reply<unknown>) => void>()
  const shares = new Map<number, { resolve: (url: string | null) => void; reject: (e: Error) => void }>()
  const listeners = new Set<(changes: BoardChanges) => void>()
  let exited: number | undefined
  let settleReady!: { resolve: (file: string) => void; reject: (e: Error) => void }
  const ready = new Promise<string>((resolve, reject) => (settleReady = { resolve, reject }))

  child.on('message', (message) => {
    switch (message.type) {
      case 'ready':
        settleReady.resolve(message.dataFile)
        break
      case 'fatal':
        settleReady.reject(new CoreFatalError(message.error))
        break
      case 'reply':
        calls.get(message.id)?.(message.reply)
        calls.delete(message.id)
        break
      case 'share-result': {
        const pending = shares.get(message.id)
        shares.delete(message.id)
        if (message.error) pending?.reject(new Error(message.error))
        else pending?.resolve(message.url)
        break
      }
      case 'board-changed':
        for (const l of listeners) l(message.changes)
        break
    }
  })
  child.on('exit', (code) => {
    exited = code
    settleReady.reject(new CoreFatalError(coreGone(code)))
    for (const resolve of calls.values()) resolve({ ok: false, error: coreGone(code) })
    calls.clear()
    for (const p of shares.values()) p.reject(new Error(`core process exited (${code})`))
    shares.clear()
  })

  return {
    ready,
    call(name, args, actor) {
      if (exited !== undefined) return Promise.resolve({ ok: false, error: coreGone(exited) })
      const id = nextId++
      return new Promise((resolve) => {
        calls.set(id, resolve)
        child.postMessage({ type: 'call', id, name, args, actor })
      })
    },
    share(enable) {
      if (exited !== undefined) return Promise.reject(new Error(`core process exited (${exited})`))
      const id = nextId++
      return new Promise((resolve, reject) => {
        shares.set(id, { resolve, reject })
        child.postMessage({ type: 'share', id, enable })
      })
    },
    onBoardChanged(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
