// A case's states in a list: one entry per DOMAIN id, a substate's own title beside its parent's.
import { describe, expect, it } from 'vitest'
import { statesText } from './states.ts'

const zh = (b: { zh: string }) => b.zh
const t = (z: string) => z

describe(statesText.name, () => {
  it('names each state id once, with the titles of substates that share it', () => {
    const states = [
      { id: 'F6A', title: { zh: '已立案', en: 'Filed' } },
      { id: 'F7', title: { zh: '移交涉案物品', en: 'Hand over items' } },
      { id: 'F7', title: { zh: '移交涉案物品（3日）', en: 'Hand over items (3 days)' } },
      { id: 'F7', title: { zh: '移交涉案物品', en: 'Hand over items' } },
    ]
    expect(statesText(states, zh, t)).toBe('已立案；移交涉案物品（移交涉案物品（3日））')
  })
})
