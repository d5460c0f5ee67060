import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveNativeBinding } from '../../../src/main/electron/native-binding'
import { contentSecurityPolicy, isAppUrl } from '../../../src/main/electron/security'
import { both, shellLanguage } from '../../../src/main/electron/texts'
import { DEFAULT_STATE, fitToDisplays, loadWindowState, saveWindowState } from '../../../src/main/electron/window-state'
import { CONTENT_SECURITY_POLICY } from '../../../src/main/transports/http'

describe('which pages count as the app', () => {
  const built = { file: '/opt/wdb/out/renderer/index.html' }
  it('accepts the built renderer file with any hash or query', () => {
    expect(isAppUrl('file:///opt/wdb/out/renderer/index.html', built)).toBe(true)
    expect(isAppUrl('file:///opt/wdb/out/renderer/index.html#/ro/3?x=1', built)).toBe(true)
  })
  it('refuses other files, web pages and garbage', () => {
    expect(isAppUrl('file:///opt/wdb/out/renderer/other.html', built)).toBe(false)
    expect(isAppUrl('https://opt/wdb/out/renderer/index.html', built)).toBe(false)
    expect(isAppUrl('not a url', built)).toBe(false)
    expect(isAppUrl('about:blank', built)).toBe(false)
  })
  it('in development accepts the dev server origin only', () => {
    const dev = { ...built, devUrl: 'http://localhost:5173' }
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('file:///opt/wdb/out/renderer/index.html', dev)).toBe(false)
  })
})

describe('content security policy', () => {
  it('is the station policy in the built app', () => {
    expect(contentSecurityPolicy(false)).toBe(CONTENT_SECURITY_POLICY)
  })
  it('relaxes only what the Vite dev server needs', () => {
    const dev = contentSecurityPolicy(true)
    expect(dev).toContain("script-src 'self' 'unsafe-inline'")
    expect(dev).toContain("object-src 'none'")
  })
})

describe('window state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-ws-'))
  it('round-trips through the JSON file', () => {
    const file = join(dir, 'a', 'window-state.json')
    const state = { bounds: { x: 10, y: 20, width: 1280, height: 800 }, maximized: false, fullScreen: true }
    saveWindowState(file, state)
    expect(loadWindowState(file)).toEqual(state)
  })
  it('falls back to the default for a missing or damaged file', () => {
    const file = join(dir, 'broken.json')
    writeFileSync(file, '{"bounds": {"x": "oops"')
    expect(loadWindowState(file)).toEqual(DEFAULT_STATE)
    expect(loadWindowState(join(dir, 'missing.json'))).toEqual(DEFAULT_STATE)
    rmSync(dir, { recursive: true, force: true })
  })
  it('brings back a window left on an unplugged screen', () => {
    const state = { bounds: { x: 4000, y: 0, width: 1600, height: 900 }, maximized: false, fullScreen: false }
    const fitted = fitToDisplays(state, [{ x: 0, y: 0, width: 1366, height: 768 }])
    expect(fitted.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 768 })
    const visible = { ...state, bounds: { ...state.bounds, x: 100 } }
    expect(fitToDisplays(visible, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toBe(visible)
  })
})

describe('shell language', () => {
  it('follows the OS locale: Chinese for zh-*, English otherwise', () => {
    expect(shellLanguage('zh-CN')).toBe('zh')
    expect(shellLanguage('zh-TW')).toBe('zh')
    expect(shellLanguage('en-US')).toBe('en')
    expect(shellLanguage('de')).toBe('en')
  })
  it('puts the user language first in a two-language message', () => {
    expect(both({ en: 'A', zh: '甲' }, 'zh')).toBe('甲\n\nA')
    expect(both({ en: 'A', zh: '甲' }, 'en')).toBe('A\n\n甲')
  })
})

describe('better-sqlite3 binary for Electron', () => {
  const exists = (f: string) => f === '/app/resources/native/better_sqlite3.node' || f === '/repo/.native/electron-45.4.1/better_sqlite3.node'
  it('uses the one shipped in the installer', () => {
    expect(resolveNativeBinding({ isPackaged: true, resourcesPath: '/app/resources', env: {}, exists })).toBe('/app/resources/native/better_sqlite3.node')
  })
  it('uses the one npm start built, passed in the environment', () => {
    const env = { WDB_NATIVE_BINDING: '/repo/.native/electron-45.4.1/better_sqlite3.node' }
    expect(resolveNativeBinding({ isPackaged: false, resourcesPath: '', env, exists })).toBe(env.WDB_NATIVE_BINDING)
  })
  it('falls back to the default when nothing usable is given', () => {
    expect(resolveNativeBinding({ isPackaged: false, resourcesPath: '', env: { WDB_NATIVE_BINDING: '/gone.node' }, exists })).toBeUndefined()
    expect(resolveNativeBinding({ isPackaged: false, resourcesPath: '', env: {}, exists })).toBeUndefined()
  })
})
