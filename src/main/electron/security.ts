import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron'
import { pathToFileURL } from 'node:url'
import { CONTENT_SECURITY_POLICY } from '../transports/http'

/** Where the renderer comes from: the built file, or electron-vite's dev server in development. */
export interface RendererSource {
  file: string
  devUrl?: string
}

/**
 * True only for pages the app itself loads: the exact renderer file (any hash or query) or,
 * in development, the dev server's origin. Everything else is foreign.
 */
export function isAppUrl(url: string, source: RendererSource): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (source.devUrl) {
    const dev = new URL(source.devUrl)
    return parsed.origin === dev.origin
  }
  const own = pathToFileURL(source.file)
  return parsed.protocol === 'file:' && parsed.pathname === own.pathname && parsed.host === own.host
}

/**
 * The CSP the station sends, with the two relaxations Vite's dev server needs (its inline
 * React-refresh preamble and its HMR websocket); the built app gets the strict one.
 */
export function contentSecurityPolicy(dev: boolean): string {
  if (!dev) return CONTENT_SECURITY_POLICY
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    "connect-src 'self' ws: http://localhost:*"
  )
}

/** Options of every app window: the renderer gets no Node, an isolated world and a sandbox. */
export function secureWindowOptions(preload: string, extra: BrowserWindowConstructorOptions = {}): BrowserWindowConstructorOptions {
  return {
    ...extra,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  }
}

/**
 * The board is one page: it never navigates, opens windows or embeds webviews, so every
 * attempt is refused (a link in a repair order's text must not turn the window into a browser).
 */
export function hardenWebContents(contents: WebContents, log: (message: string) => void = console.warn): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault()
    log(`navigation refused: ${url}`)
  })
  contents.on('will-redirect', (event, url) => {
    event.preventDefault()
    log(`redirect refused: ${url}`)
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log('webview refused')
  })
  contents.setWindowOpenHandler(({ url }) => {
    log(`new window refused: ${url}`)
    return { action: 'deny' }
  })
}

/** No camera, microphone, notifications or anything else: the board needs no permission. */
export function hardenSession(session: Session, csp: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
}
