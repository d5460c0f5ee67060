/**
 * IPC channel names between the desktop app's preload and main process. One channel carries
 * every command (the name travels with the call and the core validates it), so main has one
 * sender check for all of them.
 */
export const IPC = {
  command: 'wdb:command',
  appInfo: 'wdb:app-info',
  toggleFullScreen: 'wdb:toggle-full-screen',
  /** main -> renderer: BoardChanges after every committed change. */
  boardChanged: 'wdb:board-changed'
} as const
