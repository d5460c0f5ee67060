import { mkdirSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { AppError } from '../shared/api/errors'
import { bilingual } from '../shared/i18n/format'
import { createCore } from './core/core'
import { checkDatabase } from './db/check'
import { defaultBackupDir, DEFAULT_BACKUPS_KEPT, startAutoBackup } from './db/backup'
import { openDatabase } from './db/open'
import { defaultDbFile } from './paths'
import { startHttpStation } from './transports/http'
import { countUsers } from './db/users.repo'
import { DEMO_USERS, seedDemoTechnicianUser, seedDemoUsers } from './services/users'
import { Tx } from './services/tx'
import { DEMO_HISTORY_DAYS } from './services/demo-history'

const HELP = `Workshop Dispatch Board — browser station (车间派工看板 浏览器站点)

Usage: npm run serve -- [options]

Options:
  --db FILE      SQLite data file (default: ${defaultDbFile()}).
                 Created if missing; the same file the desktop app uses.
  --port N       TCP port (default: 4780; 0 picks a free port).
  --host ADDR    Address to listen on (default: 127.0.0.1, this PC only).
                 Give the PC's LAN address or 0.0.0.0 to let the QC tablet or a
                 wall display on the shop network open the board. Every station
                 on the network then logs in with a username and PIN.
  --allow-host NAME
                 Also accept requests addressed to NAME (e.g. the PC's name on
                 the shop network, dispatch-pc.local). Repeatable. Requests for
                 any other host name are refused (protection against DNS
                 rebinding); localhost, 127.0.0.1, [::1] and --host always work.
  --require-login
                 Make browsers on this PC log in too. Without it, while the
                 server listens on 127.0.0.1 only, this PC's browser is the
                 dispatcher's station and needs no login (see docs/security.md).
  --demo         Fill an empty database with a demo workshop day
                 (10 technicians, 30 repair orders) and the last 30 days
                 of delivered work for the Reports page. Ignored if it has data.
                 Also creates demo users when there are none, with PINs that
                 are printed on start: admin 9000, dispatcher 1000,
                 inspector 2000 (QC), tech 3000 (technician T001), wall 4000.
                 Never use --demo for a real workshop's data.
  --backup-dir DIR
                 Where the automatic copies of the data file go (default: the
                 folder "backups" beside it). A copy is taken 10 minutes after
                 start and then every 24 hours while the board runs, with
                 SQLite's online backup (safe while stations work).
  --backups N    How many automatic copies to keep (default: ${DEFAULT_BACKUPS_KEPT}); 0 turns
                 them off (when the folder is already backed up elsewhere).
  --check        Check the data file's integrity (read-only, safe while the
                 board runs), print the result and exit: 0 when the file is
                 sound, 1 when SQLite found a problem (restore a backup copy).
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
        'allow-host': { type: 'string', multiple: true, default: [] },
        'require-login': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        'backup-dir': { type: 'string' },
        backups: { type: 'string', default: String(DEFAULT_BACKUPS_KEPT) },
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
  const keep = Number(values.backups)
  if (!Number.isInteger(keep) || keep < 0 || keep > 1000) {
    console.error(`--backups must be a whole number from 0 to 1000 (备份份数应为 0–1000 的整数), got "${values.backups}"`)
    process.exit(2)
  }
  const file = resolve(values.db ?? defaultDbFile())
  if (values.check) {
    const r = checkDatabase(file)
    if (r.ok) console.log(`${file}: ok, checked in ${Math.round(r.ms)} ms (完整性检查通过)`)
    else console.error(`${file}: integrity check failed (完整性检查未通过):\n${r.problems.join('\n')}`)
    process.exit(r.ok ? 0 : 1)
  }
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
  const backupConfig = keep > 0 ? { file, dir: resolve(values['backup-dir'] ?? defaultBackupDir(file)), keep } : null
  // The copier first (its first copy comes minutes later): the core reaches it for backup-now.
  const backups = backupConfig
    ? startAutoBackup({
        db,
        ...backupConfig,
        // tests only: a short first delay (ms)
        firstDelayMs: process.env.WDB_FIRST_BACKUP_MS ? Number(process.env.WDB_FIRST_BACKUP_MS) : undefined
      })
    : undefined
  const core = createCore({ db, backups: backupConfig && { ...backupConfig, control: backups } })
  if (values.demo) {
    // The demo users first: the demo's past weeks need the inspector to sign their QC (loadDemo).
    // One audited transaction each, like a command; not a command, so no station can trigger it.
    const seeded = db.transaction(() => {
      const tx = new Tx(db, Date.now(), { actor: 'serve --demo' }, 'user-seed-demo')
      const users = seedDemoUsers(tx)
      if (users.length > 0) tx.commit()
      return users.length > 0
    }).immediate()
    const reply = core.dispatch('workshop-load-demo', {}, { actor: 'serve --demo' })
    if (!reply.ok) console.log(`Demo not loaded: ${reply.error.message.en}`)
    else {
      const { delivered } = reply.result as { delivered: number }
      console.log('Demo workshop loaded (已载入演示车间).')
      if (delivered > 0) {
        const days = DEMO_HISTORY_DAYS
        console.log(`  with ${delivered} repair orders delivered over the last ${days} days, for the Reports page (近 ${days} 天已交车 ${delivered} 张工单，见“报表”).`)
      }
    }
    if (seeded && reply.ok) {
      // The technician's user belongs to T001, whom the demo has just created.
      db.transaction(() => {
        const tx = new Tx(db, Date.now(), { actor: 'serve --demo' }, 'user-seed-demo')
        if (seedDemoTechnicianUser(tx)) tx.commit()
      }).immediate()
    }
    console.log(
      seeded
        ? 'Demo users (演示用户) — PINs are public; never use them for real data (PIN 公开，切勿用于真实数据):'
        : 'Users already exist; these demo PINs apply only if an earlier --demo created them (已有用户):'
    )
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(11)} PIN ${u.pin}  ${u.role}`)
  }
  const here = dirname(fileURLToPath(import.meta.url))
  const station = await startHttpStation({
    core,
    host: values.host,
    port,
    staticDir: join(here, '..', 'renderer'),
    security: { allowedHosts: values['allow-host'], trustLoopback: isLoopback(values.host) && !values['require-login'] },
    // Benchmarks only (bench/board.bench.ts): command replies carry their commit time.
    serverTiming: process.env.WDB_SERVER_TIMING === '1'
  })
  console.log(`Workshop Dispatch Board serving ${file}`)
  console.log(
    backupConfig
      ? `Daily copies (每日备份): ${backupConfig.dir}, the last ${keep} kept (保留最近 ${keep} 份)`
      : 'Automatic copies are off (--backups 0) (自动备份已关闭)'
  )
  console.log(`Open ${station.url} (打开此地址)`)
  if (!isLoopback(values.host)) {
    console.log(
      `Listening on ${values.host}: every station on the shop network must log in with a username and PIN; ` +
        'traffic is plain HTTP, so share only on the shop network, never the internet.\n' +
        `正在监听 ${values.host}：车间网络上的每个站点都须用用户名和 PIN 码登录；通信为明文 HTTP，请仅在车间网络内共享，切勿暴露到互联网。`
    )
    if (countUsers(db) === 0) {
      console.warn(
        'No users yet: open the board in a browser on THIS PC and create the first administrator.\n' +
          '尚无用户：请在本机浏览器中打开看板，创建第一个管理员。'
      )
    }
  }
  const stop = () => {
    void Promise.all([station.close(), backups?.stop()]).then(() => {
      db.close()
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
