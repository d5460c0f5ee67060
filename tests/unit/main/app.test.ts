import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { IPC } from '../../../src/shared/api/ipc'
import { bilingual } from '../../../src/shared/i18n/format'
import { fake, FakeBrowserWindow, type FakeWebContents } from './fake-electron'

vi.mock('electron', async () => (await import('./fake-electron')).fake)

const mainDir = '/opt/wdb/out/main'
const rendererUrl = 'file:///opt/wdb/out/renderer/index.html'
const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

function eventFrom(contents: FakeWebContents, url: string, parent: object | null = null) {
  return { sender: contents, senderFrame: { url, parent } }
}

describe('the desktop app once the core is ready', () => {
  let win: FakeBrowserWindow
  let userData = ''
  beforeAll(async () => {
    const appData = mkdtempSync(join(tmpdir(), 'wdb-app-'))
    // The app pins userData under appData; in the test that is a temp folder.
    fake.app.paths.set('appData', appData)
    userData = join(appData, 'workshop-dispatch-board')
    const { startApp } = await import('../../../src/main/electron/app')
    startApp({ mainDir })
    fake.app.ready()
    await flush()
    const child = fake.children[0]
    child.emit('message', { type: 'ready', dataFile: join(userData, 'workshop.db') })
    await flush()
    win = FakeBrowserWindow.created[0]
  })

  it('starts the core off the main thread, in a utility process, on the userData file', () => {
    expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1)
    const [modulePath, , options] = fake.utilityProcess.fork.mock.calls[0] as unknown as [string, string[], { env: Record<string, string> }]
    expect(modulePath).toBe(join(mainDir, 'core-process.js'))
    expect(options.env.WDB_DB_FILE).toBe(join(userData, 'workshop.db'))
  })

  it('asks for the single-instance lock', () => {
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled()
  })

  it('keeps its data in the same folder `npm run serve` uses, whatever the product name', () => {
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', userData)
  })

  it('opens a window with context isolation, sandbox and no Node integration', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(prefs.preload).toBe(join(mainDir, '..', 'preload', 'index.cjs'))
    expect(win.loadFile).toHaveBeenCalledWith(join(mainDir, '..', 'renderer', 'index.html'))
  })

  it('denies navigation and new windows from its pages', () => {
    const preventDefault = vi.fn()
    win.webContents.emit('will-navigate', { preventDefault }, 'https://example.com/')
    expect(preventDefault).toHaveBeenCalled()
    expect(win.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })

  it('denies every permission and sets the strict CSP on responses', () => {
    const s = fake.session.defaultSession
    const request = s.setPermissionRequestHandler.mock.calls[0][0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void
    const callback = vi.fn()
    request({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
    const onHeaders = s.webRequest.onHeadersReceived.mock.calls[0][0] as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void
    let headers: Record<string, string[]> = {}
    onHeaders({ responseHeaders: {} }, (r) => (headers = r.responseHeaders))
    expect(headers['Content-Security-Policy'][0]).toContain("script-src 'self';")
  })

  it('forwards a command from its own frame to the core and returns the core reply', async () => {
    const handler = fake.handlers.get(IPC.command)!
    const pending = handler(eventFrom(win.webContents, rendererUrl), 'board-get', {}) as Promise<unknown>
    const child = fake.children[0]
    const sent = child.postMessage.mock.calls.at(-1)![0] as { type: string; id: number; name: string; actor: string }
    expect(sent).toMatchObject({ type: 'call', name: 'board-get', actor: 'desktop' })
    child.emit('message', { type: 'reply', id: sent.id, reply: { ok: true, result: 'board', version: 3 } })
    await expect(pending).resolves.toEqual({ ok: true, result: 'board', version: 3 })
  })

  it('refuses commands from a foreign page, an iframe or a webContents it did not create', () => {
    const handler = fake.handlers.get(IPC.command)!
    const calls = fake.children[0].postMessage.mock.calls.length
    expect(() => handler(eventFrom(win.webContents, 'https://evil.example/'), 'board-get', {})).toThrow(/refused/)
    expect(() => handler(eventFrom(win.webContents, rendererUrl, { url: rendererUrl }), 'board-get', {})).toThrow(/refused/)
    const stranger = { id: 9999 } as unknown as FakeWebContents
    expect(() => handler(eventFrom(stranger, rendererUrl), 'board-get', {})).toThrow(/refused/)
    expect(() => fake.handlers.get(IPC.appInfo)!(eventFrom(win.webContents, 'file:///tmp/other.html'))).toThrow(/refused/)
    expect(fake.children[0].postMessage.mock.calls.length).toBe(calls)
  })

  it('tells its own page where the data file is', () => {
    const info = fake.handlers.get(IPC.appInfo)!(eventFrom(win.webContents, rendererUrl))
    expect(info).toEqual({ appVersion: '0.1.0', dataFile: join(userData, 'workshop.db'), sharedUrl: null })
  })

  it('toggles full screen for the window that asked', () => {
    fake.handlers.get(IPC.toggleFullScreen)!(eventFrom(win.webContents, rendererUrl))
    expect(win.setFullScreen).toHaveBeenLastCalledWith(true)
  })

  it('pushes every board change to every open window', () => {
    const changes = { version: 7, repairOrders: [1] }
    fake.children[0].emit('message', { type: 'board-changed', changes })
    expect(win.webContents.send).toHaveBeenCalledWith(IPC.boardChanged, changes)
  })

  it('has a Chinese menu with full screen on F11 and a share toggle', () => {
    const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Array<{ label: string; submenu: Array<Record<string, unknown>> }>
    const items = template.flatMap((m) => m.submenu)
    expect(items.find((i) => i.accelerator === 'F11')?.label).toBe('全屏')
    expect(items.find((i) => i.id === 'share')).toMatchObject({ type: 'checkbox', checked: false, label: '在车间网络共享' })
  })

  it('shares on the shop network only after the warning is accepted', async () => {
    const child = fake.children[0]
    const shareItem = () => {
      const template = fake.Menu.buildFromTemplate.mock.calls.at(-1)![0] as Array<{ submenu: Array<Record<string, unknown>> }>
      return template.flatMap((m) => m.submenu).find((i) => i.id === 'share') as { click: () => void; checked: boolean }
    }
    const shareMessages = () => child.postMessage.mock.calls.filter(([m]) => (m as { type: string }).type === 'share')

    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 }) // Cancel
    shareItem().click()
    await flush()
    expect(shareMessages()).toHaveLength(0)
    const warning = fake.dialog.showMessageBox.mock.calls.at(-1)!.at(-1) as unknown as { detail: string }
    expect(warning.detail).toContain('PIN 登录')
    expect(warning.detail).toContain('log in with a username and PIN')

    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }) // Share
    shareItem().click()
    await flush()
    const [request] = shareMessages().at(-1) as [{ id: number; enable: boolean }]
    expect(request.enable).toBe(true)
    child.emit('message', { type: 'share-result', id: request.id, url: 'http://192.168.1.20:4780' })
    await flush()
    const info = fake.handlers.get(IPC.appInfo)!(eventFrom(win.webContents, rendererUrl)) as { sharedUrl: string }
    expect(info.sharedUrl).toBe('http://192.168.1.20:4780')
    expect(shareItem().checked).toBe(true)

    shareItem().click()
    await flush()
    const [stop] = shareMessages().at(-1) as [{ id: number; enable: boolean }]
    expect(stop.enable).toBe(false)
    child.emit('message', { type: 'share-result', id: stop.id, url: null })
    await flush()
    expect(shareItem().checked).toBe(false)
  })

  it('a second instance quits at once and starts no core', async () => {
    const { startApp } = await import('../../../src/main/electron/app')
    const forks = fake.utilityProcess.fork.mock.calls.length
    fake.app.requestSingleInstanceLock.mockReturnValueOnce(false)
    startApp({ mainDir })
    expect(fake.app.quit).toHaveBeenCalled()
    expect(fake.utilityProcess.fork.mock.calls.length).toBe(forks)
  })

  it('remembers the window state in userData when the window closes', () => {
    win.fullScreen = true
    win.emit('close')
    const saved = JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8')) as Record<string, unknown>
    expect(saved).toMatchObject({ fullScreen: true, bounds: { width: 1600, height: 900 } })
  })
})

describe('a data file from a newer version', () => {
  it('is explained in both languages and the app quits without a window', async () => {
    const { startCore } = await import('../../../src/main/electron/app')
    const { FakeChild } = await import('./fake-electron')
    const child = new FakeChild()
    const windowsBefore = FakeBrowserWindow.created.length
    const started = startCore(child, 'en')
    const message = bilingual('errors.DB_TOO_NEW', { found: 9, known: 1 })
    child.emit('message', { type: 'fatal', error: { code: 'DB_TOO_NEW', message } })
    await expect(started).resolves.toBeUndefined()
    const [title, text] = fake.dialog.showErrorBox.mock.calls.at(-1) as [string, string]
    expect(title).toContain('cannot open')
    expect(text).toContain(message.en)
    expect(text).toContain(message.zh)
    expect(fake.app.exit).toHaveBeenCalledWith(1)
    expect(FakeBrowserWindow.created.length).toBe(windowsBefore)
  })
})
