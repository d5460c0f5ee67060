import { useXAxisScale, useYAxisScale } from 'recharts'

/** Recharts' default gap between two categories' bars (`barCategoryGap` '10%'), each side of the band. */
const CATEGORY_GAP = 0.1

/**
 * The ticks of a value axis for bars drawn by BarSeries: from 0 in at most four round steps
 * (1, 2, 2.5 or 5 x 10^n) to the first step at or above the largest value.
 */
export function valueTicks(values: readonly (number | null)[]): number[] {
  const max = Math.max(0, ...values.map((v) => v ?? 0))
  if (max <= 0) return [0, 1, 2, 3, 4]
  const raw = max / 4
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * magnitude
  const steps = Math.ceil(max / step - 1e-9)
  return Array.from({ length: steps + 1 }, (_, i) => Math.round(i * step * 1e6) / 1e6)
}

export interface BarSeriesProps<Row> {
  rows: readonly Row[]
  /** The category of a row: the value the chart's XAxis `dataKey` reads. */
  category: (row: Row) => string
  /** The bar's value; null draws no bar. */
  value: (row: Row) => number | null
  fill: string
  /** Which of `of` bars side by side in a category this series is (0-based). */
  slot?: number
  of?: number
  /** Space between the bars of one category, in px (Recharts' `barGap`). */
  gap?: number
  xAxisId?: string | number
  yAxisId?: string | number
  /** What the series is, for screen readers and tests: the bars carry no text of their own. */
  label: string
}

/** The SVG path of the bars, one rectangle per row, or null before the chart has its axes. */
export function barPath<Row>(
  p: Pick<BarSeriesProps<Row>, 'rows' | 'category' | 'value' | 'slot' | 'of' | 'gap'>,
  x: (value: unknown, options?: { position?: 'start' | 'middle' | 'end' }) => number | undefined,
  y: (value: unknown) => number | undefined
): { d: string; bars: number } | null {
  const slot = p.slot ?? 0
  const of = p.of ?? 1
  const gap = p.gap ?? 0
  const base = y(0)
  if (base === undefined) return null
  let d = ''
  let bars = 0
  for (const row of p.rows) {
    const v = p.value(row)
    if (v === null) continue
    const c = p.category(row)
    const start = x(c, { position: 'start' })
    const end = x(c, { position: 'end' })
    const top = y(v)
    if (start === undefined || end === undefined || top === undefined) continue
    const band = end - start
    const inner = band * (1 - 2 * CATEGORY_GAP)
    const width = Math.max(0, (inner - (of - 1) * gap) / of)
    const left = start + band * CATEGORY_GAP + slot * (width + gap)
    const h = top - base
    if (width === 0 || h === 0) continue
    d += `M${left.toFixed(1)} ${base.toFixed(1)}h${width.toFixed(1)}v${h.toFixed(1)}h${(-width).toFixed(1)}Z`
    bars++
  }
  return { d, bars }
}

/**
 * A bar series of a vertical-bar Recharts chart drawn as one SVG path from the chart's own axis
 * scales (`useXAxisScale`, `useYAxisScale`). Recharts' `<Bar>` renders several components and an
 * event-handler set per bar; on the Reports page's 60-technician and 90-day charts that was most
 * of the time from the data to the painted page (issue 5: 100 ms). The chart's value axis needs an
 * explicit `domain`: a series drawn here is not one of the chart's graphical items.
 */
export function BarSeries<Row>(props: BarSeriesProps<Row>) {
  const x = useXAxisScale(props.xAxisId)
  const y = useYAxisScale(props.yAxisId)
  const path = x && y ? barPath(props, x, y) : null
  if (!path) return null
  return <path className="report-bars" d={path.d} fill={props.fill} data-bars={path.bars} aria-label={props.label} role="img" />
}
