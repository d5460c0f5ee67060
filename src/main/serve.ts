import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { AppError } from '../shared/api/errors'
import { bilingual } from '../shared/i18n/format'
import { createCore } from './core/core'
import { openDatabase } from './db/open'
import { defaultDbFile } from './paths'
import { startHttpStation } from './transports/http'

const HELP = `Workshop Dispatch Board — browser station (车间派工看板 浏览器站点)

Usage: npm run serve -- [options]

Options:
  --db FILE      SQLite data file (default: ${defaultDbFile()}).
                 Created if missing; the same file the desktop app uses.
  --port N       TCP port (default: 4780; 0 picks a free port).
  --host ADDR    Address to listen on (default: 127.0.0.1, this PC only).
                 Give the PC's LAN address or 0.0.0.0 to let the QC tablet or a
                 wall display on the shop network open the board.
  --demo         Fill an empty database with a demo workshop day
                 (10 technicians, 30 repair orders). Ignored if it has data.
  -h, --help     Show this help.

Open the printed address in a browser. Stop with Ctrl+C.`

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)
}

async function main(): Promise<void> {
  let values
  try {
    values = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string', default: '4780' },
        host: { type: 'string', default: '127.0.0.1' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false }
      },
      strict: true
    }).values
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`)
    process.exit(2)
  }
  if (values.help) {
    console.log(HELP)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535 (端口应为 0–65535 的数字), got "${values.port}"`)
    process.exit(2)
  }
  const file = resolve(values.db ?? defaultDbFile())
  mkdirSync(dirname(file), { recursive: true })
  let db
  try {
    db = openDatabase(file)
  } catch (e) {
    if (e instanceof AppError) {
      const m = bilingual(`errors.${e.code}`, e.params)
      console.error(`${m.en}\n${m.zh}`)
      process.exit(1)
    }
    throw e
  }
  const core = createCore({ db })
  if (values.demo) {
    const reply = core.dispatch('workshop-load-demo', {}, { actor: 'serve --demo' })
    console.log(reply.ok ? 'Demo workshop loaded (已载入演示车间).' : `Demo not loaded: ${reply.error.message.en}`)
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const station = await startHttpStation({ core, host: values.host, port, staticDir: join(here, '..', 'renderer') })
  console.log(`Workshop Dispatch Board serving ${file}`)
  console.log(`Open ${station.url} (打开此地址)`)
  if (!isLoopback(values.host)) {
    console.warn(
      `WARNING: listening on ${values.host}: every device on the network can open and change the board. ` +
        'There are no logins or roles yet; share only on a trusted shop network.\n' +
        `警告：正在监听 ${values.host}，网络上的任何设备都能打开并修改看板。目前尚无登录与角色控制，请仅在可信的车间网络中共享。`
    )
  }
  const stop = () => {
    void station.close().then(() => {
      db.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
