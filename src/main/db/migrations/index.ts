import type { Database } from 'better-sqlite3'
import * as m001 from './001-initial'

/** Numbered, statically imported migrations: entry i brings user_version from i to i + 1. */
export const migrations: ReadonlyArray<(db: Database) => void> = [m001.up]

export const SCHEMA_VERSION = migrations.length
