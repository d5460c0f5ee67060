import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, shell, utilityProcess } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { DesktopInfo } from '../../shared/api/bridge'
import { IPC } from '../../shared/api/ipc'
import { APP_NAME, DB_FILE_NAME } from '../paths'
import { createCoreClient, CoreFatalError, type CoreChild, type CoreClient } from './core-client'
import { CORE_ENV } from './core-protocol'
import { registerIpc, isTrustedSender } from './ipc'
import { buildMenuTemplate } from './menu'
import { resolveNativeBinding } from './native-binding'
import { contentSecurityPolicy, hardenSession, hardenWebContents, secureWindowOptions, type RendererSource } from './security'
import { both, shellLanguage, TEXTS, type ShellLanguage } from './texts'
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state'

export interface StartOptions {
  /** The folder of the built main entry (out/main): core-process.js sits beside it. */
  mainDir: string
}

const PRODUCT_NAME = '车间派工看板 · Workshop Dispatch Board'

/** The desktop app: one instance, the core in a utility process, hardened windows. */
export function startApp({ mainDir }: StartOptions): void {
  // Pinned rather than derived from productName (which the installer sets to 车间派工看板):
  // `npm run serve` looks for the same folder (src/main/paths.ts), so both open one board.
  app.setPath('userData', join(app.getPath('appData'), APP_NAME))
  if (!app.requestSingleInstanceLock()) {
    // Two instances would both write the same SQLite file and both try to share the board.
    app.quit()
    return
  }
  const windows = new Set<BrowserWindow>()
  const ownContents = new Set<number>()
  const source: RendererSource = {
    file: join(mainDir, '..', 'renderer', 'index.html'),
    devUrl: !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
  }
  let sharedUrl: string | null = null
  let lang: ShellLanguage = 'en'
  let client: CoreClient | undefined
  let dataFile = ''
  let quitting = false

  app.on('second-instance', () => {
    const win = [...windows][0]
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })
  // Every webContents, including any the app did not mean to create, gets the same limits.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', () => (quitting = true))

  const focused = () => BrowserWindow.getFocusedWindow() ?? [...windows][0]
  const toggleFullScreen = (win: BrowserWindow | null | undefined) => win?.setFullScreen(!win.isFullScreen())
  const refreshMenu = () => {
    const template = buildMenuTemplate(lang, { sharing: sharedUrl !== null, dev: !!source.devUrl }, {
      toggleShare: () => void toggleShare(),
      showDataFile: () => shell.showItemInFolder(dataFile),
      toggleFullScreen: () => toggleFullScreen(focused()),
      quit: () => app.quit()
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }

  async function toggleShare(): Promise<void> {
    if (!client) return
    const parent = focused()
    try {
      if (sharedUrl) {
        sharedUrl = await client.share(false)
      } else {
        const options = {
          type: 'warning' as const,
          title: TEXTS.shareTitle[lang],
          message: TEXTS.shareTitle[lang],
          detail: both(TEXTS.shareWarning, lang),
          buttons: [TEXTS.shareConfirm[lang], TEXTS.cancel[lang]],
          defaultId: 1,
          cancelId: 1
        }
        const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options)
        if (response === 0) {
          sharedUrl = await client.share(true)
          if (sharedUrl) void dialog.showMessageBox({ type: 'info', message: `${TEXTS.sharedAt[lang]}: ${sharedUrl}`, detail: both(TEXTS.shareWarning, lang) })
        }
      }
    } catch (e) {
      dialog.showErrorBox(TEXTS.shareFailed[lang], e instanceof Error ? e.message : String(e))
    }
    refreshMenu()
  }

  function createWindow(): BrowserWindow {
    const stateFile = join(app.getPath('userData'), 'window-state.json')
    const state = fitToDisplays(
      loadWindowState(stateFile),
      screen.getAllDisplays().map((d) => d.workArea)
    )
    const icon = join(mainDir, '..', '..', 'resources', 'icon.png')
    const win = new BrowserWindow(
      secureWindowOptions(join(mainDir, '..', 'preload', 'index.cjs'), {
        ...state.bounds,
        minWidth: 1024,
        minHeight: 640,
        show: false,
        title: PRODUCT_NAME,
        backgroundColor: '#10151c',
        ...(existsSync(icon) ? { icon } : {})
      })
    )
    windows.add(win)
    const contentsId = win.webContents.id
    ownContents.add(contentsId)
    if (state.maximized) win.maximize()
    if (state.fullScreen) win.setFullScreen(true)
    win.once('ready-to-show', () => win.show())

    let timer: NodeJS.Timeout | undefined
    const remember = () => {
      if (win.isDestroyed()) return
      saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() })
    }
    const rememberSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(remember, 500)
    }
    win.on('resize', rememberSoon)
    win.on('move', rememberSoon)
    win.on('maximize', rememberSoon)
    win.on('unmaximize', rememberSoon)
    win.on('enter-full-screen', rememberSoon)
    win.on('leave-full-screen', rememberSoon)
    win.on('close', () => {
      clearTimeout(timer)
      remember()
    })
    win.on('closed', () => {
      windows.delete(win)
      ownContents.delete(contentsId)
    })
    if (source.devUrl) void win.loadURL(source.devUrl)
    else void win.loadFile(source.file)
    return win
  }

  void app.whenReady().then(async () => {
    lang = shellLanguage(app.getLocale())
    hardenSession(session.defaultSession, contentSecurityPolicy(!!source.devUrl))
    const binding = resolveNativeBinding({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, env: process.env })
    const child = utilityProcess.fork(join(mainDir, 'core-process.js'), [], {
      serviceName: 'Workshop Dispatch Board core',
      stdio: 'inherit',
      env: { ...process.env, [CORE_ENV.dbFile]: join(app.getPath('userData'), DB_FILE_NAME), [CORE_ENV.nativeBinding]: binding ?? '' }
    })
    const started = await startCore(child as CoreChild, lang)
    if (!started) return
    client = started.client
    dataFile = started.dataFile
    child.on('exit', () => {
      if (quitting) return
      dialog.showErrorBox(TEXTS.cannotOpenTitle[lang], both(TEXTS.coreStopped, lang))
      app.exit(1)
    })
    client.onBoardChanged((changes) => forwardToWindows(windows, changes))
    const info = (): DesktopInfo => ({ appVersion: app.getVersion(), dataFile, sharedUrl })
    const coreClient = client
    registerIpc(ipcMain, {
      trusted: (event) => isTrustedSender(event, ownContents, source),
      call: (name, args) => coreClient.call(name, args, 'desktop'),
      info,
      toggleFullScreen: (event) => toggleFullScreen(BrowserWindow.fromWebContents(event.sender))
    })
    refreshMenu()
    createWindow()
  })
}

/** Sends one board change to every open window, skipping any that is closing. */
export function forwardToWindows(windows: Iterable<Pick<BrowserWindow, 'isDestroyed' | 'webContents'>>, changes: unknown): void {
  for (const win of windows) if (!win.isDestroyed()) win.webContents.send(IPC.boardChanged, changes)
}

/**
 * Waits for the core to open the data file. If it refuses (a file from a newer version, a
 * binary built for the wrong runtime), the user gets the reason in both languages and the
 * app quits without having written to the file.
 */
export async function startCore(child: CoreChild, lang: ShellLanguage): Promise<{ client: CoreClient; dataFile: string } | undefined> {
  const client = createCoreClient(child)
  try {
    const dataFile = await client.ready
    return { client, dataFile }
  } catch (e) {
    const text = e instanceof CoreFatalError ? both(e.error.message, lang) : String(e)
    dialog.showErrorBox(TEXTS.cannotOpenTitle[lang], text)
    app.exit(1)
    return undefined
  }
}
