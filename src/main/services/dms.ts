import type { Database } from 'better-sqlite3'
import type { ParsedArgs } from '../../shared/api/commands'
import { AppError, type FieldIssue, type LocalisedText } from '../../shared/api/errors'
import { repairOrderInput } from '../../shared/api/schemas'
import {
  columnOfField,
  IMPORT_COLUMN_KEYS,
  IMPORT_COLUMNS,
  matchHeader,
  readImportSheet,
  type ColumnNames,
  type ImportColumn,
  type ImportProblem,
  type SheetCell
} from '../../shared/domain/dms-exchange'
import { roundHours } from '../../shared/domain/labour'
import { REPAIR_ORDER_FLAGS, type RepairOrderFlag, type Skill } from '../../shared/domain/types'
import { bilingual, translate, type Language } from '../../shared/i18n/format'
import { readCalendar } from '../db/calendar.repo'
import { deliveredJobLines, deliveredOrders, type DeliveredJobLineRow, type DeliveredOrderRow } from '../db/dms.repo'
import { findIdByRoNumber } from '../db/repair-orders.repo'
import { readDmsColumns, writeDmsColumns } from '../db/settings.repo'
import { listSkills } from '../db/skills.repo'
import { issueText } from '../core/errors'
import type { QueryContext } from './handlers'
import { requirePeriod } from './reports'
import { createRepairOrder } from './repair-orders'
import type { Tx } from './tx'

/** One problem of an import, with its sheet row and column, in both languages. */
export interface ImportProblemReply {
  row: number
  column: ImportColumn | null
  message: LocalisedText
}

export interface ImportCheckOrder {
  roNumber: string
  plate: string
  model: string
  customerName: string
  /** The promise read in the workshop's zone, as an instant ('' when unreadable). */
  promisedAt: string
  jobLines: number
  hours: number
  rows: number[]
  /** Already on this file (the board or its history): the import leaves it as it is. */
  onFile: boolean
}

/** What an import would do, for the dispatcher to look at before importing. */
export interface ImportCheck {
  headerRow: number
  ignoredColumns: string[]
  /** The header row's texts (or the first row's when none was found), to match to the board's columns. */
  headers: string[]
  /** The header each board column was read from: the dispatcher's matches, remembered ones, or the board's names. */
  columns: ColumnNames
  orders: ImportCheckOrder[]
  problems: ImportProblemReply[]
}

export interface ImportResult {
  created: string[]
  /** RO numbers already on this file, left untouched. */
  skipped: string[]
}

const columnLabel = (lang: Language, column: ImportColumn | null) => (column ? IMPORT_COLUMNS[column][lang] : '')

/** The skill and flag names a problem lists as what the board knows, per language: built once per file. */
function knownNames(skills: readonly Skill[]): Record<Language, { skills: string; flags: string }> {
  const names = (lang: Language) => {
    const sep = lang === 'zh' ? '、' : ', '
    return {
      skills: skills.map((s) => (lang === 'zh' ? s.nameZh : s.nameEn)).join(sep),
      flags: REPAIR_ORDER_FLAGS.map((f) => translate(lang, `flags.${f}`)).join(sep)
    }
  }
  return { en: names('en'), zh: names('zh') }
}

function problemText(known: Record<Language, { skills: string; flags: string }>, p: ImportProblem): LocalisedText {
  return bilingual('dms.problem.row', (lang) => ({
    row: p.row,
    message: translate(lang, `dms.problem.${p.code}`, {
      column: columnLabel(lang, p.column),
      value: p.value ?? '',
      known: p.code === 'unknownSkill' ? known[lang].skills : known[lang].flags
    })
  }))
}

interface ReadImport {
  check: ImportCheck
  /** The orders as repair-order-create takes them, and whether each is already on this file. */
  valid: { fields: ParsedArgs<'repair-order-create'>; onFile: boolean }[]
}

/**
 * Reads a DMS export's rows with the workshop's zone, skills and flag names, then checks every
 * order as repair-order-create would (lengths, phone, VIN, hours); problems name row and column.
 */
function readImport(db: Database, rows: readonly (readonly SheetCell[])[], columns: ColumnNames | undefined): ReadImport {
  const flagNames = Object.fromEntries(
    REPAIR_ORDER_FLAGS.map((f) => [f, [translate('en', `flags.${f}`), translate('zh', `flags.${f}`)]])
  ) as Record<RepairOrderFlag, string[]>
  const skills = listSkills(db)
  // the dispatcher's matches for this file, else the ones remembered from the last import
  const columnNames = columns ?? (readDmsColumns(db) as ColumnNames)
  const sheet = readImportSheet(rows, { timeZone: readCalendar(db).timeZone, skills, flagNames, columnNames })
  const known = knownNames(skills)
  const problems: ImportProblemReply[] = sheet.problems.map((p) => ({ row: p.row, column: p.column, message: problemText(known, p) }))
  const seen = new Set(sheet.problems.map((p) => `${p.row}:${p.column}`))
  const valid: ReadImport['valid'] = []
  const orders: ImportCheckOrder[] = sheet.orders.map(({ rows: orderRows, input }) => {
    const onFile = findIdByRoNumber(db, input.roNumber) !== undefined
    const parsed = repairOrderInput.safeParse(input)
    if (parsed.success) valid.push({ fields: parsed.data, onFile })
    else {
      for (const issue of parsed.error.issues) {
        const column = columnOfField(issue.path)
        const line = issue.path[0] === 'jobLines' && typeof issue.path[1] === 'number' ? issue.path[1] : 0
        const row = orderRows[line] ?? orderRows[0]
        // one message per cell: a time already refused as unreadable is not also "invalid"
        if (seen.has(`${row}:${column}`)) continue
        seen.add(`${row}:${column}`)
        problems.push({
          row,
          column,
          message: bilingual('dms.problem.row', (lang) => ({ row, message: `${columnLabel(lang, column)}${lang === 'zh' ? '' : ' '}${issueText(lang, issue)}` }))
        })
      }
    }
    return {
      roNumber: input.roNumber,
      plate: input.plate,
      model: input.model,
      customerName: input.customerName,
      promisedAt: input.promisedAt,
      jobLines: input.jobLines.length,
      hours: roundHours(input.jobLines.reduce((s, l) => s + l.hours, 0)),
      rows: orderRows,
      onFile
    }
  })
  // as the file reads: by row, then left to right
  const place = (c: ImportColumn | null) => (c === null ? -1 : IMPORT_COLUMN_KEYS.indexOf(c))
  problems.sort((a, b) => a.row - b.row || place(a.column) - place(b.column))
  return { check: { headerRow: sheet.headerRow, ignoredColumns: sheet.ignoredColumns, headers: sheet.headers, columns: sheet.columns, orders, problems }, valid }
}

/** What importing these rows would do, writing nothing: the preview of the import dialog. */
export function checkRepairOrderImport(ctx: QueryContext, args: ParsedArgs<'repair-order-import-check'>): ImportCheck {
  return readImport(ctx.db, args.rows, args.columns).check
}

/**
 * Creates the file's new repair orders in the dispatch pool, all in this one transaction (one
 * audit row), or none: any problem in the file refuses the whole import. Orders whose RO number
 * is already on this file are left as they are, so importing the same export twice is harmless.
 */
export function importRepairOrders(tx: Tx, args: ParsedArgs<'repair-order-import'>): ImportResult {
  const { check, valid } = readImport(tx.db, args.rows, args.columns)
  if (check.problems.length > 0) {
    const issues: FieldIssue[] = check.problems.map((p) => ({ path: `rows.${p.row}${p.column ? `.${p.column}` : ''}`, message: p.message }))
    throw new AppError('IMPORT_INVALID', { count: issues.length }, issues)
  }
  // Matched by the dispatcher and imported: the next export from that DMS is read the same way.
  // Only the matches that differ from the board's own names are kept.
  if (args.columns) {
    const kept = Object.fromEntries(Object.entries(check.columns).filter(([key, header]) => header && matchHeader(header) !== key))
    writeDmsColumns(tx.db, kept)
  }
  const result: ImportResult = { created: [], skipped: [] }
  // read in this same transaction: what was on the file then still is
  for (const { fields, onFile } of valid) {
    if (onFile) result.skipped.push(fields.roNumber)
    else result.created.push(createRepairOrder(tx, fields).roNumber)
  }
  return result
}

export interface DeliveredOrderExport extends Omit<DeliveredOrderRow, 'onTime' | 'firstTimePass' | 'comeback' | 'toldInAdvance' | 'id'> {
  onTime: boolean
  firstTimePass: boolean
  comeback: boolean
  toldInAdvance: boolean
  jobLines: Omit<DeliveredJobLineRow, 'roNumber'>[]
}

export interface DeliveredOrdersExport {
  /** The workshop's zone: the screen writes every time as local time in it. */
  timeZone: string
  from: number
  to: number
  orders: DeliveredOrderExport[]
}

/**
 * The orders delivered in a period with their job lines, flat-rate against clocked hours,
 * stoppage hours, promise kept or not and QC: what the DMS needs to settle them. One read
 * transaction, so orders and lines agree.
 */
export function exportDeliveredOrders(ctx: QueryContext, args: ParsedArgs<'repair-order-export'>): DeliveredOrdersExport {
  const { db } = ctx
  return db.transaction(() => {
    const timeZone = readCalendar(db).timeZone
    const { from, to } = requirePeriod(timeZone, args.from, args.to)
    const lines = new Map<string, Omit<DeliveredJobLineRow, 'roNumber'>[]>()
    for (const { roNumber, ...line } of deliveredJobLines(db, from, to)) {
      const list = lines.get(roNumber)
      if (list) list.push(line)
      else lines.set(roNumber, [line])
    }
    const orders = deliveredOrders(db, from, to).map(({ id: _id, ...o }) => ({
      ...o,
      actualHours: o.actualHours === null ? null : roundHours(o.actualHours),
      stoppageHours: roundHours(o.stoppageHours),
      onTime: o.onTime === 1,
      firstTimePass: o.firstTimePass === 1,
      comeback: o.comeback === 1,
      toldInAdvance: o.toldInAdvance === 1,
      jobLines: lines.get(o.roNumber) ?? []
    }))
    return { timeZone, from, to, orders }
  })()
}
