import { describe, expect, it } from 'vitest'
import { comparePoolOrder, sortByPoolOrder, totalHours } from '../../../src/shared/domain/pool-order'
import { emptyFlags, type RepairOrderFlags } from '../../../src/shared/domain/types'

const ro = (roNumber: string, promisedAt: string, flags: Partial<RepairOrderFlags> = {}) => ({
  roNumber,
  promisedAt,
  flags: { ...emptyFlags(), ...flags }
})
const sorted = (list: ReturnType<typeof ro>[]) => [...list].sort(comparePoolOrder).map((o) => o.roNumber)

describe('dispatch pool order: comebacks first, then waiting customers, then earliest promise', () => {
  it('a comeback promised late comes before a waiting customer promised early', () => {
    expect(
      sorted([
        ro('WAIT', '2026-11-25T01:00:00Z', { waitingCustomer: true }),
        ro('COMEBACK', '2026-11-25T09:00:00Z', { comeback: true })
      ])
    ).toEqual(['COMEBACK', 'WAIT'])
  })
  it('a waiting customer comes before an earlier-promised ordinary order', () => {
    expect(
      sorted([ro('PLAIN', '2026-11-25T01:00:00Z'), ro('WAIT', '2026-11-25T08:00:00Z', { waitingCustomer: true })])
    ).toEqual(['WAIT', 'PLAIN'])
  })
  it('a comeback whose customer also waits ranks as a comeback', () => {
    expect(
      sorted([
        ro('C-ONLY', '2026-11-25T05:00:00Z', { comeback: true }),
        ro('C+W', '2026-11-25T04:00:00Z', { comeback: true, waitingCustomer: true }),
        ro('W', '2026-11-25T01:00:00Z', { waitingCustomer: true })
      ])
    ).toEqual(['C+W', 'C-ONLY', 'W'])
  })
  it('within a rank, the earliest promised delivery first (instants compared, not strings)', () => {
    expect(
      sorted([
        ro('B', '2026-11-25T10:30:00+08:00'), // 02:30Z
        ro('A', '2026-11-25T03:00:00Z'),
        ro('C', '2026-11-25T02:00:00Z')
      ])
    ).toEqual(['C', 'B', 'A'])
  })
  it('same rank and same promise: by RO number, so the order is stable', () => {
    expect(sorted([ro('RO-2', '2026-11-25T03:00:00Z'), ro('RO-1', '2026-11-25T03:00:00Z')])).toEqual(['RO-1', 'RO-2'])
  })
  it('other flags (complaint, warranty) do not change the pool rank', () => {
    expect(
      sorted([ro('COMPLAINT', '2026-11-25T05:00:00Z', { complaint: true, warranty: true }), ro('PLAIN', '2026-11-25T04:00:00Z')])
    ).toEqual(['PLAIN', 'COMPLAINT'])
  })
})

describe('total flat-rate hours', () => {
  it('sums the job lines, rounded to 0.1 h', () => {
    expect(totalHours([{ hours: 1.2 }, { hours: 0.8 }])).toBe(2)
    expect(totalHours([{ hours: 0.1 }, { hours: 0.2 }])).toBe(0.3)
    expect(totalHours([{ hours: 1.25 }, { hours: 1.01 }])).toBe(2.3)
  })
  it('is 0 for no lines', () => {
    expect(totalHours([])).toBe(0)
  })
})

describe('sortByPoolOrder gives exactly the comparePoolOrder order', () => {
  it('on a mixed list of comebacks, waiting customers and promises', () => {
    const flags = (comeback: boolean, waitingCustomer: boolean) => ({ ...emptyFlags(), comeback, waitingCustomer })
    const list = Array.from({ length: 200 }, (_, i) => ({
      roNumber: `RO${String((i * 37) % 200).padStart(3, '0')}`,
      promisedAt: new Date(Date.UTC(2026, 10, 25, 1) + ((i * 7919) % 40) * 15 * 60_000).toISOString(),
      flags: flags(i % 11 === 0, i % 5 === 0)
    }))
    expect(sortByPoolOrder(list)).toEqual([...list].sort(comparePoolOrder))
    expect(list).toHaveLength(200)
  })
})
