import { afterEach, describe, expect, it, vi } from 'vitest'
import { inChangeTask, startRiskUpdates, useRisk } from '../../../src/renderer/src/features/schedule/risk-store'
import { fromSnapshot, upsertOrder } from '../../../src/renderer/src/store/board-state'
import { boardData, setBoardData, useBoard } from '../../../src/renderer/src/store/board-store'
import { useUi } from '../../../src/renderer/src/store/ui-store'
import { order, snapshot, tech } from './fixtures'

let stop: (() => void) | null = null
afterEach(() => {
  stop?.()
  stop = null
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** A board of one technician with one order on the current slot, no risk computed yet. */
function seedBoard(): void {
  vi.useFakeTimers()
  useRisk.setState({ now: 0, orders: new Map(), lanes: new Map(), attention: [] })
  useUi.setState({ nowMinute: Date.parse('2026-11-25T02:00:00.000Z') })
  const board = fromSnapshot(snapshot([tech(1, [])], [order(1, { technicianId: 1, status: 'assigned' })]))
  useBoard.setState({ ...board, loaded: true })
}

/**
 * The whole-board risk recomputation runs for the board only: while the Reports page is on show it
 * waits (it would otherwise land in the charts' first frame, issue 5), and it runs once the board is back.
 */
describe('risk updates and the Reports page', () => {
  it('waits while #/reports is shown and recomputes when the hash leaves it', () => {
    const listeners: (() => void)[] = []
    const location = { hash: '#/reports' }
    vi.stubGlobal('window', {
      location,
      addEventListener: (type: string, f: () => void) => type === 'hashchange' && listeners.push(f),
      removeEventListener: () => {}
    })
    seedBoard()

    stop = startRiskUpdates()
    vi.runAllTimers()
    expect(useRisk.getState().orders.size).toBe(0)

    location.hash = '#/'
    listeners.forEach((f) => f())
    vi.runAllTimers()
    expect(useRisk.getState().orders.has(1)).toBe(true)
  })
})

/**
 * A change of one order: this screen's own drop shows the card first and its risk in the task
 * after that frame; a change from another screen (inChangeTask) gets its risk in the same task,
 * so a watching screen draws one frame for it, not two (issue 5).
 */
describe('risk of a changed order: after the frame, or in the same task for another screen\u2019s change', () => {
  function start(): void {
    seedBoard()
    stop = startRiskUpdates()
    vi.runAllTimers()
    expect(useRisk.getState().orders.has(1)).toBe(true)
  }
  const queued = (id: number) => order(id, { technicianId: 1, status: 'queued', queuePosition: 1024 * id })

  it('this screen\u2019s own change: the risk follows in a later task', () => {
    start()
    setBoardData(upsertOrder(boardData(), queued(2), true))
    expect(useRisk.getState().orders.has(2)).toBe(false)
    vi.runAllTimers()
    expect(useRisk.getState().orders.has(2)).toBe(true)
  })

  it('another screen\u2019s change: the risk is there when the change is', () => {
    start()
    inChangeTask(() => setBoardData(upsertOrder(boardData(), queued(3), true)))
    expect(useRisk.getState().orders.has(3)).toBe(true)
    // and the next change of this screen's own goes back to after the frame
    setBoardData(upsertOrder(boardData(), queued(4), true))
    expect(useRisk.getState().orders.has(4)).toBe(false)
    vi.runAllTimers()
    expect(useRisk.getState().orders.has(4)).toBe(true)
  })
})
