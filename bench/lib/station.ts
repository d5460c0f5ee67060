/**
 * What the browser benchmarks share: their own build of the app, a browser station on a free
 * port serving a given data file, and Debian's Chromium with the same flags.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

/**
 * Builds the app into `outDir` (absolute: electron-vite resolves a relative outDir of the renderer
 * against src/renderer). Each bench has its own build: another `npm run build` may rewrite out/
 * while it measures. BENCH_NO_BUILD=1 reuses an existing build.
 */
export function buildApp(root: string, outDir: string): void {
  if (process.env.BENCH_NO_BUILD === '1' && existsSync(join(outDir, 'main/serve.js'))) return
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js')
  const r = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`electron-vite build failed (${r.status ?? r.signal})`)
}

function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer()
    s.once('error', () => done(false))
    s.listen(port, '127.0.0.1', () => s.close(() => done(true)))
  })
}

/** BENCH_PORT, else the first free port of `first`..`first + 9` (each bench has its own ten). */
export async function pickPort(first: number): Promise<number> {
  if (process.env.BENCH_PORT) return Number(process.env.BENCH_PORT)
  for (let p = first; p <= first + 9; p++) if (await portFree(p)) return p
  throw new Error(`ports ${first}-${first + 9} are all taken`)
}

export interface Station {
  child: ChildProcess
  url: string
}

/**
 * Starts `node <appDir>/main/serve.js` on `db` and resolves once it prints its address. No
 * automatic copy of the data file in the middle of a measurement (`--backups 0`).
 */
export function startStation(appDir: string, db: string, port: number, env: NodeJS.ProcessEnv = {}): Promise<Station> {
  const serveJs = join(appDir, 'main/serve.js')
  if (!existsSync(serveJs)) throw new Error(`${serveJs} is missing: the build did not produce it`)
  const child = spawn(process.execPath, [serveJs, '--port', String(port), '--db', db, '--backups', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env }
  })
  let text = ''
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`station did not start in 60 s:\n${text}`)), 60_000)
    child.stdout?.on('data', (c: Buffer) => {
      text += c.toString()
      const m = /Open (http:\/\/\S+)/.exec(text)
      if (m) {
        clearTimeout(timer)
        done({ child, url: m[1].replace(/\/$/, '') })
      }
    })
    child.stderr?.on('data', (c: Buffer) => (text += c.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`station exited (${code}):\n${text}`))
    })
  })
}
