/** A metric as 'taxonomy.metrics' describes it for the rule editor. */
export interface MetricWords {
  name: string;
  description: string;
}

/**
 * Columns of the bundle report's metric tables that no evidence rule reads by that name
 * (per-group and per-feature values, counts); the overall ones are the rule metrics
 * `overall.<key>` and take their words from 'taxonomy.metrics'. Fairlearn's definitions.
 */
const REPORT_COLUMNS: Readonly<Record<string, string>> = {
  n: 'Rows scored',
  positives: 'Rows whose label is positive (binary)',
  roc_auc_ci95: "95% confidence interval of the ROC AUC, by DeLong's method (binary)",
  demographic_parity_difference: 'Largest minus smallest selection rate over the groups of the attribute',
  demographic_parity_ratio: 'Smallest selection rate divided by the largest, over the groups of the attribute',
  equalized_odds_difference: 'The larger of the gaps in true-positive rate and in false-positive rate between the groups',
  psi: 'Population stability index, reference against current: from 0.1 a moderate shift, from 0.25 a major one',
  ks: 'Kolmogorov-Smirnov statistic, reference against current (numeric features)',
  missing: 'Empty cells, in the reference / in the current sample',
};

/** The one line that says what a report column holds, or undefined for a column without one. */
export function reportColumnWords(key: string, metrics: readonly MetricWords[]): string | undefined {
  return metrics.find((m) => m.name === `overall.${key}`)?.description ?? REPORT_COLUMNS[key];
}
