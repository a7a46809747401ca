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

/**
 * metricNumber's text for a value a sentence says something of (`says`: "below 0.8", "meets
 * >= 0.99999"), or as many more significant digits as it takes for the written value to say
 * it too: a parity ratio of 0.79996 is "below 0.8" as "0.79996", not as "0.8", and an AUC
 * of 0.999989 fails ">= 0.99999" as "0.999989", not as "1".
 */
export function metricNumberSaying(v: number, says: (written: number) => boolean): string {
  const truth = says(v);
  const short = metricNumber(v);
  if (says(Number(short)) === truth) return short;
  for (let digits = 5; digits < 17; digits += 1) {
    const text = String(Number(v.toPrecision(digits)));
    if (says(Number(text)) === truth) return text;
  }
  // The shortest text that reads back as v itself.
  return String(v);
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
