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

/** The flags the QC priority and the pool order need (domain.md, QC step 5). */
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
}

export const emptyFlags = (): RepairOrderFlags =>
  Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, false])) as RepairOrderFlags
