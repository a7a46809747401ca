import type { ClaimDefinition } from '../../../shared/dialects/registry';
import type { ClaimEntry, ClaimScope } from '../../../shared/validation/claims';
import type { ClaimCheck, Finding } from '../../../shared/validation/report';

/**
 * What the evidence readers share: the bundle facts a lifted claim is mapped against, the
 * result of reading one file, and the mapping of a card's metric names and slices onto
 * the registry's names and the bundle's groups.
 */

export interface BundleFacts {
  task: 'binary_classification' | 'regression';
  /** attribute -> the group values present in the predictions. */
  groups: ReadonlyMap<string, readonly string[]>;
  /** Rows and per-column empty cells of the bundle's data files, by path (for OpenLineage's data-quality facets). */
  tables: ReadonlyMap<string, { role: string; rows: number | null; nulls: ReadonlyMap<string, number> }>;
}

export interface Lifted {
  /** The format the file was recognised as, e.g. "Model Card Toolkit". */
  format: string;
  entries: ClaimEntry[];
  /** Checks that are not metric claims (OpenLineage's row and null counts), already decided. */
  checks: ClaimCheck[];
  findings: Finding[];
}

export function emptyLift(format: string): Lifted {
  return { format, entries: [], checks: [], findings: [] };
}

/** A number, or a string that is one ("0.93", as Model Card Toolkit and CycloneDX write values). */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

const ALIASES: Record<string, string> = {
  auc: 'roc_auc',
  auroc: 'roc_auc',
  rocauc: 'roc_auc',
  roc: 'roc_auc',
  area_under_roc: 'roc_auc',
  area_under_the_roc_curve: 'roc_auc',
  pr_auc: 'average_precision',
  auprc: 'average_precision',
  ap: 'average_precision',
  logloss: 'log_loss',
  cross_entropy: 'log_loss',
  brier_score: 'brier',
  f1score: 'f1',
  f1_measure: 'f1',
  r_squared: 'r2',
  rsquared: 'r2',
  mean_absolute_percentage_error: 'mean_absolute_percentage_error',
};

/** A card's metric name in the registry's spelling: "ROC AUC" -> roc_auc, "F1 Score" -> f1_score. */
export function metricName(raw: string): string {
  const key = raw
    .trim()
    .toLowerCase()
    .replace(/[\s\-/]+/g, '_')
    .replace(/[^a-z0-9_]/g, '');
  return ALIASES[key] ?? key;
}

/**
 * The group a card's slice names: "sex=F", "sex:F", "sex_F", "sex F" or the bare value
 * when only one attribute has it. Anything else says why it cannot be mapped.
 */
export function sliceScope(slice: string, facts: BundleFacts): { attribute: string; group: string } | { unmapped: string } {
  const text = slice.trim();
  for (const [attribute, values] of facts.groups) {
    for (const sep of ['=', ':', '_', ' ']) {
      if (text.toLowerCase().startsWith(`${attribute.toLowerCase()}${sep}`)) {
        const value = text.slice(attribute.length + 1).trim();
        const group = values.find((v) => v === value) ?? values.find((v) => v.toLowerCase() === value.toLowerCase());
        if (group !== undefined) return { attribute, group };
        return { unmapped: `the slice "${slice}" names ${attribute} = "${value}", which no prediction row has` };
      }
    }
  }
  const owners = [...facts.groups].filter(([, values]) => values.includes(text));
  if (owners.length === 1) return { attribute: (owners[0] as [string, readonly string[]])[0], group: text };
  const attributes = [...facts.groups.keys()];
  return {
    unmapped:
      attributes.length === 0
        ? `the slice "${slice}" cannot be mapped to a group: the bundle has no sensitive attributes`
        : `the slice "${slice}" cannot be mapped to a group of ${attributes.join(', ')}`,
  };
}

const FAIRNESS = new Set(['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference', 'equalized_odds_ratio']);

/** One lifted metric claim: overall, for the group a slice names, or a fairness metric for the attribute it names. */
export function liftedEntry(
  file: string,
  pointer: string,
  rawMetric: string,
  value: number,
  facts: BundleFacts,
  options: { slice?: string | null; definition?: ClaimDefinition; note?: string; interval?: [number, number] } = {},
): ClaimEntry {
  const entry = liftedScope(file, pointer, rawMetric, value, facts, options);
  return options.interval ? { ...entry, interval: options.interval } : entry;
}

function liftedScope(file: string, pointer: string, rawMetric: string, value: number, facts: BundleFacts, options: { slice?: string | null; definition?: ClaimDefinition; note?: string }): ClaimEntry {
  const metric = metricName(rawMetric);
  const claim = options.definition ? { value, definition: options.definition } : value;
  // The note (a card's task, dataset and split; a BOM's component and interval) travels with the place in the file.
  const source = { file, pointer: options.note ? `${pointer} (${options.note})` : pointer };
  if (FAIRNESS.has(metric)) {
    // A fairness metric compares the groups of one attribute: the slice must name it.
    const attribute = options.slice ? [...facts.groups.keys()].find((a) => a.toLowerCase() === options.slice?.trim().toLowerCase()) : undefined;
    if (attribute) return { path: `${file}: fairness.${attribute}.${metric}`, scope: { section: 'fairness', attribute }, metric, claim, source };
    const why = options.slice ? `the slice "${options.slice}" is not a sensitive attribute of the bundle` : 'it names no sensitive attribute';
    return { path: `${file}: ${metric}`, scope: { section: 'overall' }, metric, claim, source, unmapped: `${metric} compares the groups of one attribute, and ${why}` };
  }
  if (options.slice) {
    const scope = sliceScope(options.slice, facts);
    if ('unmapped' in scope) return { path: `${file}: ${metric} for ${options.slice}`, scope: { section: 'overall' }, metric, claim, source, unmapped: scope.unmapped };
    const s: ClaimScope = { section: 'groups', ...scope };
    return { path: `${file}: groups.${scope.attribute}.${scope.group}.${metric}`, scope: s, metric, claim, source };
  }
  return { path: `${file}: overall.${metric}`, scope: { section: 'overall' }, metric, claim, source };
}

/** A file, or a part of one, that was recognised but could not be read: a medium finding naming where. */
export function unreadable(file: string, what: string): Finding {
  return { severity: 'medium', category: 'claim_not_recomputable', message: `${file}: ${what}; its claims are not checked.`, evidence: { file } };
}

/** A claim-shaped value that is not a number. */
export function notANumber(file: string, pointer: string, value: unknown): Finding {
  return {
    severity: 'medium',
    category: 'claim_not_comparable',
    message: `${file} ${pointer}: the value ${JSON.stringify(value)} is not a number; not checked.`,
    evidence: { file, pointer },
  };
}
