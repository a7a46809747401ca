import type { ClaimCheck } from '../../../shared/validation/report';
import { emptyLift, numberOf, unreadable, type BundleFacts, type Lifted } from './liftedClaims';

/**
 * OpenLineage run events (OpenLineage spec, RunEvent): a file holds one event, an array
 * of events, or one event per line (JSON Lines). An input's or output's
 * `dataQualityMetrics` facet (in `inputFacets`, or `facets` as older producers write it)
 * claims `rowCount` and per-column `nullCount`; when the dataset is one of the bundle's
 * files (its name ends with the file's path or name) each count is checked exactly against
 * the file.
 */

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
}

export function isRunEvent(v: unknown): boolean {
  const o = obj(v);
  return o !== null && typeof o.eventType === 'string' && obj(o.run) !== null;
}

export function isOpenLineage(json: unknown): boolean {
  return isRunEvent(json) || (Array.isArray(json) && json.length > 0 && json.every(isRunEvent));
}

/** Events of a .jsonl file, or null when some line is not an event (the file is then not OpenLineage). */
export function jsonLinesEvents(content: string): unknown[] | null {
  const events: unknown[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      const event: unknown = JSON.parse(line);
      if (!isRunEvent(event)) return null;
      events.push(event);
    } catch {
      return null;
    }
  }
  return events.length > 0 ? events : null;
}

function bundleFile(dataset: string, facts: BundleFacts): string | null {
  for (const path of facts.tables.keys()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    const stem = base.replace(/\.[^.]+$/, '');
    if (dataset === path || dataset.endsWith(`/${path}`) || dataset.endsWith(`/${base}`) || dataset === base || dataset === stem || dataset.endsWith(`/${stem}`) || dataset.endsWith(`.${stem}`)) {
      return path;
    }
  }
  return null;
}

function count(path: string, pointer: string, file: string, claimed: number, actual: number | null, definition: string, why: string): ClaimCheck {
  const base = { path, claimed, tolerance: 0, neighbour: null, definition, source: { file, pointer } };
  if (actual === null) return { ...base, recomputed: null, difference: null, status: 'not_recomputable', reason: why };
  return { ...base, recomputed: actual, difference: actual - claimed, status: actual === claimed ? 'match' : 'mismatch', reason: null };
}

export function liftOpenLineage(file: string, events: unknown[], facts: BundleFacts): Lifted {
  const out = emptyLift('OpenLineage');
  events.forEach((e, k) => {
    const event = obj(e) as Obj;
    for (const side of ['inputs', 'outputs'] as const) {
      const datasets = event[side];
      if (!Array.isArray(datasets)) continue;
      datasets.forEach((d, i) => {
        const dataset = obj(d);
        if (!dataset) return;
        const facetKey = obj(dataset.inputFacets)?.dataQualityMetrics ? 'inputFacets' : 'facets';
        const dq = obj(obj(dataset[facetKey])?.dataQualityMetrics);
        if (!dq) return;
        const at = `${events.length > 1 ? `events[${k}].` : ''}${side}[${i}].${facetKey}.dataQualityMetrics`;
        const name = `${typeof dataset.namespace === 'string' ? `${dataset.namespace}/` : ''}${typeof dataset.name === 'string' ? dataset.name : '?'}`;
        const target = typeof dataset.name === 'string' ? bundleFile(dataset.name, facts) : null;
        const table = target ? facts.tables.get(target) : undefined;
        const unmapped = `the dataset ${name} is not one of the bundle's data files`;
        const rowCount = numberOf(dq.rowCount);
        if (rowCount !== null) {
          out.checks.push(
            count(`${file}: ${name} rowCount`, `${at}.rowCount`, file, rowCount, table ? table.rows : null, target ? `rows of ${target}` : 'rows of the dataset', table ? `the rows of ${target} are not counted` : unmapped),
          );
        }
        for (const [column, m] of Object.entries(obj(dq.columnMetrics) ?? {})) {
          const nullCount = numberOf(obj(m)?.nullCount);
          if (nullCount === null) continue;
          const actual = table?.nulls.get(column) ?? null;
          const why = !table ? unmapped : `${target} has no column "${column}" that the bundle reads`;
          out.checks.push(count(`${file}: ${name} ${column} nullCount`, `${at}.columnMetrics.${column}.nullCount`, file, nullCount, actual, target ? `empty cells of ${column} in ${target}` : 'empty cells', why));
        }
      });
    }
  });
  if (events.length === 0) out.findings.push(unreadable(file, 'the file holds no OpenLineage event'));
  return out;
}
