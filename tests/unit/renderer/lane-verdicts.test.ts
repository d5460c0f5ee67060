import { afterEach, describe, expect, it } from 'vitest'
import { useDrag } from '../../../src/renderer/src/store/drag-store'
import { laneQualified, registerLane } from '../../../src/renderer/src/features/board/lane-verdicts'

// A lane's verdict is a data attribute written outside React (issue 5): set for every mounted lane
// when a drag starts, for a lane mounted during the drag, and cleared when the drag ends.
const lane = () => ({ dataset: {} as Record<string, string | undefined> })
const asElement = (l: ReturnType<typeof lane>) => l as unknown as HTMLElement
// afterPaint outside a browser: the next timer task.
const afterTheFrame = () => new Promise((r) => setTimeout(r, 0))

describe('lane verdicts', () => {
  afterEach(async () => {
    useDrag.setState({ activeOrderId: null, qualified: null })
    await afterTheFrame()
    for (const id of [1, 2, 3]) registerLane(id, null)
  })

  it('marks the mounted lanes when a drag starts and clears them once the drop has painted', async () => {
    const a = lane()
    const b = lane()
    registerLane(1, asElement(a))
    registerLane(2, asElement(b))
    expect(a.dataset.qualified).toBeUndefined()
    useDrag.setState({ activeOrderId: 9, qualified: new Set([1]) })
    expect(a.dataset.qualified).toBe('true')
    expect(b.dataset.qualified).toBe('false')
    expect(laneQualified(1)).toBe(true)
    expect(laneQualified(2)).toBe(false)
    useDrag.setState({ activeOrderId: null, qualified: null })
    // The drop's frame shows the card first; the badges go in the task after it.
    expect(laneQualified(1)).toBe(false)
    expect(a.dataset.qualified).toBe('true')
    await afterTheFrame()
    expect(a.dataset.qualified).toBeUndefined()
    expect(b.dataset.qualified).toBeUndefined()
  })

  it('never clears the verdicts of a drag that started before the late clear ran', async () => {
    const a = lane()
    registerLane(1, asElement(a))
    useDrag.setState({ activeOrderId: 9, qualified: new Set([1]) })
    useDrag.setState({ activeOrderId: null, qualified: null })
    useDrag.setState({ activeOrderId: 10, qualified: new Set([2]) })
    expect(a.dataset.qualified).toBe('false')
    await afterTheFrame()
    expect(a.dataset.qualified).toBe('false')
  })

  it('gives a lane scrolled into view during a drag its verdict at once, and forgets an unmounted one', async () => {
    useDrag.setState({ activeOrderId: 9, qualified: new Set([3]) })
    const c = lane()
    registerLane(3, asElement(c))
    expect(c.dataset.qualified).toBe('true')
    registerLane(3, null)
    useDrag.setState({ activeOrderId: null, qualified: null })
    await afterTheFrame()
    expect(c.dataset.qualified).toBe('true')
  })
})
