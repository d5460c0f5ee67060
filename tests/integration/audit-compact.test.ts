import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import { openDatabase } from '../../src/main/db/open'
import { migrations, SCHEMA_VERSION } from '../../src/main/db/migrations'
import { createCore } from '../../src/main/core/core'
import { listStoredAudit } from '../../src/main/db/audit.repo'
import { orderCreationState, orderStatesFromAudit } from '../../src/main/services/history'
import { technicianReportsOf } from '../../src/main/db/clock.repo'
import { harness, roInput, techInput, tempDir, type Harness } from './helpers'

/**
 * Issue 5: the audit log keeps only what changed (deflated with a dictionary, audit-codec.ts),
 * and nothing of an order at its creation. These tests prove nothing is lost by it: the order
 * as created and before and after every row is rebuilt from the current order and its rows;
 * a v4 file's rows are converted without loss; the log stays append-only; an order's history
 * is an indexed lookup.
 */
const T0 = Date.parse('2026-11-25T01:00:00Z')
const MIN = 60_000
let h: Harness | undefined
let now = T0
afterEach(() => {
  h?.close()
  h = undefined
})

/** What a state comparison may ignore: the time of the last change (it is the time of the row). */
const comparable = (o: Record<string, unknown> | null | undefined) => {
  if (!o) return o
  const { updatedAt: _u, ...rest } = o
  return rest
}

describe('the order as created, and before and after each row, rebuilt from the current order', () => {
  it('after edits, a move, the clock, a stoppage and a customer told of a new promise', () => {
    now = T0
    h = harness(() => now)
    const step = <T>(name: string, args: unknown): T => {
      now += 7 * MIN + 123
      return h!.ok<T>(name, args)
    }
    const tech = step<Technician>('technician-create', techInput())
    const input = roInput({ notes: 'customer waits', flags: { waitingCustomer: true } })
    const created = step<RepairOrder>('repair-order-create', input)
    const seen: RepairOrder[] = [created]
    let o = step<RepairOrder>('repair-order-update', {
      ...input,
      id: created.id,
      version: created.version,
      customerPhone: '13900000000',
      jobLines: [
        { description: '常规保养', skill: 'maintenance', minLevel: 1, hours: 1 },
        { description: '更换前刹车片', skill: 'maintenance', minLevel: 1, hours: 0.5 }
      ]
    })
    seen.push(o)
    seen.push(step<RepairOrder>('repair-order-assign', { id: o.id, technicianId: tech.id }))
    seen.push(step<RepairOrder>('repair-order-start', { id: o.id }))
    seen.push(step<RepairOrder>('repair-order-pause', { id: o.id, stoppage: { kind: 'parts', parts: '刹车片', expectedArrivalAt: '2026-11-25T05:00:00Z' } }))
    seen.push(step<RepairOrder>('repair-order-resume', { id: o.id }))
    seen.push(step<RepairOrder>('repair-order-finish', { id: o.id, report: { workDone: '更换刹车片', cause: '磨损', fix: '更换' } }))
    o = step<RepairOrder>('repair-order-get', { id: o.id })
    step('customer-notification-record', { id: o.id, revisedPromisedAt: '2026-11-25T10:00:00Z', channel: 'phone', toldBy: '孙丽', toldAt: new Date(now).toISOString() })
    seen.push(step<RepairOrder>('repair-order-get', { id: o.id }))

    const rebuilt = orderCreationState(h.db, created.id)
    expect(comparable(rebuilt as unknown as Record<string, unknown>)).toEqual(comparable(created as unknown as Record<string, unknown>))

    // and the state after each row is the order as the command returned it
    const current = h.ok<RepairOrder>('repair-order-get', { id: o.id })
    const rows = listStoredAudit(h.db, { entity: 'repair_order', entityId: o.id, limit: 100 })
    const states = orderStatesFromAudit(current, rows, technicianReportsOf(h.db, o.id))
    const afters = [...rows].reverse().map((r) => comparable(states.get(r.id)?.after))
    expect(afters).toEqual(seen.map((x) => comparable(x as unknown as Record<string, unknown>)))
  })

  it('audit-list shows a creation row with the whole order, as it always did', () => {
    h = harness()
    const o = h.ok<RepairOrder>('repair-order-create', roInput({ roNumber: 'RO-LIST' }))
    h.ok('repair-order-update', { ...roInput({ roNumber: 'RO-LIST2' }), id: o.id, version: o.version })
    const rows = h.ok<{ command: string; before: { repairOrders: Record<string, unknown> }; after: { repairOrders: Record<string, unknown> } }[]>('audit-list', {
      entity: 'repair_order',
      entityId: o.id
    })
    expect(rows.map((r) => r.command)).toEqual(['repair-order-update', 'repair-order-create'])
    expect(rows[1].before.repairOrders[o.id]).toBeNull()
    expect(rows[1].after.repairOrders[o.id]).toMatchObject({ roNumber: 'RO-LIST', jobLines: o.jobLines, version: 1 })
    expect(rows[0].after.repairOrders[o.id]).toMatchObject({ roNumber: 'RO-LIST2' })
  })
})

describe('a drop into a queue with no room left (placement-only touch of the queue it spaces out)', () => {
  it('the event carries every moved order exactly as a fresh read gives it, and the audit row their moves', () => {
    h = harness()
    const t = h.ok<Technician>('technician-create', techInput())
    const queue = [0, 1, 2, 3].map(() => h!.ok<RepairOrder>('repair-order-assign', { id: h!.ok<RepairOrder>('repair-order-create', roInput()).id, technicianId: t.id }))
    // places 0, 1, 2 as earlier versions wrote them: no room between neighbours
    queue.slice(1).forEach((o, i) => h!.db.prepare('UPDATE repair_orders SET queue_position = ? WHERE id = ?').run(i, o.id))
    const dropped = h.ok<RepairOrder>('repair-order-create', roInput())
    const events: { orders: RepairOrder[] }[] = []
    h.core.subscribe((c) => events.push(c))
    h.ok('repair-order-assign', { id: dropped.id, technicianId: t.id, position: 1 })
    expect(events).toHaveLength(1)
    const ids = events[0].orders.map((o) => o.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(ids).toEqual(expect.arrayContaining([dropped.id, queue[2].id, queue[3].id]))
    for (const o of events[0].orders) expect(o).toEqual(h.ok<RepairOrder>('repair-order-get', { id: o.id }))
    const row = h.ok<{ before: { repairOrders: Record<string, unknown> }; after: { repairOrders: Record<string, unknown> } }[]>('audit-list', { limit: 1 })[0]
    expect(row.before.repairOrders[queue[2].id]).toEqual({ queuePosition: 1 })
    expect(row.after.repairOrders[queue[2].id]).toEqual({ queuePosition: 2048 })
    expect(row.after.repairOrders[dropped.id]).toMatchObject({ status: 'queued', queuePosition: 1024 })
  })
})

describe('the log stays append-only', () => {
  it('UPDATE and DELETE of audit rows, their links and names raise', () => {
    h = harness()
    const t = h.ok<Technician>('technician-create', techInput())
    const ids = [1, 2].map(() => h!.ok<RepairOrder>('repair-order-create', roInput()).id)
    for (const id of ids) h.ok('repair-order-assign', { id, technicianId: t.id })
    h.ok('repair-order-unassign', { id: ids[0] }) // moves the queue: a row of several orders, linked in audit_entities
    h.ok('repair-order-start', { id: ids[1] })
    h.ok('repair-order-finish', { id: ids[1], report: { workDone: 'done', cause: 'worn', fix: 'replaced' } })
    const db = h.db
    expect((db.prepare('SELECT count(*) AS n FROM audit_entities').get() as { n: number }).n).toBeGreaterThan(0)
    for (const sql of [
      'UPDATE audit_log SET at = 0',
      'DELETE FROM audit_log',
      'UPDATE audit_entities SET entity_id = 0',
      'DELETE FROM audit_entities',
      "UPDATE audit_actors SET name = 'someone else'",
      'DELETE FROM audit_actors',
      "UPDATE audit_commands SET name = 'x'",
      'DELETE FROM audit_commands',
      "UPDATE technician_reports SET fix = 'x'",
      'DELETE FROM technician_reports'
    ])
      expect(() => db.prepare(sql).run(), sql).toThrow(/append-only/)
  })
})

describe("an order's history is one indexed lookup", () => {
  it('EXPLAIN QUERY PLAN: the order_id index and the links primary key, no scan', () => {
    h = harness()
    const plan = (
      h.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT a.id FROM audit_log a WHERE a.id IN (SELECT id FROM audit_log WHERE order_id = ?
             UNION ALL SELECT audit_id FROM audit_entities WHERE entity = 1 AND entity_id = ?) ORDER BY a.id DESC LIMIT 500`
        )
        .all(1, 1) as { detail: string }[]
    ).map((p) => p.detail)
    expect(plan.join('\n')).toMatch(/SEARCH audit_log USING (COVERING )?INDEX audit_log_order \(order_id=\?\)/)
    expect(plan.join('\n')).toMatch(/SEARCH audit_entities USING PRIMARY KEY \(entity=\? AND entity_id=\?\)/)
    expect(plan.filter((d) => /^SCAN audit_(log|entities)/.test(d))).toEqual([])
  })
})

describe('migration 005 converts a v4 file without losing anything', () => {
  it('keeps ids, creation states, changes, unchanged values that disagree, links and extras; history reads right', () => {
    const t = tempDir('wdb-audit5-')
    try {
      const raw = new Database(t.file)
      raw.pragma('foreign_keys = ON')
      raw.transaction(() => {
        for (const up of migrations.slice(0, 4)) up(raw)
        raw.pragma('user_version = 4')
      })()
      raw.prepare(`INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (1, '王', 'T1', '08:30', '17:30', 0, 0)`).run()
      raw.prepare(`INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, created_at, updated_at) VALUES (2, '李', 'T2', '08:30', '17:30', 0, 0)`).run()
      // the order as it is now: assigned to technician 1
      raw
        .prepare(
          `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at, status, technician_id, created_at, updated_at, version)
           VALUES (5, 'RO-5', '粤B1', 'M', 'C', '13800138000', 'SA', ?, 'assigned', 1, ?, ?, 3)`
        )
        .run(T0 + 600 * MIN, T0, T0 + 20 * MIN)
      const row = raw.prepare('INSERT INTO audit_log (id, at, actor, command, before, after) VALUES (?, ?, ?, ?, ?, ?)')
      const link = raw.prepare('INSERT INTO audit_entities (audit_id, entity, entity_id) VALUES (?, ?, ?)')
      const createdState = { id: 5, roNumber: 'RO-5', plate: '粤B1', status: 'waiting', technicianId: null, queuePosition: null, parked: false, version: 1, customerName: 'C' }
      // v4 creation row: the whole order
      row.run(10, T0, 'sa', 'repair-order-create', '{}', JSON.stringify({ repairOrders: { 5: createdState } }))
      link.run(10, 'repair_order', 5)
      // v4 compact row: placement always, changed fields, version
      row.run(
        11,
        T0 + 10 * MIN,
        'dispatcher',
        'repair-order-assign',
        JSON.stringify({ repairOrders: { 5: { roNumber: 'RO-5', status: 'waiting', technicianId: null, queuePosition: null, parked: false, version: 1 } } }),
        JSON.stringify({ repairOrders: { 5: { roNumber: 'RO-5', status: 'assigned', technicianId: 2, queuePosition: null, parked: false, version: 2 } } })
      )
      link.run(11, 'repair_order', 5)
      // a row whose unchanged placement disagrees with what came before (technician 1, not 2): kept
      row.run(
        12,
        T0 + 20 * MIN,
        'dispatcher',
        'repair-order-update',
        JSON.stringify({ repairOrders: { 5: { roNumber: 'RO-5', status: 'assigned', technicianId: 1, customerName: 'C', version: 2 } } }),
        JSON.stringify({ qcRecord: { id: 1, note: 'extra' }, repairOrders: { 5: { roNumber: 'RO-5', status: 'assigned', technicianId: 1, customerName: 'D', version: 3 } } })
      )
      link.run(12, 'repair_order', 5)
      // a technician and the skills catalogue
      row.run(
        13,
        T0 + 30 * MIN,
        'admin',
        'technician-update',
        JSON.stringify({ technicians: { 2: { name: '李', version: 1 } }, skills: [{ code: 'body' }] }),
        JSON.stringify({ technicians: { 2: { name: '李四', version: 2 } }, skills: [{ code: 'glass' }] })
      )
      link.run(13, 'technician', 2)
      raw.close()

      const db = openDatabase(t.file)
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
        const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).all() as { name: string }[]).map((x) => x.name)
        expect(tables).not.toContain('audit_log_v4')
        expect(tables).not.toContain('audit_entities_v4')
        expect((db.prepare('SELECT group_concat(id) AS ids FROM audit_log').get() as { ids: string }).ids).toBe('10,11,12,13')

        const core = createCore({ db, clock: () => T0 + 60 * MIN, log: () => {} })
        const list = (args: unknown) => {
          const r = core.dispatch('audit-list', args, { actor: 'test' })
          if (!r.ok) throw new Error(r.error.message.en)
          return r.result as { id: number; actor: string; command: string; at: string; before: Record<string, Record<string, unknown>>; after: Record<string, Record<string, unknown>> }[]
        }
        const rows = list({ entity: 'repair_order', entityId: 5 })
        expect(rows.map((r) => [r.id, r.actor, r.command, r.at])).toEqual([
          [12, 'dispatcher', 'repair-order-update', new Date(T0 + 20 * MIN).toISOString()],
          [11, 'dispatcher', 'repair-order-assign', new Date(T0 + 10 * MIN).toISOString()],
          [10, 'sa', 'repair-order-create', new Date(T0).toISOString()]
        ])
        // creation: the whole first state, kept
        expect(rows[2].after.repairOrders[5]).toMatchObject(createdState)
        // the move: what changed; the placement it repeated agrees with the creation, so it is not kept
        expect(rows[1].before.repairOrders[5]).toEqual({ status: 'waiting', technicianId: null })
        expect(rows[1].after.repairOrders[5]).toEqual({ status: 'assigned', technicianId: 2 })
        // the edit: its change, the technician it saw (1, not the 2 the log said) and its extra record
        expect(rows[0].before.repairOrders[5]).toEqual({ technicianId: 1, customerName: 'C' })
        expect(rows[0].after.repairOrders[5]).toEqual({ technicianId: 1, customerName: 'D' })
        expect(rows[0].after.qcRecord).toEqual({ id: 1, note: 'extra' })

        const tech = list({ entity: 'technician', entityId: 2 })
        expect(tech).toHaveLength(1)
        expect(tech[0].before).toMatchObject({ technicians: { 2: { name: '李' } }, skills: [{ code: 'body' }] })
        expect(tech[0].after).toMatchObject({ technicians: { 2: { name: '李四' } }, skills: [{ code: 'glass' }] })

        const history = core.dispatch('repair-order-history', { id: 5 }, { actor: 'test' })
        if (!history.ok) throw new Error(history.error.message.en)
        expect((history.result as { kind: string; statusTo: string }[]).map((e) => [e.kind, e.statusTo])).toEqual([
          ['created', 'waiting'],
          ['assigned', 'assigned'],
          ['edited', 'assigned']
        ])
        // the log is append-only again, and new rows go on from the old ids
        expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/)
      } finally {
        db.close()
      }
    } finally {
      t.cleanup()
    }
  })
})
