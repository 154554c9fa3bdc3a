import { describe, expect, it } from 'vitest'
import { getAdjacencyMap } from '@xstate/graph'
import type { AnyStateNode } from '@xstate/graph'
import type { MachineEventBase } from '@xianjie/domain'

import { creditListingCommands } from './credit-listing.commands.ts'
import {
  agenciesFor,
  AT,
  crossProvinceInput,
  event,
  LATER,
  receipt,
  run,
  SAMPLE_PAYLOADS,
  sampleInput,
  SERIOUS_ONLY,
  start,
  TO_LISTED,
  type CreditListingSnapshot,
} from './credit-listing.fixtures.ts'
import { DISPATCH_KINDS, creditListingMachine, onSeriousList } from './credit-listing.machine.ts'
import type { CreditListingInput } from './credit-listing.types.ts'
import { allStateNodes, definedTransitions, takenTransitions, unreachedStates, unsampledEvents } from '../../../test/support/statechart.ts'

const machine = creditListingMachine

const stateNodes = (): AnyStateNode[] => allStateNodes(machine.root)

/**
 * Transitions whose guard only ever refuses (kept so the engine answers 422 with the rule).
 * This machine has none: states that no longer take a command say so in `meta.refuses`.
 */
const REFUSAL_ONLY = new Set<string>([])

/** Transient nodes that route by the input or the publicity period; a snapshot never rests in them. */
const TRANSIENT = new Set([
  'creditListing.serious.listing.main.publication.routing',
  'creditListing.publicity.scoping',
  'creditListing.publicity.publicationDue.routing',
  'creditListing.publicity.published.period.choosing',
  'creditListing.cnipa.scoping',
])

const REGIONS = ['serious', 'publicity', 'cnipa'] as const
type Region = (typeof REGIONS)[number]

const afterEvents = stateNodes().flatMap((node) =>
  [...node.transitions.keys()].filter((type) => type.startsWith('xstate.after.')).map((type) => event(type, {}, AT, 'system')),
)
const receiptEvents = [
  receipt('priorNotice'),
  receipt('listingDecision'),
  receipt('listingDecision', 'party-410305-1'),
  receipt('priorNotice', 'party-410305-1'),
  receipt('listingForPublication', 'msa-410300'),
  receipt('penaltyInfoForPublication', 'msa-410300'),
  // A receipt no state waits for: recorded at the root.
  receipt('jointPunishmentNotice', 'partner.ndrc-620400'),
]
const commandEvents = Object.entries(SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => event(type, payload)))
/** The same commands from other actors or places: the registration bureau publishes, a subject registered in 洛阳 acts. */
const otherActors = [
  event('PUBLISH_LISTING', {}, AT, 'luoyangBureau'),
  event('PUBLISH_PENALTY_INFO', {}, AT, 'luoyangBureau'),
  event('PUSH_LISTING', { registrationBureau: 'msa-330100', agencies: agenciesFor('msa-330100') }),
  ...['WAIVE_RIGHTS', 'REQUEST_HEARING', 'APPLY_RECONSIDERATION', 'FILE_SUIT', 'APPLY_EARLY_REMOVAL'].map((type) =>
    event(type, SAMPLE_PAYLOADS[type]![0]!, type === 'APPLY_EARLY_REMOVAL' ? LATER : AT, 'luoyangSubject'),
  ),
]
const EVENTS: MachineEventBase[] = [...commandEvents, ...otherActors, ...receiptEvents, ...afterEvents]

function regionValue(snapshot: CreditListingSnapshot, region: Region): unknown {
  return (snapshot.value as Record<Region, unknown>)[region]
}

/**
 * Only the region under test is serialized, so the other regions' events collapse into the
 * states already seen and the graph stays small. The flags that region's guards read from
 * elsewhere are kept: the serious list for the publicity repair (SAMR-45 art. 14(1)(4)).
 */
function traverse(input: CreditListingInput, region: Region, options: { fromState?: CreditListingSnapshot; events?: MachineEventBase[]; both?: boolean } = {}) {
  const serializeState = (snapshot: CreditListingSnapshot) =>
    JSON.stringify(
      options.both
        ? { a: regionValue(snapshot, 'serious'), b: regionValue(snapshot, 'publicity'), listed: onSeriousList(snapshot.context) }
        : { value: regionValue(snapshot, region), listed: region === 'publicity' ? onSeriousList(snapshot.context) : null },
    )
  const adjacency = getAdjacencyMap(machine, {
    events: options.events ?? EVENTS,
    input,
    ...(options.fromState ? { fromState: options.fromState } : {}),
    serializeState,
    stopWhen: (snapshot: CreditListingSnapshot) => snapshot.status === 'done',
  })
  return { adjacency, states: Object.values(adjacency).map((entry) => entry.state as CreditListingSnapshot) }
}

describe('credit-listing graph', () => {
  it('has a sample event for every event type the machine handles', () => {
    expect(unsampledEvents(machine.root, EVENTS)).toEqual([])
    expect(Object.keys(SAMPLE_PAYLOADS).sort()).toEqual(Object.keys(creditListingCommands).filter((t) => t !== 'RECEIPT').sort())
  })

  it('opens each regime only where it applies, never resting in a transient node', () => {
    expect(start(sampleInput())[0].value).toEqual({ serious: { assessing: 'criteria' }, publicity: { publicationDue: 'publishDue' }, cnipa: 'notApplicable' })
    expect(start(crossProvinceInput({ cnipa: { conduct: 2 } }))[0].value).toEqual({
      serious: { assessing: 'criteria' },
      publicity: { publicationDue: 'pushDue' },
      cnipa: 'noticeDue',
    })
    expect(start(sampleInput({}, SERIOUS_ONLY))[0].value).toMatchObject({ publicity: 'notApplicable' })
    expect(start(sampleInput({}, { types: ['warning'], heavierFine: false }))[0].value).toMatchObject({ publicity: 'notApplicable' })
  })

  // Region A same province and across provinces with a longer restriction; region B with each
  // publicity period; region C with conduct 1 (the art. 7 exception); then the cross-regime guard.
  const restriction = { ...SERIOUS_ONLY, types: ['fine', 'practiceRestricted'] as const, restrictionUntil: '2031-06-30' }
  const runs = [
    traverse(sampleInput({}, SERIOUS_ONLY), 'serious'),
    traverse(crossProvinceInput({}, { ...restriction, types: [...restriction.types] }), 'serious'),
    traverse(sampleInput(), 'publicity'),
    traverse(crossProvinceInput({}, { types: ['fine'], heavierFine: false, lowAmountFine: true }), 'publicity'),
    traverse(sampleInput({}, { types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' }), 'publicity'),
    traverse(sampleInput({ cnipa: { conduct: 1 } }, SERIOUS_ONLY), 'cnipa'),
  ]
  const states = runs.flatMap((r) => r.states)

  it('reaches every state node by some path', () => {
    expect(unreachedStates(machine.root, states, TRANSIENT)).toEqual([])
  })

  it('takes every transition of the definition on some path', () => {
    const taken = takenTransitions(machine, runs.map((r) => r.adjacency))
    const missing = definedTransitions(machine.root)
      .filter(({ definition, label }) => !taken.has(definition) && !REFUSAL_ONLY.has(label))
      .map(({ label }) => label)
    expect(missing).toEqual([])
  })

  it('ends every region in a final state that names its DOMAIN end, and reaches every end', () => {
    for (const node of stateNodes().filter((n) => n.type === 'final')) expect(node.meta, node.id).toHaveProperty('end')
    const done = states.filter((snapshot) => snapshot.status === 'done')
    expect(done.length).toBeGreaterThan(0)
    for (const snapshot of done) {
      // The case closes only when each of the three regimes has ended.
      for (const region of REGIONS) {
        const leaf = snapshot._nodes.find((node) => node.type === 'final' && node.parent?.key === region)
        expect(leaf?.meta, region).toMatchObject({ end: expect.any(String) })
      }
    }
    const ends = new Set(states.flatMap((snapshot) => snapshot._nodes.filter((n) => n.type === 'final').map((n) => (n.meta as { end: string }).end)))
    expect([...ends].sort()).toEqual(['B0', 'B4', 'B5', 'B6', 'C0', 'C1', 'C4E', 'C4R', 'C4X', 'L6', 'L7E', 'L8', 'L9', 'N1'])
  })

  it('gives every state node a DOMAIN id and a bilingual title', () => {
    const ids = /^(A|B|C|L0|L1|L1H|L2|L3|L4|L5|L5B|L6|L7E|L8|L9|B[0-6]|C[0-4])$/
    for (const node of stateNodes().slice(1)) {
      expect(node.meta, node.id).toMatchObject({ id: expect.stringMatching(ids), title: { zh: expect.any(String), en: expect.any(String) } })
    }
    const expected = ['L0', 'L1', 'L1H', 'L2', 'L3', 'L4', 'L5', 'L5B', 'L6', 'L7E', 'L8', 'L9', 'B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'C0', 'C1', 'C2', 'C3', 'C4']
    const covered = new Set(stateNodes().slice(1).map((node) => (node.meta as { id: string }).id))
    expect(expected.filter((id) => !covered.has(id))).toEqual([])
    // …and every id is one a path actually shows.
    const shown = new Set(states.flatMap((snapshot) => snapshot._nodes.map((node) => (node.meta as { id?: string } | undefined)?.id)))
    expect(expected.filter((id) => !shown.has(id))).toEqual([])
  })

  it('names a declared dispatch kind in every receipt the machine waits for', () => {
    const kinds = stateNodes().flatMap((node) =>
      (node.transitions.get('RECEIPT') ?? []).map((t) => (t.guard as { params?: { kind?: string } } | undefined)?.params?.kind).filter((k) => k !== undefined),
    )
    expect(kinds.length).toBe(4)
    for (const kind of kinds) expect(DISPATCH_KINDS).toHaveProperty(kind!)
  })

  it('links the regimes: the publicity repairs only while the subject is off the serious list (SAMR-45 art. 14(1)(4))', () => {
    // From a published listing and a published penalty, the serious list's removal routes and the publicity repair.
    const { snapshot: from } = run([...TO_LISTED, 'PUBLISH_PENALTY_INFO'])
    const CROSS = ['APPLY_PUBLICITY_REPAIR', 'APPLY_EARLY_REMOVAL', 'ACCEPT_REPAIR', 'GRANT_REPAIR', 'REMOVE_LISTING', 'PENALTY_REVOKED', 'REVOKE_LISTING']
    const events = commandEvents.filter((e) => CROSS.includes(e.type))
    const { adjacency } = traverse(sampleInput(), 'publicity', { fromState: from, events, both: true })
    let refusedWhileListed = 0
    let takenOffList = 0
    for (const { state, transitions } of Object.values(adjacency)) {
      const snapshot = state as CreditListingSnapshot
      if (!snapshot.matches({ publicity: { published: { repair: 'standing' } } })) continue
      for (const { event: sent, state: next } of Object.values(transitions) as Array<{ event: MachineEventBase; state: CreditListingSnapshot }>) {
        if (sent.type !== 'APPLY_PUBLICITY_REPAIR') continue
        const moved = next.matches({ publicity: { published: { repair: 'repairReview' } } })
        expect(moved, JSON.stringify(snapshot.value)).toBe(!onSeriousList(snapshot.context))
        if (moved) takenOffList++
        else refusedWhileListed++
      }
    }
    expect(refusedWhileListed).toBeGreaterThan(0)
    expect(takenOffList).toBeGreaterThan(0)
  })
})
