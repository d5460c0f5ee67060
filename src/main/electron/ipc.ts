import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { DesktopInfo } from '../../shared/api/bridge'
import type { Reply } from '../../shared/api/errors'
import { IPC } from '../../shared/api/ipc'
import { isAppUrl, type RendererSource } from './security'

/** The parts of an IPC event the sender check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>

/**
 * A message is ours only if it comes from the top frame of a window this app created and
 * that frame shows our renderer. Anything else (an injected iframe, a navigated page, a
 * stray webContents) is refused before it reaches the core.
 */
export function isTrustedSender(event: SenderEvent, ownContents: ReadonlySet<number>, source: RendererSource): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  if (!ownContents.has(event.sender.id)) return false
  return isAppUrl(frame.url, source)
}

export interface IpcDeps {
  trusted(event: SenderEvent): boolean
  call(name: string, args: unknown): Promise<Reply<unknown>>
  info(): DesktopInfo
  toggleFullScreen(event: SenderEvent): void
  log?: (message: string) => void
}

export class RefusedSenderError extends Error {
  constructor(channel: string) {
    super(`IPC ${channel} refused: the sender is not one of the app's own frames`)
    this.name = 'RefusedSenderError'
  }
}

/** The three channels the preload uses; every handler checks the sender first. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  const log = deps.log ?? console.warn
  const guard = (channel: string, event: SenderEvent) => {
    if (deps.trusted(event)) return
    log(`${channel} refused from ${event.senderFrame?.url ?? 'a destroyed frame'}`)
    throw new RefusedSenderError(channel)
  }
  ipcMain.handle(IPC.command, (event, name: unknown, args: unknown) => {
    guard(IPC.command, event)
    // The core validates the name and the arguments; a non-string name becomes UNKNOWN_COMMAND.
    return deps.call(typeof name === 'string' ? name : String(name), args)
  })
  ipcMain.handle(IPC.appInfo, (event) => {
    guard(IPC.appInfo, event)
    return deps.info()
  })
  ipcMain.handle(IPC.toggleFullScreen, (event) => {
    guard(IPC.toggleFullScreen, event)
    deps.toggleFullScreen(event)
  })
}
