/** Values counted: each distinct value with its count, in the order first met (a Map keeps it). */

/** Each distinct value with its count, in first-seen order. */
export function countsOf<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** How many values were counted. */
export function totalOf(counts: Map<unknown, number>): number {
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

/** A bin per distinct value of either sample, the reference's values first, each sample's in first-seen order: the two samples' counts. */
export function binnedCounts<T>(reference: Map<T, number>, current: Map<T, number>): [number[], number[]] {
  const refCounts: number[] = [];
  const curCounts: number[] = [];
  for (const [v, c] of reference) {
    refCounts.push(c);
    curCounts.push(current.get(v) ?? 0);
  }
  for (const [v, c] of current) {
    if (reference.has(v)) continue;
    refCounts.push(0);
    curCounts.push(c);
  }
  return [refCounts, curCounts];
}
