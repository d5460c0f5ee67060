import { afterEach, describe, expect, it, vi } from 'vitest'
import { startRiskUpdates, useRisk } from '../../../src/renderer/src/features/schedule/risk-store'
import { fromSnapshot } from '../../../src/renderer/src/store/board-state'
import { useBoard } from '../../../src/renderer/src/store/board-store'
import { useUi } from '../../../src/renderer/src/store/ui-store'
import { order, snapshot, tech } from './fixtures'

/**
 * The whole-board risk recomputation runs for the board only: while the Reports page is on show it
 * waits (it would otherwise land in the charts' first frame, issue 5), and it runs once the board is back.
 */
describe('risk updates and the Reports page', () => {
  let stop: (() => void) | null = null
  afterEach(() => {
    stop?.()
    stop = null
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  it('waits while #/reports is shown and recomputes when the hash leaves it', () => {
    vi.useFakeTimers()
    const listeners: (() => void)[] = []
    const location = { hash: '#/reports' }
    vi.stubGlobal('window', {
      location,
      addEventListener: (type: string, f: () => void) => type === 'hashchange' && listeners.push(f),
      removeEventListener: () => {}
    })
    useRisk.setState({ now: 0, orders: new Map(), lanes: new Map(), attention: [] })
    useUi.setState({ nowMinute: Date.parse('2026-11-25T02:00:00.000Z') })
    const board = fromSnapshot(snapshot([tech(1, [])], [order(1, { technicianId: 1, status: 'assigned' })]))
    useBoard.setState({ ...board, loaded: true })

    stop = startRiskUpdates()
    vi.runAllTimers()
    expect(useRisk.getState().orders.size).toBe(0)

    location.hash = '#/'
    listeners.forEach((f) => f())
    vi.runAllTimers()
    expect(useRisk.getState().orders.has(1)).toBe(true)
  })
})
