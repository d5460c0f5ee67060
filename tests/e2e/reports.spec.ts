import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateHistory } from '../../bench/generate-history'
import { DEFAULT_CALENDAR, localDateOf } from '../../src/shared/domain/calendar'
import { expect, test } from './fixtures'

// The Reports page (issue 5): reached from the header, KPI tiles and the three charts, in both
// languages. Figures themselves are checked in tests/integration/reports.test.ts.
test('the header opens the Reports page; tiles and three charts, in Chinese and English', async ({ page, startStation }) => {
  const station = await startStation({ demo: true })
  await page.addInitScript(() => localStorage.setItem('wdb.lang', 'zh'))
  await page.goto(station.url)
  await page.getByRole('button', { name: '报表', exact: true }).click()
  await expect(page).toHaveURL(/#\/reports$/)
  await expect(page.getByRole('heading', { name: '报表' })).toBeVisible()
  await expect(page.locator('.report-tile-label', { hasText: '交车台数' })).toBeVisible()
  await expect(page.locator('.report-tile-label', { hasText: '一次修复率' })).toBeVisible()
  await expect(page.locator('figure[data-chart]')).toHaveCount(3)
  await expect(page.locator('[data-chart="technicians"] svg.recharts-surface')).toBeVisible()
  await expect(page.locator('[data-chart="stoppages"] svg.recharts-surface')).toBeVisible()
  // serve --demo delivers the last 30 days' work: both bars for each of its ten technicians.
  await expect(page.locator('[data-chart="technicians"] path[data-bars]')).toHaveCount(2)
  await expect(page.locator('[data-chart="technicians"] path[data-bars="10"]')).toHaveCount(2)
  // Percent labels from 0 up to at least 100 % (higher when a technician beat flat rate).
  const percents = page.locator('[data-chart="technicians"] .report-value-labels text')
  await expect(percents.first()).toHaveText('0%')
  await expect(percents.filter({ hasText: /^100%$/ })).toHaveCount(1)

  await page.locator('.btn-lang').click()
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible()
  await expect(page.locator('.report-tile-label', { hasText: 'Cars delivered' })).toBeVisible()
  // It opens on the month; another period goes into the address and stays on a reload.
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
  await page.getByRole('button', { name: 'Last 90 days' }).click()
  await expect(page.getByRole('button', { name: 'Last 90 days' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page).toHaveURL(/#\/reports\/90$/)
  // (the test's init script puts the page back into Chinese on the reload)
  await page.reload()
  await expect(page.getByRole('button', { name: '最近 90 天' })).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByRole('button', { name: '最近 30 天' })).toHaveAttribute('aria-pressed', 'false')

  await page.getByRole('button', { name: '返回看板' }).click()
  await expect(page).toHaveURL(/#\/$/)
})

// A workshop with history: every technician's two bars and the deliveries per day are drawn, and
// the value axis reaches above the highest bar (bars are one path per series, see bar-series.tsx).
test('the charts draw a bar for every technician and every day with deliveries', async ({ page, startStation }) => {
  const dir = mkdtempSync(join(tmpdir(), 'wdb-reports-'))
  const dbFile = join(dir, 'history.db')
  // the history leads up to today in the shop's time zone, so it is inside "last 30 days"
  const today = localDateOf(DEFAULT_CALENDAR.timeZone, Date.now())
  generateHistory(dbFile, { days: 20, ordersPerDay: 12, technicians: 8, today })
  const station = await startStation({ dbFile })
  await page.goto(`${station.url}/#/reports`)
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')

  const technicians = page.locator('[data-chart="technicians"] path[data-bars]')
  await expect(technicians).toHaveCount(2)
  await expect(technicians.first()).toHaveAttribute('data-bars', '8')
  await expect(technicians.last()).toHaveAttribute('data-bars', '8')
  // the axes' labels are drawn from the charts' scales too (series.tsx): round values from zero
  const percents = await page.locator('[data-chart="technicians"] .report-value-labels text').allTextContents()
  expect(percents[0]).toBe('0%')
  expect(percents.length).toBeGreaterThanOrEqual(3)
  expect(percents.every((p) => /^\d+%$/.test(p))).toBe(true)
  await expect(page.locator('[data-chart="stoppages"] .report-category-labels text')).toHaveText([
    'Waiting for parts',
    'Sublet',
    'Waiting for customer approval',
    'Tools or equipment',
    'Other'
  ])
  const technicianNames = await page.locator('[data-chart="technicians"] .report-category-labels text').allTextContents()
  expect(technicianNames).toHaveLength(8)
  expect(technicianNames.every((n) => n.length > 0)).toBe(true)
  const days = Number(await page.locator('[data-chart="daily"] path[data-bars]').getAttribute('data-bars'))
  expect(days).toBeGreaterThanOrEqual(15)
  expect(days).toBeLessThanOrEqual(20)
  // the on-time line joins the days with deliveries
  await expect(page.locator('[data-chart="daily"] path[data-points]')).toHaveAttribute('data-points', String(days))
  const reasons = Number(await page.locator('[data-chart="stoppages"] path[data-bars]').getAttribute('data-bars'))
  expect(reasons).toBeGreaterThan(0)

  // every bar inside the plot: the series' box lies within the chart's grid
  for (const chart of ['technicians', 'daily', 'stoppages']) {
    const grid = await page.locator(`[data-chart="${chart}"] .recharts-cartesian-grid`).boundingBox()
    const bars = page.locator(`[data-chart="${chart}"] path[data-bars], [data-chart="${chart}"] path[data-points]`)
    for (const b of await bars.all()) {
      const box = await b.boundingBox()
      expect(grid && box).toBeTruthy()
      expect(box!.y).toBeGreaterThanOrEqual(grid!.y - 1)
      expect(box!.y + box!.height).toBeLessThanOrEqual(grid!.y + grid!.height + 1)
      expect(box!.x).toBeGreaterThanOrEqual(grid!.x - 1)
      expect(box!.x + box!.width).toBeLessThanOrEqual(grid!.x + grid!.width + 1)
    }
  }
})
