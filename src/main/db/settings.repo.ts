import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'

export interface WorkshopSettings {
  /** IANA zone in which shifts, lunch and promises are read. */
  timeZone: string
  /** Settlement time (财务结算时间) in hours. */
  settlementHours: number
}

const defaults: WorkshopSettings = { timeZone: 'Asia/Shanghai', settlementHours: 0.2 }

/** The DMS import's remembered column matches: a setting of the station, not part of the board's. */
const DMS_COLUMNS = 'dmsColumns'

export function readSettings(db: Database): WorkshopSettings {
  const rows = prepareCached(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[]
  const out: Record<string, unknown> = { ...defaults }
  for (const r of rows) if (r.key !== DMS_COLUMNS) out[r.key] = JSON.parse(r.value) as unknown
  return out as unknown as WorkshopSettings
}

export function writeSetting(db: Database, key: keyof WorkshopSettings | typeof DMS_COLUMNS, value: unknown): void {
  prepareCached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value)
  )
}

/** The headers the last import with matched columns used (repair-order-import), keyed by board column. */
export function readDmsColumns(db: Database): Record<string, string> {
  const row = prepareCached(db, 'SELECT value FROM settings WHERE key = ?').get(DMS_COLUMNS) as { value: string } | undefined
  if (!row) return {}
  const value = JSON.parse(row.value) as unknown
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {}
}

export const writeDmsColumns = (db: Database, columns: Record<string, string>): void => writeSetting(db, DMS_COLUMNS, columns)
