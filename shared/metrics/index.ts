import { allRows, checkBinaryShape, firstWalkSums, partitionMetrics, secondWalkResults, sortingByScore, type BinaryLabels, type BinaryResult, type GroupSums, type ScoreSortedRows, type SortedGroups } from './binary';
import { fairnessMetrics, type FairnessResult } from './fairness';
import { MetricInputError } from './metricNotes';
import { checkGroupValues, partitionRows, type GroupLabels } from './partition';
import { checkRegressionInputs, regressionSegmentMetrics, type RegressionResult } from './regression';
import { ownRoom, runSteps, type Room, type SortSteps } from './radixSort';

/**
 * # Validation metrics
 *
 * The numbers a bundle's claims are checked against (SPEC section 5). Pure functions over
 * typed arrays; the key names of every result are JSON keys of the validation report and
 * a public interface. Tests hold each metric to scikit-learn / scipy within 1e-9
 * (test/shared/metrics/referenceAgreement.test.ts).
 *
 * ## Binary classification, for a set of rows (all rows, or one group)
 * A row is predicted positive when y_score >= decision_threshold. y_true is 0 or 1,
 * y_score a probability in [0, 1].
 * - `n`, `positives`: rows, and rows with y_true = 1.
 * - `roc_auc`: the probability that a positive outscores a negative, ties counting one
 *   half (Mann-Whitney U / (m n)); equal to scikit-learn's roc_auc_score.
 * - `roc_auc_ci95`: [lo, hi] = AUC -/+ 1.959963984540054 * sqrt(V), clipped to [0, 1], where
 *   V = S10 / m + S01 / n is DeLong's variance: S10 and S01 are the sample variances
 *   (denominators m - 1 and n - 1) of the structural components of the m positives and the
 *   n negatives (DeLong, DeLong & Clarke-Pearson 1988), computed from midranks as in Sun &
 *   Xu 2014 ("fast DeLong") and pROC. Null with one positive or one negative.
 * - `average_precision`: scikit-learn's average_precision_score, the sum over distinct
 *   thresholds, descending, of (R_k - R_k-1) * P_k. Not the trapezoidal area under the
 *   PR curve.
 * - `accuracy`, `precision`, `recall`, `f1`, `selection_rate` at the threshold, as
 *   scikit-learn's with zero_division=0: precision is 0 when nothing is predicted positive,
 *   recall is 0 when there are no positives (scikit-learn also gives 0, with a warning),
 *   f1 = 2 TP / (2 TP + FP + FN) is 0 when that is 0 / 0 (no positives and nothing
 *   predicted positive). Each such 0 carries a `convention` note.
 * - `log_loss`: mean of -ln(p) for positives and -ln(1 - p) for negatives, p clipped to
 *   [1e-15, 1 - 1e-15] (scikit-learn's log_loss before 1.2; from 1.2 it clips at the
 *   float64 epsilon, 2.22e-16, and from 1.5 that clip can no longer be changed. A claim
 *   made with either is checked under its own clip: shared/dialects).
 * - `brier`: mean of (y_score - y_true)^2 (scikit-learn's brier_score_loss).
 * - `ece`: 10 equal-width bins, bin = min(floor(10 * score), 9); the sum over non-empty
 *   bins of (n_b / N) * |mean(y_true in b) - mean(score in b)|.
 * - With one class only, `roc_auc` and `roc_auc_ci95` are null, and so is
 *   `average_precision` when there are no positives (with no negatives it is 1). Every
 *   null comes with a note saying why (metricNotes.ts) for the validator's finding.
 *
 * ## Fairness, per sensitive attribute, from the per-group results (Fairlearn)
 * - `demographic_parity_difference`: max - min selection rate over the groups.
 * - `demographic_parity_ratio`: min / max selection rate; 1 when the max is 0 (Fairlearn
 *   would give 0 / 0).
 * - `equalized_odds_difference`: the larger of the TPR spread (max - min over groups) and
 *   the FPR spread. A group without positives has no TPR and is left out of the TPR
 *   spread; likewise without negatives for FPR, each with a `group_left_out` note.
 *   Fairlearn instead counts such a rate as 0 (confusion_matrix(normalize="true") turns
 *   0 / 0 into 0), which reports a disparity the data does not show.
 *
 * ## Regression, for a set of rows (y_score is the prediction)
 * - `n`; `rmse` = sqrt(mean squared error); `mae` = mean absolute error;
 * - `r2` = 1 - SS_res / SS_tot (scikit-learn's r2_score). When every y_true is the same
 *   number SS_tot is 0: like r2_score(force_finite=True) we return 1 for a perfect fit
 *   and 0 otherwise, with a `constant_y_true` note. With a single row r2 is null (a
 *   `single_row` note), where r2_score returns NaN.
 *
 * ## Drift, per feature, reference vs current (drift.ts)
 * Empty values (null or "") are counted in `missing` = [reference, current] and left out.
 * A feature is numeric when every non-empty value of both samples is a finite decimal
 * number, otherwise categorical (classifyColumn).
 * - `psi` = sum over bins of (p_cur - p_ref) * ln(p_cur / p_ref), a zero proportion taken
 *   as 1e-4 (not renormalised). Numeric bins: the reference's deciles (q = 0.1 .. 0.9,
 *   numpy.percentile's default linear interpolation), duplicate edges dropped, bins
 *   right-closed: e_i < v <= e_i+1 with e_0 = -inf and e_last = +inf. Categorical bins:
 *   one per category seen in either sample. Evidently bins differently (Sturges' rule
 *   over both samples): its PSI and normed Wasserstein distance are computed beside ours
 *   (evidentlyDrift.ts) so that a claim made with Evidently is checked under its own.
 * - `ks`: numeric features only, the two-sample Kolmogorov-Smirnov statistic
 *   (scipy.stats.ks_2samp(...).statistic).
 *
 * ## Numerics
 * One stable sort by score serves AUC, average precision, DeLong's midranks and every
 * group: the sort carries each row's label and group codes, and one walk over the sorted
 * rows keeps each group's sums apart (partitionMetrics), meeting each group's rows in
 * score order as a walk over that group alone would. Sums over
 * rows (log loss, Brier, calibration, R2's sums) are compensated (Neumaier), so the
 * agreement holds at a million rows.
 *
 * ## References
 * - scikit-learn: roc_auc_score, average_precision_score, accuracy_score,
 *   precision_score, recall_score, f1_score, log_loss, brier_score_loss,
 *   mean_squared_error, mean_absolute_error, r2_score (https://scikit-learn.org).
 * - scipy: scipy.stats.ks_2samp; numpy: numpy.percentile.
 * - Fairlearn: fairlearn.metrics.demographic_parity_difference, demographic_parity_ratio,
 *   equalized_odds_difference (https://fairlearn.org).
 * - E. R. DeLong, D. M. DeLong, D. L. Clarke-Pearson (1988), Comparing the areas under two
 *   or more correlated receiver operating characteristic curves: a nonparametric approach.
 *   Biometrics 44(3), 837-845.
 * - X. Sun, W. Xu (2014), Fast implementation of DeLong's algorithm for comparing the areas
 *   under correlated receiver operating characteristic curves. IEEE Signal Processing
 *   Letters 21(11), 1389-1393.
 */

export * from './binary';
export * from './cells';
export * from './drift';
export * from './evidentlyDrift';
export * from './fairness';
export * from './metricNotes';
export * from './partition';
export * from './radixSort';
export * from './regression';

export type SensitiveAttributes = Readonly<Record<string, GroupLabels>>;

export interface BinaryEvaluation {
  overall: BinaryResult;
  /** attribute -> group value -> metrics; a value without rows has no entry. */
  groups: Record<string, Record<string, BinaryResult>>;
  fairness: Record<string, FairnessResult>;
}

export interface RegressionEvaluation {
  overall: RegressionResult;
  groups: Record<string, Record<string, RegressionResult>>;
}

function checkAttributes(sensitive: SensitiveAttributes, rows: number): void {
  for (const [attribute, labels] of Object.entries(sensitive)) {
    if (labels.codes.length !== rows) {
      throw new MetricInputError(`${attribute} has ${labels.codes.length} values for ${rows} prediction rows; every row needs a group.`, attribute);
    }
  }
}

/**
 * A binary classifier's rows checked and sorted by score once, each attribute's groups in
 * the same order: what the overall metrics and each attribute's group metrics are computed
 * from, as parts (evaluationPart) that read the rows and write nothing to them, so that
 * two threads can work out parts of one sort at once when it was made in shared memory.
 */
export interface SortedEvaluation {
  rows: ScoreSortedRows;
  partitions: SortedGroups[];
  /** The attributes in the order of `partitions`, with their group values by code. */
  attributes: { name: string; values: readonly string[] }[];
  threshold: number;
}

/**
 * Checks the inputs, refusing bad ones by a throw before it returns, and gives the steps
 * (SortSteps) that sort the rows by score (sortingByScore) into `room`, over `shares`
 * shares of the rows.
 */
export function sortingForEvaluation(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes, room: Room, shares: number): SortSteps<SortedEvaluation> {
  checkBinaryShape(yTrue, yScore, threshold);
  checkAttributes(sensitive, yTrue.length);
  const attributes = Object.entries(sensitive);
  for (const [attribute, labels] of attributes) checkGroupValues(attribute, labels);
  const sorting = sortingByScore(yTrue, yScore, attributes, room, shares);
  return (function* () {
    const { rows, partitions } = yield* sorting;
    return { rows, partitions, attributes: attributes.map(([name, labels]) => ({ name, values: labels.values })), threshold };
  })();
}

/** Checks the inputs and sorts the rows by score, here. */
export function sortForEvaluation(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes = {}): SortedEvaluation {
  return runSteps(sortingForEvaluation(yTrue, yScore, threshold, sensitive, ownRoom, 1));
}

/** An evaluation's parts: part 0 is the overall metrics (allRows), part a + 1 attribute a's groups. */
export const evaluationParts = (sorted: SortedEvaluation): number => 1 + sorted.partitions.length;

const partitionOf = (sorted: SortedEvaluation, part: number): SortedGroups => (part === 0 ? allRows(sorted.rows) : (sorted.partitions[part - 1] as SortedGroups));

/** One part's results by group code (partitionMetrics). */
export function evaluationPart(sorted: SortedEvaluation, part: number): (BinaryResult | null)[] {
  return partitionMetrics(sorted.rows, partitionOf(sorted, part), sorted.threshold);
}

/** A part's first walk, whose sums its second walk takes (evaluationPartFrom), on this thread or another. */
export function evaluationPartStart(sorted: SortedEvaluation, part: number): GroupSums {
  return firstWalkSums(sorted.rows, partitionOf(sorted, part), sorted.threshold);
}

/** A part's results from its first walk's sums. */
export function evaluationPartFrom(sorted: SortedEvaluation, part: number, sums: GroupSums): (BinaryResult | null)[] {
  return secondWalkResults(sorted.rows, partitionOf(sorted, part), sums);
}

/**
 * The evaluation from its parts' results, in part order. Results are built with
 * Object.fromEntries so that a group value such as "__proto__" is an ordinary key; a
 * value without rows has none.
 */
export function binaryEvaluation(sorted: SortedEvaluation, parts: readonly (BinaryResult | null)[][]): BinaryEvaluation {
  const groups: [string, Record<string, BinaryResult>][] = [];
  const fairness: [string, FairnessResult][] = [];
  sorted.attributes.forEach(({ name, values }, a) => {
    const byCode = parts[a + 1] as (BinaryResult | null)[];
    const results = Object.fromEntries(values.flatMap((value, g) => (byCode[g] ? [[value, byCode[g]] as const] : [])));
    groups.push([name, results]);
    fairness.push([name, fairnessMetrics(name, results)]);
  });
  return { overall: (parts[0] as BinaryResult[])[0] as BinaryResult, groups: Object.fromEntries(groups), fairness: Object.fromEntries(fairness) };
}

/** Overall, per-group and fairness metrics of a binary classifier. */
export function evaluateBinary(yTrue: BinaryLabels, yScore: Float64Array, threshold: number, sensitive: SensitiveAttributes = {}): BinaryEvaluation {
  const sorted = sortForEvaluation(yTrue, yScore, threshold, sensitive);
  return binaryEvaluation(sorted, Array.from({ length: evaluationParts(sorted) }, (_, part) => evaluationPart(sorted, part)));
}

/** Overall and per-group metrics of a regression model (y_score holds the predictions). */
export function evaluateRegression(yTrue: Float64Array, yPred: Float64Array, sensitive: SensitiveAttributes = {}): RegressionEvaluation {
  checkRegressionInputs(yTrue, yPred);
  const n = yTrue.length;
  checkAttributes(sensitive, n);
  const overall = regressionSegmentMetrics(yTrue, yPred, 0, n);
  const groups: [string, Record<string, RegressionResult>][] = [];
  for (const [attribute, labels] of Object.entries(sensitive)) {
    const { offsets, rows } = partitionRows(attribute, labels);
    const byValue: [string, RegressionResult][] = [];
    labels.values.forEach((value, g) => {
      const start = offsets[g] as number;
      const end = offsets[g + 1] as number;
      if (end > start) byValue.push([value, regressionSegmentMetrics(yTrue, yPred, start, end, rows)]);
    });
    groups.push([attribute, Object.fromEntries(byValue)]);
  }
  return { overall, groups: Object.fromEntries(groups) };
}
