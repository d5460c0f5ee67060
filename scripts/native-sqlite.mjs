// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/, leaving the
// Node-ABI build in node_modules alone so `npm test` keeps working (docs/desktop.md).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { electronBuildEnv, findNodeGyp, nativeDir, nativeIsCurrent, nativeStamp, nodeGypArgs } from './electron-runtime.mjs'

/**
 * Returns the path of an Electron-ABI better_sqlite3.node, building it first if needed.
 * Throws with a readable reason when the build is impossible (no compiler, no headers).
 */
export function ensureElectronSqlite(root, electronVersion) {
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3')
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version
  const dir = nativeDir(root, electronVersion)
  const stamp = nativeStamp({ electronVersion, sqliteVersion })
  const binary = join(dir, 'better_sqlite3.node')
  if (nativeIsCurrent(dir, stamp)) return binary

  const nodeGyp = findNodeGyp({ root })
  if (!nodeGyp) throw new Error('node-gyp was not found (it ships with npm); cannot build better-sqlite3 for Electron.')
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (one time, about a minute)...`)
  console.log(`为 Electron ${electronVersion} 编译 better-sqlite3 ${sqliteVersion}（仅首次，约一分钟）……`)
  const work = join(dir, 'src')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  // A copy, not node_modules itself: rebuilding in place would break the Node build npm test uses.
  cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${join('better-sqlite3', 'build')}`) })
  const run = spawnSync(process.execPath, [nodeGyp, ...nodeGypArgs({ electronVersion, devdir: join(root, '.native', 'headers') })], {
    cwd: work,
    stdio: 'inherit',
    env: electronBuildEnv(process.env)
  })
  if (run.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`node-gyp could not build better-sqlite3 for Electron ${electronVersion} (exit ${run.status ?? run.signal}).`)
  }
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), binary)
  writeFileSync(join(dir, 'build-info.json'), JSON.stringify(stamp))
  rmSync(work, { recursive: true, force: true })
  return binary
}
