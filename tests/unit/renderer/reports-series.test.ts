import { describe, expect, it } from 'vitest'
import { barPath, labelsFitUpright, linePath, valueTicks } from '../../../src/renderer/src/features/reports/series'

// The Reports page draws each chart series as one SVG path from the chart's scales (issue 5): bars
// must still sit in their category's band, next to each other, from zero to the value; the line
// goes through the middle of each band.
describe('valueTicks', () => {
  it('counts up from zero in round steps to the first tick at or above the largest value', () => {
    expect(valueTicks([173, 12, null])).toEqual([0, 50, 100, 150, 200])
    expect(valueTicks([111.3, 95])).toEqual([0, 50, 100, 150])
    expect(valueTicks([100])).toEqual([0, 25, 50, 75, 100])
    expect(valueTicks([7])).toEqual([0, 2, 4, 6, 8])
    expect(valueTicks([0.9])).toEqual([0, 0.25, 0.5, 0.75, 1])
  })
  it('still has an axis when there is nothing to show', () => {
    expect(valueTicks([])).toEqual([0, 1, 2, 3, 4])
    expect(valueTicks([null, 0])).toEqual([0, 1, 2, 3, 4])
  })
})

describe('barPath', () => {
  // Two categories of 100 px each from x = 0; y is 200 px high for 0..100, 0 at the bottom.
  const bands: Record<string, number> = { a: 0, b: 100 }
  const x = (v: unknown, o?: { position?: 'start' | 'middle' | 'end' }) =>
    bands[String(v)] === undefined ? undefined : bands[String(v)] + (o?.position === 'end' ? 100 : o?.position === 'middle' ? 50 : 0)
  const y = (v: unknown) => 200 - 2 * Number(v)
  const rows: { k: string; v: number | null; w: number }[] = [
    { k: 'a', v: 50, w: 10 },
    { k: 'b', v: null, w: 100 },
    { k: 'missing', v: 20, w: 20 }
  ]

  it('draws one rectangle per shown value, inside the band less 10 % each side', () => {
    const p = barPath({ rows, category: (r) => r.k, value: (r) => r.v }, x, y)
    expect(p).toEqual({ d: 'M10.0 200.0h80.0v-100.0h-80.0Z', bars: 1 })
  })

  it('puts a second series beside the first, a gap apart', () => {
    const first = barPath({ rows, category: (r) => r.k, value: (r) => r.w, slot: 0, of: 2, gap: 4 }, x, y)
    const second = barPath({ rows, category: (r) => r.k, value: (r) => r.w, slot: 1, of: 2, gap: 4 }, x, y)
    expect(first?.d).toBe('M10.0 200.0h38.0v-20.0h-38.0ZM110.0 200.0h38.0v-200.0h-38.0Z')
    expect(second?.d).toBe('M52.0 200.0h38.0v-20.0h-38.0ZM152.0 200.0h38.0v-200.0h-38.0Z')
    expect(second?.bars).toBe(2)
  })

  it('waits for the axes: no path while the value axis has no scale', () => {
    expect(barPath({ rows, category: (r) => r.k, value: (r) => r.v }, x, () => undefined)).toBeNull()
  })

  it('lays bars along the value axis when the categories are on the Y axis', () => {
    // categories down the Y axis (a: 0-100 px, b: 100-200 px), values to the right, 2 px per unit
    const p = barPath({ rows, category: (r) => r.k, value: (r) => r.v, horizontal: true }, (v) => 2 * Number(v), x)
    expect(p).toEqual({ d: 'M0.0 10.0h100.0v80.0h-100.0Z', bars: 1 })
  })
})

describe('linePath', () => {
  const x = (v: unknown, o?: { position?: 'start' | 'middle' | 'end' }) => Number(v) * 10 + (o?.position === 'middle' ? 5 : o?.position === 'end' ? 10 : 0)
  const y = (v: unknown) => 100 - Number(v)
  it('joins the middles of the bands, across rows without a value', () => {
    const rows = [{ d: 0, v: 80 }, { d: 1, v: null }, { d: 2, v: 60.25 }]
    expect(linePath({ rows, category: (r) => String(r.d), value: (r) => r.v }, x, y)).toEqual({ d: 'M5.0 20.0L25.0 39.8', points: 2 })
  })
  it('draws nothing without values', () => {
    expect(linePath({ rows: [{ d: 0, v: null }], category: (r) => String(r.d), value: (r) => r.v }, x, y)).toEqual({ d: '', points: 0 })
  })
})

describe('labelsFitUpright', () => {
  it("stands ten technicians' names upright on a wide chart, and turns sixty", () => {
    // a 1,800 px plot: 180 px a technician for ten, 30 px for sixty
    expect(labelsFitUpright(['王建国', '李明', 'Zhang Wei'], 180, 14)).toBe(true)
    expect(labelsFitUpright(['王建国', '李明', 'Zhang Wei'], 30, 14)).toBe(false)
    // three Chinese characters are about 42 px at 14 px, with room around them
    expect(labelsFitUpright(['王建国'], 50, 14)).toBe(true)
    expect(labelsFitUpright(['王建国'], 49, 14)).toBe(false)
    expect(labelsFitUpright([], 10, 14)).toBe(true)
  })
})
