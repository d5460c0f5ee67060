import type { RepairOrderFlag, RepairOrderFlags } from './types'

/**
 * When a checklist item must be ticked for a QC pass: always, never (optional), or when the
 * order carries any of the listed flags (the road test: brake/suspension, safety, comeback).
 */
export type RequiredWhen = { kind: 'always' } | { kind: 'optional' } | { kind: 'anyFlag'; flags: RepairOrderFlag[] }

export interface QcChecklistItem {
  /** Stable id: QC records and the tablet refer to items by it, so it never changes. */
  id: string
  labelEn: string
  labelZh: string
  requiredWhen: RequiredWhen
}

/** The default template (domain.md, "What the inspector checks"); the shop may edit it in settings. */
export const DEFAULT_QC_CHECKLIST: readonly QcChecklistItem[] = [
  {
    id: 'requested-work',
    labelEn: "The service advisor's requested work is done",
    labelZh: '服务顾问记录的客户委托项目已完成',
    requiredWhen: { kind: 'always' }
  },
  {
    id: 'technician-report',
    labelEn: "The technician's report is present: what was done, why it failed, how it was fixed",
    labelZh: '技术员报告齐全：做了什么、故障原因、如何修复',
    requiredWhen: { kind: 'always' }
  },
  {
    id: 'replaced-parts',
    labelEn: 'Replaced parts checked and kept for the customer',
    labelZh: '已检查更换下的零件并留给客户',
    requiredWhen: { kind: 'always' }
  },
  {
    id: 'vehicle-clean',
    labelEn: 'Vehicle clean',
    labelZh: '车辆清洁',
    requiredWhen: { kind: 'always' }
  },
  {
    id: 'road-test',
    labelEn: 'Road test',
    labelZh: '路试',
    requiredWhen: { kind: 'anyFlag', flags: ['brakeSuspension', 'safetyRelated', 'comeback'] }
  }
]

/** Whether an item must be checked for a pass on an order with these flags. */
export function isRequired(item: QcChecklistItem, flags: RepairOrderFlags): boolean {
  switch (item.requiredWhen.kind) {
    case 'always':
      return true
    case 'optional':
      return false
    case 'anyFlag':
      return item.requiredWhen.flags.some((f) => flags[f])
  }
}

export interface ChecklistLine extends QcChecklistItem {
  required: boolean
  checked: boolean
}

/** The checklist as signed: every template item with whether it was required and ticked. */
export function evaluateChecklist(
  template: readonly QcChecklistItem[],
  flags: RepairOrderFlags,
  checkedIds: readonly string[]
): { lines: ChecklistLine[]; missingRequired: string[]; unknownIds: string[] } {
  const checked = new Set(checkedIds)
  const known = new Set(template.map((i) => i.id))
  const lines = template.map((i) => ({ ...i, required: isRequired(i, flags), checked: checked.has(i.id) }))
  return {
    lines,
    missingRequired: lines.filter((l) => l.required && !l.checked).map((l) => l.id),
    unknownIds: [...checked].filter((id) => !known.has(id))
  }
}

/** The six known causes of comebacks (domain.md), recorded with every QC fail. */
export const COMEBACK_CAUSES = [
  'poor-sa-questioning',
  'no-primary-repair-item',
  'wrong-diagnosis',
  'technician-lacking-skill',
  'missing-tools-equipment',
  'poor-delivery-explanation'
] as const
export type ComebackCause = (typeof COMEBACK_CAUSES)[number]
