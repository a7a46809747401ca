import { describe, expect, it } from 'vitest';
import {
  binaryMetrics,
  binCounts,
  categoricalPsi,
  classifyColumn,
  decileEdges,
  evaluateBinary,
  featureDrift,
  ksStatistic,
  MetricInputError,
  numericDrift,
  regressionMetrics,
} from '../../../shared/metrics';

/** Small cases worked by hand; each expected number is written as the arithmetic that gives it. */

const Z = 1.959963984540054;
const f64 = (...xs: number[]): Float64Array => Float64Array.from(xs);

describe('binary classification by hand', () => {
  // scikit-learn's documentation example: y = [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8].
  const docs = binaryMetrics(f64(0, 0, 1, 1), f64(0.1, 0.4, 0.35, 0.8), 0.5);

  it('AUC and average precision', () => {
    // Pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) lose, (0.8, *) win twice: 3 of 4.
    expect(docs.metrics.roc_auc).toBe(0.75);
    // Descending: 0.8 is positive (P 1, recall 1/2), 0.4 negative, 0.35 positive (P 2/3, recall 1).
    expect(docs.metrics.average_precision).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 15);
  });

  it("DeLong's interval, clipped at 1", () => {
    // V10 (positives): 0.35 beats 1 of 2 negatives -> 1/2; 0.8 beats both -> 1.
    // V01 (negatives): 0.1 is beaten by both positives -> 1; 0.4 by one -> 1/2.
    const s10 = ((0.5 - 0.75) ** 2 + (1 - 0.75) ** 2) / (2 - 1);
    const s01 = ((1 - 0.75) ** 2 + (0.5 - 0.75) ** 2) / (2 - 1);
    const half = Z * Math.sqrt(s10 / 2 + s01 / 2);
    const [lo, hi] = docs.metrics.roc_auc_ci95 ?? [NaN, NaN];
    expect(lo).toBeCloseTo(0.75 - half, 14);
    expect(hi).toBe(1);
  });

  it('threshold metrics: only 0.8 reaches 0.5', () => {
    expect(docs.confusion).toEqual({ tp: 1, fp: 0, tn: 2, fn: 1 });
    expect(docs.metrics).toMatchObject({ n: 4, positives: 2, accuracy: 3 / 4, precision: 1, recall: 1 / 2, selection_rate: 1 / 4 });
    expect(docs.metrics.f1).toBeCloseTo((2 * 1) / (2 * 1 + 0 + 1), 15);
  });

  it('log loss, Brier and calibration error', () => {
    expect(docs.metrics.log_loss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, 14);
    expect(docs.metrics.brier).toBeCloseTo((0.1 ** 2 + 0.4 ** 2 + 0.65 ** 2 + 0.2 ** 2) / 4, 15);
    // One row per bin (1, 4, 3, 8): each contributes |y - score| / 4.
    expect(docs.metrics.ece).toBeCloseTo((0.1 + 0.4 + 0.65 + 0.2) / 4, 15);
    expect(docs.notes).toEqual([]);
  });

  it('ties count one half, in the AUC and in the DeLong components', () => {
    const r = binaryMetrics(f64(0, 1, 0, 1), f64(0.5, 0.5, 0.2, 0.9), 0.5);
    // Positive 0.5 vs negatives 0.5 (tie, 1/2) and 0.2 (win); positive 0.9 wins twice: 3.5 of 4.
    expect(r.metrics.roc_auc).toBe(0.875);
    // Thresholds 0.9 (P 1, recall 1/2) and 0.5 (two positives, one negative: P 2/3, recall 1).
    expect(r.metrics.average_precision).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15);
    // V10: 0.5 -> (1 + 1/2) / 2, 0.9 -> 1. V01: 0.2 -> 1, 0.5 -> (1 + 1/2) / 2.
    const s = ((0.75 - 0.875) ** 2 + (1 - 0.875) ** 2) / 1;
    expect(r.metrics.roc_auc_ci95?.[0]).toBeCloseTo(0.875 - Z * Math.sqrt(s / 2 + s / 2), 14);
  });

  it('clips log loss at 1e-15 and puts a score of exactly 1 in the last calibration bin', () => {
    const clipped = binaryMetrics(f64(1, 0), f64(0, 0), 0.5);
    // -ln(1e-15) = 15 ln 10 for the positive; -ln(1 - 0) = 0 for the negative, clipped to about 1e-15.
    expect(clipped.metrics.log_loss).toBeCloseTo((15 * Math.LN10) / 2, 12);
    const r = binaryMetrics(f64(0, 1, 1, 1), f64(0.05, 0.07, 0.95, 1), 0.5);
    // Bin 0 holds 0.05 and 0.07 (labels 0, 1); bin 9 holds 0.95 and 1 (labels 1, 1).
    expect(r.metrics.ece).toBeCloseTo(0.5 * Math.abs(0.5 - 0.06) + 0.5 * Math.abs(1 - 0.975), 15);
    expect(r.metrics.brier).toBeCloseTo((0.05 ** 2 + 0.93 ** 2 + 0.05 ** 2 + 0) / 4, 15);
  });
});

describe('undefined metrics say why', () => {
  it('no positives: AUC, its interval and AP are null; recall is 0 by convention', () => {
    const r = binaryMetrics(f64(0, 0, 0), f64(0.2, 0.6, 0.9), 0.5);
    expect(r.metrics).toMatchObject({ roc_auc: null, roc_auc_ci95: null, average_precision: null, recall: 0, precision: 0, f1: 0 });
    expect(r.notes).toEqual([
      { metric: 'roc_auc', outcome: 'null', reason: 'no_positives' },
      { metric: 'roc_auc_ci95', outcome: 'null', reason: 'no_positives' },
      { metric: 'average_precision', outcome: 'null', reason: 'no_positives' },
      { metric: 'recall', outcome: 'convention', reason: 'no_positives' },
    ]);
  });

  it('no negatives: AUC is null but average precision is 1', () => {
    const r = binaryMetrics(f64(1, 1), f64(0.2, 0.9), 0.5);
    expect(r.metrics).toMatchObject({ roc_auc: null, roc_auc_ci95: null, average_precision: 1, recall: 0.5 });
    expect(r.notes.map((n) => [n.metric, n.reason])).toEqual([
      ['roc_auc', 'no_negatives'],
      ['roc_auc_ci95', 'no_negatives'],
    ]);
  });

  it('one positive: an AUC but no DeLong interval (its variance divides by m - 1)', () => {
    const r = binaryMetrics(f64(1, 0, 0), f64(0.7, 0.2, 0.8), 0.5);
    expect(r.metrics.roc_auc).toBe(0.5);
    expect(r.metrics.roc_auc_ci95).toBeNull();
    expect(r.notes).toEqual([{ metric: 'roc_auc_ci95', outcome: 'null', reason: 'single_positive' }]);
  });

  it('nothing predicted positive: precision 0 by convention; no positives either makes f1 0 / 0', () => {
    const some = binaryMetrics(f64(1, 0), f64(0.3, 0.2), 0.5);
    expect(some.metrics).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(some.notes.filter((n) => n.outcome === 'convention')).toEqual([{ metric: 'precision', outcome: 'convention', reason: 'no_predicted_positives' }]);
    const none = binaryMetrics(f64(0, 0), f64(0.3, 0.2), 0.5);
    expect(none.notes.filter((n) => n.outcome === 'convention').map((n) => n.metric)).toEqual(['precision', 'recall', 'f1']);
  });
});

describe("fairness, Fairlearn's definitions", () => {
  // Scores 0.9 are predicted positive, 0.1 negative (threshold 0.5).
  // A: y 1 1 0 0, predicted 1 0 1 0 -> selection 1/2, TPR 1/2, FPR 1/2
  // B: y 1 0 0 0, predicted 1 0 0 0 -> selection 1/4, TPR 1,   FPR 0
  // C: y 0 0,     predicted 0 1     -> selection 1/2, TPR undefined (no positives), FPR 1/2
  const yTrue = f64(1, 1, 0, 0, 1, 0, 0, 0, 0, 0);
  const yScore = f64(0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.1, 0.1, 0.1, 0.9);
  const codes = Uint32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  const result = evaluateBinary(yTrue, yScore, 0.5, { group: { codes, values: ['A', 'B', 'C'] } });

  it('demographic parity difference and ratio over selection rates', () => {
    expect(result.groups.group?.C?.metrics.selection_rate).toBe(0.5);
    expect(result.fairness.group?.metrics.demographic_parity_difference).toBe(0.5 - 0.25);
    expect(result.fairness.group?.metrics.demographic_parity_ratio).toBe(0.25 / 0.5);
  });

  it('equalized odds leaves out the group whose TPR is undefined, and says so', () => {
    // TPR spread over A and B: 1 - 1/2. FPR spread over A, B, C: 1/2 - 0. Fairlearn would
    // count C's TPR as 0 and report 1.
    expect(result.fairness.group?.metrics.equalized_odds_difference).toBe(0.5);
    expect(result.fairness.group?.notes).toEqual([{ metric: 'equalized_odds_difference', outcome: 'group_left_out', reason: 'no_positives', group: 'C' }]);
  });

  it('a group without negatives is left out of the FPR spread', () => {
    // D: one positive, predicted positive: TPR 1, no FPR. A alone sets the FPR spread to 0.
    const r = evaluateBinary(f64(1, 1, 0, 0, 1), f64(0.9, 0.1, 0.9, 0.1, 0.9), 0.5, { g: { codes: Uint32Array.from([0, 0, 0, 0, 1]), values: ['A', 'D'] } });
    expect(r.fairness.g?.metrics.equalized_odds_difference).toBe(1 - 0.5);
    expect(r.fairness.g?.notes).toEqual([{ metric: 'equalized_odds_difference', outcome: 'group_left_out', reason: 'no_negatives', group: 'D' }]);
  });

  it('a ratio of 1 when no group selects anyone', () => {
    const r = evaluateBinary(f64(1, 0, 1), f64(0.1, 0.2, 0.3), 0.5, { g: { codes: Uint32Array.from([0, 1, 1]), values: ['x', 'y'] } });
    expect(r.fairness.g?.metrics).toEqual({ demographic_parity_difference: 0, demographic_parity_ratio: 1, equalized_odds_difference: 0 });
    expect(r.fairness.g?.notes).toContainEqual({ metric: 'demographic_parity_ratio', outcome: 'convention', reason: 'no_predicted_positives' });
  });

  it('group values are ordinary keys, even "__proto__"; a listed value without rows has no entry', () => {
    const r = evaluateBinary(f64(1, 0), f64(0.9, 0.1), 0.5, { g: { codes: Uint32Array.from([0, 0]), values: ['__proto__', 'unused'] } });
    expect(Object.keys(r.groups.g ?? {})).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(r.groups.g, '__proto__')?.value.metrics.n).toBe(2);
  });
});

describe('regression by hand', () => {
  it("scikit-learn's documentation example", () => {
    const r = regressionMetrics(f64(3, -0.5, 2, 7), f64(2.5, 0, 2, 8));
    // Errors 0.5, -0.5, 0, -1; mean of y 2.875.
    expect(r.metrics.n).toBe(4);
    expect(r.metrics.rmse).toBeCloseTo(Math.sqrt((0.25 + 0.25 + 0 + 1) / 4), 15);
    expect(r.metrics.mae).toBe((0.5 + 0.5 + 0 + 1) / 4);
    const ssTot = 0.125 ** 2 + 3.375 ** 2 + 0.875 ** 2 + 4.125 ** 2;
    expect(r.metrics.r2).toBeCloseTo(1 - 1.5 / ssTot, 15);
    expect(r.notes).toEqual([]);
  });

  it('constant y_true: 1 for a perfect fit, else 0 (force_finite), with a note; one row: null', () => {
    expect(regressionMetrics(f64(2, 2, 2), f64(2, 2, 2)).metrics.r2).toBe(1);
    const missed = regressionMetrics(f64(2, 2, 2), f64(2, 2, 3));
    expect(missed.metrics.r2).toBe(0);
    expect(missed.notes).toEqual([{ metric: 'r2', outcome: 'convention', reason: 'constant_y_true' }]);
    const single = regressionMetrics(f64(2), f64(3));
    expect(single.metrics).toEqual({ n: 1, rmse: 1, mae: 1, r2: null });
    expect(single.notes).toEqual([{ metric: 'r2', outcome: 'null', reason: 'single_row' }]);
  });
});

describe('drift by hand', () => {
  it('numeric PSI: duplicate decile edges dropped, right-closed bins, empty bins at 1e-4', () => {
    // 11 values: the deciles sit at positions 1..9 exactly, 0 0 0 0 1 2 3 4 5 -> edges 0..5.
    const reference = f64(0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6);
    expect([...decileEdges(reference)]).toEqual([0, 1, 2, 3, 4, 5]);
    // Bins (-inf, 0] (0, 1] (1, 2] (2, 3] (3, 4] (4, 5] (5, inf); 1 falls in (0, 1].
    expect([...binCounts(reference, decileEdges(reference))]).toEqual([5, 1, 1, 1, 1, 1, 1]);
    const current = f64(0, 0, 1, 1, 1, 1, 7, 7, 7, 7);
    expect([...binCounts(current, decileEdges(reference))]).toEqual([2, 4, 0, 0, 0, 0, 4]);
    const term = (cur: number, ref: number): number => (cur - ref) * Math.log(cur / ref);
    const expected = term(2 / 10, 5 / 11) + term(4 / 10, 1 / 11) + 4 * term(1e-4, 1 / 11) + term(4 / 10, 1 / 11);
    expect(numericDrift(reference, current).psi).toBeCloseTo(expected, 14);
  });

  it('deciles interpolate linearly between neighbours, as numpy.percentile', () => {
    // Positions 4q for [1, 2, 3, 4, 5]: 0.4, 0.8, ... 3.6 -> 1.4, 1.8, ... 4.6.
    const edges = [...decileEdges(f64(1, 2, 3, 4, 5))];
    [1.4, 1.8, 2.2, 2.6, 3.0, 3.4, 3.8, 4.2, 4.6].forEach((e, i) => expect(edges[i]).toBeCloseTo(e, 14));
  });

  it('categorical PSI: a category seen in only one sample gets 1e-4 on the other side', () => {
    // a: 2/4 vs 1/4, b: 1/4 vs 2/4, c: only current, d: only reference.
    const psi = categoricalPsi(['a', 'a', 'b', 'd'], ['a', 'b', 'b', 'c']);
    const term = (cur: number, ref: number): number => (cur - ref) * Math.log(cur / ref);
    expect(psi).toBeCloseTo(term(0.25, 0.5) + term(0.5, 0.25) + term(0.25, 1e-4) + term(1e-4, 0.25), 14);
  });

  it('KS: the largest gap between the two empirical CDFs, ties moving both', () => {
    // At 1: 1/3 - 0; at 2: 2/3 - 1/4; at 3: 1 - 2/4; then the gap shrinks.
    expect(ksStatistic(f64(1, 2, 3), f64(2, 3, 4, 5))).toBe(0.5);
    expect(ksStatistic(f64(1, 2), f64(1, 2))).toBe(0);
  });

  it('counts empty cells, leaves them out, and classifies the column', () => {
    const r = featureDrift(['1', '', null, '2.5'], ['3', null]);
    expect(r.kind).toBe('numeric');
    expect(r.metrics.missing).toEqual([2, 1]);
    expect(r.metrics.ks).toBe(1);
    const text = featureDrift(['1', 'x'], ['1']);
    expect(text).toMatchObject({ kind: 'categorical', metrics: { ks: null }, notes: [{ metric: 'ks', outcome: 'null', reason: 'categorical' }] });
    expect(featureDrift(['1'], [null]).notes).toEqual([
      { metric: 'psi', outcome: 'null', reason: 'no_current_values' },
      { metric: 'ks', outcome: 'null', reason: 'no_current_values' },
    ]);
  });

  it('numeric means finite decimal numbers and nothing else', () => {
    expect(classifyColumn(['1e3', '-.5', '5.', '+2', null, ''])).toBe('numeric');
    // pandas, R and SQL exports write a missing number as one of these: missing, not a category.
    expect(classifyColumn(['1', 'NA', 'NaN', 'nan', 'null', 'None'])).toBe('numeric');
    for (const cell of ['Infinity', 'N/A', 'none', ' 1', '1 ', '0x10', '0b1', '1_000', '1e400', '.', '-', 'e5']) {
      expect(classifyColumn(['1', cell]), cell).toBe('categorical');
    }
    expect(classifyColumn(['1'], ['2', 'two'])).toBe('categorical');
  });
});

describe('input that cannot be scored', () => {
  const error = (fn: () => unknown): MetricInputError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof MetricInputError) return e;
      throw e;
    }
    throw new Error('expected a MetricInputError');
  };

  it('names the field and the row', () => {
    expect(error(() => binaryMetrics(f64(0, 2), f64(0.1, 0.2), 0.5))).toMatchObject({ message: 'y_true at row 2 is 2; a binary label must be 0 or 1.', field: 'y_true', row: 2 });
    expect(error(() => binaryMetrics(f64(0, 1), f64(0.1, NaN), 0.5))).toMatchObject({ message: 'y_score at row 2 is NaN; a probability must be a number from 0 to 1.', row: 2 });
    expect(error(() => binaryMetrics(f64(0), f64(1.5), 0.5)).field).toBe('y_score');
    expect(error(() => binaryMetrics(f64(0, 1), f64(0.1), 0.5)).message).toBe('y_true has 2 values but y_score has 1; every row needs both.');
    expect(error(() => binaryMetrics(f64(), f64(), 0.5)).message).toBe('There are no prediction rows to compute metrics from.');
    expect(error(() => regressionMetrics(f64(1, Infinity), f64(1, 2)))).toMatchObject({ field: 'y_true', row: 2 });
  });

  it('refuses group labels that do not fit the rows', () => {
    expect(error(() => evaluateBinary(f64(0, 1), f64(0.1, 0.2), 0.5, { sex: { codes: Uint32Array.from([0]), values: ['F'] } })).message).toBe(
      'sex has 1 values for 2 prediction rows; every row needs a group.',
    );
    expect(error(() => evaluateBinary(f64(0, 1), f64(0.1, 0.2), 0.5, { sex: { codes: Uint32Array.from([0, 3]), values: ['F'] } }))).toMatchObject({ field: 'sex', row: 2 });
  });

  it('names, of several problems, the one the checks meet first: the shapes (a value listed twice) before any row, labels and scores before any group code, attributes in order, packed or not', () => {
    const n = 5000;
    const yTrue = Float64Array.from({ length: n }, (_, i) => i % 2);
    const yScore = Float64Array.from({ length: n }, (_, i) => (i % 1000) / 1000);
    const two = () => ({ codes: Uint32Array.from({ length: n }, (_, i) => i % 2), values: ['F', 'M'] });
    // 17 bits each: two of them and the label do not fit one word, so the sort carries row numbers.
    const wide = () => ({ codes: Uint32Array.from({ length: n }, (_, i) => i % 3), values: Array.from({ length: 70_000 }, (_, g) => `g${g}`) });
    for (const make of [two, wide]) {
      const sex = make();
      const region = make();
      region.codes[10] = 99_999;
      sex.codes[4000] = 99_999;
      const badScore = Float64Array.from(yScore);
      badScore[3000] = 1.5;
      expect(error(() => evaluateBinary(yTrue, badScore, 0.5, { sex, region }))).toMatchObject({ message: 'y_score at row 3001 is 1.5; a probability must be a number from 0 to 1.', row: 3001 });
      expect(error(() => evaluateBinary(yTrue, yScore, 0.5, { sex, region }))).toMatchObject({ field: 'sex', row: 4001 });
      expect(error(() => evaluateBinary(yTrue, yScore, 0.5, { region, sex }))).toMatchObject({ field: 'region', row: 11 });
      const twice = { codes: make().codes, values: ['F', 'F'] };
      expect(error(() => evaluateBinary(yTrue, badScore, 0.5, { sex: twice })).message).toBe('sex lists a group value twice; each value must have one code.');
    }
  });
});
