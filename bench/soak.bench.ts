/**
 * A busy day in a few minutes (issue 5, "fast on a busy day"): the dispatcher's screen and a wall
 * display stay open on the 60-technician board (bench/seed-board.ts) while the dispatcher makes
 * 300 real drops (each put back into the pool from another screen) and other screens make 1,400
 * more changes: 2,000 changes in all, about a busy day's (150 orders a day, each assigned,
 * clocked, stopped, passed and delivered). Nothing may pile up: JS heap (after a forced garbage
 * collection), DOM nodes and event listeners of both pages, the station's resident memory, and
 * the time of the last drops and changes against the first.
 *
 * Then the hours themselves: another wall display, whose clock (Playwright's, in the page only)
 * runs through a day's 600 minutes, each one with its minute tick and the whole-board risk
 * recomputation it brings. Not covered: growth slower than these 2,000 changes and 600 minutes can
 * show. Writes the section "Soak: a busy day's changes" of docs/benchmarks.md. Run with
 * `npm run bench:soak` (BENCH_NO_BUILD=1 reuses the build in out/soak-bench, BENCH_NO_DOCS=1 only
 * prints; SOAK_DROPS, SOAK_CHANGES and SOAK_MINUTES shorten it).
 */
import { readFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type CDPSession, type Page } from '@playwright/test'
import { seedBoard } from './seed-board'
import { installProbe } from './lib/probe'
import { dropOnLane, openBoard } from './lib/board-driver'
import { describeMachine, loadAverage } from './lib/machine'
import { stats, type Stats } from './lib/stats'
import { mainThreadMs, pageMemory, type PageMemory } from './lib/page-metrics'
import { dayOfMinutes } from './lib/day-clock'
import { buildApp, CHROMIUM, CHROMIUM_ARGS, pickPort, startStation } from './lib/station'
import { writeDocSection } from './bench-util'

const ROOT = resolve('.')
const APP = join(ROOT, 'out/soak-bench')
const DATA = join(ROOT, 'bench/.data')
const TITLE = "Soak: a busy day's changes"
const DROPS = Number(process.env.SOAK_DROPS ?? 300)
const CHANGES = Number(process.env.SOAK_CHANGES ?? 1400)
/** A working day's length in minutes (10 hours; the page's clock starts at the real time). */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 600)
/** Minutes at each end of the day whose main thread is set against each other. */
const MINUTE_EDGE = Math.min(100, Math.floor(MINUTES / 2))
/** Drops before the first measurement: the script compiled, the pool scrolled, caches filled. */
const WARMUP = 20
/** How many of the first and of the last drops (and blocks of changes) are set against each other. */
const EDGE = 50
const BLOCK = 200
const VIEWPORT = { width: 1920, height: 1080 }

const log = (m: string) => console.error(`[bench:soak] ${m}`)

/** Resident memory of a process, MiB (Linux /proc; NaN elsewhere). */
function rssMiB(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : NaN
  } catch {
    return NaN
  }
}

async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; cdp: CDPSession }> {
  await context.addInitScript(installProbe)
  const page = await context.newPage()
  await openBoard(page, url)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { page, cdp }
}

interface Row {
  name: string
  start: string
  end: string
  change: string
  limit: string
  pass: boolean
}

const f = (x: number, d = 1): string => (Number.isNaN(x) ? '–' : x.toFixed(d))

async function main(): Promise<void> {
  buildApp(ROOT, APP)
  const load0 = loadAverage()
  mkdirSync(DATA, { recursive: true })
  const seeded = seedBoard(join(DATA, 'soak.db'))
  const station = await startStation(APP, seeded.file, await pickPort(4870))
  const api = async (name: string, body: unknown): Promise<{ ok: boolean; result?: unknown; error?: unknown }> => {
    const res = await fetch(`${station.url}/api/commands/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: station.url },
      body: JSON.stringify(body)
    })
    return (await res.json()) as { ok: boolean; result?: unknown; error?: unknown }
  }
  const must = async (name: string, body: unknown): Promise<unknown> => {
    const r = await api(name, body)
    if (!r.ok) throw new Error(`${name} ${JSON.stringify(body)} refused: ${JSON.stringify(r.error)}`)
    return r.result
  }
  // Two browsers, as on the shop floor: the dispatcher's PC and a wall display.
  const browserA = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const browserB = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  const started = Date.now()
  try {
    const board = (await must('board-get', {})) as { orders: { id: number; roNumber: string; status: string; technicianId: number | null }[]; technicians: { id: number }[] }
    const idOf = new Map(board.orders.map((o) => [o.roNumber, o.id]))
    const dispatcher = await openPage(await browserA.newContext({ viewport: VIEWPORT }), station.url)
    const wall = await openPage(await browserB.newContext({ viewport: VIEWPORT }), station.url)

    // The dispatcher's drops; another screen puts each order back into the pool, so the board keeps its size.
    const dropMs: number[] = []
    let before: { dispatcher: PageMemory; wall: PageMemory; stationMiB: number } | null = null
    for (let i = 0; i < WARMUP + DROPS; i++) {
      if (i === WARMUP) before = { dispatcher: await pageMemory(dispatcher.cdp), wall: await pageMemory(wall.cdp), stationMiB: rssMiB(station.child.pid) }
      const d = await dropOnLane(dispatcher.page, i)
      if (i >= WARMUP) dropMs.push(d.shown - d.up)
      await must('repair-order-unassign', { id: idOf.get(d.ro) })
      // the pool re-sorts when the order comes back: let both pages settle before the next pick
      await dispatcher.page.waitForTimeout(100)
      if ((i + 1) % 50 === 0) log(`${i + 1} drops`)
    }
    const mid = { dispatcher: await pageMemory(dispatcher.cdp), wall: await pageMemory(wall.cdp) }
    // Changes from other screens (pool orders any technician may take, assigned and put back), at
    // about 30 a second; the wall display's main thread per change, in blocks.
    const pool = board.orders.filter((o) => o.status === 'waiting' && o.technicianId === null && o.id % 2 === 0).map((o) => o.id)
    const blocks: number[] = []
    let t0 = (await mainThreadMs(wall.cdp)).task
    for (let i = 0; i < CHANGES / 2; i++) {
      const id = pool[i % 40]
      await must('repair-order-assign', { id, technicianId: board.technicians[i % 9].id, position: 0 })
      await new Promise((r) => setTimeout(r, 15))
      await must('repair-order-unassign', { id })
      await new Promise((r) => setTimeout(r, 15))
      if (((i + 1) * 2) % BLOCK === 0) {
        await wall.page.waitForTimeout(100)
        const t1 = (await mainThreadMs(wall.cdp)).task
        blocks.push((t1 - t0) / BLOCK)
        t0 = (await mainThreadMs(wall.cdp)).task
        log(`${(i + 1) * 2} changes`)
      }
    }
    await wall.page.waitForTimeout(500)
    const after = { dispatcher: await pageMemory(dispatcher.cdp), wall: await pageMemory(wall.cdp), stationMiB: rssMiB(station.child.pid) }
    if (!before) throw new Error('no measurement before the drops')
    const day = await dayOfMinutes(await browserB.newContext({ viewport: VIEWPORT }), station.url, MINUTES, (m) => m % 100 === 0 && log(`${m} minutes`))
    const minutes = (Date.now() - started) / 60_000

    const rows: Row[] = []
    const grow = (name: string, a: number, b: number, limit: number, unit: string, d = 1) =>
      rows.push({ name, start: f(a, d), end: f(b, d), change: `${b - a >= 0 ? '+' : ''}${f(b - a, d)}${unit}`, limit: `<= +${limit}${unit}`, pass: b - a <= limit })
    for (const [who, s0, s1] of [
      ["dispatcher's page", before.dispatcher, after.dispatcher],
      ['wall display', before.wall, after.wall]
    ] as const) {
      grow(`JS heap in use after a forced GC, ${who} (MiB)`, s0.heapMiB, s1.heapMiB, 5, ' MiB', 2)
      // the virtual lists show other cards as the pool is scrolled and emptied: a little either way
      grow(`DOM nodes, ${who}`, s0.nodes, s1.nodes, Math.round(s0.nodes * 0.1), '', 0)
      grow(`Event listeners, ${who}`, s0.listeners, s1.listeners, Math.round(s0.listeners * 0.1), '', 0)
    }
    grow("Station's resident memory (MiB)", before.stationMiB, after.stationMiB, 64, ' MiB', 0)
    const first: Stats = stats(dropMs.slice(0, EDGE))
    const last: Stats = stats(dropMs.slice(-EDGE))
    rows.push({
      name: `Drop → repainted (optimistic) on the dispatcher's page, p95 of the first and of the last ${EDGE} drops (ms)`,
      start: f(first.p95),
      end: f(last.p95),
      change: `${f(last.p95 / first.p95, 2)}×`,
      limit: '<= 1.5× and <= 30 ms',
      pass: last.p95 <= 1.5 * first.p95 && last.p95 <= 30
    })
    rows.push({
      name: `Wall display's main thread per change, the first and the last ${BLOCK} changes from other screens (ms)`,
      start: f(blocks[0], 2),
      end: f(blocks[blocks.length - 1], 2),
      change: `${f(blocks[blocks.length - 1] / blocks[0], 2)}×`,
      limit: '<= 1.5×',
      pass: blocks[blocks.length - 1] <= 1.5 * blocks[0]
    })
    grow(`JS heap in use after a forced GC, wall display through ${MINUTES} minutes (MiB)`, day.before.heapMiB, day.after.heapMiB, 5, ' MiB', 2)
    grow(`DOM nodes, wall display through ${MINUTES} minutes`, day.before.nodes, day.after.nodes, Math.round(day.before.nodes * 0.1), '', 0)
    grow(`Event listeners, wall display through ${MINUTES} minutes`, day.before.listeners, day.after.listeners, Math.round(day.before.listeners * 0.1), '', 0)
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const early = mean(day.perMinute.slice(0, MINUTE_EDGE))
    const late = mean(day.perMinute.slice(-MINUTE_EDGE))
    rows.push({
      name: `That wall display's main thread per minute (its ticks, the risk recomputation, the render), mean of the first and of the last ${MINUTE_EDGE} minutes (ms)`,
      start: f(early, 2),
      end: f(late, 2),
      change: `${f(late / early, 2)}×`,
      limit: '<= 1.5×',
      pass: late <= 1.5 * early
    })
    const all = stats(dropMs)
    const md = `## ${TITLE}

Measured by \`npm run bench:soak\` (bench/soak.bench.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${f(minutes)} minutes.

- Machine: ${describeMachine(browserA.version())}.
- Load average (1 / 5 / 15 min) ${load0} at the start, ${loadAverage()} at the end.
- Board: ${seeded.technicians} technicians, ${seeded.orders} open orders (bench/seed-board.ts); the dispatcher's page and a wall display, each in its own headless Chromium, 1920×1080, production build in out/soak-bench.
- ${DROPS} drops by the dispatcher (pool → front of a lane's queue, real mouse drags; each order then put back into the pool from another screen) and ${CHANGES} more changes from other screens: ${2 * DROPS + CHANGES} changes that both pages show. "Start" is after ${WARMUP} warm-up drops, "end" after the last change.
- Then a day's hours: another wall display (a fresh page in the wall display's browser) runs its own clock through ${MINUTES} minutes, each with its minute tick and whole-board risk recomputation (Playwright's clock in that page only: no order changes meanwhile, while the page's risk follows its clock, running labour clocks included; ${f(day.attentionBefore, 0)} orders needed attention at the start of its day, ${f(day.attentionAfter, 0)} at the end).
- Limits are ours (the issue names none for a day's run): nothing that grows with the number of changes or of minutes. Not covered: growth too slow for ${2 * DROPS + CHANGES} changes and ${MINUTES} minutes to show.

| Measured | start | end | change | limit | verdict |
| --- | ---: | ---: | ---: | --- | --- |
${rows.map((r) => `| ${r.name} | ${r.start} | ${r.end} | ${r.change} | ${r.limit} | ${r.pass ? 'pass' : '**MISS**'} |`).join('\n')}

- All ${all.n} drops: p50 ${f(all.p50)}, p95 ${f(all.p95)}, max ${f(all.max)} ms (pointer-up → end of the frame showing the card in the lane).
- JS heap in use after a forced GC at the start, after the drops and at the end (MiB): dispatcher's page ${[before.dispatcher, mid.dispatcher, after.dispatcher].map((m) => f(m.heapMiB, 2)).join(', ')}; wall display ${[before.wall, mid.wall, after.wall].map((m) => f(m.heapMiB, 2)).join(', ')}. The dispatcher's page also holds the bench's own record of every command and pointer move (bench/lib/probe.ts).
- The wall display's main thread per change, each block of ${BLOCK}: ${blocks.map((b) => f(b, 2)).join(', ')} ms.
- The day's wall display, main thread per minute, mean of each block of 100 minutes: ${Array.from({ length: Math.ceil(MINUTES / 100) }, (_, k) => f(mean(day.perMinute.slice(k * 100, k * 100 + 100)), 2)).join(', ')} ms; JS heap ${f(day.before.heapMiB, 2)} -> ${f(day.after.heapMiB, 2)} MiB.
`
    console.log(md)
    if (process.env.BENCH_NO_DOCS !== '1') {
      writeDocSection(ROOT, TITLE, md.replace(`## ${TITLE}\n`, ''))
      log('wrote docs/benchmarks.md')
    }
    if (rows.some((r) => !r.pass)) process.exitCode = 1
  } finally {
    await browserA.close()
    await browserB.close()
    station.child.kill('SIGTERM')
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
