import { AppError } from '../../shared/api/errors'
import type { RepairOrderFlag, SkillLevel } from '../../shared/domain/types'
import { countRepairOrders } from '../db/repair-orders.repo'
import { listTechnicians } from '../db/technicians.repo'
import { assignRepairOrder, createRepairOrder } from './repair-orders'
import { createTechnician } from './technicians'
import { editClockSegment, parkRepairOrder, pauseRepairOrder, startRepairOrder } from './clock'
import { listSegments } from '../db/clock.repo'
import type { Tx } from './tx'
import { HOUR_MS, localDateOf, WorkingTime, workForward } from '../../shared/domain/calendar'
import { readCalendar } from '../db/calendar.repo'
import { listInspectors } from './qc'
import { loadDemoHistory } from './demo-history'
import { DEMO_ADVISORS, demoPhone, demoPlate, quarterUp } from './demo-data'
import { demoHistorySigner } from './users'

type S = [skill: string, level: SkillLevel]

const technicians: { name: string; employeeNo: string; skills: S[]; shift?: [string, string] }[] = [
  { name: '王建国', employeeNo: 'T001', skills: [['mechanical', 3], ['diagnostics', 3], ['electrical', 2]] },
  { name: '李明', employeeNo: 'T002', skills: [['mechanical', 2], ['maintenance', 3], ['tyres', 2]] },
  { name: '张伟', employeeNo: 'T003', skills: [['electrical', 3], ['diagnostics', 2]] },
  { name: '刘洋', employeeNo: 'T004', skills: [['body', 3], ['paint', 2]] },
  { name: '陈静', employeeNo: 'T005', skills: [['paint', 3], ['body', 1]] },
  { name: '杨帆', employeeNo: 'T006', skills: [['maintenance', 2], ['tyres', 3]], shift: ['09:00', '18:00'] },
  { name: '赵磊', employeeNo: 'T007', skills: [['mechanical', 3], ['maintenance', 2], ['tyres', 1]] },
  { name: '黄海', employeeNo: 'T008', skills: [['maintenance', 1], ['tyres', 1]] },
  { name: '周强', employeeNo: 'T009', skills: [['mechanical', 1], ['electrical', 1], ['maintenance', 2]] },
  { name: '吴敏', employeeNo: 'T010', skills: [['diagnostics', 3], ['electrical', 3], ['mechanical', 2]], shift: ['09:00', '18:00'] }
]

type Line = [description: string, skill: string, level: SkillLevel, hours: number]
const jobs: { lines: Line[]; flags?: RepairOrderFlag[] }[] = [
  { lines: [['常规保养：机油机滤', 'maintenance', 1, 1.0]] },
  { lines: [['前刹车片更换', 'mechanical', 2, 1.2], ['四轮定位', 'tyres', 2, 0.8]], flags: ['brakeSuspension', 'safetyRelated'] },
  { lines: [['发动机故障灯亮，读取故障码', 'diagnostics', 2, 1.0]], flags: ['waitingCustomer'] },
  { lines: [['右前门钣金修复', 'body', 2, 3.5], ['右前门喷漆', 'paint', 2, 2.5]] },
  { lines: [['空调不制冷检修', 'electrical', 2, 1.8]], flags: ['comeback'] },
  { lines: [['更换轮胎两条', 'tyres', 1, 0.6]], flags: ['waitingCustomer'] },
  { lines: [['40000 公里保养', 'maintenance', 2, 2.3]], flags: ['majorService'] },
  { lines: [['变速箱换挡冲击', 'mechanical', 3, 2.0], ['变速箱电脑匹配', 'diagnostics', 3, 0.5]], flags: ['complaint', 'highValue'] },
  { lines: [['后保险杠喷漆', 'paint', 2, 2.0]] },
  { lines: [['减震器异响', 'mechanical', 2, 1.5]], flags: ['brakeSuspension', 'comeback'] },
  { lines: [['召回：安全气囊线束检查', 'electrical', 1, 0.7]], flags: ['serviceCampaign', 'safetyRelated', 'warranty'] },
  { lines: [['常规保养：机油机滤、空滤', 'maintenance', 1, 1.2]], flags: ['waitingCustomer'] },
  { lines: [['蓄电池更换', 'electrical', 1, 0.4]] },
  { lines: [['挡风玻璃更换（外协）', 'body', 1, 1.0]], flags: ['sublet'] },
  { lines: [['偶发熄火，未找到故障', 'diagnostics', 3, 2.5]], flags: ['faultNotFound', 'comeback'] },
  { lines: [['雨刮电机更换', 'electrical', 2, 0.9]], flags: ['warranty'] },
  { lines: [['正时皮带更换', 'mechanical', 3, 3.0]], flags: ['highValue', 'majorService'] },
  { lines: [['轮胎动平衡', 'tyres', 1, 0.5]] },
  { lines: [['左后翼子板钣金', 'body', 3, 4.0], ['左后翼子板喷漆', 'paint', 3, 3.0]], flags: ['highValue'] },
  { lines: [['刹车油更换', 'maintenance', 2, 0.6]], flags: ['brakeSuspension'] },
  { lines: [['大灯调整', 'electrical', 1, 0.3]], flags: ['waitingCustomer'] },
  { lines: [['机脚胶更换', 'mechanical', 2, 2.2]] },
  { lines: [['10000 公里首保', 'maintenance', 1, 0.8]], flags: ['waitingCustomer'] },
  { lines: [['ABS 故障灯亮', 'diagnostics', 2, 1.2], ['轮速传感器更换', 'electrical', 2, 0.6]], flags: ['safetyRelated', 'brakeSuspension'] },
  { lines: [['车门划痕补漆', 'paint', 1, 1.5]], flags: ['complaint'] },
  { lines: [['节气门清洗', 'maintenance', 2, 0.8]] },
  { lines: [['转向拉杆球头更换', 'mechanical', 2, 1.4], ['四轮定位', 'tyres', 2, 0.8]], flags: ['safetyRelated', 'brakeSuspension'] },
  { lines: [['保修：水泵漏水', 'mechanical', 2, 1.6]], flags: ['warranty'] },
  { lines: [['倒车雷达不工作', 'electrical', 2, 1.0]] },
  { lines: [['60000 公里保养', 'maintenance', 2, 2.5]], flags: ['majorService', 'waitingCustomer'] }
]

const models = ['大众帕萨特', '丰田凯美瑞', '本田雅阁', '别克君越', '日产天籁', '奥迪A4L', '大众迈腾', '丰田RAV4', '本田CR-V', '宝马3系']
const customers = ['刘先生', '陈女士', '杨先生', '黄女士', '赵先生', '孙女士', '周先生', '吴女士', '郑先生', '冯女士']

/**
 * Fills an empty database with a realistic workshop day: 10 technicians and 30 orders, some
 * already on lanes; and the last 30 days of delivered work (demo-history.ts).
 */
export function loadDemo(tx: Tx): { technicians: number; repairOrders: number; delivered: number } {
  if (listTechnicians(tx.db).length > 0 || countRepairOrders(tx.db) > 0) throw new AppError('NOT_EMPTY')
  const techIds = technicians.map(
    (t) =>
      createTechnician(tx, {
        name: t.name,
        employeeNo: t.employeeNo,
        skills: t.skills.map(([skill, level]) => ({ skill, level })),
        shiftStart: t.shift?.[0] ?? '08:30',
        shiftEnd: t.shift?.[1] ?? '17:30',
        lunchStart: '12:00',
        lunchEnd: '13:00',
        active: true
      }).id
  )
  // The weeks before today come first: delivered orders for the Reports page, before today's
  // orders, which take the lanes. Their QC is signed by the workshop's first active inspector
  // (serve --demo's demo user) or else by the demo's own inactive signer.
  const inspector = listInspectors(tx.db)[0] ?? demoHistorySigner(tx)
  const delivered = inspector ? loadDemoHistory(tx, inspector) : 0
  // Promises spread over the workshop's next working hours (1 to 8.25 working hours from now, on
  // quarter hours): a demo loaded at night or on a closed day promises cars for the next open day,
  // not for the small hours, where every order would be late before the workshop opens.
  const workshop = new WorkingTime(readCalendar(tx.db)).workshop
  const inWorkingHours = (hours: number): number => {
    const at = workForward(workshop, tx.now, hours)?.finish ?? tx.now + hours * HOUR_MS
    return quarterUp(at)
  }
  // RO numbers carry the workshop's date (yyMMdd), not UTC's: at 00:26 in Shanghai it is already tomorrow.
  const stamp = localDateOf(workshop.timeZone, tx.now).slice(2).replaceAll('-', '')
  const orderIds = jobs.map((job, i) => {
    const flags = Object.fromEntries((job.flags ?? []).map((f) => [f, true]))
    return createRepairOrder(tx, {
      roNumber: `RO${stamp}-${String(i + 1).padStart(3, '0')}`,
      plate: demoPlate(i),
      vin: null,
      model: models[i % models.length],
      customerName: customers[i % customers.length],
      customerPhone: demoPhone('138', i),
      serviceAdvisor: DEMO_ADVISORS[i % DEMO_ADVISORS.length],
      promisedAt: new Date(inWorkingHours((4 + ((i * 11) % 30)) / 4)).toISOString(),
      partsReady: i % 9 !== 4,
      flags,
      notes: '',
      jobLines: job.lines.map(([description, skill, minLevel, hours]) => ({ description, skill, minLevel, hours }))
    }).id
  })
  // A few orders already on lanes: current orders and a next job or two.
  const placements: [order: number, tech: number][] = [
    [0, 1], [6, 1], [2, 0], [7, 0], [3, 3], [8, 4], [5, 5], [17, 5], [12, 2], [25, 6]
  ]
  for (const [o, t] of placements) assignRepairOrder(tx, { id: orderIds[o], technicianId: techIds[t] })
  demoWorkInProgress(tx, orderIds, techIds, inWorkingHours)
  return { technicians: techIds.length, repairOrders: orderIds.length, delivered }
}

/**
 * The demo's work in progress (issue 3), made through the same services as the real commands so
 * every record is valid: two orders running (one of them near its flat-rate hours), one stopped
 * for parts and parked, one sent out to a sublet shop.
 */
function demoWorkInProgress(tx: Tx, orderIds: number[], techIds: number[], inWorkingHours: (hours: number) => number): void {
  const at = (ms: number) => new Date(ms).toISOString()
  // 王建国's diagnosis started 50 minutes ago: 0.8 of its 1.0 flat-rate hours used (amber on the card).
  startRepairOrder(tx, { id: orderIds[2] })
  const seg = listSegments(tx.db, orderIds[2])[0]
  if (seg) editClockSegment(tx, { segmentId: seg.id, startedAt: at(tx.now - (50 / 60) * HOUR_MS), endedAt: null, reason: '演示数据：50 分钟前开工 / demo data: started 50 minutes ago' })
  startRepairOrder(tx, { id: orderIds[0] })
  startRepairOrder(tx, { id: orderIds[5] })
  // 陈静's paint job waits for paint; parked so she can take the windscreen, which goes out to a glass shop.
  startRepairOrder(tx, { id: orderIds[8] })
  pauseRepairOrder(tx, { id: orderIds[8], stoppage: { kind: 'parts', parts: '原厂面漆 1L（色号 LA7W）', expectedArrivalAt: at(inWorkingHours(2)) } })
  parkRepairOrder(tx, { id: orderIds[8] })
  assignRepairOrder(tx, { id: orderIds[13], technicianId: techIds[4] })
  startRepairOrder(tx, { id: orderIds[13] })
  pauseRepairOrder(tx, {
    id: orderIds[13],
    stoppage: { kind: 'sublet', vendor: '鹏程汽车玻璃', workSent: '前挡风玻璃更换及标定', expectedReturnAt: at(inWorkingHours(3)) }
  })
}
