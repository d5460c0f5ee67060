import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'workshop-dispatch-board'
export const DB_FILE_NAME = 'workshop.db'

/**
 * Where the board's data file lives by default: the same folder Electron uses as the
 * desktop app's userData, so `npm start` and `npm run serve` open the same board.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_NAME)
}

export function defaultDbFile(): string {
  return join(defaultDataDir(), DB_FILE_NAME)
}
