import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test'
import { skillGaps } from '../../src/shared/domain/skill-match'
import type { RepairOrder, Skill, Technician } from '../../src/shared/domain/types'
import { expect, type Station } from './fixtures'

/**
 * Helpers for driving the dispatch board in the browser (board.spec.ts). dnd-kit drags follow
 * platform.md: the pointer moves in several steps and the drop waits until the target says it
 * is "over" (data-over="true"); a keyboard drag waits for aria-pressed="true" after Space.
 */

export type Lang = 'en' | 'zh'

export interface BoardSnapshot {
  version: number
  skills: Skill[]
  technicians: Technician[]
  orders: RepairOrder[]
}

/** Generous but bounded: other engineers run Chromium on the same two cores. */
export const UI_TIMEOUT = 10_000

/** Runs one command over HTTP (as the loopback dispatcher unless the request is logged in): its result, or an error with the station's reason. */
export async function command<T>(request: APIRequestContext, station: Station, name: string, args: unknown = {}): Promise<T> {
  const res = await request.post(`${station.url}/api/commands/${name}`, { data: args, failOnStatusCode: false })
  const body = (await res.json()) as { ok: true; result: T } | { ok: false; error: { code: string; message: { en: string } } }
  if (!body.ok) throw new Error(`${name}: ${body.error.code} ${body.error.message.en}`)
  return body.result
}

/** POST /api/commands/board-get: what the server has (not what the page shows). */
export async function boardGet(request: APIRequestContext, station: Station): Promise<BoardSnapshot> {
  const res = await request.post(`${station.url}/api/commands/board-get`, { data: {}, failOnStatusCode: false })
  expect(res.status(), 'board-get answers 200').toBe(200)
  const body = (await res.json()) as { ok: true; result: BoardSnapshot } | { ok: false; error: { message: { en: string } } }
  if (!body.ok) throw new Error(`board-get failed: ${body.error.message.en}`)
  return body.result
}

export function orderByRo(board: BoardSnapshot, roNumber: string): RepairOrder {
  const o = board.orders.find((x) => x.roNumber === roNumber)
  if (!o) throw new Error(`no order ${roNumber} on the server`)
  return o
}

export function techByName(board: BoardSnapshot, name: string): Technician {
  const t = board.technicians.find((x) => x.name === name)
  if (!t) throw new Error(`no technician ${name} on the server`)
  return t
}

/** Whether a technician's current slot holds an order (assigned / in progress / stopped, not parked). */
export function isBusy(board: BoardSnapshot, technicianId: number): boolean {
  return board.orders.some(
    (o) => o.technicianId === technicianId && !o.parked && (o.status === 'assigned' || o.status === 'in_progress' || o.status === 'stopped')
  )
}

/** The technician's next-job queue on the server, front to back. */
export function queueOf(board: BoardSnapshot, technicianId: number): string[] {
  return board.orders
    .filter((o) => o.technicianId === technicianId && o.status === 'queued')
    .sort((a, b) => (a.queuePosition ?? 0) - (b.queuePosition ?? 0))
    .map((o) => o.roNumber)
}

/** A waiting order the technician is (or is not) qualified for, chosen from the server's data. */
export function waitingOrderFor(board: BoardSnapshot, tech: Technician, qualified: boolean, exclude: string[] = []): RepairOrder {
  const o = board.orders.find(
    (x) => x.status === 'waiting' && !exclude.includes(x.roNumber) && (skillGaps(tech.skills, x.jobLines).length === 0) === qualified
  )
  if (!o) throw new Error(`the demo has no waiting order ${qualified ? 'for' : 'that is refused by'} ${tech.name}`)
  return o
}

/** Sets the UI language before the page's scripts run (the app reads localStorage 'wdb.lang'). */
export async function forceLanguage(context: BrowserContext, lang: Lang): Promise<void> {
  await context.addInitScript((l) => window.localStorage.setItem('wdb.lang', l), lang)
}

/** Opens the board and waits until it has loaded (the pool region is there). */
export async function openBoard(page: Page, station: Station, lang: Lang = 'en'): Promise<void> {
  await forceLanguage(page.context(), lang)
  await page.goto(station.url)
  await expect(pool(page, lang)).toBeVisible({ timeout: UI_TIMEOUT })
  await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en')
}

export const pool = (page: Page, lang: Lang = 'en'): Locator => page.getByRole('region', { name: lang === 'zh' ? '待派工' : 'Dispatch pool', exact: true })

export const lane = (page: Page, technician: string): Locator => page.getByRole('region', { name: technician, exact: true })

/** A card anywhere inside `scope`, by RO number. */
export const card = (scope: Locator, roNumber: string): Locator => scope.locator(`[data-ro="${roNumber}"]`)

/** Brings a pool card into view (the pool is virtualised) by searching for its RO number. */
export async function findInPool(page: Page, roNumber: string, lang: Lang = 'en'): Promise<Locator> {
  const p = pool(page, lang)
  await p.getByRole('searchbox').fill(roNumber)
  const c = card(p, roNumber)
  await expect(c).toBeVisible({ timeout: UI_TIMEOUT })
  await expect(c).toHaveAccessibleName(new RegExp(`^${roNumber} `))
  // Leave the search box so board shortcuts (Ctrl+Z) are not taken by the text field.
  await p.getByRole('searchbox').blur()
  return c
}

/** A point inside `target` that is empty space (no card under it): the right end of a lane, the middle of the pool's list. */
async function dropPoint(target: Locator, where: 'end' | 'centre'): Promise<{ x: number; y: number }> {
  const box = await target.boundingBox()
  if (!box) throw new Error('drop target is not on screen')
  return where === 'end' ? { x: box.x + box.width - 30, y: box.y + box.height / 2 } : { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/**
 * A real mouse drag: press on the card, move past the sensor's 6 px activation distance, travel
 * to the target in several steps, wait until the target reports data-over="true", release.
 */
export async function mouseDrag(
  page: Page,
  source: Locator,
  target: Locator,
  opts: { where?: 'end' | 'centre'; qualified?: boolean } = {}
): Promise<void> {
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  if (!from) throw new Error('dragged card is not on screen')
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 12, start.y + 4, { steps: 3 })
  // The drag has started: the card is marked and every lane got its verdict.
  await expect(source).toHaveClass(/card-dragging/, { timeout: UI_TIMEOUT })
  const to = await dropPoint(target, opts.where ?? 'end')
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await expect(target).toHaveAttribute('data-over', 'true', { timeout: UI_TIMEOUT })
  // While dragging, a lane shows whether its technician can take the order (lights up or not).
  if (opts.qualified !== undefined) await expect(target).toHaveAttribute('data-qualified', String(opts.qualified))
  await page.mouse.up()
  await expect(page.locator('body')).not.toHaveClass(/is-dragging/, { timeout: UI_TIMEOUT })
}

/**
 * Picks a card up with the mouse and holds it over another card, without letting go: a drop
 * there puts the order in front of that card. The caller releases (mouse.up) or cancels (Escape).
 */
export async function holdOverCard(page: Page, source: Locator, over: Locator): Promise<void> {
  const from = await source.boundingBox()
  const to = await over.boundingBox()
  if (!from || !to) throw new Error('cards not on screen')
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 3 })
  await expect(source).toHaveClass(/card-dragging/, { timeout: UI_TIMEOUT })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 })
}

/**
 * A finger drag, as on the QC inspector's or a foreman's tablet: touch the card, hold past the
 * touch sensor's 220 ms delay, slide to the target and lift (touch events through CDP, which
 * Chromium handles like a real touchscreen's). The lifted card follows the finger.
 */
export async function touchDrag(page: Page, source: Locator, target: Locator): Promise<void> {
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  if (!from) throw new Error('dragged card is not on screen')
  const cdp = await page.context().newCDPSession(page)
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] })
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 }
  await touch('touchStart', start.x, start.y)
  await page.waitForTimeout(400)
  await touch('touchMove', start.x + 2, start.y + 2)
  await expect(source).toHaveClass(/card-dragging/, { timeout: UI_TIMEOUT })
  await expect(page.locator('.card.card-overlay')).toBeVisible()
  const to = await dropPoint(target, 'end')
  for (let i = 1; i <= 8; i++) await touch('touchMove', start.x + ((to.x - start.x) * i) / 8, start.y + ((to.y - start.y) * i) / 8)
  await expect(target).toHaveAttribute('data-over', 'true', { timeout: UI_TIMEOUT })
  await touch('touchEnd', to.x, to.y)
  await expect(page.locator('body')).not.toHaveClass(/is-dragging/, { timeout: UI_TIMEOUT })
  await expect(page.locator('.card.card-overlay')).toHaveCount(0)
  await cdp.detach()
}

/** Polls the server until `check` passes (a drop's command is sent after the optimistic update). */
export async function expectServer(request: APIRequestContext, station: Station, check: (b: BoardSnapshot) => void, timeout = UI_TIMEOUT): Promise<BoardSnapshot> {
  let last: BoardSnapshot | undefined
  await expect(async () => {
    last = await boardGet(request, station)
    check(last)
  }).toPass({ timeout, intervals: [100, 250, 500] })
  return last!
}
