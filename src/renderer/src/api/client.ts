import type { CommandArgs, CommandName } from '../../../shared/api/commands'
import type { ErrorReply, Reply } from '../../../shared/api/errors'
import type { DesktopInfo } from '../../../shared/api/bridge'
import type { CommandResult } from '../../../main/services/handlers'
import type { BoardChanges } from '../../../main/services/tx'

export type { CommandResult }

/** True in the desktop app, where the preload exposes the core over IPC. */
export const isDesktop = (): boolean => typeof window !== 'undefined' && window.api !== undefined

/** A reply for failures of the transport itself (server gone, not JSON), in both languages. */
function transportError(detail: string): ErrorReply {
  return {
    code: 'INTERNAL',
    message: {
      en: `The board server could not be reached; nothing was saved. (${detail})`,
      zh: `无法连接看板服务器，未保存任何内容。（${detail}）`
    }
  }
}

let onUnauthenticated: (() => void) | undefined
/** Called whenever the station answers UNAUTHENTICATED (features/auth/session-store.ts). */
export function setUnauthenticatedHandler(h: () => void): void {
  onUnauthenticated = h
}

/**
 * Runs one command of the contract: over IPC in the desktop app, else over HTTP to the browser
 * station. Typed end to end: the arguments by the zod contract, the result by the handler.
 * Never throws; a failure of the transport becomes an error reply like any other.
 */
export async function call<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<Reply<CommandResult<K>>> {
  try {
    if (window.api) {
      // The preload's bridge is typed loosely (one signature for every command); the core behind
      // it is the same dispatcher as over HTTP, so the reply has this command's result type.
      return (await window.api.commands[name](args)) as Reply<CommandResult<K>>
    }
    const res = await fetch(`/api/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args)
    })
    const body = (await res.json()) as Reply<CommandResult<K>>
    if (typeof body !== 'object' || body === null || typeof body.ok !== 'boolean') return { ok: false, error: transportError(`HTTP ${res.status}`) }
    // A session can end under a screen (expired, user deactivated): the login screen takes over.
    if (!body.ok && body.error.code === 'UNAUTHENTICATED') onUnauthenticated?.()
    return body
  } catch (e) {
    return { ok: false, error: transportError(e instanceof Error ? e.message : String(e)) }
  }
}

export interface LiveHandlers {
  /** A committed change anywhere (this screen or another). */
  onChanges(changes: BoardChanges): void
  /** The stream (re)connected and the server is at `version`: refetch when it differs. */
  onHello(version: number | null): void
  /** Connection state for the offline banner. */
  onConnection(connected: boolean): void
}

/**
 * Subscribes to `board-changed`: over IPC in the desktop app, else server-sent events, which
 * reconnect by themselves; every (re)connection starts with a `hello` that carries the
 * server's version so a screen that missed events while away refetches the board.
 */
export function subscribeBoard(h: LiveHandlers): () => void {
  if (window.api) {
    const off = window.api.onBoardChanged((c) => h.onChanges(c as BoardChanges))
    h.onConnection(true)
    h.onHello(null)
    return off
  }
  const es = new EventSource('/api/events')
  es.addEventListener('hello', (e) => {
    h.onConnection(true)
    const data = JSON.parse((e as MessageEvent<string>).data) as { version?: unknown }
    h.onHello(typeof data.version === 'number' ? data.version : null)
  })
  es.addEventListener('board-changed', (e) => {
    h.onChanges(JSON.parse((e as MessageEvent<string>).data) as BoardChanges)
  })
  es.addEventListener('error', () => h.onConnection(false))
  return () => es.close()
}

export async function desktopInfo(): Promise<DesktopInfo | null> {
  if (!window.api) return null
  try {
    return await window.api.app.info()
  } catch {
    return null
  }
}

export async function toggleFullScreen(): Promise<void> {
  if (window.api) {
    await window.api.app.toggleFullScreen()
    return
  }
  // In a browser station the Fullscreen API does the same for a wall display.
  if (document.fullscreenElement) await document.exitFullscreen()
  else await document.documentElement.requestFullscreen()
}
