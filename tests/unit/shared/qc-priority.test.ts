import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  compareForQc,
  qcPriorities,
  qcPriority,
  QC_PRIORITY_FLAGS,
  QC_PRIORITY_NONE,
  qcWaitMinutes,
  rankQcQueue,
  type QcCandidate
} from '../../../src/shared/domain/qc-priority'
import { DEFAULT_QC_CHECKLIST, evaluateChecklist, isRequired, COMEBACK_CAUSES } from '../../../src/shared/domain/qc-checklist'
import { emptyFlags, REPAIR_ORDER_FLAGS, type RepairOrderFlag } from '../../../src/shared/domain/types'

const flags = (...f: RepairOrderFlag[]) => ({ ...emptyFlags(), ...Object.fromEntries(f.map((x) => [x, true])) })
let ids = 0
const car = (f: RepairOrderFlag[], promisedAt = '2026-11-25T08:00:00Z', qcSince = '2026-11-25T02:00:00Z'): QcCandidate => ({
  id: ++ids,
  flags: flags(...f),
  promisedAt,
  qcSince
})

describe('the ten QC priorities (domain.md), when the inspector cannot check every car', () => {
  it('are, in order: comebacks, complaints, safety, warranty, campaign, sublet, high value, major service, brake/suspension, fault not found', () => {
    expect(QC_PRIORITY_FLAGS).toEqual([
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
    ])
    QC_PRIORITY_FLAGS.forEach((f, i) => expect(qcPriority(flags(f))).toBe(i + 1))
  })

  it('an order takes its highest priority; one with none of the ten comes after all of them', () => {
    expect(qcPriority(flags('brakeSuspension', 'complaint'))).toBe(2)
    expect(qcPriorities(flags('brakeSuspension', 'complaint'))).toEqual([2, 9])
    expect(qcPriority(flags())).toBe(QC_PRIORITY_NONE)
    // A waiting customer matters to the pool, not to the QC priority.
    expect(qcPriority(flags('waitingCustomer'))).toBe(QC_PRIORITY_NONE)
  })

  it('ranks a comeback before a complaint even if the complaint is promised earlier', () => {
    const complaint = car(['complaint'], '2026-11-25T03:00:00Z')
    const comeback = car(['comeback'], '2026-11-25T09:00:00Z')
    expect(rankQcQueue([complaint, comeback])).toEqual([comeback, complaint])
  })

  it('on the same priority: the one hitting more of the next priorities, then the earliest promise, then the longest wait', () => {
    const plainComeback = car(['comeback'], '2026-11-25T04:00:00Z')
    const safetyComeback = car(['comeback', 'safetyRelated'], '2026-11-25T09:00:00Z')
    const lateWarranty = car(['warranty'], '2026-11-25T10:00:00Z')
    const earlyWarranty = car(['warranty'], '2026-11-25T05:00:00Z')
    const waitedLong = car([], '2026-11-25T06:00:00Z', '2026-11-25T01:00:00Z')
    const waitedShort = car([], '2026-11-25T06:00:00Z', '2026-11-25T02:30:00Z')
    expect(rankQcQueue([waitedShort, lateWarranty, plainComeback, waitedLong, earlyWarranty, safetyComeback])).toEqual([
      safetyComeback,
      plainComeback,
      earlyWarranty,
      lateWarranty,
      waitedLong,
      waitedShort
    ])
  })

  it('is a total order: the ranking does not depend on the order the cars arrive in', () => {
    const arbCar = fc.record({
      id: fc.integer({ min: 1, max: 1_000_000 }),
      flags: fc.record(Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, fc.boolean()])) as Record<RepairOrderFlag, fc.Arbitrary<boolean>>),
      promisedAt: fc.integer({ min: 0, max: 48 }).map((q) => new Date(Date.UTC(2026, 10, 25) + q * 900_000).toISOString()),
      qcSince: fc.integer({ min: 0, max: 48 }).map((q) => new Date(Date.UTC(2026, 10, 24) + q * 900_000).toISOString())
    })
    fc.assert(
      fc.property(fc.uniqueArray(arbCar, { selector: (c) => c.id, maxLength: 25 }), (cars) => {
        const ranked = rankQcQueue(cars)
        expect(rankQcQueue([...cars].reverse())).toEqual(ranked)
        for (let i = 1; i < ranked.length; i++) {
          expect(compareForQc(ranked[i - 1], ranked[i])).toBeLessThan(0)
          expect(qcPriority(ranked[i - 1].flags)).toBeLessThanOrEqual(qcPriority(ranked[i].flags))
        }
      })
    )
  })

  it('counts the wait in whole minutes, never negative', () => {
    const since = '2026-11-25T02:00:00Z'
    expect(qcWaitMinutes(since, Date.parse(since) + 90 * 60_000 + 59_000)).toBe(90)
    expect(qcWaitMinutes(since, Date.parse(since) - 60_000)).toBe(0)
  })
})

describe('the QC checklist rule', () => {
  const roadTest = DEFAULT_QC_CHECKLIST.find((i) => i.id === 'road-test')!

  it('has the five default checks with stable ids', () => {
    expect(DEFAULT_QC_CHECKLIST.map((i) => i.id)).toEqual(['requested-work', 'technician-report', 'replaced-parts', 'vehicle-clean', 'road-test'])
  })

  it('requires the road test for brake/suspension, safety-related and comeback orders only', () => {
    for (const f of ['brakeSuspension', 'safetyRelated', 'comeback'] as const) expect(isRequired(roadTest, flags(f))).toBe(true)
    for (const f of ['complaint', 'warranty', 'majorService', 'waitingCustomer'] as const) expect(isRequired(roadTest, flags(f))).toBe(false)
  })

  it('lists the required checks left unticked and ids that are not on the template', () => {
    const r = evaluateChecklist(DEFAULT_QC_CHECKLIST, flags('comeback'), ['requested-work', 'vehicle-clean', 'nonsense'])
    expect(r.missingRequired).toEqual(['technician-report', 'replaced-parts', 'road-test'])
    expect(r.unknownIds).toEqual(['nonsense'])
    expect(r.lines.find((l) => l.id === 'vehicle-clean')).toMatchObject({ required: true, checked: true })
  })

  it('knows the six comeback causes of domain.md', () => {
    expect(COMEBACK_CAUSES).toHaveLength(6)
  })
})
