/**
 * Drives the board in a Playwright page for the benchmarks and the CI perf smoke test: open it and
 * time its first paint, drag a pool card across the lanes timing every pointer move to its frame,
 * drop a card in front of a lane's next job. Needs `installProbe` (probe.ts) as an init script.
 */
import type { Page } from '@playwright/test'
import type { MoveRecord } from './probe'

export interface PaintResult {
  /** Board-get reply body fully received -> end of the first frame showing the lanes (ms). */
  paintMs: number
  /** Board-get reply body fully received -> end of the first frame in which a lane's card shows its risk (ms). */
  riskMs: number
  /** Every node in the document (elements, text, comments) after that paint. */
  nodes: number
  elements: number
}

/** Loads the board and waits for its first paint after the data arrived. */
export async function openBoard(page: Page, url: string): Promise<PaintResult> {
  await page.goto(url)
  // the risk colours follow the first paint (NaN after 10 s without them)
  await page.waitForFunction(() => window.__bench?.boardPaintedAt != null && window.__bench.riskPaintedAt != null, undefined, { timeout: 30_000, polling: 50 })
  return page.evaluate(() => {
    const b = window.__bench
    let nodes = 0
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL)
    while (walker.nextNode()) nodes++
    return {
      paintMs: (b.boardPaintedAt ?? NaN) - (b.boardArrivedAt ?? NaN),
      riskMs: (b.riskPaintedAt ?? NaN) - (b.boardArrivedAt ?? NaN),
      nodes: nodes + 1,
      elements: document.getElementsByTagName('*').length
    }
  })
}

/** The physical floor of a first paint: parsing the same board-get body, plus one empty frame. */
export async function paintFloor(page: Page): Promise<{ parseMs: number; frameMs: number }> {
  return page.evaluate(async () => {
    const res = await fetch('/api/commands/board-get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    const text = await res.text()
    const t0 = performance.now()
    JSON.parse(text)
    const parseMs = performance.now() - t0
    const t1 = performance.now()
    const end = await window.__bench.afterFrame()
    return { parseMs, frameMs: end - t1 }
  })
}

/** Round trip of a bare GET /api/health from the page, then one empty frame (the network + frame floor). */
export async function networkFloor(page: Page): Promise<{ rttMs: number; rttFrameMs: number }> {
  return page.evaluate(async () => {
    const t0 = performance.now()
    await (await fetch('/api/health', { cache: 'no-store' })).text()
    const t1 = performance.now()
    const end = await window.__bench.afterFrame()
    return { rttMs: t1 - t0, rttFrameMs: end - t0 }
  })
}

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

export async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not on screen`)
  return box
}

/**
 * The RO number of a visible pool card: one any lane may take (`all`; seed-board.ts: even ids need
 * maintenance only), or one that needs a second skill, which some lanes lack (`some`: odd ids).
 */
export async function pickPoolCard(page: Page, lanes: 'all' | 'some' = 'all'): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const ro = await page.evaluate(async (even) => {
      const scroller = document.querySelector('.pool-scroll')
      if (!scroller) return null
      const visible = (el: HTMLElement) => {
        const box = scroller.getBoundingClientRect()
        const r = el.getBoundingClientRect()
        return r.top >= box.top && r.bottom <= box.bottom
      }
      const wanted = (el: HTMLElement) => (Number((el.dataset.ro ?? '').replace(/\D/g, '')) % 2 === 0) === even
      const rows = [...document.querySelectorAll<HTMLElement>('.pool-row [data-ro]')].filter(wanted)
      const shown = rows.find(visible)
      if (shown) return shown.dataset.ro ?? null
      // One in the list's overscan: bring it into view and look again once the list has settled
      // (on a loaded machine the virtual list may take a few frames to render after a scroll).
      if (rows[0]) rows[0].scrollIntoView({ block: 'center' })
      else scroller.scrollTop += scroller.clientHeight / 2
      for (let i = 0; i < 4; i++) await window.__bench.afterFrame()
      return null
    }, lanes === 'all')
    if (ro) return ro
  }
  const seen = await page.evaluate(() => {
    const scroller = document.querySelector('.pool-scroll')
    const box = scroller?.getBoundingClientRect()
    return `pool ${scroller ? `${Math.round(box!.height)} px high, scrolled ${scroller.scrollTop} of ${scroller.scrollHeight}` : 'not on the page'}, ${document.querySelectorAll('.pool-row [data-ro]').length} cards in the DOM, page ${document.visibilityState}`
  })
  throw new Error(`no pool card that ${lanes === 'all' ? 'every lane' : 'only some lanes'} may take (${seen})`)
}

/** Moves the mouse and waits until the probe has timed that move to its frame. */
export async function timedMove(page: Page, x: number, y: number): Promise<MoveRecord> {
  await page.mouse.move(x, y)
  return page.evaluate(() => window.__bench.lastMove as Promise<MoveRecord>)
}

/** Presses on the card and moves past the 6 px activation distance; returns the move that started the drag. */
export async function pickUp(page: Page, ro: string): Promise<MoveRecord> {
  const box = await boxOf(page, `.pool-row [data-ro="${ro}"]`)
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.evaluate(() => {
    window.__bench.expectOverlay = true
    window.__bench.armed = true
  })
  const start = await timedMove(page, x + 12, y + 4)
  if (!start.shown) throw new Error(`dragging ${ro} did not start`)
  return start
}

/**
 * A path across the visible lanes: down and back up in a zigzag over lane headers, current
 * slots and next-job cards (so the drop target under the pointer keeps changing).
 */
export async function lanePath(page: Page, moves: number): Promise<{ x: number; y: number }[]> {
  const area = await boxOf(page, '.lanes-scroll')
  const left = area.x + 40
  const width = Math.min(area.width - 80, 1200)
  const top = area.y + 30
  const height = Math.min(area.height, 900) - 60
  return Array.from({ length: moves }, (_, i) => {
    const f = i / Math.max(1, moves - 1)
    const down = f < 0.5 ? f * 2 : 2 - f * 2
    return { x: left + ((i * 97) % width), y: top + down * height }
  })
}

export interface DragRun {
  start: MoveRecord
  moves: MoveRecord[]
  longTasks: { start: number; duration: number }[]
  /** Pool scrolled by dnd-kit's auto-scroll during the drag (px). */
  poolScrolled: number
  /** Lanes in the DOM shown as unable to take the order during the drag. */
  dimmedLanes: number
}

/** One drag from the pool across the lanes, cancelled with Escape so the board stays as it was. */
export async function dragAcross(page: Page, ro: string, moves: number): Promise<DragRun> {
  const t0 = await page.evaluate(() => {
    window.__bench.moves = []
    return { now: performance.now(), poolTop: document.querySelector('.pool-scroll')?.scrollTop ?? 0 }
  })
  const start = await pickUp(page, ro)
  const timed: MoveRecord[] = []
  for (const p of await lanePath(page, moves)) timed.push(await timedMove(page, p.x, p.y))
  const end = await page.evaluate((since) => {
    window.__bench.armed = false
    return {
      dimmedLanes: document.querySelectorAll('section.lane[data-qualified="false"]').length,
      longTasks: window.__bench.longTasks.filter((t) => t.start + t.duration >= since),
      poolTop: document.querySelector('.pool-scroll')?.scrollTop ?? 0
    }
  }, t0.now)
  await page.keyboard.press('Escape')
  await page.mouse.up()
  await page.waitForFunction(() => document.querySelector('.card-overlay') === null)
  return { start, moves: timed, longTasks: end.longTasks, poolScrolled: end.poolTop - t0.poolTop, dimmedLanes: end.dimmedLanes }
}

export interface DropTarget {
  /** The lane's technician (the lane region's accessible name). */
  technician: string
  /** The RO number of the lane's first next job: the drop goes in front of it. */
  frontRo: string
}

/** The first next job of the `index`-th lane on screen. */
export async function laneTarget(page: Page, index: number): Promise<DropTarget> {
  const t = await page.evaluate((i) => {
    const rows = [...document.querySelectorAll<HTMLElement>('.lane-row')]
      .map((row) => ({ row, top: row.getBoundingClientRect().top }))
      .filter((r) => r.top >= 0 && r.top < innerHeight - 150)
      .sort((a, b) => a.top - b.top)
    const row = rows[i % rows.length]?.row
    const lane = row?.querySelector<HTMLElement>('section.lane')
    const front = row?.querySelector<HTMLElement>('.queue-item:not(.parked) [data-ro]')
    return lane && front ? { technician: lane.getAttribute('aria-label') ?? '', frontRo: front.dataset.ro ?? '' } : null
  }, index)
  if (!t) throw new Error(`lane ${index} has no next job on screen`)
  return t
}

export const laneSelector = (technician: string): string => `section.lane[aria-label="${technician.replace(/"/g, '\\"')}"]`

/**
 * Picks `ro` up from the pool and brings it over the lane's first next job, waiting until that
 * slot shows it is the target (platform.md: wait for "over" before releasing).
 */
export async function hoverDrop(page: Page, ro: string, target: DropTarget): Promise<void> {
  await pickUp(page, ro)
  await page.evaluate(() => (window.__bench.armed = false))
  const box = await boxOf(page, `${laneSelector(target.technician)} [data-ro="${target.frontRo}"]`)
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 4 })
  await page.locator(`${laneSelector(target.technician)} .card-insert-before[data-ro="${target.frontRo}"]`).waitFor({ timeout: 5_000 })
}

/**
 * Drops a pool card any lane may take in front of the next job of the `index`-th lane on screen,
 * and resolves once the card shows there: `up` is the pointer-up and `shown` the end of the first
 * frame showing the card in that lane (page time, ms).
 */
export async function dropOnLane(page: Page, index: number): Promise<{ ro: string; up: number; shown: number }> {
  const ro = await pickPoolCard(page)
  const target = await laneTarget(page, index)
  await page.evaluate(
    ([sel, lane]) => {
      ;(window as unknown as { __shown: Promise<number> }).__shown = window.__bench.whenShown(sel, lane)
    },
    [`[data-ro="${ro}"]`, laneSelector(target.technician)] as const
  )
  await hoverDrop(page, ro, target)
  await page.mouse.up()
  const t = await page.evaluate(async () => ({ shown: await (window as unknown as { __shown: Promise<number> }).__shown, up: window.__bench.lastPointerUp ?? NaN }))
  return { ro, ...t }
}
