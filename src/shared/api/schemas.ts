import { z } from 'zod'
import { REPAIR_ORDER_FLAGS } from '../domain/types'

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
