import type { ErrorReply, Reply } from '../../shared/api/errors'
import type { BoardChanges } from '../services/tx'

/** Messages from the Electron main process to the core's utility process. */
export type ToCore =
  | { type: 'call'; id: number; name: string; args: unknown; actor: string }
  | { type: 'share'; id: number; enable: boolean }

/** Messages from the core's utility process to the main process. */
export type FromCore =
  | { type: 'ready'; dataFile: string }
  /** The core could not open the data file (e.g. DB_TOO_NEW); nothing was written to it. */
  | { type: 'fatal'; error: ErrorReply }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'share-result'; id: number; url: string | null; error?: string }
  | { type: 'board-changed'; changes: BoardChanges }

/** Environment the main process hands the utility process. */
export const CORE_ENV = {
  dbFile: 'WDB_DB_FILE',
  /** better-sqlite3 built for Electron's ABI (see docs/desktop.md, "Two runtimes"). */
  nativeBinding: 'WDB_NATIVE_BINDING'
} as const
