import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RepairOrder } from '../../src/shared/domain/types'
import { harness, type Harness } from './helpers'

interface AuditRow {
  command: string
  before: { repairOrders?: Record<string, Partial<RepairOrder> | null> }
  after: { repairOrders?: Record<string, Partial<RepairOrder> | null> }
}

const lastAudit = (h: Harness): AuditRow => {
  const rows = h.ok<AuditRow[]>('audit-list', { limit: 1 })
  return rows[0]
}

describe('an audit row keeps what changed; a creation row is rebuilt from the order and its later rows', () => {
  let h: Harness
  beforeEach(() => {
    h = harness()
  })
  afterEach(() => h.close())

  const order = {
    roNumber: 'RO-A1',
    plate: '粤B 12345',
    model: '大众帕萨特',
    customerName: '刘先生',
    customerPhone: '13800000000',
    serviceAdvisor: '孙丽',
    promisedAt: '2026-11-25T13:30:00+08:00',
    jobLines: [{ description: '常规保养', skill: 'maintenance', minLevel: 1, hours: 1 }]
  }
  const tech = {
    name: '李明',
    employeeNo: 'T1',
    skills: [{ skill: 'maintenance', level: 2 }],
    shiftStart: '08:30',
    shiftEnd: '17:30',
    lunchStart: '12:00',
    lunchEnd: '13:00'
  }

  it('creation: before is null, after is the whole order', () => {
    const o = h.ok<RepairOrder>('repair-order-create', order)
    const row = lastAudit(h)
    expect(row.before.repairOrders?.[o.id]).toBeNull()
    expect(row.after.repairOrders?.[o.id]).toMatchObject({ roNumber: 'RO-A1', customerName: '刘先生', jobLines: [{ hours: 1 }] })
  })

  it('a move: only the fields that changed, before and after', () => {
    const o = h.ok<RepairOrder>('repair-order-create', order)
    const t = h.ok<{ id: number }>('technician-create', tech)
    h.ok('repair-order-assign', { id: o.id, technicianId: t.id })
    const row = lastAudit(h)
    expect(row.command).toBe('repair-order-assign')
    expect(row.before.repairOrders?.[o.id]).toEqual({ status: 'waiting', technicianId: null })
    expect(row.after.repairOrders?.[o.id]).toEqual({ status: 'assigned', technicianId: t.id })
    // Unchanged details are not repeated in every row, nor the version (it goes up by one a row).
    expect(row.after.repairOrders?.[o.id]).not.toHaveProperty('roNumber')
    expect(row.after.repairOrders?.[o.id]).not.toHaveProperty('customerName')
    expect(row.after.repairOrders?.[o.id]).not.toHaveProperty('jobLines')
  })

  it('an edit: the changed detail is kept with its old and new value', () => {
    const o = h.ok<RepairOrder>('repair-order-create', order)
    h.ok('repair-order-update', { id: o.id, version: o.version, ...order, customerPhone: '13900000000' })
    const row = lastAudit(h)
    expect(row.before.repairOrders?.[o.id]).toMatchObject({ customerPhone: '13800000000' })
    expect(row.after.repairOrders?.[o.id]).toMatchObject({ customerPhone: '13900000000' })
    expect(row.after.repairOrders?.[o.id]).not.toHaveProperty('plate')
  })
})
