import { evaluateRegression, type BinaryEvaluation, type DriftResult, type MetricNote, type RegressionEvaluation } from '../../../shared/metrics';
import { confusionsOf, type Confusions } from '../../../shared/dialects/segments';
import { checkClaimEntries, claimFindings, manifestEntries } from '../../../shared/validation/claims';
import { driftFindings, fairnessFindings, smallGroupFindings } from '../../../shared/validation/findings';
import { passes, SEVERITY_ORDER, type Finding, type MetricSet, type ValidationReport } from '../../../shared/validation/report';
import type { Manifest } from '../../../shared/bundle/manifest';
import type { LoadedBundle, Predictions } from '../bundles/bundleReader';
import { liftClaims } from '../evidence/liftClaims';
import { evaluateBinaryBeside, type Beside } from '../jobs/groupMetrics';

/**
 * The independent recomputation of a bundle (SPEC 5): metrics from the raw rows, every
 * claim compared with them, and the findings a reviewer acts on, worst first.
 */

const NOTE_TEXT: Record<MetricNote['reason'], string> = {
  no_positives: 'there is no y_true = 1',
  no_negatives: 'there is no y_true = 0',
  single_positive: 'there is only one y_true = 1 (DeLong needs two)',
  single_negative: 'there is only one y_true = 0 (DeLong needs two)',
  no_predicted_positives: 'no row scores at or above the decision threshold',
  constant_y_true: 'every y_true is the same',
  single_row: 'there is only one row',
  no_reference_values: 'the reference sample has no value for it',
  no_current_values: 'the current sample has no value for it',
  categorical: 'the feature is categorical',
};

/** Null metrics are findings; conventions and left-out groups are said where they matter. */
function noteFindings(scope: string, notes: readonly MetricNote[], overall: boolean): Finding[] {
  return notes
    .filter((n) => n.outcome === 'null' && n.reason !== 'categorical')
    .map((n) => ({
      severity: overall ? 'medium' : 'low',
      category: 'undefined_metric',
      message: `${n.metric} cannot be computed for ${scope}: ${NOTE_TEXT[n.reason]}.`,
      evidence: { scope, metric: n.metric, reason: n.reason },
    }));
}

/** How a feature's cells were read, where a reader could have guessed otherwise: missing tokens, and why it is categorical. */
function readingFindings(feature: string, r: DriftResult): Finding[] {
  const out: Finding[] = [];
  if (r.missingTokens && r.missingTokens.length > 0) {
    const [ref, cur] = r.metrics.missing;
    out.push({
      severity: 'info',
      category: 'drift',
      message: `The feature ${feature} is numeric; cells written ${r.missingTokens.join(', ')} were read as missing (with empty cells, ${ref} in the reference and ${cur} in the current sample).`,
      evidence: { feature, missing_tokens: r.missingTokens },
    });
  }
  if (r.kind === 'categorical' && r.categoricalBecause) {
    out.push({ severity: 'info', category: 'drift', message: `The feature ${feature} is treated as categorical: ${r.categoricalBecause}.`, evidence: { feature, reason: r.categoricalBecause } });
  }
  return out;
}

function asSet(metrics: object): MetricSet {
  return { ...(metrics as MetricSet) };
}

export interface PredictionMetrics {
  overall: MetricSet | null;
  groups: Record<string, Record<string, MetricSet>>;
  fairness: Record<string, MetricSet>;
  findings: Finding[];
  /** A binary task's confusion counts under each threshold rule, overall and per group: the claims' checks start from them. */
  confusion: { overall: Confusions | null; groups: Record<string, Record<string, Confusions>> };
}

/**
 * The metrics of the predictions alone; an import computes them while drift still runs.
 * A binary task's group metrics are worked out on the other thread `beside` gives (see
 * evaluateBinaryBeside) when it does, else here. Bad rows are refused by a throw before
 * this returns; the promise holds the rest of the work.
 */
export function evaluatePredictions(m: Manifest, p: Predictions | null, beside: Beside = { script: undefined }): Promise<PredictionMetrics> {
  if (!p) return Promise.resolve({ overall: null, groups: {}, fairness: {}, findings: [], confusion: { overall: null, groups: {} } });
  const sensitive = Object.fromEntries(p.groups);
  if (m.task === 'binary_classification') {
    return evaluateBinaryBeside(p.yTrue, p.yScore, m.decision_threshold, sensitive, beside).then(predictionMetrics);
  }
  // Only a binary task's labels are read as bytes.
  return Promise.resolve(predictionMetrics(evaluateRegression(p.yTrue instanceof Float64Array ? p.yTrue : Float64Array.from(p.yTrue), p.yScore, sensitive)));
}

/** The overall and group metric sets of an evaluation, and the findings of its null metrics. */
function predictionMetrics(e: BinaryEvaluation | RegressionEvaluation): PredictionMetrics {
  const binary = 'fairness' in e ? e : null;
  const out: PredictionMetrics = {
    overall: asSet(e.overall.metrics),
    groups: {},
    fairness: {},
    findings: noteFindings('the whole set', e.overall.notes, true),
    confusion: { overall: binary ? confusionsOf(binary.overall) : null, groups: {} },
  };
  const groups: Record<string, Record<string, { metrics: object; notes: readonly MetricNote[] }>> = e.groups;
  for (const [attr, byValue] of Object.entries(groups)) {
    out.groups[attr] = Object.fromEntries(Object.entries(byValue).map(([value, r]) => [value, asSet(r.metrics)]));
  }
  // A regression group's only null (r2 of a single row) is left to the small-group finding.
  if (binary) {
    for (const [attr, byValue] of Object.entries(binary.groups)) {
      for (const [value, r] of Object.entries(byValue)) out.findings.push(...noteFindings(`${attr} = "${value}"`, r.notes, false));
      out.confusion.groups[attr] = Object.fromEntries(Object.entries(byValue).map(([value, r]) => [value, confusionsOf(r)]));
    }
    for (const [attr, r] of Object.entries(binary.fairness)) out.fairness[attr] = asSet(r.metrics);
  }
  return out;
}

export function validateLoadedBundle(bundle: LoadedBundle, options: { tolerance: number; evaluated: PredictionMetrics }): ValidationReport {
  const m = bundle.manifest;
  const { overall, groups, fairness, findings: predictionFindings, confusion } = options.evaluated;
  const findings: Finding[] = [...predictionFindings];
  const drift: Record<string, MetricSet> = {};
  if (bundle.drift) {
    for (const feature of bundle.drift.features) {
      const r = bundle.drift.results[feature] as (typeof bundle.drift.results)[string];
      drift[feature] = { psi: r.metrics.psi, ks: r.metrics.ks, missing: r.metrics.missing };
      findings.push(...noteFindings(`the feature ${feature}`, r.notes, false), ...readingFindings(feature, r));
    }
  }

  // Claims lifted from the evidence files (model cards, MLflow, Evidently, OpenLineage) are checked like the manifest's.
  const evidence = liftClaims(bundle);
  const entries = [...manifestEntries(m.claims), ...evidence.lifted.flatMap((l) => l.entries)];
  const claims = [
    ...checkClaimEntries(entries, {
      task: m.task,
      decisionThreshold: m.decision_threshold,
      predictions: bundle.predictions,
      drift: bundle.drift?.results ?? {},
      tolerance: options.tolerance,
      evaluated: { overall, groups, confusion },
    }),
    ...evidence.lifted.flatMap((l) => l.checks),
  ];
  findings.push(...evidence.findings, ...claimFindings(claims), ...driftFindings(drift), ...fairnessFindings(fairness), ...smallGroupFindings(groups));
  findings.sort((a, b) => SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity));

  return {
    ok: passes(findings),
    bundle: { sha256: bundle.sha256, model_id: m.model.id, version: m.model.version },
    task: m.task,
    metrics: { overall, groups, fairness, drift },
    claims,
    findings,
    files: bundle.files.map(({ path, role, sha256, bytes, listed }) => ({ path, role, sha256, bytes, listed })),
  };
}
