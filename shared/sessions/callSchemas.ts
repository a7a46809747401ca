import { z } from 'zod';
import {
  AcceptanceDraftSchema,
  AcceptanceStateSchema,
  AmendmentApprovalDraftSchema,
  BlockingRiskSchema,
  ConditionDraftSchema,
  IsoDateSchema,
  MitigationDraftSchema,
  OutcomeSchema,
  RecordedStatusSchema,
  VoteDraftSchema,
} from './session';

/**
 * Arguments of the session calls, shared by the contract (shared/contract/calls.ts), the
 * service (which parses them again, so the CLI and tests get the same sentences) and the
 * renderer's forms. Shapes and formats are checked here; the board's rules (quorum,
 * outcome, expiry) are checked by quorum.ts and decisionRules.ts against the record.
 */

const id = z.string().trim().min(1, 'must not be empty');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const quorum = z.number().int('must be a whole number').min(1, 'must be at least 1').nullable();

export const SessionIdArgsSchema = z.object({ sessionId: id }).strict();

export const CreateSessionArgsSchema = z
  .object({
    title: name,
    date: IsoDateSchema,
    location: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    chair: name,
    /** A fixed quorum; null or absent for a majority of the voting members. */
    quorum: quorum.default(null),
  })
  .strict();

export const UpdateSessionArgsSchema = z
  .object({
    sessionId: id,
    title: name.optional(),
    date: IsoDateSchema.optional(),
    location: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    chair: name.optional(),
    quorum: quorum.optional(),
  })
  .strict();

export const AddAttendeeArgsSchema = z
  .object({
    sessionId: id,
    name,
    role: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    voting: z.boolean().default(true),
    present: z.boolean().default(false),
    /** Picked from the roster: the person's e-mail, which links the attendee to them. */
    email: z.string().trim().min(1, 'must not be empty').max(320, 'must be at most 320 characters').optional(),
  })
  .strict();

export const RemoveAttendeeArgsSchema = z.object({ sessionId: id, attendeeId: id }).strict();

export const AttendanceArgsSchema = z
  .object({
    sessionId: id,
    marks: z.array(z.object({ attendeeId: id, present: z.boolean() }).strict()).min(1, 'mark at least one attendee'),
  })
  .strict();

export const BuildAgendaArgsSchema = z
  .object({
    sessionId: id,
    /** Only these models (in agenda order all the same); absent for every model of the cycle. */
    modelIds: z.array(id).optional(),
    /** heat: every model by heat, follow-ups pulled up; due: only the models due (issue 11), most urgent first. */
    from: z.enum(['heat', 'due']).default('heat'),
    /** At most this many items. */
    cap: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
  })
  .strict();

export const AddAgendaItemArgsSchema = z
  .object({ sessionId: id, modelId: id, position: z.number().int('must be a whole number').min(0, 'must be at least 0').optional() })
  .strict();

export const RemoveAgendaItemArgsSchema = z.object({ sessionId: id, itemId: id }).strict();

export const MoveAgendaItemArgsSchema = z
  .object({ sessionId: id, itemId: id, position: z.number().int('must be a whole number').min(0, 'must be at least 0') })
  .strict();

export const CurrentItemArgsSchema = z.object({ sessionId: id, itemId: id.nullable() }).strict();

/**
 * The version of the decision the form was read at (its `version`; 0 when the item had
 * none): a save from a copy someone has changed since is refused. Optional for the CLI.
 */
const expectedVersion = z.number().int().min(0).optional();

const decisionParts = {
  outcome: OutcomeSchema,
  rationale: z.string().max(20_000, 'must be at most 20000 characters'),
  blockingRisk: BlockingRiskSchema.nullable().default(null),
  conditions: z.array(ConditionDraftSchema).default([]),
  mitigations: z.array(MitigationDraftSchema).default([]),
  acceptances: z.array(AcceptanceDraftSchema).default([]),
  /** The chair's reason for approving despite open severe findings, unscored dimensions or an incomplete tier (issue 13 §5). */
  acknowledgement: z.string().max(4000, 'must be at most 4000 characters').optional(),
};

export const DecideArgsSchema = z
  .object({ sessionId: id, itemId: id, ...decisionParts, votes: z.array(VoteDraftSchema).default([]), expectedVersion })
  .strict();

export const AmendArgsSchema = z
  .object({
    decisionId: id,
    reason: z.string().max(4000, 'must be at most 4000 characters'),
    ...decisionParts,
    /** The board's approval: a vote with quorum, or the chair's and the secretary's sign-off (required; checked by the service). */
    approval: AmendmentApprovalDraftSchema.optional(),
    expectedVersion,
  })
  .strict();

/** A member declares a conflict of interest on one agenda item, with a reason; recused unless the board rules otherwise. */
export const DeclareConflictArgsSchema = z
  .object({
    sessionId: id,
    itemId: id,
    attendeeId: id,
    reason: z.string().trim().min(1, 'must say why there is a conflict').max(2000, 'must be at most 2000 characters'),
    recused: z.boolean().default(true),
  })
  .strict();

export const WithdrawConflictArgsSchema = z.object({ sessionId: id, itemId: id, attendeeId: id }).strict();

export const NotesArgsSchema = z
  .object({ sessionId: id, itemId: id.nullable().default(null), text: z.string().max(20_000, 'must be at most 20000 characters') })
  .strict();

export const SetActionStatusArgsSchema = z
  .object({
    kind: z.enum(['mitigation', 'condition']).default('mitigation'),
    id,
    status: RecordedStatusSchema,
    note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    /** The version of the action's decision the register showed (the row's `version`). */
    expectedVersion,
  })
  .strict();

export const ActionRegisterArgsSchema = z.object({ overdueOnly: z.boolean().default(false) }).strict();

export const AcceptanceRegisterArgsSchema = z.object({ state: AcceptanceStateSchema.optional(), includeSuperseded: z.boolean().default(true) }).strict();

export const MinutesSchema = z.object({ markdown: z.string(), fileName: z.string() });
export type Minutes = z.infer<typeof MinutesSchema>;

/** The minutes as an unsigned PDF, base64 so the same result crosses IPC and HTTP. */
export const MinutesPdfSchema = z.object({ pdfBase64: z.string(), fileName: z.string() });
export type MinutesPdf = z.infer<typeof MinutesPdfSchema>;
