import type { MetricSet, ValidationReport } from '../validation/report';
import { FindingSchema } from '../validation/report';
import type { MetricValues } from './evidenceRules';

/** A metric an evidence rule may read, with what it means for the taxonomy editor. */
export interface EvidenceMetric {
  name: string;
  description: string;
}

const OVERALL: readonly [string, string][] = [
  ['roc_auc', 'ROC AUC over all rows (binary)'],
  ['average_precision', 'Average precision over all rows (binary)'],
  ['accuracy', 'Accuracy at the bundle threshold (binary)'],
  ['precision', 'Precision at the bundle threshold (binary)'],
  ['recall', 'Recall at the bundle threshold (binary)'],
  ['f1', 'F1 at the bundle threshold (binary)'],
  ['selection_rate', 'Share of rows predicted positive (binary)'],
  ['log_loss', 'Log loss (binary)'],
  ['brier', 'Brier score (binary)'],
  ['ece', 'Expected calibration error (binary)'],
  ['rmse', 'Root mean squared error (regression)'],
  ['mae', 'Mean absolute error (regression)'],
  ['r2', 'Coefficient of determination (regression)'],
];

const FAIRNESS_WORST: readonly [string, string, 'max' | 'min'][] = [
  ['demographic_parity_difference', 'Largest demographic parity difference over the sensitive attributes', 'max'],
  ['demographic_parity_ratio', 'Smallest demographic parity ratio over the sensitive attributes', 'min'],
  ['equalized_odds_difference', 'Largest equalized odds difference over the sensitive attributes', 'max'],
];

const FINDING_CATEGORIES = FindingSchema.shape.category.options;

/**
 * Every metric name an evidence rule can read. Names are stable: taxonomies store them,
 * and an auditor re-runs the rules against the same names.
 */
export const EVIDENCE_METRICS: readonly EvidenceMetric[] = [
  ...OVERALL.map(([m, description]) => ({ name: `overall.${m}`, description })),
  { name: 'drift.psi_max', description: 'Largest population stability index over the features' },
  { name: 'drift.ks_max', description: 'Largest Kolmogorov-Smirnov statistic over the numeric features' },
  ...FAIRNESS_WORST.map(([m, description, worst]) => ({ name: `fairness.${m}_${worst}`, description })),
  { name: 'claims.mismatched', description: 'Number of claims that the recomputation contradicts' },
  {
    name: 'claims.roc_auc_shortfall',
    description:
      'How far the claimed ROC AUC lies above the upper end of the recomputed AUC’s 95% confidence interval (Hanley–McNeil); above 0 the claim is not supported by the data',
  },
  { name: 'findings.high_or_critical', description: 'Number of high or critical findings' },
  ...FINDING_CATEGORIES.map((c) => ({ name: `findings.${c}`, description: `Number of ${c.replace(/_/g, ' ')} findings` })),
];

export const EVIDENCE_METRIC_NAMES: ReadonlySet<string> = new Set(EVIDENCE_METRICS.map((m) => m.name));

function numeric(set: MetricSet | undefined, key: string): number | undefined {
  const v = set?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The worst value over several sets, or null when none of them has the metric. */
function worstOf(sets: readonly MetricSet[], key: string, worst: 'max' | 'min'): number | null {
  let best: number | null = null;
  for (const set of sets) {
    const v = numeric(set, key);
    if (v === undefined) continue;
    if (best === null || (worst === 'max' ? v > best : v < best)) best = v;
  }
  return best;
}

/**
 * The upper end of a 95% confidence interval of an AUC over `positives` and `negatives`
 * rows, by Hanley and McNeil (1982): an AUC's standard error from its value and the two
 * class sizes alone, so it needs no resampling and gives the same number everywhere.
 * Null when a class is empty.
 */
export function aucUpper95(auc: number, positives: number, negatives: number): number | null {
  if (positives < 1 || negatives < 1) return null;
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  return auc + 1.96 * Math.sqrt(Math.max(0, variance));
}

/** Claimed overall ROC AUC minus the recomputed one's 95% upper bound; null without both. */
function aucShortfall(report: ValidationReport): number | null {
  const claim = report.claims.find((c) => c.path === 'overall.roc_auc' && c.recomputed !== null);
  const overall = report.metrics.overall ?? undefined;
  const n = numeric(overall, 'n');
  const positives = numeric(overall, 'positives');
  if (!claim || claim.recomputed === null || n === undefined || positives === undefined) return null;
  const upper = aucUpper95(claim.recomputed, positives, n - positives);
  return upper === null ? null : claim.claimed - upper;
}

/**
 * The values of every evidence metric for one validation report. A metric the report
 * cannot give (a regression model has no ROC AUC; a bundle without drift samples has no
 * PSI) is null, so the rules that read it propose nothing.
 */
export function evidenceMetrics(report: ValidationReport): MetricValues {
  const values: Record<string, number | null> = {};
  for (const [m] of OVERALL) values[`overall.${m}`] = numeric(report.metrics.overall ?? undefined, m) ?? null;
  const drift = Object.values(report.metrics.drift);
  values['drift.psi_max'] = worstOf(drift, 'psi', 'max');
  values['drift.ks_max'] = worstOf(drift, 'ks', 'max');
  const fairness = Object.values(report.metrics.fairness);
  for (const [m, , worst] of FAIRNESS_WORST) values[`fairness.${m}_${worst}`] = worstOf(fairness, m, worst);
  values['claims.mismatched'] = report.claims.filter((c) => c.status === 'mismatch').length;
  values['claims.roc_auc_shortfall'] = aucShortfall(report);
  values['findings.high_or_critical'] = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
  for (const c of FINDING_CATEGORIES) values[`findings.${c}`] = report.findings.filter((f) => f.category === c).length;
  return values;
}
