import { z } from 'zod'
import { REPAIR_ORDER_FLAGS } from '../domain/types'
import { ROLES } from '../domain/roles'
import { COMEBACK_CAUSES } from '../domain/qc-checklist'

/** Record ids are positive integers. */
export const id = z.int().positive()
const text = (max: number) => z.string().trim().min(1).max(max)
/** Local wall-clock time "HH:mm". */
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'hhmm' })
/** An instant with an explicit offset or Z; stored as UTC. */
export const instant = z.iso.datetime({ offset: true, error: 'instant' })
export const skillLevel = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'level' })

export const jobLineInput = z.strictObject({
  description: text(200),
  skill: text(40),
  minLevel: skillLevel,
  /** Flat-rate hours, at most 2 decimals worth of precision matter. */
  hours: z.number().positive().max(200)
})

export const flagsInput = z.strictObject(
  Object.fromEntries(REPAIR_ORDER_FLAGS.map((f) => [f, z.boolean().optional()])) as Record<
    (typeof REPAIR_ORDER_FLAGS)[number],
    z.ZodOptional<z.ZodBoolean>
  >
)

export const repairOrderFields = {
  roNumber: text(40),
  plate: text(20),
  vin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-HJ-NPR-Z0-9]{17})?$/, { error: 'vin' })
    .nullish(),
  model: text(80),
  customerName: text(80),
  customerPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{4,19}$/, { error: 'phone' }),
  serviceAdvisor: text(80),
  promisedAt: instant,
  partsReady: z.boolean().optional(),
  flags: flagsInput.optional(),
  notes: z.string().trim().max(2000).optional(),
  jobLines: z.array(jobLineInput).min(1).max(40)
}

export const repairOrderInput = z.strictObject(repairOrderFields)
export type RepairOrderInput = z.input<typeof repairOrderInput>

export const technicianFields = {
  name: text(60),
  employeeNo: text(30),
  skills: z
    .array(z.strictObject({ skill: text(40), level: skillLevel }))
    .max(20)
    .refine((s) => new Set(s.map((x) => x.skill)).size === s.length, { error: 'duplicateSkill' }),
  shiftStart: hhmm,
  shiftEnd: hhmm,
  lunchStart: hhmm.nullish(),
  lunchEnd: hhmm.nullish(),
  active: z.boolean().optional()
}
export const technicianInput = z.strictObject(technicianFields)
export type TechnicianInput = z.input<typeof technicianInput>

export const skillInput = z.strictObject({
  code: z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'skillCode' }),
  nameZh: text(40),
  nameEn: text(60),
  active: z.boolean().optional()
})

// ---- QC gate, users and stations (issue 4) ----

/** A user's login name: case-insensitive, stored lower-case. */
export const username = z.string().trim().toLowerCase().regex(/^[a-z0-9._-]{2,32}$/, { error: 'username' })
/** 4-12 digits: typed on a tablet at the QC bay; five wrong tries lock the user (services/auth.ts). */
export const pin = z.string().regex(/^\d{4,12}$/, { error: 'pin' })
export const role = z.enum(ROLES)

const checklistItemId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'skillCode' })

export const requiredWhenInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('always') }),
  z.strictObject({ kind: z.literal('optional') }),
  z.strictObject({ kind: z.literal('anyFlag'), flags: z.array(z.enum(REPAIR_ORDER_FLAGS)).min(1).max(REPAIR_ORDER_FLAGS.length) })
])

export const qcChecklistInput = z.strictObject({
  items: z
    .array(z.strictObject({ id: checklistItemId, labelEn: text(200), labelZh: text(200), requiredWhen: requiredWhenInput }))
    .min(1)
    .max(30)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { error: 'duplicateItem' })
})

export const qcSignOffInput = z
  .strictObject({
    id,
    /** The signing inspector, by id or by username (exactly one). */
    inspectorUserId: id.optional(),
    username: username.optional(),
    pin,
    result: z.enum(['pass', 'fail']),
    checkedItemIds: z.array(checklistItemId).max(50),
    failReason: z.string().trim().min(1).max(500).optional(),
    comebackCause: z.enum(COMEBACK_CAUSES).optional()
  })
  .superRefine((v, ctx) => {
    if ((v.inspectorUserId === undefined) === (v.username === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'inspectorOne' })
    }
    if (v.result === 'fail') {
      if (!v.failReason) ctx.addIssue({ code: 'custom', path: ['failReason'], message: 'qcFailNeeds' })
      if (!v.comebackCause) ctx.addIssue({ code: 'custom', path: ['comebackCause'], message: 'qcFailNeeds' })
    } else if (v.failReason !== undefined || v.comebackCause !== undefined) {
      // A pass carrying a fail reason would print a contradictory signature meaning.
      ctx.addIssue({ code: 'custom', path: [v.failReason !== undefined ? 'failReason' : 'comebackCause'], message: 'qcPassNoFail' })
    }
  })

const technicianLink = (v: { role?: string; technicianId?: number | null }, ctx: z.RefinementCtx) => {
  if (v.role === 'technician' && (v.technicianId === undefined || v.technicianId === null)) {
    ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'technicianLink' })
  }
}

export const userCreateInput = z
  .strictObject({
    name: text(60),
    username,
    role,
    pin,
    /** A technician user clocks on and off the orders of this technician only. */
    technicianId: id.nullish(),
    active: z.boolean().optional()
  })
  .superRefine(technicianLink)

export const userUpdateInput = z.strictObject({
  id,
  version: z.int().positive(),
  name: text(60).optional(),
  role: role.optional(),
  pin: pin.optional(),
  technicianId: id.nullish(),
  active: z.boolean().optional(),
  /** Clears a PIN lockout before its 15 minutes are up. */
  unlock: z.boolean().optional()
})

export const firstAdminInput = z.strictObject({ name: text(60), username, pin })
export const loginInput = z.strictObject({ username, pin })
