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
  values['findings.high_or_critical'] = report.findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length;
  for (const c of FINDING_CATEGORIES) values[`findings.${c}`] = report.findings.filter((f) => f.category === c).length;
  return values;
}
