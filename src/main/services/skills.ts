import { AppError } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import type { Skill } from '../../shared/domain/types'
import { getSkill, insertSkill, listSkills, updateSkill as updateSkillRow } from '../db/skills.repo'
import type { Tx } from './tx'

export function createSkill(tx: Tx, args: ParsedArgs<'skill-create'>): Skill[] {
  if (getSkill(tx.db, args.code)) throw new AppError('DUPLICATE_SKILL', { code: args.code })
  tx.touchSkills()
  insertSkill(tx.db, { ...args, active: args.active ?? true })
  return listSkills(tx.db)
}

export function updateSkill(tx: Tx, args: ParsedArgs<'skill-update'>): Skill[] {
  if (!getSkill(tx.db, args.code)) throw new AppError('NOT_FOUND', { entity: 'skill', id: args.code })
  tx.touchSkills()
  updateSkillRow(tx.db, { ...args, active: args.active ?? true })
  return listSkills(tx.db)
}
