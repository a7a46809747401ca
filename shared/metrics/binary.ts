import { argsortAscending } from './radixSort';
import { CompensatedSum } from './compensatedSum';
import { MetricInputError, type MetricNote } from './metricNotes';

/** Binary classification metrics of a set of rows; the definitions are in index.ts. */

/**
 * scikit-learn's log_loss clipped at eps = 1e-15 before 1.2, and at the float64 epsilon
 * since (eps="auto", the only choice from 1.5); the clip is part of our definition, so a
 * score of exactly 0 or 1 costs at most 15 ln 10.
 */
export const LOG_LOSS_CLIP = 1e-15;
const LOG_LOSS_UPPER = 1 - LOG_LOSS_CLIP;
export const ECE_BINS = 10;
/** The 0.975 quantile of the standard normal (qnorm(0.975) in R, as pROC uses). */
export const Z_975 = 1.959963984540054;

export type BinaryLabels = Uint8Array | Float64Array;

/** A type alias, not an interface, so that it is assignable to the report's MetricSet record. */
export type BinaryMetrics = {
  n: number;
  positives: number;
  roc_auc: number | null;
  roc_auc_ci95: [number, number] | null;
  average_precision: number | null;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  selection_rate: number;
  log_loss: number;
  brier: number;
  ece: number;
};

export interface ConfusionCounts {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface BinaryResult {
  metrics: BinaryMetrics;
  confusion: ConfusionCounts;
  notes: MetricNote[];
}

/** Rows in ascending score order: `scores[k]` is the k-th smallest score and `labels[k]` its label. */
export interface ScoreSortedRows {
  scores: Float64Array;
  labels: Uint8Array;
}

export function checkBinaryInputs(yTrue: BinaryLabels, yScore: Float64Array, threshold: number): void {
  if (yTrue.length !== yScore.length) {
    throw new MetricInputError(`y_true has ${yTrue.length} values but y_score has ${yScore.length}; every row needs both.`, 'y_score');
  }
  if (yTrue.length === 0) throw new MetricInputError('There are no prediction rows to compute metrics from.', 'y_true');
  if (!Number.isFinite(threshold)) {
    throw new MetricInputError(`The decision threshold is ${threshold}; it must be a finite number.`, 'decision_threshold');
  }
  for (let i = 0; i < yTrue.length; i += 1) {
    const y = yTrue[i] as number;
    if (y !== 0 && y !== 1) throw new MetricInputError(`y_true at row ${i + 1} is ${y}; a binary label must be 0 or 1.`, 'y_true', i + 1);
    const s = yScore[i] as number;
    // Written so that NaN fails too.
    if (!(s >= 0 && s <= 1)) throw new MetricInputError(`y_score at row ${i + 1} is ${s}; a probability must be a number from 0 to 1.`, 'y_score', i + 1);
  }
}

/** One sort for everything: the order is reused to lay out groups already sorted (see partitionRows). */
export function sortByScore(yTrue: BinaryLabels, yScore: Float64Array): { order: Uint32Array; rows: ScoreSortedRows } {
  const order = argsortAscending(yScore);
  return { order, rows: gatherRows(yTrue, yScore, order) };
}

export function gatherRows(yTrue: BinaryLabels, yScore: Float64Array, rows: Uint32Array, into?: ScoreSortedRows): ScoreSortedRows {
  const n = rows.length;
  const scores = into?.scores ?? new Float64Array(n);
  const labels = into?.labels ?? new Uint8Array(n);
  for (let k = 0; k < n; k += 1) {
    const row = rows[k] as number;
    scores[k] = yScore[row] as number;
    labels[k] = yTrue[row] as number;
  }
  return { scores, labels };
}

/**
 * All metrics of the rows `start` (inclusive) to `end` (exclusive) of score-sorted rows.
 * The rows must already be checked (checkBinaryInputs) and the segment non-empty.
 */
export function sortedSegmentMetrics(rows: ScoreSortedRows, start: number, end: number, threshold: number): BinaryResult {
  const { scores, labels } = rows;
  const n = end - start;
  let positives = 0;
  let tp = 0;
  let fp = 0;
  const logLoss = new CompensatedSum();
  const brier = new CompensatedSum();
  const binRows = new Float64Array(ECE_BINS);
  const binPositives = new Float64Array(ECE_BINS);
  const binScores = Array.from({ length: ECE_BINS }, () => new CompensatedSum());
  for (let k = start; k < end; k += 1) {
    const s = scores[k] as number;
    const y = labels[k] as number;
    positives += y;
    if (s >= threshold) {
      if (y === 1) tp += 1;
      else fp += 1;
    }
    const p = s < LOG_LOSS_CLIP ? LOG_LOSS_CLIP : s > LOG_LOSS_UPPER ? LOG_LOSS_UPPER : s;
    logLoss.add(y === 1 ? -Math.log(p) : -Math.log1p(-p));
    const e = s - y;
    brier.add(e * e);
    const bin = Math.min(Math.floor(ECE_BINS * s), ECE_BINS - 1);
    (binRows[bin] as number) += 1;
    (binPositives[bin] as number) += y;
    (binScores[bin] as CompensatedSum).add(s);
  }
  const negatives = n - positives;
  const tn = negatives - fp;
  const fn = positives - tp;

  let ece = 0;
  for (let b = 0; b < ECE_BINS; b += 1) {
    const rowsInBin = binRows[b] as number;
    if (rowsInBin === 0) continue;
    const gap = (binPositives[b] as number) / rowsInBin - (binScores[b] as CompensatedSum).value / rowsInBin;
    ece += (rowsInBin / n) * Math.abs(gap);
  }

  const notes: MetricNote[] = [];
  const ranking = rankingMetrics(scores, labels, start, end, positives, negatives, notes);
  const predicted = tp + fp;
  if (predicted === 0) notes.push({ metric: 'precision', outcome: 'convention', reason: 'no_predicted_positives' });
  if (positives === 0) notes.push({ metric: 'recall', outcome: 'convention', reason: 'no_positives' });
  const f1Denominator = 2 * tp + fp + fn;
  if (f1Denominator === 0) notes.push({ metric: 'f1', outcome: 'convention', reason: 'no_positives' });

  return {
    metrics: {
      n,
      positives,
      ...ranking,
      accuracy: (tp + tn) / n,
      precision: predicted === 0 ? 0 : tp / predicted,
      recall: positives === 0 ? 0 : tp / positives,
      f1: f1Denominator === 0 ? 0 : (2 * tp) / f1Denominator,
      selection_rate: predicted / n,
      log_loss: logLoss.value / n,
      brier: brier.value / n,
      ece,
    },
    confusion: { tp, fp, tn, fn },
    notes,
  };
}

/**
 * AUC, its DeLong interval and average precision from one walk over the tie groups of the
 * sorted segment (and a second for DeLong's variance, which needs the AUC first).
 *
 * In a tie group with p positives and q negatives, above `negBelow` negatives and
 * `posBelow` positives, each positive's DeLong component (Sun & Xu's V10, the midrank
 * among all minus the midrank among positives, over the negatives) is
 * (negBelow + q/2) / negatives, and each negative's (V01) is (posAbove + p/2) / positives.
 * Their means are the AUC; twice the Mann-Whitney count stays an exact integer.
 */
function rankingMetrics(
  scores: Float64Array,
  labels: Uint8Array,
  start: number,
  end: number,
  positives: number,
  negatives: number,
  notes: MetricNote[],
): Pick<BinaryMetrics, 'roc_auc' | 'roc_auc_ci95' | 'average_precision'> {
  let twiceU = 0;
  const precisionSum = new CompensatedSum();
  let posBelow = 0;
  let negBelow = 0;
  for (let i = start; i < end; ) {
    const s = scores[i] as number;
    let j = i;
    let p = 0;
    while (j < end && scores[j] === s) {
      p += labels[j] as number;
      j += 1;
    }
    const q = j - i - p;
    twiceU += p * (2 * negBelow + q);
    if (p > 0) {
      // Precision at this threshold: everything scored at or above it is predicted positive.
      const tps = positives - posBelow;
      const fps = negatives - negBelow;
      precisionSum.add(p * (tps / (tps + fps)));
    }
    posBelow += p;
    negBelow += q;
    i = j;
  }

  const averagePrecision = positives === 0 ? null : precisionSum.value / positives;
  if (positives === 0 || negatives === 0) {
    const reason = positives === 0 ? 'no_positives' : 'no_negatives';
    notes.push({ metric: 'roc_auc', outcome: 'null', reason }, { metric: 'roc_auc_ci95', outcome: 'null', reason });
    if (positives === 0) notes.push({ metric: 'average_precision', outcome: 'null', reason });
    return { roc_auc: null, roc_auc_ci95: null, average_precision: averagePrecision };
  }
  const auc = twiceU / (2 * positives * negatives);
  if (positives === 1 || negatives === 1) {
    notes.push({ metric: 'roc_auc_ci95', outcome: 'null', reason: positives === 1 ? 'single_positive' : 'single_negative' });
    return { roc_auc: auc, roc_auc_ci95: null, average_precision: averagePrecision };
  }

  const spreadPositives = new CompensatedSum();
  const spreadNegatives = new CompensatedSum();
  posBelow = 0;
  negBelow = 0;
  for (let i = start; i < end; ) {
    const s = scores[i] as number;
    let j = i;
    let p = 0;
    while (j < end && scores[j] === s) {
      p += labels[j] as number;
      j += 1;
    }
    const q = j - i - p;
    if (p > 0) {
      const d = (2 * negBelow + q) / (2 * negatives) - auc;
      spreadPositives.add(p * d * d);
    }
    if (q > 0) {
      const d = (2 * (positives - posBelow - p) + p) / (2 * positives) - auc;
      spreadNegatives.add(q * d * d);
    }
    posBelow += p;
    negBelow += q;
    i = j;
  }
  const variance = spreadPositives.value / ((positives - 1) * positives) + spreadNegatives.value / ((negatives - 1) * negatives);
  const half = Z_975 * Math.sqrt(variance);
  return { roc_auc: auc, roc_auc_ci95: [Math.max(0, auc - half), Math.min(1, auc + half)], average_precision: averagePrecision };
}

/** The metrics of all rows, without groups. */
export function binaryMetrics(yTrue: BinaryLabels, yScore: Float64Array, threshold: number): BinaryResult {
  checkBinaryInputs(yTrue, yScore, threshold);
  const { rows } = sortByScore(yTrue, yScore);
  return sortedSegmentMetrics(rows, 0, yTrue.length, threshold);
}
