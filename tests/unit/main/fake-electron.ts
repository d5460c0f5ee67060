import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

// A stand-in for the `electron` module: records what the app asks of Electron so the tests can
// check the wiring without the Electron binary (which these machines cannot obtain).

export class FakeWebContents extends EventEmitter {
  static nextId = 1
  id = FakeWebContents.nextId++
  send = vi.fn()
  openHandler: ((details: { url: string }) => { action: string }) | undefined
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler
  })
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  webContents = new FakeWebContents()
  fullScreen = false
  destroyed = false
  loadFile = vi.fn(async () => undefined)
  loadURL = vi.fn(async () => undefined)
  show = vi.fn()
  focus = vi.fn()
  maximize = vi.fn()
  constructor(readonly options: Record<string, unknown>) {
    super()
    FakeBrowserWindow.created.push(this)
    fake.app.emit('web-contents-created', {}, this.webContents)
  }
  isDestroyed = () => this.destroyed
  isMinimized = () => false
  isMaximized = () => false
  isFullScreen = () => this.fullScreen
  setFullScreen = vi.fn((on: boolean) => (this.fullScreen = on))
  getNormalBounds = () => ({ x: 0, y: 0, width: 1600, height: 900 })
  static getFocusedWindow = () => FakeBrowserWindow.created[0] ?? null
  static fromWebContents = (contents: FakeWebContents) => FakeBrowserWindow.created.find((w) => w.webContents === contents) ?? null
}

export class FakeChild extends EventEmitter {
  postMessage = vi.fn()
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

class FakeApp extends EventEmitter {
  isPackaged = false
  ready!: () => void
  readyPromise = new Promise<void>((resolve) => (this.ready = resolve))
  requestSingleInstanceLock = vi.fn(() => true)
  whenReady = () => this.readyPromise
  getLocale = vi.fn(() => 'zh-CN')
  paths = new Map<string, string>()
  getPath = vi.fn((name: string) => this.paths.get(name) ?? (name === 'appData' ? '/home/x/.config' : fake.userData))
  setPath = vi.fn((name: string, value: string) => void this.paths.set(name, value))
  getVersion = () => '0.1.0'
  quit = vi.fn()
  exit = vi.fn()
}

function createFake() {
  const handlers = new Map<string, Handler>()
  const children: FakeChild[] = []
  return {
    userData: '/tmp',
    app: new FakeApp(),
    handlers,
    children,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)) },
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 1 }))
    },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => t), setApplicationMenu: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() }
      }
    },
    shell: { showItemInFolder: vi.fn(), openExternal: vi.fn() },
    utilityProcess: {
      fork: vi.fn(() => {
        const child = new FakeChild()
        children.push(child)
        return child
      })
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true })), on: vi.fn(), removeListener: vi.fn() }
  }
}

export const fake = createFake()
