import { describe, expect, it } from 'vitest'
import { routeOf } from '../../../src/renderer/src/features/qc/route'
import { dialogAllowed, can } from '../../../src/renderer/src/features/auth/session-store'

describe('the QC tablet can bookmark its screens by URL hash', () => {
  it('maps #/qc and #/qc/delivery, and everything else to the board', () => {
    expect(routeOf('#/qc')).toBe('qc')
    expect(routeOf('#/qc/')).toBe('qc')
    expect(routeOf('#/qc/delivery')).toBe('delivery')
    expect(routeOf('')).toBe('board')
    expect(routeOf('#/reports')).toBe('board')
    expect(routeOf('#/qcx')).toBe('board')
  })
})

describe('the UI follows the role table (the server checks anyway)', () => {
  it('gives the wall display no editor and no dispatch', () => {
    for (const kind of ['new-order', 'technician', 'technicians', 'skills']) expect(dialogAllowed('wall_display', kind)).toBe(false)
    expect(dialogAllowed('wall_display', 'order')).toBe(true)
    expect(can('wall_display', 'repair-order-assign')).toBe(false)
  })

  it('lets the inspector sign but not dispatch or deliver', () => {
    expect(can('qc_inspector', 'qc-sign-off')).toBe(true)
    expect(can('qc_inspector', 'repair-order-assign')).toBe(false)
    expect(can('qc_inspector', 'repair-order-deliver')).toBe(false)
  })

  it('shows a station nobody is logged in at nothing but the public commands', () => {
    expect(can(null, 'board-get')).toBe(false)
    expect(can(null, 'auth-login')).toBe(true)
  })
})
