import type { BoardSnapshot } from '../../../src/main/services/board'
import { emptyFlags, type RepairOrder, type Technician } from '../../../src/shared/domain/types'

/** Small hand-written boards for the renderer's pure logic. */
export function tech(id: number, skills: Technician['skills'], extra: Partial<Technician> = {}): Technician {
  return {
    id,
    name: `T${id}`,
    employeeNo: `E${String(id).padStart(3, '0')}`,
    skills,
    shiftStart: '08:30',
    shiftEnd: '17:30',
    lunchStart: '12:00',
    lunchEnd: '13:00',
    active: true,
    version: 1,
    ...extra
  }
}

export function order(id: number, extra: Partial<RepairOrder> = {}): RepairOrder {
  const o: RepairOrder = {
    id,
    roNumber: `RO-${String(id).padStart(3, '0')}`,
    plate: `粤B ${id}`,
    vin: null,
    model: 'Model',
    customerName: 'C',
    customerPhone: '13800000000',
    serviceAdvisor: 'SA',
    jobLines: [{ description: 'job', skill: 'maintenance', minLevel: 1, hours: 1 }],
    promisedAt: '2026-11-25T06:00:00.000Z',
    partsReady: true,
    flags: emptyFlags(),
    notes: '',
    status: 'waiting',
    technicianId: null,
    queuePosition: null,
    parked: false,
    cancelReason: null,
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    version: 1,
    labour: { closedHours: 0, runningSince: null },
    openStoppage: null,
    promise: { originalPromisedAt: '2026-11-25T06:00:00.000Z', notificationCount: 0, lastNotification: null },
    technicianReport: null
  }
  return { ...o, ...extra }
}

export function snapshot(technicians: Technician[], orders: RepairOrder[], version = 10): BoardSnapshot {
  // Only the fields the renderer reads; later issues may add settings the board ignores.
  return {
    version,
    serverTime: '2026-11-25T02:00:00.000Z',
    settings: { timeZone: 'Asia/Shanghai', settlementHours: 0.2 },
    skills: [
      { code: 'maintenance', nameZh: '保养', nameEn: 'Maintenance', active: true },
      { code: 'paint', nameZh: '喷漆', nameEn: 'Paint', active: true }
    ],
    technicians,
    orders
  } as unknown as BoardSnapshot
}
