import type { AgencyKind, PartySpec, ProcedureDefinition } from '@xianjie/domain'
import type { JudicialConfirmationContext } from './judicial-confirmation.types.ts'

import { judicialConfirmationCommands, judicialConfirmationOpenPayload } from './judicial-confirmation.commands.ts'
import { judicialConfirmationDocuments } from './judicial-confirmation.documents.ts'
import { judicialConfirmationMachine } from './judicial-confirmation.machine.ts'
import { judicialConfirmationRules } from './judicial-confirmation.rules.ts'
import { judicialConfirmationTimers } from './judicial-confirmation.timers.ts'

export {
  applicantKeyOf,
  competenceContextOf,
  DISPATCH_KINDS,
  DOCUMENT_TITLES,
  judicialConfirmationMachine,
} from './judicial-confirmation.machine.ts'
export type { DispatchKind, DocumentKind, EndCode, StateMeta } from './judicial-confirmation.machine.ts'
export { AGREEMENT_SCHEMA, CONTACT_SCHEMA, PHONE_SCHEMA, judicialConfirmationCommands, judicialConfirmationOpenPayload } from './judicial-confirmation.commands.ts'
export { judicialConfirmationDocuments } from './judicial-confirmation.documents.ts'
export {
  competentCourt,
  courtTier,
  DESIGNATED_INTERMEDIATE_DIVISIONS,
  IP_ROUTING,
} from './judicial-confirmation.jurisdiction.ts'
export type { Competence, CompetenceContext, CourtTier } from './judicial-confirmation.jurisdiction.ts'
export { judicialConfirmationRules } from './judicial-confirmation.rules.ts'
export {
  addMonths,
  interestedPartyObjectionDeadline,
  judicialConfirmationDelays,
  judicialConfirmationTimers,
  localDate,
  startOfLocalDay,
} from './judicial-confirmation.timers.ts'
export {
  MATERIAL_KINDS,
  MATTERS,
  MODES,
  NON_ACCEPTANCE_GROUNDS,
  REJECTION_GROUNDS,
  SUBJECT_TYPES,
  TREAT_AS_WITHDRAWN_REASONS,
} from './judicial-confirmation.types.ts'
export type * from './judicial-confirmation.types.ts'

const COURTS: readonly AgencyKind[] = ['court.basic', 'court.intermediate']

export const judicialConfirmationParties: Record<string, PartySpec> = {
  mediator: { kind: ['mediation', 'msa'], title: { zh: '调解组织（行政调解机关）', en: 'Mediation organisation or bureau' }, resolve: 'opener' },
  applicant1: { kind: 'party', title: { zh: '申请人（一）', en: 'Applicant 1' }, resolve: 'input' },
  applicant2: { kind: 'party', title: { zh: '申请人（二）', en: 'Applicant 2' }, resolve: 'input' },
  // CivPL art. 205(1): the court that invited pre-filing mediation.
  invitingCourt: { kind: COURTS, title: { zh: '邀请先行调解的人民法院', en: 'Inviting court' }, resolve: 'input', optional: true },
  // CivPL-I art. 352: the parties may file with up to three competent courts.
  filedCourt1: { kind: COURTS, title: { zh: '受理申请的人民法院（一）', en: 'Court filed with (1)' }, resolve: 'assigned' },
  filedCourt2: { kind: COURTS, title: { zh: '受理申请的人民法院（二）', en: 'Court filed with (2)' }, resolve: 'assigned' },
  filedCourt3: { kind: COURTS, title: { zh: '受理申请的人民法院（三）', en: 'Court filed with (3)' }, resolve: 'assigned' },
  court: { kind: COURTS, title: { zh: '立案审查的人民法院', en: 'Court handling the case' }, resolve: 'assigned' },
  // CivPL-I art. 460: the issuing court or a same-level court where the property is.
  enforcementCourt: { kind: COURTS, title: { zh: '执行法院', en: 'Enforcement court' }, resolve: 'assigned' },
}

export const judicialConfirmation: ProcedureDefinition = {
  name: 'judicial-confirmation',
  version: '1',
  title: { zh: '调解协议司法确认', en: 'Judicial confirmation of mediation agreements' },
  machine: judicialConfirmationMachine,
  parties: judicialConfirmationParties,
  commands: judicialConfirmationCommands,
  timers: judicialConfirmationTimers,
  rules: judicialConfirmationRules,
  openPayload: judicialConfirmationOpenPayload,
  open: { roles: ['mediator', 'msa.officer'], party: 'mediator' },
  // No number at open: the court's 民特 number comes with ACCEPT_APPLICATION.
  documents: judicialConfirmationDocuments,
  // Re-mediation after a rejection or a lapsed window (or a failed mediation) opens a new linked case.
  openFrom: [{ procedure: 'judicial-confirmation', states: ['J5B', 'J1X', 'AMX'] }],
  supervision: {
    subjects: (c: JudicialConfirmationContext) =>
      (['applicant1', 'applicant2'] as const).flatMap((key) => {
        const agency = c.agencies[c.parties[key] ?? '']
        return agency ? [{ name: agency.name, creditCode: agency.creditCode }] : []
      }),
    refusals: {
      REFUSE_ACCEPTANCE: { kind: 'notAccepted', title: { zh: '裁定不予受理', en: 'Application not accepted' }, why: 'reasons' },
      REJECT_APPLICATION: { kind: 'rejected', title: { zh: '裁定驳回申请', en: 'Application rejected' }, why: 'reasons' },
    },
  },
}
