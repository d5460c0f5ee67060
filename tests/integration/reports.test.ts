import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localInstant } from '../../src/shared/domain/calendar'
import type { QcChecklistItem } from '../../src/shared/domain/qc-checklist'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import type { ReportSummary } from '../../src/main/services/reports'
import type { DeliveredOrdersExport } from '../../src/main/services/dms'
import Database from 'better-sqlite3'
import { migrations } from '../../src/main/db/migrations'
import { openDatabase } from '../../src/main/db/open'
import { harness, roInput, techInput, tempDir, type Harness } from './helpers'
import { as, callAs, INSPECTOR_PIN, qcUsers, REPORT } from './qc-helpers'

/**
 * A hand-made two days (Mon 23 and Tue 24 Nov 2026, Asia/Shanghai) through the real commands,
 * and the report's figures worked out by hand:
 * - RO 1 (王, 2.5 h flat): clocked 09:00-11:00, QC pass, delivered Mon 12:00, promised 17:00: on time.
 * - RO 2 (李, 1.0 h flat): clocked 08:30-09:00, parts stoppage 09:00-10:00, 10:00-11:00; customer
 *   told at 10:30 the car moves from 12:00 to 14:00; QC FAIL (wrong diagnosis), rework 11:30-12:00,
 *   pass; delivered Mon 13:00: late against the original promise, on time against the revised one.
 * - RO 3 (王, 1.5 h flat, a comeback): clocked Tue 08:30-10:30, pass, delivered Tue 11:00,
 *   promised 10:00 and nobody told: late against both.
 */
const TZ = 'Asia/Shanghai'
const at = (date: string, hhmm: string) => localInstant(TZ, date, hhmm)
let now = at('2026-11-22', '09:00')
let h: Harness
let report: ReportSummary

function setNow(date: string, hhmm: string) {
  now = at(date, hhmm)
}

beforeAll(() => {
  h = harness(() => now)
  qcUsers(h)
  const tech = (name: string) => h.ok<Technician>('technician-create', techInput({ name, skills: [{ skill: 'maintenance', level: 3 }] }))
  const wang = tech('王建国')
  const li = tech('李强')
  const items = h.ok<QcChecklistItem[]>('qc-checklist-get').map((i) => i.id)
  const signOff = (id: number, result: 'pass' | 'fail') =>
    h.ok('qc-sign-off', {
      id,
      username: 'zhoujian',
      pin: INSPECTOR_PIN,
      result,
      checkedItemIds: items,
      ...(result === 'fail' ? { failReason: '异响仍在', comebackCause: 'wrong-diagnosis' } : {})
    })
  const order = (promised: number, hours: number, flags: Record<string, boolean> = {}) =>
    h.ok<RepairOrder>(
      'repair-order-create',
      roInput({ promisedAt: new Date(promised).toISOString(), flags, jobLines: [{ description: '维修', skill: 'maintenance', minLevel: 1, hours }] })
    )

  setNow('2026-11-23', '08:00')
  const ro1 = order(at('2026-11-23', '17:00'), 2.5)
  const ro2 = order(at('2026-11-23', '12:00'), 1.0)
  h.ok('repair-order-assign', { id: ro1.id, technicianId: wang.id })
  h.ok('repair-order-assign', { id: ro2.id, technicianId: li.id })
  setNow('2026-11-23', '08:30')
  h.ok('repair-order-start', { id: ro2.id })
  setNow('2026-11-23', '09:00')
  h.ok('repair-order-start', { id: ro1.id })
  h.ok('repair-order-pause', { id: ro2.id, stoppage: { kind: 'parts', parts: '氧传感器' } })
  setNow('2026-11-23', '10:00')
  h.ok('repair-order-resume', { id: ro2.id })
  setNow('2026-11-23', '10:30')
  h.ok('customer-notification-record', { id: ro2.id, revisedPromisedAt: new Date(at('2026-11-23', '14:00')).toISOString(), channel: 'phone', toldBy: '孙丽' })
  setNow('2026-11-23', '11:00')
  h.ok('repair-order-finish', { id: ro1.id, report: REPORT })
  h.ok('repair-order-finish', { id: ro2.id, report: REPORT })
  setNow('2026-11-23', '11:15')
  signOff(ro2.id, 'fail')
  setNow('2026-11-23', '11:30')
  signOff(ro1.id, 'pass')
  expect(h.ok<RepairOrder>('repair-order-get', { id: ro2.id }).status).toBe('assigned')
  h.ok('repair-order-start', { id: ro2.id })
  setNow('2026-11-23', '12:00')
  h.ok('repair-order-deliver', { id: ro1.id })
  h.ok('repair-order-finish', { id: ro2.id, report: REPORT })
  setNow('2026-11-23', '12:10')
  signOff(ro2.id, 'pass')
  setNow('2026-11-23', '13:00')
  h.ok('repair-order-deliver', { id: ro2.id })

  setNow('2026-11-24', '08:00')
  const ro3 = order(at('2026-11-24', '10:00'), 1.5, { comeback: true })
  h.ok('repair-order-assign', { id: ro3.id, technicianId: wang.id })
  setNow('2026-11-24', '08:30')
  h.ok('repair-order-start', { id: ro3.id })
  setNow('2026-11-24', '10:30')
  h.ok('repair-order-finish', { id: ro3.id, report: REPORT })
  setNow('2026-11-24', '10:40')
  signOff(ro3.id, 'pass')
  setNow('2026-11-24', '11:00')
  h.ok('repair-order-deliver', { id: ro3.id })

  setNow('2026-11-25', '09:00')
  report = h.ok<ReportSummary>('report-summary', { from: '2026-11-23', to: '2026-11-24' })
})
afterAll(() => h.close())

describe('report-summary on a hand-made two days', () => {
  it('covers the two local days of the period', () => {
    expect(report.period).toEqual({ from: '2026-11-22T16:00:00.000Z', to: '2026-11-24T16:00:00.000Z', timeZone: TZ, days: 2 })
  })

  it('measures delivery against the original and the revised promise, and customers told in advance', () => {
    expect(report.delivery).toEqual({
      delivered: 3,
      onTimeOriginal: 1,
      onTimeRevised: 2,
      onTimeRateOriginal: 1 / 3,
      onTimeRateRevised: 2 / 3,
      lateOriginal: 2,
      toldInAdvance: 1,
      lateToldInAdvance: 1,
      toldInAdvanceShareOfLate: 0.5
    })
  })

  it('counts first-time fixes from the first QC record, and failures by comeback cause', () => {
    expect(report.quality).toEqual({
      firstTimePass: 2,
      firstTimeFixRate: 2 / 3,
      qcFailures: 1,
      comebacksByCause: {
        'poor-sa-questioning': 0,
        'no-primary-repair-item': 0,
        'wrong-diagnosis': 1,
        'technician-lacking-skill': 0,
        'missing-tools-equipment': 0,
        'poor-delivery-explanation': 0
      },
      comebackOrders: 1
    })
  })

  it('gives each technician flat-rate against actual hours, and clocked against available hours', () => {
    const line = (name: string) => report.technicians.find((t) => t.name === name)
    // 王: 2.5 + 1.5 h flat, 2 + 2 h clocked; two days of 08:30-17:30 less lunch = 16 h available
    expect(line('王建国')).toMatchObject({ delivered: 2, flatRateHours: 4, actualHours: 4, efficiency: 1, clockedHours: 4, availableHours: 16, utilisation: 0.25 })
    // 李: 1.0 h flat, 0.5 + 1 + 0.5 h clocked (the parts stoppage never counts as labour)
    expect(line('李强')).toMatchObject({ delivered: 1, flatRateHours: 1, actualHours: 2, efficiency: 0.5, clockedHours: 2, availableHours: 16, utilisation: 0.125 })
    expect(report.labour).toEqual({ flatRateHours: 5, actualHours: 6, efficiency: 5 / 6, clockedHours: 6, availableHours: 32, utilisation: 6 / 32 })
  })

  it('sums stoppage hours by reason', () => {
    expect(report.stoppageHours).toEqual({ parts: 1, sublet: 0, approval: 0, tools: 0, other: 0 })
  })

  it('has one daily row per local day for the charts', () => {
    expect(report.daily).toEqual([
      { date: '2026-11-23', delivered: 2, onTime: 1, onTimeRate: 0.5, flatRateHours: 3.5, actualHours: 4 },
      { date: '2026-11-24', delivered: 1, onTime: 0, onTimeRate: 0, flatRateHours: 1.5, actualHours: 2 }
    ])
  })

  it('an empty period has zero counts and unknown (null) rates, never 0 % or 100 %', () => {
    const empty = h.ok<ReportSummary>('report-summary', { from: '2026-10-01', to: '2026-10-31' })
    expect(empty.delivery.delivered).toBe(0)
    expect(empty.delivery.onTimeRateOriginal).toBeNull()
    expect(empty.quality.firstTimeFixRate).toBeNull()
    expect(empty.labour.efficiency).toBeNull()
    expect(empty.daily).toHaveLength(31)
    expect(empty.daily.every((d) => d.delivered === 0 && d.onTimeRate === null)).toBe(true)
  })

  it('takes instants too: Monday morning only holds nothing delivered, the afternoon both of Monday\'s cars', () => {
    const morning = h.ok<ReportSummary>('report-summary', { from: '2026-11-23T00:00:00Z', to: '2026-11-23T03:00:00Z' })
    expect(morning.delivery.delivered).toBe(0)
    const day = h.ok<ReportSummary>('report-summary', { from: '2026-11-23T03:00:00Z', to: '2026-11-23T06:00:00Z' })
    expect(day.delivery.delivered).toBe(2)
  })

  it('refuses a reversed period and one over 400 days with VALIDATION', () => {
    expect(h.fail('report-summary', { from: '2026-11-24', to: '2026-11-23' }).code).toBe('VALIDATION')
    expect(h.fail('report-summary', { from: '2025-01-01', to: '2026-06-30' }).code).toBe('VALIDATION')
    expect(h.fail('report-summary', { from: 'yesterday', to: '2026-06-30' }).code).toBe('VALIDATION')
  })

  it('writes nothing: no audit row, same version', () => {
    const before = h.core.version()
    h.ok('report-summary', { from: '2026-11-23', to: '2026-11-24' })
    expect(h.core.version()).toBe(before)
  })
})

describe("the board header's first-time-pass figure (delivery_totals, migration 004)", () => {
  it('follows every delivery through the trigger', () => {
    expect(h.ok<{ qc: { delivered: number; firstTimePass: number } }>('board-get').qc).toMatchObject({ delivered: 3, firstTimePass: 2 })
    const counted = h.db.prepare('SELECT count(*) AS n, sum(first_time_pass) AS ftp FROM deliveries').get()
    expect(counted).toEqual({ n: 3, ftp: 2 })
  })

  it('is filled from the deliveries already on a file upgraded from version 3', () => {
    const t = tempDir('wdb-m004-')
    try {
      const raw = new Database(t.file)
      raw.pragma('foreign_keys = OFF') // deliveries without their orders: only the totals matter here
      migrations.slice(0, 3).forEach((up) => up(raw))
      raw.pragma('user_version = 3')
      const d = raw.prepare(`INSERT INTO deliveries VALUES (?, 1, 'x', 1, 1, 'clock', ?)`)
      d.run(1, 1)
      d.run(2, 0)
      d.run(3, 1)
      raw.close()
      const db = openDatabase(t.file)
      expect(db.prepare('SELECT delivered, first_time_pass FROM delivery_totals').all()).toEqual([{ delivered: 3, first_time_pass: 2 }])
      db.close()
    } finally {
      t.cleanup()
    }
  })
})

describe('who may read reports (roles.ts)', () => {
  const period = { from: '2026-11-23', to: '2026-11-24' }
  it('the dispatcher and the administrator (the service manager) may', () => {
    expect(callAs(h, as('dispatcher'), 'report-summary', period).ok).toBe(true)
    expect(callAs(h, as('admin'), 'report-summary', period).ok).toBe(true)
  })
  it('QC inspectors, technicians and wall displays may not; nobody logged in is asked to log in', () => {
    for (const role of ['qc_inspector', 'technician', 'wall_display'] as const) {
      const r = callAs(h, as(role, { technicianId: role === 'technician' ? 1 : null }), 'report-summary', period)
      expect(r.ok ? 'ok' : r.error.code, role).toBe('FORBIDDEN')
    }
    const r = h.core.dispatch('report-summary', period, { actor: 'lan', role: null })
    expect(r.ok ? 'ok' : r.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('repair-order-export: the same two days for the DMS', () => {
  it('gives each delivered order its facts at delivery, clocked and stoppage hours, promise and QC', () => {
    const before = h.counts()
    const out = h.ok<DeliveredOrdersExport>('repair-order-export', { from: '2026-11-23', to: '2026-11-24' })
    expect(out.timeZone).toBe(TZ)
    const row = (o: DeliveredOrdersExport['orders'][number]) => [
      o.technician, o.flatRateHours, o.actualHours, o.stoppageHours, o.promisedAt, o.originalPromisedAt, o.deliveredAt,
      o.toldInAdvance, o.firstTimePass, o.comeback, o.qcInspector, o.jobLines.map((l) => [l.description, l.skill, l.hours])
    ]
    // on time against the original promise, as the Reports page counts it: RO 2 came at 13:00 against 12:00
    expect(out.orders.map((o) => o.onTime)).toEqual([true, false, false])
    expect(out.orders.map(row)).toEqual([
      // RO 1: on time, passed first time
      ['王建国', 2.5, 2, 0, at('2026-11-23', '17:00'), null, at('2026-11-23', '12:00'), false, true, false, '周检', [['维修', 'maintenance', 2.5]]],
      // RO 2: 0.5 + 1 + 0.5 h rework clocked, 1 h waiting for parts, promise moved 12:00 -> 14:00 after telling the customer
      ['李强', 1, 2, 1, at('2026-11-23', '14:00'), at('2026-11-23', '12:00'), at('2026-11-23', '13:00'), true, false, false, '周检', [['维修', 'maintenance', 1]]],
      // RO 3: the comeback, late and nobody told
      ['王建国', 1.5, 2, 0, at('2026-11-24', '10:00'), null, at('2026-11-24', '11:00'), false, true, true, '周检', [['维修', 'maintenance', 1.5]]]
    ])
    expect(out.orders.map((o) => o.customerName)).toEqual(['刘先生', '刘先生', '刘先生'])
    expect(h.counts()).toEqual(before)
    // the period excludes the days around it
    expect(h.ok<DeliveredOrdersExport>('repair-order-export', { from: '2026-11-24', to: '2026-11-24' }).orders).toHaveLength(1)
    expect(h.fail('repair-order-export', { from: '2026-11-24', to: '2026-11-23' }).code).toBe('VALIDATION')
  })
})
