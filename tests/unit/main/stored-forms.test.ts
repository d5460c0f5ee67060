import { describe, expect, it } from 'vitest'
import { emptyFlags, REPAIR_ORDER_FLAGS, type RepairOrderFlags } from '../../../src/shared/domain/types'
import { DEFAULT_QC_CHECKLIST, evaluateChecklist, type ChecklistLine } from '../../../src/shared/domain/qc-checklist'
import { flagBit, flagsFromBits, flagsToBits } from '../../../src/main/db/repair-orders.repo'
import { decodeChecklist, encodeChecklist, MAX_CHECKLIST_ITEMS } from '../../../src/main/db/qc.repo'

/**
 * The stored forms of migration 006. Bit positions are in the data file: changing one silently
 * changes what three years of records say, so they are pinned here.
 */
describe('repair_orders.flag_bits', () => {
  it('bit i is REPAIR_ORDER_FLAGS[i], and that order is frozen (new flags are appended only)', () => {
    expect(REPAIR_ORDER_FLAGS.slice(0, 11)).toEqual([
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
    ])
    REPAIR_ORDER_FLAGS.forEach((f, i) => expect(flagBit(f), f).toBe(2 ** i))
    expect(() => flagBit('teleported' as never)).toThrow(/unknown flag/)
  })

  it('every one of the 2^11 combinations round-trips', () => {
    for (let bits = 0; bits < 2 ** REPAIR_ORDER_FLAGS.length; bits++) {
      const flags = flagsFromBits(bits)
      expect(Object.keys(flags)).toEqual([...REPAIR_ORDER_FLAGS])
      expect(flagsToBits(flags)).toBe(bits)
    }
  })

  it('absent flags are false both ways', () => {
    expect(flagsToBits({})).toBe(0)
    expect(flagsToBits({ comeback: true })).toBe(2)
    expect(flagsFromBits(0)).toEqual(emptyFlags())
    expect(flagsFromBits(2 ** 9)).toEqual({ ...emptyFlags(), brakeSuspension: true } satisfies RepairOrderFlags)
  })
})

describe('a signed checklist: version items + required and ticked bitmasks', () => {
  const line = (i: number, required: boolean, checked: boolean): ChecklistLine => ({
    id: `item-${i}`,
    labelEn: `Check ${i}`,
    labelZh: `检查${i}`,
    requiredWhen: i % 2 ? { kind: 'always' } : { kind: 'anyFlag', flags: ['comeback', 'safetyRelated'] },
    required,
    checked
  })

  it('round-trips the default checklist exactly, key order included', () => {
    const flags = { ...emptyFlags(), brakeSuspension: true }
    const lines = evaluateChecklist(DEFAULT_QC_CHECKLIST, flags, ['requested-work', 'road-test']).lines
    const e = encodeChecklist(lines)
    expect(e.requiredItems).toBe(0b11111)
    expect(e.checkedItems).toBe(0b10001)
    expect(JSON.parse(e.itemsJson)).toEqual(DEFAULT_QC_CHECKLIST)
    expect(JSON.stringify(decodeChecklist(e.itemsJson, e.requiredItems, e.checkedItems))).toBe(JSON.stringify(lines))
  })

  it('the template part does not depend on the marks, so one version serves every order', () => {
    const a = encodeChecklist([line(0, true, true), line(1, false, false)])
    const b = encodeChecklist([line(0, false, true), line(1, true, false)])
    expect(a.itemsJson).toBe(b.itemsJson)
  })

  it('holds up to MAX_CHECKLIST_ITEMS items, every mark in its place', () => {
    const lines = Array.from({ length: MAX_CHECKLIST_ITEMS }, (_, i) => line(i, i % 3 === 0, i % 5 !== 1))
    const e = encodeChecklist(lines)
    expect(Number.isSafeInteger(e.requiredItems) && Number.isSafeInteger(e.checkedItems)).toBe(true)
    expect(decodeChecklist(e.itemsJson, e.requiredItems, e.checkedItems)).toEqual(lines)
    expect(() => encodeChecklist([...lines, line(99, true, true)])).toThrow(/1 to 53 items/)
    expect(() => encodeChecklist([])).toThrow(/1 to 53 items/)
  })

  it('refuses a line without its marks rather than storing a guess', () => {
    const { checked: _omit, ...noTick } = line(0, true, true)
    expect(() => encodeChecklist([noTick as ChecklistLine])).toThrow(/lacks its required\/checked marks/)
  })
})
