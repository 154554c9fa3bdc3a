// The authorization matrix as the law writes it, kept apart from the code on purpose: for every
// command of every procedure, which roles may send it, from which party of the case, and in
// which situations the case takes it. Written from shared/DOMAIN.md (§2.1–2.9, §3.1–3.5,
// §4.1–4.4, "Agencies, roles") and docs/*.md, never read off the CommandSpecs or the machines;
// authorization.matrix.test.ts compares it with the engine's decision cell by cell.
import type { Role } from '@xianjie/domain'

export interface ExpectedCommand {
  /** The roles that may send it. */
  roles: readonly Role[]
  /** The party keys of the case it must come from (any one); `system` for what the router records. */
  parties: readonly string[]
  /**
   * The situations (DOMAIN ids, or the named sub-situations of authorization.states.ts) in which
   * the case takes it: it reaches the law (accepted, or refused with a rule's 422). `*`: every
   * state of an open case.
   */
  in: readonly string[]
  /** Situations inside `in` that do not take it. */
  notIn?: readonly string[]
  /** Where the law says so. */
  why: string
}

export interface ExpectedProcedure {
  /** A case with every party filled (ids of seeded agencies where there is one). */
  parties: Record<string, string>
  /** The case's jurisdiction (the opener's division). */
  jurisdiction: string
  /** Agencies of the jurisdiction that take no part in the case. */
  strangers: readonly string[]
  /** Parties that learn of the case by division and read it only once it was dispatched to them (the police read what was transferred to them). */
  readAfterDispatch: readonly string[]
  /** Parties that never read the case file (the joint-punishment partners: notices and the public register only). */
  neverRead: readonly string[]
  /** Roles and parties that see personal data (身份证号, phone) in full; everyone else reads it masked. */
  personalData: Record<string, readonly Role[]>
  commands: Record<string, ExpectedCommand>
}

// Role groups as DOMAIN.md "Agencies, roles" describes them.
const AEA_OFFICER: Role[] = ['msa.officer'] // 承办人, case team member: does the case work
const AEA_HEAD: Role[] = ['msa.head'] // 负责人: approves and decides (R310 art. 5(2); APL art. 57)
const AEA_ANY: Role[] = ['msa.officer', 'msa.head']
const POLICE_OFFICER: Role[] = ['police.officer']
const POLICE_HEAD: Role[] = ['police.head'] // 县级以上公安机关负责人: approves filing, non-filing, extensions (PSP art. 178; ECR art. 16)
const POLICE_ANY: Role[] = ['police.officer', 'police.head']
const PROCURATOR: Role[] = ['procurator']
const CHIEF: Role[] = ['procuratorate.head'] // 检察长: "the chief procurator decides", "经检察长批准"
const PROCURATOR_ANY: Role[] = ['procurator', 'procuratorate.head']
const PARTY: Role[] = ['party'] // an enterprise or person acting for itself
const JUDGE: Role[] = ['court.judge']
const JUDGE_OR_CLERK: Role[] = ['court.judge', 'court.clerk']
const PRESIDENT: Role[] = ['court.president'] // 院长: approves extensions (SPC-2011 art. 5)
const BUREAU: Role[] = ['msa.officer', 'msa.credit'] // 办案机构 / 信用监管机构 (DOMAIN §4.1)
const SYSTEM: Role[] = ['system']

const APPLICANTS = ['applicant1', 'applicant2']
const FILED_COURTS = ['filedCourt1', 'filedCourt2', 'filedCourt3']

export const EXPECTED: Record<string, ExpectedProcedure> = {
  // ---- §2: administrative-criminal transfer -------------------------------------------------
  'criminal-transfer': {
    parties: { aea: 'msa-620400', police: 'police-620400', procuratorate: 'procuratorate-620400', government: 'government-620400', forwardee: 'police-410305' },
    jurisdiction: '620400',
    strangers: ['court.intermediate-620400', 'mediation-620400'],
    // The police learn of a case by its transfer (R310 art. 7); the procuratorate supervises the
    // bureau's transfers from the start (R310 art. 14), so it reads the case before any dispatch.
    readAfterDispatch: ['police', 'government'],
    neverRead: [],
    personalData: { aea: AEA_ANY, police: POLICE_ANY, forwardee: POLICE_ANY, procuratorate: PROCURATOR_ANY },
    commands: {
      FORM_TEAM: { roles: AEA_ANY, parties: ['aea'], in: ['F0'], why: 'F0→F1: the AEA designates the team at once (R310 art. 5(1))' },
      SUBMIT_TRANSFER_REPORT: { roles: AEA_OFFICER, parties: ['aea'], in: ['F1'], why: 'F1: the team submits the written report to the head (R310 art. 5(1))' },
      APPROVE_TRANSFER: { roles: AEA_HEAD, parties: ['aea'], in: ['F2'], why: 'F2: the head approves (R310 art. 5(2)), also once escalated' },
      REFUSE_TRANSFER: { roles: AEA_HEAD, parties: ['aea'], in: ['F2'], why: 'F2: the head refuses, reasons on file (R310 art. 5(2))' },
      DISPATCH_TRANSFER: { roles: AEA_ANY, parties: ['aea'], in: ['F3'], why: 'F3: delivered to the same-level police within 24 h (R310 arts 5(2), 6)' },
      SIGN_RECEIPT: { roles: POLICE_OFFICER, parties: ['police'], in: ['F4'], why: 'F4: the police sign the receipt at delivery (R310 art. 7)' },
      FORWARD_CASE: { roles: POLICE_ANY, parties: ['police'], in: ['F4'], why: 'F4→F4F: forwarded to the competent organ (R310 art. 7; PSP art. 175)' },
      NOT_POLICE_REMIT: { roles: POLICE_HEAD, parties: ['police'], in: ['F4'], why: 'F4→F4X: outside police remit, in writing with reasons (PSP art. 180(3))' },
      REQUEST_SUPPLEMENT: { roles: POLICE_OFFICER, parties: ['police'], in: ['F5'], notIn: ['F5S'], why: 'F5→F5S: materials incomplete, one request outstanding at a time (PSP art. 180(2))' },
      SUPPLEMENT_PROVIDED: { roles: AEA_OFFICER, parties: ['aea'], in: ['F5S'], why: 'F5S: the AEA supplies the missing materials (PSP art. 180(2))' },
      EXTEND_REVIEW: { roles: POLICE_HEAD, parties: ['police'], in: ['F5'], why: 'F5: extension approved by the police head (ECR art. 16)' },
      FILE_CASE: { roles: POLICE_HEAD, parties: ['police'], in: ['F5', 'S2', 'S4', 'S5'], why: 'F5 file (R310 art. 8; PSP art. 178); S2 file instead of explaining (SPP-R art. 560); S4/S5 file on notice (CPL art. 113)' },
      REFUSE_FILING: { roles: POLICE_HEAD, parties: ['police'], in: ['F5'], why: 'F5→F6B (R310 art. 8; PSP art. 178)' },
      TRANSFER_BACK: { roles: POLICE_HEAD, parties: ['police'], in: ['F5', 'F8'], why: 'RP1: no crime after review, or minor after filing (R310 art. 13; PSP art. 177)' },
      PETITION_PROCURATORATE: { roles: AEA_HEAD, parties: ['aea'], in: ['F5'], why: 'F5: the AEA petitions when the police decide nothing (SPP-R art. 562)' },
      HAND_OVER_ITEMS: { roles: AEA_OFFICER, parties: ['aea'], in: ['F6A'], notIn: ['F8'], why: 'F6A/F7: items handed over, signed by both (R310 art. 12; PSP art. 185(2)); once (F8 follows the hand-over)' },
      MOVE_CASE: { roles: POLICE_HEAD, parties: ['police'], in: ['F8'], notIn: ['F8a'], why: 'F8a: moved or merged (PSP art. 184)' },
      NOTIFY_MOVED: { roles: POLICE_ANY, parties: ['police'], in: ['F8a'], why: 'F8a: AEA told within 3 days (PSP art. 184)' },
      WITHDRAW_CASE: { roles: POLICE_HEAD, parties: ['police'], in: ['F8'], why: 'F8b→RP2: case withdrawn (PSP art. 186)' },
      NOTIFY_WITHDRAWAL: { roles: POLICE_ANY, parties: ['police'], in: ['RP2'], why: 'RP2: AEA told within 3 days (PSP art. 189)' },
      CONCLUDE: { roles: PROCURATOR_ANY, parties: ['procuratorate'], in: ['F8'], why: 'F8: prosecution or judgment recorded for the fine offset (R310 art. 11(3); APL art. 35)' },
      RESUME_ADMIN_CASE: { roles: AEA_ANY, parties: ['aea'], in: ['RP1', 'RP3'], why: 'RP1/RP3: the AEA reopens the administrative case (R310 art. 13)' },
      REQUEST_RECONSIDERATION: { roles: AEA_HEAD, parties: ['aea'], in: ['F9', 'F10B'], why: 'F9: within 3 days (R310 art. 9(1)); F10B answers with the rule that it was used' },
      SUGGEST_SUPERVISION: { roles: AEA_HEAD, parties: ['aea'], in: ['F9', 'F10B'], why: 'F9/F10B→S0 (R310 art. 9; CPL art. 113)' },
      ACCEPT_NON_FILING: { roles: AEA_HEAD, parties: ['aea'], in: ['F9', 'F10B', 'S1R'], why: 'F9/F10B/S1R→F11 (R310 art. 10)' },
      RECONSIDER_FILE: { roles: POLICE_HEAD, parties: ['police'], in: ['F10'], why: 'F10→F6A (R310 art. 9(2); PSP art. 181)' },
      MAINTAIN_REFUSAL: { roles: POLICE_HEAD, parties: ['police'], in: ['F10'], why: 'F10→F10B (R310 art. 9(2); PSP art. 181)' },
      ACCEPT_SUPERVISION: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S0'], why: 'S0→S1 (SPP-R art. 557)' },
      REJECT_INTAKE: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S1'], why: 'S1→S1R (SPP-R art. 558)' },
      REQUIRE_EXPLANATION: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S1'], why: 'S1→S2 (CPL art. 113; SPP-R arts 559–560)' },
      EXPLAIN_NON_FILING: { roles: POLICE_HEAD, parties: ['police'], in: ['S2'], why: 'S2→S3 (SPP-R art. 560; PSP art. 182(1))' },
      NOTIFY_TO_FILE: { roles: CHIEF, parties: ['procuratorate'], in: ['S2', 'S3'], why: 'S3→S4: the chief procurator decides (SPP-R art. 561); S2: no explanation in 7 days (SPP-R art. 562)' },
      ACCEPT_REASONS: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S3'], why: 'S3→S3V (SPP-R art. 561)' },
      INFORM_AEA: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S3V'], why: 'S3V: within 10 days (SPP-R art. 561(2))' },
      ISSUE_CORRECTION_NOTICE: { roles: PROCURATOR_ANY, parties: ['procuratorate'], in: ['S5'], notIn: ['S5-issued'], why: 'S5: 纠正违法通知书, once (SPP-R art. 564(2))' },
      ADVISE_AEA: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S6'], notIn: ['S7'], why: 'S6→S7: the AEA told of the outcome (SPP-2001 §11)' },
      SEND_REMINDER: { roles: PROCURATOR, parties: ['procuratorate'], in: ['S6'], why: 'S6: 催办函 after 3 months (SPP-R art. 564(3))' },
      IMPOSE_PENALTY: { roles: AEA_HEAD, parties: ['aea'], in: ['*'], why: 'F2R/F11 decide (APL art. 57); anywhere else refused by R310 art. 11(1): no penalty instead of a transfer' },
      DECIDE_NO_PENALTY: { roles: AEA_HEAD, parties: ['aea'], in: ['F11'], why: 'F11 (APL art. 57)' },
      EXTEND_ADMIN_DECISION: { roles: AEA_HEAD, parties: ['aea'], in: ['F11'], notIn: ['F11-extended'], why: 'F11: +30 days with the head’s approval, once (APL art. 60)' },
      CLOSE_CASE: { roles: AEA_HEAD, parties: ['aea'], in: ['F2R', 'S1R'], why: 'F2R reasons on file (R310 art. 5(2)); S1R' },
      // DOMAIN.md gives the superior government this one act (F-ESC; R310 art. 16); its users are the supervisors.
      ORDER_TRANSFER: { roles: ['supervisor'], parties: ['government'], in: ['F-ESC', 'F2R'], why: 'F-ESC, F2R: 责令限期移送 (R310 art. 16)' },
      RECEIPT: { roles: SYSTEM, parties: ['system'], in: ['*'], why: 'the router records every receipt (回执)' },
    },
  },

  // ---- §3: judicial confirmation -----------------------------------------------------------
  'judicial-confirmation': {
    parties: {
      mediator: 'mediation-620400',
      applicant1: 'party-620402-1',
      applicant2: 'party-620402-2',
      invitingCourt: 'court.intermediate-620400',
      filedCourt1: 'court.basic-620402',
      filedCourt2: 'court.basic-330106',
      filedCourt3: 'court.intermediate-330100',
      court: 'court.basic-620402',
      enforcementCourt: 'court.basic-410305',
    },
    jurisdiction: '620400',
    strangers: ['police-620400', 'msa-620400'],
    readAfterDispatch: [],
    neverRead: [],
    personalData: {
      mediator: AEA_ANY,
      filedCourt1: ['court.judge', 'court.president', 'court.clerk'],
      filedCourt2: ['court.judge', 'court.president', 'court.clerk'],
      filedCourt3: ['court.judge', 'court.president', 'court.clerk'],
      court: ['court.judge', 'court.president', 'court.clerk'],
      enforcementCourt: ['court.judge', 'court.president', 'court.clerk'],
    },
    commands: {
      ANSWER_MEDIATION_REQUEST: { roles: PARTY, parties: ['applicant2'], in: ['AM1'], notIn: ['AM2'], why: 'AM1: the respondent answers within 15 days, once (专利行政执法办法)' },
      RECORD_AGREEMENT: { roles: ['msa.officer', 'mediator'], parties: ['mediator'], in: ['AM2'], why: 'AM2: agreement reached, filed with the department (PatL art. 65; TML art. 60(3))' },
      RECORD_MEDIATION_FAILURE: { roles: ['msa.officer', 'mediator'], parties: ['mediator'], in: ['AM2'], why: 'AM2: closed by withdrawal' },
      APPLY_FOR_CONFIRMATION: { roles: PARTY, parties: APPLICANTS, in: ['J1'], notIn: ['J1-one-applied'], why: 'J1: either party applies (CivPL art. 205)' },
      JOIN_APPLICATION: { roles: PARTY, parties: APPLICANTS, in: ['J1-one-applied'], why: 'J1: the other joins: a joint application (CivPL-I art. 351)' },
      WITHDRAW_APPLICATION: { roles: PARTY, parties: APPLICANTS, in: ['J1-one-applied', 'J2', 'J4'], why: 'J6W: a party withdraws before the ruling (CivPL-I art. 357(1))' },
      SUPPLY_MATERIALS: { roles: PARTY, parties: APPLICANTS, in: ['J2S'], why: 'J2S (CivPL-I art. 354(2))' },
      SUBMIT_STATEMENTS: { roles: PARTY, parties: APPLICANTS, in: ['J4-order-outstanding'], why: 'J4: statements the court ordered (CivPL-I art. 356(2))' },
      OBJECT_TO_RULING: { roles: PARTY, parties: APPLICANTS, in: ['J5A'], why: 'J7: a party objects within 15 days (CivPL-I art. 372)' },
      INTERRUPT_LIMITATION: { roles: PARTY, parties: APPLICANTS, in: ['J8'], notIn: ['J9'], why: 'J8: a demand for performance interrupts the 2 years (CivPL art. 250)' },
      RECORD_PERFORMANCE: { roles: PARTY, parties: APPLICANTS, in: ['J8'], why: 'J8/J9: performed (PML art. 31)' },
      APPLY_ENFORCEMENT: { roles: PARTY, parties: APPLICANTS, in: ['J8'], notIn: ['J9'], why: 'J8→J9 (CivPL arts 206, 250; CivPL-I art. 460)' },
      ACCEPT_APPLICATION: { roles: JUDGE, parties: FILED_COURTS, in: ['J3'], why: 'J3→J4: a court it was filed with accepts (SPC-2011 art. 4; CivPL-I art. 352)' },
      REFUSE_ACCEPTANCE: { roles: JUDGE, parties: FILED_COURTS, in: ['J3'], why: 'J3→J3R (CivPL-I art. 355(1))' },
      ORDER_SUPPLEMENT: { roles: JUDGE_OR_CLERK, parties: FILED_COURTS, in: ['J3'], why: 'J3→J2S (CivPL-I art. 354(2))' },
      TREAT_AS_WITHDRAWN: { roles: JUDGE, parties: [...FILED_COURTS, 'court'], in: ['J2S', 'J4'], why: 'J6W: not supplied, or refused questioning (CivPL-I art. 357(2); SPC-2011 art. 6)' },
      EXTEND_REVIEW: { roles: PRESIDENT, parties: ['court'], in: ['J4'], why: 'J4: +10 days with the president’s approval (SPC-2011 art. 5)' },
      QUESTION_PARTIES: { roles: JUDGE, parties: ['court'], in: ['J4'], why: 'J4 (CivPL-I art. 356(1))' },
      ORDER_STATEMENTS: { roles: JUDGE, parties: ['court'], in: ['J4'], notIn: ['J4-order-outstanding'], why: 'J4: one order at a time (CivPL-I art. 356(2))' },
      CONFIRM_AGREEMENT: { roles: JUDGE, parties: ['court'], in: ['J4'], why: 'J4→J5A (CivPL arts 185, 206)' },
      REJECT_APPLICATION: { roles: JUDGE, parties: ['court'], in: ['J4'], why: 'J4→J5B (CivPL-I arts 355(2), 358)' },
      RECORD_INTERESTED_OBJECTION: { roles: JUDGE_OR_CLERK, parties: ['court'], in: ['J5A'], why: 'J7: an interested party within 6 months (CivPL-I art. 372)' },
      UPHOLD_OBJECTION: { roles: JUDGE, parties: ['court'], in: ['J5A'], why: 'J7 (CivPL-I art. 372(1))' },
      DISMISS_OBJECTION: { roles: JUDGE, parties: ['court'], in: ['J5A'], why: 'J7 (CivPL-I art. 372(1))' },
      REGISTER_ENFORCEMENT: { roles: JUDGE, parties: ['enforcementCourt'], in: ['J9'], why: 'J9 (CivPL-I art. 460)' },
      RECEIPT: { roles: SYSTEM, parties: ['system'], in: ['*'], why: 'the router records every receipt (送达回证)' },
    },
  },

  // ---- §4: credit punishment and repair ----------------------------------------------------
  'credit-listing': {
    parties: {
      bureau: 'msa-620400',
      subject: 'party-620402-1',
      registrationBureau: 'msa-410300',
      partnerNdrc: 'partner.ndrc-620400',
      partnerPbc: 'partner.pbc-620400',
      partnerTax: 'partner.tax-620400',
      partnerCustoms: 'partner.customs-620400',
    },
    jurisdiction: '620400',
    strangers: ['police-620400', 'court.intermediate-620400'],
    readAfterDispatch: [],
    // DOMAIN.md: `partner`, read-only on listings: the public register, never the case.
    neverRead: ['partnerNdrc', 'partnerPbc', 'partnerTax', 'partnerCustoms'],
    personalData: {},
    commands: {
      ASSESS_CRITERIA: { roles: BUREAU, parties: ['bureau'], in: ['L0'], notIn: ['L0-criteria-met'], why: 'L0 (SAMR-44 arts 2, 5–10, 12)' },
      GIVE_PRIOR_NOTICE: { roles: BUREAU, parties: ['bureau'], in: ['L0-criteria-met'], why: 'L0→L1 (APL arts 44, 45, 63, 64)' },
      SUBMIT_STATEMENT: { roles: PARTY, parties: ['subject'], in: ['L1-window', 'L1-closed'], why: 'L1: statement and defence after the notice, until the decision (APL arts 7, 45)' },
      REQUEST_HEARING: { roles: PARTY, parties: ['subject'], in: ['L1-window'], why: 'L1: within 5 working days (APL arts 63, 64, 85)' },
      WAIVE_RIGHTS: { roles: PARTY, parties: ['subject'], in: ['L1-window'], why: 'L1: express waiver (APL art. 62)' },
      SCHEDULE_HEARING: { roles: BUREAU, parties: ['bureau'], in: ['L1H-to-schedule'], why: 'L1H: notified 7 days before (APL art. 64(2))' },
      HOLD_HEARING: { roles: BUREAU, parties: ['bureau'], in: ['L1H-may-hold'], why: 'L1H (APL art. 64)' },
      DECIDE_LISTING: { roles: AEA_HEAD, parties: ['bureau'], in: ['L1-closed', 'L1H-held'], why: 'L2: the head decides, with upper-level approval (SAMR-44 arts 13–14; Gansu measures art. 3)' },
      PUSH_LISTING: { roles: BUREAU, parties: ['bureau'], in: ['L3-push'], why: 'L3 across provinces: pushed within 10 working days (cf. SAMR-45 art. 10)' },
      PUBLISH_LISTING: { roles: BUREAU, parties: ['bureau', 'registrationBureau'], in: ['L3-publish'], why: 'L3: the bureau, or the registration-place bureau, publishes (cf. SAMR-45 arts 9, 10)' },
      APPLY_EARLY_REMOVAL: { roles: PARTY, parties: ['subject'], in: ['L4'], notIn: ['L5', 'L5B', 'L4-restricted'], why: 'L5: after a year, not while a legal restriction runs (SAMR-44; SAMR-CR art. 7)' },
      ACCEPT_REPAIR: { roles: BUREAU, parties: ['bureau'], in: ['L5'], why: 'L5A: accept in 2 working days (SAMR-CR)' },
      REFUSE_REPAIR: { roles: BUREAU, parties: ['bureau'], in: ['L5', 'L5B'], why: 'L5A/L5B: refuse with reasons (SAMR-CR)' },
      // The grant is the decision to remove (谁列入、谁移出): signed like the listing decision.
      GRANT_REPAIR: { roles: AEA_HEAD, parties: ['bureau'], in: ['L5B'], why: 'L5B→L7E (SAMR-CR)' },
      REMOVE_LISTING: { roles: BUREAU, parties: ['bureau'], in: ['L7E'], why: 'L7E: within 3 working days (SAMR-CR art. 2)' },
      RECORD_REMOVAL: { roles: BUREAU, parties: ['bureau'], in: ['L6'], why: 'L6: 移出决定 after the 3 years (SAMR-44)' },
      PENALTY_REVOKED: { roles: BUREAU, parties: ['bureau'], in: ['L0', 'L1', 'L1H', 'L3', 'L4', 'B1', 'B2'], why: 'L8/B6: the penalty revoked, unlawful or void (SAMR-45 art. 11; APL art. 48)' },
      REVOKE_LISTING: { roles: AEA_HEAD, parties: ['bureau'], in: ['L8'], why: 'L8: revocation decision within 3 working days (SAMR-44)' },
      APPLY_RECONSIDERATION: { roles: PARTY, parties: ['subject'], in: ['L9-reconsideration-window'], why: 'L9: within 60 days (ARL art. 20)' },
      FILE_SUIT: { roles: PARTY, parties: ['subject'], in: ['L9-suit-window'], why: 'L9: within 6 months, or 15 days after reconsideration (ALL arts 45, 46)' },
      REMEDY_OUTCOME: { roles: BUREAU, parties: ['bureau'], in: ['L9-reconsideration', 'L9-litigation'], why: 'L9: the outcome recorded (ARL; ALL art. 45)' },
      PUSH_PENALTY_INFO: { roles: BUREAU, parties: ['bureau'], in: ['B1-push'], why: 'B1 across provinces (SAMR-45 art. 10)' },
      PUBLISH_PENALTY_INFO: { roles: BUREAU, parties: ['bureau', 'registrationBureau'], in: ['B1-publish'], why: 'B1 (SAMR-45 arts 4, 9, 10)' },
      APPLY_PUBLICITY_REPAIR: { roles: PARTY, parties: ['subject'], in: ['B2'], notIn: ['B3'], why: 'B2→B3 (SAMR-45 art. 14; SAMR-CR art. 6)' },
      DECIDE_PUBLICITY_REPAIR: { roles: BUREAU, parties: ['bureau'], in: ['B3'], why: 'B3 (SAMR-45 art. 14)' },
      WITHDRAW_PENALTY_INFO: { roles: BUREAU, parties: ['bureau'], in: ['B6'], why: 'B6: within 3 working days (SAMR-45 art. 11)' },
      GIVE_CNIPA_NOTICE: { roles: BUREAU, parties: ['bureau'], in: ['C0-notice'], why: 'C0→C1: notice before the finding (CNIPA-2022)' },
      SUBMIT_CNIPA_STATEMENT: { roles: PARTY, parties: ['subject'], in: ['C1'], why: 'C1: statement and defence (CNIPA-2022)' },
      DECIDE_CNIPA_FINDING: { roles: AEA_HEAD, parties: ['bureau'], in: ['C1'], why: 'C1→C2 (CNIPA-2022 arts 6, 7)' },
      REPEAT_FINDING: { roles: BUREAU, parties: ['bureau'], in: ['C2'], why: 'C2: within the year, up to 3 years (CNIPA-CR)' },
      APPLY_CNIPA_REPAIR: { roles: PARTY, parties: ['subject'], in: ['C2'], notIn: ['C3'], why: 'C2→C3 after 6 months (CNIPA-CR)' },
      DECIDE_CNIPA_REPAIR: { roles: BUREAU, parties: ['bureau'], in: ['C3'], why: 'C3 (CNIPA-CR)' },
      REVOKE_CNIPA_FINDING: { roles: BUREAU, parties: ['bureau'], in: ['C2'], why: 'C2→C4 (CNIPA-CR)' },
      RECEIPT: { roles: SYSTEM, parties: ['system'], in: ['*'], why: 'the router records every receipt' },
    },
  },

  // ---- §2.5: the procuratorate's supervision of a transfer not made (docs/transfer-supervision.md)
  'transfer-supervision': {
    parties: { procuratorate: 'procuratorate-620400', aea: 'msa-620400', government: 'government-620400' },
    jurisdiction: '620400',
    strangers: ['police-620400', 'court.intermediate-620400'],
    readAfterDispatch: ['aea', 'government'],
    neverRead: [],
    personalData: {},
    commands: {
      ISSUE_OPINION: { roles: CHIEF, parties: ['procuratorate'], in: ['SA0'], why: 'SA0→SA1: 检察意见 with the chief procurator’s approval (SPP-R art. 557(3))' },
      DECLINE_OPINION: { roles: PROCURATOR, parties: ['procuratorate'], in: ['SA0'], why: 'SA0→SA0X (SPP-2001 §12)' },
      REPORT_TRANSFERRED: { roles: AEA_HEAD, parties: ['aea'], in: ['SA1'], why: 'SA1→SA2 (R310 arts 3, 5)' },
      REPLY_WITH_REASONS: { roles: AEA_HEAD, parties: ['aea'], in: ['SA1'], why: 'SA1→SA3 (SPP-2001 §12)' },
      ACCEPT_REPLY: { roles: PROCURATOR, parties: ['procuratorate'], in: ['SA3'], why: 'SA3→SA3A (SPP-2001 §12)' },
      REFER_TO_GOVERNMENT: { roles: CHIEF, parties: ['procuratorate'], in: ['SA3'], why: 'SA3→SA3R (R310 arts 14(2), 16(2))' },
      RECEIPT: { roles: SYSTEM, parties: ['system'], in: ['*'], why: 'the router records every receipt' },
    },
  },
}
