#!/usr/bin/env node
// npm start: the desktop app. Finds Electron without the lazy download trap, builds
// better-sqlite3 for Electron's ABI once, builds the app and launches it.
//   npm start             built app (out/)
//   npm start -- --dev    electron-vite dev server with hot reload
import { spawn, spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { locateElectron, missingElectronMessage } from './electron-runtime.mjs'
import { ensureElectronSqlite } from './native-sqlite.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const dev = process.argv.includes('--dev')

let electron = locateElectron({ electronDir })
if (!electron.available && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  // One bounded attempt with electron's own installer, output kept short; never a retry loop.
  console.log(`Fetching the Electron ${electron.version} runtime (一次性下载 Electron 运行时)...`)
  const fetch = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 180_000 })
  if (fetch.status !== 0) {
    const reason = `${fetch.stderr ?? ''}${fetch.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l))?.trim()
    console.log(`  download failed: ${fetch.error?.message ?? reason ?? `exit ${fetch.status}`}`)
  }
  electron = locateElectron({ electronDir })
}
if (!electron.available) {
  console.error(`\n${missingElectronMessage(electron.version)}\n`)
  process.exit(1)
}

let binding
try {
  binding = ensureElectronSqlite(root, electron.version)
} catch (e) {
  console.error(`${e.message}\nbetter-sqlite3 无法为 Electron 编译，桌面应用无法打开数据文件。可改用：npm run serve -- --demo`)
  process.exit(1)
}

const env = { ...process.env, WDB_NATIVE_BINDING: binding }
// Left over from a parent shell, this would make Electron behave as plain Node.
delete env.ELECTRON_RUN_AS_NODE

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (dev) {
  run(bin('electron-vite'), ['dev'])
} else {
  const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  run(electron.path, [root])
}
