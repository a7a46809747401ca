import type { ConfusionCounts } from './binary';
import { MetricInputError, type MetricNote } from './metricNotes';

/**
 * Fairness of one sensitive attribute from its groups' confusion counts, as Fairlearn's
 * demographic_parity_difference / _ratio and equalized_odds_difference (method
 * "between_groups", agg "worst_case"), with two stated departures (see index.ts):
 * a group whose TPR (no positives) or FPR (no negatives) is undefined is left out of that
 * spread, where Fairlearn counts it as 0 through confusion_matrix(normalize="true");
 * and the ratio is 1 when no group selects anyone, where Fairlearn divides 0 by 0.
 */

export type FairnessMetrics = {
  demographic_parity_difference: number;
  demographic_parity_ratio: number;
  equalized_odds_difference: number;
};

export interface FairnessResult {
  metrics: FairnessMetrics;
  notes: MetricNote[];
}

class Spread {
  min = Infinity;
  max = -Infinity;

  add(v: number): void {
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  get defined(): boolean {
    return this.max >= this.min;
  }

  get width(): number {
    return this.max - this.min;
  }
}

export function fairnessMetrics(attribute: string, groups: Readonly<Record<string, { confusion: ConfusionCounts }>>): FairnessResult {
  const entries = Object.entries(groups);
  if (entries.length === 0) throw new MetricInputError(`${attribute} has no groups to compare.`, attribute);
  const selection = new Spread();
  const tpr = new Spread();
  const fpr = new Spread();
  const notes: MetricNote[] = [];
  for (const [group, { confusion }] of entries) {
    const { tp, fp, tn, fn } = confusion;
    const n = tp + fp + tn + fn;
    if (n === 0) throw new MetricInputError(`${attribute} = "${group}" has no rows; leave empty groups out.`, attribute);
    selection.add((tp + fp) / n);
    if (tp + fn > 0) tpr.add(tp / (tp + fn));
    else notes.push({ metric: 'equalized_odds_difference', outcome: 'group_left_out', reason: 'no_positives', group });
    if (fp + tn > 0) fpr.add(fp / (fp + tn));
    else notes.push({ metric: 'equalized_odds_difference', outcome: 'group_left_out', reason: 'no_negatives', group });
  }
  if (selection.max === 0) notes.push({ metric: 'demographic_parity_ratio', outcome: 'convention', reason: 'no_predicted_positives' });
  // Every group has rows, so each has positives or negatives: at least one spread is defined.
  const equalizedOdds = Math.max(tpr.defined ? tpr.width : 0, fpr.defined ? fpr.width : 0);
  return {
    metrics: {
      demographic_parity_difference: selection.width,
      demographic_parity_ratio: selection.max === 0 ? 1 : selection.min / selection.max,
      equalized_odds_difference: equalizedOdds,
    },
    notes,
  };
}
