import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IMPORT_COLUMN_KEYS, IMPORT_COLUMNS, IMPORT_MAX_ROWS, type ColumnNames, type ImportColumn, type SheetCell } from '../../../../shared/domain/dms-exchange'
import { call, type CommandResult } from '../../api/client'
import { Dialog } from '../../components/Dialog'
import { currentLang, localised } from '../../i18n'
import { formatDateTime, formatHours, workshopDay } from '../../i18n/time'
import { useBoard } from '../../store/board-store'
import { closeDialog } from '../../store/ui-store'
import { can, useSession } from '../auth/session-store'
import { exportSheets, templateSheet } from './dms-sheets'
import { readSheetFile, saveFile, SheetFileError, writeCsv, writeXlsx } from './sheet-files'
import './dms.css'

type ImportCheck = CommandResult<'repair-order-import-check'>

type ImportState =
  | { step: 'idle'; done?: string }
  | { step: 'reading'; file: string }
  | { step: 'failed'; file: string; message: string }
  // `columns`: the headers the dispatcher matched for this file (sent with the check and the import)
  | { step: 'checked'; file: string; rows: SheetCell[][]; check: ImportCheck; columns?: ColumnNames }
  | { step: 'importing'; file: string; rows: SheetCell[][]; check: ImportCheck; columns?: ColumnNames }

/** How many orders the preview lists; the summary above it counts them all. */
const PREVIEW_ORDERS = 200

/**
 * The exchange with the dealership's main system: repair orders come in from a DMS export
 * (checked first, imported all or nothing), delivered orders go out for settlement.
 */
export function DmsDialog() {
  const { t } = useTranslation()
  const role = useSession((s) => s.role)
  return (
    <Dialog title={t('dms.title')} onClose={closeDialog} size="lg">
      {can(role, 'repair-order-import') && <ImportSection />}
      {can(role, 'repair-order-export') && <ExportSection />}
      <div className="form-actions">
        <span className="spacer" />
        <button type="button" className="btn" onClick={closeDialog}>
          {t('ui.close')}
        </button>
      </div>
    </Dialog>
  )
}

function ImportSection() {
  const { t } = useTranslation()
  const headingId = useId()
  const input = useRef<HTMLInputElement>(null)
  const skills = useBoard((s) => s.skills)
  const timeZone = useBoard((s) => s.settings.timeZone)
  const [state, setState] = useState<ImportState>({ step: 'idle' })

  async function choose(file: File) {
    setState({ step: 'reading', file: file.name })
    let rows: SheetCell[][]
    try {
      rows = await readSheetFile(file)
    } catch (e) {
      const message =
        e instanceof SheetFileError && e.reason !== 'unreadable'
          ? t(`dms.${e.reason}`)
          : t('dms.unreadable', { file: file.name, error: e instanceof Error ? e.message : String(e) })
      setState({ step: 'failed', file: file.name, message })
      return
    }
    if (rows.length > IMPORT_MAX_ROWS + 10) {
      setState({ step: 'failed', file: file.name, message: t('dms.tooManyRows', { count: rows.length, max: IMPORT_MAX_ROWS }) })
      return
    }
    const reply = await call('repair-order-import-check', { rows: rows.length ? rows : [[]] })
    if (!reply.ok) setState({ step: 'failed', file: file.name, message: localised(reply.error.message) })
    else setState({ step: 'checked', file: file.name, rows, check: reply.result })
  }

  /** The same file checked again with the columns the dispatcher matched. */
  async function recheck(columns: ColumnNames) {
    if (state.step !== 'checked') return
    const reply = await call('repair-order-import-check', { rows: state.rows, columns })
    if (!reply.ok) setState({ step: 'failed', file: state.file, message: localised(reply.error.message) })
    else setState({ ...state, check: reply.result, columns })
  }

  async function runImport() {
    if (state.step !== 'checked') return
    setState({ ...state, step: 'importing' })
    const reply = await call('repair-order-import', { rows: state.rows, ...(state.columns ? { columns: state.columns } : {}) })
    if (!reply.ok) {
      // the file changed nothing; show why (another screen may have changed the board meanwhile)
      const again = await call('repair-order-import-check', { rows: state.rows, ...(state.columns ? { columns: state.columns } : {}) })
      if (again.ok && again.result.problems.length) setState({ ...state, step: 'checked', check: again.result })
      else setState({ step: 'failed', file: state.file, message: localised(reply.error.message) })
      return
    }
    const { created, skipped } = reply.result
    const done = created.length
      ? `${t('dms.imported', { count: created.length })}${skipped.length ? ` ${t('dms.importedSkipped', { skipped: skipped.length })}` : ''}`
      : t('dms.nothingNew')
    setState({ step: 'idle', done })
  }

  async function downloadTemplate() {
    const lang = currentLang()
    saveFile(await writeXlsx([templateSheet(skills, timeZone, Date.now(), lang)]), `${t('dms.templateFile')}.xlsx`)
  }

  const check = state.step === 'checked' || state.step === 'importing' ? state.check : null
  const fresh = check ? check.orders.filter((o) => !o.onFile) : []
  const onFile = check ? check.orders.length - fresh.length : 0
  return (
    <section className="dms-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dms.importHeading')}</h3>
      <p className="hint">{t('dms.importIntro')}</p>
      <div className="dms-actions">
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          className="sr-only"
          id={`${headingId}-file`}
          data-testid="dms-file"
          onChange={(e) => {
            const f = e.target.files?.[0]
            // cleared at once, so that the same file, mended in Excel, can be chosen again
            e.target.value = ''
            if (f) void choose(f)
          }}
        />
        <button type="button" className="btn btn-primary" onClick={() => input.current?.click()} disabled={state.step === 'reading' || state.step === 'importing'}>
          {t('dms.chooseFile')}
        </button>
        <button type="button" className="btn" onClick={() => void downloadTemplate()}>
          {t('dms.template')}
        </button>
      </div>
      <div aria-live="polite">
        {state.step === 'idle' && state.done && <p className="dms-done">{state.done}</p>}
        {state.step === 'reading' && <p>{t('dms.reading', { file: state.file })}</p>}
        {state.step === 'failed' && (
          <div className="form-banner" role="alert">
            <p>{state.message}</p>
          </div>
        )}
      </div>
      {check && (state.step === 'checked' || state.step === 'importing') && (
        <>
          <p className="dms-summary">
            {/* No header row found: no "0 orders" to count, only the file (the problem below says why). */}
            {check.headerRow === 0
              ? state.file
              : t('dms.summary', {
                  file: state.file,
                  orders: check.orders.length,
                  fresh: fresh.length,
                  onFile: onFile > 0 ? t('dms.summaryOnFile', { count: onFile }) : '',
                  lines: check.orders.reduce((s, o) => s + o.jobLines, 0),
                  hours: formatHours(check.orders.reduce((s, o) => s + o.hours, 0))
                })}
          </p>
          {check.ignoredColumns.length > 0 && <p className="hint">{t('dms.ignoredColumns', { columns: check.ignoredColumns.join(currentLang() === 'zh' ? '、' : ', ') })}</p>}
          {state.step === 'checked' && <ColumnMatch key={`${state.file}:${JSON.stringify(check.columns)}`} check={check} onApply={(c) => void recheck(c)} />}
          {check.problems.length > 0 && (
            <div className="form-banner" role="alert">
              <p>{t('dms.problems', { count: check.problems.length })}</p>
              <ul className="dms-problems">
                {check.problems.map((p, i) => (
                  <li key={i}>{localised(p.message)}</li>
                ))}
              </ul>
            </div>
          )}
          {check.orders.length > 0 && <PreviewTable check={check} timeZone={timeZone} />}
          <div className="dms-actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={state.step === 'importing' || check.problems.length > 0 || fresh.length === 0}
              onClick={() => void runImport()}
            >
              {state.step === 'importing' ? t('dms.importing') : t('dms.importButton', { count: fresh.length })}
            </button>
          </div>
        </>
      )}
    </section>
  )
}

/** The board columns a file must have. */
const REQUIRED = IMPORT_COLUMN_KEYS.filter((k) => IMPORT_COLUMNS[k].required)

/**
 * Which of the file's columns holds each of the board's, for a DMS that names them differently
 * ("委托单号" for the RO number): open at once when a required column was not found, on request
 * otherwise. The station remembers the matches of a successful import for the next file.
 */
function ColumnMatch({ check, onApply }: { check: ImportCheck; onApply: (columns: ColumnNames) => void }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const id = useId()
  const missing = check.headerRow === 0 || REQUIRED.some((k) => !check.columns[k])
  const [open, setOpen] = useState(missing)
  const [draft, setDraft] = useState<ColumnNames>(check.columns)
  if (check.headers.length === 0) return null
  if (!open) {
    return (
      <div className="dms-actions">
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          {t('dms.matchOpen')}
        </button>
      </div>
    )
  }
  const set = (key: ImportColumn, header: string) => setDraft((d) => ({ ...d, [key]: header }))
  return (
    <fieldset className="dms-match">
      <legend>{t('dms.matchHeading')}</legend>
      <p className="hint">{t('dms.matchIntro')}</p>
      <div className="dms-match-grid">
        {IMPORT_COLUMN_KEYS.map((key) => (
          <label key={key} htmlFor={`${id}-${key}`} className={IMPORT_COLUMNS[key].required && !draft[key] ? 'dms-match-missing' : undefined}>
            <span>{IMPORT_COLUMNS[key].required ? t('dms.matchRequired', { column: IMPORT_COLUMNS[key][lang] }) : IMPORT_COLUMNS[key][lang]}</span>
            <select id={`${id}-${key}`} value={draft[key] ?? ''} onChange={(e) => set(key, e.target.value)}>
              <option value="">{t('dms.matchNone')}</option>
              {check.headers.map((h, i) => (
                <option key={`${i}:${h}`} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="dms-actions">
        <button type="button" className="btn btn-primary" onClick={() => onApply(Object.fromEntries(Object.entries(draft).filter(([, h]) => h)))}>
          {t('dms.matchApply')}
        </button>
      </div>
    </fieldset>
  )
}

function PreviewTable({ check, timeZone }: { check: ImportCheck; timeZone: string }) {
  const { t } = useTranslation()
  const shown = check.orders.slice(0, PREVIEW_ORDERS)
  return (
    <div className="dms-preview">
      <table className="lines-table">
        <thead>
          <tr>
            <th>{t('dms.colRo')}</th>
            <th>{t('dms.colPlate')}</th>
            <th>{t('dms.colModel')}</th>
            <th>{t('dms.colCustomer')}</th>
            <th>{t('dms.colPromised')}</th>
            <th className="num">{t('dms.colLines')}</th>
            <th className="num">{t('dms.colHours')}</th>
            <th className="num">{t('dms.colRows')}</th>
            <th>{t('dms.colStatus')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <tr key={o.roNumber} className={o.onFile ? 'muted' : undefined}>
              <td>
                <b>{o.roNumber}</b>
              </td>
              <td>{o.plate}</td>
              <td>{o.model}</td>
              <td>{o.customerName}</td>
              <td>{o.promisedAt ? formatDateTime(o.promisedAt, timeZone) : '–'}</td>
              <td className="num">{o.jobLines}</td>
              <td className="num">{formatHours(o.hours)}</td>
              <td className="num">{o.rows.length > 1 ? `${o.rows[0]}–${o.rows[o.rows.length - 1]}` : o.rows[0]}</td>
              <td>{o.onFile ? t('dms.statusOnFile') : t('dms.statusNew')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {check.orders.length > shown.length && <p className="hint">… +{check.orders.length - shown.length}</p>}
    </div>
  )
}

function ExportSection() {
  const { t } = useTranslation()
  const headingId = useId()
  const timeZone = useBoard((s) => s.settings.timeZone)
  const today = workshopDay(Date.now(), timeZone)
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(today)
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx')
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<{ kind: 'done' | 'error'; text: string } | null>(null)

  async function run() {
    setBusy(true)
    setNote(null)
    try {
      const reply = await call('repair-order-export', { from, to })
      if (!reply.ok) {
        setNote({ kind: 'error', text: localised(reply.error.message) })
        return
      }
      if (reply.result.orders.length === 0) {
        setNote({ kind: 'done', text: t('dms.exportNone') })
        return
      }
      const sheets = exportSheets(reply.result, t)
      const file = `${t('dms.exportFile')}-${from}${to !== from ? `_${to}` : ''}.${format}`
      saveFile(format === 'xlsx' ? await writeXlsx([sheets.orders, sheets.lines]) : await writeCsv(sheets.orders), file)
      setNote({ kind: 'done', text: t('dms.exported', { count: reply.result.orders.length, file }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="dms-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('dms.exportHeading')}</h3>
      <p className="hint">{t('dms.exportIntro', { timeZone })}</p>
      <form
        className="dms-export-form"
        onSubmit={(e) => {
          e.preventDefault()
          void run()
        }}
      >
        <label>
          {t('dms.from')}
          <input type="date" value={from} max={to} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('dms.to')}
          <input type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <fieldset>
          <legend>{t('dms.format')}</legend>
          <label>
            <input type="radio" name="dms-format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> {t('dms.xlsx')}
          </label>
          <label>
            <input type="radio" name="dms-format" checked={format === 'csv'} onChange={() => setFormat('csv')} /> {t('dms.csv')}
          </label>
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('dms.exporting') : t('dms.exportButton')}
        </button>
      </form>
      <div aria-live="polite">
        {note?.kind === 'done' && <p className="dms-done">{note.text}</p>}
        {note?.kind === 'error' && (
          <div className="form-banner" role="alert">
            <p>{note.text}</p>
          </div>
        )}
      </div>
    </section>
  )
}
