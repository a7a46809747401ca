import { roundHeat } from './heat';

export interface Rankable {
  id: string;
  heat: number | null;
  impact: number | null;
}

export interface Ranked<T extends Rankable> {
  model: T;
  /** 1-based position in the ranking; unscored models come after every scored one. */
  rank: number;
  topQuartile: boolean;
}

function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return roundHeat(b) - roundHeat(a);
}

/**
 * Ids compare by UTF-16 code units, not localeCompare, so every machine, locale and
 * renderer (app, CLI, PDF) produces the same order.
 */
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Models in heatmap order (SPEC section 6): heat descending, then impact descending (a
 * model with no impact score after those with one), then id ascending, so ties always
 * break the same way; unscored models last.
 *
 * The top quartile is exactly the first ceil(n / 4) of the n scored models in this order
 * (n = 1, 4, 5, 7 -> 1, 1, 2, 2). A tie across the cut is broken by the order above
 * rather than widening the quartile, so the executive summary always names ceil(n / 4)
 * models and the reader can count them.
 */
export function rankModels<T extends Rankable>(models: readonly T[]): Ranked<T>[] {
  const ordered = [...models].sort(
    (a, b) => descendingNullsLast(a.heat, b.heat) || descendingNullsLast(a.impact, b.impact) || byId(a.id, b.id),
  );
  // Scored models come first, so the first ceil(n / 4) positions are all scored ones.
  const quartile = Math.ceil(ordered.filter((m) => m.heat !== null).length / 4);
  return ordered.map((model, i) => ({ model, rank: i + 1, topQuartile: i < quartile }));
}
