import { describe, expect, it } from 'vitest'
import { DEFAULT_QC_CHECKLIST } from '../../../src/shared/domain/qc-checklist'
import { emptyFlags, type RepairOrderFlags } from '../../../src/shared/domain/types'
import { promisePassed } from '../../../src/shared/domain/risk'
import { checklistFor, qcBacklog, qcRows, signOffArgs, signOffProblems, waitParts, type SignOffForm } from '../../../src/renderer/src/features/qc/qc-model'
import { order } from './fixtures'

const NOW = Date.parse('2026-11-25T04:00:00.000Z')
const flags = (f: Partial<RepairOrderFlags>): RepairOrderFlags => ({ ...emptyFlags(), ...f })
const inQc = (id: number, extra: Parameters<typeof order>[1] = {}) => order(id, { status: 'awaiting_qc', technicianId: 1, ...extra })

describe('the inspector queue is ranked by the ten priorities, then promised time', () => {
  it('puts a comeback before a safety repair before a routine car, whatever the order of arrival', () => {
    const rows = qcRows(
      [inQc(1), inQc(2, { flags: flags({ safetyRelated: true }) }), inQc(3, { flags: flags({ comeback: true }) })],
      {},
      NOW
    )
    expect(rows.map((r) => r.order.id)).toEqual([3, 2, 1])
    expect(rows[0].priorities).toEqual([1])
    expect(rows[2].priorities).toEqual([])
  })

  it('breaks a tie on priority by the earlier promise', () => {
    const rows = qcRows(
      [inQc(1, { promisedAt: '2026-11-25T09:00:00.000Z' }), inQc(2, { promisedAt: '2026-11-25T07:00:00.000Z' })],
      {},
      NOW
    )
    expect(rows.map((r) => r.order.id)).toEqual([2, 1])
  })

  it('marks a car whose promised time has passed as overdue, and one promised for this minute or later not', () => {
    const rows = qcRows(
      [
        inQc(1, { promisedAt: '2026-11-25T03:59:00.000Z' }),
        inQc(2, { promisedAt: '2026-11-25T04:00:00.000Z' }),
        inQc(3, { promisedAt: '2026-11-25T09:00:00.000Z' })
      ],
      {},
      NOW
    )
    expect(Object.fromEntries(rows.map((r) => [r.order.id, r.overdue]))).toEqual({ 1: true, 2: false, 3: false })
    expect(promisePassed({ promisedAt: '2026-11-25T04:01:00.000Z' }, NOW + 2 * 60_000)).toBe(true)
  })

  it('leaves out every order that is not awaiting QC', () => {
    const rows = qcRows([inQc(1), order(2, { status: 'ready', technicianId: 1 }), order(3)], {}, NOW)
    expect(rows.map((r) => r.order.id)).toEqual([1])
  })

  it('measures the wait from when the order entered QC, falling back to its last change', () => {
    const rows = qcRows(
      [inQc(1, { updatedAt: '2026-11-25T03:50:00.000Z' }), inQc(2, { updatedAt: '2026-11-25T03:59:00.000Z' })],
      { 2: '2026-11-25T02:00:00.000Z' },
      NOW
    )
    expect(Object.fromEntries(rows.map((r) => [r.order.id, r.waitedMinutes]))).toEqual({ 1: 10, 2: 120 })
  })
})

describe('the QC backlog on the board', () => {
  it('counts the cars and takes the longest wait', () => {
    const rows = qcRows([inQc(1, { updatedAt: '2026-11-25T03:15:00.000Z' }), inQc(2, { updatedAt: '2026-11-25T03:55:00.000Z' })], {}, NOW)
    expect(qcBacklog(rows)).toEqual({ awaiting: 2, oldestWaitMinutes: 45 })
    expect(qcBacklog([])).toEqual({ awaiting: 0, oldestWaitMinutes: null })
  })

  it('splits a wait into hours and minutes', () => {
    expect(waitParts(42)).toEqual({ h: 0, m: 42 })
    expect(waitParts(125)).toEqual({ h: 2, m: 5 })
  })
})

describe('the checklist shown for one car', () => {
  it('requires the road test for brake/suspension, safety-related and comeback orders only', () => {
    const road = (f: Partial<RepairOrderFlags>) => checklistFor(DEFAULT_QC_CHECKLIST, { flags: flags(f) }).find((i) => i.id === 'road-test')
    expect(road({})?.required).toBe(false)
    expect(road({ brakeSuspension: true })).toMatchObject({ required: true, becauseFlags: ['brakeSuspension'] })
    expect(road({ safetyRelated: true, comeback: true })?.becauseFlags).toEqual(['safetyRelated', 'comeback'])
    expect(road({ warranty: true })?.required).toBe(false)
  })

  it('always requires the four default checks', () => {
    const required = checklistFor(DEFAULT_QC_CHECKLIST, { flags: emptyFlags() }).filter((i) => i.required).map((i) => i.id)
    expect(required).toEqual(['requested-work', 'technician-report', 'replaced-parts', 'vehicle-clean'])
  })
})

describe('the sign-off form checks what the server would refuse, before the PIN is spent', () => {
  const checklist = checklistFor(DEFAULT_QC_CHECKLIST, { flags: flags({ brakeSuspension: true }) })
  const all = new Set(checklist.map((i) => i.id))
  const base: SignOffForm = { result: 'pass', checked: all, failReason: '', comebackCause: null, inspectorUserId: 3, pin: '2000' }
  const kinds = (f: Partial<SignOffForm>) => signOffProblems({ ...base, ...f }, checklist).map((p) => p.kind)

  it('accepts a complete pass', () => {
    expect(kinds({})).toEqual([])
  })

  it('asks for pass or fail', () => {
    expect(kinds({ result: null })).toEqual(['needResult'])
  })

  it('refuses a pass that misses a required check, naming it (the road test on a brake job)', () => {
    const checked = new Set([...all].filter((id) => id !== 'road-test'))
    expect(signOffProblems({ ...base, checked }, checklist)).toEqual([{ kind: 'missingRequired', itemIds: ['road-test'] }])
  })

  it('lets a fail through with unticked checks, but only with a reason and one of the six causes', () => {
    expect(kinds({ result: 'fail', checked: new Set() })).toEqual(['needReason', 'needCause'])
    expect(kinds({ result: 'fail', checked: new Set(), failReason: '  ', comebackCause: 'wrong-diagnosis' })).toEqual(['needReason'])
    expect(kinds({ result: 'fail', checked: new Set(), failReason: 'Pedal soft', comebackCause: 'wrong-diagnosis' })).toEqual([])
  })

  it('needs a named inspector and a PIN of 4 to 12 digits', () => {
    expect(kinds({ inspectorUserId: null })).toEqual(['needInspector'])
    expect(kinds({ pin: '123' })).toEqual(['needPin'])
    expect(kinds({ pin: '12a4' })).toEqual(['needPin'])
    expect(kinds({ pin: '1234567890123' })).toEqual(['needPin'])
  })

  it('sends a pass without fail fields and a fail with a trimmed reason', () => {
    expect(signOffArgs(7, base, checklist)).toEqual({ id: 7, inspectorUserId: 3, pin: '2000', result: 'pass', checkedItemIds: [...all] })
    const fail = signOffArgs(7, { ...base, result: 'fail', failReason: ' Pedal soft ', comebackCause: 'wrong-diagnosis' }, checklist)
    expect(fail).toMatchObject({ result: 'fail', failReason: 'Pedal soft', comebackCause: 'wrong-diagnosis' })
  })

  it('drops ticks of checks no longer on the template, which the server would refuse as unknown', () => {
    const args = signOffArgs(7, { ...base, checked: new Set([...all, 'gone-item']) }, checklist)
    expect(args.checkedItemIds).not.toContain('gone-item')
  })
})
