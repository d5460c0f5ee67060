import { describe, expect, it } from 'vitest'
import { sameOnCard } from '../../../src/renderer/src/store/board-store'
import { order } from './fixtures'

// A drop that finds no room between neighbours spaces the whole queue out again: each of its orders
// arrives as a new record (optimistic board, reply, event) that differs only in what no card shows.
// Cards keep the record they drew then (issue 5).
describe('sameOnCard', () => {
  const base = order(7, { status: 'queued', technicianId: 3, queuePosition: 2, version: 4 })

  it('ignores the queue place, the version and the time of change, even in a fresh copy', () => {
    const renumbered = structuredClone({ ...base, queuePosition: 3, version: 5, updatedAt: '2026-11-25T07:00:00.000Z' })
    expect(renumbered).not.toBe(base)
    expect(sameOnCard(base, renumbered)).toBe(true)
  })

  it('sees every change a card shows, nested ones included', () => {
    const changes: Partial<Parameters<typeof order>[1]>[] = [
      { plate: '粤B 99999' },
      { promisedAt: '2026-11-26T06:00:00.000Z' },
      { partsReady: false },
      { status: 'in_progress', queuePosition: null },
      { technicianId: 4 },
      { flags: { ...base.flags, comeback: true } },
      { jobLines: [{ ...base.jobLines[0], hours: 2 }] },
      { jobLines: [...base.jobLines, { description: 'more', skill: 'body', minLevel: 1, hours: 1 }] },
      { labour: { ...base.labour, closedHours: 1.5 } }
    ]
    for (const change of changes) expect(sameOnCard(base, { ...structuredClone(base), ...change }), JSON.stringify(change)).toBe(false)
  })
})
