import type { Database } from 'better-sqlite3'
import type { CommandName, ParsedArgs } from '../../shared/api/commands'
import { listAudit } from '../db/audit.repo'
import { getBoard } from './board'
import { loadDemo } from './demo'
import {
  assignRepairOrder,
  cancelRepairOrder,
  createRepairOrder,
  requireOrder,
  unassignRepairOrder,
  updateRepairOrder
} from './repair-orders'
import { createSkill, updateSkill } from './skills'
import { createTechnician, updateTechnician } from './technicians'
import type { Tx } from './tx'

/** Read-only context of a query. */
export interface QueryContext {
  db: Database
  now: number
}

/** Queries read; mutations run inside one transaction with a Tx that writes the audit row. */
export const queries = {
  'board-get': (ctx: QueryContext) => getBoard(ctx.db, ctx.now),
  'repair-order-get': (ctx: QueryContext, a: ParsedArgs<'repair-order-get'>) => requireOrder(ctx.db, a.id),
  'audit-list': (ctx: QueryContext, a: ParsedArgs<'audit-list'>) =>
    listAudit(ctx.db, { entity: a.entity, entityId: a.entityId, limit: a.limit ?? 100 })
}

export const mutations = {
  'repair-order-create': (tx: Tx, a: ParsedArgs<'repair-order-create'>) => createRepairOrder(tx, a),
  'repair-order-update': (tx: Tx, a: ParsedArgs<'repair-order-update'>) => updateRepairOrder(tx, a),
  'repair-order-assign': (tx: Tx, a: ParsedArgs<'repair-order-assign'>) => assignRepairOrder(tx, a),
  'repair-order-unassign': (tx: Tx, a: ParsedArgs<'repair-order-unassign'>) => unassignRepairOrder(tx, a),
  'repair-order-cancel': (tx: Tx, a: ParsedArgs<'repair-order-cancel'>) => cancelRepairOrder(tx, a),
  'technician-create': (tx: Tx, a: ParsedArgs<'technician-create'>) => createTechnician(tx, a),
  'technician-update': (tx: Tx, a: ParsedArgs<'technician-update'>) => updateTechnician(tx, a),
  'skill-create': (tx: Tx, a: ParsedArgs<'skill-create'>) => createSkill(tx, a),
  'skill-update': (tx: Tx, a: ParsedArgs<'skill-update'>) => updateSkill(tx, a),
  'workshop-load-demo': (tx: Tx) => loadDemo(tx)
}

type Handlers = typeof queries & typeof mutations
// Every command of the contract has exactly one handler, and no handler lacks a contract entry.
export const handlers: { [K in CommandName]: Handlers[K] } = { ...queries, ...mutations }

/** What a command returns, derived from its handler: the renderer's api client is typed by this. */
export type CommandResult<K extends CommandName> = ReturnType<Handlers[K]>
