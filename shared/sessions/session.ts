import { z } from 'zod';
import { isIsoDate } from './dates';
import { TierSchema } from '../scoring/tiers';

/**
 * The records of a review-board session (SPEC section 2, "Session"): the meeting, who
 * attended, the agenda of models, and per item the board's decision with its votes,
 * conditions, mitigations and risk acceptances. Drafts are what a caller sends; records
 * are what the store gives back, with the statuses that depend on today already derived.
 */

export const IsoDateSchema = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

export const OutcomeSchema = z.enum(['approved', 'approved_with_conditions', 'rejected', 'deferred']);
export type Outcome = z.infer<typeof OutcomeSchema>;

export const OUTCOME_WORDS: Readonly<Record<Outcome, string>> = {
  approved: 'Approved',
  approved_with_conditions: 'Approved with conditions',
  rejected: 'Rejected',
  deferred: 'Deferred',
};

export const VoteChoiceSchema = z.enum(['for', 'against', 'abstain']);
export type VoteChoice = z.infer<typeof VoteChoiceSchema>;

/** What a person records: an action is open until someone marks it done. */
export const RecordedStatusSchema = z.enum(['open', 'done']);
export type RecordedStatus = z.infer<typeof RecordedStatusSchema>;

/** What a person sees: overdue is never recorded, it is an open action past its due date. */
export const ActionStatusSchema = z.enum(['open', 'done', 'overdue']);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const AcceptanceStateSchema = z.enum(['active', 'expiring', 'expired']);
export type AcceptanceState = z.infer<typeof AcceptanceStateSchema>;

export { TierSchema };

/** Why the agenda pulled a model above its heat order. */
export const PullReasonSchema = z.enum(['expired_acceptance', 'overdue_action']);
export type PullReason = z.infer<typeof PullReasonSchema>;

/** The risk a rejection rests on: a dimension of the taxonomy or a finding of the model's evidence. */
export const BlockingRiskSchema = z.union([
  z.object({ dimension: z.string() }).strict(),
  z.object({ findingId: z.number().int('must be a finding id') }).strict(),
]);
export type BlockingRisk = z.infer<typeof BlockingRiskSchema>;

export const VoteDraftSchema = z
  .object({
    attendeeId: z.string(),
    vote: VoteChoiceSchema,
    /** Why the member voted so; printed in the minutes and the packet. */
    reason: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    /** A member voting against the outcome records a dissent (with its reason). */
    dissent: z.boolean().optional(),
  })
  .strict();
export type VoteDraft = z.infer<typeof VoteDraftSchema>;

export const ConditionDraftSchema = z
  .object({
    text: z.string(),
    due: IsoDateSchema,
    /** Who sees to it; empty means the model's owner. */
    owner: z.string().default(''),
    /** A metric rule the model's next bundle is checked against, e.g. "drift.psi_max < 0.2" (issue 11). */
    rule: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
export type ConditionDraft = z.input<typeof ConditionDraftSchema>;

export const MitigationDraftSchema = z
  .object({
    /** What is to be done. */
    action: z.string(),
    owner: z.string(),
    due: IsoDateSchema,
    successCriteria: z.string(),
  })
  .strict();
export type MitigationDraft = z.infer<typeof MitigationDraftSchema>;

export const AcceptanceDraftSchema = z
  .object({
    /** The residual risk the board accepts, in words. */
    risk: z.string(),
    approver: z.string(),
    compensatingControls: z.string(),
    expiry: IsoDateSchema,
  })
  .strict();
export type AcceptanceDraft = z.infer<typeof AcceptanceDraftSchema>;

/**
 * How the board approves amending a closed decision: a vote of the session's voting
 * members with quorum (members recused from the item do not vote), or the sign-off of the
 * session's chair and its secretary, by name.
 */
export const AmendmentApprovalDraftSchema = z.discriminatedUnion('basis', [
  z.object({ basis: z.literal('vote'), votes: z.array(VoteDraftSchema).min(1, 'record the vote of the board') }).strict(),
  z
    .object({
      basis: z.literal('signoff'),
      chair: z.string().trim().min(1, "must name the session's chair").max(200, 'must be at most 200 characters'),
      secretary: z.string().trim().min(1, "must name the session's secretary").max(200, 'must be at most 200 characters'),
    })
    .strict(),
]);
export type AmendmentApprovalDraft = z.infer<typeof AmendmentApprovalDraftSchema>;

/** Everything a decision says apart from where it belongs; votes only for an original decision. */
export const DecisionDraftSchema = z
  .object({
    outcome: OutcomeSchema,
    rationale: z.string(),
    blockingRisk: BlockingRiskSchema.nullable().default(null),
    votes: z.array(VoteDraftSchema).default([]),
    conditions: z.array(ConditionDraftSchema).default([]),
    mitigations: z.array(MitigationDraftSchema).default([]),
    acceptances: z.array(AcceptanceDraftSchema).default([]),
    /** The chair's reason for approving on thin or adverse evidence (issue 13 §5). */
    acknowledgement: z.string().optional(),
  })
  .strict();
export type DecisionDraft = z.output<typeof DecisionDraftSchema>;
export type DecisionDraftInput = z.input<typeof DecisionDraftSchema>;

export const SessionSchema = z.object({
  id: z.string(),
  /** 1, 2, 3 … in the order the cycle's sessions were created: what people call them. */
  number: z.number().int(),
  title: z.string(),
  date: z.string(),
  location: z.string(),
  chair: z.string(),
  /** A fixed number of voting members who must be present, or null for a majority of them. */
  quorum: z.number().int().nullable(),
  currentItemId: z.string().nullable(),
  attendanceTakenAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
});
export type Session = z.infer<typeof SessionSchema>;

export const AttendeeSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  voting: z.boolean(),
  present: z.boolean(),
  /** The roster e-mail of an attendee picked from the cycle's roster; absent for one typed in. */
  email: z.string().optional(),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const QuorumStatusSchema = z.object({
  rule: z.enum(['majority', 'fixed']),
  votingMembers: z.number().int(),
  presentVoters: z.number().int(),
  required: z.number().int(),
  met: z.boolean(),
  /** The status as a sentence, e.g. "Quorum met: 3 of 5 voting members present, 3 needed." */
  message: z.string(),
  /** Present voting members recused from the item (names); always empty for the session's own quorum. */
  recused: z.array(z.string()).optional(),
});
export type QuorumStatus = z.infer<typeof QuorumStatusSchema>;

export const TallySchema = z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() });
export type Tally = z.infer<typeof TallySchema>;

const statusFields = {
  status: ActionStatusSchema,
  statusNote: z.string().nullable(),
  statusAt: z.string().nullable(),
  statusBy: z.string().nullable(),
};

export const ConditionSchema = z.object({
  id: z.string(),
  text: z.string(),
  due: z.string(),
  owner: z.string(),
  ...statusFields,
  /** The metric rule the next bundle is checked against; absent for a condition without one. */
  rule: z.string().optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const MitigationSchema = z.object({
  id: z.string(),
  action: z.string(),
  owner: z.string(),
  due: z.string(),
  successCriteria: z.string(),
  ...statusFields,
});
export type Mitigation = z.infer<typeof MitigationSchema>;

export const AcceptanceSchema = z.object({
  id: z.string(),
  risk: z.string(),
  approver: z.string(),
  compensatingControls: z.string(),
  expiry: z.string(),
  state: AcceptanceStateSchema,
  /** Days from today to the expiry date; negative once expired. */
  daysLeft: z.number().int(),
});
export type Acceptance = z.infer<typeof AcceptanceSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  kind: z.enum(['original', 'amendment']),
  outcome: OutcomeSchema,
  rationale: z.string(),
  blockingRisk: BlockingRiskSchema.nullable(),
  /** The model's heat and tier when the decision was recorded. */
  heat: z.number().nullable(),
  tier: TierSchema.nullable(),
  /** The day the decision counts from: the meeting's date, or the day of the amendment. */
  decisionDate: z.string(),
  decidedAt: z.string(),
  decidedBy: z.string(),
  amends: z.object({ decisionId: z.string(), reason: z.string() }).nullable(),
  votes: z.array(
    z.object({ attendeeId: z.string(), name: z.string(), vote: VoteChoiceSchema, reason: z.string().optional(), dissent: z.boolean().optional() }),
  ),
  /** How the board approved an amendment; absent for an original decision and amendments made before approvals existed. */
  approval: z
    .union([
      z.object({
        basis: z.literal('vote'),
        votes: z.array(z.object({ attendeeId: z.string(), name: z.string(), vote: VoteChoiceSchema, reason: z.string().optional() })),
        tally: z.object({ for: z.number().int(), against: z.number().int(), abstain: z.number().int() }),
        quorum: z.string(),
      }),
      z.object({ basis: z.literal('signoff'), chair: z.string(), secretary: z.string() }),
    ])
    .optional(),
  /** Names of the members recused from the item when the decision was taken. */
  recused: z.array(z.string()).optional(),
  /** What the chair acknowledged approving against, and why; absent when the evidence asked for none. */
  acknowledgement: z.object({ concerns: z.array(z.string()), reason: z.string() }).optional(),
  tally: TallySchema,
  conditions: z.array(ConditionSchema),
  mitigations: z.array(MitigationSchema),
  acceptances: z.array(AcceptanceSchema),
  /** The audit seq of the decision's last change (recorded, amended, followed up); saves hand it back. */
  version: z.number().int(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const FindingCountsSchema = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
  info: z.number().int(),
});

/** A member's declared conflict of interest on one agenda item. */
export const ConflictSchema = z.object({
  attendeeId: z.string(),
  name: z.string(),
  reason: z.string(),
  /** Whether the member steps aside: no vote on the item, not counted in its quorum. */
  recused: z.boolean(),
  declaredAt: z.string(),
  declaredBy: z.string(),
});
export type Conflict = z.infer<typeof ConflictSchema>;

/** A conflict the app suspects: the member is named as the model's owner or team, or in its card or lineage. */
export const SuggestedConflictSchema = z.object({ attendeeId: z.string(), name: z.string(), why: z.string() });
export type SuggestedConflict = z.infer<typeof SuggestedConflictSchema>;

export const AgendaItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  modelId: z.string(),
  modelName: z.string(),
  owner: z.string(),
  /** Heat, tier and top-quartile flag as the heatmap has them now. */
  heat: z.number().nullable(),
  tier: TierSchema.nullable(),
  topQuartile: z.boolean(),
  pulledUp: z.array(PullReasonSchema),
  /** Findings of the model's latest bundle, by severity. */
  findings: FindingCountsSchema,
  priorDecisions: z.array(z.object({ sessionId: z.string(), sessionNumber: z.number().int(), date: z.string(), outcome: OutcomeSchema })),
  /** The decision recorded in the meeting, and any later amendments, oldest first. */
  decision: DecisionSchema.nullable(),
  amendments: z.array(DecisionSchema),
  /** The outcome in force: the last amendment's, else the decision's, else null. */
  outcome: OutcomeSchema.nullable(),
  note: z.string().nullable(),
  /** Declared conflicts on this item, and the ones the app suggests that nobody has declared yet. */
  conflicts: z.array(ConflictSchema).optional(),
  suggestedConflicts: z.array(SuggestedConflictSchema).optional(),
  /** The quorum for this item: the session's, less the members recused from it. */
  quorum: QuorumStatusSchema.optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const SessionDetailSchema = z.object({
  session: SessionSchema,
  status: z.enum(['open', 'closed']),
  attendees: z.array(AttendeeSchema),
  quorum: QuorumStatusSchema,
  items: z.array(AgendaItemSchema),
  /** The chair's notes on the session as a whole. */
  notes: z.string().nullable(),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const SessionSummarySchema = SessionSchema.extend({
  status: z.enum(['open', 'closed']),
  items: z.number().int(),
  decided: z.number().int(),
  attendees: z.number().int(),
  present: z.number().int(),
  quorumMet: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

/** One line of the action register: a condition or a mitigation of a decision in force. */
export const ActionRowSchema = z.object({
  kind: z.enum(['condition', 'mitigation']),
  id: z.string(),
  sessionId: z.string(),
  sessionNumber: z.number().int(),
  sessionDate: z.string(),
  decisionId: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  /** The condition's text or the mitigation's action. */
  text: z.string(),
  owner: z.string(),
  due: z.string(),
  successCriteria: z.string().nullable(),
  ...statusFields,
  /** Days past the due date while overdue, else 0. */
  daysOverdue: z.number().int(),
  /** The version of the action's decision (its last audited change); setStatus hands it back. */
  version: z.number().int(),
  /** The earlier cycle the action was born in and carried from; absent for this cycle's own. */
  bornIn: z.object({ cycleId: z.string(), cycleName: z.string() }).optional(),
  /** The condition's metric rule, when it has one. */
  rule: z.string().optional(),
});
export type ActionRow = z.infer<typeof ActionRowSchema>;

/** One line of the acceptance register. */
export const AcceptanceRowSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  sessionNumber: z.number().int(),
  sessionDate: z.string(),
  decisionId: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  risk: z.string(),
  approver: z.string(),
  compensatingControls: z.string(),
  expiry: z.string(),
  state: AcceptanceStateSchema,
  daysLeft: z.number().int(),
  /** The board has decided on the model again since: this acceptance is history. */
  superseded: z.boolean(),
  /** The earlier cycle the acceptance was granted in and carried from; absent for this cycle's own. */
  bornIn: z.object({ cycleId: z.string(), cycleName: z.string() }).optional(),
});
export type AcceptanceRow = z.infer<typeof AcceptanceRowSchema>;
