import type { Reply } from '../../src/shared/api/errors'
import type { Role } from '../../src/shared/domain/roles'
import type { RepairOrder, RepairOrderFlag, Technician } from '../../src/shared/domain/types'
import type { User } from '../../src/main/db/users.repo'
import type { Caller } from '../../src/main/services/tx'
import { roInput, techInput, type Harness } from './helpers'

/** A network caller with a role (as the HTTP station would pass after a login). */
export const as = (role: Role, extra: Partial<Caller> = {}): Caller => ({ actor: `test-${role}`, role, ...extra })
export const ADMIN = as('admin')

export function callAs<T = unknown>(h: Harness, caller: Caller, name: string, args: unknown = {}): Reply<T> {
  return h.core.dispatch(name, args, caller) as Reply<T>
}

export function okAs<T = unknown>(h: Harness, caller: Caller, name: string, args: unknown = {}): T {
  const r = h.core.dispatch(name, args, caller)
  if (!r.ok) throw new Error(`${name} failed: ${r.error.code} ${r.error.message.en}`)
  return r.result as T
}

export const INSPECTOR_PIN = '482913'
export const DISPATCHER_PIN = '771204'

/** An inspector and a dispatcher user, created by the administrator. */
export function qcUsers(h: Harness): { inspector: User; dispatcher: User } {
  const inspector = okAs<User>(h, ADMIN, 'user-create', { name: '周检', username: 'zhoujian', role: 'qc_inspector', pin: INSPECTOR_PIN })
  const dispatcher = okAs<User>(h, ADMIN, 'user-create', { name: '调度李', username: 'li', role: 'dispatcher', pin: DISPATCHER_PIN })
  return { inspector, dispatcher }
}

export const REPORT = { workDone: '更换前刹车片', cause: '刹车片磨损到极限', fix: '更换刹车片并路试' }

/**
 * Puts a new order through the real commands to awaiting QC: create, drop on the technician,
 * start the clock, finish with the technician's report (issue 3's commands).
 */
export function orderAwaitingQc(
  h: Harness,
  tech: Technician,
  over: { flags?: RepairOrderFlag[]; promisedAt?: string; hours?: number } = {}
): RepairOrder {
  const order = h.ok<RepairOrder>(
    'repair-order-create',
    roInput({
      flags: Object.fromEntries((over.flags ?? []).map((f) => [f, true])),
      ...(over.promisedAt ? { promisedAt: over.promisedAt } : {}),
      jobLines: [{ description: '前刹车片更换', skill: 'maintenance', minLevel: 1, hours: over.hours ?? 1.5 }]
    })
  )
  h.ok('repair-order-assign', { id: order.id, technicianId: tech.id })
  // The technician's current slot must be this order to start it: move it to the front if needed.
  let o = h.ok<RepairOrder>('repair-order-get', { id: order.id })
  if (o.status !== 'assigned') throw new Error(`orderAwaitingQc: ${o.roNumber} is ${o.status}; give the technician a free slot`)
  h.ok('repair-order-start', { id: order.id })
  o = h.ok<RepairOrder>('repair-order-finish', { id: order.id, report: REPORT })
  return o
}

export function newTech(h: Harness, name = '王建国'): Technician {
  return h.ok<Technician>('technician-create', techInput({ name, skills: [{ skill: 'maintenance', level: 3 }] }))
}
