// The statechart layout: columns by breadth-first distance from the initial state (a container
// enters its first child, a parallel one all of them), and the path a case took.
import { describe, expect, it } from 'vitest'
import { layoutChart, pathOf, wrapText } from './chart-layout.ts'
import type { Chart, ChartState, TimelineEntry } from './types.ts'

const state = (id: string, parent: string | null = null, type: ChartState['type'] = 'atomic'): ChartState => ({ id, title: { zh: id, en: id }, parent, type })
const step = (from: string, to: string[], event: string, kind: 'command' | 'timer' = 'command') => ({ from, to, event, title: { zh: event, en: event }, kind })

const layerOf = (chart: Chart) => Object.fromEntries(layoutChart(chart).nodes.map((n) => [n.state.id, n.layer]))

describe(layoutChart.name, () => {
  it('puts each state at its distance from the initial state and marks arrows that go back', () => {
    const chart: Chart = {
      procedure: 'p',
      initial: 'F0',
      states: [state('F0'), state('F1'), state('F2'), state('F2R', null, 'final'), state('F3')],
      transitions: [step('F0', ['F1'], 'FORM_TEAM'), step('F1', ['F2'], 'SUBMIT'), step('F2', ['F3'], 'APPROVE'), step('F2', ['F2R'], 'REFUSE'), step('F2R', ['F3'], 'ORDER'), step('F3', ['F1'], 'BACK'), step('F3', ['F3'], 'T2', 'timer')],
    }
    expect(layerOf(chart)).toEqual({ F0: 0, F1: 1, F2: 2, F2R: 3, F3: 3 })
    const layout = layoutChart(chart)
    expect(layout.edges.map((e) => [e.from, e.to, e.back])).toEqual(expect.arrayContaining([['F3', 'F1', true], ['F2R', 'F3', true], ['F2', 'F3', false]]))
    // A step that stays in its state draws no arrow.
    expect(layout.edges.some((e) => e.from === 'F3' && e.to === 'F3')).toBe(false)
    expect(layout.width).toBeGreaterThan(4 * 168)
  })

  it('enters a compound state at its first child, a parallel one at every child, and starts every top-level region', () => {
    const chart: Chart = {
      procedure: 'credit',
      initial: 'A',
      states: [state('A', null, 'compound'), state('L0', 'A'), state('L1', 'A'), state('B', null, 'compound'), state('B0', 'B'), state('B2', 'B', 'parallel'), state('B3', 'B2'), state('B4', 'B2'), state('X')],
      transitions: [step('L0', ['L1'], 'NOTICE'), step('B0', ['B2'], 'PUBLISH')],
    }
    expect(layerOf(chart)).toEqual({ A: 0, B: 0, L0: 1, B0: 1, L1: 2, B2: 2, B3: 3, B4: 3, X: 4 })
    // Containers are joined to the states inside them by a line with no transition.
    expect(layoutChart(chart).edges.filter((e) => e.transitions.length === 0).map((e) => `${e.from}>${e.to}`).sort()).toEqual(['A>L0', 'A>L1', 'B2>B3', 'B2>B4', 'B>B0', 'B>B2'])
  })

  it('draws one node per state id however many machine nodes share it', () => {
    const chart: Chart = { procedure: 'p', initial: 'F2', states: [state('F2', null, 'compound'), state('F-ESC', 'F2'), state('F2')], transitions: [step('F2', ['F-ESC'], 'T1', 'timer')] }
    expect(layoutChart(chart).nodes.map((n) => n.state.id)).toEqual(['F2', 'F-ESC'])
  })
})

describe(pathOf.name, () => {
  const entry = (seq: number, stateBefore: string[], stateAfter: string[], link: 'self' | 'parent' = 'self'): TimelineEntry => ({
    case: { id: 'c', procedure: 'p', caseNumber: null, link }, seq, type: `E${seq}`, title: { zh: '', en: '' }, actor: { userId: 'u', name: null }, agency: { id: 'a', name: null },
    occurredAt: '2026-03-10T00:00:00.000Z', stateBefore, stateAfter, source: null, deadlines: [], sincePreviousHours: null, hash: 'h',
  })

  it('marks the states passed and the steps taken, from this case’s own events only', () => {
    const { visited, steps, changes } = pathOf([entry(1, [], ['F0']), entry(2, ['F0'], ['F1']), entry(3, ['F1'], ['F1']), entry(4, ['F1'], ['F5', 'F5S']), entry(9, ['X1'], ['X2'], 'parent')])
    expect([...visited].sort()).toEqual(['F0', 'F1', 'F5', 'F5S'])
    expect([...steps].map((s) => s.replace('\u0000', '>')).sort()).toEqual(['F0>F1', 'F1>F5', 'F1>F5S'])
    expect(changes.map((c) => c.seq)).toEqual([1, 2, 4])
  })
})

describe(wrapText.name, () => {
  it('wraps Chinese by characters and marks what it cut', () => {
    expect(wrapText('公安机关已收到，待签收回执', 6, 2)).toEqual(['公安机关已收', '到，待签收…'])
    expect(wrapText('立案审查', 6, 2)).toEqual(['立案审查'])
  })

  it('breaks English between words', () => {
    expect(wrapText('Delivered, awaiting receipt', 12, 2)).toEqual(['Delivered, awaiting', 'receipt'])
  })
})
