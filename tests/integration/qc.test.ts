import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import type { QcQueueEntry, SignOffResult } from '../../src/main/services/qc'
import type { DeliveryResult } from '../../src/main/services/delivery'
import type { TimelineEntry } from '../../src/main/services/history'
import type { QcRecord } from '../../src/main/db/qc.repo'
import type { BoardSnapshot } from '../../src/main/services/board'
import type { QcChecklistItem } from '../../src/shared/domain/qc-checklist'
import Database from 'better-sqlite3'
import { createCore } from '../../src/main/core/core'
import { migrations } from '../../src/main/db/migrations'
import { openDatabase } from '../../src/main/db/open'
import { harness, roInput, roUpdate, tempDir, type Harness } from './helpers'
import { ADMIN, as, callAs, DISPATCHER_PIN, INSPECTOR_PIN, newTech, okAs, orderAwaitingQc, qcUsers } from './qc-helpers'

const T0 = Date.parse('2026-11-25T01:00:00Z')
let now = T0
let h: Harness
let tech: Technician

const ALL_ITEMS = ['requested-work', 'technician-report', 'replaced-parts', 'vehicle-clean', 'road-test']
const pass = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  username: 'zhoujian',
  pin: INSPECTOR_PIN,
  result: 'pass',
  checkedItemIds: ALL_ITEMS,
  ...over
})
const fail = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  username: 'zhoujian',
  pin: INSPECTOR_PIN,
  result: 'fail',
  checkedItemIds: ['requested-work'],
  failReason: '刹车异响仍在',
  comebackCause: 'wrong-diagnosis',
  ...over
})
const qcRecordCount = () => (h.db.prepare('SELECT count(*) AS n FROM qc_records').get() as { n: number }).n
const order = (id: number) => h.ok<RepairOrder>('repair-order-get', { id })

beforeEach(() => {
  now = T0
  h = harness(() => now)
  qcUsers(h)
  tech = newTech(h)
})
afterEach(() => h.close())

describe('the QC queue', () => {
  it('ranks by the ten priorities, then promised time, and says how long each has waited', () => {
    const t2 = newTech(h, '李明')
    const t3 = newTech(h, '张伟')
    const t4 = newTech(h, '刘洋')
    const routineEarly = orderAwaitingQc(h, tech, { promisedAt: '2026-11-25T03:00:00Z' })
    now += 10 * 60_000
    const brake = orderAwaitingQc(h, t2, { flags: ['brakeSuspension'], promisedAt: '2026-11-25T09:00:00Z' })
    now += 10 * 60_000
    const comeback = orderAwaitingQc(h, t3, { flags: ['comeback'], promisedAt: '2026-11-25T10:00:00Z' })
    now += 10 * 60_000
    const warrantyEarly = orderAwaitingQc(h, t4, { flags: ['warranty'], promisedAt: '2026-11-25T04:00:00Z' })
    now += 5 * 60_000

    const queue = okAs<QcQueueEntry[]>(h, as('qc_inspector'), 'qc-queue')
    expect(queue.map((e) => e.order.id)).toEqual([comeback.id, warrantyEarly.id, brake.id, routineEarly.id])
    expect(queue.map((e) => e.priority)).toEqual([1, 4, 9, 11])
    expect(queue.map((e) => e.waitedMinutes)).toEqual([15, 5, 25, 35])
    // The road test is required for brake/suspension and comeback orders, optional otherwise.
    expect(queue[0].requiredItemIds).toContain('road-test')
    expect(queue[3].requiredItemIds).not.toContain('road-test')
    expect(queue[0].order.technicianReport?.workDone).toBe('更换前刹车片')

    const board = h.ok<BoardSnapshot>('board-get')
    expect(board.qc).toEqual({ awaiting: 4, oldestWaitMinutes: 35, ready: 0, delivered: 0, firstTimePass: 0 })
  })
})

describe('the sign-off picker', () => {
  it('lists active QC inspectors by name, without PIN hashes or lock state', () => {
    const list = h.ok<unknown[]>('qc-inspector-list')
    expect(list).toEqual([{ id: expect.any(Number), name: '周检', username: 'zhoujian' }])
  })
})

describe('the checklist template', () => {
  it('starts with the five default items; road test required for brake/suspension, safety and comebacks', () => {
    const items = h.ok<QcChecklistItem[]>('qc-checklist-get')
    expect(items.map((i) => i.id)).toEqual(ALL_ITEMS)
    expect(items[4].requiredWhen).toEqual({ kind: 'anyFlag', flags: ['brakeSuspension', 'safetyRelated', 'comeback'] })
    expect(items.slice(0, 4).every((i) => i.requiredWhen.kind === 'always')).toBe(true)
  })

  it('is edited by the administrator only; a record keeps the checklist as it was signed', () => {
    const o = orderAwaitingQc(h, tech)
    const items = h.ok<QcChecklistItem[]>('qc-checklist-get')
    expect(h.fail('qc-checklist-update', { items }).code).toBe('FORBIDDEN')
    const edited = [...items.slice(0, 4), { ...items[4], requiredWhen: { kind: 'always' } }, { id: 'tyre-pressure', labelEn: 'Tyre pressure', labelZh: '胎压', requiredWhen: { kind: 'optional' } }]
    okAs(h, ADMIN, 'qc-checklist-update', { items: edited })
    // Road test now always required: a pass without it is refused.
    expect(h.fail('qc-sign-off', pass(o.id, { checkedItemIds: ALL_ITEMS.slice(0, 4) })).code).toBe('QC_INCOMPLETE')
    const r = h.ok<SignOffResult>('qc-sign-off', pass(o.id))
    expect(r.record.checklist.map((l) => [l.id, l.required, l.checked])).toEqual([
      ['requested-work', true, true],
      ['technician-report', true, true],
      ['replaced-parts', true, true],
      ['vehicle-clean', true, true],
      ['road-test', true, true],
      ['tyre-pressure', false, false]
    ])
    okAs(h, ADMIN, 'qc-checklist-update', { items })
    expect(h.ok<QcRecord[]>('qc-record-list', { id: o.id })[0].checklist).toHaveLength(6)
  })
})

describe('fail -> rework at the top of the same technician\'s queue -> pass -> deliver', () => {
  it('goes the whole way, with one audit row per step and an immutable record per attempt', () => {
    const o = orderAwaitingQc(h, tech, { flags: ['brakeSuspension'], hours: 1.5 })
    // Meanwhile the technician has a current job and two next jobs.
    const a = h.ok<RepairOrder>('repair-order-create', roInput())
    const b = h.ok<RepairOrder>('repair-order-create', roInput())
    const c = h.ok<RepairOrder>('repair-order-create', roInput())
    for (const x of [a, b, c]) h.ok('repair-order-assign', { id: x.id, technicianId: tech.id })
    expect(order(a.id).status).toBe('assigned')
    expect(order(b.id).queuePosition!).toBeLessThan(order(c.id).queuePosition!)

    const audit = h.counts().audit
    now += 20 * 60_000
    const failed = h.ok<SignOffResult>('qc-sign-off', fail(o.id))
    expect(h.counts().audit).toBe(audit + 1)
    expect(failed.order).toMatchObject({ status: 'queued', technicianId: tech.id })
    // ahead of b and c, which keep their places behind it (queue positions are ranks)
    expect(failed.order.queuePosition!).toBeLessThan(order(b.id).queuePosition!)
    expect(order(b.id).queuePosition!).toBeLessThan(order(c.id).queuePosition!)
    expect(order(a.id).status).toBe('assigned')
    expect(failed.record).toMatchObject({
      attempt: 1,
      result: 'fail',
      inspectorName: '周检',
      signedAt: new Date(now).toISOString(),
      meaning: { en: 'QC failed: 刹车异响仍在', zh: '质检不合格：刹车异响仍在' },
      comebackCause: 'wrong-diagnosis',
      technicianId: tech.id
    })

    // The technician finishes the current job; the rework moves up first, ahead of b and c.
    h.ok('repair-order-start', { id: a.id })
    h.ok('repair-order-finish', { id: a.id, report: { workDone: 'x', cause: 'y', fix: 'z' } })
    expect(order(o.id).status).toBe('assigned')
    h.ok('repair-order-start', { id: o.id })
    now += 30 * 60_000
    h.ok('repair-order-finish', { id: o.id, report: { workDone: '重新诊断', cause: '卡钳导向销锈蚀', fix: '更换导向销' } })

    const passed = h.ok<SignOffResult>('qc-sign-off', pass(o.id))
    expect(passed.order.status).toBe('ready')
    expect(passed.record).toMatchObject({ attempt: 2, result: 'pass', meaning: { en: 'QC passed', zh: '质检合格' }, failReason: null })
    expect(h.ok<QcRecord[]>('qc-record-list', { id: o.id }).map((r) => r.result)).toEqual(['fail', 'pass'])

    const delivered = h.ok<DeliveryResult>('repair-order-deliver', { id: o.id })
    expect(delivered.order.status).toBe('delivered')
    expect(delivered.flatRateHours).toBe(1.5)
    expect(delivered.actualSource).toBe('clock')
    expect(delivered.actualHours).toBe(0.5) // the 30 clocked minutes of the rework; the first run took 0
    expect(delivered.differenceHours).toBe(-1)
    expect(delivered.firstTimePass).toBe(false)
    expect(h.ok<BoardSnapshot>('board-get').qc).toMatchObject({ delivered: 1, firstTimePass: 0 })
  })

  it('a failed order goes straight back to work when its technician\'s slot is free', () => {
    const o = orderAwaitingQc(h, tech)
    const r = h.ok<SignOffResult>('qc-sign-off', fail(o.id))
    expect(r.order).toMatchObject({ status: 'assigned', technicianId: tech.id, queuePosition: null })
  })

  it('records a first-time pass for the first-time-fix figure', () => {
    const o = orderAwaitingQc(h, tech)
    h.ok('qc-sign-off', pass(o.id, { checkedItemIds: ALL_ITEMS.slice(0, 4) }))
    const d = h.ok<DeliveryResult>('repair-order-deliver', { id: o.id })
    expect(d.firstTimePass).toBe(true)
    expect(h.db.prepare('SELECT first_time_pass FROM deliveries WHERE repair_order_id = ?').get(o.id)).toEqual({ first_time_pass: 1 })
  })
})

describe('nothing bypasses the gate', () => {
  let o: RepairOrder
  beforeEach(() => {
    o = orderAwaitingQc(h, tech, { flags: ['safetyRelated'] })
  })
  const unchanged = () => {
    expect(order(o.id).status).toBe('awaiting_qc')
    expect(qcRecordCount()).toBe(0)
  }

  it('a drag onto a lane (repair-order-assign) is refused', () => {
    const other = newTech(h, '李明')
    expect(h.fail('repair-order-assign', { id: o.id, technicianId: other.id }).code).toBe('NOT_MOVABLE')
    expect(h.fail('repair-order-assign', { id: o.id, technicianId: tech.id }).code).toBe('NOT_MOVABLE')
    unchanged()
  })

  it('a drag back to the pool (repair-order-unassign) is refused', () => {
    expect(h.fail('repair-order-unassign', { id: o.id }).code).toBe('NOT_MOVABLE')
    unchanged()
  })

  it('an edit cannot carry a status, and a valid edit leaves the order awaiting QC', () => {
    expect(h.fail('repair-order-update', { ...roUpdate(o), status: 'ready' }).code).toBe('VALIDATION')
    h.ok('repair-order-update', roUpdate(order(o.id), { notes: 'customer called' }))
    unchanged()
  })

  it('delivery before a pass is refused', () => {
    expect(h.fail('repair-order-deliver', { id: o.id }).code).toBe('ILLEGAL_TRANSITION')
    unchanged()
  })

  it('a pass with a required item unticked is refused (road test on a safety-related order)', () => {
    const e = h.fail('qc-sign-off', pass(o.id, { checkedItemIds: ALL_ITEMS.slice(0, 4) }))
    expect(e.code).toBe('QC_INCOMPLETE')
    expect(e.message.en).toContain('Road test')
    expect(e.message.zh).toContain('路试')
    unchanged()
  })

  it('a pass with a wrong PIN is refused', () => {
    expect(h.fail('qc-sign-off', pass(o.id, { pin: '000000' })).code).toBe('PIN_INVALID')
    unchanged()
  })

  it('a pass signed by a user who is not a QC inspector is refused, even with their right PIN', () => {
    expect(h.fail('qc-sign-off', pass(o.id, { username: 'li', pin: DISPATCHER_PIN })).code).toBe('NOT_INSPECTOR')
    unchanged()
  })

  it('a technician or the wall display cannot submit a sign-off at all', () => {
    for (const role of ['technician', 'wall_display', 'admin'] as const) {
      const r = callAs(h, as(role, { technicianId: tech.id }), 'qc-sign-off', pass(o.id))
      expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN')
    }
    unchanged()
  })

  it('a checklist item that is not on the template is refused', () => {
    expect(h.fail('qc-sign-off', pass(o.id, { checkedItemIds: [...ALL_ITEMS, 'made-up'] })).code).toBe('QC_UNKNOWN_ITEM')
    unchanged()
  })

  it('a fail needs a reason and a comeback cause; a pass may not carry them', () => {
    expect(h.fail('qc-sign-off', fail(o.id, { failReason: undefined })).code).toBe('VALIDATION')
    expect(h.fail('qc-sign-off', fail(o.id, { comebackCause: undefined })).code).toBe('VALIDATION')
    expect(h.fail('qc-sign-off', fail(o.id, { comebackCause: 'bad-luck' })).code).toBe('VALIDATION')
    expect(h.fail('qc-sign-off', pass(o.id, { failReason: 'x' })).code).toBe('VALIDATION')
    unchanged()
  })

  it('signing an order that is not awaiting QC is refused', () => {
    const fresh = h.ok<RepairOrder>('repair-order-create', roInput())
    expect(h.fail('qc-sign-off', pass(fresh.id)).code).toBe('ILLEGAL_TRANSITION')
    expect(order(fresh.id).status).toBe('waiting')
  })

  it('no clock command moves it either (start, pause, resume, park, finish)', () => {
    for (const [name, args] of [
      ['repair-order-start', { id: o.id }],
      ['repair-order-pause', { id: o.id, stoppage: { kind: 'tools', equipment: '举升机' } }],
      ['repair-order-resume', { id: o.id }],
      ['repair-order-park', { id: o.id }],
      ['repair-order-finish', { id: o.id, report: { workDone: 'a', cause: 'b', fix: 'c' } }]
    ] as const) {
      expect(h.fail(name, args).code, name).toBe('ILLEGAL_TRANSITION')
    }
    unchanged()
  })

  it('cancelling is allowed (model.md: any state before delivered), and writes no QC record', () => {
    h.ok('repair-order-cancel', { id: o.id, reason: '客户取消' })
    expect(order(o.id).status).toBe('cancelled')
    expect(qcRecordCount()).toBe(0)
  })

  it('the database itself refuses "ready" without a pass record, "delivered" from anything but ready, and imports past QC', () => {
    expect(() => h.db.prepare("UPDATE repair_orders SET status = 'ready' WHERE id = ?").run(o.id)).toThrow(/QC gate/)
    expect(() => h.db.prepare("UPDATE repair_orders SET status = 'delivered' WHERE id = ?").run(o.id)).toThrow(/QC gate/)
    expect(() =>
      h.db
        .prepare(
          `INSERT INTO repair_orders (ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at,
             status, technician_id, created_at, updated_at) VALUES ('IMP-1', 'X', 'M', 'C', '13800138000', 'SA', 0, 'ready', ?, 0, 0)`
        )
        .run(tech.id)
    ).toThrow(/QC gate/)
    unchanged()
    // After a fail the latest record is a fail, so the database gate stays shut.
    h.ok('qc-sign-off', fail(o.id))
    expect(() => h.db.prepare("UPDATE repair_orders SET status = 'ready' WHERE id = ?").run(o.id)).toThrow(/QC gate/)
  })
})

describe('QC records are never edited', () => {
  it('UPDATE and DELETE raise; a new attempt writes a new record', () => {
    const o = orderAwaitingQc(h, tech)
    const first = h.ok<SignOffResult>('qc-sign-off', fail(o.id)).record
    expect(() => h.db.prepare("UPDATE qc_records SET result = 'pass' WHERE id = ?").run(first.id)).toThrow(/immutable/)
    expect(() => h.db.prepare('UPDATE qc_records SET inspector_name = ? WHERE id = ?').run('someone', first.id)).toThrow(/immutable/)
    expect(() => h.db.prepare('DELETE FROM qc_records WHERE id = ?').run(first.id)).toThrow(/immutable/)
    h.ok('repair-order-start', { id: o.id })
    h.ok('repair-order-finish', { id: o.id, report: { workDone: 'a', cause: 'b', fix: 'c' } })
    h.ok('qc-sign-off', pass(o.id, { checkedItemIds: ALL_ITEMS.slice(0, 4) }))
    const records = h.ok<QcRecord[]>('qc-record-list', { id: o.id })
    expect(records.map((r) => [r.attempt, r.result])).toEqual([
      [1, 'fail'],
      [2, 'pass']
    ])
    expect(records[0]).toEqual(first)
  })

  it('renaming the inspector later does not change the printed name on the record', () => {
    const o = orderAwaitingQc(h, tech)
    const rec = h.ok<SignOffResult>('qc-sign-off', pass(o.id, { checkedItemIds: ALL_ITEMS.slice(0, 4) })).record
    const u = okAs<{ id: number; version: number }[]>(h, ADMIN, 'user-list').find((x) => x.id === rec.inspectorUserId)!
    okAs(h, ADMIN, 'user-update', { id: u.id, version: u.version, name: '周质检' })
    expect(h.ok<QcRecord[]>('qc-record-list', { id: o.id })[0].inspectorName).toBe('周检')
  })
})

describe('the order\'s history', () => {
  it('tells created, assigned, clocked, finished, QC and delivered, with who and when', () => {
    const o = orderAwaitingQc(h, tech, { flags: ['comeback'] })
    now += 60_000
    h.ok('qc-sign-off', fail(o.id))
    h.ok('repair-order-start', { id: o.id })
    h.ok('repair-order-finish', { id: o.id, report: { workDone: 'a', cause: 'b', fix: 'c' } })
    h.ok('qc-sign-off', pass(o.id))
    h.ok('repair-order-deliver', { id: o.id })
    const timeline = h.ok<TimelineEntry[]>('repair-order-history', { id: o.id })
    expect(timeline.map((e) => e.kind)).toEqual([
      'created',
      'assigned',
      'clocked-on',
      'finished',
      'qc-failed',
      'clocked-on',
      'finished',
      'qc-passed',
      'delivered'
    ])
    const qcFail = timeline[4]
    expect(qcFail).toMatchObject({ who: '周检', statusFrom: 'awaiting_qc', statusTo: 'assigned', technicianTo: { id: tech.id, name: '王建国' } })
    expect(qcFail.qc).toMatchObject({ attempt: 1, result: 'fail', comebackCause: 'wrong-diagnosis' })
    expect(qcFail.at).toBe(new Date(T0 + 60_000).toISOString())
    expect(timeline[0].who).toBe('test-dispatcher')
  })

  it('a technician reads the history of their own orders only', () => {
    const o = orderAwaitingQc(h, tech)
    const other = newTech(h, '李明')
    expect(callAs(h, as('technician', { technicianId: tech.id }), 'repair-order-history', { id: o.id }).ok).toBe(true)
    const r = callAs(h, as('technician', { technicianId: other.id }), 'repair-order-history', { id: o.id })
    expect(r.ok ? 'ok' : r.error.code).toBe('FORBIDDEN')
  })
})

describe('migration 003 on a file written before it', () => {
  it('keeps the orders, seeds the default checklist, and counts an order already awaiting QC from its last change', () => {
    const t = tempDir()
    try {
      const raw = new Database(t.file)
      raw.pragma('foreign_keys = ON')
      migrations[0](raw)
      migrations[1](raw)
      raw.pragma('user_version = 2')
      raw.prepare("INSERT INTO technicians (name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES ('老技师', 'OLD1', '08:30', '17:30', 0, 0)").run()
      // Written by SQL on purpose: a file from before issue 4 with an order already in QC.
      raw
        .prepare(
          `INSERT INTO repair_orders (ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at,
             status, technician_id, created_at, updated_at) VALUES ('OLD-1', 'X', 'M', 'C', '13800138000', 'SA', ?, 'awaiting_qc', 1, ?, ?)`
        )
        .run(T0 + 3_600_000, T0 - 40 * 60_000, T0 - 40 * 60_000)
      raw.close()
      const db = openDatabase(t.file)
      const core = createCore({ db, clock: () => T0, log: () => {} })
      const r = core.dispatch('qc-queue', {}, { actor: 'test' })
      expect(r.ok && (r.result as QcQueueEntry[]).map((e) => [e.order.roNumber, e.waitedMinutes])).toEqual([['OLD-1', 40]])
      const items = core.dispatch('qc-checklist-get', {}, { actor: 'test' })
      expect(items.ok && (items.result as QcChecklistItem[]).length).toBe(5)
      db.close()
    } finally {
      t.cleanup()
    }
  })
})
