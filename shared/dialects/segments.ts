import { binaryMetrics, type BinaryLabels, type BinaryMetrics, type BinaryResult, type ConfusionCounts } from '../metrics/binary';
import { CompensatedSum } from '../metrics/compensatedSum';
import type { GroupLabels } from '../metrics/partition';
import { argsortAscending } from '../metrics/radixSort';
import { regressionMetrics, type RegressionMetrics, type RegressionResult } from '../metrics/regression';

/**
 * The rows a claim speaks of (all rows, or one group), with the quantities the metric
 * dialects are built from, each computed once and only when a claim asks for it.
 */

/** How a score becomes a predicted positive: ours (`>=`) or scikit-learn's predict() (`>`: 0.5 goes to class 0). */
export type PositiveWhen = '>=' | '>';

/** Confusion counts under each rule. */
export type Confusions = Readonly<Record<PositiveWhen, ConfusionCounts>>;

/** The confusion counts of our results under each rule. */
export function confusionsOf(result: Pick<BinaryResult, 'confusion' | 'confusionAbove'>): Confusions {
  return { '>=': result.confusion, '>': result.confusionAbove };
}

/** The double machine epsilon, np.finfo(np.float64).eps. */
export const FLOAT64_EPS = 2.220446049250313e-16;

export class BinarySegment {
  private ours: BinaryResult | undefined;
  private readonly confusions = new Map<PositiveWhen, ConfusionCounts>();

  private known: BinaryMetrics | undefined;

  /**
   * `known`: our metrics of these rows when the validator has them already, so that they are
   * not sorted again; `knownConfusions`: their confusion counts, so that no rule needs a pass
   * over the rows.
   */
  constructor(
    readonly yTrue: BinaryLabels,
    readonly yScore: Float64Array,
    readonly threshold: number,
    known?: BinaryMetrics,
    knownConfusions?: Confusions,
  ) {
    this.known = known;
    if (knownConfusions) for (const rule of ['>=', '>'] as const) this.confusions.set(rule, knownConfusions[rule]);
  }

  get n(): number {
    return this.yTrue.length;
  }

  /** Our metrics of these rows (shared/metrics), which serve every dialect that agrees with them. */
  get metrics(): BinaryMetrics {
    if (this.known) return this.known;
    this.ours ??= binaryMetrics(this.yTrue, this.yScore, this.threshold);
    return this.ours.metrics;
  }

  private positives(): number {
    if (this.known || this.ours) return this.metrics.positives;
    let p = 0;
    for (let i = 0; i < this.n; i += 1) p += this.yTrue[i] as number;
    return p;
  }

  confusion(rule: PositiveWhen): ConfusionCounts {
    const known = this.confusions.get(rule);
    if (known) return known;
    const counts = { tp: 0, fp: 0, tn: 0, fn: 0 };
    for (let i = 0; i < this.n; i += 1) {
      const s = this.yScore[i] as number;
      const positive = rule === '>=' ? s >= this.threshold : s > this.threshold;
      if (this.yTrue[i] === 1) {
        if (positive) counts.tp += 1;
        else counts.fn += 1;
      } else if (positive) counts.fp += 1;
      else counts.tn += 1;
    }
    this.confusions.set(rule, counts);
    return counts;
  }

  /** Mean log loss with p clipped to [eps, 1 - eps], as scikit-learn's log_loss clips. */
  logLoss(eps: number): number {
    const sum = new CompensatedSum();
    for (let i = 0; i < this.n; i += 1) {
      const s = this.yScore[i] as number;
      const p = s < eps ? eps : s > 1 - eps ? 1 - eps : s;
      sum.add(this.yTrue[i] === 1 ? -Math.log(p) : -Math.log1p(-p));
    }
    return sum.value / this.n;
  }

  /**
   * The credit-scoring KS: max over thresholds t of TPR(t) - FPR(t), rows with score >= t
   * predicted positive, t running over every score and +inf (where both rates are 0).
   * Null without both classes.
   */
  ksSeparation(): number | null {
    const positives = this.positives();
    const negatives = this.n - positives;
    if (positives === 0 || negatives === 0) return null;
    const order = argsortAscending(this.yScore);
    let best = 0;
    let tp = 0;
    let fp = 0;
    for (let k = this.n - 1; k >= 0; ) {
      const s = this.yScore[order[k] as number] as number;
      while (k >= 0 && this.yScore[order[k] as number] === s) {
        if (this.yTrue[order[k] as number] === 1) tp += 1;
        else fp += 1;
        k -= 1;
      }
      const gap = tp / positives - fp / negatives;
      if (gap > best) best = gap;
    }
    return best;
  }
}

export class RegressionSegment {
  private ours: RegressionResult | undefined;
  private sums: { squared: number; absolute: number; relative: number; maxError: number; target: number } | undefined;

  private known: RegressionMetrics | undefined;

  constructor(
    readonly yTrue: Float64Array,
    readonly yPred: Float64Array,
    known?: RegressionMetrics,
  ) {
    this.known = known;
  }

  get n(): number {
    return this.yTrue.length;
  }

  get metrics(): RegressionMetrics {
    if (this.known) return this.known;
    this.ours ??= regressionMetrics(this.yTrue, this.yPred);
    return this.ours.metrics;
  }

  /** Sums over the rows: squared and absolute errors, scikit-learn's relative error |e| / max(|y|, eps), the target. */
  get totals(): { squared: number; absolute: number; relative: number; maxError: number; target: number } {
    if (this.sums) return this.sums;
    const squared = new CompensatedSum();
    const absolute = new CompensatedSum();
    const relative = new CompensatedSum();
    const target = new CompensatedSum();
    let maxError = 0;
    for (let i = 0; i < this.n; i += 1) {
      const y = this.yTrue[i] as number;
      const e = Math.abs(y - (this.yPred[i] as number));
      squared.add(e * e);
      absolute.add(e);
      relative.add(e / Math.max(Math.abs(y), FLOAT64_EPS));
      target.add(y);
      if (e > maxError) maxError = e;
    }
    this.sums = { squared: squared.value, absolute: absolute.value, relative: relative.value, maxError, target: target.value };
    return this.sums;
  }
}

/** Splits the rows by an attribute's codes; one pass to count, one to place. */
export function splitByGroup<S>(labels: GroupLabels, make: (rows: Uint32Array) => S): Map<string, S> {
  const counts = new Uint32Array(labels.values.length);
  for (const code of labels.codes) (counts[code] as number) += 1;
  const rows = Array.from(counts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(labels.values.length);
  labels.codes.forEach((code, i) => {
    (rows[code] as Uint32Array)[(fill[code] as number)++] = i;
  });
  const out = new Map<string, S>();
  labels.values.forEach((value, g) => {
    if ((counts[g] as number) > 0) out.set(value, make(rows[g] as Uint32Array));
  });
  return out;
}

export function gather(values: Float64Array | Uint8Array, rows: Uint32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r] as number);
}
