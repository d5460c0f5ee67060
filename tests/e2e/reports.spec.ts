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

  await page.locator('.btn-lang').click()
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible()
  await expect(page.locator('.report-tile-label', { hasText: 'Cars delivered' })).toBeVisible()
  await page.getByRole('button', { name: 'Last 30 days' }).click()
  await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')

  await page.getByRole('button', { name: 'Back to the board' }).click()
  await expect(page).toHaveURL(/#\/$/)
})
