import { describe, expect, it } from 'vitest'
import { decodeAuditChange, encodeAuditChange, fieldPairs, splitPairs, undoPairs, type CompactChange } from '../../../src/main/db/audit-codec'

const AT = Date.parse('2026-11-25T02:03:04.567Z')

describe('the audit change encoding (codec 1)', () => {
  it('reads back exactly what was written', () => {
    const change: CompactChange = {
      o: { status: ['assigned', 'in_progress'], labour: { runningSince: [null, '2026-11-25T02:03:04.567Z'] } as never },
      os: { '7': { '+': {} }, '8': { '-': { id: 8, roNumber: 'RO-8' } } },
      t: { '3': { name: ['李明', '李明明'] } },
      s: [[{ code: 'body' }], [{ code: 'body' }, { code: 'glass' }]],
      x: { qcRecord: { id: 4, result: 'pass', meaning: { en: 'QC passed', zh: '质检合格' }, comebackCause: null } }
    }
    const bytes = encodeAuditChange(change, AT)
    expect(decodeAuditChange(bytes, AT, 1)).toEqual(change)
  })

  it('keeps instants as offsets from the row time, and text that only looks like one or like the markers as it was', () => {
    const change: CompactChange = {
      x: {
        earlier: '2026-11-24T23:00:00.000Z',
        notCanonical: '2026-11-25T02:03:04Z',
        looksLikeMarker: { '@': 5 },
        alsoMarker: { '@@': { '@': 1 } },
        nested: [{ at: '2026-11-25T02:03:04.567Z' }]
      }
    }
    const json = JSON.stringify(change)
    expect(decodeAuditChange(encodeAuditChange(change, AT), AT, 1)).toEqual(JSON.parse(json))
  })

  it('a common row is a few bytes: an assignment, a clock start', () => {
    const assign = encodeAuditChange({ o: { status: ['waiting', 'assigned'], technicianId: [null, 31] } }, AT)
    const start = encodeAuditChange({ o: { status: ['assigned', 'in_progress'], labour: { runningSince: [null, new Date(AT).toISOString()] } as never } }, AT)
    expect(assign.length).toBeLessThanOrEqual(12)
    expect(start.length).toBeLessThanOrEqual(8)
  })

  it('refuses a codec it does not know', () => {
    expect(() => decodeAuditChange(encodeAuditChange({}, AT), AT, 99)).toThrow(/unknown codec 99/)
  })
})

describe('field pairs: only what changed, undone exactly', () => {
  const before = { id: 1, status: 'waiting', technicianId: null, labour: { closedHours: 0, runningSince: null }, notes: 'a', version: 3 }
  const after = { id: 1, status: 'assigned', technicianId: 4, labour: { closedHours: 0, runningSince: 'x' }, notes: 'a', version: 4 }

  it('keeps changed fields once, an object field one level down, and skips what it is told to', () => {
    const pairs = fieldPairs(before, after, ['version'])
    expect(pairs).toEqual({ status: ['waiting', 'assigned'], technicianId: [null, 4], labour: { runningSince: [null, 'x'] } })
    expect(splitPairs(pairs)).toEqual({
      before: { status: 'waiting', technicianId: null, labour: { runningSince: null } },
      after: { status: 'assigned', technicianId: 4, labour: { runningSince: 'x' } }
    })
  })

  it('undoing the pairs on the after state gives the before state', () => {
    expect(undoPairs(after, fieldPairs(before, after, ['version']))).toEqual({ ...before, version: 4 })
  })
})
