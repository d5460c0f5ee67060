import type { APIRequestContext, Page } from '@playwright/test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { seedBoard } from '../../bench/seed-board'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { command, holdOverCard } from './board-helpers'
import { expect, test, type Station } from './fixtures'

/**
 * Issue 3 in the browser: the labour clock driven from the order dialog, and an order at risk
 * that prompts the dispatcher to tell the customer, whose record survives a restart. A loopback
 * station trusts the browser as the dispatcher, so no login is needed here.
 */

// Each test walks a whole workflow (and one restarts the station): more steps than the default 30 s allows on a busy 2-core machine.
test.describe.configure({ timeout: 60_000 })

const orderOf = async (request: APIRequestContext, station: Station, roNumber: string): Promise<RepairOrder | undefined> =>
  (await command<{ orders: RepairOrder[] }>(request, station, 'board-get', {})).orders.find((o) => o.roNumber === roNumber)

/** "yyyy-MM-ddTHH:mm" in the workshop's zone (the demo's Asia/Shanghai), for datetime-local inputs. */
function workshopLocal(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value])
  )
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}

async function openBoard(page: Page, station: Station): Promise<void> {
  // English on screen, so the test reads the same words whatever the machine's language.
  await page.addInitScript(() => localStorage.setItem('wdb.lang', 'en'))
  await page.goto(station.url)
  await expect(page.getByRole('region', { name: 'Dispatch pool' })).toBeVisible()
}

/** The attention list is virtualised: scrolls it a screenful at a time until the order's row is drawn. */
async function scrollAttentionTo(page: Page, roNumber: string): Promise<void> {
  const scroller = page.locator('.attention-scroll')
  await expect(scroller).toBeVisible()
  await scroller.evaluate((el) => (el.scrollTop = 0))
  await expect
    .poll(() =>
      scroller.evaluate((el, ro) => {
        if (el.querySelector(`li[data-ro="${ro}"]`)) return true
        el.scrollTop += el.clientHeight
        return false
      }, roNumber)
    )
    .toBe(true)
}

/** Finds an order in the pool by its RO number (the pool is virtualised and sorted by slack). */
async function openFromPool(page: Page, roNumber: string): Promise<void> {
  await page.getByLabel('Search the pool by RO number or plate').fill(roNumber)
  await page.locator(`.card[data-ro="${roNumber}"]`).click()
  await expect(page.getByRole('dialog', { name: `Repair order ${roNumber}` })).toBeVisible()
}

test('start, pause with a sublet reason, resume and finish an order from its dialog', async ({ page, request, station }) => {
  const board = await command<{ orders: RepairOrder[] }>(request, station, 'board-get', {})
  const order = board.orders.find((o) => o.status === 'assigned')
  if (!order) throw new Error('the demo has no assigned order')
  const ro = order.roNumber
  await openBoard(page, station)
  await page.locator(`.card[data-ro="${ro}"]`).click()
  const dialog = page.getByRole('dialog', { name: `Repair order ${ro}` })
  await expect(dialog).toBeVisible()

  await dialog.getByRole('button', { name: 'Start' }).click()
  await expect.poll(async () => (await orderOf(request, station, ro))?.status).toBe('in_progress')
  await expect(dialog.locator('.detail-status .status-pill')).toHaveText('in progress')

  await dialog.getByRole('button', { name: 'Pause' }).click()
  const pause = dialog.getByRole('form', { name: 'Pause: why does the work stop?' })
  // No reason chosen: the form refuses, the order keeps running.
  await pause.getByRole('button', { name: 'Pause' }).click()
  await expect(pause.getByRole('alert')).toBeVisible()
  await pause.getByRole('radio', { name: 'Sublet' }).check()
  await pause.getByLabel('Vendor').fill('鹏程汽车玻璃')
  await pause.getByLabel('Work sent out').fill('前挡风玻璃更换')
  await pause.getByLabel('Expected return').fill(workshopLocal(Date.now() + 26 * 3_600_000))
  await pause.getByRole('button', { name: 'Pause' }).click()
  await expect(pause).toBeHidden()
  await expect
    .poll(async () => {
      const o = await orderOf(request, station, ro)
      return [o?.status, o?.openStoppage?.kind, o?.openStoppage?.details.kind === 'sublet' ? o.openStoppage.details.vendor : null]
    })
    .toEqual(['stopped', 'sublet', '鹏程汽车玻璃'])
  await expect(dialog.locator('[data-field="stoppage"]')).toContainText('鹏程汽车玻璃')
  // The board's card shows the reason and the running stoppage timer.
  await expect(page.locator(`.card[data-ro="${ro}"] [data-stoppage="sublet"]`)).toContainText(/Sublet \d+ min/)

  await dialog.getByRole('button', { name: 'Resume' }).click()
  await expect.poll(async () => (await orderOf(request, station, ro))?.status).toBe('in_progress')

  await dialog.getByRole('button', { name: 'Finish' }).click()
  const finish = dialog.getByRole('form', { name: "Finish: the technician's report" })
  await finish.getByLabel('Work done').fill('更换前挡风玻璃并标定摄像头')
  await finish.getByLabel('Why it failed').fill('石子击伤')
  await finish.getByLabel('How it was fixed').fill('外发更换，回厂标定')
  await finish.getByRole('button', { name: 'Finish' }).click()
  await expect
    .poll(async () => {
      const o = await orderOf(request, station, ro)
      return [o?.status, o?.technicianReport?.cause, o?.openStoppage]
    })
    .toEqual(['awaiting_qc', '石子击伤', null])
  await expect(dialog.locator('.detail-status .status-pill')).toHaveText('awaiting QC')
})

test('an order at risk shows its warning, and telling the customer survives a restart', async ({ page, request, startStation }) => {
  const station = await startStation({ demo: true })
  // Three flat-rate hours promised in 30 minutes cannot make it, whatever the time of day.
  const promisedAt = new Date(Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000).toISOString()
  const ro = 'E2E-RISK-1'
  await command(request, station, 'repair-order-create', {
    roNumber: ro,
    plate: '粤B E2E01',
    model: '大众帕萨特',
    customerName: '测试先生',
    customerPhone: '13800000000',
    serviceAdvisor: '孙丽',
    promisedAt,
    jobLines: [{ description: '变速箱检修', skill: 'mechanical', minLevel: 1, hours: 3 }]
  })
  await openBoard(page, station)

  // The warning: the card is coloured at risk with its reason, and the attention list prompts.
  await page.getByLabel('Search the pool by RO number or plate').fill(ro)
  const card = page.locator(`.card[data-ro="${ro}"] .card-body`)
  await expect(card).toHaveAttribute('data-risk', 'at_risk')
  await expect(card).toHaveAttribute('title', /^At risk: /)
  const attention = page.getByRole('region', { name: 'Needs attention' })
  const row = attention.locator(`li[data-ro="${ro}"]`)
  await scrollAttentionTo(page, ro)
  await expect(row).toHaveAttribute('data-risk', 'at_risk')

  await row.getByRole('button', { name: 'Tell customer' }).click()
  const dialog = page.getByRole('dialog', { name: `Repair order ${ro}` })
  await expect(dialog.locator('.risk-banner')).toHaveAttribute('data-risk', 'at_risk')
  const form = dialog.getByRole('form', { name: 'Tell the customer about a revised promise' })
  const revised = workshopLocal(Date.now() + 2 * 86_400_000).slice(0, 11) + '16:00'
  await form.getByLabel('Revised promise').fill(revised)
  await form.getByRole('radio', { name: 'WeChat' }).check()
  await form.getByLabel('Told by').fill('孙丽')
  await form.getByRole('button', { name: 'Record that the customer was told' }).click()
  await expect(form).toBeHidden()

  const told = await orderOf(request, station, ro)
  expect(told?.promise.notificationCount).toBe(1)
  expect(told?.promise.originalPromisedAt).toBe(promisedAt)
  expect(told?.promise.lastNotification?.channel).toBe('wechat')
  expect(told?.promise.lastNotification?.toldBy).toBe('孙丽')
  const history = dialog.getByRole('table', { name: 'Customer told' })
  await expect(history).toContainText('WeChat')
  await expect(history).toContainText(revised.replace('T', ' '))

  await station.restart()
  const after = await orderOf(request, station, ro)
  expect(after?.promise).toEqual(told?.promise)
  expect(after?.promisedAt).toBe(told?.promisedAt)
  await page.goto(station.url)
  await openFromPool(page, ro)
  const reopened = page.getByRole('dialog', { name: `Repair order ${ro}` }).getByRole('table', { name: 'Customer told' })
  await expect(reopened).toContainText('WeChat')
  await expect(reopened).toContainText('孙丽')
  await expect(reopened).toContainText(revised.replace('T', ' '))
})

test('the calendar settings save the settlement time, and an absent technician shows as absent on the board', async ({ page, request, station }) => {
  await openBoard(page, station)
  const board = await command<{ technicians: { id: number; name: string; employeeNo: string }[] }>(request, station, 'board-get', {})
  const tech = board.technicians.find((t) => t.employeeNo === 'T008')
  if (!tech) throw new Error('the demo has no T008')
  await page.getByRole('button', { name: 'Calendar' }).click()
  const dialog = page.getByRole('dialog', { name: 'Workshop calendar and attendance' })
  await dialog.getByLabel('Settlement time (h)').fill('0.3')
  await dialog.getByRole('form', { name: 'Workshop calendar' }).getByRole('button', { name: 'Save' }).click()
  await expect.poll(async () => (await command<{ calendar: { settlementHours: number } }>(request, station, 'calendar-get', {})).calendar.settlementHours).toBe(0.3)

  const row = dialog.locator(`tr[data-technician="${tech.name}"]`)
  await row.getByRole('combobox').selectOption('absent')
  await row.getByRole('button', { name: 'Apply' }).click()
  await expect
    .poll(async () => (await command<{ attendance: { technicianId: number; kind: string }[] }>(request, station, 'calendar-get', {})).attendance.find((a) => a.technicianId === tech.id)?.kind)
    .toBe('absent')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('region', { name: tech.name }).locator('[data-attendance="absent"]')).toHaveText('Absent')
})

test('while dragging, the lane shows before release which order behind the drop would become late', async ({ page, request, station }) => {
  // A workshop open round the clock, so the outcome does not depend on when the test runs.
  const allDay = { start: '00:00', end: '23:59' }
  await command(request, station, 'calendar-update', { weekHours: Array(7).fill(allDay), lunch: null, daysOff: [], settlementHours: 0.2 })
  const board = await command<{ technicians: Technician[] }>(request, station, 'board-get', {})
  const found = board.technicians.find((t) => t.employeeNo === 'T008')
  if (!found) throw new Error('the demo has no T008')
  // ...and so does this technician's own shift (it overrides the workshop's hours), with no lunch break.
  const { id: _id, version, ...fields } = found
  const tech = await command<Technician>(request, station, 'technician-update', { id: found.id, version, ...fields, shiftStart: '00:00', shiftEnd: '23:59', lunchStart: null, lunchEnd: null })
  const hours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString()
  const create = (roNumber: string, promisedAt: string, h: number) =>
    command<RepairOrder>(request, station, 'repair-order-create', {
      roNumber,
      plate: `粤B ${roNumber.slice(-3)}`,
      model: '丰田凯美瑞',
      customerName: '测试',
      customerPhone: '13800000000',
      serviceAdvisor: '马琳',
      promisedAt,
      jobLines: [{ description: '保养', skill: 'maintenance', minLevel: 1, hours: h }]
    })
  const current = await create('E2E-CUR', hours(72), 0.5)
  const next = await create('E2E-NXT', hours(2), 1)
  await create('E2E-BIG', hours(72), 4)
  await command(request, station, 'repair-order-assign', { id: current.id, technicianId: tech.id })
  await command(request, station, 'repair-order-assign', { id: next.id, technicianId: tech.id })

  await openBoard(page, station)
  const lane = page.getByRole('region', { name: tech.name })
  const nextCard = lane.locator('.card[data-ro="E2E-NXT"]')
  await expect(nextCard.locator('.card-body')).not.toHaveAttribute('data-risk', /at_risk|late/)
  await page.getByLabel('Search the pool by RO number or plate').fill('E2E-BIG')
  await holdOverCard(page, page.locator('.card[data-ro="E2E-BIG"]'), nextCard)
  await expect(lane).toHaveAttribute('data-over', 'true')
  // In front of E2E-NXT: 4 h more ahead of it, so its promise in 2 h breaks. Shown before release.
  const preview = lane.locator('[data-preview]')
  await expect(preview).toHaveAttribute('data-preview', 'late')
  await expect(preview).toContainText('E2E-NXT')
  await page.keyboard.press('Escape')
  await page.mouse.up()
  await expect(preview).toHaveCount(0)
  expect((await orderOf(request, station, 'E2E-BIG'))?.status).toBe('waiting')
})

test('on a day with hundreds of late orders the attention list draws a screenful and scrolls to every one', async ({ page, startStation }) => {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-late-'))
  let station: Station | undefined
  try {
    // Promises made three days ago: every open order's promised time has passed.
    const seeded = seedBoard(join(dir, 'late.db'), { technicians: 12, orders: 400, now: Date.now() - 3 * 86_400_000 })
    station = await startStation({ dbFile: seeded.file })
    await openBoard(page, station)
    const attention = page.getByRole('region', { name: 'Needs attention' })
    const count = Number(await attention.locator('h2 .count').innerText())
    expect(count).toBeGreaterThan(300)
    const rows = attention.locator('.attention-item')
    await expect(rows.first()).toBeVisible()
    expect(await rows.count()).toBeLessThan(25)
    // The last row is reachable: scrolled to the end, it is drawn and says where it stands.
    await attention.locator('.attention-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight))
    const last = attention.locator(`.attention-item[aria-posinset="${count}"]`)
    await expect(last).toBeVisible()
    await expect(last).toHaveAttribute('aria-setsize', String(count))
    await expect(last).toHaveAttribute('data-risk', 'late')
  } finally {
    await station?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
