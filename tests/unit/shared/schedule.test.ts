import { describe, expect, it } from 'vitest'
import { DEFAULT_CALENDAR, WorkingTime, localInstant, type TechnicianAttendance } from '../../../src/shared/domain/calendar'
import { projectLane, type LaneJob } from '../../../src/shared/domain/schedule'

const tz = 'Asia/Shanghai'
// Wednesday 2026-11-25; Saturday 28th; Sunday 29th; Monday 30th
const at = (date: string, hhmm: string): number => localInstant(tz, date, hhmm)
const tech = { id: 7, shiftStart: '08:30', shiftEnd: '17:30', lunchStart: '12:00', lunchEnd: '13:00' }
const job = (id: number, remainingHours: number, blockedUntil: number | null = null): LaneJob => ({ id, remainingHours, blockedUntil })
const worker = (daysOff: string[] = [], attendance: TechnicianAttendance[] = []) =>
  new WorkingTime({ ...DEFAULT_CALENDAR, daysOff }, [tech], attendance).technician(7)

describe('projected start and finish: the current order first, then the queue in order', () => {
  it('queue in order from now: 09:00 + 1 h, then 2 h across lunch', () => {
    const p = projectLane(worker(), at('2026-11-25', '09:00'), { current: job(1, 1), queue: [job(2, 2)], parked: [] })
    expect(p).toEqual([
      { id: 1, start: at('2026-11-25', '09:00'), finish: at('2026-11-25', '10:00') },
      { id: 2, start: at('2026-11-25', '10:00'), finish: at('2026-11-25', '12:00') }
    ])
  })

  it('lunch inside the job is skipped: 11:00 + 2 h -> 14:00', () => {
    const [p] = projectLane(worker(), at('2026-11-25', '11:00'), { current: job(1, 2), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-25', '14:00'))
  })

  it('lunch outside the job does not count: 08:30 + 3 h -> 11:30', () => {
    const [p] = projectLane(worker(), at('2026-11-25', '08:30'), { current: job(1, 3), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-25', '11:30'))
  })

  it('a job running past shift end continues the next working day: Wed 16:30 + 2 h -> Thu 09:30', () => {
    const [p] = projectLane(worker(), at('2026-11-25', '16:30'), { current: job(1, 2), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-26', '09:30'))
  })

  it('a job started after shift end starts the next morning', () => {
    const [p] = projectLane(worker(), at('2026-11-25', '19:00'), { current: job(1, 1), queue: [], parked: [] })
    expect(p).toEqual({ id: 1, start: at('2026-11-26', '08:30'), finish: at('2026-11-26', '09:30') })
  })

  it('a day off in between is skipped: Wed 16:30 + 2 h with Thursday off -> Fri 09:30', () => {
    const [p] = projectLane(worker(['2026-11-26']), at('2026-11-25', '16:30'), { current: job(1, 2), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-27', '09:30'))
  })

  it('Sunday is skipped: Sat 16:30 + 2 h -> Mon 09:30', () => {
    const [p] = projectLane(worker(), at('2026-11-28', '16:30'), { current: job(1, 2), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-30', '09:30'))
  })

  it("the technician's attendance counts: absent on Thursday pushes the rest of the job to Friday", () => {
    const absent: TechnicianAttendance = {
      technicianId: 7, date: '2026-11-26', kind: 'absent', leavesAt: null,
      shiftStart: null, shiftEnd: null, lunchStart: null, lunchEnd: null, note: ''
    }
    const [p] = projectLane(worker([], [absent]), at('2026-11-25', '17:00'), { current: job(1, 1), queue: [], parked: [] })
    expect(p.finish).toBe(at('2026-11-27', '09:00'))
  })
})

describe('knock-on: an overrun of one job moves every job behind it', () => {
  it('the current job needing 2 more hours pushes the next job from 10:00-11:30 to 13:00-14:30', () => {
    const now = at('2026-11-25', '09:00')
    const onTime = projectLane(worker(), now, { current: job(1, 1), queue: [job(2, 1.5), job(3, 1)], parked: [] })
    const overrun = projectLane(worker(), now, { current: job(1, 3), queue: [job(2, 1.5), job(3, 1)], parked: [] })
    expect(onTime[1]).toEqual({ id: 2, start: at('2026-11-25', '10:00'), finish: at('2026-11-25', '11:30') })
    expect(overrun[1]).toEqual({ id: 2, start: at('2026-11-25', '13:00'), finish: at('2026-11-25', '14:30') })
    expect(overrun[2].finish).toBe(at('2026-11-25', '15:30'))
  })
})

describe('a running stoppage: work resumes when it is expected to end', () => {
  it('parts expected at 14:00: the stopped current job (1 h left) runs 14:00-15:00 and the queue follows', () => {
    const now = at('2026-11-25', '09:00')
    const p = projectLane(worker(), now, { current: job(1, 1, at('2026-11-25', '14:00')), queue: [job(2, 1)], parked: [] })
    expect(p).toEqual([
      { id: 1, start: at('2026-11-25', '14:00'), finish: at('2026-11-25', '15:00') },
      { id: 2, start: at('2026-11-25', '15:00'), finish: at('2026-11-25', '16:00') }
    ])
  })

  it('an expected arrival already past counts from now', () => {
    const [p] = projectLane(worker(), at('2026-11-25', '09:00'), { current: job(1, 1, at('2026-11-25', '08:00')), queue: [], parked: [] })
    expect(p.start).toBe(at('2026-11-25', '09:00'))
  })

  it('a parked order rejoins at the front of the queue once its parts are expected', () => {
    const now = at('2026-11-25', '09:00')
    const p = projectLane(worker(), now, {
      current: job(1, 1),
      queue: [job(2, 1), job(3, 1)],
      parked: [job(9, 0.5, at('2026-11-25', '10:30'))]
    })
    // 1: 09:00-10:00; 2: 10:00-11:00 (parts not here yet at 10:00); then 9 (back at 10:30): 11:00-11:30; then 3
    expect(p.map((x) => x.id)).toEqual([1, 2, 9, 3])
    expect(p[2]).toEqual({ id: 9, start: at('2026-11-25', '11:00'), finish: at('2026-11-25', '11:30') })
  })

  it('no working time at all: the projection says so (null) instead of looping', () => {
    const closed = new WorkingTime({ ...DEFAULT_CALENDAR, weekHours: [null, null, null, null, null, null, null] }).workshop
    expect(projectLane(closed, at('2026-11-25', '09:00'), { current: job(1, 1), queue: [job(2, 1)], parked: [] })).toEqual([
      { id: 1, start: null, finish: null },
      { id: 2, start: null, finish: null }
    ])
  })
})
