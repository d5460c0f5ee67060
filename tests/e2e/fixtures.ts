import { test as base, expect } from '@playwright/test'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// WDB_SERVE_JS: run the stations from a copy of the build, so a rebuild of out/ by someone else
// on the same checkout cannot pull the files from under a running test.
export const SERVE_JS = resolve(process.env.WDB_SERVE_JS ?? 'out/main/serve.js')

export interface StationOptions {
  /** Load the demo workshop into an empty database (`--demo`). */
  demo?: boolean
  /** Reuse a file (e.g. to reopen what an earlier station wrote); default: a fresh temp file. */
  dbFile?: string
  /** Extra command-line arguments for serve.js. */
  args?: string[]
}

export interface Station {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string
  dbFile: string
  /** Everything the station printed so far (stdout and stderr). */
  output(): string
  /** Stops the server (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>
  /** Stops and starts again on the same file (a new port: the old one may linger). */
  restart(): Promise<void>
}

const START_TIMEOUT_MS = 15_000

function launch(dbFile: string, demo: boolean, extra: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!existsSync(SERVE_JS)) {
    throw new Error(`${SERVE_JS} is missing: run \`npm run build\` first (npm test does it for you).`)
  }
  const args = [SERVE_JS, '--port', '0', '--db', dbFile, ...(demo ? ['--demo'] : []), ...extra]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  const output = () => text
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`station did not print "Open http://..." within ${START_TIMEOUT_MS} ms:\n${text}`))
    }, START_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      const m = /Open (http:\/\/\S+)/.exec(text)
      if (m) {
        clearTimeout(timer)
        resolveStart({ child, url: m[1].replace(/\/$/, ''), output })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (c: Buffer) => (text += c.toString('utf8')))
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`station exited (code ${code}, signal ${signal}) before it was ready:\n${text}`))
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000)
    child.once('exit', () => {
      clearTimeout(kill)
      done()
    })
    child.kill('SIGTERM')
  })
}

/**
 * Starts `node out/main/serve.js --port 0 --db <file> [--demo]` and waits until it prints its
 * address. Each station gets its own temp database unless `dbFile` is given, so tests never
 * share state. Prefer the `station`/`startStation` fixtures below: they always stop it.
 */
export async function startStation(options: StationOptions = {}): Promise<Station & { cleanup(): Promise<void> }> {
  const ownDir = options.dbFile ? undefined : mkdtempSync(join(tmpdir(), 'wdb-e2e-'))
  const dbFile = options.dbFile ?? join(ownDir!, 'workshop.db')
  let current = await launch(dbFile, options.demo ?? false, options.args ?? [])
  let log = ''
  const station = {
    dbFile,
    get url() {
      return current.url
    },
    output: () => log + current.output(),
    stop: () => stopChild(current.child),
    async restart() {
      await stopChild(current.child)
      log += current.output()
      // --demo only fills an empty file, so passing it again is harmless but pointless.
      current = await launch(dbFile, false, options.args ?? [])
    },
    async cleanup() {
      await stopChild(current.child)
      if (ownDir) rmSync(ownDir, { recursive: true, force: true })
    }
  }
  return station
}

interface Fixtures {
  /** Starts stations for this test; every one is stopped (and its temp file removed) afterwards. */
  startStation: (options?: StationOptions) => Promise<Station>
  /** A demo station, started for tests that ask for it. */
  station: Station
}

export const test = base.extend<Fixtures>({
  startStation: async ({}, use) => {
    const started: Array<{ cleanup(): Promise<void> }> = []
    await use(async (options) => {
      const s = await startStation(options)
      started.push(s)
      return s
    })
    await Promise.all(started.map((s) => s.cleanup()))
  },
  station: async ({ startStation: start }, use) => {
    await use(await start({ demo: true }))
  }
})

export { expect }
