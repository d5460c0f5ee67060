import { COMEBACK_CAUSES, evaluateChecklist } from '../../shared/domain/qc-checklist'
import { addDays, localDateOf, MINUTE_MS, workForward, WorkingTime, type Interval } from '../../shared/domain/calendar'
import type { RepairOrderFlag, SkillLevel, Technician } from '../../shared/domain/types'
import type { StoppageDetailsInput } from '../../shared/api/promise-schemas'
import { listAttendance, readCalendar } from '../db/calendar.repo'
import { readChecklist } from '../db/qc.repo'
import { listTechnicians } from '../db/technicians.repo'
import { finishRepairOrder, pauseRepairOrder, resumeRepairOrder, startRepairOrder } from './clock'
import { deliverRepairOrder } from './delivery'
import { recordCustomerNotification } from './notifications'
import { recordSignOff } from './qc'
import { assignRepairOrder, createRepairOrder, requireOrder } from './repair-orders'
import { Tx } from './tx'
import { mulberry32 } from '../../shared/seeded-random'
import { DEMO_ADVISORS, demoPhone, demoPlate, quarterUp } from './demo-data'

/**
 * The demo's past weeks (serve --demo): delivered repair orders on the demo's technicians, so the
 * service manager's Reports page and an order's timeline show something on a fresh demo. Every
 * step goes through the same services as the real commands, each in its own audited Tx at its own
 * past time (create, assign, clock on, a stoppage now and then, finish, QC sign-off by the demo
 * inspector, rework after a fail, a customer told of a late car, delivery). Only the PIN check of
 * the sign-off is skipped: this is server-side seeding, never a command a station can send.
 */

type Line = [description: string, skill: string, level: SkillLevel, hours: number]

/** Short jobs (at most 3 flat-rate hours), so each fits in one stretch of a shift, lunch not clocked. */
const pastJobs: { lines: Line[]; flags?: RepairOrderFlag[] }[] = [
  { lines: [['常规保养：机油机滤', 'maintenance', 1, 1.0]], flags: ['waitingCustomer'] },
  { lines: [['20000 公里保养', 'maintenance', 2, 1.8]], flags: ['majorService'] },
  { lines: [['刹车油更换', 'maintenance', 2, 0.6]], flags: ['brakeSuspension'] },
  { lines: [['节气门清洗', 'maintenance', 2, 0.8]] },
  { lines: [['前刹车片更换', 'mechanical', 2, 1.2]], flags: ['brakeSuspension', 'safetyRelated'] },
  { lines: [['减震器更换', 'mechanical', 2, 2.0]], flags: ['brakeSuspension'] },
  { lines: [['离合器片更换', 'mechanical', 3, 2.8]], flags: ['highValue'] },
  { lines: [['水泵更换', 'mechanical', 2, 1.6]], flags: ['warranty'] },
  { lines: [['蓄电池更换', 'electrical', 1, 0.4]], flags: ['waitingCustomer'] },
  { lines: [['空调不制冷检修', 'electrical', 2, 1.8]] },
  { lines: [['发电机更换', 'electrical', 2, 1.5]] },
  { lines: [['发动机故障灯亮，读取故障码', 'diagnostics', 2, 1.0]] },
  { lines: [['ABS 故障诊断', 'diagnostics', 2, 1.2]], flags: ['safetyRelated'] },
  { lines: [['变速箱电脑匹配', 'diagnostics', 3, 0.5]] },
  { lines: [['更换轮胎两条', 'tyres', 1, 0.6]], flags: ['waitingCustomer'] },
  { lines: [['四轮定位', 'tyres', 2, 0.8]] },
  { lines: [['轮胎动平衡', 'tyres', 1, 0.5]], flags: ['waitingCustomer'] },
  { lines: [['后保险杠钣金修复', 'body', 2, 2.5]] },
  { lines: [['车门凹陷修复', 'body', 2, 1.8]], flags: ['complaint'] },
  { lines: [['后保险杠喷漆', 'paint', 2, 2.0]] },
  { lines: [['车门划痕补漆', 'paint', 1, 1.5]] }
]

/** Stoppage reasons; a sublet's expected return is filled in when it is sent out. */
const stoppages: (StoppageDetailsInput | { kind: 'sublet'; vendor: string; workSent: string })[] = [
  { kind: 'parts', parts: '刹车片（原厂）', expectedArrivalAt: null },
  { kind: 'sublet', vendor: '鹏程汽车玻璃', workSent: '前挡风玻璃更换' },
  { kind: 'parts', parts: '空调压缩机皮带', expectedArrivalAt: null },
  { kind: 'approval', note: '客户确认增项 / customer approves the extra work' },
  { kind: 'tools', equipment: '四轮定位仪' },
  { kind: 'other', text: '等待试车道 / waiting for the test track' }
]
const failReasons = ['试车仍有异响', '故障灯再次亮起', '漆面有流挂', '轮胎气压未调整']
const models = ['大众朗逸', '丰田卡罗拉', '本田思域', '别克英朗', '日产轩逸', '大众速腾', '丰田汉兰达', '本田飞度']
const customers = ['钱先生', '孙女士', '李先生', '周女士', '吴先生', '郑女士', '王先生', '冯女士', '陈先生', '褚女士']
const channels = ['phone', 'wechat', 'sms'] as const
/** Hours as whole minutes of epoch time (the database keeps integer milliseconds). */
const ms = (hours: number): number => Math.round(hours * 60) * MINUTE_MS

interface Step {
  at: number
  /** Order of steps at the same instant: creation first. */
  seq: number
  run: (tx: Tx) => void
  /** The order's number in the plan, and whether this step is its QC or its delivery. */
  order: number
  stage?: 'qc' | 'delivery'
  /** Who the step is recorded as (a technician finishing their job), when not the demo's caller. */
  actor?: string
}

const qualified = (t: Technician, lines: Line[]): boolean =>
  lines.every(([, skill, level]) => t.skills.some((s) => s.skill === skill && s.level >= level))

/** The demo's past: the Reports page's opening period (the last 30 days) is full. */
export const DEMO_HISTORY_DAYS = 30

/**
 * Writes `days` calendar days of work before today's local date, ending before `now`: all of it
 * delivered but the last day's last three jobs (two awaiting QC, one ready for its customer).
 * Returns how many orders it delivered. Runs inside loadDemo's transaction (`demo`: its time and
 * caller), after its technicians and before today's orders, with an inspector to sign (serve
 * --demo's demo user, or the demo's own inactive signer).
 */
export function loadDemoHistory(demo: Tx, inspector: { id: number; name: string }, days = DEMO_HISTORY_DAYS): number {
  const { db, now, caller } = demo
  const calendar = readCalendar(db)
  const technicians = listTechnicians(db).filter((t) => t.active)
  const today = localDateOf(calendar.timeZone, now)
  const firstDay = addDays(today, -days)
  const wt = new WorkingTime(calendar, technicians, listAttendance(db, firstDay))
  const rand = mulberry32(20261204)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]
  const checklist = readChecklist(db)
  const steps: Step[] = []
  let seq = 0
  let orders = 0
  const at = (when: number, run: (tx: Tx) => void, stage?: Step['stage'], actor?: string) => steps.push({ at: when, seq: seq++, run, order: orders, stage, actor })
  /** The last order of each technician on each day: "d|technicianId" -> its number. */
  const lastOrder = new Map<string, number>()
  let lastDay = -1

  for (let d = 0; d < days; d++) {
    const date = addDays(firstDay, d)
    const stamp = date.slice(2).replaceAll('-', '')
    let number = 100
    for (const tech of technicians) {
      const windows: readonly Interval[] = wt.technician(tech.id).day(date)
      const jobs = pastJobs.filter((j) => qualified(tech, j.lines))
      if (windows.length === 0 || jobs.length === 0) continue
      // The first job starts a little after the shift; each next one a few minutes after the last.
      let free = windows[0][0] + Math.floor(rand() * 20) * MINUTE_MS
      let lastFree = 0
      for (;;) {
        // The job with its stoppage in one stretch of the shift, so no lunch is clocked. Like a
        // dispatcher, give the technician a job that fits the time left (a few tries) before the
        // day ends for them.
        const draw = () => {
          const job = pick(jobs)
          const flat = job.lines.reduce((s, l) => s + l[3], 0)
          // Actual hours: mostly near flat rate, the odd job well over it.
          const actual = flat * (0.75 + rand() * 0.45 + (rand() < 0.12 ? 0.4 : 0))
          const stop = rand() < 0.18 ? { details: pick(stoppages), hours: 0.5 + rand() * 1.5 } : null
          const block = actual + (stop?.hours ?? 0)
          const window = windows.find(([s, e]) => Math.max(s, free) + ms(block) <= e)
          return { job, flat, actual, stop, block, window }
        }
        let drawn = draw()
        for (let tries = 1; tries < 8 && !drawn.window; tries++) drawn = draw()
        const { job, flat, actual, stop, block, window } = drawn
        if (!window) break
        const start = Math.max(window[0], free)
        const finish = start + ms(block)
        const created = Math.max(windows[0][0] - 30 * MINUTE_MS, start - (20 + Math.floor(rand() * 60)) * MINUTE_MS)
        // Promised at the counter: the flat-rate hours and one to three more of the workshop's working time.
        const promised = quarterUp(workForward(wt.workshop, start, flat + 1 + rand() * 2)?.finish ?? finish)
        const qc = finish + (10 + Math.floor(rand() * 30)) * MINUTE_MS
        const fails = rand() < 0.08
        const rework = fails ? { start: qc + 10 * MINUTE_MS, hours: 0.3 + rand() * 0.5 } : null
        const passAt = rework ? rework.start + ms(rework.hours) + 20 * MINUTE_MS : qc
        const delivered = passAt + (10 + Math.floor(rand() * 80)) * MINUTE_MS
        if (delivered >= now) break
        // The next job goes onto the lane once this one has left the slot (finished, or reworked
        // after a failed QC), and the technician starts it a few minutes after finishing: QC does
        // not wait on the technician. A car that fails QC comes straight back to them (first in
        // their queue), so after a fail they take the next job only once it has passed.
        const assigned = Math.max(created, lastFree + MINUTE_MS, start - 10 * MINUTE_MS)
        free = (rework ? passAt : finish) + 5 * MINUTE_MS
        lastFree = rework ? rework.start + ms(rework.hours) : finish
        number++
        orders++
        lastOrder.set(`${d}|${tech.id}`, orders)
        lastDay = d
        const ro = `RO${stamp}-${number}`
        const i = orders
        const [model, customerName, serviceAdvisor] = [pick(models), pick(customers), pick(DEMO_ADVISORS)]
        // Now and then a car is back for the same fault (a comeback, first in the QC queue).
        const flags = Object.fromEntries([...(job.flags ?? []), ...(rand() < 0.03 ? ['comeback' as const] : [])].map((f) => [f, true]))
        let id = 0
        at(created, (tx) => {
          id = createRepairOrder(tx, {
            roNumber: ro,
            plate: demoPlate(i),
            vin: null,
            model,
            customerName,
            customerPhone: demoPhone('139', i),
            serviceAdvisor,
            promisedAt: new Date(promised).toISOString(),
            partsReady: true,
            flags,
            notes: '',
            jobLines: job.lines.map(([description, skill, minLevel, hours]) => ({ description, skill, minLevel, hours }))
          }).id
        })
        at(assigned, (tx) => void assignRepairOrder(tx, { id, technicianId: tech.id }))
        at(start, (tx) => void startRepairOrder(tx, { id }))
        // A car that will miss its promise: the advisor tells the customer at the first sign of it.
        const late = delivered > promised
        let toldAt: number | null = null
        if (stop) {
          const paused = start + ms(actual * 0.4)
          const back = new Date(paused + ms(stop.hours)).toISOString()
          const stoppage: StoppageDetailsInput = stop.details.kind === 'sublet' ? { ...stop.details, expectedReturnAt: back } : stop.details
          at(paused, (tx) => void pauseRepairOrder(tx, { id, stoppage }))
          at(paused + ms(stop.hours), (tx) => void resumeRepairOrder(tx, { id }))
          if (late && paused + 10 * MINUTE_MS < promised) toldAt = paused + 10 * MINUTE_MS
        }
        // The technician writes their own report (the QC tablet shows its author).
        const report = { workDone: job.lines.map((l) => l[0]).join('；'), cause: '按工单作业', fix: '已完成并自检' }
        at(finish, (tx) => void finishRepairOrder(tx, { id, report }), undefined, tech.name)
        const failure = { failReason: pick(failReasons), comebackCause: pick(COMEBACK_CAUSES) }
        const sign = (result: 'pass' | 'fail') => (tx: Tx) => {
          const order = requireOrder(tx.db, id)
          // The inspector ticks every item of the checklist, required or not.
          const checkedItemIds = evaluateChecklist(checklist, order.flags, []).lines.map((l) => l.id)
          recordSignOff(tx, order, inspector, result === 'pass' ? { result, checkedItemIds } : { result, checkedItemIds, ...failure })
        }
        if (rework) {
          at(qc, sign('fail'), 'qc')
          if (late && toldAt === null && qc + 5 * MINUTE_MS < promised) toldAt = qc + 5 * MINUTE_MS
          at(rework.start, (tx) => void startRepairOrder(tx, { id }), 'qc')
          const reworked = { workDone: '返工', cause: '质检不合格', fix: '已返工' }
          at(rework.start + ms(rework.hours), (tx) => void finishRepairOrder(tx, { id, report: reworked }), 'qc', tech.name)
        }
        at(passAt, sign('pass'), 'qc')
        if (toldAt !== null) {
          const told = { revisedPromisedAt: new Date(quarterUp(delivered)).toISOString(), channel: pick(channels), toldBy: serviceAdvisor }
          at(toldAt, (tx) => void recordCustomerNotification(tx, { id, ...told }))
        }
        at(delivered, (tx) => void deliverRepairOrder(tx, { id }), 'delivery')
      }
    }
  }

  // The last working day's last jobs of two technicians still wait for QC this morning, and a
  // third has passed and waits for its customer: the inspector's tablet has work on a fresh demo.
  const last = (k: number) => (technicians[k] ? lastOrder.get(`${lastDay}|${technicians[k].id}`) : undefined)
  const awaitingQc = new Set([last(0), last(1)].filter((n) => n !== undefined))
  const ready = last(2)
  const kept = steps.filter((s) => !((awaitingQc.has(s.order) && s.stage) || (s.order === ready && s.stage === 'delivery')))
  // The demo's technicians have worked here since the first of these days (their availability in
  // the reports starts at created_at; loadDemo created them a moment ago).
  const since = steps.reduce((m, s) => Math.min(m, s.at), now)
  db.prepare('UPDATE technicians SET created_at = min(created_at, ?)').run(since)
  kept.sort((a, b) => a.at - b.at || a.seq - b.seq)
  for (const step of kept) {
    const tx = new Tx(db, step.at, step.actor === undefined ? caller : { ...caller, actor: step.actor }, 'demo-history')
    step.run(tx)
    tx.commit()
  }
  return orders - awaitingQc.size - (ready === undefined ? 0 : 1)
}
