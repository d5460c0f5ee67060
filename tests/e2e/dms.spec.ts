import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { boardGet, findInPool, openBoard, UI_TIMEOUT } from './board-helpers'
import { expect, test } from './fixtures'

// The exchange with the DMS, as the dispatcher does it: the template downloaded from the dialog,
// filled in and chosen again; a file with mistakes refused row by row; delivered orders exported.

test('a template downloaded from the DMS dialog imports as a new order in the dispatch pool', async ({ page, request, station }) => {
  await openBoard(page, station, 'zh')
  await page.getByRole('button', { name: 'DMS', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '与 DMS 交换数据' })
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载模板' }).click()])
  expect(download.suggestedFilename()).toBe('DMS导入模板.xlsx')
  const template = { name: download.suggestedFilename(), mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(await download.path()) }

  await dialog.getByTestId('dms-file').setInputFiles(template)
  await expect(dialog.getByText('DMS导入模板.xlsx：1 张工单（新 1 张），2 个作业项目，共 2 工时。')).toBeVisible({ timeout: UI_TIMEOUT })
  await expect(dialog.getByRole('row', { name: /RO20261205001/ })).toContainText('新')
  await dialog.getByRole('button', { name: '导入 1 张工单' }).click()
  await expect(dialog.getByText('已将 1 张修理单导入待派工区。')).toBeVisible({ timeout: UI_TIMEOUT })

  const order = (await boardGet(request, station)).orders.find((o) => o.roNumber === 'RO20261205001')
  expect(order?.status).toBe('waiting')
  expect(order?.jobLines.map((l) => l.hours)).toEqual([1.2, 0.8])
  await dialog.getByRole('button', { name: '关闭' }).last().click()
  await expect(await findInPool(page, 'RO20261205001', 'zh')).toBeVisible()

  // The same file again: already on the board, nothing to import.
  await page.getByRole('button', { name: 'DMS', exact: true }).click()
  await dialog.getByTestId('dms-file').setInputFiles(template)
  await expect(dialog.getByRole('row', { name: /RO20261205001/ })).toContainText('已在看板，跳过')
  await expect(dialog.getByRole('button', { name: '导入 0 张工单' })).toBeDisabled()
})

test('a CSV with mistakes is refused row by row and nothing is imported', async ({ page, request, station }) => {
  const before = (await boardGet(request, station)).orders.length
  const csv = [
    'RO No.,Plate,Model,Customer,Phone,SA,Promised delivery,Job,Skill,Hours,Address',
    'X-1,沪A 1,Golf,Ms Wu,13900000000,Sun Li,2026-12-24 17:00,Service,Maintenance,1.5,Shanghai',
    'X-2,沪A 2,Golf,Mr Qian,13900000001,Sun Li,next week,Paint,Painting,2,Shanghai'
  ].join('\r\n')
  await openBoard(page, station, 'en')
  await page.getByRole('button', { name: 'DMS', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Exchange with the DMS' })
  await dialog.getByTestId('dms-file').setInputFiles({ name: 'dms-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  const problems = dialog.getByRole('alert')
  await expect(problems).toContainText('2 problems: fix them in the file and choose the file again.', { timeout: UI_TIMEOUT })
  await expect(problems.getByRole('listitem')).toHaveText([
    'Row 3: Promised delivery "next week" is not a date and time; write it like 2026-12-05 16:30.',
    /^Row 3: Skill "Painting" is not in the skills catalogue \(.*Maintenance.*\)\.$/
  ])
  await expect(dialog.getByText('Columns not used: Address')).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Import 2 orders' })).toBeDisabled()
  expect((await boardGet(request, station)).orders.length).toBe(before)

  // mended in Excel and chosen again under the same name: no problem left, both import
  const mended = csv.replace('next week', '2026-12-24 18:00').replace('Painting', 'Paint')
  await dialog.getByTestId('dms-file').setInputFiles({ name: 'dms-export.csv', mimeType: 'text/csv', buffer: Buffer.from(mended) })
  await expect(dialog.getByRole('alert')).toHaveCount(0, { timeout: UI_TIMEOUT })
  await expect(dialog.getByTestId('dms-file')).toHaveValue('')
  await dialog.getByRole('button', { name: 'Import 2 orders' }).click()
  await expect(dialog.getByText('Imported 2 repair orders into the dispatch pool.')).toBeVisible({ timeout: UI_TIMEOUT })
  expect((await boardGet(request, station)).orders.length).toBe(before + 2)
})

test("a DMS with its own column names: the dispatcher matches them once, and the next file imports without asking", async ({ page, request, station }) => {
  // This DMS calls the RO number 委托单号 and the job 维修内容.
  const csv = (ro: string) =>
    ['委托单号,车牌号,车型,客户姓名,联系电话,服务顾问,许诺交车时间,维修内容,工种,工时', `${ro},沪A 1,Golf,吴女士,13900000000,孙丽,2026-12-24 17:00,常规保养,保养,1.5`].join('\r\n')
  await openBoard(page, station, 'zh')
  await page.getByRole('button', { name: 'DMS', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: '与 DMS 交换数据' })
  await dialog.getByTestId('dms-file').setInputFiles({ name: 'wt.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('WT-1')) })
  await expect(dialog.getByRole('alert')).toContainText('找不到表头', { timeout: UI_TIMEOUT })
  // nothing counted yet: the summary names the file only
  await expect(dialog.locator('.dms-summary')).toHaveText('wt.csv')
  const match = dialog.getByRole('group', { name: '对应文件的列' })
  await match.getByLabel('工单号（必填）').selectOption('委托单号')
  await match.getByLabel('作业项目（必填）').selectOption('维修内容')
  await match.getByRole('button', { name: '按此对应重新检查' }).click()
  await expect(dialog.getByRole('alert')).toHaveCount(0, { timeout: UI_TIMEOUT })
  // the other columns were found by their names
  await expect(match).toHaveCount(0)
  await dialog.getByRole('button', { name: '导入 1 张工单' }).click()
  await expect(dialog.getByText('已将 1 张修理单导入待派工区。')).toBeVisible({ timeout: UI_TIMEOUT })

  // the next export from that DMS reads at once
  await dialog.getByTestId('dms-file').setInputFiles({ name: 'wt2.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('WT-2')) })
  await expect(dialog.getByRole('row', { name: /WT-2/ })).toContainText('新', { timeout: UI_TIMEOUT })
  await expect(dialog.getByRole('alert')).toHaveCount(0)
  await dialog.getByRole('button', { name: '导入 1 张工单' }).click()
  await expect(dialog.getByText('已将 1 张修理单导入待派工区。')).toBeVisible({ timeout: UI_TIMEOUT })
  const ros = (await boardGet(request, station)).orders.map((o) => o.roNumber)
  expect(ros).toEqual(expect.arrayContaining(['WT-1', 'WT-2']))
})

test('delivered orders export to an Excel file with their job lines', async ({ page, request, station }) => {
  await openBoard(page, station, 'en')
  await page.getByRole('button', { name: 'DMS', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Exchange with the DMS' })
  const to = await dialog.getByLabel('To (inclusive)').inputValue()
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10)
  await dialog.getByLabel('From').fill(from)
  const expected = (await (await request.post(`${station.url}/api/commands/repair-order-export`, { data: { from, to } })).json()) as {
    result: { orders: { roNumber: string; jobLines: unknown[] }[] }
  }
  // the demo's history delivers cars every day
  expect(expected.result.orders.length).toBeGreaterThan(20)
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()])
  expect(download.suggestedFilename()).toBe(`delivered-orders-${from}_${to}.xlsx`)
  await expect(dialog.getByText(`Exported ${expected.result.orders.length} delivered orders to delivered-orders-${from}_${to}.xlsx.`)).toBeVisible()

  const wb = new ExcelJS.Workbook()
  const bytes = readFileSync(await download.path())
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  const [orders, lines] = wb.worksheets
  expect(orders.name).toBe('Delivered orders')
  expect(orders.rowCount).toBe(expected.result.orders.length + 1)
  expect(orders.getRow(2).getCell(1).value).toBe(expected.result.orders[0].roNumber)
  expect(lines.rowCount).toBe(expected.result.orders.reduce((s, o) => s + o.jobLines.length, 0) + 1)
})
