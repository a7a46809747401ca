/**
 * A metric's value in a sentence: at most four decimals, no trailing zeros
 * (0.688922855087946 → "0.6889", 0.25 → "0.25", 3 → "3"), as the findings write them.
 */
export function metricNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const text = v.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

let counts: Intl.NumberFormat | undefined;

/**
 * A count as the app writes it in a sentence, with thousands separators ("1,204"):
 * toLocaleString('en-US')'s text, from one formatter made once, at the first count written
 * and not when the module loads (toLocaleString makes one a call, which took a heatmap
 * update's "N of M models" most of a millisecond).
 */
export function countText(n: number): string {
  counts ??= new Intl.NumberFormat('en-US');
  return counts.format(n);
}
