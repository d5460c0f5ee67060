import { describe, expect, it } from 'vitest'
import { isReportsHash, presetOfHash, reportsHash } from '../../../src/renderer/src/features/reports/route'

describe('the Reports page keeps its period in the address', () => {
  it('opens on the last 30 days, or on the period the address names', () => {
    expect(presetOfHash('#/reports')).toBe(30)
    expect(presetOfHash('#/reports/')).toBe(30)
    expect(presetOfHash('#/reports/7')).toBe(7)
    expect(presetOfHash('#/reports/90')).toBe(90)
    expect(presetOfHash(reportsHash(90))).toBe(90)
  })

  it('opens on the month for a period it does not offer', () => {
    expect(isReportsHash('#/reports/45')).toBe(true)
    expect(presetOfHash('#/reports/45')).toBe(30)
  })

  it('is the Reports page only for #/reports and its periods', () => {
    for (const hash of ['#/reports', '#/reports/', '#/reports/90', '#/reports/90/']) expect(isReportsHash(hash)).toBe(true)
    for (const hash of ['', '#/', '#/qc', '#/reportsx', '#/reports/abc', '#/reports/90/x']) expect(isReportsHash(hash)).toBe(false)
  })
})
