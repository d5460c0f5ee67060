/**
 * A realistic workshop history for the database benchmarks (issue 5): `days` days at
 * `ordersPerDay` repair orders a day on 60 technicians, each order with its job lines, labour clock
 * segments, stoppages, technician reports, QC records (some failures and rework), customer
 * notifications of a revised promise, its delivery, and the audit rows the command path writes
 * (through Tx.commit's own auditEntry and appendAudit: the changed fields, compressed). The
 * last two days stay open, so the board has several hundred orders in every state.
 *
 * Written with bulk INSERTs in one transaction per day, not through the commands (three years
 * would take hours), but every row passes the schema's CHECKs, foreign keys and triggers (orders
 * go awaiting QC -> ready -> delivered through the QC gate triggers like real ones).
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openDatabase } from '../src/main/db/open'
import { auditEntry, ORDER_CREATION_KEPT, ORDER_KEPT_ELSEWHERE } from '../src/main/services/tx'
import { appendAudit } from '../src/main/db/audit.repo'
import { SCHEMA_VERSION } from '../src/main/db/migrations'
import { addDays, localInstant } from '../src/shared/domain/calendar'
import { COMEBACK_CAUSES, evaluateChecklist } from '../src/shared/domain/qc-checklist'
import { INSERT_DELIVERY_SQL, insertQcRecord, readChecklist } from '../src/main/db/qc.repo'
import { flagsToBits } from '../src/main/db/repair-orders.repo'
import { REPAIR_ORDER_FLAGS, STOPPAGE_KINDS, type RepairOrderFlag, type StoppageKind } from '../src/shared/domain/types'
import { mulberry32 } from '../src/shared/seeded-random'
import { QUEUE_STEP } from '../src/shared/domain/queue-slot'

/** Bump when the generated rows change, so cached files are regenerated. */
export const GENERATOR_VERSION = 10

export interface HistoryOptions {
  /** Days of history, ending the day before `today`. */
  days: number
  ordersPerDay: number
  technicians?: number
  /** Local date the history leads up to ("now" is 10:00 on it). */
  today?: string
  seed?: number
  /**
   * 'compact' (the only one since schema 5): audit rows as Tx.commit writes them (auditEntry: the
   * fields that changed, before and after, deflated; nothing of the order at its creation).
   * The earlier formats' sizes are kept as history in docs/benchmarks.md.
   */
  auditShape?: 'compact'
}

export interface HistoryInfo {
  file: string
  /** 10:00 local on `today`, epoch ms: the benches' "now". */
  now: number
  orders: number
  openOrders: number
  generatedInMs: number | null
}

const TZ = 'Asia/Shanghai'
const MIN = 60_000
const HOUR = 3_600_000
const iso = (ms: number) => new Date(ms).toISOString()

const MODELS = ['丰田凯美瑞', '本田雅阁', '大众帕萨特', '日产天籁', '别克君威', '丰田卡罗拉', '奥迪A4L', '宝马3系']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭']
const ADVISORS = ['孙丽', '周敏', '钱伟', '郑洁', '冯涛']
const JOBS: [string, string, number][] = [
  ['常规保养', 'maintenance', 1],
  ['更换前刹车片', 'mechanical', 2],
  ['四轮定位', 'tyres', 1],
  ['发动机故障诊断', 'diagnostics', 3],
  ['更换蓄电池', 'electrical', 1],
  ['前保险杠钣金修复', 'body', 2],
  ['左前门喷漆', 'paint', 2],
  ['空调系统检修', 'electrical', 2],
  ['更换减震器', 'mechanical', 2]
]
const SKILLS = ['mechanical', 'electrical', 'body', 'paint', 'maintenance', 'diagnostics', 'tyres']
const CHANNELS = ['phone', 'sms', 'wechat', 'in_person'] as const
const FAKE_PIN_HASH = 'scrypt$16384$8$1$YmVuY2g$YmVuY2gtb25seS1ub3QtYS1yZWFsLWhhc2g'

/** Where the cached file of these options lives: keyed by schema and generator version. */
export function historyFile(o: HistoryOptions): string {
  const today = o.today ?? '2026-11-25'
  return join(
    // bundled to out/bench/*.mjs by the npm scripts: the cache stays in bench/.data either way
    dirname(new URL(import.meta.url).pathname).replace(/\/out\/bench$/, '/bench'),
    '.data',
    `history-s${SCHEMA_VERSION}-g${GENERATOR_VERSION}-${o.days}d-${o.ordersPerDay}pd-${o.technicians ?? 60}t-${today}-${o.auditShape ?? 'compact'}.db`
  )
}

/** Returns the cached history file for these options, generating it first when missing. */
export function ensureHistory(o: HistoryOptions, file = historyFile(o)): HistoryInfo {
  const today = o.today ?? '2026-11-25'
  const now = localInstant(TZ, today, '10:00')
  if (existsSync(file)) {
    const db = openDatabase(file, { readonly: false })
    const orders = (db.prepare('SELECT count(*) AS n FROM repair_orders').get() as { n: number }).n
    const open = (db.prepare("SELECT count(*) AS n FROM repair_orders WHERE status NOT IN ('delivered','cancelled')").get() as { n: number }).n
    db.close()
    return { file, now, orders, openOrders: open, generatedInMs: null }
  }
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.tmp`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  const started = performance.now()
  const counts = generateHistory(tmp, { ...o, today })
  renameSync(tmp, file)
  return { file, now, orders: counts.orders, openOrders: counts.open, generatedInMs: performance.now() - started }
}

interface OrderState {
  id: number
  ro: string
  plate: string
  model: string
  customer: string
  phone: string
  advisor: string
  lines: { id: number; description: string; skill: string; minLevel: number; hours: number }[]
  promisedAt: number
  originalPromisedAt: number | null
  flags: Record<RepairOrderFlag, boolean>
  status: string
  technicianId: number | null
  queuePosition: number | null
  parked: boolean
  createdAt: number
  updatedAt: number
  version: number
  closedHours: number
  runningSince: number | null
  openStoppage: unknown
  notifications: number
  lastNotification: unknown
  report: unknown
}

/** The order as Tx.commit snapshots it (RepairOrder of src/shared/domain/types.ts). */
function snapshot(o: OrderState): unknown {
  return {
    id: o.id,
    roNumber: o.ro,
    plate: o.plate,
    vin: null,
    model: o.model,
    customerName: o.customer,
    customerPhone: o.phone,
    serviceAdvisor: o.advisor,
    jobLines: o.lines.map((l) => ({ id: l.id, description: l.description, skill: l.skill, minLevel: l.minLevel, hours: l.hours })),
    promisedAt: iso(o.promisedAt),
    partsReady: true,
    flags: o.flags,
    notes: '',
    status: o.status,
    technicianId: o.technicianId,
    queuePosition: o.queuePosition,
    parked: o.parked,
    cancelReason: null,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    version: o.version,
    labour: { closedHours: Math.round(o.closedHours * 1e6) / 1e6, runningSince: o.runningSince === null ? null : iso(o.runningSince) },
    openStoppage: o.openStoppage,
    promise: { originalPromisedAt: iso(o.originalPromisedAt ?? o.promisedAt), notificationCount: o.notifications, lastNotification: o.lastNotification },
    technicianReport: o.report
  }
}

/** Writes the history into a new file; returns how many orders (and open ones) it holds. */
export function generateHistory(file: string, o: HistoryOptions & { today: string }): { orders: number; open: number } {
  const rand = mulberry32(o.seed ?? 20261125)
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]
  const between = (a: number, b: number) => a + rand() * (b - a)
  const techCount = o.technicians ?? 60
  const db = openDatabase(file)
  // Bulk load: durability does not matter while the file is being made (it is renamed into place when complete).
  db.pragma('synchronous = OFF')
  const firstDay = addDays(o.today, -o.days)
  const epoch = localInstant(TZ, firstDay, '08:00') - 30 * 86_400_000
  const now = localInstant(TZ, o.today, '10:00')

  const stmt = {
    tech: db.prepare(
      `INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, lunch_start, lunch_end, created_at, updated_at)
       VALUES (?, ?, ?, '08:30', '17:30', '12:00', '13:00', ?, ?)`
    ),
    techSkill: db.prepare('INSERT INTO technician_skills (technician_id, skill_code, level) VALUES (?, ?, ?)'),
    user: db.prepare(
      `INSERT INTO users (id, name, username, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, '${FAKE_PIN_HASH}', ?, ?)`
    ),
    order: db.prepare(
      `INSERT INTO repair_orders (id, ro_number, plate, model, customer_name, customer_phone, service_advisor, promised_at,
         flag_bits, status, technician_id, queue_position, parked, original_promised_at, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ),
    line: db.prepare(
      `INSERT INTO job_lines (id, repair_order_id, line_no, description, skill_code, min_level, hours) VALUES (?, ?, ?, ?, ?, ?, ?)`
    ),
    segment: db.prepare('INSERT INTO clock_segments (repair_order_id, technician_id, started_at, ended_at) VALUES (?, ?, ?, ?)'),
    stoppage: db.prepare(
      `INSERT INTO stoppages (repair_order_id, technician_id, kind, details, expected_end_at, started_at, ended_at, started_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'dispatcher', ?)`
    ),
    report: db.prepare(
      `INSERT INTO technician_reports (repair_order_id, technician_id, work_done, cause, fix, written_at, written_by) VALUES (?, ?, ?, ?, ?, ?, ?)`
    ),
    notify: db.prepare(
      `INSERT INTO customer_notifications (repair_order_id, previous_promised_at, revised_promised_at, channel, told_by, told_at,
         note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, '', 'dispatcher', ?)`
    ),
    // the product's own insert: the delivery copies its report facts from the order (migration 007)
    delivery: db.prepare(INSERT_DELIVERY_SQL),
    ready: db.prepare(`UPDATE repair_orders SET status = 'ready', updated_at = ? WHERE id = ?`),
    delivered: db.prepare(`UPDATE repair_orders SET status = 'delivered', updated_at = ? WHERE id = ?`)
  }

  const inspectors = [
    { id: 2, name: '周检' },
    { id: 3, name: '吴质' },
    { id: 4, name: '郑检' }
  ]
  db.transaction(() => {
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('weekHours', ?)").run(
      JSON.stringify(Array.from({ length: 7 }, () => ({ start: '08:30', end: '17:30' })))
    )
    for (let t = 1; t <= techCount; t++) {
      stmt.tech.run(t, `${pick(SURNAMES)}${pick(['伟', '强', '军', '磊', '洋', '勇', '杰', '涛'])}${t}`, `E${1000 + t}`, epoch, epoch)
      const own = new Set([SKILLS[t % SKILLS.length], SKILLS[(t * 3) % SKILLS.length], 'maintenance'])
      for (const s of own) stmt.techSkill.run(t, s, 1 + (t % 3))
    }
    stmt.user.run(1, '管理员', 'admin', 'admin', epoch, epoch)
    for (const i of inspectors) stmt.user.run(i.id, i.name, `qc${i.id}`, 'qc_inspector', epoch, epoch)
    stmt.user.run(5, '调度李', 'dispatch', 'dispatcher', epoch, epoch)
  })()

  // QC records go through the product's own writer (qc.repo.ts): a checklist version plus two bitmasks.
  const checklistTemplate = readChecklist(db)
  const everyItem = checklistTemplate.map((i) => i.id)
  let orderId = 0
  let qcRecordId = 0
  let lineId = 0
  let open = 0
  const techFreeAt = new Array<number>(techCount + 1).fill(0)

  // One order's life, as far as `now` lets it go: returns its final state.
  const lifeOf = (s: OrderState) => {
    const step = (at: number, command: string, change: Partial<OrderState>, actor = 'dispatcher', extra?: Record<string, unknown>) => {
      if (at > now) return false
      const before = snapshot(s) as Record<string, unknown>
      Object.assign(s, change, { updatedAt: at, version: s.version + 1 })
      const after = snapshot(s) as Record<string, unknown>
      // What Tx.commit writes, through the same functions: the fields that changed, compressed.
      const entry = auditEntry(before, after, ORDER_CREATION_KEPT, ORDER_KEPT_ELSEWHERE)
      appendAudit(db, { at, actor, command, change: extra ? { o: entry, x: extra } : { o: entry } }, [{ entity: 'repair_order', id: s.id }])
      return true
    }
    return { step }
  }

  const insertOrder = (s: OrderState) => {
    stmt.order.run(
      s.id, s.ro, s.plate, s.model, s.customer, s.phone, s.advisor, s.promisedAt, flagsToBits(s.flags),
      // delivered and ready orders enter as awaiting QC and pass the QC gate triggers below
      s.status === 'delivered' || s.status === 'ready' ? 'awaiting_qc' : s.status,
      s.technicianId, s.queuePosition, s.parked ? 1 : 0, s.originalPromisedAt, s.createdAt, s.updatedAt, s.version
    )
    s.lines.forEach((l, i) => stmt.line.run(l.id, s.id, i + 1, l.description, l.skill, l.minLevel, l.hours))
  }

  const queueLen = new Map<number, number>()
  const hasCurrent = new Set<number>()

  for (let d = 0; d < o.days + 1; d++) {
    const date = addDays(firstDay, d)
    const dayStart = localInstant(TZ, date, '00:00')
    if (dayStart > now) break
    db.transaction(() => {
      for (let k = 0; k < o.ordersPerDay; k++) {
        // Today's cars (up to "now", 10:00) arrive from 07:30; other days over the morning and early afternoon.
        const createdAt =
          date === o.today ? dayStart + 7.5 * HOUR + Math.floor(rand() * 2.5 * HOUR) : dayStart + 8 * HOUR + Math.floor(Math.pow(rand(), 1.6) * 7 * HOUR)
        if (createdAt > now) continue
        const id = ++orderId
        const flags = Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, false])) as Record<RepairOrderFlag, boolean>
        if (rand() < 0.04) flags.comeback = true
        if (rand() < 0.03) flags.complaint = true
        if (rand() < 0.1) flags.warranty = true
        if (rand() < 0.12) flags.brakeSuspension = true
        if (rand() < 0.06) flags.safetyRelated = true
        if (rand() < 0.08) flags.majorService = true
        if (rand() < 0.15) flags.waitingCustomer = true
        const nLines = 1 + Math.floor(Math.pow(rand(), 1.5) * 4)
        const lines = Array.from({ length: nLines }, () => {
          const [description, skill, minLevel] = pick(JOBS)
          // 0.3-2.0 h a line, about 2.4 h an order: 150 orders keep 60 technicians about 80 % busy
          return { id: ++lineId, description, skill, minLevel, hours: Math.round(between(0.3, 2.0) * 10) / 10 }
        })
        const flat = lines.reduce((a, l) => a + l.hours, 0)
        // The dispatcher gives the order to the least busy of three qualified-looking technicians.
        let tech = 1 + Math.floor(rand() * techCount)
        for (let c = 0; c < 2; c++) {
          const other = 1 + Math.floor(rand() * techCount)
          if (techFreeAt[other] < techFreeAt[tech]) tech = other
        }
        const assignAt = createdAt + Math.floor(between(2, 40)) * MIN
        const startAt = Math.max(assignAt + Math.floor(between(5, 60)) * MIN, techFreeAt[tech])
        // The SA promises from the planned finish (flat-rate hours, QC and washing) plus a margin.
        const promisedAt = Math.ceil((startAt + flat * HOUR + between(1.5, 4) * HOUR) / (30 * MIN)) * 30 * MIN
        const s: OrderState = {
          id,
          ro: `RO${date.replaceAll('-', '')}-${String(k + 1).padStart(4, '0')}`,
          plate: `粤B${String(10000 + Math.floor(rand() * 89999))}`,
          model: pick(MODELS),
          customer: `${pick(SURNAMES)}先生`,
          phone: `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
          advisor: pick(ADVISORS),
          lines,
          promisedAt,
          originalPromisedAt: null,
          flags,
          status: 'waiting',
          technicianId: null,
          queuePosition: null,
          parked: false,
          createdAt,
          updatedAt: createdAt,
          version: 1,
          closedHours: 0,
          runningSince: null,
          openStoppage: null,
          notifications: 0,
          lastNotification: null,
          report: null
        }
        // Collect rows to write after the order itself (foreign keys): clock, stoppages, QC, ...
        const after: (() => void)[] = []
        const { step } = lifeOf(s)
        // creation: the row keeps nothing the order row holds (history.ts rebuilds it)
        const createAudit = () => {
          const change = { o: auditEntry(null, snapshot(s) as Record<string, unknown>, ORDER_CREATION_KEPT) }
          appendAudit(db, { at: createdAt, actor: 'dispatcher', command: 'repair-order-create', change }, [{ entity: 'repair_order', id }])
        }
        const actualTotal = flat * between(0.72, 1.35)
        let stoppage: { kind: StoppageKind; start: number; end: number } | null = null
        if (rand() < 0.25) {
          const kind = pick(STOPPAGE_KINDS)
          const dur = kind === 'sublet' ? between(6, 30) : kind === 'parts' ? between(0.5, 6) : between(0.3, 2)
          const start = startAt + Math.floor(actualTotal * between(0.2, 0.6) * HOUR)
          stoppage = { kind, start, end: start + Math.floor(dur * HOUR) }
        }
        const segs: [number, number][] = []
        if (stoppage) {
          segs.push([startAt, stoppage.start])
          const rest = actualTotal * HOUR - (stoppage.start - startAt)
          segs.push([stoppage.end, stoppage.end + Math.floor(rest)])
        } else segs.push([startAt, startAt + Math.floor(actualTotal * HOUR)])
        const finishAt = segs[segs.length - 1][1]
        const fail = rand() < 0.08
        const qc1At = finishAt + Math.floor(between(10, 45)) * MIN
        let rework: [number, number] | null = null
        let qc2At = 0
        if (fail) {
          const rs = qc1At + Math.floor(between(10, 60)) * MIN
          rework = [rs, rs + Math.floor(between(0.3, 1.2) * HOUR)]
          qc2At = rework[1] + Math.floor(between(10, 45)) * MIN
        }
        const lastQc = fail ? qc2At : qc1At
        const deliveredAt = lastQc + Math.floor(between(5, 60)) * MIN
        // The dispatcher sees the car will be late: 70 % of such customers are told, most in advance.
        let notify: { toldAt: number; revised: number } | null = null
        if (deliveredAt > promisedAt && rand() < 0.7) {
          const toldAt = rand() < 0.85 ? promisedAt - Math.floor(between(10, 120)) * MIN : promisedAt + Math.floor(between(5, 60)) * MIN
          const revised = Math.ceil((deliveredAt + between(-0.5, 1) * HOUR) / (30 * MIN)) * 30 * MIN
          notify = { toldAt: Math.max(toldAt, createdAt + MIN), revised }
        }

        // Walk the events in time order while they are in the past.
        const laneFree = !hasCurrent.has(tech)
        const events: { at: number; run: () => boolean }[] = []
        events.push({
          at: assignAt,
          run: () => {
            // a lane with a current order takes this one into its queue (open orders only; history runs lane by lane)
            if (deliveredAt <= now || laneFree) return step(assignAt, 'repair-order-assign', { status: 'assigned', technicianId: tech })
            const pos = queueLen.get(tech) ?? 0
            queueLen.set(tech, pos + 1)
            return step(assignAt, 'repair-order-assign', { status: 'queued', technicianId: tech, queuePosition: pos * QUEUE_STEP })
          }
        })
        const openOnLane = deliveredAt > now && !laneFree
        if (!openOnLane) {
          events.push({ at: segs[0][0], run: () => step(segs[0][0], 'repair-order-start', { status: 'in_progress', runningSince: segs[0][0] }, 'technician') })
          if (stoppage) {
            const st = stoppage
            const details =
              st.kind === 'parts'
                ? { kind: 'parts', parts: '刹车片总成', expectedArrivalAt: iso(st.end) }
                : st.kind === 'sublet'
                  ? { kind: 'sublet', vendor: '恒达汽车电器', workSent: '发电机维修', expectedReturnAt: iso(st.end) }
                  : st.kind === 'approval'
                    ? { kind: 'approval', note: '等待客户确认追加项目' }
                    : st.kind === 'tools'
                      ? { kind: 'tools', equipment: '四轮定位仪' }
                      : { kind: 'other', text: '等待客户到店' }
            const openStop = { id: 0, repairOrderId: id, technicianId: tech, kind: st.kind, details, expectedEndAt: st.kind === 'parts' || st.kind === 'sublet' ? iso(st.end) : null, startedAt: iso(st.start), endedAt: null, startedBy: 'technician' }
            events.push({
              at: st.start,
              run: () => {
                const ok = step(st.start, 'repair-order-pause', { status: 'stopped', closedHours: (st.start - segs[0][0]) / HOUR, runningSince: null, openStoppage: openStop }, 'technician')
                if (ok) {
                  const ended = st.end <= now ? st.end : null
                  after.push(() =>
                    stmt.stoppage.run(id, tech, st.kind, JSON.stringify(details), openStop.expectedEndAt ? st.end : null, st.start, ended, ended ?? st.start)
                  )
                }
                return ok
              }
            })
            events.push({ at: st.end, run: () => step(st.end, 'repair-order-resume', { status: 'in_progress', runningSince: st.end, openStoppage: null }, 'technician') })
          }
          const report = { technicianId: tech, workDone: `${lines[0].description}完成`, cause: '零件磨损', fix: '更换并检测', writtenAt: iso(finishAt), writtenBy: 'technician' }
          events.push({
            at: finishAt,
            run: () => {
              const closed = segs.reduce((a, [x, y]) => a + (y - x), 0) / HOUR
              const ok = step(finishAt, 'repair-order-finish', { status: 'awaiting_qc', runningSince: null, closedHours: closed, report }, 'technician')
              if (ok) after.push(() => stmt.report.run(id, tech, report.workDone, report.cause, report.fix, finishAt, 'technician'))
              return ok
            }
          })
          const inspector = pick(inspectors)
          const qcRow = (attempt: number, at: number, result: 'pass' | 'fail') => {
            const cause = result === 'fail' ? pick(COMEBACK_CAUSES) : null
            after.push(() =>
              insertQcRecord(db, {
                repairOrderId: id,
                result,
                inspectorUserId: inspector.id,
                inspectorName: inspector.name,
                signedAt: at,
                meaningEn: result === 'pass' ? 'QC passed' : 'QC failed: 异响仍在',
                meaningZh: result === 'pass' ? '质检通过' : '质检不通过：异响仍在',
                failReason: result === 'fail' ? '异响仍在' : null,
                comebackCause: cause,
                technicianId: tech,
                // every item ticked, each required as this order's flags make it (the road test on brake, safety, comeback cars)
                checklist: evaluateChecklist(checklistTemplate, s.flags, everyItem).lines
              })
            )
            // the audit's QC record as qc.ts writes it (records get their ids in this same order)
            return {
              qcRecord: {
                id: ++qcRecordId,
                repairOrderId: id,
                attempt,
                result,
                inspector: inspector.name,
                meaning: result === 'pass' ? { en: 'QC passed', zh: '质检通过' } : { en: 'QC failed: 异响仍在', zh: '质检不通过：异响仍在' },
                comebackCause: cause
              }
            }
          }
          events.push({
            at: qc1At,
            run: () => {
              if (qc1At > now) return false
              const extra = qcRow(1, qc1At, fail ? 'fail' : 'pass')
              return step(qc1At, 'qc-sign-off', { status: fail ? 'assigned' : 'ready' }, inspector.name, extra)
            }
          })
          if (rework) {
            const [rs, re] = rework
            events.push({ at: rs, run: () => step(rs, 'repair-order-start', { status: 'in_progress', runningSince: rs }, 'technician') })
            events.push({
              at: re,
              run: () => {
                const ok = step(re, 'repair-order-finish', { status: 'awaiting_qc', runningSince: null, closedHours: s.closedHours + (re - rs) / HOUR }, 'technician')
                if (ok) after.push(() => stmt.report.run(id, tech, '返工完成', '诊断不准确', '重新检修', re, 'technician'))
                return ok
              }
            })
            events.push({
              at: qc2At,
              run: () => {
                if (qc2At > now) return false
                const extra = qcRow(2, qc2At, 'pass')
                return step(qc2At, 'qc-sign-off', { status: 'ready' }, inspector.name, extra)
              }
            })
          }
          events.push({
            at: deliveredAt,
            run: () => {
              const ok = step(deliveredAt, 'repair-order-deliver', { status: 'delivered' }, 'dispatcher', {
                delivery: { repairOrderId: id, flatRateHours: Math.round(flat * 100) / 100, actualHours: Math.round(s.closedHours * 100) / 100, firstTimePass: !fail }
              })
              return ok
            }
          })
        }
        if (notify) {
          const n = notify
          events.push({
            at: n.toldAt,
            run: () => {
              if (n.toldAt > now) return false
              const last = { id: 0, repairOrderId: id, previousPromisedAt: iso(promisedAt), revisedPromisedAt: iso(n.revised), channel: 'phone', toldBy: s.advisor, toldAt: iso(n.toldAt), note: '', recordedBy: 'dispatcher', recordedAt: iso(n.toldAt) }
              const ok = step(n.toldAt, 'customer-notification-record', { originalPromisedAt: promisedAt, promisedAt: n.revised, notifications: 1, lastNotification: last })
              if (ok) after.push(() => stmt.notify.run(id, promisedAt, n.revised, pick(CHANNELS), s.advisor, n.toldAt, n.toldAt))
              return ok
            }
          })
        }
        events.sort((a, b) => a.at - b.at)

        createAudit()
        for (const e of events) {
          if (e.at > now) break
          e.run()
        }
        // The order row reflects the final state.
        if (s.status === 'stopped' && s.technicianId !== null && hasCurrent.has(s.technicianId)) s.parked = true
        const isCurrent = ['assigned', 'in_progress'].includes(s.status) || (s.status === 'stopped' && !s.parked)
        if (isCurrent && s.technicianId !== null) {
          if (hasCurrent.has(s.technicianId)) {
            // another order already holds the slot: this one waits at the end of the queue
            const pos = queueLen.get(s.technicianId) ?? 0
            queueLen.set(s.technicianId, pos + 1)
            if (s.status === 'stopped') s.parked = true
            else Object.assign(s, { status: 'queued', queuePosition: pos * QUEUE_STEP, runningSince: null })
          } else hasCurrent.add(s.technicianId)
        }
        insertOrder(s)
        for (const f of after) f()
        for (const [x, y] of segs) {
          if (openOnLane || x > now) continue
          stmt.segment.run(id, tech, x, y <= now && s.status !== 'in_progress' ? y : s.status === 'in_progress' && y > now ? null : Math.min(y, now))
        }
        if (rework && rework[0] <= now) stmt.segment.run(id, tech, rework[0], rework[1] <= now ? rework[1] : null)
        if (s.status === 'ready' || s.status === 'delivered') stmt.ready.run(s.status === 'ready' ? s.updatedAt : lastQc, id)
        if (s.status === 'delivered') {
          stmt.delivered.run(deliveredAt, id)
          stmt.delivery.run(deliveredAt, 'dispatcher', Math.round(flat * 100) / 100, Math.round(s.closedHours * 100) / 100, 'clock', fail ? 0 : 1, id)
        } else open++
        if (!openOnLane) techFreeAt[tech] = Math.max(techFreeAt[tech], finishAt)
      }
    })()
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.pragma('synchronous = FULL')
  db.pragma('optimize')
  db.close()
  return { orders: orderId, open }
}

/** Bytes of the database file (after a checkpoint, the WAL is empty). */
export function fileBytes(file: string): number {
  return statSync(file).size
}

