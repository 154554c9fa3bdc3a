// Horizontal bar charts drawn as inline SVG from numbers (no chart library, no inline styles:
// the CSP forbids them), each with a data table as its text alternative.
import { useT } from '../i18n.ts'

export interface BarSeries {
  name: string
  /** CSS class giving the fill: bar-a, bar-b, bar-c. */
  cls: 'bar-a' | 'bar-b' | 'bar-c'
}

export interface BarRow {
  label: string
  values: Array<number | null>
}

const WIDTH = 760
const LABEL_WIDTH = 260
const VALUE_WIDTH = 70
const BAR_HEIGHT = 14
const GAP = 10

function shorten(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export function BarChart({ id, title, description, series, rows, format = (n) => String(n), max }: {
  id: string
  title: string
  description: string
  series: BarSeries[]
  rows: BarRow[]
  format?: (n: number) => string
  /** The value a full-length bar stands for; defaults to the largest value. */
  max?: number
}) {
  const { t } = useT()
  if (rows.length === 0) return <p class="muted">{t('本期无数据。', 'No data for this period.')}</p>
  const top = max ?? Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)))
  const groupHeight = series.length * BAR_HEIGHT + GAP
  const height = rows.length * groupHeight + GAP
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}><strong>{title}</strong></figcaption>
      {series.length > 1
        ? (
            <div class="legend" aria-hidden="true">
              {series.map((s) => <span key={s.name}><span class={`swatch ${s.cls}`} />{s.name}</span>)}
            </div>
          )
        : null}
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-labelledby={`${id}-svg-title ${id}-svg-desc`}>
        <title id={`${id}-svg-title`}>{title}</title>
        <desc id={`${id}-svg-desc`}>{description}</desc>
        <line class="axis" x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} />
        {rows.map((row, i) => {
          const y0 = GAP / 2 + i * groupHeight
          return (
            <g key={`${row.label}-${i}`}>
              <text x={LABEL_WIDTH - 6} y={y0 + (series.length * BAR_HEIGHT) / 2 + 4} text-anchor="end">{shorten(row.label)}</text>
              {series.map((s, j) => {
                const value = row.values[j] ?? null
                const width = value === null ? 0 : Math.max(value > 0 ? 1 : 0, (value / top) * plot)
                const y = y0 + j * BAR_HEIGHT
                return (
                  <g key={s.name}>
                    <rect class={s.cls} x={LABEL_WIDTH + 1} y={y + 1} width={width} height={BAR_HEIGHT - 2} />
                    <text x={LABEL_WIDTH + 4 + width} y={y + BAR_HEIGHT - 3}>{value === null ? '—' : format(value)}</text>
                  </g>
                )
              })}
            </g>
          )
        })}
      </svg>
      <details class="table-alt">
        <summary>{t(`数据表：${title}`, `Data table: ${title}`)}</summary>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('项目', 'Item')}</th>
                {series.map((s) => <th scope="col" class="num" key={s.name}>{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.label}-${i}`}>
                  <th scope="row">{row.label}</th>
                  {row.values.map((v, j) => <td class="num" key={j}>{v === null ? '—' : format(v)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}
