import { z } from 'zod'
import { id, repairOrderFields, skillInput, technicianFields } from './schemas'

const none = z.strictObject({})

/**
 * The contract: every command's name, its argument schema and whether it changes data.
 * LAN callers are untrusted, so the dispatcher parses every call with these (unknown keys
 * are rejected). The result types are derived from the handlers in src/main/services.
 */
export const commands = {
  'board-get': { args: none, mutates: false },
  'repair-order-get': { args: z.strictObject({ id }), mutates: false },
  'repair-order-create': { args: z.strictObject(repairOrderFields), mutates: true },
  'repair-order-update': {
    args: z.strictObject({ id, version: z.int().positive(), ...repairOrderFields }),
    mutates: true
  },
  /** Drop on a lane: free slot -> current order, else the queue at `position` (default: end). Also reorders. */
  'repair-order-assign': {
    args: z.strictObject({ id, technicianId: id, position: z.int().min(0).optional() }),
    mutates: true
  },
  'repair-order-unassign': { args: z.strictObject({ id }), mutates: true },
  'repair-order-cancel': {
    args: z.strictObject({ id, reason: z.string().trim().min(1).max(500) }),
    mutates: true
  },
  'technician-create': { args: z.strictObject(technicianFields), mutates: true },
  'technician-update': {
    args: z.strictObject({ id, version: z.int().positive(), ...technicianFields }),
    mutates: true
  },
  'skill-create': { args: skillInput, mutates: true },
  'skill-update': { args: skillInput, mutates: true },
  'workshop-load-demo': { args: none, mutates: true },
  'audit-list': {
    args: z.strictObject({ entity: z.enum(['repair_order', 'technician']).optional(), entityId: id.optional(), limit: z.int().min(1).max(500).optional() }),
    mutates: false
  }
} as const

export type Commands = typeof commands
export type CommandName = keyof Commands
export type CommandArgs<K extends CommandName> = z.input<Commands[K]['args']>
export type ParsedArgs<K extends CommandName> = z.output<Commands[K]['args']>
export const COMMAND_NAMES = Object.keys(commands) as CommandName[]

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commands, name)
}

/** Server -> every client after each committed change. */
export const BOARD_CHANGED = 'board-changed'
