import { binnedCounts, countsOf, totalOf } from './counts';
import { evidentlyCategoricalScoresOfCounts, evidentlyNumericScores, evidentlyWassersteinNorm } from './evidentlyDrift';
import { featureSample, type FeatureSample } from './featureSample';
import type { FeatureColumn } from './cells';
import type { MetricNote } from './metricNotes';
import { sortedCopy } from './radixSort';
import { searchSorted } from './searchSorted';

/** Drift of one feature between the reference and the current sample; the definitions are in index.ts. */

/** Proportion put in place of an empty bin so that ln(p_cur / p_ref) stays finite. */
export const PSI_EMPTY_PROPORTION = 1e-4;

export type ColumnKind = 'numeric' | 'categorical';

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

/** Numeric when every non-empty value of every sample is a finite decimal number or a missing token; otherwise categorical. */
export function classifyColumn(...samples: FeatureColumn[]): ColumnKind {
  return samples.every((s) => featureSample(s).numeric !== null) ? 'numeric' : 'categorical';
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

/** Counts of an ascending sample in the right-closed bins (-inf, e1], (e1, e2], ..., (e_last, +inf). */
export function binCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let below = 0;
  for (let i = 0; i < edges.length; i += 1) {
    const upTo = searchSorted(sorted, edges[i] as number, true);
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
  return categoricalPsiOfCounts(countsOf(reference), countsOf(current));
}

/** categoricalPsi of two samples counted (each category with its count, in first-seen order). */
function categoricalPsiOfCounts(reference: Map<string, number>, current: Map<string, number>): number {
  return psiFromCounts(...binnedCounts(reference, current));
}

/**
 * Why a feature that holds numbers is categorical all the same: its first value, in the
 * reference and then the current sample, that is neither a number nor a missing token. A
 * feature of words only is plainly categorical and gets no reason.
 */
function notANumber(reference: FeatureSample, current: FeatureSample): string | undefined {
  if (!reference.sawNumber && !current.sawNumber) return undefined;
  const [sample, value] = reference.firstOther !== undefined ? ['reference', reference.firstOther] : ['current', current.firstOther];
  if (value === undefined) return undefined;
  return `it holds numbers, but the ${sample} sample also holds "${value.length > 40 ? `${value.slice(0, 40)}…` : value}", which is not one`;
}

/** Classifies the feature, counts its empty values and computes PSI and, for a numeric feature, KS. */
export function featureDrift(reference: FeatureColumn, current: FeatureColumn): DriftResult {
  return sampleDrift(featureSample(reference), featureSample(current));
}

/** featureDrift of two samples read into FeatureSamples (featureSample.ts), as the bundle reader reads them. */
export function sampleDrift(reference: FeatureSample, current: FeatureSample): DriftResult {
  const rows: [number, number] = [reference.rows, current.rows];
  const notes: MetricNote[] = [];
  const refNumbers = reference.numeric;
  const curNumbers = current.numeric;
  // In a numeric feature the missing tokens are missing cells; in a categorical one they are categories like any other.
  if (refNumbers !== null && curNumbers !== null) {
    const missing: [number, number] = [reference.empty + totalOf(refNumbers.tokens), current.empty + totalOf(curNumbers.tokens)];
    const emptyReason = emptyReasonOf(rows, missing);
    const tokens = [...new Set([...refNumbers.tokens.keys(), ...curNumbers.tokens.keys()])].sort();
    const read = tokens.length > 0 ? { missingTokens: tokens } : {};
    if (emptyReason !== null) {
      notes.push({ metric: 'psi', outcome: 'null', reason: emptyReason }, { metric: 'ks', outcome: 'null', reason: emptyReason });
      return { kind: 'numeric', metrics: { psi: null, ks: null, missing }, notes, evidently: NO_EVIDENTLY, rows, ...read };
    }
    // One sort of each sample serves ours and Evidently's scores.
    const ref = sortedCopy(refNumbers.numbers());
    const cur = sortedCopy(curNumbers.numbers());
    const evidently = { ...evidentlyNumericScores(ref, cur), wasserstein_norm: evidentlyWassersteinNorm(ref, cur) };
    return { kind: 'numeric', metrics: { ...sortedDrift(ref, cur), missing }, notes, evidently, rows, ...read };
  }
  const missing: [number, number] = [reference.empty, current.empty];
  const emptyReason = emptyReasonOf(rows, missing);
  notes.push({ metric: 'ks', outcome: 'null', reason: 'categorical' });
  const because = notANumber(reference, current);
  const why = because === undefined ? {} : { categoricalBecause: because };
  if (emptyReason !== null) {
    notes.push({ metric: 'psi', outcome: 'null', reason: emptyReason });
    return { kind: 'categorical', metrics: { psi: null, ks: null, missing }, notes, evidently: NO_EVIDENTLY, rows, ...why };
  }
  const [refCounts, curCounts] = [reference.categories(), current.categories()];
  const evidently = { ...evidentlyCategoricalScoresOfCounts(refCounts, curCounts), wasserstein_norm: null };
  return { kind: 'categorical', metrics: { psi: categoricalPsiOfCounts(refCounts, curCounts), ks: null, missing }, notes, evidently, rows, ...why };
}

function emptyReasonOf(rows: [number, number], missing: [number, number]): 'no_reference_values' | 'no_current_values' | null {
  return rows[0] - missing[0] === 0 ? 'no_reference_values' : rows[1] - missing[1] === 0 ? 'no_current_values' : null;
}
