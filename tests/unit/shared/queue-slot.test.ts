import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placeInQueue, QUEUE_STEP, queueSlot, spacedQueue } from '../../../src/shared/domain/queue-slot'

describe('a place in the queue: a rank between the new neighbours', () => {
  it('an empty queue starts at 0; the front and the end are always a step away', () => {
    expect(queueSlot([], 0)).toBe(0)
    expect(queueSlot([0, 1024], 0)).toBe(-1024)
    expect(queueSlot([0, 1024], 2)).toBe(2048)
    expect(queueSlot([0, 1024], 99)).toBe(2048)
    expect(queueSlot([0, 1024], -3)).toBe(-1024)
  })

  it('between two neighbours: halfway, rounded down; none when they are adjacent', () => {
    expect(queueSlot([0, 1024], 1)).toBe(512)
    expect(queueSlot([0, 3], 1)).toBe(1)
    expect(queueSlot([0, 2], 1)).toBe(1)
    expect(queueSlot([0, 1], 1)).toBeNull()
    expect(queueSlot([-5, -4], 1)).toBeNull()
  })

  it('a queue drifted out to the edge of exact integers is spaced out again', () => {
    expect(queueSlot([2 ** 48 - 10], 1)).toBeNull()
    expect(queueSlot([-(2 ** 48) + 10], 0)).toBeNull()
  })

  it('spacing out gives QUEUE_STEP apart from 0, front first', () => {
    expect(spacedQueue([7, 3, 9])).toEqual([
      [7, 0],
      [3, QUEUE_STEP],
      [9, 2 * QUEUE_STEP]
    ])
  })

  it('placeInQueue moves no other order while there is room, and only those whose position changes when there is not', () => {
    expect(placeInQueue([{ id: 1, position: 0 }, { id: 2, position: 1024 }], 9, 1)).toEqual({ position: 512, moved: [] })
    expect(placeInQueue([{ id: 1, position: 0 }, { id: 2, position: 1 }, { id: 3, position: 2 }], 9, 1)).toEqual({
      position: 1024,
      moved: [
        [2, 2048],
        [3, 3072]
      ]
    })
  })
})

describe('any sequence of drops, reorders and departures keeps the order the dispatcher chose', () => {
  const step = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), at: fc.nat(12) }),
    fc.record({ kind: fc.constant('move' as const), from: fc.nat(12), at: fc.nat(12) }),
    fc.record({ kind: fc.constant('leave' as const), from: fc.nat(12) })
  )
  it('the ranks sort the queue exactly like inserting into a list, stay distinct whole numbers, and rarely move others', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        let next = 1
        const expected: number[] = []
        const pos = new Map<number, number>()
        let othersMoved = 0
        for (const s of steps) {
          const queue = () => expected.map((id) => ({ id, position: pos.get(id)! }))
          if (s.kind === 'leave') {
            if (expected.length === 0) continue
            pos.delete(expected.splice(s.from % expected.length, 1)[0])
            continue
          }
          let id: number
          if (s.kind === 'move' && expected.length > 0) {
            id = expected.splice(s.from % expected.length, 1)[0]
            pos.delete(id)
          } else id = next++
          const at = Math.min(s.at, expected.length)
          const { position, moved } = placeInQueue(queue(), id, at)
          for (const [x, p] of moved) pos.set(x, p)
          othersMoved += moved.length
          pos.set(id, position)
          expected.splice(at, 0, id)
          const byRank = [...expected].sort((a, b) => pos.get(a)! - pos.get(b)!)
          expect(byRank).toEqual(expected)
          for (const p of pos.values()) expect(Number.isSafeInteger(p)).toBe(true)
          expect(new Set(pos.values()).size).toBe(pos.size)
        }
        // spacing out is the exception: amortised, fewer than two other orders moved per step
        expect(othersMoved).toBeLessThanOrEqual(Math.max(12, steps.length * 2))
      }),
      { numRuns: 300 }
    )
  })
})
