import type { Database } from 'better-sqlite3'
import { commands, isCommandName, type CommandName } from '../../shared/api/commands'
import { AppError, type Reply } from '../../shared/api/errors'
import type { Language } from '../../shared/i18n/format'
import { lastAuditId } from '../db/audit.repo'
import { listSkills } from '../db/skills.repo'
import { mutations, queries, type CommandResult } from '../services/handlers'
import { Tx, type BoardChanges, type Caller } from '../services/tx'
import { toErrorReply } from './errors'

export type BoardListener = (changes: BoardChanges) => void

export interface Core {
  /** The one entry for every transport: parses, runs in one transaction, replies; never throws. */
  dispatch(name: string, args: unknown, caller: Caller): Reply<unknown>
  call<K extends CommandName>(name: K, args: unknown, caller: Caller): Reply<CommandResult<K>>
  subscribe(listener: BoardListener): () => void
  version(): number
  readonly db: Database
}

export interface CoreOptions {
  db: Database
  /** Milliseconds since the epoch; injectable for tests. */
  clock?: () => number
  log?: (message: string, error?: unknown) => void
}

/**
 * The core behind both front doors (Electron IPC and the LAN server). Commands run one at a
 * time (better-sqlite3 is synchronous), each in one transaction that writes one audit row,
 * and every committed change is pushed to every subscriber.
 */
export function createCore({ db, clock = Date.now, log = console.error }: CoreOptions): Core {
  const listeners = new Set<BoardListener>()
  const skillName = (code: string, lang: Language): string => {
    const s = listSkills(db).find((x) => x.code === code)
    return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : code
  }

  function dispatch(name: string, rawArgs: unknown, caller: Caller): Reply<unknown> {
    try {
      if (!isCommandName(name)) throw new AppError('UNKNOWN_COMMAND', { name: String(name).slice(0, 60) })
      const args: unknown = commands[name].args.parse(rawArgs ?? {})
      const now = clock()
      if (name in queries) {
        const handler = queries[name as keyof typeof queries] as (ctx: { db: Database; now: number }, a: unknown) => unknown
        return { ok: true, result: handler({ db, now }, args), version: lastAuditId(db) }
      }
      const handler = mutations[name as keyof typeof mutations] as (tx: Tx, a: unknown) => unknown
      let changes: BoardChanges | undefined
      const result = db.transaction(() => {
        const tx = new Tx(db, now, caller, name)
        const r = handler(tx, args)
        if (tx.changed) changes = tx.commit()
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
    version: () => lastAuditId(db)
  }
}
