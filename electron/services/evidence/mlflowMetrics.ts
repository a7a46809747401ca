import { emptyLift, liftedEntry, numberOf, unreadable, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * MLflow evaluation metrics, as MLflow writes them (mlflow/models/evaluation/evaluators/
 * classifier.py, regressor.py; the file store): a run folder's `metrics/<name>` files, one
 * line per logged value, `<timestamp> <value> <step>`, of which the last step (then the
 * last time) is the claim; or the JSON of `EvaluationResult.metrics`, a flat object of
 * numbers. Each is checked as MLflow's evaluate defines it.
 */

const DEFINITION = { implementation: 'mlflow.evaluate' };

/** A run's metric file: ".../metrics/<name>" without an extension. */
export function isMlflowMetricFile(path: string): boolean {
  return /(^|\/)metrics\/[^/.]+$/.test(path);
}

/** Names only MLflow's evaluate writes, so that a flat object of numbers is taken for its metrics. */
const EVALUATE_KEYS = ['example_count', 'precision_recall_auc', 'sum_on_target', 'mean_on_target', 'true_positives', 'accuracy_score', 'r2_score', 'root_mean_squared_error'];

export function isMlflowMetricsJson(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const entries = Object.entries(json);
  return entries.length > 0 && entries.every(([, v]) => typeof v === 'number' || v === null) && entries.some(([k]) => EVALUATE_KEYS.includes(k));
}

export function liftMlflowMetricFile(file: string, content: string, facts: BundleFacts): Lifted {
  const out = emptyLift('MLflow run metric');
  const name = file.slice(file.lastIndexOf('/') + 1);
  let best: { value: number; step: number; time: number; line: number } | null = null;
  const lines = content.split(/\r?\n/);
  for (const [k, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    const [time, value, step = '0'] = raw.trim().split(/\s+/);
    const t = numberOf(time);
    const v = numberOf(value);
    const s = numberOf(step);
    if (t === null || v === null || s === null) {
      out.findings.push(unreadable(file, `line ${k + 1} is not "<timestamp> <value> <step>"`));
      return out;
    }
    if (best === null || s > best.step || (s === best.step && t >= best.time)) best = { value: v, step: s, time: t, line: k + 1 };
  }
  if (best) out.entries.push(liftedEntry(file, `line ${best.line} (step ${best.step})`, name, best.value, facts, { definition: DEFINITION }));
  return out;
}

export function liftMlflowMetricsJson(file: string, json: Record<string, unknown>, facts: BundleFacts): Lifted {
  const out = emptyLift('MLflow evaluation metrics');
  for (const [name, v] of Object.entries(json)) {
    if (typeof v === 'number') out.entries.push(liftedEntry(file, name, name, v, facts, { definition: DEFINITION }));
  }
  return out;
}
