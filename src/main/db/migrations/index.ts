import type { Database } from 'better-sqlite3'
import * as m001 from './001-initial'
import * as m002 from './002-clock-stoppages'
import * as m003 from './003-qc-users'
import * as m004 from './004-report-indexes'
import * as m005 from './005-compact-audit'
import * as m006 from './006-compact-qc-flags'
import * as m007 from './007-delivery-facts'
import * as m008 from './008-lean-check'

/** Numbered, statically imported migrations: entry i brings user_version from i to i + 1. */
export const migrations: ReadonlyArray<(db: Database) => void> = [m001.up, m002.up, m003.up, m004.up, m005.up, m006.up, m007.up, m008.up]

export const SCHEMA_VERSION = migrations.length
