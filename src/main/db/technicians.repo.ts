import type { Database } from 'better-sqlite3'
import { prepareCached } from './statement-cache'
import type { SkillLevel, Technician, TechnicianSkill } from '../../shared/domain/types'

interface TechnicianRow {
  id: number
  name: string
  employee_no: string
  shift_start: string
  shift_end: string
  lunch_start: string | null
  lunch_end: string | null
  active: number
  version: number
}

export interface TechnicianRecord {
  name: string
  employeeNo: string
  skills: TechnicianSkill[]
  shiftStart: string
  shiftEnd: string
  lunchStart: string | null
  lunchEnd: string | null
  active: boolean
}

function attachSkills(db: Database, rows: TechnicianRow[]): Technician[] {
  // one technician (every drop checks its lane's skills): only their skills, not the whole workshop's
  const one = rows.length === 1 ? [rows[0].id] : []
  const skills = prepareCached(
    db,
    `SELECT ts.technician_id, ts.skill_code, ts.level FROM technician_skills ts
     JOIN skills s ON s.code = ts.skill_code ${one.length ? 'WHERE ts.technician_id = ?' : ''} ORDER BY ts.technician_id, s.sort_order, s.code`
  ).all(...one) as { technician_id: number; skill_code: string; level: number }[]
  const by = new Map<number, TechnicianSkill[]>()
  for (const s of skills) {
    const list = by.get(s.technician_id) ?? []
    list.push({ skill: s.skill_code, level: s.level as SkillLevel })
    by.set(s.technician_id, list)
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    employeeNo: r.employee_no,
    skills: by.get(r.id) ?? [],
    shiftStart: r.shift_start,
    shiftEnd: r.shift_end,
    lunchStart: r.lunch_start,
    lunchEnd: r.lunch_end,
    active: r.active === 1,
    version: r.version
  }))
}

export function listTechnicians(db: Database): Technician[] {
  const rows = prepareCached(db, 'SELECT * FROM technicians ORDER BY name COLLATE NOCASE, id').all() as TechnicianRow[]
  return attachSkills(db, rows)
}

export function getTechnician(db: Database, id: number): Technician | undefined {
  const row = prepareCached(db, 'SELECT * FROM technicians WHERE id = ?').get(id) as TechnicianRow | undefined
  return row ? attachSkills(db, [row])[0] : undefined
}

export function findTechnicianIdByEmployeeNo(db: Database, employeeNo: string): number | undefined {
  const row = prepareCached(db, 'SELECT id FROM technicians WHERE employee_no = ?').get(employeeNo) as { id: number } | undefined
  return row?.id
}

export function insertTechnician(db: Database, t: TechnicianRecord, now: number): number {
  const info = prepareCached(
      db,
      `INSERT INTO technicians (name, employee_no, shift_start, shift_end, lunch_start, lunch_end, active, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    .run(t.name, t.employeeNo, t.shiftStart, t.shiftEnd, t.lunchStart, t.lunchEnd, t.active ? 1 : 0, now, now)
  const id = Number(info.lastInsertRowid)
  replaceSkills(db, id, t.skills)
  return id
}

export function updateTechnician(db: Database, id: number, version: number, t: TechnicianRecord, now: number): boolean {
  const info = prepareCached(
      db,
      `UPDATE technicians SET name = ?, employee_no = ?, shift_start = ?, shift_end = ?, lunch_start = ?, lunch_end = ?,
         active = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`
    )
    .run(t.name, t.employeeNo, t.shiftStart, t.shiftEnd, t.lunchStart, t.lunchEnd, t.active ? 1 : 0, now, id, version)
  if (info.changes === 0) return false
  replaceSkills(db, id, t.skills)
  return true
}

function replaceSkills(db: Database, id: number, skills: TechnicianSkill[]): void {
  prepareCached(db, 'DELETE FROM technician_skills WHERE technician_id = ?').run(id)
  const insert = prepareCached(db, 'INSERT INTO technician_skills (technician_id, skill_code, level) VALUES (?, ?, ?)')
  for (const s of skills) insert.run(id, s.skill, s.level)
}
