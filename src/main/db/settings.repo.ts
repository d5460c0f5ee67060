import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'

export interface WorkshopSettings {
  /** IANA zone in which shifts, lunch and promises are read. */
  timeZone: string
  /** Settlement time (财务结算时间) in hours. */
  settlementHours: number
}

const defaults: WorkshopSettings = { timeZone: 'Asia/Shanghai', settlementHours: 0.2 }

export function readSettings(db: Database): WorkshopSettings {
  const rows = prepareCached(db, 'SELECT key, value FROM settings').all() as { key: string; value: string }[]
  const out: Record<string, unknown> = { ...defaults }
  for (const r of rows) out[r.key] = JSON.parse(r.value) as unknown
  return out as unknown as WorkshopSettings
}

export function writeSetting(db: Database, key: keyof WorkshopSettings, value: unknown): void {
  prepareCached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value)
  )
}

/** The headers the last import with matched columns used (repair-order-import), keyed by board column. */
export function readDmsColumns(db: Database): Record<string, string> {
  const row = prepareCached(db, "SELECT value FROM settings WHERE key = 'dmsColumns'").get() as { value: string } | undefined
  if (!row) return {}
  const value = JSON.parse(row.value) as unknown
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {}
}

export function writeDmsColumns(db: Database, columns: Record<string, string>): void {
  prepareCached(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    'dmsColumns',
    JSON.stringify(columns)
  )
}
