import type { CommandName } from './commands'
import type { Reply } from './errors'

/** One function per command, exposed by the preload (never a raw ipcRenderer). */
export type CommandBridge = { [K in CommandName]: (args?: unknown) => Promise<Reply<unknown>> }

/** Facts about the desktop app the UI shows (where the data file lives, sharing state). */
export interface DesktopInfo {
  appVersion: string
  dataFile: string
  /** The LAN address while the board is shared on the shop network, else null. */
  sharedUrl: string | null
}

/** What the preload puts on `window.api` in the desktop app; absent in a browser station. */
export interface DesktopBridge {
  commands: CommandBridge
  /** Subscribes to `board-changed` (BoardChanges from src/main/services/tx.ts); returns an unsubscribe. */
  onBoardChanged(listener: (changes: unknown) => void): () => void
  app: {
    info(): Promise<DesktopInfo>
    toggleFullScreen(): Promise<void>
  }
}

declare global {
  interface Window {
    api?: DesktopBridge
  }
}
