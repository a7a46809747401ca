import { valuesPresent } from '../../../shared/metrics/partition';
import type { Finding } from '../../../shared/validation/report';
import type { LoadedBundle } from '../bundles/bundleReader';
import { isCycloneDx, liftCycloneDx } from './cycloneDx';
import { isEvidentlyReport, liftEvidentlyReport } from './evidentlyReport';
import { liftHuggingFaceCard } from './huggingFaceCard';
import { type BundleFacts, type Lifted } from './liftedClaims';
import { isMlflowMetricFile, isMlflowMetricsJson, liftMlflowMetricFile, liftMlflowMetricsJson } from './mlflowMetrics';
import { isModelCardToolkit, liftModelCardToolkit } from './modelCardToolkit';
import { isOpenLineage, jsonLinesEvents, liftOpenLineage } from './openLineage';

/**
 * Claims lifted from the evidence a bundle lists (any role but the data files): each file
 * is recognised by its content, whatever its role, and read by the reader of its format.
 * A file recognised by none is kept as evidence, as before.
 */

function bundleFacts(bundle: LoadedBundle): BundleFacts {
  const groups = new Map<string, readonly string[]>();
  const tables = new Map<string, { role: string; rows: number | null; nulls: Map<string, number> }>();
  const p = bundle.predictions;
  if (p) {
    // An OpenLineage facet names the columns as the file does, mapped or not.
    const nulls = new Map([
      [bundle.manifest.columns?.y_true ?? 'y_true', 0],
      [bundle.manifest.columns?.y_score ?? 'y_score', 0],
    ]);
    for (const [attribute, labels] of p.groups) {
      groups.set(attribute, valuesPresent(labels));
      nulls.set(attribute, 0);
    }
    tables.set(p.file, { role: 'predictions', rows: p.rows, nulls });
  }
  const drift = bundle.drift;
  for (const [k, role] of (['reference', 'current'] as const).entries()) {
    const file = bundle.files.find((f) => f.role === role && f.listed);
    if (!file) continue;
    const results = drift ? Object.entries(drift.results) : [];
    const first = results[0]?.[1];
    tables.set(file.path, { role, rows: first ? (first.rows[k] as number) : null, nulls: new Map(results.map(([feature, r]) => [feature, r.metrics.missing[k] as number])) });
  }
  return { task: bundle.manifest.task, groups, tables };
}

const TEXT = new TextDecoder('utf-8', { fatal: true });

/** Only these are decoded and read: a large binary listed as evidence costs nothing. */
function readable(path: string): boolean {
  return /\.(md|json|jsonl|ndjson)$/i.test(path) || isMlflowMetricFile(path);
}

function liftFile(path: string, data: Buffer, facts: BundleFacts): Lifted | null {
  if (!readable(path)) return null;
  let text: string;
  try {
    text = TEXT.decode(data);
  } catch {
    return null;
  }
  const lower = path.toLowerCase();
  if (lower.endsWith('.md')) return liftHuggingFaceCard(path, text, facts);
  if (isMlflowMetricFile(path)) return liftMlflowMetricFile(path, text, facts);
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) {
    const events = jsonLinesEvents(text);
    return events ? liftOpenLineage(path, events, facts) : null;
  }
  if (!lower.endsWith('.json')) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A .json that is not JSON could be any evidence (CycloneDX's published examples include one with a trailing comma).
    return {
      format: 'JSON',
      entries: [],
      checks: [],
      findings: [{ severity: 'low', category: 'claim_not_recomputable', message: `${path} is not valid JSON, so no claim in it is read.`, evidence: { file: path } }],
    };
  }
  if (isCycloneDx(json)) return liftCycloneDx(path, json, facts);
  if (isOpenLineage(json)) return liftOpenLineage(path, Array.isArray(json) ? json : [json], facts);
  if (isEvidentlyReport(json)) return liftEvidentlyReport(path, json, facts);
  if (isModelCardToolkit(json)) return liftModelCardToolkit(path, json, facts);
  if (isMlflowMetricsJson(json)) return liftMlflowMetricsJson(path, json, facts);
  return null;
}

export interface LiftedEvidence {
  lifted: (Lifted & { file: string })[];
  findings: Finding[];
}

export function liftClaims(bundle: LoadedBundle): LiftedEvidence {
  const facts = bundleFacts(bundle);
  const lifted: (Lifted & { file: string })[] = [];
  for (const f of bundle.files) {
    if (!f.listed || f.data === null || ['manifest', 'predictions', 'reference', 'current'].includes(f.role)) continue;
    const result = liftFile(f.path, f.data, facts);
    if (result) lifted.push({ ...result, file: f.path });
  }
  return { lifted, findings: lifted.flatMap((l) => l.findings) };
}
