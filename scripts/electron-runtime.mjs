// What `npm start` and `npm run dist` need to know about the Electron runtime, as plain
// functions so vitest can check them without Electron (tests/unit/main/electron-runtime.test.ts).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Where node_modules/electron/install.js puts the executable, per OS (mirrors its getPlatformPath). */
export function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * Finds the Electron executable WITHOUT require('electron'): that require downloads the binary
 * on the spot and throws when it cannot, which on a machine without GitHub access is a long,
 * confusing failure. Reads the same path.txt / dist/ that install.js writes.
 * @param {{ electronDir: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (p: string) => boolean, read?: (p: string) => string }} o
 * @returns {{ path: string, available: boolean, version: string }}
 */
export function locateElectron({ electronDir, env = process.env, platform = process.platform, exists = existsSync, read = (p) => readFileSync(p, 'utf8') }) {
  const version = JSON.parse(read(join(electronDir, 'package.json'))).version
  const pathFile = join(electronDir, 'path.txt')
  const relative = exists(pathFile) ? read(pathFile).trim() : platformExecutable(platform)
  const path = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(electronDir, 'dist', relative)
  return { path, available: exists(path), version }
}

/** The plain message when there is no Electron runtime (as on the project's build machines). */
export function missingElectronMessage(version, detail = '') {
  return [
    `The Electron ${version} runtime could not be obtained on this machine${detail ? ` (${detail})` : ''}, so the desktop app cannot start here.`,
    'Use the browser station instead:  npm run serve -- --demo   (then open the printed address in a browser).',
    '',
    `本机无法获取 Electron ${version} 运行时，桌面应用无法在此启动。`,
    '请改用浏览器站点：  npm run serve -- --demo   （然后在浏览器中打开显示的地址）。'
  ].join('\n')
}

/** One Electron-ABI build of better-sqlite3 per Electron version, beside (never inside) node_modules. */
export function nativeDir(root, electronVersion) {
  return join(root, '.native', `electron-${electronVersion}`)
}

/** What a build in nativeDir was made from; a different value means "build again". */
export function nativeStamp({ electronVersion, sqliteVersion, platform = process.platform, arch = process.arch }) {
  return { electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch }
}

/** True when the existing build matches what is installed now. */
export function nativeIsCurrent(dir, stamp, { exists = existsSync, read = (p) => readFileSync(p, 'utf8') } = {}) {
  const binary = join(dir, 'better_sqlite3.node')
  const info = join(dir, 'build-info.json')
  if (!exists(binary) || !exists(info)) return false
  try {
    return JSON.stringify(JSON.parse(read(info))) === JSON.stringify(stamp)
  } catch {
    return false
  }
}

/**
 * node-gyp arguments for Electron's headers (Electron's documented manual rebuild).
 * --devdir keeps the downloaded headers in .native instead of the user's Node header cache.
 */
export function nodeGypArgs({ electronVersion, arch = process.arch, devdir }) {
  return ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--dist-url=https://electronjs.org/headers', `--devdir=${devdir}`]
}

/**
 * The environment for that build: npm_config_nodedir (set for `npm ci` on these machines so
 * node-gyp uses the local Node headers) would silently build for Node's ABI again, so it goes.
 */
export function electronBuildEnv(env) {
  const out = { ...env }
  for (const key of Object.keys(out)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete out[key]
  }
  out.npm_config_runtime = 'electron'
  return out
}

/** node-gyp's CLI: the project's copy if one is installed, else the one npm itself bundles. */
export function findNodeGyp({ root, env = process.env, execPath = process.execPath, exists = existsSync }) {
  const candidates = [
    join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    env.npm_execpath ? join(dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : undefined,
    join(dirname(execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    '/usr/share/nodejs/npm/node_modules/node-gyp/bin/node-gyp.js'
  ].filter(Boolean)
  return candidates.find((c) => exists(c))
}
