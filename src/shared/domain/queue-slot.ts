/**
 * A technician's next-job queue is kept in ascending `queuePosition` order, with room between
 * neighbours: an order put into the queue takes a number between the orders it lands between,
 * so a drop writes only its own row, whatever the queue's length. Only when two neighbours leave
 * no whole number between them is the queue spaced out again (`spacedQueue`). The server
 * (services/repair-orders.ts) and the board's optimistic move (features/board/moves.ts) both use
 * these two functions, so the picture shown during a drop is the one the station commits.
 *
 * Positions are ranks, not places: the n-th job of a queue is the n-th in position order.
 */

/** The room left between neighbours when a queue is spaced out. */
export const QUEUE_STEP = 1024

/** Far inside the doubles' exact integers: a queue that ever drifts this far is spaced out again. */
const LIMIT = 2 ** 48

/**
 * The position for an order put at index `at` (clamped to 0..n) of a queue whose other orders
 * stand at `positions` (ascending), or null when its neighbours leave no whole number between them.
 */
export function queueSlot(positions: readonly number[], at: number): number | null {
  const n = positions.length
  const i = Math.max(0, Math.min(Math.trunc(at), n))
  let slot: number
  if (n === 0) slot = 0
  else if (i === 0) slot = positions[0] - QUEUE_STEP
  else if (i === n) slot = positions[n - 1] + QUEUE_STEP
  else {
    const before = positions[i - 1]
    const after = positions[i]
    if (after - before < 2) return null
    slot = before + Math.floor((after - before) / 2)
  }
  return Math.abs(slot) < LIMIT ? slot : null
}

/** The queue spaced out again, front first: `ids` get 0, QUEUE_STEP, 2 QUEUE_STEP, ... */
export function spacedQueue(ids: readonly number[]): [id: number, position: number][] {
  return ids.map((id, i) => [id, i * QUEUE_STEP])
}

/**
 * Where `id` goes when put at index `at` of a queue (`queue`: the other orders, front first, with
 * their positions): its position, and the other orders whose positions change (none unless the
 * queue had to be spaced out again).
 */
export function placeInQueue(
  queue: readonly { id: number; position: number }[],
  id: number,
  at: number
): { position: number; moved: [id: number, position: number][] } {
  const slot = queueSlot(
    queue.map((q) => q.position),
    at
  )
  if (slot !== null) return { position: slot, moved: [] }
  const ids = queue.map((q) => q.id)
  ids.splice(Math.max(0, Math.min(Math.trunc(at), ids.length)), 0, id)
  const spaced = spacedQueue(ids)
  const position = spaced.find(([x]) => x === id)![1]
  const before = new Map(queue.map((q) => [q.id, q.position]))
  return { position, moved: spaced.filter(([x, p]) => x !== id && before.get(x) !== p) }
}
