import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { isQualified } from '../../src/shared/domain/skill-match'
import { DEMO_LOGINS, loginAs } from './auth'
import { command } from './board-helpers'
import { expect, test, type Station } from './fixtures'

/**
 * The QC gate end to end (issue 4 point 8), in two browser contexts on one station.
 *
 * The station runs with --require-login, so both screens log in for real: the dispatcher's
 * board (context A, logged in through its cookie jar) and the inspector's tablet (context B,
 * logged in through the login screen). A loopback station would otherwise trust context B as
 * the dispatcher too, and the test would prove nothing about who signs. Setup steps a
 * technician would do on their own station (start, finish with a report) go through the API
 * as the dispatcher, who may do them as well.
 */

interface Board {
  technicians: Technician[]
  orders: RepairOrder[]
}

const REPORT = {
  workDone: 'Replaced the front brake pads and discs.',
  cause: 'Pads worn to 2 mm, discs scored.',
  fix: 'New pads and discs fitted, torque checked, brakes tested in the yard.'
}

/**
 * A demo order on a lane, with two more orders queued behind it on the same technician, so a
 * rework can be seen going to the top of that technician's queue ahead of a waiting job.
 */
async function prepareLane(request: APIRequestContext, station: Station) {
  const board = await command<Board>(request, station, 'board-get')
  const waiting = board.orders.filter((o) => o.status === 'waiting')
  // The first assigned order whose technician is qualified for two waiting orders of the demo day.
  for (const order of board.orders.filter((o) => o.status === 'assigned')) {
    const technician = board.technicians.find((t) => t.id === order.technicianId)
    if (!technician) continue
    const fits = waiting.filter((o) => isQualified(technician.skills, o.jobLines)).slice(0, 2)
    if (fits.length < 2) continue
    for (const o of fits) await command(request, station, 'repair-order-assign', { id: o.id, technicianId: technician.id })
    return { order, technician, queued: fits }
  }
  throw new Error('the demo day has no technician with a current order and two waiting orders they are qualified for')
}

async function finish(request: APIRequestContext, station: Station, id: number) {
  await command(request, station, 'repair-order-start', { id })
  await command(request, station, 'repair-order-finish', { id, report: REPORT })
}

async function englishContext(browser: Browser): Promise<BrowserContext> {
  // English on screen so the assertions read the catalogue's English texts.
  return browser.newContext({ locale: 'en-US' })
}

/** The inspector's tablet: 1024x768, touch, logged in through the login screen. */
async function inspectorTablet(browser: Browser, station: Station): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 }, hasTouch: true })
  const page = await context.newPage()
  await page.goto(`${station.url}/#/qc`)
  await page.getByLabel('Username').fill(DEMO_LOGINS.inspector.username)
  await page.getByLabel(/^PIN/).fill(DEMO_LOGINS.inspector.pin)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('user-chip')).toHaveText(/QC inspector/)
  return page
}

test('the login screen refuses a wrong PIN with a clear message, then logs the inspector in to the QC view', async ({ browser, startStation }) => {
  const station = await startStation({ demo: true, args: ['--require-login'] })
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 } })
  const page = await context.newPage()
  await page.goto(`${station.url}/#/qc`)
  await expect(page.getByRole('heading', { name: 'Log in to the board' })).toBeVisible()
  await expect(page.getByText('This station is shared on the shop network: log in with your username and PIN.')).toBeVisible()

  await page.getByLabel('Username').fill('inspector')
  await page.getByLabel(/^PIN/).fill('9999')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText(/Username or PIN is wrong\. Five wrong PINs in a row lock the user for 15 minutes\./)
  // The wrong PIN is cleared so the next try starts clean.
  await expect(page.getByLabel(/^PIN/)).toHaveValue('')

  // In Chinese, the same refusal in Chinese.
  await page.getByRole('button', { name: /Switch to Chinese/ }).click()
  await page.getByLabel('PIN 码').fill('9998')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByRole('alert')).toHaveText(/用户名或 PIN 码错误/)
  await page.getByRole('button', { name: /Switch to English|切换/ }).click()

  await page.getByLabel(/^PIN/).fill(DEMO_LOGINS.inspector.pin)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('button', { name: /QC queue/ })).toHaveAttribute('aria-current', 'page')
  await expect(page.getByTestId('user-chip')).toHaveText(/QC inspector/)
  // The inspector's screen offers nothing the role may not do.
  await expect(page.getByRole('button', { name: 'New repair order' })).toHaveCount(0)
  await context.close()
})

test('inspector fails an order, rework goes to the top of the same technician, then passes; the dispatcher board follows live and delivers', async ({
  browser,
  request,
  startStation
}) => {
  test.setTimeout(60_000)
  const station = await startStation({ demo: true, args: ['--require-login'] })
  await loginAs(request, station.url, 'dispatcher')
  const { order, technician, queued } = await prepareLane(request, station)

  // Context A: the dispatcher's board, logged in through its cookie jar.
  const dispatcherContext = await englishContext(browser)
  await loginAs(dispatcherContext.request, station.url, 'dispatcher')
  const board = await dispatcherContext.newPage()
  await board.goto(station.url)
  const lane = board.getByRole('region', { name: technician.name, exact: true })
  await expect(lane.locator(`[data-ro="${order.roNumber}"]`)).toBeVisible()
  // The demo's two cars finished late yesterday already wait for QC.
  await expect(board.getByTestId('qc-header')).toHaveText(/QC 2/)

  // Context B: the inspector's tablet.
  const tablet = await inspectorTablet(browser, station)
  await expect(tablet.locator('.qc-row')).toHaveCount(2)
  // Both were promised on the last working day: the queue marks them overdue.
  await expect(tablet.locator('.qc-row .badge-overdue')).toHaveCount(2)
  await expect(tablet.locator('.qc-row').first()).toContainText('Overdue')

  // The technician finishes: both screens see the car arrive in QC without a reload.
  await finish(request, station, order.id)
  await expect(board.getByTestId('qc-header')).toHaveText(/QC 3/)
  await expect(board.locator('.side-list')).toContainText(order.roNumber)
  const row = tablet.locator(`.qc-row[data-ro="${order.roNumber}"]`)
  await expect(row).toBeVisible()
  // Promised for the coming working hours: no mark.
  await expect(row.locator('.badge-overdue')).toHaveCount(0)
  await row.click()
  await expect(tablet.getByRole('heading', { name: new RegExp(order.roNumber) })).toBeVisible()
  await expect(tablet.getByText(REPORT.cause)).toBeVisible()

  // Fail without a reason or cause: the form says what is missing, nothing is sent.
  await tablet.getByRole('radio', { name: 'Fail — rework' }).check()
  await tablet.getByLabel('Inspector PIN').fill(DEMO_LOGINS.inspector.pin)
  await tablet.getByRole('button', { name: /Sign: QC failed/ }).click()
  await expect(tablet.getByRole('alert')).toContainText('A fail needs the reason.')
  await expect(tablet.getByRole('alert')).toContainText('A fail needs one of the six comeback causes.')

  await tablet.getByLabel('What is wrong (reason)').fill('Brake pedal still soft')
  await tablet.getByRole('radio', { name: 'Wrong diagnosis' }).check()
  await tablet.getByLabel('Inspector PIN').fill(DEMO_LOGINS.inspector.pin)
  await tablet.getByRole('button', { name: /Sign: QC failed/ }).click()
  await expect(tablet.getByText(`${order.roNumber} failed QC: back to ${technician.name}, first in the queue.`)).toBeVisible()
  await expect(row).toHaveCount(0)

  // The dispatcher's board: the rework is first in the same technician's queue, ahead of the job that waited there.
  const firstQueued = lane.locator('.queue-list .card').first()
  await expect(firstQueued).toHaveAttribute('data-ro', order.roNumber)
  await expect(lane.locator('.queue-list .card').nth(1)).toHaveAttribute('data-ro', queued[1].roNumber)
  await expect(board.getByTestId('qc-header')).toHaveText(/QC 2/)

  // Rework: the current job goes back to the pool, the rework moves up, is done and finished again.
  await command(request, station, 'repair-order-unassign', { id: queued[0].id })
  await finish(request, station, order.id)
  await expect(row).toBeVisible()
  await row.click()

  // A pass without the required checks is refused on the tablet, naming what is missing.
  await tablet.getByRole('radio', { name: 'Pass' }).check()
  await tablet.getByLabel('Inspector PIN').fill(DEMO_LOGINS.inspector.pin)
  await tablet.getByRole('button', { name: 'Sign: QC passed' }).click()
  await expect(tablet.getByRole('alert')).toContainText('Tick every required check before passing')
  await expect(tablet.getByRole('alert')).toContainText('Vehicle clean')

  // A wrong PIN at sign-off: refused in words, the order stays in QC.
  for (const box of await tablet.locator('.qc-check input').all()) await box.check()
  await tablet.getByLabel('Inspector PIN').fill('1111')
  await tablet.getByRole('button', { name: 'Sign: QC passed' }).click()
  await expect(tablet.getByRole('alert')).toContainText('Username or PIN is wrong')
  await expect(row).toBeVisible()

  await tablet.getByLabel('Inspector PIN').fill(DEMO_LOGINS.inspector.pin)
  await tablet.getByRole('button', { name: 'Sign: QC passed' }).click()
  await expect(tablet.getByText(`${order.roNumber} passed QC and is ready for delivery.`)).toBeVisible()
  await expect(row).toHaveCount(0)

  // The dispatcher's board shows it ready for delivery, still without a reload.
  const sideItem = board.locator('.side-list li', { hasText: order.roNumber })
  await expect(sideItem.locator('.status-ready')).toBeVisible()
  // With the demo's car that passed yesterday and waits for its customer.
  await expect(board.getByTestId('qc-backlog')).toContainText('2 ready for delivery')

  // Delivery: flat rate against actual, and this car did not pass first time.
  await board.getByTestId('qc-backlog').getByRole('button', { name: /ready for delivery/ }).click()
  const deliveryRow = board.locator(`.delivery-table tr[data-ro="${order.roNumber}"]`)
  await expect(deliveryRow).toBeVisible()
  // The demo's car from the last working day is past its promise; this one is not.
  await expect(board.locator('.delivery-table tbody tr .badge-overdue')).toHaveCount(1)
  await expect(deliveryRow.locator('.badge-overdue')).toHaveCount(0)
  await deliveryRow.getByRole('button', { name: 'Deliver' }).click()
  const last = board.getByRole('status', { name: 'Just delivered' })
  await expect(last).toContainText(order.roNumber)
  await expect(last).toContainText('Flat rate')
  await expect(last).toContainText('Passed QC after rework')
  await expect(deliveryRow).toHaveCount(0)

  // The timeline in the order dialog is the audit log: a delivered order has left the board, so check the API.
  const history = await command<{ kind: string; who: string }[]>(request, station, 'repair-order-history', { id: order.id })
  expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['finished', 'qc-failed', 'qc-passed', 'delivered']))

  await tablet.context().close()
  await dispatcherContext.close()
})

test('the order dialog shows the timeline; a wall display sees a read-only board', async ({ browser, request, startStation }) => {
  test.setTimeout(60_000)
  const station = await startStation({ demo: true, args: ['--require-login'] })
  await loginAs(request, station.url, 'dispatcher')
  const { order, technician } = await prepareLane(request, station)
  await finish(request, station, order.id)

  const dispatcherContext = await englishContext(browser)
  await loginAs(dispatcherContext.request, station.url, 'dispatcher')
  const page = await dispatcherContext.newPage()
  await page.goto(station.url)
  await page.locator('.side-list li', { hasText: order.roNumber }).getByRole('button').click()
  const history = page.getByRole('region', { name: 'History' }).or(page.locator('section.history'))
  await expect(history.locator('[data-kind="finished"]')).toContainText('Finished, to QC')
  await expect(history.locator('[data-kind="clocked-on"]')).toBeVisible()
  // The demo day creates this order already on the lane: the technician shows on its first entry.
  await expect(history.locator('li').first()).toContainText(technician.name)
  // Who: the logged-in dispatcher finished it (through the API, as the technician's stand-in).
  await expect(history.locator('[data-kind="finished"]')).toContainText('(dispatcher)')
  await dispatcherContext.close()

  // a wall display lower than the demo's ten lanes
  const wallContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 720 } })
  await loginAs(wallContext.request, station.url, 'wall')
  const wall = await wallContext.newPage()
  await wall.clock.install()
  await wall.goto(station.url)
  await expect(wall.getByTestId('user-chip')).toHaveText(/Wall display/)
  await expect(wall.locator('.card').first()).toBeVisible()
  // Nothing that changes data: no new order, no undo, no draggable card, no editor.
  await expect(wall.getByRole('button', { name: 'New repair order' })).toHaveCount(0)
  await expect(wall.getByRole('button', { name: /Undo/ })).toHaveCount(0)
  await expect(wall.locator('.card-movable')).toHaveCount(0)
  // A free technician's slot says so, without inviting a drop the wall display cannot make.
  await expect(wall.locator('.slot-free').first()).toHaveText('Free')
  await wall.locator('.tech-name').first().click()
  await expect(wall.locator('dialog[open]')).toHaveCount(0)
  // Nobody scrolls a wall display: its lanes turn a page by themselves, and come round again.
  const lanes = wall.locator('.lanes-scroll')
  expect(await lanes.evaluate((e) => e.scrollHeight > e.clientHeight + 10)).toBe(true)
  expect(await lanes.evaluate((e) => e.scrollTop)).toBe(0)
  // and a line on the wall says which lanes are on show, and which page of how many
  const pageLine = wall.locator('.wall-page')
  await expect(pageLine).toHaveText(/^Technicians 1–\d+ of 10 · page 1 of 2$/)
  await wall.clock.runFor(15_000)
  await expect.poll(() => lanes.evaluate((e) => e.scrollTop)).toBeGreaterThan(0)
  await expect.poll(() => lanes.evaluate((e) => Math.abs(e.scrollTop + e.clientHeight - e.scrollHeight) < 2)).toBe(true)
  await expect(pageLine).toHaveText(/^Technicians \d+–10 of 10 · page 2 of 2$/)
  await wall.clock.runFor(15_000)
  await expect.poll(() => lanes.evaluate((e) => e.scrollTop)).toBe(0)
  await expect(pageLine).toHaveText(/ page 1 of 2$/)
  await wallContext.close()
})

// A technician's phone: their own jobs in one column instead of the board, whose pool and
// colleagues' lanes they would see empty (their station receives only their own orders).
test('a technician sees their own jobs on a phone and clocks on from there', async ({ browser, startStation }) => {
  const station = await startStation({ demo: true, args: ['--require-login'] })
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
  await loginAs(context.request, station.url, 'technician')
  const page = await context.newPage()
  await page.addInitScript(() => {
    window.print = () => {
      ;(window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1
    }
  })
  await page.goto(station.url)
  // The demo technician is T001, 王建国: a diagnosis running and one next job.
  await expect(page.getByRole('heading', { name: 'My jobs · 王建国' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Dispatch pool' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: '李明' })).toHaveCount(0)
  const current = page.getByRole('region', { name: 'Current' })
  const next = page.getByRole('region', { name: /^Next jobs/ })
  await expect(current.locator('.my-job')).toHaveCount(1)
  await expect(next.locator('.my-job')).toHaveCount(1)
  const nextRo = await next.locator('.my-job').getAttribute('data-ro')
  // Nothing fits outside the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  // their two tickets at once (the print dialog stood in for)
  await page.getByRole('button', { name: 'Print my job tickets' }).tap()
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0)).toBe(1)
  await expect(page.locator('.ticket-print-root .job-ticket')).toHaveCount(2)
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
  await expect(page.locator('.ticket-print-root')).toHaveCount(0)

  // The running job: pause it for parts from the phone.
  await current.locator('.my-job').tap()
  const dialog = page.getByRole('dialog')
  // their clock segments to read, without the dispatcher's correction
  await expect(dialog.getByRole('table', { name: 'Clock segments' })).toBeVisible()
  await expect(dialog.getByRole('table', { name: 'Clock segments' }).getByRole('button', { name: 'Edit' })).toHaveCount(0)
  await dialog.getByRole('button', { name: /Pause/ }).first().click()
  const pause = dialog.getByRole('form', { name: 'Pause: why does the work stop?' })
  await pause.getByRole('radio', { name: 'Parts' }).check()
  await pause.getByRole('textbox', { name: 'Parts' }).fill('氧传感器')
  await pause.getByRole('button', { name: /Pause/ }).last().click()
  await expect(page.getByText(/paused: /)).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).last().click()
  await expect(current.locator('.my-job')).toContainText('Parts')
  expect(await next.locator('.my-job').getAttribute('data-ro')).toBe(nextRo)
  // The QC view's address is the inspector's: a technician who opens it stays on their jobs.
  await page.goto(`${station.url}/#/qc`)
  await expect(page.getByRole('heading', { name: 'My jobs · 王建国' })).toBeVisible()
  await context.close()
})

test("on the dispatcher's own PC, 'Log in as…' says it switches this PC's user, and 'Back to the board' keeps the dispatcher", async ({ browser, startStation }) => {
  const station = await startStation({ demo: true })
  const context = await englishContext(browser)
  const page = await context.newPage()
  await page.goto(station.url)
  await expect(page.getByTestId('user-chip')).toHaveText(/Dispatcher/)
  await page.getByRole('button', { name: 'Log in as…' }).click()
  await expect(page.getByRole('heading', { name: 'Log in to the board' })).toBeVisible()
  // Not the shared station's words: this PC is not on the shop network.
  await expect(page.getByText(/Use this PC as another user: enter their username and PIN\./)).toBeVisible()
  await expect(page.getByText(/shared on the shop network/)).toHaveCount(0)
  await page.getByRole('button', { name: 'Switch to Chinese' }).click()
  await expect(page.getByText(/以另一位用户身份使用本机/)).toBeVisible()
  await page.getByRole('button', { name: '返回看板' }).click()
  await expect(page.getByTestId('user-chip')).toHaveText(/调度员/)
  await context.close()
})

test('first run: with no users, this PC creates the first administrator, who then sees the users and checklist screens', async ({ browser, startStation }) => {
  const station = await startStation({ args: ['--require-login'] })
  const context = await englishContext(browser)
  const page = await context.newPage()
  await page.goto(station.url)
  await expect(page.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible()
  await page.getByLabel('Name', { exact: true }).fill('Service manager')
  await page.getByLabel('Username', { exact: true }).fill('manager')
  await page.getByLabel(/^PIN \(/).fill('4321')
  await page.getByLabel('PIN again').fill('4322')
  await page.getByRole('button', { name: 'Create the administrator and log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('The two PINs differ.')
  await page.getByLabel('PIN again').fill('4321')
  await page.getByRole('button', { name: 'Create the administrator and log in' }).click()
  await expect(page.getByTestId('user-chip')).toHaveText(/Service manager · Administrator/)
  await page.getByRole('button', { name: 'Users' }).click()
  await expect(page.locator('.users-table')).toContainText('manager')
  await page.getByRole('button', { name: 'Close' }).last().click()
  await page.getByRole('button', { name: 'QC checklist' }).click()
  await expect(page.locator('.checklist-item')).toHaveCount(5)
  await context.close()
})
