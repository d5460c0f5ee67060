// Electron main process: thin on purpose. Windows, menu and IPC live in ./electron; the
// database and all business rules run in the core's utility process (core-process.ts).
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApp } from './electron/app'

startApp({ mainDir: dirname(fileURLToPath(import.meta.url)) })
