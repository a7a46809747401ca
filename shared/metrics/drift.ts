import { evidentlyCategoricalScores, evidentlyNumericScores, evidentlyWassersteinNorm } from './evidentlyDrift';
import type { MetricNote } from './metricNotes';
import { sortedCopy } from './radixSort';

/** Drift of one feature between the reference and the current sample; the definitions are in index.ts. */

/** Proportion put in place of an empty bin so that ln(p_cur / p_ref) stays finite. */
export const PSI_EMPTY_PROPORTION = 1e-4;

export type ColumnKind = 'numeric' | 'categorical';

/** A feature column as the bundle reader hands it over: raw text, empty cells as null. */
export type FeatureColumn = readonly (string | null)[];

export type DriftMetrics = {
  psi: number | null;
  ks: number | null;
  /** Empty values in the reference and the current sample, left out of both metrics. */
  missing: [number, number];
};

/**
 * Evidently's drift scores of the same feature, so that a claim made with Evidently is
 * checked under its own binning (shared/dialects). Null where the feature has no value in
 * a sample, or (Wasserstein) is categorical.
 */
export type EvidentlyDrift = {
  psi: number | null;
  jensenshannon: number | null;
  kl_div: number | null;
  wasserstein_norm: number | null;
};

const NO_EVIDENTLY: EvidentlyDrift = { psi: null, jensenshannon: null, kl_div: null, wasserstein_norm: null };

export interface DriftResult {
  kind: ColumnKind;
  metrics: DriftMetrics;
  notes: MetricNote[];
  evidently: EvidentlyDrift;
  /** Cells of the feature, empty ones included, in the reference and the current sample: their row counts. */
  rows: [number, number];
  /** A numeric feature's cells written as one of MISSING_TOKENS, read as missing (counted in `missing`): the tokens seen. */
  missingTokens?: string[];
  /** Why a feature is categorical: its first value that is neither a number nor a missing token. */
  categoricalBecause?: string;
}

/** How pandas, R, Spark and SQL exports write a missing number; read as missing in a column that is otherwise numeric. */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['NA', 'NaN', 'nan', 'null', 'None']);

/**
 * What a person reads as a decimal number and nothing else, the language of
 * /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/. Number() accepts that and more: surrounding
 * whitespace, "" (as 0), "0x1f", "0b1", "0o7" and "Infinity". A finite Number() result
 * whose text starts with a digit, sign or point, ends with a digit or point, and is not
 * a 0x/0b/0o literal is exactly that language; checking three characters costs far less
 * than the regular expression over millions of drift cells.
 */
export function parseFiniteDecimal(text: string): number | null {
  const v = Number(text);
  if (!Number.isFinite(v) || text.length === 0) return null;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const startsRight = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  const endsRight = (last >= 48 && last <= 57) || last === 46;
  if (!startsRight || !endsRight) return null;
  if (first === 48 && text.length > 2) {
    const second = text.charCodeAt(1) | 0x20;
    // "0x1f" | "0b1" | "0o7" lower-cased.
    if (second === 120 || second === 98 || second === 111) return null;
  }
  return v;
}

function isEmpty(value: string | null): value is null | '' {
  return value === null || value === '';
}

/** The non-empty values as numbers, or null as soon as one is neither a finite decimal nor a missing token (those counted in `tokens`). */
function numericValues(column: FeatureColumn, tokens?: Map<string, number>): Float64Array | null {
  const out = new Float64Array(column.length);
  let k = 0;
  for (const value of column) {
    if (isEmpty(value)) continue;
    const v = parseFiniteDecimal(value);
    if (v === null) {
      if (!MISSING_TOKENS.has(value)) return null;
      tokens?.set(value, (tokens.get(value) ?? 0) + 1);
      continue;
    }
    out[k] = v;
    k += 1;
  }
  return out.subarray(0, k);
}

/** Numeric when every non-empty value of every sample is a finite decimal number; otherwise categorical. */
export function classifyColumn(...samples: FeatureColumn[]): ColumnKind {
  return samples.every((s) => numericValues(s) !== null) ? 'numeric' : 'categorical';
}

/**
 * numpy.percentile(..., method="linear") at one q of an ascending array: index (n-1)*q,
 * and numpy's _lerp, which interpolates from the upper neighbour when the fraction is at
 * least one half. Mirroring that branch matters: an edge one ulp off moves a value that
 * sits exactly on it into the next bin.
 */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const last = sorted.length - 1;
  const position = last * q;
  if (position >= last) return sorted[last] as number;
  const below = Math.floor(position);
  const t = position - below;
  const a = sorted[below] as number;
  const b = sorted[below + 1] as number;
  const d = b - a;
  return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/** The reference's deciles (q = 0.1 .. 0.9), ascending, duplicates dropped (numpy.unique of numpy.percentile). */
export function decileEdges(sortedReference: Float64Array): Float64Array {
  // k / 10 is the same double as numpy's (10 k) / 100: both are the rounding of one rational.
  const edges = Float64Array.from({ length: 9 }, (_, i) => quantileOfSorted(sortedReference, (i + 1) / 10)).sort();
  let k = 0;
  for (let i = 0; i < edges.length; i += 1) {
    if (k === 0 || edges[i] !== edges[k - 1]) {
      edges[k] = edges[i] as number;
      k += 1;
    }
  }
  return edges.slice(0, k);
}

/** How many values of an ascending array are <= v (numpy.searchsorted side="right"). */
function countAtOrBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts of an ascending sample in the right-closed bins (-inf, e1], (e1, e2], ..., (e_last, +inf). */
export function binCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let below = 0;
  for (let i = 0; i < edges.length; i += 1) {
    const upTo = countAtOrBelow(sorted, edges[i] as number);
    counts[i] = upTo - below;
    below = upTo;
  }
  counts[edges.length] = sorted.length - below;
  return counts;
}

/** PSI = sum over bins of (p_cur - p_ref) * ln(p_cur / p_ref), an empty bin's proportion taken as 1e-4. */
export function psiFromCounts(referenceCounts: ArrayLike<number>, currentCounts: ArrayLike<number>): number {
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < referenceCounts.length; i += 1) {
    nRef += referenceCounts[i] as number;
    nCur += currentCounts[i] as number;
  }
  let psi = 0;
  for (let i = 0; i < referenceCounts.length; i += 1) {
    const ref = referenceCounts[i] as number;
    const cur = currentCounts[i] as number;
    const pRef = ref === 0 ? PSI_EMPTY_PROPORTION : ref / nRef;
    const pCur = cur === 0 ? PSI_EMPTY_PROPORTION : cur / nCur;
    psi += (pCur - pRef) * Math.log(pCur / pRef);
  }
  return psi;
}

/**
 * The two-sample Kolmogorov-Smirnov statistic, max |F_a(v) - F_b(v)| over every observed v,
 * as scipy.stats.ks_2samp's statistic: one merge walk over both ascending samples, each
 * step past all copies of the next value in either sample, so ties move both CDFs at once.
 */
export function ksStatistic(sortedA: Float64Array, sortedB: Float64Array): number {
  const na = sortedA.length;
  const nb = sortedB.length;
  let i = 0;
  let j = 0;
  let d = 0;
  // Once one sample is used up its CDF is 1 and the other's only climbs towards it.
  while (i < na && j < nb) {
    const a = sortedA[i] as number;
    const b = sortedB[j] as number;
    const v = a < b ? a : b;
    while (i < na && sortedA[i] === v) i += 1;
    while (j < nb && sortedB[j] === v) j += 1;
    const gap = Math.abs(i / na - j / nb);
    if (gap > d) d = gap;
  }
  return d;
}

function sortedDrift(ref: Float64Array, cur: Float64Array): { psi: number; ks: number } {
  const edges = decileEdges(ref);
  return { psi: psiFromCounts(binCounts(ref, edges), binCounts(cur, edges)), ks: ksStatistic(ref, cur) };
}

/** PSI over the reference's deciles and the KS statistic of two non-empty numeric samples. */
export function numericDrift(reference: Float64Array, current: Float64Array): { psi: number; ks: number } {
  return sortedDrift(sortedCopy(reference), sortedCopy(current));
}

/** PSI with one bin per category seen in either non-empty sample. */
export function categoricalPsi(reference: Iterable<string>, current: Iterable<string>): number {
  const bins = new Map<string, number>();
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  const count = (values: Iterable<string>, into: number[]): void => {
    for (const value of values) {
      let bin = bins.get(value);
      if (bin === undefined) {
        bin = bins.size;
        bins.set(value, bin);
        refCounts.push(0);
        curCounts.push(0);
      }
      (into[bin] as number) += 1;
    }
  };
  count(reference, refCounts);
  count(current, curCounts);
  return psiFromCounts(refCounts, curCounts);
}

function* nonEmpty(column: FeatureColumn): Generator<string> {
  for (const value of column) if (!isEmpty(value)) yield value;
}

function countEmpty(column: FeatureColumn): number {
  let n = 0;
  for (const value of column) if (isEmpty(value)) n += 1;
  return n;
}

function sum(counts: Map<string, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/**
 * Why a feature that holds numbers is categorical all the same: its first value that is
 * neither a number nor a missing token. A feature of words only is plainly categorical
 * and gets no reason.
 */
function notANumber(reference: FeatureColumn, current: FeatureColumn): string | undefined {
  let first: string | undefined;
  let sawNumber = false;
  for (const [sample, column] of [['reference', reference], ['current', current]] as const) {
    for (const value of column) {
      if (isEmpty(value) || MISSING_TOKENS.has(value)) continue;
      if (parseFiniteDecimal(value) !== null) sawNumber = true;
      else first ??= `it holds numbers, but the ${sample} sample also holds "${value.length > 40 ? `${value.slice(0, 40)}…` : value}", which is not one`;
      if (sawNumber && first !== undefined) return first;
    }
  }
  return undefined;
}

/** Classifies the feature, counts its empty values and computes PSI and, for a numeric feature, KS. */
export function featureDrift(reference: FeatureColumn, current: FeatureColumn): DriftResult {
  const rows: [number, number] = [reference.length, current.length];
  const notes: MetricNote[] = [];
  const refTokens = new Map<string, number>();
  const curTokens = new Map<string, number>();
  const refNumbers = numericValues(reference, refTokens);
  const curNumbers = refNumbers === null ? null : numericValues(current, curTokens);
  const numeric = refNumbers !== null && curNumbers !== null;
  // In a numeric feature the missing tokens are missing cells; in a categorical one they are categories like any other.
  const missing: [number, number] = numeric
    ? [countEmpty(reference) + sum(refTokens), countEmpty(current) + sum(curTokens)]
    : [countEmpty(reference), countEmpty(current)];
  const emptyReason = reference.length - missing[0] === 0 ? 'no_reference_values' : current.length - missing[1] === 0 ? 'no_current_values' : null;
  if (numeric) {
    const tokens = [...new Set([...refTokens.keys(), ...curTokens.keys()])].sort();
    const read = tokens.length > 0 ? { missingTokens: tokens } : {};
    if (emptyReason !== null) {
      notes.push({ metric: 'psi', outcome: 'null', reason: emptyReason }, { metric: 'ks', outcome: 'null', reason: emptyReason });
      return { kind: 'numeric', metrics: { psi: null, ks: null, missing }, notes, evidently: NO_EVIDENTLY, rows, ...read };
    }
    // One sort of each sample serves ours and Evidently's scores.
    const ref = sortedCopy(refNumbers);
    const cur = sortedCopy(curNumbers);
    const evidently = { ...evidentlyNumericScores(ref, cur), wasserstein_norm: evidentlyWassersteinNorm(ref, cur) };
    return { kind: 'numeric', metrics: { ...sortedDrift(ref, cur), missing }, notes, evidently, rows, ...read };
  }
  notes.push({ metric: 'ks', outcome: 'null', reason: 'categorical' });
  const because = notANumber(reference, current);
  const why = because === undefined ? {} : { categoricalBecause: because };
  if (emptyReason !== null) {
    notes.push({ metric: 'psi', outcome: 'null', reason: emptyReason });
    return { kind: 'categorical', metrics: { psi: null, ks: null, missing }, notes, evidently: NO_EVIDENTLY, rows, ...why };
  }
  const evidently = { ...evidentlyCategoricalScores(nonEmpty(reference), nonEmpty(current)), wasserstein_norm: null };
  return { kind: 'categorical', metrics: { psi: categoricalPsi(nonEmpty(reference), nonEmpty(current)), ks: null, missing }, notes, evidently, rows, ...why };
}
