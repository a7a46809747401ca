import type { DriftResult } from '../metrics/drift';
import { BinarySegment, FLOAT64_EPS, RegressionSegment, type PositiveWhen } from './segments';

/**
 * # Metric dialects
 *
 * Teams report metrics under the names and definitions of their own tools. Each entry
 * here is one definition: a family (how it is computed), its parameters, and the
 * reference it follows. A claim is recomputed under the definition it names (or the one
 * its name implies) and, when it fails there but holds under a definition one parameter
 * away (the clip of log_loss, the tie at the threshold, zero_division, how a group
 * without a class counts), the finding says which.
 *
 * Sources, read for each entry: scikit-learn's sklearn/metrics/_classification.py,
 * _ranking.py, _regression.py (log_loss clips at eps = 1e-15 up to 1.1; from 1.2 at
 * eps = "auto" = np.finfo(float64).eps, a number still accepted and deprecated in 1.3;
 * from 1.5 the parameter is gone and the clip stays at that eps. predict() of a
 * probabilistic classifier takes the argmax, or decision_function > 0 for linear models,
 * so a score of exactly 0.5 is class 0); MLflow's evaluators/classifier.py and
 * regressor.py (precision_recall_auc is average_precision_score, labels from
 * model.predict); Fairlearn's metrics/_fairness_metrics.py and _base_metrics.py (rates
 * from confusion_matrix(normalize="true"), whose 0 / 0 is 0; MetricFrame.ratio is
 * group_min / group_max, NaN for 0 / 0); Evidently's stattests (see
 * shared/metrics/evidentlyDrift.ts).
 */

export type DialectScope = 'binary' | 'regression' | 'fairness' | 'drift';

export type ParamValue = string | number | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

export interface FairnessGroups<S> {
  attribute: string;
  groups: ReadonlyMap<string, S>;
}

interface ScopeData {
  binary: BinarySegment;
  regression: RegressionSegment;
  fairness: FairnessGroups<BinarySegment>;
  drift: DriftResult;
}

interface Family<K extends DialectScope> {
  scope: K;
  /** The values each parameter may take; a neighbour changes one of them. */
  axes: Readonly<Record<string, readonly ParamValue[]>>;
  compute(data: ScopeData[K], params: Params): number | null;
}

const RULES: readonly PositiveWhen[] = ['>=', '>'];
const THRESHOLDED = { positive_when: RULES };
const ZERO_DIVISION = { positive_when: RULES, zero_division: [0, 1] };
const FAIRNESS_AXES = { positive_when: RULES, missing_class: ['left_out', 'zero'] };
const FAIRNESS_RATIO_AXES = { ...FAIRNESS_AXES, all_zero_ratio: ['one', 'undefined'] };

function rule(p: Params): PositiveWhen {
  return p.positive_when === '>' ? '>' : '>=';
}

function divide(a: number, b: number, zeroDivision: ParamValue): number {
  return b === 0 ? Number(zeroDivision) : a / b;
}

function binary(compute: Family<'binary'>['compute'], axes: Family<'binary'>['axes'] = {}): Family<'binary'> {
  return { scope: 'binary', axes, compute };
}

function regression(compute: (s: RegressionSegment, p: Params) => number | null, axes: Family<'regression'>['axes'] = {}): Family<'regression'> {
  return { scope: 'regression', axes, compute };
}

/** Per-group rates under one threshold rule; a group lacking the class has no rate, or 0 as Fairlearn counts it. */
function groupRates(data: FairnessGroups<BinarySegment>, p: Params): { selection: number[]; tpr: number[]; fpr: number[] } {
  const out = { selection: [] as number[], tpr: [] as number[], fpr: [] as number[] };
  for (const segment of data.groups.values()) {
    const { tp, fp, tn, fn } = segment.confusion(rule(p));
    out.selection.push((tp + fp) / segment.n);
    if (tp + fn > 0) out.tpr.push(tp / (tp + fn));
    else if (p.missing_class === 'zero') out.tpr.push(0);
    if (fp + tn > 0) out.fpr.push(fp / (fp + tn));
    else if (p.missing_class === 'zero') out.fpr.push(0);
  }
  return out;
}

function spread(xs: number[]): number | null {
  return xs.length === 0 ? null : Math.max(...xs) - Math.min(...xs);
}

function ratio(xs: number[], p: Params): number | null {
  if (xs.length === 0) return null;
  const max = Math.max(...xs);
  if (max === 0) return p.all_zero_ratio === 'one' ? 1 : null;
  return Math.min(...xs) / max;
}

function worst(values: (number | null)[], pick: (a: number, b: number) => number): number | null {
  const defined = values.filter((v): v is number => v !== null);
  if (defined.length === 0) return null;
  // Fairlearn takes max/min over both rates; one NaN rate makes its answer undefined.
  return defined.reduce((a, b) => pick(a, b));
}

const FAMILIES = {
  n: binary((s) => s.n),
  positives: binary((s) => s.metrics.positives),
  roc_auc: binary((s) => s.metrics.roc_auc),
  gini: binary((s) => (s.metrics.roc_auc === null ? null : 2 * s.metrics.roc_auc - 1)),
  ks_separation: binary((s) => s.ksSeparation()),
  average_precision: binary((s) => s.metrics.average_precision),
  brier: binary((s) => s.metrics.brier),
  ece: binary((s) => s.metrics.ece),
  log_loss: binary((s, p) => s.logLoss(Number(p.eps)), { eps: [1e-15, FLOAT64_EPS] }),
  accuracy: binary((s, p) => {
    const c = s.confusion(rule(p));
    return (c.tp + c.tn) / s.n;
  }, THRESHOLDED),
  selection_rate: binary((s, p) => {
    const c = s.confusion(rule(p));
    return (c.tp + c.fp) / s.n;
  }, THRESHOLDED),
  precision: binary((s, p) => {
    const c = s.confusion(rule(p));
    return divide(c.tp, c.tp + c.fp, p.zero_division ?? 0);
  }, ZERO_DIVISION),
  recall: binary((s, p) => {
    const c = s.confusion(rule(p));
    return divide(c.tp, c.tp + c.fn, p.zero_division ?? 0);
  }, ZERO_DIVISION),
  f1: binary((s, p) => {
    const c = s.confusion(rule(p));
    return divide(2 * c.tp, 2 * c.tp + c.fp + c.fn, p.zero_division ?? 0);
  }, ZERO_DIVISION),
  true_positives: binary((s, p) => s.confusion(rule(p)).tp, THRESHOLDED),
  false_positives: binary((s, p) => s.confusion(rule(p)).fp, THRESHOLDED),
  true_negatives: binary((s, p) => s.confusion(rule(p)).tn, THRESHOLDED),
  false_negatives: binary((s, p) => s.confusion(rule(p)).fn, THRESHOLDED),

  regression_n: regression((s) => s.n),
  r2: regression((s) => s.metrics.r2),
  mse: regression((s, p) => (p.squared === false ? Math.sqrt(s.totals.squared / s.n) : s.totals.squared / s.n), { squared: [true, false] }),
  rmse: regression((s) => s.metrics.rmse),
  mae: regression((s) => s.metrics.mae),
  max_error: regression((s) => s.totals.maxError),
  mape: regression((s) => s.totals.relative / s.n),
  sum_on_target: regression((s) => s.totals.target),
  mean_on_target: regression((s) => s.totals.target / s.n),

  demographic_parity_difference: { scope: 'fairness', axes: FAIRNESS_AXES, compute: (d, p) => spread(groupRates(d, p).selection) },
  demographic_parity_ratio: { scope: 'fairness', axes: FAIRNESS_RATIO_AXES, compute: (d, p) => ratio(groupRates(d, p).selection, p) },
  equalized_odds_difference: {
    scope: 'fairness',
    axes: FAIRNESS_AXES,
    compute: (d, p) => {
      const r = groupRates(d, p);
      return worst([spread(r.tpr), spread(r.fpr)], Math.max);
    },
  },
  equalized_odds_ratio: {
    scope: 'fairness',
    axes: FAIRNESS_RATIO_AXES,
    compute: (d, p) => {
      const r = groupRates(d, p);
      const both = [ratio(r.tpr, p), ratio(r.fpr, p)];
      return p.all_zero_ratio === 'undefined' && both.includes(null) ? null : worst(both, Math.min);
    },
  },

  psi: { scope: 'drift', axes: { binning: ['deciles', 'evidently'] }, compute: (d, p) => (p.binning === 'evidently' ? d.evidently.psi : d.metrics.psi) },
  ks_2samp: { scope: 'drift', axes: {}, compute: (d) => d.metrics.ks },
  wasserstein_norm: { scope: 'drift', axes: {}, compute: (d) => d.evidently.wasserstein_norm },
  jensenshannon: { scope: 'drift', axes: {}, compute: (d) => d.evidently.jensenshannon },
  kl_div: { scope: 'drift', axes: {}, compute: (d) => d.evidently.kl_div },
} satisfies Record<string, Family<'binary'> | Family<'regression'> | Family<'fairness'> | Family<'drift'>>;

export type FamilyKey = keyof typeof FAMILIES;

export interface Dialect {
  id: string;
  /** What a claim's `definition.implementation` says to name it. */
  implementation: string;
  family: FamilyKey;
  params: Params;
  /** How the report names it, e.g. "scikit-learn ≥ 1.2 log_loss". */
  label: string;
  /** The formula and where it comes from. */
  reference: string;
}

const SK = 'scikit-learn';
const PREDICT = { positive_when: '>' } as const;
const OURS_FAIR = { positive_when: '>=', missing_class: 'left_out', all_zero_ratio: 'one' } as const;
const FAIRLEARN = { positive_when: '>', missing_class: 'zero', all_zero_ratio: 'undefined' } as const;

function d(id: string, implementation: string, family: FamilyKey, label: string, reference: string, params: Params = {}): Dialect {
  return { id, implementation, family, params, label, reference };
}

/** Every named definition. Ids are stable: reports and tests cite them. */
export const DIALECTS: readonly Dialect[] = [
  d('mrb.n', 'mrb', 'n', 'rows', 'the number of prediction rows'),
  d('mrb.positives', 'mrb', 'positives', 'rows with y_true = 1', 'count of y_true = 1'),
  d('mrb.roc_auc', 'mrb', 'roc_auc', 'ROC AUC (ties count one half)', "Mann-Whitney U / (m n), equal to scikit-learn's roc_auc_score"),
  d('mrb.average_precision', 'mrb', 'average_precision', 'average precision (step sum)', "sum of (R_k - R_k-1) P_k, scikit-learn's average_precision_score"),
  d('mrb.accuracy', 'mrb', 'accuracy', 'accuracy, positive when score >= threshold', '(TP + TN) / n', { positive_when: '>=' }),
  d('mrb.selection_rate', 'mrb', 'selection_rate', 'selection rate, positive when score >= threshold', '(TP + FP) / n', { positive_when: '>=' }),
  d('mrb.precision', 'mrb', 'precision', 'precision, positive when score >= threshold, 0 / 0 = 0', 'TP / (TP + FP)', { positive_when: '>=', zero_division: 0 }),
  d('mrb.recall', 'mrb', 'recall', 'recall, positive when score >= threshold, 0 / 0 = 0', 'TP / (TP + FN)', { positive_when: '>=', zero_division: 0 }),
  d('mrb.f1', 'mrb', 'f1', 'F1, positive when score >= threshold, 0 / 0 = 0', '2 TP / (2 TP + FP + FN)', { positive_when: '>=', zero_division: 0 }),
  d('mrb.log_loss', 'mrb', 'log_loss', 'log loss, scores clipped at 1e-15', 'mean of -ln p (positives) and -ln(1 - p) (negatives), p clipped to [1e-15, 1 - 1e-15]', { eps: 1e-15 }),
  d('mrb.brier', 'mrb', 'brier', 'Brier score', "mean of (score - y_true)^2, scikit-learn's brier_score_loss"),
  d('mrb.ece', 'mrb', 'ece', 'expected calibration error, 10 equal-width bins', 'sum over bins of (n_b / N) |mean(y_true) - mean(score)|'),
  d('mrb.regression_n', 'mrb', 'regression_n', 'rows', 'the number of prediction rows'),
  d('mrb.rmse', 'mrb', 'rmse', 'RMSE', 'sqrt(mean((y - p)^2))'),
  d('mrb.mae', 'mrb', 'mae', 'MAE', 'mean(|y - p|)'),
  d('mrb.r2', 'mrb', 'r2', 'R2 (1 for a perfect fit of a constant, else 0)', "1 - SS_res / SS_tot, scikit-learn's r2_score(force_finite=True)"),
  d('mrb.demographic_parity_difference', 'mrb', 'demographic_parity_difference', 'demographic parity difference, positive when score >= threshold', 'max - min selection rate over groups', OURS_FAIR),
  d('mrb.demographic_parity_ratio', 'mrb', 'demographic_parity_ratio', 'demographic parity ratio, 1 when nobody is selected', 'min / max selection rate over groups', OURS_FAIR),
  d('mrb.equalized_odds_difference', 'mrb', 'equalized_odds_difference', 'equalized odds difference, a group lacking a class left out of that rate', 'max of the TPR and FPR spreads over groups', OURS_FAIR),
  d('mrb.equalized_odds_ratio', 'mrb', 'equalized_odds_ratio', 'equalized odds ratio, a group lacking a class left out of that rate', 'min of the TPR and FPR min/max ratios over groups', OURS_FAIR),
  d('mrb.psi', 'mrb', 'psi', "PSI over the reference's deciles", 'numpy linear deciles of the reference, duplicate edges dropped, right-closed bins, empty bins 1e-4', { binning: 'deciles' }),
  d('mrb.ks', 'mrb', 'ks_2samp', 'two-sample KS statistic', 'scipy.stats.ks_2samp(reference, current).statistic'),

  d('sklearn.roc_auc_score', 'sklearn.metrics.roc_auc_score', 'roc_auc', `${SK} roc_auc_score`, 'sklearn.metrics.roc_auc_score(y_true, y_score)'),
  d('sklearn.average_precision_score', 'sklearn.metrics.average_precision_score', 'average_precision', `${SK} average_precision_score`, 'sklearn.metrics.average_precision_score(y_true, y_score)'),
  d('sklearn.log_loss', 'sklearn.metrics.log_loss', 'log_loss', `${SK} ≥ 1.2 log_loss (clip at float64 eps)`, 'sklearn.metrics.log_loss(y_true, y_score), eps = np.finfo(float64).eps = 2.22e-16 (1.2 and later)', { eps: FLOAT64_EPS }),
  d('sklearn.log_loss@<1.2', 'sklearn.metrics.log_loss', 'log_loss', `${SK} < 1.2 log_loss (clip at 1e-15)`, 'sklearn.metrics.log_loss(y_true, y_score), eps = 1e-15 (up to 1.1)', { eps: 1e-15 }),
  d('sklearn.brier_score_loss', 'sklearn.metrics.brier_score_loss', 'brier', `${SK} brier_score_loss`, 'sklearn.metrics.brier_score_loss(y_true, y_score)'),
  d('sklearn.accuracy_score', 'sklearn.metrics.accuracy_score', 'accuracy', `${SK} accuracy_score of predict()`, 'accuracy_score(y_true, y_score > threshold)', PREDICT),
  d('sklearn.precision_score', 'sklearn.metrics.precision_score', 'precision', `${SK} precision_score of predict(), zero_division 0`, 'precision_score(y_true, y_score > threshold, zero_division=0)', { ...PREDICT, zero_division: 0 }),
  d('sklearn.recall_score', 'sklearn.metrics.recall_score', 'recall', `${SK} recall_score of predict(), zero_division 0`, 'recall_score(y_true, y_score > threshold, zero_division=0)', { ...PREDICT, zero_division: 0 }),
  d('sklearn.f1_score', 'sklearn.metrics.f1_score', 'f1', `${SK} f1_score of predict(), zero_division 0`, 'f1_score(y_true, y_score > threshold, zero_division=0)', { ...PREDICT, zero_division: 0 }),
  d('sklearn.r2_score', 'sklearn.metrics.r2_score', 'r2', `${SK} r2_score`, 'sklearn.metrics.r2_score(y_true, y_pred)'),
  d('sklearn.mean_squared_error', 'sklearn.metrics.mean_squared_error', 'mse', `${SK} mean_squared_error`, 'sklearn.metrics.mean_squared_error(y_true, y_pred); squared=False gives its root', { squared: true }),
  d('sklearn.root_mean_squared_error', 'sklearn.metrics.root_mean_squared_error', 'rmse', `${SK} root_mean_squared_error`, 'sklearn.metrics.root_mean_squared_error(y_true, y_pred) (1.4 and later)'),
  d('sklearn.mean_absolute_error', 'sklearn.metrics.mean_absolute_error', 'mae', `${SK} mean_absolute_error`, 'sklearn.metrics.mean_absolute_error(y_true, y_pred)'),
  d('sklearn.max_error', 'sklearn.metrics.max_error', 'max_error', `${SK} max_error`, 'max |y - p|'),
  d('sklearn.mean_absolute_percentage_error', 'sklearn.metrics.mean_absolute_percentage_error', 'mape', `${SK} mean_absolute_percentage_error`, 'mean(|y - p| / max(|y|, float64 eps)), a fraction, not per cent'),

  d('mlflow.example_count', 'mlflow.evaluate', 'n', 'MLflow example_count', 'rows evaluated'),
  d('mlflow.roc_auc', 'mlflow.evaluate', 'roc_auc', 'MLflow roc_auc', 'sklearn roc_auc_score on predict_proba'),
  d('mlflow.precision_recall_auc', 'mlflow.evaluate', 'average_precision', 'MLflow precision_recall_auc (average precision)', 'sklearn average_precision_score on predict_proba'),
  d('mlflow.log_loss', 'mlflow.evaluate', 'log_loss', 'MLflow log_loss (scikit-learn ≥ 1.2 clip)', 'sklearn log_loss on predict_proba', { eps: FLOAT64_EPS }),
  d('mlflow.accuracy_score', 'mlflow.evaluate', 'accuracy', 'MLflow accuracy_score of predict()', 'sklearn accuracy_score on predict()', PREDICT),
  d('mlflow.precision_score', 'mlflow.evaluate', 'precision', 'MLflow precision_score of predict()', 'sklearn precision_score on predict()', { ...PREDICT, zero_division: 0 }),
  d('mlflow.recall_score', 'mlflow.evaluate', 'recall', 'MLflow recall_score of predict()', 'sklearn recall_score on predict()', { ...PREDICT, zero_division: 0 }),
  d('mlflow.f1_score', 'mlflow.evaluate', 'f1', 'MLflow f1_score of predict()', 'sklearn f1_score on predict()', { ...PREDICT, zero_division: 0 }),
  d('mlflow.true_positives', 'mlflow.evaluate', 'true_positives', 'MLflow true_positives of predict()', 'confusion matrix of predict()', PREDICT),
  d('mlflow.false_positives', 'mlflow.evaluate', 'false_positives', 'MLflow false_positives of predict()', 'confusion matrix of predict()', PREDICT),
  d('mlflow.true_negatives', 'mlflow.evaluate', 'true_negatives', 'MLflow true_negatives of predict()', 'confusion matrix of predict()', PREDICT),
  d('mlflow.false_negatives', 'mlflow.evaluate', 'false_negatives', 'MLflow false_negatives of predict()', 'confusion matrix of predict()', PREDICT),
  d('mlflow.regression_example_count', 'mlflow.evaluate', 'regression_n', 'MLflow example_count', 'rows evaluated'),
  d('mlflow.mean_absolute_error', 'mlflow.evaluate', 'mae', 'MLflow mean_absolute_error', 'sklearn mean_absolute_error'),
  d('mlflow.mean_squared_error', 'mlflow.evaluate', 'mse', 'MLflow mean_squared_error', 'sklearn mean_squared_error', { squared: true }),
  d('mlflow.root_mean_squared_error', 'mlflow.evaluate', 'rmse', 'MLflow root_mean_squared_error', 'sqrt of sklearn mean_squared_error'),
  d('mlflow.r2_score', 'mlflow.evaluate', 'r2', 'MLflow r2_score', 'sklearn r2_score'),
  d('mlflow.max_error', 'mlflow.evaluate', 'max_error', 'MLflow max_error', 'sklearn max_error'),
  d('mlflow.mean_absolute_percentage_error', 'mlflow.evaluate', 'mape', 'MLflow mean_absolute_percentage_error', 'sklearn mean_absolute_percentage_error'),
  d('mlflow.sum_on_target', 'mlflow.evaluate', 'sum_on_target', 'MLflow sum_on_target', 'sum of y_true'),
  d('mlflow.mean_on_target', 'mlflow.evaluate', 'mean_on_target', 'MLflow mean_on_target', 'mean of y_true'),

  d('fairlearn.demographic_parity_difference', 'fairlearn.metrics.demographic_parity_difference', 'demographic_parity_difference', 'Fairlearn demographic_parity_difference of predict()', 'MetricFrame(selection_rate).difference()', FAIRLEARN),
  d('fairlearn.demographic_parity_ratio', 'fairlearn.metrics.demographic_parity_ratio', 'demographic_parity_ratio', 'Fairlearn demographic_parity_ratio of predict() (0 / 0 undefined)', 'MetricFrame(selection_rate).ratio()', FAIRLEARN),
  d('fairlearn.equalized_odds_difference', 'fairlearn.metrics.equalized_odds_difference', 'equalized_odds_difference', 'Fairlearn equalized_odds_difference of predict() (a group lacking a class has rate 0)', 'max of TPR and FPR differences between groups, rates from confusion_matrix(normalize="true")', FAIRLEARN),
  d('fairlearn.equalized_odds_ratio', 'fairlearn.metrics.equalized_odds_ratio', 'equalized_odds_ratio', 'Fairlearn equalized_odds_ratio of predict() (a group lacking a class has rate 0)', 'min of TPR and FPR ratios between groups', FAIRLEARN),

  d('credit.gini', 'credit', 'gini', 'Gini = 2 AUC - 1', 'the accuracy ratio of credit scoring, 2 * roc_auc_score - 1'),
  d('credit.ks', 'credit', 'ks_separation', 'KS = max(TPR - FPR)', 'max over thresholds of TPR - FPR (the score distributions of the two classes)'),

  d('scipy.ks_2samp', 'scipy.stats.ks_2samp', 'ks_2samp', 'scipy ks_2samp statistic', 'scipy.stats.ks_2samp(reference, current).statistic'),
  d('evidently.psi', 'evidently', 'psi', "Evidently's PSI (Sturges bins over both samples)", 'evidently stattest "psi": get_binned_data + sum (p_ref - p_cur) ln(p_ref / p_cur)', { binning: 'evidently' }),
  d('evidently.wasserstein', 'evidently', 'wasserstein_norm', "Evidently's normed Wasserstein distance", 'scipy.stats.wasserstein_distance / max(np.std(reference), 0.001)'),
  d('evidently.jensenshannon', 'evidently', 'jensenshannon', "Evidently's Jensen-Shannon distance", 'scipy.spatial.distance.jensenshannon of get_binned_data(..., feel_zeroes=False)'),
  d('evidently.kl_div', 'evidently', 'kl_div', "Evidently's Kullback-Leibler divergence", 'scipy.stats.entropy of get_binned_data'),
];

const BY_ID = new Map(DIALECTS.map((x) => [x.id, x]));

function byId(id: string): Dialect {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`No dialect ${id}`);
  return found;
}

/** Names a claim may carry without a definition, per scope: ours, scikit-learn's, MLflow's, Fairlearn's, credit scoring's. */
const NAMES: Record<DialectScope, Record<string, string>> = {
  binary: {
    n: 'mrb.n',
    positives: 'mrb.positives',
    roc_auc: 'mrb.roc_auc',
    average_precision: 'mrb.average_precision',
    accuracy: 'mrb.accuracy',
    selection_rate: 'mrb.selection_rate',
    precision: 'mrb.precision',
    recall: 'mrb.recall',
    f1: 'mrb.f1',
    log_loss: 'mrb.log_loss',
    brier: 'mrb.brier',
    ece: 'mrb.ece',
    roc_auc_score: 'sklearn.roc_auc_score',
    average_precision_score: 'sklearn.average_precision_score',
    brier_score_loss: 'sklearn.brier_score_loss',
    accuracy_score: 'sklearn.accuracy_score',
    precision_score: 'sklearn.precision_score',
    recall_score: 'sklearn.recall_score',
    f1_score: 'sklearn.f1_score',
    example_count: 'mlflow.example_count',
    precision_recall_auc: 'mlflow.precision_recall_auc',
    true_positives: 'mlflow.true_positives',
    false_positives: 'mlflow.false_positives',
    true_negatives: 'mlflow.true_negatives',
    false_negatives: 'mlflow.false_negatives',
    gini: 'credit.gini',
    ks: 'credit.ks',
  },
  regression: {
    n: 'mrb.regression_n',
    rmse: 'mrb.rmse',
    mae: 'mrb.mae',
    r2: 'mrb.r2',
    r2_score: 'sklearn.r2_score',
    mean_squared_error: 'sklearn.mean_squared_error',
    mse: 'sklearn.mean_squared_error',
    root_mean_squared_error: 'sklearn.root_mean_squared_error',
    mean_absolute_error: 'sklearn.mean_absolute_error',
    max_error: 'sklearn.max_error',
    mean_absolute_percentage_error: 'sklearn.mean_absolute_percentage_error',
    mape: 'sklearn.mean_absolute_percentage_error',
    example_count: 'mlflow.regression_example_count',
    sum_on_target: 'mlflow.sum_on_target',
    mean_on_target: 'mlflow.mean_on_target',
  },
  fairness: {
    demographic_parity_difference: 'mrb.demographic_parity_difference',
    demographic_parity_ratio: 'mrb.demographic_parity_ratio',
    equalized_odds_difference: 'mrb.equalized_odds_difference',
    equalized_odds_ratio: 'mrb.equalized_odds_ratio',
  },
  drift: {
    psi: 'mrb.psi',
    ks: 'mrb.ks',
    wasserstein: 'evidently.wasserstein',
    wasserstein_distance_norm: 'evidently.wasserstein',
    jensenshannon: 'evidently.jensenshannon',
    kl_div: 'evidently.kl_div',
  },
};

/** Toolkits whose implementation names a vocabulary rather than one function: the metric is the claim's name (or `metric`/`stattest`). */
const TOOLKITS: Record<string, Partial<Record<DialectScope, Record<string, string>>>> = {
  mrb: { binary: NAMES.binary, regression: NAMES.regression, fairness: NAMES.fairness, drift: NAMES.drift },
  mlflow: {
    binary: {
      example_count: 'mlflow.example_count',
      roc_auc: 'mlflow.roc_auc',
      precision_recall_auc: 'mlflow.precision_recall_auc',
      average_precision: 'mlflow.precision_recall_auc',
      log_loss: 'mlflow.log_loss',
      accuracy_score: 'mlflow.accuracy_score',
      accuracy: 'mlflow.accuracy_score',
      precision_score: 'mlflow.precision_score',
      precision: 'mlflow.precision_score',
      recall_score: 'mlflow.recall_score',
      recall: 'mlflow.recall_score',
      f1_score: 'mlflow.f1_score',
      f1: 'mlflow.f1_score',
      true_positives: 'mlflow.true_positives',
      false_positives: 'mlflow.false_positives',
      true_negatives: 'mlflow.true_negatives',
      false_negatives: 'mlflow.false_negatives',
    },
    regression: {
      example_count: 'mlflow.regression_example_count',
      mean_absolute_error: 'mlflow.mean_absolute_error',
      mae: 'mlflow.mean_absolute_error',
      mean_squared_error: 'mlflow.mean_squared_error',
      root_mean_squared_error: 'mlflow.root_mean_squared_error',
      rmse: 'mlflow.root_mean_squared_error',
      r2_score: 'mlflow.r2_score',
      r2: 'mlflow.r2_score',
      max_error: 'mlflow.max_error',
      mean_absolute_percentage_error: 'mlflow.mean_absolute_percentage_error',
      sum_on_target: 'mlflow.sum_on_target',
      mean_on_target: 'mlflow.mean_on_target',
    },
  },
  credit: { binary: { gini: 'credit.gini', ks: 'credit.ks' } },
  evidently: {
    drift: {
      psi: 'evidently.psi',
      wasserstein: 'evidently.wasserstein',
      wasserstein_distance_norm: 'evidently.wasserstein',
      jensenshannon: 'evidently.jensenshannon',
      kl_div: 'evidently.kl_div',
    },
  },
};
TOOLKITS['mlflow.evaluate'] = TOOLKITS.mlflow as (typeof TOOLKITS)[string];

const SCOPE_WORDS: Record<DialectScope, string> = { binary: 'binary classification', regression: 'regression', fairness: 'fairness', drift: 'drift' };

/** A claim's definition as the manifest (or a lifted card) carries it. */
export interface ClaimDefinition {
  implementation: string;
  [param: string]: unknown;
}

export type Resolution =
  | { ok: true; dialect: Dialect; params: Params }
  | { ok: false; reason: string };

/** "1.1.3" is before 1.2? Versions that do not parse are taken as current. */
function before12(version: unknown): boolean {
  const m = /^(\d+)\.(\d+)/.exec(String(version));
  if (!m) return false;
  const major = Number(m[1]);
  return major === 0 || (major === 1 && Number(m[2]) < 2);
}

/** Parameters a definition may state, read into the family's axes: `eps`, `zero_division`, `positive_when`, `squared`, `missing_class`. */
function explicitParams(dialect: Dialect, definition: ClaimDefinition): Params {
  const axes = FAMILIES[dialect.family].axes as Record<string, readonly ParamValue[]>;
  const out: Record<string, ParamValue> = { ...dialect.params };
  for (const axis of Object.keys(axes)) {
    const v = definition[axis];
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[axis] = v;
  }
  if (axes.zero_division && definition.zero_division === 'warn') out.zero_division = 0;
  return out;
}

/** The definition a claim is checked under, or why it cannot be. */
export function resolveDefinition(scope: DialectScope, name: string, definition?: ClaimDefinition): Resolution {
  if (definition === undefined) {
    const id = NAMES[scope][name];
    if (id) return { ok: true, dialect: byId(id), params: byId(id).params };
    const elsewhere = (Object.keys(NAMES) as DialectScope[]).find((other) => NAMES[other][name] !== undefined);
    return { ok: false, reason: elsewhere ? `${name} is a ${SCOPE_WORDS[elsewhere]} metric, not a ${SCOPE_WORDS[scope]} one` : `unknown metric ${name}` };
  }
  const implementation = definition.implementation;
  const toolkit = TOOLKITS[implementation];
  if (toolkit) {
    const metric = typeof definition.metric === 'string' ? definition.metric : typeof definition.stattest === 'string' ? definition.stattest : name;
    const id = toolkit[scope]?.[metric];
    if (!id) return { ok: false, reason: `unknown metric ${metric} for ${implementation}` };
    const dialect = byId(id);
    return { ok: true, dialect, params: explicitParams(dialect, definition) };
  }
  const candidates = DIALECTS.filter((x) => x.implementation === implementation && FAMILIES[x.family].scope === scope);
  if (candidates.length === 0) {
    const known = DIALECTS.some((x) => x.implementation === implementation);
    return { ok: false, reason: known ? `${implementation} does not compute a ${scope} metric` : `unknown implementation ${implementation} for the metric ${name}` };
  }
  const dialect =
    candidates.length > 1 && definition.version !== undefined
      ? (candidates.find((x) => x.id.endsWith('@<1.2') === before12(definition.version)) ?? (candidates[0] as Dialect))
      : (candidates[0] as Dialect);
  return { ok: true, dialect, params: explicitParams(dialect, definition) };
}

export function familyScope(dialect: Dialect): DialectScope {
  return FAMILIES[dialect.family].scope;
}

/** The value of a claim under a definition, or null where the definition is undefined on the data. */
export function computeDialect<K extends DialectScope>(dialect: Dialect, params: Params, data: ScopeData[K]): number | null {
  const family = FAMILIES[dialect.family] as Family<K>;
  const value = family.compute(data, params);
  return value === null || Number.isNaN(value) ? null : value;
}

function sameParams(a: Params, b: Params): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

function paramText(axis: string, v: ParamValue): string {
  switch (axis) {
    case 'eps':
      return v === FLOAT64_EPS ? 'clip at float64 eps' : `clip at ${v}`;
    case 'positive_when':
      return v === '>' ? 'positive when score > threshold, as predict()' : 'positive when score >= threshold';
    case 'zero_division':
      return `zero_division ${v}`;
    case 'missing_class':
      return v === 'zero' ? 'a group lacking a class has rate 0' : 'a group lacking a class left out';
    case 'all_zero_ratio':
      return v === 'one' ? '0 / 0 ratio = 1' : '0 / 0 ratio undefined';
    default:
      return `${axis} ${String(v)}`;
  }
}

/** How the report names a definition with its parameters; a named dialect keeps its own label. */
export function describeDefinition(dialect: Dialect, params: Params): string {
  if (sameParams(dialect.params, params)) return dialect.label;
  const changed = Object.keys(params).filter((k) => params[k] !== dialect.params[k]);
  return `${dialect.label}, with ${changed.map((k) => paramText(k, params[k] as ParamValue)).join(', ')}`;
}

export interface Neighbour {
  label: string;
  params: Params;
}

/**
 * The definitions a failed claim may have been made under instead: every named dialect of
 * the same family (e.g. Fairlearn's for ours), and the definitions one parameter away,
 * each named after a dialect with exactly those parameters when there is one (e.g.
 * "scikit-learn ≥ 1.2 log_loss (clip at float64 eps)").
 */
export function neighbours(dialect: Dialect, params: Params): Neighbour[] {
  const axes = FAMILIES[dialect.family].axes as Record<string, readonly ParamValue[]>;
  const out: Neighbour[] = [];
  const add = (next: Params): void => {
    if (sameParams(next, params) || out.some((n) => sameParams(n.params, next))) return;
    // Named after the claim's own tool first, then after a library rather than after us (MLflow runs scikit-learn).
    const rank = (x: Dialect): number => (x.implementation === dialect.implementation ? 0 : (x.implementation === 'mrb') === (dialect.implementation === 'mrb') ? 1 : 2);
    const named = [...DIALECTS].sort((a, b) => rank(a) - rank(b)).find((x) => x.family === dialect.family && sameParams(x.params, next));
    out.push({ label: named ? named.label : describeDefinition(dialect, next), params: next });
  };
  for (const [axis, values] of Object.entries(axes)) for (const v of values) add({ ...params, [axis]: v });
  for (const x of DIALECTS) if (x.family === dialect.family) add(x.params);
  return out;
}
