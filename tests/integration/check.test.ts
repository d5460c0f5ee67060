import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkDatabase } from '../../src/main/db/check'
import { openDatabase } from '../../src/main/db/open'
import { tempDir } from './helpers'

let t: ReturnType<typeof tempDir>
beforeEach(() => {
  t = tempDir('wdb-check-')
})
afterEach(() => t.cleanup())

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

/** A file with a few hundred rows over several pages, closed (its WAL checkpointed into it). */
function fileWithData(): void {
  const db = openDatabase(t.file)
  const add = db.prepare(`INSERT INTO technicians (name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (?, ?, '08:00', '17:00', 0, 0)`)
  db.transaction(() => {
    for (let i = 0; i < 400; i++) add.run(`技师${i} ${'x'.repeat(60)}`, `T${i}`)
  })()
  db.close()
}

describe('checkDatabase (npm run serve -- --check)', () => {
  it('finds a sound file sound, and leaves its bytes as they were', () => {
    fileWithData()
    const before = sha(t.file)
    const r = checkDatabase(t.file)
    expect(r).toMatchObject({ ok: true, problems: [] })
    expect(sha(t.file)).toBe(before)
  })

  it('reports a damaged file', () => {
    fileWithData()
    const pageSize = 4096
    const pages = statSync(t.file).size / pageSize
    expect(pages).toBeGreaterThan(4)
    // overwrite the middle of every page after the schema page with garbage, as a failing disk might
    const fd = openSync(t.file, 'r+')
    try {
      for (let p = 1; p < pages; p++) writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, p * pageSize + 8)
    } finally {
      closeSync(fd)
    }
    const r = checkDatabase(t.file)
    expect(r.ok).toBe(false)
    expect(r.problems.length).toBeGreaterThan(0)
  })

  it('says so when the file is not there', () => {
    const r = checkDatabase(`${t.file}.missing`)
    expect(r.ok).toBe(false)
    expect(r.problems[0]).toMatch(/no such file/)
  })
})
