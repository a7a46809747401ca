import { CompensatedSum } from './compensatedSum';
import { MetricInputError, type MetricNote } from './metricNotes';

/** Regression metrics of a set of rows; the definitions are in index.ts. */

export type RegressionMetrics = {
  n: number;
  rmse: number;
  mae: number;
  r2: number | null;
};

export interface RegressionResult {
  metrics: RegressionMetrics;
  notes: MetricNote[];
}

export function checkRegressionInputs(yTrue: Float64Array, yPred: Float64Array): void {
  if (yTrue.length !== yPred.length) {
    throw new MetricInputError(`y_true has ${yTrue.length} values but y_score has ${yPred.length}; every row needs both.`, 'y_score');
  }
  if (yTrue.length === 0) throw new MetricInputError('There are no prediction rows to compute metrics from.', 'y_true');
  for (let i = 0; i < yTrue.length; i += 1) {
    if (!Number.isFinite(yTrue[i])) throw new MetricInputError(`y_true at row ${i + 1} is ${yTrue[i]}; it must be a finite number.`, 'y_true', i + 1);
    if (!Number.isFinite(yPred[i])) throw new MetricInputError(`y_score at row ${i + 1} is ${yPred[i]}; it must be a finite number.`, 'y_score', i + 1);
  }
}

/** Metrics of the rows `rows[start]` to `rows[end - 1]`, or of rows start..end-1 themselves when `rows` is omitted. */
export function regressionSegmentMetrics(yTrue: Float64Array, yPred: Float64Array, start: number, end: number, rows?: Uint32Array): RegressionResult {
  const n = end - start;
  const total = new CompensatedSum();
  const squared = new CompensatedSum();
  const absolute = new CompensatedSum();
  const first = yTrue[rows === undefined ? start : (rows[start] as number)] as number;
  let constant = true;
  for (let k = start; k < end; k += 1) {
    const row = rows === undefined ? k : (rows[k] as number);
    const y = yTrue[row] as number;
    const e = y - (yPred[row] as number);
    total.add(y);
    squared.add(e * e);
    absolute.add(Math.abs(e));
    if (y !== first) constant = false;
  }
  const mean = total.value / n;
  // Two passes: the spread around the mean, not sum(y^2) - n*mean^2, which cancels badly.
  const spread = new CompensatedSum();
  for (let k = start; k < end; k += 1) {
    const d = (yTrue[rows === undefined ? k : (rows[k] as number)] as number) - mean;
    spread.add(d * d);
  }
  const residual = squared.value;
  const metrics = { n, rmse: Math.sqrt(residual / n), mae: absolute.value / n };
  // scikit-learn's r2_score returns NaN, with a warning, for fewer than two rows.
  if (n === 1) return { metrics: { ...metrics, r2: null }, notes: [{ metric: 'r2', outcome: 'null', reason: 'single_row' }] };
  if (constant) {
    // r2_score(force_finite=True): 1.0 for a perfect fit of a constant, else 0.0.
    return { metrics: { ...metrics, r2: residual === 0 ? 1 : 0 }, notes: [{ metric: 'r2', outcome: 'convention', reason: 'constant_y_true' }] };
  }
  return { metrics: { ...metrics, r2: 1 - residual / spread.value }, notes: [] };
}

export function regressionMetrics(yTrue: Float64Array, yPred: Float64Array): RegressionResult {
  checkRegressionInputs(yTrue, yPred);
  return regressionSegmentMetrics(yTrue, yPred, 0, yTrue.length);
}
