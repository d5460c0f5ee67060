import { describe, expect, it } from 'vitest'
import { isQualified, skillGaps } from '../../../src/shared/domain/skill-match'
import type { TechnicianSkill } from '../../../src/shared/domain/types'

const line = (skill: string, minLevel: 1 | 2 | 3) => ({ skill, minLevel })
const wang: TechnicianSkill[] = [
  { skill: 'mechanical', level: 3 },
  { skill: 'diagnostics', level: 3 },
  { skill: 'electrical', level: 2 }
]

describe('a technician qualifies when every job line is covered at its minimum level', () => {
  it('equal level is enough', () => {
    expect(isQualified(wang, [line('electrical', 2)])).toBe(true)
    expect(skillGaps(wang, [line('electrical', 2)])).toEqual([])
  })
  it('a higher level is enough', () => {
    expect(isQualified(wang, [line('mechanical', 1), line('diagnostics', 2)])).toBe(true)
  })
  it('an order with no job lines needs nothing', () => {
    expect(skillGaps([], [])).toEqual([])
  })
})

describe('gaps name the skill, the level required and the level held', () => {
  it('a level too low', () => {
    expect(skillGaps(wang, [line('electrical', 3)])).toEqual([{ skill: 'electrical', required: 3, has: 2 }])
    expect(isQualified(wang, [line('electrical', 3)])).toBe(false)
  })
  it('a skill not held at all reports has = 0', () => {
    expect(skillGaps(wang, [line('paint', 1)])).toEqual([{ skill: 'paint', required: 1, has: 0 }])
  })
  it('reports every missing skill of a multi-line order, and only those', () => {
    const gaps = skillGaps(wang, [line('body', 2), line('mechanical', 3), line('paint', 2)])
    expect(gaps).toEqual([
      { skill: 'body', required: 2, has: 0 },
      { skill: 'paint', required: 2, has: 0 }
    ])
  })
  it('two lines with the same skill need the higher of their levels, reported once', () => {
    const tech: TechnicianSkill[] = [{ skill: 'body', level: 2 }]
    expect(skillGaps(tech, [line('body', 1), line('body', 3)])).toEqual([{ skill: 'body', required: 3, has: 2 }])
    expect(skillGaps(tech, [line('body', 1), line('body', 2)])).toEqual([])
  })
})
