import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts'

/**
 * The Reports page's data series, drawn from a Recharts chart's own axis scales
 * (`useXAxisScale`, `useYAxisScale`, Recharts 3.8+) as one SVG element each. Recharts' `<Bar>`,
 * `<Line>` and axis tick labels render several components, selectors and store updates per bar,
 * point or label; on the 60-technician and 90-day charts that was most of the time from the
 * report's data to the painted page (issue 5: 100 ms). Recharts still lays out the chart, its axes,
 * grid and scales. As these series are not Recharts graphical items, the chart must tell its axes
 * what they would have learnt from them: see `BAND_AXIS` and `valueAxis`.
 */

/** Recharts' default gap between two categories' bars (`barCategoryGap` '10%'), each side of the band. */
const CATEGORY_GAP = 0.1

type Scale = (value: unknown, options?: { position?: 'start' | 'middle' | 'end' }) => number | undefined

/**
 * The ticks of a value axis: from 0 in at most four round steps (1, 2, 2.5 or 5 x 10^n) to the
 * first step at or above the largest value.
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

/** A category axis keeps its bands: Recharts picks points when a chart has no `<Bar>`. */
export const BAND_AXIS = { scale: 'band' } as const

/**
 * Whether every label fits upright in a category band `band` px wide at `fontSize`: a Chinese
 * character is about 1 em wide, others about 0.6 em (an estimate: the page does not measure text,
 * issue 5). Ten technicians' names stand upright; sixty need turning.
 */
export function labelsFitUpright(texts: readonly string[], band: number, fontSize: number): boolean {
  const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 1 : 0.6), 0) * fontSize
  return texts.every((text) => width(text) + 8 <= band)
}

/**
 * A value axis takes these ticks' range as is (Recharts ignores a domain it has no data for
 * otherwise); the grid's lines follow the ticks, and ValueLabels writes them.
 */
export const valueAxis = (ticks: readonly number[]) => ({ type: 'number', domain: [ticks[0], ticks[ticks.length - 1]], ticks, allowDataOverflow: true }) as const

interface SeriesProps<Row> {
  rows: readonly Row[]
  /** The category of a row: the value the category axis' `dataKey` reads. */
  category: (row: Row) => string
  /** The row's value; null draws nothing for it. */
  value: (row: Row) => number | null
  xAxisId?: string | number
  yAxisId?: string | number
  /** What the series is, for screen readers and tests: the shapes carry no text of their own. */
  label: string
}

export interface BarSeriesProps<Row> extends SeriesProps<Row> {
  fill: string
  /** Which of `of` bars side by side in a category this series is (0-based). */
  slot?: number
  of?: number
  /** Space between the bars of one category, in px (Recharts' `barGap`). */
  gap?: number
  /** Bars grow to the right from categories on the Y axis (Recharts' `layout="vertical"`). */
  horizontal?: boolean
}

/** The SVG path of the bars, one rectangle per row with a value, or null before the chart has its axes. */
export function barPath<Row>(
  p: Pick<BarSeriesProps<Row>, 'rows' | 'category' | 'value' | 'slot' | 'of' | 'gap' | 'horizontal'>,
  x: Scale,
  y: Scale
): { d: string; bars: number } | null {
  const [cat, val] = p.horizontal ? [y, x] : [x, y]
  const slot = p.slot ?? 0
  const of = p.of ?? 1
  const gap = p.gap ?? 0
  const base = val(0)
  if (base === undefined) return null
  let d = ''
  let bars = 0
  for (const row of p.rows) {
    const v = p.value(row)
    if (v === null) continue
    const c = p.category(row)
    const start = cat(c, { position: 'start' })
    const end = cat(c, { position: 'end' })
    const tip = val(v)
    if (start === undefined || end === undefined || tip === undefined) continue
    const band = end - start
    const thickness = Math.max(0, (band * (1 - 2 * CATEGORY_GAP) - (of - 1) * gap) / of)
    const from = start + band * CATEGORY_GAP + slot * (thickness + gap)
    const length = tip - base
    if (thickness === 0 || length === 0) continue
    const [a, b, l, t] = [from.toFixed(1), base.toFixed(1), length.toFixed(1), thickness.toFixed(1)]
    d += p.horizontal ? `M${b} ${a}h${l}v${t}h${(-length).toFixed(1)}Z` : `M${a} ${b}h${t}v${l}h${(-thickness).toFixed(1)}Z`
    bars++
  }
  return { d, bars }
}

export function BarSeries<Row>(props: BarSeriesProps<Row>) {
  const x = useXAxisScale(props.xAxisId)
  const y = useYAxisScale(props.yAxisId)
  const path = x && y ? barPath(props, x, y) : null
  if (!path) return null
  return <path className="report-bars" d={path.d} fill={props.fill} data-bars={path.bars} aria-label={props.label} role="img" />
}

/**
 * The SVG path of a line through the middle of each category's band, across rows without a value
 * (Recharts' `connectNulls`), or null before the chart has its axes.
 */
export function linePath<Row>(p: Pick<SeriesProps<Row>, 'rows' | 'category' | 'value'>, x: Scale, y: Scale): { d: string; points: number } | null {
  if (y(0) === undefined) return null
  let d = ''
  let points = 0
  for (const row of p.rows) {
    const v = p.value(row)
    if (v === null) continue
    const px = x(p.category(row), { position: 'middle' })
    const py = y(v)
    if (px === undefined || py === undefined) continue
    d += `${points === 0 ? 'M' : 'L'}${px.toFixed(1)} ${py.toFixed(1)}`
    points++
  }
  return { d, points }
}

export function LineSeries<Row>(props: SeriesProps<Row> & { stroke: string; strokeWidth?: number }) {
  const x = useXAxisScale(props.xAxisId)
  const y = useYAxisScale(props.yAxisId)
  const path = x && y ? linePath(props, x, y) : null
  if (!path) return null
  return (
    <path
      className="report-line"
      d={path.d}
      fill="none"
      stroke={props.stroke}
      strokeWidth={props.strokeWidth ?? 2}
      strokeLinejoin="round"
      data-points={path.points}
      aria-label={props.label}
      role="img"
    />
  )
}

/**
 * A category axis' labels, one text per category (or every `every`-th) in the middle of its band:
 * under the plot for the X axis (turned by `angle` degrees, hanging from the axis line), left of it
 * for the Y axis. Recharts' own tick labels are a component, a measurement and a store update each,
 * which 60 technicians' names made a large part of the page; the axis is drawn with `tick={false}`.
 */
export function CategoryLabels<Row>(props: {
  rows: readonly Row[]
  category: (row: Row) => string
  text: (row: Row) => string
  axis?: 'x' | 'y'
  axisId?: string | number
  /** Label every n-th category only (the first one included). */
  every?: number
  angle?: number
  colour: string
  fontSize?: number
}) {
  const vertical = props.axis === 'y'
  const x = useXAxisScale(vertical ? undefined : props.axisId)
  const y = useYAxisScale(vertical ? props.axisId : undefined)
  const plot = usePlotArea()
  const scale = vertical ? y : x
  if (!scale || !plot) return null
  const every = Math.max(1, props.every ?? 1)
  const top = plot.y + plot.height + 8
  const left = plot.x - 8
  return (
    <g className="report-category-labels" fill={props.colour} fontSize={props.fontSize ?? 12}>
      {props.rows.map((row, i) => {
        if (i % every !== 0) return null
        const c = props.category(row)
        const middle = scale(c, { position: 'middle' })
        if (middle === undefined) return null
        if (vertical)
          return (
            <text key={c} x={left} y={middle} dy={4} textAnchor="end">
              {props.text(row)}
            </text>
          )
        return (
          <text
            key={c}
            x={middle}
            y={top}
            dy={props.angle ? 4 : 14}
            textAnchor={props.angle ? 'end' : 'middle'}
            transform={props.angle ? `rotate(${props.angle} ${middle} ${top})` : undefined}
          >
            {props.text(row)}
          </text>
        )
      })}
    </g>
  )
}

/**
 * A value axis' labels at its ticks (see valueTicks): left or right of the plot for a Y axis, under
 * it for an X axis. Drawn here for the reason CategoryLabels is; the axis has `tick={false}`.
 */
export function ValueLabels(props: {
  ticks: readonly number[]
  axis?: 'x' | 'y'
  axisId?: string | number
  side?: 'left' | 'right'
  unit?: string
  colour: string
  fontSize?: number
}) {
  const vertical = props.axis !== 'x'
  const x = useXAxisScale(vertical ? undefined : props.axisId)
  const y = useYAxisScale(vertical ? props.axisId : undefined)
  const plot = usePlotArea()
  const scale = vertical ? y : x
  if (!scale || !plot) return null
  const right = props.side === 'right'
  return (
    <g className="report-value-labels" fill={props.colour} fontSize={props.fontSize ?? 12}>
      {props.ticks.map((v, i) => {
        const at = scale(v)
        if (at === undefined) return null
        const text = `${v.toLocaleString()}${props.unit ?? ''}`
        return vertical ? (
          <text key={v} x={right ? plot.x + plot.width + 8 : plot.x - 8} y={at} dy={4} textAnchor={right ? 'start' : 'end'}>
            {text}
          </text>
        ) : (
          // the last one ends at the plot's edge: centred, it would run out of the chart
          <text key={v} x={at} y={plot.y + plot.height + 8} dy={14} textAnchor={i === props.ticks.length - 1 ? 'end' : 'middle'}>
            {text}
          </text>
        )
      })}
    </g>
  )
}
