import { sortWithPayload, type Payload } from './radixSort';
import { codesInOrder, type GroupCodes, type GroupLabels } from './partition';
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

/**
 * Rows in ascending score order: `scores[k]` is the k-th smallest score and `labels[k] & 1`
 * its label (the other bits may hold the row's group codes: the sort's payload serves as
 * the labels, with no array of its own).
 */
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

/** An attribute's groups of the score-sorted rows: the k-th row is in group `(codes[k] >>> shift) & mask` of `groups`. */
export interface SortedGroups {
  codes: GroupCodes;
  shift: number;
  mask: number;
  groups: number;
}

/** Bits that hold a code below `groups`. */
const bitsFor = (groups: number): number => (groups <= 1 ? 0 : 32 - Math.clz32(groups - 1));

/** A payload array of n rows whose words hold `bits` bits: a byte a row for up to 8. */
const payloadOf = (bits: number, n: number): Payload => (bits <= 8 ? new Uint8Array(n) : bits <= 16 ? new Uint16Array(n) : new Uint32Array(n));

/**
 * One sort for everything: the rows in score order, and each attribute's groups in the
 * same order. When a row's label and group codes fit in 32
 * bits (a label bit, then each attribute's code: 20 attributes of 2 values, or 3 of 1,000),
 * they are packed into one word that the sort carries along, in the narrowest array that
 * holds them (a byte for a label and two attributes of 2 and 5 values); otherwise the sort
 * carries each row's index and the labels and codes are gathered by it.
 * `spare` is room as long as the rows that the sort no longer needs (groupSegments lays the
 * groups out there). The attributes' codes must already be checked (checkGroupLabels).
 */
export function sortByScore(
  yTrue: BinaryLabels,
  yScore: Float64Array,
  attributes: readonly GroupLabels[] = [],
): { rows: ScoreSortedRows; partitions: SortedGroups[]; spare: ScoreSortedRows } {
  const n = yScore.length;
  const widths = attributes.map((labels) => bitsFor(labels.values.length));
  const bits = widths.reduce((sum, w) => sum + w, 1);
  if (bits <= 32) {
    const words = payloadOf(bits, n);
    for (let i = 0; i < n; i += 1) words[i] = yTrue[i] as number;
    let shift = 1;
    const shifts = widths.map((w, a) => {
      const { codes } = attributes[a] as GroupLabels;
      for (let i = 0; i < n; i += 1) words[i] = (words[i] as number) | ((codes[i] as number) << shift);
      shift += w;
      return shift - w;
    });
    const { sorted, payload, spare } = sortWithPayload(yScore, words);
    let labels: Uint8Array;
    if (payload instanceof Uint8Array) labels = payload;
    else {
      // Made after the sort, whose peak it would otherwise add to.
      labels = new Uint8Array(n);
      for (let k = 0; k < n; k += 1) labels[k] = (payload[k] as number) & 1;
    }
    const partitions = attributes.map((a, i) => ({ codes: payload, shift: shifts[i] as number, mask: 2 ** (widths[i] as number) - 1, groups: a.values.length }));
    return { rows: { scores: sorted, labels }, partitions, spare: { scores: spare.values, labels: new Uint8Array(spare.payload.buffer, 0, n) } };
  }
  const { sorted, payload: order, spare } = sortWithPayload(yScore, Uint32Array.from({ length: n }, (_, i) => i));
  const labels = new Uint8Array(n);
  for (let k = 0; k < n; k += 1) labels[k] = yTrue[order[k] as number] as number;
  const partitions = attributes.map((a) => ({ codes: codesInOrder(a.codes, order), shift: 0, mask: 0x7fffffff, groups: a.values.length }));
  return { rows: { scores: sorted, labels }, partitions, spare: { scores: spare.values, labels: new Uint8Array(spare.payload.buffer, 0, n) } };
}

/**
 * Lays out the score-sorted rows group by group into `into` (as long as the rows), by one
 * counting pass and one stable placing pass that read the rows in order: each group's rows
 * stay in score order, so no group needs a sort of its own, and nothing is read at random.
 * The rows of group g are `into[offsets[g]]` up to `into[offsets[g + 1]]`.
 */
export function groupSegments(rows: ScoreSortedRows, partition: SortedGroups, into: ScoreSortedRows): Uint32Array {
  const { codes, shift, mask, groups } = partition;
  const n = rows.scores.length;
  const offsets = new Uint32Array(groups + 1);
  for (let k = 0; k < n; k += 1) (offsets[(((codes[k] as number) >>> shift) & mask) + 1] as number) += 1;
  for (let g = 0; g < groups; g += 1) (offsets[g + 1] as number) += offsets[g] as number;
  const next = offsets.slice(0, groups);
  const { scores, labels } = rows;
  for (let k = 0; k < n; k += 1) {
    const code = ((codes[k] as number) >>> shift) & mask;
    const at = next[code] as number;
    into.scores[at] = scores[k] as number;
    into.labels[at] = labels[k] as number;
    next[code] = at + 1;
  }
  return offsets;
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
  // Rows come in score order, so equal scores are neighbours: each class's loss is taken once a score.
  let positiveScore = NaN;
  let positiveLoss = 0;
  let negativeScore = NaN;
  let negativeLoss = 0;
  for (let k = start; k < end; k += 1) {
    const s = scores[k] as number;
    const y = (labels[k] as number) & 1;
    positives += y;
    if (s >= threshold) {
      if (y === 1) tp += 1;
      else fp += 1;
    }
    if (y === 1) {
      if (s !== positiveScore) {
        positiveScore = s;
        positiveLoss = -Math.log(s < LOG_LOSS_CLIP ? LOG_LOSS_CLIP : s > LOG_LOSS_UPPER ? LOG_LOSS_UPPER : s);
      }
      logLoss.add(positiveLoss);
    } else {
      if (s !== negativeScore) {
        negativeScore = s;
        negativeLoss = -Math.log1p(-(s < LOG_LOSS_CLIP ? LOG_LOSS_CLIP : s > LOG_LOSS_UPPER ? LOG_LOSS_UPPER : s));
      }
      logLoss.add(negativeLoss);
    }
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
      p += (labels[j] as number) & 1;
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
      p += (labels[j] as number) & 1;
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
