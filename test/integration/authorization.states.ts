// The reachable states of every procedure, for the authorization matrix: each machine walked
// with @xstate/graph from its sample openings with every command's sample payloads, every
// receipt it waits for and every timer, as the workflows' paths tests do. Each state comes
// with the DOMAIN situations it is in (the `meta.id`s of its active nodes, plus the
// sub-situations DOMAIN.md describes in words, SITUATIONS below).
import { getAdjacencyMap } from '@xstate/graph'
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate'
import type { MachineEventBase } from '@xianjie/domain'
import * as ct from '../../workflows/criminal-transfer/src/criminal-transfer.fixtures.ts'
import { RECEIPT_KINDS as CT_RECEIPTS } from '../../workflows/criminal-transfer/src/criminal-transfer.machine.ts'
import * as jc from '../../workflows/judicial-confirmation/src/judicial-confirmation.fixtures.ts'
import * as cl from '../../workflows/credit-listing/src/credit-listing.fixtures.ts'
import * as ts from '../../workflows/transfer-supervision/src/transfer-supervision.fixtures.ts'
import { RECEIPT_KINDS as TS_RECEIPTS } from '../../workflows/transfer-supervision/src/transfer-supervision.machine.ts'
import { criminalTransferMachine } from '../../workflows/criminal-transfer/src/criminal-transfer.machine.ts'
import { judicialConfirmationMachine } from '../../workflows/judicial-confirmation/src/judicial-confirmation.machine.ts'
import { creditListingMachine, onSeriousList } from '../../workflows/credit-listing/src/credit-listing.machine.ts'
import { transferSupervisionMachine } from '../../workflows/transfer-supervision/src/transfer-supervision.machine.ts'
import { allStateNodes } from '../support/statechart.ts'

/**
 * Situations DOMAIN.md describes in words inside one of its states, where the machine gives
 * the node no id of its own (node id → the name the expected matrix uses). Naming them only
 * lets the expected matrix say "F8, but not once the case has moved (F8a)"; what each may do
 * is written in authorization.expected.ts.
 */
export const SITUATIONS: Record<string, string> = {
  // §2.3 F8a: moved to another police organ or merged, AEA to be notified.
  'criminalTransfer.criminalProceeding.moved': 'F8a',
  'criminalTransfer.filedUnderSupervision.criminal.criminalProceeding.moved': 'F8a',
  // §2.5 S5: the correction notice has been issued.
  'criminalTransfer.correctionNotice.correctionIssued': 'S5-issued',
  // §2.3 F11: the 30-day extension of APL art. 60 has been granted.
  'criminalTransfer.adminHandling.extended': 'F11-extended',
  // §3.3 J1: one party has applied, the other has not joined yet.
  'judicialConfirmation.agreementEffective.applicationWindow.awaitingJoinder': 'J1-one-applied',
  // §3.3 J4: the court's order for statements is outstanding.
  'judicialConfirmation.underReview.progress.awaitingParties': 'J4-order-outstanding',
  // §4.2 L0: the criteria are met, the notice is due.
  'creditListing.serious.assessing.criteriaMet': 'L0-criteria-met',
  // §4.2 L1: notice in transit / statement and hearing-request window / window closed.
  'creditListing.serious.priorNotice.awaitingReceipt': 'L1-in-transit',
  'creditListing.serious.priorNotice.window': 'L1-window',
  'creditListing.serious.priorNotice.windowClosed': 'L1-closed',
  // §4.2 L1H: to schedule / notified, 7 days running / may be held / held.
  'creditListing.serious.hearing.scheduling': 'L1H-to-schedule',
  'creditListing.serious.hearing.noticeGiven': 'L1H-notified',
  'creditListing.serious.hearing.mayHold': 'L1H-may-hold',
  'creditListing.serious.hearing.heard': 'L1H-held',
  // §4.2 L3 / §4.3: push due (across provinces) / publication due / pushed, the registration bureau publishes.
  'creditListing.serious.listing.main.publication.pushDue': 'L3-push',
  'creditListing.serious.listing.main.publication.publishDue': 'L3-publish',
  'creditListing.serious.listing.main.publication.pushed': 'L3-publish',
  'creditListing.publicity.publicationDue.pushDue': 'B1-push',
  'creditListing.publicity.publicationDue.publishDue': 'B1-publish',
  'creditListing.publicity.publicationDue.pushed': 'B1-publish',
  // §4.2 L4: listed until a longer legal restriction ends (no early removal).
  'creditListing.serious.listing.main.extendedByRestriction': 'L4-restricted',
  // §4.2 L9: reconsideration window running / suit window running / under reconsideration / after reconsideration / in litigation.
  'creditListing.serious.listing.remedy.open.reconsiderationWindow.running': 'L9-reconsideration-window',
  'creditListing.serious.listing.remedy.open.suitWindow.running': 'L9-suit-window',
  'creditListing.serious.listing.remedy.reconsideration': 'L9-reconsideration',
  'creditListing.serious.listing.remedy.suitAfterReconsideration': 'L9-suit-window',
  'creditListing.serious.listing.remedy.litigation': 'L9-litigation',
  // §4.4: CNIPA notice due.
  'creditListing.cnipa.noticeDue': 'C0-notice',
}

/** The DOMAIN situations a snapshot is in. A region that has ended (a final node) is in none. */
export function situationsOf(snapshot: AnyMachineSnapshot): Set<string> {
  const out = new Set<string>()
  for (const node of snapshot._nodes) {
    if (node.type === 'final') continue
    const id = (node.meta as { id?: string } | undefined)?.id
    if (id) out.add(id)
    const named = SITUATIONS[node.id]
    if (named) out.add(named)
  }
  return out
}

export interface Reached {
  procedure: string
  /** A name for the configuration (its state value). */
  label: string
  snapshot: AnyMachineSnapshot
  /** The events from the opening to it (commands, receipts, timers). */
  path: MachineEventBase[]
  /** The open payload's facts the walk started from (`sampleInput` of the fixtures). */
  input: Record<string, unknown>
}

const afterEventsOf = (machine: AnyStateMachine, event: (type: string) => MachineEventBase): MachineEventBase[] =>
  allStateNodes(machine.root).flatMap((node) => [...node.transitions.keys()].filter((type) => type.startsWith('xstate.after.')).map((type) => event(type)))

function walk(
  procedure: string,
  machine: AnyStateMachine,
  input: Record<string, unknown>,
  events: MachineEventBase[],
  serialize: (snapshot: AnyMachineSnapshot) => string,
): Reached[] {
  const adjacency = getAdjacencyMap(machine, {
    events,
    input,
    serializeState: serialize,
    stopWhen: (snapshot: AnyMachineSnapshot) => snapshot.status === 'done',
  } as never)
  // Breadth first from the opening, so each configuration keeps a shortest path.
  const entries = adjacency as unknown as Record<string, { state: AnyMachineSnapshot; transitions: Record<string, { event: MachineEventBase; state: AnyMachineSnapshot }> }>
  const first = Object.keys(entries)[0]!
  const paths = new Map<string, MachineEventBase[]>([[first, []]])
  const queue = [first]
  while (queue.length) {
    const key = queue.shift()!
    for (const { event, state } of Object.values(entries[key]!.transitions)) {
      const next = serialize(state)
      if (paths.has(next) || !entries[next]) continue
      paths.set(next, [...paths.get(key)!, event])
      queue.push(next)
    }
  }
  const seen = new Set<string>()
  const out: Reached[] = []
  for (const [key, entry] of Object.entries(entries)) {
    const label = `${procedure} ${JSON.stringify(entry.state.value)}`
    if (seen.has(label) || !paths.has(key)) continue
    seen.add(label)
    out.push({ procedure, label, snapshot: entry.state, path: paths.get(key)!, input })
  }
  return out
}

/** Every configuration of criminal-transfer, with the context flags its guards read. */
export function criminalTransferStates(): Reached[] {
  const events = [
    ...Object.entries(ct.SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => ct.event(type, payload))),
    ...[...Object.keys(CT_RECEIPTS), 'unrelatedNotice'].map((kind) => ct.receipt(kind)),
    ...afterEventsOf(criminalTransferMachine, (type) => ct.event(type, {}, ct.AT, 'system')),
  ]
  // The value plus the flags the guards of its top-level state read (as criminal-transfer.paths.test.ts).
  const serialize = (s: AnyMachineSnapshot) => {
    const c = s.context as ReturnType<typeof ct.start>[0]['context']
    const top = typeof s.value === 'string' ? s.value : Object.keys(s.value)[0]
    const flags: Record<string, unknown> = {
      transferRefused: c.headRefusal?.noCrimeFound,
      policeReview: [c.reviewExtension, c.supplementNoticeWindowOpen, c.overdue.filter((id) => id.startsWith('T6'))],
      afterNonFiling: [c.reconsiderationWindowOpen, c.supervisionWindowOpen, c.reconsiderationRequestedAt !== null],
      reconsiderationRefused: [c.reconsiderationWindowOpen, c.supervisionWindowOpen, c.reconsiderationRequestedAt !== null],
      supervisionRequested: c.supervision?.route,
      procuratorateIntake: c.supervision?.route,
      policeToExplain: [c.supervision?.route, c.overdue.filter((id) => id === 'T11' || id === 'T15')],
      filedUnderSupervision: c.reminderGateOpen,
      adminHandling: c.adminRoute,
    }
    return JSON.stringify({ v: s.value, f: flags[top ?? ''] ?? null })
  }
  return walk('criminal-transfer', criminalTransferMachine, ct.sampleInput() as never, events, serialize)
}

export function judicialConfirmationStates(): Reached[] {
  const events = [
    ...Object.entries(jc.SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => jc.event(type, payload))),
    jc.event('ACCEPT_APPLICATION', { caseNumber: '(2026)浙0106民特8号' }, jc.AT, 'hangzhouJudge'),
    jc.event('REFUSE_ACCEPTANCE', { ground: 2, reasons: '本院对该申请无管辖权' }, jc.AT, 'hangzhouJudge'),
    jc.event('JOIN_APPLICATION', {}, jc.AT, 'applicant1'),
    jc.event('OBJECT_TO_RULING', { reasons: '调解协议违反自愿原则' }, jc.AT, 'applicant1'),
    jc.receipt('mediationRequestCopy', 'party-620402-2'),
    jc.receipt('confirmationRuling', 'party-620402-1'),
    jc.receipt('confirmationRuling', 'party-620402-2'),
    jc.receipt('acceptanceNotice', 'party-620402-1'),
    ...afterEventsOf(judicialConfirmationMachine, (type) => jc.event(type, {}, jc.AT, 'system')),
  ]
  const serialize = (s: AnyMachineSnapshot) => {
    const c = s.context as ReturnType<typeof jc.start>[0]['context']
    return JSON.stringify({ v: s.value, f: [c.application?.by, c.pendingCourts, c.courtSetDatePassed, c.extension !== null, c.objections.some((o) => o.outcome === 'pending')] })
  }
  return [
    ...walk('judicial-confirmation', judicialConfirmationMachine, jc.sampleInput() as never, events, serialize),
    ...walk('judicial-confirmation', judicialConfirmationMachine, jc.adminInput() as never, events, serialize),
  ]
}

export function creditListingStates(): Reached[] {
  const events = [
    ...Object.entries(cl.SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => cl.event(type, payload))),
    cl.event('PUBLISH_LISTING', {}, cl.AT, 'luoyangBureau'),
    cl.event('PUBLISH_PENALTY_INFO', {}, cl.AT, 'luoyangBureau'),
    ...['WAIVE_RIGHTS', 'REQUEST_HEARING', 'APPLY_RECONSIDERATION', 'FILE_SUIT', 'APPLY_EARLY_REMOVAL'].map((type) =>
      cl.event(type, cl.SAMPLE_PAYLOADS[type]![0]!, type === 'APPLY_EARLY_REMOVAL' ? cl.LATER : cl.AT, 'luoyangSubject'),
    ),
    cl.receipt('priorNotice'),
    cl.receipt('listingDecision'),
    cl.receipt('listingDecision', 'party-410305-1'),
    cl.receipt('priorNotice', 'party-410305-1'),
    cl.receipt('listingForPublication', 'msa-410300'),
    cl.receipt('penaltyInfoForPublication', 'msa-410300'),
    cl.receipt('jointPunishmentNotice', 'partner.ndrc-620400'),
    ...afterEventsOf(creditListingMachine, (type) => cl.event(type, {}, cl.AT, 'system')),
  ]
  // One region at a time (the others collapse into the states already seen), as the paths test does.
  const region = (name: 'serious' | 'publicity' | 'cnipa') => (s: AnyMachineSnapshot) =>
    JSON.stringify({ r: name, v: (s.value as Record<string, unknown>)[name], listed: name === 'publicity' ? onSeriousList(s.context as never) : null })
  const restriction = { ...cl.SERIOUS_ONLY, types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' }
  return [
    ...walk('credit-listing', creditListingMachine, cl.sampleInput({}, cl.SERIOUS_ONLY) as never, events, region('serious')),
    ...walk('credit-listing', creditListingMachine, cl.crossProvinceInput({}, restriction as never) as never, events, region('serious')),
    ...walk('credit-listing', creditListingMachine, cl.sampleInput() as never, events, region('publicity')),
    ...walk('credit-listing', creditListingMachine, cl.crossProvinceInput({}, { types: ['fine'], heavierFine: false, lowAmountFine: true }) as never, events, region('publicity')),
    ...walk('credit-listing', creditListingMachine, cl.sampleInput({}, { types: ['fine', 'practiceRestricted'], restrictionUntil: '2031-06-30' }) as never, events, region('publicity')),
    ...walk('credit-listing', creditListingMachine, cl.sampleInput({ cnipa: { conduct: 1 } }, cl.SERIOUS_ONLY) as never, events, region('cnipa')),
  ]
}

export function transferSupervisionStates(): Reached[] {
  const events = [
    ...Object.entries(ts.SAMPLE_PAYLOADS).flatMap(([type, payloads]) => payloads.map((payload) => ts.event(type, payload))),
    ...[...Object.keys(TS_RECEIPTS), 'unrelatedNotice'].map((kind) => ts.receipt(kind)),
    ...afterEventsOf(transferSupervisionMachine, (type) => ts.event(type, {}, ts.AT, 'system')),
  ]
  return walk('transfer-supervision', transferSupervisionMachine, ts.sampleInput() as never, events, (s) => JSON.stringify(s.value))
}

export const STATES_OF: Record<string, () => Reached[]> = {
  'criminal-transfer': criminalTransferStates,
  'judicial-confirmation': judicialConfirmationStates,
  'credit-listing': creditListingStates,
  'transfer-supervision': transferSupervisionStates,
}
