/**
 * A busy day's board for the board, drag and live-update benchmarks (issue 5): 60 technicians
 * and 2,000 open orders (60 on the lanes' current slots, 1,500 in next-job queues, 400 waiting in
 * the dispatch pool, 40 awaiting QC; promises follow the work queued ahead, so most are on
 * track and some at risk or late), written with bulk INSERTs in one transaction into a fresh
 * file (about 1 s instead of minutes through 2,000 commands). Every row passes the schema's CHECKs,
 * triggers and foreign keys, and one audit row marks the load so the board's version is not 0.
 */
import { QUEUE_STEP } from '../src/shared/domain/queue-slot'
import { existsSync, rmSync } from 'node:fs'
import { openDatabase } from '../src/main/db/open'
import { appendAudit } from '../src/main/db/audit.repo'
import { flagsToBits } from '../src/main/db/repair-orders.repo'
import { REPAIR_ORDER_FLAGS } from '../src/shared/domain/types'
import { mulberry32 } from '../src/shared/seeded-random'

export interface SeedBoardOptions {
  technicians?: number
  orders?: number
  /** Orders waiting in the pool (the rest, past QC and current slots, fill the queues). */
  pool?: number
  /** "Now", epoch ms; promises follow from it and the work queued ahead of each order. */
  now?: number
}

export interface SeededBoard {
  file: string
  technicians: number
  orders: number
  pool: number
  queued: number
  current: number
  awaitingQc: number
  /** Skill every technician holds at level 3: an order needing only it may go on any lane. */
  universalSkill: string
  ms: number
}

const SKILLS = ['mechanical', 'electrical', 'body', 'paint', 'diagnostics', 'tyres'] as const
const MODELS = ['丰田凯美瑞', '本田雅阁', '大众帕萨特', '日产天籁', '别克君威', '丰田卡罗拉', '奥迪A4L', '宝马3系']
const JOBS: [string, string][] = [
  ['常规保养', 'maintenance'],
  ['更换前刹车片', 'mechanical'],
  ['四轮定位', 'tyres'],
  ['发动机故障诊断', 'diagnostics'],
  ['更换蓄电池', 'electrical'],
  ['前保险杠钣金修复', 'body'],
  ['左前门喷漆', 'paint']
]
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂'
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Writes the board into `file` (replaced if present) and returns what it holds. */
export function seedBoard(file: string, options: SeedBoardOptions = {}): SeededBoard {
  const started = performance.now()
  const technicians = options.technicians ?? 60
  const total = options.orders ?? 2000
  const pool = options.pool ?? Math.round(total * 0.2)
  const awaitingQc = Math.round(total * 0.02)
  const current = Math.min(technicians, total - pool - awaitingQc)
  const queued = total - pool - awaitingQc - current
  const now = options.now ?? Date.now()
  const rand = mulberry32(5)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]

  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f)
  const db = openDatabase(file)
  try {
    db.transaction(() => {
      const insTech = db.prepare(
        `INSERT INTO technicians (id, name, employee_no, shift_start, shift_end, lunch_start, lunch_end, active, created_at, updated_at)
         VALUES (?, ?, ?, '08:30', '17:30', '12:00', '13:00', 1, ?, ?)`
      )
      const insSkill = db.prepare('INSERT INTO technician_skills (technician_id, skill_code, level) VALUES (?, ?, ?)')
      for (let t = 1; t <= technicians; t++) {
        const name = SURNAMES[(t * 7) % SURNAMES.length] + GIVEN[(t * 11) % GIVEN.length] + (t > 40 ? GIVEN[t % GIVEN.length] : '')
        insTech.run(t, `${name}${t}`, `T${String(t).padStart(3, '0')}`, now, now)
        // Everyone does maintenance; two or three specialities each, so lanes light up differently during a drag.
        insSkill.run(t, 'maintenance', 3)
        const own = new Set<string>([SKILLS[t % SKILLS.length], SKILLS[(t * 5 + 1) % SKILLS.length], ...(t % 3 === 0 ? [SKILLS[(t + 2) % SKILLS.length]] : [])])
        for (const s of own) insSkill.run(t, s, 1 + ((t + s.length) % 3))
      }

      const insOrder = db.prepare(
        `INSERT INTO repair_orders (id, ro_number, plate, vin, model, customer_name, customer_phone, service_advisor,
           promised_at, parts_ready, flag_bits, notes, status, technician_id, queue_position, parked, created_at, updated_at, original_promised_at)
         VALUES (?, ?, ?, NULL, ?, ?, ?, '孙丽', ?, ?, ?, '', ?, ?, ?, 0, ?, ?, ?)`
      )
      const insLine = db.prepare(
        'INSERT INTO job_lines (repair_order_id, line_no, description, skill_code, min_level, hours) VALUES (?, ?, ?, ?, ?, ?)'
      )
      const insClock = db.prepare('INSERT INTO clock_segments (repair_order_id, technician_id, started_at) VALUES (?, ?, ?)')
      const queueLength = new Map<number, number>()
      // Flat-rate hours already on each lane: a promise follows from the work ahead of the order
      // (8 working hours a day, Sundays off) plus some slack, so about one order in six is at risk or late.
      const laneHours = new Map<number, number>()
      for (let id = 1; id <= total; id++) {
        let status: string
        let technicianId: number | null = null
        let position: number | null = null
        if (id <= current) {
          technicianId = id
          status = id % 3 === 0 ? 'in_progress' : 'assigned'
        } else if (id <= current + queued) {
          technicianId = ((id - current - 1) % technicians) + 1
          // queue positions as the station writes them: ranks QUEUE_STEP apart (shared/domain/queue-slot.ts)
          const place = queueLength.get(technicianId) ?? 0
          queueLength.set(technicianId, place + 1)
          position = place * QUEUE_STEP
          status = 'queued'
        } else if (id <= current + queued + pool) {
          status = 'waiting'
        } else {
          technicianId = (id % technicians) + 1
          status = 'awaiting_qc'
        }
        // Pool orders that any lane may take need only maintenance; the rest mix in a speciality.
        const lines: [string, string][] = status === 'waiting' && id % 2 === 0 ? [JOBS[0]] : [JOBS[0], pick(JOBS)]
        const hours = lines.map(() => Math.round((0.3 + rand() * 2.2) * 10) / 10)
        const own = hours.reduce((a, b) => a + b, 0)
        let ahead: number
        if (technicianId !== null && status !== 'awaiting_qc') {
          ahead = (laneHours.get(technicianId) ?? 0) + own
          laneHours.set(technicianId, ahead)
        } else ahead = own + rand() * 40
        const slackHours = rand() < 0.15 ? -rand() * 6 : 2 + rand() * 30
        const promised = now + Math.round(((ahead / 8) * (7 / 6) * 24 + slackHours) * 60) * 60_000
        const flags: Record<string, boolean> = {}
        if (rand() < 0.25) flags[pick(REPAIR_ORDER_FLAGS)] = true
        if (rand() < 0.1) flags.waitingCustomer = true
        const plate = `沪${LETTERS[Math.floor(rand() * LETTERS.length)]}${String(10000 + Math.floor(rand() * 89999))}`
        insOrder.run(
          id,
          `RO${String(id).padStart(6, '0')}`,
          plate,
          pick(MODELS),
          `${pick([...SURNAMES])}先生`,
          `139${String(10_000_000 + id).padStart(8, '0')}`,
          promised,
          rand() < 0.85 ? 1 : 0,
          flagsToBits(flags),
          status,
          technicianId,
          position,
          now - 3_600_000,
          now - 3_600_000,
          promised
        )
        lines.forEach(([description, skill], i) => insLine.run(id, i + 1, description, skill, 1, hours[i]))
        if (status === 'in_progress' && technicianId !== null) insClock.run(id, technicianId, now - 40 * 60_000)
      }
      appendAudit(db, { at: now, actor: 'bench', command: 'bench-seed-board', change: { x: { technicians, orders: total } } }, [])
    }).immediate()
    const fk = db.pragma('foreign_key_check') as unknown[]
    if (fk.length > 0) throw new Error(`seeded board breaks ${fk.length} foreign keys`)
  } finally {
    db.close()
  }
  return { file, technicians, orders: total, pool, queued, current, awaitingQc, universalSkill: 'maintenance', ms: performance.now() - started }
}
