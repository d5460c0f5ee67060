import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BoardSnapshot } from '../../src/main/services/board'
import type { ReportSummary } from '../../src/main/services/reports'
import type { User } from '../../src/main/db/users.repo'
import { DEMO_SIGNER_USERNAME, seedDemoTechnicianUser, seedDemoUsers } from '../../src/main/services/users'
import { Tx } from '../../src/main/services/tx'
import { addDays, localDateOf } from '../../src/shared/domain/calendar'
import { harness, type Harness } from './helpers'
import { ADMIN, callAs, okAs } from './qc-helpers'

// Friday 10:00 in Shanghai.
const NOW = Date.parse('2026-12-04T02:00:00Z')
let h: Harness
beforeEach(() => {
  h = harness(() => NOW)
})
afterEach(() => h.close())

/** What serve --demo does: demo users, the demo (with its past weeks), then T001's user. */
function serveDemo(): void {
  h.db.transaction(() => {
    const tx = new Tx(h.db, NOW, { actor: 'serve --demo' }, 'user-seed-demo')
    expect(seedDemoUsers(tx).length).toBe(4)
    tx.commit()
  })()
  h.ok('workshop-load-demo')
  h.db.transaction(() => {
    const tx = new Tx(h.db, NOW, { actor: 'serve --demo' }, 'user-seed-demo')
    expect(seedDemoTechnicianUser(tx)?.username).toBe('tech')
    tx.commit()
  })()
}

const scalar = (sql: string): number => (h.db.prepare(sql).get() as { n: number }).n

describe('the demo\'s past weeks', () => {
  it('delivers weeks of orders through the real commands, so the last 30 days report has every figure', () => {
    serveDemo()
    const tz = 'Asia/Shanghai'
    const today = localDateOf(tz, NOW)
    const summary = h.ok<ReportSummary>('report-summary', { from: addDays(today, -30), to: addDays(today, -1) })
    // About 26 working days of ten technicians.
    expect(summary.delivery.delivered).toBeGreaterThan(300)
    expect(summary.delivery.lateOriginal).toBeGreaterThan(0)
    expect(summary.delivery.toldInAdvance).toBeGreaterThan(0)
    expect(summary.delivery.onTimeRateOriginal).toBeGreaterThan(0.6)
    expect(summary.quality.qcFailures).toBeGreaterThan(0)
    expect(summary.quality.firstTimeFixRate).toBeGreaterThan(0.8)
    expect(summary.quality.firstTimeFixRate).toBeLessThan(1)
    // Efficiency near 100 %, utilisation well under it: lunch is not clocked, gaps are real.
    expect(summary.labour.efficiency).toBeGreaterThan(0.7)
    expect(summary.labour.efficiency).toBeLessThan(1.3)
    expect(summary.labour.utilisation).toBeGreaterThan(0.4)
    expect(summary.labour.utilisation).toBeLessThan(1)
    expect(summary.technicians.filter((t) => t.delivered > 0)).toHaveLength(10)
    // Every stoppage reason occurs, a sublet included.
    expect(Object.values(summary.stoppageHours).every((hrs) => hrs > 0)).toBe(true)
    expect(summary.quality.comebackOrders).toBeGreaterThan(0)
    expect(summary.daily.filter((d) => d.delivered > 0).length).toBeGreaterThan(20)

    // Every past order is delivered but yesterday's last three: two wait for QC (since yesterday
    // evening), one passed and waits for its customer. Every QC record is the demo inspector's,
    // and nothing is dated in the future.
    const past = h.db.prepare(`SELECT status, count(*) AS n FROM repair_orders WHERE ro_number NOT LIKE 'RO261204-%' GROUP BY status`).all()
    expect(past).toEqual([
      { status: 'awaiting_qc', n: 2 },
      { status: 'delivered', n: summary.delivery.delivered },
      { status: 'ready', n: 1 }
    ])
    expect(scalar(`SELECT count(*) AS n FROM qc_records WHERE inspector_name <> '质检 周检'`)).toBe(0)
    expect(scalar(`SELECT max(at) AS n FROM audit_log`)).toBeLessThanOrEqual(NOW)
    const queue = h.ok<{ order: { roNumber: string } }[]>('qc-queue')
    expect(queue.map((e) => e.order.roNumber)).toHaveLength(2)
    expect(queue.every((e) => e.order.roNumber.startsWith('RO261203-'))).toBe(true)

    // Today's board is the demo day as without history, and the three cars of yesterday.
    const board = h.ok<BoardSnapshot>('board-get')
    expect(board.orders.filter((o) => o.roNumber.startsWith('RO261204-'))).toHaveLength(30)
    expect(board.orders.filter((o) => !o.roNumber.startsWith('RO261204-')).map((o) => o.status).sort()).toEqual(['awaiting_qc', 'awaiting_qc', 'ready'])
    // The inspector reads each car's report under its technician's name, not the demo's own.
    for (const o of board.orders.filter((x) => x.status === 'awaiting_qc')) {
      const technician = board.technicians.find((t) => t.id === o.technicianId)
      expect(technician).toBeDefined()
      expect(o.technicianReport?.writtenBy).toBe(technician?.name)
    }
  })

  it('is the same demo every time', () => {
    const orders = () => h.db.prepare('SELECT ro_number, status, promised_at, updated_at FROM repair_orders ORDER BY id').all()
    serveDemo()
    const first = orders()
    h.close()
    h = harness(() => NOW)
    serveDemo()
    expect(orders()).toEqual(first)
  })

  it('without an inspector (the desktop demo before any user exists) signs its past with an inactive demo inspector nobody can sign in as', () => {
    h.ok('workshop-load-demo')
    const today = localDateOf('Asia/Shanghai', NOW)
    const summary = h.ok<ReportSummary>('report-summary', { from: addDays(today, -30), to: addDays(today, -1) })
    expect(summary.delivery.delivered).toBeGreaterThan(300)
    expect(scalar(`SELECT count(*) AS n FROM repair_orders WHERE status NOT IN ('delivered', 'awaiting_qc', 'ready')`)).toBe(30)
    // One user: the signer, inactive, an inspector, and every QC record is theirs.
    const users = okAs<User[]>(h, ADMIN, 'user-list')
    expect(users.map(({ username, role, active }) => ({ username, role, active }))).toEqual([
      { username: DEMO_SIGNER_USERNAME, role: 'qc_inspector', active: false }
    ])
    expect(scalar(`SELECT count(*) AS n FROM qc_records WHERE inspector_user_id <> ${users[0].id}`)).toBe(0)
    expect(h.ok<unknown[]>('qc-inspector-list')).toEqual([])
    // No PIN opens it: not a guessed digit PIN, and not after an administrator activates it
    // without setting a new one (the random PIN is not even digits).
    const remote = { actor: 'station@192.168.1.50', role: null, local: false }
    for (const pin of ['0000', '1234', '2000']) expect(callAs(h, remote, 'auth-login', { username: DEMO_SIGNER_USERNAME, pin }).ok).toBe(false)
    okAs(h, ADMIN, 'user-update', { id: users[0].id, version: users[0].version, active: true })
    for (const pin of ['0000', '1234', '2000']) expect(callAs(h, remote, 'auth-login', { username: DEMO_SIGNER_USERNAME, pin }).ok).toBe(false)
  })

  it('leaves the past out when the signer\'s username belongs to someone who is not an inspector', () => {
    okAs(h, ADMIN, 'user-create', { name: 'Someone', username: DEMO_SIGNER_USERNAME, role: 'dispatcher', pin: '4321' })
    h.ok('workshop-load-demo')
    expect(scalar(`SELECT count(*) AS n FROM deliveries`)).toBe(0)
    expect(scalar(`SELECT count(*) AS n FROM repair_orders`)).toBe(30)
  })
})
