import { describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import type { TFunction } from 'i18next'
import { localInstant } from '../../../src/shared/domain/calendar'
import { readImportSheet } from '../../../src/shared/domain/dms-exchange'
import { REPAIR_ORDER_FLAGS, type RepairOrderFlag, type Skill } from '../../../src/shared/domain/types'
import { exportSheets, templateSheet } from '../../../src/renderer/src/features/dms/dms-sheets'
import { decodeCsv, readSheetFile, sheetCell, writeCsv, writeXlsx } from '../../../src/renderer/src/features/dms/sheet-files'

const TZ = 'Asia/Shanghai'
const SKILLS: Skill[] = [
  { code: 'maintenance', nameZh: '保养', nameEn: 'Maintenance', active: true },
  { code: 'brakes', nameZh: '制动', nameEn: 'Brakes', active: true }
]
const ctx = { timeZone: TZ, skills: SKILLS, flagNames: Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, []])) as unknown as Record<RepairOrderFlag, string[]> }
const t = ((key: string) => ({ 'dms.yes': '是', 'dms.no': '否' })[key] ?? key) as unknown as TFunction
const NOW = localInstant(TZ, '2026-12-04', '10:00')

describe('the import template', () => {
  it('is an .xlsx the import reads back as one order of two job lines, promised tomorrow 16:30', async () => {
    const blob = await writeXlsx([templateSheet(SKILLS, TZ, NOW, 'zh')])
    const rows = await readSheetFile(new File([blob], '模板.xlsx'))
    const sheet = readImportSheet(rows, ctx)
    expect(sheet.problems).toEqual([])
    expect(sheet.ignoredColumns).toEqual([])
    expect(sheet.orders).toHaveLength(1)
    const order = sheet.orders[0].input
    expect(order.promisedAt).toBe(new Date(localInstant(TZ, '2026-12-05', '16:30')).toISOString())
    expect(order.jobLines.map((l) => [l.skill, l.minLevel, l.hours])).toEqual([
      ['maintenance', 1, 1.2],
      ['brakes', 2, 0.8]
    ])
  })
})

describe('reading files', () => {
  it('reads a CSV in GB18030, as Chinese Excel saves it, and one in UTF-8 with a BOM', async () => {
    // "工单号,作业项目\r\nRO1,保养" in GB18030
    const gb = new Uint8Array([0xb9, 0xa4, 0xb5, 0xa5, 0xba, 0xc5, 0x2c, 0xd7, 0xf7, 0xd2, 0xb5, 0xcf, 0xee, 0xc4, 0xbf, 0x0d, 0x0a, 0x52, 0x4f, 0x31, 0x2c, 0xb1, 0xa3, 0xd1, 0xf8])
    expect(decodeCsv(gb.buffer)).toBe('工单号,作业项目\r\nRO1,保养')
    expect(await readSheetFile(new File([gb], 'dms.csv'))).toEqual([['工单号', '作业项目'], ['RO1', '保养']])
    const utf8 = new TextEncoder().encode('\uFEFF工单号,作业项目\n"RO,2","换""胎"""\n\n')
    expect(await readSheetFile(new File([utf8], 'dms.csv'))).toEqual([['工单号', '作业项目'], ['RO,2', '换"胎"']])
  })

  it('takes date cells as wall-clock text, formulas as their result and rich text as its text', () => {
    expect(sheetCell(new Date(Date.UTC(2026, 11, 5, 16, 30)))).toBe('2026-12-05 16:30')
    expect(sheetCell({ formula: 'A1*2', result: 3 } as ExcelJS.CellFormulaValue)).toBe(3)
    expect(sheetCell({ richText: [{ text: '粤B' }, { text: '12345' }] })).toBe('粤B12345')
    expect(sheetCell(null)).toBeNull()
  })

  it('refuses old .xls files and files that are not workbooks', async () => {
    await expect(readSheetFile(new File(['x'], 'old.xls'))).rejects.toMatchObject({ reason: 'oldExcel' })
    await expect(readSheetFile(new File(['not a zip'], 'bad.xlsx'))).rejects.toMatchObject({ reason: 'unreadable' })
  })
})

describe('the export for the DMS', () => {
  const data = {
    timeZone: TZ,
    from: 0,
    to: 0,
    orders: [
      {
        roNumber: 'RO1', plate: '粤B1', vin: null, model: '凯美瑞', customerName: '刘', customerPhone: '138', serviceAdvisor: '孙丽',
        technician: '王建国', employeeNo: 'T001', flatRateHours: 2.5, actualHours: 2, stoppageHours: 0.5,
        promisedAt: localInstant(TZ, '2026-12-04', '14:00'), originalPromisedAt: localInstant(TZ, '2026-12-04', '12:00'),
        deliveredAt: localInstant(TZ, '2026-12-04', '13:00'), deliveredBy: 'desk', onTime: false, firstTimePass: true, comeback: false,
        toldInAdvance: true, qcInspector: '周检',
        jobLines: [{ lineNo: 1, description: '保养', skill: 'maintenance', minLevel: 1, hours: 2.5 }]
      }
    ]
  }
  it('writes local times as Excel dates, on time against the original promise, and the job lines on their own sheet', async () => {
    const sheets = exportSheets(data, t)
    const blob = await writeXlsx([sheets.orders, sheets.lines])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await blob.arrayBuffer())
    const [orders, lines] = wb.worksheets
    expect(orders.getRow(1).getCell(1).value).toBe('工单号 / RO number')
    const row = orders.getRow(2)
    expect(row.getCell(1).value).toBe('RO1')
    expect(row.getCell(13).value).toEqual(new Date(Date.UTC(2026, 11, 4, 14, 0)))
    expect(row.getCell(13).numFmt).toBe('yyyy-mm-dd hh:mm')
    // delivered 13:00 against the original 12:00: late, though within the revised 14:00
    expect(row.getCell(16).value).toBe('否')
    expect(row.getCell(17).value).toBe('是')
    expect(lines.getRow(2).values).toEqual([undefined, 'RO1', 1, '保养', 'maintenance', 1, 2.5])
  })
  it('writes a CSV with a BOM and the times as text', async () => {
    const bytes = new Uint8Array(await (await writeCsv(exportSheets(data, t).orders)).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text).toContain('RO1,粤B1,,凯美瑞')
    expect(text).toContain('2026-12-04 14:00,2026-12-04 12:00,2026-12-04 13:00,否,是,是,否,周检,desk')
  })
})
