import { z } from 'zod';
import { AddPersonArgsSchema, PersonSchema, RemovePersonArgsSchema, UpdatePersonArgsSchema } from '../people/roster';
import { ChooseProfileArgsSchema, ProfileSchema } from '../people/profile';
import { ModelSchema } from '../domain/model';
import { TaxonomySchema } from '../domain/taxonomy';
import { SeveritySchema, ValidationReportSchema } from '../validation/report';
import * as sessionArgs from '../sessions/callSchemas';
import { AcceptanceRowSchema, ActionRowSchema, SessionDetailSchema, SessionSummarySchema } from '../sessions/session';
import { DueArgsSchema, DueModelSchema } from '../cycles/due';
import { FindingsRegisterArgsSchema, RaiseFindingArgsSchema, RegisterFindingSchema, UpdateFindingArgsSchema } from '../cycles/findings';
import { KpiReportSchema } from '../cycles/kpis';
import { ScoreEvidenceSchema, ScoreSchema } from '../domain/score';
import { CycleNextArgsSchema, HistoryEntrySchema, LineageSchema, PriorScoreSchema } from '../cycles/lineage';
import { PostureSchema } from '../cycles/posture';
import { TierSchema } from '../scoring/tiers';
import { AuditLogArgsSchema, AuditLogSchema } from '../audit/auditLog';

/**
 * The API contract: every call the UI can make, declared once with runtime schemas for its
 * arguments and its result. The Electron IPC transport, the loopback HTTP host and the
 * renderer's client are all derived from this table; adding a call means adding it here
 * and one handler in electron/services/handlers.ts.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

export const AuditReportSchema = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  head: z.string().nullable(),
  /** The first event that does not hold, and why, in a sentence. */
  problem: z
    .object({ seq: z.number().int().nullable(), reason: z.string() })
    .nullable(),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;

export const CycleInfoSchema = z.object({
  path: z.string(),
  id: z.string(),
  name: z.string(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  schemaVersion: z.number().int(),
  counts: z.object({
    models: z.number().int(),
    bundles: z.number().int(),
    sessions: z.number().int(),
    auditEvents: z.number().int(),
  }),
  taxonomy: z.object({
    version: z.number().int(),
    dimensions: z.number().int(),
    likelihood: z.number().int(),
    impact: z.number().int(),
  }),
  audit: AuditReportSchema,
  /** The audit seq of the last change of the cycle's details; cycle.update takes it back as expectedVersion. */
  version: z.number().int(),
});
export type CycleInfo = z.infer<typeof CycleInfoSchema>;

export const RecentCycleSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  exists: z.boolean(),
});
export type RecentCycle = z.infer<typeof RecentCycleSchema>;

const cycleName = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const workspacePath = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((p) => p.endsWith('.mrb'), 'must be a file ending in .mrb');

const period = {
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
};
const periodInOrder = (v: { periodStart?: string | null; periodEnd?: string | null }) =>
  !v.periodStart || !v.periodEnd || v.periodStart <= v.periodEnd;
const periodOrderIssue = { message: 'the period must not end before it starts', path: ['periodEnd'] };

const none = z.object({}).strict();

/** A bundle import running in the background, as every window sees it. */
export const ImportJobSchema = z.object({
  id: z.string(),
  source: z.string(),
  origin: z.string(),
  status: z.enum(['queued', 'running', 'imported', 'already_imported', 'refused', 'cancelled', 'failed']),
  phase: z.enum(['checking', 'reading']).nullable(),
  file: z.string().nullable(),
  bytes: z.number(),
  totalBytes: z.number(),
  rows: z.number(),
  message: z.string().nullable(),
  outcome: z
    .object({ sha256: z.string(), modelId: z.string(), version: z.string(), ok: z.boolean(), findings: z.number().int() })
    .nullable(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const WorkspaceSettingsSchema = z.object({
  /** Largest absolute difference between a claim and its recomputed value that still matches. */
  claimTolerance: z.number().min(0, 'must be at least 0').max(1, 'must be at most 1'),
  /** The longest a risk acceptance may run, in months after its decision. */
  acceptanceMaxMonths: z.number().int('must be a whole number of months').min(1, 'must be at least 1').max(120, 'must be at most 120'),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

/**
 * The version a form read an object at, handed back when it saves: a save made from a
 * copy someone has changed since is refused (code "conflict"). Optional so the CLI and
 * older callers save over; the app always sends it.
 */
const expectedVersion = z.number().int().min(0).optional();

/** The settings with the audit seq of their last change, which settings.update takes back as expectedVersion. */
const VersionedSettingsSchema = WorkspaceSettingsSchema.extend({ version: z.number().int() });

/** The taxonomy version an edit started from. */
const takenVersion = z.number().int().min(1).optional();

export { ScoreEvidenceSchema, ScoreSchema, type Score, type ScoreEvidence } from '../domain/score';

const band = z.object({ lo: z.number(), hi: z.number() });

/** One row of the heatmap: a model, its scores by dimension, heat with band and tier, rank. */
export const HeatmapRowSchema = z.object({
  model: z.object({ id: z.string(), name: z.string(), owner: z.string(), productLine: z.string(), regions: z.array(z.string()), context: z.string() }),
  scores: z.record(z.string(), ScoreSchema),
  heat: z.number().nullable(),
  band: band.nullable(),
  likelihood: z.number().nullable(),
  impact: z.number().nullable(),
  /** 'incomplete' when fewer dimensions are scored than the taxonomy's minimum coverage (issue 13 §5). */
  tier: TierSchema.nullable(),
  rank: z.number().int(),
  topQuartile: z.boolean(),
  /** Dimensions scored / dimensions with a positive weight. */
  coverage: z.object({ scored: z.number().int(), total: z.number().int() }),
  /** Open high and critical findings in the register, which the taxonomy's floors read. */
  openSevere: z.object({ high: z.number().int(), critical: z.number().int() }),
  /** The floor that raised the tier above the heat's, as a sentence. */
  floor: z.string().nullable(),
});
export type HeatmapRow = z.infer<typeof HeatmapRowSchema>;

export const HeatmapSchema = z.object({
  taxonomyVersion: z.number().int(),
  taxonomy: TaxonomySchema,
  /** The moment the map was rebuilt for from the audit log, or null for now. */
  asOf: z.string().nullable(),
  rows: z.array(HeatmapRowSchema),
});
export type Heatmap = z.infer<typeof HeatmapSchema>;

/** A rule's proposal for one dimension of a model, from the model's latest bundle. */
export const ProposalSchema = z.object({
  score: z.number().int(),
  metric: z.string(),
  op: z.string(),
  value: z.number(),
  observed: z.number(),
  /** The observed value as the sentence beside the rule writes it (metricNumberSaying). */
  observedText: z.string(),
  bundleSha256: z.string(),
  /** The rule as a person reads it, e.g. "drift.psi_max >= 0.25 -> 5". */
  rule: z.string(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const TimelineEventSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityId: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

const isoTime = z.string().refine((t) => !Number.isNaN(Date.parse(t)) && /^\d{4}-\d{2}-\d{2}T/.test(t), 'must be an ISO time such as 2026-03-01T12:00:00Z');

/** One row of the model inventory: the model, its risk now, and its evidence. */
export const InventoryRowSchema = z.object({
  model: ModelSchema,
  heat: z.number().nullable(),
  band: band.nullable(),
  tier: TierSchema.nullable(),
  rank: z.number().int(),
  scored: z.number().int(),
  lastBundle: z.object({ sha256: z.string(), version: z.string(), importedAt: z.string() }).nullable(),
  /** Findings of the latest bundle above "info": what the board still has to look at. */
  openFindings: z.number().int(),
});
export type InventoryRow = z.infer<typeof InventoryRowSchema>;

export const BundleSummarySchema = z.object({
  sha256: z.string(),
  modelId: z.string(),
  modelVersion: z.string(),
  task: z.enum(['binary_classification', 'regression']),
  createdAt: z.string(),
  producer: z.string(),
  sourceName: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  files: z.array(z.object({ path: z.string(), role: z.string(), sha256: z.string(), bytes: z.number().int(), listed: z.boolean() })),
  findings: z.object({ info: z.number().int(), low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() }),
});
export type BundleSummary = z.infer<typeof BundleSummarySchema>;

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const passphrase = z.string().min(8, 'must be at least 8 characters: it alone protects the private key');
const p12Path = z.string().trim().min(1, 'must not be empty').refine((p) => /\.(p12|pfx)$/i.test(p), 'must be a file ending in .p12 or .pfx');
const pdfPath = z.string().trim().min(1, 'must not be empty').refine((p) => p.toLowerCase().endsWith('.pdf'), 'must be a file ending in .pdf');

export const KnownIdentitySchema = z.object({
  path: z.string(),
  subject: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: z.string(),
  fingerprintDisplay: z.string(),
  selfIssuedBy: z.enum(['local signing CA', 'organisation']),
});
export type KnownIdentity = z.infer<typeof KnownIdentitySchema>;

/** Named by the caller of packets.export, so that its progress events and packets.cancelExport can find it. */
const exportId = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** A packet export's phases, in order: the decision record, the laid-out pages, the signature, the audited record of it. */
export const ExportPhaseSchema = z.enum(['build', 'pages', 'sign', 'record']);
export type ExportPhase = z.infer<typeof ExportPhaseSchema>;

/** A long call's progress, pushed to every page (PROGRESS_EVENT_NAME): the phase it has reached. */
export const CallProgressSchema = z.object({ call: z.literal('packets.export'), id: z.string(), phase: ExportPhaseSchema });
export type CallProgress = z.infer<typeof CallProgressSchema>;

/**
 * The services' thread died and was started again (the open workspace reopened when it
 * could), or died too often and was left stopped: told to every page once (SERVICES_EVENT_NAME).
 */
export const ServicesNoticeSchema = z.object({ kind: z.enum(['restarted', 'stopped']), message: z.string() });
export type ServicesNotice = z.infer<typeof ServicesNoticeSchema>;

export const PacketSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  recordSha256: z.string(),
  chainHead: z.string(),
  signerName: z.string(),
  signerFingerprint: z.string(),
  signedAt: z.string(),
  fileName: z.string(),
  exportedBy: z.string(),
});
export type Packet = z.infer<typeof PacketSchema>;

export const PacketReportSchema = z.object({
  ok: z.boolean(),
  file: z.string(),
  bytes: z.number().int(),
  signedAt: z.string().nullable(),
  subFilter: z.string().nullable(),
  signer: KnownIdentitySchema.omit({ path: true }).nullable(),
  checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
  /** The attached record's packet id and session, when it could be read. */
  record: z.object({ packetId: z.string(), session: z.string(), items: z.number().int() }).nullable(),
  /** "valid" only when every signature is intact and every signer trusted. */
  verdict: z.enum(['valid', 'signature intact, signer not trusted', 'not valid']),
  /** What vouched for the signers: a trusted CA (the identity it came with, or its file). */
  trustedBy: z.array(z.string()),
  /** Every signature, the board's first, then countersignatures. */
  signatures: z.array(
    z.object({
      signer: z.string().nullable(),
      signedAt: z.string().nullable(),
      trustedBy: z.string().nullable(),
      email: z.string().nullable(),
      fingerprintDisplay: z.string().nullable(),
    }),
  ),
  /** The cycle the decision record names; isOpenCycle false when another cycle than the open one. */
  cycle: z.object({ id: z.string(), name: z.string(), isOpenCycle: z.boolean().nullable() }).nullable(),
  /**
   * The session's voting members against the signatures: from the open workspace when the
   * packet's session is in it, else as the packet's own record lists them; null without a record.
   */
  members: z
    .object({
      source: z.enum(['workspace', 'packet']),
      session: z.string(),
      signed: z.array(z.object({ name: z.string(), role: z.string(), signature: z.number().int(), signedAt: z.string().nullable(), trustedBy: z.string().nullable() })),
      notSigned: z.array(z.object({ name: z.string(), role: z.string() })),
      /** Signatures (1-based positions) by someone who is not a voting member of the session. */
      others: z.array(z.object({ signature: z.number().int(), signer: z.string().nullable(), signedAt: z.string().nullable() })),
    })
    .nullable(),
});
export type PacketReportView = z.infer<typeof PacketReportSchema>;

function call<A extends z.ZodType, R extends z.ZodType>(args: A, result: R, doc: string) {
  return { args, result, doc } as const;
}

export const calls = {
  'cycle.create': call(
    z
      .object({ path: workspacePath, name: cycleName, ...period })
      .strict()
      .refine(periodInOrder, periodOrderIssue),
    CycleInfoSchema,
    'Create a new review-cycle workspace file and open it.',
  ),
  'cycle.open': call(
    z.object({ path: workspacePath }).strict(),
    CycleInfoSchema,
    'Open an existing workspace; refuses files that are not ours, newer or corrupt.',
  ),
  'cycle.close': call(none, z.object({ closed: z.boolean() }), 'Close the open workspace.'),
  'cycle.recent': call(none, z.array(RecentCycleSchema), 'Workspaces opened recently, newest first.'),
  'cycle.info': call(none, CycleInfoSchema.nullable(), 'The open cycle, or null when none is open.'),
  'cycle.update': call(
    z
      .object({ name: cycleName.optional(), ...period, expectedVersion })
      .strict()
      .refine(periodInOrder, periodOrderIssue),
    CycleInfoSchema,
    "Rename the cycle or change its period (an audited event).",
  ),
  'models.list': call(none, z.array(ModelSchema), 'Every model of the cycle, by id.'),
  'models.inventory': call(none, z.array(InventoryRowSchema), 'Every model with its tier, heat and band, latest bundle and open findings, in heatmap order.'),
  'taxonomy.get': call(z.object({ version: z.number().int().min(1).optional() }).strict(), TaxonomySchema, 'The current taxonomy version, or the one asked for.'),
  'taxonomy.versions': call(
    none,
    z.array(z.object({ version: z.number().int(), createdAt: z.string(), dimensions: z.number().int(), scores: z.number().int() })),
    'Every taxonomy version of the cycle, newest first, with how many scores were made under it.',
  ),
  'taxonomy.metrics': call(none, z.array(z.object({ name: z.string(), description: z.string() })), 'The metrics evidence rules can read.'),
  'taxonomy.update': call(
    z.object({ thresholds: TaxonomySchema.shape.thresholds, dimensions: TaxonomySchema.shape.dimensions, reviewMonths: TaxonomySchema.shape.reviewMonths, minCoverage: TaxonomySchema.shape.minCoverage, floors: TaxonomySchema.shape.floors, findingClauses: TaxonomySchema.shape.findingClauses, expectedVersion: takenVersion }).strict(),
    TaxonomySchema,
    'Save an edited taxonomy as a new version (an audited event); earlier versions stay. With expectedVersion (the version edited), refused when a newer one was saved meanwhile.',
  ),
  'audit.verify': call(none, AuditReportSchema, 'Re-check the whole audit chain and the state it describes.'),
  'audit.events': call(
    AuditLogArgsSchema,
    AuditLogSchema,
    'The audit log newest first, filtered by entity, record, person, action and period, with before and after images and the chain status at each event; `before` pages on.',
  ),
  'scores.set': call(
    z
      .object({
        modelId: z.string().min(1),
        dimension: z.string().min(1),
        value: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5'),
        lo: z.number().optional(),
        hi: z.number().optional(),
        rationale: z.string().trim().max(4000),
        evidence: z
          .object({ bundleSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256').optional(), findingId: z.number().int().optional() })
          .strict()
          .optional(),
      })
      .strict(),
    ScoreSchema,
    "Score one model on one dimension (an audited event); the band defaults to the score itself. A score other than a rule's proposal needs a rationale.",
  ),
  'scores.proposals': call(
    z.object({ modelId: z.string().min(1) }).strict(),
    z.array(z.object({ dimension: z.string(), proposal: ProposalSchema.nullable(), current: ScoreSchema.nullable() })),
    "Each dimension of a model with its evidence rules' proposal (from the latest bundle) and its current score.",
  ),
  'scores.acceptProposals': call(
    z.object({ modelId: z.string().min(1), dimensions: z.array(z.string().min(1)).optional() }).strict(),
    z.object({
      accepted: z.array(ScoreSchema),
      /** Dimensions an analyst scored, left alone when accepting all, with why in a sentence. */
      kept: z.array(z.object({ dimension: z.string(), reason: z.string() })),
    }),
    "Accept the rules' proposals for a model as rule scores, in one audited transaction: all of them fill only dimensions no analyst scored (the others are listed as kept); dimensions named are replaced.",
  ),
  'heatmap.get': call(
    z.object({ asOf: isoTime.optional() }).strict(),
    HeatmapSchema,
    'Every model with its scores, heat, band, tier and rank, in heatmap order; with asOf, the map as it stood then, rebuilt from the audit log.',
  ),
  'heatmap.rows': call(
    z.object({ modelIds: z.array(z.string().min(1)) }).strict(),
    z.object({ taxonomyVersion: z.number().int(), rows: z.array(HeatmapRowSchema) }),
    "The named models' rows, heat, band and tier recomputed, for a live map after a score changes. Rank and top quartile depend on every model: the map re-ranks with shared/scoring's rankModels.",
  ),
  'heatmap.timeline': call(
    none,
    z.object({ start: z.string(), events: z.array(TimelineEventSchema) }),
    'The moments the map changed (scores, taxonomy versions, models), oldest first, for the time control.',
  ),
  'settings.get': call(none, VersionedSettingsSchema, "The cycle's settings, with the version to save them back at."),
  'settings.update': call(
    WorkspaceSettingsSchema.partial().extend({ expectedVersion }).strict(),
    VersionedSettingsSchema,
    'Change one or more cycle settings (an audited event each); later imports and decisions use them.',
  ),
  'bundles.import': call(
    z.object({ paths: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'name at least one bundle') }).strict(),
    z.array(ImportJobSchema),
    'Import bundles (folders or .zip files) in the background; progress arrives as job events.',
  ),
  'bundles.cancelImport': call(z.object({ id: z.string().min(1) }).strict(), ImportJobSchema, 'Cancel a queued or running import; nothing is stored.'),
  'bundles.jobs': call(none, z.array(ImportJobSchema), 'Imports started in this window or host, newest last.'),
  'bundles.list': call(z.object({ modelId: z.string().min(1).optional() }).strict(), z.array(BundleSummarySchema), 'Imported bundles, newest first.'),
  'bundles.file': call(
    z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256'), path: z.string().min(1) }).strict(),
    z.object({ path: z.string(), role: z.string(), sha256: z.string(), bytes: z.number().int(), text: z.string().nullable() }),
    "A file of an imported bundle, as stored: its text when it is UTF-8 of at most 1 MiB, else null.",
  ),
  'findings.list': call(
    z.object({ modelId: z.string().min(1) }).strict(),
    z.array(z.object({ id: z.number().int(), severity: SeveritySchema, category: z.string(), message: z.string(), bundleSha256: z.string() })),
    "The findings of a model's latest bundle, most severe first, with the ids a rejection can name as its blocking risk.",
  ),
  'bundles.report': call(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256') }).strict(), ValidationReportSchema, "A bundle's validation report."),
  // Review-board sessions (issue 5). Writes return the whole session record, so every window redraws from one reply.
  'sessions.list': call(none, z.array(SessionSummarySchema), "The cycle's sessions, newest first, with attendance and decision counts."),
  'sessions.get': call(sessionArgs.SessionIdArgsSchema, SessionDetailSchema, 'A session with attendance, quorum, agenda items, decisions and amendments.'),
  'sessions.create': call(sessionArgs.CreateSessionArgsSchema, SessionDetailSchema, 'Create a session (title, date, location, chair, optional fixed quorum).'),
  'sessions.update': call(sessionArgs.UpdateSessionArgsSchema, SessionDetailSchema, "Change an open session's title, date, location, chair or quorum."),
  'sessions.attendees.add': call(sessionArgs.AddAttendeeArgsSchema, SessionDetailSchema, 'Add an attendee with a role, voting or not.'),
  'sessions.attendees.remove': call(sessionArgs.RemoveAttendeeArgsSchema, SessionDetailSchema, 'Remove an attendee who has not voted.'),
  'sessions.attendance': call(sessionArgs.AttendanceArgsSchema, SessionDetailSchema, 'Mark attendees present or absent; the quorum follows.'),
  'sessions.agenda.build': call(sessionArgs.BuildAgendaArgsSchema, SessionDetailSchema, "Build the agenda from the cycle's models by heat, follow-ups pulled up, top quartile flagged."),
  'sessions.agenda.add': call(sessionArgs.AddAgendaItemArgsSchema, SessionDetailSchema, 'Add a model to the agenda, at the end or at a position.'),
  'sessions.agenda.remove': call(sessionArgs.RemoveAgendaItemArgsSchema, SessionDetailSchema, 'Remove an undecided item from the agenda.'),
  'sessions.agenda.move': call(sessionArgs.MoveAgendaItemArgsSchema, SessionDetailSchema, 'Move an agenda item to a 0-based position.'),
  'sessions.current': call(sessionArgs.CurrentItemArgsSchema, SessionDetailSchema, 'Set the item under discussion, which the presenter view follows (null for none).'),
  'sessions.decide': call(sessionArgs.DecideArgsSchema, SessionDetailSchema, "Record the board's decision on an item; refused without quorum or when an outcome rule fails."),
  'sessions.amend': call(sessionArgs.AmendArgsSchema, SessionDetailSchema, "Amend a decision of a closed session with a reason and the board's approval (a vote with quorum, or the chair's and the secretary's sign-off); the original stays."),
  'roster.list': call(none, z.array(PersonSchema), 'The roster of the cycle: name, e-mail, organisation and role of each person.'),
  'roster.add': call(AddPersonArgsSchema, z.array(PersonSchema), 'Add a person to the roster (an e-mail names one person).'),
  'roster.update': call(UpdatePersonArgsSchema, z.array(PersonSchema), "Change a person's name, e-mail, organisation or role on the roster."),
  'roster.remove': call(RemovePersonArgsSchema, z.array(PersonSchema), 'Remove a person from the roster.'),
  'profile.get': call(none, ProfileSchema, 'Who is using the app on this machine: the chosen e-mail, the roster person it names in the open cycle, and who a write now records.'),
  'profile.choose': call(ChooseProfileArgsSchema, ProfileSchema, 'Choose who is using the app on this machine from the roster of the open cycle (null forgets the choice).'),
  'sessions.declareConflict': call(sessionArgs.DeclareConflictArgsSchema, SessionDetailSchema, "Declare a member's conflict of interest on an agenda item, with a reason; a recused member does not vote on it."),
  'sessions.withdrawConflict': call(sessionArgs.WithdrawConflictArgsSchema, SessionDetailSchema, "Withdraw a member's declared conflict on an agenda item before the vote."),
  'sessions.close': call(sessionArgs.SessionIdArgsSchema, SessionDetailSchema, "Close the session: its record is locked in the store; only follow-up and amendments remain."),
  'sessions.notes': call(sessionArgs.NotesArgsSchema, SessionDetailSchema, "Set the chair's note on the session or on one item; empty text removes it."),
  'sessions.minutes': call(sessionArgs.SessionIdArgsSchema, sessionArgs.MinutesSchema, "The session's minutes as Markdown."),
  'sessions.minutesPdf': call(sessionArgs.SessionIdArgsSchema, sessionArgs.MinutesPdfSchema, "The session's minutes as an unsigned PDF in the packet's look (base64), the Markdown attached."),
  'actions.setStatus': call(sessionArgs.SetActionStatusArgsSchema, ActionRowSchema, 'Mark an action (a condition or a mitigation, by kind) done or open again, with a note.'),
  'mitigations.setStatus': call(sessionArgs.SetActionStatusArgsSchema, ActionRowSchema, "The first name of actions.setStatus, kept for callers that use it."),
  'registers.actions': call(sessionArgs.ActionRegisterArgsSchema, z.array(ActionRowSchema), 'Every condition and mitigation of the decisions in force, overdue first.'),
  'registers.acceptances': call(sessionArgs.AcceptanceRegisterArgsSchema, z.array(AcceptanceRowSchema), 'Every risk acceptance of the decisions in force, expired and expiring first.'),
  // Signing identities and decision packets (issue 6).
  'identities.list': call(none, z.array(KnownIdentitySchema), 'The signing identities this user has created or opened, newest first.'),
  'identities.create': call(
    z
      .object({ name: nonEmpty, email: nonEmpty, organisation: nonEmpty, out: p12Path, caOut: z.string().trim().min(1).optional(), passphrase: passphrase })
      .strict(),
    KnownIdentitySchema,
    'Create a local signing CA and a signer certificate it issues, saved as a passphrase-protected .p12 (and the CA certificate for auditors).',
  ),
  'identities.add': call(z.object({ path: z.string().trim().min(1, 'must not be empty'), passphrase: z.string() }).strict(), KnownIdentitySchema, 'Open an existing .p12 / .pfx and remember it by its fingerprint.'),
  'packets.list': call(z.object({ sessionId: z.string().min(1).optional() }).strict(), z.array(PacketSchema), 'Exported packets, newest first.'),
  'packets.export': call(
    z.object({ sessionId: z.string().min(1), identity: z.string().regex(/^[0-9a-f]{64}$/, 'must be an identity fingerprint'), passphrase: z.string(), out: pdfPath, exportId: exportId.optional() }).strict(),
    PacketSchema.extend({ savedTo: z.string() }),
    "Build, sign and save the decision packet of a closed session; its hash, signer and time are recorded (an audited event). A bare name is saved in the workspace's folder; savedTo is the full path written. With an exportId the caller chose, its phases arrive as progress events and packets.cancelExport can stop it.",
  ),
  'packets.cancelExport': call(
    z.object({ exportId }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Stop the packet export started with this exportId: no file is saved and nothing is recorded. cancelled is false when no such export is running (it has finished or never started).',
  ),
  'packets.verify': call(
    z.object({ path: z.string().trim().min(1, 'must not be empty'), trustedCa: z.string().trim().min(1).optional() }).strict(),
    PacketReportSchema,
    "Check a signed packet: every signature, that later revisions add only signatures, signers and their chains to the CAs of the known identities (and the optional trustedCa), and the attached record.",
  ),
  'packets.countersign': call(
    z
      .object({
        path: z.string().trim().min(1, 'must not be empty'),
        identity: z.string().regex(/^[0-9a-f]{64}$/, 'must be an identity fingerprint'),
        passphrase: z.string(),
        out: pdfPath,
      })
      .strict(),
    PacketReportSchema,
    "Add a board member's signature to a signed packet as an incremental update that changes nothing else; out may be the packet itself. Returns the countersigned file's check.",
  ),
  // Cycles that follow one another (issue 11).
  'cycle.next': call(
    CycleNextArgsSchema,
    CycleInfoSchema,
    "Start the next cycle from the open one in a new file: inventory, latest evidence, taxonomy, settings, open actions, acceptances and findings carried, scores as prior scores. Returns the new cycle's info; the open cycle stays open.",
  ),
  'cycle.lineage': call(none, LineageSchema, 'The predecessor this cycle was started from (id, file, audit head) and what the hand-over carried.'),
  'findings.register': call(FindingsRegisterArgsSchema, z.array(RegisterFindingSchema), 'The findings register, filtered; overdue and most severe first.'),
  'findings.raise': call(RaiseFindingArgsSchema, RegisterFindingSchema, 'Raise a finding by hand (an audited event).'),
  'findings.update': call(
    UpdateFindingArgsSchema,
    RegisterFindingSchema,
    'Assign, reschedule, re-grade or move a finding along (in remediation, closed with an evidence note, covered by an acceptance); an audited event.',
  ),
  'models.due': call(DueArgsSchema, z.array(DueModelSchema), 'Models that need the board, each with its reasons, most urgent first.'),
  'posture.get': call(DueArgsSchema, PostureSchema, "The board's risk posture for the Overview."),
  'kpis.get': call(
    z.object({ withPrevious: z.boolean().default(false), asOf: DueArgsSchema.shape.asOf }).strict(),
    KpiReportSchema,
    "The programme KPIs with their definitions; withPrevious adds last cycle's values when the predecessor's file is present.",
  ),
  'scores.prior': call(z.object({ modelId: z.string().min(1).optional() }).strict(), z.array(PriorScoreSchema), "The predecessor cycle's scores, shown beside the current ones, never as current."),
  'models.history': call(z.object({ modelId: z.string().min(1) }).strict(), z.array(HistoryEntrySchema), "A model's tier, heat and decision per cycle, oldest first, this cycle last."),
  'heatmap.previous': call(
    z.object({ asOf: isoTime.optional() }).strict(),
    HeatmapSchema.extend({ cycleName: z.string(), timeline: z.object({ start: z.string(), events: z.array(TimelineEventSchema) }) }),
    "The predecessor cycle's heatmap (now, or as of a moment) with its timeline, read from its file beside this one, so the time control can step back into it; refused with a sentence when the file is absent.",
  ),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<K extends CallName> = z.input<Calls[K]['args']>;
export type ParsedArgs<K extends CallName> = z.output<Calls[K]['args']>;
export type CallResult<K extends CallName> = z.output<Calls[K]['result']>;

export const callNames = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** A score as its audit image has it: written before evidence existed, the key may be absent. */
const ScoreImageSchema = ScoreSchema.extend({ evidence: ScoreEvidenceSchema.nullable().default(null) });

/** Change events pushed to every open window after a commit. */
export const ChangeEventSchema = z.object({
  entity: z.enum(['cycle', 'model', 'taxonomy', 'bundle', 'setting', 'score', 'workspace', 'session', 'decision', 'packet', 'lineage', 'history', 'followup', 'finding', 'rule_check', 'person', 'profile']),
  ids: z.array(z.string()),
  /** Audit sequence number of the last event of the commit, when the change was audited. */
  seq: z.number().int().nullable(),
  /** For score changes, the scores as saved: a live heatmap repaints from them without asking back. */
  scores: z.array(ScoreImageSchema).optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEventSchema>;
