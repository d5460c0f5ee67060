import type { Database } from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ErrorReply, Reply } from '../../src/shared/api/errors'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { createCore, type Core } from '../../src/main/core/core'
import { openDatabase } from '../../src/main/db/open'

/** A fresh directory under the OS temp folder; remove it with `cleanup`. */
export function tempDir(prefix = 'wdb-it-'): { dir: string; file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, file: join(dir, 'workshop.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export interface Harness {
  core: Core
  db: Database
  file: string
  /** Closes the database and removes the temp dir. */
  close(): void
  /** Closes and reopens the same file (as a restart would). */
  reopen(): void
  call(name: string, args?: unknown): Reply<unknown>
  ok<T = unknown>(name: string, args?: unknown): T
  fail(name: string, args?: unknown): ErrorReply
  counts(): Counts
}

export interface Counts {
  repairOrders: number
  jobLines: number
  technicians: number
  technicianSkills: number
  skills: number
  audit: number
}

export const ACTOR = { actor: 'test-dispatcher' }

export function harness(clock: () => number = () => Date.parse('2026-11-25T01:00:00Z')): Harness {
  const t = tempDir()
  let db = openDatabase(t.file)
  let core = createCore({ db, clock, log: () => {} })
  const h: Harness = {
    get core() {
      return core
    },
    get db() {
      return db
    },
    file: t.file,
    close() {
      if (db.open) db.close()
      t.cleanup()
    },
    reopen() {
      db.close()
      db = openDatabase(t.file)
      core = createCore({ db, clock, log: () => {} })
    },
    call: (name, args = {}) => core.dispatch(name, args, ACTOR),
    ok<T>(name: string, args: unknown = {}): T {
      const r = core.dispatch(name, args, ACTOR)
      if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message.en}`)
      return r.result as T
    },
    fail(name, args = {}) {
      const r = core.dispatch(name, args, ACTOR)
      if (r.ok) throw new Error(`${name} unexpectedly succeeded`)
      return r.error
    },
    counts: () => counts(db)
  }
  return h
}

export function counts(db: Database): Counts {
  const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  return {
    repairOrders: n('repair_orders'),
    jobLines: n('job_lines'),
    technicians: n('technicians'),
    technicianSkills: n('technician_skills'),
    skills: n('skills'),
    audit: n('audit_log')
  }
}

let seq = 0
/** A valid repair-order-create payload; override any field. */
export function roInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++
  return {
    roNumber: `RO-T-${seq}`,
    plate: `粤B T${String(seq).padStart(4, '0')}`,
    model: '丰田凯美瑞',
    customerName: '刘先生',
    customerPhone: '13800138000',
    serviceAdvisor: '孙丽',
    promisedAt: '2026-11-25T08:00:00Z',
    jobLines: [{ description: '常规保养', skill: 'maintenance', minLevel: 1, hours: 1.0 }],
    ...over
  }
}

/** A valid technician-create payload; override any field. */
export function techInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++
  return {
    name: `技师${seq}`,
    employeeNo: `E${seq}`,
    skills: [{ skill: 'maintenance', level: 2 }],
    shiftStart: '08:30',
    shiftEnd: '17:30',
    lunchStart: '12:00',
    lunchEnd: '13:00',
    ...over
  }
}

export function techUpdate(t: Technician, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: t.id,
    version: t.version,
    name: t.name,
    employeeNo: t.employeeNo,
    skills: t.skills,
    shiftStart: t.shiftStart,
    shiftEnd: t.shiftEnd,
    lunchStart: t.lunchStart,
    lunchEnd: t.lunchEnd,
    active: t.active,
    ...over
  }
}

export function roUpdate(o: RepairOrder, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: o.id,
    version: o.version,
    roNumber: o.roNumber,
    plate: o.plate,
    vin: o.vin,
    model: o.model,
    customerName: o.customerName,
    customerPhone: o.customerPhone,
    serviceAdvisor: o.serviceAdvisor,
    promisedAt: o.promisedAt,
    partsReady: o.partsReady,
    flags: o.flags,
    notes: o.notes,
    jobLines: o.jobLines.map(({ description, skill, minLevel, hours }) => ({ description, skill, minLevel, hours })),
    ...over
  }
}
