import type { Database } from 'better-sqlite3'
import { commands, isCommandName, type CommandName } from '../../shared/api/commands'
import { AppError, type Reply } from '../../shared/api/errors'
import type { Language } from '../../shared/i18n/format'
import { lastAuditId } from '../db/audit.repo'
import { listSkills } from '../db/skills.repo'
import type { BackupConfig } from '../db/backup'
import { mutations, queries, type CommandResult, type QueryContext } from '../services/handlers'
import { Tx, type BoardChanges, type Caller } from '../services/tx'
import { toErrorReply } from './errors'
import { authorize, authorizeOrder, PinRejected } from '../services/auth'

export type BoardListener = (changes: BoardChanges) => void

export interface Core {
  /** The one entry for every transport: parses, runs in one transaction, replies; never throws. */
  dispatch(name: string, args: unknown, caller: Caller): Reply<unknown>
  call<K extends CommandName>(name: K, args: unknown, caller: Caller): Reply<CommandResult<K>>
  subscribe(listener: BoardListener): () => void
  version(): number
  /** The core's clock (ms since the epoch): transports check session expiry against it. */
  now(): number
  readonly db: Database
}

export interface CoreOptions {
  db: Database
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number
  log?: (message: string, error?: unknown) => void
  /** The station's automatic copies (db/backup.ts), for `backup-status`; null or left out when off. */
  backups?: BackupConfig | null
}

/**
 * The core behind both front doors (Electron IPC and the LAN server). Commands run one at a
 * time (better-sqlite3 is synchronous), each in one transaction that writes one audit row,
 * and every committed change is pushed to every subscriber.
 */
export function createCore({ db, clock = Date.now, log = console.error, backups = null }: CoreOptions): Core {
  const listeners = new Set<BoardListener>()
  const skillName = (code: string, lang: Language): string => {
    const s = listSkills(db).find((x) => x.code === code)
    return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : code
  }

  function dispatch(name: string, rawArgs: unknown, caller: Caller): Reply<unknown> {
    try {
      if (!isCommandName(name)) throw new AppError('UNKNOWN_COMMAND', { name: String(name).slice(0, 60) })
      // The role first (src/shared/domain/roles.ts): a caller who may not call a command learns nothing from its validation.
      authorize(name, caller)
      const args: unknown = commands[name].args.parse(rawArgs ?? {})
      authorizeOrder(db, name, args, caller)
      const now = clock()
      if (name in queries) {
        const handler = queries[name as keyof typeof queries] as (
          ctx: QueryContext,
          a: unknown
        ) => unknown
        return { ok: true, result: handler({ db, now, caller, backups }, args), version: lastAuditId(db) }
      }
      const handler = mutations[name as keyof typeof mutations] as (tx: Tx, a: unknown) => unknown
      let changes: BoardChanges | undefined
      const result = db.transaction(() => {
        const tx = new Tx(db, now, caller, name)
        const r = handler(tx, args)
        // extraAudit alone (users, the QC checklist) is a change too: it gets its audit row.
        if (tx.changed || Object.keys(tx.extraAudit).length > 0) changes = tx.commit()
        return r
      }).immediate()
      if (changes) {
        for (const l of listeners) {
          try {
            l(changes)
          } catch (e) {
            log('board listener failed', e)
          }
        }
      }
      return { ok: true, result, version: changes?.version ?? lastAuditId(db) }
    } catch (e) {
      if (e instanceof PinRejected) {
        // The command rolled back; the wrong PIN still counts towards the lockout.
        try {
          db.transaction(() => e.persist(db)).immediate()
        } catch (persistError) {
          log('recording a wrong PIN failed', persistError)
        }
      }
      const error = toErrorReply(e, skillName)
      if (error.code === 'INTERNAL') log(`command ${name} failed`, e)
      return { ok: false, error }
    }
  }

  return {
    db,
    dispatch,
    call: (name, args, caller) => dispatch(name, args, caller) as never,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    version: () => lastAuditId(db),
    now: () => clock()
  }
}
