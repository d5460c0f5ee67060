import { workForward, type WorkerCalendar } from './calendar'

/** One order on a technician's lane, as the projection needs it. */
export interface LaneJob {
  id: number
  /** Labour still to do (h), already floored (see labour.remainingHours). */
  remainingHours: number
  /** Epoch ms at which the order's open stoppage is expected to end (parts arrival, sublet return); null if none or unknown. */
  blockedUntil: number | null
}

/** A lane split the way the technician works it: the current order, the next-job queue in order, and parked orders. */
export interface Lane {
  current: LaneJob | null
  queue: readonly LaneJob[]
  parked: readonly LaneJob[]
}

/** Projected working start and finish of one order (epoch ms); null when no working time is found within the horizon. */
export interface ProjectedJob {
  id: number
  start: number | null
  finish: number | null
}

/**
 * Projected start and finish (epoch ms) of every order on one lane, from `now`: the current order's
 * remaining hours first (not before its running stoppage is expected to end), then the queue in
 * order; a parked order rejoins at the front of the queue as soon as its stoppage is expected to
 * end. Working time follows the technician's calendar (lunch skipped, shift end rolling over to
 * the next working day, days off and attendance respected).
 */
export function projectLane(worker: WorkerCalendar, now: number, lane: Lane): ProjectedJob[] {
  const out: ProjectedJob[] = []
  let cursor: number | null = now
  const run = (job: LaneJob): void => {
    if (cursor === null) {
      out.push({ id: job.id, start: null, finish: null })
      return
    }
    const from = job.blockedUntil !== null && job.blockedUntil > cursor ? job.blockedUntil : cursor
    const r = workForward(worker, from, job.remainingHours)
    if (r === null) {
      cursor = null
      out.push({ id: job.id, start: null, finish: null })
    } else {
      cursor = r.finish
      out.push({ id: job.id, start: r.start, finish: r.finish })
    }
  }
  if (lane.current) run(lane.current)
  const readyAt = (j: LaneJob): number => (j.blockedUntil !== null && j.blockedUntil > now ? j.blockedUntil : now)
  const parked = [...lane.parked].sort((a, b) => readyAt(a) - readyAt(b) || a.id - b.id)
  let p = 0
  for (const job of lane.queue) {
    while (p < parked.length && cursor !== null && readyAt(parked[p]) <= cursor) run(parked[p++])
    run(job)
  }
  while (p < parked.length) run(parked[p++])
  return out
}
