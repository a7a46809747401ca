import { metricNumberSaying } from '../text/numbers';
import type { Finding, MetricSet } from './report';

/**
 * Findings the recomputed metrics raise on their own (issue: bundles, "Findings"):
 * drift PSI >= 0.1 medium, >= 0.25 high; demographic parity ratio < 0.8 medium;
 * equalized odds difference > 0.1 medium, > 0.2 high; a group under 30 rows low.
 */

export const SMALL_GROUP_ROWS = 30;

function num(set: MetricSet | undefined, key: string): number | null {
  const v = set?.[key];
  return typeof v === 'number' ? v : null;
}

export function driftFindings(drift: Record<string, MetricSet>): Finding[] {
  const out: Finding[] = [];
  for (const [feature, set] of Object.entries(drift)) {
    const psi = num(set, 'psi');
    if (psi === null || psi < 0.1) continue;
    const high = psi >= 0.25;
    out.push({
      severity: high ? 'high' : 'medium',
      category: 'drift',
      message: `${feature} has drifted: PSI ${metricNumberSaying(psi, (x) => (high ? x >= 0.25 : x >= 0.1 && x < 0.25))} between reference and current (${high ? 'at or above 0.25, a major shift' : 'at or above 0.1, a moderate shift'}). Check whether the model still fits the current population.`,
      evidence: { feature, psi, ks: num(set, 'ks') },
    });
  }
  return out;
}

export function fairnessFindings(fairness: Record<string, MetricSet>): Finding[] {
  const out: Finding[] = [];
  for (const [attr, set] of Object.entries(fairness)) {
    const ratio = num(set, 'demographic_parity_ratio');
    if (ratio !== null && ratio < 0.8) {
      out.push({
        severity: 'medium',
        category: 'fairness',
        message: `Selection rates differ across ${attr}: demographic parity ratio ${metricNumberSaying(ratio, (x) => x < 0.8)} is below 0.8 (the four-fifths rule).`,
        evidence: { attribute: attr, demographic_parity_ratio: ratio, demographic_parity_difference: num(set, 'demographic_parity_difference') },
      });
    }
    const eod = num(set, 'equalized_odds_difference');
    if (eod !== null && eod > 0.1) {
      out.push({
        severity: eod > 0.2 ? 'high' : 'medium',
        category: 'fairness',
        message: `Error rates differ across ${attr}: equalized odds difference ${metricNumberSaying(eod, (x) => (eod > 0.2 ? x > 0.2 : x > 0.1 && x <= 0.2))} is above ${eod > 0.2 ? '0.2' : '0.1'}.`,
        evidence: { attribute: attr, equalized_odds_difference: eod },
      });
    }
  }
  return out;
}

export function smallGroupFindings(groups: Record<string, Record<string, MetricSet>>): Finding[] {
  const out: Finding[] = [];
  for (const [attr, values] of Object.entries(groups)) {
    for (const [value, set] of Object.entries(values)) {
      const n = num(set, 'n');
      if (n !== null && n < SMALL_GROUP_ROWS) {
        out.push({
          severity: 'low',
          category: 'small_group',
          message: `The group ${attr} = "${value}" has only ${n} row${n === 1 ? '' : 's'} (fewer than ${SMALL_GROUP_ROWS}); its metrics are unreliable.`,
          evidence: { attribute: attr, value, n },
        });
      }
    }
  }
  return out;
}
