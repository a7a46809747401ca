import { z } from 'zod';

/**
 * The validation report of one bundle: what `mrb validate --json` prints, what import
 * stores, what the model page shows. Key names are a public interface (issue: bundles).
 */

export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

export const SEVERITY_ORDER: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export const FindingSchema = z.object({
  severity: SeveritySchema,
  category: z.enum(['claim_mismatch', 'claim_not_recomputable', 'claim_not_comparable', 'undefined_metric', 'drift', 'fairness', 'small_group']),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
});
export type Finding = z.infer<typeof FindingSchema>;

const metricValue = z.union([z.number(), z.null(), z.tuple([z.number(), z.number()])]);
export const MetricSetSchema = z.record(z.string(), metricValue);
export type MetricSet = z.infer<typeof MetricSetSchema>;

export const ClaimCheckSchema = z.object({
  /** e.g. "overall.roc_auc", "groups.sex.F.recall", "fairness.sex.demographic_parity_ratio", "drift.income.psi". */
  path: z.string(),
  claimed: z.number(),
  recomputed: z.number().nullable(),
  difference: z.number().nullable(),
  tolerance: z.number(),
  status: z.enum(['match', 'mismatch', 'not_recomputable', 'not_comparable']),
  reason: z.string().nullable(),
  /** The definition the claim was recomputed under (shared/dialects), null when none applies; absent in reports before it. */
  definition: z.string().nullable().optional(),
  /** A mismatched claim that holds under a definition one parameter away: which, and its value. */
  neighbour: z.object({ definition: z.string(), recomputed: z.number(), difference: z.number() }).nullable().optional(),
  /** For a claim lifted from an evidence file (a model card, an MLflow run, ...): the file and the place in it. */
  source: z.object({ file: z.string(), pointer: z.string() }).optional(),
  /** The confidence interval the claim states (CycloneDX), [lower, upper]. */
  interval: z.tuple([z.number(), z.number()]).optional(),
});
export type ClaimCheck = z.infer<typeof ClaimCheckSchema>;

export const ValidationReportSchema = z.object({
  ok: z.boolean(),
  bundle: z.object({ sha256: z.string(), model_id: z.string(), version: z.string() }),
  task: z.enum(['binary_classification', 'regression']),
  metrics: z.object({
    overall: MetricSetSchema.nullable(),
    groups: z.record(z.string(), z.record(z.string(), MetricSetSchema)),
    fairness: z.record(z.string(), MetricSetSchema),
    drift: z.record(z.string(), MetricSetSchema),
  }),
  claims: z.array(ClaimCheckSchema),
  findings: z.array(FindingSchema),
  files: z.array(z.object({ path: z.string(), role: z.string(), sha256: z.string(), bytes: z.number().int(), listed: z.boolean() })),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

/** A bundle passes when it has no high or critical finding. */
export function passes(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.severity === 'high' || f.severity === 'critical');
}
