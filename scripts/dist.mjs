#!/usr/bin/env node
// npm run dist [-- electron-builder args, e.g. --linux AppImage]: the installer for this OS.
// Needs internet (Electron's headers and distribution); see docs/desktop.md.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { locateElectron } from './electron-runtime.mjs'
import { ensureElectronSqlite } from './native-sqlite.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const shell = process.platform === 'win32'

// The version only: electron-builder fetches its own copy of Electron to package.
const { version } = locateElectron({ electronDir: join(root, 'node_modules', 'electron') })
let binding
try {
  binding = ensureElectronSqlite(root, version)
} catch (e) {
  console.error(`${e.message}\n无法为 Electron ${version} 编译 better-sqlite3（需要联网下载 Electron 头文件），安装包未生成。`)
  process.exit(1)
}
mkdirSync(join(root, '.native', 'dist'), { recursive: true })
copyFileSync(binding, join(root, '.native', 'dist', 'better_sqlite3.node'))

const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit', shell })
if (build.status !== 0) process.exit(build.status ?? 1)
const builder = spawnSync(bin('electron-builder'), ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  shell
})
process.exit(builder.status ?? 1)
