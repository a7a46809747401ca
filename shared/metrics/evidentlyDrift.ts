import { CompensatedSum } from './compensatedSum';
import { binnedCounts, countsOf, totalOf } from './counts';
import { searchSorted } from './searchSorted';

/**
 * Evidently's drift scores, transcribed from its source (evidently/legacy/calculations/
 * stattests/psi.py, utils.py get_binned_data, wasserstein_distance_norm.py), so that a
 * drift claim made with Evidently is checked under Evidently's definition.
 *
 * PSI ("psi" stattest, default threshold 0.1):
 * - a numeric feature whose reference has more than 20 distinct values is binned with
 *   numpy.histogram_bin_edges(reference + current, bins="sturges"): ceil(ptp / width)
 *   equal bins, width = ptp / (log2(n) + 1) over both samples' n values, edges by
 *   numpy.linspace from min to max (min - 0.5 to max + 0.5 when all are equal); bins are
 *   [e_i, e_i+1) but the last is closed, as numpy.histogram counts;
 * - otherwise one bin per distinct value of either sample (numbers by value);
 * - proportions are counts over the sample's size; an empty bin's proportion becomes
 *   min(non-zero proportion) / 1e6 when that minimum is at most 1e-4, else 1e-4, in each
 *   sample separately;
 * - PSI = sum of (p_ref - p_cur) * ln(p_ref / p_cur).
 * Jensen-Shannon ("jensenshannon"): scipy.spatial.distance.jensenshannon of the same
 * proportions before the fill of empty bins (natural log; scipy rescales each to sum 1).
 * Kullback-Leibler ("kl_div"): scipy.stats.entropy(p_ref, p_cur) of the filled proportions
 * (each rescaled to sum 1), sum of p ln(p / q).
 * Wasserstein ("wasserstein" stattest, numeric only): scipy.stats.wasserstein_distance of
 * the two samples divided by max(numpy.std(reference), 0.001), numpy.std with ddof 0.
 * Evidently's KS, chi-squared and z-test report p-values, which we do not compute; its
 * Hellinger distance bins the distinct values, not the samples, and is not computed either.
 */

export const EVIDENTLY_DISTINCT_LIMIT = 20;

/** numpy.histogram_bin_edges(values, bins="sturges") of n values from min to max: the edges need no more. */
export function sturgesEdges(min: number, max: number, n: number): Float64Array {
  let first = min;
  let last = max;
  const width = (last - first) / (Math.log2(n) + 1);
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const bins = width ? Math.ceil((last - first) / width) : 1;
  const step = (last - first) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => i * step + first);
  edges[bins] = last;
  return edges;
}

/** numpy.histogram(sorted, edges)[0]: half-open bins, the last one closed. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const last = edges.length - 1;
  const cumulative = Array.from(edges, (e, i) => searchSorted(sorted, e, i === last));
  return Float64Array.from({ length: last }, (_, i) => (cumulative[i + 1] as number) - (cumulative[i] as number));
}

/** Evidently's fill of empty bins (get_binned_data, feel_zeroes=True). */
function fillZeroes(proportions: Float64Array): Float64Array {
  let min = Infinity;
  for (const p of proportions) if (p !== 0 && p < min) min = p;
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  return proportions.map((p) => (p === 0 ? fill : p));
}

export type EvidentlyBinnedScores = { psi: number; jensenshannon: number; kl_div: number };

function sum(xs: Float64Array): number {
  const total = new CompensatedSum();
  for (const x of xs) total.add(x);
  return total.value;
}

/** x ln(x / y), 0 where x is 0 (scipy.special.rel_entr). */
function relEntr(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(x / y);
}

/** The scores Evidently computes from get_binned_data's proportions. */
function scoresOfProportions(reference: Float64Array, current: Float64Array): EvidentlyBinnedScores {
  const ref = fillZeroes(reference);
  const cur = fillZeroes(current);
  const psi = new CompensatedSum();
  ref.forEach((r, i) => psi.add((r - (cur[i] as number)) * Math.log(r / (cur[i] as number))));
  const [refSum, curSum] = [sum(ref), sum(cur)];
  const kl = new CompensatedSum();
  ref.forEach((r, i) => kl.add(relEntr(r / refSum, (cur[i] as number) / curSum)));
  const [rawRefSum, rawCurSum] = [sum(reference), sum(current)];
  const js = new CompensatedSum();
  reference.forEach((r, i) => {
    const p = r / rawRefSum;
    const q = (current[i] as number) / rawCurSum;
    const m = (p + q) / 2;
    js.add(relEntr(p, m) + relEntr(q, m));
  });
  return { psi: psi.value, jensenshannon: Math.sqrt(Math.max(js.value, 0) / 2), kl_div: kl.value };
}

function distinctCount(sorted: Float64Array): number {
  let n = 0;
  for (let i = 0; i < sorted.length; i += 1) if (i === 0 || sorted[i] !== sorted[i - 1]) n += 1;
  return n;
}

/** binnedCounts as proportions of each sample. */
function proportionsOfCounts<T>(reference: Map<T, number>, current: Map<T, number>): [Float64Array, Float64Array] {
  const [nRef, nCur] = [totalOf(reference), totalOf(current)];
  const [refCounts, curCounts] = binnedCounts(reference, current);
  return [Float64Array.from(refCounts, (c) => c / nRef), Float64Array.from(curCounts, (c) => c / nCur)];
}

/** Evidently's binned scores of two non-empty numeric samples, each ascending. */
export function evidentlyNumericScores(ref: Float64Array, cur: Float64Array): EvidentlyBinnedScores {
  if (distinctCount(ref) <= EVIDENTLY_DISTINCT_LIMIT) return scoresOfProportions(...proportionsOfCounts(countsOf(ref), countsOf(cur)));
  const min = Math.min(ref[0] as number, cur[0] as number);
  const max = Math.max(ref[ref.length - 1] as number, cur[cur.length - 1] as number);
  const edges = sturgesEdges(min, max, ref.length + cur.length);
  const pRef = histogramCounts(ref, edges).map((c) => c / ref.length);
  const pCur = histogramCounts(cur, edges).map((c) => c / cur.length);
  return scoresOfProportions(pRef, pCur);
}

/** Evidently's binned scores of two non-empty categorical samples, counted (each category with its count, in first-seen order): one bin per category. */
export function evidentlyCategoricalScoresOfCounts(reference: Map<string, number>, current: Map<string, number>): EvidentlyBinnedScores {
  return scoresOfProportions(...proportionsOfCounts(reference, current));
}

/** scipy.stats.wasserstein_distance(reference, current) / max(numpy.std(reference), 0.001) of two ascending samples. */
export function evidentlyWassersteinNorm(ref: Float64Array, cur: Float64Array): number {
  // The area between the two empirical CDFs, walked over the merged values.
  const area = new CompensatedSum();
  let i = 0;
  let j = 0;
  let previous = Math.min(ref[0] as number, cur[0] as number);
  while (i < ref.length || j < cur.length) {
    const v = j >= cur.length || (i < ref.length && (ref[i] as number) <= (cur[j] as number)) ? (ref[i] as number) : (cur[j] as number);
    area.add(Math.abs(i / ref.length - j / cur.length) * (v - previous));
    while (i < ref.length && ref[i] === v) i += 1;
    while (j < cur.length && cur[j] === v) j += 1;
    previous = v;
  }
  const mean = new CompensatedSum();
  for (const v of ref) mean.add(v);
  const mu = mean.value / ref.length;
  const spread = new CompensatedSum();
  for (const v of ref) spread.add((v - mu) * (v - mu));
  return area.value / Math.max(Math.sqrt(spread.value / ref.length), 0.001);
}
