// The only bridge between the page and the app: named functions, no ipcRenderer, no process.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CommandBridge, DesktopBridge, DesktopInfo } from '../shared/api/bridge'
import { COMMAND_NAMES } from '../shared/api/commands'
import type { Reply } from '../shared/api/errors'
import { IPC } from '../shared/api/ipc'

/** One function per command name; each can only ever send its own name. */
export function buildCommands(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>): CommandBridge {
  return Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, (args?: unknown) => invoke(IPC.command, name, args ?? {}) as Promise<Reply<unknown>>])
  ) as CommandBridge
}

const api = {
  commands: buildCommands((channel, ...args) => ipcRenderer.invoke(channel, ...args)),
  onBoardChanged(listener: (changes: unknown) => void) {
    // Hand the page only the payload: the IPC event carries a sender object it must not see.
    const wrapped = (_event: IpcRendererEvent, changes: unknown) => listener(changes)
    ipcRenderer.on(IPC.boardChanged, wrapped)
    return () => {
      ipcRenderer.removeListener(IPC.boardChanged, wrapped)
    }
  },
  app: {
    info: () => ipcRenderer.invoke(IPC.appInfo) as Promise<DesktopInfo>,
    toggleFullScreen: () => ipcRenderer.invoke(IPC.toggleFullScreen) as Promise<void>
  }
} satisfies DesktopBridge

contextBridge.exposeInMainWorld('api', api)
