import { expect, test } from './fixtures'

// A new user's first run without --demo (the desktop app's first start looks the same): the empty
// board offers the demo, which brings its last 30 days for the Reports page, signed by the demo's
// own inactive QC inspector.
test('the empty board loads the demo workshop with its past weeks for the Reports page', async ({ page, startStation }) => {
  const station = await startStation()
  await page.addInitScript(() => localStorage.setItem('wdb.lang', 'en'))
  await page.goto(station.url)
  await expect(page.getByRole('heading', { name: 'Welcome to the dispatch board' })).toBeVisible()
  await page.getByRole('button', { name: 'Load demo workshop' }).click()
  await expect(page.getByText(/^Demo workshop loaded, with \d+ cars delivered over the last 30 days/)).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('region', { name: '王建国' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Welcome to the dispatch board' })).toHaveCount(0)

  await page.getByRole('button', { name: 'Reports', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
  // every one of the ten technicians has both bars, and the page names no empty period
  await expect(page.locator('[data-chart="technicians"] path[data-bars="10"]')).toHaveCount(2)
  const delivered = page.locator('.report-tile').filter({ has: page.locator('.report-tile-label', { hasText: /^Cars delivered$/ }) })
  await expect(delivered.locator('.report-tile-value')).toHaveText(/^[1-9]\d{2,}$/)
})
