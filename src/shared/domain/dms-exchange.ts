import { isValid, parse } from 'date-fns'
import { localInstant } from './calendar'
import { REPAIR_ORDER_FLAGS, type RepairOrderFlag, type RepairOrderHeader, type Skill } from './types'

/**
 * The board's exchange with the dealership's main system (DMS): repair orders come in as a
 * spreadsheet the DMS exports (one row per job line), delivered orders go back out as one. The
 * file itself is read and written on the screen that picks it (CSV or XLSX); the station gets
 * its cells and applies the rules here, so one set of rules serves the desktop and every browser.
 */

/** One spreadsheet cell as sent to the station; a date cell arrives as its wall-clock text "yyyy-MM-dd HH:mm". */
export type SheetCell = string | number | boolean | null

interface ColumnDef {
  zh: string
  en: string
  /** Other headers DMS exports use for it (matched without case, spaces or punctuation). */
  aliases: readonly string[]
  /** 'order': the same on every row of one RO; 'line': one job line per row. */
  scope: 'order' | 'line'
  required: boolean
}

/** The import columns, in the template's order. Headers match in Chinese or English, or both ("工单号 / RO number"). */
export const IMPORT_COLUMNS = {
  roNumber: { zh: '工单号', en: 'RO number', aliases: ['修理单号', '维修单号', '工单编号', '委托书号', 'RO', 'RO No', 'Repair order'], scope: 'order', required: true },
  plate: { zh: '车牌号', en: 'Plate', aliases: ['车牌', '车牌号码', 'License plate', 'Plate number'], scope: 'order', required: true },
  vin: { zh: '车架号', en: 'VIN', aliases: ['VIN码', '底盘号', '车辆识别代号'], scope: 'order', required: false },
  model: { zh: '车型', en: 'Model', aliases: ['车辆型号', 'Vehicle model', 'Vehicle'], scope: 'order', required: true },
  customerName: { zh: '客户姓名', en: 'Customer', aliases: ['客户', '车主', '客户名称', 'Customer name'], scope: 'order', required: true },
  customerPhone: { zh: '联系电话', en: 'Phone', aliases: ['电话', '手机', '手机号', '客户电话', 'Customer phone', 'Mobile'], scope: 'order', required: true },
  serviceAdvisor: { zh: '服务顾问', en: 'Service advisor', aliases: ['业务接待', '接待员', 'SA'], scope: 'order', required: true },
  promisedAt: { zh: '许诺交车时间', en: 'Promised delivery', aliases: ['交车时间', '预计交车时间', '承诺交车时间', 'Promised at', 'Promised time', 'Promised'], scope: 'order', required: true },
  partsReady: { zh: '零件到齐', en: 'Parts ready', aliases: ['零件齐备', '备件到齐'], scope: 'order', required: false },
  flags: { zh: '标记', en: 'Flags', aliases: ['标签', '特殊标记'], scope: 'order', required: false },
  notes: { zh: '备注', en: 'Notes', aliases: ['说明', 'Remarks', 'Note'], scope: 'order', required: false },
  job: { zh: '作业项目', en: 'Job', aliases: ['维修项目', '工作内容', '项目名称', 'Job description', 'Job line', 'Description'], scope: 'line', required: true },
  skill: { zh: '工种', en: 'Skill', aliases: ['技能', '工种代码', 'Skill code', 'Trade'], scope: 'line', required: true },
  level: { zh: '技能等级', en: 'Level', aliases: ['等级', '最低等级', 'Skill level', 'Minimum level', 'Min level'], scope: 'line', required: false },
  hours: { zh: '工时', en: 'Flat-rate hours', aliases: ['标准工时', '工时手册工时', '工时数', 'Hours', 'Labour hours', 'Labor hours'], scope: 'line', required: true }
} as const satisfies Record<string, ColumnDef>

export type ImportColumn = keyof typeof IMPORT_COLUMNS
export const IMPORT_COLUMN_KEYS = Object.keys(IMPORT_COLUMNS) as ImportColumn[]

/** The header a file written by the board carries: both languages, so either UI reads it back. */
export function columnHeader(column: ImportColumn): string {
  return `${IMPORT_COLUMNS[column].zh} / ${IMPORT_COLUMNS[column].en}`
}

export const IMPORT_MAX_ROWS = 2000

export type ImportProblemCode =
  | 'noHeader'
  | 'noColumn'
  | 'noRows'
  | 'required'
  | 'mismatch'
  | 'badTime'
  | 'dateOnly'
  | 'badNumber'
  | 'badLevel'
  | 'badYesNo'
  | 'unknownSkill'
  | 'unknownFlag'
  | 'invalid'

/** Something in the file the board cannot take: the sheet row (1 = the first row) and column it is in. */
export interface ImportProblem {
  row: number
  column: ImportColumn | null
  code: ImportProblemCode
  /** The cell's text as read, or what is missing. */
  value?: string
}

/** What the station creates for one RO: the repair-order-create fields, as zod will check them. */
export interface ImportedOrderInput extends RepairOrderHeader {
  promisedAt: string
  partsReady: boolean
  flags: Partial<Record<RepairOrderFlag, boolean>>
  notes: string
  jobLines: { description: string; skill: string; minLevel: number; hours: number }[]
}

export interface ImportedOrder {
  /** Sheet rows of its job lines, in order (1-based, as a spreadsheet numbers them). */
  rows: number[]
  input: ImportedOrderInput
}

export interface ImportSheet {
  /** The sheet row holding the headers (1-based); 0 when none was found. */
  headerRow: number
  /** Header texts of columns the board does not use (a DMS export has many). */
  ignoredColumns: string[]
  /**
   * The header row's texts, for the dispatcher to match to the board's columns; when no header
   * row was found, the first non-empty row's (within the first ten), which is usually it.
   */
  headers: string[]
  /** The header text each board column was read from. */
  columns: ColumnNames
  orders: ImportedOrder[]
  problems: ImportProblem[]
}

/**
 * Which header of a DMS's export holds which board column, as the dispatcher matched them: a
 * DMS whose headers none of the names above match ("委托单号" for the RO number, say) is read
 * by these first. The station remembers the last import's (repair-order-import).
 */
export type ColumnNames = Partial<Record<ImportColumn, string>>

export interface ImportContext {
  timeZone: string
  skills: readonly Skill[]
  /** Every name a flag may be written as (its code and its labels in both languages). */
  flagNames: Record<RepairOrderFlag, readonly string[]>
  /** Headers matched by the dispatcher, before the names and aliases above. */
  columnNames?: ColumnNames
}

/** Header and value matching ignores case, spaces and punctuation: "RO No." = "ro no" = "RONo". */
function norm(s: string): string {
  return s.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '')
}

const headerNames: [ImportColumn, Set<string>][] = IMPORT_COLUMN_KEYS.map((key) => {
  const c: ColumnDef = IMPORT_COLUMNS[key]
  return [key, new Set([c.zh, c.en, key, ...c.aliases].map(norm))]
})

/** Which column a header cell names, or null: "工单号 / RO number" matches by either half. */
export function matchHeader(text: string): ImportColumn | null {
  const parts = [text, ...text.split(/[/|｜]/)].map(norm).filter((p) => p !== '')
  for (const [key, names] of headerNames) if (parts.some((p) => names.has(p))) return key
  return null
}

/** A cell as trimmed text ('' when empty); numbers without exponent or trailing float noise. */
export function cellText(cell: SheetCell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(Number(cell.toPrecision(12)))
  if (typeof cell === 'boolean') return cell ? 'true' : 'false'
  return cell.trim()
}

const TIME_FORMATS = [
  'yyyy-MM-dd HH:mm',
  'yyyy-MM-dd HH:mm:ss',
  "yyyy-MM-dd'T'HH:mm",
  "yyyy-MM-dd'T'HH:mm:ss",
  'yyyy/M/d H:mm',
  'yyyy/M/d H:mm:ss',
  'yyyy.M.d H:mm',
  "yyyy年M月d日 H:mm",
  "yyyy年M月d日H:mm",
  "yyyy年M月d日 H时m分",
  'yyyyMMdd HHmm'
]
const DATE_ONLY = ['yyyy-MM-dd', 'yyyy/M/d', 'yyyy.M.d', 'yyyy年M月d日', 'yyyyMMdd']
const pad = (n: number) => String(n).padStart(2, '0')

/**
 * A promised delivery time as written in the DMS, read as the workshop's local time (UTC ms):
 * "2026-12-05 16:30", "2026/12/5 16:30", "2026年12月5日 16:30", an instant with its offset, or an
 * Excel date serial. A date without a time is refused: a promise is a time of day.
 */
export function parsePromisedTime(cell: SheetCell, timeZone: string): number | 'dateOnly' | null {
  if (typeof cell === 'number') {
    // an Excel date serial (days since 1899-12-30) in a cell not formatted as a date
    if (cell < 20_000 || cell > 80_000) return null
    if (Number.isInteger(cell)) return 'dateOnly'
    const wall = new Date(Math.round((cell - 25_569) * 86_400) * 1000)
    return localInstant(timeZone, wall.toISOString().slice(0, 10), wall.toISOString().slice(11, 16))
  }
  const text = cellText(cell).replace(/\s+/g, ' ')
  if (text === '') return null
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
    const ms = Date.parse(text)
    return Number.isNaN(ms) ? null : ms
  }
  const ref = new Date(2000, 0, 1)
  for (const f of TIME_FORMATS) {
    const d = parse(text, f, ref)
    if (isValid(d)) {
      return localInstant(timeZone, `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, `${pad(d.getHours())}:${pad(d.getMinutes())}`)
    }
  }
  return DATE_ONLY.some((f) => isValid(parse(text, f, ref))) ? 'dateOnly' : null
}

const YES = new Set(['是', '有', '齐', '已到', '到齐', 'y', 'yes', 'true', '1', '√', '✓', '✔'])
const NO = new Set(['否', '无', '未到', '缺', '缺件', 'n', 'no', 'false', '0', '×', '✗', '✘'])

function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase()
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return null
}

const LEVEL_WORDS: Record<string, 1 | 2 | 3> = { 一级: 1, 初级: 1, 二级: 2, 中级: 2, 三级: 3, 高级: 3, l1: 1, l2: 2, l3: 3 }

function parseLevel(text: string): 1 | 2 | 3 | null {
  if (text === '') return 1
  const n = Number(text)
  if (n === 1 || n === 2 || n === 3) return n
  return LEVEL_WORDS[norm(text)] ?? null
}

/**
 * Reads the rows of a DMS export into repair orders: finds the header row (within the first
 * ten), groups rows by RO number (one job line per row; the order's own columns may be left
 * blank after its first row but must not differ), and reads times in the workshop's zone,
 * skills by code or name, levels, yes/no and flags. Every problem is listed with its row and
 * column; the caller imports nothing while any is left.
 */
export function readImportSheet(rows: readonly (readonly SheetCell[])[], ctx: ImportContext): ImportSheet {
  const problems: ImportProblem[] = []
  let headerIndex = -1
  let columns = new Map<ImportColumn, number>()
  const named = Object.entries(ctx.columnNames ?? {})
    .map(([key, name]) => [key as ImportColumn, norm(name ?? '')] as const)
    .filter(([key, name]) => key in IMPORT_COLUMNS && name !== '')
  // the first non-empty row, as the header row the dispatcher will match when none is found
  let firstIndex = -1
  let firstFound = new Map<ImportColumn, number>()
  for (let i = 0; i < Math.min(rows.length, 10) && headerIndex < 0; i++) {
    const found = new Map<ImportColumn, number>()
    const texts = rows[i].map((cell) => cellText(cell))
    const taken = new Set<number>()
    // the dispatcher's matches first, then the board's own names for the columns left
    for (const [key, name] of named) {
      const c = texts.findIndex((text, at) => !taken.has(at) && norm(text) === name)
      if (c >= 0) {
        found.set(key, c)
        taken.add(c)
      }
    }
    texts.forEach((text, c) => {
      const key = taken.has(c) ? null : matchHeader(text)
      if (key && !found.has(key)) {
        found.set(key, c)
        taken.add(c)
      }
    })
    if (firstIndex < 0 && texts.some((text) => text !== '')) {
      firstIndex = i
      firstFound = found
    }
    if (found.has('roNumber') && found.has('job')) {
      headerIndex = i
      columns = found
    }
  }
  const headersOf = (index: number) => (index < 0 ? [] : rows[index].map(cellText).filter((h) => h !== ''))
  const namesOf = (index: number, found: Map<ImportColumn, number>): ColumnNames =>
    Object.fromEntries([...found].map(([key, c]) => [key, cellText(rows[index][c])]))
  if (headerIndex < 0) {
    return {
      headerRow: 0,
      ignoredColumns: [],
      headers: headersOf(firstIndex),
      columns: firstIndex < 0 ? {} : namesOf(firstIndex, firstFound),
      orders: [],
      problems: [{ row: 1, column: null, code: 'noHeader' }]
    }
  }
  const headerRow = headerIndex + 1
  const headers = headersOf(headerIndex)
  const columnNames = namesOf(headerIndex, columns)
  const used = new Set(columns.values())
  const ignoredColumns = rows[headerIndex].map(cellText).filter((h, c) => h !== '' && !used.has(c))
  for (const key of IMPORT_COLUMN_KEYS) {
    const def: ColumnDef = IMPORT_COLUMNS[key]
    if (def.required && !columns.has(key)) problems.push({ row: headerRow, column: key, code: 'noColumn' })
  }
  if (problems.length) return { headerRow, ignoredColumns, headers, columns: columnNames, orders: [], problems }

  const skillByName = new Map<string, string>()
  for (const s of ctx.skills) for (const name of [s.code, s.nameZh, s.nameEn]) skillByName.set(norm(name), s.code)
  const flagByName = new Map<string, RepairOrderFlag>()
  for (const f of REPAIR_ORDER_FLAGS) for (const name of [f, ...ctx.flagNames[f]]) flagByName.set(norm(name), f)

  const byRo = new Map<string, { rows: number[]; cells: Map<ImportColumn, string>; input: ImportedOrderInput }>()
  const orders: ImportedOrder[] = []
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const row = i + 1
    const raw = rows[i]
    const cell = (key: ImportColumn): SheetCell => {
      const c = columns.get(key)
      return c === undefined ? null : (raw[c] ?? null)
    }
    const text = (key: ImportColumn) => cellText(cell(key))
    if (IMPORT_COLUMN_KEYS.every((k) => text(k) === '')) continue
    const problem = (column: ImportColumn, code: ImportProblemCode, value?: string) => problems.push({ row, column, code, value })

    const roNumber = text('roNumber')
    if (roNumber === '') {
      problem('roNumber', 'required')
      continue
    }
    let order = byRo.get(roNumber)
    if (!order) {
      const promised = parsePromisedTime(cell('promisedAt'), ctx.timeZone)
      if (text('promisedAt') === '' && promised === null) problem('promisedAt', 'required')
      else if (promised === 'dateOnly') problem('promisedAt', 'dateOnly', text('promisedAt'))
      else if (promised === null) problem('promisedAt', 'badTime', text('promisedAt'))
      const partsText = text('partsReady')
      const partsReady = partsText === '' ? true : parseYesNo(partsText)
      if (partsReady === null) problem('partsReady', 'badYesNo', partsText)
      const flags: Partial<Record<RepairOrderFlag, boolean>> = {}
      // "返修、投诉" or "Comeback, Brake / suspension"; a space separates names only when the whole does not match
      for (const part of text('flags').split(/[,，、;；\n]+/).map((t) => t.trim()).filter((t) => t !== '')) {
        const whole = flagByName.get(norm(part))
        const tokens = whole ? [part] : part.split(/\s+/)
        for (const token of tokens) {
          const flag = flagByName.get(norm(token))
          if (flag) flags[flag] = true
          else problem('flags', 'unknownFlag', token)
        }
      }
      for (const key of ['plate', 'model', 'customerName', 'customerPhone', 'serviceAdvisor'] as const) {
        if (text(key) === '') problem(key, 'required')
      }
      const input: ImportedOrderInput = {
        roNumber,
        plate: text('plate').toUpperCase(),
        vin: text('vin') === '' ? null : text('vin').toUpperCase(),
        model: text('model'),
        customerName: text('customerName'),
        customerPhone: text('customerPhone'),
        serviceAdvisor: text('serviceAdvisor'),
        promisedAt: typeof promised === 'number' ? new Date(promised).toISOString() : '',
        partsReady: partsReady ?? true,
        flags,
        notes: text('notes'),
        jobLines: []
      }
      const cells = new Map(IMPORT_COLUMN_KEYS.filter((k) => IMPORT_COLUMNS[k].scope === 'order').map((k) => [k, text(k)]))
      order = { rows: [], cells, input }
      byRo.set(roNumber, order)
      orders.push({ rows: order.rows, input })
    } else {
      // a later row of the same RO: its order columns may be blank, never different
      for (const [key, first] of order.cells) {
        const v = text(key)
        if (v !== '' && v !== first) problem(key, 'mismatch', v)
      }
    }
    order.rows.push(row)

    const description = text('job')
    if (description === '') problem('job', 'required')
    const skillText = text('skill')
    const skill = skillByName.get(norm(skillText))
    if (skillText === '') problem('skill', 'required')
    else if (!skill) problem('skill', 'unknownSkill', skillText)
    const minLevel = parseLevel(text('level'))
    if (minLevel === null) problem('level', 'badLevel', text('level'))
    const hoursCell = cell('hours')
    const hours = typeof hoursCell === 'number' ? hoursCell : Number(cellText(hoursCell).replace(/[,，]/, '.'))
    if (text('hours') === '') problem('hours', 'required')
    else if (!Number.isFinite(hours)) problem('hours', 'badNumber', text('hours'))
    order.input.jobLines.push({ description, skill: skill ?? skillText, minLevel: minLevel ?? 1, hours: Number.isFinite(hours) ? hours : 0 })
  }
  if (orders.length === 0 && problems.length === 0) problems.push({ row: headerRow, column: null, code: 'noRows' })
  return { headerRow, ignoredColumns, headers, columns: columnNames, orders, problems }
}

/** Which import column an argument path of repair-order-create names ("jobLines.2.hours" -> hours). */
export function columnOfField(path: readonly PropertyKey[]): ImportColumn | null {
  const [first, , field] = path
  if (first === 'jobLines') {
    if (field === 'description') return 'job'
    if (field === 'minLevel') return 'level'
    if (field === 'skill' || field === 'hours') return field
    return 'job'
  }
  return typeof first === 'string' && first in IMPORT_COLUMNS ? (first as ImportColumn) : null
}
