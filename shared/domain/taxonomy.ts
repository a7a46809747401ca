import { z } from 'zod';

/** Which side of the 5x5 matrix a dimension feeds (SPEC section 6). */
export const AxisSchema = z.enum(['likelihood', 'impact']);
export type Axis = z.infer<typeof AxisSchema>;

/**
 * An evidence rule proposes a score when a metric of the model's evidence crosses a
 * value, e.g. `drift.psi_max >= 0.25 -> 5`. Kept as data so an auditor can re-run it.
 */
export const EvidenceRuleSchema = z.object({
  metric: z.string().min(1),
  op: z.enum(['>=', '>', '<=', '<']),
  value: z.number(),
  score: z.number().int().min(1).max(5),
});
export type EvidenceRule = z.infer<typeof EvidenceRuleSchema>;

export const DimensionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  description: z.string(),
  axis: AxisSchema,
  weight: z.number().min(0),
  rules: z.array(EvidenceRuleSchema),
});
export type Dimension = z.infer<typeof DimensionSchema>;

/** Lower bounds of the tiers above `low`: low < medium <= H < high <= ... */
export const TierThresholdsSchema = z.object({
  medium: z.number(),
  high: z.number(),
  critical: z.number(),
});
export type TierThresholds = z.infer<typeof TierThresholdsSchema>;

/** Months between periodic reviews per tier (issue 11); absent means the defaults, 6/12/18/24. */
export const ReviewMonthsSchema = z.object({
  critical: z.number().int().min(1).max(120),
  high: z.number().int().min(1).max(120),
  medium: z.number().int().min(1).max(120),
  low: z.number().int().min(1).max(120),
});

export const TaxonomySchema = z.object({
  version: z.number().int().min(1),
  createdAt: z.string(),
  thresholds: TierThresholdsSchema,
  dimensions: z.array(DimensionSchema),
  reviewMonths: ReviewMonthsSchema.optional(),
  /** For a cycle's first version carried from its predecessor: the cycle and version it came from. */
  carriedFrom: z.object({ cycleId: z.string(), cycleName: z.string(), version: z.number().int() }).optional(),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

export const DEFAULT_THRESHOLDS: TierThresholds = { medium: 2.0, high: 3.0, critical: 4.0 };

/**
 * The SPEC's default taxonomy. Weights favour the dimensions a board is accountable for
 * outside the company (customer harm, regulation, fairness); every cycle may edit them.
 */
export const DEFAULT_DIMENSIONS: readonly Dimension[] = [
  {
    key: 'performance_drift',
    label: 'Performance & drift',
    description: 'Predictive performance against claims and stability of the input population.',
    axis: 'likelihood',
    weight: 1,
    rules: [
      { metric: 'drift.psi_max', op: '>=', value: 0.25, score: 5 },
      { metric: 'drift.psi_max', op: '>=', value: 0.1, score: 3 },
    ],
  },
  {
    key: 'data_quality',
    label: 'Data quality & integrity',
    description: 'Completeness, correctness and provenance of training and scoring data.',
    axis: 'likelihood',
    weight: 1,
    rules: [],
  },
  {
    key: 'robustness',
    label: 'Robustness',
    description: 'Behaviour under noisy, shifted or adversarial inputs and edge cases.',
    axis: 'likelihood',
    weight: 1,
    rules: [],
  },
  {
    key: 'security_exposure',
    label: 'Security exposure',
    description: 'Attack surface: model theft, prompt or data injection, poisoning, abuse.',
    axis: 'likelihood',
    weight: 1,
    rules: [],
  },
  {
    key: 'privacy',
    label: 'Privacy',
    description: 'Personal data used, retained or exposed by the model and its outputs.',
    axis: 'impact',
    weight: 1,
    rules: [],
  },
  {
    key: 'fairness_bias',
    label: 'Fairness & bias',
    description: 'Disparities in outcomes or errors across sensitive groups.',
    axis: 'impact',
    weight: 1.25,
    rules: [],
  },
  {
    key: 'customer_harm',
    label: 'Customer harm',
    description: 'Severity of harm to customers when the model is wrong.',
    axis: 'impact',
    weight: 1.5,
    rules: [],
  },
  {
    key: 'regulatory_exposure',
    label: 'Regulatory exposure',
    description: 'Obligations under law and supervision that the model falls under.',
    axis: 'impact',
    weight: 1.5,
    rules: [],
  },
  {
    key: 'operational_cost',
    label: 'Operational & financial cost',
    description: 'Cost of failure, outage or rollback to operations and finances.',
    axis: 'impact',
    weight: 1,
    rules: [],
  },
  {
    key: 'explainability',
    label: 'Explainability & transparency',
    description: 'Whether decisions can be explained to users, reviewers and regulators.',
    axis: 'likelihood',
    weight: 1,
    rules: [],
  },
  {
    key: 'monitoring_readiness',
    label: 'Monitoring readiness',
    description: 'Alerts, dashboards and owners in place to catch degradation in production.',
    axis: 'likelihood',
    weight: 1,
    rules: [],
  },
];
