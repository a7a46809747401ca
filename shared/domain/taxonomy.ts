import { z } from 'zod';
import { HeatTierSchema } from '../scoring/tiers';
import { ClauseRefSchema, DEFAULT_FINDING_CLAUSES, defaultDimensionClauses, FindingClausesSchema, type ClauseRef, type FindingClauses } from './regulatoryMapping';

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
  /**
   * The regulatory clauses the dimension answers (issue 13 §6). Absent means the defaults of
   * its key (clausesOf), as in the first version of a new cycle and in versions saved before
   * the mapping existed, which so image, and re-hash, as they were audited; an edit in the
   * taxonomy editor saves them explicitly.
   */
  clauses: z.array(ClauseRefSchema).optional(),
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

/** A tier a floor can raise a model to (issue 13 §5). */
export const FloorTierSchema = HeatTierSchema.exclude(['low']);

/**
 * A floor: evidence that by itself puts a model at least in a tier, whatever the mean
 * says. A heat is an average, and one dimension at 5 among ten at 1 averages away.
 */
export const TierFloorSchema = z.discriminatedUnion('when', [
  /** Any dimension of the taxonomy scored `atLeast` or more. */
  z.object({ when: z.literal('dimension_score'), atLeast: z.number().int().min(1).max(5), tier: FloorTierSchema }).strict(),
  /** An open (or in-remediation) finding of this severity or worse in the findings register. */
  z.object({ when: z.literal('open_finding'), severity: z.enum(['high', 'critical']), tier: FloorTierSchema }).strict(),
]);
export type TierFloor = z.infer<typeof TierFloorSchema>;

export const TaxonomySchema = z.object({
  version: z.number().int().min(1),
  createdAt: z.string(),
  thresholds: TierThresholdsSchema,
  dimensions: z.array(DimensionSchema),
  reviewMonths: ReviewMonthsSchema.optional(),
  /**
   * Share of the weighted dimensions that must be scored before the heat earns a tier
   * (issue 13 §5); absent means DEFAULT_MIN_COVERAGE. Optional so versions written before
   * it image, and re-hash, as they were audited.
   */
  minCoverage: z.number().min(0).max(1).optional(),
  /** Floors of this version; absent means DEFAULT_FLOORS, an empty list means none. */
  floors: z.array(TierFloorSchema).optional(),
  /** Finding categories to the clauses a finding of each is evidence for; absent means DEFAULT_FINDING_CLAUSES. */
  findingClauses: FindingClausesSchema.optional(),
  /** For a cycle's first version carried from its predecessor: the cycle and version it came from. */
  carriedFrom: z.object({ cycleId: z.string(), cycleName: z.string(), version: z.number().int() }).optional(),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

export const DEFAULT_THRESHOLDS: TierThresholds = { medium: 2.0, high: 3.0, critical: 4.0 };

/**
 * Below 70% of the weighted dimensions scored, a heat is an average of too little: with 11
 * dimensions it takes 8 scored. The methodology appendix prints the reasoning.
 */
export const DEFAULT_MIN_COVERAGE = 0.7;

/**
 * A dimension at 4 ("high") or more is a high risk however the others score; an open high
 * finding is one too; an open critical finding is a critical risk until it is closed.
 */
export const DEFAULT_FLOORS: readonly TierFloor[] = [
  { when: 'dimension_score', atLeast: 4, tier: 'high' },
  { when: 'open_finding', severity: 'high', tier: 'high' },
  { when: 'open_finding', severity: 'critical', tier: 'critical' },
];

export function minCoverageOf(t: Pick<Taxonomy, 'minCoverage'>): number {
  return t.minCoverage ?? DEFAULT_MIN_COVERAGE;
}

export function floorsOf(t: Pick<Taxonomy, 'floors'>): readonly TierFloor[] {
  return t.floors ?? DEFAULT_FLOORS;
}

export function clausesOf(d: Pick<Dimension, 'key' | 'clauses'>): readonly ClauseRef[] {
  return d.clauses ?? defaultDimensionClauses(d.key);
}

export function findingClausesOf(t: Pick<Taxonomy, 'findingClauses'>): FindingClauses {
  return t.findingClauses ?? DEFAULT_FINDING_CLAUSES;
}

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
    // PSI 0.1 / 0.25: the usual "watch" and "act" lines; an AUC claim the data's own 95%
    // interval does not reach; ECE 0.05 / 0.1: probabilities off by 5 or 10 points on average.
    rules: [
      { metric: 'drift.psi_max', op: '>=', value: 0.25, score: 5 },
      { metric: 'drift.psi_max', op: '>=', value: 0.1, score: 3 },
      { metric: 'claims.roc_auc_shortfall', op: '>', value: 0, score: 4 },
      { metric: 'overall.ece', op: '>=', value: 0.1, score: 4 },
      { metric: 'overall.ece', op: '>=', value: 0.05, score: 3 },
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
    // Parity ratio under 0.8: the four-fifths rule of US employment practice; equalized
    // odds 0.1 / 0.2: a true- or false-positive rate 10 / 20 points apart between groups.
    rules: [
      { metric: 'fairness.demographic_parity_ratio_min', op: '<', value: 0.8, score: 4 },
      { metric: 'fairness.equalized_odds_difference_max', op: '>=', value: 0.2, score: 5 },
      { metric: 'fairness.equalized_odds_difference_max', op: '>=', value: 0.1, score: 4 },
    ],
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
