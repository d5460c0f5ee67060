import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedBoard } from '../../bench/seed-board'
import { generateHistory } from '../../bench/generate-history'
import { DEFAULT_CALENDAR, localDateOf } from '../../src/shared/domain/calendar'
import { installProbe } from '../../bench/lib/probe'
import { installReportsProbe } from '../../bench/lib/reports-probe'
import { dragAcross, dropOnLane, openBoard, pickPoolCard } from '../../bench/lib/board-driver'
import { pageMemory } from '../../bench/lib/page-metrics'
import { dayOfMinutes } from '../../bench/lib/day-clock'
import { boardGet, command } from './board-helpers'
import { expect, test, type Station, type StationOptions } from './fixtures'

/**
 * The CI subset of `npm run bench:board`, `bench:soak` and `bench:reports-page` (issue 5, point 3):
 * the same 60-technician, 2,000-order board, one first paint, one 20-move drag and three drops, a
 * wall display through 300 changes and through 300 minutes of its own clock, and the Reports page
 * over 90 days of 60 technicians' history, held to three times the targets so that only a
 * regression of more than 3x fails the build, not a noisy shared machine. The only timed
 * assertions in the test suites; the real figures are in docs/benchmarks.md.
 */
// Three times each target (issue 5, point 3). The drop figures are the median of three drops, so
// one drop caught by a busy moment on a shared machine does not fail the build.
const LIMITS = {
  paintMs: 900, // target 300 ms p95
  domNodes: 15_000, // target 5,000
  moveP50Ms: 50, // target 16.7 ms p95; twenty moves make a noisy p95, the median is steadier
  moveMaxMs: 150, // target 50 ms
  longTaskMs: 150, // target: none over 50 ms
  rendersPerMove: 9, // target 3
  commitMs: 45, // target 15 ms
  repaintMs: 90, // target 30 ms: the card in its new place (optimistic)
  // The first frame after the station's reply (a reference row, no target of its own: the reply
  // changes no card, docs/benchmarks.md). It cannot come before the round trip, the commit and the
  // drop's own frame: three times the slower machine's 50-80 ms, so a stuck reply still fails.
  confirmedMs: 240,
  reportsMs: 300 // target 100 ms: three charts over 90 days and 60 technicians
}

// Tracing and screenshots would snapshot the 2,000-card DOM on every action and time that instead.
test.use({ trace: 'off', screenshot: 'off', video: 'off' })
// One after the other in one worker (a failure does not skip the other): otherwise the Reports test
// generates its history (CPU-bound) while the board test times its first paint on the other core.
test.describe.configure({ mode: 'default' })

/**
 * Runs `body` against a station serving the database `seed` makes in a temporary folder; the
 * station is stopped and the folder removed afterwards, pass or fail. `serverTiming`: the station
 * puts its commit time in a Server-Timing header, which it does only when asked to (serve.ts).
 */
async function onTempStation(
  startStation: (options: StationOptions) => Promise<Station>,
  seed: (dir: string) => string,
  body: (station: Station) => Promise<void>,
  serverTiming = false
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-perf-'))
  let station: Station | undefined
  try {
    const dbFile = seed(dir)
    if (serverTiming) process.env.WDB_SERVER_TIMING = '1'
    const starting = startStation({ dbFile })
    if (serverTiming) delete process.env.WDB_SERVER_TIMING
    station = await starting
    await body(station)
  } finally {
    await station?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The benches' 60-technician, 2,000-order board (bench/seed-board.ts). */
const seededBoard = (dir: string): string => seedBoard(join(dir, 'board.db')).file

test('a 60 x 2,000 board paints, drags and drops within three times the benchmark targets', async ({ page, startStation }) => {
  test.setTimeout(60_000)
  await onTempStation(startStation, seededBoard, async (station) => {
    await page.context().addInitScript(installProbe)

    // One warm-up load first, as bench:board does: the first load of a fresh browser also compiles
    // the script, which the target does not time.
    await openBoard(page, station.url)
    const paint = await openBoard(page, station.url)
    expect(paint.paintMs, 'first paint after the data arrived (ms)').toBeLessThanOrEqual(LIMITS.paintMs)
    expect(paint.nodes, 'DOM nodes').toBeLessThanOrEqual(LIMITS.domNodes)

    const drag = await dragAcross(page, await pickPoolCard(page), 20)
    const ms = drag.moves.map((m) => m.frameAt - m.t0).sort((a, b) => a - b)
    expect(ms[Math.ceil(ms.length * 0.5) - 1], 'pointer move to next frame, p50 (ms)').toBeLessThanOrEqual(LIMITS.moveP50Ms)
    expect(ms[ms.length - 1], 'pointer move to next frame, max (ms)').toBeLessThanOrEqual(LIMITS.moveMaxMs)
    expect(Math.max(0, ...drag.longTasks.map((t) => t.duration)), 'longest task during the drag (ms)').toBeLessThanOrEqual(LIMITS.longTaskMs)
    expect(Math.max(...drag.moves.map((m) => m.renders)), 'card renders in one pointer move').toBeLessThanOrEqual(LIMITS.rendersPerMove)

    const drops: { repaint: number; confirmed: number; commit: number }[] = []
    for (let i = 0; i < 3; i++) {
      const { up, shown } = await dropOnLane(page, 1 + i)
      const drop = await page.evaluate(async ([up, shown]) => {
        const b = window.__bench
        for (let k = 0; k < 300; k++) {
          const c = b.commands.find((x) => x.name === 'repair-order-assign' && x.sentAt >= up && x.paintedAt !== undefined)
          if (c) return { repaint: shown - up, confirmed: (c.paintedAt ?? NaN) - up, serverTiming: c.serverTiming }
          await new Promise((r) => setTimeout(r, 10))
        }
        return { repaint: shown - up, confirmed: NaN, serverTiming: null }
      }, [up, shown] as const)
      drops.push({ repaint: drop.repaint, confirmed: drop.confirmed, commit: Number(/commit;dur=([\d.]+)/.exec(drop.serverTiming ?? '')?.[1] ?? NaN) })
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]
    expect(median(drops.map((d) => d.commit)), 'drop to committed row on the station, median of 3 (ms)').toBeLessThanOrEqual(LIMITS.commitMs)
    expect(median(drops.map((d) => d.repaint)), 'drop to repainted board, median of 3 (ms)').toBeLessThanOrEqual(LIMITS.repaintMs)
    expect(median(drops.map((d) => d.confirmed)), "drop to the first frame after the station's reply, median of 3 (ms)").toBeLessThanOrEqual(LIMITS.confirmedMs)
  }, true)
})

test('a wall display keeps its heap, DOM and event listeners through 300 changes from other screens', async ({ page, request, startStation }) => {
  // The CI subset of `npm run bench:soak`: a leak of a listener, a subscription or a board copy per
  // change shows here; a slow one only in the bench's 2,000 changes (docs/benchmarks.md).
  test.setTimeout(60_000)
  await onTempStation(startStation, seededBoard, async (st) => {
    await page.context().addInitScript(installProbe)
    await openBoard(page, st.url)
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const board = await boardGet(request, st)
    // pool orders that every technician may take (bench/seed-board.ts), assigned and put back
    const pool = board.orders.filter((o) => o.status === 'waiting' && o.technicianId === null && o.id % 2 === 0).map((o) => o.id)
    const changes = async (n: number) => {
      for (let i = 0; i < n / 2; i++) {
        await command(request, st, 'repair-order-assign', { id: pool[i % 20], technicianId: board.technicians[i % 9].id, position: 0 })
        await command(request, st, 'repair-order-unassign', { id: pool[i % 20] })
      }
      await page.waitForTimeout(500)
    }
    await changes(100) // warm-up: the first changes compile the code and fill the caches
    const before = await pageMemory(cdp)
    await changes(300)
    const after = await pageMemory(cdp)
    expect(after.listeners, 'event listeners after 300 changes').toBeLessThanOrEqual(before.listeners * 1.1)
    expect(after.nodes, 'DOM nodes after 300 changes').toBeLessThanOrEqual(before.nodes * 1.1)
    // bench:soak measured under 1 MiB over 2,000 changes, most of it in the first few hundred
    expect(after.heapMiB - before.heapMiB, 'JS heap growth over 300 changes (MiB)').toBeLessThanOrEqual(4)
  })
})

test('a wall display keeps its heap, DOM and event listeners through 300 minutes of its own clock', async ({ browser, startStation }) => {
  // The CI subset of bench:soak's day: every minute each screen ticks and recomputes the whole
  // board's risk; a listener, a timer or a board copy left behind per minute shows here.
  test.setTimeout(90_000)
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  try {
    await onTempStation(startStation, seededBoard, async (station) => {
      const day = await dayOfMinutes(context, station.url, 300)
      expect(day.after.listeners, 'event listeners after 300 minutes').toBeLessThanOrEqual(day.before.listeners * 1.1)
      expect(day.after.nodes, 'DOM nodes after 300 minutes').toBeLessThanOrEqual(day.before.nodes * 1.1)
      // bench:soak measured about 1 MiB over 600 minutes, most of it in the first 100
      expect(day.after.heapMiB - day.before.heapMiB, 'JS heap growth over 300 minutes (MiB)').toBeLessThanOrEqual(4)
    })
  } finally {
    await context.close()
  }
})

test('the Reports page draws its three charts over 90 days and 60 technicians within three times the target', async ({ page, startStation }) => {
  test.setTimeout(90_000)
  // 90 days of 60 technicians up to today in the shop's time zone: the page's "last 90 days" with
  // the bench's 90 daily bars, 120 technician bars and 60 names. 40 orders a day instead of the
  // bench's 150: the charts draw the same number of bars, and the history is made in a few seconds.
  const history = (dir: string): string => {
    const file = join(dir, 'history.db')
    generateHistory(file, { days: 90, ordersPerDay: 40, technicians: 60, today: localDateOf(DEFAULT_CALENDAR.timeZone, Date.now()) })
    return file
  }
  await onTempStation(startStation, history, async (station) => {
    await page.context().addInitScript(installReportsProbe)
    const times: number[] = []
    // One warm-up load, then three; the median of three, as for the drops above.
    for (let i = 0; i < 4; i++) {
      await page.goto(`${station.url}/?load=${i}#/reports/90`, { waitUntil: 'commit' })
      await page.waitForFunction(() => window.__reports?.paintedAt != null, null, { timeout: 30_000, polling: 50 })
      const r = await page.evaluate(() => window.__reports)
      if (i > 0) times.push((r.paintedAt ?? NaN) - (r.dataAt ?? NaN))
    }
    expect(times.sort((a, b) => a - b)[1], 'report data arrived -> three charts painted, median of 3 (ms)').toBeLessThanOrEqual(LIMITS.reportsMs)
  })
})
