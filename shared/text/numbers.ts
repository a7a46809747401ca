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
