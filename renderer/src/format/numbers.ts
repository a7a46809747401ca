const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return counts.format(n);
}

/** Weights and thresholds keep two decimals so a column of them lines up. */
export function formatFixed(n: number, decimals = 2): string {
  return n.toFixed(decimals);
}
