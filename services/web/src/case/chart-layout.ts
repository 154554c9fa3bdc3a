// Lays a procedure's statechart out in layers, left to right: each state's column is its
// breadth-first distance from the initial state; rows are ordered to cross fewer arrows.
// Pure geometry: statechart.tsx draws it.
import type { Chart, ChartState, ChartTransition, TimelineEntry } from './types.ts'

export const NODE_W = 168
export const NODE_H = 64
const COL_GAP = 96
const ROW_GAP = 28
const PAD = 24
/** Room under the lowest row for arrows that run back to an earlier column. */
const BACK_ROOM = 48

export interface PlacedState {
  state: ChartState
  layer: number
  row: number
  x: number
  y: number
}

export interface PlacedEdge {
  from: string
  to: string
  /** Empty for a containment line (a container to a state inside it). */
  transitions: ChartTransition[]
  /** SVG path data. */
  d: string
  labelX: number
  labelY: number
  back: boolean
}

export interface ChartLayout {
  nodes: PlacedState[]
  edges: PlacedEdge[]
  width: number
  height: number
}

/** One node per DOMAIN id (a machine may give several xstate nodes the same id). */
function uniqueStates(states: ChartState[]): ChartState[] {
  const seen = new Map<string, ChartState>()
  for (const s of states) if (!seen.has(s.id)) seen.set(s.id, s)
  return [...seen.values()]
}

/** Transitions grouped by (from, to), self-loops and unknown ends left out. */
function edgePairs(transitions: ChartTransition[], known: Set<string>): Map<string, { from: string; to: string; transitions: ChartTransition[] }> {
  const pairs = new Map<string, { from: string; to: string; transitions: ChartTransition[] }>()
  for (const t of transitions) {
    for (const to of t.to) {
      if (to === t.from || !known.has(t.from) || !known.has(to)) continue
      const key = `${t.from}\u0000${to}`
      const pair = pairs.get(key) ?? { from: t.from, to, transitions: [] }
      if (!pair.transitions.some((x) => x.event === t.event)) pair.transitions.push(t)
      pairs.set(key, pair)
    }
  }
  return pairs
}

/**
 * Breadth-first depth from the initial state (and from the top-level regions nothing leads
 * to, the parallel regions of a procedure like the credit listing). Entering a compound state
 * enters its first child (the machines list the initial child first), entering a parallel one
 * enters every child. A state still unreached is placed a step after its container, and the
 * search goes on from it; the rest go after the last column.
 */
function layersOf(states: ChartState[], initial: string, next: Map<string, string[]>, prev: Map<string, string[]>): Map<string, number> {
  const depth = new Map<string, number>()
  const children = new Map<string, string[]>()
  for (const s of states) if (s.parent !== null) children.set(s.parent, [...(children.get(s.parent) ?? []), s.id])
  const typeOf = new Map(states.map((s) => [s.id, s.type]))
  const entered = (id: string): string[] => {
    const inner = children.get(id) ?? []
    return typeOf.get(id) === 'parallel' ? inner : inner.slice(0, 1)
  }
  const first = states.some((s) => s.id === initial) ? initial : states[0]?.id
  if (first === undefined) return depth
  const regions = states.filter((s) => s.parent === null && s.id !== first && children.has(s.id) && (prev.get(s.id) ?? []).length === 0)
  const queue = [first, ...regions.map((s) => s.id)]
  for (const id of queue) depth.set(id, 0)
  const search = () => {
    while (queue.length > 0) {
      const id = queue.shift()!
      for (const to of [...entered(id), ...(next.get(id) ?? [])]) {
        if (depth.has(to)) continue
        depth.set(to, depth.get(id)! + 1)
        queue.push(to)
      }
    }
  }
  search()
  for (let placedOne = true; placedOne;) {
    placedOne = false
    for (const s of states) {
      if (depth.has(s.id) || s.parent === null || !depth.has(s.parent)) continue
      depth.set(s.id, depth.get(s.parent)! + 1)
      queue.push(s.id)
      placedOne = true
    }
    search()
  }
  const last = Math.max(0, ...depth.values()) + 1
  for (const s of states) if (!depth.has(s.id)) depth.set(s.id, last)
  return depth
}

/** Rows within each column by the mean row of each state's neighbours (a few sweeps each way). */
function orderRows(columns: string[][], prev: Map<string, string[]>, next: Map<string, string[]>): void {
  const rowOf = new Map<string, number>()
  const index = () => columns.forEach((col) => col.forEach((id, i) => rowOf.set(id, i)))
  index()
  const mean = (ids: string[] | undefined, fallback: number): number => {
    const rows = (ids ?? []).map((id) => rowOf.get(id)).filter((r): r is number => r !== undefined)
    return rows.length === 0 ? fallback : rows.reduce((a, b) => a + b, 0) / rows.length
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    const order = sweep % 2 === 0 ? columns.map((_, i) => i) : columns.map((_, i) => columns.length - 1 - i)
    for (const c of order) {
      const neighbours = sweep % 2 === 0 ? prev : next
      const column = columns[c]!
      const keyed = column.map((id, i) => ({ id, key: mean(neighbours.get(id), i) }))
      keyed.sort((a, b) => a.key - b.key)
      columns[c] = keyed.map((k) => k.id)
      index()
    }
  }
}

export function layoutChart(chart: Chart): ChartLayout {
  const states = uniqueStates(chart.states)
  const known = new Set(states.map((s) => s.id))
  const pairs = [...edgePairs(chart.transitions, known).values()]
  const next = new Map<string, string[]>()
  const prev = new Map<string, string[]>()
  for (const p of pairs) {
    next.set(p.from, [...(next.get(p.from) ?? []), p.to])
    prev.set(p.to, [...(prev.get(p.to) ?? []), p.from])
  }
  // A container and the states inside it are drawn joined by a thin line, and kept near.
  const containment = states.filter((s) => s.parent !== null && known.has(s.parent)).map((s) => ({ from: s.parent!, to: s.id, transitions: [] as ChartTransition[] }))
  const near = new Map(prev)
  for (const c of containment) near.set(c.to, [...(near.get(c.to) ?? []), c.from])
  const depth = layersOf(states, chart.initial, next, prev)
  const columnCount = Math.max(0, ...depth.values()) + 1
  const columns: string[][] = Array.from({ length: columnCount }, () => [])
  for (const s of states) columns[depth.get(s.id)!]!.push(s.id)
  orderRows(columns, near, next)

  const tallest = Math.max(1, ...columns.map((c) => c.length))
  const innerHeight = tallest * NODE_H + (tallest - 1) * ROW_GAP
  const byId = new Map(states.map((s) => [s.id, s]))
  const nodes: PlacedState[] = []
  columns.forEach((column, layer) => {
    const columnHeight = column.length * NODE_H + (column.length - 1) * ROW_GAP
    const top = PAD + (innerHeight - columnHeight) / 2
    column.forEach((id, row) => {
      nodes.push({ state: byId.get(id)!, layer, row, x: PAD + layer * (NODE_W + COL_GAP), y: top + row * (NODE_H + ROW_GAP) })
    })
  })
  const placed = new Map(nodes.map((n) => [n.state.id, n]))
  const bottom = PAD + innerHeight

  const lines = containment.filter((c) => !pairs.some((p) => p.from === c.from && p.to === c.to) && placed.get(c.to)!.layer > placed.get(c.from)!.layer)
  const all = [...lines, ...pairs]
  const forward = (p: { from: string; to: string }) => placed.get(p.to)!.layer > placed.get(p.from)!.layer
  // Each forward arrow leaves its state at its own height on the right side and arrives at
  // its own height on the left, so arrows and their labels do not pile up on one point.
  const port = (ends: Array<{ from: string; to: string }>, side: 'from' | 'to') => {
    const groups = new Map<string, Array<{ from: string; to: string }>>()
    for (const e of ends) groups.set(e[side], [...(groups.get(e[side]) ?? []), e])
    const out = new Map<{ from: string; to: string }, number>()
    for (const [id, list] of groups) {
      const other = side === 'from' ? 'to' : 'from'
      list.sort((x, y) => placed.get(x[other])!.y - placed.get(y[other])!.y)
      list.forEach((e, k) => out.set(e, placed.get(id)!.y + (NODE_H * (k + 1)) / (list.length + 1)))
    }
    return out
  }
  const forwards = all.filter(forward)
  const out = port(forwards, 'from')
  const into = port(forwards, 'to')
  let backCount = 0
  const edges: PlacedEdge[] = all.map((p) => {
    const a = placed.get(p.from)!
    const b = placed.get(p.to)!
    if (forward(p)) {
      const x1 = a.x + NODE_W
      const y1 = out.get(p)!
      const x2 = b.x
      const y2 = into.get(p)!
      const bend = Math.max(30, Math.min(COL_GAP, (x2 - x1) / 2))
      // The label sits in the gap just after the source, where no state is drawn.
      return {
        ...p,
        back: false,
        d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
        labelX: x1 + COL_GAP / 2,
        labelY: y1 + (y2 - y1) * 0.08 - 3,
      }
    }
    // Back (or same-column) arrows loop under their two states.
    const k = backCount++
    const x1 = a.x + NODE_W / 2 + 12
    const y1 = a.y + NODE_H
    const x2 = b.x + NODE_W / 2 - 12
    const y2 = b.y + NODE_H
    const low = Math.max(y1, y2) + 20 + (k % 3) * 9
    return {
      ...p,
      back: true,
      d: `M${x1},${y1} C${x1},${low} ${x2},${low} ${x2},${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: low - 3,
    }
  })

  return {
    nodes,
    edges,
    width: PAD * 2 + columnCount * NODE_W + Math.max(0, columnCount - 1) * COL_GAP,
    height: bottom + PAD + (edges.some((e) => e.back) ? BACK_ROOM : 0),
  }
}

/**
 * Text cut into at most `lines` lines of about `units` wide (a CJK character counts 1, Latin
 * about half); Latin text breaks between words where it can. A cut is marked with `…`.
 */
export function wrapText(text: string, units: number, lines: number): string[] {
  const width = (ch: string) => (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? 1 : 0.56)
  const measure = (s: string) => [...s].reduce((n, ch) => n + width(ch), 0)
  const out: string[] = []
  let line = ''
  for (const ch of text) {
    if (measure(line) + width(ch) > units && line !== '') {
      const space = line.lastIndexOf(' ')
      // Carry a half-written Latin word over to the next line.
      const carry = ch !== ' ' && space > 0 && /[A-Za-z0-9]$/.test(line) ? line.slice(space + 1) : ''
      out.push(carry ? line.slice(0, space) : line)
      line = carry
      if (out.length === lines) break
    }
    if (line === '' && ch === ' ') continue
    line += ch
  }
  if (out.length < lines && line !== '') out.push(line)
  if (out.join('').replace(/\s/g, '').length < text.replace(/\s/g, '').length && out.length > 0) {
    out[out.length - 1] = `${out[out.length - 1]!.slice(0, -1)}…`
  }
  return out
}

/** The path the case took: states visited and (from, to) steps, from the timeline's state changes. */
export function pathOf(timeline: TimelineEntry[]): { visited: Set<string>; steps: Set<string>; changes: TimelineEntry[] } {
  const visited = new Set<string>()
  const steps = new Set<string>()
  const changes: TimelineEntry[] = []
  for (const entry of timeline) {
    if (entry.case.link !== 'self') continue
    for (const id of [...entry.stateBefore, ...entry.stateAfter]) visited.add(id)
    const left = entry.stateBefore.filter((id) => !entry.stateAfter.includes(id))
    const entered = entry.stateAfter.filter((id) => !entry.stateBefore.includes(id))
    for (const from of left.length > 0 ? left : entry.stateBefore) for (const to of entered) steps.add(`${from}\u0000${to}`)
    if (entered.length > 0 || left.length > 0) changes.push(entry)
  }
  return { visited, steps, changes }
}
