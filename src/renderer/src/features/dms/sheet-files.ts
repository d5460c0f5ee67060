import type { CellValue, Workbook } from 'exceljs'
import type { SheetCell } from '../../../../shared/domain/dms-exchange'
import { formatDateTime } from '../../i18n/time'

// Spreadsheet files on the screen that picks or saves them (DMS exchange). exceljs reads and
// writes .xlsx (the most used library for it; SheetJS's npm release is old and has known flaws
// with crafted files), papaparse reads and writes CSV (quotes, line breaks in cells, BOM). Both
// load only when the DMS dialog needs them, so the board itself does not carry them.

/** Why a file could not be read, for the dialog to say in the user's language. */
export class SheetFileError extends Error {
  constructor(readonly reason: 'oldExcel' | 'noSheet' | 'unreadable', detail = '') {
    super(detail || reason)
  }
}

/** An Excel date cell holds wall-clock time (exceljs hands it over as UTC fields): "yyyy-MM-dd HH:mm". */
const wallClockText = (d: Date): string => formatDateTime(d.toISOString(), 'UTC')

/** One exceljs cell value as the station takes it: rich text and formulas as what they show. */
export function sheetCell(v: CellValue): SheetCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (v instanceof Date) return wallClockText(v)
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return v.result === undefined ? null : sheetCell(v.result as CellValue)
    if ('text' in v && typeof v.text === 'string') return v.text
    if ('error' in v) return null
  }
  return String(v)
}

/** CSV bytes as text: UTF-8 (with or without BOM), else GB18030, which Chinese Excel writes by default. */
export function decodeCsv(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

async function readXlsx(bytes: ArrayBuffer): Promise<SheetCell[][]> {
  const { default: ExcelJS } = await import('exceljs')
  const wb: Workbook = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes)
  } catch (e) {
    throw new SheetFileError('unreadable', e instanceof Error ? e.message : String(e))
  }
  // the first sheet that has rows: DMS exports sometimes open with an empty cover sheet
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0)
  if (!sheet) throw new SheetFileError('noSheet')
  const rows: SheetCell[][] = []
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const values = row.values as CellValue[]
    rows[n - 1] = values.slice(1).map(sheetCell)
  })
  for (let i = 0; i < rows.length; i++) rows[i] ??= []
  return rows
}

async function readCsv(bytes: ArrayBuffer): Promise<SheetCell[][]> {
  const { default: Papa } = await import('papaparse')
  const parsed = Papa.parse<string[]>(decodeCsv(bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: false })
  if (parsed.errors.some((e) => e.type === 'Quotes')) throw new SheetFileError('unreadable', parsed.errors[0].message)
  return parsed.data
}

/** The cells of a picked .xlsx or .csv file, row by row as the spreadsheet numbers them. */
export async function readSheetFile(file: File): Promise<SheetCell[][]> {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xls')) throw new SheetFileError('oldExcel')
  const bytes = await file.arrayBuffer()
  const rows = name.endsWith('.csv') || name.endsWith('.txt') ? await readCsv(bytes) : await readXlsx(bytes)
  // trailing empty cells and rows carry nothing and only fill the request
  const trimmed = rows.map((r) => {
    let end = r.length
    while (end > 0 && (r[end - 1] === null || r[end - 1] === '')) end--
    return r.slice(0, end)
  })
  while (trimmed.length > 0 && trimmed[trimmed.length - 1].length === 0) trimmed.pop()
  return trimmed
}

/** A cell to write: text, a number, or a local time (wall clock, written as an Excel date). */
export type OutCell = string | number | null | { wallClock: string }

export interface OutSheet {
  name: string
  header: string[]
  rows: OutCell[][]
  /** Column widths in characters. */
  widths?: number[]
}

/** "yyyy-MM-dd HH:mm" as the Date exceljs writes as that wall-clock time (its UTC fields). */
const wallClockDate = (text: string): Date => new Date(`${text.replace(' ', 'T')}:00Z`)

export async function writeXlsx(sheets: OutSheet[]): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs')
  const wb: Workbook = new ExcelJS.Workbook()
  wb.creator = 'Workshop Dispatch Board'
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(s.header).font = { bold: true }
    for (const r of s.rows) {
      const row = ws.addRow(r.map((c) => (c !== null && typeof c === 'object' ? wallClockDate(c.wallClock) : c)))
      r.forEach((c, i) => {
        if (c !== null && typeof c === 'object') row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm'
      })
    }
    s.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w))
  }
  const buffer = await wb.xlsx.writeBuffer()
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
}

/** CSV with a BOM, so that Excel opens the Chinese texts as UTF-8. */
export async function writeCsv(sheet: OutSheet): Promise<Blob> {
  const { default: Papa } = await import('papaparse')
  const rows = sheet.rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? c.wallClock : c)))
  return new Blob(['\uFEFF', Papa.unparse([sheet.header, ...rows])], { type: 'text/csv;charset=utf-8' })
}

/** Saves a file the browser's way (the desktop app asks where, like any download). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
