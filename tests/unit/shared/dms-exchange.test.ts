import { describe, expect, it } from 'vitest'
import { localInstant } from '../../../src/shared/domain/calendar'
import {
  columnHeader,
  columnOfField,
  IMPORT_COLUMN_KEYS,
  matchHeader,
  parsePromisedTime,
  readImportSheet,
  type ImportContext,
  type SheetCell
} from '../../../src/shared/domain/dms-exchange'
import { REPAIR_ORDER_FLAGS, type RepairOrderFlag } from '../../../src/shared/domain/types'

const TZ = 'Asia/Shanghai'
const ctx: ImportContext = {
  timeZone: TZ,
  skills: [
    { code: 'maintenance', nameZh: '保养', nameEn: 'Maintenance', active: true },
    { code: 'electrical', nameZh: '电气', nameEn: 'Electrical', active: true }
  ],
  flagNames: Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, f === 'comeback' ? ['Comeback', '返修'] : f === 'brakeSuspension' ? ['Brake / suspension', '制动/悬挂'] : []])) as unknown as Record<RepairOrderFlag, string[]>
}
const HEAD = ['工单号', '车牌号', '车型', '客户姓名', '联系电话', '服务顾问', '许诺交车时间', '作业项目', '工种', '技能等级', '工时']
const row = (ro: string, over: Partial<Record<string, SheetCell>> = {}): SheetCell[] => {
  const base: Record<string, SheetCell> = {
    工单号: ro, 车牌号: '粤b12345', 车型: '丰田凯美瑞', 客户姓名: '刘先生', 联系电话: 13800138000, 服务顾问: '孙丽',
    许诺交车时间: '2026-12-05 16:30', 作业项目: '常规保养', 工种: '保养', 技能等级: null, 工时: 1.5
  }
  return HEAD.map((h) => (h in over ? over[h]! : base[h]))
}

describe('headers: Chinese, English, both, or a DMS alias', () => {
  it('matches by either half of a two-language header and ignores case and punctuation', () => {
    expect(matchHeader('工单号 / RO number')).toBe('roNumber')
    expect(matchHeader('RO No.')).toBe('roNumber')
    expect(matchHeader('维修项目')).toBe('job')
    expect(matchHeader('Flat-rate hours')).toBe('hours')
    expect(matchHeader('客户地址')).toBeNull()
  })
  it('reads back every header the board writes', () => {
    for (const key of IMPORT_COLUMN_KEYS) expect(matchHeader(columnHeader(key))).toBe(key)
  })
})

describe('the promised delivery time is the workshop\'s local time', () => {
  const at = (date: string, hhmm: string) => localInstant(TZ, date, hhmm)
  it.each([
    ['2026-12-05 16:30'],
    ['2026/12/5 16:30'],
    ['2026年12月5日 16:30'],
    ['2026-12-05T16:30'],
    ['2026-12-05 16:30:00'],
    ['2026-12-05T08:30:00Z']
  ])('%s -> 16:30 in Shanghai', (text) => {
    expect(parsePromisedTime(text, TZ)).toBe(at('2026-12-05', '16:30'))
  })
  it('reads an Excel date serial, and refuses a date without a time or nonsense', () => {
    // 46360 = 2026-12-04 in Excel's day count; .6875 = 16:30
    expect(parsePromisedTime(46360.6875, TZ)).toBe(at('2026-12-04', '16:30'))
    expect(parsePromisedTime('2026-12-05', TZ)).toBe('dateOnly')
    expect(parsePromisedTime(46360, TZ)).toBe('dateOnly')
    expect(parsePromisedTime('2026-13-01 10:00', TZ)).toBeNull()
    expect(parsePromisedTime('tomorrow', TZ)).toBeNull()
  })
})

describe('rows become repair orders', () => {
  it('groups job lines by RO number, reads skills by name, levels and hours, and keeps sheet row numbers', () => {
    const sheet = readImportSheet(
      [['DMS export 2026-12-04'], HEAD, row('RO1'), row('RO2', { 作业项目: '更换电瓶', 工种: 'Electrical', 技能等级: 2, 工时: '0,8' }), row('RO1', { 车牌号: null, 作业项目: '四轮定位', 工时: 1 })],
      ctx
    )
    expect(sheet.problems).toEqual([])
    expect(sheet.headerRow).toBe(2)
    expect(sheet.orders.map((o) => [o.input.roNumber, o.rows])).toEqual([['RO1', [3, 5]], ['RO2', [4]]])
    const ro1 = sheet.orders[0].input
    expect(ro1.plate).toBe('粤B12345')
    expect(ro1.customerPhone).toBe('13800138000')
    expect(ro1.promisedAt).toBe(new Date(localInstant(TZ, '2026-12-05', '16:30')).toISOString())
    expect(ro1.jobLines).toEqual([
      { description: '常规保养', skill: 'maintenance', minLevel: 1, hours: 1.5 },
      { description: '四轮定位', skill: 'maintenance', minLevel: 1, hours: 1 }
    ])
    expect(sheet.orders[1].input.jobLines).toEqual([{ description: '更换电瓶', skill: 'electrical', minLevel: 2, hours: 0.8 }])
  })

  it('reads flags by their names in either language, and parts ready as yes or no', () => {
    const sheet = readImportSheet(
      [[...HEAD, '标记', '零件到齐', '客户地址'], [...row('RO1'), '返修、Brake / suspension', '否', '深圳']],
      ctx
    )
    expect(sheet.problems).toEqual([])
    expect(sheet.orders[0].input.flags).toEqual({ comeback: true, brakeSuspension: true })
    expect(sheet.orders[0].input.partsReady).toBe(false)
    expect(sheet.ignoredColumns).toEqual(['客户地址'])
  })

  it('lists every problem with its row and column', () => {
    const sheet = readImportSheet(
      [
        HEAD,
        row('RO1', { 许诺交车时间: '2026-12-05', 工种: '喷漆', 技能等级: 4 }),
        row('RO1', { 车型: '本田雅阁', 许诺交车时间: null, 工时: 'abc' }),
        row('', {}),
        row('RO2', { 客户姓名: '', 许诺交车时间: 'soon' })
      ],
      ctx
    )
    expect(sheet.problems).toEqual([
      { row: 2, column: 'promisedAt', code: 'dateOnly', value: '2026-12-05' },
      { row: 2, column: 'skill', code: 'unknownSkill', value: '喷漆' },
      { row: 2, column: 'level', code: 'badLevel', value: '4' },
      { row: 3, column: 'model', code: 'mismatch', value: '本田雅阁' },
      { row: 3, column: 'hours', code: 'badNumber', value: 'abc' },
      { row: 4, column: 'roNumber', code: 'required', value: undefined },
      { row: 5, column: 'promisedAt', code: 'badTime', value: 'soon' },
      { row: 5, column: 'customerName', code: 'required', value: undefined }
    ])
  })

  it('needs a header row with the RO number and the job, and every required column', () => {
    expect(readImportSheet([['a', 'b'], ['1', '2']], ctx).problems).toEqual([{ row: 1, column: null, code: 'noHeader' }])
    const missing = readImportSheet([['工单号', '作业项目'], ['RO1', '保养']], ctx).problems.map((p) => p.column)
    expect(missing).toEqual(['plate', 'model', 'customerName', 'customerPhone', 'serviceAdvisor', 'promisedAt', 'skill', 'hours'])
    expect(readImportSheet([HEAD, [], [null, '']], ctx).problems).toEqual([{ row: 1, column: null, code: 'noRows' }])
  })

  it("reads a DMS's own headers as the dispatcher matched them, before the board's names", () => {
    // this DMS calls the RO number 委托单号 and the job 维修内容, and has a column 工单号 of its own (an internal id)
    const head = ['委托单号', '工单号', '车牌号', '车型', '客户姓名', '联系电话', '服务顾问', '许诺交车时间', '维修内容', '工种', '工时']
    const rows: SheetCell[][] = [
      ['某 DMS 导出', null],
      head,
      ['WT-001', 'X9', '粤B12345', '丰田凯美瑞', '刘先生', 13800138000, '孙丽', '2026-12-05 16:30', '常规保养', '保养', 1.5]
    ]
    const plain = readImportSheet(rows, ctx)
    // without the matches it reads the wrong column as the RO number and finds no job
    expect(plain.headerRow).toBe(0)
    expect(plain.problems).toEqual([{ row: 1, column: null, code: 'noHeader' }])
    // the first non-empty row is offered as the header row, with what its names match
    expect(plain.headers).toEqual(['某 DMS 导出'])
    const titleless = readImportSheet(rows.slice(1), ctx)
    expect(titleless.headers).toEqual(head)
    expect(titleless.columns).toMatchObject({ roNumber: '工单号', plate: '车牌号', hours: '工时' })
    expect(titleless.columns.job).toBeUndefined()
    const matched = readImportSheet(rows, { ...ctx, columnNames: { roNumber: '委托单号', job: ' 维修内容 ' } })
    expect(matched.problems).toEqual([])
    expect(matched.headerRow).toBe(2)
    expect(matched.headers).toEqual(head)
    expect(matched.columns).toMatchObject({ roNumber: '委托单号', job: '维修内容', plate: '车牌号', hours: '工时' })
    expect(matched.ignoredColumns).toEqual(['工单号'])
    expect(matched.orders.map((o) => [o.input.roNumber, o.input.jobLines[0].description])).toEqual([['WT-001', '常规保养']])
    // a match the file does not have is passed over; the board's own names still apply
    expect(readImportSheet([HEAD, row('RO1')], { ...ctx, columnNames: { roNumber: '委托单号' } }).problems).toEqual([])
  })

  it('names the column of a repair-order-create field', () => {
    expect(columnOfField(['jobLines', 2, 'hours'])).toBe('hours')
    expect(columnOfField(['jobLines', 0, 'description'])).toBe('job')
    expect(columnOfField(['customerPhone'])).toBe('customerPhone')
  })
})
