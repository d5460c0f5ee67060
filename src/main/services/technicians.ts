import { AppError, type FieldIssue } from '../../shared/api/errors'
import type { ParsedArgs } from '../../shared/api/commands'
import { translate } from '../../shared/i18n/format'
import { skillGaps } from '../../shared/domain/skill-match'
import type { Technician } from '../../shared/domain/types'
import { getRepairOrders } from '../db/repair-orders.repo'
import { getSkill } from '../db/skills.repo'
import {
  findTechnicianIdByEmployeeNo,
  insertTechnician,
  updateTechnician as updateTechnicianRow,
  type TechnicianRecord
} from '../db/technicians.repo'
import { requireTechnician } from './repair-orders'
import type { Tx } from './tx'

type Fields = ParsedArgs<'technician-create'>

/** A field-level refusal worded like the schema's: the field's label, then what is wrong. */
const fieldIssue = (path: string, key: string): FieldIssue => ({
  path,
  message: {
    en: `${translate('en', `fields.${path}`)} ${translate('en', `issue.${key}`)}`,
    zh: `${translate('zh', `fields.${path}`)}${translate('zh', `issue.${key}`)}`
  }
})

/** Shift must end after it starts; lunch, when given, has both ends and lies inside the shift. */
function shiftIssues(f: Fields): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (f.shiftEnd <= f.shiftStart) issues.push(fieldIssue('shiftEnd', 'shiftOrder'))
  const ls = f.lunchStart ?? null
  const le = f.lunchEnd ?? null
  if ((ls === null) !== (le === null) || (ls !== null && le !== null && (le <= ls || ls < f.shiftStart || le > f.shiftEnd))) {
    issues.push(fieldIssue(ls === null ? 'lunchStart' : 'lunchEnd', 'lunchInShift'))
  }
  return issues
}

function toRecord(tx: Tx, f: Fields): TechnicianRecord {
  const issues = shiftIssues(f)
  if (issues.length) throw new AppError('VALIDATION', { summary: '' }, issues)
  for (const s of f.skills) if (!getSkill(tx.db, s.skill)) throw new AppError('UNKNOWN_SKILL', { skill: s.skill })
  return {
    name: f.name,
    employeeNo: f.employeeNo,
    skills: f.skills,
    shiftStart: f.shiftStart,
    shiftEnd: f.shiftEnd,
    lunchStart: f.lunchStart ?? null,
    lunchEnd: f.lunchEnd ?? null,
    active: f.active ?? true
  }
}

export function createTechnician(tx: Tx, f: Fields): Technician {
  if (findTechnicianIdByEmployeeNo(tx.db, f.employeeNo) !== undefined) {
    throw new AppError('DUPLICATE_EMPLOYEE_NO', { employeeNo: f.employeeNo })
  }
  const id = insertTechnician(tx.db, toRecord(tx, f), tx.now)
  tx.touchTechnician(id, true)
  return requireTechnician(tx.db, id)
}

/**
 * Edits a technician. Refused when it would leave one of their queued or assigned orders
 * with a technician who lacks its skills, or take a technician with work off the board.
 */
export function updateTechnician(tx: Tx, args: ParsedArgs<'technician-update'>): Technician {
  const { id, version, ...f } = args
  const before = requireTechnician(tx.db, id)
  const other = findTechnicianIdByEmployeeNo(tx.db, f.employeeNo)
  if (other !== undefined && other !== id) throw new AppError('DUPLICATE_EMPLOYEE_NO', { employeeNo: f.employeeNo })
  const record = toRecord(tx, f)
  const laneIds = (
    tx.db
      .prepare(`SELECT id FROM repair_orders WHERE technician_id = ? AND status IN ('queued','assigned','in_progress','stopped')`)
      .all(id) as { id: number }[]
  ).map((r) => r.id)
  const laneOrders = getRepairOrders(tx.db, laneIds)
  if (!record.active && laneOrders.length > 0) {
    throw new AppError('TECHNICIAN_INACTIVE', { technician: before.name })
  }
  for (const o of laneOrders) {
    if (o.status !== 'queued' && o.status !== 'assigned') continue
    const gaps = skillGaps(record.skills, o.jobLines)
    if (gaps.length) throw new AppError('NOT_QUALIFIED', { technician: record.name, roNumber: o.roNumber, gaps: JSON.stringify(gaps) })
  }
  tx.touchTechnician(id)
  if (!updateTechnicianRow(tx.db, id, version, record, tx.now)) throw new AppError('STALE', { entity: 'technician' })
  return requireTechnician(tx.db, id)
}
