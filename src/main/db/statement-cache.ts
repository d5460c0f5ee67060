import type { Database, Statement } from 'better-sqlite3'

const caches = new WeakMap<Database, Map<string, Statement>>()
/** Enough for every hot statement and its IN-list lengths; beyond it the cache starts again. */
const MAX_STATEMENTS = 1000

/**
 * `db.prepare(sql)`, compiled once per connection: a drop runs the same few dozen statements
 * every time, and compiling them again was about a third of its CPU time (issue 5). Only for
 * statements run with get/all/run (an unfinished iterate() would keep a shared statement busy).
 * A connection whose `prepare` was replaced (tests that record every statement) is not cached.
 */
export function prepareCached(db: Database, sql: string): Statement {
  if (Object.hasOwn(db, 'prepare')) return db.prepare(sql)
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) {
    if (cache.size >= MAX_STATEMENTS) cache.clear()
    stmt = db.prepare(sql)
    cache.set(sql, stmt)
  }
  return stmt
}
