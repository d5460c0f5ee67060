/**
 * Risk recomputation benchmark (issue 3, point 7): 2,000 open orders on 60 technicians must be
 * recomputed in <= 5 ms, one changed order in <= 1 ms. Run with `npm run bench:risk`; it prints the
 * machine and p50 / p95 / max over the measured runs and writes them as the section "Risk
 * recomputation" of docs/benchmarks.md (BENCH_NO_DOC=1: print only).
 */
import { cpus, loadavg } from 'node:os'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { DEFAULT_CALENDAR, localInstant, type TechnicianAttendance, type TechnicianHours } from '../src/shared/domain/calendar'
import {
  computeBoardRisk,
  prepareWorkingTime,
  previewDrop,
  updateBoardRisk,
  type BoardRiskInput,
  type RiskOrderInput
} from '../src/shared/domain/risk'
import { writeDocSection } from './bench-util'

const WARMUP = 20
const RUNS = 100
const TECHNICIANS = 60
const ORDERS = 2000
const tz = DEFAULT_CALENDAR.timeZone
const iso = (ms: number): string => new Date(ms).toISOString()

// A deterministic pseudo-random generator so every run measures the same board.
let seed = 42
const rand = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
  return seed / 2 ** 31
}

/** A busy Wednesday at 10:00: each lane has a current order and a long queue; the rest wait in the pool or for QC. */
function makeBoard(): { input: BoardRiskInput; now: number } {
  const now = localInstant(tz, '2026-11-25', '10:00')
  const technicians: TechnicianHours[] = Array.from({ length: TECHNICIANS }, (_, i) => ({
    id: i + 1,
    shiftStart: i % 5 === 0 ? '09:00' : '08:30',
    shiftEnd: i % 5 === 0 ? '18:00' : '17:30',
    lunchStart: '12:00',
    lunchEnd: '13:00'
  }))
  const attendance: TechnicianAttendance[] = [
    { technicianId: 3, date: '2026-11-25', kind: 'leaves_early', leavesAt: '15:00', shiftStart: null, shiftEnd: null, lunchStart: null, lunchEnd: null, note: '' },
    { technicianId: 7, date: '2026-11-26', kind: 'absent', leavesAt: null, shiftStart: null, shiftEnd: null, lunchStart: null, lunchEnd: null, note: '' },
    { technicianId: 11, date: '2026-11-29', kind: 'present', leavesAt: null, shiftStart: '09:00', shiftEnd: '12:00', lunchStart: null, lunchEnd: null, note: 'overtime' }
  ]
  const orders: RiskOrderInput[] = []
  const queueLength = new Map<number, number>()
  for (let id = 1; id <= ORDERS; id++) {
    const hours = Math.round((0.3 + rand() * 3.5) * 10) / 10
    const promised = now + Math.round((0.5 + rand() * 5 * 24) * 60) * 60_000
    const base: RiskOrderInput = {
      id,
      status: 'waiting',
      technicianId: null,
      queuePosition: null,
      parked: false,
      promisedAt: iso(promised),
      jobLines: [{ hours: hours / 2 }, { hours: hours / 2 }],
      labour: { closedHours: 0, runningSince: null },
      openStoppage: null
    }
    const t = ((id - 1) % TECHNICIANS) + 1
    if (id <= TECHNICIANS) {
      // the current order of every lane: running, stopped for parts or sublet, or just assigned
      const k = id % 4
      if (k === 0) orders.push({ ...base, status: 'in_progress', technicianId: t, labour: { closedHours: 0.5, runningSince: iso(now - 20 * 60_000) } })
      else if (k === 1)
        orders.push({ ...base, status: 'stopped', technicianId: t, labour: { closedHours: 0.8, runningSince: null }, openStoppage: { expectedEndAt: iso(now + 3 * 3_600_000) } })
      else orders.push({ ...base, status: 'assigned', technicianId: t })
    } else if (id <= TECHNICIANS + 20) {
      orders.push({ ...base, status: 'stopped', parked: true, technicianId: t, labour: { closedHours: 0.4, runningSince: null }, openStoppage: { expectedEndAt: iso(now + rand() * 6 * 3_600_000) } })
    } else if (id <= 1600) {
      const pos = queueLength.get(t) ?? 0
      queueLength.set(t, pos + 1)
      orders.push({ ...base, status: 'queued', technicianId: t, queuePosition: pos })
    } else if (id <= 1900) {
      orders.push(base)
    } else {
      orders.push({ ...base, status: id % 2 ? 'awaiting_qc' : 'ready', technicianId: t, labour: { closedHours: hours, runningSince: null } })
    }
  }
  return { input: { calendar: DEFAULT_CALENDAR, technicians, attendance, orders }, now }
}

interface Stats {
  p50: number
  p95: number
  max: number
}
function measure(f: () => unknown): Stats {
  for (let i = 0; i < WARMUP; i++) f()
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    f()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]
  return { p50: q(0.5), p95: q(0.95), max: times[times.length - 1] }
}

const { input, now } = makeBoard()
const wt = prepareWorkingTime(input)
const full = computeBoardRisk(input, now, wt)
const laneSizes = [...full.lanes.values()].map((l) => l.length)

// One changed order: a queued order in the middle of lane 5 gets two more flat-rate hours.
const changedId = [...(full.lanes.get(5) ?? [])][10]
const changedOrders = input.orders.map((o) => (o.id === changedId ? { ...o, jobLines: [...o.jobLines, { hours: 2 }] } : o))
const changedInput: BoardRiskInput = { ...input, orders: changedOrders }
const poolOrder = input.orders.find((o) => o.status === 'waiting') as RiskOrderInput

const rows: [string, Stats, number | null][] = [
  ['Whole board, calendar prepared once (the per-minute refresh)', measure(() => computeBoardRisk(input, now, wt)), 5],
  ['Whole board, calendar prepared from scratch every run (after a calendar, shift or attendance change)', measure(() => computeBoardRisk(input, now)), null],
  ['One changed order (its lane only, `updateBoardRisk`)', measure(() => updateBoardRisk(full, changedInput, [changedId])), 1],
  ['Drop preview of one pool order on a 27-order lane (`previewDrop`)', measure(() => previewDrop(input, now, poolOrder.id, 5, 3, wt)), null]
]

const fmt = (ms: number) => ms.toFixed(3)
const cpu = (() => {
  try {
    return /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model
  } catch {
    return cpus()[0]?.model
  }
})()
const states = { on_track: 0, at_risk: 0, late: 0 }
for (const r of full.orders.values()) states[r.state]++
const pass = rows.every(([, s, limit]) => limit === null || s.p95 <= limit)

const body = `
Measured by \`npm run bench:risk\` (bench/risk.bench.ts) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${cpus().length} logical CPUs (\`nproc\`), ${cpu}; Node ${process.version}, ${process.platform}/${process.arch};
  load average at the end of the run ${loadavg().map((x) => x.toFixed(2)).join(' / ')} (1 / 5 / 15 min; other work on the machine shows up in p95 and max).
- Board: ${input.orders.length} open orders, ${TECHNICIANS} technicians (lanes of ${Math.min(...laneSizes)}-${Math.max(...laneSizes)} orders:
  current order running, stopped for parts or just assigned, 20 parked, ${input.orders.filter((o) => o.status === 'queued').length} queued),
  ${input.orders.filter((o) => o.status === 'waiting').length} in the pool, ${input.orders.filter((o) => o.status === 'awaiting_qc' || o.status === 'ready').length} awaiting QC or ready;
  promises spread over five days, so lanes roll over shift ends, lunch, the Sunday and attendance records.
  Result at "now": ${states.on_track} on track, ${states.at_risk} at risk, ${states.late} late.
- ${WARMUP} warm-up runs, then ${RUNS} measured runs each; times in milliseconds (performance.now()).

| Recomputation | p50 | p95 | max | limit |
| --- | ---: | ---: | ---: | ---: |
${rows.map(([name, s, limit]) => `| ${name} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} | ${limit === null ? '–' : `<= ${limit}`} |`).join('\n')}

Verdict: ${pass ? 'within the limits (p95)' : 'OVER a limit (p95)'}.

What is measured: \`computeBoardRisk\` (src/shared/domain/risk.ts) gives every open order its latest
start, projected start and finish, state (on track / at risk / late) and slack, projecting each
lane from "now" through lunch, shift ends, closed days and attendance. The renderer keeps one
\`WorkingTime\` (the prepared calendar: day intervals remembered per technician) while calendar,
shifts and attendance are unchanged, and recomputes with it every minute and on every
\`board-changed\` event; a calendar or attendance change prepares a new one (second row).
\`updateBoardRisk\` reprojects only the lanes that the changed orders left or joined (same "now").
Times exclude building the input (the board snapshot is used as is).
`
console.log(`## Risk recomputation\n${body}`)
// bundled to out/bench/risk.bench.mjs by the npm script: the repository is two levels up either way
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
if (process.env.BENCH_NO_DOC !== '1') writeDocSection(root, 'Risk recomputation', body)
if (!pass) process.exitCode = 1
