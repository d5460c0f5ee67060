import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BarChart, CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts'
import { call, type CommandResult } from '../../api/client'
import { localised } from '../../i18n'
import { useTimeZone } from '../../store/board-store'
import { COMEBACK_CAUSES } from '../../../../shared/domain/qc-checklist'
import { STOPPAGE_KINDS } from '../../../../shared/domain/types'
import { BAND_AXIS, BarSeries, CategoryLabels, labelsFitUpright, LineSeries, ValueLabels, valueAxis, valueTicks } from './series'
import { lastDays, PRESETS } from './report-period'
import { closeReports, showPresetInAddress, useReportsPreset } from './route'
import './reports.css'

type Summary = CommandResult<'report-summary'>

/** Set by the page the moment a report's data has arrived: bench/reports-page.bench.ts measures from it to the charts painted. */
export const REPORT_DATA_MARK = 'reports:data'

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`)
const hours = (x: number): string => x.toLocaleString(undefined, { maximumFractionDigits: 1 })

// Charts draw without animation and without hover tooltips: the figures are read, not watched, and
// the page must paint within 100 ms of the data (tooltips cost about 15 ms there; the tiles give
// totals). Recharts lays out each chart, its axes and grid; the series and the axes' labels are
// drawn by ./series from the chart's scales.
const CHART_MARGIN = { top: 8, right: 16, bottom: 8, left: 0 }
const COLOURS = { delivered: '#3b82f6', onTime: '#22c55e', efficiency: '#38bdf8', utilisation: '#f59e0b', stoppage: '#a78bfa' }
const TICK_COLOUR = '#a8b5c8'


/** A chart's legend as plain HTML: Recharts' legend measures itself and re-renders the chart. */
function ChartLegend({ items }: { items: { label: string; colour: string }[] }) {
  return (
    <div className="report-legend">
      {items.map((i) => (
        <span key={i.label}>
          <i style={{ background: i.colour }} aria-hidden="true" />
          {i.label}
        </span>
      ))}
    </div>
  )
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="report-tile">
      <div className="report-tile-label">{label}</div>
      <div className="report-tile-value">{value}</div>
      {detail && <div className="report-tile-detail">{detail}</div>}
    </div>
  )
}

/**
 * A chart's figure, on the page before the data arrives, so its width is known when it does: the
 * chart then draws once at its real size (Recharts' ResponsiveContainer draws at a guessed size
 * first and again once it has measured). Follows the figure's width when the window is resized.
 */
function ChartFrame({ name, caption, legend, children }: { name: string; caption: string; legend?: ReactNode; children: (width: number) => ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el) return
    setWidth(Math.floor(el.getBoundingClientRect().width))
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return (
    <figure className="report-chart" data-chart={name}>
      <figcaption>{caption}</figcaption>
      {legend}
      <div ref={ref} className="report-chart-body">
        {width > 0 && children(width)}
      </div>
    </figure>
  )
}

type DailyRow = { date: string; delivered: number; onTime: number | null }
type TechnicianRow = { id: string; name: string; efficiency: number | null; utilisation: number | null }
const dateOf = (r: DailyRow) => r.date
const deliveredOf = (r: DailyRow) => r.delivered
const onTimeOf = (r: DailyRow) => r.onTime
const PERCENT_TICKS = [0, 25, 50, 75, 100]
const idOf = (r: TechnicianRow) => r.id
const nameOf = (r: TechnicianRow) => r.name
const efficiencyOf = (r: TechnicianRow) => r.efficiency
const utilisationOf = (r: TechnicianRow) => r.utilisation

type StoppageRow = { reason: string; hours: number }
const reasonOf = (r: StoppageRow) => r.reason
const hoursOf = (r: StoppageRow) => r.hours

const DailyChart = memo(function DailyChart({ data, width }: { data: Summary['daily'] | null; width: number }) {
  const rows = useMemo(
    (): DailyRow[] => (data ?? []).map((d) => ({ date: d.date.slice(5), delivered: d.delivered, onTime: d.onTimeRate === null ? null : Math.round(d.onTimeRate * 1000) / 10 })),
    [data]
  )
  const { t } = useTranslation()
  const ticks = useMemo(() => valueTicks(rows.map((r) => r.delivered)), [rows])
  return (
    <ComposedChart width={width} height={280} data={rows} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#2c3e5c" vertical={false} />
      <XAxis dataKey="date" {...BAND_AXIS} tick={false} />
      <YAxis yAxisId="n" tick={false} {...valueAxis(ticks)} />
      <YAxis yAxisId="pct" orientation="right" tick={false} {...valueAxis(PERCENT_TICKS)} />
      <BarSeries rows={rows} category={dateOf} value={deliveredOf} yAxisId="n" fill={COLOURS.delivered} label={t('reports.charts.dailyDelivered')} />
      <LineSeries rows={rows} category={dateOf} value={onTimeOf} yAxisId="pct" stroke={COLOURS.onTime} label={t('reports.charts.dailyOnTime')} />
      <CategoryLabels rows={rows} category={dateOf} text={dateOf} every={Math.ceil(rows.length / 15)} colour={TICK_COLOUR} />
      <ValueLabels ticks={ticks} axisId="n" colour={TICK_COLOUR} />
      <ValueLabels ticks={PERCENT_TICKS} axisId="pct" side="right" unit="%" colour={TICK_COLOUR} />
    </ComposedChart>
  )
})

const TechnicianChart = memo(function TechnicianChart({ data, width }: { data: Summary['technicians'] | null; width: number }) {
  const { t } = useTranslation()
  const rows = useMemo(
    (): TechnicianRow[] =>
      (data ?? []).map((l) => ({
        id: String(l.technicianId),
        name: l.name,
        efficiency: l.efficiency === null ? null : Math.round(l.efficiency * 1000) / 10,
        utilisation: l.utilisation === null ? null : Math.round(l.utilisation * 1000) / 10
      })),
    [data]
  )
  // No figures yet (a new workshop, a quiet week): 0-100 %, not a 0-4 % axis of nothing.
  const ticks = useMemo(() => {
    const values = rows.flatMap((r) => [r.efficiency, r.utilisation])
    return values.some((v) => v !== null) ? valueTicks(values) : PERCENT_TICKS
  }, [rows])
  // Names stand upright when each fits its band (a workshop of ten), else they are turned (sixty).
  // The plot is the chart less its margins and the value axis (Recharts' 60 px).
  const upright = rows.length > 0 && labelsFitUpright(rows.map(nameOf), (width - CHART_MARGIN.left - CHART_MARGIN.right - 60) / rows.length, 14)
  return (
    <BarChart width={width} height={upright ? 260 : 300} data={rows} margin={CHART_MARGIN}>
      <CartesianGrid stroke="#2c3e5c" vertical={false} />
      {/* Categories are technician ids (two technicians may share a name), labelled with the name. */}
      <XAxis dataKey="id" {...BAND_AXIS} tick={false} height={upright ? 30 : 70} />
      <YAxis tick={false} {...valueAxis(ticks)} />
      <BarSeries rows={rows} category={idOf} value={efficiencyOf} slot={0} of={2} fill={COLOURS.efficiency} label={t('reports.charts.efficiency')} />
      <BarSeries rows={rows} category={idOf} value={utilisationOf} slot={1} of={2} fill={COLOURS.utilisation} label={t('reports.charts.utilisation')} />
      <CategoryLabels rows={rows} category={idOf} text={nameOf} angle={upright ? undefined : -60} fontSize={upright ? 14 : 12} colour={TICK_COLOUR} />
      <ValueLabels ticks={ticks} unit="%" colour={TICK_COLOUR} />
    </BarChart>
  )
})

const StoppageChart = memo(function StoppageChart({ data, width }: { data: Summary['stoppageHours'] | null; width: number }) {
  const { t } = useTranslation()
  const rows = useMemo((): StoppageRow[] => STOPPAGE_KINDS.map((k) => ({ reason: t(`schedule.stoppageKind.${k}`), hours: data?.[k] ?? 0 })), [data, t])
  const ticks = useMemo(() => valueTicks(rows.map((r) => r.hours)), [rows])
  return (
    <BarChart width={width} height={280} data={rows} layout="vertical" margin={CHART_MARGIN}>
      <CartesianGrid stroke="#2c3e5c" horizontal={false} />
      <XAxis tick={false} {...valueAxis(ticks)} />
      <YAxis type="category" dataKey="reason" {...BAND_AXIS} tick={false} width={190} />
      <BarSeries rows={rows} category={reasonOf} value={hoursOf} horizontal fill={COLOURS.stoppage} label={t('reports.charts.hours')} />
      <CategoryLabels rows={rows} category={reasonOf} text={reasonOf} axis="y" colour={TICK_COLOUR} />
      <ValueLabels ticks={ticks} axis="x" colour={TICK_COLOUR} />
    </BarChart>
  )
})

function Comebacks({ data }: { data: Summary['quality']['comebacksByCause'] }) {
  const { t } = useTranslation()
  return (
    <figure className="report-chart report-comebacks">
      <figcaption>{t('reports.charts.comebacks')}</figcaption>
      <table>
        <tbody>
          {COMEBACK_CAUSES.map((c) => (
            <tr key={c}>
              <th scope="row">{t(`qc.comebackCauses.${c}`)}</th>
              <td>{data[c]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}

/**
 * The service manager's Reports page (issue 5): KPI tiles and three charts over a period
 * (deliveries with the on-time rate per day, efficiency and utilisation per technician, stoppage
 * hours by reason) from one `report-summary` call. Takes no props: it asks the api client itself.
 */
export function ReportsPage() {
  const { t } = useTranslation()
  const timeZone = useTimeZone() || 'Asia/Shanghai'
  // The period lives in the address (#/reports/90): the buttons change it there.
  const preset = useReportsPreset()
  const [summary, setSummary] = useState<Summary | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    const reply = await call('report-summary', lastDays(preset, timeZone, Date.now()))
    if (reply.ok) {
      performance.mark(REPORT_DATA_MARK)
      setSummary(reply.result)
    } else setError(localised(reply.error.message))
  }, [preset, timeZone])

  useEffect(() => {
    void load()
  }, [load])

  const d = summary?.delivery
  const q = summary?.quality
  const l = summary?.labour
  const none = t('reports.none')
  return (
    <main className="reports-page" aria-labelledby="reports-title">
      <div className="reports-bar">
        <h2 id="reports-title">{t('reports.title')}</h2>
        <div className="reports-presets" role="group" aria-label={t('reports.period')}>
          {PRESETS.map((p) => (
            <button key={p} type="button" className="btn" aria-pressed={preset === p} onClick={() => showPresetInAddress(p)}>
              {t(`reports.last${p}`)}
            </button>
          ))}
        </div>
        {summary && (
          <span className="reports-range">
            {t('reports.range', { from: summary.daily[0]?.date ?? '', to: summary.daily[summary.daily.length - 1]?.date ?? '' })}
          </span>
        )}
        <button type="button" className="btn reports-back" onClick={closeReports}>
          {t('reports.back')}
        </button>
      </div>
      {error && (
        <div role="alert" className="reports-error">
          <p>{t('reports.failed', { message: error })}</p>
          <button type="button" className="btn btn-primary" onClick={() => void load()}>
            {t('reports.retry')}
          </button>
        </div>
      )}
      {!summary && !error && <p className="center-note">{t('reports.loading')}</p>}
      {d && q && l && (
        <section className="report-tiles" aria-label={t('reports.title')}>
          <Tile label={t('reports.tiles.delivered')} value={String(d.delivered)} />
          <Tile label={t('reports.tiles.onTimeOriginal')} value={pct(d.onTimeRateOriginal)} />
          <Tile label={t('reports.tiles.onTimeRevised')} value={pct(d.onTimeRateRevised)} />
          <Tile
            label={t('reports.tiles.toldInAdvance')}
            value={d.toldInAdvanceShareOfLate === null ? none : pct(d.toldInAdvanceShareOfLate)}
            detail={t('reports.tiles.toldInAdvanceDetail', { count: d.lateToldInAdvance, late: d.lateOriginal })}
          />
          <Tile
            label={t('reports.tiles.firstTimeFix')}
            value={pct(q.firstTimeFixRate)}
            detail={t('reports.tiles.firstTimeFixDetail', { count: q.firstTimePass, delivered: d.delivered })}
          />
          <Tile
            label={t('reports.tiles.efficiency')}
            value={pct(l.efficiency)}
            detail={t('reports.tiles.efficiencyDetail', { flat: hours(l.flatRateHours), actual: hours(l.actualHours) })}
          />
          <Tile
            label={t('reports.tiles.utilisation')}
            value={pct(l.utilisation)}
            detail={t('reports.tiles.utilisationDetail', { clocked: hours(l.clockedHours), available: hours(l.availableHours) })}
          />
          <Tile
            label={t('reports.tiles.qcFailures')}
            value={String(q.qcFailures)}
            detail={t('reports.tiles.qcFailuresDetail', { count: q.comebackOrders })}
          />
        </section>
      )}
      <div className="report-charts">
        <ChartFrame
          name="daily"
          caption={t('reports.charts.daily')}
          legend={
            <ChartLegend
              items={[
                { label: t('reports.charts.dailyDelivered'), colour: COLOURS.delivered },
                { label: t('reports.charts.dailyOnTime'), colour: COLOURS.onTime }
              ]}
            />
          }
        >
          {(w) => <DailyChart data={summary?.daily ?? null} width={w} />}
        </ChartFrame>
        <ChartFrame name="stoppages" caption={t('reports.charts.stoppages')}>
          {(w) => <StoppageChart data={summary?.stoppageHours ?? null} width={w} />}
        </ChartFrame>
        <ChartFrame
          name="technicians"
          caption={t('reports.charts.technicians')}
          legend={
            <ChartLegend
              items={[
                { label: t('reports.charts.efficiency'), colour: COLOURS.efficiency },
                { label: t('reports.charts.utilisation'), colour: COLOURS.utilisation }
              ]}
            />
          }
        >
          {(w) => <TechnicianChart data={summary?.technicians ?? null} width={w} />}
        </ChartFrame>
        {q && <Comebacks data={q.comebacksByCause} />}
      </div>
    </main>
  )
}
