// Where the case is, drawn on its procedure's statechart: the current state(s) highlighted and
// marked in words, the states and arrows the case has passed through marked, and the same
// facts as an ordered list for people who do not see the drawing.
import { useEffect, useMemo, useRef } from 'preact/hooks'
import { formatDateTime, useT } from '../i18n.ts'
import type { Bilingual } from '../types.ts'
import { layoutChart, NODE_H, NODE_W, pathOf, wrapText } from './chart-layout.ts'
import type { Chart, TimelineEntry } from './types.ts'

interface StatechartProps {
  chart: Chart
  /** DOMAIN ids of the active states (CaseView.stateIds). */
  current: string[]
  /** The case's timeline; only its own entries (link `self`) mark the path. */
  timeline: TimelineEntry[]
  /** Titles of the active states as the case view gives them (for ids the chart lacks). */
  currentTitles: Array<{ id: string; title: Bilingual }>
}

export function Statechart({ chart, current, timeline, currentTitles }: StatechartProps) {
  const { t, tb, lang } = useT()
  const layout = useMemo(() => layoutChart(chart), [chart])
  const { visited, steps, changes } = useMemo(() => pathOf(timeline), [timeline])
  const titles = useMemo(() => {
    const map = new Map<string, Bilingual>()
    for (const s of currentTitles) map.set(s.id, s.title)
    for (const s of chart.states) if (!map.has(s.id)) map.set(s.id, s.title)
    return map
  }, [chart, currentTitles])
  const name = (id: string) => `${id} ${tb(titles.get(id)) || ''}`.trim()
  const names = (ids: string[]) => (ids.length === 0 ? t('（无）', '(none)') : ids.map(name).join(t('；', '; ')))
  const currentText = names(current)
  const scroller = useRef<HTMLDivElement>(null)
  // Bring the current state into view: the chart is wider than the page.
  useEffect(() => {
    const box = scroller.current
    const node = layout.nodes.find((n) => current.includes(n.state.id))
    if (box && node) box.scrollLeft = Math.max(0, node.x + NODE_W / 2 - box.clientWidth / 2)
  }, [layout, current.join(' ')])

  return (
    <div class="statechart">
      <div class="chart-scroll" ref={scroller} tabIndex={0} role="group" aria-label={t('状态图（可横向滚动）', 'Statechart (scrolls sideways)')}>
        <svg
          class="chart"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width={layout.width}
          height={layout.height}
          role="img"
          aria-labelledby="statechart-title statechart-desc"
        >
          <title id="statechart-title">{t(`${chart.procedure} 状态图`, `Statechart of ${chart.procedure}`)}</title>
          <desc id="statechart-desc">{t(`当前状态：${currentText}。已经过 ${visited.size} 个状态。`, `Current state: ${currentText}. ${visited.size} states passed.`)}</desc>
          <defs>
            <marker id="chart-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
            </marker>
            <marker id="chart-arrow-taken" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" class="arrow-head taken" />
            </marker>
          </defs>
          <g class="edges">
            {layout.edges.map((e) => {
              if (e.transitions.length === 0) {
                return (
                  <g class="edge contains" key={`${e.from}-${e.to}`} data-from={e.from} data-to={e.to}>
                    <title>{t(`${name(e.from)} 包含 ${name(e.to)}`, `${name(e.from)} contains ${name(e.to)}`)}</title>
                    <path d={e.d} />
                  </g>
                )
              }
              const taken = steps.has(`${e.from}\u0000${e.to}`)
              const kinds = new Set(e.transitions.map((x) => x.kind))
              const label = e.transitions
                .map((x) => (x.kind === 'timer' ? t(`${x.event} 届满`, `${x.event} expires`) : x.kind === 'always' ? t('自动', 'automatic') : tb(x.title) || x.event))
                .join(' / ')
              const full = `${name(e.from)} → ${name(e.to)}：${label}${taken ? t('（已经过）', ' (taken)') : ''}`
              return (
                <g class={`edge${taken ? ' taken' : ''}${kinds.has('timer') && kinds.size === 1 ? ' timer' : ''}${e.back ? ' back' : ''}`} key={`${e.from}-${e.to}`} data-from={e.from} data-to={e.to}>
                  <title>{full}</title>
                  <path d={e.d} marker-end={taken ? 'url(#chart-arrow-taken)' : 'url(#chart-arrow)'} />
                  <text x={e.labelX} y={e.labelY} text-anchor="middle" class="edge-label">{wrapText(label, 9, 1)[0] ?? ''}</text>
                </g>
              )
            })}
          </g>
          <g class="nodes">
            {layout.nodes.map((n) => {
              const id = n.state.id
              const isCurrent = current.includes(id)
              const wasVisited = visited.has(id)
              const marker = isCurrent ? t('● 当前', '● now') : wasVisited ? t('✓ 已经过', '✓ passed') : ''
              const lines = wrapText(tb(titles.get(id)) || id, lang === 'en' ? 12 : 11, 2)
              const cls = ['state', `type-${n.state.type}`, isCurrent ? 'current' : '', wasVisited ? 'visited' : ''].filter(Boolean).join(' ')
              const status = isCurrent ? t('（当前状态）', ' (current state)') : wasVisited ? t('（已经过）', ' (passed)') : ''
              const extra = [n.state.end ? t(`结案 ${n.state.end}`, `end ${n.state.end}`) : '', n.state.parent ? t(`属于 ${n.state.parent}`, `within ${n.state.parent}`) : ''].filter(Boolean).join('，')
              return (
                <g class={cls} key={id} data-state={id} aria-current={isCurrent ? 'step' : undefined} transform={`translate(${n.x},${n.y})`}>
                  <title>{`${name(id)}${status}${extra ? ` · ${extra}` : ''}`}</title>
                  <rect width={NODE_W} height={NODE_H} rx={n.state.type === 'final' ? 18 : 6} class="state-box" />
                  {n.state.type === 'final' ? <rect x={4} y={4} width={NODE_W - 8} height={NODE_H - 8} rx={14} class="state-final-ring" /> : null}
                  <text x={10} y={18} class="state-id">{id}</text>
                  {marker ? <text x={NODE_W - 10} y={18} text-anchor="end" class="state-marker">{marker}</text> : null}
                  {lines.map((line, i) => <text key={i} x={10} y={36 + i * 16} class="state-title">{line}</text>)}
                </g>
              )
            })}
          </g>
        </svg>
      </div>
      <ul class="chart-legend" aria-label={t('图例', 'Legend')}>
        <li><span class="swatch current" aria-hidden="true" />{t('● 当前状态', '● current state')}</li>
        <li><span class="swatch visited" aria-hidden="true" />{t('✓ 已经过的状态', '✓ state passed')}</li>
        <li><span class="swatch" aria-hidden="true" />{t('未经过', 'not reached')}</li>
        <li><span class="swatch line taken" aria-hidden="true" />{t('已走过的步骤', 'step taken')}</li>
        <li><span class="swatch line timer" aria-hidden="true" />{t('期限届满（虚线）', 'deadline expiry (dashed)')}</li>
        <li><span class="swatch line contains" aria-hidden="true" />{t('包含关系（点线）', 'contains (dotted)')}</li>
      </ul>
      <div class="chart-text">
        <h3 id="path-heading">{t('办理路径（文字版）', 'Path taken (text)')}</h3>
        <ol aria-labelledby="path-heading" class="path-list">
          {changes.map((entry) => (
            <li key={entry.seq}>
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, lang)}</time>{' '}
              <span class="path-step">{tb(entry.title)}</span>：{entry.stateBefore.length > 0 ? `${names(entry.stateBefore)} → ` : ''}{names(entry.stateAfter)}
            </li>
          ))}
        </ol>
        <p class="path-current" data-current-states={current.join(' ')}>
          <strong>{t('当前状态：', 'Current state: ')}</strong>{currentText}
        </p>
      </div>
    </div>
  )
}
