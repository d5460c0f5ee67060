// The core in Electron's utility process: SQLite and the LAN station stay off the main
// (UI) thread, so a slow query never freezes the window.
import type {} from 'electron' // brings the type of process.parentPort
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CORE_ENV } from './electron/core-protocol'
import { hostCore, type ParentPortLike } from './electron/core-host'

const here = dirname(fileURLToPath(import.meta.url))
const dbFile = process.env[CORE_ENV.dbFile]
if (!process.parentPort || !dbFile) {
  console.error('core-process.js runs inside the desktop app only (use `npm run serve` for a browser station).')
  process.exit(2)
}
hostCore({
  port: process.parentPort as unknown as ParentPortLike,
  dbFile,
  nativeBinding: process.env[CORE_ENV.nativeBinding] || undefined,
  staticDir: join(here, '..', 'renderer')
})
