/** numpy.searchsorted on an ascending array without NaN: how many values are < v (side "left") or <= v (side "right"). */
export function searchSorted(sorted: ArrayLike<number>, v: number, right: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid] as number;
    if (x < v || (right && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
