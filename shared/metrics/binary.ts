import { ownRoom, runSteps, sortingWithPayload, type Payload, type Room, type SortSteps } from './radixSort';
import { checkGroupCodes, codeRefused, codesInOrder, type GroupCodes, type GroupLabels } from './partition';
import { addCompensated } from './compensatedSum';
import { searchSorted } from './searchSorted';
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
  /** A score at or above the threshold is positive (our rule). */
  confusion: ConfusionCounts;
  /** Only a score above the threshold is positive (scikit-learn's predict()): the rows scored exactly at it are negative. */
  confusionAbove: ConfusionCounts;
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

/** Refuses prediction rows of different lengths or none, and a threshold that is not a finite number. */
export function checkBinaryShape(yTrue: BinaryLabels, yScore: Float64Array, threshold: number): void {
  if (yTrue.length !== yScore.length) {
    throw new MetricInputError(`y_true has ${yTrue.length} values but y_score has ${yScore.length}; every row needs both.`, 'y_score');
  }
  if (yTrue.length === 0) throw new MetricInputError('There are no prediction rows to compute metrics from.', 'y_true');
  if (!Number.isFinite(threshold)) {
    throw new MetricInputError(`The decision threshold is ${threshold}; it must be a finite number.`, 'decision_threshold');
  }
}

/** Whether a row's label is 0 or 1 and its score a probability (written so that a NaN score is not). */
const isBinaryRow = (y: number, s: number): boolean => (y === 0 || y === 1) && s >= 0 && s <= 1;

/**
 * Refuses row `i`, naming it and what is wrong with it; called only for a row that is not
 * isBinaryRow, so that the loops that test every row stay small.
 */
function refuseBinaryRow(y: number, s: number, i: number): never {
  if (y !== 0 && y !== 1) throw new MetricInputError(`y_true at row ${i + 1} is ${y}; a binary label must be 0 or 1.`, 'y_true', i + 1);
  throw new MetricInputError(`y_score at row ${i + 1} is ${s}; a probability must be a number from 0 to 1.`, 'y_score', i + 1);
}

/** Refuses, naming the first such row, a label that is not 0 or 1 or a score that is not a probability. */
function checkBinaryRows(yTrue: BinaryLabels, yScore: Float64Array): void {
  for (let i = 0; i < yTrue.length; i += 1) {
    const y = yTrue[i] as number;
    const s = yScore[i] as number;
    if (!isBinaryRow(y, s)) refuseBinaryRow(y, s, i);
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
const payloadOf = (bits: number, n: number, room: Room): Payload =>
  bits <= 8 ? new Uint8Array(room(n)) : bits <= 16 ? new Uint16Array(room(2 * n)) : new Uint32Array(room(4 * n));

/** A sensitive attribute by name, as a refusal names it. */
export type NamedGroups = readonly [name: string, labels: GroupLabels];

/**
 * One sort for everything: the rows in score order, and each attribute's groups in the
 * same order. When a row's label and group codes fit in 32
 * bits (a label bit, then each attribute's code: 20 attributes of 2 values, or 3 of 1,000),
 * they are packed into one word that the sort carries along, in the narrowest array that
 * holds them (a byte for a label and two attributes of 2 and 5 values); otherwise the sort
 * carries each row's index and the labels and codes are gathered by it. Every array given
 * back is made in `room`.
 *
 * The rows are refused as checkBinaryRows and checkGroupCodes refuse them, in their order
 * (labels and scores, then each attribute's codes), in the very loops that pack them; the
 * shapes are for the caller to check first (checkBinaryShape, checkGroupValues). Gives the
 * steps (SortSteps) of the sort over `shares` shares of the rows; sortByScore runs them here.
 */
export function sortingByScore(
  yTrue: BinaryLabels,
  yScore: Float64Array,
  attributes: readonly NamedGroups[],
  room: Room,
  shares: number,
): SortSteps<{ rows: ScoreSortedRows; partitions: SortedGroups[] }> {
  const n = yScore.length;
  const widths = attributes.map(([, labels]) => bitsFor(labels.values.length));
  const bits = widths.reduce((sum, w) => sum + w, 1);
  if (bits > 32) {
    checkBinaryRows(yTrue, yScore);
    for (const [name, labels] of attributes) checkGroupCodes(name, labels);
    return sortingByRow(yTrue, yScore, attributes, room, shares);
  }
  const words = payloadOf(bits, n, room);
  for (let i = 0; i < n; i += 1) {
    const y = yTrue[i] as number;
    const s = yScore[i] as number;
    if (!isBinaryRow(y, s)) refuseBinaryRow(y, s, i);
    words[i] = y;
  }
  let shift = 1;
  const shifts: number[] = [];
  for (let a = 0; a < attributes.length; a += 1) {
    const [name, { codes, values }] = attributes[a] as NamedGroups;
    const groups = values.length;
    for (let i = 0; i < n; i += 1) {
      const code = codes[i] as number;
      if (code >= groups) throw codeRefused(name, i, code, groups);
      words[i] = (words[i] as number) | (code << shift);
    }
    shifts.push(shift);
    shift += widths[a] as number;
  }
  return (function* () {
    const { sorted, payload } = yield* sortingWithPayload(yScore, words, room, shares);
    let labels: Uint8Array;
    if (payload instanceof Uint8Array) labels = payload;
    else {
      // Made after the sort, whose peak it would otherwise add to.
      labels = new Uint8Array(room(n));
      for (let k = 0; k < n; k += 1) labels[k] = (payload[k] as number) & 1;
    }
    const partitions = attributes.map(([, a], i) => ({ codes: payload, shift: shifts[i] as number, mask: (1 << (widths[i] as number)) - 1, groups: a.values.length }));
    return { rows: { scores: sorted, labels }, partitions };
  })();
}

/** sortingByScore for codes that do not fit beside the label in 32 bits: the sort carries each row's index. */
function* sortingByRow(yTrue: BinaryLabels, yScore: Float64Array, attributes: readonly NamedGroups[], room: Room, shares: number): SortSteps<{ rows: ScoreSortedRows; partitions: SortedGroups[] }> {
  const n = yScore.length;
  const { sorted, payload: order } = yield* sortingWithPayload(yScore, Uint32Array.from({ length: n }, (_, i) => i), room, shares);
  const labels = new Uint8Array(room(n));
  for (let k = 0; k < n; k += 1) labels[k] = yTrue[order[k] as number] as number;
  const partitions = attributes.map(([, a]) => ({ codes: codesInOrder(a.codes, order, room), shift: 0, mask: 0x7fffffff, groups: a.values.length }));
  return { rows: { scores: sorted, labels }, partitions };
}

/** sortingByScore, run here, for rows of the same length; attributes are named by their place (sensitive attribute 1, 2…) when a code is refused. */
export function sortByScore(yTrue: BinaryLabels, yScore: Float64Array, attributes: readonly GroupLabels[] = [], room: Room = ownRoom): { rows: ScoreSortedRows; partitions: SortedGroups[] } {
  return runSteps(sortingByScore(yTrue, yScore, attributes.map((labels, a) => [`sensitive attribute ${a + 1}`, labels] as const), room, 1));
}

/** All rows as one group: the overall metrics are the metrics of this partition's only group. */
export const allRows = (rows: ScoreSortedRows): SortedGroups => ({ codes: rows.labels, shift: 0, mask: 0, groups: 1 });

/**
 * One walk's sums for every group of a partition, each array a slot a group (the
 * calibration bins ECE_BINS slots a group). A compensated sum is two arrays, its running
 * sum and its compensation (addCompensated).
 */
export class GroupSums {
  readonly rows: Float64Array;
  readonly positives: Float64Array;
  readonly tp: Float64Array;
  readonly fp: Float64Array;
  readonly logLoss: Float64Array;
  readonly logLossError: Float64Array;
  readonly brier: Float64Array;
  readonly brierError: Float64Array;
  readonly binRows: Float64Array;
  readonly binPositives: Float64Array;
  readonly binScores: Float64Array;
  readonly binScoresError: Float64Array;
  /** Twice the Mann-Whitney count, an exact integer. */
  readonly twiceU: Float64Array;
  readonly precision: Float64Array;
  readonly precisionError: Float64Array;
  readonly spreadPositives: Float64Array;
  readonly spreadPositivesError: Float64Array;
  readonly spreadNegatives: Float64Array;
  readonly spreadNegativesError: Float64Array;
  /** The rows scored exactly at the threshold, and the positives among them. */
  readonly tiedRows: Float64Array;
  readonly tiedPositives: Float64Array;

  constructor(groups: number) {
    const slots = () => new Float64Array(groups);
    const bins = () => new Float64Array(groups * ECE_BINS);
    this.rows = slots();
    this.positives = slots();
    this.tp = slots();
    this.fp = slots();
    this.logLoss = slots();
    this.logLossError = slots();
    this.brier = slots();
    this.brierError = slots();
    this.binRows = bins();
    this.binPositives = bins();
    this.binScores = bins();
    this.binScoresError = bins();
    this.twiceU = slots();
    this.precision = slots();
    this.precisionError = slots();
    this.spreadPositives = slots();
    this.spreadPositivesError = slots();
    this.spreadNegatives = slots();
    this.spreadNegativesError = slots();
    this.tiedRows = slots();
    this.tiedPositives = slots();
  }
}

/**
 * The metrics of every group of score-sorted rows (partition: the overall metrics are those
 * of allRows), null for a group without rows, from two walks over the rows in score
 * order: one for the counts, losses, calibration and the AUC, and one for average
 * precision (it needs each group's positives) and DeLong's variance (it needs the AUC).
 * No group is laid out or sorted apart: a group's rows are met in score order, so its
 * sums take its rows in the very order a walk over the group alone would, and its results
 * are that walk's to the last bit.
 *
 * In a run of equal scores with p positives and q negatives of a group, above `negBelow`
 * negatives and `posBelow` positives of it, each positive's DeLong component (Sun & Xu's
 * V10, the midrank among all minus the midrank among positives, over the negatives) is
 * (negBelow + q/2) / negatives, and each negative's (V01) is (posAbove + p/2) / positives.
 * Their means are the AUC; twice the Mann-Whitney count stays an exact integer. Losses are
 * worked out once a run; a run is one bin, and is above the threshold or not as a whole.
 * The rows must already be checked (sortingByScore refuses bad ones).
 */
export function partitionMetrics(rows: ScoreSortedRows, partition: SortedGroups, threshold: number): (BinaryResult | null)[] {
  return secondWalkResults(rows, partition, firstWalkSums(rows, partition, threshold));
}

/**
 * partitionMetrics' first walk: the sums it leaves, each group's rows and positives among
 * them, for the second (secondWalkResults), on this thread or, sent as they are, another.
 */
export function firstWalkSums(rows: ScoreSortedRows, partition: SortedGroups, threshold: number): GroupSums {
  const { groups } = partition;
  const sums = new GroupSums(groups);
  const runs = new GroupRuns(groups);
  firstWalk(rows, partition, threshold, sums, runs);
  // Every row is below the end: the counts below it are each group's rows and positives.
  for (let g = 0; g < groups; g += 1) {
    sums.positives[g] = runs.posBelow[g] as number;
    sums.rows[g] = (runs.posBelow[g] as number) + (runs.negBelow[g] as number);
  }
  countTies(rows, partition, threshold, sums);
  return sums;
}

/**
 * The rows scored exactly at the threshold, by group: the first found by halving, then the
 * run they make in score order read, so that no rule's counts cost a pass over the rows.
 */
function countTies(rows: ScoreSortedRows, partition: SortedGroups, threshold: number, sums: GroupSums): void {
  const { scores, labels } = rows;
  const { codes, shift, mask } = partition;
  for (let k = searchSorted(scores, threshold, false); k < scores.length && scores[k] === threshold; k += 1) {
    const group = ((codes[k] as number) >>> shift) & mask;
    (sums.tiedRows[group] as number) += 1;
    (sums.tiedPositives[group] as number) += (labels[k] as number) & 1;
  }
}

/** partitionMetrics' second walk, from the first's sums, and each group's metrics. */
export function secondWalkResults(rows: ScoreSortedRows, partition: SortedGroups, sums: GroupSums): (BinaryResult | null)[] {
  const { groups } = partition;
  const { rows: count, positives, twiceU } = sums;
  const auc = Float64Array.from({ length: groups }, (_, g) => (twiceU[g] as number) / (2 * (positives[g] as number) * ((count[g] as number) - (positives[g] as number))));
  secondWalk(rows, partition, sums, new GroupRuns(groups), auc);
  return Array.from({ length: groups }, (_, g) => (count[g] === 0 ? null : groupResult(sums, g, auc[g] as number)));
}

/**
 * Each group's rows and positives within the current run of equal scores, the groups the
 * run touched (the first `touchedCount` of `touched`), and each group's positives and negatives below the run.
 */
class GroupRuns {
  readonly rows: Float64Array;
  readonly positives: Float64Array;
  readonly posBelow: Float64Array;
  readonly negBelow: Float64Array;
  readonly touched: Int32Array;
  constructor(groups: number) {
    this.rows = new Float64Array(groups);
    this.positives = new Float64Array(groups);
    this.posBelow = new Float64Array(groups);
    this.negBelow = new Float64Array(groups);
    this.touched = new Int32Array(groups);
  }
}

/*
 * The two walks are functions of their own, each one loop over the runs and nothing after
 * it: V8 compiles a hot loop while it runs, and code after the loop that has not yet run
 * sends it back to the interpreter (measured at 1M rows: five such round trips made a part
 * three times as slow as the same part run again).
 */

/** The first walk: counts, losses, calibration, the confusion counts and twice the Mann-Whitney count. */
function firstWalk(rows: ScoreSortedRows, partition: SortedGroups, threshold: number, sums: GroupSums, runs: GroupRuns): void {
  const { scores, labels } = rows;
  const { codes, shift, mask } = partition;
  const { tp, fp, binRows, binPositives, twiceU, logLoss, logLossError, brier, brierError, binScores, binScoresError } = sums;
  const { rows: runRows, positives: runPositives, posBelow, negBelow, touched } = runs;
  const n = scores.length;
  let touchedCount = 0;
  for (let i = 0; i < n; ) {
    const s = scores[i] as number;
    const clipped = s < LOG_LOSS_CLIP ? LOG_LOSS_CLIP : s > LOG_LOSS_UPPER ? LOG_LOSS_UPPER : s;
    // Each loss is worked out once a run, when the run's first row of its label needs it: most
    // runs are a row or two, so working out both on every run took about a log a run more.
    let positiveLoss = NaN;
    let negativeLoss = NaN;
    const positiveBrier = (s - 1) * (s - 1);
    const negativeBrier = s * s;
    const bin = Math.min(Math.floor(ECE_BINS * s), ECE_BINS - 1);
    let k = i;
    do {
      const y = (labels[k] as number) & 1;
      const group = ((codes[k] as number) >>> shift) & mask;
      if (y === 1) {
        if (Number.isNaN(positiveLoss)) positiveLoss = -Math.log(clipped);
      } else if (Number.isNaN(negativeLoss)) negativeLoss = -Math.log1p(-clipped);
      addCompensated(logLoss, logLossError, group, y === 1 ? positiveLoss : negativeLoss);
      addCompensated(brier, brierError, group, y === 1 ? positiveBrier : negativeBrier);
      addCompensated(binScores, binScoresError, group * ECE_BINS + bin, s);
      const r = runRows[group] as number;
      if (r === 0) touched[touchedCount++] = group;
      runRows[group] = r + 1;
      (runPositives[group] as number) += y;
      k += 1;
    } while (k < n && scores[k] === s);
    i = k;
    // 1 or 0, so that the counts are stored on every run (see addCompensated); adding 0 leaves a count as it is.
    const above = s >= threshold ? 1 : 0;
    for (let t = 0; t < touchedCount; t += 1) {
      const group = touched[t] as number;
      const p = runPositives[group] as number;
      const q = (runRows[group] as number) - p;
      (tp[group] as number) += above * p;
      (fp[group] as number) += above * q;
      (binRows[group * ECE_BINS + bin] as number) += p + q;
      (binPositives[group * ECE_BINS + bin] as number) += p;
      const below = negBelow[group] as number;
      (twiceU[group] as number) += p * (2 * below + q);
      (posBelow[group] as number) += p;
      negBelow[group] = below + q;
      runRows[group] = 0;
      runPositives[group] = 0;
    }
    touchedCount = 0;
  }
}

/** The second walk: precision at each run (it needs each group's positives) and DeLong's spread (it needs the AUC). */
function secondWalk(rows: ScoreSortedRows, partition: SortedGroups, sums: GroupSums, runs: GroupRuns, auc: Float64Array): void {
  const { scores, labels } = rows;
  const { codes, shift, mask } = partition;
  const { rows: count, positives, precision, precisionError, spreadPositives, spreadPositivesError, spreadNegatives, spreadNegativesError } = sums;
  const { rows: runRows, positives: runPositives, posBelow, negBelow, touched } = runs;
  const n = scores.length;
  let touchedCount = 0;
  for (let i = 0; i < n; ) {
    const s = scores[i] as number;
    let k = i;
    do {
      const group = ((codes[k] as number) >>> shift) & mask;
      const r = runRows[group] as number;
      if (r === 0) touched[touchedCount++] = group;
      runRows[group] = r + 1;
      (runPositives[group] as number) += (labels[k] as number) & 1;
      k += 1;
    } while (k < n && scores[k] === s);
    i = k;
    for (let t = 0; t < touchedCount; t += 1) {
      const group = touched[t] as number;
      const p = runPositives[group] as number;
      const q = (runRows[group] as number) - p;
      const pos = positives[group] as number;
      const neg = (count[group] as number) - pos;
      // Precision at this threshold: everything scored at or above it is predicted positive.
      const tps = pos - (posBelow[group] as number);
      const fps = neg - (negBelow[group] as number);
      const dPositive = (2 * (negBelow[group] as number) + q) / (2 * neg) - (auc[group] as number);
      const dNegative = (2 * (pos - (posBelow[group] as number) - p) + p) / (2 * pos) - (auc[group] as number);
      // Each term is worked out and added on every run, so that no step waits on a path the compiled loop has not
      // yet seen (see addCompensated); a run without positives (or negatives) adds 0, which leaves a sum as it was.
      const precisionTerm = p * (tps / (tps + fps));
      const positiveSpread = p * dPositive * dPositive;
      const negativeSpread = q * dNegative * dNegative;
      addCompensated(precision, precisionError, group, p > 0 ? precisionTerm : 0);
      addCompensated(spreadPositives, spreadPositivesError, group, p > 0 ? positiveSpread : 0);
      addCompensated(spreadNegatives, spreadNegativesError, group, q > 0 ? negativeSpread : 0);
      (posBelow[group] as number) += p;
      (negBelow[group] as number) += q;
      runRows[group] = 0;
      runPositives[group] = 0;
    }
    touchedCount = 0;
  }
}

/** A group's metrics from a walk's sums (partitionMetrics). */
function groupResult(sums: GroupSums, group: number, auc: number): BinaryResult {
  const value = (sum: Float64Array, error: Float64Array, at: number) => (sum[at] as number) + (error[at] as number);
  const n = sums.rows[group] as number;
  const positives = sums.positives[group] as number;
  const tp = sums.tp[group] as number;
  const fp = sums.fp[group] as number;
  const negatives = n - positives;
  const tn = negatives - fp;
  const fn = positives - tp;
  const tiedPositives = sums.tiedPositives[group] as number;
  const tiedNegatives = (sums.tiedRows[group] as number) - tiedPositives;

  let ece = 0;
  for (let b = group * ECE_BINS; b < (group + 1) * ECE_BINS; b += 1) {
    const rowsInBin = sums.binRows[b] as number;
    if (rowsInBin === 0) continue;
    const gap = (sums.binPositives[b] as number) / rowsInBin - value(sums.binScores, sums.binScoresError, b) / rowsInBin;
    ece += (rowsInBin / n) * Math.abs(gap);
  }

  const notes: MetricNote[] = [];
  const averagePrecision = positives === 0 ? null : value(sums.precision, sums.precisionError, group) / positives;
  let ranking: Pick<BinaryMetrics, 'roc_auc' | 'roc_auc_ci95' | 'average_precision'>;
  if (positives === 0 || negatives === 0) {
    const reason = positives === 0 ? 'no_positives' : 'no_negatives';
    notes.push({ metric: 'roc_auc', outcome: 'null', reason }, { metric: 'roc_auc_ci95', outcome: 'null', reason });
    if (positives === 0) notes.push({ metric: 'average_precision', outcome: 'null', reason });
    ranking = { roc_auc: null, roc_auc_ci95: null, average_precision: averagePrecision };
  } else if (positives === 1 || negatives === 1) {
    notes.push({ metric: 'roc_auc_ci95', outcome: 'null', reason: positives === 1 ? 'single_positive' : 'single_negative' });
    ranking = { roc_auc: auc, roc_auc_ci95: null, average_precision: averagePrecision };
  } else {
    const variance =
      value(sums.spreadPositives, sums.spreadPositivesError, group) / ((positives - 1) * positives) +
      value(sums.spreadNegatives, sums.spreadNegativesError, group) / ((negatives - 1) * negatives);
    const half = Z_975 * Math.sqrt(variance);
    ranking = { roc_auc: auc, roc_auc_ci95: [Math.max(0, auc - half), Math.min(1, auc + half)], average_precision: averagePrecision };
  }
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
      log_loss: value(sums.logLoss, sums.logLossError, group) / n,
      brier: value(sums.brier, sums.brierError, group) / n,
      ece,
    },
    confusion: { tp, fp, tn, fn },
    confusionAbove: { tp: tp - tiedPositives, fp: fp - tiedNegatives, tn: tn + tiedNegatives, fn: fn + tiedPositives },
    notes,
  };
}

/** The metrics of all rows, without groups. */
export function binaryMetrics(yTrue: BinaryLabels, yScore: Float64Array, threshold: number): BinaryResult {
  checkBinaryShape(yTrue, yScore, threshold);
  const { rows } = sortByScore(yTrue, yScore);
  return partitionMetrics(rows, allRows(rows), threshold)[0] as BinaryResult;
}
