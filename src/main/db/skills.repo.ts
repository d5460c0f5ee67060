import type { Database } from 'better-sqlite3'
import type { Skill } from '../../shared/domain/types'
import { prepareCached } from './statement-cache'

export function listSkills(db: Database): Skill[] {
  return (
    prepareCached(db, 'SELECT code, name_zh, name_en, active FROM skills ORDER BY sort_order, code').all() as {
      code: string
      name_zh: string
      name_en: string
      active: number
    }[]
  ).map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, active: r.active === 1 }))
}

export function getSkill(db: Database, code: string): Skill | undefined {
  return listSkills(db).find((s) => s.code === code)
}

export function insertSkill(db: Database, s: Skill): void {
  prepareCached(
    db,
    `INSERT INTO skills (code, name_zh, name_en, active, sort_order)
     VALUES (?, ?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM skills))`
  ).run(s.code, s.nameZh, s.nameEn, s.active ? 1 : 0)
}

export function updateSkill(db: Database, s: Skill): boolean {
  return (
    prepareCached(db, 'UPDATE skills SET name_zh = ?, name_en = ?, active = ? WHERE code = ?').run(s.nameZh, s.nameEn, s.active ? 1 : 0, s.code).changes === 1
  )
}
