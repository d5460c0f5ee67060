import type { JobLine, TechnicianSkill } from './types'

export interface SkillGap {
  skill: string
  required: number
  /** The technician's level in that skill, 0 when they do not have it at all. */
  has: number
}

/**
 * A technician qualifies for a repair order when, for every job line, they hold the
 * line's skill at the line's minimum level or higher. Returns the lines they fall short on.
 */
export function skillGaps(
  skills: readonly TechnicianSkill[],
  jobLines: readonly Pick<JobLine, 'skill' | 'minLevel'>[]
): SkillGap[] {
  const levels = new Map(skills.map((s) => [s.skill, s.level as number]))
  const needed = new Map<string, number>()
  for (const line of jobLines) needed.set(line.skill, Math.max(needed.get(line.skill) ?? 0, line.minLevel))
  const gaps: SkillGap[] = []
  for (const [skill, required] of needed) {
    const has = levels.get(skill) ?? 0
    if (has < required) gaps.push({ skill, required, has })
  }
  return gaps
}

/** True when the technician holds every skill the job lines need at the required level. */
export function isQualified(
  skills: readonly TechnicianSkill[],
  jobLines: readonly Pick<JobLine, 'skill' | 'minLevel'>[]
): boolean {
  return skillGaps(skills, jobLines).length === 0
}
