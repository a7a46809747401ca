import { z } from 'zod';
import { isIsoDate } from '../sessions/dates';

/**
 * The findings register (issue 11, section 2): a finding is a record of its own, with an
 * owner, a due date and a life (open, in remediation, closed with evidence, or covered by
 * a risk acceptance), carried from cycle to cycle until it is closed. Findings of a bundle's
 * validation enter it on import, once per distinct finding (see findingKey).
 */

const IsoDate = z.string().refine(isIsoDate, 'must be a date as YYYY-MM-DD');

export const FindingTypeSchema = z.enum(['validation_issue', 'policy_exception', 'limitation']);
export type FindingType = z.infer<typeof FindingTypeSchema>;

export const RegisterSeveritySchema = z.enum(['low', 'medium', 'high', 'critical']);
export type RegisterSeverity = z.infer<typeof RegisterSeveritySchema>;

export const FindingStatusSchema = z.enum(['open', 'in_remediation', 'closed_with_evidence', 'covered_by_acceptance']);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

/** Closed and covered findings no longer ask for work; the others are open in the register's sense. */
export function isOpenStatus(s: FindingStatus): boolean {
  return s === 'open' || s === 'in_remediation';
}

export const RegisterFindingSchema = z.object({
  id: z.string(),
  type: FindingTypeSchema,
  severity: RegisterSeveritySchema,
  category: z.string(),
  title: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  /** Where it came from: the bundle whose validation found it, the decision or the condition rule that raised it. */
  bundleSha256: z.string().nullable(),
  decisionId: z.string().nullable(),
  conditionId: z.string().nullable(),
  owner: z.string(),
  due: z.string().nullable(),
  status: FindingStatusSchema,
  statusNote: z.string().nullable(),
  acceptanceId: z.string().nullable(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** Days from opening to closing, or to today while it is open. */
  ageDays: z.number().int(),
  overdue: z.boolean(),
  /** The cycle where the finding was born; differs from this cycle's id when carried forward. */
  bornCycleId: z.string(),
  bornCycleName: z.string(),
  raisedBy: z.string(),
});
export type RegisterFinding = z.infer<typeof RegisterFindingSchema>;

export const FindingsRegisterArgsSchema = z
  .object({
    modelId: z.string().trim().min(1).optional(),
    status: z.array(FindingStatusSchema).optional(),
    severity: z.array(RegisterSeveritySchema).optional(),
    type: z.array(FindingTypeSchema).optional(),
    /** Only open and in-remediation findings. */
    openOnly: z.boolean().default(false),
    overdueOnly: z.boolean().default(false),
    /** Judge overdue and age as of this day (default today). */
    asOf: IsoDate.optional(),
  })
  .strict();

const text = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

export const RaiseFindingArgsSchema = z
  .object({
    modelId: z.string().trim().min(1, 'must not be empty'),
    type: FindingTypeSchema,
    severity: RegisterSeveritySchema,
    category: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    title: text,
    owner: z.string().trim().max(200, 'must be at most 200 characters').default(''),
    due: IsoDate.nullable().default(null),
    bundleSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256').nullable().default(null),
    decisionId: z.string().trim().min(1).nullable().default(null),
  })
  .strict();

export const UpdateFindingArgsSchema = z
  .object({
    id: z.string().trim().min(1, 'must not be empty'),
    owner: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    due: IsoDate.nullable().optional(),
    severity: RegisterSeveritySchema.optional(),
    status: FindingStatusSchema.optional(),
    /** Required to close (the evidence) and to link an acceptance (why it covers the finding). */
    note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    /** The risk acceptance that covers the finding; with status covered_by_acceptance. */
    acceptanceId: z.string().trim().min(1).optional(),
  })
  .strict();

/** How many open findings of each severity, and how old, for the posture. */
export const FindingAgingSchema = z.object({
  severity: RegisterSeveritySchema,
  open: z.number().int(),
  /** Open 0-30, 31-90 and over 90 days. */
  upTo30: z.number().int(),
  upTo90: z.number().int(),
  over90: z.number().int(),
  overdue: z.number().int(),
});
export type FindingAging = z.infer<typeof FindingAgingSchema>;

/**
 * A finding's identity across imports: the same issue of the same model found again in
 * a later bundle has the same key and is not registered twice. The key is the model, the
 * category, what the finding is about (the drifted feature, the attribute and group, the
 * metric or claimed path) and which measures its evidence names (parity and equalized odds
 * of one attribute are two issues), never the wording or a value, which change from bundle
 * to bundle.
 */
export function findingKey(modelId: string, category: string, evidence: Readonly<Record<string, unknown>>): string {
  const about = ['feature', 'attribute', 'value', 'metric', 'path', 'scope']
    .filter((k) => typeof evidence[k] === 'string')
    .map((k) => `${k}=${String(evidence[k])}`);
  const measures = Object.keys(evidence)
    .filter((k) => typeof evidence[k] !== 'string')
    .sort();
  return [modelId, category, ...about, `measures=${measures.join(',')}`].join('|');
}
