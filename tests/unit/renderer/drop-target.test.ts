import { describe, expect, it } from 'vitest'
import { sameTarget, targetIn, type BoardGeometry } from '../../../src/renderer/src/features/board/drop-target'

/**
 * The drop target under the pointer, found by arithmetic on the board's fixed rows instead of a
 * dnd-kit droppable per lane and per queued card (issue 5). Geometry in px, rem = 16: lane rows
 * 6.2 rem (99.2 px) with a 0.35 rem gap, next-job items 19.5 rem (312 px) of which 19 rem of card.
 */
const scroller = { scrollTop: 0 }
const g: BoardGeometry = {
  lanesScroll: scroller,
  lanes: { left: 400, top: 60, right: 1900, bottom: 1060 },
  origin: 60,
  rowPx: 99.2,
  laneHeight: 93.6,
  queueLeft: 1000,
  queueRight: 1890,
  listOffset: 0,
  itemPx: 312,
  cardPx: 304,
  pool: { left: 10, top: 400, right: 380, bottom: 1060 },
  rem: 16
}
const board = {
  laneIds: [7, 3, 9],
  lanes: {
    7: { currentId: 1, queueIds: [11, 12], parkedIds: [] },
    3: { currentId: null, queueIds: [], parkedIds: [] },
    9: { currentId: 2, queueIds: [21, 22], parkedIds: [20] }
  }
}

describe('the drop target under the pointer', () => {
  it('is the pool inside the pool, nothing between the pool and the lanes', () => {
    expect(targetIn(g, board, 100, 500)).toEqual({ kind: 'pool' })
    expect(targetIn(g, board, 390, 500)).toBeNull()
  })

  it('is the lane under the pointer on its name or current slot, rows counted from the top', () => {
    expect(targetIn(g, board, 500, 70)).toEqual({ kind: 'lane', technicianId: 7 })
    expect(targetIn(g, board, 800, 60 + 99.2 + 10)).toEqual({ kind: 'lane', technicianId: 3 })
  })

  it('is no lane in the gap under a lane or below the last one', () => {
    expect(targetIn(g, board, 500, 60 + 95)).toBeNull()
    expect(targetIn(g, board, 500, 60 + 3 * 99.2 + 10)).toBeNull()
  })

  it('follows the lane list as it scrolls', () => {
    scroller.scrollTop = 99.2
    expect(targetIn(g, board, 500, 70)).toEqual({ kind: 'lane', technicianId: 3 })
    scroller.scrollTop = 0
  })

  it('is in front of the next job under the pointer, the lane itself past the last one or in the gap between cards', () => {
    expect(targetIn(g, board, 1010, 70)).toEqual({ kind: 'slot', technicianId: 7, orderId: 11 })
    expect(targetIn(g, board, 1000 + 312 + 5, 70)).toEqual({ kind: 'slot', technicianId: 7, orderId: 12 })
    expect(targetIn(g, board, 1000 + 310, 70)).toEqual({ kind: 'lane', technicianId: 7 })
    expect(targetIn(g, board, 1000 + 2 * 312 + 5, 70)).toEqual({ kind: 'lane', technicianId: 7 })
  })

  it('skips parked orders, which come first in the strip and are no drop slot', () => {
    const y = 60 + 2 * 99.2 + 10
    expect(targetIn(g, board, 1010, y)).toEqual({ kind: 'lane', technicianId: 9 })
    expect(targetIn(g, board, 1000 + 312 + 5, y)).toEqual({ kind: 'slot', technicianId: 9, orderId: 21 })
  })
})

describe('two targets are the same', () => {
  it('when kind, lane and next job agree', () => {
    expect(sameTarget({ kind: 'pool' }, { kind: 'pool' })).toBe(true)
    expect(sameTarget({ kind: 'lane', technicianId: 1 }, { kind: 'lane', technicianId: 1 })).toBe(true)
    expect(sameTarget({ kind: 'lane', technicianId: 1 }, { kind: 'lane', technicianId: 2 })).toBe(false)
    expect(sameTarget({ kind: 'slot', technicianId: 1, orderId: 5 }, { kind: 'slot', technicianId: 1, orderId: 6 })).toBe(false)
    expect(sameTarget({ kind: 'slot', technicianId: 1, orderId: 5 }, { kind: 'lane', technicianId: 1 })).toBe(false)
    expect(sameTarget(null, null)).toBe(true)
    expect(sameTarget(null, { kind: 'pool' })).toBe(false)
  })
})
