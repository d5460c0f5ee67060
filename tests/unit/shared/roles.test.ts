import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, commands } from '../../../src/shared/api/commands'
import { isAllowed, PERMISSIONS, PUBLIC, ROLES, TECHNICIAN_OWN_ORDER_COMMANDS } from '../../../src/shared/domain/roles'

describe('the permission table', () => {
  it('decides for every command of the contract, and for nothing else', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...COMMAND_NAMES].sort())
  })

  it('the wall display only reads', () => {
    for (const name of COMMAND_NAMES) {
      if (commands[name].mutates && PERMISSIONS[name] !== PUBLIC) expect(isAllowed(name, 'wall_display'), name).toBe(false)
    }
    expect(isAllowed('board-get', 'wall_display')).toBe(true)
  })

  it('only logging in, logging out, first-run setup and "who am I" are open to a station nobody is logged in at', () => {
    expect(COMMAND_NAMES.filter((n) => isAllowed(n, null)).sort()).toEqual(['auth-login', 'auth-logout', 'auth-setup', 'auth-whoami'])
  })

  it('users and the QC checklist are the administrator\'s; the administrator does not dispatch or sign QC', () => {
    for (const n of ['user-create', 'user-update', 'user-list', 'qc-checklist-update'] as const) {
      expect(ROLES.filter((r) => isAllowed(n, r))).toEqual(['admin'])
    }
    expect(isAllowed('repair-order-assign', 'admin')).toBe(false)
    expect(isAllowed('qc-sign-off', 'admin')).toBe(false)
  })

  it('a technician may clock their own orders but not dispatch, sign QC or deliver', () => {
    for (const n of ['repair-order-start', 'repair-order-pause', 'repair-order-resume', 'repair-order-finish'] as const) {
      expect(isAllowed(n, 'technician')).toBe(true)
      expect(TECHNICIAN_OWN_ORDER_COMMANDS).toContain(n)
    }
    for (const n of ['repair-order-assign', 'repair-order-park', 'qc-sign-off', 'repair-order-deliver', 'repair-order-cancel'] as const) {
      expect(isAllowed(n, 'technician')).toBe(false)
    }
  })

  it('every command restricted to a technician\'s own orders takes an order id', () => {
    for (const n of TECHNICIAN_OWN_ORDER_COMMANDS) {
      expect(Object.keys((commands[n].args as unknown as { shape: Record<string, unknown> }).shape)).toContain('id')
    }
  })
})
