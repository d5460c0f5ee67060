import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { localInstant } from '../../src/shared/domain/calendar'
import type { RepairOrder } from '../../src/shared/domain/types'
import type { BoardChanges } from '../../src/main/services/tx'
import type { ImportCheck, ImportResult } from '../../src/main/services/dms'
import { harness, roInput, type Harness } from './helpers'

const HEAD = ['工单号 / RO number', '车牌号 / Plate', '车型 / Model', '客户姓名 / Customer', '联系电话 / Phone', '服务顾问 / Service advisor', '许诺交车时间 / Promised delivery', '作业项目 / Job', '工种 / Skill', '技能等级 / Level', '工时 / Flat-rate hours', '标记 / Flags']
const line = (ro: string, job: string, hours: number, over: Record<number, string | number | null> = {}) => {
  const r: (string | number | null)[] = [ro, '粤B 12345', '丰田凯美瑞', '刘先生', '13800138000', '孙丽', '2026-11-25 17:30', job, '保养', 1, hours, null]
  for (const [i, v] of Object.entries(over)) r[Number(i)] = v
  return r
}
const FILE = [HEAD, line('DMS-001', '常规保养', 1.2, { 11: '返修' }), line('DMS-001', '更换刹车片', 0.8, { 1: null }), line('DMS-002', '空调检修', 2)]

let h: Harness
let events: BoardChanges[]
beforeEach(() => {
  h = harness()
  events = []
  h.core.subscribe((c) => events.push(c))
})
afterEach(() => h.close())

describe('importing repair orders from a DMS export', () => {
  it('previews without writing: orders, lines, hours and what is already on the board', () => {
    h.ok('repair-order-create', roInput({ roNumber: 'DMS-002' }))
    const before = h.counts()
    const check = h.ok<ImportCheck>('repair-order-import-check', { rows: FILE })
    expect(check.problems).toEqual([])
    expect(check.orders.map((o) => [o.roNumber, o.jobLines, o.hours, o.rows, o.onFile])).toEqual([
      ['DMS-001', 2, 2, [2, 3], false],
      ['DMS-002', 1, 2, [4], true]
    ])
    expect(check.orders[0].promisedAt).toBe(new Date(localInstant('Asia/Shanghai', '2026-11-25', '17:30')).toISOString())
    expect(h.counts()).toEqual(before)
  })

  it('creates the new orders in the dispatch pool in one transaction with one audit row and one event', () => {
    const before = h.counts()
    const result = h.ok<ImportResult>('repair-order-import', { rows: FILE })
    expect(result).toEqual({ created: ['DMS-001', 'DMS-002'], skipped: [] })
    expect(h.counts()).toMatchObject({ repairOrders: before.repairOrders + 2, jobLines: before.jobLines + 3, audit: before.audit + 1 })
    expect(events).toHaveLength(1)
    const imported = events[0].orders
    expect(imported.map((o) => [o.roNumber, o.status, o.plate, o.jobLines.length])).toEqual([
      ['DMS-001', 'waiting', '粤B 12345', 2],
      ['DMS-002', 'waiting', '粤B 12345', 1]
    ])
    const ro1 = h.ok<RepairOrder>('repair-order-get', { id: imported[0].id })
    expect(ro1.flags.comeback).toBe(true)
    expect(ro1.jobLines.map((l) => [l.description, l.skill, l.hours])).toEqual([
      ['常规保养', 'maintenance', 1.2],
      ['更换刹车片', 'maintenance', 0.8]
    ])
  })

  it('skips orders already on the file, so importing the same export twice changes nothing', () => {
    h.ok('repair-order-import', { rows: FILE })
    const before = h.counts()
    expect(h.ok<ImportResult>('repair-order-import', { rows: FILE })).toEqual({ created: [], skipped: ['DMS-001', 'DMS-002'] })
    expect(h.counts()).toEqual(before)
    expect(events).toHaveLength(1)
  })

  it('refuses the whole file when one row is wrong, writes nothing and names row and column in both languages', () => {
    const before = h.counts()
    const bad = [...FILE, line('DMS-003', '喷漆', 3, { 4: '打电话', 6: '明天下午' })]
    const error = h.fail('repair-order-import', { rows: bad })
    expect(error.code).toBe('IMPORT_INVALID')
    expect(error.issues?.map((i) => i.path)).toEqual(['rows.5.customerPhone', 'rows.5.promisedAt'])
    expect(error.issues?.[1].message.zh).toBe('第 5 行：许诺交车时间“明天下午”不是日期时间，请写成 2026-12-05 16:30 的格式。')
    expect(error.issues?.[1].message.en).toBe('Row 5: Promised delivery "明天下午" is not a date and time; write it like 2026-12-05 16:30.')
    expect(error.issues?.[0].message.en).toMatch(/^Row 5: Phone /)
    expect(error.message.zh).toMatch(/^文件未导入，未保存任何数据：共 2 个问题。第 5 行：/)
    expect(h.counts()).toEqual(before)
    expect(events).toHaveLength(0)
  })

  it('names the skills it knows when a skill is not in the catalogue', () => {
    const check = h.ok<ImportCheck>('repair-order-import-check', { rows: [HEAD, line('DMS-009', '喷漆', 3, { 8: '钣喷' })] })
    expect(check.problems).toHaveLength(1)
    expect(check.problems[0]).toMatchObject({ row: 2, column: 'skill' })
    expect(check.problems[0].message.zh).toContain('“钣喷”不在技能目录中（')
    expect(check.problems[0].message.zh).toContain('保养')
  })

  it('reads a DMS with its own headers once the dispatcher matched them, and remembers the matches after the import', () => {
    const other = ['委托单号', ...HEAD.slice(1, 7), '维修内容', ...HEAD.slice(8)]
    const file = [other, line('WT-001', '常规保养', 1.2), line('WT-002', '空调检修', 2)]
    const first = h.ok<ImportCheck>('repair-order-import-check', { rows: file })
    expect(first.headerRow).toBe(0)
    expect(first.headers).toEqual(other)
    const before = h.counts()
    // a check with the matches writes nothing and remembers nothing
    const matched = h.ok<ImportCheck>('repair-order-import-check', { rows: file, columns: { roNumber: '委托单号', job: '维修内容' } })
    expect(matched.problems).toEqual([])
    expect(matched.columns).toMatchObject({ roNumber: '委托单号', job: '维修内容', plate: '车牌号 / Plate' })
    expect(h.counts()).toEqual(before)
    expect(h.ok<ImportCheck>('repair-order-import-check', { rows: file }).headerRow).toBe(0)
    // the import with them creates the orders and keeps the matches the board's names would not make
    expect(h.ok<ImportResult>('repair-order-import', { rows: file, columns: matched.columns })).toEqual({ created: ['WT-001', 'WT-002'], skipped: [] })
    // a setting of the station's import, not of the board every screen reads
    expect(h.ok<{ settings: Record<string, unknown> }>('board-get').settings).not.toHaveProperty('dmsColumns')
    const next = [other, line('WT-003', '更换刹车片', 0.8)]
    const again = h.ok<ImportCheck>('repair-order-import-check', { rows: next })
    expect(again.problems).toEqual([])
    expect(again.columns).toMatchObject({ roNumber: '委托单号', job: '维修内容' })
    expect(h.ok<ImportResult>('repair-order-import', { rows: next })).toEqual({ created: ['WT-003'], skipped: [] })
    // the template's own file still reads as before
    expect(h.ok<ImportCheck>('repair-order-import-check', { rows: FILE }).problems).toEqual([])
  })

  it('refuses matches for columns the board does not have, and over-long header names', () => {
    expect(h.fail('repair-order-import-check', { rows: FILE, columns: { roNumber: 'x', colour: 'y' } }).code).toBe('VALIDATION')
    expect(h.fail('repair-order-import-check', { rows: FILE, columns: { roNumber: 'x'.repeat(201) } }).code).toBe('VALIDATION')
  })

  it('refuses a file without the header row, and rows that are not cells', () => {
    expect(h.fail('repair-order-import', { rows: [['hello'], ['world']] }).issues?.[0].message.en).toMatch(/^Row 1: no header row/)
    expect(h.fail('repair-order-import', { rows: [[{ a: 1 }]] }).code).toBe('VALIDATION')
  })
})
