import type { ClaimDefinition } from '../../../shared/dialects/registry';
import type { ClaimEntry } from '../../../shared/validation/claims';
import { emptyLift, liftedEntry, numberOf, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * Evidently reports and snapshots. Legacy (evidently.legacy, Report.save_json / as_dict):
 * `metrics[] {metric, result}`: ColumnDriftMetric's result and DataDriftTable's
 * `drift_by_columns` carry `column_name`, `stattest_name`, `drift_score`;
 * ClassificationQualityMetric's `result.current` the quality metrics. Current (0.7 and
 * later, Report.run(...).json()): `metrics[] {metric_id, value}` with ids such as
 * "ValueDrift(column=income,method=psi)" or "Accuracy()". A drift score is checked when its
 * test's definition is known (PSI, Jensen-Shannon, Kullback-Leibler, normed Wasserstein:
 * shared/metrics/evidentlyDrift.ts);
 * the p-value tests, and a ValueDrift without its method, say why not.
 */

const EVIDENTLY: ClaimDefinition = { implementation: 'evidently' };

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

/** A snapshot (evidently.core.serialization.SnapshotModel, what a workspace stores): results keyed by metric id. */
function isSnapshot(json: unknown): boolean {
  const o = obj(json);
  return o !== null && obj(o.metric_results) !== null && (Array.isArray(o.top_level_metrics) || obj(o.report) !== null);
}

export function isEvidentlyReport(json: unknown): json is Obj {
  if (isSnapshot(json)) return true;
  const metrics = obj(json)?.metrics;
  if (!Array.isArray(metrics) || metrics.length === 0) return false;
  return metrics.every((m) => {
    const o = obj(m);
    return o !== null && (typeof o.metric === 'string' || typeof o.metric_id === 'string');
  });
}

/** The stattest a name means, or why its score is not checked. */
function stattest(name: string): { test: 'psi' | 'wasserstein' | 'jensenshannon' | 'kl_div' } | { why: string } {
  const n = name.toLowerCase();
  if (n === 'psi' || n.startsWith('psi ') || n.includes('population stability')) return { test: 'psi' };
  if (n.includes('wasserstein')) return { test: 'wasserstein' };
  if (n.includes('jensen') || n === 'jensenshannon') return { test: 'jensenshannon' };
  if (n.includes('kullback') || n === 'kl_div') return { test: 'kl_div' };
  if (n.includes('p_value') || n.includes('p-value') || /^(ks|k-s|chi|z|fisher|t-test|mann|anderson|cramer|epps|g_test|g-test)/.test(n)) {
    return { why: `Evidently's "${name}" drift score is a p-value, which we do not compute` };
  }
  return { why: `Evidently's "${name}" drift test is not one whose binning we know (PSI, Jensen-Shannon, Kullback-Leibler and normed Wasserstein are)` };
}

function driftEntry(file: string, pointer: string, column: string, testName: string | null, score: number): ClaimEntry {
  const path = `${file}: drift.${column}`;
  if (testName === null) {
    return { path, scope: { section: 'drift', feature: column }, metric: 'drift_score', claim: score, source: { file, pointer }, unmapped: `Evidently's drift method for ${column} is not recorded, and its default depends on the data's size and type` };
  }
  const t = stattest(testName);
  if ('why' in t) return { path: `${path}.${testName}`, scope: { section: 'drift', feature: column }, metric: testName, claim: score, source: { file, pointer }, unmapped: t.why };
  return { path: `${path}.${t.test}`, scope: { section: 'drift', feature: column }, metric: t.test, claim: { value: score, definition: EVIDENTLY }, source: { file, pointer } };
}

const QUALITY: Record<string, string> = { Accuracy: 'accuracy', Precision: 'precision', Recall: 'recall', F1Score: 'f1', RocAuc: 'roc_auc', LogLoss: 'log_loss' };

/** "ValueDrift(column=income,method=psi)" -> { name: ValueDrift, args: { column: income, method: psi } }. */
function metricId(id: string): { name: string; args: Record<string, string> } {
  const m = /^(\w+)\((.*)\)$/.exec(id.trim());
  if (!m) return { name: id, args: {} };
  const args: Record<string, string> = {};
  for (const part of (m[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) args[part.slice(0, eq).trim()] = part.slice(eq + 1).trim().replace(/^['"]|['"]$/g, '');
  }
  return { name: m[1] as string, args };
}

/** A current-layout metric (name and parameters from its id or its config) and its single value, as a claim. */
function currentEntry(file: string, pointer: string, name: string, args: Record<string, unknown>, value: number, facts: BundleFacts): ClaimEntry | null {
  const column = typeof args.column === 'string' ? args.column : null;
  if (name === 'ValueDrift' && column !== null) return driftEntry(file, pointer, column, typeof args.method === 'string' ? args.method : null, value);
  return QUALITY[name] ? liftedEntry(file, pointer, QUALITY[name] as string, value, facts) : null;
}

/** "evidently:metric_v2:ValueDrift" -> ValueDrift. */
function typeName(type: unknown): string | null {
  return typeof type === 'string' ? (type.split(':').pop() ?? null) : null;
}

/**
 * A snapshot's `metric_results`: each result names its metric in
 * `metric_value_location.metric.params` (type, column, method); a single value is its `value`.
 * Results of several values (counts and shares, values by label) hold no claim we compare.
 */
function liftSnapshot(file: string, json: Obj, facts: BundleFacts): Lifted {
  const out = emptyLift('Evidently snapshot');
  for (const [id, r] of Object.entries(obj(json.metric_results) ?? {})) {
    const result = obj(r);
    const params = obj(obj(obj(result?.metric_value_location)?.metric)?.params);
    const name = typeName(params?.type);
    const value = numberOf(result?.value);
    if (!params || name === null || value === null) continue;
    const entry = currentEntry(file, `metric_results.${id}`, name, params, value, facts);
    if (entry) out.entries.push(entry);
  }
  return out;
}

export function liftEvidentlyReport(file: string, json: Obj, facts: BundleFacts): Lifted {
  if (isSnapshot(json)) return liftSnapshot(file, json, facts);
  const out = emptyLift('Evidently report');
  (json.metrics as unknown[]).forEach((m, i) => {
    const item = obj(m) as Obj;
    const pointer = `metrics[${i}]`;
    if (typeof item.metric === 'string') {
      const result = obj(item.result);
      if (!result) return;
      if (item.metric === 'ColumnDriftMetric') {
        const score = numberOf(result.drift_score);
        if (typeof result.column_name === 'string' && score !== null) {
          out.entries.push(driftEntry(file, `${pointer}.result`, result.column_name, typeof result.stattest_name === 'string' ? result.stattest_name : null, score));
        }
      } else if (item.metric === 'DataDriftTable' || item.metric === 'DatasetDriftMetric') {
        for (const [column, r] of Object.entries(obj(result.drift_by_columns) ?? {})) {
          const col = obj(r);
          const score = numberOf(col?.drift_score);
          if (col && score !== null) out.entries.push(driftEntry(file, `${pointer}.result.drift_by_columns.${column}`, column, typeof col.stattest_name === 'string' ? col.stattest_name : null, score));
        }
      } else if (item.metric === 'ClassificationQualityMetric') {
        for (const [name, v] of Object.entries(obj(result.current) ?? {})) {
          const value = numberOf(v);
          if (value !== null && ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'log_loss'].includes(name)) {
            out.entries.push(liftedEntry(file, `${pointer}.result.current.${name}`, name, value, facts));
          }
        }
      }
      return;
    }
    // The config, when written, names the metric's parameters as Evidently spells them ("Jensen-Shannon distance"); the id abbreviates.
    const config = obj(item.config);
    const fromConfig = typeName(config?.type);
    const { name, args } = config && fromConfig ? { name: fromConfig, args: config } : metricId(item.metric_id as string);
    const value = numberOf(obj(item.value)?.value ?? item.value);
    if (value === null) return;
    const entry = currentEntry(file, pointer, name, args, value, facts);
    if (entry) out.entries.push(entry);
  });
  return out;
}
