import type { LabourClock } from './labour'

/** Skill level 1 (basic) to 3 (expert), as rated by the shop. */
export type SkillLevel = 1 | 2 | 3

export const REPAIR_ORDER_STATUSES = [
  'waiting',
  'queued',
  'assigned',
  'in_progress',
  'stopped',
  'awaiting_qc',
  'ready',
  'delivered',
  'cancelled'
] as const
export type RepairOrderStatus = (typeof REPAIR_ORDER_STATUSES)[number]

/**
 * The flags the QC priority and the pool order need (domain.md, QC step 5). Append only: a flag's
 * position is its bit in the stored form (repair-orders.repo.ts flagBit), so reordering would
 * change what every saved order says.
 */
export const REPAIR_ORDER_FLAGS = [
  'waitingCustomer',
  'comeback',
  'complaint',
  'safetyRelated',
  'warranty',
  'serviceCampaign',
  'sublet',
  'highValue',
  'majorService',
  'brakeSuspension',
  'faultNotFound'
] as const
export type RepairOrderFlag = (typeof REPAIR_ORDER_FLAGS)[number]
export type RepairOrderFlags = Record<RepairOrderFlag, boolean>

export interface Skill {
  code: string
  nameZh: string
  nameEn: string
  active: boolean
}

export interface TechnicianSkill {
  skill: string
  level: SkillLevel
}

export interface Technician {
  id: number
  name: string
  employeeNo: string
  skills: TechnicianSkill[]
  /** Local wall-clock times "HH:mm" in the workshop's time zone. */
  shiftStart: string
  shiftEnd: string
  lunchStart: string | null
  lunchEnd: string | null
  active: boolean
  version: number
}

export interface JobLine {
  id?: number
  description: string
  skill: string
  minLevel: SkillLevel
  /** Flat-rate labour hours (工时手册工时). */
  hours: number
}

/** The order's own fields as the service advisor wrote them in the DMS (vehicle, customer, advisor). */
export type RepairOrderHeader = Pick<RepairOrder, 'roNumber' | 'plate' | 'vin' | 'model' | 'customerName' | 'customerPhone' | 'serviceAdvisor'>

export interface RepairOrder {
  id: number
  roNumber: string
  plate: string
  vin: string | null
  model: string
  customerName: string
  customerPhone: string
  serviceAdvisor: string
  jobLines: JobLine[]
  /** UTC instant, ISO 8601. */
  promisedAt: string
  partsReady: boolean
  flags: RepairOrderFlags
  notes: string
  status: RepairOrderStatus
  technicianId: number | null
  /** 0-based place in the technician's next-job queue; null unless queued. */
  queuePosition: number | null
  /** A stopped order the dispatcher has taken out of the technician's current slot. */
  parked: boolean
  cancelReason: string | null
  createdAt: string
  updatedAt: string
  version: number
  /** Labour clock (issue 3): hours used = closedHours + the running segment (labour.hoursUsedAt). */
  labour: LabourClock
  /** The stoppage running now, if any (status stopped). */
  openStoppage: Stoppage | null
  /** The original promise and the customer notifications of revised ones. */
  promise: PromiseState
  /** The technician's latest report on finishing (what was done, why it failed, how it was fixed). */
  technicianReport: TechnicianReport | null
}

export const STOPPAGE_KINDS = ['parts', 'sublet', 'approval', 'tools', 'other'] as const
export type StoppageKind = (typeof STOPPAGE_KINDS)[number]

/** A stoppage's reason and details; instants are UTC ISO 8601. */
export type StoppageDetails =
  | { kind: 'parts'; parts: string; expectedArrivalAt: string | null }
  | { kind: 'sublet'; vendor: string; workSent: string; expectedReturnAt: string | null }
  | { kind: 'approval'; note: string }
  | { kind: 'tools'; equipment: string }
  | { kind: 'other'; text: string }

export interface Stoppage {
  id: number
  repairOrderId: number
  technicianId: number | null
  kind: StoppageKind
  details: StoppageDetails
  /** Parts' expected arrival or sublet's expected return; null when not known or not applicable. */
  expectedEndAt: string | null
  startedAt: string
  endedAt: string | null
  startedBy: string
}

export const NOTIFICATION_CHANNELS = ['phone', 'sms', 'wechat', 'in_person'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

/** One "customer told in advance" record (预先通知客户). */
export interface CustomerNotification {
  id: number
  repairOrderId: number
  previousPromisedAt: string
  revisedPromisedAt: string
  channel: NotificationChannel
  toldBy: string
  toldAt: string
  note: string
  recordedBy: string
  recordedAt: string
}

export interface PromiseState {
  /** The first promise ever given to the customer (equals promisedAt until it is revised). */
  originalPromisedAt: string
  notificationCount: number
  lastNotification: CustomerNotification | null
}

export interface TechnicianReport {
  technicianId: number
  workDone: string
  cause: string
  fix: string
  writtenAt: string
  writtenBy: string
}

export const emptyFlags = (): RepairOrderFlags =>
  Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, false])) as RepairOrderFlags
