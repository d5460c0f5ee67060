import type { TFunction } from 'i18next'
import type { CommandResult } from '../../api/client'
import { addDays } from '../../../../shared/domain/calendar'
import { columnHeader, IMPORT_COLUMN_KEYS, type ImportColumn } from '../../../../shared/domain/dms-exchange'
import type { Skill } from '../../../../shared/domain/types'
import { formatDateTime, workshopDay } from '../../i18n/time'
import type { OutCell, OutSheet } from './sheet-files'

type DeliveredExport = CommandResult<'repair-order-export'>

/** Headers in both languages, like the import template's: the DMS maps them once, whatever the screen's language. */
const ORDER_HEADERS = [
  ...(['roNumber', 'plate', 'vin', 'model', 'customerName', 'customerPhone', 'serviceAdvisor'] as const).map(columnHeader),
  '技术员 / Technician',
  '工号 / Employee no.',
  '标准工时 / Flat-rate hours',
  '实际工时 / Clocked hours',
  '停工时长 / Stoppage hours',
  columnHeader('promisedAt'),
  '原许诺交车时间 / Original promise',
  '交车时间 / Delivered at',
  '按原许诺交车 / On time',
  '提前告知客户 / Customer told in advance',
  '一次修复 / Fixed first time',
  '返修 / Comeback',
  '质检员 / QC inspector',
  '交车人 / Delivered by'
]
const ORDER_WIDTHS = [16, 12, 20, 18, 12, 14, 12, 12, 10, 10, 10, 10, 18, 18, 18, 8, 8, 8, 8, 10, 12]
// The import's headers where the column is the same: a file written here reads back through the import's header matching.
const LINE_HEADERS = [columnHeader('roNumber'), '序号 / Line', ...(['job', 'skill', 'level', 'hours'] as const).map(columnHeader)]

/** The delivered orders (and, for Excel, their job lines) as sheets; times as the workshop's local time. */
export function exportSheets(data: DeliveredExport, t: TFunction): { orders: OutSheet; lines: OutSheet } {
  const local = (ms: number | null): OutCell => (ms === null ? null : { wallClock: formatDateTime(new Date(ms).toISOString(), data.timeZone) })
  const yesNo = (b: boolean) => (b ? t('dms.yes') : t('dms.no'))
  return {
    orders: {
      name: t('dms.sheetOrders'),
      header: ORDER_HEADERS,
      widths: ORDER_WIDTHS,
      rows: data.orders.map((o) => [
        o.roNumber,
        o.plate,
        o.vin,
        o.model,
        o.customerName,
        o.customerPhone,
        o.serviceAdvisor,
        o.technician,
        o.employeeNo,
        o.flatRateHours,
        o.actualHours,
        o.stoppageHours,
        local(o.promisedAt),
        local(o.originalPromisedAt),
        local(o.deliveredAt),
        yesNo(o.onTime),
        yesNo(o.toldInAdvance),
        yesNo(o.firstTimePass),
        yesNo(o.comeback),
        o.qcInspector,
        o.deliveredBy
      ])
    },
    lines: {
      name: t('dms.sheetLines'),
      header: LINE_HEADERS,
      widths: [16, 6, 30, 14, 8, 10],
      rows: data.orders.flatMap((o) => o.jobLines.map((l) => [o.roNumber, l.lineNo, l.description, l.skill, l.minLevel, l.hours]))
    }
  }
}

/**
 * The import template: every column the board reads, with one order of two job lines filled in
 * as an example (the second line leaves the order's columns blank, as DMS exports often do).
 */
export function templateSheet(skills: readonly Skill[], timeZone: string, nowMs: number, lang: 'zh' | 'en'): OutSheet {
  const active = skills.filter((s) => s.active)
  const skillName = (i: number) => {
    const s = active[i] ?? active[0]
    return s ? (lang === 'zh' ? s.nameZh : s.nameEn) : ''
  }
  const tomorrow = addDays(workshopDay(nowMs, timeZone), 1)
  const first: Record<ImportColumn, OutCell> = {
    roNumber: 'RO20261205001',
    plate: '粤B 12345',
    vin: '',
    model: '丰田凯美瑞 2.5L',
    customerName: '刘先生',
    customerPhone: '13800138000',
    serviceAdvisor: '孙丽',
    promisedAt: { wallClock: `${tomorrow} 16:30` },
    partsReady: lang === 'zh' ? '是' : 'yes',
    flags: '',
    notes: '',
    job: lang === 'zh' ? '常规保养（机油、机滤）' : 'Routine service (oil, filter)',
    skill: skillName(0),
    level: 1,
    hours: 1.2
  }
  const second: Record<ImportColumn, OutCell> = {
    ...(Object.fromEntries(IMPORT_COLUMN_KEYS.map((k) => [k, null])) as Record<ImportColumn, OutCell>),
    roNumber: first.roNumber,
    job: lang === 'zh' ? '更换前刹车片' : 'Replace front brake pads',
    skill: skillName(1),
    level: 2,
    hours: 0.8
  }
  return {
    name: 'DMS',
    header: IMPORT_COLUMN_KEYS.map(columnHeader),
    widths: IMPORT_COLUMN_KEYS.map((k) => (k === 'job' ? 28 : k === 'promisedAt' ? 18 : 14)),
    rows: [first, second].map((r) => IMPORT_COLUMN_KEYS.map((k) => r[k]))
  }
}
