import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMAND_NAMES } from '../../src/shared/api/commands'
import { isAllowed, PERMISSIONS, ROLES, type Role } from '../../src/shared/domain/roles'
import type { RepairOrder, Technician } from '../../src/shared/domain/types'
import type { Caller } from '../../src/main/services/tx'
import { harness, roInput, techInput, type Harness } from './helpers'

/**
 * Every role (and a station nobody is logged in at) against every command of the contract,
 * generated from roles.ts and COMMAND_NAMES: the server refuses exactly what the table refuses,
 * whatever the arguments. Arguments are empty on purpose: a refused role must be refused before
 * its arguments are even looked at, and an allowed one gets some other answer (often VALIDATION).
 */
let h: Harness
beforeAll(() => {
  h = harness()
})
afterAll(() => h.close())

const callers: [label: string, role: Role | null][] = [...ROLES.map((r): [string, Role] => [r, r]), ['nobody logged in', null]]

describe.each(callers)('%s', (_label, role) => {
  const caller: Caller = { actor: `matrix-${role ?? 'nobody'}`, role, technicianId: role === 'technician' ? 1 : null }
  it.each([...COMMAND_NAMES])(`%s`, (name) => {
    const reply = h.core.dispatch(name, {}, caller)
    const code = reply.ok ? 'ok' : reply.error.code
    if (isAllowed(name, role)) {
      expect(code).not.toBe('FORBIDDEN')
      expect(code).not.toBe('UNAUTHENTICATED')
    } else {
      expect(code).toBe(role === null ? 'UNAUTHENTICATED' : 'FORBIDDEN')
      if (!reply.ok) {
        expect(reply.error.message.en.length).toBeGreaterThan(10)
        expect(reply.error.message.zh).toMatch(/[\u4e00-\u9fff]/)
      }
    }
  })
})

describe('the matrix is not trivial', () => {
  it('each role is refused something and allowed something', () => {
    for (const role of ROLES) {
      expect(COMMAND_NAMES.some((n) => isAllowed(n, role)), role).toBe(true)
      expect(COMMAND_NAMES.some((n) => !isAllowed(n, role)), role).toBe(true)
    }
    expect(Object.keys(PERMISSIONS)).toHaveLength(COMMAND_NAMES.length)
  })

  it('a refusal names the role and the command in both languages', () => {
    const r = h.core.dispatch('repair-order-assign', { id: 1, technicianId: 1 }, { actor: 'wall', role: 'wall_display' })
    if (r.ok) throw new Error('wall display assigned an order')
    expect(r.error.message.en).toBe('Your role (Wall display) may not do this (repair-order-assign).')
    expect(r.error.message.zh).toBe('您的角色（看板大屏）无权执行此操作（repair-order-assign）。')
  })
})

describe('a technician clocks on and off only their own orders', () => {
  it('start / pause / resume / finish / get / history on a colleague\'s order are FORBIDDEN; on their own they run', () => {
    const mine = h.ok<Technician>('technician-create', techInput({ skills: [{ skill: 'maintenance', level: 3 }] }))
    const colleague = h.ok<Technician>('technician-create', techInput({ skills: [{ skill: 'maintenance', level: 3 }] }))
    const myOrder = h.ok<RepairOrder>('repair-order-create', roInput())
    const theirs = h.ok<RepairOrder>('repair-order-create', roInput())
    h.ok('repair-order-assign', { id: myOrder.id, technicianId: mine.id })
    h.ok('repair-order-assign', { id: theirs.id, technicianId: colleague.id })
    const me: Caller = { actor: 'tech', role: 'technician', technicianId: mine.id }
    const code = (name: string, args: unknown) => {
      const r = h.core.dispatch(name, args, me)
      return r.ok ? 'ok' : r.error.code
    }
    const stoppage = { kind: 'tools', equipment: '举升机' }
    for (const [name, args] of [
      ['repair-order-get', { id: theirs.id }],
      ['repair-order-history', { id: theirs.id }],
      ['repair-order-start', { id: theirs.id }],
      ['repair-order-pause', { id: theirs.id, stoppage }],
      ['repair-order-resume', { id: theirs.id }],
      ['repair-order-finish', { id: theirs.id, report: { workDone: 'a', cause: 'b', fix: 'c' } }],
      ['clock-segment-list', { id: theirs.id }],
      ['repair-order-get', { id: 99999 }]
    ] as const) {
      expect(code(name, args), name).toBe('FORBIDDEN')
    }
    expect(h.ok<RepairOrder>('repair-order-get', { id: theirs.id }).status).toBe('assigned')
    expect(code('repair-order-start', { id: myOrder.id })).toBe('ok')
    expect(code('repair-order-pause', { id: myOrder.id, stoppage })).toBe('ok')
    expect(code('repair-order-resume', { id: myOrder.id })).toBe('ok')
    expect(code('repair-order-finish', { id: myOrder.id, report: { workDone: 'a', cause: 'b', fix: 'c' } })).toBe('ok')
    expect(h.ok<RepairOrder>('repair-order-get', { id: myOrder.id }).status).toBe('awaiting_qc')
    // ...and their board shows their own jobs only.
    const board = h.core.dispatch('board-get', {}, me)
    expect(board.ok && (board.result as { orders: RepairOrder[] }).orders.map((o) => o.id)).toEqual([myOrder.id])
    const full = h.ok<{ orders: RepairOrder[] }>('board-get')
    expect(full.orders.map((o) => o.id)).toEqual(expect.arrayContaining([myOrder.id, theirs.id]))
  })
})
