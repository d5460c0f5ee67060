import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { expect, test, type Station } from './fixtures'
import { boardGet, card, lane, openBoard, queueOf, UI_TIMEOUT, type BoardSnapshot, type Lang } from './board-helpers'

/**
 * Opens the dialog of the demo's first order in `status` on a lane, with window.print recorded
 * (the print dialog stood in for), and presses "Print job ticket".
 */
async function printFromDialog(page: Page, station: Station, status: RepairOrder['status'], lang: Lang): Promise<{ order: RepairOrder; tech: Technician; board: BoardSnapshot }> {
  const board = await boardGet(page.context().request, station)
  const order = board.orders.find((o) => o.status === status && o.technicianId !== null)
  expect(order, `the demo has an order ${status} on a lane`).toBeDefined()
  const tech = board.technicians.find((t) => t.id === order!.technicianId)!
  await page.addInitScript(() => {
    window.print = () => {
      ;(window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1
    }
  })
  await openBoard(page, station, lang)
  await card(lane(page, tech.name), order!.roNumber).click()
  await page.getByRole('dialog').getByRole('button', { name: lang === 'zh' ? '打印派工单' : 'Print job ticket' }).click()
  return { order: order!, tech, board }
}

// Job tickets (派工单): printed from the order dialog with the browser's own print dialog. The
// test stands in for that dialog (window.print is recorded), then prints the page to PDF in
// Chromium and reads it back with poppler, as a printer would get it.
test('the order dialog prints a one-page A5 job ticket with the RO barcode, the jobs and the QC checks', async ({ page, request, station }) => {
  const { order, tech } = await printFromDialog(page, station, 'in_progress', 'en')
  const dialog = page.getByRole('dialog')
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0), { timeout: UI_TIMEOUT }).toBe(1)

  // What prints: the ticket alone, the board and the dialog hidden.
  await page.emulateMedia({ media: 'print' })
  const ticket = page.locator('.job-ticket')
  await expect(ticket).toBeVisible()
  await expect(page.locator('#root')).toBeHidden()
  await expect(ticket.locator('.ticket-ro')).toHaveText(order.roNumber)
  await expect(ticket).toContainText(`${tech.name} (${tech.employeeNo})`)
  for (const line of order.jobLines) await expect(ticket.locator('.ticket-lines')).toContainText(line.description)
  // A Code 128 barcode of the RO number: bars drawn as SVG rectangles.
  expect(await ticket.locator('svg.ticket-barcode rect').count()).toBeGreaterThan(10)
  const checklist = (await (await request.post(`${station.url}/api/commands/qc-checklist-get`, { data: {} })).json()) as { result: unknown[] }
  await expect(ticket.locator('.ticket-checks li')).toHaveCount(checklist.result.length)

  const dir = mkdtempSync(join(tmpdir(), 'wdb-ticket-'))
  try {
    const pdf = join(dir, 'ticket.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true })
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info.stdout).toMatch(/Pages:\s+1\n/)
    expect(info.stdout).toMatch(/\(A5\)/)
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout
    expect(text).toContain(order.roNumber)
    expect(text).toContain('Job ticket')
    expect(text).toContain('QC inspector signature')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }

  // After printing the ticket is gone: printing now (Ctrl+P) prints the board, not a stale ticket.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
  await expect(ticket).toHaveCount(0)
  await expect(page.locator('#root')).toBeVisible()
  await page.emulateMedia({ media: 'screen' })
  await expect(dialog).toBeVisible()
})

test('the job ticket prints in Chinese on a Chinese board', async ({ page, station }) => {
  const { order, tech, board } = await printFromDialog(page, station, 'queued', 'zh')
  await page.emulateMedia({ media: 'print' })
  const ticket = page.locator('.job-ticket')
  await expect(ticket).toBeVisible({ timeout: UI_TIMEOUT })
  await expect(ticket.locator('.ticket-kind')).toHaveText('派工单')
  // A next job says where it waits in the technician's queue.
  await expect(ticket).toContainText(`下一工作第 ${queueOf(board, tech.id).indexOf(order.roNumber) + 1} 位`)
  await expect(ticket).toContainText(`${tech.name}（${tech.employeeNo}）`)
  await expect(ticket).toContainText('质检员签字')
})

// A technician's tickets at once: the lane's print button prints the current job and the next
// jobs in queue order, one A5 page each; a lane with nothing to print says so.
test("a lane's print button prints the technician's current and next jobs, one A5 page each", async ({ page, station }) => {
  const board = await boardGet(page.context().request, station)
  const byLane = (id: number) => board.orders.filter((o) => o.technicianId === id && !o.parked && ['assigned', 'in_progress', 'stopped', 'queued'].includes(o.status))
  const tech = board.technicians.find((t) => byLane(t.id).length >= 2)!
  const onLane = byLane(tech.id).sort((a, b) => (a.queuePosition ?? -1) - (b.queuePosition ?? -1))
  const idle = board.technicians.find((t) => byLane(t.id).length === 0)!
  await page.addInitScript(() => {
    window.print = () => {
      ;(window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1
    }
  })
  await openBoard(page, station, 'en')
  await lane(page, tech.name).getByRole('button', { name: `Print ${tech.name}'s job tickets (current and next jobs)` }).click()
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0), { timeout: UI_TIMEOUT }).toBe(1)

  await page.emulateMedia({ media: 'print' })
  const tickets = page.locator('.job-ticket')
  await expect(tickets).toHaveCount(onLane.length)
  for (let i = 0; i < onLane.length; i++) await expect(tickets.nth(i).locator('.ticket-ro')).toHaveText(onLane[i]!.roNumber)
  const dir = mkdtempSync(join(tmpdir(), 'wdb-tickets-'))
  try {
    const pdf = join(dir, 'tickets.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true })
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info.stdout).toMatch(new RegExp(`Pages:\\s+${onLane.length}\\n`))
    expect(info.stdout).toMatch(/\(A5\)/)
    // every page starts with its own ticket
    for (let p = 1; p <= onLane.length; p++) {
      const text = spawnSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout
      expect(text).toContain(onLane[p - 1]!.roNumber)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')))
  await expect(tickets).toHaveCount(0)
  await page.emulateMedia({ media: 'screen' })

  // an idle technician: nothing to print, and the screen says so
  await lane(page, idle.name).getByRole('button', { name: /^Print .* job tickets/ }).click()
  await expect(page.getByText(`${idle.name} has no current or next job to print.`)).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { printed?: number }).printed ?? 0)).toBe(1)
})
