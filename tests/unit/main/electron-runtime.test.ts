import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  electronBuildEnv,
  findNodeGyp,
  locateElectron,
  missingElectronMessage,
  nativeDir,
  nativeIsCurrent,
  nativeStamp,
  nodeGypArgs
} from '../../../scripts/electron-runtime.mjs'

const electronDir = '/repo/node_modules/electron'
const files = (map: Record<string, string>) => ({
  exists: (p: string) => p in map,
  read: (p: string) => {
    if (!(p in map)) throw new Error(`ENOENT ${p}`)
    return map[p]
  }
})
const pkg = { [join(electronDir, 'package.json')]: JSON.stringify({ version: '45.4.1' }) }

describe('finding the Electron executable without require("electron")', () => {
  it('reports it missing when install.js never ran (the state of these machines)', () => {
    const found = locateElectron({ electronDir, platform: 'linux', env: {}, ...files(pkg) })
    expect(found).toEqual({ path: join(electronDir, 'dist', 'electron'), available: false, version: '45.4.1' })
  })

  it('follows path.txt to the downloaded binary', () => {
    const fs = files({ ...pkg, [join(electronDir, 'path.txt')]: 'electron', [join(electronDir, 'dist', 'electron')]: '' })
    expect(locateElectron({ electronDir, platform: 'linux', env: {}, ...fs }).available).toBe(true)
  })

  it('reports a path.txt whose binary was deleted as missing', () => {
    const fs = files({ ...pkg, [join(electronDir, 'path.txt')]: 'electron' })
    expect(locateElectron({ electronDir, platform: 'linux', env: {}, ...fs }).available).toBe(false)
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron/index.js does', () => {
    const fs = files({ ...pkg, '/opt/electron/electron.exe': '' })
    const found = locateElectron({ electronDir, platform: 'win32', env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, ...fs })
    expect(found).toMatchObject({ path: join('/opt/electron', 'electron.exe'), available: true })
  })
})

describe('the message when Electron is missing', () => {
  it('says so in English and Chinese and points to the browser station', () => {
    const text = missingElectronMessage('45.4.1')
    expect(text).toContain('could not be obtained on this machine')
    expect(text).toContain('本机无法获取 Electron 45.4.1 运行时')
    expect(text.match(/npm run serve -- --demo/g)).toHaveLength(2)
  })

  it('is what `npm start` prints on this machine, exiting 1 quickly', () => {
    const started = Date.now()
    // ELECTRON_SKIP_BINARY_DOWNLOAD: the test must not depend on the network either way.
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent-electron' }
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('npm run serve -- --demo')
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})

describe('the Electron-ABI better-sqlite3 beside node_modules', () => {
  it('lives in .native/electron-<version>', () => {
    expect(nativeDir('/repo', '45.4.1')).toBe(join('/repo', '.native', 'electron-45.4.1'))
  })

  it('is rebuilt when better-sqlite3, Electron or the machine changed', () => {
    const dir = '/repo/.native/electron-45.4.1'
    const stamp = nativeStamp({ electronVersion: '45.4.1', sqliteVersion: '12.11.1', platform: 'linux', arch: 'x64' })
    const built = { [join(dir, 'better_sqlite3.node')]: '', [join(dir, 'build-info.json')]: JSON.stringify(stamp) }
    expect(nativeIsCurrent(dir, stamp, files(built))).toBe(true)
    expect(nativeIsCurrent(dir, { ...stamp, betterSqlite3: '12.12.0' }, files(built))).toBe(false)
    expect(nativeIsCurrent(dir, stamp, files({ [join(dir, 'build-info.json')]: JSON.stringify(stamp) }))).toBe(false)
  })

  it('is built against Electron headers, never the local Node headers', () => {
    expect(nodeGypArgs({ electronVersion: '45.4.1', arch: 'x64', devdir: '/repo/.native/headers' })).toEqual([
      'rebuild',
      '--release',
      '--target=45.4.1',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/repo/.native/headers'
    ])
    const env = electronBuildEnv({ npm_config_nodedir: '/usr', NPM_CONFIG_NODEDIR: '/usr', PATH: '/bin' })
    expect(env).toEqual({ PATH: '/bin', npm_config_runtime: 'electron' })
  })

  it('uses the project node-gyp first, else the one bundled with npm', () => {
    const bundled = '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'
    expect(findNodeGyp({ root: '/repo', env: {}, execPath: '/usr/bin/node', exists: (p) => p === bundled })).toBe(bundled)
    const own = join('/repo', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    expect(findNodeGyp({ root: '/repo', env: {}, execPath: '/usr/bin/node', exists: () => true })).toBe(own)
    expect(findNodeGyp({ root: '/repo', env: {}, execPath: '/usr/bin/node', exists: () => false })).toBeUndefined()
  })
})
